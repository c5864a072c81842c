"""Ganti Password: every user; forced at first login for imported accounts, after which the user lands on
Beranda. A refused change keeps what was typed."""

import streamlit as st

from components import auth as login_gate
from components.context import current
from components.ui import handle_errors, kosongkan_form, kunci_form, pesan_pindah, show_flash, tulis
from db.session import session_scope
from services.platform import auth

#: Set by the forced first change: the run after it (with the full menu) goes on to Beranda.
KE_BERANDA = "_gp_ke_beranda"

ctx = current()
if st.session_state.pop(KE_BERANDA, False):
    st.switch_page("pages/beranda.py")
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
with st.form(kunci_form("ganti_password")):
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
        # wipe a message drawn on the page; the toast stays for its few seconds whatever reruns. After the
        # forced first change the message is Beranda's, for its first seconds (the page switches first).
        kosongkan_form("ganti_password")
        if login is not None and login.must_change_password and not ctx.actor.hanya_baca:
            st.session_state[KE_BERANDA] = True
            pesan_pindah("Password berhasil diganti.")
        else:
            st.toast("Password berhasil diganti.", icon=":material/task_alt:")
        st.rerun()
