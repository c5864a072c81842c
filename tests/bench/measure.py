"""The scale benchmark of issue #7, as functions usable at any scale.

``run_benchmark(url, pegawai, bulan, runs=5)`` fills the database behind ``url`` with a synthetic
kabupaten when it holds no pegawai (``services.contoh.sintetis.generate``, in a child process so the
generator's memory does not count against the dashboard), then measures every row of the target
table and checks that the fast paths agree with a straightforward reference computation.

Each figure is the median of ``runs`` runs after one warm-up; its floor (when it has one) is measured
in the same run, the same way, so the ratio says how far the app is from the database's own cost.
"""

from __future__ import annotations

import gc
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import threading
import time as clock
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sqlalchemy import Engine, func, insert, select, text

from db import ringkasan_aktivitas
from db.engine import make_engine
from db.enums import StatusAktivitas
from db.models import (
    SKP,
    AktivitasHarian,
    HariLibur,
    Pegawai,
    PeriodeSKP,
    RencanaHasilKerja,
)
from db.session import session_scope
from services.aktivitas import capaian, rekap_tpp, validasi
from services.aktivitas import harian as aktivitas
from services.aktivitas.bulan import bulan_range, status_bulan
from services.pimpinan import dasbor, dasbor_laju
from services.platform import settings
from services.platform.access import Actor
from services.platform.kalender import hari_ini
from services.platform.masa_dinas import load_actor

ROOT = Path(__file__).resolve().parents[2]
MENUNGGU, TERVALIDASI = StatusAktivitas.MENUNGGU, StatusAktivitas.TERVALIDASI
EMPTY_PAGE = "import streamlit as st\nst.title('Kosong')\n"
SAMPLE = 20
SLOT_AWAL = 16 * 60 + 5  # benchmark rows go after the generated working day (07:30–16:00)
SLOT_PER_HARI = 7 * 60  # 1-minute slots 16:05–23:05


@dataclass
class Figure:
    name: str
    median: float  # seconds (p95 for the p95 rows); a count or MB for the others
    floor: float | None
    target: float
    unit: str = "s"  # "s", "ms", "MB", "rows"
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.median / self.floor if self.floor else None

    ok_ratio: float | None = None  # the ratio target, when the issue sets one

    @property
    def ok(self) -> bool:
        if self.median > self.target:
            return False
        return self.ok_ratio is None or self.ratio is None or self.ratio <= self.ok_ratio


@dataclass
class Result:
    figures: list[Figure]
    checks: dict[str, bool]  # correctness: name → agreed
    details: list[str] = field(default_factory=list)
    pegawai: int = 0
    aktivitas: int = 0
    bulan: tuple[int, int] = (0, 0)
    database: str = ""
    generate_seconds: float | None = None

    @property
    def correct(self) -> bool:
        return all(self.checks.values())


def _median_of(fn: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = clock.perf_counter()
        fn()
        times.append(clock.perf_counter() - start)
    return statistics.median(times), times


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(0.95 * len(values)) - 1))]


# ---------------------------------------------------------------------------------------------
# The data
# ---------------------------------------------------------------------------------------------


def ensure_data(url: str, pegawai: int, bulan: int, say: Callable[[str], None] = print) -> float | None:
    """Generate into an empty database (child process); returns seconds, None when data was there."""
    engine = make_engine(url)
    try:
        from db.migrate import upgrade

        upgrade(engine)
        with session_scope(engine, readonly=True) as s:
            if s.scalar(select(Pegawai.id).limit(1)) is not None:
                return None
    finally:
        engine.dispose()
    # The child generates up to this process's today (the tests' clock is pinned; the child's is not).
    code = (
        "import sys\nfrom datetime import date\nfrom db.engine import make_engine\n"
        "from services.contoh.sintetis import generate\ne = make_engine(sys.argv[1])\n"
        "hari = date.fromisoformat(sys.argv[4])\n"
        "info = generate(e, int(sys.argv[2]), int(sys.argv[3]), progress=print, today=hari)\n"
        "e.dispose()\n"
    )
    start = clock.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, url, str(pegawai), str(bulan), hari_ini().isoformat()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        raise RuntimeError(f"generate failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    say(proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "generated")
    return clock.perf_counter() - start


def _bulan_penuh(today: date) -> tuple[int, int]:
    """The last complete month (the Rekap TPP of month's end)."""
    first = today.replace(day=1) - timedelta(days=1)
    return first.year, first.month


def _admin(session) -> Actor:
    pid = session.scalar(select(Pegawai.id).where(Pegawai.is_admin, Pegawai.aktif).order_by(Pegawai.id).limit(1))
    return load_actor(session, pid)


def _open_days(session, today: date) -> list[date]:
    """Working days before today whose month still takes entries and validation."""
    from services.platform import kalender

    first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    days = [
        d
        for d in kalender.hari_kerja(session, first, today - timedelta(days=1))
        if status_bulan(session, 0, d.year, d.month, today).terbuka
    ]
    return days or [today]


def _plan(session, pegawai_id: int, tanggal: date) -> tuple[int, int]:
    """(periode_id, an RHK id of its ditetapkan SKP) of the pegawai on ``tanggal``."""
    row = session.execute(
        select(PeriodeSKP.id, RencanaHasilKerja.id)
        .join(SKP, SKP.periode_id == PeriodeSKP.id)
        .join(RencanaHasilKerja, RencanaHasilKerja.skp_id == SKP.id)
        .where(
            PeriodeSKP.pegawai_id == pegawai_id,
            PeriodeSKP.tanggal_mulai <= tanggal,
            PeriodeSKP.tanggal_akhir >= tanggal,
        )
        .order_by(RencanaHasilKerja.id)
        .limit(1)
    ).first()
    if row is None:
        raise RuntimeError(f"pegawai {pegawai_id} has no plan on {tanggal}")
    return row[0], row[1]


def _slot(days: list[date], k: int) -> tuple[date, time, time]:
    day = days[(k // SLOT_PER_HARI) % len(days)]
    start = SLOT_AWAL + k % SLOT_PER_HARI
    return day, time(start // 60, start % 60), time((start + 1) // 60, (start + 1) % 60)


# ---------------------------------------------------------------------------------------------
# Correctness: the fast paths against a straightforward reference
# ---------------------------------------------------------------------------------------------


def reference_capaian(session, pegawai_id: int, tahun: int, bulan: int) -> tuple[int, int, Decimal, int]:
    """(hari kerja, menit tervalidasi, capaian %, TPP produktivitas) of one pegawai, from raw rows and
    docs/domain.md §4 read literally: day by day, row by row, Decimal half-up."""
    first, last = bulan_range(tahun, bulan)
    libur = set(
        session.scalars(
            select(HariLibur.tanggal).where(HariLibur.aktif, HariLibur.tanggal >= first, HariLibur.tanggal <= last)
        )
    )
    periods = session.execute(
        select(PeriodeSKP.tanggal_mulai, PeriodeSKP.tanggal_akhir).where(PeriodeSKP.pegawai_id == pegawai_id)
    ).all()
    hk = 0
    d = first
    while d <= last:
        if d.weekday() < 5 and d not in libur and any(a <= d <= b for a, b in periods):
            hk += 1
        d += timedelta(days=1)
    menit = 0
    for tanggal, status, durasi in session.execute(
        select(AktivitasHarian.tanggal, AktivitasHarian.status, AktivitasHarian.durasi_menit).where(
            AktivitasHarian.pegawai_id == pegawai_id
        )
    ):
        if first <= tanggal <= last and status == TERVALIDASI:
            menit += durasi
    efektif = hk * settings.ambil(session, "menit_per_hari")
    ratio = Decimal(min(menit, efektif)) / Decimal(efektif) if efektif else Decimal(0)
    persen = (ratio * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if efektif else Decimal("0.00")
    tpp_pokok = session.scalar(select(Pegawai.tpp_pokok).where(Pegawai.id == pegawai_id)) or 0
    bobot = settings.ambil(session, "bobot_produktivitas_persen")
    tpp = (
        int(
            (
                Decimal(bobot) / 100 * Decimal(int(tpp_pokok)) * (Decimal(min(menit, efektif)) / Decimal(efektif))
            ).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        )
        if efektif
        else 0
    )
    return hk, menit, persen, tpp


def check_correctness(engine: Engine, tahun: int, bulan: int, today: date, seed: int = 7) -> tuple[dict, list]:
    checks, details = {}, []
    with session_scope(engine, readonly=True) as s:
        admin = _admin(s)
        rows = capaian.capaian_bulanan(s, admin, tahun, bulan)
        by_id = {r.pegawai_id: r for r in rows}
        sample = random.Random(seed).sample(sorted(by_id), min(SAMPLE, len(by_id)))
        bad = []
        for pid in sample:
            r = by_id[pid]
            ref = reference_capaian(s, pid, tahun, bulan)
            got = (r.hari_kerja, r.menit_tervalidasi, r.capaian_persen, r.tpp_produktivitas)
            if got != ref:
                bad.append((pid, got, ref))
        checks[f"capaian_bulanan = reference ({len(sample)} sampled pegawai)"] = not bad
        details += [f"pegawai {pid}: fast {g} ≠ reference {r}" for pid, g, r in bad]
        checks["Rekap TPP rows = capaian_bulanan"] = [
            (x.pegawai_id, x.tpp_produktivitas) for x in rekap_tpp.rekap(s, admin, tahun, bulan).rows
        ] == [(x.pegawai_id, x.tpp_produktivitas) for x in rows]
        unit = dasbor.unit_awal(s, admin)
        d = dasbor.dasbor(s, admin, unit, tahun, bulan, today)
        expect = dasbor.agregat(d.total.unit_kerja_id, d.total.nama, rows, ada_sub_unit=d.total.ada_sub_unit)
        checks["dashboard unit aggregate = Σ capaian_bulanan"] = d.total == expect and len(d.pegawai) == len(rows)
        if d.total != expect:
            details.append(f"dasbor total {d.total} ≠ {expect}")
        per_pegawai = {p.pegawai_id: p for p in d.pegawai}
        checks["dashboard pegawai rows = capaian_bulanan"] = all(per_pegawai.get(r.pegawai_id) == r for r in rows)
        checks["dashboard Σ sub-units = unit"] = (
            sum(u.menit_efektif for u in d.per_unit) == d.total.menit_efektif
            and sum(u.menit_dihitung for u in d.per_unit) == d.total.menit_dihitung
        )
    with engine.connect() as conn:
        beda = ringkasan_aktivitas.selisih(conn)
    checks["ringkasan_aktivitas = GROUP BY of every activity row"] = not beda
    details += [f"ringkasan differs: {row}" for row in beda[:10]]
    return checks, details


# ---------------------------------------------------------------------------------------------
# The figures
# ---------------------------------------------------------------------------------------------


def _peak_rss_reset() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _peak_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _context(engine: Engine, actor: Actor, is_atasan: bool):
    from components.context import PageContext

    return PageContext(engine=engine, actor=actor, is_atasan=is_atasan, plans_like_jpt=False)


def _page(path: str, context) -> object:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / path), default_timeout=600)
    at.session_state["_sipijar_context"] = context
    return at


def _run_page(at) -> None:
    at.run()
    if at.exception:
        raise RuntimeError(f"page failed: {[e.message for e in at.exception]}")


def bench_rekap(engine: Engine, tahun: int, bulan: int, runs: int) -> Figure:
    first, last = bulan_range(tahun, bulan)
    with session_scope(engine, readonly=True) as s:
        admin = _admin(s)

    def app():
        with session_scope(engine, readonly=True) as s:
            return rekap_tpp.rekap(s, admin, tahun, bulan).rows

    floor_sql = (
        select(AktivitasHarian.pegawai_id, func.sum(AktivitasHarian.durasi_menit))
        .where(AktivitasHarian.tanggal >= first, AktivitasHarian.tanggal <= last, AktivitasHarian.status == TERVALIDASI)
        .group_by(AktivitasHarian.pegawai_id)
    )

    def floor():
        with session_scope(engine, readonly=True) as s:
            return s.execute(floor_sql).all()

    # Interleave app and floor so that load noise hits both alike.
    app(), floor()
    a, f = [], []
    for _ in range(runs):
        t = clock.perf_counter()
        n = len(app())
        a.append(clock.perf_counter() - t)
        t = clock.perf_counter()
        floor()
        f.append(clock.perf_counter() - t)
    return Figure(
        f"Capaian all pegawai, {tahun}-{bulan:02d} (Rekap TPP)",
        statistics.median(a),
        statistics.median(f),
        1.0,
        ok_ratio=1.5,
        note=f"{n} rows; floor: bare SUM … GROUP BY pegawai",
    )


def bench_dasbor(engine: Engine, runs: int, today: date) -> list[Figure]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    with session_scope(engine, readonly=True) as s:
        admin = _admin(s)
    ctx = _context(engine, admin, False)

    def empty():
        AppTest.from_string(EMPTY_PAGE, default_timeout=60).run()

    def cold():
        st.cache_resource.clear()
        _run_page(_page("pages/dasbor_capaian.py", ctx))

    floor, _ = _median_of(empty, runs)
    cold_median, _ = _median_of(cold, runs)
    at = _page("pages/dasbor_capaian.py", ctx)
    _run_page(at)
    warm_median, _ = _median_of(lambda: _run_page(at), runs)
    # What the page shows is the service's number.
    with session_scope(engine, readonly=True) as s:
        # the page opens on the last finished month (docs/domain.md §8.40)
        d = dasbor.dasbor(s, admin, dasbor.unit_awal(s, admin), *dasbor_laju.bulan_awal(today), today)
    from services.platform import format as fmt

    shown = {m.label: m.value for m in at.metric}
    agrees = shown.get("Capaian Unit") == fmt.persen(d.total.capaian_persen) and shown.get(
        "Pegawai Dihitung"
    ) == fmt.angka(d.total.pegawai)

    gc.collect()
    reset = _peak_rss_reset()
    before = _peak_rss_mb()
    cold()
    peak = _peak_rss_mb()
    return [
        Figure(
            "Dasbor Capaian, whole kabupaten, cold (AppTest)",
            cold_median,
            floor,
            1.5,
            note="floor: an empty Streamlit page's run",
        ),
        Figure(
            "Dasbor Capaian, whole kabupaten, warm (AppTest rerun)",
            warm_median,
            floor,
            0.3,
            note="floor: an empty Streamlit page's run",
        ),
        Figure(
            "Peak memory (RSS) of the dashboard's cold run",
            peak,
            None,
            500,
            unit="MB",
            note=(
                f"process RSS high-water mark; {before:.0f} MB before the run"
                if reset
                else "ru_maxrss of the process (not reset)"
            )
            + ("" if agrees else "; PAGE METRICS DIFFER FROM SERVICE"),
        ),
    ], agrees


def _atasan_40(session) -> tuple[Actor, list[int]]:
    """The penilai with the most bawahan (at most 40) and those bawahan."""
    n = func.count(func.distinct(PeriodeSKP.pegawai_id))
    rows = session.execute(
        select(PeriodeSKP.penilai_id, n)
        .where(PeriodeSKP.penilai_id.is_not(None))
        .group_by(PeriodeSKP.penilai_id)
        .having(n <= 40)
        .order_by(n.desc(), PeriodeSKP.penilai_id)
        .limit(1)
    ).first()
    atasan = load_actor(session, rows[0])
    bawahan = list(
        session.scalars(select(PeriodeSKP.pegawai_id).distinct().where(PeriodeSKP.penilai_id == atasan.pegawai_id))
    )
    return atasan, sorted(bawahan)


def _pending_open(session, atasan: Actor, days: list[date]) -> list[int]:
    return list(
        session.scalars(
            select(AktivitasHarian.id)
            .join(PeriodeSKP, PeriodeSKP.id == AktivitasHarian.periode_id)
            .where(
                PeriodeSKP.penilai_id == atasan.pegawai_id,
                AktivitasHarian.status == MENUNGGU,
                AktivitasHarian.tanggal >= min(days),
            )
            .order_by(AktivitasHarian.id)
        )
    )


def prepare_validasi(engine: Engine, today: date, pending: int = 1000) -> tuple[Actor, list[int]]:
    """The atasan with the most bawahan (≤ 40); their bawahan get extra Menunggu rows in open months
    (after working hours) until ``pending`` rows wait in open months. Returns (atasan, those ids)."""
    with session_scope(engine) as s:
        atasan, bawahan = _atasan_40(s)
        days = _open_days(s, today)
        ids = _pending_open(s, atasan, days)
        kurang = pending - len(ids)
        if kurang > 0:
            plans = {(p, d): _plan(s, p, d) for p in bawahan for d in days}
            used = defaultdict(int)
            now = datetime.now(UTC)
            values = []
            for k in range(kurang):
                p = bawahan[k % len(bawahan)]
                slot = used[p]
                used[p] += 1
                day, mulai, selesai = _slot(days, slot)
                periode_id, rhk_id = plans[(p, day)]
                values.append(
                    {
                        "pegawai_id": p,
                        "periode_id": periode_id,
                        "rhk_id": rhk_id,
                        "tanggal": day,
                        "jam_mulai": mulai,
                        "jam_selesai": selesai,
                        "durasi_menit": 1,
                        "aktivitas": "Benchmark: menunggu validasi",
                        "volume": Decimal(1),
                        "satuan": "Kegiatan",
                        "status": MENUNGGU,
                        "created_at": now,
                        "updated_at": now,
                        "version_id": 1,
                    }
                )
            s.execute(insert(AktivitasHarian), values)
        s.flush()
        ids = _pending_open(s, atasan, days)[:pending]
    return atasan, ids


def bench_validasi(engine: Engine, runs: int, today: date, pending: int = 1000) -> list[Figure]:
    atasan, ids = prepare_validasi(engine, today, pending)
    with session_scope(engine, readonly=True) as s:
        n_bawahan = len(validasi.bawahan_list(s, atasan))
    ctx = _context(engine, atasan, True)
    page, _ = _median_of(lambda: _run_page(_page("pages/validasi.py", ctx)), runs)

    changed = []

    def semua():
        # The service call and its flush in one transaction, rolled back so every run validates the same rows.
        from db.session import session_factory

        s = session_factory(engine)()
        try:
            changed.append(validasi.validasi_semua(s, atasan, ids, today))
            s.flush()
        finally:
            s.rollback()
            s.close()

    semua_median, _ = _median_of(semua, runs)
    assert set(changed) == {len(ids)}, changed
    return [
        Figure(f"Validasi page, atasan with {n_bawahan} bawahan, {len(ids)} pending (AppTest)", page, None, 0.5),
        Figure(f"Validasi Semua on {len(ids)} pending rows (service, rolled back)", semua_median, None, 0.5),
    ]


def _writer_pegawai(session, n: int, skip: set[int]) -> list[int]:
    """n pegawai (not admins, not the validasi atasan's bawahan), spread over the kabupaten."""
    ids = [p for p in session.scalars(select(Pegawai.id).where(Pegawai.aktif).order_by(Pegawai.id)) if p not in skip]
    step = max(1, len(ids) // (n + 1))
    return ids[step::step][:n]


def bench_tambah(engine: Engine, runs: int, today: date, pegawai_id: int, samples: int) -> Figure:
    with session_scope(engine, readonly=True) as s:
        actor = load_actor(s, pegawai_id)
        days = _open_days(s, today)
        plan = {d: _plan(s, pegawai_id, d) for d in days}
    k = [0]

    def data():
        day, mulai, selesai = _slot(days, k[0])
        k[0] += 1
        return day, mulai, selesai

    def app():
        day, mulai, selesai = data()
        with session_scope(engine) as s:
            aktivitas.tambah(
                s,
                actor,
                aktivitas.AktivitasInput(
                    tanggal=day,
                    jam_mulai=mulai,
                    jam_selesai=selesai,
                    aktivitas="Benchmark: tambah aktivitas",
                    volume="1",
                    satuan="Kegiatan",
                    rhk_id=plan[day][1],
                    periode_id=plan[day][0],
                ),
                today,
            )

    def floor():
        day, mulai, selesai = data()
        now = datetime.now(UTC)
        with engine.begin() as conn:
            conn.execute(
                insert(AktivitasHarian).values(
                    pegawai_id=pegawai_id,
                    periode_id=plan[day][0],
                    rhk_id=plan[day][1],
                    tanggal=day,
                    jam_mulai=mulai,
                    jam_selesai=selesai,
                    durasi_menit=1,
                    aktivitas="Benchmark: bare insert",
                    volume=Decimal(1),
                    satuan="Kegiatan",
                    status=MENUNGGU,
                    created_at=now,
                    updated_at=now,
                    version_id=1,
                )
            )

    app(), floor()
    a, f = [], []
    for _ in range(samples):
        t = clock.perf_counter()
        app()
        a.append(clock.perf_counter() - t)
        t = clock.perf_counter()
        floor()
        f.append(clock.perf_counter() - t)
    return Figure(
        f"Tambah Aktivitas p95 (service, overlap check; {samples} inserts)",
        _p95(a) * 1000,
        _p95(f) * 1000,
        20,
        unit="ms",
        note="floor: p95 of a bare INSERT in its own transaction",
    )


def bench_concurrency(
    engine_url: str, today: date, threads: int, per_thread: int, pegawai: list[int]
) -> tuple[Figure, bool]:
    engine = make_engine(engine_url)
    with session_scope(engine, readonly=True) as s:
        days = _open_days(s, today)
        actors = [load_actor(s, p) for p in pegawai]
        plans = {(p, d): _plan(s, p, d) for p in pegawai for d in days}
        before = s.scalar(
            select(func.count()).select_from(AktivitasHarian).where(AktivitasHarian.pegawai_id.in_(pegawai))
        )
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def writer(actor: Actor) -> None:
        barrier.wait()
        for k in range(per_thread):
            day, mulai, selesai = _slot(days, k)
            periode_id, rhk_id = plans[(actor.pegawai_id, day)]
            try:
                with session_scope(engine) as s:
                    aktivitas.tambah(
                        s,
                        actor,
                        aktivitas.AktivitasInput(
                            tanggal=day,
                            jam_mulai=mulai,
                            jam_selesai=selesai,
                            aktivitas="Benchmark: penulis serentak",
                            volume="1",
                            satuan="Kegiatan",
                            rhk_id=rhk_id,
                            periode_id=periode_id,
                        ),
                        today,
                    )
            except Exception as exc:  # noqa: BLE001 - counted, not raised: the figure is the count
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}")

    workers = [threading.Thread(target=writer, args=(a,)) for a in actors]
    start = clock.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    seconds = clock.perf_counter() - start
    with session_scope(engine, readonly=True) as s:
        after = s.scalar(
            select(func.count()).select_from(AktivitasHarian).where(AktivitasHarian.pegawai_id.in_(pegawai))
        )
    engine.dispose()
    expected = threads * per_thread
    lost = expected - len(errors) - (after - before)
    fig = Figure(
        f"Concurrent writers: {threads} threads × {per_thread} Tambah Aktivitas: errors",
        len(errors),
        None,
        0,
        unit="errors",
        note=f"{len(errors)} errors, {lost} lost rows, {after - before}/{expected} rows, "
        f"{seconds:.1f} s ({expected / seconds:.0f} inserts/s)"
        + (f"; first error: {errors[0][:200]}" if errors else ""),
    )
    return fig, lost == 0


def run_benchmark(
    url: str,
    pegawai: int,
    bulan: int,
    runs: int = 5,
    *,
    writes_per_thread: int = 500,
    tambah_samples: int | None = None,
    threads: int | None = None,
    pending: int = 1000,
    say: Callable[[str], None] = print,
) -> Result:
    """Every row of issue #7's table on the database behind ``url`` (generated first when empty)."""
    os.environ.setdefault("SIPIJAR_COOKIE_KEY", "kunci-bench-" + "b" * 40)
    generated = ensure_data(url, pegawai, bulan, say)
    engine = make_engine(url)
    postgres = engine.dialect.name == "postgresql"
    threads = threads or (32 if postgres else 8)
    today = hari_ini()
    tahun, bln = _bulan_penuh(today)
    try:
        with session_scope(engine, readonly=True) as s:
            n_pegawai = s.scalar(select(func.count()).select_from(Pegawai))
            n_aktivitas = s.scalar(select(func.count()).select_from(AktivitasHarian))
            version = s.scalar(text("select sqlite_version()" if not postgres else "show server_version"))
        say(f"{engine.dialect.name} {version}: {n_pegawai} pegawai, {n_aktivitas} aktivitas; month {tahun}-{bln:02d}")
        checks, details = check_correctness(engine, tahun, bln, today)
        say(f"correctness: {checks}")
        figures = [bench_rekap(engine, tahun, bln, runs)]
        say("rekap done")
        dasbor_figures, page_agrees = bench_dasbor(engine, runs, today)
        checks["Dasbor page metrics = service"] = page_agrees
        figures += dasbor_figures
        say("dasbor done")
        figures += bench_validasi(engine, runs, today, pending)
        say("validasi done")
        with session_scope(engine, readonly=True) as s:
            atasan, bawahan = _atasan_40(s)
            chosen = _writer_pegawai(s, threads + 1, set(bawahan) | {atasan.pegawai_id})
        figures.append(bench_tambah(engine, runs, today, chosen[0], tambah_samples or max(20, 20 * runs)))
        say("tambah done")
        fig, ok = bench_concurrency(url, today, threads, writes_per_thread, chosen[1 : threads + 1])
        checks["concurrent writers: 0 lost rows (every insert either saved or reported)"] = ok
        figures.append(fig)
        # Writes done: the numbers must still agree.
        after, more = check_correctness(engine, tahun, bln, today, seed=11)
        checks.update({f"{k} (after the writes)": v for k, v in after.items()})
        details += more
    finally:
        engine.dispose()
    return Result(
        figures,
        checks,
        details,
        n_pegawai,
        n_aktivitas,
        (tahun, bln),
        f"{'PostgreSQL' if postgres else 'SQLite'} {version}",
        generated,
    )


# ---------------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------------


def machine() -> str:
    mem = ""
    try:
        kb = int(
            next(ln for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")).split()[1]
        )
        mem = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration):
        pass
    cpu = ""
    try:
        cpu = next(
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    load = os.getloadavg()
    return (
        f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPU ({cpu}){mem}; "
        f"load average at the end {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}"
    )


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:g}"


def table(result: Result) -> str:
    lines = ["| figure | median | floor | ratio | target | ok | note |", "|---|---|---|---|---|---|---|"]
    for f in result.figures:
        target = ("≤ " + _fmt(f.target, f.unit)) + (f", ratio ≤ {f.ok_ratio}" if f.ok_ratio else "")
        lines.append(
            f"| {f.name} | {_fmt(f.median, f.unit)} | {_fmt(f.floor, f.unit)} | "
            f"{'—' if f.ratio is None else f'{f.ratio:.2f}'} | {target} | {'✅' if f.ok else '❌'} | {f.note} |"
        )
    lines.append("")
    lines.append("Correctness (fast path = reference computation):")
    lines += [f"- {'✅' if ok else '❌'} {name}" for name, ok in result.checks.items()]
    lines += [f"  - {d}" for d in result.details[:20]]
    return "\n".join(lines)


#: The browser's first-paint figures live in a file of their own (this report rewrites benchmark.md).
FIRST_PAINT = "benchmark-first-paint.md"


def report(results: list[Result], pegawai: int, bulan: int, runs: int) -> str:
    out = [
        "# SIPIJAR — benchmark (issue #7)",
        "",
        (
            f"Synthetic kabupaten of {pegawai:,} pegawai × {bulan} months (`sipijar generate`); "
            f"`make bench`, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC."
        ),
        "",
        f"Machine: {machine()}.",
        "",
        (
            f"Each time is the median of {runs} runs after a warm-up (Tambah Aktivitas: the 95th percentile of "
            "its inserts), its floor measured in the same run the same way. Times are wall clock and include "
            "whatever else the machine was doing (see the load average)."
        ),
        "",
        f"In the browser (login → Beranda, each menu screen, demo size): [{FIRST_PAINT}]({FIRST_PAINT}), written by "
        "`tests/e2e/test_first_paint.py`.",
        "",
    ]
    for r in results:
        out += [
            f"## {r.database}",
            "",
            f"{r.pegawai:,} pegawai, {r.aktivitas:,} aktivitas; month measured {r.bulan[0]}-{r.bulan[1]:02d}"
            + (f"; generated in {r.generate_seconds:.0f} s" if r.generate_seconds else "")
            + ".",
            "",
            table(r),
            "",
        ]
    return "\n".join(out) + "\n"
