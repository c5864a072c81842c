"""An activity crossing midnight (docs/domain.md §8.38): split on Simpan into one part until 24.00 and one from
00.00 the next day, each through the entry rules; a refused part stores neither. Minutes and volumes by hand."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.models import AktivitasHarian, AuditLog
from db.session import session_scope
from services.aktivitas import tengah_malam
from services.aktivitas.entri import TENGAH_MALAM
from services.aktivitas.harian import AktivitasInput
from services.platform import kalender
from services.platform.errors import ValidationError
from tests.factories import build_skp


@pytest.fixture
def skp(engine, org):
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        return build_skp(s, org.staf, 2026)


def _input(skp, tanggal, mulai, selesai, volume="1") -> AktivitasInput:
    return AktivitasInput(
        tanggal, skp.rhk_ids[0], "Piket posko bencana", Decimal(volume), "Laporan", mulai, selesai, skp.indikator_ids[0]
    )


def _simpan(engine, actor, data, today):
    with session_scope(engine) as s:
        tengah_malam.tambah(s, actor, data, today)


def _rows(engine) -> list[tuple]:
    with session_scope(engine, readonly=True) as s:
        return [
            (a.tanggal, a.jam_mulai, a.jam_selesai, a.durasi_menit, a.volume)
            for a in s.scalars(select(AktivitasHarian).order_by(AktivitasHarian.tanggal, AktivitasHarian.jam_mulai))
        ]


def _audit(engine) -> int:
    with session_scope(engine, readonly=True) as s:
        return s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.aksi == "tambah_aktivitas"))


def test_22_to_02_is_two_activities_of_120_minutes_each(engine, org, skp):
    data = _input(skp, date(2026, 7, 14), time(22, 0), time(2, 0))
    assert tengah_malam.pesan_tersimpan(data) == (
        "Aktivitas melewati tengah malam dan disimpan sebagai dua: 14 Juli 2026 22.00–24.00 dan "
        "15 Juli 2026 00.00–02.00; keduanya menunggu validasi atasan."
    )
    _simpan(engine, org.staf, data, date(2026, 7, 15))
    assert _rows(engine) == [
        (date(2026, 7, 14), time(22, 0), TENGAH_MALAM, 120, Decimal("0.5")),
        (date(2026, 7, 15), time(0, 0), time(2, 0), 120, Decimal("0.5")),
    ]
    assert _audit(engine) == 2
    with session_scope(engine) as s, pytest.raises(ValidationError, match="23.30–24.00 bertumpang tindih"):
        tengah_malam.tambah(s, org.staf, _input(skp, date(2026, 7, 14), time(23, 30), time(0, 0)), date(2026, 7, 15))


def test_across_a_month_end_the_volume_is_shared_by_minutes(engine, org, skp):
    # 23.00–24.00 is 60 minutes, 00.00–00.30 is 30: 3 Laporan → 3 × 60/90 = 2 and the rest 1.
    _simpan(engine, org.staf, _input(skp, date(2026, 7, 31), time(23, 0), time(0, 30), "3"), date(2026, 8, 3))
    assert _rows(engine) == [
        (date(2026, 7, 31), time(23, 0), TENGAH_MALAM, 60, Decimal("2")),
        (date(2026, 8, 1), time(0, 0), time(0, 30), 30, Decimal("1")),
    ]


def test_until_00_00_is_one_activity_ending_at_24_00(engine, org, skp):
    data = _input(skp, date(2026, 7, 14), time(21, 0), time(0, 0))
    assert (
        tengah_malam.pesan_tersimpan(data)
        == "Aktivitas 14 Juli 2026 21.00–24.00 tersimpan dan menunggu validasi atasan."
    )
    _simpan(engine, org.staf, data, date(2026, 7, 15))
    assert _rows(engine) == [(date(2026, 7, 14), time(21, 0), TENGAH_MALAM, 180, Decimal("1"))]


@pytest.mark.parametrize(
    "tanggal, today, pesan",
    [
        # the first part in July, closed on 5 August: neither part is stored
        (date(2026, 7, 31), date(2026, 8, 6), r"bagian pertama \(31 Juli 2026 22.00–24.00\).*Juli 2026 sudah ditutup"),
        # the second part is tomorrow: it has not happened yet
        (date(2026, 7, 15), date(2026, 7, 15), r"bagian kedua \(16 Juli 2026 00.00–02.00\).*belum terjadi"),
        # the second part falls outside every Periode SKP (no 2027 period)
        (date(2026, 12, 31), date(2027, 1, 2), r"bagian kedua \(1 Januari 2027 00.00–02.00\).*Periode SKP"),
    ],
)
def test_a_refused_part_stores_neither(engine, org, skp, tanggal, today, pesan):
    with pytest.raises(ValidationError, match=pesan):
        _simpan(engine, org.staf, _input(skp, tanggal, time(22, 0), time(2, 0)), today)
    assert _rows(engine) == [] and _audit(engine) == 0
