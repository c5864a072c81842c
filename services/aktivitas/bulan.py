"""When a month of Aktivitas Harian closes (docs/domain.md §3.10): entries and validation for month M stay open
through day ``hari_tutup_bulan`` of M+1 (that day included); afterwards only an admin reopens the month
(``PembukaanBulan``, for one pegawai or for everyone, until a date). A month closed by Tutup Bulan
(docs/domain.md §8.27) stays closed whatever the date or a reopening says, until its close is reopened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select
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
    today = today or hari_ini()
    batas = batas_entri(session, tahun, bulan)
    tutup = arsip_bulan.penutupan(session, tahun, bulan)
    if tutup is not None:  # paid from its snapshot: no entry or validation, not even through Buka Bulan
        return StatusBulan(False, batas, None, tutup.keterangan)
    if today <= batas:
        return StatusBulan(True, batas)
    dibuka = session.scalar(
        select(PembukaanBulan.dibuka_sampai)
        .where(
            PembukaanBulan.tahun == tahun,
            PembukaanBulan.bulan == bulan,
            PembukaanBulan.dibuka_sampai >= today,
            or_(PembukaanBulan.pegawai_id.is_(None), PembukaanBulan.pegawai_id == pegawai_id),
        )
        .order_by(PembukaanBulan.dibuka_sampai.desc())
        .limit(1)
    )
    return StatusBulan(dibuka is not None, batas, dibuka)


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
