"""Chapter "Tahapan Umpan Balik Berkelanjutan" of the e-book, and the Evaluasi Kinerja after it: a demo
pegawai fills this month's realisasi with a bukti link, the atasan writes the umpan balik, rates,
finalises and downloads the Dokumen Evaluasi Kinerja (its text checked with pypdf); the Kepala BKPSDM
looks at the Kurva Distribusi. Runs on its own copy of the demo database (it finalises evaluations)."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pypdf import PdfReader

from services.contoh.demo import DEMO_PASSWORD
from services.platform.kalender import hari_ini
from tests.e2e.conftest import buka_menu, demo_akun, judul, login, new_window, server_on_copy, settle, shot

# One story: the Kurva Distribusi's rule message needs the evaluation the first test finalises.
pytestmark = [pytest.mark.e2e, pytest.mark.story]

REALISASI = "37"
BUKTI = "https://drive.google.com/drive/folders/bukti-simpeg-e2e"
UMPAN_BALIK = "Realisasi bulan ini baik; lampirkan juga rekap dari SIMPEG."
#: The evaluation the screen opens on: the triwulan of today (the server's today is the tests' pinned one).
TRIWULAN = "Triwulan " + ("I", "II", "III", "IV")[(hari_ini().month - 1) // 3]


@pytest.fixture(scope="module")
def own_server(demo_db, tmp_path_factory):
    """A server on a copy of the demo database, so finalising here does not change the shared one."""
    with server_on_copy(demo_db, tmp_path_factory, "umpan-balik") as srv:
        yield srv


def _masuk(browser, server, nip: str):
    """A fresh browser (its own cookies) at 1366×768, logged in as ``nip``."""
    page = new_window(browser)
    login(page, server, nip, DEMO_PASSWORD)
    return page.context, page


def _choose(page, label: str, option: str) -> None:
    """Open a selectbox and pick an option (a click that lands while the page scrolls is repeated)."""
    box = page.get_by_role("combobox", name=label).first
    box.scroll_into_view_if_needed()
    box.click()
    choice = page.get_by_role("option", name=option).first
    try:
        choice.wait_for(timeout=3000)
    except PlaywrightTimeout:
        box.click()
    choice.click()
    settle(page)


def _open(page, menu: str, heading: str) -> None:
    buka_menu(page, menu, heading)


def test_pegawai_fills_atasan_answers_rates_and_prints(browser, own_server):
    nama_pegawai, nip_pegawai = demo_akun("Pegawai (Pelaksana)")
    nama_atasan, nip_atasan = demo_akun("Atasan")

    # 1. The pegawai: Umpan Balik Berkelanjutan → Hasil Kerja → isi realisasi, sumber data, bukti dukung → Simpan
    context, page = _masuk(browser, own_server, nip_pegawai)
    _open(page, "Umpan Balik Berkelanjutan", "Umpan Balik Berkelanjutan")
    page.get_by_role("tab", name="Hasil Kerja").wait_for()
    page.get_by_text("Isi Realisasi").first.wait_for()
    shot(page, "5a-umpan-balik-pegawai")
    page.get_by_role("button", name="Simpan").first.scroll_into_view_if_needed()
    shot(page, "5a2-isi-realisasi")
    page.get_by_label("Realisasi (Data)").fill(REALISASI)
    page.get_by_label("Sumber Data").fill("Aplikasi SIMPEG")
    page.get_by_label("Bukti Dukung (tautan http/https, satu per baris)").fill(BUKTI)
    page.get_by_role("button", name="Simpan").first.click()
    page.get_by_text("Realisasi tersimpan.").wait_for()
    shot(page, "5b-umpan-balik-tersimpan")
    context.close()

    # 2. The atasan: Pilih Bawahan → Umpan Balik → Simpan Umpan Balik
    context, page = _masuk(browser, own_server, nip_atasan)
    _open(page, "Umpan Balik Berkelanjutan", "Umpan Balik Berkelanjutan")
    page.get_by_text("Bawahan", exact=True).first.click()
    settle(page)
    _choose(page, "Pilih Bawahan", nama_pegawai)
    page.get_by_role("button", name="Simpan Umpan Balik").wait_for()
    page.get_by_label("Umpan Balik", exact=True).fill(UMPAN_BALIK)
    page.get_by_role("button", name="Simpan Umpan Balik").click()
    page.get_by_text("Umpan balik tersimpan.").wait_for()
    assert page.get_by_role("link", name="Bukti Dukung 1").get_attribute("href") == BUKTI
    settle(page)
    assert page.get_by_label("Umpan Balik", exact=True).input_value() == UMPAN_BALIK
    shot(page, "5c-umpan-balik-atasan")

    # 3. Evaluasi Kinerja: rate, Simpan, Finalkan, download the document
    _open(page, "Evaluasi Kinerja", "Evaluasi Kinerja")
    _choose(page, "Pilih Bawahan", nama_pegawai)
    judul(page, f"{nama_pegawai} · {TRIWULAN}").wait_for()
    _choose(page, "Rating Hasil Kerja", "Sesuai Ekspektasi")
    _choose(page, "Rating Perilaku Kerja", "Di Atas Ekspektasi")
    page.get_by_role("button", name="Simpan").first.click()
    page.get_by_text("Evaluasi tersimpan.").wait_for()
    page.get_by_role("button", name="Finalkan").click()
    page.get_by_role("button", name="Ya, finalkan").click()
    page.get_by_text("Evaluasi Kinerja difinalkan.").wait_for()
    shot(page, "5d-evaluasi-final")
    page.get_by_text("Saran Rating Hasil Kerja").first.scroll_into_view_if_needed()
    shot(page, "5d2-evaluasi-saran")
    page.get_by_role("button", name="Unduh Dokumen Evaluasi").scroll_into_view_if_needed()
    shot(page, "5d3-evaluasi-rating")
    with page.expect_download() as info:
        page.get_by_role("button", name="Unduh Dokumen Evaluasi").click()
    pdf = info.value.path().read_bytes()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    for expected in (
        "DOKUMEN EVALUASI KINERJA PEGAWAI",
        nama_pegawai,
        nip_pegawai,
        nama_atasan,
        "Rating Hasil Kerja : Sesuai Ekspektasi",
        "Rating Perilaku Kerja : Di Atas Ekspektasi",
        "Predikat Kinerja Pegawai : Baik",
        UMPAN_BALIK.split(";")[0],
    ):
        assert expected in text, expected
    context.close()


def test_pimpinan_sees_the_kurva_distribusi(browser, own_server):
    """The Kepala BKPSDM sets the Bidang's Predikat Kinerja Organisasi on its own page (with its basis, #15), then
    reads the Bidang's Kurva Distribusi against it."""
    nama, nip = demo_akun("JPT (Kepala BKPSDM)")
    context, page = _masuk(browser, own_server, nip)
    _open(page, "Penetapan Predikat Organisasi", "Penetapan Predikat Kinerja Organisasi")
    _choose(page, "Unit Kerja", "Bidang Mutasi dan Promosi")
    _choose(page, "Predikat Kinerja Organisasi", "Baik")
    page.get_by_role("button", name="Tetapkan").click()
    page.get_by_text("ditetapkan: Baik").first.wait_for()
    _open(page, "Evaluasi Kinerja", "Evaluasi Kinerja")
    page.get_by_role("tab", name="Kurva Distribusi").click()
    _choose(page, "Unit Kerja", "Bidang Mutasi dan Promosi")
    page.get_by_text("Predikat organisasi Baik mensyaratkan").first.wait_for()
    shot(page, "5e-kurva-distribusi")
    page.get_by_text("Predikat organisasi Baik mensyaratkan").first.scroll_into_view_if_needed()
    shot(page, "5e2-kurva-aturan")
    context.close()
