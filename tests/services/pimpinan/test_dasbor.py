"""Dasbor Capaian (issue #6) against an organisation worked out by hand (tests/factories.py
build_dasbor_2026), on SQLite and PostgreSQL.

March 2026 has 17 hari kerja → 5,100 menit efektif per pegawai with a period. Capaian per pegawai:
kepala 20.00, kabid 100.00 (5,400 validated, capped at 5,100), staf 80.00, fungsional 49.02
(2,500 ÷ 5,100), kadinkes 90.00, perawat 10.00; bupati, admin and kasubbid have no period.

Capaian unit = Σ min(tervalidasi, efektif) ÷ Σ efektif:
- BKPSDM Uji: (1,020 + 5,100 + 4,080 + 2,500) ÷ (4 × 5,100) = 12,700 ÷ 20,400 = 62.25 %;
  rata-rata pegawai (20 + 100 + 80 + 49.02) ÷ 4 = 62.255 → 62.26 %
- Bidang Mutasi Uji: 11,680 ÷ 15,300 = 76.34 %; Dinas Kesehatan Uji: 5,100 ÷ 10,200 = 50.00 %
- the kabupaten: 17,800 ÷ 30,600 = 58.17 %; rata-rata 349.02 ÷ 6 = 58.17 %
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from openpyxl import load_workbook

from db.enums import PredikatPegawai, StatusAktivitas, StatusEvaluasi
from db.models import EvaluasiKinerja, Pegawai
from db.session import session_scope
from services.aktivitas import capaian
from services.evaluasi import kurva
from services.organisasi import periode as periode_service
from services.pimpinan import dasbor
from services.platform.errors import AksesDitolak
from tests.factories import build_dasbor_2026

D = Decimal
APRIL = date(2026, 4, 15)


@pytest.fixture
def data(engine, org):
    with session_scope(engine) as s:
        return build_dasbor_2026(s, org)


def _dasbor(engine, actor, unit_id, bulan=3, hari_ini=APRIL):
    with session_scope(engine, readonly=True) as s:
        return dasbor.dasbor(s, actor, unit_id, 2026, bulan, hari_ini)


def _bars(d):
    return {
        a.label: (a.pegawai, a.menit_efektif, a.menit_dihitung, a.capaian_persen, a.rata_rata_persen)
        for a in d.per_unit
    }


def test_the_kabupaten_per_opd_as_worked_out_by_hand(engine, org, data):
    d = _dasbor(engine, org.bupati, org.kabupaten)
    assert d.unit.nama == "Pemerintah Kabupaten Uji"
    assert [u.nama for u in d.sub_unit] == ["BKPSDM Uji", "Dinas Kesehatan Uji"]
    # The bupati sits directly in the kabupaten but has no period: no "(langsung)" bar.
    assert _bars(d) == {
        "BKPSDM Uji": (4, 20_400, 12_700, D("62.25"), D("62.26")),
        "Dinas Kesehatan Uji": (2, 10_200, 5_100, D("50.00"), D("50.00")),
    }
    t = d.total
    assert (t.pegawai, t.tanpa_hari_kerja, t.menit_efektif, t.menit_dihitung) == (6, 3, 30_600, 17_800)
    assert (t.capaian_persen, t.rata_rata_persen) == (D("58.17"), D("58.17"))
    assert [u.nama for u in d.jalur] == ["Pemerintah Kabupaten Uji"]


def test_drill_down_to_bkpsdm_and_its_bidang(engine, org, data):
    d = _dasbor(engine, org.kepala, org.bkpsdm)
    # Kepala (in BKPSDM itself) is a bar of their own; admin (no period) is not counted.
    assert _bars(d) == {
        "BKPSDM Uji (langsung)": (1, 5_100, 1_020, D("20.00"), D("20.00")),
        "Bidang Mutasi Uji": (3, 15_300, 11_680, D("76.34"), D("76.34")),
    }
    assert (d.total.capaian_persen, d.total.rata_rata_persen) == (D("62.25"), D("62.26"))
    assert [u.nama for u in d.jalur] == ["BKPSDM Uji"]  # the kepala's view starts at their unit

    leaf = _dasbor(engine, org.kepala, org.bidang)
    assert leaf.per_unit == () and leaf.sub_unit == ()
    assert [u.nama for u in leaf.jalur] == ["BKPSDM Uji", "Bidang Mutasi Uji"]
    assert [(p.nama, p.menit_efektif, p.menit_tervalidasi, p.capaian_persen) for p in leaf.pegawai] == [
        ("Fungsional Uji", 5_100, 2_500, D("49.02")),
        ("Kabid Uji", 5_100, 5_400, D("100.00")),
        ("Kasubbid Uji", 0, 0, D("0.00")),
        ("Staf Uji", 5_100, 4_080, D("80.00")),
    ]
    assert [p.nama for p in leaf.dihitung] == ["Fungsional Uji", "Kabid Uji", "Staf Uji"]
    admin_jalur = _dasbor(engine, org.admin, org.bidang).jalur
    assert [u.nama for u in admin_jalur] == ["Pemerintah Kabupaten Uji", "BKPSDM Uji", "Bidang Mutasi Uji"]


@pytest.mark.parametrize("unit", ["kabupaten", "bkpsdm", "bidang", "dinkes"])
def test_pegawai_rows_are_exactly_capaian_bulanan(engine, org, data, unit):
    unit_id = getattr(org, unit)
    d = _dasbor(engine, org.admin, unit_id)
    with session_scope(engine, readonly=True) as s:
        expected = capaian.capaian_bulanan(s, org.admin, 2026, 3, unit_id=unit_id)
    assert list(d.pegawai) == expected
    # and each bar is the aggregate of those rows
    agg = dasbor.agregat(unit_id, d.unit.nama, expected)
    assert (agg.menit_efektif, agg.menit_dihitung, agg.capaian_persen) == (
        d.total.menit_efektif,
        d.total.menit_dihitung,
        d.total.capaian_persen,
    )


def test_trend_of_2026_one_point_per_month_until_today(engine, org, data):
    d = _dasbor(engine, org.admin, org.kabupaten)
    # Jan 20 hari kerja (1 and 16 Jan libur), Feb 18 (16, 17 Feb), Mar 17, Apr 21 (3 Apr); 6 pegawai.
    assert [(t.bulan, t.pegawai, t.menit_efektif, t.menit_dihitung, t.capaian_persen) for t in d.tren] == [
        (1, 6, 6 * 6_000, 0, D("0.00")),
        (2, 6, 6 * 5_400, 1_200, D("3.70")),  # 1,200 ÷ 32,400
        (3, 6, 6 * 5_100, 17_800, D("58.17")),
        (4, 6, 6 * 6_300, 240, D("0.63")),  # 240 ÷ 37,800
    ]
    # Each point equals the aggregate of capaian_bulanan for that month.
    with session_scope(engine, readonly=True) as s:
        for t in d.tren:
            agg = dasbor.agregat(org.kabupaten, "", capaian.capaian_bulanan(s, org.admin, 2026, t.bulan))
            assert (agg.pegawai, agg.menit_efektif, agg.menit_dihitung, agg.capaian_persen) == (
                t.pegawai,
                t.menit_efektif,
                t.menit_dihitung,
                t.capaian_persen,
            )
    # A whole past year has 12 points; the dinkes trend has its own sums.
    assert len(_dasbor(engine, org.admin, org.kabupaten, hari_ini=date(2027, 1, 10)).tren) == 12
    dinkes = _dasbor(engine, org.kadinkes, org.dinkes)
    assert [(t.menit_dihitung, t.capaian_persen) for t in dinkes.tren] == [
        (0, D("0.00")),
        (0, D("0.00")),
        (5_100, D("50.00")),
        (0, D("0.00")),
    ]


def test_the_trend_does_not_depend_on_the_month_chosen(engine, org, data):
    maret = _dasbor(engine, org.admin, org.kabupaten, bulan=3)
    februari = _dasbor(engine, org.admin, org.kabupaten, bulan=2)
    assert maret.tren == februari.tren
    assert februari.total.capaian_persen == D("3.70")
    assert [p.nama for p in dasbor.di_bawah_batas(februari.pegawai, 80)][:1] == ["Fungsional Uji"]


def test_sebaran_counts_per_class_of_ten(engine, org, data):
    d = _dasbor(engine, org.admin, org.kabupaten)
    # 10.00 perawat → 10–20; 20.00 kepala → 20–30; 49.02 → 40–50; 80.00 → 80–90; 90.00 and 100.00 → 90–100.
    assert [(k.label, k.jumlah) for k in d.sebaran] == [
        ("0–10", 0),
        ("10–20", 1),
        ("20–30", 1),
        ("30–40", 0),
        ("40–50", 1),
        ("50–60", 0),
        ("60–70", 0),
        ("70–80", 0),
        ("80–90", 1),
        ("90–100", 2),
    ]
    assert sum(k.jumlah for k in d.sebaran) == d.total.pegawai == 6


def test_under_the_threshold(engine, org, data):
    d = _dasbor(engine, org.admin, org.kabupaten)
    # 80 % by default: staf at exactly 80.00 is not below it; no-period pegawai are not listed.
    assert [(p.nama, p.capaian_persen) for p in dasbor.di_bawah_batas(d.pegawai, dasbor.BATAS_DEFAULT)] == [
        ("Perawat Uji", D("10.00")),
        ("Kepala Uji", D("20.00")),
        ("Fungsional Uji", D("49.02")),
    ]
    assert [p.nama for p in dasbor.di_bawah_batas(d.pegawai, 80.01)][-1] == "Staf Uji"
    assert dasbor.di_bawah_batas(d.pegawai, 10) == []
    assert len(dasbor.di_bawah_batas(d.pegawai, 100.01)) == 6


def test_unvalidated_share_per_penilai_worst_first(engine, org, data):
    d = _dasbor(engine, org.admin, org.kabupaten)
    # kadinkes: perawat 34 activities, 17 waiting (17 × 60 min); bupati: kepala 21 (4 waiting) + kadinkes
    # 17 = 38, 4 → 10.53 %; kasubbid: staf 20 (2 waiting, 1 ditolak) → 10.00 %; kabid: fungsional 18, 1 →
    # 5.56 %; kepala: kabid 18, none waiting.
    assert [(p.nama, p.bawahan, p.aktivitas, p.menunggu, p.menit_menunggu, p.persen_menunggu) for p in d.penilai] == [
        ("Kadinkes Uji", 1, 34, 17, 1_020, D("50.00")),
        ("Bupati Uji", 2, 38, 4, 240, D("10.53")),
        ("Kasubbid Uji", 1, 20, 2, 600, D("10.00")),
        ("Kabid Uji", 1, 18, 1, 60, D("5.56")),
        ("Kepala Uji", 1, 18, 0, 0, D("0.00")),
    ]
    assert (d.aktivitas, d.menunggu) == (128, 24)
    # The waiting minutes are capaian_bulanan's menit_menunggu, summed.
    assert sum(p.menit_menunggu for p in d.penilai) == sum(p.menit_menunggu for p in d.pegawai)
    # In BKPSDM only its own pegawai's activities count: the bupati waits on 4 of kepala's 21.
    bkpsdm = _dasbor(engine, org.kepala, org.bkpsdm)
    assert [(p.nama, p.aktivitas, p.menunggu, p.persen_menunggu) for p in bkpsdm.penilai] == [
        ("Bupati Uji", 21, 4, D("19.05")),
        ("Kasubbid Uji", 20, 2, D("10.00")),
        ("Kabid Uji", 18, 1, D("5.56")),
        ("Kepala Uji", 18, 0, D("0.00")),
    ]


def test_a_mutasi_mid_month_splits_the_activities_between_both_penilai(engine, org):
    """Perawat: period 1 Jan–15 Mar with kadinkes as penilai, then 16 Mar–31 Dec with the bupati."""
    from db.models import RencanaHasilKerja
    from tests.factories import SkpUji, add_aktivitas

    def periode(s, mulai, akhir):
        p = periode_service.tambah(s, org.perawat, 2026, mulai, akhir)
        rhk = RencanaHasilKerja(skp_id=periode_service.skp_of(s, p.id).id, teks="Terlaksananya tugas")
        s.add(rhk)
        s.flush()
        return SkpUji(p.id, rhk.skp_id, [rhk.id], [])

    with session_scope(engine) as s:
        from services.platform import kalender

        kalender.isi_hari_libur(s, 2026)
        lama = periode(s, date(2026, 1, 1), date(2026, 3, 15))
        s.get(Pegawai, org.perawat.pegawai_id).atasan_id = org.bupati.pegawai_id
        s.flush()
        baru = periode(s, date(2026, 3, 16), date(2026, 12, 31))
        add_aktivitas(s, org.perawat, lama, date(2026, 3, 2), "08:00", "09:00", StatusAktivitas.MENUNGGU)
        add_aktivitas(s, org.perawat, baru, date(2026, 3, 25), "08:00", "10:00", StatusAktivitas.TERVALIDASI)
        add_aktivitas(s, org.perawat, baru, date(2026, 3, 26), "08:00", "09:30", StatusAktivitas.MENUNGGU)
    d = _dasbor(engine, org.admin, org.dinkes)
    assert [(p.nama, p.aktivitas, p.menunggu, p.menit_menunggu, p.persen_menunggu) for p in d.penilai] == [
        ("Kadinkes Uji", 1, 1, 60, D("100.00")),
        ("Bupati Uji", 2, 1, 90, D("50.00")),
    ]
    perawat = next(p for p in d.pegawai if p.nama == "Perawat Uji")
    assert (perawat.hari_kerja, perawat.menit_tervalidasi, perawat.capaian_persen) == (17, 120, D("2.35"))
    with session_scope(engine, readonly=True) as s:
        assert list(d.pegawai) == capaian.capaian_bulanan(s, org.admin, 2026, 3, unit_id=org.dinkes)


def test_predikat_of_final_evaluations_per_period(engine, org, data):
    with session_scope(engine) as s:
        for key, kode, predikat, status in (
            ("staf", "TW1", PredikatPegawai.BAIK, StatusEvaluasi.FINAL),
            ("kabid", "TW1", PredikatPegawai.SANGAT_BAIK, StatusEvaluasi.FINAL),
            ("perawat", "TW1", PredikatPegawai.BUTUH_PERBAIKAN, StatusEvaluasi.FINAL),
            ("fungsional", "TW1", PredikatPegawai.BAIK, StatusEvaluasi.DRAFT),  # not Final: not counted
            ("staf", "TW2", PredikatPegawai.SANGAT_BAIK, StatusEvaluasi.FINAL),
        ):
            s.add(EvaluasiKinerja(skp_id=data.skp[key].skp_id, periode_evaluasi=kode, predikat=predikat, status=status))
    d = _dasbor(engine, org.bupati, org.kabupaten)
    assert [(p.kode, p.label, p.total) for p in d.predikat] == [("TW1", "Triwulan I", 3), ("TW2", "Triwulan II", 1)]
    tw1 = d.predikat[0].jumlah
    assert (tw1[PredikatPegawai.SANGAT_BAIK], tw1[PredikatPegawai.BAIK], tw1[PredikatPegawai.BUTUH_PERBAIKAN]) == (
        1,
        1,
        1,
    )
    bkpsdm = _dasbor(engine, org.kepala, org.bkpsdm)
    with session_scope(engine, readonly=True) as s:
        for unit_id, got in ((org.kabupaten, d), (org.bkpsdm, bkpsdm)):
            for sebaran in got.predikat:
                assert sebaran.jumlah == kurva.jumlah_predikat(s, unit_id, 2026, sebaran.kode)
    assert bkpsdm.predikat[0].total == 2
    assert _dasbor(engine, org.admin, org.kabupaten).predikat[0].total == 3
    # No Final evaluation of the year: nothing to chart.
    with session_scope(engine, readonly=True) as s:
        assert dasbor.dasbor(s, org.admin, org.kabupaten, 2025, 12, APRIL).predikat == ()


def test_a_pimpinan_sees_only_their_subtree(engine, org, data):
    with session_scope(engine, readonly=True) as s:
        for actor, unit_id in (
            (org.kepala, org.dinkes),
            (org.kepala, org.kabupaten),
            (org.kadinkes, org.bkpsdm),
            (org.kadinkes, org.bidang),
            (org.staf, org.bidang),
            (org.kabid, org.bidang),
        ):
            with pytest.raises(AksesDitolak):
                dasbor.dasbor(s, actor, unit_id, 2026, 3, APRIL)
            with pytest.raises(AksesDitolak):
                dasbor.rekap_aktivitas(s, actor, unit_id, 2026)
        assert [u.nama for u in dasbor.unit_pilihan(s, org.kepala)] == ["BKPSDM Uji", "Bidang Mutasi Uji"]
        assert [u.nama for u in dasbor.unit_pilihan(s, org.kadinkes)] == ["Dinas Kesehatan Uji"]
        assert dasbor.unit_pilihan(s, org.staf) == []
        assert len(dasbor.unit_pilihan(s, org.admin)) == len(dasbor.unit_pilihan(s, org.bupati)) == 4
        assert dasbor.unit_awal(s, org.kepala) == org.bkpsdm
        assert dasbor.unit_awal(s, org.bupati) == dasbor.unit_awal(s, org.admin) == org.kabupaten
        with pytest.raises(AksesDitolak):
            dasbor.unit_awal(s, org.staf)
        # A pimpinan's dasbor never lists anyone from outside the subtree.
        d = dasbor.dasbor(s, org.kepala, org.bkpsdm, 2026, 3, APRIL)
        assert {p.nama for p in d.pegawai} == {
            "Admin Uji",
            "Kepala Uji",
            "Kabid Uji",
            "Kasubbid Uji",
            "Staf Uji",
            "Fungsional Uji",
        }
        # The admin sees everything, any unit.
        for unit_id in (org.kabupaten, org.bkpsdm, org.bidang, org.dinkes):
            dasbor.dasbor(s, org.admin, unit_id, 2026, 3, APRIL)


def test_rekap_counts_the_activities_of_the_subtree(engine, org, data):
    with session_scope(engine, readonly=True) as s:
        rekap = dasbor.rekap_aktivitas(s, org.admin, org.kabupaten, 2026)
        # (pegawai, month) rows: the pegawai with activities, in Feb, Mar, Apr.
        assert {b for _p, b, *_x in rekap.baris} == {2, 3, 4}
        assert sum(n for *_x, n, _nm in rekap.baris) == 128 + 4 + 1
        dinkes = dasbor.rekap_aktivitas(s, org.admin, org.dinkes, 2026)
        assert {p for p, *_x in dinkes.baris} <= {org.kadinkes.pegawai_id, org.perawat.pegawai_id}


def test_export_has_a_sheet_per_table(engine, org, data):
    d = _dasbor(engine, org.admin, org.kabupaten)
    wb = load_workbook(io.BytesIO(dasbor.ekspor_xlsx(d, 80)))
    assert wb.sheetnames == [
        "Ringkasan",
        "Per Unit",
        "Tren 2026",
        "Sebaran Capaian",
        "Di Bawah 80 %",
        "Belum Divalidasi",
        "Pegawai",
    ]
    per_unit = list(wb["Per Unit"].values)
    assert per_unit[1] == ("BKPSDM Uji", 4, 20_400, 12_700, 62.25, 62.26)
    bawah = list(wb["Di Bawah 80 %"].values)
    assert [r[1] for r in bawah[1:]] == ["Perawat Uji", "Kepala Uji", "Fungsional Uji"]
    assert isinstance(bawah[1][0], str) and len(bawah[1][0]) == 18  # NIP stays text
    assert [r[0] for r in list(wb["Belum Divalidasi"].values)[1:]][0] == "Kadinkes Uji"
    assert dasbor.nama_berkas(d) == "dasbor-capaian-pemerintah-kabupaten-uji-2026-03"


def test_integer_arithmetic_equals_exact_fractions():
    """Capaian rounds thousands of pegawai in integers; the results equal the exact ratio's, rounded
    half-up (worked out here with Fraction)."""

    def half_up(x: Fraction) -> int:
        return int((x + Fraction(1, 2)) // 1)

    for efektif in (0, 300, 5_100, 5_400, 6_300, 6_600):
        for tervalidasi in range(0, 7_000, 37):
            ratio = Fraction(min(tervalidasi, efektif), efektif) if efektif else Fraction(0)
            assert capaian.persen(tervalidasi, efektif) == Decimal(half_up(ratio * 10000)) / 100, (tervalidasi, efektif)
            for tpp in (0, 1_234_567, 3_100_000):
                assert capaian.tpp_produktivitas(tpp, 60, tervalidasi, efektif) == half_up(
                    Fraction(60, 100) * tpp * ratio
                )
