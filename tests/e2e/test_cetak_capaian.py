"""Issue #16 as the people in it, at 1366×768 and 390×844: the pegawai prints the Cetak of last month and page 1
holds the capaian % the screen shows (in at most 4 portrait pages); the admin changes the Rekap TPP's month and
"Unduh XLSX" still downloads that month (it did nothing: "Deferred file … not found"). Every screen photographed
here is checked for "None"/"nan" and Streamlit's English defaults in its text."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from services.aktivitas import rekap_tpp
from services.contoh.demo import DEMO_PASSWORD
from services.platform import format as fmt
from services.platform.kalender import hari_ini
from tests.app.test_teks_indonesia import INGGRIS, KOSONG
from tests.e2e.conftest import (
    SCREENSHOTS,
    buka_menu,
    demo_akun,
    di_ponsel,
    judul,
    live,
    login,
    new_window,
    pilih,
    settle,
    shot,
    unduh,
)

pytestmark = pytest.mark.e2e

TODAY = hari_ini()
TAHUN, BULAN = (TODAY.year - 1, 12) if TODAY.month == 1 else (TODAY.year, TODAY.month - 1)
LALU = fmt.bulan_tahun(TAHUN, BULAN)


def tanpa_inggris(page, nama: str) -> None:
    """The page's text (what the screenshot shows) holds no None/nan nor one of Streamlit's English defaults."""
    teks = page.locator("body").inner_text()
    salah = [m.group(0) for m in KOSONG.finditer(teks)] + [e for e in INGGRIS if e in teks]
    assert not salah, f"{nama}: {salah}"


def foto(page, nama: str) -> None:
    shot(page, nama)
    tanpa_inggris(page, nama)


@contextmanager
def sebagai(browser, server, peran: str, menu: str) -> Iterator:
    """A fresh browser at 1366×768, logged in as the demo ``peran`` (its Beranda photographed), on ``menu``."""
    nama, nip = demo_akun(peran)
    page = new_window(browser)
    try:
        login(page, server, nip, DEMO_PASSWORD)
        judul(page, f"Selamat datang, {nama}").first.wait_for()
        foto(page, f"16-beranda-{peran.split()[0].lower()}")
        buka_menu(page, menu)
        yield page
    finally:
        page.context.close()


def _cetak_bulan_lalu(page, nama: str) -> None:
    """On Aktivitas Harian: choose last month, read the Capaian metric, print, check the PDF."""
    pilih(page, "Bulan", LALU)
    capaian = (
        page.get_by_test_id("stMetric").filter(has_text="Capaian").get_by_test_id("stMetricValue").first.inner_text()
    )
    assert re.fullmatch(r"\d{1,3},\d\d %", capaian), capaian
    foto(page, nama)
    berkas = unduh(page, "Cetak")
    data = open(berkas.path(), "rb").read()
    halaman = PdfReader(io.BytesIO(data)).pages
    pertama = " ".join(halaman[0].extract_text().split())
    assert len(halaman) <= 4, len(halaman)
    assert f"Capaian aktivitas {capaian}" in pertama and LALU in pertama
    assert halaman[0].mediabox.width < halaman[0].mediabox.height  # portrait
    if shutil.which("pdftoppm"):  # page 1 as a picture, to look at beside the screenshots
        pdf = SCREENSHOTS / f"{nama}.pdf"
        pdf.write_bytes(data)
        gambar = str(SCREENSHOTS / f"{nama}-pdf")
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", str(pdf), gambar], check=False)
        pdf.unlink()


def test_the_pegawai_prints_last_month_and_page_one_holds_the_capaian(browser, server):
    with sebagai(browser, server, "Pegawai (Pelaksana)", "Aktivitas Harian") as page:
        _cetak_bulan_lalu(page, "16b-cetak-bulan-lalu")


def test_the_pegawai_prints_on_a_phone(browser, server):
    _nama, nip = demo_akun("Pegawai (Pelaksana)")
    di_ponsel(
        browser,
        server,
        nip,
        DEMO_PASSWORD,
        "aktivitas-harian",
        "Aktivitas Harian",
        lambda page: _cetak_bulan_lalu(page, "16c-ponsel-cetak-bulan-lalu"),
        "16d-ponsel-cetak",
    )


def test_rekap_tpp_downloads_the_month_chosen_after_a_change(browser, server):
    with sebagai(browser, server, "Admin BKPSDM", "Rekap TPP") as page:
        unduh(page, "Unduh XLSX")  # the running month, before any change
        pilih(page, "Bulan", LALU)
        foto(page, "16e-rekap-tpp-bulan-lalu")
        berkas = unduh(page, "Unduh XLSX")
        assert berkas.suggested_filename == rekap_tpp.nama_berkas(TAHUN, BULAN, "xlsx")
        buku = load_workbook(io.BytesIO(open(berkas.path(), "rb").read()), read_only=True)
        judul_buku = next(buku.active.iter_rows(max_row=1, values_only=True))[0]
        assert judul_buku == f"Rekap TPP Produktivitas {LALU}", judul_buku
        pilih(page, "Bulan", fmt.bulan_tahun(TODAY.year, TODAY.month))
        berkas = unduh(page, "Unduh CSV")
        assert berkas.suggested_filename == rekap_tpp.nama_berkas(TODAY.year, TODAY.month, "csv")


def test_the_import_shows_an_indonesian_file_picker(browser, server):
    with sebagai(browser, server, "Admin BKPSDM", "Ketidakhadiran") as page:
        page.get_by_role("tab", name="Impor Berkas").click()
        zona = page.get_by_test_id("stFileUploaderDropzone")
        zona.wait_for()
        assert not page.get_by_text("per file").is_visible()
        assert "Pilih berkas" in zona.locator("button").evaluate("b => getComputedStyle(b, '::after').content")
        foto(page, "16f-impor-pilih-berkas")


def _cari_pegawai(page, label: str, teks: str, nama: str) -> None:
    """Type ``teks`` in the search field ``label`` and wait for ``nama`` among the matches (issue #20: a search,
    not a list of the whole regency)."""
    kolom = live(page.get_by_label(label, exact=True))
    kolom.fill(teks)
    kolom.press("Enter")
    kotak = live(page.get_by_test_id("stSelectbox").filter(has=page.get_by_text("Hasil pencarian", exact=True))).first
    kotak.wait_for()
    settle(page)
    assert nama in kotak.inner_text() + kotak.locator("input").input_value()


def test_the_admin_finds_a_pegawai_by_name_on_ketidakhadiran_and_pengingat(browser, server):
    """The admin types a name where a list of every pegawai used to be: Ketidakhadiran's filter shows that
    pegawai's absences, Pengingat previews what they would receive; at a laptop's width and a phone's."""
    nama, nip = demo_akun("Pegawai (Pelaksana)")
    with sebagai(browser, server, "Admin BKPSDM", "Ketidakhadiran") as page:
        _cari_pegawai(page, "Pegawai (kosongkan: semua)", nama[:6], nama)
        foto(page, "20a-ketidakhadiran-cari-pegawai")
        buka_menu(page, "Pengingat")
        _cari_pegawai(page, "Penerima", nip[:8], nama)
        assert not live(page.get_by_text("Cari penerima dengan NIP atau namanya")).count()
        foto(page, "20b-pengingat-cari-penerima")
    _admin, nip_admin = demo_akun("Admin BKPSDM")
    di_ponsel(
        browser,
        server,
        nip_admin,
        DEMO_PASSWORD,
        "ketidakhadiran",
        "Ketidakhadiran",
        lambda page: _cari_pegawai(page, "Pegawai (kosongkan: semua)", nama[:6], nama),
        "20c-ketidakhadiran-cari-pegawai-ponsel",
    )
