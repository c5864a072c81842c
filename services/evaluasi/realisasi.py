"""The indikator of an SKP and their realisasi bulanan, read in bulk for the capaian of Umpan Balik and the
suggested rating of Evaluasi Kinerja: the sum over some months (Kuantitas adds up) and the latest filled
month (other aspects are percentages, which do not add up). A month without a realisasi is skipped. Also the
month's validated output volumes of Aktivitas Harian per indikator, the realisasi the form suggests (§8.37)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, contains_eager, selectinload

from db.enums import StatusAktivitas
from db.models import AktivitasHarian, IndikatorKinerja, RealisasiBulanan, RencanaHasilKerja
from services.platform.kalender import bulan_range


def indikator_skp(session: Session, skp_id: int) -> list[IndikatorKinerja]:
    """The SKP's indikator in the order of its RHK and their own, with their RHK and target bulanan (both callers
    read them for every indikator: loaded here in two queries, not one or two per indikator)."""
    return list(
        session.scalars(
            select(IndikatorKinerja)
            .join(RencanaHasilKerja)
            .where(RencanaHasilKerja.skp_id == skp_id)
            .options(contains_eager(IndikatorKinerja.rhk), selectinload(IndikatorKinerja.target_bulanan))
            .order_by(RencanaHasilKerja.id, IndikatorKinerja.id)
        )
    )


def jumlah_realisasi(session: Session, indikator_ids: Sequence[int], bulan: Sequence[int]) -> dict[int, Decimal | None]:
    """Per indikator: Σ realisasi over ``bulan`` (None when every one of those months is empty)."""
    if not indikator_ids:
        return {}
    return dict(
        session.execute(
            select(RealisasiBulanan.indikator_id, func.sum(RealisasiBulanan.realisasi))
            .where(RealisasiBulanan.indikator_id.in_(indikator_ids), RealisasiBulanan.bulan.in_(bulan))
            .group_by(RealisasiBulanan.indikator_id)
        ).all()
    )


def realisasi_terakhir(
    session: Session, indikator_ids: Sequence[int], bulan: Sequence[int]
) -> dict[int, tuple[int, Decimal]]:
    """Per indikator: the latest of ``bulan`` with a realisasi, and that realisasi."""
    latest: dict[int, tuple[int, Decimal]] = {}
    if not indikator_ids:
        return latest
    for ind_id, b, value in session.execute(
        select(RealisasiBulanan.indikator_id, RealisasiBulanan.bulan, RealisasiBulanan.realisasi).where(
            RealisasiBulanan.indikator_id.in_(indikator_ids), RealisasiBulanan.bulan.in_(bulan)
        )
    ):
        if value is not None and (ind_id not in latest or b > latest[ind_id][0]):
            latest[ind_id] = (b, value)
    return latest


def volume_tervalidasi(session: Session, indikator_ids: Sequence[int], tahun: int, bulan: int) -> dict[int, Decimal]:
    """Per indikator: Σ output volume of the month's Tervalidasi Aktivitas Harian linked to it (absent when none)."""
    if not indikator_ids:
        return {}
    mulai, akhir = bulan_range(tahun, bulan)
    a = AktivitasHarian
    rows = session.execute(
        select(a.indikator_id, func.sum(a.volume))
        .where(
            a.indikator_id.in_(indikator_ids),
            a.status == StatusAktivitas.TERVALIDASI,
            a.tanggal >= mulai,
            a.tanggal <= akhir,
        )
        .group_by(a.indikator_id)
    )
    return {ind_id: volume for ind_id, volume in rows if ind_id is not None}
