"""The e-book's chapters "Pengisian Kinerja/Aktivitas Harian", "Validasi Kinerja/Aktivitas Harian oleh
Atasan Langsung" and "Pengecekan Nilai Capaian (%)", in a browser: a pegawai enters two activities, the
atasan validates one and rejects one, the pegawai corrects it, the atasan uses "Validasi Semua", the
pegawai sees the capaian and downloads "Cetak" (the PDF's text is checked)."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from services.contoh.demo import DEMO_PASSWORD
from tests.e2e.conftest import (
    buka_menu,
    demo_akun,
    judul,
    klik_simpan,
    login,
    new_window,
    server_on_copy,
    settle,
    shot,
    wait_for_cookie,
)

pytestmark = pytest.mark.e2e

PERTAMA = "E2E Menyusun laporan mutasi pegawai"
KEDUA = "E2E Rapat koordinasi kenaikan pangkat"
PERBAIKAN = "E2E Rapat koordinasi kenaikan pangkat periode April"


@pytest.fixture(scope="module")
def clean_server(demo_db, tmp_path_factory):
    """Our own server on a copy of the demo database, so this story starts from the demo's state."""
    with server_on_copy(demo_db, tmp_path_factory, "aktivitas") as srv:
        yield srv


def _menu(page, label: str) -> None:
    buka_menu(page, label)  # retried: a click right after login can land in a rerun and be lost


def _choose(page, label: str, option_text: str) -> None:
    box = page.get_by_role("combobox", name=label)
    box.click()
    page.keyboard.type(option_text[:30])  # the list filters as one types, like a person would
    page.get_by_role("option", name=re.compile(re.escape(option_text))).first.click()
    page.wait_for_timeout(800)


def _tambah(page, teks: str, satuan: str) -> None:
    settle(page)  # the run after the previous save (it clears the form) must be over before typing
    form = page.get_by_test_id("stForm").first  # the Tambah Aktivitas form
    form.get_by_role("textbox", name="Aktivitas", exact=True).fill(teks)
    form.get_by_label("Satuan output").fill(satuan)
    klik_simpan(page, form.get_by_role("button", name="Simpan"), "tersimpan dan menunggu validasi atasan")
    page.locator("[role=gridcell]").filter(has_text=teks).first.wait_for(state="attached")  # in the list


def _baris(page, teks: str):
    return page.get_by_test_id("stHorizontalBlock").filter(has_text=teks).last


def test_aktivitas_validasi_capaian_cetak(page, clean_server, browser):
    nama_pegawai, nip_pegawai = demo_akun("Pegawai (Pelaksana)")
    nama_atasan, nip_atasan = demo_akun("Atasan")

    # 1. Pengisian: "Aktivitas Harian" → "Tambah Aktivitas" → Tanggal, Periode, SKP terkait → "Simpan".
    login(page, clean_server, nip_pegawai, DEMO_PASSWORD)
    _menu(page, "Aktivitas Harian")
    page.get_by_label("Tanggal").first.wait_for()  # the Tambah Aktivitas form is open on arrival
    shot(page, "4a-tambah-aktivitas")
    _tambah(page, PERTAMA, "Laporan")
    _tambah(page, KEDUA, "Kegiatan")
    shot(page, "4b-aktivitas-harian-daftar")

    # 2. Validasi by the direct atasan: menu "Validasi" → "Pilih Pegawai" → "Validasi" one, "Tolak" the other.
    atasan = new_window(browser)
    login(atasan, clean_server, nip_atasan, DEMO_PASSWORD)
    _menu(atasan, "Validasi")
    _choose(atasan, "Pilih Pegawai", nama_pegawai)
    _baris(atasan, PERTAMA).wait_for()
    shot(atasan, "4c-validasi-pilih-pegawai")
    _baris(atasan, PERTAMA).get_by_role("button", name="Validasi").click()
    atasan.get_by_test_id("stAlertContentSuccess").filter(has_text="tervalidasi").wait_for()
    _baris(atasan, KEDUA).get_by_role("button", name="Tolak").click()
    atasan.wait_for_timeout(500)
    shot(atasan, "4c1-tolak-alasan")
    atasan.get_by_label("Alasan penolakan").fill("Mohon sebutkan periode kenaikan pangkat yang dibahas.")
    atasan.get_by_test_id("stForm").get_by_role("button", name="Tolak").click()  # under the row
    atasan.get_by_test_id("stAlertContentSuccess").filter(has_text="ditolak").wait_for()
    shot(atasan, "4c2-tolak")

    # 3. The pegawai corrects the rejected activity and sends it again.
    wait_for_cookie(page)  # the reload resumes the login from the cookie
    page.reload()
    judul(page, "Aktivitas Harian").first.wait_for()
    page.get_by_text("Ubah, Hapus atau Perbaiki Aktivitas").click()
    _choose(page, "Pilih aktivitas", KEDUA[:40])
    page.get_by_text("Ditolak atasan: Mohon sebutkan periode").wait_for()
    shot(page, "4d-perbaiki-ditolak")
    page.get_by_role("textbox", name="Aktivitas", exact=True).last.fill(PERBAIKAN)
    page.get_by_role("button", name="Kirim Ulang").click()
    page.get_by_text("dikirim ulang untuk divalidasi").wait_for()

    # 4. The atasan, from Aktivitas Harian → "Pilih Bawahan", uses "Validasi Semua".
    _menu(atasan, "Aktivitas Harian")
    atasan.get_by_role("tab", name="Pilih Bawahan").click()
    _choose(atasan, "Pilih Pegawai", nama_pegawai)
    _baris(atasan, PERBAIKAN).wait_for()
    shot(atasan, "4e-pilih-bawahan-validasi-semua")
    atasan.get_by_role("button", name="Validasi Semua").click()
    atasan.get_by_test_id("stAlertContentSuccess").filter(
        has_text=re.compile(r"\d+ aktivitas .* tervalidasi")
    ).wait_for()
    atasan.context.close()

    # 5. Pengecekan nilai capaian: the metrics, then "Cetak".
    wait_for_cookie(page)  # the reload resumes the login from the cookie
    page.reload()
    judul(page, "Aktivitas Harian").first.wait_for()
    metrics = page.get_by_test_id("stMetric")
    capaian = metrics.filter(has_text="Capaian").get_by_test_id("stMetricValue").inner_text()
    tpp = metrics.filter(has_text="TPP Produktivitas").get_by_test_id("stMetricValue").inner_text()
    assert re.fullmatch(r"\d{1,3},\d\d %", capaian) and tpp.startswith("Rp")
    shot(page, "4f-capaian")
    with page.expect_download() as info:
        page.get_by_role("button", name="Cetak").click()
    download = info.value
    assert download.suggested_filename == f"capaian-aktivitas-{nip_pegawai}-" + download.suggested_filename[-11:]
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(open(download.path(), "rb").read())).pages).split()
    )
    for expected in (nama_pegawai, nip_pegawai, nama_atasan, PERTAMA, PERBAIKAN, capaian, tpp, "Tervalidasi"):
        assert expected in text, expected
