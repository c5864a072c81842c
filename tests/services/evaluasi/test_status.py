"""The states of an Evaluasi Kinerja: the transition table, what a screen may offer from it (boleh), and
the offers the rating screen reads (DetailEvaluasi.bisa_finalkan / bisa_buka_kembali)."""

from __future__ import annotations

import pytest

from db.enums import Rating, StatusEvaluasi
from db.session import session_scope
from services.evaluasi import evaluasi_kinerja as evaluasi
from services.evaluasi.peran import ADMIN, LAIN, PEGAWAI, PENILAI
from services.evaluasi.status import BUKA_KEMBALI, FINALKAN, SIMPAN, TRANSISI, boleh, transisi
from services.platform.errors import AksesDitolak, ValidationError
from services.platform.kalender import hari_ini
from tests.factories import build_skp

TAHUN = hari_ini().year - 1

D, F = StatusEvaluasi.DRAFT, StatusEvaluasi.FINAL
STATES = (None, D, F)
ACTIONS = (SIMPAN, FINALKAN, BUKA_KEMBALI)
ROLES = (PENILAI, PEGAWAI, ADMIN, LAIN)
ALLOWED = {
    (None, "simpan", "penilai"): D,
    (D, "simpan", "penilai"): D,
    (D, "finalkan", "penilai"): F,
    (F, "buka_kembali", "penilai"): D,
    (F, "buka_kembali", "admin"): D,
}


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("aksi", ACTIONS)
@pytest.mark.parametrize("peran", ROLES)
def test_transition_table(status, aksi, peran):
    key = (status, aksi, peran)
    if key in ALLOWED:
        assert transisi(status, aksi, peran) == ALLOWED[key]
    else:
        with pytest.raises((AksesDitolak, ValidationError)):
            transisi(status, aksi, peran)


def test_the_table_in_code_is_the_table_tested():
    assert TRANSISI == ALLOWED


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("aksi", ACTIONS)
@pytest.mark.parametrize("peran", ROLES)
def test_boleh_offers_exactly_the_allowed_transitions(status, aksi, peran):
    assert boleh(status, aksi, peran) == ((status, aksi, peran) in ALLOWED)


def test_the_rating_screen_offers_finalkan_to_a_draft_and_buka_kembali_to_a_final(engine, org):
    with session_scope(engine) as s:
        skp_id = build_skp(s, org.staf, TAHUN).skp_id  # penilai: kasubbid
        v = evaluasi.simpan(s, org.kasubbid, skp_id, "TW1", Rating.SESUAI, Rating.SESUAI).version_id
    with session_scope(engine) as s:
        d = evaluasi.detail(s, org.kasubbid, skp_id, "TW1")
        assert (d.bisa_menilai, d.bisa_finalkan, d.bisa_buka_kembali) == (True, True, False)
        assert not evaluasi.detail(s, org.admin, skp_id, "TW1").bisa_finalkan
        evaluasi.finalkan(s, org.kasubbid, skp_id, "TW1", v)
    with session_scope(engine) as s:
        d = evaluasi.detail(s, org.kasubbid, skp_id, "TW1")
        assert (d.bisa_menilai, d.bisa_finalkan, d.bisa_buka_kembali) == (False, False, True)
        assert evaluasi.detail(s, org.admin, skp_id, "TW1").bisa_buka_kembali
        assert not evaluasi.detail(s, org.staf, skp_id, "TW1").bisa_buka_kembali
