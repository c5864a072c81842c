"""Plt and Plh (docs/domain.md §8.30): the admin records, revokes and lists assignments, each refusal with a clear
message and nothing saved; the rights they give (wewenang.diwakili) follow the SK's dates, a unit's head post is
resolved to its holders, a Plt is offered as penilai (pejabat_pengganti), and every act by a Plt is marked in the
audit. In the test organisation kabid heads Bidang Mutasi (no pimpinan flag there: the highest structural
jabatan), kepala heads BKPSDM (pimpinan flag); kasubbid's own penilai is kabid."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from db.enums import JenisJabatan, JenisPenugasan, StatusSKP
from db.models import AuditLog, Pegawai, PenugasanPlt, PeriodeSKP
from db.session import session_scope
from services.organisasi import penilai, plt, wewenang
from services.organisasi.plt import PenugasanInput
from services.perencanaan import ekspektasi, penetapan
from services.platform.access import Actor
from services.platform.errors import AksesDitolak, TidakDitemukan, ValidationError
from services.platform.kalender import hari_ini
from tests.factories import build_skp, make_pegawai

TODAY = date(2026, 7, 15)
PLT, PLH = JenisPenugasan.PLT, JenisPenugasan.PLH
MULAI, AKHIR = date(2026, 7, 1), date(2026, 9, 30)


def _plt_kabid(org, **kw) -> PenugasanInput:
    """kasubbid as Plt of kabid's post, July–September 2026."""
    base = PenugasanInput(org.kasubbid.pegawai_id, PLT, org.kabid.pegawai_id, None, MULAI, AKHIR, "800/12/2026")
    return replace(base, **kw)


def _sekarang(org) -> tuple[PenugasanInput, date]:
    """kasubbid as Plt Kabid around the pinned clock's today, for the acts that read today themselves."""
    hari = hari_ini()
    return _plt_kabid(org, tanggal_mulai=hari - timedelta(days=30), tanggal_akhir=hari + timedelta(days=30)), hari


def _count(s) -> int:
    return s.scalar(select(func.count()).select_from(PenugasanPlt))


def test_admin_assigns_lists_and_revokes_with_audit(engine, org):
    with session_scope(engine) as s:
        row = plt.tambah(s, org.admin, _plt_kabid(org, nomor_sk="  800/12/2026 "), TODAY)
        pid = row.id
    with session_scope(engine) as s:
        [baris] = plt.daftar(s, org.admin, plt.BERJALAN, TODAY)
        assert (baris.jenis, baris.nama, baris.jabatan_diwakili, baris.rentang, baris.nomor_sk, baris.status) == (
            "Plt",
            "Kasubbid Uji",
            "Kepala Bidang Mutasi",
            "1 Juli – 30 September 2026",
            "800/12/2026",  # trimmed
            "Berlaku",
        )
        assert plt.daftar(s, org.admin, plt.SELESAI, TODAY) == []
        assert [b.status for b in plt.daftar(s, org.admin, plt.BERJALAN, date(2026, 6, 30))] == ["Akan datang"]
        assert [b.status for b in plt.daftar(s, org.admin, plt.SELESAI, date(2026, 10, 1))] == ["Selesai"]
        plt.cabut(s, org.admin, pid)
    with session_scope(engine) as s:
        assert plt.daftar(s, org.admin, plt.BERJALAN, TODAY) == []
        [baris] = plt.daftar(s, org.admin, plt.SELESAI, TODAY)
        assert baris.status == "Dicabut"  # kept for the audit
        with pytest.raises(ValidationError, match="sudah dicabut"):
            plt.cabut(s, org.admin, pid)
        with pytest.raises(TidakDitemukan):
            plt.cabut(s, org.admin, pid + 99)
        audit = s.execute(
            select(AuditLog.aksi, AuditLog.sesudah).where(AuditLog.entitas == "penugasan_plt").order_by(AuditLog.id)
        ).all()
        assert [a for a, _ in audit] == ["tambah_plt", "cabut_plt"]
        assert json.loads(audit[0][1])["nomor_sk"] == "800/12/2026"
        assert json.loads(audit[1][1])["dicabut"] is True


@pytest.mark.parametrize("who", ["kabid", "staf", "kepala"])
def test_only_an_admin_assigns_revokes_or_lists(engine, org, who):
    actor = getattr(org, who)
    with session_scope(engine) as s:
        pid = plt.tambah(s, org.admin, _plt_kabid(org), TODAY).id
    with session_scope(engine) as s:
        with pytest.raises(AksesDitolak):
            plt.tambah(s, actor, _plt_kabid(org, tanggal_mulai=date(2026, 10, 1), tanggal_akhir=date(2026, 10, 31)))
        with pytest.raises(AksesDitolak):
            plt.cabut(s, actor, pid)
        with pytest.raises(AksesDitolak):
            plt.daftar(s, actor)
        with pytest.raises(AksesDitolak):
            plt.cari_pegawai(s, actor, "Uji")


def _nonaktif(s, actor: Actor) -> None:
    s.get(Pegawai, actor.pegawai_id).aktif = False


REFUSALS = [  # (change to the form, expected message)
    ({"pejabat_id": None}, "Pilih jabatan yang diwakili"),
    ({"unit_kerja_id": 1}, "Pilih jabatan yang diwakili"),  # both
    ({"tanggal_mulai": None}, "wajib diisi"),
    ({"tanggal_akhir": date(2026, 6, 30)}, "tidak boleh sebelum"),
    ({"tanggal_akhir": date(2027, 7, 1)}, "paling lama satu tahun"),  # 1 July 2026 – 1 July 2027: a day too many
    ({"tanggal_mulai": date(2025, 7, 13), "tanggal_akhir": date(2025, 8, 1)}, "paling jauh satu tahun"),
    ({"nomor_sk": "   "}, "Nomor SK wajib diisi"),
    ({"nomor_sk": "x" * 101}, "Nomor SK"),
    ({"pegawai_id": 999_999}, "tidak ditemukan"),
    ({"pejabat_id": 999_999}, "tidak ditemukan"),
]


@pytest.mark.parametrize("ubah, pesan", REFUSALS)
def test_refusals_save_nothing(engine, org, ubah, pesan):
    with session_scope(engine) as s, pytest.raises((ValidationError, TidakDitemukan), match=pesan):
        plt.tambah(s, org.admin, _plt_kabid(org, **ubah), TODAY)
    with session_scope(engine) as s:
        assert _count(s) == 0


def test_range_bounds_are_inclusive(engine, org):
    """1 July 2026 – 30 June 2027 is a year and passes; a start 366 days from today (15 July 2026) too."""
    with session_scope(engine) as s:
        plt.tambah(s, org.admin, _plt_kabid(org, tanggal_mulai=MULAI, tanggal_akhir=date(2027, 6, 30)), TODAY)
        lain = _plt_kabid(org, pejabat_id=org.kadinkes.pegawai_id, tanggal_mulai=date(2027, 7, 16))
        plt.tambah(s, org.admin, replace(lain, tanggal_akhir=date(2027, 7, 31)), TODAY)
        with pytest.raises(ValidationError, match="paling jauh satu tahun"):
            plt.tambah(
                s, org.admin, replace(lain, tanggal_mulai=date(2027, 7, 17), tanggal_akhir=date(2027, 7, 31)), TODAY
            )
        assert _count(s) == 2


def test_self_assignment_refused(engine, org):
    """The Plt is the pejabat — by name, or as the holder of the unit's head post."""
    with session_scope(engine) as s:
        with pytest.raises(ValidationError, match="mewakili dirinya sendiri"):
            plt.tambah(s, org.admin, _plt_kabid(org, pegawai_id=org.kabid.pegawai_id), TODAY)
        with pytest.raises(ValidationError, match="mewakili dirinya sendiri"):
            plt.tambah(
                s,
                org.admin,
                _plt_kabid(org, pegawai_id=org.kabid.pegawai_id, pejabat_id=None, unit_kerja_id=org.bidang),
                TODAY,
            )
        with pytest.raises(ValidationError, match="Admin tidak dapat menugaskan dirinya sendiri"):
            plt.tambah(s, org.admin, _plt_kabid(org, pegawai_id=org.admin.pegawai_id), TODAY)
        assert _count(s) == 0


def test_nonaktif_plt_refused_but_an_absent_pejabat_is_the_point(engine, org):
    with session_scope(engine) as s:
        _nonaktif(s, org.kasubbid)
    with session_scope(engine) as s, pytest.raises(ValidationError, match="tidak aktif"):
        plt.tambah(s, org.admin, _plt_kabid(org), TODAY)
    with session_scope(engine) as s:
        s.get(Pegawai, org.kasubbid.pegawai_id).aktif = True
        s.get(Pegawai, org.kasubbid.pegawai_id).tanggal_berhenti = date(2026, 9, 30)  # leaves on the last day
    with session_scope(engine) as s, pytest.raises(ValidationError, match="berhenti sebelum akhir"):
        plt.tambah(s, org.admin, _plt_kabid(org), TODAY)
    with session_scope(engine) as s:
        s.get(Pegawai, org.kasubbid.pegawai_id).tanggal_berhenti = None
        _nonaktif(s, org.kabid)  # the pejabat is gone: exactly when a Plt is named
    with session_scope(engine) as s:
        plt.tambah(s, org.admin, _plt_kabid(org), TODAY)


def test_overlap_for_the_same_post_refused(engine, org):
    """One post, one Plt/Plh at a time, whether named by the pejabat or by the unit; adjacent ranges, another
    post, and a revoked assignment do not block."""
    with session_scope(engine) as s:
        pid = plt.tambah(s, org.admin, _plt_kabid(org), TODAY).id
    lain = {"pegawai_id": None}
    with session_scope(engine) as s:
        lain = {"pegawai_id": org.fungsional.pegawai_id}
        for ubah in (
            {"tanggal_mulai": date(2026, 9, 30), "tanggal_akhir": date(2026, 10, 31)},  # the last day in common
            {"tanggal_mulai": date(2026, 6, 1), "tanggal_akhir": date(2026, 7, 1)},  # the first day in common
            {"pejabat_id": None, "unit_kerja_id": org.bidang, "jenis": PLH},  # kabid heads Bidang Mutasi
        ):
            with pytest.raises(ValidationError, match="sudah memiliki Plt Kasubbid Uji pada 1 Juli – 30 September"):
                plt.tambah(s, org.admin, _plt_kabid(org, **lain, **ubah), TODAY)
        plt.tambah(
            s,
            org.admin,
            _plt_kabid(org, **lain, tanggal_mulai=date(2026, 10, 1), tanggal_akhir=date(2026, 10, 31)),
            TODAY,
        )
        plt.tambah(s, org.admin, _plt_kabid(org, **lain, pejabat_id=org.kadinkes.pegawai_id), TODAY)
    with session_scope(engine) as s:
        unit = _plt_kabid(org, **lain, pejabat_id=None, unit_kerja_id=org.bidang, tanggal_akhir=date(2026, 8, 31))
        with pytest.raises(ValidationError, match="beririsan"):
            plt.tambah(s, org.admin, unit, TODAY)
        plt.cabut(s, org.admin, pid)
    with session_scope(engine) as s:
        plt.tambah(s, org.admin, unit, TODAY)  # the revoked one blocks nothing
        assert _count(s) == 4


def test_diwakili_follows_the_dates_inclusive(engine, org):
    with session_scope(engine) as s:
        pid = plt.tambah(s, org.admin, _plt_kabid(org), TODAY).id
    with session_scope(engine) as s:
        k = org.kasubbid.pegawai_id
        assert wewenang.diwakili(s, k, date(2026, 6, 30)) == []
        assert wewenang.diwakili(s, k, MULAI) == [org.kabid.pegawai_id]
        assert wewenang.diwakili(s, k, AKHIR) == [org.kabid.pegawai_id]
        assert wewenang.diwakili(s, k, date(2026, 10, 1)) == []
        assert wewenang.diwakili(s, org.kabid.pegawai_id, TODAY) == []  # the pejabat keeps only their own
        assert wewenang.penilai_ids(s, org.kabid, TODAY) == [org.kabid.pegawai_id]
        assert wewenang.penilai_ids(s, org.kasubbid, TODAY) == [k, org.kabid.pegawai_id]
        plt.cabut(s, org.admin, pid)
    with session_scope(engine) as s:
        assert wewenang.diwakili(s, org.kasubbid.pegawai_id, TODAY) == []


def test_a_unit_post_stands_for_its_holders(engine, org):
    """The head post of BKPSDM: kepala (pimpinan flag) — and, once he is gone, still him (his bawahan's periods
    name him). A unit with no pimpinan and no structural jabatan placed in it: nobody."""
    with session_scope(engine) as s:
        kosong = make_pegawai(s, "Pelaksana Lain", "Pengadministrasi", JenisJabatan.PELAKSANA, org.dinkes)
        s.get(Pegawai, org.kadinkes.pegawai_id).is_pimpinan = False
        s.get(Pegawai, org.kadinkes.pegawai_id).unit_kerja_id = org.kabupaten  # Dinkes has no head placed in it now
        plt.tambah(s, org.admin, _plt_kabid(org, pejabat_id=None, unit_kerja_id=org.bkpsdm), TODAY)
        plt.tambah(
            s, org.admin, _plt_kabid(org, pegawai_id=kosong.id, pejabat_id=None, unit_kerja_id=org.dinkes), TODAY
        )
    with session_scope(engine) as s:
        assert wewenang.diwakili(s, org.kasubbid.pegawai_id, TODAY) == [org.kepala.pegawai_id]
        _nonaktif(s, org.kepala)
    with session_scope(engine) as s:
        assert wewenang.diwakili(s, org.kasubbid.pegawai_id, TODAY) == [org.kepala.pegawai_id]
        assert wewenang.diwakili(s, kosong.id, TODAY) == []
        assert wewenang.label_penugasan(s, org.kasubbid, TODAY) == ["Plt Kepala BKPSDM Uji s.d. 30 September 2026"]


def test_the_plt_is_offered_as_penilai_during_the_period(engine, org):
    """fungsional's penilai is kabid; perawat (another OPD, never offered by rank) as Plt Kabid may be chosen
    (pejabat_pengganti), and is not offered to a period the assignment does not touch."""
    with session_scope(engine) as s:
        plt.tambah(s, org.admin, _plt_kabid(org, pegawai_id=org.perawat.pegawai_id), TODAY)
        p2026 = build_skp(s, org.fungsional, 2026, StatusSKP.DRAFT).periode_id
        p2027 = build_skp(s, org.fungsional, 2027, StatusSKP.DRAFT).periode_id
    with session_scope(engine) as s:
        assert penilai.pejabat_pengganti(s, s.get(PeriodeSKP, p2026)) == [org.perawat.pegawai_id]
        assert penilai.pejabat_pengganti(s, s.get(PeriodeSKP, p2027)) == []
        assert org.perawat.pegawai_id in [c.id for c in penilai.calon_penilai(s, org.fungsional, p2026)]
        assert org.perawat.pegawai_id not in [c.id for c in penilai.calon_penilai(s, org.fungsional, p2027)]
        penilai.ganti_penilai(s, org.fungsional, p2026, org.perawat.pegawai_id, TODAY)  # within the rule
    with session_scope(engine) as s:
        assert s.get(PeriodeSKP, p2026).penilai_id == org.perawat.pegawai_id
        sendiri = build_skp(s, org.perawat, 2026, StatusSKP.DRAFT).periode_id
        assert penilai.pejabat_pengganti(s, s.get(PeriodeSKP, sendiri)) == []  # never the pegawai


def test_a_period_without_penilai_is_offered_the_plt_of_its_unit_or_the_unit_above(engine, org):
    with session_scope(engine) as s:
        periode = s.get(PeriodeSKP, build_skp(s, org.fungsional, 2026, StatusSKP.DRAFT).periode_id)
        periode.penilai_id = None
        plt.tambah(s, org.admin, _plt_kabid(org, pegawai_id=org.perawat.pegawai_id), TODAY)
        assert penilai.pejabat_pengganti(s, periode) == []  # a pejabat's Plt: nobody's penilai to stand in for
        plt.tambah(
            s,
            org.admin,
            _plt_kabid(org, pegawai_id=org.staf.pegawai_id, pejabat_id=None, unit_kerja_id=org.bkpsdm),
            TODAY,
        )
        assert penilai.pejabat_pengganti(s, periode) == [org.staf.pegawai_id]  # BKPSDM is above Bidang Mutasi
        plt.tambah(
            s,
            org.admin,
            _plt_kabid(org, pegawai_id=org.kadinkes.pegawai_id, pejabat_id=None, unit_kerja_id=org.kabupaten),
            TODAY,
        )
        assert penilai.pejabat_pengganti(s, periode) == [org.staf.pegawai_id]  # the kabupaten: two levels up


def test_a_plt_acts_on_the_bawahan_marked_in_the_audit_never_on_their_own_skp(engine, org):
    """kasubbid as Plt Kabid decides fungsional's SKP (audit: sebagai Plt, mewakili kabid, the SK), but his own
    SKP — whose penilai is kabid too — stays out of his reach: not listed, not decidable."""
    with session_scope(engine) as s:
        plt.tambah(s, org.admin, *_sekarang(org))
        fungsional = build_skp(s, org.fungsional, 2026, StatusSKP.DIAJUKAN).skp_id
        sendiri = build_skp(s, org.kasubbid, 2026, StatusSKP.DIAJUKAN).skp_id
    with session_scope(engine) as s:
        daftar = {b.skp_id for b in penetapan.daftar_bawahan(s, org.kasubbid)}
        assert fungsional in daftar and sendiri not in daftar
        with pytest.raises(AksesDitolak):
            penetapan.proses_penetapan(s, org.kasubbid, sendiri, penetapan.Aksi.TETAPKAN.value, None)
    with session_scope(engine) as s:
        penetapan.proses_penetapan(s, org.kasubbid, fungsional, penetapan.Aksi.TETAPKAN.value, None)
        ekspektasi.simpan(s, org.kasubbid, fungsional, {1: "Melayani dengan ramah"})
    with session_scope(engine) as s:
        rows = s.execute(select(AuditLog.aksi, AuditLog.sesudah).where(AuditLog.entitas == "skp").order_by(AuditLog.id))
        tanda = {aksi: json.loads(sesudah) for aksi, sesudah in rows}
        mewakili = f"{org.kabid.nip} Kabid Uji"
        for aksi in ("tetapkan", "simpan_ekspektasi"):
            assert (tanda[aksi]["sebagai"], tanda[aksi]["mewakili"], tanda[aksi]["nomor_sk"]) == (
                "Plt",
                mewakili,
                "800/12/2026",
            )
        assert tanda["simpan_ekspektasi"]["ekspektasi"] == {"1": "Melayani dengan ramah"}


def test_the_definitive_pejabat_acts_in_their_own_right(engine, org):
    with session_scope(engine) as s:
        plt.tambah(s, org.admin, *_sekarang(org))
        skp = build_skp(s, org.fungsional, 2026, StatusSKP.DIAJUKAN).skp_id
    with session_scope(engine) as s:
        penetapan.proses_penetapan(s, org.kabid, skp, penetapan.Aksi.TETAPKAN.value, None)
        assert wewenang.sebagai(s, org.kabid, org.kabid.pegawai_id) == {}
    with session_scope(engine) as s:
        sesudah = s.scalar(select(AuditLog.sesudah).where(AuditLog.aksi == "tetapkan"))
        assert "sebagai" not in json.loads(sesudah)
