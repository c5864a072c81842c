"""Admin BKPSDM — Rekap TPP: per pegawai of a month (optionally one unit kerja and the units below it, one status
kepegawaian),
capaian aktivitas and TPP produktivitas, downloadable as XLSX (totals per unit) or CSV.

A regency's month is 10,000 rows: the rekap and its formatted table are cached per month, unit and
data version (the newest audit row), so a rerun (a download click) does not compute them again."""

import pandas as pd
import streamlit as st

from components.capaian import pilih_bulan
from components.context import current, require_admin_page
from components.ui import handle_errors
from db.enums import StatusKepegawaian
from db.session import session_scope
from services.aktivitas import capaian, rekap_tpp
from services.platform import audit, kalender
from services.platform import format as fmt
from services.platform.access import Actor


@st.cache_resource(max_entries=32, ttl=3600, show_spinner=False)
def _rekap(
    _engine,
    url: str,
    actor: Actor,
    tahun: int,
    bulan: int,
    unit: str | None,
    status: StatusKepegawaian | None,
    versi: int,
) -> tuple[rekap_tpp.Rekap, pd.DataFrame]:
    with session_scope(_engine, readonly=True) as s:
        data = rekap_tpp.rekap(s, actor, tahun, bulan, unit, status)
    return data, pd.DataFrame(
        [
            {
                "NIP": r.nip,
                "Nama": r.nama,
                "Unit Kerja": r.unit_kerja,
                "Hari Kerja": r.hari_kerja,
                "Menit Efektif": r.menit_efektif,
                "Menit Tervalidasi": r.menit_tervalidasi,
                "Capaian": fmt.persen(r.capaian_persen),
                "TPP Pokok": fmt.rupiah(r.tpp_pokok),
                "TPP Produktivitas": fmt.rupiah(r.tpp_produktivitas),
                "Rincian TPP Pokok": capaian.teks_rincian(r.rincian_pokok),
            }
            for r in data.rows
        ]
    )


ctx = current()
require_admin_page(ctx)  # the menu hides this page; a non-admin who gets here sees a refusal
st.title("Rekap TPP")
st.caption(
    "TPP produktivitas = bobot produktivitas × TPP pokok × capaian aktivitas (menit tervalidasi dibagi menit "
    "efektif, paling banyak 100 %), dibulatkan ke rupiah terdekat."
)

with session_scope(ctx.engine, readonly=True) as s:
    units = rekap_tpp.unit_pilihan(s, ctx.actor)
    versi = audit.versi_data(s)
kiri, kanan, status_kolom = st.columns(3)
with kiri:
    tahun, bulan = pilih_bulan("rekap_bulan")
unit = kanan.selectbox("Unit kerja", units, index=None, placeholder="Semua unit kerja", key="rekap_unit")
status = status_kolom.selectbox(
    "Status kepegawaian",
    list(StatusKepegawaian),
    index=None,
    placeholder="Semua status",
    format_func=lambda s: s.value,
    key="rekap_status",
)
with session_scope(ctx.engine, readonly=True) as s:
    dikonfirmasi = kalender.kalender_dikonfirmasi(s, tahun)
if not dikonfirmasi:
    st.warning(
        f"Kalender {tahun} belum dikonfirmasi: hari libur dan cuti bersama yang menentukan hari kerja di rekap ini "
        "belum diperiksa admin. Periksa dan konfirmasi di Data Referensi → Hari Libur sebelum rekap dibayarkan.",
        icon=":material/event_busy:",
    )
    st.page_link("pages/admin_referensi.py", label=f"Konfirmasi Kalender {tahun}", icon=":material/arrow_forward:")

data = None
with handle_errors():
    data, tabel = _rekap(ctx.engine, str(ctx.engine.url), ctx.actor, tahun, bulan, unit, status, versi)
if data is not None:
    if data.keterangan:
        st.info(f"{data.keterangan}; angka bulan ini diambil dari Tutup Bulan.", icon=":material/lock:")
    a, b, c = st.columns(3)
    a.metric("Pegawai", fmt.angka(len(data.rows)))
    b.metric("Jumlah TPP Pokok", fmt.rupiah(data.total_tpp_pokok))
    c.metric("Jumlah TPP Produktivitas", fmt.rupiah(data.total_tpp_produktivitas))
    unduh_xlsx, unduh_csv, _ = st.columns([1, 1, 2])
    unduh_xlsx.download_button(
        "Unduh XLSX",
        data=lambda: rekap_tpp.xlsx_bytes(data),
        on_click="ignore",
        icon=":material/download:",
        file_name=rekap_tpp.nama_berkas(tahun, bulan, "xlsx"),
        key="rekap_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    unduh_csv.download_button(
        "Unduh CSV",
        data=lambda: rekap_tpp.csv_bytes(data),
        on_click="ignore",
        icon=":material/download:",
        file_name=rekap_tpp.nama_berkas(tahun, bulan, "csv"),
        mime="text/csv",
        key="rekap_csv",
    )
    st.dataframe(tabel, hide_index=True, width="stretch")
