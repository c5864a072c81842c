"""Hari libur and hari kerja (docs/domain.md §4, §8.12, §8.24).

The default list of a year comes from ``holidays.Indonesia`` with the ``public`` and ``government``
categories: national holidays and cuti bersama. The admin adds dates (sumber 'admin') or removes one
(``aktif = False``); re-seeding a year only inserts dates that are not in the table at all, so an
admin's removal survives and seeding is idempotent.

A year in use is filled once on its own (:func:`pastikan_tahun`: at ``sipijar db upgrade``, at the app's
first start, when a period of a new year is created) and recorded in ``kalender_tahun``; the admin then
confirms it (:func:`konfirmasi`), and an edit of a confirmed year asks for the confirmation again
(:func:`cabut_konfirmasi`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import holidays
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.models import HariLibur, KalenderTahun, Pegawai, PeriodeSKP
from db.models.base import utcnow
from services.platform import audit
from services.platform.access import Actor, Operator, require_admin
from services.platform.errors import ValidationError
from services.platform.format import WIB

CATEGORIES = ("public", "government")
_KETERANGAN_MAX = 300
TAHUN_MIN, TAHUN_MAX = 2000, 2100  # the kalender_tahun CHECK


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


def _tahun_sah(tahun: object) -> int:
    if isinstance(tahun, bool) or not isinstance(tahun, int) or not TAHUN_MIN <= tahun <= TAHUN_MAX:
        raise ValidationError("Tahun tidak valid.")
    return tahun


def pastikan_tahun(session: Session, tahun: int, actor: Actor | Operator | None = None) -> int:
    """Fill ``tahun``'s hari libur from the package once, and record it in ``kalender_tahun``; a year already
    recorded is left as it is, so a date the admin removed (or one the package adds in a later version) never
    comes back on its own. Returns how many dates were added (0 when the year was filled before).

    Two first requests of a new year may race: the second one's insert of the year waits for the first and
    then finds it (a savepoint keeps the caller's transaction usable)."""
    tahun = _tahun_sah(tahun)
    if session.get(KalenderTahun, tahun) is not None:
        return 0
    try:
        with session.begin_nested():
            session.add(KalenderTahun(tahun=tahun))
            session.flush()
    except IntegrityError:
        return 0  # another transaction filled the year meanwhile
    jumlah = isi_hari_libur(session, tahun)
    audit.record(session, actor, "isi_kalender_tahun", "kalender_tahun", tahun, None, {"jumlah": jumlah})
    return jumlah


def tahun_terpakai(session: Session, today: date | None = None) -> list[int]:
    """The years a deployment needs: this year, the next one, and every year that has a Periode SKP."""
    tahun_ini = (today or hari_ini()).year
    periode = set(session.scalars(select(PeriodeSKP.tahun).distinct()))
    return sorted({tahun_ini, tahun_ini + 1} | {t for t in periode if TAHUN_MIN <= t <= TAHUN_MAX})


def pastikan_tahun_terpakai(
    session: Session, actor: Actor | Operator | None = None, today: date | None = None
) -> dict[int, int]:
    """:func:`pastikan_tahun` for every year of :func:`tahun_terpakai`; the dates added per year."""
    return {tahun: pastikan_tahun(session, tahun, actor) for tahun in tahun_terpakai(session, today)}


@dataclass(frozen=True)
class StatusKalender:
    """A year's calendar as the admin's screens show it."""

    tahun: int
    diisi_pada: datetime | None  # None: never filled (no period of that year, no upgrade since)
    dikonfirmasi_pada: datetime | None
    dikonfirmasi_oleh: str | None

    @property
    def dikonfirmasi(self) -> bool:
        return self.dikonfirmasi_pada is not None


def status_tahun(session: Session, tahun: int) -> StatusKalender:
    baris = session.get(KalenderTahun, tahun)
    if baris is None:
        return StatusKalender(tahun, None, None, None)
    oleh = session.get(Pegawai, baris.dikonfirmasi_oleh_id) if baris.dikonfirmasi_oleh_id else None
    return StatusKalender(tahun, baris.diisi_pada, baris.dikonfirmasi_pada, oleh.nama if oleh else None)


def konfirmasi(session: Session, actor: Actor, tahun: int) -> StatusKalender:
    """The admin has checked ``tahun``'s hari libur and cuti bersama against the SKB and the regency's own
    decisions. The year is filled first, so an empty year is never confirmed. Confirming a confirmed year
    again changes nothing."""
    require_admin(actor)
    pastikan_tahun(session, tahun, actor)
    baris = session.get_one(KalenderTahun, tahun)
    if baris.dikonfirmasi_pada is None:
        baris.dikonfirmasi_pada, baris.dikonfirmasi_oleh_id = utcnow(), actor.pegawai_id
        session.flush()
        aktif = len(hari_libur_set(session, date(tahun, 1, 1), date(tahun, 12, 31)))
        audit.record(session, actor, "konfirmasi_kalender", "kalender_tahun", tahun, None, {"hari_libur_aktif": aktif})
    return status_tahun(session, tahun)


def cabut_konfirmasi(session: Session, actor: Actor, tahun: int) -> bool:
    """After an edit of ``tahun``'s hari libur the year must be confirmed again; True when it had been
    confirmed (docs/domain.md §8.24)."""
    baris = session.get(KalenderTahun, tahun)
    if baris is None or baris.dikonfirmasi_pada is None:
        return False
    sebelum = {"dikonfirmasi_pada": baris.dikonfirmasi_pada, "dikonfirmasi_oleh_id": baris.dikonfirmasi_oleh_id}
    baris.dikonfirmasi_pada, baris.dikonfirmasi_oleh_id = None, None
    session.flush()
    audit.record(session, actor, "cabut_konfirmasi_kalender", "kalender_tahun", tahun, sebelum, None)
    return True


def kalender_dikonfirmasi(session: Session, tahun: int) -> bool:
    """Whether the admin has confirmed ``tahun``'s calendar; until then Rekap TPP, Tutup Bulan and the admin's
    Beranda say the calendar is unconfirmed (docs/domain.md §8.24)."""
    baris = session.get(KalenderTahun, tahun)
    return baris is not None and baris.dikonfirmasi_pada is not None


def bulan_range(tahun: int, bulan: int) -> tuple[date, date]:
    """First and last date of the month."""
    first = date(tahun, bulan, 1)
    nxt = date(tahun + (bulan == 12), bulan % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def awal_bulan_terbuka(hari_tutup: int, today: date) -> date:
    """The first day of the oldest month still open without a reopening: entries and validation of month M
    close on day ``hari_tutup`` of M+1 (docs/domain.md §3.10), so through that day it is last month."""
    awal = today.replace(day=1)
    return (awal - timedelta(days=1)).replace(day=1) if today.day <= hari_tutup else awal


def hari_ini() -> date:
    """Today in Bondowoso (WIB, UTC+7). The server may run on UTC, where 00.00–07.00 WIB is still
    yesterday; every "today" of the app comes from here.

    In demo mode only (``SIPIJAR_DEMO=1``), ``SIPIJAR_HARI_INI`` (an ISO date) fixes it: the browser tests
    start a server on the day their (pinned) clock says, so its demo data and its screens agree."""
    tetap = os.environ.get("SIPIJAR_HARI_INI") if os.environ.get("SIPIJAR_DEMO") == "1" else None
    return date.fromisoformat(tetap) if tetap else datetime.now(WIB).date()
