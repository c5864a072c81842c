"""The append-only audit trail: every state change records who, when, what, before → after. Who is a
pegawai (their id and NIP), the operator of the ``sipijar`` command (their name), or — for the few rows
the application writes on its own, such as the default Pola Penugasan — no one ("sistem")."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from db.bulk import tabel
from db.models import AuditLog
from services.platform.access import Actor, Operator, require_admin
from services.platform.errors import AksesDitolak, AksesDitolakTercatat
from services.platform.format import WIB


def _default(value: Any) -> Any:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize()) if value == value.to_integral() else str(value)
    if isinstance(value, Enum):
        return value.value
    return str(value)


def _dump(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, default=_default, ensure_ascii=False, sort_keys=True)


HANYA_BACA = "Akun pensiun hanya dapat membaca dan mencetak dokumen; perubahan tidak dapat disimpan."


def record(
    session: Session,
    actor: Actor | Operator | None,
    aksi: str,
    entitas: str,
    entitas_id: Any = None,
    sebelum: Any = None,
    sesudah: Any = None,
) -> None:
    """Add one audit row to the caller's transaction (it commits or rolls back with the change).
    ``actor`` None only for a row the application writes on its own, never for a request. Every change writes
    one, so this is where a read-only actor (a pensiunan, docs/domain.md §8.31) is refused."""
    if isinstance(actor, Actor) and actor.hanya_baca:
        raise AksesDitolak(HANYA_BACA)
    session.add(baris(actor, aksi, entitas, entitas_id, sebelum, sesudah))


def baris(
    actor: Actor | Operator | None,
    aksi: str,
    entitas: str,
    entitas_id: Any = None,
    sebelum: Any = None,
    sesudah: Any = None,
) -> AuditLog:
    """One audit row, not yet added to any session."""
    return AuditLog(**_kolom(actor, aksi, entitas, entitas_id, sebelum, sesudah))


def _kolom(
    actor: Actor | Operator | None, aksi: str, entitas: str, entitas_id: Any, sebelum: Any, sesudah: Any
) -> dict[str, Any]:
    pegawai = actor if isinstance(actor, Actor) else None
    return {
        "actor_id": pegawai.pegawai_id if pegawai else None,
        "actor_nip": pegawai.nip if pegawai else None,
        "operator": actor.nama if isinstance(actor, Operator) else None,
        "aksi": aksi,
        "entitas": entitas,
        "entitas_id": None if entitas_id is None else str(entitas_id),
        "sebelum": _dump(sebelum),
        "sesudah": _dump(sesudah),
    }


def record_banyak(session: Session, actor: Actor | Operator, rows: list[tuple[str, str, Any, Any, Any]]) -> None:
    """Many rows of :func:`record` — (aksi, entitas, entitas_id, sebelum, sesudah) each — in one set-wise
    INSERT, in their order: an import of 20,000 pegawai must not hold SQLite's write lock for one ORM
    object per row (issue #17)."""
    if isinstance(actor, Actor) and actor.hanya_baca:
        raise AksesDitolak(HANYA_BACA)
    if rows:
        session.execute(insert(tabel(AuditLog)), [_kolom(actor, *row) for row in rows])


def penolakan(
    actor: Actor, aksi: str, entitas: str, entitas_id: Any, diminta: Any, message: str
) -> AksesDitolakTercatat:
    """A refusal worth keeping (an attempt on money or rights): the error to raise, carrying its audit row
    ``<aksi>_ditolak``, which ``db.session.session_scope`` commits after rolling everything else back."""
    row = baris(actor, f"{aksi}_ditolak", entitas, entitas_id, None, {"diminta": diminta, "pesan": message})
    return AksesDitolakTercatat(message, [row])


def snapshot(obj: Any, *fields: str) -> dict[str, Any]:
    """The named attributes of a model, for the before/after of an audit row."""
    return {f: getattr(obj, f) for f in fields}


@dataclass(frozen=True)
class BarisAudit:
    id: int
    waktu: datetime
    actor_nip: str | None
    aksi: str
    entitas: str
    entitas_id: str | None
    sebelum: str | None
    sesudah: str | None
    operator: str | None

    @property
    def pelaku(self) -> str:
        """Who, for the screen: the pegawai's NIP, the operator by name, or "sistem"."""
        if self.actor_nip:
            return self.actor_nip
        return f"operator {self.operator}" if self.operator else "sistem"


def _awal_hari_wib(tanggal: date) -> datetime:
    """00.00 WIB of ``tanggal`` as a UTC instant: the screen shows WIB times, so its days are WIB days, while
    the rows are stored in UTC (on SQLite as naive UTC, which is why the bound must be UTC too)."""
    return datetime.combine(tanggal, time.min, WIB).astimezone(UTC)


def cari(
    session: Session,
    actor: Actor,
    *,
    aksi: str | None = None,
    entitas: str | None = None,
    nip: str | None = None,
    dari: date | None = None,
    sampai: date | None = None,
    limit: int = 200,
) -> list[BarisAudit]:
    """Search the trail, newest first (admin only); ``dari``/``sampai`` are WIB days, inclusive. Read-only: the
    app offers no edit or delete."""
    require_admin(actor)
    query = select(AuditLog).order_by(AuditLog.id.desc()).limit(max(1, min(limit, 1000)))
    if aksi:
        query = query.where(AuditLog.aksi == aksi)
    if entitas:
        query = query.where(AuditLog.entitas == entitas)
    if nip:
        query = query.where(AuditLog.actor_nip == nip.strip())
    if dari:
        query = query.where(AuditLog.waktu >= _awal_hari_wib(dari))
    if sampai:
        query = query.where(AuditLog.waktu < _awal_hari_wib(sampai + timedelta(days=1)))
    return [
        BarisAudit(r.id, r.waktu, r.actor_nip, r.aksi, r.entitas, r.entitas_id, r.sebelum, r.sesudah, r.operator)
        for r in session.scalars(query)
    ]


def daftar_aksi(session: Session, actor: Actor) -> list[str]:
    """The distinct actions recorded so far, for the filter."""
    require_admin(actor)
    return list(session.scalars(select(AuditLog.aksi).distinct().order_by(AuditLog.aksi)))


def versi_data(session: Session) -> int:
    """A number that grows with every change of data — the newest audit row (every state change writes
    one, and the log is append-only): the key that invalidates the screens' caches."""
    return int(session.scalar(select(func.max(AuditLog.id))) or 0)
