"""Chapter "sign in" of the e-book: a demo pegawai logs in and finds the e-book's menu; logging out
ends the session, and a cookie saved before logout no longer logs in."""

from __future__ import annotations

import pytest

from services.contoh.demo import DEMO_PASSWORD
from tests.e2e.conftest import buka_menu, demo_akun, judul, login, shot, wait_for_cookie

pytestmark = pytest.mark.e2e


def test_login_page_shows_the_demo_logins(page, server):
    page.goto(server.url)
    page.get_by_role("button", name="Log in").wait_for()
    judul(page, "Akun demo").wait_for()
    shot(page, "00-login")
    assert page.get_by_label("Username (NIP)").is_visible()


def test_enter_logs_in_and_no_english_keyboard_hint_shows(page, server):
    """Streamlit writes "Press Enter to submit form" under a field being typed in; SIPIJAR is Indonesian,
    so the hint is hidden — and Enter still submits the login form."""
    nama, nip = demo_akun("Pegawai")
    page.goto(server.url)
    nip_field = page.get_by_label("Username (NIP)")
    nip_field.fill(nip)
    page.wait_for_timeout(300)
    assert page.get_by_text("Press Enter").count() >= 1  # Streamlit does write it …
    assert not page.get_by_text("Press Enter").first.is_visible()  # … but nobody sees it
    shot(page, "00b-login-tanpa-petunjuk-inggris")
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_label("Password", exact=True).press("Enter")
    judul(page, f"Selamat datang, {nama}").first.wait_for()


def test_demo_pegawai_sees_the_e_book_menu_and_logs_out(page, server):
    nama, nip = demo_akun("Pegawai")
    login(page, server, nip, DEMO_PASSWORD)
    judul(page, f"Selamat datang, {nama}").first.wait_for()
    sidebar = page.get_by_test_id("stSidebar")
    for label in ("Periode SKP", "Penilai Pegawai", "Rencana SKP", "Aktivitas Harian", "Umpan Balik Berkelanjutan"):
        assert sidebar.get_by_role("link", name=label).is_visible(), label
    assert sidebar.get_by_text("Perencanaan Kinerja").is_visible()
    shot(page, "01-beranda-pegawai")

    buka_menu(page, "Periode SKP")
    shot(page, "02-periode-skp")

    cookies = page.context.cookies()
    assert any(c["name"] == "sipijar_sesi" for c in cookies)
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("button", name="Log in").wait_for()

    # A cookie saved before logout, replayed in a fresh browser, does not log in.
    replay = page.context.browser.new_context()
    replay.add_cookies([c for c in cookies if c["name"] == "sipijar_sesi"])
    other = replay.new_page()
    other.goto(server.url)
    other.get_by_role("button", name="Log in").wait_for()
    assert other.get_by_role("button", name="Log out").count() == 0
    replay.close()


def test_cookie_keeps_the_login_across_a_reload(page, server):
    _nama, nip = demo_akun("Pegawai")
    login(page, server, nip, DEMO_PASSWORD)
    wait_for_cookie(page)
    page.reload()
    page.get_by_role("button", name="Log out").wait_for()
