"""Small building blocks every page uses: safe text, the domain error box, the one way a user action
runs (one transaction, then a flash and a rerun), confirmations."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from streamlit.delta_generator import DeltaGenerator

from db.session import session_scope, terkunci
from services.platform.errors import KonflikData, SipijarError

T = TypeVar("T")

#: SQLite's "database is locked" after the busy timeout and one retry: nothing was saved.
PESAN_SIBUK = "Server sedang sibuk menyimpan data lain; coba lagi sebentar lagi."
#: Session-state key counting this browser session's saves: the sidebar's cached context is recomputed after
#: each (components.context).
GENERASI = "_sipijar_generasi"

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def esc(text: object) -> str:
    """User text made inert for markdown and labels: no links, images, HTML or formatting run."""
    return _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


@contextmanager
def handle_errors() -> Iterator[None]:
    """Show a domain error as a clear message next to the action; the service changed nothing. A write
    that found the SQLite database locked is a message too (:data:`PESAN_SIBUK`), never a traceback."""
    try:
        yield
    except SipijarError as error:
        st.error(esc(error.message), icon=":material/warning:")  # messages quote names and texts
    except OperationalError as error:
        if not terkunci(error):
            raise
        st.error(PESAN_SIBUK, icon=":material/hourglass_top:")


def flash(message: str, tempat: str = "") -> None:
    """A success message that survives the st.rerun() after a change; ``tempat`` names the place (a form, a
    panel) whose :func:`show_flash` draws it, so it appears next to what produced it."""
    st.session_state[f"_flash{tempat}"] = message


#: A message for the next page's first seconds (see :func:`pesan_pindah`): the text and until when.
_PINDAH = "_sipijar_pesan_pindah"


def pesan_pindah(pesan: str, detik: float = 8.0) -> None:
    """A success shown at the top of the next page for ``detik`` seconds: a switch_page ends this run before the
    browser draws anything, and the reruns right after a login (the cookie) would wipe a one-run message."""
    st.session_state[_PINDAH] = (pesan, time.monotonic() + detik)


def show_pesan_pindah() -> None:
    """The message :func:`pesan_pindah` kept, on every run until its time is up (every page's
    :func:`components.context.current` calls it)."""
    pesan, sampai = st.session_state.get(_PINDAH) or ("", 0.0)
    if time.monotonic() < sampai:
        st.success(esc(pesan), icon=":material/task_alt:")
    else:
        st.session_state.pop(_PINDAH, None)


def show_flash(tempat: str = "") -> None:
    """The success (and, for a callback action, the error) kept for ``tempat``."""
    message = st.session_state.pop(f"_flash{tempat}", None)
    if message:
        st.success(esc(message), icon=":material/task_alt:")  # flashes may quote names and texts
    galat = st.session_state.pop(f"_galat{tempat}", None)
    if galat:
        st.error(esc(galat), icon=":material/warning:")


def lakukan(engine: Engine, action: Callable[[Session], T], pesan: str | Callable[[T], str], tempat: str) -> bool:
    """One user action run from a widget callback (``on_click``): the run that follows draws the result, so
    no st.rerun() is needed — a fragment then reruns only itself. The success or the domain error is kept for
    ``show_flash(tempat)``; returns whether the action went through (nothing changed otherwise)."""
    try:
        hasil = tulis(engine, action)
    except SipijarError as error:
        st.session_state[f"_galat{tempat}"] = error.message
        return False
    except OperationalError as error:
        if not terkunci(error):
            raise
        st.session_state[f"_galat{tempat}"] = PESAN_SIBUK
        return False
    flash(pesan(hasil) if callable(pesan) else pesan, tempat)
    return True


def kunci_form(nama: str) -> str:
    """The key of an input form that empties only after its action went through (``jalankan(..., form=nama)``
    gives it a new key then): a refused submit keeps everything typed, where ``clear_on_submit`` would wipe it.
    Its widgets must not have keys of their own (their ids then follow the form's)."""
    return f"{nama}_v{st.session_state.get(f'_form_{nama}', 0)}"


def kosongkan_form(nama: str) -> None:
    """A :func:`kunci_form` form starts empty in the next run (its action went through)."""
    st.session_state[f"_form_{nama}"] = st.session_state.get(f"_form_{nama}", 0) + 1


def jalankan(
    engine: Engine,
    action: Callable[[Session], T],
    pesan: str | Callable[[T], str],
    versi_key: str | None = None,
    form: str | None = None,
    tempat: str = "",
) -> None:
    """One user action: ``action(session)`` in one transaction (:func:`tulis`), then flash ``pesan`` (or
    ``pesan(result)`` when it names what the action did) and rerun; a domain error is shown next to the action and
    nothing changed. ``versi_key`` holds the version the form was shown with (optimistic locking): it is forgotten
    after a success and after a conflict, so the next screen shows (and sends) the current version. ``form`` (a
    :func:`kunci_form` name) is emptied after a success only; ``tempat`` is where the success is shown
    (:func:`show_flash`), next to the form."""
    with handle_errors():
        try:
            hasil = tulis(engine, action)
        except KonflikData:
            _lupakan(versi_key)
            raise
        _lupakan(versi_key)
        if form is not None:
            kosongkan_form(form)
        flash(pesan(hasil) if callable(pesan) else pesan, tempat)
        st.rerun()


def tulis(engine: Engine, action: Callable[[Session], T]) -> T:
    """The one way a page or the login writes (a test holds every page to it): ``action(session)`` in one
    transaction, once more after a short pause when SQLite stayed locked past the busy timeout (nothing was
    written then), and this session's cached menu and counts recomputed on the next run. Call it inside
    :func:`handle_errors`, which turns a lock that outlasts the retry into :data:`PESAN_SIBUK`."""
    return tugas(lambda: _satu_transaksi(engine, action))


def tugas(kerja: Callable[[], T]) -> T:
    """:func:`tulis` for a service that opens its own transactions (the import, Tutup Bulan): all or nothing, so
    a run that found the database locked wrote nothing and is run again once."""
    try:
        hasil = kerja()
    except OperationalError as error:
        if not terkunci(error):
            raise
        time.sleep(0.5)
        hasil = kerja()
    st.session_state[GENERASI] = st.session_state.get(GENERASI, 0) + 1
    return hasil


def _satu_transaksi(engine: Engine, action: Callable[[Session], T]) -> T:
    with session_scope(engine) as session:
        return action(session)


def _lupakan(versi_key: str | None) -> None:
    if versi_key is not None:
        st.session_state.pop(versi_key, None)


def lipatan(label: str, key: str, icon: str) -> DeltaGenerator | None:
    """An expander whose contents are built only while it is open (``on_change="rerun"``): a closed section
    costs a rerun nothing. Its key keeps it open across the reruns its own buttons cause; its widgets are
    forgotten while it is closed, as Streamlit forgets every widget it did not draw."""
    bagian = st.expander(label, icon=icon, key=key, on_change="rerun")
    return bagian if bagian.open else None


def confirm(key: str, question: str, action_label: str, on_confirm: Callable[[], None]) -> None:
    """Two-step confirmation for destructive actions: the first click asks, the second acts. The question
    and the label may quote user text (an indikator, a name): both are shown inert."""
    if st.session_state.get(f"confirm_{key}"):
        st.warning(esc(question), icon=":material/warning:")
        yes, no = st.columns(2)
        if yes.button(esc(f"Ya, {action_label.lower()}"), key=f"yes_{key}", type="primary"):
            st.session_state.pop(f"confirm_{key}", None)
            on_confirm()
        if no.button("Batal", key=f"no_{key}"):
            st.session_state.pop(f"confirm_{key}", None)
            st.rerun()
    elif st.button(esc(action_label), key=f"ask_{key}"):
        st.session_state[f"confirm_{key}"] = True
        st.rerun()


def impor_ditolak(kesalahan: Sequence) -> None:
    """An import refused whole (pegawai, ketidakhadiran): how many mistakes to fix, then every bad row and column
    as a table, where the file's own text is shown inert."""
    st.error(
        f"Impor dibatalkan; tidak ada data yang disimpan. Perbaiki {len(kesalahan)} kesalahan berikut lalu "
        "impor ulang.",
        icon=":material/warning:",
    )
    st.dataframe(
        [{"Baris": k.baris, "Kolom": k.kolom, "Kesalahan": k.pesan} for k in kesalahan],
        hide_index=True,
        width="stretch",
    )


def coming_soon(title: str) -> None:
    """The one line a screen shows until its workflow is built."""
    st.title(title)
    st.info(f"Layar {title} sedang disiapkan dan akan segera tersedia.", icon=":material/construction:")
