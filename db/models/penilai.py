"""Every change of a period's penilai (docs/domain.md §8.3): the ones a pegawai made within the rule, and the
requests for anyone else, which take effect only when an admin approves. The previous and the new penilai
read them here. And the Plt/Plh who hold a pejabat's penilai rights for the dates of an SK (§8.30)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import JenisPenugasan, StatusPerubahanPenilai
from db.models.base import Base, Timestamp, label_enum, utcnow
from db.models.organisasi import Pegawai, UnitKerja
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


class PenugasanPlt(Base):
    """A Plt or Plh: ``pegawai_id`` holds the penilai rights of the post of ``pejabat_id`` (its definitive
    holder, absent or gone) or of the head of ``unit_kerja_id``, from ``tanggal_mulai`` to ``tanggal_akhir``
    inclusive, by SK ``nomor_sk``. A revoked assignment (``dicabut``) grants nothing and is kept for the audit."""

    __tablename__ = "penugasan_plt"

    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    jenis: Mapped[JenisPenugasan] = mapped_column(label_enum(JenisPenugasan, "jenis_penugasan"))
    pejabat_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    unit_kerja_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    tanggal_mulai: Mapped[date] = mapped_column(Date)
    tanggal_akhir: Mapped[date] = mapped_column(Date)
    nomor_sk: Mapped[str] = mapped_column(String(100))
    dicabut: Mapped[bool] = mapped_column(Boolean, default=False)
    dibuat_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)

    pegawai: Mapped[Pegawai] = relationship(foreign_keys=[pegawai_id])
    pejabat: Mapped[Pegawai | None] = relationship(foreign_keys=[pejabat_id])
    unit_kerja: Mapped[UnitKerja | None] = relationship()

    __table_args__ = (
        CheckConstraint("tanggal_akhir >= tanggal_mulai", name="rentang_berurutan"),
        CheckConstraint("pejabat_id IS NULL OR pejabat_id <> pegawai_id", name="bukan_diri_sendiri"),
        CheckConstraint("pejabat_id IS NOT NULL OR unit_kerja_id IS NOT NULL", name="ada_yang_diwakili"),
        CheckConstraint("length(nomor_sk) > 0", name="nomor_sk_tidak_kosong"),
    )
