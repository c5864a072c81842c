"""Monitoring → "Ekspor SIASN": the year's Final evaluations per NIP in the fields of SIASN's SKP 2022 and kinerja
periodik records, for the chosen unit's subtree or every unit (services/evaluasi/ekspor_siasn.py). The check
(no Draft, no second annual record) runs only when the admin asks for the files."""

from __future__ import annotations

import streamlit as st

from components.context import PageContext
from components.ui import esc, handle_errors
from db.session import session_scope
from services.evaluasi import ekspor_siasn as ekspor
from services.platform.kalender import hari_ini

UNIT, SEMUA = "Unit terpilih", "Semua unit"
BERKAS = (("XLSX", "xlsx", "tahunan"), ("JSON", "json", "tahunan"), ("CSV Tahunan", "csv", "tahunan"))
BERKAS += (("CSV Periodik", "csv", "periodik"),)


def panel(ctx: PageContext, unit_id: int) -> None:
    with st.expander("Ekspor SIASN (SKP 2022 dan Kinerja Periodik)", icon=":material/upload_file:"):
        st.caption(
            "Evaluasi Kinerja berstatus Final per NIP: tahun/periode dan bulan, pegawai, pejabat penilai dan atasan "
            "pejabat penilai (NIP, nama, jabatan, unor), rating hasil kerja, rating perilaku kerja dan predikat. "
            "Ditolak bila masih ada evaluasi Draft atau dua Evaluasi Tahunan untuk satu NIP."
        )
        kiri, kanan = st.columns(2)
        tahun_ini = hari_ini().year
        tahun = kiri.selectbox("Tahun", list(range(tahun_ini, tahun_ini - 5, -1)), key="siasn_tahun")
        cakupan = kanan.radio("Cakupan", [UNIT, SEMUA], horizontal=True, key="siasn_cakupan")
        if not st.toggle("Periksa dan siapkan berkas", key="siasn_siapkan"):
            return
        with handle_errors(), session_scope(ctx.engine, readonly=True) as session:
            data = ekspor.kumpulkan(session, ctx.actor, tahun, unit_id if cakupan == UNIT else None)
            st.text(f"{len(data.tahunan)} catatan SKP tahunan, {len(data.periodik)} catatan kinerja periodik.")
            if data.tanpa_tahunan:
                daftar = ", ".join(data.tanpa_tahunan)
                st.warning(esc(f"Belum ada Evaluasi Tahunan Final ({len(data.tanpa_tahunan)}): {daftar}"))
            for kolom, (label, format, jenis) in zip(st.columns(len(BERKAS)), BERKAS, strict=True):
                kolom.download_button(
                    f"Unduh {label}",
                    lambda data=data, format=format, jenis=jenis: ekspor.berkas(data, format, jenis),
                    on_click="ignore",
                    file_name=ekspor.nama_berkas(data, format, jenis),
                    mime=ekspor.MIME[format],
                    icon=":material/download:",
                    key=f"siasn_{format}_{jenis}",
                )
