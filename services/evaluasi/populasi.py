"""Who is counted for an evaluation period (docs/domain.md §8.16): each pegawai once, on the Periode SKP that
holds the end of the evaluation period, in the Kurva Distribusi of the nearest leader above them whose unit has
its own Predikat Kinerja Organisasi (SE MenPANRB 3/2023, PermenPANRB 6/2022).

* **Tanggal penentu**: the last day of the evaluation period's last month (31 March for Triwulan I, 31 December
  for Tahunan). The **periode penentu** of a pegawai is their Periode SKP of that year that holds the date, or,
  when none does (their last period ended earlier), the last one that started before it. A Kepala Daerah and a
  pegawai out of service on that date (``tanggal_berhenti`` ≤ the date) have none.
* **Atasan chain**: the periode penentu's penilai (the period's snapshot), then that penilai's own periode
  penentu's penilai (their live ``atasan_id`` when they have no period), and so on.
* **The curve of a unit**: the pegawai whose chain reaches its leader before any leader of another unit with
  its own predikat. The leader is the pegawai of the unit whose periode penentu (or live record, without one)
  leads it (:func:`services.evaluasi.predikat.memimpin`); they are never in their own unit's curve, only in
  the curve above them.

Everything is read in a few queries and worked out in Python, so a whole kabupaten costs the same as a unit.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import JenisJabatan
from db.models import Pegawai, PeriodeSKP, PredikatKinerjaOrganisasi
from services.evaluasi.periode_evaluasi import BULAN_PERIODE
from services.evaluasi.predikat import memimpin


def tanggal_penentu(tahun: int, kode: str) -> date:
    """The last day of the evaluation period (its last month's last day)."""
    bulan = BULAN_PERIODE[kode][-1]
    return date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])


def pilih_periode(rows: Iterable[PeriodeSKP], tanggal: date) -> dict[int, PeriodeSKP]:
    """Per pegawai, the period holding ``tanggal`` or else the latest that started before it."""
    chosen: dict[int, PeriodeSKP] = {}
    for p in rows:
        if p.tanggal_mulai > tanggal:
            continue
        now = chosen.get(p.pegawai_id)
        if now is None or p.tanggal_mulai > now.tanggal_mulai:
            chosen[p.pegawai_id] = p
    return chosen


class Fakta(NamedTuple):
    """A pegawai's live record, as far as the population needs it."""

    unit_kerja_id: int
    atasan_id: int | None
    is_pimpinan: bool
    is_kepala_daerah: bool
    tanggal_berhenti: date | None
    jenis_jabatan: JenisJabatan
    pimpinan_unit_kerja_mandiri: bool

    @property
    def penilai_id(self) -> int | None:
        return self.atasan_id

    @property
    def plans_like_jpt(self) -> bool:
        return self.jenis_jabatan == JenisJabatan.JPT or self.pimpinan_unit_kerja_mandiri


@dataclass
class Tahun:
    """The year's periods and the pegawai facts the population needs, read once."""

    periode: list[PeriodeSKP]
    pegawai: dict[int, Fakta]

    @classmethod
    def baca(cls, session: Session, tahun: int) -> Tahun:
        periode = list(session.scalars(select(PeriodeSKP).where(PeriodeSKP.tahun == tahun)))
        pegawai = {
            row[0]: Fakta(*row[1:])
            for row in session.execute(
                select(
                    Pegawai.id,
                    Pegawai.unit_kerja_id,
                    Pegawai.atasan_id,
                    Pegawai.is_pimpinan,
                    Pegawai.is_kepala_daerah,
                    Pegawai.tanggal_berhenti,
                    Pegawai.jenis_jabatan,
                    Pegawai.pimpinan_unit_kerja_mandiri,
                )
            ).all()
        }
        return cls(periode, pegawai)

    def penentu(self, tanggal: date) -> dict[int, PeriodeSKP]:
        """Periode penentu per pegawai on ``tanggal``: Kepala Daerah and pegawai out of service left out."""
        result = {}
        for pegawai_id, periode in pilih_periode(self.periode, tanggal).items():
            fakta = self.pegawai[pegawai_id]
            if not fakta.is_kepala_daerah and (fakta.tanggal_berhenti is None or fakta.tanggal_berhenti > tanggal):
                result[pegawai_id] = periode
        return result

    def pemimpin(self, pegawai_id: int, jabatan: PeriodeSKP | Fakta) -> bool:
        penilai = self.pegawai.get(jabatan.penilai_id) if jabatan.penilai_id else None
        unit_penilai = penilai.unit_kerja_id if penilai else None
        return memimpin(jabatan, self.pegawai[pegawai_id].is_pimpinan, unit_penilai, struktural=True)


def _kurva_dari(tahun: Tahun, penentu: dict[int, PeriodeSKP], unit_berpredikat: set[int]) -> dict[int, int]:
    """pegawai id → the unit (with its own predikat) whose curve holds them."""
    jabatan: dict[int, PeriodeSKP | Fakta] = {**tahun.pegawai, **penentu}  # no period: the live record
    leader_of = {
        pid: j.unit_kerja_id
        for pid, j in jabatan.items()
        if j.unit_kerja_id in unit_berpredikat and tahun.pemimpin(pid, j)
    }

    def atasan(pid: int) -> int | None:
        p = penentu.get(pid)
        if p is not None:
            return p.penilai_id
        fakta = tahun.pegawai.get(pid)
        return fakta.atasan_id if fakta else None

    result = {}
    for pid in penentu:
        seen = {pid}
        up = atasan(pid)
        while up is not None and up not in seen:
            if up in leader_of:
                result[pid] = leader_of[up]
                break
            seen.add(up)
            up = atasan(up)
    return result


def anggota_kurva(session: Session, unit_id: int, tahun: int, kode: str) -> list[PeriodeSKP]:
    """The periode penentu of every pegawai in the Kurva Distribusi of ``unit_id`` (the unit counts as
    having its own predikat even before one is set, so its curve can be read in advance)."""
    data = Tahun.baca(session, tahun)
    penentu = data.penentu(tanggal_penentu(tahun, kode))
    units = set(
        session.scalars(
            select(PredikatKinerjaOrganisasi.unit_kerja_id).where(
                PredikatKinerjaOrganisasi.tahun == tahun, PredikatKinerjaOrganisasi.periode_evaluasi == kode
            )
        )
    ) | {unit_id}
    kurva_of = _kurva_dari(data, penentu, units)
    return [penentu[pid] for pid, unit in kurva_of.items() if unit == unit_id]
