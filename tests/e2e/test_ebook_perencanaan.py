"""E-book chapters on planning, as the people in them, on a copy of the demo kabupaten where the Kepala
BKPSDM and her Kepala Bidang Mutasi plan next year:

1. SKP JPT: the Kepala BKPSDM fills the Perjanjian Kinerja and the Rencana SKP and submits; the Sekda
   sets it; she fills the Matriks Peran Hasil for the Kepala Bidang.
2. SKP administrator: the Kepala Bidang takes the cell, adds the indikator (13 Dokumen) and target
   bulanan, and submits.
3. Validasi SKP oleh Atasan: the Kepala BKPSDM returns it with a catatan; he corrects and submits again;
   she sets it.
4. Ekspektasi Pimpinan: she writes the ekspektasi; he reads them.

The tests run in this order on one server (each chapter continues the previous one).
"""

from __future__ import annotations

import re

import pytest

from db.engine import make_engine
from db.session import session_scope
from services.contoh.demo import DEMO_PASSWORD, NIP
from services.platform.kalender import hari_ini
from tests.e2e.conftest import (
    buka_menu,
    buka_tab,
    klik_sampai,
    klik_simpan,
    login,
    pilih,
    pilih_radio,
    server_on_copy,
    shot,
)

# One story on one server: each test builds on the data the one before it saved.
pytestmark = [pytest.mark.e2e, pytest.mark.story]

TAHUN = hari_ini().year + 1
KEPALA, KABID, SEKDA = NIP["ka_bkpsdm"], NIP["kabid_mutasi"], NIP["sekda"]
SASARAN_PI = "Meningkatnya akuntabilitas kinerja BKPSDM (Penugasan dari Bupati Bondowoso)"
RHK_BARU = "Tersusunnya dokumen perencanaan, penganggaran dan evaluasi bidang mutasi dan promosi"
IKI = "Jumlah dokumen perencanaan, penganggaran dan evaluasi yang disusun tepat waktu"


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    """Own server: next year's periods of the Kepala BKPSDM (with three Sasaran Strategis already in her
    Rencana SKP) and of the Kepala Bidang Mutasi."""
    from sqlalchemy import select

    from db.models import Pegawai
    from services.organisasi import periode
    from services.perencanaan import perjanjian_kinerja, rencana_skp, target_bulanan
    from services.platform.masa_dinas import load_actor

    def prepare(url: str) -> None:
        engine = make_engine(url)
        with session_scope(engine) as s:
            kepala = load_actor(s, s.scalar(select(Pegawai.id).where(Pegawai.nip == KEPALA)))
            kabid = load_actor(s, s.scalar(select(Pegawai.id).where(Pegawai.nip == KABID)))
            p = periode.tambah(s, kepala, TAHUN)
            periode.tambah(s, kabid, TAHUN)
            skp = periode.skp_of(s, p.id)
            pola = rencana_skp.daftar_pola(s)[0].id
            for perspektif, sasaran, indikator, target, satuan in (
                (
                    "Penerima Layanan",
                    "Meningkatnya kualitas pelayanan administrasi kepegawaian (Penugasan dari Bupati Bondowoso)",
                    "Jumlah layanan kepegawaian yang diselesaikan",
                    1200,
                    "Layanan",
                ),
                (
                    "Proses Bisnis",
                    "Meningkatnya Profesionalitas Pegawai (Penugasan dari Bupati Bondowoso)",
                    "Jumlah ASN yang mengikuti pengembangan kompetensi",
                    600,
                    "Orang",
                ),
                (
                    "Anggaran",
                    "Terwujudnya pengelolaan anggaran BKPSDM yang efektif dan efisien (Penugasan dari "
                    "Bupati Bondowoso)",
                    "Jumlah laporan realisasi anggaran",
                    12,
                    "Laporan",
                ),
            ):
                pk = perjanjian_kinerja.tambah(s, kepala, p.id, sasaran, perspektif)
                perjanjian_kinerja.tambah_indikator(s, kepala, pk.id, indikator, target, satuan)
                rhk = rencana_skp.tambah_rhk_jpt(s, kepala, skp.id, pk.id)
                iki = rencana_skp.tambah_indikator(s, kepala, rhk.id, indikator, "Kuantitas", target, satuan, pola)
                target_bulanan.simpan(
                    s, kepala, iki.id, target_bulanan.usulan(iki.target, iki.aspek, list(range(1, 13)))
                )
        engine.dispose()

    with server_on_copy(demo_db, tmp_path_factory, "perencanaan", prepare) as srv:
        yield srv


def _expander(page, label: str, scope=None):
    (scope or page).locator("summary").filter(has_text=label).first.click()


def _isi(page, label: str, value: str) -> None:
    """Fill the last visible field labelled ``label`` (the newest box on the screen)."""
    page.locator(f"input[aria-label='{label}']:visible, textarea[aria-label='{label}']:visible").last.fill(value)


def _logout(page) -> None:
    """One click logs out (repeated when it lands during a rerun and is lost)."""
    klik_sampai(page, page.get_by_role("button", name="Log out"), page.get_by_label("Username (NIP)"), nama="logout")


def _periode(page) -> None:
    pilih(page, "Periode SKP", f"{TAHUN}:")


def test_skp_jpt_perjanjian_kinerja_rencana_skp_and_matriks(page, server):
    login(page, server, KEPALA, DEMO_PASSWORD)
    # Data Master → Perjanjian Kinerja → Tambah Perjanjian Kinerja, Tambah Indikator.
    buka_menu(page, "Perjanjian Kinerja")
    _periode(page)
    page.get_by_text("Perspektif yang belum memiliki Sasaran Strategis: Penguatan Internal").wait_for()
    _expander(page, "Tambah Perjanjian Kinerja")
    page.get_by_label("Sasaran Strategis").first.fill(SASARAN_PI)
    pilih_radio(page, "Perspektif", "Penguatan Internal")
    klik_simpan(page, page.get_by_role("button", name="Simpan", exact=True), "Perjanjian Kinerja tersimpan")
    _isi(page, "Indikator", "Nilai Capaian SAKIP BKPSDM")
    _isi(page, "Target", "75")
    _isi(page, "Satuan", "Nilai")
    klik_simpan(page, page.get_by_role("button", name="Simpan Indikator").last, "Indikator tersimpan")
    shot(page, "3a-perjanjian-kinerja")

    # Perencanaan Kinerja → Rencana SKP: Ajukan Draft is refused while a perspektif is missing.
    buka_menu(page, "Rencana SKP")
    _periode(page)
    page.get_by_role("button", name="Ajukan Draft").click()
    page.get_by_text("Perspektif belum memiliki RHK: Penguatan Internal").first.wait_for()
    # Tambah → choose the Perjanjian Kinerja → Tambahkan.
    _expander(page, "Tambah")
    klik_simpan(page, page.get_by_role("button", name="Tambahkan").first, "Rencana Hasil Kerja ditambahkan")
    _isi(page, "Indikator Kinerja Individu", "Nilai Capaian SAKIP BKPSDM")
    _isi(page, "Target", "75")
    _isi(page, "Satuan", "Nilai")
    klik_simpan(page, page.locator("button:visible").filter(has_text="Tambahkan").last, "Indikator ditambahkan")
    page.get_by_role("button", name="Belum Dibuat").first.click()
    klik_simpan(
        page, page.get_by_role("button", name="Simpan Target Bulanan"), "Target bulanan indikator 4.1 tersimpan"
    )
    shot(page, "3b-rencana-skp-jpt")
    klik_simpan(page, page.get_by_role("button", name="Ajukan Draft"), "Draft Rencana SKP diajukan")
    page.get_by_text("Diajukan", exact=True).first.wait_for()
    _logout(page)

    # The Sekda sets it.
    login(page, server, SEKDA, DEMO_PASSWORD)
    buka_menu(page, "Rencana SKP")
    buka_tab(page, "Pilih Bawahan", page.get_by_text(SASARAN_PI))
    shot(page, "3c-proses-penetapan-jpt")
    klik_simpan(page, page.get_by_role("button", name="Simpan Penetapan"), "Ditetapkan Sebagai SKP")
    _logout(page)

    # Matriks Peran Hasil → Tambah, for the Kepala Bidang Mutasi.
    login(page, server, KEPALA, DEMO_PASSWORD)
    buka_menu(page, "Matriks Peran Hasil")
    _periode(page)
    page.get_by_text("Belum ada Rencana Hasil Kerja Baru untuk").wait_for()
    pilih(page, "Rencana Hasil Kerja Anda (yang diintervensi)", "RHK 3")
    pilih(page, "Bawahan", "Agus Budi Santoso")
    page.get_by_label("Rencana Hasil Kerja Baru").fill(RHK_BARU)
    klik_simpan(page, page.get_by_role("button", name="Simpan", exact=True), "Rencana Hasil Kerja Baru tersimpan")
    shot(page, "3c-matriks-peran-hasil")


def test_skp_administrator_from_the_matriks_with_target_bulanan(page, server):
    login(page, server, KABID, DEMO_PASSWORD)
    buka_menu(page, "Rencana SKP")
    _periode(page)
    page.get_by_text("siap digunakan").first.wait_for()
    shot(page, "3d-rencana-skp-administrator")
    klik_simpan(page, page.get_by_role("button", name="Gunakan"), "Rencana Hasil Kerja dari atasan digunakan")
    _isi(page, "Indikator Kinerja Individu", IKI)
    _isi(page, "Target", "13")
    _isi(page, "Satuan", "Dokumen")
    klik_simpan(page, page.locator("button:visible").filter(has_text="Tambahkan").last, "Indikator ditambahkan")
    page.get_by_role("button", name="Belum Dibuat").first.click()
    _isi(page, "Desember", "1")
    page.get_by_role("button", name="Simpan Target Bulanan").click()
    page.get_by_text("Jumlah target bulanan 12 Dokumen tidak sama dengan target indikator 13 Dokumen").wait_for()
    shot(page, "3e-target-bulanan")
    _isi(page, "Desember", "2")
    klik_simpan(
        page, page.get_by_role("button", name="Simpan Target Bulanan"), "Target bulanan indikator 1.1 tersimpan"
    )
    klik_simpan(page, page.get_by_role("button", name="Ajukan Draft"), "Draft Rencana SKP diajukan")
    shot(page, "3f-diajukan")


def test_validasi_skp_oleh_atasan(page, server):
    login(page, server, KEPALA, DEMO_PASSWORD)
    buka_menu(page, "Rencana SKP")
    buka_tab(page, "Pilih Bawahan", page.get_by_text(RHK_BARU))
    page.get_by_text("Dikembalikan", exact=True).click()
    _isi(page, "Catatan untuk pegawai", "Tambahkan kata 'tepat waktu' pada RHK.")
    shot(page, "3g-proses-penetapan")
    klik_simpan(page, page.get_by_role("button", name="Simpan Penetapan"), "Dikembalikan")
    _logout(page)

    login(page, server, KABID, DEMO_PASSWORD)
    buka_menu(page, "Rencana SKP")
    _periode(page)
    page.get_by_text("Tambahkan kata 'tepat waktu' pada RHK.").wait_for()
    shot(page, "3h-dikembalikan")
    _expander(page, "Ubah atau Hapus")
    _isi(page, "Rencana Hasil Kerja", RHK_BARU + " tepat waktu")
    klik_simpan(page, page.get_by_role("button", name="Simpan Perubahan RHK"), "RHK 1 diubah")
    klik_simpan(page, page.get_by_role("button", name="Ajukan Draft"), "Draft Rencana SKP diajukan")
    _logout(page)

    login(page, server, KEPALA, DEMO_PASSWORD)
    buka_menu(page, "Rencana SKP")
    buka_tab(page, "Pilih Bawahan", page.get_by_text(RHK_BARU + " tepat waktu"))
    klik_simpan(page, page.get_by_role("button", name="Simpan Penetapan"), "Ditetapkan Sebagai SKP")
    page.get_by_role("button", name="Cetak").first.wait_for()
    shot(page, "3i-ditetapkan")


def test_ekspektasi_pimpinan(page, server):
    login(page, server, KEPALA, DEMO_PASSWORD)
    buka_menu(page, "Rencana SKP")
    buka_tab(page, "Pilih Bawahan", page.get_by_text(RHK_BARU + " tepat waktu"))
    buka_tab(page, "Perilaku Kerja", page.get_by_label("Ekspektasi Khusus Pimpinan — Berorientasi Pelayanan"))
    _isi(
        page,
        "Ekspektasi Khusus Pimpinan — Berorientasi Pelayanan",
        "Melayani usulan mutasi OPD paling lambat tiga hari kerja",
    )
    shot(page, "3j-ekspektasi-pimpinan")
    klik_simpan(
        page, page.get_by_role("button", name="Simpan", exact=True), "Ekspektasi pimpinan untuk Agus Budi Santoso"
    )
    _logout(page)

    login(page, server, KABID, DEMO_PASSWORD)
    buka_menu(page, "Rencana SKP")
    _periode(page)
    buka_tab(page, "Perilaku Kerja", page.get_by_text("Melayani usulan mutasi OPD paling lambat tiga hari kerja"))
    shot(page, "3k-perilaku-kerja-pegawai")
    assert page.get_by_role("textbox", name=re.compile("Ekspektasi")).count() == 0
