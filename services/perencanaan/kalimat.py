"""Hints on the wording of plan sentences (e-book: SKP JPT step 9, SKP administrator step 8). A hint
is shown next to the sentence; it never blocks saving."""

from __future__ import annotations

import re

#: An outcome sentence: "Meningkatnya …", "Menurunnya …", "Terlaksananya …", "Tercapainya …".
_HASIL = re.compile(r"^(me|ter)\w*nya\b", re.IGNORECASE)
_PENUGASAN = re.compile(r"\(\s*penugasan\s+dari\s+[^()]*\S[^()]*\)\s*\.?\s*$", re.IGNORECASE)
#: A target sentence starts like one of these.
AWALAN_IKI = ("Jumlah", "Persentase", "Indeks", "Nilai", "Tingkat", "Rata-rata", "Waktu")


def petunjuk_sasaran(teks: str) -> list[str]:
    """Hints for a Sasaran Strategis / JPT plan sentence."""
    teks = (teks or "").strip()
    hints = []
    if not _HASIL.match(teks):
        hints.append(
            "Kalimat sasaran sebaiknya berupa kalimat capaian atau hasil kerja, misalnya "
            '"Meningkatnya …", "Terlaksananya …", "Menurunnya …" atau "Tercapainya …".'
        )
    if not _PENUGASAN.search(teks):
        hints.append('Akhiri kalimat dengan "(Penugasan dari …)", misalnya "(Penugasan dari Bupati Bondowoso)".')
    return hints


def petunjuk_iki(teks: str) -> list[str]:
    """Hints for an Indikator Kinerja Individu sentence."""
    teks = (teks or "").strip()
    if any(re.match(rf"{re.escape(awal)}\b", teks, re.IGNORECASE) for awal in AWALAN_IKI):
        return []
    return [
        'Indikator sebaiknya berupa kalimat target, diawali misalnya "Jumlah …", "Persentase …", '
        '"Indeks …" atau "Nilai …" (contoh: "Jumlah dokumen perencanaan yang disusun tepat waktu").'
    ]
