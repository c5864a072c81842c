"""Issue #17 (2): a page's write that finds SQLite locked by another writer is retried once and then shown as one
Indonesian message, never a traceback. Every write of a page or of the login passes through
``components.ui.tulis`` (or ``tugas`` for a service with its own transactions): a static check holds every page to
it, and the login, a Simpan and Log out are tried with the lock held by another connection."""

from __future__ import annotations

import ast
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from components import ui
from db import engine as db_engine
from tests.app.conftest import button, login, new_app, polos
from tests.app.test_aktivitas_pages import _setup

AKAR = Path(__file__).resolve().parents[2]
#: Where writing outside ``tulis`` is allowed: the retrying path itself, and the start-up (migration, calendar).
BOLEH = {"components/ui.py", "components/config.py"}
#: Services that open their own write transactions: a page calls them only inside ``tugas(lambda: …)``.
TUGAS = {("tutup_bulan", "tutup"), ("import_pegawai", "impor")}


def _berkas() -> list[Path]:
    return sorted([*AKAR.glob("pages/*.py"), *AKAR.glob("components/*.py"), AKAR / "app.py"])


def _menulis(call: ast.Call) -> str | None:
    """Why ``call`` writes outside the retrying path, or None."""
    fungsi = call.func
    nama = fungsi.attr if isinstance(fungsi, ast.Attribute) else getattr(fungsi, "id", None)
    if nama == "session_scope":
        readonly = next((k.value for k in call.keywords if k.arg == "readonly"), None)
        if not (isinstance(readonly, ast.Constant) and readonly.value is True):
            return "session_scope without readonly=True"
    if isinstance(fungsi, ast.Attribute) and isinstance(fungsi.value, ast.Name):
        if (fungsi.value.id, fungsi.attr) in TUGAS:
            return f"{fungsi.value.id}.{fungsi.attr} outside tugas()"
    return None


def _di_dalam_tugas(tree: ast.AST) -> set[int]:
    """The ids of the calls that are the body of a ``lambda`` given to ``tugas``."""
    dalam: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tugas":
            for arg in node.args:
                if isinstance(arg, ast.Lambda) and isinstance(arg.body, ast.Call):
                    dalam.add(id(arg.body))
    return dalam


def test_no_page_writes_outside_the_retrying_path():
    pelanggaran = []
    for path in _berkas():
        relatif = str(path.relative_to(AKAR))
        if relatif in BOLEH:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        dalam = _di_dalam_tugas(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and id(node) not in dalam:
                alasan = _menulis(node)
                if alasan:
                    pelanggaran.append(f"{relatif}:{node.lineno}: {alasan}")
    assert pelanggaran == [], "write through components.ui.tulis / tugas:\n" + "\n".join(pelanggaran)


def test_the_static_check_sees_a_write():
    """The check itself can fail: a page body with a plain write transaction is caught."""
    tree = ast.parse("with session_scope(ctx.engine) as s:\n    x(s)\ntutup_bulan.tutup(e, a, 1, 2)")
    assert sorted(_menulis(n) or "" for n in ast.walk(tree) if isinstance(n, ast.Call) and _menulis(n)) == [
        "session_scope without readonly=True",
        "tutup_bulan.tutup outside tugas()",
    ]


@pytest.fixture
def kunci_cepat(monkeypatch):
    """A short busy timeout and no pause before the retry, so a held lock fails fast."""
    monkeypatch.setattr(db_engine, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.setattr(ui.time, "sleep", lambda _s: None)


@contextmanager
def _terkunci(url: str) -> Iterator[None]:
    """Another connection holds SQLite's write lock (as a long job's transaction would)."""
    lain = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    lain.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        lain.execute("ROLLBACK")
        lain.close()


def _pesan(at) -> list[str]:
    return [polos(e.value) for e in at.error]


def test_login_while_the_database_is_locked_is_a_message(app_env, kunci_cepat):
    at = new_app().run()
    at.text_input(key="login_nip").input(app_env.org.staf.nip)
    at.text_input(key="login_password").input("salah-sekali-123")
    with _terkunci(app_env.url):
        at.button[0].click().run()
    assert not at.exception and _pesan(at) == [ui.PESAN_SIBUK]


def test_simpan_and_log_out_while_the_database_is_locked_are_messages(app_env, kunci_cepat):
    _setup(app_env)
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/aktivitas_harian.py").run()
    at.text_area[0].input("Menyusun laporan mutasi pegawai")
    at.text_input(key=[w.key for w in at.text_input if w.label == "Satuan output"][0]).input("Laporan")
    with _terkunci(app_env.url):
        button(at, "Simpan").click().run()
        assert not at.exception and ui.PESAN_SIBUK in _pesan(at)
        button(at, "Log out").click().run()
        assert not at.exception and ui.PESAN_SIBUK in _pesan(at)
    assert "sipijar_login" in at.session_state  # still logged in: the session was not revoked
    button(at, "Simpan").click().run()  # the lock is gone: the same form saves
    assert not at.exception and "tersimpan" in polos(at.success[0].value)
