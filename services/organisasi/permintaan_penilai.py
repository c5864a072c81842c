"""Requests for a penilai outside the rule (docs/domain.md §8.3): the pegawai asks with a reason, the admin
approves (the change takes effect then) or refuses with a note. Both steps are audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from db.enums import StatusPerubahanPenilai
from db.models import Pegawai, PeriodeSKP, PerubahanPenilai
from db.models.base import utcnow
from services.organisasi import penilai as penilai_service
from services.organisasi.periode import ambil_sendiri
from services.platform import audit
from services.platform.access import Actor, require_admin, require_self
from services.platform.errors import TidakDitemukan, ValidationError
from services.platform.konkurensi import kunci_pegawai
from services.platform.masukan import teks_wajib

MENUNGGU = StatusPerubahanPenilai.MENUNGGU
MIN_ALASAN = 10


@dataclass(frozen=True)
class Permintaan:
    """One request as the admin's list and the pegawai's page show it."""

    id: int
    pegawai: str
    pegawai_nip: str
    unit_kerja: str
    periode: str
    penilai_lama: str
    penilai_baru: str
    penilai_baru_jabatan: str
    alasan: str
    status: str
    catatan_admin: str


def _baris(row: PerubahanPenilai) -> Permintaan:
    periode = row.periode
    lama = row.penilai_lama
    return Permintaan(
        id=row.id,
        pegawai=row.pegawai.nama,
        pegawai_nip=row.pegawai.nip,
        unit_kerja=periode.unit_kerja_nama,
        periode=f"{periode.tahun}: {periode.tanggal_mulai:%d/%m/%Y} – {periode.tanggal_akhir:%d/%m/%Y}",
        penilai_lama="-" if lama is None else f"{lama.nama} ({lama.nip})",
        penilai_baru=f"{row.penilai_baru.nama} ({row.penilai_baru.nip})",
        penilai_baru_jabatan=f"{row.penilai_baru.jabatan} — {row.penilai_baru.unit_kerja.nama}",
        alasan=row.alasan or "",
        status=row.status.value,
        catatan_admin=row.catatan_admin or "",
    )


def _query():
    return select(PerubahanPenilai).options(
        joinedload(PerubahanPenilai.periode),
        joinedload(PerubahanPenilai.pegawai),
        joinedload(PerubahanPenilai.penilai_lama),
        joinedload(PerubahanPenilai.penilai_baru),
    )


def ajukan(session: Session, actor: Actor, periode_id: int, penilai_id: int, alasan: str) -> PerubahanPenilai:
    """The pegawai asks the admin for a penilai the rule does not offer (one open request per period)."""
    periode = ambil_sendiri(session, actor, periode_id)
    require_self(actor, periode.pegawai_id)
    kunci_pegawai(session, periode.pegawai_id)
    penilai = penilai_service.periksa_boleh_diganti(session, periode, session.get(Pegawai, penilai_id))
    alasan = teks_wajib(alasan, "Alasan", maks=500)
    if len(alasan) < MIN_ALASAN:
        raise ValidationError(f"Alasan paling sedikit {MIN_ALASAN} karakter: jelaskan mengapa penilai diganti.")
    if penilai.id == periode.penilai_id:
        raise ValidationError(f"{penilai.nama} sudah menjadi penilai periode ini.")
    terbuka = session.scalar(
        select(PerubahanPenilai.id).where(
            PerubahanPenilai.periode_id == periode.id, PerubahanPenilai.status == MENUNGGU
        )
    )
    if terbuka is not None:
        raise ValidationError("Masih ada permintaan perubahan penilai periode ini yang menunggu keputusan Admin.")
    row = PerubahanPenilai(
        periode_id=periode.id,
        pegawai_id=periode.pegawai_id,
        penilai_lama_id=periode.penilai_id,
        penilai_baru_id=penilai.id,
        status=MENUNGGU,
        alasan=alasan,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "ajukan_ganti_penilai",
        "perubahan_penilai",
        row.id,
        None,
        {"periode_id": periode.id, "penilai_id": penilai.id, "alasan": alasan},
    )
    return row


def daftar_milik(session: Session, actor: Actor) -> list[Permintaan]:
    """The actor's own requests, newest first."""
    rows = session.scalars(
        _query()
        .where(PerubahanPenilai.pegawai_id == actor.pegawai_id, PerubahanPenilai.alasan.is_not(None))
        .order_by(PerubahanPenilai.id.desc())
    )
    return [_baris(r) for r in rows]


def daftar(session: Session, actor: Actor, hanya_menunggu: bool = True) -> list[Permintaan]:
    """Admin: the requests, the waiting ones first (oldest first: first asked, first decided)."""
    require_admin(actor)
    query = _query().where(PerubahanPenilai.alasan.is_not(None))
    if hanya_menunggu:
        query = query.where(PerubahanPenilai.status == MENUNGGU)
    return [_baris(r) for r in session.scalars(query.order_by(PerubahanPenilai.id))]


def _menunggu(session: Session, actor: Actor, permintaan_id: int) -> PerubahanPenilai:
    require_admin(actor)
    row = session.get(PerubahanPenilai, permintaan_id)
    if row is None or row.alasan is None:
        raise TidakDitemukan("Permintaan perubahan penilai tidak ditemukan.")
    kunci_pegawai(session, row.pegawai_id)
    session.refresh(row)
    if row.status != MENUNGGU:
        raise ValidationError(f"Permintaan ini sudah {row.status.value.lower()}.")
    return row


def setujui(
    session: Session, actor: Actor, permintaan_id: int, catatan: str | None = None, today: date | None = None
) -> PerubahanPenilai:
    """Admin approves: the change takes effect now (the checks of every change run again)."""
    row = _menunggu(session, actor, permintaan_id)
    periode = session.get_one(PeriodeSKP, row.periode_id)
    penilai = penilai_service.periksa_boleh_diganti(session, periode, session.get(Pegawai, row.penilai_baru_id))
    row.catatan_admin = " ".join((catatan or "").split())[:500] or None
    audit.record(
        session,
        actor,
        "setujui_ganti_penilai",
        "perubahan_penilai",
        row.id,
        {"status": MENUNGGU},
        {"catatan": row.catatan_admin},
    )
    penilai_service.setel_penilai(session, actor, periode, penilai, StatusPerubahanPenilai.DISETUJUI, today, row)
    return row


def tolak(session: Session, actor: Actor, permintaan_id: int, catatan: str) -> PerubahanPenilai:
    """Admin refuses, with a note the pegawai reads; nothing else changes."""
    row = _menunggu(session, actor, permintaan_id)
    row.catatan_admin = teks_wajib(catatan, "Catatan penolakan", maks=500)
    row.status = StatusPerubahanPenilai.DITOLAK
    row.diputuskan_oleh_id, row.diputuskan_pada = actor.pegawai_id, utcnow()
    audit.record(
        session,
        actor,
        "tolak_ganti_penilai",
        "perubahan_penilai",
        row.id,
        {"status": MENUNGGU},
        {"status": row.status, "catatan": row.catatan_admin},
    )
    return row
