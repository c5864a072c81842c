"""Rencana SKP: RHK (JPT from a Perjanjian Kinerja; others naming the atasan RHK, typed or taken from the
Matriks Peran Hasil), indikator with hints, Pola Penugasan default, target bulanan."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.enums import Aspek, Perspektif
from db.models import PeranHasil, PeriodeSKP, PolaPenugasan, RencanaHasilKerja, TargetBulanan
from db.session import session_scope
from services.organisasi import periode
from services.perencanaan import matriks, perjanjian_kinerja, rencana_skp, target_bulanan
from services.perencanaan.kalimat import petunjuk_iki
from services.perencanaan.skp_detail import detail
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import build_draft, build_skp, jejak_perencanaan

TAHUN = 2026


@pytest.fixture
def atasan(engine, org):
    """Kasubbid (staf's penilai) with a ditetapkan SKP of two RHK."""
    with session_scope(engine) as s:
        return build_skp(s, org.kasubbid, TAHUN)


@pytest.fixture
def staf_skp(engine, org, atasan):
    with session_scope(engine) as s:
        p = periode.tambah(s, org.staf, TAHUN)
        rencana_skp.pastikan_pola_default(s)
        return periode.skp_of(s, p.id).id


def _pola(engine):
    with session_scope(engine) as s:
        return rencana_skp.daftar_pola(s)[0].id


def test_default_pola_penugasan_is_seeded_once_when_the_list_is_empty(engine, org):
    with session_scope(engine) as s:
        rencana_skp.pastikan_pola_default(s)
        rencana_skp.pastikan_pola_default(s)
        assert [p.nama for p in rencana_skp.daftar_pola(s)] == ["Direktif Pejabat Penilai (Mandiri)"]
        s.add(PolaPenugasan(nama="Inisiatif Pegawai (Mandiri)", aktif=True))
        s.add(PolaPenugasan(nama="Lama", aktif=False))
    with session_scope(engine) as s:
        assert [p.nama for p in rencana_skp.daftar_pola(s)] == [
            "Direktif Pejabat Penilai (Mandiri)",
            "Inisiatif Pegawai (Mandiri)",
        ]


def test_the_pegawai_waits_while_the_atasan_has_no_rhk(engine, org):
    with session_scope(engine) as s:
        p = periode.tambah(s, org.staf, TAHUN)
        skp_id = periode.skp_of(s, p.id).id
        periode.tambah(s, org.kasubbid, TAHUN)  # atasan has a period, but no RHK yet
        assert rencana_skp.rhk_atasan_pilihan(s, p) == []
        before = jejak_perencanaan(s)
    with (
        pytest.raises(ValidationError, match="Atasan Anda belum mengisi Rencana Hasil Kerja"),
        session_scope(engine) as s,
    ):
        rencana_skp.tambah_rhk(s, org.staf, skp_id, "Tersusunnya laporan", None)
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before


def test_rhk_names_an_atasan_rhk_of_the_penilai_in_an_overlapping_period(engine, org, atasan, staf_skp):
    with session_scope(engine) as s:
        other = build_skp(s, org.kabid, TAHUN)  # not staf's penilai
        older = build_skp(s, org.kasubbid, TAHUN - 1)  # penilai, but another year
        before = jejak_perencanaan(s)
    for wrong in (other.rhk_ids[0], older.rhk_ids[0], None):
        with pytest.raises(ValidationError), session_scope(engine) as s:
            rencana_skp.tambah_rhk(s, org.staf, staf_skp, "Tersusunnya laporan", wrong)
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before
        rhk = rencana_skp.tambah_rhk(s, org.staf, staf_skp, "  Tersusunnya   laporan ", atasan.rhk_ids[1], "Tambahan")
        assert (rhk.teks, rhk.jenis.value, rhk.rhk_atasan_id) == ("Tersusunnya laporan", "Tambahan", atasan.rhk_ids[1])


@pytest.mark.parametrize("who", ["kasubbid", "kabid", "admin"])
def test_only_the_pegawai_changes_their_plan(engine, org, atasan, staf_skp, who):
    with session_scope(engine) as s:
        before = jejak_perencanaan(s)
    with pytest.raises(AksesDitolak), session_scope(engine) as s:
        rencana_skp.tambah_rhk(s, getattr(org, who), staf_skp, "Tersusunnya laporan", atasan.rhk_ids[0])
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before


def test_gunakan_takes_the_matriks_cell_into_the_plan(engine, org, atasan, staf_skp):
    with session_scope(engine) as s:
        cell = matriks.tambah(
            s, org.kasubbid, atasan.rhk_ids[0], org.staf.pegawai_id, "Tersusunnya rekap data mutasi pegawai"
        )
    with session_scope(engine) as s:
        staf_periode = s.get(PeriodeSKP, detail(s, org.staf, staf_skp).periode_id)
        assert [c.teks for c in rencana_skp.peran_tersedia(s, staf_periode)] == [
            "Tersusunnya rekap data mutasi pegawai"
        ]
        rhk = rencana_skp.gunakan_peran(s, org.staf, staf_skp, cell.id)
        rhk_id = rhk.id
    with session_scope(engine) as s:
        rhk = s.get(RencanaHasilKerja, rhk_id)
        assert (rhk.teks, rhk.rhk_atasan_id) == ("Tersusunnya rekap data mutasi pegawai", atasan.rhk_ids[0])
        assert s.get(PeranHasil, cell.id).rhk_bawahan_id == rhk_id
        assert rencana_skp.peran_tersedia(s, rhk.skp.periode) == []
    with pytest.raises(ValidationError, match="tidak tersedia"), session_scope(engine) as s:
        rencana_skp.gunakan_peran(s, org.staf, staf_skp, cell.id)  # twice
    with session_scope(engine) as s:  # deleting the RHK frees the cell again
        rencana_skp.hapus_rhk(s, org.staf, rhk_id)
    with session_scope(engine) as s:
        assert s.get(PeranHasil, cell.id).rhk_bawahan_id is None


def test_a_cell_for_another_bawahan_cannot_be_used(engine, org):
    with session_scope(engine) as s:
        atasan = build_skp(s, org.kabid, TAHUN)
        p = periode.tambah(s, org.fungsional, TAHUN)
        skp_id = periode.skp_of(s, p.id).id
        cell = matriks.tambah(s, org.kabid, atasan.rhk_ids[0], org.kasubbid.pegawai_id, "Untuk kasubbid")
        before = jejak_perencanaan(s)
    with pytest.raises(ValidationError, match="tidak tersedia"), session_scope(engine) as s:
        rencana_skp.gunakan_peran(s, org.fungsional, skp_id, cell.id)
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before


def test_indikator_with_target_satuan_pola_and_the_target_hint(engine, org, atasan, staf_skp):
    pola = _pola(engine)
    with session_scope(engine) as s:
        rhk = rencana_skp.tambah_rhk(s, org.staf, staf_skp, "Tersusunnya dokumen perencanaan", atasan.rhk_ids[0])
        iki = rencana_skp.tambah_indikator(
            s,
            org.staf,
            rhk.id,
            "Jumlah dokumen perencanaan, penganggaran dan evaluasi yang disusun tepat waktu",
            "Kuantitas",
            "13",
            "Dokumen",
            pola,
        )
        lain = rencana_skp.tambah_indikator(
            s, org.staf, rhk.id, "Dokumen usulan pensiun", "Kualitas", "2,5", "Dokumen", pola
        )
    with session_scope(engine) as s:
        d = detail(s, org.staf, staf_skp)
    first, second = d.rhk[0].indikator
    assert (first.target, first.satuan, first.pola_penugasan, first.petunjuk) == (
        Decimal("13"),
        "Dokumen",
        "Direktif Pejabat Penilai (Mandiri)",
        [],
    )
    assert (second.target, second.aspek, second.status_target_bulanan) == (
        Decimal("2.5"),
        Aspek.KUALITAS,
        "Belum Dibuat",
    )
    assert "kalimat target" in second.petunjuk[0]
    assert d.rhk[0].rhk_atasan == f"Terlaksananya tugas 1 {org.kasubbid.nama}"
    assert (iki.id, lain.id) == (first.id, second.id)


@pytest.mark.parametrize(
    "teks,hint",
    [
        ("Jumlah dokumen yang disusun", False),
        ("Persentase penyerapan anggaran", False),
        ("Indeks kepuasan", False),
        ("Nilai SAKIP", False),
        ("Tingkat kehadiran", False),
        ("Rata-rata waktu layanan", False),
        ("Waktu penyelesaian berkas", False),
        ("jumlah kecil pun dikenali", False),
        ("Dokumen usulan pensiun", True),
        ("Menyusun laporan", True),
        ("Jumlahnya banyak", True),
    ],
)
def test_target_sentence_hint(teks, hint):
    assert bool(petunjuk_iki(teks)) == hint


@pytest.mark.parametrize(
    "field,value,pesan",
    [
        ("teks", "  ", "Indikator Kinerja Individu wajib diisi"),
        ("aspek", "Mutu", "Aspek harus Kuantitas"),
        ("target", "tiga belas", "Target harus berupa angka"),
        ("target", "0", "Target harus lebih besar dari 0"),
        ("target", "-1", "Target harus lebih besar dari 0"),
        ("target", "1.23456", "paling banyak 4 angka"),
        ("satuan", "", "Satuan wajib diisi"),
        ("pola", None, "Pilih Pola Penugasan"),
    ],
)
def test_bad_indikator_input_changes_nothing(engine, org, atasan, staf_skp, field, value, pesan):
    values = {
        "teks": "Jumlah dokumen",
        "aspek": "Kuantitas",
        "target": "13",
        "satuan": "Dokumen",
        "pola": _pola(engine),
    }
    values[field] = value
    with session_scope(engine) as s:
        rhk_id = rencana_skp.tambah_rhk(s, org.staf, staf_skp, "Tersusunnya dokumen", atasan.rhk_ids[0]).id
        before = jejak_perencanaan(s)
    with pytest.raises(ValidationError, match=pesan), session_scope(engine) as s:
        rencana_skp.tambah_indikator(
            s, org.staf, rhk_id, values["teks"], values["aspek"], values["target"], values["satuan"], values["pola"]
        )
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before


def _n_target_bulanan(s, indikator_id):
    return s.scalar(select(func.count()).select_from(TargetBulanan).where(TargetBulanan.indikator_id == indikator_id))


def test_changing_the_target_clears_the_target_bulanan(engine, org, atasan):
    pola = _pola(engine)
    with session_scope(engine) as s:
        d = build_draft(s, org.staf, TAHUN, atasan.rhk_ids[0])
    with session_scope(engine) as s:  # only the sentence: target bulanan stays
        rencana_skp.ubah_indikator(
            s, org.staf, d.indikator_ids[0], "Jumlah dokumen final", "Kuantitas", 12, "Dokumen", pola
        )
        assert _n_target_bulanan(s, d.indikator_ids[0]) == 12
    with session_scope(engine) as s:
        rencana_skp.ubah_indikator(
            s, org.staf, d.indikator_ids[0], "Jumlah dokumen final", "Kuantitas", 24, "Dokumen", pola
        )
    with session_scope(engine) as s:
        assert _n_target_bulanan(s, d.indikator_ids[0]) == 0
        assert detail(s, org.staf, d.skp_id).rhk[0].indikator[0].status_target_bulanan == "Belum Dibuat"


# --- target bulanan ------------------------------------------------------------------------------


@pytest.fixture
def iki_13(engine, org, atasan, staf_skp):
    with session_scope(engine) as s:
        rhk = rencana_skp.tambah_rhk(s, org.staf, staf_skp, "Tersusunnya dokumen perencanaan", atasan.rhk_ids[0])
        return rencana_skp.tambah_indikator(
            s, org.staf, rhk.id, "Jumlah dokumen", "Kuantitas", 13, "Dokumen", rencana_skp.daftar_pola(s)[0].id
        ).id


def test_usulan_spreads_13_over_12_months_in_whole_units():
    parts = target_bulanan.usulan(Decimal(13), Aspek.KUANTITAS, list(range(1, 13)))
    assert list(parts.values()) == [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]
    assert target_bulanan.usulan(Decimal(95), Aspek.BIAYA, [1, 2]) == {1: 95, 2: 95}
    assert sum(target_bulanan.usulan(Decimal("2.5"), Aspek.KUANTITAS, [3, 4, 5]).values()) == Decimal("2.5")


def test_kuantitas_months_must_add_up_with_the_numbers_in_the_message(engine, org, staf_skp, iki_13):
    with session_scope(engine) as s:
        before = jejak_perencanaan(s)
    with (
        pytest.raises(
            ValidationError,
            match=r"Jumlah target bulanan 12 Dokumen tidak sama dengan target indikator "
            r"13 Dokumen \(kurang 1\)",
        ),
        session_scope(engine) as s,
    ):
        target_bulanan.simpan(s, org.staf, iki_13, {b: 1 for b in range(1, 13)})
    with pytest.raises(ValidationError, match=r"\(lebih 11\)"), session_scope(engine) as s:
        target_bulanan.simpan(s, org.staf, iki_13, {b: 2 for b in range(1, 13)})
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before
    with session_scope(engine) as s:
        target_bulanan.simpan(s, org.staf, iki_13, {**{b: 1 for b in range(1, 12)}, 12: 2})
    with session_scope(engine) as s:
        view = detail(s, org.staf, staf_skp).rhk[0].indikator[0]
        assert (view.status_target_bulanan, view.target_bulanan[12], sum(view.target_bulanan.values())) == (
            "Sudah Dibuat",
            Decimal(2),
            Decimal(13),
        )


def test_months_outside_the_period_and_missing_months_are_refused(engine, org, atasan):
    from datetime import date

    with session_scope(engine) as s:
        p = periode.tambah(s, org.fungsional, TAHUN, date(TAHUN, 4, 1), date(TAHUN, 6, 30))
        kabid = build_skp(s, org.kabid, TAHUN)
        rencana_skp.pastikan_pola_default(s)
        rhk = rencana_skp.tambah_rhk(
            s, org.fungsional, periode.skp_of(s, p.id).id, "Tersusunnya kajian", kabid.rhk_ids[0]
        )
        iki = rencana_skp.tambah_indikator(
            s,
            org.fungsional,
            rhk.id,
            "Persentase kajian tepat waktu",
            "Waktu",
            100,
            "Persen",
            rencana_skp.daftar_pola(s)[0].id,
        )
        assert target_bulanan.bulan_periode(p) == [4, 5, 6]
        before = jejak_perencanaan(s)
    with pytest.raises(ValidationError, match="Bulan Maret berada di luar Periode SKP"), session_scope(engine) as s:
        target_bulanan.simpan(s, org.fungsional, iki.id, {3: 100, 4: 100, 5: 100, 6: 100})
    with pytest.raises(ValidationError, match="Target bulan Juni belum diisi"), session_scope(engine) as s:
        target_bulanan.simpan(s, org.fungsional, iki.id, {4: 100, 5: 100})
    with pytest.raises(ValidationError, match="Target bulan Mei tidak boleh negatif"), session_scope(engine) as s:
        target_bulanan.simpan(s, org.fungsional, iki.id, {4: 100, 5: -1, 6: 100})
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before
        # Not Kuantitas: no sum rule.
        target_bulanan.simpan(s, org.fungsional, iki.id, {4: 90, 5: 100, 6: 100})


def test_only_the_owner_saves_target_bulanan(engine, org, iki_13):
    with session_scope(engine) as s:
        before = jejak_perencanaan(s)
    with pytest.raises(AksesDitolak), session_scope(engine) as s:
        target_bulanan.simpan(s, org.kasubbid, iki_13, {**{b: 1 for b in range(1, 12)}, 12: 2})
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before


# --- JPT -----------------------------------------------------------------------------------------


def test_jpt_tambah_copies_the_sasaran_and_perspektif(engine, org):
    with session_scope(engine) as s:
        p = periode.tambah(s, org.kepala, TAHUN)
        skp_id = periode.skp_of(s, p.id).id
        pk = perjanjian_kinerja.tambah(
            s, org.kepala, p.id, "Meningkatnya Profesionalitas Pegawai (Penugasan dari Bupati Uji)", "Proses Bisnis"
        )
        rhk = rencana_skp.tambah_rhk_jpt(s, org.kepala, skp_id, pk.id, "Utama")
        assert (rhk.teks, rhk.perspektif, rhk.perjanjian_id, rhk.rhk_atasan_id) == (
            "Meningkatnya Profesionalitas Pegawai (Penugasan dari Bupati Uji)",
            Perspektif.PROSES_BISNIS,
            pk.id,
            None,
        )
        before = jejak_perencanaan(s)
    with pytest.raises(ValidationError, match="sudah ditambahkan"), session_scope(engine) as s:
        rencana_skp.tambah_rhk_jpt(s, org.kepala, skp_id, pk.id)
    with pytest.raises(ValidationError, match="menu Perjanjian Kinerja"), session_scope(engine) as s:
        rencana_skp.ubah_rhk(s, org.kepala, rhk.id, "Kalimat lain", "Utama")
    with (
        pytest.raises(ValidationError, match="JPT dan pimpinan unit kerja mandiri menambahkan"),
        session_scope(engine) as s,
    ):
        rencana_skp.tambah_rhk(s, org.kepala, skp_id, "Bebas", None)
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before
        rencana_skp.ubah_rhk(s, org.kepala, rhk.id, None, "Tambahan")


def test_a_non_jpt_cannot_take_a_perjanjian_kinerja(engine, org, atasan, staf_skp):
    with session_scope(engine) as s:
        before = jejak_perencanaan(s)
    with pytest.raises(ValidationError, match="hanya untuk JPT"), session_scope(engine) as s:
        rencana_skp.tambah_rhk_jpt(s, org.staf, staf_skp, 1)
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before


def test_atasan_rhk_in_use_by_a_bawahan_cannot_be_deleted(engine, org):
    with session_scope(engine) as s:
        p = periode.tambah(s, org.kasubbid, TAHUN)
        kabid = build_skp(s, org.kabid, TAHUN)
        rencana_skp.pastikan_pola_default(s)
        rhk = rencana_skp.tambah_rhk(s, org.kasubbid, periode.skp_of(s, p.id).id, "Terlaksananya x", kabid.rhk_ids[0])
        build_draft(s, org.staf, TAHUN, rhk.id)
        before = jejak_perencanaan(s)
    with pytest.raises(ValidationError, match="diintervensi oleh RHK bawahan"), session_scope(engine) as s:
        rencana_skp.hapus_rhk(s, org.kasubbid, rhk.id)
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before
