"""Each year's calendar filled once on its own and confirmed by the admin (docs/domain.md §8.24): filled when a
period of a new year is created, never re-seeded over an admin's removal; "Kalender 2027 dikonfirmasi" by an
admin only, audited; an edit of a confirmed year asks for the confirmation again; the admin's Beranda names
the unconfirmed years."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from sqlalchemy import delete, func, select

from db.models import AuditLog, HariLibur, KalenderTahun, Pegawai
from db.session import session_scope
from services.organisasi import periode, referensi
from services.pimpinan import beranda
from services.platform import kalender
from services.platform.errors import AksesDitolak, ValidationError


def _libur(s, tahun: int) -> int:
    return s.scalar(
        select(func.count())
        .select_from(HariLibur)
        .where(HariLibur.aktif, HariLibur.tanggal >= date(tahun, 1, 1), HariLibur.tanggal <= date(tahun, 12, 31))
    )


def _aksi(s, aksi: str) -> list[AuditLog]:
    return list(s.scalars(select(AuditLog).where(AuditLog.aksi == aksi).order_by(AuditLog.id)))


def test_a_year_is_filled_once_and_an_admins_removal_is_never_re_seeded(engine, org):
    with session_scope(engine) as s:
        # 2026 per SKB 3 Menteri 2025: 17 libur nasional + 8 cuti bersama.
        assert kalender.pastikan_tahun(s, 2026) == 25
        assert kalender.pastikan_tahun(s, 2026) == 0
        referensi.hapus_hari_libur(s, org.admin, date(2026, 3, 18))
        # Even the package's own date removed from the table's aktif list stays removed.
        assert kalender.pastikan_tahun(s, 2026) == 0
        assert _libur(s, 2026) == 24
        assert [a.actor_id for a in _aksi(s, "isi_kalender_tahun")] == [None]  # the application, on its own
    with session_scope(engine) as s:
        with pytest.raises(ValidationError, match="Tahun tidak valid"):
            kalender.pastikan_tahun(s, 1999)


def test_the_first_period_of_a_new_year_brings_its_calendar(engine, org):
    with session_scope(engine) as s:
        assert s.get(KalenderTahun, 2027) is None
        periode.tambah(s, org.staf, 2027)
        assert s.get(KalenderTahun, 2027) is not None
        # 1 January 2027 (Tahun Baru Masehi) is not a hari kerja.
        assert date(2027, 1, 1) not in kalender.hari_kerja(s, date(2027, 1, 1), date(2027, 1, 8))
        assert _libur(s, 2027) == len(kalender.holidays_of(2027))
        periode.tambah(s, org.kabid, 2027)  # the year is there: nothing more
        assert len(_aksi(s, "isi_kalender_tahun")) == 1


def test_the_years_in_use_are_this_year_the_next_and_those_of_periods(engine, org):
    with session_scope(engine) as s:
        periode.tambah(s, org.staf, 2024)
        assert kalender.tahun_terpakai(s, date(2026, 7, 15)) == [2024, 2026, 2027]
        assert set(kalender.pastikan_tahun_terpakai(s, None, date(2026, 7, 15))) == {2024, 2026, 2027}


def test_only_an_admin_confirms_and_it_is_audited(engine, org):
    with session_scope(engine) as s:
        with pytest.raises(AksesDitolak):
            kalender.konfirmasi(s, org.staf, 2027)
    with session_scope(engine) as s:
        # An unfilled year is filled first: an empty calendar is never confirmed.
        status = kalender.konfirmasi(s, org.admin, 2027)
        assert status.dikonfirmasi and status.dikonfirmasi_oleh == "Admin Uji"
        assert _libur(s, 2027) == len(kalender.holidays_of(2027))
        kalender.konfirmasi(s, org.admin, 2027)  # again: no change, no second audit row
        [baris] = _aksi(s, "konfirmasi_kalender")
        assert (baris.actor_id, baris.entitas_id) == (org.admin.pegawai_id, "2027")
        assert kalender.kalender_dikonfirmasi(s, 2027)
        assert not kalender.kalender_dikonfirmasi(s, 2026)


def test_editing_a_confirmed_year_asks_for_the_confirmation_again(engine, org):
    """docs/domain.md §8.24: adding, removing or re-seeding a date of a confirmed year withdraws the confirmation
    (audited), so Rekap TPP and the Beranda warn again until the admin has looked at the year once more."""
    with session_scope(engine) as s:
        kalender.konfirmasi(s, org.admin, 2026)
        kalender.konfirmasi(s, org.admin, 2027)
        referensi.tambah_hari_libur(s, org.admin, date(2026, 7, 1), "Cuti bersama daerah")
        assert not kalender.kalender_dikonfirmasi(s, 2026)
        assert kalender.kalender_dikonfirmasi(s, 2027)  # another year's edit does not touch it
        kalender.konfirmasi(s, org.admin, 2026)
        referensi.hapus_hari_libur(s, org.admin, date(2026, 7, 1))
        assert not kalender.kalender_dikonfirmasi(s, 2026)
        kalender.konfirmasi(s, org.admin, 2026)
        assert referensi.isi_hari_libur_tahun(s, org.admin, 2026) == 0  # nothing new: stays confirmed
        assert kalender.kalender_dikonfirmasi(s, 2026)
        assert len(_aksi(s, "cabut_konfirmasi_kalender")) == 2


def test_the_admins_beranda_names_the_unconfirmed_years(engine, org):
    with session_scope(engine) as s:
        # 15 July 2026: June closes next (2026) and this year is 2026.
        assert beranda.kalender_belum_dikonfirmasi(s, org.admin, date(2026, 7, 15)) == [2026]
        assert beranda.kalender_belum_dikonfirmasi(s, org.staf, date(2026, 7, 15)) == []  # only an admin confirms
        # 3 January 2027: December 2026 still closes on the 5th, and 2027 has begun.
        assert beranda.kalender_belum_dikonfirmasi(s, org.admin, date(2027, 1, 3)) == [2026, 2027]
        # From December, next year's calendar too.
        assert beranda.kalender_belum_dikonfirmasi(s, org.admin, date(2026, 12, 10)) == [2026, 2027]
        kalender.konfirmasi(s, org.admin, 2026)
        assert beranda.kalender_belum_dikonfirmasi(s, org.admin, date(2026, 7, 15)) == []
        assert beranda.kalender_belum_dikonfirmasi(s, org.admin, date(2026, 12, 10)) == [2027]


def test_a_mutasi_brings_the_calendar_of_its_year(engine, org):
    """A database from before the calendar filled itself: a 2026 period and no 2026 hari libur. The mutasi that
    splits the period (from the admin, or the pegawai import) fills the year on its way."""
    with session_scope(engine) as s:
        periode.tambah(s, org.staf, 2026)
        s.execute(delete(HariLibur))
        s.execute(delete(KalenderTahun))
    with session_scope(engine) as s:
        pegawai = s.get(Pegawai, org.staf.pegawai_id)
        pegawai.jabatan = "Analis Data"
        hasil = periode.apply_mutasi(s, org.admin, pegawai, date(2026, 7, 1))
        assert hasil.dibuka is not None
        assert s.get(KalenderTahun, 2026) is not None and _libur(s, 2026) == 25


def test_two_first_requests_of_a_new_year_fill_it_once(engine, org):
    """Two pegawai create the first periods of 2030 at the same moment: one fills the year, the other waits for it
    and then finds it filled, and its own transaction (its period) still commits (a savepoint, not an error)."""
    pertama_masuk, lepas = threading.Event(), threading.Event()
    hasil: dict[str, object] = {}

    def pertama() -> None:
        with session_scope(engine) as s:
            hasil["pertama"] = kalender.pastikan_tahun(s, 2030)
            pertama_masuk.set()
            lepas.wait(10)

    def kedua() -> None:
        pertama_masuk.wait(10)
        try:
            with session_scope(engine) as s:
                hasil["kedua"] = kalender.pastikan_tahun(s, 2030)
                periode.tambah(s, org.kabid, 2030)
        except Exception as exc:  # reported below, not lost in the thread
            hasil["kedua"] = exc

    t1, t2 = threading.Thread(target=pertama), threading.Thread(target=kedua)
    t1.start()
    t2.start()
    pertama_masuk.wait(10)
    time.sleep(0.5)  # the second request is now waiting on the first one's year
    lepas.set()
    t1.join(20)
    t2.join(20)
    assert hasil == {"pertama": len(kalender.holidays_of(2030)), "kedua": 0}
    with session_scope(engine) as s:
        assert _libur(s, 2030) == len(kalender.holidays_of(2030))
        assert len(_aksi(s, "isi_kalender_tahun")) == 1
        assert len(periode.daftar(s, org.kabid, org.kabid.pegawai_id)) == 1
