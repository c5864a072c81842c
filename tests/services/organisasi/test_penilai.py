"""Penilai Pegawai (e-book step 6, docs/domain.md §3.2): the pegawai corrects the penilai of a period (and,
for the running period, their atasan); never oneself, never a bawahan (no cycles), never another's
period or a locked SKP; the Bawahan tab; searching a pegawai to choose."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from db.enums import StatusSKP
from db.models import AuditLog, Pegawai, PeriodeSKP
from db.session import session_scope
from services.organisasi import penilai, periode
from services.platform.errors import AksesDitolak, TidakDitemukan, ValidationError

TODAY = date(2026, 5, 12)


def _periode(engine, actor, tahun=2026) -> int:
    with session_scope(engine) as s:
        return periode.tambah(s, actor, tahun).id


def _state(engine, pid, pegawai_id) -> tuple:
    """(penilai of the period, atasan of the pegawai, audit rows): what a refusal must not change."""
    with session_scope(engine) as s:
        return (
            s.get(PeriodeSKP, pid).penilai_id,
            s.get(Pegawai, pegawai_id).atasan_id,
            s.scalar(select(func.count()).select_from(AuditLog)),
        )


def _audit(engine, aksi) -> list[AuditLog]:
    with session_scope(engine) as s:
        return list(s.scalars(select(AuditLog).where(AuditLog.aksi == aksi).order_by(AuditLog.id)))


def test_running_period_correction_changes_penilai_and_atasan(engine, org):
    pid = _periode(engine, org.staf)
    with session_scope(engine) as s:
        p = penilai.ganti_penilai(s, org.staf, pid, org.kabid.pegawai_id, today=TODAY)
        assert p.penilai_id == org.kabid.pegawai_id
        assert s.get(Pegawai, org.staf.pegawai_id).atasan.nama == "Kabid Uji"
    with session_scope(engine) as s:
        assert s.get(PeriodeSKP, pid).penilai_id == org.kabid.pegawai_id
        assert s.get(Pegawai, org.staf.pegawai_id).atasan_id == org.kabid.pegawai_id
        # The hierarchy follows: staf is now a direct bawahan of kabid, no longer of kasubbid.
        assert [b.nama for b in penilai.bawahan(s, org.kabid)] == ["Fungsional Uji", "Kasubbid Uji", "Staf Uji"]
        assert penilai.bawahan(s, org.kasubbid) == []
    [row] = _audit(engine, "ganti_penilai")
    assert (row.actor_id, row.actor_nip, row.entitas, row.entitas_id) == (
        org.staf.pegawai_id,
        org.staf.nip,
        "periode_skp",
        str(pid),
    )
    assert (json.loads(row.sebelum), json.loads(row.sesudah)) == (
        {"penilai_id": org.kasubbid.pegawai_id},
        {"penilai_id": org.kabid.pegawai_id},
    )
    [row] = _audit(engine, "ganti_atasan")
    assert (row.actor_id, row.entitas, row.entitas_id, json.loads(row.sebelum), json.loads(row.sesudah)) == (
        org.staf.pegawai_id,
        "pegawai",
        str(org.staf.pegawai_id),
        {"atasan_id": org.kasubbid.pegawai_id},
        {"atasan_id": org.kabid.pegawai_id},
    )


def test_running_period_boundaries_count_as_running(engine, org):
    with session_scope(engine) as s:
        pid = periode.tambah(s, org.staf, 2026, date(2026, 3, 1), date(2026, 6, 30)).id
    with session_scope(engine) as s:
        penilai.ganti_penilai(s, org.staf, pid, org.kabid.pegawai_id, today=date(2026, 6, 30))
    assert _state(engine, pid, org.staf.pegawai_id)[:2] == (org.kabid.pegawai_id, org.kabid.pegawai_id)


@pytest.mark.parametrize("tahun,today", [(2025, TODAY), (2027, TODAY)])
def test_correcting_a_past_or_future_period_leaves_the_hierarchy_alone(engine, org, tahun, today):
    pid = _periode(engine, org.staf, tahun)
    with session_scope(engine) as s:
        penilai.ganti_penilai(s, org.staf, pid, org.kabid.pegawai_id, today=today)
    assert _state(engine, pid, org.staf.pegawai_id)[:2] == (org.kabid.pegawai_id, org.kasubbid.pegawai_id)
    assert len(_audit(engine, "ganti_penilai")) == 1
    assert _audit(engine, "ganti_atasan") == []


def test_choosing_the_same_penilai_again_keeps_the_hierarchy(engine, org):
    pid = _periode(engine, org.staf)
    with session_scope(engine) as s:
        penilai.ganti_penilai(s, org.staf, pid, org.kasubbid.pegawai_id, today=TODAY)
    assert _state(engine, pid, org.staf.pegawai_id)[:2] == (org.kasubbid.pegawai_id, org.kasubbid.pegawai_id)
    assert _audit(engine, "ganti_atasan") == []


def _locked(status):
    def make(s, pid):
        periode.skp_of(s, pid).status = status

    return make


CYCLE = "{} adalah bawahan (langsung atau tidak langsung) Anda; susunan atasan–bawahan tidak boleh melingkar."


@pytest.mark.parametrize(
    "owner,actor,choice,setup,error,message",
    [
        ("staf", "staf", "staf", None, ValidationError, "Anda tidak dapat menjadi penilai bagi diri sendiri."),
        ("kabid", "kabid", "kabid", None, ValidationError, "Anda tidak dapat menjadi penilai bagi diri sendiri."),
        ("kabid", "kabid", "kasubbid", None, ValidationError, CYCLE.format("Kasubbid Uji")),
        ("kabid", "kabid", "fungsional", None, ValidationError, CYCLE.format("Fungsional Uji")),
        ("kabid", "kabid", "staf", None, ValidationError, CYCLE.format("Staf Uji")),
        ("kepala", "kepala", "staf", None, ValidationError, CYCLE.format("Staf Uji")),
        ("bupati", "bupati", "perawat", None, ValidationError, CYCLE.format("Perawat Uji")),
        ("staf", "kasubbid", "kabid", None, AksesDitolak, "Anda hanya dapat melihat atau mengubah data Anda sendiri."),
        ("staf", "kepala", "kabid", None, AksesDitolak, "Anda hanya dapat melihat atau mengubah data Anda sendiri."),
        ("staf", "admin", "kabid", None, AksesDitolak, "Anda hanya dapat mengubah data Anda sendiri."),
        (
            "staf",
            "staf",
            "kabid",
            _locked(StatusSKP.DIAJUKAN),
            ValidationError,
            "SKP periode ini sudah diajukan; penilai tidak dapat diganti. "
            "Minta atasan mengembalikan SKP terlebih dahulu.",
        ),
        (
            "staf",
            "staf",
            "kabid",
            _locked(StatusSKP.DITETAPKAN),
            ValidationError,
            "SKP periode ini sudah ditetapkan; penilai tidak dapat diganti. "
            "Minta atasan mengembalikan SKP terlebih dahulu.",
        ),
        ("staf", "staf", "kabid", "inactive", TidakDitemukan, "Pegawai penilai tidak ditemukan atau tidak aktif."),
        ("staf", "staf", None, None, TidakDitemukan, "Pegawai penilai tidak ditemukan atau tidak aktif."),
    ],
)
def test_refusals_change_nothing(engine, org, owner, actor, choice, setup, error, message):
    owner_id = getattr(org, owner).pegawai_id
    pid = _periode(engine, getattr(org, owner))
    if setup == "inactive":
        with session_scope(engine) as s:
            s.get(Pegawai, getattr(org, choice).pegawai_id).aktif = False
    elif setup is not None:
        with session_scope(engine) as s:
            setup(s, pid)
    before = _state(engine, pid, owner_id)
    choice_id = 999_999 if choice is None else getattr(org, choice).pegawai_id
    with pytest.raises(error) as err:
        with session_scope(engine) as s:
            penilai.ganti_penilai(s, getattr(org, actor), pid, choice_id, today=TODAY)
    assert err.value.message == message
    assert _state(engine, pid, owner_id) == before


def test_dikembalikan_skp_may_change_penilai(engine, org):
    pid = _periode(engine, org.staf)
    with session_scope(engine) as s:
        periode.skp_of(s, pid).status = StatusSKP.DIKEMBALIKAN
    with session_scope(engine) as s:
        penilai.ganti_penilai(s, org.staf, pid, org.kabid.pegawai_id, today=TODAY)
    assert _state(engine, pid, org.staf.pegawai_id)[:2] == (org.kabid.pegawai_id, org.kabid.pegawai_id)


def test_a_pegawai_from_another_opd_is_refused_and_the_refusal_is_audited(engine, org):
    """Kadinkes is not above kabid in kabid's unit chain: a request to the admin, not a choice."""
    pid = _periode(engine, org.kabid)
    before = _state(engine, pid, org.kabid.pegawai_id)
    with pytest.raises(AksesDitolak, match="^Kadinkes Uji bukan pejabat di atas Anda"):
        with session_scope(engine) as s:
            penilai.ganti_penilai(s, org.kabid, pid, org.kadinkes.pegawai_id, today=TODAY)
    assert _state(engine, pid, org.kabid.pegawai_id)[:2] == before[:2]
    [row] = _audit(engine, "ganti_penilai_ditolak")
    assert (row.actor_id, row.entitas, row.entitas_id) == (org.kabid.pegawai_id, "periode_skp", str(pid))
    assert json.loads(row.sesudah)["diminta"] == {"penilai_id": org.kadinkes.pegawai_id}


def test_missing_period(engine, org):
    with pytest.raises(TidakDitemukan, match="^Periode SKP tidak ditemukan.$"):
        with session_scope(engine) as s:
            penilai.ganti_penilai(s, org.staf, 999_999, org.kabid.pegawai_id, today=TODAY)


# --- tab Bawahan ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who,names",
    [
        ("kabid", ["Fungsional Uji", "Kasubbid Uji"]),
        ("kasubbid", ["Staf Uji"]),
        ("kepala", ["Kabid Uji"]),
        ("bupati", ["Kadinkes Uji", "Kepala Uji"]),
        ("kadinkes", ["Perawat Uji"]),
        ("staf", []),
        ("admin", []),
    ],
)
def test_bawahan_lists_direct_bawahan_only(engine, org, who, names):
    with session_scope(engine) as s:
        assert [b.nama for b in penilai.bawahan(s, getattr(org, who))] == names


def test_bawahan_leaves_out_inactive_pegawai(engine, org):
    with session_scope(engine) as s:
        s.get(Pegawai, org.fungsional.pegawai_id).aktif = False
    with session_scope(engine) as s:
        assert [b.nama for b in penilai.bawahan(s, org.kabid)] == ["Kasubbid Uji"]


# --- cari_pegawai -----------------------------------------------------------------------------------

EVERYONE_BUT_STAF = [
    "Admin Uji",
    "Bupati Uji",
    "Fungsional Uji",
    "Kabid Uji",
    "Kadinkes Uji",
    "Kasubbid Uji",
    "Kepala Uji",
    "Perawat Uji",
]


@pytest.mark.parametrize(
    "query,names",
    [
        ("uji", EVERYONE_BUT_STAF),
        ("Kab", ["Kabid Uji"]),
        ("KEPALA", ["Kepala Uji"]),
        ("  sub  ", ["Kasubbid Uji"]),
        ("ka", []),  # fewer than 3 characters
        ("  k ", []),
        ("", []),
        (None, []),
        ("Staf", []),  # not oneself
        ("%%%", []),  # typed wildcards are characters, not "everyone"
        ("___", []),
        ("a_u", []),
        ("tidak ada", []),
    ],
)
def test_cari_pegawai_by_name(engine, org, query, names):
    with session_scope(engine) as s:
        assert [p.nama for p in penilai.cari_pegawai(s, org.staf, query)] == names


def test_cari_pegawai_by_nip_prefix(engine, org):
    with session_scope(engine) as s:
        assert [p.nama for p in penilai.cari_pegawai(s, org.staf, org.kabid.nip)] == ["Kabid Uji"]
        assert [p.nama for p in penilai.cari_pegawai(s, org.staf, org.kabid.nip[:3])] == EVERYONE_BUT_STAF
        assert penilai.cari_pegawai(s, org.staf, org.staf.nip) == []  # not oneself
        assert penilai.cari_pegawai(s, org.staf, org.kabid.nip[1:]) == []  # a prefix, not any substring
        assert len(penilai.cari_pegawai(s, org.staf, "uji", limit=3)) == 3


def test_cari_pegawai_leaves_out_inactive(engine, org):
    with session_scope(engine) as s:
        s.get(Pegawai, org.kabid.pegawai_id).aktif = False
    with session_scope(engine) as s:
        assert penilai.cari_pegawai(s, org.staf, "Kabid") == []
        assert penilai.cari_pegawai(s, org.staf, org.kabid.nip) == []
