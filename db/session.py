"""One short transaction per user action: ``with session_scope(engine) as s: ...``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

_factories: dict[int, sessionmaker] = {}


def session_factory(engine: Engine) -> sessionmaker:
    factory = _factories.get(id(engine))
    if factory is None or factory.kw.get("bind") is not engine:
        factory = sessionmaker(bind=engine, expire_on_commit=False)
        _factories[id(engine)] = factory
    return factory


@contextmanager
def session_scope(engine: Engine, readonly: bool = False) -> Iterator[Session]:
    """Commit on success, roll back on any error, always close.

    ``readonly=True`` lets SQLite readers share the database instead of taking the write lock.
    """
    bind = engine.execution_options(sipijar_readonly=True) if readonly else engine
    session = session_factory(engine)(bind=bind)
    try:
        yield session
        session.commit()
    except BaseException as error:
        session.rollback()
        # A refusal that is audited (services.platform.errors.AksesDitolakTercatat): everything the request
        # did is gone; only the rows it carries (its audit row) are written, in their own commit.
        catatan = getattr(error, "catatan_tetap", None)
        if catatan:
            session.add_all(catatan)
            session.commit()
        raise
    finally:
        session.close()


def terkunci(error: BaseException) -> bool:
    """Whether ``error`` is SQLite's "database is locked": another writer kept the lock past the busy
    timeout. Nothing was written; the action may be retried."""
    orig = getattr(error, "orig", error)
    return isinstance(orig, sqlite3.OperationalError) and "locked" in str(orig)
