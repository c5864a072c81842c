"""Daily work: Aktivitas Harian (with its stored duration), the katalog aktivitas, hari libur and
months reopened by the admin after closing."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, Numeric, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import StatusAktivitas
from db.models.base import Base, BigId, Timestamp, label_enum, utcnow
from db.models.organisasi import Pegawai
from db.models.perencanaan import IndikatorKinerja, PeriodeSKP, RencanaHasilKerja


class KatalogAktivitas(Base):
    """Admin-kept list of common activities; picking one pre-fills text, satuan and duration."""

    __tablename__ = "katalog_aktivitas"

    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(String(300), unique=True)
    satuan: Mapped[str | None] = mapped_column(String(100))
    durasi_menit: Mapped[int] = mapped_column(Integer, default=60)
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (CheckConstraint("durasi_menit > 0", name="durasi_positif"),)


class AktivitasHarian(Base):
    """One daily activity. ``durasi_menit`` is stored so capaian is a plain SUM in SQL."""

    __tablename__ = "aktivitas_harian"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    periode_id: Mapped[int] = mapped_column(ForeignKey("periode_skp.id"), index=True)
    rhk_id: Mapped[int | None] = mapped_column(ForeignKey("rencana_hasil_kerja.id"), index=True)
    indikator_id: Mapped[int | None] = mapped_column(ForeignKey("indikator_kinerja.id"), index=True)
    katalog_id: Mapped[int | None] = mapped_column(ForeignKey("katalog_aktivitas.id"))
    tanggal: Mapped[date] = mapped_column(Date)
    jam_mulai: Mapped[time] = mapped_column(Time)
    jam_selesai: Mapped[time] = mapped_column(Time)
    durasi_menit: Mapped[int] = mapped_column(Integer)
    aktivitas: Mapped[str] = mapped_column(Text)
    volume: Mapped[Decimal] = mapped_column(Numeric(18, 4), default=1)
    satuan: Mapped[str] = mapped_column(String(100))
    bukti_link: Mapped[str | None] = mapped_column(String(2000))
    status: Mapped[StatusAktivitas] = mapped_column(
        label_enum(StatusAktivitas, "status_aktivitas"), default=StatusAktivitas.MENUNGGU
    )
    alasan_tolak: Mapped[str | None] = mapped_column(Text)
    divalidasi_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    divalidasi_at: Mapped[datetime | None] = mapped_column(Timestamp())
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(Timestamp())
    version_id: Mapped[int] = mapped_column(Integer, default=1)

    pegawai: Mapped[Pegawai] = relationship(foreign_keys=[pegawai_id])
    periode: Mapped[PeriodeSKP] = relationship()
    rhk: Mapped[RencanaHasilKerja | None] = relationship()
    indikator: Mapped[IndikatorKinerja | None] = relationship()

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (
        CheckConstraint("jam_selesai > jam_mulai", name="selesai_setelah_mulai"),
        CheckConstraint("durasi_menit > 0 AND durasi_menit <= 1440", name="durasi_wajar"),
        CheckConstraint("volume >= 0", name="volume_tidak_negatif"),
        # The pegawai's own list, the overlap check and the validation queue.
        Index("ix_aktivitas_pegawai_tanggal", "pegawai_id", "tanggal", "status"),
        # Capaian of everyone for a month: a covering range scan, SUM grouped by pegawai.
        Index("ix_aktivitas_tanggal_status", "tanggal", "status", "pegawai_id", "durasi_menit"),
    )


class HariLibur(Base):
    """A date that is not a working day (national holiday or cuti bersama).

    Rows from the ``holidays`` package and the admin's own live together; ``aktif = False`` keeps an
    admin's removal of a package date, so re-seeding the year does not bring it back.
    """

    __tablename__ = "hari_libur"

    id: Mapped[int] = mapped_column(primary_key=True)
    tanggal: Mapped[date] = mapped_column(Date, unique=True)
    keterangan: Mapped[str] = mapped_column(String(300))
    sumber: Mapped[str] = mapped_column(String(20), default="admin")
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (CheckConstraint("sumber IN ('holidays', 'admin')", name="sumber_dikenal"),)


class PembukaanBulan(Base):
    """The admin reopening a closed month (for one pegawai, or for everyone when pegawai_id is NULL)."""

    __tablename__ = "pembukaan_bulan"

    id: Mapped[int] = mapped_column(primary_key=True)
    tahun: Mapped[int] = mapped_column(Integer)
    bulan: Mapped[int] = mapped_column(Integer)
    pegawai_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"))
    dibuka_sampai: Mapped[date] = mapped_column(Date)
    dibuka_oleh_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"))
    alasan: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)

    __table_args__ = (
        CheckConstraint("bulan BETWEEN 1 AND 12", name="bulan_1_12"),
        Index("ix_pembukaan_bulan_tahun_bulan", "tahun", "bulan"),
    )


class RingkasanAktivitas(Base):
    """Per pegawai and month: how many activities and how many minutes in each status — what capaian,
    the Rekap TPP and the Dasbor read instead of summing millions of rows. Kept exact by database
    triggers on ``aktivitas_harian`` (every write path, Validasi Semua's set-based UPDATE included) and
    rebuilt after a bulk load; see db/ringkasan_aktivitas.py. Never written by the application."""

    __tablename__ = "ringkasan_aktivitas"

    tahun: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    bulan: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id"), primary_key=True, autoincrement=False)
    jumlah: Mapped[int] = mapped_column(Integer)  # activities of any status
    jumlah_menunggu: Mapped[int] = mapped_column(Integer)  # still Menunggu Validasi
    menit_tervalidasi: Mapped[int] = mapped_column(Integer)
    menit_menunggu: Mapped[int] = mapped_column(Integer)

    __table_args__ = ({"sqlite_with_rowid": False},)


class TemplatAktivitas(Base):
    """One row of a pegawai's weekly template (docs/domain.md §8.37): on weekday ``hari`` (0 = Senin), this
    activity at these times for this SKP terkait. Applying it creates ordinary Aktivitas Harian through the
    entry rules; the SKP terkait may belong to an earlier period, and is then skipped on the dates of another
    SKP. A deleted RHK/indikator leaves the row without it (SET NULL), to be picked again."""

    __tablename__ = "templat_aktivitas"

    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id", ondelete="CASCADE"))
    hari: Mapped[int] = mapped_column(Integer)
    jam_mulai: Mapped[time] = mapped_column(Time)
    jam_selesai: Mapped[time] = mapped_column(Time)
    aktivitas: Mapped[str] = mapped_column(Text)
    volume: Mapped[Decimal] = mapped_column(Numeric(18, 4))
    satuan: Mapped[str] = mapped_column(String(100))
    rhk_id: Mapped[int | None] = mapped_column(ForeignKey("rencana_hasil_kerja.id", ondelete="SET NULL"))
    indikator_id: Mapped[int | None] = mapped_column(ForeignKey("indikator_kinerja.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)

    rhk: Mapped[RencanaHasilKerja | None] = relationship()
    indikator: Mapped[IndikatorKinerja | None] = relationship()

    __table_args__ = (
        CheckConstraint("hari BETWEEN 0 AND 4", name="hari_kerja"),
        CheckConstraint("jam_selesai > jam_mulai", name="selesai_setelah_mulai"),
        Index("ix_templat_aktivitas_pegawai_hari", "pegawai_id", "hari"),
    )
