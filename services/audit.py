"""The append-only audit trail: every state change records who, when, what, before → after."""
from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

from db.models import AuditLog
from services.access import Actor


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


def record(session: Session, actor: Actor | None, aksi: str, entitas: str, entitas_id: Any = None,
           sebelum: Any = None, sesudah: Any = None) -> None:
    """Add one audit row to the caller's transaction (it commits or rolls back with the change)."""
    session.add(AuditLog(
        actor_id=actor.pegawai_id if actor else None,
        actor_nip=actor.nip if actor else None,
        aksi=aksi,
        entitas=entitas,
        entitas_id=None if entitas_id is None else str(entitas_id),
        sebelum=_dump(sebelum),
        sesudah=_dump(sesudah),
    ))


def snapshot(obj: Any, *fields: str) -> dict[str, Any]:
    """The named attributes of a model, for the before/after of an audit row."""
    return {f: getattr(obj, f) for f in fields}
