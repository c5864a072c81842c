"""The pegawai's own Rencana SKP as one read: the form choices follow who plans how and the SKP's status;
the PDF only once ditetapkan; only the pegawai (or an admin) reads it."""

from __future__ import annotations

import pytest

from db.enums import StatusSKP
from db.session import session_scope
from services.organisasi import periode
from services.perencanaan import dokumen_skp, matriks, perjanjian_kinerja, rencana_skp, skp_saya
from services.platform.errors import AksesDitolak
from tests.factories import PK_CONTOH, build_jpt_draft, build_skp

TAHUN = 2026


def test_a_jpt_is_offered_only_the_sasaran_strategis_not_yet_in_the_plan(engine, org):
    with session_scope(engine) as s:
        jpt = build_jpt_draft(s, org.kepala, TAHUN, perspektif=("Proses Bisnis",))
        bebas = perjanjian_kinerja.tambah(s, org.kepala, jpt.periode_id, PK_CONTOH["Anggaran"], "Anggaran")
    with session_scope(engine) as s:
        saya = skp_saya.baca(s, org.kepala, jpt.periode_id)
    assert saya.detail.skp_id == jpt.skp_id
    assert saya.pilihan.perjanjian == {bebas.id: f"Anggaran — {PK_CONTOH['Anggaran']}"}
    assert (saya.pilihan.rhk_atasan, saya.pilihan.peran) == ({}, [])
    assert list(saya.pilihan.pola.values()) == [rencana_skp.POLA_DEFAULT]
    assert saya.pilihan.nama_penilai == "Bupati Uji"
    assert saya.cetak is None


def test_others_are_offered_the_penilai_rhk_and_the_unused_matriks_cells(engine, org):
    with session_scope(engine) as s:
        kabid = build_skp(s, org.kabid, TAHUN)
        sel = matriks.tambah(s, org.kabid, kabid.rhk_ids[1], org.kasubbid.pegawai_id, "Terlaksananya verifikasi")
        sendiri = periode.tambah(s, org.kasubbid, TAHUN)
    with session_scope(engine) as s:
        saya = skp_saya.baca(s, org.kasubbid, sendiri.id)
        milik = periode.ambil_sendiri(s, org.kasubbid, sendiri.id)
        atasan = {r.id: r.teks for r in rencana_skp.rhk_atasan_pilihan(s, milik)}
    assert saya.pilihan.rhk_atasan == atasan and list(atasan) == kabid.rhk_ids
    assert saya.pilihan.peran == [(sel.id, "Terlaksananya verifikasi", atasan[kabid.rhk_ids[1]])]
    assert saya.pilihan.perjanjian == {}
    assert saya.pilihan.nama_penilai == "Kabid Uji"


@pytest.mark.parametrize("status", [StatusSKP.DIAJUKAN, StatusSKP.DITETAPKAN])
def test_nothing_is_offered_once_the_skp_may_not_change_and_the_pdf_only_when_ditetapkan(engine, org, status):
    with session_scope(engine) as s:
        d = build_skp(s, org.kabid, TAHUN, status=status)
    with session_scope(engine) as s:
        saya = skp_saya.baca(s, org.kabid, d.periode_id)
        dapat_dicetak = saya.cetak is not None
        if saya.cetak is not None:  # the name only: the PDF is made when Cetak is clicked
            assert saya.cetak == dokumen_skp.nama_berkas(saya.detail)
            assert dokumen_skp.cetak(s, org.kabid, saya.detail.skp_id).startswith(b"%PDF")
    assert saya.pilihan == skp_saya.Pilihan()
    assert dapat_dicetak == (status == StatusSKP.DITETAPKAN)


def test_only_the_pegawai_reads_their_own(engine, org):
    with session_scope(engine) as s:
        d = build_skp(s, org.kabid, TAHUN, status=StatusSKP.DRAFT)
    with pytest.raises(AksesDitolak), session_scope(engine) as s:
        skp_saya.baca(s, org.kasubbid, d.periode_id)
    with session_scope(engine) as s:  # an admin reads, but is offered nothing to change
        assert skp_saya.baca(s, org.admin, d.periode_id).pilihan == skp_saya.Pilihan()
