"""The one way a planning screen runs a change: one transaction, the domain error next to the
action, or a flash and a rerun."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from sqlalchemy.orm import Session

from components.context import PageContext
from components.ui import flash, handle_errors
from db.session import session_scope


def jalankan(ctx: PageContext, action: Callable[[Session], object], pesan: str) -> None:
    with handle_errors():
        with session_scope(ctx.engine) as session:
            action(session)
        flash(pesan)
        st.rerun()
