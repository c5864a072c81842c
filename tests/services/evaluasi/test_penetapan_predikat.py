"""Issue #15 (4): Penetapan Predikat Kinerja Organisasi. The Bupati sets BKPSDM's predikat for 2026 on the basis of
the Kepala BKPSDM's Perjanjian Kinerja: two indikator whose realisasi he enters, two computed from the Kepala's own
SKP realisasi; the average capaian, the suggestion and the stored basis are worked out by hand below; the PDF is
signed by the pimpinan above the unit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.enums import PredikatOrganisasi
from db.models import AuditLog, PredikatKinerjaOrganisasi, RealisasiPerjanjianKinerja
from db.session import session_scope
from services.evaluasi import dokumen_predikat, penetapan_predikat
from services.evaluasi.penetapan_predikat import DasarIndikator, saran
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import build_jpt_draft, isi_realisasi
from tests.services.aktivitas.test_dokumen_capaian import pdf_text

O = PredikatOrganisasi  # noqa: E741 - reads like the table


@pytest.fixture
def bkpsdm(engine, org):
    """The Kepala's four Perjanjian Kinerja (each: one indikator, target 80 Indeks; one SKP indikator of 12 Laporan,
    1 a month). Realisasi of the SKP indikator: the third all year (12 of 12), the fourth half (6 of 12)."""
    with session_scope(engine) as s:
        skp = build_jpt_draft(s, org.kepala, 2026)
        for bulan in range(1, 13):
            isi_realisasi(s, skp.indikator_ids[2], bulan, 1)
        for bulan in range(1, 7):
            isi_realisasi(s, skp.indikator_ids[3], bulan, 1)
    with session_scope(engine, readonly=True) as s:
        d = penetapan_predikat.dasar(s, org.admin, org.bkpsdm, 2026, "TAHUNAN")
    return [i.indikator_pk_id for i in d.indikator]


def test_the_basis_is_worked_out_indikator_by_indikator(engine, org, bkpsdm):
    with session_scope(engine) as s:
        penetapan_predikat.catat_realisasi(s, org.bupati, bkpsdm[0], "88")  # 88 / 80 = 110.00 %
        penetapan_predikat.catat_realisasi(s, org.bupati, bkpsdm[1], "72,0")  # 72 / 80 = 90.00 %
    with session_scope(engine, readonly=True) as s:
        d = penetapan_predikat.dasar(s, org.bupati, org.bkpsdm, 2026, "TAHUNAN")
    assert [(i.capaian_persen, i.sumber) for i in d.indikator] == [
        (Decimal("110.00"), "dicatat"),
        (Decimal("90.00"), "dicatat"),
        (Decimal("100.00"), "dari realisasi SKP"),  # 12 of 12 Laporan
        (Decimal("50.00"), "dari realisasi SKP"),  # 6 of 12
    ]
    # (110 + 90 + 100 + 50) / 4 = 87.50 % → from 80 %: Butuh Perbaikan
    assert (d.capaian_persen, d.saran) == (Decimal("87.50"), O.BUTUH_PERBAIKAN)
    assert d.pemimpin is not None and org.kepala.nama in d.pemimpin


def test_the_bupati_sets_it_with_its_basis_and_the_pdf_is_signed_by_him(engine, org, bkpsdm):
    with session_scope(engine) as s:
        penetapan_predikat.catat_realisasi(s, org.bupati, bkpsdm[0], 88)
        penetapan_predikat.catat_realisasi(s, org.bupati, bkpsdm[1], 72)
        penetapan_predikat.tetapkan(s, org.bupati, org.bkpsdm, 2026, "TAHUNAN", "Baik", "800/123/BKPSDM/2026")
    with session_scope(engine, readonly=True) as s:
        row = s.scalar(select(PredikatKinerjaOrganisasi))
        assert (row.predikat, row.capaian_persen, row.nomor) == (O.BAIK, Decimal("87.50"), "800/123/BKPSDM/2026")
        assert row.dasar is not None and "110,00 % (dicatat)" in row.dasar
        assert "50,00 % (dari realisasi SKP)" in row.dasar
        aksi = [a.aksi for a in s.scalars(select(AuditLog).order_by(AuditLog.id))]
        assert aksi[-4:] == [
            "catat_realisasi_pk",
            "catat_realisasi_pk",
            "tetapkan_predikat_organisasi",
            "dasar_predikat_organisasi",
        ]
        teks = " ".join(pdf_text(dokumen_predikat.cetak(s, org.admin, org.bkpsdm, 2026, "TAHUNAN")).split())
    assert "PENETAPAN PREDIKAT KINERJA ORGANISASI" in teks
    assert "800/123/BKPSDM/2026" in teks and "87,50 %" in teks
    assert "ditetapkan: Baik" in teks
    assert "Saran SIPIJAR: Butuh Perbaikan" in teks
    assert "Kurva distribusi untuk predikat organisasi Baik" in teks
    assert f"Yang menetapkan, Bupati {org.bupati.nama}" in teks  # the pimpinan above BKPSDM signs


def test_who_may_enter_and_set(engine, org, bkpsdm):
    with session_scope(engine) as s:
        with pytest.raises(AksesDitolak, match="unit Anda sendiri"):
            penetapan_predikat.catat_realisasi(s, org.kepala, bkpsdm[0], 90)
        with pytest.raises(AksesDitolak):
            penetapan_predikat.catat_realisasi(s, org.kadinkes, bkpsdm[0], 90)
        with pytest.raises(AksesDitolak):
            penetapan_predikat.tetapkan(s, org.staf, org.bkpsdm, 2026, "TAHUNAN", "Baik")
        penetapan_predikat.catat_realisasi(s, org.admin, bkpsdm[0], 90)  # an admin on the Bupati's behalf


@pytest.mark.parametrize("nilai", ["-1", "abc", "", None, "1e20", "NaN"])
def test_a_realisasi_that_is_no_number_is_refused(engine, org, bkpsdm, nilai):
    with session_scope(engine) as s, pytest.raises(ValidationError, match="Realisasi harus berupa angka"):
        penetapan_predikat.catat_realisasi(s, org.bupati, bkpsdm[0], nilai)
    with session_scope(engine, readonly=True) as s:  # nothing stored, nothing audited
        assert s.scalar(select(func.count()).select_from(RealisasiPerjanjianKinerja)) == 0
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.aksi == "catat_realisasi_pk")) == 0


def test_nothing_to_print_before_the_penetapan(engine, org, bkpsdm):
    with session_scope(engine, readonly=True) as s, pytest.raises(ValidationError, match="belum ditetapkan"):
        dokumen_predikat.cetak(s, org.admin, org.bkpsdm, 2026, "TAHUNAN")


def _items(*persen):
    return [
        DasarIndikator(n, "Proses Bisnis", "S", "I", Decimal(80), "Indeks", None, p, "x") for n, p in enumerate(persen)
    ]


@pytest.mark.parametrize(
    ("persen", "rata", "usul"),
    [
        ((Decimal(120), Decimal(100)), Decimal("110.00"), O.ISTIMEWA),  # all meet, average above
        ((Decimal(120), Decimal(90)), Decimal("105.00"), O.BAIK),  # one below target: not Istimewa
        ((Decimal(100), Decimal(100)), Decimal("100.00"), O.BAIK),  # meeting is not exceeding
        ((Decimal(85), Decimal(80)), Decimal("82.50"), O.BUTUH_PERBAIKAN),
        ((Decimal(59), Decimal(61)), Decimal("60.00"), O.KURANG),  # the limit is inclusive
        ((Decimal(50), Decimal(60)), Decimal("55.00"), O.SANGAT_KURANG),
        ((Decimal(100), None), None, None),  # an indikator without capaian: no suggestion yet
        ((), None, None),
    ],
)
def test_the_suggestion_table(persen, rata, usul):
    hasil_rata, hasil_usul, alasan = saran(_items(*persen))
    assert (hasil_rata, hasil_usul) == (rata, usul) and alasan


@pytest.mark.parametrize("struktural", [True, False])
def test_the_unit_leaders_read_in_one_query_are_those_read_period_by_period(engine, org, struktural):
    """predikat.periode_memimpin (issue #20: one query instead of two per period) equals pemimpin_unit asked of
    each period: every pegawai of the test organisation with a period, leaders (the Bupati, the Kepala, the
    Kadinkes; with ``struktural`` the Kabid, whose penilai sits outside his bidang) and not (the staf, the
    Kasubbid, whose penilai is in the same bidang)."""
    from db.models import PeriodeSKP
    from services.evaluasi.predikat import pemimpin_unit, periode_memimpin
    from services.organisasi import periode as periode_service

    with session_scope(engine) as s:
        for actor in (org.bupati, org.kepala, org.kabid, org.kasubbid, org.staf, org.fungsional, org.kadinkes):
            periode_service.tambah(s, actor, 2026)
    with session_scope(engine, readonly=True) as s:
        semua = s.scalars(select(PeriodeSKP).order_by(PeriodeSKP.tanggal_akhir.desc())).all()
        satu_per_satu = [p.id for p in semua if pemimpin_unit(s, p, struktural=struktural)]
        sekaligus = [p.id for p in periode_memimpin(s, PeriodeSKP.tahun == 2026, struktural=struktural)]
        assert sekaligus == satu_per_satu
        pemimpin = {p.pegawai_id for p in semua if p.id in sekaligus}
        assert {org.bupati.pegawai_id, org.kepala.pegawai_id, org.kadinkes.pegawai_id} <= pemimpin
        assert org.staf.pegawai_id not in pemimpin and org.kasubbid.pegawai_id not in pemimpin
        assert (org.kabid.pegawai_id in pemimpin) is struktural
