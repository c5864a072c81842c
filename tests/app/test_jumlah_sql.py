"""Issue #20: what one rerun costs in SQL. A server rerun runs app.py's ``main()`` (the login resumed, the actor,
the menu inputs and the sidebar count) and then the page; AppTest reruns only the page, so ``main()`` is counted
on its own (a run of app.py whose navigation draws nothing). The ceilings fail when a change brings back repeated
``setting`` reads, a write transaction to resume a login, or per-row loads.

Before issue #20 (this test's counts): main() 20 statements (17 for a pegawai without bawahan); the Beranda page
18; the Aktivitas Harian page 34; a Simpan 90 (16 ``setting`` reads)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
import streamlit as st
from sqlalchemy import Engine, event

from db.session import session_scope
from tests.app.conftest import button, login, new_app
from tests.app.test_aktivitas_pages import TODAY, M, _setup
from tests.factories import add_aktivitas

#: Session-state keys a browser session carries from run to run that main() reads.
_KEADAAN = ("sipijar_login", "_sipijar_context", "_sipijar_context_meta", "_sipijar_generasi")


@pytest.fixture
def sql() -> Iterator[list[str]]:
    statements: list[str] = []

    def catat(_conn, _cursor, statement, _params, _context, _many):
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", catat)
    yield statements
    event.remove(Engine, "before_cursor_execute", catat)


class _TanpaHalaman:
    """``st.navigation`` that registers the menu and draws no page: only main() runs."""

    def __init__(self, *_args, **_kw):
        pass

    def run(self) -> None:
        return None


def _main_saja(at, sql: list[str], monkeypatch, dingin: bool = False) -> list[str]:
    """The statements of app.py's main() in a run with this browser session's state (``dingin``: as the first run
    after login, nothing cached); the state main() keeps (the cached context) goes back to ``at``, as the server
    keeps it for the session."""
    utama = new_app()
    for kunci in _KEADAAN:
        if kunci in at.session_state and not (dingin and kunci.startswith("_sipijar_context")):
            utama.session_state[kunci] = at.session_state[kunci]
    with monkeypatch.context() as m:
        m.setattr(st, "navigation", _TanpaHalaman)
        sql.clear()
        utama.run()
        terhitung = list(sql)
    assert not utama.exception, utama.exception
    for kunci in _KEADAAN:
        if kunci in utama.session_state:
            at.session_state[kunci] = utama.session_state[kunci]
    return terhitung


def _jumlah(statements: list[str], awalan: str) -> int:
    return sum(1 for s in statements if s.lstrip().upper().startswith(awalan))


def _ringkas(statements: list[str]) -> str:
    per_jenis = Counter(s[:90] + " … " + s[-60:].replace("\n", " ") for s in statements)
    return "\n".join(f"{n} × {teks}" for teks, n in per_jenis.most_common())


def test_main_resumes_the_login_read_only_and_reuses_the_menu_and_counts(app_env, sql, monkeypatch):
    _setup(app_env)
    at = login(app_env.org.kasubbid.nip)  # an atasan: the Atasan menu, the Plt lines and the waiting count
    pertama = _main_saja(at, sql, monkeypatch, dingin=True)
    kedua = _main_saja(at, sql, monkeypatch)
    print(f"main(), atasan: {len(pertama)} statements, then {len(kedua)}")
    assert _jumlah(pertama + kedua, "BEGIN IMMEDIATE") == 0, "a page run took the write lock"
    assert _jumlah(pertama, "SELECT") <= 11, _ringkas(pertama)  # with the unread notifications (#18)
    # Cached for the session: only the login (session, account, pegawai: one query) and the actor (never cached).
    assert _jumlah(kedua, "SELECT") <= 2, _ringkas(kedua)
    assert _jumlah(kedua, "BEGIN") == 1


def test_a_write_of_this_session_recomputes_the_sidebar_count(app_env, sql, monkeypatch):
    from components.ui import GENERASI

    _setup(app_env)
    at = login(app_env.org.kasubbid.nip)
    _main_saja(at, sql, monkeypatch)
    at.session_state[GENERASI] = at.session_state[GENERASI] + 1 if GENERASI in at.session_state else 1
    assert _jumlah(_main_saja(at, sql, monkeypatch), "SELECT") > 3


def _enam_aktivitas(app_env):
    """Six rows today on both RHK and their indikator: per-row loads of their labels would show as more queries."""
    return _enam_baris(app_env, _setup(app_env))


def _enam_baris(app_env, skp) -> None:
    with session_scope(app_env.engine()) as s:
        for i in range(6):
            row = add_aktivitas(s, app_env.org.staf, skp, TODAY, f"{10 + i}:00", f"{10 + i}:30", M)
            row.rhk_id, row.indikator_id = skp.rhk_ids[i % 2], skp.indikator_ids[i % 2]


def test_beranda_aktivitas_harian_and_a_simpan_stay_under_their_ceilings(app_env, sql, monkeypatch):
    _enam_aktivitas(app_env)
    at = login(app_env.org.staf.nip)
    sql.clear()
    at.run()
    beranda = list(sql)
    at.switch_page("pages/aktivitas_harian.py").run()
    sql.clear()
    at.run()
    harian = list(sql)
    at.text_area[0].input("Menyusun laporan mutasi pegawai")
    at.text_input(key=[w.key for w in at.text_input if w.label == "Satuan output"][0]).input("Laporan")
    sql.clear()
    button(at, "Simpan").click().run()
    simpan = list(sql)
    assert not at.exception and "tersimpan" in at.success[0].value
    main = _main_saja(at, sql, monkeypatch)
    for nama, statements, batas in (
        ("Beranda", beranda, 15),
        ("Aktivitas Harian", harian, 30),  # its four expanders closed: built only when opened (43 before)
        ("Simpan", simpan, 73),  # AppTest runs the whole page for the form's fragment, then the page again
        ("main() after the Simpan", main, 14),
    ):
        print(f"{nama}: {len(statements)} statements")
        assert len(statements) <= batas, f"{nama}: {len(statements)} > {batas}\n{_ringkas(statements)}"
        assert _jumlah(statements, "SELECT SETTING") <= _jumlah(statements, "BEGIN"), (
            f"{nama}: settings read more than once per transaction\n{_ringkas(statements)}"
        )


def test_validasi_stays_under_its_ceiling(app_env, sql):
    _enam_aktivitas(app_env)
    at = login(app_env.org.kasubbid.nip)
    at.switch_page("pages/validasi.py").run()
    sql.clear()
    at.run()
    validasi = list(sql)
    print(f"Validasi: {len(validasi)} statements")
    assert not at.exception
    assert len(validasi) <= 14, _ringkas(validasi)  # the fragment's own read; the open months of the rows


def test_another_users_write_shows_after_the_cache_expires(app_env, sql, monkeypatch):
    """A bawahan's new activity is another session's write: the atasan's count is recomputed once the cached
    context is older than UMUR_KONTEKS_S (here made 0)."""
    from components import context

    skp = _setup(app_env)
    at = login(app_env.org.kasubbid.nip)
    _main_saja(at, sql, monkeypatch)
    assert at.session_state["_sipijar_context"].menunggu == 0
    _enam_baris(app_env, skp)  # the staf's rows waiting for the kasubbid
    _main_saja(at, sql, monkeypatch)
    assert at.session_state["_sipijar_context"].menunggu == 0  # cached
    monkeypatch.setattr(context, "UMUR_KONTEKS_S", 0.0)
    _main_saja(at, sql, monkeypatch)
    assert at.session_state["_sipijar_context"].menunggu == 6


def test_reusing_the_cached_context_does_not_extend_its_life(app_env, sql, monkeypatch):
    """The minute counts from when the context was computed, however often the user clicks meanwhile."""
    _setup(app_env)
    at = login(app_env.org.kasubbid.nip)
    _main_saja(at, sql, monkeypatch)
    dihitung = at.session_state["_sipijar_context_meta"]
    _main_saja(at, sql, monkeypatch)
    assert at.session_state["_sipijar_context_meta"] == dihitung
