"""A Plt in Umpan Balik and Evaluasi Kinerja (docs/domain.md §8.30): kasubbid, Plt of kabid's post around
today, rates fungsional (penilai kabid) and each act's audit row says "sebagai Plt"; his own SKP, whose
penilai is kabid too, is neither listed for him nor his to rate; after the range the rights are gone."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from db.enums import JenisPenugasan, Rating
from db.models import AuditLog
from db.session import session_scope
from services.evaluasi import evaluasi_kinerja, peran, umpan_balik_perilaku
from services.organisasi import plt
from services.organisasi.plt import PenugasanInput
from services.platform.errors import AksesDitolak
from services.platform.kalender import hari_ini
from tests.factories import build_skp

TAHUN = hari_ini().year - 1
S = Rating.SESUAI


@pytest.fixture
def skp(engine, org):
    """The assignment (today ± 3 days) and the two Ditetapkan SKP of last year: {owner: skp id}."""
    hari = hari_ini()
    with session_scope(engine) as s:
        data = PenugasanInput(
            org.kasubbid.pegawai_id,
            JenisPenugasan.PLH,
            org.kabid.pegawai_id,
            None,
            hari - timedelta(days=3),
            hari + timedelta(days=3),
            "800/9/2026",
        )
        pid = plt.tambah(s, org.admin, data, hari).id
        return pid, {nama: build_skp(s, getattr(org, nama), TAHUN).skp_id for nama in ("fungsional", "kasubbid")}


def _sesudah(engine, aksi: str) -> dict:
    with session_scope(engine, readonly=True) as s:
        return json.loads(s.scalar(select(AuditLog.sesudah).where(AuditLog.aksi == aksi)))


def test_the_plh_rates_the_bawahan_marked_in_the_audit(engine, org, skp):
    _, ids = skp
    with session_scope(engine) as s:
        assert [p.nama for p in peran.skp_bawahan(s, org.kasubbid, TAHUN)] == ["Fungsional Uji"]
        umpan_balik_perilaku.simpan_umpan_balik_perilaku(s, org.kasubbid, ids["fungsional"], "TW1", {1: "Baik"})
        ev = evaluasi_kinerja.simpan(s, org.kasubbid, ids["fungsional"], "TW1", S, S)
    with session_scope(engine) as s:
        evaluasi_kinerja.finalkan(s, org.kasubbid, ids["fungsional"], "TW1", ev.version_id)
    for aksi in ("simpan_evaluasi", "finalkan_evaluasi", "umpan_balik_perilaku"):
        tanda = _sesudah(engine, aksi)
        assert (tanda["sebagai"], tanda["mewakili"], tanda["nomor_sk"]) == (
            "Plh",
            f"{org.kabid.nip} Kabid Uji",
            "800/9/2026",
        )


def test_never_on_their_own_skp(engine, org, skp):
    _, ids = skp
    with session_scope(engine) as s, pytest.raises(AksesDitolak):
        evaluasi_kinerja.simpan(s, org.kasubbid, ids["kasubbid"], "TW1", S, S)
    with session_scope(engine) as s, pytest.raises(AksesDitolak):
        umpan_balik_perilaku.simpan_umpan_balik_perilaku(s, org.kasubbid, ids["kasubbid"], "TW1", {1: "Baik"})
    with session_scope(engine) as s:  # the definitive pejabat rates it, in his own right
        evaluasi_kinerja.simpan(s, org.kabid, ids["kasubbid"], "TW1", S, S)
    assert "sebagai" not in _sesudah(engine, "simpan_evaluasi")


def test_a_revoked_assignment_grants_nothing(engine, org, skp):
    pid, ids = skp
    with session_scope(engine) as s:
        plt.cabut(s, org.admin, pid)
    with session_scope(engine) as s:
        assert peran.skp_bawahan(s, org.kasubbid, TAHUN) == []
        with pytest.raises(AksesDitolak):
            evaluasi_kinerja.simpan(s, org.kasubbid, ids["fungsional"], "TW1", S, S)
