"""The ``sipijar`` command for the operator: database upgrade, pegawai import, demo data, accounts, the month's
Rekap TPP, Tutup Bulan and Daftar TPP.

Each subcommand registers itself in :func:`build_parser` and runs through one handler taking the
parsed arguments and returning the exit code. Domain errors end as a message on stderr with exit 1,
never as a traceback. The commands act as the :class:`Operator` — the system user at the shell — whom the
audit log names.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.exc import OperationalError

from db.engine import make_engine
from db.migrate import upgrade
from db.session import session_scope, terkunci
from services.contoh import demo
from services.organisasi.import_pegawai import HasilImport, Kredensial, impor, kredensial_csv
from services.platform import auth, kalender
from services.platform.access import Operator
from services.platform.errors import SipijarError, ValidationError


def _operator() -> Operator:
    """The person at the shell: the user behind ``sudo`` if any, else the logged-in system user."""
    try:
        nama = os.environ.get("SUDO_USER") or getpass.getuser()
    except OSError:  # no user name in the environment nor in the password database
        nama = f"uid {os.getuid()}"
    return Operator(nama)


def _tanggal(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'tanggal "{text}" tidak valid; gunakan format YYYY-MM-DD.') from None


def _cmd_db_upgrade(_args: argparse.Namespace) -> int:
    engine = make_engine()
    try:
        upgrade(engine)
        with session_scope(engine) as session:
            # docs/domain.md §8.24: a deployment holds the calendar of every year in use without an admin action.
            diisi = kalender.pastikan_tahun_terpakai(session, _operator())
    finally:
        engine.dispose()
    print("Skema database sudah diperbarui ke versi terbaru.")
    baru = {tahun: jumlah for tahun, jumlah in diisi.items() if jumlah}
    for tahun, jumlah in baru.items():
        print(
            f"Kalender {tahun}: {jumlah} hari libur dan cuti bersama diisi dari kalender nasional (belum dikonfirmasi)."
        )
    return 0


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

        hasil = impor(engine, _operator(), args.file, efektif=args.efektif, sebelum_commit=tulis)
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
            auth.setel_password(session, _operator(), args.nip, password, must_change=not args.tetap)
    finally:
        engine.dispose()
    wajib = "" if args.tetap else " Pegawai wajib menggantinya saat login berikutnya."
    print(f"Password akun {args.nip} sudah diatur; semua sesi login akun ini diakhiri.{wajib}")
    return 0


def _cmd_user_unlock(args: argparse.Namespace) -> int:
    engine = make_engine()
    try:
        with session_scope(engine) as session:
            auth.buka_kunci(session, _operator(), args.nip)
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


def _cmd_rekap_tpp(args: argparse.Namespace) -> int:
    from services.aktivitas import rekap_tpp
    from services.platform import format as fmt

    tahun, bulan = rekap_tpp.baca_bulan(args.bulan)
    out = Path(args.out)
    format = out.suffix.lower().lstrip(".")
    if format not in rekap_tpp.FORMATS:
        raise ValidationError(f"Berkas keluaran {out} harus berakhiran .csv atau .xlsx.")
    engine = make_engine()
    try:
        with session_scope(engine, readonly=True) as session:
            data = rekap_tpp.rekap(session, _operator(), tahun, bulan, args.unit)
            content = rekap_tpp.file_bytes(data, format)
    finally:
        engine.dispose()
    out.write_bytes(content)
    print(
        f"Rekap TPP {tahun}-{bulan:02d}: {len(data.rows)} pegawai, jumlah TPP produktivitas "
        f"{fmt.rupiah(data.total_tpp_produktivitas)}; ditulis ke {out.resolve()}"
        + (f"\n{data.keterangan}." if data.keterangan else "")
    )
    return 0


def _cmd_tutup_bulan(args: argparse.Namespace) -> int:
    from services.aktivitas import rekap_tpp, tutup_bulan

    tahun, bulan = rekap_tpp.baca_bulan(args.bulan)
    engine = make_engine()
    try:
        tutup = tutup_bulan.tutup(engine, _operator(), tahun, bulan)
    finally:
        engine.dispose()
    print(f"{tutup.keterangan} (versi {tutup.versi}).")
    return 0


def _cmd_daftar_tpp(args: argparse.Namespace) -> int:
    from services.aktivitas import daftar_tpp, rekap_tpp
    from services.platform import format as fmt

    tahun, bulan = rekap_tpp.baca_bulan(args.bulan)
    engine = make_engine()
    try:
        with session_scope(engine, readonly=True) as session:
            data = daftar_tpp.daftar(session, _operator(), tahun, bulan)
    finally:
        engine.dispose()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for opd in data.opd:
        (out / daftar_tpp.nama_berkas_pdf(data, opd)).write_bytes(daftar_tpp.pdf_bytes(data, opd))
    (out / daftar_tpp.nama_berkas_xlsx(data)).write_bytes(daftar_tpp.xlsx_bytes(data))
    print(
        f"Daftar TPP {tahun}-{bulan:02d}: {len(data.opd)} OPD, jumlah TPP produktivitas "
        f"{fmt.rupiah(data.total_tpp_produktivitas)}; {len(data.opd)} PDF dan 1 XLSX ditulis ke {out.resolve()}"
    )
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
        path = backup.backup(engine, _operator(), Path(args.file))
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
        backup.restore(engine, _operator(), Path(args.file))
    finally:
        engine.dispose()
    print(f"Basis data dipulihkan dari {args.file}.")
    return 0


def _add_db(commands) -> None:
    db = commands.add_parser("db", help="pengelolaan skema database")
    sub = db.add_subparsers(dest="aksi", metavar="AKSI", required=True)
    sub.add_parser("upgrade", help="perbarui skema database ke versi terbaru").set_defaults(handler=_cmd_db_upgrade)


def _add_import_pegawai(commands) -> None:
    cmd = commands.add_parser("import-pegawai", help="impor data pegawai dari berkas CSV atau XLSX")
    cmd.add_argument("file", help="berkas .csv atau .xlsx (baris pertama = judul kolom)")
    cmd.add_argument("--efektif", type=_tanggal, metavar="YYYY-MM-DD", help="tanggal berlaku mutasi (bawaan: hari ini)")
    cmd.add_argument(
        "--credentials-out",
        metavar="PATH",
        help="berkas CSV untuk password awal akun baru (bawaan: credentials-WAKTU.csv)",
    )
    cmd.set_defaults(handler=_cmd_import_pegawai)


def _add_seed_demo(commands) -> None:
    commands.add_parser("seed-demo", help="muat data demo ke database yang masih kosong").set_defaults(
        handler=_cmd_seed_demo
    )


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


def _add_rekap_tpp(commands) -> None:
    cmd = commands.add_parser("rekap-tpp", help="rekap capaian aktivitas dan TPP produktivitas satu bulan")
    cmd.add_argument("--bulan", required=True, metavar="YYYY-MM", help="bulan rekap, misalnya 2026-03")
    cmd.add_argument("--unit", metavar="NAMA", help="hanya unit kerja ini beserta unit di bawahnya")
    cmd.add_argument("--out", required=True, metavar="FILE", help="berkas keluaran .csv atau .xlsx")
    cmd.set_defaults(handler=_cmd_rekap_tpp)


def _add_bulan(commands) -> None:
    cmd = commands.add_parser(
        "tutup-bulan", help="tutup bulan: bekukan capaian dan TPP satu bulan (sesudah batas entri)"
    )
    cmd.add_argument("--bulan", required=True, metavar="YYYY-MM", help="bulan yang ditutup, misalnya 2026-03")
    cmd.set_defaults(handler=_cmd_tutup_bulan)
    cmd = commands.add_parser(
        "daftar-tpp", help="Daftar TPP per OPD (PDF per OPD dan satu XLSX) dari bulan yang ditutup"
    )
    cmd.add_argument("--bulan", required=True, metavar="YYYY-MM", help="bulan yang sudah ditutup, misalnya 2026-03")
    cmd.add_argument("--out", required=True, metavar="DIR", help="folder keluaran (dibuat bila belum ada)")
    cmd.set_defaults(handler=_cmd_daftar_tpp)


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sipijar", description="Perintah operator SIPIJAR.")
    commands = parser.add_subparsers(dest="perintah", metavar="PERINTAH", required=True)
    for add in (
        _add_db,
        _add_import_pegawai,
        _add_seed_demo,
        _add_user,
        _add_rekap_tpp,
        _add_bulan,
        _add_generate,
        _add_backup,
    ):
        add(commands)
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
