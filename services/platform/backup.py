"""Backup and restore of the whole database, consistent while the app keeps writing.

SQLite: ``VACUUM INTO`` writes a consistent, compacted copy from one read transaction. In WAL mode a
reader blocks no writer, and nothing restarts when the app writes meanwhile (the online backup API in
steps starts over after every write from another connection, so a busy database never finished).
PostgreSQL: ``pg_dump --format=custom`` (one consistent snapshot by MVCC) and ``pg_restore``;
both client tools must be on PATH. Only the :class:`Operator` at the server's shell may do either.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from services.platform.access import Operator, require_operator
from services.platform.errors import ValidationError


def _database_name(engine: Engine) -> str:
    """The SQLite file or the PostgreSQL database; an in-memory SQLite database has no file to copy."""
    database = make_url(engine.url).database
    if not database or database == ":memory:":
        raise ValidationError(
            "Basis data tanpa nama berkas atau nama database tidak dapat dicadangkan atau dipulihkan."
        )
    return database


def _pg_args(engine: Engine) -> tuple[list[str], dict[str, str]]:
    url = engine.url
    args = [
        "--host",
        url.host or "localhost",
        "--port",
        str(url.port or 5432),
        "--username",
        url.username or "postgres",
        "--dbname",
        _database_name(engine),
    ]
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = url.password
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ValidationError(f"Perintah {name} tidak ditemukan; pasang klien PostgreSQL (paket postgresql-client).")
    return path


def backup(engine: Engine, operator: Operator, destination: Path) -> Path:
    """Write a consistent copy of the database to ``destination`` (refuses to overwrite)."""
    require_operator(operator)
    destination = Path(destination)
    if destination.exists():
        raise ValidationError(f"Berkas {destination} sudah ada; pilih nama lain.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    if engine.dialect.name == "sqlite":
        source = sqlite3.connect(_database_name(engine), timeout=30)
        try:
            source.execute("VACUUM INTO ?", (str(destination),))
        except sqlite3.Error as exc:
            destination.unlink(missing_ok=True)
            raise ValidationError(f"Pencadangan gagal: {exc}.") from None
        finally:
            source.close()
        return destination
    args, env = _pg_args(engine)
    result = subprocess.run(
        [_tool("pg_dump"), "--format=custom", "--file", str(destination), *args],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        destination.unlink(missing_ok=True)
        raise ValidationError(f"pg_dump gagal: {result.stderr.strip()}")
    return destination


def restore(engine: Engine, operator: Operator, source: Path) -> None:
    """Replace the database's content with a backup. Stop the app while restoring."""
    require_operator(operator)
    source = Path(source)
    if not source.is_file():
        raise ValidationError(f"Berkas cadangan {source} tidak ditemukan.")
    if engine.dialect.name == "sqlite":
        try:
            backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            ok = (
                backup_db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                and backup_db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'").fetchone()[0]
                == 1
            )
        except sqlite3.DatabaseError:
            ok = False
        if not ok:
            raise ValidationError(f"Berkas {source} bukan cadangan basis data SIPIJAR yang utuh.")
        engine.dispose()
        target = sqlite3.connect(_database_name(engine), timeout=30)
        try:
            backup_db.backup(target)
        finally:
            target.close()
            backup_db.close()
        return
    args, env = _pg_args(engine)
    engine.dispose()
    result = subprocess.run(
        [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction", *args, str(source)],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise ValidationError(f"pg_restore gagal: {result.stderr.strip()}")
