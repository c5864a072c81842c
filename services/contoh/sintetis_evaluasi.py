"""The synthetic Realisasi Bulanan (from the pegawai's tier) and the Final Evaluasi Kinerja of every
completed triwulan, rated as the app suggests (:func:`services.evaluasi.predikat.saran_dari`)
and given the official predikat.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection

from db import bulk
from db.bulk import tabel
from db.enums import JenisRHK, Rating, StatusEvaluasi
from db.models import EvaluasiKinerja, RealisasiBulanan
from services.contoh.demo_data import SUMBER_DATA, UMPAN_BALIK_KURANG, UMPAN_BALIK_SESUAI
from services.contoh.sintetis_kosakata import INDIKATOR_PER_RHK, RHK_PER_SKP, TARGET_TAHUNAN
from services.contoh.sintetis_organisasi import Builder, Peg
from services.contoh.sintetis_rencana import Ids
from services.contoh.waktu import wib
from services.evaluasi.predikat import MATRIKS_PREDIKAT, kelas_capaian, saran_dari


def realisasi_values(seed: int, p: Peg, y: int, n_months: int) -> list[list[int]]:
    """Realisasi per indikator (8) per past month of year index ``y``, from the pegawai's tier:
    tinggi 1–2, sedang mostly 1, rendah 0–1 (the monthly target is 1)."""
    rng = random.Random(seed * 7_919 + p.id * 31 + y)
    out = []
    for _ in range(RHK_PER_SKP * INDIKATOR_PER_RHK):
        if p.tier == 2:
            out.append([1 + (rng.random() < 0.5) for _ in range(n_months)])
        elif p.tier == 0:
            out.append([int(rng.random() < 0.5) for _ in range(n_months)])
        else:
            out.append([0 if (r := rng.random()) < 0.05 else 2 if r > 0.95 else 1 for _ in range(n_months)])
    return out


def load_realisasi(
    conn: Connection, org: Builder, ids: Ids, years: list[int], past: list[tuple[int, int]], seed: int
) -> int:
    target = TARGET_TAHUNAN // 12

    def rows():
        n = 0
        for y, tahun in enumerate(years):
            months = [m for yy, m in past if yy == tahun]
            if not months:
                continue
            for i, p in enumerate(org.pegawai):
                values = realisasi_values(seed, p, y, len(months))
                rng = random.Random(seed * 104_729 + p.id * 13 + y)
                for r in range(RHK_PER_SKP):
                    for j in range(INDIKATOR_PER_RHK):
                        ind = ids.indikator(y, i, r, j)
                        for k, m in enumerate(months):
                            value = values[r * INDIKATOR_PER_RHK + j][k]
                            answered = p.atasan_id is not None and rng.random() < 0.6
                            n += 1
                            yield (
                                n,
                                ind,
                                m,
                                Decimal(value),
                                SUMBER_DATA[(i + k) % len(SUMBER_DATA)],
                                (UMPAN_BALIK_SESUAI if value >= target else UMPAN_BALIK_KURANG) if answered else None,
                                p.atasan_id if answered else None,
                                wib(date(tahun + m // 12, m % 12 + 1, 2), 7 * 60),
                                1,
                            )

    return bulk.bulk_insert(
        conn,
        tabel(RealisasiBulanan),
        (
            "id",
            "indikator_id",
            "bulan",
            "realisasi",
            "sumber_data",
            "umpan_balik",
            "umpan_balik_oleh_id",
            "updated_at",
            "version_id",
        ),
        rows(),
    )


def rating_hasil_kerja(realisasi: Sequence[int], target: int) -> Rating:
    """The app's suggestion (:func:`~services.evaluasi.predikat.saran_dari`) for indikator that are
    all Utama with the same ``target`` over the period, from their ``realisasi``."""
    kelas = [(JenisRHK.UTAMA, kelas_capaian(Decimal(v), Decimal(target))) for v in realisasi]
    rating, _alasan = saran_dari(kelas)
    if rating is None:
        raise ValueError("rating_hasil_kerja needs at least one indikator")
    return rating


_PERILAKU_BY_TIER = (
    (Rating.SESUAI,) * 8 + (Rating.DI_BAWAH,) * 2,
    (Rating.DI_ATAS,) + (Rating.SESUAI,) * 9,
    (Rating.DI_ATAS,) * 5 + (Rating.SESUAI,) * 5,
)


def load_evaluasi(
    conn: Connection, org: Builder, ids: Ids, years: list[int], past: list[tuple[int, int]], seed: int
) -> int:
    """A Final Evaluasi Kinerja per SKP for each triwulan whose three months are all past and generated."""
    target = TARGET_TAHUNAN // 12
    final = StatusEvaluasi.FINAL.value

    def rows():
        n = 0
        for y, tahun in enumerate(years):
            months = [m for yy, m in past if yy == tahun]
            triwulan = [q for q in range(1, 5) if all(3 * q - k in months for k in range(3))]
            if not triwulan:
                continue
            for i, p in enumerate(org.pegawai):
                values = realisasi_values(seed, p, y, len(months))
                rng = random.Random(seed * 15_485_863 + p.id * 17 + y)
                for q in triwulan:
                    positions = [months.index(m) for m in range(3 * q - 2, 3 * q + 1)]
                    sums = [sum(v[k] for k in positions) for v in values]
                    hasil = rating_hasil_kerja(sums, 3 * target)
                    perilaku = rng.choice(_PERILAKU_BY_TIER[p.tier])
                    final_day = date(tahun + (3 * q) // 12, (3 * q) % 12 + 1, 4)
                    n += 1
                    yield (
                        n,
                        ids.plan(y, i),
                        f"TW{q}",
                        hasil.value,
                        perilaku.value,
                        MATRIKS_PREDIKAT[(hasil, perilaku)].value,
                        final,
                        p.atasan_id,
                        wib(final_day, 10 * 60),
                        wib(final_day, 10 * 60),
                        1,
                    )

    return bulk.bulk_insert(
        conn,
        tabel(EvaluasiKinerja),
        (
            "id",
            "skp_id",
            "periode_evaluasi",
            "rating_hasil_kerja",
            "rating_perilaku_kerja",
            "predikat",
            "status",
            "penilai_id",
            "finalized_at",
            "updated_at",
            "version_id",
        ),
        rows(),
    )
