"""The load harness still works (part of ``make test``; not a timed target): 10 users for 20 s against one
``streamlit run`` on a small generated regency, and the empty floor page, through the websocket protocol.
Every answer is the user's own expected page, no exception or error alert, no disconnect, and every save
the users saw confirmed is in the database."""

from __future__ import annotations

import asyncio
from datetime import UTC

import pytest
from time_machine import escape_hatch

from tests.load import data
from tests.load.beban import Sasaran, kosong, log_server, satu_proses, tingkat
from tests.load.pengguna import Skenario

pytestmark = pytest.mark.load

SKENARIO = Skenario((1.0, 3.0), batas_waktu=60)


def _sehat(t) -> None:
    h = t.hasil
    assert h.aksi >= 10, h.waktu
    assert (sum(h.exceptions.values()), sum(h.galat.values()), sum(h.salah_halaman.values()), h.putus) == (
        0,
        0,
        0,
        0,
    ), h.contoh_masalah


def test_sepuluh_pengguna_sqlite_dan_lantai(tmp_path, time_machine):
    # The server runs on the real clock: the logins and cookies made here must be valid for it, and the
    # regency is generated (by a subprocess, on the real clock) for the real today.
    time_machine.move_to(escape_hatch.datetime.datetime.now(UTC), tick=True)
    db_url = data.salin_sqlite(data.regency(200, 1, tmp_path), tmp_path / "sipijar.db")
    kunci = data.kunci_cookie()
    users = data.pengguna(db_url, 10, kunci)
    assert sum(p.atasan for p in users) == 2
    with satu_proses(db_url, kunci, (), {}) as server:
        t = asyncio.run(tingkat(Sasaran("app", server.url, server.pids, users, db_url), 10, 20, SKENARIO))
        assert not log_server(server.log)
    _sehat(t)
    assert {"Beranda", "Aktivitas Harian", "Tambah Aktivitas"} <= set(t.hasil.waktu)
    assert t.hasil.simpan > 0
    assert t.tersimpan_db == t.hasil.simpan  # no save lost, none made without its confirmation
    with kosong(False, ()) as server:
        lantai = asyncio.run(tingkat(Sasaran("kosong", server.url, server.pids, None), 10, 20, SKENARIO))
    _sehat(lantai)
    assert set(lantai.hasil.waktu) == {"Halaman kosong"}
