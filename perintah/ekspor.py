"""``sipijar ekspor-ekinerja``: validated activities in the fields of BKN e-Kinerja's "Tambah Progress Harian"
(docs/domain.md §8.33), for one pegawai (``--nip``) or one unit and the units below it (``--unit``); ``sipijar
ekspor-siasn``: a year's Final evaluations in the fields of SIASN's records (§8.34)."""

from __future__ import annotations

import argparse

from db.engine import make_engine
from db.session import session_scope
from perintah import berkas_keluaran, operator, tanggal
from services.aktivitas import ekspor_ekinerja
from services.evaluasi import ekspor_siasn
from services.organisasi import struktur
from services.platform.errors import ValidationError


def _cmd_ekspor_ekinerja(args: argparse.Namespace) -> int:
    out, format = berkas_keluaran(args.out, ekspor_ekinerja.FORMATS)
    engine = make_engine()
    try:
        with session_scope(engine, readonly=True) as session:
            if args.nip:
                rows = ekspor_ekinerja.progres_pegawai(session, operator(), args.nip, args.dari, args.sampai)
            else:
                rows = ekspor_ekinerja.progres_unit(session, operator(), args.unit, args.dari, args.sampai)
    finally:
        engine.dispose()
    out.write_bytes(ekspor_ekinerja.berkas(rows, format))
    print(f"{len(rows)} aktivitas tervalidasi ({args.dari} s.d. {args.sampai}) ditulis ke {out.resolve()}")
    return 0


def _cmd_ekspor_siasn(args: argparse.Namespace) -> int:
    out, format = berkas_keluaran(args.out, ("xlsx", "json", "csv"))
    engine = make_engine()
    try:
        with session_scope(engine, readonly=True) as session:
            unit_id = None
            if args.unit:
                unit = struktur.unit_by_name(session, args.unit)
                if unit is None:
                    raise ValidationError(f'Unit kerja "{args.unit}" tidak ditemukan.')
                unit_id = unit.id
            data = ekspor_siasn.kumpulkan(session, operator(), args.tahun, unit_id)
    finally:
        engine.dispose()
    out.write_bytes(ekspor_siasn.berkas(data, format, args.jenis))
    print(
        f"SIASN {data.tahun}: {len(data.tahunan)} rekaman tahunan, {len(data.periodik)} periodik; ditulis ke "
        f"{out.resolve()}"
        + (f"\n{len(data.tanpa_tahunan)} pegawai belum memiliki evaluasi tahunan Final." if data.tanpa_tahunan else "")
    )
    return 0


def tambah(commands) -> None:
    """Register this module's commands."""
    cmd = commands.add_parser(
        "ekspor-ekinerja", help="aktivitas tervalidasi dalam kolom Tambah Progress Harian e-Kinerja BKN (CSV/XLSX)"
    )
    siapa = cmd.add_mutually_exclusive_group(required=True)
    siapa.add_argument("--nip", help="satu pegawai")
    siapa.add_argument("--unit", metavar="NAMA", help="unit kerja ini beserta unit di bawahnya (paling lama 31 hari)")
    cmd.add_argument("--dari", type=tanggal, required=True, metavar="YYYY-MM-DD", help="tanggal awal")
    cmd.add_argument("--sampai", type=tanggal, required=True, metavar="YYYY-MM-DD", help="tanggal akhir")
    cmd.add_argument("--out", required=True, metavar="FILE", help="berkas keluaran .csv atau .xlsx")
    cmd.set_defaults(handler=_cmd_ekspor_ekinerja)
    cmd = commands.add_parser(
        "ekspor-siasn", help="hasil evaluasi Final setahun dalam kolom rekaman SIASN (XLSX/JSON/CSV)"
    )
    cmd.add_argument("--tahun", type=int, required=True, help="tahun penilaian")
    cmd.add_argument("--unit", metavar="NAMA", help="hanya unit kerja ini beserta unit di bawahnya")
    cmd.add_argument(
        "--jenis", choices=list(ekspor_siasn.JENIS), default="tahunan", help="untuk .csv: rekaman tahunan atau periodik"
    )
    cmd.add_argument("--out", required=True, metavar="FILE", help="berkas keluaran .xlsx, .json atau .csv")
    cmd.set_defaults(handler=_cmd_ekspor_siasn)
