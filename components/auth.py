"""The login gate. streamlit-authenticator's cookie model keeps a signed re-authentication cookie in
the browser; what it names is a server-side session (services.platform.auth), checked on every run, so a
logout or a password change elsewhere ends it at once."""

from __future__ import annotations

from datetime import datetime, timedelta

import extra_streamlit_components as stx
import jwt
import streamlit as st
from sqlalchemy.orm import Session
from streamlit_authenticator.models.cookie_model import CookieModel

from components.config import cookie_aman, cookie_key, demo_mode, get_engine, proxy_tepercaya
from components.ui import handle_errors, tulis
from services.organisasi import status_pegawai
from services.platform import auth
from services.platform.auth import LoginBerhasil
from services.platform.kalender import hari_ini

COOKIE_NAME = "sipijar_sesi"
STATE_KEY = "sipijar_login"


class SesiCookie(CookieModel):
    """The library's cookie, carrying the session id instead of only the username.

    The library keys its cookie component "init" whatever the use; the pending write after a login and a Log out
    click land in the same run, and two components with one key crash it (the user saw the error page instead of
    the login page). Each use here gives its own key."""

    def __init__(self, kunci_komponen: str):
        self.cookie_name, self.cookie_key, self.cookie_expiry_days = COOKIE_NAME, cookie_key(), 30
        self.cookie_manager = stx.CookieManager(key=kunci_komponen)
        self.token, self.exp_date = None, None

    def _token_encode(self) -> str:
        return jwt.encode(
            {"username": st.session_state["username"], "sid": st.session_state["sesi_id"], "exp_date": self.exp_date},
            self.cookie_key,
            algorithm="HS256",
        )

    def set_cookie(self) -> None:
        """As the library's, plus Secure behind HTTPS (a setting) and SameSite=Strict. HttpOnly is not
        possible: the cookie component writes the cookie from JavaScript (docs/security.md)."""
        self.exp_date = self._set_exp_date()
        self.cookie_manager.set(
            self.cookie_name,
            self._token_encode(),
            expires_at=datetime.now() + timedelta(days=self.cookie_expiry_days),
            secure=cookie_aman(),
            same_site="strict",
        )


def _cookie_session_id() -> str | None:
    """The session id the browser's cookie names, if the cookie is ours and unexpired. Reading needs
    only the request's cookies, not the cookie component (which would draw an empty frame)."""
    return _sid(st.context.cookies.get(COOKIE_NAME))


def _sid(token: object) -> str | None:
    """The session id a cookie token names, if it is ours (signed with our key) and unexpired."""
    if not isinstance(token, str):
        return None
    try:
        payload = jwt.decode(token, cookie_key(), algorithms=["HS256"])
    except jwt.InvalidTokenError:
        return None
    exp_date, sid = payload.get("exp_date"), payload.get("sid")
    # A token signed with our key but malformed (a text exp_date, no sid) is a logged-out browser, not a crash.
    if isinstance(exp_date, bool) or not isinstance(exp_date, (int, float)) or not isinstance(sid, str):
        return None
    if exp_date <= datetime.now().timestamp():
        return None
    return sid


def _cookie(kunci_komponen: str) -> SesiCookie:
    # The cookie may outlive the server session (30 days); the server-side expiry (a setting) decides.
    return SesiCookie(kunci_komponen)


def _store(login: LoginBerhasil) -> None:
    st.session_state[STATE_KEY] = login
    st.session_state["username"] = login.nip
    st.session_state["sesi_id"] = login.sesi_id


def remember(login: LoginBerhasil) -> None:
    """Keep a fresh login in this browser session and write its cookie on the next run."""
    _store(login)
    st.session_state.pop("_logged_out", None)
    st.session_state["_cookie_pending"] = True


def current_login(session: Session) -> LoginBerhasil | None:
    """The valid login of this browser session (from session state or the cookie), or None. Every run of a
    logged-in page passes here, so ``session`` is the run's read-only one (app.py): on SQLite a page render
    never takes (or waits for) the write lock. Resuming writes nothing."""
    login = st.session_state.get(STATE_KEY)
    sesi_id = login.sesi_id if login else None
    if sesi_id is None and not st.session_state.get("_logged_out"):
        sesi_id = _cookie_session_id()
    if sesi_id is None:
        return None
    valid = auth.resume(session, sesi_id)
    if valid is None:
        st.session_state.pop(STATE_KEY, None)
        return None
    _store(valid)
    return valid


def set_cookie_if_pending() -> None:
    """Write the cookie after a login, on every run until the browser reports it back.

    The cookie component writes it from the browser; a rerun that replaces the page before the component ran
    (a click right after login, the first-password-change rerun) loses the write, and the user would be
    logged out by the next reload. So the pending mark stays until the component's list of the browser's
    cookies holds one naming this session."""
    if not st.session_state.get("_cookie_pending"):
        return
    cookie = _cookie("cookie_tulis")
    if _sid(cookie.cookie_manager.get(COOKIE_NAME)) == st.session_state.get("sesi_id"):
        st.session_state.pop("_cookie_pending", None)
        return
    cookie.set_cookie()


def alamat_klien() -> str | None:
    """The client's address for the per-address login limit: behind our proxy (``proxy_tepercaya``) the
    last X-Forwarded-For entry, the one the proxy itself appended; otherwise the socket's peer address."""
    if proxy_tepercaya():
        diteruskan = st.context.headers.get("X-Forwarded-For") or ""
        terakhir = diteruskan.rsplit(",", 1)[-1].strip()
        if terakhir:
            return terakhir[:64]
    return st.context.ip_address


#: A link followed while logged out keeps its query here until the login (docs/domain.md §8.36).
TUJUAN_KEY = "_sipijar_tujuan"


def ambil_tujuan() -> dict[str, str]:
    """The query of the link the user followed before logging in (once), e.g. ``{"nip": "…"}``."""
    return st.session_state.pop(TUJUAN_KEY, None) or {}


def login_page() -> None:
    """The login screen: NIP and password, Indonesian messages, demo logins in demo mode."""
    if st.query_params:  # e.g. a reminder's /validasi?nip=…: opened after the login
        st.session_state[TUJUAN_KEY] = st.query_params.to_dict()
    st.title("SIPIJAR")
    st.caption("Sasaran Kinerja Pegawai dan Aktivitas Harian ASN — Pemerintah Kabupaten Bondowoso")
    left, right = st.columns([3, 2], gap="large")
    with left:
        with st.form("login", clear_on_submit=False):
            st.subheader("Log in")
            nip = st.text_input("Username (NIP)", key="login_nip", max_chars=18, placeholder="18 digit NIP")
            password = st.text_input("Password", type="password", key="login_password")
            submitted = st.form_submit_button("Log in", type="primary", width="stretch")
        if submitted:
            with handle_errors():
                login = tulis(get_engine(), lambda session: _masuk(session, nip, password))
                remember(login)
                st.rerun()
    with right:
        if demo_mode():
            _demo_logins()
        else:
            st.info("Lupa password? Hubungi Admin BKPSDM untuk mengatur ulang password Anda.")


def _masuk(session: Session, nip: str, password: str) -> LoginBerhasil:
    status_pegawai.terapkan_jatuh_tempo(session, hari_ini())  # exits set ahead (§8.31)
    return auth.login(session, nip, password, alamat=alamat_klien())


def _demo_logins() -> None:
    from services.contoh.demo import DEMO_LOGINS, DEMO_PASSWORD

    st.subheader("Akun demo")
    st.caption(f"Semua akun demo memakai password: {DEMO_PASSWORD}")
    st.table([{"Peran": peran, "Nama": nama, "Username (NIP)": nip} for peran, nama, nip in DEMO_LOGINS])


def logout() -> None:
    """One click: revoke the server session, forget it here, drop the cookie. A database still locked after the
    retry leaves the user logged in, with the message."""
    login = st.session_state.get(STATE_KEY)
    with handle_errors():
        if login is not None:
            tulis(get_engine(), lambda session: auth.logout(session, login.sesi_id))
        st.session_state.pop(STATE_KEY, None)
        st.session_state["_logged_out"] = True
        for key in ("username", "sesi_id"):
            st.session_state.pop(key, None)
        _cookie("cookie_hapus").delete_cookie()  # best effort; the revoked server session is what counts
        st.rerun()
