"""End-to-end fixtures: a real ``streamlit run`` of app.py on a free port with its own SQLite
database holding the demo organisation, and Playwright driving Debian's Chromium.

Locally, a machine without Chromium skips these tests; with SIPIJAR_REQUIRE_E2E=1 (set by .ci/run)
a missing browser fails the run instead. Every browser window is traced: a failing test leaves its
Playwright traces in test-artifacts/traces/ (``playwright show-trace FILE``). The server's today is the
tests' pinned today (tests/conftest.py), through SIPIJAR_HARI_INI.

The helpers wait until Streamlit is idle and look only at live elements: during a rerun the elements of
the previous run stay on screen, marked stale, next to their replacements.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from components.auth import COOKIE_NAME
from db.engine import make_engine
from db.migrate import upgrade
from db.session import session_scope
from services.platform.kalender import hari_ini
from tests.load.server import hentikan, tunggu_sehat

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SIPIJAR_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
TRACES = ROOT / "test-artifacts" / "traces"
#: Generous: a Streamlit rerun on a busy 2-core CI machine can take many seconds; a passing test never waits it out.
TIMEOUT_MS = 45_000
#: pytest-timeout for a browser test (the first of a module also starts its server); others get pyproject's.
E2E_TIMEOUT_S = 900
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


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
        env = {
            **os.environ,
            "SIPIJAR_DATABASE_URL": db_url,
            "SIPIJAR_COOKIE_KEY": "kunci-e2e-" + "k" * 40,
            "SIPIJAR_DEMO": "1",
            "SIPIJAR_HARI_INI": hari_ini().isoformat(),  # the server's today is the tests' (pinned) today
            **(env_extra or {}),
        }
        self.log = open(ROOT / "test-artifacts" / f"streamlit-{self.port}.log", "w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_healthy()

    def _wait_healthy(self, timeout: float = 60) -> None:
        tunggu_sehat(self.url, self.process, self.log.name, timeout)

    def stop(self) -> None:
        hentikan(self.process, 10)
        self.log.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, sqlite_template) -> str:
    """A SQLite database with the demo organisation, seeded once for the e2e session."""
    from services.contoh import demo

    path = tmp_path_factory.mktemp("e2e") / "demo.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        demo.isi_demo(session)
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


#: The open, traced browser contexts: each records one trace chunk per test.
_TRACED: list = []
#: The traces of contexts closed during the current test, kept until it is known whether it failed.
_CLOSED: list[Path] = []
_FAILED = pytest.StashKey[bool]()


def new_window(browser, lebar: int = 1366, tinggi: int = 768, jejak: bool = True):
    """A page in a fresh browser (own cookies), Indonesian, with the suite's timeout; traced unless ``jejak`` is
    off (a timing must not carry the trace's screencast)."""
    context = browser.new_context(viewport={"width": lebar, "height": tinggi}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    if not jejak:
        return page
    context.tracing.start(screenshots=True, snapshots=True)
    _TRACED.append(context)
    close = context.close

    def close_keeping_trace(**kwargs) -> None:
        if context in _TRACED:
            _TRACED.remove(context)
            TRACES.mkdir(parents=True, exist_ok=True)
            path = TRACES / f"closed-{os.getpid()}-{id(context)}.zip"
            context.tracing.stop(path=str(path))
            _CLOSED.append(path)
        close(**kwargs)

    context.close = close_keeping_trace
    return page


@pytest.fixture(autouse=True)
def _traces(request):
    """After each test: the trace chunks of its browsers go to test-artifacts/traces/TEST-N.zip if it
    failed, and are dropped if it passed."""
    _drop_closed()
    yield
    failed = request.node.stash.get(_FAILED, False)
    if failed:
        TRACES.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    for n, context in enumerate(_TRACED):
        context.tracing.stop_chunk(path=str(TRACES / f"{name}-{n}.zip") if failed else None)
        context.tracing.start_chunk()
    if failed:
        for n, path in enumerate(_CLOSED, start=len(_TRACED)):
            path.replace(TRACES / f"{name}-{n}.zip")
        _CLOSED.clear()
    _drop_closed()


def _drop_closed() -> None:
    """Traces of contexts closed outside a test (a module's fixture ending) belong to no failure."""
    for path in _CLOSED:
        path.unlink(missing_ok=True)
    _CLOSED.clear()


def pytest_sessionfinish() -> None:
    _drop_closed()  # the windows of the last module's fixtures


@pytest.fixture
def page(browser):
    page = new_window(browser)
    yield page
    page.context.close()


@contextmanager
def server_on_copy(
    demo_db: str, tmp_path_factory, label: str, prepare: Callable[[str], None] | None = None
) -> Iterator[Server]:
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


#: The previous chapter of each chapter of a story (a module marked ``story``), in file order.
_PREVIOUS = pytest.StashKey[str | None]()
_PASSED = pytest.StashKey[set[str]]()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items) -> None:
    """Browser tests get the longer timeout; each chapter of a story remembers the one before it (before
    ``-k`` or ``-m`` deselect any)."""
    previous: dict[str, str] = {}
    for item in items:
        if item.get_closest_marker("e2e") is not None and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(E2E_TIMEOUT_S))
        if item.get_closest_marker("story") is not None:
            item.stash[_PREVIOUS] = previous.get(item.module.__name__)
            previous[item.module.__name__] = item.nodeid


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember a failure (for the traces) and a chapter that passed."""
    report = yield
    if report.failed:
        item.stash[_FAILED] = True
    elif report.when == "call" and report.passed:
        item.session.stash.setdefault(_PASSED, set()).add(item.nodeid)
    return report


def pytest_runtest_setup(item):
    """A story's chapters build on each other: one runs only after the chapter before it passed in this run.
    After a failure the later ones are skipped, naming it, instead of each waiting out its timeouts."""
    previous = item.stash.get(_PREVIOUS, None)
    if previous is not None and previous not in item.session.stash.get(_PASSED, set()):
        pytest.skip(f"builds on {previous.rpartition('::')[2]}, which did not pass in this run")


def demo_akun(peran_prefix: str) -> tuple[str, str]:
    """(nama, nip) of the first demo login whose role label starts with ``peran_prefix``."""
    from services.contoh.demo import DEMO_LOGINS

    _peran, nama, nip = next(row for row in DEMO_LOGINS if row[0].startswith(peran_prefix))
    return nama, nip


#: What is of the current run: not an element container Streamlit marked stale (a previous run's element still
#: on screen until this run replaces or drops it), nor inside one.
_LIVE = ':not([data-stale="true"], [data-stale="true"] *)'


def live(locator):
    """Only the elements of ``locator`` that belong to the current run (so a locator never matches both an
    element and its stale copy of the previous run)."""
    return locator.and_(locator.page.locator(_LIVE))


def judul(page, name: str):
    """The live heading ``name``."""
    return live(page.get_by_role("heading", name=name))


#: True when the app is idle: the script is not running (Streamlit's own e2e tests wait on this attribute)
#: and no element of the previous run is still on screen.
_IDLE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app !== null && app.getAttribute('data-test-script-state') === 'notRunning'
        && document.querySelectorAll('[data-stale="true"]').length === 0;
}"""


def settle(page) -> None:
    """Wait until Streamlit's rerun is over: the script has finished and nothing of the previous run is
    still on screen. (Not "networkidle": a Streamlit page keeps its websocket busy and under load may never
    reach it.) The short pause first lets a rerun that a click or a choice just asked for begin."""
    page.wait_for_timeout(250)
    page.wait_for_function(_IDLE)


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


def wait_for_cookie(page) -> None:
    """Wait until the browser holds the login cookie, before a reload or a goto that needs it: a component
    writes it after the first full run after login (on a busy machine, seconds later)."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not any(c["name"] == COOKIE_NAME for c in page.context.cookies()):
        if time.monotonic() > deadline:
            shot(page, "debug-cookie")
            raise AssertionError(f"no {COOKIE_NAME} cookie {TIMEOUT_MS} ms after login")
        page.wait_for_timeout(200)


def klik_sampai(page, target, tanda, nama: str = "klik", attempts: int = 3, timeout: int = 15_000) -> None:
    """Click ``target`` once the app is idle, then wait for ``tanda`` (a locator) to show. Only for clicks that
    move around (a menu item, a tab): such a click is lost when it lands while a rerun replaces the element,
    and then it is repeated. Never for a button that saves (a repeat would save twice)."""
    for attempt in range(attempts):
        settle(page)
        target.click()
        try:
            live(tanda).first.wait_for(timeout=timeout)
            settle(page)
            return
        except Exception:
            if attempt == attempts - 1:
                shot(page, f"debug-{nama}")
                raise


def buka_menu(page, label: str, heading: str | None = None) -> None:
    """Open the sidebar menu item ``label`` and wait for the page's title (``heading``, default the label)."""
    klik_sampai(
        page,
        page.get_by_test_id("stSidebar").get_by_role("link", name=label, exact=True),
        judul(page, heading or label),
        nama="menu",
    )


def buka_tab(page, label: str, tanda=None) -> None:
    """Open the tab ``label`` and wait until ``tanda`` (a locator of its content) shows, or else until the tab
    is the selected one."""
    tab = live(page.get_by_role("tab", name=label, exact=True)).first
    klik_sampai(
        page, tab, tanda if tanda is not None else page.get_by_role("tab", name=label, selected=True), nama="tab"
    )


def pilih(page, label: str, option: str) -> None:
    """Choose ``option`` (a part of its text) in the selectbox labelled ``label``, and wait until the list
    has closed and the app is idle: while the list is open the page behind it is inert, and a choice starts
    a rerun. Retried when a rerun closes the list before the option is clicked."""
    box = live(page.get_by_test_id("stSelectbox").filter(has=page.get_by_text(label, exact=True), visible=True)).first
    pola = re.compile(re.escape(option))
    for attempt in range(3):
        settle(page)
        box.get_by_role("combobox").click()
        try:
            page.get_by_role("option", name=pola).first.click(timeout=5000)
        except Exception:
            page.keyboard.press("Escape")
            if attempt == 2:
                shot(page, "debug-pilih")
                raise
            continue
        page.get_by_role("listbox").wait_for(state="detached")
        settle(page)
        if pola.search(_terpilih(box)):
            return
    shot(page, "debug-pilih")
    raise AssertionError(f"{label}: {option!r} not chosen; shows {_terpilih(box)!r}")


def _terpilih(box) -> str:
    """What the selectbox shows as chosen (in its text, or as the value of its search field)."""
    combobox = box.get_by_role("combobox")
    nilai = combobox.input_value() if combobox.evaluate("e => e.tagName") == "INPUT" else ""
    return f"{box.inner_text()} {nilai}"


def pilih_radio(page, label: str, option: str) -> None:
    """Choose ``option`` of the (visible) radio group labelled ``label`` and check it is chosen."""
    group = live(page.get_by_test_id("stRadio").filter(has=page.get_by_text(label, exact=True), visible=True)).first
    group.get_by_text(option, exact=True).click()
    settle(page)  # outside a form a choice starts a rerun
    assert group.get_by_role("radio", name=option, exact=True).is_checked(), f"{label}: {option} not chosen"


#: Records whether Streamlit starts a run from now on (the click reached the server) — a MutationObserver,
#: so even a run that starts and ends between two polls is seen.
_AMATI_RUN = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (window.__sipijarAmat) window.__sipijarAmat.disconnect();
    window.__sipijarJalan = false;
    window.__sipijarAmat = new MutationObserver(() => {
        if (app.getAttribute('data-test-script-state') !== 'notRunning') window.__sipijarJalan = true;
    });
    window.__sipijarAmat.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


def klik_simpan(page, tombol, text: str, attempts: int = 3) -> None:
    """Click a button that saves, once the app is idle, and wait for its success message ``text``. A click
    that lands while a rerun replaces the button is lost without a trace: no run starts. Only then —
    nothing reached the server, so nothing was saved — is it clicked again; a click that started a run
    is never repeated."""
    for attempt in range(attempts):
        settle(page)
        page.evaluate(_AMATI_RUN)
        tombol.click()
        try:
            page.wait_for_function("() => window.__sipijarJalan === true", timeout=5_000)
            break
        except Exception:
            # No run seen — but when the page has moved on all the same (the success message shows, or the
            # button is gone: a form that closed after its submit), the click did reach the server and must not
            # be repeated; the wait for the message below tells whether it saved.
            settle(page)
            if _berpindah(page, tombol, text):
                break
            if attempt == attempts - 1:
                shot(page, "debug-klik-simpan")
                raise
    sukses(page, text)


def _berpindah(page, tombol, text: str) -> bool:
    """After a click that showed no run: the success ``text`` is on screen, or the button is no longer there."""
    pesan = live(page.get_by_test_id("stAlertContentSuccess").filter(has_text=text))
    return pesan.count() > 0 or live(tombol).count() == 0


def sukses(page, text: str) -> None:
    """Wait for the success message containing ``text``, then for the run that drew it to end."""
    try:
        live(page.get_by_test_id("stAlertContentSuccess").filter(has_text=text)).first.wait_for()
    except Exception:
        shot(page, "debug-sukses")
        raise
    settle(page)


def di_ponsel(browser, server, nip: str, password: str, path: str, heading: str, siapkan, nama: str) -> None:
    """A screen at a phone's width (390×844): log in, open ``path`` by address (the cookie carries the login),
    let ``siapkan(page)`` choose what the screen shows, save the screenshot ``nama``, and check that nothing is
    wider than the screen."""
    page = new_window(browser, 390, 844)
    try:
        login(page, server, nip, password)
        wait_for_cookie(page)
        page.goto(f"{server.url}/{path}")
        judul(page, heading).first.wait_for()
        siapkan(page)
        settle(page)
        shot(page, nama)
        lebar = page.evaluate("() => document.documentElement.scrollWidth")
        assert lebar <= 390 + 1, lebar  # nothing wider than the screen
    finally:
        page.context.close()


def unduh(page, label: str):
    """Click a download button once the app is idle and return the download. Streamlit makes the file on the
    click (deferred data); a click that lands while a rerun replaces the button gets nothing, so it is
    clicked again — a download changes no data."""
    for attempt in range(3):
        settle(page)
        tombol = live(page.get_by_role("button", name=label))
        tombol.scroll_into_view_if_needed()
        try:
            with page.expect_download(timeout=20_000) as info:
                tombol.click()
            return info.value
        except PlaywrightTimeout:
            if attempt == 2:
                shot(page, "debug-unduh")
                raise
    raise AssertionError(label)
