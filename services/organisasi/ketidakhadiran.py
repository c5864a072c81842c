"""Ketidakhadiran: cuti, sakit, dinas luar, tugas belajar and izin per pegawai and date range (docs/domain.md
§7, §8.25). The kinds named by the setting ``ketidakhadiran_mengurangi`` take their days out of the pegawai's
hari kerja, and so out of menit efektif (services/aktivitas/capaian.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from db.models import Ketidakhadiran
from services.platform import settings


def hari_tidak_hadir(
    session: Session, mulai: date, akhir: date, pegawai_ids: Iterable[int] | Select | None = None
) -> dict[int, set[date]]:
    """The dates from ``mulai`` to ``akhir`` on which each pegawai (all, or those named: ids or a SELECT of
    ids) is absent for a kind that reduces hari kerja. Weekends and hari libur are included as recorded;
    callers intersect with their hari kerja."""
    mengurangi = settings.ambil(session, "ketidakhadiran_mengurangi")
    if not mengurangi:
        return {}
    k = Ketidakhadiran
    query = select(k.pegawai_id, k.tanggal_mulai, k.tanggal_akhir).where(
        k.jenis.in_(mengurangi), k.tanggal_mulai <= akhir, k.tanggal_akhir >= mulai
    )
    if pegawai_ids is not None:
        query = query.where(k.pegawai_id.in_(pegawai_ids if isinstance(pegawai_ids, Select) else list(pegawai_ids)))
    hasil: dict[int, set[date]] = defaultdict(set)
    for pid, dari, sampai in session.execute(query):
        hari = max(dari, mulai)
        while hari <= min(sampai, akhir):
            hasil[pid].add(hari)
            hari += timedelta(days=1)
    return dict(hasil)
