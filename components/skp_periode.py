"""The "Periode SKP" choice at the top of the planning screens: the actor's own periods, the running
one selected first. It reads through the page's read-only session and opens none of its own."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.orm import Session

from components.skp_view import periode_label
from services.organisasi import periode as periode_service
from services.platform.access import Actor
from services.platform.kalender import hari_ini


def pilih_periode(session: Session, actor: Actor, key: str, hanya_jpt: bool = False) -> int | None:
    """The chosen period id, or None when the actor has none (to fit: ``hanya_jpt`` keeps the periods in
    which they plan like a JPT)."""
    periods = [p for p in periode_service.daftar(session, actor, actor.pegawai_id) if p.plans_like_jpt or not hanya_jpt]
    options = {p.id: f"{p.tahun}: {periode_label(p.tanggal_mulai, p.tanggal_akhir)}" for p in periods}
    running = periode_service.periode_on(session, actor.pegawai_id, hari_ini())
    if not options:
        return None
    ids = list(options)
    return st.selectbox(
        "Periode SKP",
        ids,
        format_func=options.get,
        key=key,
        index=ids.index(running.id) if running and running.id in ids else 0,
    )
