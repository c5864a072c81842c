"""The load run's tables, in docs/benchmark-load.md: one ``## `` section per run title, replaced when the
same title runs again, so separate runs (SQLite, replicas, the soak) add up to one page."""

from __future__ import annotations

import platform
import re
from datetime import UTC, datetime
from pathlib import Path

from tests.load.beban import Tingkat, persentil

KEPALA = """# SIPIJAR — load under concurrent users (issue #20)

`make loadtest` (`python -m tests.load --help`): virtual users speak Streamlit's websocket protocol (no browser),
logged in through the services with the cookie the app signs; each answer is checked to be the expected page for
that user (page title, the sidebar's name and NIP), and exceptions, `st.error` alerts, wrong pages and disconnects
are counted. CPU is a share of one core (200 % = both): the server processes, this client (the virtual users,
which share the machine), and the whole machine. Think time between actions; every figure is wall clock on a
2-core machine, so each section gives the machine's load average and the empty-page floor measured in the same
run. How to read the figures and what they mean for a province:
[benchmark.md](benchmark.md#load-under-concurrent-users).
"""


def _s(x: float) -> str:
    """Seconds, to the millisecond below 0.1 s (one user's screens are compared at that scale)."""
    if x != x:
        return "—"
    return f"{x:.3f} s" if x < 0.1 else f"{x:.2f} s" if x < 10 else f"{x:.1f} s"


def _pct(x: float) -> str:
    return "—" if x != x else f"{x * 100:.0f} %"


def tabel_tingkat(tingkat: list[Tingkat]) -> str:
    baris = [
        "| deployment | users | actions | actions/s | p50 | p95 | max | exceptions | st.error | wrong page | "
        "disconnects | refused by a rule | saves (screen / db) | server CPU | client CPU | machine CPU | "
        "RSS start → end (max) | load avg |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for t in tingkat:
        w = t.semua_waktu()
        h = t.hasil
        simpan = "—" if t.tersimpan_db is None else f"{h.simpan} / {t.tersimpan_db}"
        baris.append(
            f"| {t.nama} | {t.n} | {h.aksi} | {t.per_detik:.2f} | {_s(persentil(w, 50))} | {_s(persentil(w, 95))} | "
            f"{_s(max(w) if w else float('nan'))} | {sum(h.exceptions.values())} | {sum(h.galat.values())} | "
            f"{sum(h.salah_halaman.values())} | {h.putus} | {sum(h.ditolak.values())} | {simpan} | "
            f"{t.cpu * 100:.0f} % | {_pct(t.cpu_klien)} | {_pct(t.cpu_mesin)} | "
            f"{t.rss_awal:.0f} → {t.rss_akhir:.0f} ({t.rss_maks:.0f}) MB | {t.beban} |"
        )
    return "\n".join(baris)


def tabel_aksi(tingkat: list[Tingkat]) -> str:
    baris = ["| deployment | users | action | n | p50 | p95 | max |", "|---|---|---|---|---|---|---|"]
    for t in tingkat:
        for aksi, w in sorted(t.hasil.waktu.items()):
            baris.append(
                f"| {t.nama} | {t.n} | {aksi} | {len(w)} | {_s(persentil(w, 50))} | {_s(persentil(w, 95))} | "
                f"{_s(max(w))} |"
            )
    return "\n".join(baris)


def bagian(judul: str, perintah: str, keterangan: list[str], tingkat: list[Tingkat], tambahan: list[str]) -> str:
    masalah = [f"- {t.nama}, {t.n} users: {m}" for t in tingkat for m in t.hasil.contoh_masalah]
    teks = [
        f"## {judul}",
        "",
        f"`{perintah}`, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {platform.python_version()}, {platform.platform()}.",
        "",
        *[f"- {k}" for k in keterangan],
        "",
        tabel_tingkat(tingkat),
        "",
        "Per action:",
        "",
        tabel_aksi(tingkat),
        "",
    ]
    if tambahan:
        teks += [*tambahan, ""]
    if masalah:
        teks += ["First problems seen:", "", *masalah, ""]
    return "\n".join(teks)


def tulis(path: Path, judul: str, isi: str) -> None:
    """Put section ``judul`` into ``path``, replacing an earlier run of the same title."""
    lama = path.read_text(encoding="utf-8") if path.exists() else KEPALA
    pola = re.compile(rf"^## {re.escape(judul)}\n.*?(?=^## |\Z)", re.S | re.M)
    baru = pola.sub(lambda _m: isi + "\n", lama) if pola.search(lama) else lama.rstrip("\n") + "\n\n" + isi + "\n"
    path.write_text(baru, encoding="utf-8")
