"""What a page needs to act: the engine and the acting user, set by app.py for this run.

``current()`` also draws the sidebar (who is logged in, roles, one-click logout). It is drawn by the
page rather than app.py because only what the page draws survives reruns in Streamlit's AppTest.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from sqlalchemy import Engine

from components.ui import esc
from services.platform.access import Actor

_KEY = "_sipijar_context"


@dataclass(frozen=True)
class PageContext:
    engine: Engine
    actor: Actor
    is_atasan: bool
    plans_like_jpt: bool
    menunggu: int = 0  # SKP diajukan + aktivitas menunggu validasi, for an atasan
    kepala_daerah: bool = False  # no SKP of their own: no employee pages (docs/domain.md §8.32)
    penugasan: tuple[str, ...] = ()  # Plt/Plh in force, e.g. "Plt Kepala Bidang X s.d. 31 Desember 2026"

    @property
    def peran(self) -> list[str]:
        if self.actor.hanya_baca:
            return ["Pensiun (akses baca)"]
        return (
            ["Kepala Daerah" if self.kepala_daerah else "Pegawai"]
            + (["Atasan"] if self.is_atasan else [])
            + list(self.penugasan)
            + (["Pimpinan"] if self.actor.is_pimpinan else [])
            + (["Admin BKPSDM"] if self.actor.is_admin else [])
        )


def set_context(context: PageContext) -> None:
    st.session_state[_KEY] = context


def _sidebar(context: PageContext) -> None:
    from components import auth as login_gate

    with st.sidebar:
        st.text(f"{context.actor.nama}\nNIP {context.actor.nip}")
        st.caption(esc(" · ".join(context.peran)))  # a Plt/Plh line quotes a jabatan or unit name
        if context.menunggu:
            st.page_link(
                "pages/beranda.py", label=f"Menunggu tindakan Anda: {context.menunggu}", icon=":material/notifications:"
            )
        if st.button("Log out", key="tombol_logout", icon=":material/logout:", width="stretch"):
            login_gate.logout()


def current() -> PageContext:
    """The context of the logged-in user; pages are only reachable through app.py's login gate."""
    context = st.session_state.get(_KEY)
    if context is None:
        st.error("Sesi Anda telah berakhir. Silakan log in kembali.")
        st.stop()
    _sidebar(context)
    return context


def tolak_kepala_daerah_page(context: PageContext) -> None:
    """Second line behind the menu on a pegawai's own pages: a Kepala Daerah has no SKP or activities."""
    if context.kepala_daerah:
        st.info(
            "Kepala Daerah dan Wakil Kepala Daerah tidak memiliki SKP atau Aktivitas Harian; halaman ini untuk "
            "pegawai ASN.",
            icon=":material/block:",
        )
        st.stop()


def require_admin_page(context: PageContext) -> None:
    """Second line behind the menu: a non-admin who reaches an admin page sees a refusal, nothing else."""
    if not context.actor.is_admin:
        st.error("Halaman ini hanya untuk Admin BKPSDM.", icon=":material/block:")
        st.stop()
