"""Penetapan Predikat Kinerja Organisasi (docs/domain.md §8.35, issue #15), in a browser on the demo: the Bupati opens
"Penetapan Predikat Organisasi", picks BKPSDM, reads the basis (the Kepala BKPSDM's Perjanjian Kinerja), enters one
indikator's realisasi, sets the predikat with its number, and downloads the signed PDF (its text is checked). Then
the same screen at a phone's width. Screenshots at 1366×768 and 390×844: penetapan-predikat-*.png."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from services.contoh.demo import DEMO_PASSWORD
from tests.e2e.conftest import (
    buka_menu,
    demo_akun,
    di_ponsel,
    klik_simpan,
    live,
    login,
    pilih,
    server_on_copy,
    shot,
    unduh,
)

pytestmark = pytest.mark.e2e

UNIT = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
NOMOR = "800/45/430.12/2026"


@pytest.fixture(scope="module")
def penetapan_server(demo_db, tmp_path_factory):
    """Our own server on a copy of the demo database: the penetapan changes data."""
    with server_on_copy(demo_db, tmp_path_factory, "penetapan-predikat") as srv:
        yield srv


def test_the_bupati_sets_bkpsdm_predikat_and_downloads_the_signed_pdf(page, penetapan_server):
    nama_bupati, nip_bupati = demo_akun("Pimpinan (Bupati)")
    login(page, penetapan_server, nip_bupati, DEMO_PASSWORD)
    buka_menu(page, "Penetapan Predikat Organisasi", "Penetapan Predikat Kinerja Organisasi")
    pilih(page, "Unit Kerja", UNIT)
    page.get_by_text("Pimpinan unit:").first.wait_for()
    shot(page, "penetapan-predikat-1-dasar")

    page.get_by_text("Catat Realisasi Indikator").click()
    isian = live(page.get_by_test_id("stNumberInput")).first.locator("input")
    isian.fill("90")
    klik_simpan(page, page.get_by_role("button", name="Simpan Realisasi"), "Realisasi 1 indikator disimpan.")
    page.get_by_text("dicatat").first.wait_for()

    page.get_by_label("Nomor penetapan").fill(NOMOR)
    klik_simpan(page, page.get_by_role("button", name="Tetapkan"), "ditetapkan:")
    page.get_by_text(f"nomor {NOMOR}").first.wait_for()
    shot(page, "penetapan-predikat-2-ditetapkan")

    unduhan = unduh(page, "Unduh PDF Penetapan")
    assert unduhan.suggested_filename.startswith("penetapan-predikat-badan-kepegawaian")
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(open(unduhan.path(), "rb").read())).pages).split()
    )
    for expected in (
        "PENETAPAN PREDIKAT KINERJA ORGANISASI",
        f"Nomor : {NOMOR}",
        "Dasar: Capaian Perjanjian Kinerja",
        "dicatat",
        "Pemeriksaan Kurva Distribusi Predikat Pegawai",
        "Yang menetapkan,",
        nama_bupati,
    ):
        assert expected in text, expected


def test_the_screen_at_a_phone_width(browser, penetapan_server):
    _nama, nip_bupati = demo_akun("Pimpinan (Bupati)")

    def siapkan(page) -> None:
        pilih(page, "Unit Kerja", UNIT)
        page.get_by_text("Pimpinan unit:").first.wait_for()

    di_ponsel(
        browser,
        penetapan_server,
        nip_bupati,
        DEMO_PASSWORD,
        "penetapan-predikat",
        "Penetapan Predikat Kinerja Organisasi",
        siapkan,
        "penetapan-predikat-390",
    )
