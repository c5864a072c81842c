"""``sipijar rekap-tpp``, ``tutup-bulan`` and ``daftar-tpp``: the month's money."""

from __future__ import annotations

import argparse
from pathlib import Path

from db.engine import make_engine
from db.session import session_scope
from perintah import berkas_keluaran, operator


def _cmd_rekap_tpp(args: argparse.Namespace) -> int:
    from services.aktivitas import rekap_tpp
    from services.platform import format as fmt

    tahun, bulan = rekap_tpp.baca_bulan(args.bulan)
    out, format = berkas_keluaran(args.out, rekap_tpp.FORMATS)
    engine = make_engine()
    try:
        with session_scope(engine, readonly=True) as session:
            data = rekap_tpp.rekap(session, operator(), tahun, bulan, args.unit)
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
        tutup = tutup_bulan.tutup(engine, operator(), tahun, bulan)
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
            data = daftar_tpp.daftar(session, operator(), tahun, bulan)
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


def tambah(commands) -> None:
    """Register this module's commands."""
    _add_rekap_tpp(commands)
    _add_bulan(commands)
