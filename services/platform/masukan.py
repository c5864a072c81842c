"""Checks of typed input shared by the planning services: required text and target numbers."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from services.platform.errors import ValidationError

TEMPAT_DESIMAL = Decimal("0.0001")  # the columns are Numeric(18, 4)


def teks_wajib(value: object, label: str, maks: int = 1000) -> str:
    teks = " ".join(str(value).split()) if value is not None else ""
    if not teks:
        raise ValidationError(f"{label} wajib diisi.")
    if len(teks) > maks:
        raise ValidationError(f"{label} paling banyak {maks} karakter (saat ini {len(teks)}).")
    return teks


def baca_angka(value: object, label: str, positif: bool = False) -> Decimal:
    """A number ≥ 0 (> 0 with ``positif``) with at most 4 decimals; "2,5" is read as 2.5."""
    if isinstance(value, bool) or value is None or value == "":
        raise ValidationError(f"{label} wajib diisi dengan angka.")
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):  # ValueError: str() of an int of more than 4300 digits
        raise ValidationError(f"{label} harus berupa angka.") from None
    if not number.is_finite():
        raise ValidationError(f"{label} harus berupa angka.")
    if number < 0 or (positif and number == 0):
        raise ValidationError(f"{label} harus lebih besar dari 0." if positif else f"{label} tidak boleh negatif.")
    if number >= Decimal("1e14"):  # before quantize, which fails on numbers this large
        raise ValidationError(f"{label} terlalu besar.")
    if number != number.quantize(TEMPAT_DESIMAL):
        raise ValidationError(f"{label} paling banyak 4 angka di belakang koma.")
    return number.quantize(TEMPAT_DESIMAL)


def sama(a: Decimal | float, b: Decimal | float) -> bool:
    """Equal at the columns' precision (SQLite hands Numeric back through float)."""
    return Decimal(str(a)).quantize(TEMPAT_DESIMAL) == Decimal(str(b)).quantize(TEMPAT_DESIMAL)
