"""Capaian aktivitas and TPP produktivitas (docs/domain.md §4) against months worked out by hand.

March 2026: 22 weekdays (2–6, 9–13, 16–20, 23–27, 30–31); 18, 19, 20, 23 and 24 March are hari libur /
cuti bersama → 17 hari kerja → 17 × 300 = 5,100 menit efektif.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from db.enums import StatusAktivitas
from db.models import Pegawai, RencanaHasilKerja
from db.session import session_scope
from services.aktivitas import capaian, dasar_bulan
from services.organisasi import periode as periode_service
from services.organisasi import referensi
from services.platform import kalender, settings
from services.platform.access import Operator
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import (
    HARI_KERJA_MARET_2026,
    SkpUji,
    add_aktivitas,
    build_maret_2026,
    build_skp,
    setel_tpp_pokok,
)

T, M, D = StatusAktivitas.TERVALIDASI, StatusAktivitas.MENUNGGU, StatusAktivitas.DITOLAK
LIBUR_MARET = {date(2026, 3, d) for d in (18, 19, 20, 23, 24)}
HARI_KERJA_MARET = HARI_KERJA_MARET_2026  # 2–6, 9–13, 16, 17, 25–27, 30, 31


@pytest.fixture
def maret(engine, org):
    """Hari libur 2026 from the holidays package; staf has a ditetapkan SKP for 2026, TPP pokok Rp3.100.000."""
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        setel_tpp_pokok(s, org.staf.pegawai_id, 3_100_000)
        return build_skp(s, org.staf, 2026)


def _periode(s, actor, mulai: date, akhir: date) -> SkpUji:
    """A period from ``mulai`` to ``akhir`` with one RHK (rows are added directly, so status is moot)."""
    p = periode_service.tambah(s, actor, mulai.year, mulai, akhir)
    rhk = RencanaHasilKerja(skp_id=periode_service.skp_of(s, p.id).id, teks="Terlaksananya tugas")
    s.add(rhk)
    s.flush()
    return SkpUji(p.id, rhk.skp_id, [rhk.id], [])


def _capaian(engine, actor, pegawai_id, tahun=2026, bulan=3):
    with session_scope(engine, readonly=True) as s:
        return capaian.capaian_pegawai(s, actor, pegawai_id, tahun, bulan)


def test_the_calendar_of_march_2026_matches_domain(engine, maret):
    with session_scope(engine) as s:
        assert kalender.hari_libur_set(s, date(2026, 3, 1), date(2026, 3, 31)) >= LIBUR_MARET
        assert kalender.hari_kerja(s, date(2026, 3, 1), date(2026, 3, 31)) == HARI_KERJA_MARET


def test_domain_worked_example_march_2026(engine, org):
    with session_scope(engine) as s:
        skp = build_maret_2026(s, org.staf)  # 4,080 validated, 600 waiting, 300 rejected
        add_aktivitas(s, org.staf, skp, date(2026, 4, 1), "08:00", "12:00", T)  # April: not counted
        add_aktivitas(s, org.staf, skp, date(2026, 2, 27), "08:00", "12:00", T)  # February: not counted
    hasil = _capaian(engine, org.staf, org.staf.pegawai_id)
    assert hasil.hari_kerja == 17
    assert hasil.menit_efektif == 5_100
    assert hasil.menit_tervalidasi == 4_080
    assert hasil.menit_menunggu == 600
    assert hasil.capaian_persen == Decimal("80.00")
    assert str(hasil.capaian_persen) == "80.00"
    assert hasil.tpp_pokok == 3_100_000
    assert hasil.tpp_produktivitas == 1_488_000
    # The set-based function for everyone gives the same row.
    with session_scope(engine, readonly=True) as s:
        semua = {r.pegawai_id: r for r in capaian.capaian_bulanan(s, org.admin, 2026, 3)}
    assert semua[org.staf.pegawai_id] == hasil
    # Others of the organisation have no period in 2026: 0 hari kerja, 0 %, Rp0, no error.
    kabid = semua[org.kabid.pegawai_id]
    assert (kabid.hari_kerja, kabid.menit_efektif, kabid.capaian_persen, kabid.tpp_produktivitas) == (
        0,
        0,
        Decimal("0.00"),
        0,
    )


def test_mutasi_in_mid_month_counts_both_periods(engine, org, maret):
    """Mutasi effective 16 March: period 1 Jan – 15 Mar and 16 Mar – 31 Dec. Together they cover the
    whole month: 17 hari kerja; minutes of both periods count. 2,000 + 1,000 = 3,000 of 5,100 →
    58.8235…% → 58.82 %; TPP 60 % × 3,000,000 × 3,000/5,100 = 1,058,823.53 → Rp1.058.824."""
    with session_scope(engine) as s:
        staf = s.get(Pegawai, org.staf.pegawai_id)
        setel_tpp_pokok(s, staf.id, 3_000_000)
        for day in HARI_KERJA_MARET[:10]:  # 2–13 March, 10 × 200
            add_aktivitas(s, org.staf, maret, day, "08:00", "11:20", T)
        staf.atasan_id = org.kabid.pegawai_id
        hasil_mutasi = periode_service.apply_mutasi(s, Operator("operator-uji"), staf, date(2026, 3, 16))
        assert hasil_mutasi.ditutup.tanggal_akhir == date(2026, 3, 15)
        baru = hasil_mutasi.dibuka
        skp_baru = SkpUji(baru.id, 0, maret.rhk_ids, [])
        for day in (date(2026, 3, 25), date(2026, 3, 26)):  # 2 × 500 in the new period
            add_aktivitas(s, org.staf, skp_baru, day, "07:30", "15:50", T)
    hasil = _capaian(engine, org.staf, org.staf.pegawai_id)
    assert (hasil.hari_kerja, hasil.menit_efektif, hasil.menit_tervalidasi) == (17, 5_100, 3_000)
    assert hasil.capaian_persen == Decimal("58.82")
    assert hasil.tpp_produktivitas == 1_058_824


def test_hari_kerja_only_inside_the_periods(engine, org):
    """A pegawai whose periods are 1 Jan – 10 Mar and 16 Mar – 31 Dec (no period 11–13 Mar):
    2–6, 9–10 (7 days) + 16, 17, 25, 26, 27, 30, 31 (7 days) = 14 hari kerja = 4,200 menit efektif.
    A newcomer from 16 March only: 7 hari kerja = 2,100; 1,050 validated → 50.00 % → Rp900.000."""
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        periode_service.tambah(s, org.fungsional, 2026, date(2026, 1, 1), date(2026, 3, 10))
        periode_service.tambah(s, org.fungsional, 2026, date(2026, 3, 16), date(2026, 12, 31))
        perawat_skp = _periode(s, org.perawat, date(2026, 3, 16), date(2026, 12, 31))
        add_aktivitas(s, org.perawat, perawat_skp, date(2026, 3, 16), "07:30", "12:30", T)  # 300
        add_aktivitas(s, org.perawat, perawat_skp, date(2026, 3, 17), "07:30", "12:30", T)  # 300
        add_aktivitas(s, org.perawat, perawat_skp, date(2026, 3, 25), "07:30", "15:00", T)  # 450
    with session_scope(engine, readonly=True) as s:
        rows = {r.pegawai_id: r for r in capaian.capaian_bulanan(s, org.admin, 2026, 3)}
    assert (rows[org.fungsional.pegawai_id].hari_kerja, rows[org.fungsional.pegawai_id].menit_efektif) == (14, 4_200)
    perawat = rows[org.perawat.pegawai_id]
    assert (perawat.hari_kerja, perawat.menit_efektif, perawat.menit_tervalidasi) == (7, 2_100, 1_050)
    assert perawat.capaian_persen == Decimal("50.00")
    assert perawat.tpp_produktivitas == 900_000


def test_over_100_percent_is_capped(engine, org, maret):
    """17 × 330 = 5,610 validated > 5,100 → 100.00 %; TPP = 60 % × 3,100,000 = Rp1.860.000."""
    with session_scope(engine) as s:
        for day in HARI_KERJA_MARET:
            add_aktivitas(s, org.staf, maret, day, "07:30", "13:00", T)
    hasil = _capaian(engine, org.staf, org.staf.pegawai_id)
    assert hasil.menit_tervalidasi == 5_610
    assert hasil.capaian_persen == Decimal("100.00")
    assert hasil.tpp_produktivitas == 1_860_000


def test_zero_working_days_is_zero_percent_without_error(engine, org):
    """A period of one weekend (21–22 March 2026): 0 hari kerja, 0 menit efektif; 300 minutes validated
    on the Saturday still give 0.00 % and Rp0."""
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        akhir_pekan = _periode(s, org.staf, date(2026, 3, 21), date(2026, 3, 22))
        add_aktivitas(s, org.staf, akhir_pekan, date(2026, 3, 21), "07:30", "12:30", T)
    hasil = _capaian(engine, org.staf, org.staf.pegawai_id)
    assert (hasil.hari_kerja, hasil.menit_efektif, hasil.menit_tervalidasi) == (0, 0, 300)
    assert hasil.capaian_persen == Decimal("0.00")
    assert hasil.tpp_produktivitas == 0


def _one_day(engine, org, tpp_pokok: int, menit: int):
    """Period of Monday 2 March 2026 only: 1 hari kerja, 300 menit efektif."""
    with session_scope(engine) as s:
        setel_tpp_pokok(s, org.staf.pegawai_id, tpp_pokok)
        satu_hari = _periode(s, org.staf, date(2026, 3, 2), date(2026, 3, 2))
        end = 8 * 60 + menit
        add_aktivitas(s, org.staf, satu_hari, date(2026, 3, 2), "08:00", f"{end // 60:02d}:{end % 60:02d}", T)
    return _capaian(engine, org.staf, org.staf.pegawai_id)


def test_rounding_is_half_up_at_half_a_rupiah(engine, org):
    """150 of 300 minutes: 60 % × 3,000,015 × 1/2 = 900,004.5 → Rp900.005 (half-up; banker's rounding or
    truncation would give 900,004)."""
    hasil = _one_day(engine, org, 3_000_015, 150)
    assert hasil.capaian_persen == Decimal("50.00")
    assert hasil.tpp_produktivitas == 900_005


def test_tpp_uses_the_exact_ratio_not_the_rounded_percentage(engine, org):
    """100 of 300 minutes: 33.33 %; 60 % × 3,000,000 × 1/3 = Rp600.000 exactly (from 33.33 % it would be
    Rp599.940)."""
    hasil = _one_day(engine, org, 3_000_000, 100)
    assert hasil.capaian_persen == Decimal("33.33")
    assert hasil.tpp_produktivitas == 600_000


def test_percentage_rounds_half_up_at_two_decimals():
    # 1 of 16 = 6.25 %; 1/800 = 0.125 % → 0.13; 2/3 = 66.666… → 66.67; 1/3 = 33.333… → 33.33
    assert capaian.persen(1, 16) == Decimal("6.25")
    assert capaian.persen(1, 800) == Decimal("0.13")
    assert capaian.persen(2, 3) == Decimal("66.67")
    assert capaian.persen(1, 3) == Decimal("33.33")
    # no hari kerja: 0 %; more minutes than efektif: capped at 100 %; negative never below 0
    assert capaian.persen(10, 0) == Decimal("0.00") and capaian.persen(600, 300) == Decimal("100.00")
    assert capaian.persen(-5, 300) == Decimal("0.00")


def test_tpp_rounds_half_up_to_whole_rupiah():
    # 60 % × 3,100,000 × 4,080/5,100 = 1,488,000 exactly; 60 % × 1,000,001 × 1/2 = 300,000.3 → 300,000;
    # 60 % × 1,000,005 × 1/2 = 300,001.5 → 300,002 (half-up); 60 % × 3,000,000 × 1/3 = 600,000
    assert capaian.tpp_produktivitas(3_100_000, 60, 4_080, 5_100) == 1_488_000
    assert capaian.tpp_produktivitas(1_000_001, 60, 150, 300) == 300_000
    assert capaian.tpp_produktivitas(1_000_005, 60, 150, 300) == 300_002
    assert capaian.tpp_produktivitas(3_000_000, 60, 100, 300) == 600_000
    assert capaian.tpp_produktivitas(3_000_000, 60, 100, 0) == 0
    assert capaian.tpp_produktivitas(3_000_000, 60, 900, 300) == 1_800_000


def test_settings_change_the_formula(engine, org, maret):
    """240 menit per hari and 50 %: 17 × 240 = 4,080 efektif; 4,080 validated → 100 %; 50 % × 3,100,000."""
    with session_scope(engine) as s:
        settings.setel(s, org.admin, "menit_per_hari", 240)
        settings.setel(s, org.admin, "bobot_produktivitas_persen", 50)
        for day in HARI_KERJA_MARET:
            add_aktivitas(s, org.staf, maret, day, "08:00", "12:00", T)
    hasil = _capaian(engine, org.staf, org.staf.pegawai_id)
    assert (hasil.menit_efektif, hasil.capaian_persen, hasil.tpp_produktivitas) == (4_080, Decimal("100.00"), 1_550_000)


def test_admin_removing_a_cuti_bersama_makes_it_a_working_day(engine, org, maret):
    """18 March made a working day again: 18 hari kerja = 5,400; 4,080 of 5,400 = 75.56 %;
    60 % × 3,100,000 × 4,080/5,400 = 1,405,333.33 → Rp1.405.333."""
    with session_scope(engine) as s:
        referensi.hapus_hari_libur(s, org.admin, date(2026, 3, 18))
        for day in HARI_KERJA_MARET:
            add_aktivitas(s, org.staf, maret, day, "08:00", "12:00", T)
    hasil = _capaian(engine, org.staf, org.staf.pegawai_id)
    assert (hasil.hari_kerja, hasil.menit_efektif) == (18, 5_400)
    assert hasil.capaian_persen == Decimal("75.56")
    assert hasil.tpp_produktivitas == 1_405_333


def test_who_may_see_whose_capaian(engine, org, maret):
    with session_scope(engine, readonly=True) as s:
        assert capaian.capaian_pegawai(s, org.kasubbid, org.staf.pegawai_id, 2026, 3).nip == org.staf.nip
        assert capaian.capaian_pegawai(s, org.kepala, org.staf.pegawai_id, 2026, 3).nip == org.staf.nip  # pimpinan
        assert capaian.capaian_pegawai(s, org.admin, org.staf.pegawai_id, 2026, 3).nip == org.staf.nip
        for other in (org.fungsional, org.kabid, org.kadinkes, org.perawat):
            with pytest.raises(AksesDitolak):
                capaian.capaian_pegawai(s, other, org.staf.pegawai_id, 2026, 3)

        def names(actor, unit_id=None):
            return sorted(r.nama for r in capaian.capaian_bulanan(s, actor, 2026, 3, unit_id))

        assert names(org.staf) == ["Staf Uji"]
        assert names(org.kasubbid) == ["Kasubbid Uji", "Staf Uji"]
        assert names(org.kabid) == ["Fungsional Uji", "Kabid Uji", "Kasubbid Uji"]
        assert names(org.kadinkes) == ["Kadinkes Uji", "Perawat Uji"]
        assert names(org.kepala) == [
            "Admin Uji",
            "Fungsional Uji",
            "Kabid Uji",
            "Kasubbid Uji",
            "Kepala Uji",
            "Staf Uji",
        ]
        assert len(names(org.admin)) == 9
        assert names(org.admin, org.dinkes) == ["Kadinkes Uji", "Perawat Uji"]
        assert names(org.bupati, org.bidang) == ["Fungsional Uji", "Kabid Uji", "Kasubbid Uji", "Staf Uji"]
        with pytest.raises(AksesDitolak):
            capaian.capaian_bulanan(s, org.kadinkes, 2026, 3, org.bkpsdm)
        with pytest.raises(ValidationError):
            capaian.capaian_bulanan(s, org.admin, 2026, 13)


def test_many_pegawai_share_one_hari_kerja_computation(engine, org, maret, monkeypatch):
    """Hari kerja are counted once per distinct coverage pattern, not once per pegawai."""
    with session_scope(engine) as s:
        for actor in (org.kasubbid, org.kabid, org.fungsional):
            build_skp(s, actor, 2026)
    calls = []
    real = dasar_bulan.hitung_hari_kerja
    monkeypatch.setattr(dasar_bulan, "hitung_hari_kerja", lambda days, pola: calls.append(pola) or real(days, pola))
    with session_scope(engine, readonly=True) as s:
        rows = capaian.capaian_bulanan(s, org.admin, 2026, 3)
    assert sum(r.hari_kerja == 17 for r in rows) == 4
    assert len(calls) == 1
