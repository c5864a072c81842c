"""AppTest fixtures: the real app.py on a fresh SQLite database holding the test organisation."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from db.engine import make_engine
from db.session import session_scope
from tests.factories import PASSWORD, Org, build_org

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@dataclass
class AppEnv:
    url: str
    org: Org

    def engine(self):
        return make_engine(self.url)


@pytest.fixture
def app_env(tmp_path, sqlite_template, monkeypatch) -> AppEnv:
    path = tmp_path / "app.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("SIPIJAR_DATABASE_URL", url)
    monkeypatch.setenv("SIPIJAR_COOKIE_KEY", "kunci-uji-" + "x" * 40)
    monkeypatch.delenv("SIPIJAR_DEMO", raising=False)
    engine = make_engine(url)
    with session_scope(engine) as s:
        org = build_org(s)
    engine.dispose()
    return AppEnv(url, org)


def new_app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=30)


def login(nip: str, password: str = PASSWORD) -> AppTest:
    """A fresh browser session, logged in through the login form."""
    at = new_app().run()
    at.text_input(key="login_nip").input(nip)
    at.text_input(key="login_password").input(password)
    at.button[0].click()
    return at.run()


def menu(at: AppTest) -> dict[str, list[str]]:
    """The navigation the app registered for this user: section → page titles, in order."""
    return at.session_state["_sipijar_menu"]


def button(at: AppTest, label: str):
    """The button (or form submit button) with this exact label."""
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r}; buttons: {[b.label for b in at.button]}"
    return matches[0]


def buka(at: AppTest, kunci: str) -> AppTest:
    """Opens the expander ``kunci`` (``components.ui.lipatan``: drawn only while open) as a click on its header
    does, then reruns."""
    at.session_state[kunci] = True
    return at.run()


def buka_semua(at: AppTest) -> AppTest:
    """Opens every expander drawn only while open (a keyed one: ``components.ui.lipatan``), including those an
    opened one brings up, so that what they hold is on the page."""
    dibuka: set[str] = set()
    while baru := {e.proto.id.split("-", 2)[2] for e in at.expander if e.proto.id.startswith("$$ID-")} - dibuka:
        for kunci in baru:
            at.session_state[kunci] = True
        dibuka |= baru
        at.run()
    return at


def tab_terkunci(at: AppTest) -> dict[str, list[str]]:
    """The keyed tabs on the page (drawn only while open: ``st.tabs(..., key=…, on_change="rerun")``): key → labels."""
    hasil: dict[str, list[str]] = {}

    def jelajah(node) -> None:
        for anak in getattr(node, "children", {}).values():
            if anak.type == "tab_container" and anak.proto.id.startswith("$$ID-"):
                hasil[anak.proto.id.split("-", 2)[2]] = [t.label for t in anak.children.values()]
            jelajah(anak)

    jelajah(at._tree)
    return hasil


def pilih_tab(at: AppTest, label: str) -> AppTest:
    """Opens the tab ``label`` of a keyed tab set as a click on it does (the page reruns; only the open tab is
    drawn)."""
    [kunci] = [k for k, labels in tab_terkunci(at).items() if label in labels]
    at.session_state[kunci] = label
    return at.run()


def keadaan_tab(buka: Callable[[dict[str, str]], AppTest | None]) -> Iterator[tuple[dict[str, str], AppTest]]:
    """The page in every combination of open tabs it shows (keyed tabs are drawn only while open; tabs inside
    tabs too): ``buka(tab)`` opens it afresh with the session state ``tab`` (key → label) and returns the
    AppTest, or None when the page is not there; yields each combination with its AppTest, the page as it opens
    first."""
    keadaan, nomor = [{}], 0
    while nomor < len(keadaan):
        at = buka(keadaan[nomor])
        if at is None:
            return
        yield keadaan[nomor], at
        for kunci, labels in tab_terkunci(at).items():
            if kunci not in keadaan[nomor]:
                keadaan += [{**keadaan[nomor], kunci: label} for label in labels[1:]]
        nomor += 1


def polos(markdown: str) -> str:
    """The text a user reads in a message whose body went through ``components.ui.esc`` (the markdown
    escapes removed), for assertions on flash and error messages."""
    return re.sub(r"\\(.)", r"\1", markdown)


def aktivitas_kartu(at) -> list[str]:
    """The activities the cards of Validasi show, as the atasan reads them (each card's line under its date)."""
    return [polos(m.value).split("  \n")[1] for m in at.markdown if ":gray[SKP terkait:]" in m.value]


def pilih_pegawai(at):
    """The Pilih Pegawai selectbox of Validasi (its key follows its labels, which show the waiting counts)."""
    [pilih] = [s for s in at.selectbox if s.label == "Pilih Pegawai"]
    return pilih
