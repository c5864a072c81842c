"""Aktivitas Harian (e-book "Pengisian Kinerja/Aktivitas Harian", docs/domain.md §3.9–10 and §4).

A pegawai records what they did on a date, linked to an RHK/indikator of the ditetapkan SKP of the
period containing that date. New and corrected rows wait for the atasan ("Menunggu Validasi"). This
module reads and changes the rows; the rules of one entry are :mod:`services.aktivitas.entri`, the
closing of a month :mod:`services.aktivitas.bulan`, "Salin dari hari sebelumnya" :mod:`services.aktivitas.salin`.

- a Menunggu row may be edited or deleted, a Ditolak one corrected and sent again (checked again like
  a new entry), a Tervalidasi one is locked (:func:`bisa_diubah`, :func:`bisa_dihapus`);
- edits, deletions and corrections carry the version the screen showed (optimistic locking): when the
  row changed meanwhile (the atasan validated or rejected it, another tab edited it) the action is a
  :class:`~services.platform.errors.KonflikData` and nothing is overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from db.enums import StatusAktivitas, StatusSKP
from db.models import (
    SKP,
    AktivitasHarian,
    IndikatorKinerja,
    KatalogAktivitas,
    Pegawai,
    PeriodeSKP,
    RencanaHasilKerja,
)
from db.models.base import utcnow
from services.aktivitas.bulan import bulan_range, pastikan_bulan_terbuka
from services.aktivitas.entri import AktivitasInput, jam, periksa, terbuka_untuk_entri
from services.aktivitas.tertahan import tertahan
from services.organisasi import ketidakhadiran
from services.organisasi.periode import periode_on
from services.organisasi.wewenang import penilai_ids
from services.platform import audit
from services.platform import format as fmt
from services.platform.access import Actor, milik_sendiri
from services.platform.errors import AksesDitolak, ValidationError
from services.platform.konkurensi import cek_versi, flush_atau_konflik

__all__ = [
    "KONFLIK_HAPUS",
    "KONFLIK_UBAH",
    "AktivitasInput",  # the input of create/ubah, defined with its rules in entri
    "AktivitasRow",
    "PilihanSKP",
    "as_row",
    "baris",
    "bisa_dihapus",
    "bisa_diubah",
    "bulan_range",  # read through this module by services.pimpinan.dasbor
    "tambah",
    "hapus",
    "dikirim_ulang",
    "ambil_sendiri",
    "katalog_pilihan",
    "daftar_bulan",
    "ketidakhadiran_bulan",
    "periode_list",
    "periode_pada",
    "pilihan_skp",
    "slot_berikutnya",
    "ubah",
]

MENUNGGU, TERVALIDASI, DITOLAK = StatusAktivitas.MENUNGGU, StatusAktivitas.TERVALIDASI, StatusAktivitas.DITOLAK
JAM_MASUK = time(7, 30)
AUDIT_FIELDS = (
    "tanggal",
    "periode_id",
    "rhk_id",
    "indikator_id",
    "katalog_id",
    "jam_mulai",
    "jam_selesai",
    "durasi_menit",
    "aktivitas",
    "volume",
    "satuan",
    "bukti_link",
    "status",
    "alasan_tolak",
)


@dataclass(frozen=True)
class PilihanSKP:
    """One choice of "SKP terkait": an RHK, or one of its indikator."""

    rhk_id: int
    indikator_id: int | None
    label: str


@dataclass(frozen=True)
class AktivitasRow:
    """One activity as screens, documents and the validation queue show it."""

    id: int
    pegawai_id: int
    periode_id: int
    tanggal: date
    jam_mulai: time
    jam_selesai: time
    durasi_menit: int
    aktivitas: str
    volume: Decimal
    satuan: str
    skp_terkait: str
    status: StatusAktivitas
    alasan_tolak: str | None
    bukti_link: str | None
    rhk_id: int | None
    indikator_id: int | None
    katalog_id: int | None
    version: int = 1  # what an edit or delete of this row sends back (optimistic locking)
    tertahan: str | None = None  # why a waiting row cannot be validated yet (services.aktivitas.tertahan)

    @property
    def status_tampil(self) -> str:
        """The status as screens show it: a waiting row's derived label (:mod:`~services.aktivitas.tertahan`)."""
        return self.tertahan or self.status.value

    @property
    def jam(self) -> str:
        return f"{jam(self.jam_mulai)}–{jam(self.jam_selesai)}"

    @property
    def output(self) -> str:
        return f"{fmt.target(self.volume)} {self.satuan}"

    def as_input(self) -> AktivitasInput:
        return AktivitasInput(
            self.tanggal,
            self.rhk_id,
            self.aktivitas,
            self.volume,
            self.satuan,
            self.jam_mulai,
            self.jam_selesai,
            self.indikator_id,
            self.periode_id,
            self.katalog_id,
            self.bukti_link,
        )


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


def _skp_label(rhk: RencanaHasilKerja | None, indikator: IndikatorKinerja | None) -> str:
    if rhk is None:
        return "-"
    return rhk.teks if indikator is None else f"{rhk.teks} — {indikator.teks}"


def bisa_diubah(status: StatusAktivitas) -> bool:
    """A Menunggu row may be edited and a Ditolak one corrected; a Tervalidasi row is locked."""
    return status != TERVALIDASI


def bisa_dihapus(status: StatusAktivitas) -> bool:
    """Only a row still waiting for validation may be deleted."""
    return status == MENUNGGU


def dikirim_ulang(status: StatusAktivitas) -> bool:
    """Saving a Ditolak row sends the correction to the atasan again ("Kirim Ulang")."""
    return status == DITOLAK


def baris(session: Session, query: Select[Any]) -> list[AktivitasRow]:
    """The rows of ``query`` with their derived :func:`tertahan`, the SKP statuses read in the same query."""
    hasil = session.execute(
        query.add_columns(SKP.status)
        .outerjoin(SKP, SKP.periode_id == AktivitasHarian.periode_id)
        # the SKP terkait labels: two queries for the whole list, not one per RHK and indikator met (issue #20)
        .options(selectinload(AktivitasHarian.rhk), selectinload(AktivitasHarian.indikator))
    )
    return [as_row(a, status_skp) for a, status_skp in hasil]


def as_row(a: AktivitasHarian, status_skp: StatusSKP | None = None) -> AktivitasRow:
    return AktivitasRow(
        a.id,
        a.pegawai_id,
        a.periode_id,
        a.tanggal,
        a.jam_mulai,
        a.jam_selesai,
        a.durasi_menit,
        a.aktivitas,
        a.volume,
        a.satuan,
        _skp_label(a.rhk, a.indikator),
        a.status,
        a.alasan_tolak,
        a.bukti_link,
        a.rhk_id,
        a.indikator_id,
        a.katalog_id,
        a.version_id,
        tertahan(a.status, a.rhk_id, status_skp),
    )


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def periode_pada(session: Session, actor: Actor, tanggal: date) -> PeriodeSKP | None:
    """The actor's Periode SKP that holds ``tanggal`` (the first choice of "Periode"), if any."""
    return periode_on(session, actor.pegawai_id, tanggal)


def periode_list(session: Session, actor: Actor) -> list[PeriodeSKP]:
    """The actor's own periods, newest first (the "Periode" choice)."""
    return list(
        session.scalars(
            select(PeriodeSKP)
            .where(PeriodeSKP.pegawai_id == actor.pegawai_id)
            .order_by(PeriodeSKP.tanggal_mulai.desc())
        )
    )


def pilihan_skp(session: Session, actor: Actor, periode_id: int) -> list[PilihanSKP]:
    """ "SKP terkait": the RHK/indikator of the actor's period, when its SKP takes activities
    (:func:`~services.aktivitas.entri.terbuka_untuk_entri`)."""
    periode = milik_sendiri(session, actor, PeriodeSKP, periode_id, "Periode SKP tidak ditemukan.")
    skp = session.scalar(
        select(SKP)
        .where(SKP.periode_id == periode_id)
        .options(selectinload(SKP.rhk).selectinload(RencanaHasilKerja.indikator))  # not one query per RHK
    )
    if skp is None or not terbuka_untuk_entri(session, periode, skp):
        return []
    pilihan: list[PilihanSKP] = []
    for rhk in skp.rhk:
        if rhk.indikator:
            pilihan += [PilihanSKP(rhk.id, iki.id, _skp_label(rhk, iki)) for iki in rhk.indikator]
        else:
            pilihan.append(PilihanSKP(rhk.id, None, rhk.teks))
    return pilihan


def katalog_pilihan(session: Session) -> list[KatalogAktivitas]:
    """The aktif katalog aktivitas (readable by every pegawai)."""
    return list(session.scalars(select(KatalogAktivitas).where(KatalogAktivitas.aktif).order_by(KatalogAktivitas.nama)))


def _may_view(session: Session, actor: Actor, pegawai_id: int) -> None:
    """Own records; the atasan (direct, or penilai of one of the pegawai's periods); admin."""
    if actor.pegawai_id == pegawai_id or actor.is_admin:
        return
    atasan = session.scalar(select(Pegawai.atasan_id).where(Pegawai.id == pegawai_id))
    if atasan == actor.pegawai_id:
        return
    if session.scalar(
        select(PeriodeSKP.id)
        .where(PeriodeSKP.pegawai_id == pegawai_id, PeriodeSKP.penilai_id.in_(penilai_ids(session, actor)))
        .limit(1)
    ):
        return
    raise AksesDitolak("Anda hanya dapat melihat aktivitas Anda sendiri atau bawahan langsung Anda.")


def daftar_bulan(
    session: Session, actor: Actor, pegawai_id: int, tahun: int, bulan: int, status: StatusAktivitas | None = None
) -> list[AktivitasRow]:
    """The pegawai's activities of the month, by date and time."""
    _may_view(session, actor, pegawai_id)
    first, last = bulan_range(tahun, bulan)
    query = select(AktivitasHarian).where(
        AktivitasHarian.pegawai_id == pegawai_id, AktivitasHarian.tanggal >= first, AktivitasHarian.tanggal <= last
    )
    if status is not None:
        query = query.where(AktivitasHarian.status == status)
    return baris(session, query.order_by(AktivitasHarian.tanggal, AktivitasHarian.jam_mulai, AktivitasHarian.id))


def ketidakhadiran_bulan(
    session: Session, actor: Actor, pegawai_id: int, tahun: int, bulan: int
) -> list[ketidakhadiran.Tercatat]:
    """The pegawai's absences touching the month (cuti, dinas luar, izin …), for the marks on the screen."""
    _may_view(session, actor, pegawai_id)
    return ketidakhadiran.tercatat(session, pegawai_id, *bulan_range(tahun, bulan))


def ambil_sendiri(session: Session, actor: Actor, aktivitas_id: int) -> AktivitasHarian:
    return milik_sendiri(session, actor, AktivitasHarian, aktivitas_id, "Aktivitas tidak ditemukan.")


def slot_berikutnya(session: Session, actor: Actor, tanggal: date, menit: int = 60) -> tuple[time, time]:
    """A sensible default for Jam Mulai/Jam Selesai: right after the day's last activity (07.30 on an
    empty day), ``menit`` long, never past midnight."""
    last = session.scalar(
        select(AktivitasHarian.jam_selesai)
        .where(
            AktivitasHarian.pegawai_id == actor.pegawai_id,
            AktivitasHarian.tanggal == tanggal,
            AktivitasHarian.status != DITOLAK,
        )
        .order_by(AktivitasHarian.jam_selesai.desc())
        .limit(1)
    )
    mulai = last or JAM_MASUK
    start = mulai.hour * 60 + mulai.minute
    end = min(start + max(menit, 1), 23 * 60 + 59)
    if end <= start:
        start, end = 23 * 60 + 58, 23 * 60 + 59
    return time(start // 60, start % 60), time(end // 60, end % 60)


# ---------------------------------------------------------------------------------------------
# Changing
# ---------------------------------------------------------------------------------------------


def tambah(session: Session, actor: Actor, data: AktivitasInput, today: date | None = None) -> AktivitasHarian:
    """ "Tambah Aktivitas" → "Simpan": a new row, Menunggu Validasi, its minutes stored."""
    values = periksa(session, actor, data, today)
    row = AktivitasHarian(**values, status=MENUNGGU)
    session.add(row)
    session.flush()
    audit.record(
        session, actor, "tambah_aktivitas", "aktivitas_harian", row.id, None, audit.snapshot(row, *AUDIT_FIELDS)
    )
    return row


KONFLIK_UBAH = (
    "Data ini telah diubah oleh orang lain sejak Anda membukanya (misalnya sudah divalidasi atau "
    "ditolak atasan, atau diubah di tab lain). Perubahan Anda tidak disimpan; muat ulang halaman untuk "
    "melihat data terbaru."
)
KONFLIK_HAPUS = (
    "Data ini telah diubah oleh orang lain sejak Anda membukanya (misalnya sudah divalidasi atau "
    "ditolak atasan, atau diubah di tab lain). Aktivitas tidak dihapus; muat ulang halaman untuk "
    "melihat data terbaru."
)


def ubah(
    session: Session, actor: Actor, aktivitas_id: int, data: AktivitasInput, today: date | None = None, *, version: int
) -> AktivitasHarian:
    """Edit a Menunggu row, or correct a Ditolak one and submit it again (back to Menunggu). ``version``
    is the row's version the screen showed; a row changed since then is a KonflikData."""
    row = ambil_sendiri(session, actor, aktivitas_id)
    cek_versi(row, version, KONFLIK_UBAH)
    if not bisa_diubah(row.status):
        raise ValidationError("Aktivitas yang sudah Tervalidasi tidak dapat diubah.")
    pastikan_bulan_terbuka(session, actor.pegawai_id, row.tanggal, today)
    values = periksa(session, actor, data, today, ignore_id=row.id)
    before = audit.snapshot(row, *AUDIT_FIELDS)
    aksi = "kirim_ulang_aktivitas" if dikirim_ulang(row.status) else "ubah_aktivitas"
    for key, value in values.items():
        setattr(row, key, value)
    row.status, row.alasan_tolak = MENUNGGU, None
    row.divalidasi_oleh_id, row.divalidasi_at, row.updated_at = None, None, utcnow()
    flush_atau_konflik(session, KONFLIK_UBAH)
    audit.record(session, actor, aksi, "aktivitas_harian", row.id, before, audit.snapshot(row, *AUDIT_FIELDS))
    return row


def hapus(session: Session, actor: Actor, aktivitas_id: int, today: date | None = None, *, version: int) -> None:
    """Delete a Menunggu row (after the page's confirmation); ``version`` as for :func:`ubah`."""
    row = ambil_sendiri(session, actor, aktivitas_id)
    cek_versi(row, version, KONFLIK_HAPUS)
    if not bisa_dihapus(row.status):
        raise ValidationError(
            f"Hanya aktivitas berstatus Menunggu Validasi yang dapat dihapus "
            f"(status aktivitas ini: {row.status.value})."
        )
    pastikan_bulan_terbuka(session, actor.pegawai_id, row.tanggal, today)
    before = audit.snapshot(row, *AUDIT_FIELDS)
    session.delete(row)
    flush_atau_konflik(session, KONFLIK_HAPUS)
    audit.record(session, actor, "hapus_aktivitas", "aktivitas_harian", aktivitas_id, before, None)
