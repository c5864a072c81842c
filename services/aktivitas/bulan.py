"""When a month of Aktivitas Harian closes (docs/domain.md §3.10): entries and validation for month M stay open
through day ``hari_tutup_bulan`` of M+1 (that day included); afterwards only an admin reopens the month
(``PembukaanBulan``, for one pegawai or for everyone, until a date). A month closed by Tutup Bulan
(docs/domain.md §8.27) stays closed whatever the date or a reopening says, until its close is reopened."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from db.models import PembukaanBulan
from services.aktivitas import arsip_bulan
from services.platform import format as fmt
from services.platform import settings
from services.platform.errors import ValidationError
from services.platform.kalender import bulan_range, hari_ini


@dataclass(frozen=True)
class StatusBulan:
    terbuka: bool
    batas: date  # last day entries for the month are open without a reopening
    dibuka_sampai: date | None = None  # the admin's reopening that keeps it open, if any
    ditutup: str | None = None  # "Bulan ditutup pada … oleh …" while Tutup Bulan holds the month

    @property
    def terbuka_sampai(self) -> date:
        """The last day the month takes entries: the reopening's end when there is one, else the closing day."""
        return self.dibuka_sampai or self.batas


def batas_entri(session: Session, tahun: int, bulan: int) -> date:
    """The last day entries and validation for the month are open: day ``hari_tutup_bulan`` of M+1."""
    _first, last = bulan_range(tahun, bulan)
    nxt = last + timedelta(days=1)
    return date(nxt.year, nxt.month, settings.ambil(session, "hari_tutup_bulan"))


def status_bulan(session: Session, pegawai_id: int, tahun: int, bulan: int, today: date | None = None) -> StatusBulan:
    """Whether the pegawai's month still takes entries and validation (closing day, or reopened)."""
    return status_bulan_banyak(session, {pegawai_id: (tahun, bulan)}, today)[pegawai_id]


def status_bulan_banyak(
    session: Session, bulan_pegawai: Mapping[int, tuple[int, int]], today: date | None = None
) -> dict[int, StatusBulan]:
    """:func:`status_bulan` of many pegawai, each for one month (Pilih Pegawai's list: the month of each bawahan's
    oldest waiting row): every month's closing day and Tutup Bulan read once, the reopenings in one query."""
    today = today or hari_ini()
    per_bulan = {
        tb: (batas_entri(session, *tb), arsip_bulan.penutupan(session, *tb)) for tb in set(bulan_pegawai.values())
    }
    lewat = [tb for tb, (batas, tutup) in per_bulan.items() if tutup is None and today > batas]
    dibuka: dict[tuple[int, int, int | None], date] = {}  # the latest reopening per month and pegawai (None: all)
    if lewat:
        for tahun, bulan, pegawai_id, sampai in session.execute(
            select(
                PembukaanBulan.tahun, PembukaanBulan.bulan, PembukaanBulan.pegawai_id, PembukaanBulan.dibuka_sampai
            ).where(
                PembukaanBulan.dibuka_sampai >= today,
                or_(*(and_(PembukaanBulan.tahun == t, PembukaanBulan.bulan == b) for t, b in lewat)),
                or_(PembukaanBulan.pegawai_id.is_(None), PembukaanBulan.pegawai_id.in_(list(bulan_pegawai))),
            )
        ):
            kunci = (tahun, bulan, pegawai_id)
            dibuka[kunci] = max(sampai, dibuka.get(kunci, sampai))
    hasil = {}
    for pegawai_id, (tahun, bulan) in bulan_pegawai.items():
        batas, tutup = per_bulan[(tahun, bulan)]
        if tutup is not None:  # paid from its snapshot: no entry or validation, not even through Buka Bulan
            hasil[pegawai_id] = StatusBulan(False, batas, None, tutup.keterangan)
        elif today <= batas:
            hasil[pegawai_id] = StatusBulan(True, batas)
        else:
            hingga = [d for d in (dibuka.get((tahun, bulan, pegawai_id)), dibuka.get((tahun, bulan, None))) if d]
            hasil[pegawai_id] = StatusBulan(bool(hingga), batas, max(hingga) if hingga else None)
    return hasil


def pastikan_bulan_terbuka(
    session: Session, pegawai_id: int, tanggal: date, today: date | None = None, tindakan: str = "Entri"
) -> None:
    status = status_bulan(session, pegawai_id, tanggal.year, tanggal.month, today)
    if status.ditutup:
        raise ValidationError(
            f"{tindakan} aktivitas bulan {fmt.bulan_tahun(tanggal.year, tanggal.month)} tidak dapat dilakukan: "
            f"{status.ditutup[0].lower()}{status.ditutup[1:]} (Tutup Bulan). Perubahan hanya setelah Admin BKPSDM "
            "membuka kembali Tutup Bulan tersebut."
        )
    if not status.terbuka:
        raise ValidationError(
            f"{tindakan} aktivitas bulan {fmt.bulan_tahun(tanggal.year, tanggal.month)} sudah ditutup "
            f"(batas {fmt.tanggal(status.batas)}). Hubungi Admin BKPSDM untuk membuka kembali bulan tersebut."
        )
