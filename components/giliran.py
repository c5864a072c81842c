"""Admission control for a crowd: at most ``SIPIJAR_SKRIP_SEKALIGUS`` script runs of this process execute at
once (default 4); the others wait their turn in a lock that holds no GIL. Streamlit starts a thread per session's
run, and at a regency's peak hundreds of them contended for one GIL: each handover an operating-system wake-up,
their transactions held open meanwhile, a core idle while the process thrashed (issue #20, docs/benchmark.md).
Fragment reruns do not run app.py and are not counted."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SEKALIGUS = max(1, int(os.environ.get("SIPIJAR_SKRIP_SEKALIGUS", "4")))
_GILIRAN = threading.BoundedSemaphore(SEKALIGUS)  # one per process: modules are imported once


@contextmanager
def giliran() -> Iterator[None]:
    """Waits for a free turn and holds it for the run; given back however the run ends (st.rerun, st.stop, an
    exception)."""
    _GILIRAN.acquire()
    try:
        yield
    finally:
        _GILIRAN.release()
