"""Import of pegawai from a CSV or XLSX file (docs/domain.md §6), all or nothing.

The whole file is read and checked before anything is written, and every bad row and column is
reported at once, so the admin fixes the file in one pass. Re-importing updates by NIP and changes
nothing that is already equal (no audit rows, no periods, no password hashing). A new jabatan, unit
or atasan of an existing pegawai is a mutasi (§3.1).

Optional columns: a column left out of the file leaves that field as it is; an empty cell sets the
default (no atasan = top of the hierarchy, no peran, TPP 0, "tidak"). ``unit_induk`` describes the
unit, not the pegawai: an empty cell says nothing about where the unit sits.

The work is split by phase: import_berkas reads and parses the file, import_periksa checks it across
rows and against the database, import_terapkan writes it. This module is the public entry.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from db.session import session_scope
from services.organisasi.import_berkas import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    ImportDitolak,
    KesalahanBaris,
    read_rows,
)
from services.organisasi.import_periksa import check, parse
from services.organisasi.import_terapkan import HasilImport, Kredensial, apply, siapkan_password
from services.platform.access import Actor, Operator, require_admin_or_operator
from services.platform.errors import ValidationError
from services.platform.kalender import hari_ini
from services.platform.spreadsheet import csv_text

__all__ = [
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "HasilImport",
    "ImportDitolak",
    "KesalahanBaris",
    "Kredensial",
    "import_file",
    "impor",
    "kredensial_csv",
]


def _baca(path_or_bytes: str | Path | bytes, filename: str | None) -> list[tuple[int, list[Any]]]:
    if isinstance(path_or_bytes, bytes):
        return read_rows(path_or_bytes, filename or "")
    path = Path(path_or_bytes)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Berkas {path} tidak dapat dibuka: {exc.strerror}.") from None
    return read_rows(data, filename or path.name)


def import_file(
    session: Session,
    actor: Actor | Operator,
    path_or_bytes: str | Path | bytes,
    filename: str | None = None,
    efektif: date | None = None,
) -> HasilImport:
    """Import a pegawai file into the caller's transaction; raises :class:`ImportDitolak` (or
    ValidationError for an unreadable file) before writing anything. An admin or the operator (the
    ``sipijar import-pegawai`` command) may import. ``efektif`` (default today) dates the mutasi.
    The passwords are hashed inside the transaction: the app and the CLI use :func:`impor`."""
    require_admin_or_operator(actor)
    rencana = check(session, actor, _baca(path_or_bytes, filename))
    return apply(session, actor, rencana, efektif or hari_ini())


@contextmanager
def _tanpa_gc() -> Iterator[None]:
    """The write transaction of a large file allocates hundreds of thousands of objects, and Python's cyclic
    collector would walk every live one again and again while SQLite's write lock is held (a third of that
    time at 20,000 rows, docs/benchmark.md). Reference counting still frees them; the collector runs after."""
    aktif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aktif:
            gc.enable()


def impor(
    engine: Engine,
    actor: Actor | Operator,
    path_or_bytes: str | Path | bytes,
    filename: str | None = None,
    efektif: date | None = None,
    sebelum_commit: Callable[[HasilImport], None] | None = None,
) -> HasilImport:
    """:func:`import_file` in its own transactions, so that the write lock is held only for the writes:
    the file is read and checked in a read-only transaction, the new accounts' passwords are hashed
    outside any transaction, then one write transaction checks again (the database may have changed)
    and writes set-wise, all or nothing. ``sebelum_commit(hasil)`` runs inside it (the CLI writes the
    credentials file there, so a failure to write it rolls the import back)."""
    require_admin_or_operator(actor)
    table = parse(_baca(path_or_bytes, filename))
    with session_scope(engine, readonly=True) as session:
        rencana = check(session, actor, table)
    siap = siapkan_password(rencana)
    with _tanpa_gc(), session_scope(engine) as session:
        hasil = apply(session, actor, check(session, actor, table), efektif or hari_ini(), siap)
        if sebelum_commit is not None:
            sebelum_commit(hasil)
    return hasil


def kredensial_csv(kredensial: list[Kredensial]) -> str:
    """The generated initial passwords as CSV for the admin (formula-safe; write it as utf-8-sig so
    Excel reads the names right)."""
    return csv_text(["nip", "nama", "password"], [(k.nip, k.nama, k.password) for k in kredensial])
