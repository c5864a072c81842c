"""Whole numbers in Indonesian words, as a payment list writes its total ("terbilang"): 1.488.000 → "satu juta
empat ratus delapan puluh delapan ribu". The rules of the language: se- for one ten, hundred and thousand
(sepuluh, sebelas, seratus, seribu) but "satu juta", "satu miliar"; eleven to nineteen with "belas"."""

from __future__ import annotations

SATUAN = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
KELOMPOK = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu"))


def _ratusan(n: int) -> list[str]:
    """0 < n < 1000 in words."""
    kata: list[str] = []
    ratus, sisa = divmod(n, 100)
    if ratus == 1:
        kata.append("seratus")
    elif ratus:
        kata += [SATUAN[ratus], "ratus"]
    if sisa == 10:
        kata.append("sepuluh")
    elif sisa == 11:
        kata.append("sebelas")
    elif 12 <= sisa <= 19:
        kata += [SATUAN[sisa - 10], "belas"]
    elif sisa >= 20:
        puluh, satu = divmod(sisa, 10)
        kata += [SATUAN[puluh], "puluh"] + ([SATUAN[satu]] if satu else [])
    elif sisa:
        kata.append(SATUAN[sisa])
    return kata


def terbilang(n: int) -> str:
    """An integer below 10^15 in Indonesian words ("nol" for 0, "minus …" below 0)."""
    if isinstance(n, bool) or not isinstance(n, int) or abs(n) >= 10**15:
        raise ValueError("terbilang takes an integer below 10^15")
    if n == 0:
        return "nol"
    if n < 0:
        return f"minus {terbilang(-n)}"
    kata: list[str] = []
    for besar, nama in KELOMPOK:
        bagian, n = divmod(n, besar)
        if bagian == 1 and nama == "ribu":
            kata.append("seribu")
        elif bagian:
            kata += _ratusan(bagian) + [nama]
    if n:
        kata += _ratusan(n)
    return " ".join(kata)


def rupiah(n: int) -> str:
    """1488000 → "satu juta empat ratus delapan puluh delapan ribu rupiah"."""
    return f"{terbilang(n)} rupiah"
