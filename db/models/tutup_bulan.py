"""Tutup Bulan: the admin's closing of a month and its frozen snapshot per pegawai (docs/domain.md §8.27).

A month may be closed, reopened (with a reason) and closed again; every close is a new ``versi`` and keeps its
own snapshot rows, so the earlier figures stay readable for comparison. Snapshot rows are never updated."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Timestamp, utcnow


class TutupBulan(Base):
    """One close of month (tahun, bulan), version ``versi``; open again once ``dibuka_pada`` is set. The
    settings the figures were computed with are kept so documents of the month explain them unchanged."""

    __tablename__ = "tutup_bulan"

    id: Mapped[int] = mapped_column(primary_key=True)
    tahun: Mapped[int] = mapped_column(Integer)
    bulan: Mapped[int] = mapped_column(Integer)
    versi: Mapped[int] = mapped_column(Integer)
    ditutup_pada: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    ditutup_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    ditutup_oleh: Mapped[str] = mapped_column(String(200))  # the admin's nama, or "Operator <user>"
    menit_per_hari: Mapped[int] = mapped_column(Integer)
    bobot_produktivitas_persen: Mapped[int] = mapped_column(Integer)
    dibuka_pada: Mapped[datetime | None] = mapped_column(Timestamp())
    dibuka_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    dibuka_oleh: Mapped[str | None] = mapped_column(String(200))
    alasan_buka: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("tahun", "bulan", "versi"),
        CheckConstraint("bulan BETWEEN 1 AND 12", name="bulan_1_12"),
        CheckConstraint("versi >= 1", name="versi_positif"),
        CheckConstraint("(dibuka_pada IS NULL) = (alasan_buka IS NULL)", name="buka_dengan_alasan"),
    )


class ArsipBulan(Base):
    """One pegawai's frozen month in one version of the close: the figures of
    services.aktivitas.capaian.CapaianPegawai and who they were (jabatan, unit, unit induk/OPD, atasan)."""

    __tablename__ = "arsip_bulan"

    tutup_bulan_id: Mapped[int] = mapped_column(ForeignKey("tutup_bulan.id"), primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), primary_key=True)
    nip: Mapped[str] = mapped_column(String(18))
    nama: Mapped[str] = mapped_column(String(200))
    jabatan: Mapped[str] = mapped_column(String(300))
    unit_kerja_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"))
    unit_kerja: Mapped[str] = mapped_column(String(200))
    unit_induk_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"))
    unit_induk: Mapped[str] = mapped_column(String(200))
    atasan_nip: Mapped[str | None] = mapped_column(String(18))
    atasan_nama: Mapped[str | None] = mapped_column(String(200))
    hari_kerja: Mapped[int] = mapped_column(Integer)
    menit_efektif: Mapped[int] = mapped_column(Integer)
    menit_tervalidasi: Mapped[int] = mapped_column(Integer)
    menit_menunggu: Mapped[int] = mapped_column(Integer)
    capaian_persen: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    tpp_pokok: Mapped[int] = mapped_column(Integer)
    tpp_produktivitas: Mapped[int] = mapped_column(Integer)
    rincian_pokok: Mapped[str | None] = mapped_column(Text)  # JSON [[mulai, akhir, pokok, hari kerja], …] when split

    __table_args__ = (
        Index("ix_arsip_bulan_unit_induk", "tutup_bulan_id", "unit_induk_id"),
        {"sqlite_with_rowid": False},
    )
