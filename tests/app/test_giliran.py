"""components/giliran.py: at most SEKALIGUS script runs of a process at once, each turn given back however the
run ends (issue #20: hundreds of runs contending for one GIL left a core idle)."""

from __future__ import annotations

import threading
import time

import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

from components import giliran as modul


def test_no_more_runs_at_once_than_the_turns():
    sekarang, tertinggi, kunci = 0, 0, threading.Lock()

    def jalan() -> None:
        nonlocal sekarang, tertinggi
        with modul.giliran():
            with kunci:
                sekarang += 1
                tertinggi = max(tertinggi, sekarang)
            time.sleep(0.02)
            with kunci:
                sekarang -= 1

    threads = [threading.Thread(target=jalan) for _ in range(4 * modul.SEKALIGUS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert tertinggi == modul.SEKALIGUS  # every turn used, never one more


@pytest.mark.parametrize("akhir", [RerunException(None), StopException(), ValueError("galat halaman")])
def test_a_turn_is_given_back_however_the_run_ends(akhir):
    for _ in range(modul.SEKALIGUS):  # as many runs as turns, each ending early
        with pytest.raises(type(akhir)):
            with modul.giliran():
                raise akhir
    diambil = [modul._GILIRAN.acquire(blocking=False) for _ in range(modul.SEKALIGUS)]
    for ok in diambil:
        if ok:
            modul._GILIRAN.release()
    assert all(diambil)  # every turn free again


def test_a_page_run_of_the_app_waits_for_a_turn(app_env):
    """app.py runs inside a turn: with every turn taken, a login page run waits; given one back, it runs."""
    from tests.app.conftest import new_app

    at = new_app()
    selesai = threading.Event()
    for _ in range(modul.SEKALIGUS):
        modul._GILIRAN.acquire()
    try:
        threading.Thread(target=lambda: (at.run(), selesai.set()), daemon=True).start()
        assert not selesai.wait(1.5)  # no turn: the run waits
    finally:
        for _ in range(modul.SEKALIGUS):
            modul._GILIRAN.release()
    assert selesai.wait(30)
    assert not at.exception and at.text_input(key="login_nip")
