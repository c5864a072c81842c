"""Every change of a period's penilai (docs/domain.md §8.3): the ones a pegawai made within the rule, and the
requests for anyone else, which take effect only when an admin approves. The previous and the new penilai
read them here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import StatusPerubahanPenilai
from db.models.base import Base, Timestamp, label_enum, utcnow
from db.models.organisasi import Pegawai
from db.models.perencanaan import PeriodeSKP


class PerubahanPenilai(Base):
    """One change (or request for a change) of the penilai of one Periode SKP."""

    __tablename__ = "perubahan_penilai"

    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = mapped_column(ForeignKey("periode_skp.id", ondelete="CASCADE"), index=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    penilai_lama_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    penilai_baru_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    status: Mapped[StatusPerubahanPenilai] = mapped_column(
        label_enum(StatusPerubahanPenilai, "status_perubahan_penilai")
    )
    alasan: Mapped[str | None] = mapped_column(String(500))
    catatan_admin: Mapped[str | None] = mapped_column(String(500))
    diajukan_pada: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    diputuskan_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    diputuskan_pada: Mapped[datetime | None] = mapped_column(Timestamp())

    periode: Mapped[PeriodeSKP] = relationship()
    pegawai: Mapped[Pegawai] = relationship(foreign_keys=[pegawai_id])
    penilai_lama: Mapped[Pegawai | None] = relationship(foreign_keys=[penilai_lama_id])
    penilai_baru: Mapped[Pegawai] = relationship(foreign_keys=[penilai_baru_id])

    __table_args__ = (CheckConstraint("penilai_baru_id <> pegawai_id", name="bukan_penilai_sendiri"),)


Index("ix_perubahan_penilai_status", PerubahanPenilai.status)
