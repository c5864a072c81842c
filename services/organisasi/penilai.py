"""Penilai Pegawai (e-book step 6): the atasan of a period, its correction by the pegawai, and the
Bawahan tab. The hierarchy never has a cycle."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.enums import StatusSKP
from db.models import SKP, Pegawai, PeriodeSKP
from services.organisasi import struktur as organisasi
from services.organisasi.periode import ambil_sendiri
from services.platform import audit
from services.platform.access import Actor, require_self
from services.platform.errors import TidakDitemukan, ValidationError
from services.platform.kalender import hari_ini

LOCKED_STATUSES = (StatusSKP.DIAJUKAN, StatusSKP.DITETAPKAN)


def cari_pegawai(session: Session, actor: Actor, query: str, limit: int = 20) -> list[Pegawai]:
    """Active pegawai whose name or NIP matches, to choose a penilai from (not oneself)."""
    query = (query or "").strip()
    if len(query) < 3:
        return []
    # autoescape: a typed "%" or "_" is a character to find, not a wildcard matching everyone.
    return list(
        session.scalars(
            select(Pegawai)
            .where(
                Pegawai.aktif,
                Pegawai.id != actor.pegawai_id,
                or_(Pegawai.nip.startswith(query, autoescape=True), Pegawai.nama.icontains(query, autoescape=True)),
            )
            .order_by(Pegawai.nama, Pegawai.nip)
            .limit(limit)
        )
    )


def ganti_penilai(
    session: Session, actor: Actor, periode_id: int, penilai_id: int, today: date | None = None
) -> PeriodeSKP:
    """The pegawai corrects the penilai of their period; for the running period this also corrects
    their atasan in the hierarchy (a correction, not a mutasi: the period is not split)."""
    periode = ambil_sendiri(session, actor, periode_id)
    require_self(actor, periode.pegawai_id)
    penilai = session.get(Pegawai, penilai_id)
    if penilai is None or not penilai.aktif:
        raise TidakDitemukan("Pegawai penilai tidak ditemukan atau tidak aktif.")
    if penilai.id == periode.pegawai_id:
        raise ValidationError("Anda tidak dapat menjadi penilai bagi diri sendiri.")
    if organisasi.membentuk_siklus(session, periode.pegawai_id, penilai.id):
        raise ValidationError(
            f"{penilai.nama} adalah bawahan (langsung atau tidak langsung) Anda; "
            "susunan atasan–bawahan tidak boleh melingkar."
        )
    skp = session.scalar(select(SKP).where(SKP.periode_id == periode.id))
    if skp is not None and skp.status in LOCKED_STATUSES:
        raise ValidationError(
            f"SKP periode ini sudah {skp.status.value.lower()}; penilai tidak dapat diganti. "
            "Minta atasan mengembalikan SKP terlebih dahulu."
        )
    before = {"penilai_id": periode.penilai_id}
    periode.penilai_id = penilai.id
    today = today or hari_ini()
    audit.record(session, actor, "ganti_penilai", "periode_skp", periode.id, before, {"penilai_id": penilai.id})
    if periode.tanggal_mulai <= today <= periode.tanggal_akhir:
        pegawai = session.get_one(Pegawai, periode.pegawai_id)  # the period's foreign key keeps it
        if pegawai.atasan_id != penilai.id:
            # The hierarchy changes too: audited on the pegawai, so the before → after is kept.
            audit.record(
                session,
                actor,
                "ganti_atasan",
                "pegawai",
                pegawai.id,
                {"atasan_id": pegawai.atasan_id},
                {"atasan_id": penilai.id},
            )
            pegawai.atasan_id = penilai.id
            # A loaded ``pegawai.atasan`` would otherwise still name the old atasan in this session.
            session.flush()
            session.expire(pegawai, ["atasan"])
    return periode


def bawahan(session: Session, actor: Actor) -> list[Pegawai]:
    """Tab Bawahan: the actor's direct bawahan."""
    return organisasi.bawahan_of(session, actor.pegawai_id)
