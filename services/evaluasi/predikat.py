"""The official tables of Evaluasi Kinerja (PermenPANRB 6/2022) and the suggested Rating Hasil Kerja.

Predikat Kinerja Pegawai follows from (Rating Hasil Kerja, Rating Perilaku Kerja) by :data:`MATRIKS_PREDIKAT`.

Suggested Rating Hasil Kerja (the atasan decides; :func:`saran_dari`):

* per indikator, over the months of the evaluation period that lie in the Periode SKP:
  Kuantitas — Σ realisasi ÷ Σ target bulanan; other aspects (percentages, not cumulative) — the latest
  filled month's realisasi ÷ that month's target bulanan (the yearly target when no target bulanan).
  A month without realisasi counts as 0. An indikator whose target for the period is 0 is left out;
* the indikator is **di atas** when realisasi > target (ratio > 100 %), **sesuai** when realisasi =
  target (exactly 100 %), **di bawah** when realisasi < target — compared exactly, not after rounding;
* "most" means more than half of the counted indikator:
  Di Atas Ekspektasi — more than half di atas and no Utama indikator di bawah;
  otherwise Di Bawah Ekspektasi — more than half di bawah;
  otherwise Sesuai Ekspektasi (all or most meet or exceed);
  no suggestion when no indikator has a target in the period.

The leader of a unit (:func:`pemimpin_unit`) takes the organisation's result as their Rating Hasil
Kerja when a Predikat Kinerja Organisasi is set for their unit and the period (:data:`RATING_PEMIMPIN`):
Istimewa → Di Atas, Baik → Sesuai, Butuh Perbaikan / Kurang / Sangat Kurang → Di Bawah Ekspektasi.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from db.enums import Aspek, JenisJabatan, JenisRHK, PredikatOrganisasi, PredikatPegawai, Rating
from db.models import (
    SKP,
    Pegawai,
    PeriodeSKP,
    PredikatKinerjaOrganisasi,
    TargetBulanan,
)
from services.evaluasi.realisasi import indikator_skp, jumlah_realisasi, realisasi_terakhir

A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH

#: Predikat Kinerja Pegawai from (Rating Hasil Kerja, Rating Perilaku Kerja) — PermenPANRB 6/2022.
MATRIKS_PREDIKAT: dict[tuple[Rating, Rating], PredikatPegawai] = {
    (A, A): PredikatPegawai.SANGAT_BAIK,
    (A, S): PredikatPegawai.BAIK,
    (A, B): PredikatPegawai.KURANG,
    (S, A): PredikatPegawai.BAIK,
    (S, S): PredikatPegawai.BAIK,
    (S, B): PredikatPegawai.KURANG,
    (B, A): PredikatPegawai.BUTUH_PERBAIKAN,
    (B, S): PredikatPegawai.BUTUH_PERBAIKAN,
    (B, B): PredikatPegawai.SANGAT_KURANG,
}


def predikat(hasil_kerja: Rating | None, perilaku: Rating | None) -> PredikatPegawai | None:
    if hasil_kerja is None or perilaku is None:
        return None
    return MATRIKS_PREDIKAT[(Rating(hasil_kerja), Rating(perilaku))]


#: The organisation's result as the unit leader's Rating Hasil Kerja.
RATING_PEMIMPIN: dict[PredikatOrganisasi, Rating] = {
    PredikatOrganisasi.ISTIMEWA: A,
    PredikatOrganisasi.BAIK: S,
    PredikatOrganisasi.BUTUH_PERBAIKAN: B,
    PredikatOrganisasi.KURANG: B,
    PredikatOrganisasi.SANGAT_KURANG: B,
}

PANDUAN_RATING_HASIL_KERJA: dict[Rating, str] = {
    A: "Seluruh atau sebagian besar hasil kerja melampaui ekspektasi dan tidak ada hasil kerja utama "
    "yang di bawah ekspektasi.",
    S: "Seluruh atau sebagian besar hasil kerja memenuhi ekspektasi.",
    B: "Seluruh atau sebagian besar hasil kerja di bawah ekspektasi.",
}


DI_ATAS_TARGET, SESUAI_TARGET, DI_BAWAH_TARGET = "di atas", "sesuai", "di bawah"


def kelas_capaian(realisasi: Decimal, target: Decimal) -> str:
    """Exact comparison: > target di atas, = target sesuai, < target di bawah (target > 0)."""
    if realisasi > target:
        return DI_ATAS_TARGET
    return SESUAI_TARGET if realisasi == target else DI_BAWAH_TARGET


@dataclass(frozen=True)
class CapaianIndikator:
    indikator_id: int
    rhk: str
    indikator: str
    jenis: JenisRHK
    satuan: str
    target: Decimal
    realisasi: Decimal
    kelas: str | None  # None: no target in the period

    @property
    def persen(self) -> Decimal | None:
        return capaian(self.realisasi, self.target)


@dataclass(frozen=True)
class SaranRating:
    rating: Rating | None
    alasan: str
    indikator: list[CapaianIndikator] = field(default_factory=list)


def capaian(realisasi: Decimal | None, target: Decimal | None) -> Decimal | None:
    """realisasi ÷ target × 100, 2 decimals half-up; None when there is no realisasi or target is 0."""
    if realisasi is None or target is None or target == 0:
        return None
    return (Decimal(realisasi) * 100 / Decimal(target)).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")


def saran_dari(items: Sequence[tuple[JenisRHK, str | None]]) -> tuple[Rating | None, str]:
    """The suggestion from (jenis RHK, kelas) per indikator; kelas None means no target (left out)."""
    counted = [(jenis, kelas) for jenis, kelas in items if kelas is not None]
    n = len(counted)
    if n == 0:
        return None, "Belum ada indikator dengan target pada periode ini."
    atas = sum(1 for _, k in counted if k == DI_ATAS_TARGET)
    sesuai = sum(1 for _, k in counted if k == SESUAI_TARGET)
    bawah = n - atas - sesuai
    utama_bawah = sum(1 for j, k in counted if k == DI_BAWAH_TARGET and j == JenisRHK.UTAMA)
    ringkas = f"{atas} di atas target, {sesuai} sesuai target, {bawah} di bawah target dari {n} indikator"
    if 2 * atas > n and utama_bawah == 0:
        return A, f"{ringkas}; sebagian besar melampaui target dan tidak ada hasil kerja utama di bawah target."
    if 2 * bawah > n:
        return B, f"{ringkas}; sebagian besar di bawah target."
    tambahan = f" Ada {utama_bawah} indikator hasil kerja utama di bawah target." if 2 * atas > n else ""
    return S, f"{ringkas}; sebagian besar memenuhi target.{tambahan}"


def capaian_periode(session: Session, skp: SKP, bulan: Sequence[int]) -> list[CapaianIndikator]:
    """Per indikator of the SKP: realisasi and target over ``bulan`` (see the module docstring)."""
    indikator = indikator_skp(session, skp.id)
    ids = [i.id for i in indikator]
    bulan = list(bulan)
    sums = jumlah_realisasi(session, ids, bulan)
    target_sums = (
        dict(
            session.execute(
                select(TargetBulanan.indikator_id, func.sum(TargetBulanan.target))
                .where(TargetBulanan.indikator_id.in_(ids), TargetBulanan.bulan.in_(bulan))
                .group_by(TargetBulanan.indikator_id)
            ).all()
        )
        if ids
        else {}
    )
    latest = realisasi_terakhir(session, ids, bulan)
    result = []
    for ind in indikator:
        if ind.aspek == Aspek.KUANTITAS:
            target = Decimal(target_sums.get(ind.id) or 0) if ind.target_bulanan else Decimal(ind.target)
            realisasi = Decimal(sums.get(ind.id) or 0)
        else:
            month, value = latest.get(ind.id, (bulan[-1] if bulan else 0, Decimal(0)))  # 0: no month, the yearly target
            per_bulan = {t.bulan: t.target for t in ind.target_bulanan}
            target = Decimal(per_bulan.get(month, ind.target))
            realisasi = value
        kelas = kelas_capaian(realisasi, target) if target > 0 else None
        result.append(
            CapaianIndikator(ind.id, ind.rhk.teks, ind.teks, ind.rhk.jenis, ind.satuan, target, realisasi, kelas)
        )
    return result


def saran_rating(session: Session, skp: SKP, bulan: Sequence[int]) -> SaranRating:
    items = capaian_periode(session, skp, bulan)
    rating, alasan = saran_dari([(i.jenis, i.kelas) for i in items])
    return SaranRating(rating, alasan, items)


#: Jabatan that lead a unit of their own when its penilai sits outside it (Kepala Bidang, Kepala Subbidang …).
STRUKTURAL = (JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS)


class Jabatan(Protocol):
    """What decides leadership: a Periode SKP's snapshot, or a pegawai's live record without one."""

    @property
    def plans_like_jpt(self) -> bool: ...
    @property
    def jenis_jabatan(self) -> JenisJabatan: ...
    @property
    def penilai_id(self) -> int | None: ...
    @property
    def unit_kerja_id(self) -> int: ...


def memimpin(periode: Jabatan, is_pimpinan: bool, unit_penilai: int | None, struktural: bool = False) -> bool:
    """The pegawai of the period leads its unit: a pimpinan (flag), JPT or pimpinan unit kerja mandiri — and,
    with ``struktural``, an Administrator or Pengawas — whose penilai is outside that unit (or who has none)."""
    jabatan = periode.plans_like_jpt or is_pimpinan or (struktural and periode.jenis_jabatan in STRUKTURAL)
    return jabatan and (periode.penilai_id is None or unit_penilai != periode.unit_kerja_id)


def pemimpin_unit(session: Session, periode: PeriodeSKP, struktural: bool = False) -> bool:
    """:func:`memimpin` for one period, read from the database."""
    pegawai = session.get(Pegawai, periode.pegawai_id)
    unit_penilai = (
        session.scalar(select(Pegawai.unit_kerja_id).where(Pegawai.id == periode.penilai_id))
        if periode.penilai_id is not None
        else None
    )
    return memimpin(periode, pegawai is not None and pegawai.is_pimpinan, unit_penilai, struktural)


def periode_memimpin(session: Session, *syarat: ColumnElement[bool], struktural: bool = False) -> list[PeriodeSKP]:
    """The periods meeting ``syarat`` whose pegawai leads the unit (:func:`memimpin`), the latest end first: one
    query for all of them, not two per period as :func:`pemimpin_unit` would make."""
    penilai = aliased(Pegawai)
    rows = session.execute(
        select(PeriodeSKP, Pegawai.is_pimpinan, penilai.unit_kerja_id)
        .outerjoin(Pegawai, Pegawai.id == PeriodeSKP.pegawai_id)
        .outerjoin(penilai, penilai.id == PeriodeSKP.penilai_id)
        .where(*syarat)
        .order_by(PeriodeSKP.tanggal_akhir.desc())
    ).all()
    return [p for p, is_pimpinan, unit_penilai in rows if memimpin(p, bool(is_pimpinan), unit_penilai, struktural)]


def predikat_organisasi(session: Session, unit_kerja_id: int, tahun: int, kode: str) -> PredikatOrganisasi | None:
    return session.scalar(
        select(PredikatKinerjaOrganisasi.predikat).where(
            PredikatKinerjaOrganisasi.unit_kerja_id == unit_kerja_id,
            PredikatKinerjaOrganisasi.tahun == tahun,
            PredikatKinerjaOrganisasi.periode_evaluasi == kode,
        )
    )
