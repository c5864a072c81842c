"""Validasi (e-book "Validasi Kinerja/Aktivitas Harian oleh Atasan Langsung"): the atasan picks a bawahan
("Pilih Pegawai") and validates the pending activities one by one, all at once, or rejects one. A link
``/validasi?nip=<NIP>`` (the reminder e-mails) opens on that bawahan."""

import streamlit as st

from components.aktivitas_validasi import panel_validasi
from components.context import current
from components.ui import show_flash

ctx = current()
st.title("Validasi")
st.caption(
    "Validasi aktivitas harian bawahan langsung Anda. Aktivitas yang ditolak dikembalikan kepada pegawai "
    "untuk diperbaiki; aktivitas yang tervalidasi dihitung dalam capaian dan TPP produktivitasnya."
)
show_flash()
panel_validasi(ctx, "validasi", nip=st.query_params.get("nip"))
