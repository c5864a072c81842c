"""``sipijar db upgrade`` fills the calendar of every year in use (docs/domain.md §8.24): a freshly deployed,
non-demo database gives DOMAIN.md §4's March 2026 without any admin click, and an admin's removal of a date
survives the next upgrade."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, func, select

import cli
from db.engine import make_engine
from db.models import AuditLog, HariLibur, KalenderTahun, PeriodeSKP
from db.session import session_scope
from services.aktivitas import capaian
from services.organisasi import periode, referensi
from services.platform import kalender
from tests.conftest import ORDINARY_DAY
from tests.factories import build_maret_2026, build_org


@pytest.fixture(autouse=True)
def _ordinary_day(time_machine):
    """ "This year" is 2026 and the next 2027, whatever SIPIJAR_TEST_NOW says."""
    time_machine.move_to(ORDINARY_DAY)


def _upgrade(db_url, monkeypatch) -> str:
    monkeypatch.setenv("SIPIJAR_DATABASE_URL", db_url)
    assert cli.main(["db", "upgrade"]) == 0
    return db_url


def test_march_2026_is_exact_on_a_fresh_database_without_an_admin_click(db_url, monkeypatch, capsys):
    _upgrade(db_url, monkeypatch)
    out = capsys.readouterr().out
    # The clock is pinned to 15 July 2026: this year and the next are filled. 2026 per SKB 3 Menteri 2025:
    # 17 libur nasional + 8 cuti bersama = 25 dates.
    assert "Kalender 2026: 25 hari libur dan cuti bersama diisi dari kalender nasional (belum dikonfirmasi)." in out
    assert "Kalender 2027:" in out
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:
            assert (
                s.scalar(select(func.count()).select_from(HariLibur).where(HariLibur.tanggal < date(2027, 1, 1))) == 25
            )
            assert set(s.scalars(select(KalenderTahun.tahun))) == {2026, 2027}
            assert not kalender.kalender_dikonfirmasi(s, 2026)
            org = build_org(s)
            build_maret_2026(s, org.staf, isi_libur=False)  # no isi_hari_libur: only what the upgrade filled
        with session_scope(engine) as s:
            hasil = capaian.capaian_pegawai(s, org.staf, org.staf.pegawai_id, 2026, 3)
            # 22 weekdays − 18, 19, 20, 23, 24 March = 17 hari kerja; 17 × 300 = 5,100 menit efektif;
            # 4,080 / 5,100 = 80.00 %; 60 % × 3,100,000 × 4,080 / 5,100 = 1,488,000.
            assert (hasil.hari_kerja, hasil.menit_efektif, hasil.menit_tervalidasi) == (17, 5100, 4080)
            assert hasil.capaian_persen == 80
            assert hasil.tpp_produktivitas == 1_488_000
    finally:
        engine.dispose()


def test_an_admins_removal_survives_the_next_upgrade(db_url, monkeypatch, capsys):
    _upgrade(db_url, monkeypatch)
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:
            org = build_org(s)
            referensi.hapus_hari_libur(s, org.admin, date(2026, 3, 18))
        capsys.readouterr()
        assert cli.main(["db", "upgrade"]) == 0
        assert "Kalender" not in capsys.readouterr().out  # nothing new to fill
        with session_scope(engine) as s:
            # 18 March is a working day again: 17 + 1 = 18 hari kerja in March 2026.
            assert len(kalender.hari_kerja(s, date(2026, 3, 1), date(2026, 3, 31))) == 18
    finally:
        engine.dispose()


def test_upgrade_fills_the_years_of_existing_periods(db_url, monkeypatch, capsys):
    """A database from before the calendar was filled on its own: a 2024 period, no 2024 hari libur."""
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:
            org = build_org(s)
            periode.tambah(s, org.staf, 2024)
            s.execute(delete(HariLibur))
            s.execute(delete(KalenderTahun))
        _upgrade(db_url, monkeypatch)
        assert "Kalender 2024:" in capsys.readouterr().out
        with session_scope(engine) as s:
            assert set(s.scalars(select(KalenderTahun.tahun))) == {2024, 2026, 2027}
            assert s.scalar(select(func.count()).select_from(PeriodeSKP)) == 1
            # Who filled it now: the operator at the shell, by name (the first filling, by the period, was "sistem").
            assert s.scalar(
                select(AuditLog.operator)
                .where(AuditLog.aksi == "isi_kalender_tahun", AuditLog.entitas_id == "2024")
                .order_by(AuditLog.id.desc())
                .limit(1)
            )
    finally:
        engine.dispose()
