"""The Dasbor Capaian's arithmetic on plain :class:`~services.aktivitas.capaian.CapaianPegawai` rows
(docs/domain.md §4 applied to a group; see :mod:`services.pimpinan.dasbor`): a group's capaian unit and
rata-rata, the sebaran in classes of 10 points, and who is under the threshold.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from services.aktivitas import capaian
from services.aktivitas.capaian import CapaianPegawai
from services.pimpinan.dasbor_model import Agregat, KelasCapaian

#: The default threshold of the "di bawah batas" list, in percent.
BATAS_DEFAULT = 80
KELAS = tuple((b, b + 10) for b in range(0, 100, 10))


def _rata_rata(nilai: list[Decimal]) -> Decimal:
    if not nilai:
        return Decimal("0.00")
    return (sum(nilai, Decimal(0)) / len(nilai)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def agregat(
    unit_kerja_id: int, nama: str, rows: Iterable[CapaianPegawai], langsung: bool = False, ada_sub_unit: bool = False
) -> Agregat:
    """A group's capaian: Σ min(tervalidasi, efektif) ÷ Σ efektif, and the mean of the pegawai's %."""
    rows = list(rows)
    counted = [r for r in rows if r.menit_efektif > 0]
    efektif = sum(r.menit_efektif for r in counted)
    dihitung = sum(min(r.menit_tervalidasi, r.menit_efektif) for r in counted)
    return Agregat(
        unit_kerja_id,
        nama,
        langsung,
        ada_sub_unit,
        len(counted),
        len(rows) - len(counted),
        efektif,
        dihitung,
        capaian.persen(dihitung, efektif),
        _rata_rata([r.capaian_persen for r in counted]),
    )


def sebaran(rows: Iterable[CapaianPegawai]) -> tuple[KelasCapaian, ...]:
    """Counts per class of 10 points of the shown capaian % (pegawai with hari kerja only)."""
    counts = [0] * len(KELAS)
    for r in rows:
        if r.menit_efektif > 0:
            counts[min(int(r.capaian_persen // 10), len(KELAS) - 1)] += 1
    return tuple(KelasCapaian(b, a, n) for (b, a), n in zip(KELAS, counts))


def di_bawah_batas(rows: Iterable[CapaianPegawai], batas: int | float | Decimal) -> list[CapaianPegawai]:
    """The pegawai (with hari kerja) whose capaian % is below ``batas``, lowest first."""
    batas = Decimal(str(batas))
    return sorted(
        (r for r in rows if r.menit_efektif > 0 and r.capaian_persen < batas),
        key=lambda r: (r.capaian_persen, r.nama, r.nip),
    )
