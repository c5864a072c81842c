"""Target bulanan saved again (the pegawai corrects the split) and month keys that are not month
numbers; on both databases."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from db.models import AuditLog, TargetBulanan
from db.session import session_scope
from services.perencanaan import target_bulanan
from services.platform.errors import ValidationError
from tests.factories import build_draft, build_skp, jejak_perencanaan

TAHUN = 2026


@pytest.fixture
def draft(engine, org):
    """Staf's draft SKP: one Kuantitas indikator, target 12, already split 1 per month."""
    with session_scope(engine) as s:
        atasan = build_skp(s, org.kasubbid, TAHUN)
        return build_draft(s, org.staf, TAHUN, atasan.rhk_ids[0])


def _bulanan(engine, indikator_id) -> dict[int, Decimal]:
    with session_scope(engine, readonly=True) as s:
        return {
            t.bulan: Decimal(str(t.target))
            for t in s.scalars(
                select(TargetBulanan).where(TargetBulanan.indikator_id == indikator_id).order_by(TargetBulanan.bulan)
            )
        }


def test_saving_the_split_again_replaces_it_and_is_audited(engine, org, draft):
    """A second "Simpan Target Bulanan" used to fail with a unique violation (the new rows were inserted
    before the old ones were deleted)."""
    ind = draft.indikator_ids[0]
    assert _bulanan(engine, ind) == {b: 1 for b in range(1, 13)}
    baru = {**{b: 1 for b in range(1, 13)}, 1: Decimal(3), 2: Decimal(0), 12: Decimal(0)}
    with session_scope(engine) as s:
        target_bulanan.simpan(s, org.staf, ind, baru)
    assert _bulanan(engine, ind) == baru
    with session_scope(engine) as s:  # and once more, back to the even split
        target_bulanan.simpan(s, org.staf, ind, {b: 1 for b in range(1, 13)})
    assert _bulanan(engine, ind) == {b: 1 for b in range(1, 13)}
    with session_scope(engine, readonly=True) as s:
        logs = s.scalars(select(AuditLog).where(AuditLog.aksi == "simpan_target_bulanan").order_by(AuditLog.id)).all()
    assert len(logs) == 3 and all(log.sebelum for log in logs[1:])


@pytest.mark.parametrize("kunci", ["Januari", "3", 1.5, None])
def test_a_month_key_that_is_not_a_month_number_is_refused(engine, org, draft, kunci):
    ind = draft.indikator_ids[0]
    with session_scope(engine) as s:
        before = jejak_perencanaan(s)
    with (
        pytest.raises(
            ValidationError, match=f'^Bulan target bulanan harus berupa nomor bulan 1–12; "{kunci}" bukan nomor bulan.'
        ),
        session_scope(engine) as s,
    ):
        target_bulanan.simpan(s, org.staf, ind, {**{b: 1 for b in range(1, 13)}, kunci: 1, 13: 1})
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before


@pytest.mark.parametrize(
    "status,kata",
    [
        ("Belum Dibuat", "Belum Dibuat"),
        ("Sudah Dibuat", "Sudah Dibuat"),
        ("berjumlah 11, tidak sama dengan target 12 Dokumen", "Perlu Diperbaiki"),
        ("tidak sesuai dengan bulan-bulan Periode SKP; simpan ulang target bulanannya", "Perlu Diperbaiki"),
    ],
)
def test_the_one_word_for_a_target_bulanan_status(status, kata):
    assert target_bulanan.ringkasan(status) == kata
