"""System tables: admin-editable settings and the append-only audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, BigId, Timestamp, utcnow


class Setting(Base):
    """One admin-editable setting, stored as JSON text; defaults live in services.platform.settings."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))


class AuditLog(Base):
    """Who did what, when, before → after. UPDATE and DELETE are refused by database triggers."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    waktu: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    actor_nip: Mapped[str | None] = mapped_column(String(18))
    operator: Mapped[str | None] = mapped_column(String(100))  # who ran the ``sipijar`` command, when no pegawai did
    aksi: Mapped[str] = mapped_column(String(100))
    entitas: Mapped[str] = mapped_column(String(100))
    entitas_id: Mapped[str | None] = mapped_column(String(100))
    sebelum: Mapped[str | None] = mapped_column(Text)
    sesudah: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_audit_log_entitas", "entitas", "entitas_id"),
        Index("ix_audit_log_waktu", "waktu"),
        Index("ix_audit_log_actor", "actor_id"),
    )
