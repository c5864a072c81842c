"""Reminders and digests (docs/domain.md §8.36): the in-app notifications, one row per delivery attempt-set
(claimed before sending, so two overlapping runs send at most once), the runs of ``sipijar kirim-pengingat``
and each pegawai's opt-outs per channel."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.enums import KanalPengingat, StatusPengiriman
from db.models.base import Base, BigId, Timestamp, label_enum, utcnow


class Notifikasi(Base):
    """One notice in a pegawai's list in the app; ``dibaca`` stays empty until they read it."""

    __tablename__ = "notifikasi"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id", ondelete="CASCADE"))
    jenis: Mapped[str] = mapped_column(String(40))
    judul: Mapped[str] = mapped_column(String(300))
    teks: Mapped[str] = mapped_column(Text)
    tautan: Mapped[str] = mapped_column(String(2000))
    dibuat: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    dibaca: Mapped[datetime | None] = mapped_column(Timestamp())

    __table_args__ = (Index("ix_notifikasi_pegawai_dibaca", "pegawai_id", "dibaca"),)


class PengirimanPengingat(Base):
    """One message to one pegawai on one channel. The unique key is the idempotency: a run inserts (claims) the
    row before it sends, so a second run or a replica finds it and sends nothing."""

    __tablename__ = "pengiriman_pengingat"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id", ondelete="CASCADE"))
    jenis: Mapped[str] = mapped_column(String(40))
    kunci: Mapped[str] = mapped_column(String(100))  # the day, the ISO week, the month or the items' digest
    kanal: Mapped[KanalPengingat] = mapped_column(label_enum(KanalPengingat, "kanal_pengingat"))
    status: Mapped[StatusPengiriman] = mapped_column(label_enum(StatusPengiriman, "status_pengiriman"))
    judul: Mapped[str] = mapped_column(String(300))
    alamat: Mapped[str | None] = mapped_column(String(2000))  # e-mail address or webhook URL at the time
    isi: Mapped[str] = mapped_column(Text)  # the message as JSON, to send it again on a retry
    percobaan: Mapped[int] = mapped_column(Integer, default=0)
    diklaim: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    coba_lagi: Mapped[datetime | None] = mapped_column(Timestamp())  # next retry of a failed one; none: given up
    terkirim: Mapped[datetime | None] = mapped_column(Timestamp())
    galat: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("pegawai_id", "jenis", "kunci", "kanal"),
        Index("ix_pengiriman_pengingat_status", "status", "coba_lagi"),
    )


class RunPengingat(Base):
    """One run of ``sipijar kirim-pengingat`` (or the admin's), with its counts; ``selesai`` empty: it crashed
    or is still running."""

    __tablename__ = "run_pengingat"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    mulai: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    selesai: Mapped[datetime | None] = mapped_column(Timestamp())
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False)
    terkirim: Mapped[int] = mapped_column(Integer, default=0)
    gagal: Mapped[int] = mapped_column(Integer, default=0)
    dilewati: Mapped[int] = mapped_column(Integer, default=0)  # already sent, opted out, or outside working hours
    oleh: Mapped[str] = mapped_column(String(200))


class BerhentiPengingat(Base):
    """A pegawai's opt-out of one channel."""

    __tablename__ = "berhenti_pengingat"

    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id", ondelete="CASCADE"), primary_key=True)
    kanal: Mapped[KanalPengingat] = mapped_column(label_enum(KanalPengingat, "kanal_pengingat"), primary_key=True)
