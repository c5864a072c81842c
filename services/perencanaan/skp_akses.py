"""Who may read or change an SKP: the pegawai edits their own while it is Draft or Dikembalikan; the
period's penilai (periode.penilai_id) decides; an admin reads."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from db.enums import StatusSKP
from db.models import SKP, PeriodeSKP
from services.organisasi import kepala_daerah
from services.organisasi.wewenang import boleh_sebagai_penilai
from services.platform.access import Actor
from services.platform.errors import AksesDitolak, TidakDitemukan, ValidationError

DAPAT_DIUBAH = (StatusSKP.DRAFT, StatusSKP.DIKEMBALIKAN)


def ambil_skp(session: Session, skp_id: int, lock: bool = False) -> SKP:
    """The SKP; with ``lock`` its row is locked until the transaction ends (PostgreSQL; SQLite
    already serialises writers)."""
    query = select(SKP).where(SKP.id == skp_id)
    skp = session.scalar(query.with_for_update() if lock else query)
    if skp is None:
        raise TidakDitemukan("SKP tidak ditemukan.")
    return skp


def boleh_menilai(actor: Actor, skp: SKP) -> bool:
    """The period's penilai, or a Plt/Plh standing in for them today (services/organisasi/wewenang.py) —
    never on their own SKP."""
    session = object_session(skp)
    return (
        session is not None
        and actor.pegawai_id != skp.pegawai_id
        and boleh_sebagai_penilai(session, actor, skp.periode.penilai_id)
    )


def require_pembaca(actor: Actor, skp: SKP) -> None:
    """The pegawai, the period's penilai, or an admin."""
    if actor.pegawai_id == skp.pegawai_id or boleh_menilai(actor, skp) or actor.is_admin:
        return
    raise AksesDitolak("Anda hanya dapat melihat SKP Anda sendiri atau SKP bawahan langsung Anda.")


def require_penilai(actor: Actor, skp: SKP) -> None:
    if not boleh_menilai(actor, skp):
        raise AksesDitolak(
            "Hanya pejabat penilai (atasan langsung) pada periode SKP ini yang dapat melakukan tindakan ini."
        )


def require_dapat_diubah(skp: SKP) -> None:
    if skp.status not in DAPAT_DIUBAH:
        if skp.status == StatusSKP.DITETAPKAN:
            raise ValidationError(
                "SKP sudah Ditetapkan dan terkunci. Perubahan hanya dapat dilakukan setelah "
                "atasan membuka kembali SKP (Buka Kembali)."
            )
        raise ValidationError(
            "SKP sedang Diajukan kepada atasan dan tidak dapat diubah sampai atasan menetapkan atau mengembalikannya."
        )


def skp_untuk_diubah(session: Session, actor: Actor, skp_id: int) -> SKP:
    """The actor's own SKP, locked, and only while it is Draft or Dikembalikan."""
    skp = ambil_skp(session, skp_id, lock=True)
    if skp.pegawai_id != actor.pegawai_id:
        raise AksesDitolak("Anda hanya dapat mengubah SKP Anda sendiri.")
    kepala_daerah.tolak_tanpa_skp(session, actor.pegawai_id, "Rencana SKP")
    require_dapat_diubah(skp)
    return skp


def periode_sendiri(session: Session, actor: Actor, periode_id: int, pesan_bukan_milik: str) -> PeriodeSKP:
    """The actor's own period; another's is refused with ``pesan_bukan_milik`` (what they may not do with it)."""
    periode = session.get(PeriodeSKP, periode_id)
    if periode is None:
        raise TidakDitemukan("Periode SKP tidak ditemukan.")
    if periode.pegawai_id != actor.pegawai_id:
        raise AksesDitolak(pesan_bukan_milik)
    return periode


def skp_of_periode(session: Session, periode: PeriodeSKP) -> SKP:
    skp = session.scalar(select(SKP).where(SKP.periode_id == periode.id))
    if skp is None:
        raise TidakDitemukan("SKP periode ini tidak ditemukan.")
    return skp
