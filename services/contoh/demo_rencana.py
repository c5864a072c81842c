"""The demo's plans: per pegawai and year a Periode SKP (with its snapshot), the SKP with its 7 Perilaku
Kerja rows, and the Perjanjian Kinerja or cascaded RHK with indikator, target bulanan and Matriks Peran
Hasil cells — in the varied states :class:`services.contoh.demo_data.Peg` asks for in the running year.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from db.enums import Aspek, JenisRHK, StatusSKP
from db.models import (
    SKP,
    IndikatorKinerja,
    IndikatorPerjanjianKinerja,
    Pegawai,
    PeranHasil,
    PerilakuKerja,
    PeriodeSKP,
    PerjanjianKinerja,
    PolaPenugasan,
    RencanaHasilKerja,
    TargetBulanan,
)
from services.contoh.demo_data import AKTIVITAS_PIMPINAN, CATATAN_DIKEMBALIKAN, EKSPEKTASI, Ind, Peg, depth
from services.contoh.waktu import wib
from services.organisasi.berakhlak import BERAKHLAK
from services.organisasi.periode import default_range

#: The SKP state of the running year, by :attr:`Peg.skp`; anything else is ditetapkan.
_STATUS = {
    "diajukan": StatusSKP.DIAJUKAN,
    "dikembalikan": StatusSKP.DIKEMBALIKAN,
    "draft": StatusSKP.DRAFT,
    "draft_kosong": StatusSKP.DRAFT,
}


@dataclass
class Plan:
    """What one pegawai's SKP of one year holds, for the activities and realisasi."""

    periode_id: int
    skp: SKP
    rhk: list[tuple[RencanaHasilKerja, list[IndikatorKinerja], tuple[tuple[str, str], ...]]]


def dec(value: float | int) -> Decimal:
    return Decimal(str(value))


def _split(target: int, months: int = 12) -> list[int]:
    """Whole units spread evenly over the months; they add up to ``target`` exactly."""
    return [(target * m) // months - (target * (m - 1)) // months for m in range(1, months + 1)]


def build_plan(
    session: Session,
    rng: random.Random,
    p: Peg,
    people: dict[str, Pegawai],
    tahun: int,
    today: date | None,
    pola: list[PolaPenugasan],
    plans: dict[tuple[str, int], Plan],
) -> Plan:
    """Periode (with snapshot), SKP with 7 perilaku rows, PK / RHK / indikator / target bulanan.

    ``today`` is given for the running year only: its SKP get the varied states; earlier years are
    all ditetapkan."""
    pegawai = people[p.key]
    mulai, akhir = default_range(tahun)
    periode = PeriodeSKP(
        pegawai_id=pegawai.id,
        tahun=tahun,
        tanggal_mulai=mulai,
        tanggal_akhir=akhir,
        jabatan=pegawai.jabatan,
        jenis_jabatan=pegawai.jenis_jabatan,
        pimpinan_unit_kerja_mandiri=pegawai.pimpinan_unit_kerja_mandiri,
        pangkat_golongan=pegawai.pangkat_golongan,
        unit_kerja_id=pegawai.unit_kerja_id,
        unit_kerja_nama=pegawai.unit_kerja.nama,
        penilai_id=pegawai.atasan_id,
    )
    session.add(periode)
    session.flush()

    status = StatusSKP.DITETAPKAN if today is None else _STATUS.get(p.skp, StatusSKP.DITETAPKAN)
    latest = today - timedelta(days=1) if today is not None else akhir
    level = depth(p.key)
    diajukan_day = max(mulai, min(date(tahun, 1, 5 + 2 * level), latest))
    ditetapkan_day = max(mulai, min(diajukan_day + timedelta(days=2), latest))
    skp = SKP(periode_id=periode.id, pegawai_id=pegawai.id, status=status)
    skp.perilaku = [PerilakuKerja(nomor=n.nomor) for n in BERAKHLAK]
    if status in (StatusSKP.DIAJUKAN, StatusSKP.DITETAPKAN, StatusSKP.DIKEMBALIKAN):
        skp.diajukan_at = wib(diajukan_day, 10 * 60 + 15 * level)
    if status == StatusSKP.DITETAPKAN:
        skp.ditetapkan_at = wib(ditetapkan_day, 9 * 60 + 30 + 20 * level)
        skp.ditetapkan_oleh_id = pegawai.atasan_id
    if status == StatusSKP.DIKEMBALIKAN:
        skp.catatan_atasan = CATATAN_DIKEMBALIKAN
    session.add(skp)
    session.flush()

    # Ekspektasi khusus from the atasan for about half of the bawahan.
    if pegawai.atasan_id is not None and rng.random() < 0.55:
        for row in skp.perilaku:
            row.ekspektasi_khusus = EKSPEKTASI[row.nomor - 1]
            row.updated_at = wib(diajukan_day, 8 * 60)

    with_target_bulanan = not (today is not None and p.skp == "draft")
    if p.pk:
        return _plan_perjanjian(session, p, periode.id, skp, pola, with_target_bulanan)
    if p.atasan is None:
        raise ValueError(f"demo pegawai {p.key!r} has neither a Perjanjian Kinerja nor an atasan to cascade from")
    return _plan_cascaded(
        session,
        p,
        pegawai,
        Plan(periode.id, skp, []),
        plans[(p.atasan, tahun)],
        pola,
        with_target_bulanan,
        created_at=wib(max(mulai, diajukan_day - timedelta(days=1)), 14 * 60),
        rhk_diambil=not (today is not None and p.skp == "draft_kosong"),
    )


def _plan_perjanjian(
    session: Session, p: Peg, periode_id: int, skp: SKP, pola: list[PolaPenugasan], with_target_bulanan: bool
) -> Plan:
    """A JPT / pimpinan unit kerja mandiri: one RHK per Sasaran Strategis of the Perjanjian Kinerja."""
    plan = Plan(periode_id, skp, [])
    for pk in p.pk:
        perjanjian = PerjanjianKinerja(periode_id=periode_id, sasaran_strategis=pk.sasaran, perspektif=pk.perspektif)
        perjanjian.indikator = [
            IndikatorPerjanjianKinerja(indikator=i.teks, target=dec(i.target), satuan=i.satuan) for i in pk.indikator
        ]
        session.add(perjanjian)
        rhk = RencanaHasilKerja(
            skp=skp, teks=pk.sasaran, jenis=JenisRHK.UTAMA, perspektif=pk.perspektif, perjanjian=perjanjian
        )
        indikator = [_indikator(rhk, i, pola, with_target_bulanan) for i in pk.indikator]
        session.add(rhk)
        plan.rhk.append((rhk, indikator, AKTIVITAS_PIMPINAN[pk.perspektif]))
    session.flush()
    return plan


def _plan_cascaded(
    session: Session,
    p: Peg,
    pegawai: Pegawai,
    plan: Plan,
    atasan_plan: Plan,
    pola: list[PolaPenugasan],
    with_target_bulanan: bool,
    created_at: datetime,
    rhk_diambil: bool,
) -> Plan:
    """Everyone else: the atasan fills a Matriks Peran Hasil cell per RHK; unless ``rhk_diambil`` is off
    (the pegawai has not taken them yet), the pegawai's RHK cascade the atasan's."""
    peran: list[PeranHasil] = []
    for spec in p.rhk:
        rhk_atasan = atasan_plan.rhk[spec.intervensi % len(atasan_plan.rhk)][0]
        cell = PeranHasil(rhk_atasan_id=rhk_atasan.id, bawahan_id=pegawai.id, teks=spec.teks, created_at=created_at)
        peran.append(cell)
        if not rhk_diambil:
            continue
        rhk = RencanaHasilKerja(skp=plan.skp, teks=spec.teks, jenis=spec.jenis, rhk_atasan_id=rhk_atasan.id)
        indikator = [_indikator(rhk, i, pola, with_target_bulanan) for i in spec.indikator]
        session.add(rhk)
        plan.rhk.append((rhk, indikator, spec.aktivitas))
    session.add_all(peran)
    session.flush()
    for cell, (rhk, _ind, _akt) in zip(peran, plan.rhk):
        cell.rhk_bawahan_id = rhk.id
    return plan


def _indikator(
    rhk: RencanaHasilKerja, spec: Ind, pola: list[PolaPenugasan], with_target_bulanan: bool
) -> IndikatorKinerja:
    indikator = IndikatorKinerja(
        teks=spec.teks, aspek=spec.aspek, target=dec(spec.target), satuan=spec.satuan, pola_penugasan=pola[spec.pola]
    )
    if with_target_bulanan:
        if spec.aspek == Aspek.KUANTITAS:
            values = [dec(v) for v in _split(int(spec.target))]
        else:
            values = [dec(spec.target)] * 12
        indikator.target_bulanan = [TargetBulanan(bulan=m, target=v) for m, v in enumerate(values, start=1)]
    rhk.indikator.append(indikator)
    return indikator
