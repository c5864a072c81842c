"""The read-only SKP, drawn the same way on the pegawai's own Rencana SKP and in the atasan's "Pilih
Bawahan" view: status with the atasan's catatan, the RHK with the intervened atasan RHK and their
indikator, the target bulanan, and the 7 Perilaku Kerja rows. Pages pass a callback to add their own
buttons inside each RHK box."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.context import PageContext
from components.ui import esc
from db.enums import StatusSKP
from db.session import session_scope
from services.perencanaan import dokumen_skp
from services.perencanaan.skp_detail import RhkView, SkpDetail
from services.platform import format as fmt

_WARNA = {
    StatusSKP.DRAFT: "gray",
    StatusSKP.DIAJUKAN: "blue",
    StatusSKP.DIKEMBALIKAN: "orange",
    StatusSKP.DITETAPKAN: "green",
}


def periode_label(mulai, akhir) -> str:
    return f"{fmt.tanggal(mulai)} – {fmt.tanggal(akhir)}"


def status(d: SkpDetail) -> None:
    """Status SKP (always visible), when it changed, and the atasan's catatan."""
    when = {StatusSKP.DIAJUKAN: d.diajukan_at, StatusSKP.DITETAPKAN: d.ditetapkan_at}.get(d.status)
    st.markdown(
        f"Status SKP: :{_WARNA[d.status]}-badge[{d.status.value}]" + (f" sejak {fmt.waktu(when)}" if when else "")
    )
    if d.catatan_atasan:
        with st.container(border=True):
            st.caption("Catatan atasan")
            st.text(d.catatan_atasan)


def _indikator_rows(r: RhkView) -> list[dict]:
    return [
        {
            "No": i.nomor,
            "Indikator Kinerja Individu": i.teks,
            "Aspek": i.aspek.value,
            "Target": f"{fmt.target(i.target)} {i.satuan}",
            "Pola Penugasan": i.pola_penugasan,
            "Target Bulanan": i.status_target_bulanan,
        }
        for i in r.indikator
    ]


def hasil_kerja(d: SkpDetail, aksi: Callable[[RhkView], None] | None = None, petunjuk: bool = False) -> None:
    """Every RHK in a box; ``aksi(rhk)`` draws the page's own widgets inside it."""
    if not d.rhk:
        st.info("Belum ada Rencana Hasil Kerja.", icon=":material/info:")
    for r in d.rhk:
        with st.container(border=True):
            judul = f"**RHK {r.nomor}** · {r.jenis.value}"
            if r.perspektif:
                judul += f" · Perspektif {r.perspektif.value}"
            st.markdown(judul)
            st.text(r.teks)
            if r.rhk_atasan:
                st.caption("RHK atasan yang diintervensi")
                st.text(r.rhk_atasan)
            if petunjuk:
                for hint in r.petunjuk:
                    st.warning(hint, icon=":material/lightbulb:")
            if r.indikator:
                _tabel(_indikator_rows(r), "No")
                if petunjuk:
                    for i in r.indikator:
                        for hint in i.petunjuk:
                            st.warning(esc(f"Indikator {i.nomor}: {hint}"), icon=":material/lightbulb:")
            else:
                st.caption("Belum ada indikator.")
            if aksi is not None:
                aksi(r)


#: An empty cell. (st.table renders each cell as Markdown, where a lone "-" would become a list bullet.)
KOSONG = "–"


def _tabel(rows: list[dict], index: str) -> None:
    """A wrapping table (long sentences stay readable at 1366 px). st.table renders every cell as Markdown,
    so each text is escaped: what the pegawai typed shows as typed, and a link or image in it stays text."""
    aman = [{k: esc(v) if isinstance(v, str) and v != KOSONG else v for k, v in row.items()} for row in rows]
    st.table(pd.DataFrame(aman).set_index(index))


def target_bulanan(d: SkpDetail) -> None:
    """The months of the period down the side, one column per indikator ("1.1", "1.2", …)."""
    indikator = [i for r in d.rhk for i in r.indikator]
    if not indikator:
        return
    st.markdown("**Target Bulanan**")
    rows = [
        {
            "Bulan": fmt.nama_bulan(b),
            **{
                f"Indikator {i.nomor}": KOSONG
                if i.target_bulanan.get(b) is None
                else f"{fmt.target(i.target_bulanan[b])} {i.satuan}"
                for i in indikator
            },
        }
        for b in d.bulan
    ]
    _tabel(rows, "Bulan")


def perilaku_kerja(d: SkpDetail) -> None:
    """The 7 BerAKHLAK values with panduan and the atasan's ekspektasi (read-only)."""
    _tabel(
        [
            {
                "No": p.nomor,
                "Perilaku Kerja": p.nama,
                "Panduan Perilaku": "; ".join(p.panduan),
                "Ekspektasi Khusus Pimpinan": p.ekspektasi or "Belum diisi atasan",
            }
            for p in d.perilaku
        ],
        "No",
    )


def tombol_cetak(ctx: PageContext, skp_id: int, nama_berkas: str, key: str) -> None:
    """The printed SKP, made when clicked (a widget change never leaves a stale file behind)."""

    def _pdf() -> bytes:
        with session_scope(ctx.engine, readonly=True) as s:
            return dokumen_skp.cetak(s, ctx.actor, skp_id)

    st.download_button(
        "Cetak",
        data=_pdf,
        on_click="ignore",
        file_name=nama_berkas,
        mime="application/pdf",
        key=key,
        icon=":material/print:",
        type="secondary",
    )
