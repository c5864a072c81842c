"""Ganti Password: every user; forced at first login for imported accounts."""

import streamlit as st

from components import auth as login_gate
from components.context import current
from components.ui import handle_errors, show_flash, tulis
from db.session import session_scope
from services.platform import auth

ctx = current()
st.title("Ganti Password")
show_flash()
login = st.session_state.get(login_gate.STATE_KEY)
if login is not None and login.must_change_password:
    st.warning(
        "Ini login pertama Anda. Demi keamanan, ganti password awal sebelum memakai SIPIJAR.", icon=":material/key:"
    )
st.caption(
    f"Password minimal {auth.MIN_PASSWORD_LENGTH} karakter, tidak hanya angka, dan tidak memuat NIP. "
    "Setelah diganti, semua sesi login lain akan berakhir."
)
with st.form("ganti_password", clear_on_submit=True):
    lama = st.text_input("Password Lama", type="password")
    baru = st.text_input("Password Baru", type="password")
    ulang = st.text_input("Ulangi Password Baru", type="password")
    simpan = st.form_submit_button("Simpan Password", type="primary")
if simpan:
    with handle_errors():
        sesi_id = tulis(ctx.engine, lambda session: auth.change_password(session, ctx.actor, lama, baru, ulang))
        with session_scope(ctx.engine, readonly=True) as session:
            login_gate.remember(auth.resume(session, sesi_id))
        # A toast, not a flash: writing the new session cookie reruns the page right after, which would
        # wipe a message drawn on the page; the toast stays for its few seconds whatever reruns.
        st.toast("Password berhasil diganti.", icon=":material/task_alt:")
        st.rerun()
