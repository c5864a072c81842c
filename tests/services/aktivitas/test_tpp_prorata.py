"""TPP pokok with effective dates and the prorata of a split month (docs/domain.md §8.26, DOMAIN.md §7), against
months worked out by hand.

March 2026 (docs/domain.md §4): 17 hari kerja — 2–6, 9–13 (10 days up to the 15th), 16, 17, 25–27, 30, 31 (7 days
from the 16th) → 5,100 menit efektif. ``build_maret_2026`` gives the staf 4,080 validated minutes (80.00 %) and a
pokok of Rp3.100.000 since always: 60 % × 3,100,000 × 4,080/5,100 = Rp1.488.000.

The rule: TPP = 60 % × Σ(pokok_i × hk_i) ÷ Σ hk_i × min(valid, efektif) ÷ efektif, rounded half-up ONCE.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from db.enums import JenisKetidakhadiran
from db.models import Ketidakhadiran, Pegawai, TppPokokRiwayat
from db.session import session_scope
from services.aktivitas import capaian, dokumen_capaian, rekap_tpp, tutup_bulan
from services.aktivitas.dasar_bulan import BagianPokok
from services.organisasi import periode as periode_service
from services.organisasi import tpp_pokok
from services.pimpinan import dasbor
from services.platform import kalender
from services.platform.access import Operator
from tests.factories import SkpUji, add_aktivitas, build_maret_2026, build_skp
from tests.services.aktivitas.test_dokumen_capaian import pdf_text


@pytest.fixture
def maret(engine, org) -> SkpUji:
    with session_scope(engine) as s:
        return build_maret_2026(s, org.staf)


def _ubah(engine, org, jumlah: int, mulai: date) -> None:
    with session_scope(engine) as s:
        tpp_pokok.ubah(s, org.admin, org.staf.pegawai_id, jumlah, mulai)


def _absen(s, pegawai_id: int, jenis: JenisKetidakhadiran, mulai: date, akhir: date) -> None:
    """A ketidakhadiran row written directly (its screens and rules are services/organisasi/ketidakhadiran.py's)."""
    s.add(Ketidakhadiran(pegawai_id=pegawai_id, jenis=jenis, tanggal_mulai=mulai, tanggal_akhir=akhir))


def _bulan(engine, org, tahun: int = 2026, bulan: int = 3) -> capaian.CapaianPegawai:
    """The staf's month from capaian, checked equal to the Dasbor's row of the same month."""
    with session_scope(engine, readonly=True) as s:
        hasil = capaian.capaian_pegawai(s, org.staf, org.staf.pegawai_id, tahun, bulan)
        d = dasbor.dasbor(s, org.admin, org.kabupaten, tahun, bulan, date(2026, 7, 15))
    assert next(r for r in d.pegawai if r.pegawai_id == org.staf.pegawai_id) == hasil
    return hasil


def test_change_on_the_first_of_the_month_takes_the_whole_month(engine, org, maret):
    """Rp3.500.000 from 1 March: all 17 hari kerja at the new pokok, no split:
    60 % × 3,500,000 × 4,080/5,100 = 0.48 × 3,500,000 = Rp1.680.000. February keeps Rp3.100.000."""
    _ubah(engine, org, 3_500_000, date(2026, 3, 1))
    hasil = _bulan(engine, org)
    assert (hasil.tpp_pokok, hasil.tpp_produktivitas, hasil.rincian_pokok) == (3_500_000, 1_680_000, ())
    assert _bulan(engine, org, bulan=2).tpp_pokok == 3_100_000


def test_change_from_next_month_leaves_this_month(engine, org, maret):
    """Rp3.500.000 from 1 April: March is still Rp1.488.000 (the domain example)."""
    _ubah(engine, org, 3_500_000, date(2026, 4, 1))
    hasil = _bulan(engine, org)
    assert (hasil.tpp_pokok, hasil.tpp_produktivitas, hasil.rincian_pokok) == (3_100_000, 1_488_000, ())


def test_change_in_mid_month_is_prorated_by_hari_kerja(engine, org, maret):
    """Rp3.600.000 from Monday 16 March: 10 hari kerja (2–13) at 3,100,000 and 7 (16–31) at 3,600,000.
    Σ pokok × hk = 31,000,000 + 25,200,000 = 56,200,000; ÷ 17 = 3,305,882.35… → shown Rp3.305.882.
    TPP = 60 % × 56,200,000/17 × 4,080/5,100 = 26,976,000/17 = 1,586,823.53 → Rp1.586.824 (rounded once)."""
    _ubah(engine, org, 3_600_000, date(2026, 3, 16))
    hasil = _bulan(engine, org)
    assert (hasil.hari_kerja, hasil.capaian_persen) == (17, Decimal("80.00"))
    assert hasil.tpp_produktivitas == 1_586_824
    assert hasil.tpp_pokok == 3_305_882
    assert hasil.rincian_pokok == (
        BagianPokok(date(2026, 3, 1), date(2026, 3, 15), 3_100_000, 10),
        BagianPokok(date(2026, 3, 16), date(2026, 3, 31), 3_600_000, 7),
    )


def test_two_changes_in_one_month(engine, org, maret):
    """Rp3.300.000 from Tuesday 10 March and Rp3.700.000 from Wednesday 25 March:
    1–9: 2–6, 9 = 6 days × 3,100,000 = 18,600,000; 10–24: 10–13, 16, 17 = 6 × 3,300,000 = 19,800,000;
    25–31: 25–27, 30, 31 = 5 × 3,700,000 = 18,500,000. Σ = 56,900,000 over 17 days (3,347,058.82 → 3,347,059).
    TPP = 0.48 × 56,900,000 / 17 = 27,312,000/17 = 1,606,588.24 → Rp1.606.588."""
    _ubah(engine, org, 3_300_000, date(2026, 3, 10))
    _ubah(engine, org, 3_700_000, date(2026, 3, 25))
    hasil = _bulan(engine, org)
    assert (hasil.tpp_produktivitas, hasil.tpp_pokok) == (1_606_588, 3_347_059)
    assert [(b.tpp_pokok, b.hari_kerja) for b in hasil.rincian_pokok] == [
        (3_100_000, 6),
        (3_300_000, 6),
        (3_700_000, 5),
    ]


def test_change_together_with_a_mutasi(engine, org):
    """Mutasi on 16 March (period 1 Jan – 15 Mar, then 16 Mar – 31 Dec) with a new pokok Rp3.600.000 from the
    same day. Both periods together cover 17 hari kerja; minutes of both count: 10 × 200 = 2,000 before,
    2 × 500 = 1,000 after → 3,000 of 5,100 = 58.82 %.
    TPP = 60 % × 56,200,000/17 × 3,000/5,100 = 101,160,000,000 / 86,700 = 1,166,782.01 → Rp1.166.782."""
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        tpp_pokok.ubah(s, org.admin, org.staf.pegawai_id, 3_100_000, tpp_pokok.AWAL)
        skp = build_skp(s, org.staf, 2026)
        for day in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13):
            add_aktivitas(s, org.staf, skp, date(2026, 3, day), "08:00", "11:20")  # 200 minutes
        staf = s.get(Pegawai, org.staf.pegawai_id)
        staf.atasan_id = org.kabid.pegawai_id
        baru = periode_service.apply_mutasi(s, Operator("operator-uji"), staf, date(2026, 3, 16)).dibuka
        tpp_pokok.ubah(s, org.admin, staf.id, 3_600_000, date(2026, 3, 16), "Mutasi ke jabatan baru")
        for day in (25, 26):
            add_aktivitas(s, org.staf, SkpUji(baru.id, 0, skp.rhk_ids, []), date(2026, 3, day), "07:30", "15:50")
    hasil = _bulan(engine, org)
    assert (hasil.hari_kerja, hasil.menit_tervalidasi, hasil.capaian_persen) == (17, 3_000, Decimal("58.82"))
    assert hasil.tpp_produktivitas == 1_166_782
    assert [(b.mulai, b.tpp_pokok, b.hari_kerja) for b in hasil.rincian_pokok] == [
        (date(2026, 3, 1), 3_100_000, 10),
        (date(2026, 3, 16), 3_600_000, 7),
    ]


def test_a_cuti_reduces_hari_kerja_and_its_part(engine, org):
    """Cuti Tahunan Monday 9 – Friday 13 March (5 hari kerja) and Rp3.600.000 from 16 March.
    Hari kerja 17 − 5 = 12 → 3,600 menit efektif; 240 validated minutes on each of the 12 = 2,880 → 80.00 %.
    Parts: 2–6 March = 5 days × 3,100,000 = 15,500,000; 16–31 = 7 × 3,600,000 = 25,200,000; Σ 40,700,000 / 12
    = 3,391,666.67 → shown Rp3.391.667. TPP = 60 % × 40,700,000/12 × 2,880/3,600 = 19,536,000/12 = Rp1.628.000."""
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        tpp_pokok.ubah(s, org.admin, org.staf.pegawai_id, 3_100_000, tpp_pokok.AWAL)
        skp = build_skp(s, org.staf, 2026)
        for day in (2, 3, 4, 5, 6, 16, 17, 25, 26, 27, 30, 31):
            add_aktivitas(s, org.staf, skp, date(2026, 3, day), "08:00", "12:00")
        _absen(s, org.staf.pegawai_id, JenisKetidakhadiran.CUTI_TAHUNAN, date(2026, 3, 9), date(2026, 3, 13))
        tpp_pokok.ubah(s, org.admin, org.staf.pegawai_id, 3_600_000, date(2026, 3, 16))
    hasil = _bulan(engine, org)
    assert (hasil.hari_kerja, hasil.menit_efektif, hasil.menit_tervalidasi) == (12, 3_600, 2_880)
    assert hasil.capaian_persen == Decimal("80.00")
    assert (hasil.tpp_produktivitas, hasil.tpp_pokok) == (1_628_000, 3_391_667)
    assert [(b.tpp_pokok, b.hari_kerja) for b in hasil.rincian_pokok] == [(3_100_000, 5), (3_600_000, 7)]


def test_izin_does_not_reduce_hari_kerja_by_default(engine, org, maret):
    """Izin is not among the default kinds that reduce hari kerja (DOMAIN.md §7): still 17, Rp1.488.000."""
    with session_scope(engine) as s:
        _absen(s, org.staf.pegawai_id, JenisKetidakhadiran.IZIN, date(2026, 3, 9), date(2026, 3, 9))
    hasil = _bulan(engine, org)
    assert (hasil.hari_kerja, hasil.tpp_produktivitas) == (17, 1_488_000)


def test_january_at_half_keeps_its_money_after_a_later_change(engine, org):
    """The issue's regression. January 2026: 20 hari kerja (1 and 16 January are hari libur) → 6,000 menit
    efektif; 10 days × 300 = 3,000 validated → 50.00 %; 60 % × 3,100,000 × 1/2 = Rp930.000.
    Pokok Rp5.000.000 from 1 May: January stays Rp930.000 (before the history it became
    60 % × 5,000,000 × 1/2 = Rp1.500.000); May is at the new pokok. A change dated back to 1 January (an admin
    correcting the past) is the one that moves January — to Rp1.500.000 — and only months from then on."""
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        tpp_pokok.ubah(s, org.admin, org.staf.pegawai_id, 3_100_000, tpp_pokok.AWAL)
        skp = build_skp(s, org.staf, 2026)
        for day in (5, 6, 7, 8, 9, 12, 13, 14, 15, 19):
            add_aktivitas(s, org.staf, skp, date(2026, 1, day), "07:30", "12:30")
    assert _bulan(engine, org, bulan=1).tpp_produktivitas == 930_000
    _ubah(engine, org, 5_000_000, date(2026, 5, 1))
    januari = _bulan(engine, org, bulan=1)
    assert (januari.capaian_persen, januari.tpp_pokok, januari.tpp_produktivitas) == (
        Decimal("50.00"),
        3_100_000,
        930_000,
    )
    assert _bulan(engine, org, bulan=5).tpp_pokok == 5_000_000
    assert _bulan(engine, org, bulan=4).tpp_pokok == 3_100_000
    with session_scope(engine, readonly=True) as s:
        assert s.get(Pegawai, org.staf.pegawai_id).tpp_pokok == 5_000_000  # the mirror: the latest row
    _ubah(engine, org, 5_000_000, date(2026, 1, 1))
    assert _bulan(engine, org, bulan=1).tpp_produktivitas == 1_500_000
    assert _bulan(engine, org, bulan=12, tahun=2025).tpp_pokok == 3_100_000


def test_no_pokok_history_is_rp0(engine, org):
    """A pegawai without any pokok row has Rp0 (the mirror column alone pays nothing)."""
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        perawat = s.get(Pegawai, org.perawat.pegawai_id)
        s.execute(TppPokokRiwayat.__table__.delete().where(TppPokokRiwayat.pegawai_id == perawat.id))
        skp = build_skp(s, org.perawat, 2026)
        add_aktivitas(s, org.perawat, skp, date(2026, 3, 2), "07:30", "12:30")
    with session_scope(engine, readonly=True) as s:
        hasil = capaian.capaian_pegawai(s, org.admin, org.perawat.pegawai_id, 2026, 3)
    assert (hasil.hari_kerja, hasil.tpp_pokok, hasil.tpp_produktivitas) == (17, 0, 0)


def test_pdf_and_rekap_show_the_parts_of_a_split_month(engine, org, maret):
    _ubah(engine, org, 3_600_000, date(2026, 3, 16))
    with session_scope(engine, readonly=True) as s:
        pdf = " ".join(pdf_text(dokumen_capaian.cetak(s, org.staf, org.staf.pegawai_id, 2026, 3)).split())
        data = rekap_tpp.rekap(s, org.admin, 2026, 3)
    assert "Rp3.100.000 × 10 hari kerja" in pdf and "Rp3.600.000 × 7 hari kerja" in pdf
    assert "Rp3.305.882" in pdf and "Rp1.586.824" in pdf
    teks = rekap_tpp.csv_bytes(data).decode("utf-8-sig")
    assert (
        "01-03-2026 s.d. 15-03-2026: Rp3.100.000 × 10 hari kerja; 16-03-2026 s.d. 31-03-2026: Rp3.600.000 × 7 hari "
        "kerja" in teks
    )


def test_a_closed_split_month_keeps_its_parts_after_later_changes(engine, org, maret):
    """Closed on 6 April 2026 (the day after March's closing day), the split month of the mid-month change keeps
    its figures AND its parts — 10 hari kerja at Rp3.100.000, 7 at Rp3.600.000, Rp1.586.824 — in the snapshot, the
    Cetak and the Rekap, even after the pokok is changed again from 1 March to Rp5.000.000. Reopened, the month
    is computed again: 10 hari kerja at 5,000,000 and 7 (from the 16th's row) at 3,600,000 → Σ = 75,200,000;
    60 % × 75,200,000/17 × 4,080/5,100 = 36,096,000/17 = 2,123,294.12 → Rp2.123.294."""
    _ubah(engine, org, 3_600_000, date(2026, 3, 16))
    tutup_bulan.tutup(engine, org.admin, 2026, 3, today=date(2026, 4, 6))
    _ubah(engine, org, 5_000_000, date(2026, 3, 1))
    hasil = _bulan(engine, org)
    assert (hasil.tpp_pokok, hasil.tpp_produktivitas) == (3_305_882, 1_586_824)
    assert hasil.rincian_pokok == (
        BagianPokok(date(2026, 3, 1), date(2026, 3, 15), 3_100_000, 10),
        BagianPokok(date(2026, 3, 16), date(2026, 3, 31), 3_600_000, 7),
    )
    with session_scope(engine, readonly=True) as s:
        pdf = " ".join(pdf_text(dokumen_capaian.cetak(s, org.staf, org.staf.pegawai_id, 2026, 3)).split())
        teks = rekap_tpp.csv_bytes(rekap_tpp.rekap(s, org.admin, 2026, 3)).decode("utf-8-sig")
    assert "Rp3.100.000 × 10 hari kerja" in pdf and "Rp3.600.000 × 7 hari kerja" in pdf
    assert "16-03-2026 s.d. 31-03-2026: Rp3.600.000 × 7 hari kerja" in teks
    with session_scope(engine) as s:
        tutup_bulan.buka(s, org.admin, 2026, 3, "Koreksi pokok Maret")
    assert _bulan(engine, org).tpp_produktivitas == 2_123_294  # reopened: computed again
