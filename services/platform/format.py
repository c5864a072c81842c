"""Indonesian dates, rupiah and numbers through Babel, for screens and documents alike."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal, parse_pattern

LOCALE = "id"
# Parsed once: Babel would parse the locale and the pattern again on every number (half its time).
_ID = Locale.parse(LOCALE)
_RUPIAH = parse_pattern("¤#,##0")

#: Bondowoso keeps Western Indonesia Time (WIB); timestamps are stored in UTC.
WIB = ZoneInfo("Asia/Jakarta")  # the one zone of the app: Bondowoso's wall clock (UTC+7, no DST)


@cache
def _pola_angka(digits: int):
    return parse_pattern("#,##0" + ("." + "0" * digits if digits else ""))


def tanggal(value: date | datetime | None) -> str:
    """24 November 2026"""
    if value is None:
        return "-"
    if isinstance(value, datetime):
        value = value.date()
    return format_date(value, "d MMMM y", locale=LOCALE)


def rentang(mulai: date, akhir: date) -> str:
    """10–12 Maret 2026; 30 Maret – 2 April 2026; 10 Maret 2026 for one day."""
    if mulai == akhir:
        return tanggal(mulai)
    if (mulai.year, mulai.month) == (akhir.year, akhir.month):
        return f"{mulai.day}–{tanggal(akhir)}"
    if mulai.year == akhir.year:
        return f"{format_date(mulai, 'd MMMM', locale=LOCALE)} – {tanggal(akhir)}"
    return f"{tanggal(mulai)} – {tanggal(akhir)}"


def tanggal_singkat(value: date) -> str:
    """25 Des, for the lines of a short report."""
    return format_date(value, "d MMM", locale=LOCALE)


def tanggal_pendek(value: date | None) -> str:
    """24-11-2026, for dense tables."""
    return "-" if value is None else value.strftime("%d-%m-%Y")


def waktu(value: datetime | None) -> str:
    """24 November 2026 15.15 (WIB) for a UTC timestamp (naive ones, from SQLite, are UTC too)."""
    if value is None:
        return "-"
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return format_datetime(value.astimezone(WIB), "d MMMM y HH.mm", locale=LOCALE)


def bulan_tahun(tahun: int, bulan: int) -> str:
    """Maret 2026"""
    return format_date(date(tahun, bulan, 1), "MMMM y", locale=LOCALE)


def nama_bulan(bulan: int) -> str:
    """Maret"""
    return format_date(date(2000, bulan, 1), "MMMM", locale=LOCALE)


@lru_cache(maxsize=65_536)
def rupiah(value: int | Decimal | float | None) -> str:
    """Rp1.488.000 (whole rupiah, as TPP is paid)."""
    return format_currency(value or 0, "IDR", locale=_ID, format=_RUPIAH, currency_digits=False)


@lru_cache(maxsize=65_536)
def angka(value: int | Decimal | float | None, digits: int = 0) -> str:
    """1.234 or 80,00 — memoised: tables of thousands of pegawai repeat the same minutes and percentages."""
    if value is None:
        return "-"
    return format_decimal(value, format=_pola_angka(digits), locale=_ID)


def target(value: Decimal | int | float | None) -> str:
    """A target value without trailing zeros: 13, 2,5."""
    if value is None:
        return "-"
    value = Decimal(str(value))
    return angka(value, 0) if value == value.to_integral() else format_decimal(value, locale=LOCALE)


def persen(value: Decimal | float | None) -> str:
    """80,00 %"""
    return "-" if value is None else f"{angka(value, 2)} %"
