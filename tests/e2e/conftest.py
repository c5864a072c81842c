"""End-to-end fixtures: a real ``streamlit run`` of app.py on a free port with its own SQLite
database holding the demo organisation, and Playwright driving Debian's Chromium.

Locally, a machine without Chromium skips these tests; with SIPIJAR_REQUIRE_E2E=1 (set by .ci/run)
a missing browser fails the run instead.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import sqlite3
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import pytest

from db.engine import make_engine
from db.migrate import upgrade
from db.session import session_scope

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SIPIJAR_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
#: Generous: a Streamlit rerun on a busy 2-core CI machine can take many seconds; a passing test never waits it out.
TIMEOUT_MS = 45_000
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def _require_browser() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("SIPIJAR_REQUIRE_E2E") == "1":
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running ``streamlit run app.py``; ``url`` is its address."""

    def __init__(self, db_url: str, env_extra: dict[str, str] | None = None, port: int | None = None):
        self.port = port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "SIPIJAR_DATABASE_URL": db_url, "SIPIJAR_COOKIE_KEY": "kunci-e2e-" + "k" * 40,
               "SIPIJAR_DEMO": "1", **(env_extra or {})}
        self.log = open(ROOT / "test-artifacts" / f"streamlit-{self.port}.log", "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait_healthy()

    def _wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early; see {self.log.name}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"streamlit not healthy after {timeout}s; see {self.log.name}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, sqlite_template) -> str:
    """A SQLite database with the demo organisation, seeded once for the e2e session."""
    from services import demo

    path = tmp_path_factory.mktemp("e2e") / "demo.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        demo.seed_demo(session)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def server(demo_db):
    _require_browser()
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    srv = Server(demo_db)
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()


@contextmanager
def server_on_copy(demo_db: str, tmp_path_factory, label: str,
                   prepare: Callable[[str], None] | None = None) -> Iterator[Server]:
    """A server of a test module's own, on a copy of the demo database (so a story that changes data
    leaves the shared server alone); ``prepare(url)`` may add data before the server starts."""
    _require_browser()
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    path = tmp_path_factory.mktemp(f"e2e-{label}") / "demo.db"
    source, target = sqlite3.connect(demo_db.removeprefix("sqlite:///")), sqlite3.connect(path)
    source.backup(target)
    source.close()
    target.close()
    url = f"sqlite:///{path}"
    if prepare is not None:
        prepare(url)
    srv = Server(url)
    try:
        yield srv
    finally:
        srv.stop()


def demo_akun(peran_prefix: str) -> tuple[str, str]:
    """(nama, nip) of the first demo login whose role label starts with ``peran_prefix``."""
    from services.demo import DEMO_LOGINS

    _peran, nama, nip = next(row for row in DEMO_LOGINS if row[0].startswith(peran_prefix))
    return nama, nip


def settle(page) -> None:
    """Wait until Streamlit's rerun is over: no element of the previous run is still on screen. (Not
    "networkidle": a Streamlit page keeps its websocket busy and under load may never reach it.)"""
    page.wait_for_timeout(300)
    page.wait_for_function("() => document.querySelectorAll('[data-stale=\"true\"]').length === 0")


def shot(page, name: str) -> Path:
    """Save a full-page screenshot to test-artifacts/screenshots/NAME.png (to look at)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    settle(page)
    page.wait_for_timeout(900)  # data grids draw on a canvas after the run settles
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page, server, nip: str, password: str) -> None:
    """Open the app and log in through the form, as a person would."""
    page.goto(server.url)
    page.get_by_label("Username (NIP)").fill(nip)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("button", name="Log out").wait_for()


def pilih(page, label: str, option: str) -> None:
    """Choose ``option`` in the selectbox labelled ``label`` (retried: a rerun may close the list)."""
    box = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text(label, exact=True)).first
    for attempt in range(3):
        box.get_by_role("combobox").click()
        try:
            page.get_by_role("option", name=re.compile(re.escape(option))).first.click(timeout=4000)
            break
        except Exception:
            page.keyboard.press("Escape")
            if attempt == 2:
                shot(page, "debug-pilih")
                raise
    page.wait_for_timeout(800)
