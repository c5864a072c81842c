"""Monitoring BKPSDM: who is missing a step of the cycle — no Periode SKP today, no SKP ditetapkan, no
activity this month, an indikator without target bulanan — per pegawai and per unit, in set-based SQL
(a handful of EXISTS subqueries, not a query per pegawai)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session

from db.enums import StatusSKP
from db.models import (
    SKP,
    AktivitasHarian,
    IndikatorKinerja,
    Pegawai,
    PeriodeSKP,
    RencanaHasilKerja,
    TargetBulanan,
    UnitKerja,
)
from services.organisasi.kepala_daerah import wajib_skp
from services.platform.access import Actor, require_pimpinan_of_unit
from services.platform.errors import TidakDitemukan
from services.platform.spreadsheet import xlsx_bytes

MASALAH = (
    "Belum ada Periode SKP",
    "SKP belum ditetapkan",
    "Belum ada aktivitas bulan ini",
    "Target bulanan belum dibuat",
)


@dataclass(frozen=True)
class BarisMonitoring:
    nip: str
    nama: str
    unit_kerja: str
    tanpa_periode: bool
    skp_belum_ditetapkan: bool
    tanpa_aktivitas: bool
    tanpa_target_bulanan: bool

    @property
    def masalah(self) -> list[str]:
        flags = (self.tanpa_periode, self.skp_belum_ditetapkan, self.tanpa_aktivitas, self.tanpa_target_bulanan)
        return [label for label, on in zip(MASALAH, flags) if on]


@dataclass(frozen=True)
class RingkasanUnit:
    unit_kerja: str
    pegawai: int
    tanpa_periode: int
    skp_belum_ditetapkan: int
    tanpa_aktivitas: int
    tanpa_target_bulanan: int


def pantau(session: Session, actor: Actor, unit_id: int, hari_ini: date) -> list[BarisMonitoring]:
    """Every pegawai in service today in the unit subtree with the four flags (admin, or pimpinan of the unit);
    one who has left (``tanggal_berhenti`` reached, docs/domain.md §8.31) is no longer "belum mengisi"."""
    require_pimpinan_of_unit(session, actor, unit_id)
    root = session.get(UnitKerja, unit_id)
    if root is None:
        raise TidakDitemukan("Unit kerja tidak ditemukan.")
    awal_bulan = hari_ini.replace(day=1)
    running = and_(
        PeriodeSKP.pegawai_id == Pegawai.id, PeriodeSKP.tanggal_mulai <= hari_ini, PeriodeSKP.tanggal_akhir >= hari_ini
    )
    ada_periode = exists().where(running)
    ditetapkan = exists().where(running, SKP.periode_id == PeriodeSKP.id, SKP.status == StatusSKP.DITETAPKAN)
    ada_aktivitas = exists().where(
        AktivitasHarian.pegawai_id == Pegawai.id,
        AktivitasHarian.tanggal >= awal_bulan,
        AktivitasHarian.tanggal <= hari_ini,
    )
    indikator_tanpa_target = exists().where(
        running,
        SKP.periode_id == PeriodeSKP.id,
        RencanaHasilKerja.skp_id == SKP.id,
        IndikatorKinerja.rhk_id == RencanaHasilKerja.id,
        ~exists().where(TargetBulanan.indikator_id == IndikatorKinerja.id),
    )
    query = (
        select(
            Pegawai.nip, Pegawai.nama, UnitKerja.nama, ada_periode, ditetapkan, ada_aktivitas, indikator_tanpa_target
        )
        .join(UnitKerja, Pegawai.unit_kerja_id == UnitKerja.id)
        .where(Pegawai.bertugas_pada(hari_ini), wajib_skp(), UnitKerja.path.startswith(root.path))
        .order_by(UnitKerja.nama, Pegawai.nama)
    )
    return [
        BarisMonitoring(nip, nama, unit, not periode, bool(periode) and not tetap, not aktivitas, bool(tanpa_target))
        for nip, nama, unit, periode, tetap, aktivitas, tanpa_target in session.execute(query)
    ]


def per_unit(rows: Sequence[BarisMonitoring]) -> list[RingkasanUnit]:
    """Counts per unit kerja of the rows of :func:`pantau`."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for row in rows:
        t = totals[row.unit_kerja]
        t[0] += 1
        for i, flag in enumerate(
            (row.tanpa_periode, row.skp_belum_ditetapkan, row.tanpa_aktivitas, row.tanpa_target_bulanan), start=1
        ):
            t[i] += flag
    return [RingkasanUnit(unit, *counts) for unit, counts in sorted(totals.items())]


def ekspor_xlsx(rows: Sequence[BarisMonitoring]) -> bytes:
    """Two sheets: counts per unit, and the pegawai with at least one problem."""
    return xlsx_bytes(
        {
            "Per Unit": (
                ["Unit Kerja", "Pegawai", *MASALAH],
                [
                    (
                        u.unit_kerja,
                        u.pegawai,
                        u.tanpa_periode,
                        u.skp_belum_ditetapkan,
                        u.tanpa_aktivitas,
                        u.tanpa_target_bulanan,
                    )
                    for u in per_unit(rows)
                ],
            ),
            "Per Pegawai": (
                ["NIP", "Nama", "Unit Kerja", "Masalah"],
                [(r.nip, r.nama, r.unit_kerja, "; ".join(r.masalah)) for r in rows if r.masalah],
            ),
        }
    )
