"""A pegawai picked by searching: a field for a NIP or a name, then the matches to choose from. A regency's
10,000 names in a selectbox would go to the browser on every rerun of the page (issue #20); a search sends
at most a page of matches."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

#: Characters a search needs before it runs (the services answer nothing below it).
MIN_CARI = 3


def cari_pegawai(
    label: str,
    key: str,
    cari: Callable[[str], Sequence[tuple[Any, str]]],
    tempat: Any = st,
) -> Any | None:
    """The value of the pegawai chosen among ``cari(teks)``'s (value, label) matches, or None while nothing is
    typed or nothing matches (the field says so)."""
    teks = tempat.text_input(
        label, key=f"{key}_cari", max_chars=50, placeholder="Ketik NIP atau nama (min. 3 huruf)"
    ).strip()
    if len(teks) < MIN_CARI:
        return None
    hasil = dict(cari(teks))
    if not hasil:
        tempat.caption("Tidak ada pegawai yang cocok.")
        return None
    return tempat.selectbox(
        "Hasil pencarian",
        list(hasil),
        format_func=hasil.get,
        key=f"{key}_pilih",
    )
