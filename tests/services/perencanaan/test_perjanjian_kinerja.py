"""Perjanjian Kinerja: only JPT and pimpinan unit kerja mandiri (period snapshot); wording hints that
never block; edit/delete while no RHK uses it; locked with the SKP."""

from __future__ import annotations

from decimal import Decimal

import pytest

from db.models import Pegawai
from db.session import session_scope
from services.organisasi import periode
from services.perencanaan import penetapan
from services.perencanaan import perjanjian_kinerja as pk_service
from services.perencanaan.kalimat import petunjuk_sasaran
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import build_jpt_draft, jejak_perencanaan

TAHUN = 2026
SASARAN = "Meningkatnya Profesionalitas Pegawai (Penugasan dari Pj. Bupati Bondowoso)"


@pytest.fixture
def periode_kepala(engine, org):
    with session_scope(engine) as s:
        return periode.tambah(s, org.kepala, TAHUN).id


def test_tambah_perjanjian_kinerja_and_indikator(engine, org, periode_kepala):
    with session_scope(engine) as s:
        pk = pk_service.tambah(s, org.kepala, periode_kepala, f"  {SASARAN} ", "Proses Bisnis")
        pk_service.tambah_indikator(s, org.kepala, pk.id, "Indeks Profesionalitas ASN", "72,5", "Indeks")
    with session_scope(engine) as s:
        [row] = pk_service.daftar(s, org.kepala, periode_kepala)
    assert (row.sasaran_strategis, row.perspektif.value, row.petunjuk, row.dipakai) == (
        SASARAN,
        "Proses Bisnis",
        [],
        False,
    )
    assert [(i.indikator, i.target, i.satuan) for i in row.indikator] == [
        ("Indeks Profesionalitas ASN", Decimal("72.5"), "Indeks")
    ]


def test_list_is_ordered_by_perspektif(engine, org, periode_kepala):
    with session_scope(engine) as s:
        for p in ("Penguatan Internal", "Anggaran", "Penerima Layanan", "Proses Bisnis"):
            pk_service.tambah(s, org.kepala, periode_kepala, f"Meningkatnya {p} (Penugasan dari Bupati)", p)
    with session_scope(engine) as s:
        assert [r.perspektif.value for r in pk_service.daftar(s, org.kepala, periode_kepala)] == [
            "Penerima Layanan",
            "Proses Bisnis",
            "Anggaran",
            "Penguatan Internal",
        ]


@pytest.mark.parametrize(
    "teks,hints",
    [
        (SASARAN, 0),
        ("Terlaksananya Program Penunjang Urusan Pemerintah Daerah (Penugasan dari Bupati Bondowoso)", 0),
        ("Menurunnya angka stunting (penugasan dari Kepala Dinas)", 0),
        ("Tercapainya target PAD (Penugasan dari Sekda).", 0),
        ("Meningkatnya Profesionalitas Pegawai", 1),  # no (Penugasan dari …)
        ("Peningkatan profesionalitas pegawai (Penugasan dari Bupati)", 1),  # not an outcome
        ("Pelaksanaan rapat", 2),
        ("Meningkatnya x (Penugasan dari Bupati) tahun ini", 1),  # not at the end
    ],
)
def test_sasaran_hints_never_block(engine, org, periode_kepala, teks, hints):
    assert len(petunjuk_sasaran(teks)) == hints
    with session_scope(engine) as s:
        pk_service.tambah(s, org.kepala, periode_kepala, teks, "Anggaran")
    with session_scope(engine) as s:
        assert len(pk_service.daftar(s, org.kepala, periode_kepala)[0].petunjuk) == hints


@pytest.mark.parametrize(
    "who,error,pesan",
    [
        ("staf", ValidationError, "hanya diisi oleh JPT"),  # own period, not JPT
        ("kabid", AksesDitolak, "Perjanjian Kinerja Anda sendiri"),
    ],
)
def test_only_jpt_fill_their_own(engine, org, periode_kepala, who, error, pesan):
    with session_scope(engine) as s:
        target = periode.tambah(s, org.staf, TAHUN).id if who == "staf" else periode_kepala
        before = jejak_perencanaan(s)
    with pytest.raises(error, match=pesan), session_scope(engine) as s:
        pk_service.tambah(s, getattr(org, who), target, SASARAN, "Anggaran")
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before


def test_pimpinan_unit_kerja_mandiri_plans_like_jpt_by_the_period_snapshot(engine, org):
    with session_scope(engine) as s:
        s.get(Pegawai, org.perawat.pegawai_id).pimpinan_unit_kerja_mandiri = True
    with session_scope(engine) as s:
        p = periode.tambah(s, org.perawat, TAHUN)
        pk_service.tambah(s, org.perawat, p.id, SASARAN, "Penerima Layanan")
        # The snapshot decides: a later change of the pegawai row does not reopen or close the menu.
        s.get(Pegawai, org.perawat.pegawai_id).pimpinan_unit_kerja_mandiri = False
    with session_scope(engine) as s:
        assert len(pk_service.daftar(s, org.perawat, p.id)) == 1


@pytest.mark.parametrize(
    "sasaran,perspektif,pesan",
    [
        ("", "Anggaran", "Sasaran Strategis wajib diisi"),
        (SASARAN, "Keuangan", "Pilih perspektif"),
    ],
)
def test_bad_input_changes_nothing(engine, org, periode_kepala, sasaran, perspektif, pesan):
    with session_scope(engine) as s:
        before = jejak_perencanaan(s)
    with pytest.raises(ValidationError, match=pesan), session_scope(engine) as s:
        pk_service.tambah(s, org.kepala, periode_kepala, sasaran, perspektif)
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before


def test_edit_and_delete_only_while_unused(engine, org):
    with session_scope(engine) as s:
        d = build_jpt_draft(s, org.kepala, TAHUN, ("Anggaran",))
        used = pk_service.daftar(s, org.kepala, d.periode_id)[0]
        free = pk_service.tambah(s, org.kepala, d.periode_id, SASARAN, "Proses Bisnis")
        before = jejak_perencanaan(s)
    assert used.dipakai
    with (
        pytest.raises(ValidationError, match="sudah dipakai pada Rencana SKP dan tidak dapat diubah"),
        session_scope(engine) as s,
    ):
        pk_service.ubah(s, org.kepala, used.id, "Meningkatnya lain (Penugasan dari Bupati)", "Anggaran")
    with pytest.raises(ValidationError, match="tidak dapat dihapus"), session_scope(engine) as s:
        pk_service.hapus(s, org.kepala, used.id)
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before
    with session_scope(engine) as s:
        pk_service.ubah(
            s, org.kepala, free.id, "Meningkatnya kompetensi ASN (Penugasan dari Bupati)", "Penguatan Internal"
        )
        ind = pk_service.tambah_indikator(s, org.kepala, free.id, "Jumlah ASN dilatih", 600, "Orang")
        pk_service.ubah_indikator(s, org.kepala, ind.id, "Jumlah ASN yang dilatih", 650, "Orang")
    with session_scope(engine) as s:
        row = next(r for r in pk_service.daftar(s, org.kepala, d.periode_id) if r.id == free.id)
        assert (row.sasaran_strategis, row.perspektif.value, row.indikator[0].target) == (
            "Meningkatnya kompetensi ASN (Penugasan dari Bupati)",
            "Penguatan Internal",
            Decimal(650),
        )
        pk_service.hapus_indikator(s, org.kepala, ind.id)
        pk_service.hapus(s, org.kepala, free.id)
    with session_scope(engine) as s:
        assert [r.id for r in pk_service.daftar(s, org.kepala, d.periode_id)] == [used.id]


def test_perjanjian_kinerja_is_locked_with_a_submitted_skp(engine, org):
    with session_scope(engine) as s:
        d = build_jpt_draft(s, org.kepala, TAHUN)
        penetapan.ajukan_draft(s, org.kepala, d.skp_id)
        before = jejak_perencanaan(s)
    with pytest.raises(ValidationError, match="Diajukan"), session_scope(engine) as s:
        pk_service.tambah(s, org.kepala, d.periode_id, SASARAN, "Anggaran")
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before


def test_the_changes_are_audited(engine, org, periode_kepala):
    import json

    from sqlalchemy import select

    from db.models import AuditLog

    with session_scope(engine) as s:
        pk = pk_service.tambah(s, org.kepala, periode_kepala, SASARAN, "Anggaran")
        pk_service.ubah(s, org.kepala, pk.id, "Meningkatnya akuntabilitas (Penugasan dari Bupati)", "Anggaran")
    with session_scope(engine) as s:
        row = s.scalar(select(AuditLog).where(AuditLog.aksi == "ubah_perjanjian_kinerja"))
        assert (
            row.actor_nip,
            json.loads(row.sebelum)["sasaran_strategis"],
            json.loads(row.sesudah)["sasaran_strategis"],
        ) == (org.kepala.nip, SASARAN, "Meningkatnya akuntabilitas (Penugasan dari Bupati)")


@pytest.mark.parametrize(
    "status,terkunci",
    [("Draft", False), ("Dikembalikan", False), ("Diajukan", True), ("Ditetapkan", True)],
)
def test_the_screen_of_a_period_says_what_is_locked_and_which_perspektif_lack_a_sasaran(
    engine, org, periode_kepala, status, terkunci
):
    from db.enums import Perspektif, StatusSKP

    with session_scope(engine) as s:
        pk_service.tambah(s, org.kepala, periode_kepala, SASARAN, "Proses Bisnis")
        periode.skp_of(s, periode_kepala).status = StatusSKP(status)
    with session_scope(engine) as s:
        layar = pk_service.perjanjian_periode(s, org.kepala, periode_kepala)
        assert [r.sasaran_strategis for r in layar.sasaran] == [
            r.sasaran_strategis for r in pk_service.daftar(s, org.kepala, periode_kepala)
        ]
    assert (layar.status.value, layar.terkunci) == (status, terkunci)
    assert layar.perspektif_tanpa_sasaran == [
        Perspektif.PENERIMA_LAYANAN,
        Perspektif.ANGGARAN,
        Perspektif.PENGUATAN_INTERNAL,
    ]
