"""The synthetic kabupaten: a whole regency of N pegawai with M months of Aktivitas Harian, for
measuring the application at scale (issue #7). ``sipijar generate --pegawai N --bulan M``.

What :func:`generate` builds into an empty, migrated database (deterministic for a seed):

* a 5-level unit tree — Pemerintah Kabupaten → OPD (about one per 300 pegawai, at most 38) → bidang →
  subbidang → seksi, about one unit per 30 pegawai; the Sekretaris Daerah heads the root;
* pegawai of every jenis jabatan: JPT heads of OPD, Administrator heads of bidang, Pengawas heads of
  subbidang and seksi, Fungsional and Pelaksana staff; each unit head's atasan is the head of the parent
  unit, staff's atasan is their unit head (no cycles, at most about 40 bawahan each); unique 18-digit
  NIPs; tpp_pokok by jabatan; accounts sharing ONE bcrypt hash of :attr:`GenerateInfo.password`
  (must_change_password off); the Sekda and every OPD head are pimpinan, three BKPSDM staff are admin;
* per pegawai and year touched by the months: a whole-year Periode SKP (with its snapshot), a
  ditetapkan SKP (by the atasan) with 4 RHK × 2 Kuantitas indikator (target 12, 1 per month), the 7
  Perilaku Kerja rows; JPT RHK come from a 4-perspektif Perjanjian Kinerja, the others cascade the
  atasan's RHK (rhk_atasan_id, with the Matriks Peran Hasil cell);
* 4 Aktivitas Harian per working day (hari libur from :mod:`services.platform.kalender`) of the M months ending
  with the current month of ``tahun``, before today: 45–120 minutes each, non-overlapping within
  07:30–16:00, ~85 % Tervalidasi (by the atasan), ~10 % Menunggu Validasi, ~5 % Ditolak (with alasan);
* Realisasi Bulanan per indikator for the past months, and a Final Evaluasi Kinerja for every
  completed triwulan among them, rated like the app's suggestion and with the official predikat.

The Sekda at the top has no atasan in the data (the Kepala Daerah is outside it): their SKP has no
ditetapkan_oleh, their evaluations no penilai, their validated activities no divalidasi_oleh.

Rows are made as tuples in Python with ids chosen here (children reference parents without round
trips) and streamed into the tables by :mod:`db.bulk` (executemany on SQLite, COPY on PostgreSQL),
all in one transaction: the generator either fills the database or leaves it empty.
"""

from __future__ import annotations

import random
import time as clock
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db import bulk, ringkasan_aktivitas
from db.bulk import tabel
from db.models import (
    SKP,
    AktivitasHarian,
    Akun,
    EvaluasiKinerja,
    IndikatorKinerja,
    IndikatorPerjanjianKinerja,
    Pegawai,
    PeranHasil,
    PerilakuKerja,
    PeriodeSKP,
    PerjanjianKinerja,
    PolaPenugasan,
    RealisasiBulanan,
    RencanaHasilKerja,
    TargetBulanan,
    TppPokokRiwayat,
    UnitKerja,
)
from services.contoh.demo_data import POLA_PENUGASAN
from services.contoh.sintetis_aktivitas import Progress, load_aktivitas
from services.contoh.sintetis_evaluasi import load_evaluasi, load_realisasi, rating_hasil_kerja
from services.contoh.sintetis_kosakata import KABUPATEN, J
from services.contoh.sintetis_organisasi import Builder, load_organisation
from services.contoh.sintetis_rencana import Ids, load_plans
from services.platform import audit, auth, kalender
from services.platform.errors import ValidationError
from services.platform.kalender import hari_ini

__all__ = ["KABUPATEN", "MIN_PEGAWAI", "GenerateInfo", "Progress", "generate", "rating_hasil_kerja"]


MIN_PEGAWAI = 10


@dataclass(frozen=True)
class GenerateInfo:
    """What was generated, how long it took, and the password every generated account shares."""

    units: int
    pegawai: int
    periode: int
    skp: int
    rhk: int
    indikator: int
    target_bulanan: int
    perilaku: int
    aktivitas: int
    realisasi: int
    evaluasi: int
    hari_libur: int
    dari: date
    sampai: date
    password: str
    seconds: float
    #: Seconds per phase ("organisasi", "rencana", "aktivitas", "realisasi", "evaluasi", "selesai").
    phases: dict[str, float] = field(default_factory=dict)


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _range(bulan: int, tahun: int, today: date) -> tuple[date, date, list[tuple[int, int]]]:
    """First and last activity day and the (year, month) list of the M months ending with the current
    month of ``tahun`` (December for a past year), never reaching today or later."""
    end_month = _month_index(tahun, today.month if tahun == today.year else 12)
    months = [(m // 12, m % 12 + 1) for m in range(end_month - bulan + 1, end_month + 1)]
    dari = date(months[0][0], months[0][1], 1)
    last_year, last_month = months[-1]
    month_end = date(last_year + last_month // 12, last_month % 12 + 1, 1) - timedelta(days=1)
    return dari, min(month_end, today - timedelta(days=1)), months


#: Tables loaded in bulk, in foreign-key order.
_TABLES = [
    tabel(UnitKerja),
    tabel(Pegawai),
    tabel(Akun),
    tabel(TppPokokRiwayat),
    tabel(PeriodeSKP),
    tabel(SKP),
    tabel(PerilakuKerja),
    tabel(PerjanjianKinerja),
    tabel(IndikatorPerjanjianKinerja),
    tabel(RencanaHasilKerja),
    tabel(PeranHasil),
    tabel(IndikatorKinerja),
    tabel(TargetBulanan),
    tabel(AktivitasHarian),
    tabel(RealisasiBulanan),
    tabel(EvaluasiKinerja),
]


def generate(
    engine: Engine,
    pegawai: int,
    bulan: int,
    seed: int = 2026,
    tahun: int | None = None,
    progress: Progress | None = None,
    *,
    today: date | None = None,
) -> GenerateInfo:
    """Fill the EMPTY migrated database behind ``engine`` with a synthetic kabupaten of ``pegawai``
    pegawai and ``bulan`` months of activities (see the module docstring); one transaction."""
    started = clock.perf_counter()
    today = today or hari_ini()
    tahun = tahun or today.year
    if pegawai < MIN_PEGAWAI:
        raise ValidationError(f"Jumlah pegawai minimal {MIN_PEGAWAI}.")
    if not 1 <= bulan <= 24:
        raise ValidationError("Jumlah bulan harus antara 1 dan 24.")
    if tahun > today.year:
        raise ValidationError(f"Tahun {tahun} belum berjalan.")
    say = progress or (lambda _message: None)
    dari, sampai, months = _range(bulan, tahun, today)
    years = sorted({y for y, _m in months})
    phases: dict[str, float] = {}
    mark = [clock.perf_counter()]

    def phase(name: str) -> None:
        now = clock.perf_counter()
        phases[name] = round(now - mark[0], 2)
        mark[0] = now

    rng = random.Random(seed)
    org = Builder(rng, pegawai)
    password = f"Sintetis{seed}"
    shared_hash = auth.hash_password(password)  # once, for every account

    with bulk.bulk_load(engine, _TABLES) as conn:
        session = Session(bind=conn)
        if session.scalar(select(Pegawai.id).limit(1)) is not None:
            raise ValidationError(
                "Basis data sudah berisi pegawai; data sintetis hanya dapat dibuat pada basis data kosong."
            )
        hari_libur = sum(kalender.isi_hari_libur(session, y) for y in years)
        pola = {p.nama: p for p in session.scalars(select(PolaPenugasan))}
        session.add_all(pola.setdefault(n, PolaPenugasan(nama=n, aktif=True)) for n in POLA_PENUGASAN if n not in pola)
        session.flush()
        pola_ids = [pola[n].id for n in POLA_PENUGASAN]
        working_days = [d for d in kalender.hari_kerja(session, dari, sampai)]
        say(
            f"Organisasi: {len(org.units)} unit kerja, {len(org.pegawai)} pegawai; "
            f"{len(working_days)} hari kerja {dari:%d-%m-%Y} s.d. {sampai:%d-%m-%Y}."
        )

        n_units = load_organisation(conn, org, shared_hash)
        phase("organisasi")
        jpt_before, count = [], 0
        for p in org.pegawai:
            jpt_before.append(count)
            count += p.jenis == J.JPT
        jpt_before.append(count)
        ids = Ids(len(org.pegawai), jpt_before)
        plan_counts = load_plans(conn, org, ids, years, pola_ids, rng)
        phase("rencana")
        say(f"Rencana SKP: {plan_counts['skp']} SKP, {plan_counts['rhk']} RHK, {plan_counts['indikator']} indikator.")

        with ringkasan_aktivitas.dimuat_massal(conn):  # summed once at the end, not row by row
            n_aktivitas = load_aktivitas(conn, org, ids, years, working_days, today, seed, say)
        phase("aktivitas")
        past = [(y, m) for y, m in months if (y, m) < (today.year, today.month)]
        n_realisasi = load_realisasi(conn, org, ids, years, past, seed)
        phase("realisasi")
        n_evaluasi = load_evaluasi(conn, org, ids, years, past, seed)
        phase("evaluasi")
        audit.record(
            session,
            None,
            "generate_sintetis",
            "sintetis",
            None,
            None,
            {
                "pegawai": pegawai,
                "bulan": bulan,
                "seed": seed,
                "tahun": tahun,
                "dari": dari,
                "sampai": sampai,
                "aktivitas": n_aktivitas,
            },
        )
        session.flush()
        session.close()
        say("Memeriksa referensi dan menyimpan …")
    phase("selesai")
    info = GenerateInfo(
        units=n_units,
        pegawai=len(org.pegawai),
        periode=plan_counts["periode"],
        skp=plan_counts["skp"],
        rhk=plan_counts["rhk"],
        indikator=plan_counts["indikator"],
        target_bulanan=plan_counts["target_bulanan"],
        perilaku=plan_counts["perilaku"],
        aktivitas=n_aktivitas,
        realisasi=n_realisasi,
        evaluasi=n_evaluasi,
        hari_libur=hari_libur,
        dari=dari,
        sampai=sampai,
        password=password,
        seconds=round(clock.perf_counter() - started, 2),
        phases=phases,
    )
    say(
        f"Selesai dalam {info.seconds:.1f} detik: {info.aktivitas} aktivitas, {info.realisasi} realisasi, "
        f"{info.evaluasi} evaluasi."
    )
    return info
