"""Calendar arithmetic shared by the demo and the synthetic generators: both write timestamps as WIB
wall-clock moments stored in UTC, and step through months."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from services.platform.format import WIB


def wib(day: date, minutes: int) -> datetime:
    """A WIB wall-clock moment ``minutes`` after midnight of ``day``, as UTC (the database stores UTC)."""
    return (datetime.combine(day, time(0, 0), tzinfo=WIB) + timedelta(minutes=minutes)).astimezone(UTC)


def bulan_berikut(year: int, month: int) -> tuple[int, int]:
    """The (year, month) after ``month`` of ``year``."""
    return (year + 1, 1) if month == 12 else (year, month + 1)
