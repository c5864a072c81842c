"""The plain data the Dasbor Capaian (:mod:`services.pimpinan.dasbor`) hands to pages, charts and the
export: units to choose, one bar's aggregate, the sebaran classes, the trend, the penilai still to
validate, the predikat counts, and the whole dasbor of one unit and month.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from db.enums import PredikatPegawai
from services.aktivitas.capaian import CapaianPegawai


@dataclass(frozen=True)
class UnitOpsi:
    id: int
    nama: str
    level: int
    induk_id: int | None = None


@dataclass(frozen=True)
class Agregat:
    """One bar: a unit's subtree (or the pegawai placed directly in the chosen unit, ``langsung``)."""

    unit_kerja_id: int
    nama: str
    langsung: bool
    ada_sub_unit: bool
    pegawai: int  # pegawai with hari kerja (counted)
    tanpa_hari_kerja: int  # pegawai without hari kerja (not counted)
    menit_efektif: int  # Σ efektif
    menit_dihitung: int  # Σ min(tervalidasi, efektif)
    capaian_persen: Decimal  # menit_dihitung ÷ menit_efektif
    rata_rata_persen: Decimal  # mean of the pegawai's %

    @property
    def label(self) -> str:
        return f"{self.nama} (langsung)" if self.langsung else self.nama


@dataclass(frozen=True)
class KelasCapaian:
    bawah: int
    atas: int
    jumlah: int

    @property
    def label(self) -> str:
        return f"{self.bawah}–{self.atas}"


@dataclass(frozen=True)
class TitikTren:
    bulan: int
    pegawai: int
    menit_efektif: int
    menit_dihitung: int
    capaian_persen: Decimal


@dataclass(frozen=True)
class PenilaiMenunggu:
    penilai_id: int | None
    nama: str
    unit_kerja: str
    bawahan: int  # bawahan with activities this month
    aktivitas: int  # their activities of the month, any status
    menunggu: int  # of which still Menunggu Validasi
    menit_menunggu: int
    persen_menunggu: Decimal


@dataclass(frozen=True)
class SebaranPredikat:
    kode: str  # TW1 … TAHUNAN, B01 …
    label: str  # Triwulan I, Tahunan, Maret
    jumlah: dict[PredikatPegawai, int]

    @property
    def total(self) -> int:
        return sum(self.jumlah.values())


@dataclass(frozen=True)
class RekapAktivitas:
    """One unit subtree's activities in one year: rows of
    (pegawai_id, bulan, menit tervalidasi, menit menunggu, jumlah aktivitas, jumlah menunggu)."""

    unit_kerja_id: int
    tahun: int
    baris: tuple[tuple[int, int, int, int, int, int], ...]


@dataclass(frozen=True)
class Dasbor:
    unit: UnitOpsi
    jalur: tuple[UnitOpsi, ...]  # from the top the actor may see down to ``unit``
    sub_unit: tuple[UnitOpsi, ...]  # direct children of ``unit``
    tahun: int
    bulan: int
    total: Agregat
    per_unit: tuple[Agregat, ...]  # direct sub-units (+ the pegawai placed directly in ``unit``)
    pegawai: tuple[CapaianPegawai, ...]  # everyone of the subtree, as capaian_bulanan lists them
    sebaran: tuple[KelasCapaian, ...]
    tren: tuple[TitikTren, ...]  # months of the year up to ``hari_ini``
    penilai: tuple[PenilaiMenunggu, ...]
    predikat: tuple[SebaranPredikat, ...]

    @property
    def dihitung(self) -> list[CapaianPegawai]:
        """The pegawai with hari kerja this month (the ones the averages count)."""
        return [p for p in self.pegawai if p.menit_efektif > 0]

    @property
    def aktivitas(self) -> int:
        return sum(p.aktivitas for p in self.penilai)

    @property
    def menunggu(self) -> int:
        return sum(p.menunggu for p in self.penilai)
