"""The capaian widgets: the month picker and the st.metric row (hari kerja, menit, capaian %, TPP)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from services.aktivitas.capaian import CapaianPegawai, teks_rincian
from services.platform import format as fmt
from services.platform.kalender import hari_ini


def pilih_bulan(
    key: str,
    label: str = "Bulan",
    jumlah: int = 13,
    today: date | None = None,
    awal: tuple[int, int] | None = None,
    berjalan: str | None = None,
) -> tuple[int, int]:
    """A selectbox of the current month and the ``jumlah - 1`` before it (newest first), opening on ``awal``
    (default: the current month); ``berjalan`` is added to the current month's label."""
    today = today or hari_ini()
    pilihan = []
    tahun, bulan = today.year, today.month
    for _ in range(jumlah):
        pilihan.append((tahun, bulan))
        tahun, bulan = (tahun - 1, 12) if bulan == 1 else (tahun, bulan - 1)

    def label_bulan(tb: tuple[int, int]) -> str:
        nama = fmt.bulan_tahun(*tb)
        return f"{nama} ({berjalan})" if berjalan and tb == pilihan[0] else nama

    index = pilihan.index(awal) if awal in pilihan else 0
    return st.selectbox(label, pilihan, index=index, format_func=label_bulan, key=key)


def metrik(hasil: CapaianPegawai, menit_per_hari: int) -> None:
    """One row of st.metric: what decides the TPP produktivitas of the month."""
    cols = st.columns([0.85, 0.9, 1, 1, 0.95, 1.5])
    cols[0].metric("Hari Kerja", f"{hasil.hari_kerja} hari")
    cols[1].metric(
        "Menit Efektif", fmt.angka(hasil.menit_efektif), help=f"{hasil.hari_kerja} hari kerja × {menit_per_hari} menit"
    )
    cols[2].metric("Menit Tervalidasi", fmt.angka(hasil.menit_tervalidasi))
    cols[3].metric("Menit Menunggu", fmt.angka(hasil.menit_menunggu), help="Belum dihitung sampai divalidasi atasan")
    cols[4].metric("Capaian", fmt.persen(hasil.capaian_persen))
    pokok = f"dari TPP pokok {fmt.rupiah(hasil.tpp_pokok)}"
    if hasil.rincian_pokok:
        pokok += f" (prorata hari kerja: {teks_rincian(hasil.rincian_pokok)})"
    cols[5].metric("TPP Produktivitas", fmt.rupiah(hasil.tpp_produktivitas), help=pokok)
