"""``make bench``: the benchmark of issue #7 at full scale — 10,000 pegawai × 12 months — on SQLite (a
file under the temporary directory) and on PostgreSQL (a scratch database on the server of
SIPIJAR_TEST_DATABASE_URL, created and dropped). Prints the table and writes docs/benchmark.md.

The numbers must agree with the reference computation (always asserted). The timings are asserted
only with SIPIJAR_BENCH_STRICT=1: on a shared machine a busy neighbour moves them.
Scale and runs can be lowered for a trial: SIPIJAR_BENCH_PEGAWAI, SIPIJAR_BENCH_BULAN, SIPIJAR_BENCH_RUNS.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.bench.measure import ROOT, Result, report, run_benchmark, table

pytestmark = pytest.mark.bench

PEGAWAI = int(os.environ.get("SIPIJAR_BENCH_PEGAWAI", "10000"))
BULAN = int(os.environ.get("SIPIJAR_BENCH_BULAN", "12"))
RUNS = int(os.environ.get("SIPIJAR_BENCH_RUNS", "5"))
PG_URL = os.environ.get("SIPIJAR_TEST_DATABASE_URL")
OUT = ROOT / "docs" / "benchmark.md"
#: The sections of benchmark.md this run writes; the others (issue #17's long jobs, issue #20's load) are kept.
MILIK_BENCH = ("## SQLite", "## PostgreSQL")


@pytest.fixture(scope="module")
def results():
    collected: dict[str, Result] = {}
    yield collected
    if collected:
        order = [collected[k] for k in ("sqlite", "postgresql") if k in collected]
        text_ = report(order, PEGAWAI, BULAN, RUNS)
        if "postgresql" not in collected:
            text_ += "\nPostgreSQL was not measured in this run (SIPIJAR_TEST_DATABASE_URL unset or its run failed).\n"
        OUT.write_text(text_ + _bagian_lain(), encoding="utf-8")
        print(f"\n{text_}\nwritten to {OUT}")


def _bagian_lain() -> str:
    """The sections of the existing benchmark.md that other runs wrote, to follow this run's."""
    lama = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    bagian = re.split(r"(?m)^(?=## )", lama)[1:]
    return "".join("\n" + b.rstrip("\n") + "\n" for b in bagian if not b.startswith(MILIK_BENCH))


def _check(result: Result) -> None:
    print("\n" + table(result))
    assert result.correct, table(result)
    if os.environ.get("SIPIJAR_BENCH_STRICT") == "1":
        missed = [f.name for f in result.figures if not f.ok]
        assert not missed, f"targets missed: {missed}"


def test_bench_sqlite(results, tmp_path_factory):
    path = (
        Path(os.environ.get("SIPIJAR_BENCH_SQLITE_DIR") or tmp_path_factory.mktemp("bench"))
        / f"sipijar-bench-{uuid.uuid4().hex[:8]}.db"
    )
    try:
        result = run_benchmark(f"sqlite:///{path}", PEGAWAI, BULAN, RUNS)
        results["sqlite"] = result
        _check(result)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def test_bench_postgresql(results):
    if not PG_URL:
        pytest.skip("SIPIJAR_TEST_DATABASE_URL is not set: no PostgreSQL to measure")
    admin_url = make_url(PG_URL)
    name = f"sipijar_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(admin_url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        result = run_benchmark(admin_url.set(database=name).render_as_string(hide_password=False), PEGAWAI, BULAN, RUNS)
        results["postgresql"] = result
        _check(result)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
