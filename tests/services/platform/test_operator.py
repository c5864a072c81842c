"""The operator — the person at the server's shell — runs the ``sipijar`` actions as an admin may, is
named in the audit log, and no one (None) is let through in their place."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from db.models import AuditLog, Pegawai
from db.session import session_scope
from services.aktivitas import rekap_tpp
from services.organisasi import import_pegawai, periode
from services.platform import auth
from services.platform.access import Operator, require_admin_or_operator
from services.platform.errors import AksesDitolak
from tests.factories import build_maret_2026

OPERATOR = Operator("budi")
CSV = (
    b"nip,nama,jabatan,jenis_jabatan,unit_kerja\n"
    b"199001012020011001,Pegawai Impor,Analis,Pelaksana,Dinas Kesehatan Uji\n"
)


def _set_password(s, org, actor):
    auth.setel_password(s, actor, org.staf.nip, "Sementara-2026")


def _unlock(s, org, actor):
    auth.buka_kunci(s, actor, org.staf.nip)


def _import(s, org, actor):
    import_pegawai.import_file(s, actor, CSV, "pegawai.csv", efektif=date(2026, 7, 1))


def _mutasi(s, org, actor):
    staf = s.get(Pegawai, org.staf.pegawai_id)
    staf.unit_kerja_id = org.dinkes
    periode.apply_mutasi(s, actor, staf, date(2026, 7, 1))


def _rekap(s, org, actor):
    build_maret_2026(s, org.staf)
    assert rekap_tpp.rekap(s, actor, 2026, 3).rows


ACTIONS = {
    "set_password": (_set_password, "atur_password"),
    "unlock": (_unlock, "buka_kunci_akun"),
    "import_pegawai": (_import, "impor_pegawai_baru"),
    "apply_mutasi": (_mutasi, None),  # no running period here, so nothing to record
    "rekap_tpp": (_rekap, None),  # read only
}


def test_an_operator_needs_a_name_for_the_audit_log():
    for nama in ("", "   ", "x" * 101):
        with pytest.raises(ValueError):
            Operator(nama)
    assert Operator("x" * 100).nama == "x" * 100


def test_admin_or_operator_lets_only_those_two_through(org):
    require_admin_or_operator(OPERATOR)
    require_admin_or_operator(org.admin)
    for nobody in (org.kabid, org.staf, None):
        with pytest.raises(AksesDitolak, match="Hanya Admin BKPSDM"):
            require_admin_or_operator(nobody)


@pytest.mark.parametrize("name", ACTIONS)
def test_the_operator_runs_the_cli_actions_and_is_named_in_the_audit_log(engine, org, name):
    action, aksi = ACTIONS[name]
    with session_scope(engine) as s:
        action(s, org, OPERATOR)
    if aksi is None:
        return
    with session_scope(engine) as s:
        row = s.scalar(select(AuditLog).where(AuditLog.aksi == aksi))
        assert (row.operator, row.actor_id, row.actor_nip) == ("budi", None, None)


@pytest.mark.parametrize("name", ACTIONS)
def test_none_and_a_pegawai_without_the_admin_role_are_refused(engine, org, name):
    action, _aksi = ACTIONS[name]
    for nobody in (None, org.kabid):
        with pytest.raises(AksesDitolak):
            with session_scope(engine) as s:
                action(s, org, nobody)
    with session_scope(engine) as s:
        assert s.scalar(select(AuditLog.id).where(AuditLog.operator.is_not(None))) is None
