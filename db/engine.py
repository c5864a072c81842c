"""Engine creation for the embedded SQLite and for PostgreSQL.

The URL comes from ``SIPIJAR_DATABASE_URL``; the default is the embedded SQLite file in ``data/``.
SQLite gets foreign keys, WAL and a busy timeout on every connection, so that several Streamlit
sessions (threads) can write without "database is locked".
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "data" / "sipijar.db"
#: How long a SQLite writer waits for the lock. Long jobs commit in short transactions (docs/security.md),
#: so a wait this long means something is wrong; the page then retries once and shows a message.
BUSY_TIMEOUT_S = 10


def database_url() -> str:
    """The configured database URL (environment first, then the embedded default)."""
    return os.environ.get("SIPIJAR_DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cursor.close()


def make_engine(url: str | None = None, **kwargs) -> Engine:
    """Create an engine for ``url`` (default: :func:`database_url`) with the house settings."""
    url = url or database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": BUSY_TIMEOUT_S})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)

        # SQLite's own BEGIN is deferred; take the write lock at the start of each transaction so
        # that two writers queue on the busy timeout instead of failing on lock upgrade.
        @event.listens_for(engine, "connect")
        def _no_pysqlite_begin(dbapi_connection, _record):
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin_immediate(conn):
            readonly = conn.get_execution_options().get("sipijar_readonly")
            conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

        return engine
    kwargs.setdefault("pool_pre_ping", True)
    # Per replica: enough connections for the concurrent actions it serves (SIPIJAR_DB_POOL_SIZE); keep
    # pool size x replicas below PostgreSQL's max_connections.
    kwargs.setdefault("pool_size", int(os.environ.get("SIPIJAR_DB_POOL_SIZE", "10")))
    kwargs.setdefault("max_overflow", int(os.environ.get("SIPIJAR_DB_MAX_OVERFLOW", "30")))
    return create_engine(url, **kwargs)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
