"""The ``sipijar`` command for the operator: database upgrade, pegawai import, demo data, accounts, the month's
Rekap TPP, Tutup Bulan and Daftar TPP, exports, reminders (the commands live in ``perintah/``, one module per area).

Each subcommand registers itself in :func:`build_parser` and runs through one handler taking the
parsed arguments and returning the exit code. Domain errors end as a message on stderr with exit 1,
never as a traceback.
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import OperationalError

from db.session import terkunci
from perintah import basis_data, bulan, ekspor, pegawai, pengingat
from services.platform.errors import SipijarError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sipijar", description="Perintah operator SIPIJAR.")
    commands = parser.add_subparsers(dest="perintah", metavar="PERINTAH", required=True)
    for modul in (basis_data, pegawai, bulan, ekspor, pengingat):
        modul.tambah(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except SipijarError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except OperationalError as exc:
        if not terkunci(exc):
            raise
        print("Basis data sedang dikunci oleh penulisan lain; coba lagi sebentar lagi.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
