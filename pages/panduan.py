"""Panduan (issue #9): the user guide docs/panduan/README.md, one expander per e-book chapter, its
numbered steps as text and each screenshot with st.image. Only our own file is read; the markdown is
shown without HTML (our anchors are left out) and images only from docs/panduan/img/."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from components.context import current

PANDUAN = Path(__file__).resolve().parents[1] / "docs" / "panduan"
_GAMBAR = re.compile(r"^\s*!\[(?P<alt>[^\]]*)\]\(img/(?P<berkas>[\w.-]+\.png)\)\s*$")


def _bagian(teks: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """(intro lines, [(chapter title, lines)]) of the guide; the table of contents is left out."""
    intro: list[str] = []
    bab: list[tuple[str, list[str]]] = []
    for baris in teks.splitlines():
        if baris.startswith("<a id="):
            continue
        if baris.startswith("## "):
            bab.append((baris[3:].strip(), []))
        elif bab:
            bab[-1][1].append(baris)
        elif not baris.startswith("# "):
            intro.append(baris)
    return intro, [(judul, isi) for judul, isi in bab if judul != "Daftar Isi"]


def _tampilkan(isi: list[str]) -> None:
    teks: list[str] = []
    for baris in isi:
        cocok = _GAMBAR.match(baris)
        if not cocok:
            teks.append(baris)
            continue
        if "".join(teks).strip():
            st.markdown("\n".join(teks))
        teks = []
        gambar = PANDUAN / "img" / cocok["berkas"]
        if gambar.is_file():
            st.image(str(gambar), caption=cocok["alt"], width="stretch")
    if "".join(teks).strip():
        st.markdown("\n".join(teks))


current()  # the sidebar with Log out, as on every other page
st.title("Panduan")
berkas = PANDUAN / "README.md"
if not berkas.is_file():
    st.info("Panduan belum dibuat. Admin dapat membuatnya dengan perintah `make docs`.", icon=":material/menu_book:")
else:
    intro, bab = _bagian(berkas.read_text(encoding="utf-8"))
    st.caption("Langkah pengisian SKP mengikuti urutan e-book. Buka bab yang sedang Anda kerjakan.")
    for nomor, (judul, isi) in enumerate(bab):
        with st.expander(judul, icon=":material/menu_book:", expanded=nomor == 0):
            _tampilkan(isi)
