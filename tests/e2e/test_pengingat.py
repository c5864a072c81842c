"""Reminders (docs/domain.md §8.36, issue #18) in a browser on the demo: ``kirim-pengingat`` runs, the Kepala
Bidang's e-mail arrives at a real SMTP server, and the Kepala Bidang — logged out — follows its link for one
bawahan: after the login, Validasi opens on that bawahan. Then the Notifikasi list (the same digest in the app)
and the same link at a phone's width. Screenshots at 1366×768 and 390×844: pengingat-*.png."""

from __future__ import annotations

import re

import pytest

from db.engine import make_engine
from db.session import session_scope
from services.contoh.demo import DEMO_PASSWORD
from services.pengingat.kirim import kirim_pengingat
from services.platform.access import Operator
from tests.e2e.conftest import (
    buka_menu,
    demo_akun,
    judul,
    live,
    new_window,
    server_on_copy,
    settle,
    shot,
)
from tests.pengingat_uji import ServerSmtp, bagian, setel

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def kirim(demo_db, tmp_path_factory):
    """Our own server on a copy of the demo; the digests start 20 hari kerja before the closing (the demo's today
    is mid-July, July closes on 5 August); one run of kirim-pengingat to a local SMTP server."""
    salinan: list[str] = []
    with ServerSmtp() as smtp, server_on_copy(demo_db, tmp_path_factory, "pengingat", salinan.append) as srv:
        engine = make_engine(salinan[0])
        with session_scope(engine) as s:
            setel(s, pengingat_hari_sebelum_tutup=20, alamat_aplikasi=srv.url, **smtp.pengaturan())
        kirim_pengingat(engine, Operator("e2e"))
        engine.dispose()
        yield srv, smtp


def _tautan_kedua(smtp, nip_atasan: str) -> tuple[str, str]:
    """The Kepala Bidang's digest: the link of its second bawahan (not the one Validasi would open anyway) and
    what the e-mail says waits for that bawahan ("15 aktivitas, 1.230 menit")."""
    (pesan,) = [
        m
        for m in smtp.pesan
        if m["To"].addresses[0].addr_spec.startswith(nip_atasan) and "menunggu Anda" in str(m["Subject"])
    ]
    pola = r"^- .+? \(NIP \d{18}\): (\d+ aktivitas, [\d.]+ menit).*\n  (\S+)$"
    baris = re.findall(pola, bagian(pesan, "text/plain"), re.M)
    assert len(baris) >= 2, baris
    menunggu, tautan = baris[1]
    return tautan, menunggu


def _ikuti(page, tautan: str, nip: str) -> None:
    """Open the link in a browser without a login: the login form at the link's address, no "Page not found"
    dialog (app.py's logged-out menu holds every menu address)."""
    page.goto(tautan)
    page.get_by_label("Username (NIP)").wait_for()
    settle(page)
    assert page.get_by_role("dialog").count() == 0, page.get_by_role("dialog").first.inner_text()
    page.get_by_label("Username (NIP)").fill(nip)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)


def _terbuka_pada(page, menunggu: str) -> None:
    """Validasi shows the bawahan of the link: their count and minutes of waiting activities, as the e-mail said
    ("15 aktivitas, 1.230 menit" → "15 aktivitas menunggu validasi — 1.230 menit.")."""
    jumlah, menit = re.match(r"(\d+) aktivitas, ([\d.]+) menit", menunggu).groups()
    live(page.get_by_text(f"{jumlah} aktivitas menunggu validasi — {menit} menit.")).first.wait_for()
    settle(page)


def test_the_atasan_follows_the_e_mail_s_link_to_validasi(browser, kirim):
    server, smtp = kirim
    _nama, nip = demo_akun("Atasan")
    tautan, menunggu = _tautan_kedua(smtp, nip)
    assert tautan.startswith(f"{server.url}/validasi?nip=")

    page = new_window(browser)
    try:
        _ikuti(page, tautan, nip)
        shot(page, "pengingat-1-login-dari-tautan")
        page.get_by_role("button", name="Log in").click()
        judul(page, "Validasi").wait_for()
        _terbuka_pada(page, menunggu)
        shot(page, "pengingat-2-validasi-bawahan-dari-tautan")

        buka_menu(page, "Notifikasi")
        live(page.get_by_text("menunggu Anda")).first.wait_for()
        assert live(page.get_by_text(re.compile(r"ditutup 5 Agustus 2026"))).count() >= 1
        shot(page, "pengingat-3-notifikasi")
    finally:
        page.context.close()


def test_the_same_link_on_a_phone(browser, kirim):
    _server, smtp = kirim
    _nama, nip = demo_akun("Atasan")
    tautan, menunggu = _tautan_kedua(smtp, nip)
    page = new_window(browser, 390, 844)
    try:
        _ikuti(page, tautan, nip)
        page.get_by_role("button", name="Log in").click()
        judul(page, "Validasi").wait_for()
        _terbuka_pada(page, menunggu)
        shot(page, "pengingat-4-validasi-ponsel")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390 + 1
    finally:
        page.context.close()
