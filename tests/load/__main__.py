"""``make loadtest`` / ``python -m tests.load``: concurrent users on the app and on the empty floor page, in one
run, written to docs/benchmark-load.md. Run it on an otherwise quiet machine: its figures are what users would feel."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from tests.load import data, laporan
from tests.load.beban import (
    Sasaran,
    Tingkat,
    kosong,
    log_server,
    replika,
    satu_proses,
    sendiri,
    sesi_diam,
    tingkat,
)
from tests.load.pengguna import Skenario
from tests.load.server import ROOT, beban_mesin

#: The variants of Streamlit's post-run garbage collection measured by --gc (issue #20, point 3).
#: "setelan" is the repository's own (.streamlit/config.toml, components/memori.py); "bawaan" the code path
#: before issue #20 (Streamlit's full collection after every run, no frozen heap).
GC = {
    "setelan": ((), {}),
    "bawaan": (("--runner.postScriptGC", "true"), {"SIPIJAR_GC_FREEZE": "0"}),
    "mati": (("--runner.postScriptGC", "false"), {"SIPIJAR_GC_FREEZE": "0"}),
    "beku": (("--runner.postScriptGC", "true"), {"SIPIJAR_GC_FREEZE": "1"}),
    "beku-mati": (("--runner.postScriptGC", "false"), {"SIPIJAR_GC_FREEZE": "1"}),
}


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m tests.load", description=__doc__)
    p.add_argument("--pengguna", default="10,25,50,100,200,400", help="user counts, one level each")
    p.add_argument("--durasi", type=float, default=60, help="seconds per level")
    p.add_argument("--berpikir", default="5-15", help="think time between actions, seconds (min-max)")
    p.add_argument("--regency", default="10000x3", help="pegawai x months of the generated regency")
    p.add_argument(
        "--deployment",
        default="kosong-bawaan,kosong-app,sqlite,replika",
        help="kosong-bawaan (empty page, Streamlit's defaults), kosong-app (empty page, the app's settings), "
        "sqlite (one process), postgresql (one process, no proxy: the database's share apart from nginx's), "
        "replika (PostgreSQL replicas behind nginx); postgresql and replika need SIPIJAR_TEST_DATABASE_URL",
    )
    p.add_argument("--replika", default="2", help="replica counts behind nginx, one deployment each (e.g. 1,2,3)")
    p.add_argument("--gc", default="setelan", choices=sorted(GC), help="post-run garbage collection variant")
    p.add_argument("--sendiri", type=int, default=5, help="one user alone: every menu screen this many times")
    p.add_argument("--jeda", type=float, default=0.5, help="one user alone: seconds between screens")
    p.add_argument("--diam", type=int, default=0, help="also measure this many idle connected sessions")
    p.add_argument("--pemanasan", type=float, default=120, help="warm-up seconds before RSS growth is counted")
    p.add_argument("--judul", default=None, help="section title in the output (default: from the options)")
    p.add_argument("--keluaran", default=str(ROOT / "docs" / "benchmark-load.md"))
    p.add_argument("--pg-nama", default=None, help="scratch PostgreSQL database (default: <url's db>_beban)")
    return p.parse_args(argv)


async def _ukur(sasaran: Sasaran, levels: list[int], durasi: float, sk: Skenario, diam: int, solo: int) -> tuple:
    hasil: list[Tingkat] = [await sendiri(sasaran, solo, sk.jeda)] if solo else []
    for n in levels:
        t = await tingkat(sasaran, n, durasi, sk)
        hasil.append(t)
        h = t.hasil
        print(
            f"{sasaran.nama:40} {n:4} users: {h.aksi:5} actions {t.per_detik:5.2f}/s, masalah {h.masalah}, "
            f"simpan {h.simpan}/{t.tersimpan_db}, CPU {t.cpu * 100:.0f} %, RSS {t.rss_akhir:.0f} MB, beban {t.beban}",
            flush=True,
        )
    per_sesi = await sesi_diam(sasaran, diam) if diam else None
    return hasil, per_sesi


def _soak(t: Tingkat, pemanasan: float) -> str:
    """A long level's memory: RSS after warm-up, at the end, and once a minute."""
    awal, akhir = t.pertumbuhan_rss(pemanasan)
    menit = ", ".join(f"{x:.0f}" for x in t.rss_seri[::60])
    return (
        f"Soak ({t.nama}, {t.n} users, {t.detik / 60:.1f} min): RSS {awal:.0f} MB after {pemanasan:.0f} s warm-up → "
        f"{akhir:.0f} MB at the end ({(akhir / awal - 1) * 100:+.1f} %); once a minute: {menit} MB."
    )


def _replika(regency: Path, pg: str, a: argparse.Namespace, jumlah: int, levels, sk, flags, env) -> tuple:
    """``jumlah`` replicas behind nginx on a fresh PostgreSQL copy of the regency, dropped afterwards."""
    nama_db = a.pg_nama or f"{pg.rsplit('/', 1)[1]}_beban"
    db_url = data.salin_postgresql(regency, pg, nama_db)
    kunci = data.kunci_cookie()
    users = data.pengguna(db_url, max(levels + [a.diam]), kunci)
    lain = data.pengguna_peran(db_url, kunci) if a.sendiri else []
    try:
        with replika(db_url, kunci, jumlah, flags, env) as s:
            s.pengguna, s.peran_lain = users, lain
            return asyncio.run(_ukur(s, levels, a.durasi, sk, a.diam, a.sendiri))
    finally:
        data.hapus_postgresql(pg, nama_db)


def _satu_proses(d: str, regency: Path, kerja: Path, a: argparse.Namespace, levels, sk, flags, env) -> tuple:
    """One ``streamlit run`` straight on a fresh copy of the regency: SQLite, or PostgreSQL without a proxy."""
    pg = os.environ.get("SIPIJAR_TEST_DATABASE_URL", "")
    nama_db = a.pg_nama or f"{pg.rsplit('/', 1)[-1]}_beban"
    db_url = (
        data.salin_postgresql(regency, pg, nama_db)
        if d == "postgresql"
        else data.salin_sqlite(regency, kerja / "sipijar.db")
    )
    nama = "SQLite" if d == "sqlite" else "PostgreSQL"
    try:
        kunci = data.kunci_cookie()
        users = data.pengguna(db_url, max(levels + [a.diam]), kunci)
        lain = data.pengguna_peran(db_url, kunci) if a.sendiri else []
        with satu_proses(db_url, kunci, flags, env) as server:
            s = Sasaran(f"app, 1 process, {nama}", server.url, server.pids, users, db_url, peran_lain=lain)
            hasil, per_sesi = asyncio.run(_ukur(s, levels, a.durasi, sk, a.diam, a.sendiri))
            return hasil, per_sesi, [f"Server traceback ({nama}): {b}" for b in log_server(server.log)[:3]]
    finally:
        if d == "postgresql":
            data.hapus_postgresql(pg, nama_db)


def main(argv: list[str] | None = None) -> int:
    a = _args(argv)
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # the harness imports components.auth outside a run
    levels = [int(x) for x in a.pengguna.split(",")]
    lo, hi = (float(x) for x in a.berpikir.split("-"))
    sk = Skenario((lo, hi), jeda=a.jeda)
    flags, env = GC[a.gc]
    pegawai, bulan = (int(x) for x in a.regency.split("x"))
    deployments = a.deployment.split(",")
    semua: list[Tingkat] = []
    tambahan: list[str] = []
    kerja = Path(tempfile.mkdtemp(prefix="b-beban-"))
    regency = data.regency(pegawai, bulan) if {"sqlite", "postgresql", "replika"} & set(deployments) else None
    try:
        for d in deployments:
            if d in ("postgresql", "replika") and not os.environ.get("SIPIJAR_TEST_DATABASE_URL"):
                print(f"{d}: SIPIJAR_TEST_DATABASE_URL is not set; skipped", file=sys.stderr)
                continue
            if d.startswith("kosong"):
                bawaan = d == "kosong-bawaan"
                with kosong(not bawaan, () if bawaan else flags) as server:
                    nama = "empty page, Streamlit defaults" if bawaan else "empty page, app settings"
                    s = Sasaran(nama, server.url, server.pids, None)
                    hasil, per_sesi = asyncio.run(_ukur(s, levels, a.durasi, sk, a.diam, a.sendiri))
            elif d in ("sqlite", "postgresql"):
                assert regency is not None
                hasil, per_sesi, log = _satu_proses(d, regency, kerja, a, levels, sk, flags, env)
                tambahan += log
            elif d == "replika":
                pg = os.environ["SIPIJAR_TEST_DATABASE_URL"]
                assert regency is not None
                hasil = []
                for jumlah in (int(x) for x in a.replika.split(",")):  # a fresh copy each: the same start
                    h, per_sesi = _replika(regency, pg, a, jumlah, levels, sk, flags, env)
                    hasil += h
            else:
                raise SystemExit(f"unknown deployment {d!r}")
            semua += hasil
            tambahan += [_soak(t, a.pemanasan) for t in hasil if len(t.rss_seri) > 2 * a.pemanasan]
            if per_sesi is not None:
                nama = hasil[0].nama
                tambahan.append(f"Idle connected session ({nama}): {per_sesi:.2f} MB each ({a.diam} sessions).")
    finally:
        shutil.rmtree(kerja, ignore_errors=True)  # the regency's copies
    perintah = "python -m tests.load " + shlex.join(argv if argv is not None else sys.argv[1:])
    judul = a.judul or f"{a.deployment} · gc {a.gc} · {a.pengguna} users × {a.durasi:.0f} s"
    keterangan = [
        f"regency {pegawai:,} pegawai × {bulan} months (`sipijar generate`), a fresh copy per deployment",
        f"think time {lo:g}–{hi:g} s; post-run GC variant `{a.gc}` "
        f"({' '.join([*flags, *(f'{k}={v}' for k, v in env.items())]) or 'as the repository configures it'})",
        f"load average at the end: {beban_mesin()} (2 cores, shared with other jobs)",
    ]
    bagian = laporan.bagian(judul, perintah, keterangan, semua, tambahan)
    laporan.tulis(Path(a.keluaran), judul, bagian)
    print(bagian)
    return 0


if __name__ == "__main__":
    sys.exit(main())
