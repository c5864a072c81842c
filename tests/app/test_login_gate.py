"""The login gate and the menu of each role, through the real app.py."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, event, select
from streamlit.testing.v1 import AppTest

from db.models import Akun
from db.session import session_scope
from services.platform import auth
from tests.app.conftest import button, login, menu, new_app, polos
from tests.factories import PASSWORD

E_BOOK_MENU = ["Periode SKP", "Penilai Pegawai"]


def titles(at) -> list[str]:
    return [t.value for t in at.title]


def test_login_page_asks_for_nip_and_password(app_env):
    at = new_app().run()
    assert not at.exception
    assert titles(at) == ["SIPIJAR"]
    assert [t.label for t in at.text_input] == ["Username (NIP)", "Password"]
    assert at.text_input(key="login_password").proto.type == at.text_input(key="login_password").proto.PASSWORD
    assert "Akun demo" not in [s.value for s in at.subheader]  # demo logins only in demo mode
    # Streamlit's English keyboard hints are hidden on every page, the login page first
    # (tests/e2e/test_login_menu.py checks in a browser that none shows and Enter still logs in).
    assert any("[data-testid='InputInstructions'] { display: none; }" in h.proto.body for h in at.get("html"))


def test_wrong_password_shows_an_indonesian_error_and_stays_out(app_env):
    at = login(app_env.org.staf.nip, "bukan-password")
    assert [polos(e.value) for e in at.error] == [auth.GENERIC_LOGIN_ERROR]
    assert titles(at) == ["SIPIJAR"]
    assert "_sipijar_menu" not in at.session_state


def test_pegawai_logs_in_and_sees_the_e_book_menu(app_env):
    at = login(app_env.org.staf.nip)
    assert not at.exception
    assert titles(at) == ["Selamat datang, Staf Uji"]
    assert menu(at) == {
        "": ["Beranda", *E_BOOK_MENU],
        "Perencanaan Kinerja": ["Rencana SKP"],
        "Kinerja Harian": ["Aktivitas Harian", "Umpan Balik Berkelanjutan"],
        "Akun": ["Notifikasi", "Ganti Password", "Panduan"],
    }


@pytest.mark.parametrize(
    "who,expected_sections,extra",
    [
        # An atasan (has bawahan) gets Matriks Peran Hasil and Validasi; not Data Master (not JPT).
        (
            "kabid",
            ["", "Perencanaan Kinerja", "Kinerja Harian", "Atasan", "Akun"],
            {"Perencanaan Kinerja": ["Rencana SKP", "Matriks Peran Hasil"], "Atasan": ["Validasi", "Evaluasi Kinerja"]},
        ),
        # A JPT who is pimpinan: Data Master → Perjanjian Kinerja and the Dasbor.
        (
            "kepala",
            ["", "Data Master", "Perencanaan Kinerja", "Kinerja Harian", "Atasan", "Pimpinan", "Akun"],
            {"Data Master": ["Perjanjian Kinerja"], "Pimpinan": ["Dasbor Capaian", "Penetapan Predikat Organisasi"]},
        ),
        # The admin of BKPSDM (no bawahan): Admin and the Dasbor.
        (
            "admin",
            ["", "Perencanaan Kinerja", "Kinerja Harian", "Pimpinan", "Admin", "Akun"],
            {
                "Admin": [
                    "Pegawai dan Akun",
                    "Rekap TPP",
                    "Ketidakhadiran",
                    "Plt dan Plh",
                    "Tutup Bulan",
                    "Data Referensi",
                    "Pengaturan",
                    "Monitoring",
                    "Audit Log",
                    "Pengingat",
                ],
                "Pimpinan": ["Dasbor Capaian", "Penetapan Predikat Organisasi", "Evaluasi Kinerja"],
            },
        ),
    ],
)
def test_menu_follows_the_role(app_env, who, expected_sections, extra):
    at = login(getattr(app_env.org, who).nip)
    assert not at.exception
    sections = menu(at)
    assert list(sections) == expected_sections
    for section, pages in extra.items():
        assert sections[section] == pages


def test_logout_is_one_click_and_the_session_is_revoked(app_env):
    at = login(app_env.org.staf.nip)
    sesi_id = at.session_state["sipijar_login"].sesi_id
    at.button(key="tombol_logout").click().run()
    assert "sipijar_login" not in at.session_state
    from services.platform import auth

    with session_scope(app_env.engine()) as s:
        assert auth.resume(s, sesi_id) is None  # a saved cookie naming it no longer logs in


def test_imported_account_must_change_password_first(app_env):
    with session_scope(app_env.engine()) as s:
        akun = s.scalar(select(Akun).where(Akun.pegawai_id == app_env.org.staf.pegawai_id))
        akun.must_change_password = True
    at = login(app_env.org.staf.nip)
    assert menu(at) == {"Akun": ["Ganti Password"]}
    assert titles(at) == ["Ganti Password"]
    assert "login pertama" in polos(at.warning[0].value)
    at.text_input[0].input(PASSWORD)
    at.text_input[1].input("Password-Baru-2026")
    at.text_input[2].input("Password-Baru-2026")
    button(at, "Simpan Password").click().run()
    assert not at.exception
    assert "Beranda" in menu(at)[""]
    assert [polos(m.value) for m in at.success] == ["Password berhasil diganti."]
    assert titles(at) == ["Selamat datang, Staf Uji"]  # Beranda: on to the day's work, not an empty form


def test_password_change_errors_are_shown_and_nothing_changes(app_env):
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/ganti_password.py").run()
    at.text_input[0].input(PASSWORD)
    at.text_input[1].input("pendek")
    at.text_input[2].input("pendek")
    button(at, "Simpan Password").click().run()
    assert [polos(e.value) for e in at.error] == ["Password minimal 10 karakter."]
    assert [w.value for w in at.text_input] == [PASSWORD, "pendek", "pendek"]  # what was typed stays
    again = login(app_env.org.staf.nip)
    assert "sipijar_login" in again.session_state
    at.text_input[1].input("Password-Baru-2026")
    at.text_input[2].input("Password-Baru-2026")
    button(at, "Simpan Password").click().run()
    assert titles(at) == ["Ganti Password"]  # a change the user chose: they stay, the form is emptied
    assert [w.value for w in at.text_input] == ["", "", ""]


@pytest.fixture
def write_transactions():
    """Every write transaction any engine of this process begins (BEGIN IMMEDIATE on SQLite)."""
    begun: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if statement.strip().upper() == "BEGIN IMMEDIATE":
            begun.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    yield begun
    event.remove(Engine, "before_cursor_execute", count)


def test_a_logged_in_run_opens_no_write_transaction(app_env, write_transactions):
    """Every run of a logged-in page resumes the login: on SQLite a write transaction there would take the
    write lock for each page render, queueing every page behind any writer."""
    logged_in = login(app_env.org.staf.nip)
    logged_in.run()  # the first full run after login writes the cookie
    # A run of app.py itself with this browser session's state (AppTest's own reruns of a page skip app.py).
    at = new_app()
    at.session_state["sipijar_login"] = logged_in.session_state["sipijar_login"]
    write_transactions.clear()
    at.run()
    assert not at.exception
    assert titles(at) == ["Selamat datang, Staf Uji"]
    assert write_transactions == []


def _login_lalu_log_out_dalam_satu_run():
    """What the app does when Log out is clicked while the login cookie's write is still pending (a busy
    machine, a browser slow to report the cookie): the pending write and the logout's delete in one run."""
    import streamlit as st

    from components import auth as gate

    if st.session_state.get("_logged_out"):  # the run Log out's st.rerun asks for: the app shows the login page
        st.write("halaman login")
        return
    st.session_state.update({"_cookie_pending": True, "sesi_id": "sesi-uji", "username": "198001012000000610"})
    gate.set_cookie_if_pending()
    gate.logout()


def test_log_out_while_the_cookie_write_is_pending_does_not_crash(app_env):
    """CI caught the error page after Log out: the library keys every cookie component "init", so the pending
    write and the logout's delete collided in one run (StreamlitDuplicateElementKey)."""
    at = AppTest.from_function(_login_lalu_log_out_dalam_satu_run).run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["_logged_out"] and [m.value for m in at.markdown] == ["halaman login"]
