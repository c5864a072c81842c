"""The calendar of a real month beyond hari libur: each year's confirmation by the admin, and the days a
pegawai is absent (cuti, sakit, dinas luar, tugas belajar, izin)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.enums import JenisKetidakhadiran
from db.models.base import Base, Timestamp, label_enum, utcnow


class KalenderTahun(Base):
    """One year of the calendar: when its hari libur were filled from the ``holidays`` package (so an admin's
    removals are never re-seeded) and when, and by whom, the admin confirmed it."""

    __tablename__ = "kalender_tahun"

    tahun: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    diisi_pada: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    dikonfirmasi_pada: Mapped[datetime | None] = mapped_column(Timestamp())
    dikonfirmasi_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))

    __table_args__ = (CheckConstraint("tahun BETWEEN 2000 AND 2100", name="tahun_wajar"),)


class Ketidakhadiran(Base):
    """A pegawai's absence from ``tanggal_mulai`` to ``tanggal_akhir`` inclusive; one pegawai's records never
    overlap (checked in services/organisasi/ketidakhadiran.py)."""

    __tablename__ = "ketidakhadiran"

    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    jenis: Mapped[JenisKetidakhadiran] = mapped_column(label_enum(JenisKetidakhadiran, "jenis_ketidakhadiran"))
    tanggal_mulai: Mapped[date] = mapped_column(Date)
    tanggal_akhir: Mapped[date] = mapped_column(Date)
    keterangan: Mapped[str | None] = mapped_column(String(300))
    dibuat_pada: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    version_id: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (
        CheckConstraint("tanggal_akhir >= tanggal_mulai", name="rentang_urut"),
        Index("ix_ketidakhadiran_pegawai_tanggal", "pegawai_id", "tanggal_mulai"),
        Index("ix_ketidakhadiran_tanggal", "tanggal_mulai", "tanggal_akhir"),
    )
