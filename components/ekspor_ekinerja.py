"""Aktivitas Harian → "Ekspor ke e-Kinerja BKN": the pegawai's validated activities of a range in the fields of BKN
e-Kinerja's "Tambah Progress Harian" form, so the day is logged once (services/aktivitas/ekspor_ekinerja.py)."""

from __future__ import annotations

import calendar
from datetime import date

import streamlit as st

from components.context import PageContext
from components.ui import handle_errors, lipatan
from db.session import session_scope
from services.aktivitas import ekspor_ekinerja as ekspor


def _berkas(ctx: PageContext, mulai: date, akhir: date, format: str) -> bytes:
    with session_scope(ctx.engine, readonly=True) as s:
        return ekspor.berkas(ekspor.progres_pegawai(s, ctx.actor, ctx.actor.nip, mulai, akhir), format)


def ekspor_bulan(ctx: PageContext, tahun: int, bulan: int, today: date) -> None:
    """The expander under the month's figures, built only while open: the range defaults to the chosen month up
    to today."""
    bagian = lipatan("Ekspor ke e-Kinerja BKN", "ek_buka", ":material/upload_file:")
    if bagian is None:
        return
    with bagian:
        st.caption(
            "Aktivitas yang sudah Tervalidasi, dengan kolom formulir Tambah Progress Harian e-Kinerja BKN: rencana "
            "aksi (Rencana Hasil Kerja), tanggal, jam mulai, jam selesai, kegiatan, realisasi (bilangan bulat), "
            "satuan dan link bukti dukung."
        )
        awal = date(tahun, bulan, 1)
        akhir_bulan = date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])
        kiri, tengah, kanan = st.columns([2, 2, 1], vertical_alignment="bottom")
        mulai = kiri.date_input("Dari tanggal", value=awal, format="DD/MM/YYYY", key=f"ek_mulai_{tahun}_{bulan}")
        akhir = tengah.date_input(
            "Sampai tanggal",
            value=max(awal, min(akhir_bulan, today)),
            format="DD/MM/YYYY",
            key=f"ek_akhir_{tahun}_{bulan}",
        )
        format = kanan.radio("Format", ["xlsx", "csv"], horizontal=True, key="ek_format").lower()
        with handle_errors():  # a range that makes no sense: a message instead of the button
            ekspor.periksa_rentang(mulai, akhir, ekspor.HARI_MAKS_PEGAWAI)  # no query until the download
            st.download_button(
                "Unduh untuk e-Kinerja",
                data=lambda: _berkas(ctx, mulai, akhir, format),
                on_click="ignore",
                file_name=ekspor.nama_berkas(ctx.actor.nip, mulai, akhir, format),
                mime="text/csv" if format == "csv" else ekspor.MIME_XLSX,
                icon=":material/download:",
                key="ek_unduh",
            )
