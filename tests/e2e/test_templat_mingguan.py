"""Templat Mingguan in a browser (issue #16, docs/domain.md §8.37): a pegawai builds a weekly template of two rows
through its form, applies it to this week in one click, reads the report beside the button, sees the new rows in
the month's list, and downloads Cetak of the month; the template section at a phone's width."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from services.aktivitas.templat import nama_hari
from services.contoh.demo import DEMO_PASSWORD
from services.platform import format as fmt
from services.platform.kalender import hari_ini
from tests.e2e.conftest import (
    buka_menu,
    demo_akun,
    di_ponsel,
    klik_simpan,
    live,
    login,
    pilih,
    server_on_copy,
    settle,
    shot,
    unduh,
)

pytestmark = pytest.mark.e2e

TODAY = hari_ini()
SENIN = "E2E Rekap surat masuk mingguan"
HARI_INI = "E2E Evaluasi harian bersama tim"


@pytest.fixture(scope="module")
def templat_server(demo_db, tmp_path_factory):
    with server_on_copy(demo_db, tmp_path_factory, "templat") as srv:
        yield srv


def _jam(form, label: str, nilai: str) -> None:
    """Type a time (HH:MM) into the time field ``label`` of ``form``, hour then minute, as a person would."""
    kotak = form.get_by_test_id("stTimeInput").filter(has_text=label)
    kotak.get_by_role("spinbutton").first.click()
    kotak.page.keyboard.type(nilai.replace(":", ""))
    kotak.page.keyboard.press("Tab")


def _tambah_baris(page, hari: str, teks: str, mulai: str, selesai: str) -> None:
    settle(page)
    pilih(page, "Hari", hari)
    form = live(page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Tambah ke Templat"))).first
    form.get_by_role("textbox", name="Aktivitas", exact=True).fill(teks)
    form.get_by_label("Satuan output").fill("Kegiatan")
    _jam(form, "Jam Mulai", mulai)
    _jam(form, "Jam Selesai", selesai)
    settle(page)
    klik_simpan(page, form.get_by_role("button", name="Tambah ke Templat"), f"Baris templat {hari} tersimpan")


def test_build_apply_and_print(page, templat_server):
    _nama, nip = demo_akun("Pegawai (Pelaksana)")
    login(page, templat_server, nip, DEMO_PASSWORD)
    buka_menu(page, "Aktivitas Harian")
    page.get_by_text("Templat Mingguan").first.click()
    page.get_by_text("Templat masih kosong").wait_for()

    # 1. Two rows after the demo's working hours (its activities end by 16.00): Senin, and today's weekday.
    _tambah_baris(page, "Senin", SENIN, "16:15", "16:45")
    hari = nama_hari(TODAY)  # None on a weekend
    if hari not in (None, "Senin"):
        _tambah_baris(page, hari, HARI_INI, "16:15", "17:00")
    page.locator("[role=gridcell]").filter(has_text=SENIN).first.wait_for(state="attached")
    settle(page)
    page.get_by_text("Templat Mingguan").first.scroll_into_view_if_needed()  # the list of rows on screen
    shot(page, "templat-mingguan-1366")

    # 2. Terapkan Templat on this week (Monday to today, the defaults): the report beside the button.
    settle(page)
    page.get_by_role("button", name="Terapkan Templat").click()
    laporan = page.get_by_test_id("stAlert").filter(has_text=re.compile(r"\d+ aktivitas ditambahkan"))
    laporan.first.wait_for()
    teks = laporan.first.inner_text()
    ditambahkan = int(re.search(r"(\d+) aktivitas ditambahkan", teks).group(1))
    settle(page)
    laporan.first.scroll_into_view_if_needed()
    shot(page, "templat-mingguan-terapkan-1366")
    if hari is not None and "(hari libur)" not in teks:  # an ordinary weekday: today's row at least
        assert ditambahkan >= 1, teks
        nama = SENIN if TODAY.weekday() == 0 else HARI_INI
        page.locator("[role=gridcell]").filter(has_text=nama).first.wait_for(state="attached")

    # 3. Cetak of this month: the PDF downloads and names the month.
    unduhan = unduh(page, "Cetak")
    assert unduhan.suggested_filename.endswith(f"-{TODAY.year}-{TODAY.month:02d}.pdf"), unduhan.suggested_filename
    halaman = PdfReader(io.BytesIO(open(unduhan.path(), "rb").read())).pages
    text = " ".join(" ".join(p.extract_text() for p in halaman).split())
    assert fmt.bulan_tahun(TODAY.year, TODAY.month) in text


def test_the_template_at_a_phone_width(browser, templat_server):
    _nama, nip = demo_akun("Pegawai (Pelaksana)")

    def siapkan(page) -> None:
        page.get_by_text("Templat Mingguan").first.click()
        tombol = page.get_by_role("button", name="Terapkan Templat")
        tombol.wait_for()
        tombol.scroll_into_view_if_needed()

    di_ponsel(
        browser, templat_server, nip, DEMO_PASSWORD, "aktivitas-harian", "Aktivitas Harian", siapkan, "templat-390"
    )
