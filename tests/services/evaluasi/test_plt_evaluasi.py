"""A Plt in Umpan Balik and Evaluasi Kinerja (docs/domain.md §8.30): kasubbid, Plt of kabid's post around
today, rates fungsional (penilai kabid) and each act's audit row says "sebagai Plt"; his own SKP, whose
penilai is kabid too, is neither listed for him nor his to rate; after the range the rights are gone."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from db.enums import JenisPenugasan, Rating, StatusSKP
from db.models import SKP, AuditLog
from db.session import session_scope
from services.evaluasi import dokumen_evaluasi, evaluasi_kinerja, peran, umpan_balik_perilaku
from services.organisasi import plt
from services.organisasi.plt import PenugasanInput
from services.perencanaan import dokumen_skp, penetapan
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


def _teks(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def test_documents_signed_by_the_plh_as_plh_of_the_post(engine, org, skp):
    """The SKP the Plh ditetapkan and the evaluation the Plh finalised are signed "Plh. Kepala Bidang Mutasi"
    by the Plh; what the definitive pejabat did is signed by him as Pejabat Penilai Kinerja."""
    _, ids = skp
    with session_scope(engine) as s:
        s.get(SKP, ids["fungsional"]).status = StatusSKP.DIAJUKAN
        s.get(SKP, ids["kasubbid"]).status = StatusSKP.DIAJUKAN
    with session_scope(engine) as s:
        penetapan.proses_penetapan(s, org.kasubbid, ids["fungsional"], penetapan.Aksi.TETAPKAN.value, None)
        penetapan.proses_penetapan(s, org.kabid, ids["kasubbid"], penetapan.Aksi.TETAPKAN.value, None)
        ev = evaluasi_kinerja.simpan(s, org.kasubbid, ids["fungsional"], "TW1", S, S)
    with session_scope(engine) as s:
        evaluasi_kinerja.finalkan(s, org.kasubbid, ids["fungsional"], "TW1", ev.version_id)
    with session_scope(engine) as s:
        for pdf in (
            dokumen_skp.cetak(s, org.admin, ids["fungsional"]),
            dokumen_evaluasi.cetak(s, org.admin, ids["fungsional"], "TW1"),
        ):
            teks = _teks(pdf)
            assert "Plh. Kepala Bidang Mutasi" in teks and "Kasubbid Uji" in teks and org.kasubbid.nip in teks
        teks = _teks(dokumen_skp.cetak(s, org.admin, ids["kasubbid"]))
        assert "Plh." not in teks and "Pejabat Penilai Kinerja Kabid Uji" in teks
