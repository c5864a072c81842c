"""TPP pokok with effective dates (docs/domain.md §8.26): the pokok of a pegawai on a date is the ``jumlah`` of
their row with the latest ``berlaku_mulai`` on or before it (none: Rp0). ``pegawai.tpp_pokok`` mirrors the
latest row, for lists; the money reads this table."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.enums import SumberTppPokok
from db.models.base import Base, Timestamp, label_enum, utcnow


class TppPokokRiwayat(Base):
    """One pokok of one pegawai from ``berlaku_mulai`` until the next row's date."""

    __tablename__ = "tpp_pokok_riwayat"

    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    berlaku_mulai: Mapped[date] = mapped_column(Date)
    jumlah: Mapped[int] = mapped_column(Integer)
    sumber: Mapped[SumberTppPokok] = mapped_column(label_enum(SumberTppPokok, "sumber_tpp_pokok"))
    keterangan: Mapped[str | None] = mapped_column(String(300))
    dibuat_pada: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)

    __table_args__ = (
        UniqueConstraint("pegawai_id", "berlaku_mulai"),
        CheckConstraint("jumlah >= 0", name="jumlah_tidak_negatif"),
    )
