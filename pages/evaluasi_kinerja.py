"""Evaluasi Kinerja (docs/domain.md §3.13): per evaluation period the atasan reads each bawahan's realisasi
and umpan balik, sets Rating Hasil Kerja and Rating Perilaku Kerja ("Simpan", "Finalkan", "Buka
Kembali") and prints the Dokumen Evaluasi; tab Kurva Distribusi (pimpinan, admin): the organisation's
predikat per unit and its pegawai's spread against the allowed distribution."""

import streamlit as st

from components.context import current
from components.kurva import gambar_kurva
from components.ui import confirm, esc, handle_errors, jalankan, lipatan, show_flash
from components.umpan_balik_tabel import TINGGI_BARIS, versi_terlihat
from db.enums import Rating, StatusEvaluasi
from db.session import session_scope
from services.evaluasi import (
    dokumen_evaluasi,
    kurva,
    periode_evaluasi,
    rekap_predikat,
    ringkasan,
    umpan_balik,
    umpan_balik_perilaku,
)
from services.evaluasi import evaluasi_kinerja as evaluasi
from services.evaluasi.predikat import PANDUAN_RATING_HASIL_KERJA
from services.organisasi import struktur
from services.platform import format as fmt
from services.platform.kalender import hari_ini

ctx = current()
st.title("Evaluasi Kinerja")
show_flash()

TANPA = "-"
RATINGS = [TANPA] + Rating.values()


def _pilih(tempat, label: str, pilihan: list, bawaan, key: str, **kwargs):
    """A selectbox that opens on its last choice of this browser session while that is still offered: only the
    open tab is drawn, and Streamlit forgets the widgets of a tab that is not, so a look at the other tab would
    otherwise bring the pimpinan back to the first bawahan, unit and period."""
    ingat = f"_ingat_{key}"
    awal = st.session_state.get(ingat, bawaan)
    nilai = tempat.selectbox(
        label, pilihan, index=pilihan.index(awal if awal in pilihan else bawaan), key=key, **kwargs
    )
    st.session_state[ingat] = nilai
    return nilai


def _pilih_periode(key: str) -> tuple[int, str]:
    tahun_ini = hari_ini().year
    kiri, kanan = st.columns(2)
    tahun = _pilih(kiri, "Tahun", list(range(tahun_ini, tahun_ini - 5, -1)), tahun_ini, f"{key}_tahun")
    with session_scope(ctx.engine, readonly=True) as session:
        kode_list = periode_evaluasi.kode_periode(session)
        default = periode_evaluasi.kode_untuk_bulan(session, hari_ini().month) if tahun == tahun_ini else kode_list[-1]
    kode = _pilih(
        kanan, "Periode Evaluasi", kode_list, default, f"{key}_kode", format_func=periode_evaluasi.label_periode
    )
    return tahun, kode


def _realisasi_periode(d: evaluasi.DetailEvaluasi, skp_id: int) -> list[dict]:
    with session_scope(ctx.engine, readonly=True) as session:
        rows = []
        for bulan in d.bulan:
            hk = umpan_balik.hasil_kerja(session, ctx.actor, skp_id, bulan)
            rows += [
                {
                    "Bulan": fmt.nama_bulan(bulan),
                    "Indikator": r.indikator,
                    "Realisasi": f"{fmt.target(r.realisasi)} {r.satuan}" if r.realisasi is not None else "Belum diisi",
                    "Capaian Bulan": fmt.persen(r.capaian_bulan),
                    "Sumber Data": r.sumber_data or "-",
                    "Umpan Balik": r.umpan_balik or "-",
                }
                for r in hk.rows
            ]
    return rows


def _evaluasi_tab() -> None:
    tahun, kode = _pilih_periode("ev")
    with session_scope(ctx.engine, readonly=True) as session:
        daftar = ringkasan.daftar_bawahan(session, ctx.actor, tahun, kode)
    if not daftar:
        st.info("Tidak ada bawahan dengan SKP yang sudah ditetapkan pada periode ini.", icon=":material/info:")
        return
    # Fixed widths and two-line rows: all seven columns, Predikat included, fit at 1366 px.
    kolom = st.column_config.TextColumn
    st.dataframe(
        [
            {
                "Nama": r.nama,
                "NIP": r.nip,
                "Jabatan": r.jabatan,
                "Status": r.status.value if r.status else "Belum dinilai",
                "Hasil Kerja": r.rating_hasil_kerja.value if r.rating_hasil_kerja else "-",
                "Perilaku Kerja": r.rating_perilaku_kerja.value if r.rating_perilaku_kerja else "-",
                "Predikat": r.predikat.value if r.predikat else "-",
            }
            for r in daftar
        ],
        hide_index=True,
        width="stretch",
        row_height=66,
        column_config={
            "Nama": kolom(width=160),
            "NIP": kolom(width=140),
            "Jabatan": kolom(width=150),
            "Status": kolom(width=96),
            "Hasil Kerja": kolom(width=116, help="Rating Hasil Kerja"),
            "Perilaku Kerja": kolom(width=116, help="Rating Perilaku Kerja"),
            "Predikat": kolom(width=110, help="Predikat Kinerja Pegawai"),
        },
    )
    labels = {r.skp_id: f"{r.nama} — {r.jabatan}" for r in daftar}
    skp_id = _pilih(st, "Pilih Bawahan", list(labels), next(iter(labels)), "ev_bawahan", format_func=labels.get)
    with session_scope(ctx.engine, readonly=True) as session:
        d = evaluasi.detail(session, ctx.actor, skp_id, kode)
    nama = next(r.nama for r in daftar if r.skp_id == skp_id)
    st.subheader(f"{esc(nama)} · {esc(d.label)}")
    status = d.status.value if d.status else "Belum dinilai"
    st.caption(f"Status: {status}" + (f" · difinalkan {fmt.waktu(d.finalized_at)}" if d.finalized_at else ""))
    if d.catatan and d.status != StatusEvaluasi.FINAL:
        st.text(f"Catatan buka kembali: {d.catatan}")

    st.markdown("**Hasil Kerja**")
    st.dataframe(
        [
            {
                "Rencana Hasil Kerja": f"{c.rhk} ({c.jenis.value})",
                "Indikator": c.indikator,
                "Target": f"{fmt.target(c.target)} {c.satuan}",
                "Realisasi": f"{fmt.target(c.realisasi)} {c.satuan}",
                "Capaian": fmt.persen(c.persen),
                "Terhadap Target": c.kelas or "tanpa target",
            }
            for c in d.saran.indikator
        ],
        hide_index=True,
        width="stretch",
        row_height=TINGGI_BARIS,
        column_config={
            "Rencana Hasil Kerja": kolom(width=230),
            "Indikator": kolom(width=230),
            "Target": kolom(width=96, help="Target periode evaluasi"),
            "Realisasi": kolom(width=96, help="Realisasi periode evaluasi"),
            "Capaian": kolom(width=80),
            "Terhadap Target": kolom(width=150),
        },
    )
    realisasi = lipatan("Realisasi dan umpan balik per bulan", "ev_realisasi_buka", ":material/calendar_view_month:")
    if realisasi is not None:
        realisasi.dataframe(
            _realisasi_periode(d, skp_id),
            hide_index=True,
            width="stretch",
            row_height=TINGGI_BARIS,
            column_config={
                "Bulan": kolom(width=90),
                "Indikator": kolom(width=200),
                "Realisasi": kolom(width=96),
                "Capaian Bulan": kolom(width=90),
                "Sumber Data": kolom(width=150),
                "Umpan Balik": kolom(width=230),
            },
        )
    saran = d.saran.rating.value if d.saran.rating else "belum ada"
    st.info(esc(f"Saran Rating Hasil Kerja: {saran}. {d.saran.alasan}"), icon=":material/lightbulb:")
    with st.expander("Panduan Rating Hasil Kerja"):
        for rating, teks in PANDUAN_RATING_HASIL_KERJA.items():
            st.text(f"{rating.value}: {teks}")
        st.caption(
            "Saran dihitung per indikator: realisasi > target = di atas, = target = sesuai, < target = di "
            'bawah; "sebagian besar" = lebih dari separuh indikator. Atasan yang memutuskan.'
        )
    if d.rating_hasil_wajib and d.predikat_organisasi:
        st.info(
            f"Pimpinan unit: Rating Hasil Kerja mengikuti Predikat Kinerja Organisasi "
            f"({d.predikat_organisasi.value}), yaitu {d.rating_hasil_wajib.value}.",
            icon=":material/domain:",
        )
    elif d.pemimpin_unit:
        st.warning(
            "Pimpinan unit: Rating Hasil Kerja mengikuti Predikat Kinerja Organisasi, yang belum "
            "ditetapkan untuk periode ini.",
            icon=":material/domain:",
        )
    if d.riwayat:
        _riwayat(d)
    for teks in d.peringatan:
        st.warning(esc(teks), icon=":material/warning:")

    st.markdown("**Perilaku Kerja**")
    with session_scope(ctx.engine, readonly=True) as session:
        perilaku = umpan_balik_perilaku.perilaku(session, ctx.actor, skp_id, kode)
    st.dataframe(
        [
            {
                "Perilaku Kerja": r.nama,
                "Ekspektasi Khusus Pimpinan": r.ekspektasi_khusus or "-",
                "Umpan Balik": r.umpan_balik or "-",
            }
            for r in perilaku.rows
        ],
        hide_index=True,
        width="stretch",
        row_height=TINGGI_BARIS,
        column_config={
            "Perilaku Kerja": kolom(width=170),
            "Ekspektasi Khusus Pimpinan": kolom(width=360),
            "Umpan Balik": kolom(width=360),
        },
    )
    st.page_link(
        "pages/umpan_balik.py", label="Tulis umpan balik di Umpan Balik Berkelanjutan", icon=":material/forum:"
    )

    version_key = f"ev_ver_{skp_id}_{kode}"
    seen = versi_terlihat(version_key, d.version)
    with st.container(border=True):
        st.markdown(":material/star: **Rating**")
        if d.bisa_menilai:
            hasil_awal = d.rating_hasil_kerja or d.rating_hasil_wajib or d.saran.rating
            with st.form(f"form_rating_{skp_id}_{kode}_{d.version}", enter_to_submit=False):
                kiri, kanan = st.columns(2)
                hasil = kiri.selectbox(
                    "Rating Hasil Kerja", RATINGS, index=RATINGS.index(hasil_awal.value) if hasil_awal else 0
                )
                perilaku_rating = kanan.selectbox(
                    "Rating Perilaku Kerja",
                    RATINGS,
                    index=RATINGS.index(d.rating_perilaku_kerja.value) if d.rating_perilaku_kerja else 0,
                )
                simpan = st.form_submit_button("Simpan", type="primary", icon=":material/save:")
            if simpan:
                hasil_baru = None if hasil == TANPA else hasil
                perilaku_baru = None if perilaku_rating == TANPA else perilaku_rating
                jalankan(
                    ctx.engine,
                    lambda s: evaluasi.simpan(s, ctx.actor, skp_id, kode, hasil_baru, perilaku_baru, seen),
                    "Evaluasi tersimpan.",
                    version_key,
                )
        else:
            st.text(
                f"Rating Hasil Kerja: {d.rating_hasil_kerja.value if d.rating_hasil_kerja else '-'}\n"
                f"Rating Perilaku Kerja: {d.rating_perilaku_kerja.value if d.rating_perilaku_kerja else '-'}"
            )
        st.metric("Predikat Kinerja Pegawai", d.predikat.value if d.predikat else "-")

    if d.bisa_finalkan:
        confirm(
            f"finalkan_{skp_id}_{kode}",
            f"Finalkan evaluasi {nama} untuk {d.label}? Rating dan realisasi periode ini akan terkunci.",
            "Finalkan",
            lambda: jalankan(
                ctx.engine,
                lambda s: evaluasi.finalkan(s, ctx.actor, skp_id, kode, seen),
                "Evaluasi Kinerja difinalkan.",
                version_key,
            ),
        )
    if d.bisa_buka_kembali:
        with st.expander("Buka Kembali"):
            alasan = st.text_area("Alasan membuka kembali", max_chars=1000, key=f"ev_alasan_{skp_id}_{kode}")
            if st.button("Buka Kembali", icon=":material/lock_open:", key=f"ev_buka_{skp_id}_{kode}"):
                jalankan(
                    ctx.engine,
                    lambda s: evaluasi.buka_kembali(s, ctx.actor, skp_id, kode, alasan, seen),
                    "Evaluasi Kinerja dibuka kembali.",
                    version_key,
                )
    if d.status is not None:

        def _pdf() -> bytes:
            with session_scope(ctx.engine, readonly=True) as session:
                return dokumen_evaluasi.cetak(session, ctx.actor, skp_id, kode)

        nip = next(r.nip for r in daftar if r.skp_id == skp_id)
        st.download_button(
            "Unduh Dokumen Evaluasi",
            _pdf,
            on_click="ignore",
            file_name=dokumen_evaluasi.nama_berkas(nip, tahun, kode),
            mime="application/pdf",
            icon=":material/download:",
        )


def _riwayat(d: evaluasi.DetailEvaluasi) -> None:
    """Tahunan: every Final periodic evaluation of the year, earlier periods (before a mutasi) included."""
    st.markdown("**Hasil evaluasi periodik tahun ini**")
    st.dataframe(
        [
            {
                "Periode SKP": h.periode,
                "Unit Kerja": h.unit,
                "Pejabat Penilai": h.penilai,
                "Periode Evaluasi": h.label,
                "Hasil Kerja": h.rating_hasil_kerja.value if h.rating_hasil_kerja else "-",
                "Perilaku Kerja": h.rating_perilaku_kerja.value if h.rating_perilaku_kerja else "-",
                "Predikat": h.predikat.value if h.predikat else "-",
            }
            for h in d.riwayat
        ],
        hide_index=True,
        width="stretch",
    )


def _kurva_tab() -> None:
    with session_scope(ctx.engine, readonly=True) as session:
        units = {u.id: u.nama for u in struktur.unit_terlihat(session, ctx.actor)}
    if not units:
        st.info("Tidak ada unit kerja dalam wewenang Anda.")
        return
    default_unit = ctx.actor.unit_kerja_id if ctx.actor.unit_kerja_id in units else next(iter(units))
    unit_id = _pilih(st, "Unit Kerja", list(units), default_unit, "kv_unit", format_func=units.get)
    tahun, kode = _pilih_periode("kv")
    with session_scope(ctx.engine, readonly=True) as session:
        dist = kurva.distribusi(session, ctx.actor, unit_id, tahun, kode)
    org = dist.predikat_organisasi
    st.metric("Predikat Kinerja Organisasi", org.value if org else "Belum ditetapkan")
    st.page_link(
        "pages/penetapan_predikat.py",
        label="Penetapan Predikat Kinerja Organisasi (dasar capaian, nomor, PDF)",
        icon=":material/gavel:",
    )
    st.plotly_chart(gambar_kurva(dist), width="stretch")
    if org is None:
        st.info("Tetapkan Predikat Kinerja Organisasi untuk memeriksa kurva distribusi.", icon=":material/info:")
    elif dist.total == 0:
        st.info("Belum ada Evaluasi Kinerja berstatus Final pada unit dan periode ini.", icon=":material/info:")
    else:
        st.caption("Aturan: " + "; ".join(a.teks for a in dist.aturan) + ".")
        for teks in dist.pelanggaran:
            st.error(teks, icon=":material/rule:")
        if not dist.pelanggaran:
            st.success("Sebaran predikat pegawai sesuai kurva distribusi.", icon=":material/task_alt:")

    def _xlsx() -> bytes:
        with session_scope(ctx.engine, readonly=True) as session:
            return rekap_predikat.rekap_xlsx(session, ctx.actor, unit_id, tahun, kode)

    st.download_button(
        "Unduh Rekap Predikat (XLSX)",
        _xlsx,
        on_click="ignore",
        icon=":material/download:",
        file_name=rekap_predikat.nama_berkas(units[unit_id], tahun, kode),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


bisa_kurva = ctx.actor.boleh_lihat_dasbor
# Keyed: after "Simpan Predikat Organisasi" the page stays on Kurva Distribusi.
tabs = st.tabs(["Evaluasi Kinerja"] + (["Kurva Distribusi"] if bisa_kurva else []), key="ev_tab", on_change="rerun")
# Only the open tab runs: the Kurva's plotly figure costs a visit to Evaluasi Kinerja nothing until asked for.
if tabs[0].open:
    with tabs[0], handle_errors():
        _evaluasi_tab()
if bisa_kurva and tabs[1].open:
    with tabs[1], handle_errors():
        _kurva_tab()
