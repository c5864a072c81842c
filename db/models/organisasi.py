"""Who works where: the unit kerja tree, pegawai, their login accounts and login sessions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ColumnElement,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    and_,
    false,
    or_,
)
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import JenisBerhenti, JenisJabatan, StatusKepegawaian
from db.models.base import Base, Timestamp, label_enum, utcnow


class UnitKerja(Base):
    """A node of the organisation tree (Pemerintah Kabupaten → OPD → bidang → subbidang).

    ``path`` is the materialised path of ids ("/1/4/9/") so a pimpinan's subtree is one indexed
    prefix match instead of a recursive query.
    """

    __tablename__ = "unit_kerja"

    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(String(200), unique=True)
    induk_id: Mapped[int | None] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    path: Mapped[str] = mapped_column(String(400), default="/", index=True)
    level: Mapped[int] = mapped_column(Integer, default=0)

    induk: Mapped[UnitKerja | None] = relationship(remote_side=[id])

    __table_args__ = (CheckConstraint("length(nama) > 0", name="nama_tidak_kosong"),)


class Pegawai(Base):
    """An ASN (PNS or PPPK). The atasan role follows from having bawahan, not from a flag."""

    __tablename__ = "pegawai"

    id: Mapped[int] = mapped_column(primary_key=True)
    nip: Mapped[str] = mapped_column(String(18), unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    jabatan: Mapped[str] = mapped_column(String(300))
    jenis_jabatan: Mapped[JenisJabatan] = mapped_column(label_enum(JenisJabatan, "jenis_jabatan"))
    pangkat_golongan: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(200))
    unit_kerja_id: Mapped[int] = mapped_column(ForeignKey("unit_kerja.id"), index=True)
    atasan_id: Mapped[int | None] = mapped_column(ForeignKey("pegawai.id"), index=True)
    pimpinan_unit_kerja_mandiri: Mapped[bool] = mapped_column(Boolean, default=False)
    tpp_pokok: Mapped[int] = mapped_column(Integer, default=0)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_pimpinan: Mapped[bool] = mapped_column(Boolean, default=False)
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Kepala Daerah or Wakil: a pimpinan without SKP or Aktivitas Harian (docs/domain.md §8.32).
    is_kepala_daerah: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    status_kepegawaian: Mapped[StatusKepegawaian] = mapped_column(
        label_enum(StatusKepegawaian, "status_kepegawaian"), default=StatusKepegawaian.PNS, server_default="PNS"
    )
    #: A PPPK's masa perjanjian kerja; no period runs past its end (docs/domain.md §8.31).
    perjanjian_mulai: Mapped[date | None] = mapped_column(Date)
    perjanjian_akhir: Mapped[date | None] = mapped_column(Date)
    #: Nonaktif from this date (the first day out of service) for ``jenis_berhenti`` (docs/domain.md §8.31).
    tanggal_berhenti: Mapped[date | None] = mapped_column(Date)
    jenis_berhenti: Mapped[JenisBerhenti | None] = mapped_column(label_enum(JenisBerhenti, "jenis_berhenti"))
    version_id: Mapped[int] = mapped_column(Integer, default=1)

    unit_kerja: Mapped[UnitKerja] = relationship()
    atasan: Mapped[Pegawai | None] = relationship(remote_side=[id])

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (
        CheckConstraint("length(nip) = 18", name="nip_18_digit"),
        CheckConstraint("tpp_pokok >= 0", name="tpp_pokok_tidak_negatif"),
        CheckConstraint("atasan_id IS NULL OR atasan_id <> id", name="bukan_atasan_sendiri"),
    )

    @property
    def plans_like_jpt(self) -> bool:
        """JPT and pimpinan unit kerja mandiri plan from a Perjanjian Kinerja."""
        return self.jenis_jabatan == JenisJabatan.JPT or self.pimpinan_unit_kerja_mandiri

    @hybrid_method
    def bertugas_pada(self, tanggal: date) -> bool:
        """Still in service on ``tanggal``: aktif and not yet at ``tanggal_berhenti`` (a date set ahead takes effect
        on its day even before ``aktif`` is switched off; docs/domain.md §8.31)."""
        return bool(self.aktif) and (self.tanggal_berhenti is None or self.tanggal_berhenti > tanggal)

    @bertugas_pada.inplace.expression  # type: ignore[attr-defined]  # mypy reads the method, not the hybrid
    @classmethod
    def _bertugas_pada(cls, tanggal: date) -> ColumnElement[bool]:
        return and_(cls.aktif, or_(cls.tanggal_berhenti.is_(None), cls.tanggal_berhenti > tanggal))

    @classmethod
    def dicari(cls, teks: str) -> ColumnElement[bool]:
        """A search field's match: the NIP starts with ``teks`` or the name holds it (any case). ``%`` and ``_``
        are characters to find, not wildcards matching everyone."""
        return or_(cls.nip.startswith(teks, autoescape=True), cls.nama.icontains(teks, autoescape=True))


class Akun(Base):
    """Login account of a pegawai (username = NIP). Lockout state is persisted."""

    __tablename__ = "akun"

    id: Mapped[int] = mapped_column(primary_key=True)
    pegawai_id: Mapped[int] = mapped_column(ForeignKey("pegawai.id", ondelete="CASCADE"), unique=True)
    password_hash: Mapped[str] = mapped_column(String(100))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(Timestamp())
    password_changed_at: Mapped[datetime | None] = mapped_column(Timestamp())
    last_login_at: Mapped[datetime | None] = mapped_column(Timestamp())

    pegawai: Mapped[Pegawai] = relationship()

    __table_args__ = (CheckConstraint("failed_attempts >= 0", name="failed_attempts_tidak_negatif"),)


class SesiLogin(Base):
    """A server-side login session. The cookie only names it; logout or a password change revokes it."""

    __tablename__ = "sesi_login"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    akun_id: Mapped[int] = mapped_column(ForeignKey("akun.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(Timestamp())
    revoked_at: Mapped[datetime | None] = mapped_column(Timestamp())


Index("ix_pegawai_unit_aktif", Pegawai.unit_kerja_id, Pegawai.aktif)
