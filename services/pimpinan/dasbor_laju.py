"""Which month the Dasbor Capaian opens on, and the pace of the running month (docs/domain.md §8.40).

A leader reads the last finished month: on the 2nd of a month the running one has two days of activities and
every pegawai is "below 80 %", which says nothing. The running month stays one click away, read against the
time gone by: its capaian counts the whole month's menit efektif, so on day 10 of 21 working days a unit on
pace stands near 48 %, not 100 %."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from services.platform import kalender


def bulan_awal(today: date) -> tuple[int, int]:
    """The month the Dasbor opens on: the last finished month (December of last year in January)."""
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


@dataclass(frozen=True)
class Laju:
    """The running month so far: working days gone by (today included) of the month's, and the capaian
    against that share (on pace when the capaian is at least the share of working days gone by)."""

    hari_kerja_berlalu: int
    hari_kerja_bulan: int
    capaian_persen: Decimal

    @property
    def persen_waktu(self) -> Decimal:
        if self.hari_kerja_bulan == 0:
            return Decimal("0.00")
        return (Decimal(100 * self.hari_kerja_berlalu) / self.hari_kerja_bulan).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )

    @property
    def sesuai_laju(self) -> bool:
        return self.capaian_persen >= self.persen_waktu


def laju(session: Session, tahun: int, bulan: int, today: date, capaian_persen: Decimal) -> Laju | None:
    """The pace of (``tahun``, ``bulan``) when it is the running month; None for any other month."""
    if (tahun, bulan) != (today.year, today.month):
        return None
    awal, akhir = kalender.bulan_range(tahun, bulan)
    semua = kalender.hari_kerja(session, awal, akhir)
    return Laju(sum(1 for d in semua if d <= today), len(semua), capaian_persen)
