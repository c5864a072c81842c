"""``sipijar db upgrade``, ``seed-demo``, ``generate``, ``backup`` and ``restore``: the database itself."""

from __future__ import annotations

import argparse
from pathlib import Path

from db.engine import make_engine
from db.migrate import upgrade
from db.session import session_scope
from perintah import operator
from services.contoh import demo
from services.platform import kalender


def _cmd_db_upgrade(_args: argparse.Namespace) -> int:
    engine = make_engine()
    try:
        upgrade(engine)
        with session_scope(engine) as session:
            # docs/domain.md §8.24: a deployment holds the calendar of every year in use without an admin action.
            diisi = kalender.pastikan_tahun_terpakai(session, operator())
    finally:
        engine.dispose()
    print("Skema database sudah diperbarui ke versi terbaru.")
    baru = {tahun: jumlah for tahun, jumlah in diisi.items() if jumlah}
    for tahun, jumlah in baru.items():
        print(
            f"Kalender {tahun}: {jumlah} hari libur dan cuti bersama diisi dari kalender nasional (belum dikonfirmasi)."
        )
    return 0


def _cmd_seed_demo(_args: argparse.Namespace) -> int:
    engine = make_engine()
    try:
        upgrade(engine)
        with session_scope(engine) as session:
            if not demo.kosong(session):
                print("Database sudah berisi data pegawai; data demo tidak dimuat.")
                return 0
            info = demo.isi_demo(session)
    finally:
        engine.dispose()
    print(f"Data demo dimuat: {info.units} unit kerja, {info.pegawai} pegawai, {info.aktivitas} aktivitas harian.")
    print(f"Semua akun demo memakai password {demo.DEMO_PASSWORD}, misalnya:")
    for login in info.logins:
        print(f"  {login.peran}: {login.nama} (NIP {login.nip})")
    return 0


def _cmd_generate(args: argparse.Namespace) -> int:
    from services.contoh.sintetis import generate

    engine = make_engine()
    try:
        upgrade(engine)
        info = generate(engine, args.pegawai, args.bulan, seed=args.seed, tahun=args.tahun, progress=print)
    finally:
        engine.dispose()
    print(
        f"Selesai dalam {info.seconds:.0f} detik: {info.pegawai} pegawai, {info.aktivitas} aktivitas "
        f"({info.dari} s.d. {info.sampai}). Semua akun memakai password: {info.password}"
    )
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from services.platform import backup

    engine = make_engine()
    try:
        path = backup.backup(engine, operator(), Path(args.file))
    finally:
        engine.dispose()
    print(f"Cadangan basis data ditulis ke {path.resolve()}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from services.platform import backup

    if not args.ya:
        jawab = input(
            "Pemulihan MENGGANTI seluruh isi basis data dengan isi cadangan. Hentikan aplikasi "
            "terlebih dahulu. Ketik YA untuk melanjutkan: "
        )
        if jawab.strip() != "YA":
            print("Dibatalkan; basis data tidak diubah.")
            return 1
    engine = make_engine()
    try:
        backup.restore(engine, operator(), Path(args.file))
    finally:
        engine.dispose()
    print(f"Basis data dipulihkan dari {args.file}.")
    return 0


def _add_db(commands) -> None:
    db = commands.add_parser("db", help="pengelolaan skema database")
    sub = db.add_subparsers(dest="aksi", metavar="AKSI", required=True)
    sub.add_parser("upgrade", help="perbarui skema database ke versi terbaru").set_defaults(handler=_cmd_db_upgrade)


def _add_seed_demo(commands) -> None:
    commands.add_parser("seed-demo", help="muat data demo ke database yang masih kosong").set_defaults(
        handler=_cmd_seed_demo
    )


def _add_generate(commands) -> None:
    cmd = commands.add_parser("generate", help="isi database kosong dengan kabupaten sintetis (uji skala)")
    cmd.add_argument("--pegawai", type=int, required=True, help="jumlah pegawai (minimal 10)")
    cmd.add_argument("--bulan", type=int, required=True, help="jumlah bulan aktivitas (1-24)")
    cmd.add_argument("--seed", type=int, default=2026, help="benih acak (hasil sama untuk benih sama)")
    cmd.add_argument("--tahun", type=int, default=None, help="tahun bulan terakhir (bawaan: tahun ini)")
    cmd.set_defaults(handler=_cmd_generate)


def _add_backup(commands) -> None:
    cmd = commands.add_parser("backup", help="cadangkan seluruh basis data ke satu berkas (aman saat aplikasi jalan)")
    cmd.add_argument("file", help="berkas tujuan (tidak boleh sudah ada)")
    cmd.set_defaults(handler=_cmd_backup)
    restore = commands.add_parser("restore", help="pulihkan basis data dari berkas cadangan (hentikan aplikasi dulu)")
    restore.add_argument("file", help="berkas cadangan")
    restore.add_argument("--ya", action="store_true", help="lewati pertanyaan konfirmasi")
    restore.set_defaults(handler=_cmd_restore)


def tambah(commands) -> None:
    """Register this module's commands."""
    _add_db(commands)
    _add_seed_demo(commands)
    _add_generate(commands)
    _add_backup(commands)
