"""Planning: Periode SKP, Perjanjian Kinerja, SKP with RHK, indikator, target bulanan, Matriks Peran
Hasil and the Perilaku Kerja rows with the atasan's ekspektasi."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import Aspek, JenisJabatan, JenisRHK, Perspektif, StatusSKP
from db.models.base import Base, Timestamp, label_enum, utcnow
from db.models.organisasi import Pegawai, UnitKerja

Angka = Numeric(18, 4)


class PeriodeSKP(Base):
    """One SKP period of one pegawai, with a snapshot of jabatan, unit and penilai at that time."""

    __tablename__ = "periode_skp"

    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    tahun: Mapped[int] = mapped_column(Integer)
    tanggal_mulai: Mapped[date] = mapped_column(Date)
    tanggal_akhir: Mapped[date] = mapped_column(Date)
    jabatan: Mapped[str] = mapped_column(String(300))
    jenis_jabatan: Mapped[JenisJabatan] = mapped_column(label_enum(JenisJabatan, "jenis_jabatan"))
    pimpinan_unit_kerja_mandiri: Mapped[bool] = mapped_column(Boolean, default=False)
    pangkat_golongan: Mapped[str | None] = mapped_column(String(100))
    unit_kerja_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"))
    unit_kerja_nama: Mapped[str] = mapped_column(String(200))
    penilai_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)

    pegawai: Mapped[Pegawai] = relationship(foreign_keys=[pegawai_id])
    penilai: Mapped[Pegawai | None] = relationship(foreign_keys=[penilai_id])
    unit_kerja: Mapped[UnitKerja] = relationship()

    __table_args__ = (
        CheckConstraint("tanggal_akhir >= tanggal_mulai", name="akhir_setelah_mulai"),
        Index("ix_periode_skp_pegawai_mulai", "pegawai_id", "tanggal_mulai"),
    )

    @property
    def plans_like_jpt(self) -> bool:
        return self.jenis_jabatan == JenisJabatan.JPT or self.pimpinan_unit_kerja_mandiri


class PerjanjianKinerja(Base):
    """One Sasaran Strategis of a JPT's / pimpinan unit kerja mandiri's performance contract."""

    __tablename__ = "perjanjian_kinerja"

    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = mapped_column(ForeignKey("periode_skp.id", ondelete="CASCADE"), index=True)
    sasaran_strategis: Mapped[str] = mapped_column(Text)
    perspektif: Mapped[Perspektif] = mapped_column(label_enum(Perspektif, "perspektif"))
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)

    periode: Mapped[PeriodeSKP] = relationship()
    indikator: Mapped[list[IndikatorPerjanjianKinerja]] = relationship(
        back_populates="perjanjian", cascade="all, delete-orphan", order_by="IndikatorPerjanjianKinerja.id"
    )


class IndikatorPerjanjianKinerja(Base):
    __tablename__ = "indikator_perjanjian_kinerja"

    id: Mapped[int] = mapped_column(primary_key=True)
    perjanjian_id: Mapped[int] = mapped_column(ForeignKey("perjanjian_kinerja.id", ondelete="CASCADE"), index=True)
    indikator: Mapped[str] = mapped_column(Text)
    target: Mapped[Decimal] = mapped_column(Angka)
    satuan: Mapped[str] = mapped_column(String(100))

    perjanjian: Mapped[PerjanjianKinerja] = relationship(back_populates="indikator")


class SKP(Base):
    """The plan of one Periode: its RHK with indikator, and the 7 Perilaku Kerja rows."""

    __tablename__ = "skp"

    id: Mapped[int] = mapped_column(primary_key=True)
    periode_id: Mapped[int] = mapped_column(ForeignKey("periode_skp.id", ondelete="CASCADE"), unique=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    status: Mapped[StatusSKP] = mapped_column(label_enum(StatusSKP, "status_skp"), default=StatusSKP.DRAFT)
    catatan_atasan: Mapped[str | None] = mapped_column(Text)
    diajukan_at: Mapped[datetime | None] = mapped_column(Timestamp())
    ditetapkan_at: Mapped[datetime | None] = mapped_column(Timestamp())
    ditetapkan_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    version_id: Mapped[int] = mapped_column(Integer, default=1)

    periode: Mapped[PeriodeSKP] = relationship()
    pegawai: Mapped[Pegawai] = relationship(foreign_keys=[pegawai_id])
    rhk: Mapped[list[RencanaHasilKerja]] = relationship(
        back_populates="skp", cascade="all, delete-orphan", order_by="RencanaHasilKerja.id"
    )
    perilaku: Mapped[list[PerilakuKerja]] = relationship(
        back_populates="skp", cascade="all, delete-orphan", order_by="PerilakuKerja.nomor"
    )

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (Index("ix_skp_status", "status"),)


class RencanaHasilKerja(Base):
    """An RHK. Non-JPT RHK name the atasan RHK they intervene; JPT RHK come from a Perjanjian Kinerja."""

    __tablename__ = "rencana_hasil_kerja"

    id: Mapped[int] = mapped_column(primary_key=True)
    skp_id: Mapped[int] = mapped_column(ForeignKey("skp.id", ondelete="CASCADE"), index=True)
    teks: Mapped[str] = mapped_column(Text)
    jenis: Mapped[JenisRHK] = mapped_column(label_enum(JenisRHK, "jenis_rhk"), default=JenisRHK.UTAMA)
    perspektif: Mapped[Perspektif | None] = mapped_column(label_enum(Perspektif, "perspektif"))
    perjanjian_id: Mapped[int | None] = mapped_column(ForeignKey("perjanjian_kinerja.id"), index=True)
    rhk_atasan_id: Mapped[int | None] = mapped_column(ForeignKey("rencana_hasil_kerja.id"), index=True)

    skp: Mapped[SKP] = relationship(back_populates="rhk")
    rhk_atasan: Mapped[RencanaHasilKerja | None] = relationship(remote_side=[id])
    perjanjian: Mapped[PerjanjianKinerja | None] = relationship()
    indikator: Mapped[list[IndikatorKinerja]] = relationship(
        back_populates="rhk", cascade="all, delete-orphan", order_by="IndikatorKinerja.id"
    )


class PeranHasil(Base):
    """A cell of the atasan's Matriks Peran Hasil: the Rencana Hasil Kerja Baru for one bawahan that
    cascades one of the atasan's RHK."""

    __tablename__ = "peran_hasil"

    id: Mapped[int] = mapped_column(primary_key=True)
    rhk_atasan_id: Mapped[int] = mapped_column(ForeignKey("rencana_hasil_kerja.id", ondelete="CASCADE"), index=True)
    bawahan_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), index=True)
    teks: Mapped[str] = mapped_column(Text)
    #: The bawahan's RHK made from this cell, once they took it into their Rencana SKP.
    rhk_bawahan_id: Mapped[int | None] = mapped_column(
        ForeignKey("rencana_hasil_kerja.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)

    rhk_atasan: Mapped[RencanaHasilKerja] = relationship(foreign_keys=[rhk_atasan_id])
    rhk_bawahan: Mapped[RencanaHasilKerja | None] = relationship(foreign_keys=[rhk_bawahan_id])
    bawahan: Mapped[Pegawai] = relationship()


class PolaPenugasan(Base):
    """Admin-kept list of how work is assigned (e.g. "Direktif Pejabat Penilai (Mandiri)")."""

    __tablename__ = "pola_penugasan"

    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(String(200), unique=True)
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)


class IndikatorKinerja(Base):
    """An IKI of an RHK: sentence, aspek, target value and satuan, pola penugasan."""

    __tablename__ = "indikator_kinerja"

    id: Mapped[int] = mapped_column(primary_key=True)
    rhk_id: Mapped[int] = mapped_column(ForeignKey("rencana_hasil_kerja.id", ondelete="CASCADE"), index=True)
    teks: Mapped[str] = mapped_column(Text)
    aspek: Mapped[Aspek] = mapped_column(label_enum(Aspek, "aspek"), default=Aspek.KUANTITAS)
    target: Mapped[Decimal] = mapped_column(Angka)
    satuan: Mapped[str] = mapped_column(String(100))
    pola_penugasan_id: Mapped[int | None] = mapped_column(ForeignKey("pola_penugasan.id"))

    rhk: Mapped[RencanaHasilKerja] = relationship(back_populates="indikator")
    pola_penugasan: Mapped[PolaPenugasan | None] = relationship()
    target_bulanan: Mapped[list[TargetBulanan]] = relationship(
        back_populates="indikator", cascade="all, delete-orphan", order_by="TargetBulanan.bulan"
    )

    __table_args__ = (CheckConstraint("target >= 0", name="target_tidak_negatif"),)


class TargetBulanan(Base):
    __tablename__ = "target_bulanan"

    id: Mapped[int] = mapped_column(primary_key=True)
    indikator_id: Mapped[int] = mapped_column(ForeignKey("indikator_kinerja.id", ondelete="CASCADE"))
    bulan: Mapped[int] = mapped_column(Integer)
    target: Mapped[Decimal] = mapped_column(Angka)

    indikator: Mapped[IndikatorKinerja] = relationship(back_populates="target_bulanan")

    __table_args__ = (
        UniqueConstraint("indikator_id", "bulan"),
        CheckConstraint("bulan BETWEEN 1 AND 12", name="bulan_1_12"),
        CheckConstraint("target >= 0", name="target_tidak_negatif"),
    )


class PerilakuKerja(Base):
    """One of the 7 BerAKHLAK rows of an SKP, with the atasan's ekspektasi khusus."""

    __tablename__ = "perilaku_kerja"

    id: Mapped[int] = mapped_column(primary_key=True)
    skp_id: Mapped[int] = mapped_column(ForeignKey("skp.id", ondelete="CASCADE"))
    nomor: Mapped[int] = mapped_column(Integer)
    ekspektasi_khusus: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime | None] = mapped_column(Timestamp())

    skp: Mapped[SKP] = relationship(back_populates="perilaku")

    __table_args__ = (
        UniqueConstraint("skp_id", "nomor"),
        CheckConstraint("nomor BETWEEN 1 AND 7", name="nomor_1_7"),
    )
