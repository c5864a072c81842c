"""Hari libur from the holidays package (public + government = national holidays and cuti bersama),
kept by the admin's removals, and hari kerja: docs/domain.md §4's worked example for March 2026; hari_ini, the
WIB date."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from db.models import HariLibur
from db.session import session_scope
from services.platform import kalender

MARET_AWAL, MARET_AKHIR = date(2026, 3, 1), date(2026, 3, 31)
#: docs/domain.md §4: "18, 19, 20, 23 and 24 March are hari libur/cuti bersama".
LIBUR_MARET_2026 = {date(2026, 3, d) for d in (18, 19, 20, 23, 24)}


def _count(s) -> int:
    return s.scalar(select(func.count()).select_from(HariLibur))


def test_march_2026_has_17_hari_kerja_as_in_the_worked_example(engine):
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
    with session_scope(engine) as s:
        weekdays = [d for d in (date(2026, 3, n) for n in range(1, 32)) if d.weekday() < 5]
        assert len(weekdays) == 22
        libur = kalender.hari_libur_set(s, MARET_AWAL, MARET_AKHIR)
        # The weekend days of Idul Fitri (21, 22 March) are in the set too; on weekdays it is DOMAIN's list.
        assert {d for d in libur if d.weekday() < 5} == LIBUR_MARET_2026
        assert {date(2026, 3, 21), date(2026, 3, 22)} <= libur
        hari_kerja = kalender.hari_kerja(s, MARET_AWAL, MARET_AKHIR)
        assert len(hari_kerja) == 17
        assert hari_kerja == [d for d in weekdays if d not in LIBUR_MARET_2026]
        assert len(hari_kerja) * 300 == 5_100  # menit efektif of the example


def test_seed_stores_package_dates_with_indonesian_names_including_cuti_bersama(engine):
    with session_scope(engine) as s:
        inserted = kalender.isi_hari_libur(s, 2026)
    with session_scope(engine) as s:
        assert inserted == _count(s) == len(kalender.holidays_of(2026))
        rows = {r.tanggal: r for r in s.scalars(select(HariLibur))}
        assert rows[date(2026, 8, 17)].keterangan == "Hari Kemerdekaan Republik Indonesia"
        assert "Cuti Bersama" in rows[date(2026, 3, 23)].keterangan
        assert all(r.sumber == "holidays" and r.aktif for r in rows.values())


def test_reseeding_is_idempotent(engine):
    with session_scope(engine) as s:
        first = kalender.isi_hari_libur(s, 2026)
    with session_scope(engine) as s:
        assert kalender.isi_hari_libur(s, 2026) == 0
        assert _count(s) == first
        assert kalender.isi_hari_libur(s, 2027) > 0  # another year is its own
        assert len(kalender.hari_libur_set(s, date(2026, 1, 1), date(2026, 12, 31))) == first


def test_a_date_removed_by_the_admin_stays_removed_after_reseeding(engine):
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
    with session_scope(engine) as s:
        nyepi_cuti = s.scalar(select(HariLibur).where(HariLibur.tanggal == date(2026, 3, 18)))
        nyepi_cuti.aktif = False  # what the admin's removal stores
    with session_scope(engine) as s:
        assert kalender.isi_hari_libur(s, 2026) == 0
    with session_scope(engine) as s:
        row = s.scalar(select(HariLibur).where(HariLibur.tanggal == date(2026, 3, 18)))
        assert row.aktif is False
        assert date(2026, 3, 18) not in kalender.hari_libur_set(s, MARET_AWAL, MARET_AKHIR)
        assert len(kalender.hari_kerja(s, MARET_AWAL, MARET_AKHIR)) == 18


def test_an_admin_date_counts_and_is_not_touched_by_seeding(engine):
    with session_scope(engine) as s:
        s.add(HariLibur(tanggal=date(2026, 3, 2), keterangan="Libur khusus daerah", sumber="admin"))
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
    with session_scope(engine) as s:
        row = s.scalar(select(HariLibur).where(HariLibur.tanggal == date(2026, 3, 2)))
        assert (row.sumber, row.keterangan) == ("admin", "Libur khusus daerah")
        assert len(kalender.hari_kerja(s, MARET_AWAL, MARET_AKHIR)) == 16


def test_hari_kerja_edges(engine):
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        assert kalender.hari_kerja(s, date(2026, 3, 31), date(2026, 3, 1)) == []
        assert kalender.hari_kerja(s, date(2026, 3, 21), date(2026, 3, 22)) == []  # weekend
        assert kalender.hari_kerja(s, date(2026, 3, 25), date(2026, 3, 25)) == [date(2026, 3, 25)]
        assert kalender.hari_kerja(s, date(2026, 12, 24), date(2026, 12, 25)) == []  # cuti bersama + Natal


def test_hari_ini_is_the_wib_date(time_machine):
    time_machine.move_to(datetime(2026, 12, 31, 17, 30, tzinfo=UTC))  # 00.30 WIB on New Year's Day
    assert kalender.hari_ini() == date(2027, 1, 1)
    time_machine.move_to(datetime(2026, 12, 31, 16, 59, tzinfo=UTC))
    assert kalender.hari_ini() == date(2026, 12, 31)


def test_a_fixed_hari_ini_is_honoured_in_demo_mode_only(monkeypatch, time_machine):
    """The browser tests' server gets the tests' today through SIPIJAR_HARI_INI; production ignores it."""
    time_machine.move_to(datetime(2026, 7, 15, 10, tzinfo=UTC))
    monkeypatch.setenv("SIPIJAR_HARI_INI", "2027-01-05")
    monkeypatch.delenv("SIPIJAR_DEMO", raising=False)
    assert kalender.hari_ini() == date(2026, 7, 15)
    monkeypatch.setenv("SIPIJAR_DEMO", "1")
    assert kalender.hari_ini() == date(2027, 1, 5)
