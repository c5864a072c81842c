"""One load level: N virtual users against one URL for a fixed time, with the servers' memory and CPU
sampled from /proc; and the deployments a run measures (one process on SQLite, the empty floor page under
Streamlit's defaults and under the app's settings, PostgreSQL replicas behind nginx)."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from db.engine import make_engine
from db.models import AktivitasHarian
from db.session import session_scope
from tests.load import data
from tests.load.pengguna import PENANDA, Hasil, Skenario, menu_sendiri, pengguna_app, pengguna_kosong
from tests.load.server import Nginx, Streamlit, beban_mesin, cpu_detik, cpu_klien, cpu_mesin, rss_mb


@dataclass
class Tingkat:
    """One level's figures."""

    nama: str
    n: int
    hasil: Hasil
    detik: float
    cpu: float  # CPU seconds per wall second, all server processes (2.0 = both cores)
    rss_awal: float
    rss_akhir: float
    rss_maks: float
    beban: str
    tersimpan_db: int | None = None  # rows of this level found in the database
    rss_seri: list[float] = field(default_factory=list)  # one sample a second
    cpu_klien: float = float("nan")  # the same, this harness (the virtual users)
    cpu_mesin: float = float("nan")  # the same, the whole machine (servers, client, PostgreSQL, nginx, others)

    def pertumbuhan_rss(self, pemanasan: float) -> tuple[float, float]:
        """RSS after ``pemanasan`` seconds and at the end (MB): an afternoon's growth after warm-up."""
        i = min(int(pemanasan), len(self.rss_seri) - 1)
        return self.rss_seri[i], self.rss_seri[-1]

    @property
    def per_detik(self) -> float:
        return self.hasil.aksi / self.detik if self.detik else 0.0

    def semua_waktu(self) -> list[float]:
        return [t for ts in self.hasil.waktu.values() for t in ts]


def persentil(nilai: list[float], p: float) -> float:
    if not nilai:
        return float("nan")
    if len(nilai) == 1:
        return nilai[0]
    return statistics.quantiles(nilai, n=100, method="inclusive")[int(p) - 1] if p < 100 else max(nilai)


@dataclass
class Sasaran:
    """Where the users go: a URL, the server processes to sample, and the users (None: the empty page)."""

    nama: str
    url: str
    pids: list[int]
    pengguna: list[data.Pengguna] | None
    db_url: str | None = None
    catatan: list[str] = field(default_factory=list)
    peran_lain: list[data.Pengguna] = field(default_factory=list)  # one user alone: a pimpinan, an admin


async def _sampel(pids: list[int], berhenti: asyncio.Event, rss: list[float]) -> None:
    while not berhenti.is_set():
        rss.append(sum(rss_mb(p) for p in pids))
        try:
            await asyncio.wait_for(berhenti.wait(), 1.0)
        except TimeoutError:
            pass


async def tingkat(sasaran: Sasaran, n: int, durasi: float, sk: Skenario, seed: int = 20) -> Tingkat:
    """``n`` users for ``durasi`` seconds (every user finishes the action it started)."""
    if sasaran.pengguna is not None and len(sasaran.pengguna) < n:
        raise ValueError(f"{n} pengguna diminta, {len(sasaran.pengguna)} tersedia")
    hasil = Hasil()
    rng = random.Random(seed + n)
    rss: list[float] = []
    berhenti = asyncio.Event()
    awal_db = _jumlah_simpanan(sasaran.db_url)
    cpu0, klien0, mesin0 = sum(cpu_detik(p) for p in sasaran.pids), cpu_klien(), cpu_mesin()
    mulai = time.monotonic()
    akhir = mulai + durasi
    sampler = asyncio.create_task(_sampel(sasaran.pids, berhenti, rss))
    if sasaran.pengguna is None:
        tugas = [pengguna_kosong(sasaran.url, akhir, sk, hasil, random.Random(rng.random())) for _ in range(n)]
    else:
        tugas = [
            pengguna_app(sasaran.url, p, akhir, sk, hasil, random.Random(rng.random())) for p in sasaran.pengguna[:n]
        ]
    await asyncio.gather(*tugas)
    detik = time.monotonic() - mulai
    cpu = (sum(cpu_detik(p) for p in sasaran.pids) - cpu0) / detik
    klien, mesin = (cpu_klien() - klien0) / detik, (cpu_mesin() - mesin0) / detik
    berhenti.set()
    await sampler
    akhir_db = _jumlah_simpanan(sasaran.db_url)
    tersimpan = None if awal_db is None or akhir_db is None else akhir_db - awal_db
    return Tingkat(
        sasaran.nama, n, hasil, detik, cpu, rss[0], rss[-1], max(rss), beban_mesin(), tersimpan, rss, klien, mesin
    )


async def sendiri(sasaran: Sasaran, ulang: int, jeda: float) -> Tingkat:
    """One user alone: an atasan's, a pimpinan's and an admin's every menu screen (or the empty page) ``ulang``
    times each, ``jeda`` seconds apart, one user after the other."""
    hasil = Hasil()
    cpu0 = sum(cpu_detik(p) for p in sasaran.pids)
    mulai = time.monotonic()
    atasan = next((u for u in sasaran.pengguna if u.atasan), None) if sasaran.pengguna else None
    for p in [atasan, *sasaran.peran_lain] if atasan else [None]:
        await menu_sendiri(sasaran.url, p, ulang, hasil, jeda)
    detik = time.monotonic() - mulai
    cpu = (sum(cpu_detik(p) for p in sasaran.pids) - cpu0) / detik
    rss = sum(rss_mb(p) for p in sasaran.pids)
    return Tingkat(sasaran.nama + ", one user alone", 1, hasil, detik, cpu, rss, rss, rss, beban_mesin())


def _jumlah_simpanan(db_url: str | None) -> int | None:
    """The harness's saves in the database (their text starts with :data:`PENANDA`): no save lost."""
    if db_url is None:
        return None
    engine = make_engine(db_url)
    try:
        with session_scope(engine, readonly=True) as s:
            return s.scalar(select(func.count()).where(AktivitasHarian.aktivitas.like(f"{PENANDA}%")))
    finally:
        engine.dispose()


async def sesi_diam(sasaran: Sasaran, jumlah: int) -> float:
    """The memory one idle connected session costs: ``jumlah`` sessions open one page each and stay."""
    from tests.load.protokol import Klien

    sebelum = sum(rss_mb(p) for p in sasaran.pids)
    kliens = []
    users = sasaran.pengguna or [None] * jumlah  # type: ignore[list-item]
    for i in range(jumlah):
        p = users[i % len(users)]
        k = Klien(sasaran.url, p.cookie if p else None)
        await k.buka()
        await k.rerun()
        kliens.append(k)
    await asyncio.sleep(3)
    sesudah = sum(rss_mb(p) for p in sasaran.pids)
    for k in kliens:
        await k.tutup()
    return (sesudah - sebelum) / jumlah


@contextmanager
def satu_proses(db_url: str, kunci: str, flags: tuple[str, ...], env: dict[str, str]) -> Iterator[Streamlit]:
    server = Streamlit(db_url, flags=flags, env={"SIPIJAR_COOKIE_KEY": kunci, **env})
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def kosong(setelan_app: bool, flags: tuple[str, ...]) -> Iterator[Streamlit]:
    server = Streamlit(None, setelan_app=setelan_app, flags=flags)
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def replika(db_url: str, kunci: str, jumlah: int, flags: tuple[str, ...], env: dict[str, str]) -> Iterator[Sasaran]:
    """``jumlah`` ``streamlit run`` replicas on one PostgreSQL database behind nginx."""
    servers: list[Streamlit] = []
    proxy = None
    try:
        for _ in range(jumlah):
            servers.append(Streamlit(db_url, flags=flags, env={"SIPIJAR_COOKIE_KEY": kunci, **env}))
        proxy = Nginx([f"127.0.0.1:{s.port}" for s in servers])
        yield Sasaran(f"PostgreSQL, {jumlah} replika + nginx", proxy.url, [s.proses.pid for s in servers], None, db_url)
    finally:
        if proxy is not None:
            proxy.stop()
        for s in servers:
            s.stop()


def log_server(path: Path) -> list[str]:
    """Tracebacks the server logged (a crash the page did not show is still a crash)."""
    if not path.exists():
        return []
    return [b for b in path.read_text(errors="replace").splitlines() if b.startswith("Traceback")]
