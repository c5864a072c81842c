"""Aktivitas Harian's month list and its phone layout: a table on a laptop, one card per activity on a phone
(Aktivitas, SKP terkait and Menit readable at 390 px), and the capaian as one line on a phone, the six
metrics on a laptop.

Streamlit has no screen width in Python: both forms are drawn, each in a keyed container, and a static
style (no user text) shows the one that fits the screen; the columns of a Streamlit row stack below 640 px,
the same width is used here."""

from __future__ import annotations

import streamlit as st

from components.ui import esc
from services.aktivitas.capaian import CapaianPegawai
from services.platform import format as fmt

#: Below this width a screen is a phone (Streamlit stacks columns there too).
PONSEL = "max-width: 640px"
GAYA = f"""
.st-key-ah_ringkas {{ display: none; }}
@media ({PONSEL}) {{
  .st-key-ah_metrik, .st-key-ah_tabel {{ display: none; }}
  .st-key-ah_ringkas {{ display: block; }}
}}
@media (min-width: 641px) {{ .st-key-ah_kartu {{ display: none; }} }}
.st-key-ah_kartu [data-testid="stMarkdown"] {{
  border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; padding: 0.5rem 0.75rem;
}}
"""

#: Rows tall enough for four lines: long texts (Aktivitas, SKP Terkait) wrap instead of being cut off
#: (Streamlit wraps text only in rows taller than 4rem).
TINGGI_BARIS = 86
#: The room for the table on a 1366-px laptop screen with the sidebar open (905 px in Chromium).
LEBAR_TABEL = 900


def gaya() -> None:
    """The static style of the page's phone layout."""
    st.html(f"<style>{GAYA}</style>")


def ringkasan(hasil: CapaianPegawai) -> None:
    """The capaian in one line (a phone's first screen holds it and the form); a laptop shows the metrics."""
    with st.container(key="ah_ringkas"):
        st.markdown(
            f"**Capaian {fmt.persen(hasil.capaian_persen)}** · TPP produktivitas "
            f"**{fmt.rupiah(hasil.tpp_produktivitas)}** · {fmt.angka(hasil.menit_tervalidasi)} dari "
            f"{fmt.angka(hasil.menit_efektif)} menit efektif tervalidasi ({hasil.hari_kerja} hari kerja) · "
            f"{fmt.angka(hasil.menit_menunggu)} menit menunggu validasi"
        )


def daftar_bulan(rows: list, tidak_hadir: list) -> None:
    """The month's list, newest first: a table (laptop) and cards (phone)."""

    def _tanggal(tanggal) -> str:
        """The date, marked when it falls in a recorded absence (an Izin day still holds activities)."""
        tanda = next((c.jenis.value for c in tidak_hadir if c.tanggal_mulai <= tanggal <= c.tanggal_akhir), None)
        return fmt.tanggal_pendek(tanggal) + (f" ({tanda})" if tanda else "")

    terbaru = list(reversed(rows))
    with st.container(key="ah_tabel"):
        _tabel(terbaru, _tanggal)
    with st.container(key="ah_kartu"):
        for r in terbaru:
            st.markdown(_kartu(r, _tanggal(r.tanggal)))


def _kartu(r, tanggal: str) -> str:
    """One activity as a card: every figure with its label; user text inert."""
    baris = [f"**{esc(tanggal)} · {esc(r.jam)}** · {esc(r.status_tampil)}", *isi_kartu(r)]
    if r.alasan_tolak:
        baris.append(f":red[Alasan ditolak:] {esc(r.alasan_tolak)}")
    return "  \n".join(baris)


def isi_kartu(r) -> list[str]:
    """What every activity card says under its date (the pegawai's list and the atasan's Validasi alike): what
    was done, for which SKP, what came out and how long; user text inert."""
    return [
        esc(r.aktivitas),
        f":gray[SKP terkait:] {esc(r.skp_terkait)}",
        f":gray[Output:] {esc(r.output)} · :gray[Menit:] {r.durasi_menit}",
    ]


def _tabel(rows: list, _tanggal) -> None:
    """The columns fit :data:`LEBAR_TABEL` (on wider screens they stretch); SKP Terkait, the longest text,
    follows Aktivitas and gets the most room. Alasan Ditolak only when a row of the month was rejected."""
    ditolak = any(r.alasan_tolak for r in rows)
    tetap = {"Tanggal": 86, "Jam": 88, "Status": 88, "Output": 84, "Menit": 52}
    if ditolak:
        tetap["Alasan Ditolak"] = 120
    sisa = LEBAR_TABEL - sum(tetap.values())
    lebar = {**tetap, "Aktivitas": sisa * 42 // 100, "SKP Terkait": sisa - sisa * 42 // 100}
    st.dataframe(
        [
            {
                "Tanggal": _tanggal(r.tanggal),
                "Jam": r.jam,
                "Status": r.status_tampil,
                "Aktivitas": r.aktivitas,
                "SKP Terkait": r.skp_terkait,
                "Output": r.output,
                "Menit": r.durasi_menit,
                **({"Alasan Ditolak": r.alasan_tolak or ""} if ditolak else {}),
            }
            for r in rows
        ],
        hide_index=True,
        width="stretch",
        row_height=TINGGI_BARIS,
        column_config={
            nama: (
                st.column_config.NumberColumn(width=px) if nama == "Menit" else st.column_config.TextColumn(width=px)
            )
            for nama, px in lebar.items()
        },
    )
