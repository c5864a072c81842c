"""Widgets shared by Umpan Balik Berkelanjutan and Evaluasi Kinerja: the Hasil Kerja table, safe link
buttons, the version a form was shown with (optimistic locking), and the choice of month."""

from __future__ import annotations

from datetime import date

import streamlit as st

from services.evaluasi.umpan_balik import HasilKerja
from services.platform import format as fmt
from services.platform.errors import ValidationError
from services.platform.kalender import hari_ini
from services.platform.tautan import periksa_tautan

__all__ = [
    "TINGGI_BARIS",
    "pilih_bulan_periode",
    "tabel_hasil_kerja",
    "tautan_aman",
    "tombol_bukti",
    "versi_terlihat",
]


def tautan_aman(url: str | None) -> str | None:
    """The link when it still passes validation unchanged (old rows included), else None."""
    if not url:
        return None
    try:
        return url if periksa_tautan(url) == url else None
    except ValidationError:
        return None


def versi_terlihat(key: str, current: int | None) -> int | None:
    """The version the previous run showed (what the user saw when they pressed a button); remembers
    ``current`` for the next run. A save sends this, so a change made meanwhile is a conflict."""
    seen = st.session_state.get(key, current)
    st.session_state[key] = current
    return seen


def pilih_bulan_periode(bulan: tuple[int, ...] | list[int], tahun: int, key: str, today: date | None = None) -> int:
    """ "Bulan" select over the months of the period, the running month (or the last past one) first chosen."""
    today = today or hari_ini()
    bulan = list(bulan)
    lalu = [b for b in bulan if (tahun, b) <= (today.year, today.month)]
    default = lalu[-1] if lalu else bulan[0]
    return st.selectbox(
        "Bulan", bulan, index=bulan.index(default), key=key, format_func=lambda b: fmt.bulan_tahun(tahun, b)
    )


#: Rows tall enough for three lines (Streamlit wraps text only in rows taller than 64 px): long sentences
#: wrap in their fixed-width columns instead of being cut.
TINGGI_BARIS = 76


def tabel_hasil_kerja(hk: HasilKerja) -> None:
    """The month's Hasil Kerja: target, realisasi, capaian, sumber data, bukti dukung, umpan balik. Short
    headers (the long name in the header's tooltip) and fixed widths: all ten columns fit at 1366 px."""
    data = [
        {
            "No": i,
            "Rencana Hasil Kerja": f"{r.rhk} ({r.jenis.value})",
            "Indikator": r.indikator,
            "Target": f"{fmt.target(r.target_bulan)} {r.satuan}" if r.target_bulan is not None else "-",
            "Realisasi": f"{fmt.target(r.realisasi)} {r.satuan}" if r.realisasi is not None else "Belum diisi",
            "Capaian": fmt.persen(r.capaian_bulan),
            "Kumulatif": fmt.persen(r.capaian_kumulatif),
            "Sumber Data": r.sumber_data or "-",
            "Bukti": (tautan_aman(r.bukti[0]) if r.bukti else None) or "",  # None would show "None"
            "Umpan Balik": r.umpan_balik or "-",
        }
        for i, r in enumerate(hk.rows, start=1)
    ]
    kolom = st.column_config.TextColumn
    st.dataframe(
        data,
        hide_index=True,
        width="stretch",
        row_height=TINGGI_BARIS,
        column_config={
            "No": st.column_config.NumberColumn(width=36),
            "Rencana Hasil Kerja": kolom(width=150),
            "Indikator": kolom(width=150, help="Indikator Kinerja Individu"),
            "Target": kolom(width=76, help="Target bulan ini"),
            "Realisasi": kolom(width=76, help="Realisasi bulan ini"),
            "Capaian": kolom(width=76, help="Capaian bulan ini = realisasi ÷ target bulanan"),
            "Kumulatif": kolom(width=76, help="Capaian s.d. bulan ini = realisasi sampai bulan ini ÷ target tahunan"),
            "Sumber Data": kolom(width=88),
            "Bukti": st.column_config.LinkColumn(display_text="Buka", width=56, help="Bukti dukung pertama"),
            "Umpan Balik": kolom(width=120, help="Umpan balik atasan"),
        },
    )
    st.caption(
        "Capaian = realisasi ÷ target bulan ini; Kumulatif = realisasi sampai bulan ini ÷ target tahunan "
        '(indikator kuantitas dijumlahkan). "-" bila target 0.'
    )


def tombol_bukti(urls: list[str]) -> None:
    """One link button per validated bukti dukung."""
    aman = [u for u in (tautan_aman(u) for u in urls) if u]
    if not aman:
        st.caption("Belum ada bukti dukung.")
        return
    cols = st.columns(min(len(aman), 4))
    for i, url in enumerate(aman):
        cols[i % len(cols)].link_button(f"Bukti Dukung {i + 1}", url, icon=":material/open_in_new:")
