"""The synthetic plans: per pegawai and year a Periode SKP, a ditetapkan SKP with Perilaku Kerja,
Perjanjian Kinerja (JPT) or cascaded RHK with Matriks Peran Hasil, indikator and target bulanan,
all numbered in advance (:class:`Ids`) so children name their parents without round trips.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import Connection

from db import bulk
from db.bulk import tabel
from db.enums import Aspek, JenisRHK, StatusSKP
from db.models import (
    SKP,
    IndikatorKinerja,
    IndikatorPerjanjianKinerja,
    PeranHasil,
    PerilakuKerja,
    PeriodeSKP,
    PerjanjianKinerja,
    RencanaHasilKerja,
    TargetBulanan,
)
from services.contoh.demo_data import EKSPEKTASI
from services.contoh.sintetis_kosakata import (
    INDIKATOR_PER_RHK,
    PENUGASAN_BUPATI,
    PERSPEKTIF,
    RHK_BAWAHAN,
    RHK_PER_SKP,
    SASARAN_JPT,
    TARGET_TAHUNAN,
    J,
)
from services.contoh.sintetis_organisasi import Builder
from services.contoh.waktu import wib
from services.organisasi.periode import SNAPSHOT_FIELDS


class Ids:
    """Id arithmetic for plan k = year_index * n_pegawai + pegawai_index (0-based)."""

    def __init__(self, n_pegawai: int, n_jpt_before: list[int]):
        self.n = n_pegawai
        self.jpt_before = n_jpt_before  # per pegawai index: how many JPT precede it (for PK ids)
        self.n_jpt = n_jpt_before[-1] if n_jpt_before else 0

    def plan(self, y: int, i: int) -> int:  # periode_skp.id == skp.id
        return y * self.n + i + 1

    def rhk(self, y: int, i: int, r: int) -> int:
        return (y * self.n + i) * RHK_PER_SKP + r + 1

    def indikator(self, y: int, i: int, r: int, j: int) -> int:
        return ((y * self.n + i) * RHK_PER_SKP + r) * INDIKATOR_PER_RHK + j + 1

    def perjanjian(self, y: int, i: int, r: int) -> int:
        return (y * self.n_jpt + self.jpt_before[i]) * RHK_PER_SKP + r + 1


def load_plans(
    conn: Connection, org: Builder, ids: Ids, years: list[int], pola_ids: list[int], rng: random.Random
) -> dict[str, int]:
    """Periode SKP, SKP, perilaku, Perjanjian Kinerja (JPT), RHK, Matriks Peran Hasil, indikator and
    target bulanan of every pegawai and year."""
    people = org.pegawai
    ekspektasi = [rng.random() < 0.5 for _ in people]
    tb_per_ind = 12
    kuantitas, utama = Aspek.KUANTITAS.value, JenisRHK.UTAMA.value
    ditetapkan = StatusSKP.DITETAPKAN.value

    def plan_rows():
        for y, tahun in enumerate(years):
            for i, p in enumerate(people):
                yield y, tahun, i, p

    def periode():
        for y, tahun, i, p in plan_rows():
            yield (
                ids.plan(y, i),
                p.id,
                tahun,
                date(tahun, 1, 1),
                date(tahun, 12, 31),
                p.jabatan,
                p.jenis.value,
                False,
                p.pangkat,
                p.unit.id,
                p.unit.nama,
                p.atasan_id,
                wib(date(tahun, 1, 2), 8 * 60),
            )

    def skp():
        for y, tahun, i, p in plan_rows():
            diajukan = date(tahun, 1, 5 + 2 * p.depth)
            yield (
                ids.plan(y, i),
                ids.plan(y, i),
                p.id,
                ditetapkan,
                wib(diajukan, 10 * 60),
                wib(diajukan + timedelta(days=2), 9 * 60),
                p.atasan_id,
                1,
            )

    def perilaku():
        for y, tahun, i, p in plan_rows():
            base = (ids.plan(y, i) - 1) * 7
            isi = ekspektasi[i] and p.atasan_id is not None
            when = wib(date(tahun, 1, 4 + 2 * p.depth), 8 * 60) if isi else None
            for n in range(7):
                yield base + n + 1, ids.plan(y, i), n + 1, EKSPEKTASI[n] if isi else None, when

    def jpt_plans():
        for y, tahun, i, p in plan_rows():
            if p.jenis == J.JPT:
                yield y, tahun, i, p

    def perjanjian():
        for y, tahun, i, p in jpt_plans():
            for r in range(RHK_PER_SKP):
                sasaran = f"{SASARAN_JPT[r][0].format(unit=p.unit.nama)} {PENUGASAN_BUPATI}"
                yield (
                    ids.perjanjian(y, i, r),
                    ids.plan(y, i),
                    sasaran,
                    PERSPEKTIF[r].value,
                    wib(date(tahun, 1, 3), 9 * 60),
                )

    def indikator_pk():
        for y, _tahun, i, p in jpt_plans():
            for r in range(RHK_PER_SKP):
                for j in range(INDIKATOR_PER_RHK):
                    pk = ids.perjanjian(y, i, r)
                    yield (
                        (pk - 1) * INDIKATOR_PER_RHK + j + 1,
                        pk,
                        SASARAN_JPT[r][1][j].format(unit=p.unit.nama),
                        TARGET_TAHUNAN,
                        "Dokumen",
                    )

    def rhk():
        for y, _tahun, i, p in plan_rows():
            for r in range(RHK_PER_SKP):
                if p.jenis == J.JPT:
                    teks = f"{SASARAN_JPT[r][0].format(unit=p.unit.nama)} {PENUGASAN_BUPATI}"
                    yield (
                        ids.rhk(y, i, r),
                        ids.plan(y, i),
                        teks,
                        utama,
                        PERSPEKTIF[r].value,
                        ids.perjanjian(y, i, r),
                        None,
                    )
                else:
                    teks = f"{RHK_BAWAHAN[p.rhk_template[r]][0]} pada {p.unit.nama}"
                    yield (ids.rhk(y, i, r), ids.plan(y, i), teks, utama, None, None, ids.rhk(y, p.atasan_id - 1, r))

    def peran():
        n = 0
        for y, tahun, i, p in plan_rows():
            if p.jenis == J.JPT:
                continue
            for r in range(RHK_PER_SKP):
                n += 1
                yield (
                    n,
                    ids.rhk(y, p.atasan_id - 1, r),
                    p.id,
                    f"{RHK_BAWAHAN[p.rhk_template[r]][0]} pada {p.unit.nama}",
                    ids.rhk(y, i, r),
                    wib(date(tahun, 1, 4 + 2 * p.depth), 14 * 60),
                )

    def indikator():
        for y, _tahun, i, p in plan_rows():
            for r in range(RHK_PER_SKP):
                for j in range(INDIKATOR_PER_RHK):
                    if p.jenis == J.JPT:
                        teks, satuan = SASARAN_JPT[r][1][j].format(unit=p.unit.nama), "Dokumen"
                    else:
                        teks, satuan = RHK_BAWAHAN[p.rhk_template[r]][1][j]
                    yield (
                        ids.indikator(y, i, r, j),
                        ids.rhk(y, i, r),
                        teks,
                        kuantitas,
                        TARGET_TAHUNAN,
                        satuan,
                        pola_ids[(i + r) % len(pola_ids)],
                    )

    def target_bulanan():
        per_month = TARGET_TAHUNAN // tb_per_ind
        for y, _tahun, i, _p in plan_rows():
            for r in range(RHK_PER_SKP):
                for j in range(INDIKATOR_PER_RHK):
                    ind = ids.indikator(y, i, r, j)
                    base = (ind - 1) * tb_per_ind
                    for m in range(1, tb_per_ind + 1):
                        yield base + m, ind, m, per_month

    counts = {}
    counts["periode"] = bulk.bulk_insert(
        conn,
        tabel(PeriodeSKP),
        (
            "id",
            "pegawai_id",
            "tahun",
            "tanggal_mulai",
            "tanggal_akhir",
            *SNAPSHOT_FIELDS,
            "created_at",
        ),
        periode(),
    )
    counts["skp"] = bulk.bulk_insert(
        conn,
        tabel(SKP),
        (
            "id",
            "periode_id",
            "pegawai_id",
            "status",
            "diajukan_at",
            "ditetapkan_at",
            "ditetapkan_oleh_id",
            "version_id",
        ),
        skp(),
    )
    counts["perilaku"] = bulk.bulk_insert(
        conn, tabel(PerilakuKerja), ("id", "skp_id", "nomor", "ekspektasi_khusus", "updated_at"), perilaku()
    )
    bulk.bulk_insert(
        conn,
        tabel(PerjanjianKinerja),
        ("id", "periode_id", "sasaran_strategis", "perspektif", "created_at"),
        perjanjian(),
    )
    bulk.bulk_insert(
        conn,
        tabel(IndikatorPerjanjianKinerja),
        ("id", "perjanjian_id", "indikator", "target", "satuan"),
        indikator_pk(),
    )
    counts["rhk"] = bulk.bulk_insert(
        conn,
        tabel(RencanaHasilKerja),
        ("id", "skp_id", "teks", "jenis", "perspektif", "perjanjian_id", "rhk_atasan_id"),
        rhk(),
    )
    bulk.bulk_insert(
        conn,
        tabel(PeranHasil),
        ("id", "rhk_atasan_id", "bawahan_id", "teks", "rhk_bawahan_id", "created_at"),
        peran(),
    )
    counts["indikator"] = bulk.bulk_insert(
        conn,
        tabel(IndikatorKinerja),
        ("id", "rhk_id", "teks", "aspek", "target", "satuan", "pola_penugasan_id"),
        indikator(),
    )
    counts["target_bulanan"] = bulk.bulk_insert(
        conn, tabel(TargetBulanan), ("id", "indikator_id", "bulan", "target"), target_bulanan()
    )
    return counts
