"""Umpan Balik Berkelanjutan (realisasi with bukti dukung, feedback on perilaku) and Evaluasi Kinerja
(ratings, predikat, the organisation's predikat for the kurva distribusi)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import PredikatOrganisasi, PredikatPegawai, Rating, StatusEvaluasi
from db.models.base import Base, Timestamp, label_enum, utcnow
from db.models.perencanaan import SKP, IndikatorKinerja, PerilakuKerja


class RealisasiBulanan(Base):
    """Per indikator and month: the pegawai's realisasi and sumber data, the atasan's umpan balik."""

    __tablename__ = "realisasi_bulanan"

    id: Mapped[int] = mapped_column(primary_key=True)
    indikator_id: Mapped[int] = mapped_column(ForeignKey("indikator_kinerja.id", ondelete="CASCADE"))
    bulan: Mapped[int] = mapped_column(Integer)
    realisasi: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))
    sumber_data: Mapped[str | None] = mapped_column(Text)
    umpan_balik: Mapped[str | None] = mapped_column(Text)
    umpan_balik_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    updated_at: Mapped[datetime | None] = mapped_column(Timestamp())
    version_id: Mapped[int] = mapped_column(Integer, default=1)

    indikator: Mapped[IndikatorKinerja] = relationship()
    bukti_dukung: Mapped[list[BuktiDukung]] = relationship(
        back_populates="realisasi", cascade="all, delete-orphan", order_by="BuktiDukung.id"
    )

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (
        UniqueConstraint("indikator_id", "bulan"),
        CheckConstraint("bulan BETWEEN 1 AND 12", name="bulan_1_12"),
    )


class BuktiDukung(Base):
    """One http/https link supporting a realisasi."""

    __tablename__ = "bukti_dukung"

    id: Mapped[int] = mapped_column(primary_key=True)
    realisasi_id: Mapped[int] = mapped_column(ForeignKey("realisasi_bulanan.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2000))

    realisasi: Mapped[RealisasiBulanan] = relationship(back_populates="bukti_dukung")


class UmpanBalikPerilaku(Base):
    """The atasan's feedback on one BerAKHLAK value of a bawahan, for one evaluation period."""

    __tablename__ = "umpan_balik_perilaku"

    id: Mapped[int] = mapped_column(primary_key=True)
    perilaku_id: Mapped[int] = mapped_column(ForeignKey("perilaku_kerja.id", ondelete="CASCADE"))
    periode_evaluasi: Mapped[str] = mapped_column(String(10))
    teks: Mapped[str] = mapped_column(Text)
    oleh_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    updated_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)

    perilaku: Mapped[PerilakuKerja] = relationship()

    __table_args__ = (UniqueConstraint("perilaku_id", "periode_evaluasi"),)


class EvaluasiKinerja(Base):
    """The atasan's rating of one SKP for one evaluation period (TW1..TW4, TAHUNAN, or B01..B12)."""

    __tablename__ = "evaluasi_kinerja"

    id: Mapped[int] = mapped_column(primary_key=True)
    skp_id: Mapped[int] = mapped_column(ForeignKey("skp.id", ondelete="CASCADE"))
    periode_evaluasi: Mapped[str] = mapped_column(String(10))
    rating_hasil_kerja: Mapped[Rating | None] = mapped_column(label_enum(Rating, "rating_hasil_kerja"))
    rating_perilaku_kerja: Mapped[Rating | None] = mapped_column(label_enum(Rating, "rating_perilaku_kerja"))
    predikat: Mapped[PredikatPegawai | None] = mapped_column(label_enum(PredikatPegawai, "predikat_pegawai"))
    status: Mapped[StatusEvaluasi] = mapped_column(
        label_enum(StatusEvaluasi, "status_evaluasi"), default=StatusEvaluasi.DRAFT
    )
    catatan: Mapped[str | None] = mapped_column(Text)
    penilai_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    finalized_at: Mapped[datetime | None] = mapped_column(Timestamp())
    updated_at: Mapped[datetime | None] = mapped_column(Timestamp())
    version_id: Mapped[int] = mapped_column(Integer, default=1)

    skp: Mapped[SKP] = relationship()

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (UniqueConstraint("skp_id", "periode_evaluasi"),)


class PredikatKinerjaOrganisasi(Base):
    """The organisation's (unit's) predikat for a period, which decides its kurva distribusi."""

    __tablename__ = "predikat_organisasi"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_kerja_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"))
    tahun: Mapped[int] = mapped_column(Integer)
    periode_evaluasi: Mapped[str] = mapped_column(String(10))
    predikat: Mapped[PredikatOrganisasi] = mapped_column(label_enum(PredikatOrganisasi, "predikat_organisasi"))
    ditetapkan_oleh_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    updated_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    #: The basis of the penetapan (docs/domain.md §8.35): the capaian of the leader's Perjanjian Kinerja, its
    #: indikator as text, and the number of the penetapan document.
    capaian_persen: Mapped[Decimal | None] = mapped_column(Numeric(9, 2))
    dasar: Mapped[str | None] = mapped_column(Text)
    nomor: Mapped[str | None] = mapped_column(String(100))

    __table_args__ = (UniqueConstraint("unit_kerja_id", "tahun", "periode_evaluasi"),)


class RealisasiPerjanjianKinerja(Base):
    """The year's realisasi of one indikator of a Perjanjian Kinerja, entered by the pimpinan above or an admin
    for the Penetapan Predikat Kinerja Organisasi (docs/domain.md §8.35)."""

    __tablename__ = "realisasi_perjanjian_kinerja"

    id: Mapped[int] = mapped_column(primary_key=True)
    indikator_pk_id: Mapped[int] = mapped_column(
        ForeignKey("indikator_perjanjian_kinerja.id", ondelete="CASCADE"), unique=True
    )
    realisasi: Mapped[Decimal] = mapped_column(Numeric(18, 4))
    dicatat_oleh_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    updated_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)

    __table_args__ = (CheckConstraint("realisasi >= 0", name="realisasi_tidak_negatif"),)
