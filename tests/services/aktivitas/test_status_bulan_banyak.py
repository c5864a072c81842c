"""Pilih Pegawai's "n hari lagi sebelum bulan ditutup" for many bawahan at once (services.aktivitas.bulan.
status_bulan_banyak) says for each what status_bulan says for that pegawai alone: a month still open, one past its
closing day, one reopened for one pegawai, one reopened for everyone, one closed by Tutup Bulan."""

from __future__ import annotations

from datetime import date
from itertools import product

from db.models import PembukaanBulan, TutupBulan
from db.session import session_scope
from services.aktivitas.bulan import StatusBulan, status_bulan, status_bulan_banyak

BULAN = [(2026, 1), (2026, 2), (2026, 3), (2026, 4), (2026, 5)]  # closed on 5 Feb, 5 Mar, 5 Apr, 5 May, 5 Jun


def _buka(pegawai_id, sampai: date, bulan: int, oleh: int) -> PembukaanBulan:
    return PembukaanBulan(
        tahun=2026, bulan=bulan, pegawai_id=pegawai_id, dibuka_sampai=sampai, dibuka_oleh_id=oleh, alasan="Uji"
    )


def _siapkan(engine, org) -> None:
    staf, admin = org.staf.pegawai_id, org.admin.pegawai_id
    with session_scope(engine) as s:
        s.add_all(
            [
                _buka(staf, date(2026, 5, 25), 3, admin),
                _buka(None, date(2026, 5, 22), 3, admin),
                _buka(None, date(2026, 5, 1), 2, admin),
                TutupBulan(
                    tahun=2026, bulan=1, versi=1, ditutup_oleh="Admin Uji", menit_per_hari=300,
                    bobot_produktivitas_persen=60,
                ),
            ]
        )  # fmt: skip


def test_many_at_once_worked_out_by_hand(engine, org):
    _siapkan(engine, org)
    staf, kasubbid, kabid, kepala = (p.pegawai_id for p in (org.staf, org.kasubbid, org.kabid, org.kepala))
    with session_scope(engine) as s:
        banyak = status_bulan_banyak(
            s, {staf: (2026, 3), kasubbid: (2026, 3), kabid: (2026, 2), kepala: (2026, 1)}, date(2026, 5, 20)
        )
    # March (closed on 5 April) is reopened until 25 May for the staf and until 22 May for everyone; February's
    # reopening ended on 1 May; January is held by Tutup Bulan.
    assert banyak[staf] == StatusBulan(True, date(2026, 4, 5), date(2026, 5, 25))
    assert banyak[kasubbid] == StatusBulan(True, date(2026, 4, 5), date(2026, 5, 22))
    assert banyak[kabid] == StatusBulan(False, date(2026, 3, 5), None)
    assert not banyak[kepala].terbuka and banyak[kepala].ditutup


def test_the_fast_path_equals_one_at_a_time(engine, org):
    _siapkan(engine, org)
    ids = [org.staf.pegawai_id, org.kasubbid.pegawai_id, org.kabid.pegawai_id]
    with session_scope(engine, readonly=True) as s:
        for today in (date(2026, 3, 5), date(2026, 3, 6), date(2026, 4, 5), date(2026, 5, 2), date(2026, 5, 23)):
            for pilihan in product(BULAN, repeat=3):
                minta = dict(zip(ids, pilihan, strict=True))
                assert status_bulan_banyak(s, minta, today) == {
                    p: status_bulan(s, p, *tb, today) for p, tb in minta.items()
                }
