"""What a page needs to act: the engine and the acting user, set by app.py for this run.

``current()`` also draws the sidebar (who is logged in, roles, one-click logout). It is drawn by the
page rather than app.py because only what the page draws survives reruns in Streamlit's AppTest.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import streamlit as st
from sqlalchemy import Engine

from components.ui import GENERASI, esc, show_pesan_pindah
from db.session import session_scope
from services.platform.access import Actor
from services.platform.kalender import hari_ini

_KEY = "_sipijar_context"
_META = "_sipijar_context_meta"
#: How long this session keeps the menu inputs and the sidebar count (issue #20): another user's write (a
#: bawahan's new activity, an admin's Plt) shows within this time; this session's own writes at once
#: (``components.ui.berubah``, called by every write of a page).
UMUR_KONTEKS_S = 60.0
SEMBUNYIKAN_DAFTAR_HALAMAN = (
    "<style>[data-testid='stSidebarNav'], [data-testid='stSidebarCollapsedControl'], "
    "[data-testid='InputInstructions'] { display: none; }</style>"
)


@dataclass(frozen=True)
class PageContext:
    engine: Engine
    actor: Actor
    is_atasan: bool
    plans_like_jpt: bool
    menunggu: int = 0  # SKP diajukan + aktivitas menunggu validasi, for an atasan
    kepala_daerah: bool = False  # no SKP of their own: no employee pages (docs/domain.md §8.32)
    penugasan: tuple[str, ...] = ()  # Plt/Plh in force, e.g. "Plt Kepala Bidang X s.d. 31 Desember 2026"
    notifikasi: int = 0  # unread in-app notices (docs/domain.md §8.36)

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


def set_context(context: PageContext, dihitung: bool = True) -> None:
    """This run's context, kept for the pages; when ``dihitung`` (computed in this run, not taken from
    :func:`tersimpan`), also for the next runs, with for whom, at which write of the session and when."""
    st.session_state[_KEY] = context
    if dihitung:
        generasi = st.session_state.get(GENERASI, 0)
        st.session_state[_META] = (context.actor.pegawai_id, generasi, hari_ini(), time.monotonic())


def tersimpan(actor: Actor) -> PageContext | None:
    """The context computed by an earlier run of this session, with this run's ``actor`` (loaded fresh on every
    run: rights, admin and read-only status are never cached), or None when it must be computed again: another
    user, a write by this session since, a new day, or older than :data:`UMUR_KONTEKS_S`. Only what the menu and
    the sidebar show is cached; every service still checks its caller on each call (docs/security.md)."""
    context, meta = st.session_state.get(_KEY), st.session_state.get(_META)
    if context is None or meta is None:
        return None
    pegawai_id, generasi, hari, dibuat = meta
    segar = (
        pegawai_id == actor.pegawai_id
        and generasi == st.session_state.get(GENERASI, 0)
        and hari == hari_ini()
        and time.monotonic() - dibuat < UMUR_KONTEKS_S
    )
    return replace(context, actor=actor) if segar else None


def _sidebar(context: PageContext) -> None:
    from components import auth as login_gate

    with st.sidebar:
        st.text(f"{context.actor.nama}\nNIP {context.actor.nip}")
        st.caption(esc(" · ".join(context.peran)))  # a Plt/Plh line quotes a jabatan or unit name
        if context.menunggu:
            st.page_link(
                "pages/beranda.py", label=f"Menunggu tindakan Anda: {context.menunggu}", icon=":material/notifications:"
            )
        if context.notifikasi:
            st.page_link(
                "pages/notifikasi.py", label=f"Notifikasi belum dibaca: {context.notifikasi}", icon=":material/mail:"
            )
        if st.button("Log out", key="tombol_logout", icon=":material/logout:", width="stretch"):
            login_gate.logout()


def current() -> PageContext:
    """The context of the logged-in user; pages are only reachable through app.py's login gate."""
    context = st.session_state.get(_KEY)
    if context is None:
        _tanpa_konteks()
    _sidebar(context)
    show_pesan_pindah()
    return context


def _tanpa_konteks() -> None:
    """A page opened by its address in a new browser session (a reminder's ``/validasi?nip=…``) runs before app.py:
    the login form here (it keeps the link's query), then app.py, which opens the page with that query."""
    from components import auth as login_gate
    from components.config import get_engine

    with session_scope(get_engine(), readonly=True) as session:
        login = login_gate.current_login(session)
    if login is None:
        # app.py's page setup did not run: Streamlit's list of page files and its English form hints stay hidden.
        st.set_page_config(page_title="SIPIJAR", layout="wide", initial_sidebar_state="collapsed")
        st.html(SEMBUNYIKAN_DAFTAR_HALAMAN)
        login_gate.login_page()
    else:
        st.switch_page("app.py")
    st.stop()


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
