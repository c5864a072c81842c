"""Optimistic locking and writer serialisation, shared by every context that saves what a screen showed.

A save carries the version the screen read; a row changed since then is a :class:`KonflikData` with a
message the user can act on, never a database error or a silent overwrite."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from db.models import Pegawai
from services.platform.errors import KonflikData


def cek_versi(row: Any, version: int | None, pesan: str | None = None) -> None:
    """The version the screen showed (None: the row did not exist yet) must still be the row's version."""
    if (row.version_id if row is not None else None) != version:
        raise KonflikData(pesan) if pesan else KonflikData()


def flush_atau_konflik(session: Session, pesan: str | None = None) -> None:
    """Flush; a row changed by someone else between our read and this write is a KonflikData, and so is
    a first save that lost the race to another first save of the same row (a unique violation)."""
    try:
        session.flush()
    except StaleDataError:
        raise (KonflikData(pesan) if pesan else KonflikData()) from None
    except IntegrityError as exc:
        if "unique" in str(exc.orig).lower():
            raise (KonflikData(pesan) if pesan else KonflikData()) from None
        raise


def kunci_pegawai(session: Session, pegawai_id: int) -> None:
    """Serialise the writers of one pegawai's records for the rest of the transaction on PostgreSQL, so two
    concurrent requests cannot both pass an overlap check (SQLite already serialises writers: BEGIN IMMEDIATE)."""
    session.flush()
    session.execute(select(Pegawai.id).where(Pegawai.id == pegawai_id).with_for_update())
