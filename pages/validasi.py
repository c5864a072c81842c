"""Validasi (e-book "Validasi Kinerja/Aktivitas Harian oleh Atasan Langsung"): the atasan picks a bawahan
("Pilih Pegawai") and validates the pending activities one by one, all at once, or rejects one."""

import streamlit as st

from components.aktivitas_validasi import panel_validasi
from components.context import current
from components.ui import show_flash
from db.session import session_scope
from services.aktivitas import validasi

ctx = current()
st.title("Validasi")
st.caption(
    "Validasi aktivitas harian bawahan langsung Anda. Aktivitas yang ditolak dikembalikan kepada pegawai "
    "untuk diperbaiki; aktivitas yang tervalidasi dihitung dalam capaian dan TPP produktivitasnya."
)
show_flash()
if nip := st.query_params.pop("nip", None):  # a reminder's link (docs/domain.md §8.36) opens on that bawahan, once
    with session_scope(ctx.engine, readonly=True) as s:
        dipilih = [b.pegawai_id for b in validasi.bawahan_list(s, ctx.actor) if b.nip == nip]
    if dipilih:
        st.session_state["validasi_pegawai"] = dipilih[0]
panel_validasi(ctx, "validasi")
