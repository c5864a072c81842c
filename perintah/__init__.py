"""The ``sipijar`` commands, one module per area; ``cli.py`` assembles them. Each command acts as the
:class:`Operator` — the system user at the shell — whom the audit log names."""

from __future__ import annotations

import argparse
import getpass
import os
from collections.abc import Collection
from datetime import date
from pathlib import Path

from services.platform.access import Operator
from services.platform.errors import ValidationError


def operator() -> Operator:
    """The person at the shell: the user behind ``sudo`` if any, else the logged-in system user."""
    try:
        nama = os.environ.get("SUDO_USER") or getpass.getuser()
    except OSError:  # no user name in the environment nor in the password database
        nama = f"uid {os.getuid()}"
    return Operator(nama)


def tanggal(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'tanggal "{text}" tidak valid; gunakan format YYYY-MM-DD.') from None


def berkas_keluaran(path: str, formats: Collection[str]) -> tuple[Path, str]:
    """The output file and its format, read from its suffix; another suffix is refused before any work."""
    out = Path(path)
    format = out.suffix.lower().lstrip(".")
    if format not in formats:
        nama = [f".{f}" for f in formats]
        daftar = nama[0] if len(nama) == 1 else f"{', '.join(nama[:-1])} atau {nama[-1]}"
        raise ValidationError(f"Berkas keluaran {out} harus berakhiran {daftar}.")
    return out, format
