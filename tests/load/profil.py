"""``python -m tests.load.profil``: where one rerun's time goes, for docs/profil-rerun.md. A regency user,
logged in through the login form of an AppTest, reruns one page many times; cProfile runs inside the
script thread, and ``gc.callbacks`` time every full collection. AppTest skips Streamlit's post-run
collection, so ``--postscriptgc true`` makes it after each rerun as the server does (``gc.collect(2)``).
Run it once per GC variant (``--postscriptgc``, ``SIPIJAR_GC_FREEZE``)."""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.pool import Pool
from streamlit import config
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.local_script_runner import LocalScriptRunner

from tests.load import data
from tests.load.server import ROOT

HALAMAN = {
    "Beranda": "pages/beranda.py",
    "Aktivitas Harian": "pages/aktivitas_harian.py",
    "Validasi": "pages/validasi.py",
    "Dasbor Capaian": "pages/dasbor_capaian.py",
    "Evaluasi Kinerja": "pages/evaluasi_kinerja.py",
    # every other page by its file's name (admin_pengingat, umpan_balik, …)
    **{p.stem: f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")},
}


class _Gc:
    """Time spent in full (generation 2) collections, from gc.callbacks."""

    def __init__(self) -> None:
        self.detik = 0.0
        self.jumlah = 0
        self._mulai = 0.0

    def __call__(self, fase: str, info: dict) -> None:
        if info.get("generation") != 2:
            return
        if fase == "start":
            self._mulai = time.perf_counter()
        else:
            self.detik += time.perf_counter() - self._mulai
            self.jumlah += 1


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.load.profil", description=__doc__)
    p.add_argument("--regency", default="10000x3")
    p.add_argument("--halaman", default="Aktivitas Harian", choices=sorted(HALAMAN))
    p.add_argument("--atasan", action="store_true", help="an atasan (Validasi, the Pilih Bawahan tab)")
    p.add_argument("--peran", choices=["pimpinan", "admin"], help="the Sekda (the whole regency) or an admin")
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--postscriptgc", choices=["true", "false"], default="true")
    p.add_argument("--postgresql", metavar="URL", help="on a copy of the regency in this PostgreSQL, not SQLite")
    p.add_argument("--sql", action="store_true", help="also print one rerun's SQL statements, in order")
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--urut", choices=["tottime", "cumulative"], default="tottime", help="the profile's order")
    p.add_argument("--pemanggil", default=None, help="also print who calls functions matching this name")
    a = p.parse_args(argv)
    pegawai, bulan = (int(x) for x in a.regency.split("x"))
    kerja = Path(tempfile.mkdtemp(prefix="b-profil-"))
    sumber = data.regency(pegawai, bulan)
    if a.postgresql:
        db_url = data.salin_postgresql(sumber, a.postgresql, "sipijar_profil")
    else:
        db_url = data.salin_sqlite(sumber, kerja / "sipijar.db")
    os.environ["SIPIJAR_DATABASE_URL"] = db_url
    os.environ["SIPIJAR_COOKIE_KEY"] = data.kunci_cookie()
    users = data.pengguna(db_url, 10, os.environ["SIPIJAR_COOKIE_KEY"])
    user = next(u for u in users if u.atasan == a.atasan)
    if a.peran:
        user = next(u for u in data.pengguna_peran(db_url, os.environ["SIPIJAR_COOKIE_KEY"]) if u.peran == a.peran)
    config.set_option("runner.postScriptGC", a.postscriptgc == "true")

    profil = cProfile.Profile()
    aktif = [False]
    asli = LocalScriptRunner._run_script_thread

    def _dengan_profil(self) -> None:
        if aktif[0]:
            profil.enable()
        try:
            asli(self)
        finally:
            profil.disable()

    LocalScriptRunner._run_script_thread = _dengan_profil  # type: ignore[method-assign]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.text_input(key="login_nip").input(user.nip)
    at.text_input(key="login_password").input(data.PASSWORD)
    at.button[0].click()
    at.run()
    at.switch_page(HALAMAN[a.halaman]).run()
    assert not at.exception, at.exception
    for _ in range(3):  # warm-up: imports, caches
        at.run()
    pengukur = _Gc()
    gc.callbacks.append(pengukur)
    sql: list[str] = []
    event.listen(Engine, "before_cursor_execute", lambda _c, _k, statement, *_: sql.append(statement))
    ambil: list[int] = []  # connections taken from the pool (each a ping on PostgreSQL, then BEGIN … COMMIT)
    event.listen(Pool, "checkout", lambda *_: ambil.append(1))
    aktif[0] = True
    waktu = []
    for _ in range(a.runs):
        mulai = time.perf_counter()
        at.run()
        if a.postscriptgc == "true":
            gc.collect(2)
        waktu.append(time.perf_counter() - mulai)
    aktif[0] = False
    gc.callbacks.remove(pengukur)
    keluaran = io.StringIO()
    st = pstats.Stats(profil, stream=keluaran).strip_dirs().sort_stats(a.urut)
    st.print_stats(a.top)
    if a.pemanggil:
        st.print_callers(a.pemanggil)
    siapa = a.peran or ("atasan" if a.atasan else "pegawai")
    print(
        f"{a.halaman} ({siapa}), {a.runs} reruns, postScriptGC={a.postscriptgc}, "
        f"SIPIJAR_GC_FREEZE={os.environ.get('SIPIJAR_GC_FREEZE', '1')}: rerun median "
        f"{statistics.median(waktu) * 1000:.0f} ms; full collections {pengukur.jumlah} taking "
        f"{pengukur.detik / a.runs * 1000:.0f} ms per rerun; objects tracked {len(gc.get_objects())}, "
        f"frozen {gc.get_freeze_count()}; SQL statements per rerun {len(sql) / a.runs:.0f} in "
        f"{len(ambil) / a.runs:.0f} transactions; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    print(keluaran.getvalue())
    if a.sql:
        for statement in sql[: len(sql) // a.runs]:
            print(" ".join(statement.split())[:300])
    shutil.rmtree(kerja, ignore_errors=True)
    if a.postgresql:
        data.hapus_postgresql(a.postgresql, "sipijar_profil")
    return 0


if __name__ == "__main__":
    sys.exit(main())
