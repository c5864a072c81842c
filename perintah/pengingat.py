"""``sipijar kirim-pengingat [--dry-run]``: today's reminders and digests (docs/domain.md §8.36), run by a timer.
Idempotent: a run repeated the same day, or overlapping another, sends nothing twice. Exit 0 when nothing failed,
2 when some deliveries failed (they are retried by the next runs and listed for the admin)."""

from __future__ import annotations

import argparse

from db.engine import make_engine
from perintah import operator

GAGAL_SEBAGIAN = 2


def _cmd_kirim_pengingat(args: argparse.Namespace) -> int:
    from services.pengingat.kirim import kirim_pengingat

    engine = make_engine()
    try:
        hasil = kirim_pengingat(engine, operator(), dry_run=args.dry_run)
    finally:
        engine.dispose()
    for baris in hasil.rencana:
        print(baris)
    print(hasil.ringkasan())
    return GAGAL_SEBAGIAN if hasil.gagal else 0


def tambah(commands) -> None:
    """Register this module's commands."""
    cmd = commands.add_parser(
        "kirim-pengingat", help="kirim pengingat dan digest hari ini (e-mail, notifikasi aplikasi, webhook)"
    )
    cmd.add_argument("--dry-run", action="store_true", help="hanya tampilkan yang akan dikirim; tidak mengirim apa pun")
    cmd.set_defaults(handler=_cmd_kirim_pengingat)
