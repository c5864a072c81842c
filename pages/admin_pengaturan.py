"""Admin BKPSDM — Pengaturan: every admin-editable setting with its label; "Simpan" saves the changed
ones (each validated and audited)."""

import streamlit as st

from components.context import current, require_admin_page
from components.ui import jalankan, show_flash
from db.enums import JenisKetidakhadiran
from db.session import session_scope
from services.organisasi import referensi
from services.platform import settings

ctx = current()
require_admin_page(ctx)  # the menu hides this page; a non-admin who gets here sees a refusal
st.title("Pengaturan")
st.caption("Perubahan berlaku segera untuk perhitungan capaian, TPP produktivitas, penutupan bulan dan login.")
show_flash()

with session_scope(ctx.engine, readonly=True) as s:
    nilai = settings.all_settings(s)

with st.form("pengaturan", enter_to_submit=False):
    baru = {}
    for key, (default, label) in settings.DEFAULTS.items():
        if key in settings.PILIHAN:
            pilihan = list(settings.PILIHAN[key])
            baru[key] = st.selectbox(label, pilihan, index=pilihan.index(nilai[key]), key=f"set_{key}")
        elif key in settings.RAHASIA:  # never sent back to the browser; empty keeps the stored one
            rahasia = st.text_input(label, type="password", placeholder="(tidak diubah)", key=f"set_{key}")
            baru[key] = rahasia or nilai[key]
        elif isinstance(default, list):
            baru[key] = st.multiselect(
                label,
                JenisKetidakhadiran.values(),
                default=nilai[key],
                placeholder="Pilih jenis ketidakhadiran",
                key=f"set_{key}",
            )
        elif isinstance(default, str):
            baru[key] = st.text_input(label, value=nilai[key], key=f"set_{key}")
        else:
            baru[key] = int(st.number_input(label, value=int(nilai[key]), step=1, key=f"set_{key}"))
    simpan = st.form_submit_button("Simpan", type="primary", icon=":material/save:")


def _pesan(berubah) -> str:
    labels = [settings.DEFAULTS[k][1] for k in berubah]
    return "Pengaturan tersimpan: " + "; ".join(labels) + "." if labels else "Tidak ada pengaturan yang berubah."


if simpan:
    jalankan(ctx.engine, lambda s: referensi.simpan_pengaturan(s, ctx.actor, baru), _pesan)
