"""Hari libur and hari kerja (docs/domain.md §4).

The default list of a year comes from ``holidays.Indonesia`` with the ``public`` and ``government``
categories: national holidays and cuti bersama. The admin adds dates (sumber 'admin') or removes one
(``aktif = False``); re-seeding a year only inserts dates that are not in the table at all, so an
admin's removal survives and seeding is idempotent.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta

import holidays
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import HariLibur, KalenderTahun
from services.platform.format import WIB

CATEGORIES = ("public", "government")
_KETERANGAN_MAX = 300


def holidays_of(tahun: int) -> dict[date, str]:
    """The package's hari libur and cuti bersama of ``tahun``, in Indonesian, by date."""
    calendar = holidays.Indonesia(years=tahun, categories=CATEGORIES, language="id")
    return {tanggal: nama for tanggal, nama in sorted(calendar.items())}


def isi_hari_libur(session: Session, tahun: int) -> int:
    """Insert the year's package dates that are not present yet (aktif or not); returns how many."""
    daftar = holidays_of(tahun)
    if not daftar:
        return 0
    present = set(
        session.scalars(
            select(HariLibur.tanggal).where(
                HariLibur.tanggal >= date(tahun, 1, 1), HariLibur.tanggal <= date(tahun, 12, 31)
            )
        )
    )
    baru = [
        HariLibur(tanggal=tanggal, keterangan=nama[:_KETERANGAN_MAX], sumber="holidays", aktif=True)
        for tanggal, nama in daftar.items()
        if tanggal not in present
    ]
    session.add_all(baru)
    session.flush()
    return len(baru)


def hari_libur_set(session: Session, start: date, end: date) -> set[date]:
    """The aktif hari libur from ``start`` to ``end`` inclusive."""
    return set(
        session.scalars(
            select(HariLibur.tanggal).where(HariLibur.aktif, HariLibur.tanggal >= start, HariLibur.tanggal <= end)
        )
    )


def hari_kerja(session: Session, start: date, end: date) -> list[date]:
    """Monday–Friday dates from ``start`` to ``end`` inclusive that are not an aktif hari libur."""
    if end < start:
        return []
    libur = hari_libur_set(session, start, end)
    days = []
    current = start
    while current <= end:
        if current.weekday() < 5 and current not in libur:
            days.append(current)
        current += timedelta(days=1)
    return days


def kalender_dikonfirmasi(session: Session, tahun: int) -> bool:
    """Whether the admin has confirmed ``tahun``'s calendar; until then Rekap TPP, Tutup Bulan and the admin's
    Beranda say the calendar is unconfirmed (docs/domain.md §8.24)."""
    baris = session.get(KalenderTahun, tahun)
    return baris is not None and baris.dikonfirmasi_pada is not None


def hari_ini() -> date:
    """Today in Bondowoso (WIB, UTC+7). The server may run on UTC, where 00.00–07.00 WIB is still
    yesterday; every "today" of the app comes from here.

    In demo mode only (``SIPIJAR_DEMO=1``), ``SIPIJAR_HARI_INI`` (an ISO date) fixes it: the browser tests
    start a server on the day their (pinned) clock says, so its demo data and its screens agree."""
    tetap = os.environ.get("SIPIJAR_HARI_INI") if os.environ.get("SIPIJAR_DEMO") == "1" else None
    return date.fromisoformat(tetap) if tetap else datetime.now(WIB).date()
