"""Umpan Balik Berkelanjutan (e-book "Tahapan Umpan Balik Berkelanjutan"): tab Hasil Kerja (realisasi,
sumber data, bukti dukung; the atasan's umpan balik), tab Perilaku Kerja (the atasan's umpan balik per
BerAKHLAK value) and tab Evaluasi (the pegawai's own Final evaluations, with the document)."""

import streamlit as st

from components.context import current
from components.ui import esc, flash, handle_errors, jalankan, show_flash, tulis
from components.umpan_balik_tabel import (
    TINGGI_BARIS,
    pilih_bulan_periode,
    tabel_hasil_kerja,
    tombol_bukti,
    versi_terlihat,
)
from db.session import session_scope
from services.evaluasi import dokumen_evaluasi, peran, ringkasan, umpan_balik, umpan_balik_perilaku
from services.evaluasi.periode_evaluasi import label_periode
from services.platform import format as fmt

ctx = current()
st.title("Umpan Balik Berkelanjutan")
show_flash()

with session_scope(ctx.engine, readonly=True) as session:
    saya = peran.skp_saya(session, ctx.actor)
    bawahan = peran.skp_bawahan(session, ctx.actor)

mode = "SKP Saya"
if ctx.kepala_daerah:  # no SKP of their own: only their bawahan's (docs/domain.md §8.32)
    mode = "Bawahan"
elif bawahan:
    mode = st.radio("Tampilkan", ["SKP Saya", "Bawahan"], horizontal=True, key="ub_mode")
pilihan_list = bawahan if mode == "Bawahan" else saya
if mode == "Bawahan" and not bawahan:
    st.info("Belum ada bawahan yang menjadikan Anda pejabat penilai pada Periode SKP-nya.", icon=":material/group:")
    skp_id = None
elif mode == "Bawahan":
    labels = {p.skp_id: f"{p.nama} — {p.jabatan} ({p.label})" for p in bawahan}
    skp_id = st.selectbox("Pilih Bawahan", list(labels), format_func=labels.get, key="ub_bawahan")
elif saya:
    labels = {p.skp_id: f"{p.label} — {p.jabatan}" for p in saya}
    skp_id = st.selectbox("Periode SKP", list(labels), format_func=labels.get, key="ub_periode")
else:
    skp_id = None
pilihan = next((p for p in pilihan_list if p.skp_id == skp_id), None)


def _hasil_kerja() -> None:
    bulan = pilih_bulan_periode(pilihan.bulan, pilihan.tahun, key=f"ub_bulan_{skp_id}")
    with session_scope(ctx.engine, readonly=True) as session:
        hk = umpan_balik.hasil_kerja(session, ctx.actor, skp_id, bulan)
    if not hk.rows:
        st.info("SKP ini belum memiliki indikator.", icon=":material/info:")
        return
    if hk.terkunci_oleh:
        st.info(
            esc(f"Evaluasi Kinerja {hk.terkunci_oleh} sudah Final: data bulan ini terkunci."), icon=":material/lock:"
        )
    tabel_hasil_kerja(hk)
    if not (hk.bisa_isi or hk.bisa_umpan_balik):
        return
    nomor = {r.indikator_id: f"{i}. {r.indikator}" for i, r in enumerate(hk.rows, start=1)}
    ind_id = st.selectbox("Indikator", list(nomor), format_func=nomor.get, key=f"ub_ind_{skp_id}_{bulan}")
    row = next(r for r in hk.rows if r.indikator_id == ind_id)
    seen = versi_terlihat(f"ub_ver_{ind_id}_{bulan}", row.version)
    if hk.bisa_isi:
        _form_realisasi(row, bulan, seen)
    else:
        _form_umpan_balik(row, bulan, seen)


def _form_realisasi(row, bulan: int, seen: int | None) -> None:
    with st.container(border=True):
        st.markdown(":material/description: **Isi Realisasi**")
        st.caption(
            f"Target bulan ini: {fmt.target(row.target_bulan)} {row.satuan} · "
            f"Target tahunan: {fmt.target(row.target_tahunan)} {row.satuan}"
        )
        with st.form(f"form_realisasi_{row.indikator_id}_{bulan}_{row.version}", enter_to_submit=False):
            realisasi = st.number_input(
                f"Realisasi ({row.satuan})",
                min_value=0.0,
                step=1.0,
                format="%g",
                value=float(row.realisasi_usulan) if row.realisasi_usulan is not None else None,
                key=f"ub_realisasi_{row.indikator_id}_{bulan}_{row.version}",
            )
            if row.realisasi is None and row.realisasi_usulan is not None:
                volume = f"{fmt.target(row.realisasi_usulan)} {row.satuan}"
                st.caption(
                    f"Diisi dari volume output aktivitas harian tervalidasi bulan ini ({esc(volume)}); ubah bila "
                    "perlu, lalu Simpan."
                )
            sumber = st.text_input(
                "Sumber Data",
                value=row.sumber_data or "",
                max_chars=500,
                placeholder="mis. Aplikasi SIMPEG, Buku agenda surat",
                key=f"ub_sumber_{row.indikator_id}_{bulan}_{row.version}",
            )
            bukti = st.text_area(
                "Bukti Dukung (tautan http/https, satu per baris)",
                value="\n".join(row.bukti),
                placeholder="https://drive.google.com/…",
                height=90,
                key=f"ub_bukti_{row.indikator_id}_{bulan}_{row.version}",
            )
            simpan = st.form_submit_button("Simpan", type="primary", icon=":material/save:")
        if row.umpan_balik:
            st.text(f"Umpan balik atasan: {row.umpan_balik}")
    if simpan:
        nilai = None if realisasi is None else str(realisasi)
        jalankan(
            ctx.engine,
            lambda s: umpan_balik.simpan_realisasi(s, ctx.actor, row.indikator_id, bulan, nilai, sumber, bukti, seen),
            "Realisasi tersimpan.",
            f"ub_ver_{row.indikator_id}_{bulan}",
        )


def _form_umpan_balik(row, bulan: int, seen: int | None) -> None:
    with st.container(border=True):
        st.markdown(":material/rate_review: **Umpan Balik Atasan**")
        realisasi = f"{fmt.target(row.realisasi)} {row.satuan}" if row.realisasi is not None else "Belum diisi"
        st.text(f"Realisasi: {realisasi}\nSumber Data: {row.sumber_data or '-'}")
        tombol_bukti(row.bukti)
        with st.form(f"form_umpan_balik_{row.indikator_id}_{bulan}_{row.version}", enter_to_submit=False):
            teks = st.text_area(
                "Umpan Balik",
                value=row.umpan_balik or "",
                max_chars=2000,
                height=100,
                key=f"ub_teks_{row.indikator_id}_{bulan}_{row.version}",
            )
            simpan = st.form_submit_button("Simpan Umpan Balik", type="primary", icon=":material/save:")
    if simpan:
        jalankan(
            ctx.engine,
            lambda s: umpan_balik.simpan_umpan_balik(s, ctx.actor, row.indikator_id, bulan, teks, seen),
            "Umpan balik tersimpan.",
            f"ub_ver_{row.indikator_id}_{bulan}",
        )


def _perilaku() -> None:
    with session_scope(ctx.engine, readonly=True) as session:
        labels_kode, default = ringkasan.pilihan_periode(session, ctx.actor, skp_id)
    kode_list = list(labels_kode)
    kode = st.selectbox(
        "Periode Evaluasi",
        kode_list,
        index=kode_list.index(default),
        format_func=labels_kode.get,
        key=f"ub_kode_{skp_id}",
    )
    with session_scope(ctx.engine, readonly=True) as session:
        data = umpan_balik_perilaku.perilaku(session, ctx.actor, skp_id, kode)
    if data.terkunci:
        st.info(
            f"Evaluasi Kinerja {label_periode(kode)} sudah Final: umpan balik terkunci.",
            icon=":material/lock:",
        )
    kolom = st.column_config.TextColumn
    st.dataframe(
        [
            {
                "No": r.nomor,
                "Perilaku Kerja": r.nama,
                "Panduan Perilaku": "; ".join(r.panduan),
                "Ekspektasi Khusus Pimpinan": r.ekspektasi_khusus or "-",
                "Umpan Balik Atasan": r.umpan_balik or "-",
            }
            for r in data.rows
        ],
        hide_index=True,
        width="stretch",
        row_height=TINGGI_BARIS,
        column_config={
            "No": st.column_config.NumberColumn(width=36),
            "Perilaku Kerja": kolom(width=150),
            "Panduan Perilaku": kolom(width=300),
            "Ekspektasi Khusus Pimpinan": kolom(width=200),
            "Umpan Balik Atasan": kolom(width=200),
        },
    )
    if not data.bisa_umpan_balik:
        return
    with st.form(f"form_perilaku_{skp_id}_{kode}", enter_to_submit=False):
        st.markdown(":material/rate_review: **Umpan Balik Perilaku Kerja**")
        teks = {
            r.nomor: st.text_area(
                r.nama,
                value=r.umpan_balik or "",
                max_chars=2000,
                height=70,
                key=f"ub_perilaku_{skp_id}_{kode}_{r.nomor}",
            )
            for r in data.rows
        }
        simpan = st.form_submit_button("Simpan", type="primary", icon=":material/save:")
    if simpan:
        with handle_errors():
            n = tulis(
                ctx.engine,
                lambda session: umpan_balik_perilaku.simpan_umpan_balik_perilaku(
                    session, ctx.actor, skp_id, kode, teks
                ),
            )
            flash(f"Umpan balik perilaku tersimpan ({n} nilai diubah).")
            st.rerun()


def _evaluasi_saya() -> None:
    with session_scope(ctx.engine, readonly=True) as session:
        rows = ringkasan.evaluasi_saya(session, ctx.actor)
    if not rows:
        st.info("Belum ada Evaluasi Kinerja Anda yang berstatus Final.", icon=":material/info:")
        return
    st.dataframe(
        [
            {
                "Periode": r.label,
                "Jabatan": r.jabatan,
                "Rating Hasil Kerja": r.rating_hasil_kerja.value,
                "Rating Perilaku Kerja": r.rating_perilaku_kerja.value,
                "Predikat": r.predikat.value,
                "Difinalkan": fmt.waktu(r.finalized_at),
            }
            for r in rows
        ],
        hide_index=True,
        width="stretch",
    )
    labels_ev = {i: r.label for i, r in enumerate(rows)}
    pilih = st.selectbox("Dokumen Evaluasi", list(labels_ev), format_func=labels_ev.get, key="ub_dok")
    chosen = rows[pilih]

    def _pdf() -> bytes:
        with session_scope(ctx.engine, readonly=True) as session:
            return dokumen_evaluasi.cetak(session, ctx.actor, chosen.skp_id, chosen.kode)

    with handle_errors():
        st.download_button(
            "Unduh Dokumen Evaluasi",
            _pdf,
            on_click="ignore",
            icon=":material/download:",
            mime="application/pdf",
            file_name=dokumen_evaluasi.nama_berkas(ctx.actor.nip, chosen.tahun, chosen.kode),
        )


tab_names = ["Hasil Kerja", "Perilaku Kerja"] + (["Evaluasi"] if mode == "SKP Saya" else [])
# Keyed: after a save the page stays on the tab it was on (one key per mode: their tabs differ).
tabs = st.tabs(tab_names, key=f"ub_tab_{'saya' if mode == 'SKP Saya' else 'bawahan'}", on_change="rerun")
# Only the open tab runs.
if tabs[0].open:
    with tabs[0]:
        if pilihan is None:
            st.info(
                "Belum ada SKP yang ditetapkan atasan. Umpan Balik Berkelanjutan dapat diisi setelah SKP "
                "Ditetapkan Sebagai SKP.",
                icon=":material/info:",
            )
        else:
            with handle_errors():
                _hasil_kerja()
if tabs[1].open and pilihan is not None:
    with tabs[1], handle_errors():
        _perilaku()
if mode == "SKP Saya" and tabs[2].open:
    with tabs[2], handle_errors():
        _evaluasi_saya()
