"""The benchmark of issue #7 at small scale (300 pegawai × 2 months), part of ``make test``: it checks
that the measuring code works on both databases and that the fast paths' numbers agree with the
reference computation — not the timings (those are ``make bench``, tests/bench/test_bench_full.py)."""

from __future__ import annotations

from tests.bench.measure import report, run_benchmark


def test_small_benchmark_runs_and_numbers_agree(db_url):
    result = run_benchmark(
        db_url, 300, 2, runs=1, writes_per_thread=20, tambah_samples=10, pending=200, say=lambda _m: None
    )
    text = report([result], 300, 2, 1)
    print(text)
    assert result.pegawai == 300
    assert result.aktivitas > 10_000
    assert result.correct, text
    names = [f.name for f in result.figures]
    assert len(names) == 8, names
    assert all(f.median >= 0 for f in result.figures)
    concurrency = result.figures[-1]
    assert ", 0 lost rows," in concurrency.note, concurrency.note
