"""Property (issue #13): after any sequence of pokok changes, mutasi, ketidakhadiran, a change of which kinds
reduce hari kerja, and activity entries and validations, an open month's capaian — capaian_bulanan and the
Dasbor's per-pegawai rows alike — equals a fresh, naive computation from the raw rows, day by day over the
calendar (docs/domain.md §4, §8.13, §8.26), on both databases; and the Dasbor's trend point of the month is the
aggregate of those rows."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from db.enums import JenisKetidakhadiran, StatusAktivitas
from db.models import AktivitasHarian, HariLibur, Ketidakhadiran, Pegawai, PeriodeSKP, TppPokokRiwayat
from db.session import session_scope
from services.aktivitas import capaian
from services.organisasi import periode as periode_service
from services.organisasi import tpp_pokok
from services.pimpinan import dasbor
from services.platform import kalender
from services.platform import settings as setelan
from services.platform.access import Operator
from services.platform.errors import ValidationError
from tests.factories import SkpUji, add_aktivitas, build_skp

BULAN = (1, 2, 3, 4)
TANGGAL = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 4, 30))
STATUS = st.sampled_from(list(StatusAktivitas))
SIAPA = st.sampled_from(("staf", "fungsional"))

_ops = st.lists(
    st.one_of(
        st.tuples(st.just("pokok"), SIAPA, st.integers(0, 12_000_000), TANGGAL),
        st.tuples(st.just("mutasi"), SIAPA, TANGGAL),
        st.tuples(st.just("absen"), SIAPA, st.sampled_from(list(JenisKetidakhadiran)), TANGGAL, st.integers(0, 9)),
        st.tuples(st.just("setelan"), st.lists(st.sampled_from(JenisKetidakhadiran.values()), unique=True)),
        st.tuples(st.just("aktivitas"), SIAPA, TANGGAL, st.integers(0, 8), st.integers(1, 600), STATUS),
        st.tuples(st.just("status"), SIAPA, st.integers(0, 1000), STATUS),
    ),
    max_size=14,
)


@pytest.fixture
def tahun_2026(engine, org):
    """Hari libur 2026; staf and fungsional with a whole-year 2026 SKP."""
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        return {"staf": build_skp(s, org.staf, 2026), "fungsional": build_skp(s, org.fungsional, 2026)}


def _terapkan(s, org, skp: dict[str, SkpUji], op: tuple) -> None:
    kind, *arg = op
    if kind == "setelan":
        setelan.setel(s, org.admin, "ketidakhadiran_mengurangi", arg[0])
        return
    pid = getattr(org, arg[0]).pegawai_id
    if kind == "pokok":
        try:
            tpp_pokok.ubah(s, org.admin, pid, arg[1], arg[2])
        except ValidationError:
            pass  # that pokok is already in force on that date
    elif kind == "mutasi":  # a new atasan from that date (alternating), which splits the running period
        p = s.get(Pegawai, pid)
        lama = p.atasan_id
        p.atasan_id = org.kabid.pegawai_id if p.atasan_id != org.kabid.pegawai_id else org.kasubbid.pegawai_id
        s.flush()
        try:
            periode_service.apply_mutasi(s, Operator("operator-uji"), p, arg[1])
        except ValidationError:  # validated activities after that date have no place in the new period (§8.2)
            p.atasan_id = lama
    elif kind == "absen":  # one pegawai's records never overlap (the ketidakhadiran service refuses it)
        jenis, mulai, panjang = arg[1], arg[2], arg[3]
        akhir = mulai + timedelta(days=panjang)
        k = Ketidakhadiran
        if s.scalar(select(k.id).where(k.pegawai_id == pid, k.tanggal_mulai <= akhir, k.tanggal_akhir >= mulai)):
            return
        s.add(Ketidakhadiran(pegawai_id=pid, jenis=jenis, tanggal_mulai=mulai, tanggal_akhir=akhir))
    elif kind == "aktivitas":
        tanggal, jam, menit, status = arg[1], arg[2], arg[3], arg[4]
        periode = periode_service.periode_on(s, pid, tanggal)
        if periode is None:
            return
        mulai = 7 * 60 + jam * 60
        selesai = min(mulai + menit, 23 * 60 + 59)
        add_aktivitas(
            s,
            getattr(org, arg[0]),
            SkpUji(periode.id, 0, skp[arg[0]].rhk_ids, []),
            tanggal,
            f"{mulai // 60:02d}:{mulai % 60:02d}",
            f"{selesai // 60:02d}:{selesai % 60:02d}",
            status,
        )
    elif kind == "status":
        rows = list(s.scalars(select(AktivitasHarian).where(AktivitasHarian.pegawai_id == pid)))
        if rows:
            rows[arg[1] % len(rows)].status = arg[2]
    s.flush()


def _half_up(x: Fraction) -> int:
    return (2 * x.numerator + x.denominator) // (2 * x.denominator)


def _naive(s, pegawai_id: int, tahun: int, bulan: int) -> tuple:
    """Everything from the raw rows, day by day: no summary table, no pattern sharing, exact fractions."""
    first, last = date(tahun, bulan, 1), date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])
    libur = set(s.scalars(select(HariLibur.tanggal).where(HariLibur.aktif)))
    periode = s.execute(
        select(PeriodeSKP.tanggal_mulai, PeriodeSKP.tanggal_akhir).where(PeriodeSKP.pegawai_id == pegawai_id)
    ).all()
    mengurangi = setelan.ambil(s, "ketidakhadiran_mengurangi")
    absen = set()
    for jenis, mulai, akhir in s.execute(
        select(Ketidakhadiran.jenis, Ketidakhadiran.tanggal_mulai, Ketidakhadiran.tanggal_akhir).where(
            Ketidakhadiran.pegawai_id == pegawai_id
        )
    ):
        if jenis.value in mengurangi:
            absen |= {mulai + timedelta(days=i) for i in range((akhir - mulai).days + 1)}
    riwayat = s.execute(
        select(TppPokokRiwayat.berlaku_mulai, TppPokokRiwayat.jumlah).where(TppPokokRiwayat.pegawai_id == pegawai_id)
    ).all()

    def pokok(d: date) -> int:
        berlaku = [(b, j) for b, j in riwayat if b <= d]
        return max(berlaku)[1] if berlaku else 0

    hari = [
        first + timedelta(days=i)
        for i in range(last.day)
        if (first + timedelta(days=i)).weekday() < 5
        and first + timedelta(days=i) not in libur
        and first + timedelta(days=i) not in absen
        and any(a <= first + timedelta(days=i) <= b for a, b in periode)
    ]
    menit = {st_: 0 for st_ in StatusAktivitas}
    for status, durasi in s.execute(
        select(AktivitasHarian.status, AktivitasHarian.durasi_menit).where(
            AktivitasHarian.pegawai_id == pegawai_id,
            AktivitasHarian.tanggal >= first,
            AktivitasHarian.tanggal <= last,
        )
    ):
        menit[status] += durasi
    h, w = len(hari), sum(pokok(d) for d in hari)
    e = h * setelan.ambil(s, "menit_per_hari")
    v = min(menit[StatusAktivitas.TERVALIDASI], e)
    persen = Decimal(0) if not e else (Decimal(v) * 100 / Decimal(e)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    bobot = Fraction(setelan.ambil(s, "bobot_produktivitas_persen"), 100)
    tpp = 0 if not e else _half_up(bobot * Fraction(w, h) * Fraction(v, e))
    ditampilkan = _half_up(Fraction(w, h)) if h else pokok(last)
    terbelah = len({pokok(d) for d in hari}) > 1
    return (h, e, menit[StatusAktivitas.TERVALIDASI], menit[StatusAktivitas.MENUNGGU], persen, ditampilkan, tpp), (
        terbelah,
        w,
    )


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_ops)
def test_an_open_month_always_equals_a_fresh_computation(engine, org, tahun_2026, ops):
    with session_scope(engine) as s:
        for op in ops:
            _terapkan(s, org, tahun_2026, op)
    with session_scope(engine, readonly=True) as s:
        for bulan in BULAN:
            rows = {r.pegawai_id: r for r in capaian.capaian_bulanan(s, org.admin, 2026, bulan)}
            d = dasbor.dasbor(s, org.admin, org.kabupaten, 2026, bulan, date(2026, 7, 15))
            assert list(d.pegawai) == sorted(rows.values(), key=lambda r: (r.unit_kerja, r.nama, r.nip))
            # The trend's point of the month is the aggregate of the same rows (absences counted per pegawai).
            agg = dasbor.agregat(org.kabupaten, "", list(rows.values()))
            titik = d.tren[bulan - 1]
            assert (titik.pegawai, titik.menit_efektif, titik.menit_dihitung, titik.capaian_persen) == (
                agg.pegawai,
                agg.menit_efektif,
                agg.menit_dihitung,
                agg.capaian_persen,
            )
            for siapa in ("staf", "fungsional", "kabid"):
                pid = getattr(org, siapa).pegawai_id
                r = rows[pid]
                angka, (terbelah, pokok_hari) = _naive(s, pid, 2026, bulan)
                assert (
                    r.hari_kerja,
                    r.menit_efektif,
                    r.menit_tervalidasi,
                    r.menit_menunggu,
                    r.capaian_persen,
                    r.tpp_pokok,
                    r.tpp_produktivitas,
                ) == angka, (siapa, bulan)
                assert bool(r.rincian_pokok) == terbelah
                if terbelah:
                    assert sum(b.hari_kerja for b in r.rincian_pokok) == r.hari_kerja
                    assert sum(b.tpp_pokok * b.hari_kerja for b in r.rincian_pokok) == pokok_hari
