"""Matriks Peran Hasil: only after the atasan's SKP is ditetapkan; RHK across, bawahan down; cells
changed or deleted while unused; a bawahan with nothing is flagged."""

from __future__ import annotations

import pytest

from db.session import session_scope
from services.organisasi import periode
from services.perencanaan import matriks, rencana_skp
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import build_skp, jejak_perencanaan

TAHUN = 2026


@pytest.fixture
def kabid(engine, org):
    with session_scope(engine) as s:
        return build_skp(s, org.kabid, TAHUN)


def test_the_matrix_has_the_rhk_across_and_the_bawahan_down(engine, org, kabid):
    with session_scope(engine) as s:
        matriks.tambah(s, org.kabid, kabid.rhk_ids[1], org.kasubbid.pegawai_id, "Terlaksananya verifikasi berkas")
    with session_scope(engine) as s:
        m = matriks.matriks(s, org.kabid, kabid.periode_id)
    assert [t for _, t in m.rhk] == ["Terlaksananya tugas 1 Kabid Uji", "Terlaksananya tugas 2 Kabid Uji"]
    assert [b.nama for b in m.bawahan] == ["Fungsional Uji", "Kasubbid Uji"]
    assert [c.teks for c in m.sel[(org.kasubbid.pegawai_id, kabid.rhk_ids[1])]] == ["Terlaksananya verifikasi berkas"]
    assert [b.nama for b in m.tanpa_peran] == ["Fungsional Uji"]


@pytest.mark.parametrize("status", ["Draft", "Diajukan", "Dikembalikan"])
def test_refused_while_the_atasan_skp_is_not_ditetapkan(engine, org, status):
    with session_scope(engine) as s:
        d = build_skp(s, org.kabid, TAHUN, status=status)
        before = jejak_perencanaan(s)
    with (
        pytest.raises(ValidationError, match=f"setelah SKP Anda ditetapkan.*masih berstatus {status}"),
        session_scope(engine) as s,
    ):
        matriks.matriks(s, org.kabid, d.periode_id)
    with pytest.raises(ValidationError, match="setelah SKP Anda ditetapkan"), session_scope(engine) as s:
        matriks.tambah(s, org.kabid, d.rhk_ids[0], org.kasubbid.pegawai_id, "x")
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before


@pytest.mark.parametrize(
    "who,bawahan,pesan",
    [
        ("kabid", "staf", "bukan bawahan langsung"),  # indirect bawahan
        ("kabid", "perawat", "bukan bawahan langsung"),
        ("kasubbid", "staf", "SKP Anda sendiri"),  # someone else's RHK
    ],
)
def test_only_own_rhk_and_direct_bawahan(engine, org, kabid, who, bawahan, pesan):
    with session_scope(engine) as s:
        before = jejak_perencanaan(s)
    with pytest.raises(AksesDitolak, match=pesan), session_scope(engine) as s:
        matriks.tambah(s, getattr(org, who), kabid.rhk_ids[0], getattr(org, bawahan).pegawai_id, "Sesuatu")
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before


def test_empty_text_is_refused(engine, org, kabid):
    with pytest.raises(ValidationError, match="Rencana Hasil Kerja Baru wajib diisi"), session_scope(engine) as s:
        matriks.tambah(s, org.kabid, kabid.rhk_ids[0], org.kasubbid.pegawai_id, "  ")


def test_edit_and_delete_while_unused(engine, org, kabid):
    with session_scope(engine) as s:
        used = matriks.tambah(s, org.kabid, kabid.rhk_ids[0], org.kasubbid.pegawai_id, "Dipakai")
        free = matriks.tambah(s, org.kabid, kabid.rhk_ids[0], org.kasubbid.pegawai_id, "Belum dipakai")
        p = periode.tambah(s, org.kasubbid, TAHUN)
        rencana_skp.gunakan_peran(s, org.kasubbid, periode.skp_of(s, p.id).id, used.id)
        before = jejak_perencanaan(s)
    for action in (
        lambda s: matriks.ubah(s, org.kabid, used.id, "Lain"),
        lambda s: matriks.hapus(s, org.kabid, used.id),
    ):
        with pytest.raises(ValidationError, match="sudah dipakai bawahan"), session_scope(engine) as s:
            action(s)
    with pytest.raises(AksesDitolak), session_scope(engine) as s:
        matriks.ubah(s, org.kasubbid, free.id, "Diubah bawahan")
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before
        matriks.ubah(s, org.kabid, free.id, "Terlaksananya uji kompetensi")
    with session_scope(engine) as s:
        m = matriks.matriks(s, org.kabid, kabid.periode_id)
        cells = m.sel[(org.kasubbid.pegawai_id, kabid.rhk_ids[0])]
        assert [(c.teks, c.dipakai) for c in cells] == [("Dipakai", True), ("Terlaksananya uji kompetensi", False)]
        assert {i: (b.id, rid, c.teks) for i, (b, rid, c) in m.sel_bebas.items()} == {
            free.id: (org.kasubbid.pegawai_id, kabid.rhk_ids[0], "Terlaksananya uji kompetensi")
        }
        matriks.hapus(s, org.kabid, free.id)
    with session_scope(engine) as s:
        cells = matriks.matriks(s, org.kabid, kabid.periode_id).sel[(org.kasubbid.pegawai_id, kabid.rhk_ids[0])]
        assert [c.teks for c in cells] == ["Dipakai"]


def test_a_bawahan_named_by_a_period_but_moved_away_still_appears(engine, org, kabid):
    """Down the side also counts pegawai whose period of the year names the atasan as penilai."""
    from db.models import Pegawai

    with session_scope(engine) as s:
        periode.tambah(s, org.perawat, TAHUN)
        from sqlalchemy import select

        from db.models import PeriodeSKP

        s.scalar(
            select(PeriodeSKP).where(PeriodeSKP.pegawai_id == org.perawat.pegawai_id)
        ).penilai_id = org.kabid.pegawai_id
        assert s.get(Pegawai, org.perawat.pegawai_id).atasan_id == org.kadinkes.pegawai_id
    with session_scope(engine) as s:
        assert "Perawat Uji" in [b.nama for b in matriks.matriks(s, org.kabid, kabid.periode_id).bawahan]
