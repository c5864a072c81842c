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

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from services.organisasi.import_berkas import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    ImportDitolak,
    KesalahanBaris,
    read_rows,
)
from services.organisasi.import_periksa import check
from services.organisasi.import_terapkan import HasilImport, Kredensial, apply
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
    "kredensial_csv",
]


def import_file(
    session: Session,
    actor: Actor | Operator,
    path_or_bytes: str | Path | bytes,
    filename: str | None = None,
    efektif: date | None = None,
) -> HasilImport:
    """Import a pegawai file into the caller's transaction; raises :class:`ImportDitolak` (or
    ValidationError for an unreadable file) before writing anything. An admin or the operator (the
    ``sipijar import-pegawai`` command) may import. ``efektif`` (default today) dates the mutasi."""
    require_admin_or_operator(actor)
    if isinstance(path_or_bytes, bytes):
        data = path_or_bytes
        filename = filename or ""
    else:
        path = Path(path_or_bytes)
        filename = filename or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError(f"Berkas {path} tidak dapat dibuka: {exc.strerror}.") from None
    rencana = check(session, actor, read_rows(data, filename))
    return apply(session, actor, rencana, efektif or hari_ini())


def kredensial_csv(kredensial: list[Kredensial]) -> str:
    """The generated initial passwords as CSV for the admin (formula-safe; write it as utf-8-sig so
    Excel reads the names right)."""
    return csv_text(["nip", "nama", "password"], [(k.nip, k.nama, k.password) for k in kredensial])
