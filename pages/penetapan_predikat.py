"""Pimpinan — Penetapan Predikat Kinerja Organisasi (docs/domain.md §8.35): for a unit below the pimpinan (any unit
for an admin), the capaian of its leader's Perjanjian Kinerja as the basis, the realisasi entered here, the
suggested predikat, "Tetapkan" with the document's number, and the signed PDF."""

from decimal import Decimal

import streamlit as st

from components.context import current
from components.ui import esc, handle_errors, jalankan, show_flash
from db.enums import PredikatOrganisasi
from db.session import session_scope
from services.evaluasi import dokumen_predikat, penetapan_predikat, periode_evaluasi
from services.platform import format as fmt
from services.platform.kalender import hari_ini

ctx = current()
st.title("Penetapan Predikat Kinerja Organisasi")
show_flash()
if not ctx.actor.boleh_lihat_dasbor:
    st.error("Penetapan Predikat Kinerja Organisasi hanya untuk pimpinan unit kerja dan Admin BKPSDM.")
    st.stop()
with session_scope(ctx.engine, readonly=True) as s:
    units = {u.id: u.nama for u in penetapan_predikat.unit_untuk_penetapan(s, ctx.actor)}
    kode_list = periode_evaluasi.kode_periode(s)
    kode_berjalan = periode_evaluasi.kode_untuk_bulan(s, hari_ini().month)
if not units:
    st.info(
        "Tidak ada unit kerja di bawah unit Anda. Predikat unit Anda sendiri ditetapkan oleh pimpinan di atas Anda.",
        icon=":material/info:",
    )
    st.stop()
st.caption(
    "Predikat ditetapkan oleh pimpinan di atas unit berdasarkan capaian Perjanjian Kinerja pimpinan unit "
    "(SE MenPANRB 3/2023). Realisasi indikator dapat dicatat di sini; bila belum dicatat, capaian dihitung dari "
    "realisasi SKP pimpinan unit. Saran SIPIJAR hanya bantuan: Anda yang memutuskan."
)
kiri, tengah, kanan = st.columns([3, 1, 1])
unit_id = kiri.selectbox("Unit Kerja", list(units), format_func=units.get, key="pp_unit")
tahun_ini = hari_ini().year
tahun = tengah.selectbox("Tahun", list(range(tahun_ini, tahun_ini - 5, -1)), key="pp_tahun")
# As on Evaluasi Kinerja's Kurva tab: this year's running evaluation period, an earlier year's Tahunan.
kode_awal = kode_berjalan if tahun == tahun_ini else kode_list[-1]
kode = kanan.selectbox(
    "Periode",
    kode_list,
    index=kode_list.index(kode_awal),
    format_func=periode_evaluasi.label_periode,
    key=f"pp_kode_{tahun}",
)

with handle_errors(), session_scope(ctx.engine, readonly=True) as s:
    d = penetapan_predikat.dasar(s, ctx.actor, unit_id, tahun, kode)
    st.text(f"Pimpinan unit: {d.pemimpin or '-'}")
    if d.indikator:
        st.dataframe(  # the figures first: the long Sasaran Strategis last, so a laptop screen shows the capaian
            [
                {
                    "Indikator": i.indikator,
                    "Target": f"{fmt.target(i.target)} {i.satuan}",
                    "Realisasi": f"{fmt.target(i.realisasi)} {i.satuan}" if i.realisasi is not None else "-",
                    "Capaian": fmt.persen(i.capaian_persen) if i.capaian_persen is not None else "-",
                    "Sumber": i.sumber,
                    "Sasaran Strategis": i.sasaran,
                }
                for i in d.indikator
            ],
            hide_index=True,
            width="stretch",
            column_config={
                "Indikator": st.column_config.TextColumn(width="large"),
                "Sasaran Strategis": st.column_config.TextColumn(width="large"),
            },
        )
        with st.expander("Catat Realisasi Indikator", icon=":material/edit_note:"):
            with st.form(f"pp_realisasi_{unit_id}_{tahun}_{kode}", enter_to_submit=False):
                isian = {
                    i.indikator_pk_id: st.number_input(
                        f"{i.indikator} ({i.satuan}, target {fmt.target(i.target)})",
                        min_value=0.0,
                        value=float(i.realisasi) if i.realisasi is not None else None,
                        key=f"pp_r_{i.indikator_pk_id}",
                    )
                    for i in d.indikator
                }
                catat = st.form_submit_button("Simpan Realisasi", icon=":material/save:")
            if catat:
                diisi = {k: v for k, v in isian.items() if v is not None}

                def _catat(session) -> int:
                    for indikator_id, nilai in diisi.items():
                        penetapan_predikat.catat_realisasi(session, ctx.actor, indikator_id, Decimal(str(nilai)))
                    return len(diisi)

                jalankan(ctx.engine, _catat, lambda n: f"Realisasi {n} indikator disimpan.")
    st.metric("Rata-rata capaian", fmt.persen(d.capaian_persen) if d.capaian_persen is not None else "-")
    st.info(esc(f"Saran: {d.saran.value if d.saran else '-'} — {d.alasan}"), icon=":material/lightbulb:")
    if d.penetapan is not None:
        st.success(
            esc(
                f"Ditetapkan: {d.penetapan.predikat.value}"
                + (f", nomor {d.penetapan.nomor}" if d.penetapan.nomor else "")
                + f" ({fmt.waktu(d.penetapan.updated_at)})."
            ),
            icon=":material/verified:",
        )

    with st.form(f"pp_tetapkan_{unit_id}_{tahun}_{kode}", enter_to_submit=False):
        pilihan = PredikatOrganisasi.values()
        awal = d.penetapan.predikat if d.penetapan else d.saran
        predikat = st.selectbox(
            "Predikat Kinerja Organisasi",
            pilihan,
            index=pilihan.index(awal.value) if awal else 1,
            key=f"pp_predikat_{unit_id}_{tahun}_{kode}_{awal}",  # follows a new suggestion
        )
        nomor = st.text_input(
            "Nomor penetapan", value=d.penetapan.nomor or "" if d.penetapan else "", max_chars=100, key="pp_nomor"
        )
        tetapkan = st.form_submit_button("Tetapkan", type="primary", icon=":material/gavel:")
    if tetapkan:
        jalankan(
            ctx.engine,
            lambda session: penetapan_predikat.tetapkan(session, ctx.actor, unit_id, tahun, kode, predikat, nomor),
            f"Predikat Kinerja Organisasi {units[unit_id]} {d.label} ditetapkan: {predikat}.",
        )
    if d.penetapan is not None:

        def _pdf() -> bytes:
            with session_scope(ctx.engine, readonly=True) as session:
                return dokumen_predikat.cetak(session, ctx.actor, unit_id, tahun, kode)

        st.download_button(
            "Unduh PDF Penetapan",
            data=_pdf,
            on_click="ignore",
            file_name=dokumen_predikat.nama_berkas(units[unit_id], tahun, kode),
            mime="application/pdf",
            icon=":material/picture_as_pdf:",
        )
