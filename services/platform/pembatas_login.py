"""Failed logins per client address (docs/domain.md §8.18): at most ``BATAS_PER_ALAMAT`` failures in
``JENDELA`` from one address, whatever the NIPs, then that address waits. Kept in the server's memory: it
guards the running app against one guessing client, and a restart (which an attacker cannot cause) only
forgets it. The per-account delay, which must survive a restart, is stored on the account."""

from __future__ import annotations

import threading
from collections import deque
from datetime import datetime, timedelta

BATAS_PER_ALAMAT = 20
JENDELA = timedelta(minutes=15)
_MAKS_ALAMAT = 100_000  # memory bound: the oldest addresses are forgotten first

_lock = threading.Lock()
_gagal: dict[str, deque[datetime]] = {}


def _bersihkan(antrian: deque[datetime], now: datetime) -> None:
    while antrian and antrian[0] <= now - JENDELA:
        antrian.popleft()


def catat_gagal(alamat: str | None, now: datetime) -> None:
    """One failed login from ``alamat`` (None: unknown address, not counted)."""
    if not alamat:
        return
    with _lock:
        antrian = _gagal.setdefault(alamat, deque())
        _bersihkan(antrian, now)
        antrian.append(now)
        if len(_gagal) > _MAKS_ALAMAT:
            del _gagal[next(iter(_gagal))]


def jumlah_gagal(alamat: str | None, now: datetime) -> int:
    """Failures from ``alamat`` within the window (0 for an unknown address)."""
    if not alamat:
        return 0
    with _lock:
        antrian = _gagal.get(alamat)
        if antrian is None:
            return 0
        _bersihkan(antrian, now)
        return len(antrian)


def tunggu(alamat: str | None, now: datetime) -> timedelta | None:
    """How long ``alamat`` must wait before its next attempt, or None when it may try."""
    if jumlah_gagal(alamat, now) < BATAS_PER_ALAMAT:
        return None
    with _lock:
        tertua = _gagal[alamat][-BATAS_PER_ALAMAT]  # type: ignore[index]
    return tertua + JENDELA - now


def lupakan_semua() -> None:
    """Forget every address (tests; an operator's restart does the same)."""
    with _lock:
        _gagal.clear()
