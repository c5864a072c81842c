"""The in-app notification list (docs/domain.md §8.36): one's own notices, the unread count of the sidebar (one
indexed COUNT), marking them read, and the opt-out per channel. Always the actor's own rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from db.enums import KanalPengingat
from db.models import BerhentiPengingat, Notifikasi
from db.models.base import utcnow
from services.platform import audit
from services.platform.access import Actor

#: Notices listed at most (newest first).
BATAS_DAFTAR = 100


@dataclass(frozen=True)
class BarisNotifikasi:
    id: int
    judul: str
    teks: str
    tautan: str
    dibuat: datetime
    dibaca: bool


def belum_dibaca(session: Session, pegawai_id: int) -> int:
    """The sidebar's count: one COUNT over the (pegawai_id, dibaca) index."""
    query = select(func.count()).select_from(Notifikasi)
    return int(session.scalar(query.where(Notifikasi.pegawai_id == pegawai_id, Notifikasi.dibaca.is_(None))) or 0)


def daftar(session: Session, actor: Actor) -> list[BarisNotifikasi]:
    rows = session.scalars(
        select(Notifikasi)
        .where(Notifikasi.pegawai_id == actor.pegawai_id)
        .order_by(Notifikasi.dibuat.desc(), Notifikasi.id.desc())
        .limit(BATAS_DAFTAR)
    )
    return [BarisNotifikasi(r.id, r.judul, r.teks, r.tautan, r.dibuat, r.dibaca is not None) for r in rows]


def tandai_dibaca(session: Session, actor: Actor, ids: list[int] | None = None) -> int:
    """Mark the actor's own notices read (all unread ones without ``ids``); returns how many changed."""
    query = update(Notifikasi).where(Notifikasi.pegawai_id == actor.pegawai_id, Notifikasi.dibaca.is_(None))
    if ids is not None:
        query = query.where(Notifikasi.id.in_(ids))
    hasil = session.execute(query.values(dibaca=utcnow()).execution_options(synchronize_session=False))
    assert isinstance(hasil, CursorResult), "an UPDATE answers with the cursor's row count"
    jumlah = hasil.rowcount or 0
    if jumlah:
        audit.record(session, actor, "baca_notifikasi", "notifikasi", actor.pegawai_id, None, {"jumlah": jumlah})
    return int(jumlah)


def kanal_aktif(session: Session, actor: Actor) -> dict[KanalPengingat, bool]:
    """Each channel and whether the actor still receives reminders on it."""
    berhenti = set(
        session.scalars(select(BerhentiPengingat.kanal).where(BerhentiPengingat.pegawai_id == actor.pegawai_id))
    )
    return {k: k not in berhenti for k in KanalPengingat}


def setel_kanal(session: Session, actor: Actor, pilihan: dict[KanalPengingat, bool]) -> list[KanalPengingat]:
    """Save the actor's choice per channel (audited); returns the channels that changed."""
    sekarang = kanal_aktif(session, actor)
    berubah = [k for k, aktif in pilihan.items() if sekarang[k] != bool(aktif)]
    for k in berubah:
        if pilihan[k]:
            session.delete(session.get_one(BerhentiPengingat, (actor.pegawai_id, k)))
        else:
            session.add(BerhentiPengingat(pegawai_id=actor.pegawai_id, kanal=k))
    if berubah:
        audit.record(
            session,
            actor,
            "ubah_langganan_pengingat",
            "berhenti_pengingat",
            actor.pegawai_id,
            {k.value: sekarang[k] for k in berubah},
            {k.value: bool(pilihan[k]) for k in berubah},
        )
    return berubah
