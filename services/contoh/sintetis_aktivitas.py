"""The synthetic Aktivitas Harian: 4 non-overlapping activities per working day and pegawai, drawn
from precomputed day shapes by the pegawai's tier, ~85 % Tervalidasi, ~10 % Menunggu, ~5 % Ditolak.
"""

from __future__ import annotations

import random
import time as clock
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import Connection

from db import bulk
from db.bulk import tabel
from db.enums import StatusAktivitas
from db.models import AktivitasHarian
from services.contoh.demo_data import ALASAN_TOLAK
from services.contoh.sintetis_kosakata import AKTIVITAS_JPT, INDIKATOR_PER_RHK, RHK_BAWAHAN, RHK_PER_SKP, J
from services.contoh.sintetis_organisasi import Builder
from services.contoh.sintetis_rencana import Ids
from services.contoh.waktu import wib

#: Receives a line of progress to show the operator.
Progress = Callable[[str], None]

AKTIVITAS_PER_HARI = 4
JAM_MASUK = 7 * 60 + 30  # 07:30
JAM_PULANG = 16 * 60  # 16:00

#: Durations (minutes) by tier: rendah, sedang, tinggi — about 75 %, 95 %, 100 % capaian when validated.
_DURASI = ((45, 60, 75, 90), (60, 75, 90, 105), (75, 90, 105, 120))
_PATTERN_BITS = 10


def _patterns(rng: random.Random, tier: int) -> list[tuple[tuple[time, time, int, int], ...]]:
    """2^10 day shapes of 4 activities: (jam_mulai, jam_selesai, durasi, end minute), in order,
    non-overlapping, between 07:30 and 16:00, durations and gaps in 15-minute steps."""
    out = []
    for _ in range(1 << _PATTERN_BITS):
        durasi = [rng.choice(_DURASI[tier]) for _ in range(AKTIVITAS_PER_HARI)]
        slack = (JAM_PULANG - JAM_MASUK - sum(durasi)) // 15
        gaps = [0] * (AKTIVITAS_PER_HARI + 1)
        for _ in range(slack):
            gaps[rng.randrange(AKTIVITAS_PER_HARI + 1)] += 1
        # Most people start on time: most of the first gap moves to the end of the day.
        late = min(gaps[0], rng.choice((0, 0, 0, 1, 2)))
        gaps[-1] += gaps[0] - late
        gaps[0] = late
        start, shape = JAM_MASUK + late * 15, []
        for k, minutes in enumerate(durasi):
            end = start + minutes
            shape.append((time(start // 60, start % 60), time(end // 60, end % 60), minutes, end))
            start = end + gaps[k + 1] * 15
        out.append(tuple(shape))
    return out


def load_aktivitas(
    conn: Connection,
    org: Builder,
    ids: Ids,
    years: list[int],
    working_days: list[date],
    today: date,
    seed: int,
    say: Progress,
) -> int:
    """4 activities per working day per pegawai, pegawai by pegawai and day by day (index order)."""
    prng = random.Random(seed + 1)
    patterns = [_patterns(prng, tier) for tier in range(3)]
    days_by_year = {tahun: [d for d in working_days if d.year == tahun] for tahun in years}
    decided_at: dict[date, datetime] = {}
    created_at: dict[tuple[date, int], datetime] = {}
    for d in working_days:  # the atasan decides the next day, or the same afternoon for yesterday's
        next_day = d + timedelta(days=1)
        decided_at[d] = wib(d, 16 * 60 + 30) if next_day >= today else wib(next_day, 14 * 60)
    tervalidasi, menunggu, ditolak = (
        StatusAktivitas.TERVALIDASI.value,
        StatusAktivitas.MENUNGGU.value,
        StatusAktivitas.DITOLAK.value,
    )
    volume = Decimal(1)
    belum_divalidasi = (menunggu, None, None, None)
    people = org.pegawai
    total = len(people)
    step = max(1, total // 10)
    started = clock.perf_counter()
    columns = (
        "id",
        "pegawai_id",
        "periode_id",
        "rhk_id",
        "indikator_id",
        "tanggal",
        "jam_mulai",
        "jam_selesai",
        "durasi_menit",
        "aktivitas",
        "volume",
        "satuan",
        "status",
        "alasan_tolak",
        "divalidasi_oleh_id",
        "divalidasi_at",
        "created_at",
        "version_id",
    )

    def rows() -> Iterator[tuple]:
        next_id = 1
        for i, p in enumerate(people):
            rng = random.Random(seed * 1_000_003 + p.id)
            bits_of = rng.getrandbits
            shapes = patterns[p.tier]
            atasan = p.atasan_id
            for y, tahun in enumerate(years):
                days = days_by_year[tahun]
                if not days:
                    continue
                periode_id = ids.plan(y, i)
                # 16 choices: 8 indikator × 2 phrases → (rhk_id, indikator_id, aktivitas, satuan).
                choices = []
                for r in range(RHK_PER_SKP):
                    for j in range(INDIKATOR_PER_RHK):
                        if p.jenis == J.JPT:
                            phrases, satuan = AKTIVITAS_JPT, "Kegiatan"
                        else:
                            template = RHK_BAWAHAN[p.rhk_template[r]]
                            phrases, satuan = template[2], template[1][j][1]
                        for k in range(2):
                            choices.append(
                                (
                                    ids.rhk(y, i, r),
                                    ids.indikator(y, i, r, j),
                                    phrases[(2 * j + k) % len(phrases)],
                                    satuan,
                                )
                            )
                for d in days:
                    bits = bits_of(64)
                    shape = shapes[bits & 1023]
                    bits >>= 10
                    decided = decided_at[d]
                    for mulai, selesai, durasi, end in shape:
                        rhk_id, ind_id, teks, satuan = choices[bits & 15]
                        status = (bits >> 4) & 127
                        bits >>= 11
                        made = created_at.get((d, end))
                        if made is None:
                            made = created_at[(d, end)] = wib(d, end + 5)
                        # (status, alasan_tolak, divalidasi_oleh_id, divalidasi_at)
                        if status < 109:  # 109/128 ≈ 85 %
                            verdict: tuple = (tervalidasi, None, atasan, decided)
                        elif status < 122:  # 13/128 ≈ 10 %
                            verdict = belum_divalidasi
                        else:  # 6/128 ≈ 5 %
                            verdict = (ditolak, ALASAN_TOLAK[status & 3], atasan, decided)
                        yield (
                            next_id,
                            p.id,
                            periode_id,
                            rhk_id,
                            ind_id,
                            d,
                            mulai,
                            selesai,
                            durasi,
                            teks,
                            volume,
                            satuan,
                            *verdict,
                            made,
                            1,
                        )
                        next_id += 1
            if (i + 1) % step == 0 or i + 1 == total:
                say(
                    f"Aktivitas harian: {100 * (i + 1) // total} % ({i + 1}/{total} pegawai, {next_id - 1} baris, "
                    f"{clock.perf_counter() - started:.0f} detik)"
                )

    return bulk.bulk_insert(conn, tabel(AktivitasHarian), columns, rows())
