"""Small building blocks every page uses: safe text, the domain error box, confirmations."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from services.platform.errors import SipijarError

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def esc(text: object) -> str:
    """User text made inert for markdown and labels: no links, images, HTML or formatting run."""
    return _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


@contextmanager
def handle_errors() -> Iterator[None]:
    """Show a domain error as a clear message next to the action; the service changed nothing."""
    try:
        yield
    except SipijarError as error:
        st.error(error.message, icon=":material/warning:")


def flash(message: str) -> None:
    """A success message that survives the st.rerun() after a change."""
    st.session_state["_flash"] = message


def show_flash() -> None:
    message = st.session_state.pop("_flash", None)
    if message:
        st.success(message, icon=":material/task_alt:")


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


def coming_soon(title: str) -> None:
    """The one line a screen shows until its workflow is built."""
    st.title(title)
    st.info(f"Layar {title} sedang disiapkan dan akan segera tersedia.", icon=":material/construction:")
