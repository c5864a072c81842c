"""``sipijar import-pegawai`` and ``sipijar user …``: the pegawai and their accounts."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import datetime
from pathlib import Path

from db.engine import make_engine
from db.migrate import upgrade
from db.session import session_scope
from perintah import operator, tanggal
from services.organisasi.import_pegawai import HasilImport, Kredensial, impor, kredensial_csv
from services.platform import auth
from services.platform.errors import ValidationError


def _write_credentials(path: Path, kredensial: list[Kredensial]) -> None:
    """Written once, readable by the owner only, never over an existing file."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise ValidationError(
            f"Berkas kredensial {path} tidak dapat dibuat ({exc.strerror}); impor dibatalkan."
        ) from None
    try:
        os.fchmod(fd, 0o600)
        with open(fd, "w", encoding="utf-8-sig", newline="") as out:
            out.write(kredensial_csv(kredensial))
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise ValidationError(
            f"Berkas kredensial {path} tidak dapat ditulis ({exc.strerror}); impor dibatalkan."
        ) from None


def _cmd_import_pegawai(args: argparse.Namespace) -> int:
    out = Path(args.credentials_out or f"credentials-{datetime.now():%Y%m%d-%H%M%S}.csv")
    if args.credentials_out and out.exists():  # fail before hashing; the exclusive create still guards
        raise ValidationError(f"Berkas kredensial {out} sudah ada; pilih nama lain dengan --credentials-out.")
    engine = make_engine()
    written = False
    try:
        upgrade(engine)

        def tulis(hasil_import: HasilImport) -> None:
            # Written before the commit: if the file cannot be written, the import rolls back and no
            # account is left with a password nobody knows.
            nonlocal written
            if hasil_import.kredensial:
                _write_credentials(out, hasil_import.kredensial)
                written = True

        hasil = impor(engine, operator(), args.file, efektif=args.efektif, sebelum_commit=tulis)
    except BaseException:
        if written:
            out.unlink(missing_ok=True)
        raise
    finally:
        engine.dispose()
    print(
        f"Impor selesai: {hasil.dibuat} pegawai baru, {hasil.diperbarui} diperbarui "
        f"({hasil.mutasi} mutasi), {hasil.tidak_berubah} tidak berubah."
    )
    if written:
        print(f"Password awal {len(hasil.kredensial)} akun baru ditulis ke {out.resolve()}")
        print("Berkas ini hanya dibuat sekali: serahkan password kepada pegawai lalu hapus berkasnya.")
    else:
        print("Tidak ada password yang dibuat, jadi tidak ada berkas kredensial.")
    return 0


def _read_new_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password baru: ")
        if getpass.getpass("Ulangi password baru: ") != password:
            raise ValidationError("Kedua password tidak sama.")
    if not password:
        raise ValidationError("Password tidak boleh kosong.")
    return password


def _cmd_user_set_password(args: argparse.Namespace) -> int:
    password = _read_new_password(args)
    engine = make_engine()
    try:
        with session_scope(engine) as session:
            auth.setel_password(session, operator(), args.nip, password, must_change=not args.tetap)
    finally:
        engine.dispose()
    wajib = "" if args.tetap else " Pegawai wajib menggantinya saat login berikutnya."
    print(f"Password akun {args.nip} sudah diatur; semua sesi login akun ini diakhiri.{wajib}")
    return 0


def _cmd_user_unlock(args: argparse.Namespace) -> int:
    engine = make_engine()
    try:
        with session_scope(engine) as session:
            auth.buka_kunci(session, operator(), args.nip)
    finally:
        engine.dispose()
    print(f"Kunci akun {args.nip} sudah dibuka.")
    return 0


def _cmd_user_terapkan_berhenti(_args: argparse.Namespace) -> int:
    from services.organisasi import status_pegawai
    from services.platform.kalender import hari_ini

    engine = make_engine()
    try:
        with session_scope(engine) as session:
            jumlah = status_pegawai.terapkan_jatuh_tempo(session, hari_ini())
    finally:
        engine.dispose()
    print(f"{jumlah} pegawai yang tanggal berhentinya sudah tiba kini nonaktif.")
    return 0


def _add_import_pegawai(commands) -> None:
    cmd = commands.add_parser("import-pegawai", help="impor data pegawai dari berkas CSV atau XLSX")
    cmd.add_argument("file", help="berkas .csv atau .xlsx (baris pertama = judul kolom)")
    cmd.add_argument("--efektif", type=tanggal, metavar="YYYY-MM-DD", help="tanggal berlaku mutasi (bawaan: hari ini)")
    cmd.add_argument(
        "--credentials-out",
        metavar="PATH",
        help="berkas CSV untuk password awal akun baru (bawaan: credentials-WAKTU.csv)",
    )
    cmd.set_defaults(handler=_cmd_import_pegawai)


def _add_user(commands) -> None:
    user = commands.add_parser("user", help="pengelolaan akun pegawai")
    sub = user.add_subparsers(dest="aksi", metavar="AKSI", required=True)
    set_pw = sub.add_parser("set-password", help="atur password akun (mengakhiri semua sesi login)")
    set_pw.add_argument("nip")
    set_pw.add_argument("--password-stdin", action="store_true", help="baca password dari satu baris stdin")
    set_pw.add_argument("--tetap", action="store_true", help="pegawai tidak wajib mengganti password ini")
    set_pw.set_defaults(handler=_cmd_user_set_password)
    unlock = sub.add_parser("unlock", help="buka kunci akun setelah terlalu banyak percobaan login gagal")
    unlock.add_argument("nip")
    unlock.set_defaults(handler=_cmd_user_unlock)
    sub.add_parser(
        "terapkan-berhenti", help="nonaktifkan pegawai yang tanggal berhentinya sudah tiba (aman diulang, mis. cron)"
    ).set_defaults(handler=_cmd_user_terapkan_berhenti)


def tambah(commands) -> None:
    """Register this module's commands."""
    _add_import_pegawai(commands)
    _add_user(commands)
