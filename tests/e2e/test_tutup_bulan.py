"""Tutup Bulan and the Daftar TPP (docs/domain.md §8.27–8.28, issue #13), in a browser on the demo: the Admin
BKPSDM opens "Tutup Bulan", picks a past month, closes it after confirming, and downloads the bendahara's Daftar
TPP — the XLSX for all OPD (its total equals what the screen says) and one OPD's PDF (its text is checked). Then
the same screen at a phone's width. Screenshots at 1366×768 and 390×844: tutup-bulan-*.png."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from services.contoh.demo import DEMO_PASSWORD
from tests.e2e.conftest import (
    buka_menu,
    demo_akun,
    di_ponsel,
    judul,
    klik_simpan,
    login,
    pilih,
    server_on_copy,
    shot,
    unduh,
)

pytestmark = pytest.mark.e2e

#: The demo's today is the suite's 15 July 2026: June closed for entries on 5 July, so it may be closed.
BULAN = "Juni 2026"


@pytest.fixture(scope="module")
def tutup_server(demo_db, tmp_path_factory):
    """Our own server on a copy of the demo database: closing a month changes data."""
    with server_on_copy(demo_db, tmp_path_factory, "tutup-bulan") as srv:
        yield srv


def _buka_bulan(page) -> None:
    buka_menu(page, "Tutup Bulan")
    pilih(page, "Bulan", BULAN)
    page.get_by_text(f"Bulan {BULAN} belum ditutup.").or_(page.get_by_text("Bulan ditutup pada")).first.wait_for()


def test_admin_closes_a_month_and_downloads_the_daftar_tpp(page, tutup_server):
    _nama, nip_admin = demo_akun("Admin")
    login(page, tutup_server, nip_admin, DEMO_PASSWORD)
    _buka_bulan(page)
    page.get_by_text(f"Bulan {BULAN} belum ditutup.").wait_for()
    shot(page, "tutup-bulan-1-belum-ditutup")

    page.get_by_role("button", name="Tutup Bulan", exact=True).click()
    page.get_by_text(f"Tutup bulan {BULAN}?").wait_for()
    shot(page, "tutup-bulan-2-konfirmasi")
    klik_simpan(page, page.get_by_role("button", name="Ya, tutup bulan"), f"Bulan {BULAN} ditutup (versi 1)")
    judul(page, "Daftar TPP per OPD").wait_for()
    shot(page, "tutup-bulan-3-ditutup")

    keterangan = page.get_by_text(re.compile(r"\d+ OPD, jumlah TPP produktivitas Rp[\d.]+")).inner_text()
    total = int(re.search(r"Rp([\d.]+)", keterangan).group(1).replace(".", ""))

    unduhan = unduh(page, "Unduh XLSX semua OPD")
    assert unduhan.suggested_filename == "daftar-tpp-2026-06.xlsx"
    wb = load_workbook(io.BytesIO(open(unduhan.path(), "rb").read()))
    assert wb.sheetnames[0] == "Ringkasan" and len(wb.sheetnames) > 2
    jumlah = 0
    for ws in wb.worksheets[1:]:
        for row in ws.iter_rows(min_row=6, values_only=True):
            if isinstance(row[0], int):  # a pegawai's row (No); JUMLAH and Terbilang have none
                assert isinstance(row[1], str) and len(row[1]) == 18  # NIP as text
                jumlah += row[7]
    assert jumlah == total  # the sum over all OPD = the screen's (and the Rekap TPP's) total

    opd = "Dinas Kesehatan"
    pilih(page, "Unit induk/OPD", opd)
    unduhan = unduh(page, "Unduh PDF OPD")
    assert unduhan.suggested_filename == "daftar-tpp-2026-06-dinas-kesehatan.pdf"
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(open(unduhan.path(), "rb").read())).pages).split()
    )
    for expected in (
        "DAFTAR TPP PRODUKTIVITAS",
        f"Bulan : {BULAN}",
        f"Unit Induk/OPD : {opd}",
        "JUMLAH",
        "Terbilang:",
        "Mengetahui,",
        "Kepala Dinas Kesehatan",
    ):
        assert expected in text, expected


def test_the_screen_at_a_phone_width(browser, tutup_server):
    _nama, nip_admin = demo_akun("Admin")

    def siapkan(page) -> None:
        pilih(page, "Bulan", BULAN)
        page.get_by_text("Bulan ditutup pada").first.wait_for()

    di_ponsel(browser, tutup_server, nip_admin, DEMO_PASSWORD, "tutup-bulan", "Tutup Bulan", siapkan, "tutup-bulan-390")
