"""The ``sipijar`` commands, one module per area; ``cli.py`` assembles them. Each command acts as the
:class:`Operator` — the system user at the shell — whom the audit log names."""

from __future__ import annotations

import argparse
import getpass
import os
from datetime import date

from services.platform.access import Operator


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
