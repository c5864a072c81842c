"""The atasan's and the pegawai's day in a browser (issue #16 points 1, 3 and 5): Kasubbid Uji validates five
bawahan on Aktivitas Harian → Pilih Bawahan without choosing the tab again — Pilih Pegawai opens on the one
with the most waiting, a Validasi, a Tolak (first without alasan, refused at the field) and a Validasi Semua
keep the tab and the bawahan, "Berikutnya" goes on to the next; one row is validated with the keyboard only;
a reminder's link /validasi?nip=… opens on that bawahan on a phone. Staf Uji enters an activity on a phone
(390×844): the capaian line and the form come first, the SKP terkait reads whole, the success shows under
the form, the month's list is cards. Screenshots: hari-kerja-*.png.

Wednesday 15 July 2026 (closing day of July: 5 August, so "21 hari lagi"). Waiting rows on 13–14 July: Dedi 5,
Citra 4, Budi 3, Ani 2, Staf 1 — the order Pilih Pegawai lists them in."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest

from db.engine import make_engine
from db.enums import JenisJabatan, StatusAktivitas
from db.models import Pegawai
from db.session import session_scope
from services.platform import kalender
from services.platform.access import Actor
from tests.e2e.conftest import (
    ROOT,
    Server,
    _terpilih,
    buka_menu,
    buka_tab,
    klik_simpan,
    live,
    login,
    new_window,
    pilih,
    settle,
    shot,
    wait_for_cookie,
)
from tests.factories import PASSWORD, Org, add_aktivitas, build_org, build_skp, make_pegawai

pytestmark = [pytest.mark.e2e, pytest.mark.story]

HARI_INI = date(2026, 7, 15)
#: The five bawahan of Kasubbid Uji, most waiting first, and how many rows wait.
BAWAHAN = [("Dedi Pelaksana", 5), ("Citra Pelaksana", 4), ("Budi Pelaksana", 3), ("Ani Pelaksana", 2), ("Staf Uji", 1)]
ALASAN = "Sebutkan dokumen yang diverifikasi."


def _siapkan(url: str) -> tuple[Org, dict[str, str]]:
    """The organisation of tests/factories with four more pelaksana under Kasubbid, each with a ditetapkan SKP
    and waiting rows (the services a person uses for the SKP, the rows as the pegawai left them)."""
    engine = make_engine(url)
    nip = {}
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        org = build_org(s)
        build_skp(s, org.kasubbid, 2026)
        kasubbid = s.get_one(Pegawai, org.kasubbid.pegawai_id)
        for nama, jumlah in BAWAHAN:
            if nama == "Staf Uji":
                pegawai = org.staf
            else:
                p = make_pegawai(s, nama, "Pengadministrasi Umum", JenisJabatan.PELAKSANA, org.bidang, kasubbid)
                pegawai = Actor.of(p)
            nip[nama] = pegawai.nip
            skp = build_skp(s, pegawai, 2026)
            for k in range(jumlah):
                hari = date(2026, 7, 13 + k % 2)
                add_aktivitas(
                    s, pegawai, skp, hari, f"{8 + k:02d}:00", f"{9 + k:02d}:00", StatusAktivitas.MENUNGGU,
                    f"Verifikasi berkas {k + 1} {nama}",
                )  # fmt: skip
    engine.dispose()
    return org, nip


@pytest.fixture(scope="module")
def hari_server(sqlite_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("e2e-hari-kerja") / "hari.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    org, nip = _siapkan(url)
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    srv = Server(url, {"SIPIJAR_HARI_INI": HARI_INI.isoformat()})
    try:
        yield srv, org, nip
    finally:
        srv.stop()


def _kartu(page, teks: str):
    """The live card (bordered container) of the waiting row ``teks``."""
    return live(page.locator("[class*='_baris_']").filter(has_text=teks)).first  # keyed <panel>_baris_<id>


def _di_tab_bawahan(page, nama: str) -> None:
    """Still on Pilih Bawahan, still on ``nama``: what the atasan must not have to choose again."""
    assert live(page.get_by_role("tab", name="Pilih Bawahan", selected=True)).count() == 1
    assert nama in _pegawai_terpilih(page)


def _pegawai_terpilih(page) -> str:
    """What Pilih Pegawai shows as chosen."""
    return _terpilih(live(page.get_by_test_id("stSelectbox").filter(has=page.get_by_text("Pilih Pegawai"))).first)


def _semua(page, pesan: str) -> None:
    klik_simpan(page, live(page.get_by_role("button", name="Validasi Semua")), pesan)


def _berikutnya(page, nama: str, jumlah: int) -> None:
    tombol = live(page.get_by_role("button", name=f"Berikutnya: {nama} ({jumlah} menunggu)"))
    settle(page)
    tombol.click()
    live(page.get_by_text(f"{jumlah} aktivitas menunggu validasi")).first.wait_for()
    settle(page)
    _di_tab_bawahan(page, nama)


def test_the_atasan_validates_five_bawahan_without_choosing_the_tab_again(page, hari_server):
    srv, org, _nip = hari_server
    login(page, srv, org.kasubbid.nip, PASSWORD)
    buka_menu(page, "Aktivitas Harian")
    buka_tab(page, "Pilih Bawahan", page.get_by_text("Pilih Pegawai", exact=True))
    # Opens on the bawahan with the most waiting; each option says how many wait and how long the month is open.
    _di_tab_bawahan(page, "Dedi Pelaksana")
    assert "5 menunggu · 21 hari lagi sebelum bulan ditutup" in _pegawai_terpilih(page)
    shot(page, "hari-kerja-1-pilih-bawahan")

    # Dedi: one Validasi, one Tolak (first without alasan), then Validasi Semua — the tab and Dedi stay.
    klik_simpan(page, _kartu(page, "Verifikasi berkas 1 Dedi").get_by_role("button", name="Validasi"), "tervalidasi")
    _di_tab_bawahan(page, "Dedi Pelaksana")
    kartu = _kartu(page, "Verifikasi berkas 2 Dedi")
    kartu.get_by_role("button", name="Tolak").click()
    alasan = live(kartu.get_by_label("Alasan penolakan"))
    alasan.wait_for()
    settle(page)
    kartu.get_by_test_id("stForm").get_by_role("button", name="Tolak").click()
    live(kartu.get_by_text("Alasan penolakan wajib diisi")).wait_for()  # at the field, which stays open
    settle(page)
    assert alasan.is_visible()
    _di_tab_bawahan(page, "Dedi Pelaksana")
    shot(page, "hari-kerja-2-tolak-tanpa-alasan")
    alasan.fill(ALASAN)
    klik_simpan(page, kartu.get_by_test_id("stForm").get_by_role("button", name="Tolak"), "ditolak")
    _di_tab_bawahan(page, "Dedi Pelaksana")
    _semua(page, "3 aktivitas Dedi Pelaksana tervalidasi")
    _di_tab_bawahan(page, "Dedi Pelaksana")
    shot(page, "hari-kerja-3-dedi-selesai")

    # Citra, with the keyboard only: Tab from Pilih Pegawai to the first Validasi, Enter.
    _berikutnya(page, "Citra Pelaksana", 4)
    live(page.get_by_role("combobox", name="Pilih Pegawai")).focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        fokus = page.evaluate("() => document.activeElement && document.activeElement.innerText")
        if fokus and fokus.strip().endswith("Validasi") and "Semua" not in fokus:
            break
    else:
        raise AssertionError("no Validasi button reached with Tab")
    page.keyboard.press("Enter")
    live(page.get_by_text("3 aktivitas menunggu validasi")).first.wait_for()
    settle(page)
    _di_tab_bawahan(page, "Citra Pelaksana")
    _semua(page, "3 aktivitas Citra Pelaksana tervalidasi")

    # Budi through Pilih Pegawai (the other way), Ani and Staf through Berikutnya.
    pilih(page, "Pilih Pegawai", "Budi Pelaksana")
    _semua(page, "3 aktivitas Budi Pelaksana tervalidasi")
    _di_tab_bawahan(page, "Budi Pelaksana")
    _berikutnya(page, "Ani Pelaksana", 2)
    _semua(page, "2 aktivitas Ani Pelaksana tervalidasi")
    _berikutnya(page, "Staf Uji", 1)
    _semua(page, "1 aktivitas Staf Uji tervalidasi")
    _di_tab_bawahan(page, "Staf Uji")
    assert live(page.get_by_role("button", name=re.compile("^Berikutnya"))).count() == 0  # nobody waits now
    # The sidebar's count (drawn by a whole run, not by the panel's own reruns) is brought up to date.
    page.get_by_test_id("stSidebar").get_by_text("Menunggu tindakan Anda").wait_for(state="hidden")
    shot(page, "hari-kerja-4-semua-selesai")


@contextmanager
def _ponsel(browser, srv, nip: str, path: str, heading: str) -> Iterator:
    """A phone (390×844) logged in as ``nip`` on ``path``, opened by address (the sidebar is folded away); at
    the end nothing may be wider than the screen."""
    page = new_window(browser, 390, 844)
    try:
        login(page, srv, nip, PASSWORD)
        wait_for_cookie(page)
        page.goto(f"{srv.url}/{path}")
        live(page.get_by_role("heading", name=heading)).first.wait_for()
        settle(page)
        yield page
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 391
    finally:
        page.context.close()


def test_a_reminder_link_opens_validasi_on_that_bawahan_on_a_phone(browser, hari_server):
    """On a phone the rows are cards whose figures carry their labels; the link chooses the bawahan."""
    srv, org, nip = hari_server
    # Kabid's bawahan are Kasubbid and Fungsional: a link to Dedi is ignored, and said so.
    with _ponsel(browser, srv, org.kabid.nip, f"validasi?nip={nip['Dedi Pelaksana']}", "Validasi") as page:
        live(page.get_by_text("bukan bawahan yang aktivitasnya Anda validasi")).first.wait_for()
    with _ponsel(browser, srv, org.kasubbid.nip, f"validasi?nip={org.staf.nip}", "Validasi") as page:
        assert "Staf Uji" in _pegawai_terpilih(page)
        shot(page, "hari-kerja-5-validasi-ponsel")


def test_the_pegawai_enters_an_activity_on_a_phone(browser, hari_server):
    srv, org, _nip = hari_server
    with _ponsel(browser, srv, org.staf.nip, "aktivitas-harian", "Aktivitas Harian") as page:
        # The first screen: the capaian in one line and the form; the six metrics are not in the way.
        assert live(page.get_by_text(re.compile(r"^Capaian \d+,\d\d %"))).first.is_visible()
        assert not live(page.get_by_test_id("stMetric")).first.is_visible()
        form = live(page.get_by_test_id("stForm")).first
        teks = form.get_by_role("textbox", name="Aktivitas", exact=True)
        assert teks.bounding_box()["y"] < 844 * 1.5, teks.bounding_box()  # the form starts on the first screens
        page.screenshot(path=str(ROOT / "test-artifacts" / "screenshots" / "hari-kerja-6-ponsel-layar-pertama.png"))
        # SKP terkait: each RHK — indikator reads whole, within the screen.
        pilihan = form.get_by_test_id("stRadio").get_by_text(re.compile("Terlaksananya tugas 1 Staf Uji")).first
        kotak = pilihan.bounding_box()
        assert kotak["x"] + kotak["width"] <= 390 and "—" in pilihan.inner_text()
        teks.fill("Mengetik surat undangan rapat dari ponsel")
        form.get_by_label("Satuan output").fill("Surat")
        klik_simpan(page, form.get_by_role("button", name="Simpan"), "tersimpan dan menunggu validasi atasan")
        pesan = live(page.get_by_test_id("stAlertContentSuccess")).first
        kotak = pesan.bounding_box()
        assert 0 <= kotak["y"] and kotak["y"] + kotak["height"] <= 844, kotak  # seen where the pegawai is
        page.screenshot(path=str(ROOT / "test-artifacts" / "screenshots" / "hari-kerja-7-ponsel-tersimpan.png"))
        # The month's list as cards: Aktivitas, SKP terkait and Menit readable.
        kartu = live(page.get_by_test_id("stMarkdown").filter(has_text="Mengetik surat undangan rapat")).first
        kartu.scroll_into_view_if_needed()
        isi = kartu.inner_text()
        assert "SKP terkait:" in isi and "Menit: 60" in isi and "Menunggu Validasi" in isi, isi
        assert kartu.is_visible()
        shot(page, "hari-kerja-8-ponsel-daftar")


def test_the_pegawai_on_a_laptop_keeps_the_metrics_and_the_table(page, hari_server):
    srv, org, _nip = hari_server
    login(page, srv, org.staf.nip, PASSWORD)
    buka_menu(page, "Aktivitas Harian")
    assert live(page.get_by_test_id("stMetric")).first.is_visible()
    assert not live(page.get_by_text(re.compile(r"^Capaian \d+,\d\d %"))).first.is_visible()
    page.locator("[role=gridcell]").filter(has_text="Mengetik surat undangan rapat").first.wait_for(state="attached")
    assert not live(page.get_by_test_id("stMarkdown").filter(has_text="Mengetik surat undangan")).first.is_visible()
    shot(page, "hari-kerja-9-laptop")
