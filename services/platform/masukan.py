"""Checks of typed input shared by every form's service: text (required or free) and numbers.

Text is refused, with a message, when it holds control characters: NUL cannot be stored by PostgreSQL
(psycopg raises DataError) and the others are invisible in a table or a PDF. Tab and line breaks are
allowed. Text made only of zero-width characters (U+200B …) counts as empty.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from services.platform.errors import ValidationError

TEMPAT_DESIMAL = Decimal("0.0001")  # the columns are Numeric(18, 4)


#: C0 controls but tab/LF/CR, DEL, C1 controls, lone surrogates (which no database encoding accepts).
_KONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: Characters with no width: text of only these looks empty on screen.
_TAK_TERLIHAT = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")


def ada_kontrol(teks: str) -> bool:
    """Whether the text holds a control character other than tab and line breaks."""
    return _KONTROL.search(teks) is not None


def periksa_karakter(teks: str, label: str) -> str:
    """``teks`` unchanged, or a ValidationError naming the field when it holds a control character."""
    if ada_kontrol(teks):
        raise ValidationError(
            f"{label} memuat karakter kontrol yang tidak dapat disimpan (misalnya NUL); hapus karakter itu lalu ulangi."
        )
    return teks


def tampak_kosong(teks: str) -> bool:
    """Whether the text shows nothing: only spaces and zero-width characters."""
    return not _TAK_TERLIHAT.sub("", teks).strip()


def teks_bebas(value: object, label: str, maks: int, wajib: bool = True) -> str:
    """A free text (line breaks kept), stripped at both ends; "" for an empty optional one."""
    teks = value.strip() if isinstance(value, str) else ("" if value is None else str(value).strip())
    periksa_karakter(teks, label)
    if tampak_kosong(teks):
        if wajib:
            raise ValidationError(f"{label} wajib diisi.")
        return ""
    if len(teks) > maks:
        raise ValidationError(f"{label} paling banyak {maks} karakter (saat ini {len(teks)}).")
    return teks


def teks_wajib(value: object, label: str, maks: int = 1000) -> str:
    """A required one-line text, runs of whitespace collapsed."""
    teks = " ".join(periksa_karakter(str(value), label).split()) if value is not None else ""
    if tampak_kosong(teks):
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
