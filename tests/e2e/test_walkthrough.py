"""Walkthrough of the whole e-book (issue #9) on a FRESH database: a small organisation is loaded with
``sipijar import-pegawai`` (tests/e2e/data/organisasi_walkthrough.csv, passwords in the file), then
every chapter is done in order, each step as its person, finding things by the e-book's labels:

    Sekda (top, JPT) → Kepala Dinas (JPT) → Kepala Bidang (Administrator, also admin) →
    a Fungsional and a Pelaksana under him.

Each person logs in for the first time with the password of the file and changes it on the
"Ganti Password" screen (the import makes every account change its password at first login).

Every step saves a 1366×768 viewport screenshot and a line in test-artifacts/panduan/manifest.json
(chapter, step, Indonesian caption, file); ``docs/build_panduan.py`` turns them into docs/panduan/.
The tests share one server and one set of browsers and must run in file order.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from time_machine import escape_hatch

from db.engine import make_engine
from db.migrate import upgrade
from services.platform.format import WIB
from tests.e2e.conftest import (
    ROOT,
    Server,
    _require_browser,
    buka_menu,
    buka_tab,
    judul,
    klik_sampai,
    klik_simpan,
    new_window,
    pilih,
    pilih_radio,
    settle,
    shot,
    wait_for_cookie,
)

# Own marker: `make docs` runs it alone to build docs/panduan/; `make test` runs it after the other e2e tests.
pytestmark = [pytest.mark.e2e, pytest.mark.walkthrough, pytest.mark.story]

DATA = Path(__file__).parent / "data" / "organisasi_walkthrough.csv"
PANDUAN = ROOT / "test-artifacts" / "panduan"
PASSWORD_AWAL = "Awal-Walk-2026"
PASSWORD = "Sipijar-Walk-2026"
#: The walkthrough's server runs outside demo mode (no demo logins on its screenshots), so on the real clock,
#: not the tests' pinned one (SIPIJAR_HARI_INI is for demo mode only): its year is the real one.
TAHUN = escape_hatch.datetime.datetime.now(WIB).year

SEKDA = ("197001011995031001", "Hadi Sekda Walk")
KADIS = ("197502022000032002", "Ratna Kadis Walk")
KABID = ("198003032005011003", "Bima Kabid Walk")
FUNGSIONAL = ("199004042015032004", "Sari Fungsional Walk")
PELAKSANA = ("199505052020121005", "Dedi Pelaksana Walk")
#: Who does a step, as the guide names them.
PERAN = {
    SEKDA[0]: "Sekretaris Daerah (atasan JPT)",
    KADIS[0]: "Kepala Dinas (JPT)",
    KABID[0]: "Kepala Bidang (Administrator)",
    FUNGSIONAL[0]: "Fungsional",
    PELAKSANA[0]: "Pelaksana",
}

#: The e-book's chapters, in order: (key, title in the guide).
BAB = {
    "login": "Login Pertama dan Ganti Password",
    "periode": "Periode SKP",
    "penilai": "Penilai Pegawai",
    "pk": "Perjanjian Kinerja (JPT)",
    "skp_jpt": "Rencana SKP JPT, Ajukan Draft dan Proses Penetapan",
    "matriks": "Matriks Peran Hasil",
    "skp_non_jpt": "Rencana SKP Administrator, Fungsional dan Pelaksana dengan Target Bulanan",
    "penetapan": "Validasi SKP oleh Atasan Langsung (Proses Penetapan)",
    "ekspektasi": "Ekspektasi Pimpinan terhadap Perilaku Kerja Bawahan",
    "aktivitas": "Pengisian Kinerja/Aktivitas Harian",
    "validasi": "Validasi Aktivitas Harian oleh Atasan Langsung",
    "capaian": "Pengecekan Nilai Capaian (%) dan Cetak",
    "umpan_balik": "Umpan Balik Berkelanjutan",
    "evaluasi": "Evaluasi Kinerja",
}

PK_JPT = (  # (perspektif, sasaran strategis, indikator, target, satuan)
    (
        "Penerima Layanan",
        "Meningkatnya kepuasan masyarakat atas layanan aplikasi pemerintah daerah (Penugasan dari Bupati)",
        "Indeks kepuasan pengguna aplikasi",
        "80",
        "Indeks",
    ),
    (
        "Proses Bisnis",
        "Terwujudnya tata kelola sistem pemerintahan berbasis elektronik (Penugasan dari Bupati)",
        "Indeks SPBE Kabupaten",
        "3",
        "Indeks",
    ),
    (
        "Anggaran",
        "Terwujudnya pengelolaan anggaran dinas yang akuntabel (Penugasan dari Bupati)",
        "Jumlah laporan realisasi anggaran",
        "12",
        "Laporan",
    ),
    (
        "Penguatan Internal",
        "Meningkatnya akuntabilitas kinerja Dinas Komunikasi dan Informatika (Penugasan dari Bupati)",
        "Nilai Capaian SAKIP Dinas",
        "75",
        "Nilai",
    ),
)
RHK_KABID = "Tersedianya aplikasi layanan publik yang terintegrasi"
RHK_FUNGSIONAL = "Terpeliharanya server dan basis data aplikasi layanan publik"
RHK_PELAKSANA = "Terlayaninya permintaan dukungan teknis aplikasi dari perangkat daerah"
AKTIVITAS_1 = "Menangani tiket gangguan aplikasi layanan perizinan"
AKTIVITAS_2 = "Memperbarui panduan pengguna aplikasi"
AKTIVITAS_2_PERBAIKAN = "Memperbarui panduan pengguna aplikasi layanan perizinan versi 2"
UMPAN_BALIK = "Realisasi bulan ini baik; lampirkan juga rekap tiket dari helpdesk."


# --------------------------------------------------------------------------- the guide's screenshots


class Panduan:
    """Screenshots per step and the manifest of them."""

    def __init__(self) -> None:
        PANDUAN.mkdir(parents=True, exist_ok=True)
        for old in PANDUAN.glob("*.png"):
            old.unlink()
        self.langkah: list[dict] = []
        self.nomor: dict[str, int] = {}

    def foto(self, page, bab: str, keterangan: str, orang: tuple[str, str], ke=None, atas: bool = False) -> None:
        """Screenshot of what ``orang`` sees now (viewport only, 1366×768) with the step's caption. ``ke`` (a
        locator, e.g. the button the caption names) is scrolled to the bottom of the screen, so the fields
        above it show too; with ``atas`` to the top (a title, a tab, a table to read)."""
        settle(page)
        if ke is not None:
            ke.first.evaluate(
                """(e, atas) => {
                e.style.scrollMarginTop = '96px';      // below Streamlit's header
                e.style.scrollMarginBottom = '24px';
                e.scrollIntoView({block: atas ? 'start' : 'end'});
            }""",
                atas,
            )
        page.mouse.move(page.viewport_size["width"] - 4, page.viewport_size["height"] - 4)  # no hover toolbars
        nomor = self.nomor[bab] = self.nomor.get(bab, 0) + 1
        urutan = list(BAB).index(bab) + 1
        nama = f"{urutan:02d}-{bab.replace('_', '-')}-{nomor:02d}.png"
        page.wait_for_timeout(500)  # data grids draw on a canvas after the run settles
        page.screenshot(path=str(PANDUAN / nama))
        self.langkah.append(
            {
                "bab": urutan,
                "kunci": bab,
                "judul": BAB[bab],
                "langkah": nomor,
                "keterangan": keterangan,
                "oleh": orang[1],
                "peran": PERAN[orang[0]],
                "berkas": nama,
            }
        )
        (PANDUAN / "manifest.json").write_text(
            json.dumps({"tahun": TAHUN, "langkah": self.langkah}, ensure_ascii=False, indent=1), encoding="utf-8"
        )


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def walk_server(tmp_path_factory):
    """A fresh migrated SQLite database, the organisation imported with the ``sipijar`` command."""
    _require_browser()
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    path = tmp_path_factory.mktemp("walkthrough") / "walkthrough.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    hasil = subprocess.run(
        [
            str(Path(sys.executable).parent / "sipijar"),
            "import-pegawai",
            str(DATA),
            "--credentials-out",
            str(path.parent / "kredensial.csv"),
        ],
        cwd=ROOT,
        env={**os.environ, "SIPIJAR_DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=False,
    )
    assert hasil.returncode == 0, hasil.stderr + hasil.stdout
    assert "5 pegawai baru" in hasil.stdout
    srv = Server(url, {"SIPIJAR_DEMO": "0"})
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def panduan():
    return Panduan()


class Orang:
    """One browser (own cookies) per person, logged in on first use."""

    def __init__(self, browser, server, lebar: int = 1366, tinggi: int = 768):
        self.browser, self.server, self.size = browser, server, {"width": lebar, "height": tinggi}
        self.pages: dict[str, object] = {}

    def __call__(self, orang: tuple[str, str]):
        nip, _nama = orang
        if nip not in self.pages:
            page = new_window(self.browser, self.size["width"], self.size["height"])
            page.goto(self.server.url)
            page.get_by_label("Username (NIP)").fill(nip)
            page.get_by_label("Password", exact=True).fill(PASSWORD)
            page.get_by_role("button", name="Log in").click()
            # attached, not visible: on a phone the sidebar holding it starts collapsed
            page.get_by_role("button", name="Log out").wait_for(state="attached")
            settle(page)
            self.pages[nip] = page
        return self.pages[nip]

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()


@pytest.fixture(scope="module")
def sebagai(browser, walk_server):
    orang = Orang(browser, walk_server)
    yield orang
    orang.close()


# --------------------------------------------------------------------------- helpers (e-book labels)


def _debug(page) -> None:
    """On a failure, what the screen showed (test-artifacts/screenshots/walkthrough-debug.png)."""
    (ROOT / "test-artifacts" / "screenshots").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ROOT / "test-artifacts" / "screenshots" / "walkthrough-debug.png"), full_page=True)


def _lihat(page, text: str, exact: bool = False) -> None:
    """Asserts that ``text`` is on the screen (what the person sees, not only that a click worked)."""
    try:
        page.get_by_text(text, exact=exact).first.wait_for()
    except Exception:
        _debug(page)
        raise


def _isi(page, label: str, value: str) -> None:
    """Fill the last visible field labelled ``label`` (the newest box on the screen)."""
    page.locator(f"input[aria-label='{label}']:visible, textarea[aria-label='{label}']:visible").last.fill(value)


def _tombol(page, label: str):
    """The visible button ``label`` (exact), the first on the screen."""
    return page.get_by_role("button", name=label, exact=True).first


def _buka_expander(page, label: str) -> None:
    """Open the (first) expander titled ``label`` unless it is open; its summary toggles, so check first."""
    details = (
        page.locator("details")
        .filter(has=page.locator("summary").filter(has=page.get_by_text(label, exact=True)))
        .first
    )
    if details.get_attribute("open") is None:
        details.locator("summary").first.click()
    expect(details).to_have_attribute("open", "")


def _buka_lagi(page, heading: str) -> None:
    """Reload the screen, to see what another person just changed (the login resumes from the cookie)."""
    wait_for_cookie(page)
    page.reload()
    judul(page, heading).first.wait_for()
    settle(page)


def _tab_terpilih(page, label: str) -> None:
    """Asserts that tab ``label`` is still the selected one (after a save or a choice on it)."""
    expect(page.get_by_role("tab", name=label, exact=True, selected=True)).to_be_visible()


def _klik_sampai(page, target, tanda) -> None:
    klik_sampai(page, target, tanda, nama="walkthrough")


def _tambah_indikator_dan_target(
    page, panduan, teks: str, target: str, satuan: str, foto: str | None = None, orang=None
) -> None:
    """In the newest RHK: Tambah Indikator → Tambahkan, then "Belum Dibuat" → Simpan Target Bulanan (the
    proposed months add up to the target). ``foto``: the guide's caption for the filled form."""
    _isi(page, "Indikator Kinerja Individu", teks)
    _isi(page, "Target", target)
    _isi(page, "Satuan", satuan)
    tambahkan = page.get_by_role("button", name="Tambahkan", exact=True).last
    if foto:
        panduan.foto(page, orang[2], foto, orang[:2], ke=tambahkan)
    klik_simpan(page, tambahkan, "Indikator ditambahkan")
    _klik_sampai(
        page,
        page.get_by_role("button", name="Belum Dibuat").first,
        page.get_by_role("button", name="Simpan Target Bulanan"),
    )


# --------------------------------------------------------------------------- the chapters, in order


def test_01_login_pertama_ganti_password(browser, walk_server, panduan):
    for orang in (SEKDA, KADIS, KABID, FUNGSIONAL, PELAKSANA):
        page = new_window(browser)
        page.goto(walk_server.url)
        page.get_by_label("Username (NIP)").fill(orang[0])
        page.get_by_label("Password", exact=True).fill(PASSWORD_AWAL)
        if orang is KADIS:
            panduan.foto(
                page, "login", "Buka SIPIJAR, isi Username (NIP) dan Password dari admin, lalu klik Log in.", orang
            )
        page.get_by_role("button", name="Log in").click()
        # First login: only "Ganti Password" is offered, with the reason.
        _lihat(page, "Ini login pertama Anda")
        settle(page)
        # While the page changes from the login form, Streamlit may briefly show two copies of the new form.
        expect(page.get_by_label("Password Lama")).to_have_count(1)
        assert page.get_by_test_id("stSidebar").get_by_role("link", name="Rencana SKP").count() == 0
        isian = (
            (page.get_by_label("Password Lama"), PASSWORD_AWAL),
            (page.get_by_label("Password Baru", exact=True), PASSWORD),
            (page.get_by_label("Ulangi Password Baru"), PASSWORD),
        )
        for kotak, nilai in isian:
            kotak.fill(nilai)
        settle(page)
        for kotak, nilai in isian:  # typing that landed during a rerun is lost: type it again
            if kotak.input_value() != nilai:
                kotak.fill(nilai)
            expect(kotak).to_have_value(nilai)
        if orang is KADIS:
            panduan.foto(
                page,
                "login",
                "Pada login pertama, ganti password awal: isi Password Lama, Password "
                "Baru dan Ulangi Password Baru, lalu klik Simpan Password.",
                orang,
            )
        page.get_by_role("button", name="Simpan Password").click()
        # The whole menu appears once the password is changed, with the message (a toast: it stays readable
        # through the rerun that writes the new session cookie right after it).
        try:
            page.get_by_test_id("stSidebar").get_by_role("link", name="Rencana SKP").wait_for()
        except Exception:
            shot(page, f"debug-ganti-password-{orang[0]}")
            pesan = page.get_by_test_id("stAlertContentError").all_inner_texts()
            raise AssertionError(f"no full menu after Simpan Password for {orang[1]}; errors shown: {pesan}") from None
        judul(page, f"Selamat datang, {orang[1]}").wait_for()  # the forced first change lands on Beranda
        expect(page.get_by_text("Password berhasil diganti.")).to_be_visible()
        if orang is KADIS:
            panduan.foto(
                page,
                "login",
                "Setelah password diganti, menu lengkap tampil di kiri; Beranda menunjukkan langkah berikutnya.",
                orang,
            )
        page.context.close()


def test_02_periode_skp(sebagai, panduan):
    for orang in (SEKDA, KADIS, KABID, FUNGSIONAL, PELAKSANA):
        page = sebagai(orang)
        buka_menu(page, "Periode SKP")
        if orang is KADIS:
            _lihat(page, "Anda belum memiliki Periode SKP")
            panduan.foto(
                page,
                "periode",
                "Menu Periode SKP: isi Tahun, Periode Mulai dan Periode Akhir "
                "(1 Januari – 31 Desember), lalu klik Simpan.",
                orang,
            )
        klik_simpan(page, _tombol(page, "Simpan"), f"Periode SKP 1 Januari {TAHUN} – 31 Desember {TAHUN} tersimpan")
        if orang is KADIS:
            panduan.foto(page, "periode", "Periode tersimpan dan tampil di tabel dengan Status SKP Draft.", orang)


def test_03_penilai_pegawai(sebagai, panduan):
    page = sebagai(KABID)
    buka_menu(page, "Penilai Pegawai")
    _lihat(page, "Pejabat Penilai Kinerja")
    assert page.get_by_text("Periode ini belum memiliki penilai").count() == 0
    panduan.foto(
        page,
        "penilai",
        "Menu Penilai Pegawai: pastikan Pejabat Penilai Kinerja adalah atasan "
        "langsung Anda; jika belum sesuai, buka Ganti Penilai.",
        KABID,
    )
    buka_tab(page, "Bawahan", page.get_by_text("2 bawahan langsung."))
    panduan.foto(page, "penilai", "Tab Bawahan menampilkan pegawai yang Anda nilai.", KABID)


def test_04_perjanjian_kinerja_jpt(sebagai, panduan):
    page = sebagai(KADIS)
    buka_menu(page, "Perjanjian Kinerja")
    pilih(page, "Periode SKP", f"{TAHUN}:")
    for nomor, (perspektif, sasaran, indikator, target, satuan) in enumerate(PK_JPT):
        _buka_expander(page, "Tambah Perjanjian Kinerja")
        page.get_by_label("Sasaran Strategis").first.fill(sasaran)
        pilih_radio(page, "Perspektif", perspektif)
        simpan = _tombol(page, "Simpan")
        if nomor == 0:
            panduan.foto(
                page,
                "pk",
                "Data Master → Perjanjian Kinerja → Tambah Perjanjian Kinerja: isi Sasaran "
                "Strategis, pilih Perspektif, lalu klik Simpan.",
                KADIS,
                ke=simpan,
            )
        klik_simpan(page, simpan, "Perjanjian Kinerja tersimpan")
        _isi(page, "Indikator", indikator)
        _isi(page, "Target", target)
        _isi(page, "Satuan", satuan)
        simpan_indikator = page.get_by_role("button", name="Simpan Indikator").last
        if nomor == 0:
            panduan.foto(
                page,
                "pk",
                "Tambahkan indikator: isi Indikator, Target dan Satuan, lalu klik Simpan Indikator.",
                KADIS,
                ke=simpan_indikator,
            )
        klik_simpan(page, simpan_indikator, "Indikator tersimpan")
    assert page.get_by_text("Perspektif yang belum memiliki Sasaran Strategis").count() == 0
    for _perspektif, sasaran, _indikator, *_ in PK_JPT:
        _lihat(page, sasaran)
    panduan.foto(
        page,
        "pk",
        "Keempat perspektif (Penerima Layanan, Proses Bisnis, Anggaran, Penguatan "
        "Internal) sudah memiliki Sasaran Strategis dan indikatornya.",
        KADIS,
        ke=page.get_by_text("Sasaran Strategis 1", exact=False).first,
        atas=True,
    )


def test_05_rencana_skp_jpt_ajukan_dan_penetapan(sebagai, panduan):
    page = sebagai(KADIS)
    buka_menu(page, "Rencana SKP")
    pilih(page, "Periode SKP", f"{TAHUN}:")
    for nomor, (_perspektif, _sasaran, indikator, target, satuan) in enumerate(PK_JPT):
        _buka_expander(page, "Tambah")
        tambahkan = _tombol(page, "Tambahkan")
        if nomor == 0:
            panduan.foto(
                page,
                "skp_jpt",
                "Perencanaan Kinerja → Rencana SKP → Tambah: pilih Perjanjian Kinerja, lalu klik Tambahkan.",
                KADIS,
                ke=tambahkan,
            )
        klik_simpan(page, tambahkan, "Rencana Hasil Kerja ditambahkan")
        _tambah_indikator_dan_target(
            page,
            panduan,
            indikator,
            target,
            satuan,
            orang=(*KADIS, "skp_jpt"),
            foto="Pada RHK baru, Tambah Indikator: isi Indikator Kinerja Individu, Target, Satuan, Aspek dan Pola "
            "Penugasan, lalu klik Tambahkan."
            if nomor == 0
            else None,
        )
        simpan_tb = page.get_by_role("button", name="Simpan Target Bulanan")
        if nomor == 0:
            panduan.foto(
                page,
                "skp_jpt",
                "Klik Belum Dibuat: target per bulan sudah diusulkan (jumlahnya sama "
                "dengan target). Periksa, lalu klik Simpan Target Bulanan.",
                KADIS,
                ke=simpan_tb,
            )
        klik_simpan(page, simpan_tb, f"Target bulanan indikator {nomor + 1}.1 tersimpan")
    klik_simpan(page, _tombol(page, "Ajukan Draft"), "Draft Rencana SKP diajukan")
    _lihat(page, "Diajukan", exact=True)
    panduan.foto(
        page,
        "skp_jpt",
        "Klik Ajukan Draft: status SKP menjadi Diajukan dan menunggu atasan.",
        KADIS,
        ke=judul(page, "Rencana SKP"),
        atas=True,
    )

    atasan = sebagai(SEKDA)
    buka_menu(atasan, "Rencana SKP")
    buka_tab(atasan, "Pilih Bawahan", atasan.get_by_text(PK_JPT[0][1]))
    simpan = _tombol(atasan, "Simpan Penetapan")
    panduan.foto(
        atasan,
        "skp_jpt",
        "Rencana SKP → Pilih Bawahan: periksa SKP bawahan; pada Proses Penetapan "
        "pilih Ditetapkan Sebagai SKP, lalu klik Simpan Penetapan.",
        SEKDA,
        ke=simpan,
    )
    klik_simpan(atasan, simpan, "Ditetapkan Sebagai SKP")
    _tab_terpilih(atasan, "Pilih Bawahan")  # the atasan stays where they were

    _buka_lagi(page, "Rencana SKP")
    _lihat(page, "Ditetapkan", exact=True)
    panduan.foto(page, "skp_jpt", "Setelah atasan menetapkannya, SKP berstatus Ditetapkan.", KADIS)


def test_06_matriks_peran_hasil(sebagai, panduan):
    page = sebagai(KADIS)
    buka_menu(page, "Matriks Peran Hasil")
    pilih(page, "Periode SKP", f"{TAHUN}:")
    _lihat(page, "belum ada", exact=True)  # an empty cell says so
    pilih(page, "Rencana Hasil Kerja Anda (yang diintervensi)", "RHK 2")
    pilih(page, "Bawahan", KABID[1])
    page.get_by_label("Rencana Hasil Kerja Baru").fill(RHK_KABID)
    simpan = _tombol(page, "Simpan")
    panduan.foto(
        page,
        "matriks",
        "Matriks Peran Hasil → Tambah: pilih RHK Anda yang diintervensi, pilih "
        "Bawahan, tulis Rencana Hasil Kerja Baru, lalu Simpan.",
        KADIS,
        ke=simpan,
    )
    klik_simpan(page, simpan, "Rencana Hasil Kerja Baru tersimpan")
    _lihat(page, RHK_KABID)
    panduan.foto(
        page,
        "matriks",
        "RHK baru tampil di matriks pada baris bawahan, di kolom RHK yang diintervensinya.",
        KADIS,
        ke=page.get_by_test_id("stTable").first,
    )


def test_07_rencana_skp_non_jpt(sebagai, panduan):
    # The Kepala Bidang (Administrator) takes the matriks cell, adds the indikator and target bulanan.
    page = sebagai(KABID)
    buka_menu(page, "Rencana SKP")
    pilih(page, "Periode SKP", f"{TAHUN}:")
    _lihat(page, "siap digunakan")
    gunakan = _tombol(page, "Gunakan")
    panduan.foto(
        page,
        "skp_non_jpt",
        "Rencana SKP menampilkan RHK dari Matriks Peran Hasil atasan, siap digunakan; klik Gunakan.",
        KABID,
        ke=gunakan,
    )
    klik_simpan(page, gunakan, "Rencana Hasil Kerja dari atasan digunakan")
    _tambah_indikator_dan_target(
        page,
        panduan,
        "Jumlah aplikasi layanan publik yang terintegrasi",
        "12",
        "Aplikasi",
        orang=(*KABID, "skp_non_jpt"),
        foto="Tambah Indikator: kalimat target (Jumlah…, Persentase…), Target, Satuan dan Pola Penugasan, lalu "
        "klik Tambahkan.",
    )
    simpan_tb = page.get_by_role("button", name="Simpan Target Bulanan")
    panduan.foto(
        page,
        "skp_non_jpt",
        "Klik Belum Dibuat untuk mengisi target bulanan; jumlahnya harus sama "
        "dengan target indikator. Lalu Simpan Target Bulanan.",
        KABID,
        ke=simpan_tb,
    )
    klik_simpan(page, simpan_tb, "Target bulanan indikator 1.1 tersimpan")
    klik_simpan(page, _tombol(page, "Ajukan Draft"), "Draft Rencana SKP diajukan")
    panduan.foto(
        page,
        "skp_non_jpt",
        "Klik Ajukan Draft; SKP menunggu Proses Penetapan oleh atasan.",
        KABID,
        ke=judul(page, "Rencana SKP"),
        atas=True,
    )

    kadis = sebagai(KADIS)
    buka_menu(kadis, "Rencana SKP")
    buka_tab(kadis, "Pilih Bawahan", kadis.get_by_text(RHK_KABID))
    klik_simpan(kadis, _tombol(kadis, "Simpan Penetapan"), "Ditetapkan Sebagai SKP")

    # The Pelaksana names the Kepala Bidang's RHK ("Tambah") and writes his own.
    page = sebagai(PELAKSANA)
    buka_menu(page, "Rencana SKP")
    pilih(page, "Periode SKP", f"{TAHUN}:")
    _isi(page, "Rencana Hasil Kerja", RHK_PELAKSANA)
    tambahkan = _tombol(page, "Tambahkan")
    panduan.foto(
        page,
        "skp_non_jpt",
        "Tambah: pilih RHK atasan yang diintervensi, tulis Rencana Hasil Kerja, lalu klik Tambahkan.",
        PELAKSANA,
        ke=tambahkan,
    )
    klik_simpan(page, tambahkan, "Rencana Hasil Kerja ditambahkan")
    _tambah_indikator_dan_target(page, panduan, "Jumlah permintaan dukungan teknis yang diselesaikan", "240", "Tiket")
    klik_simpan(
        page, page.get_by_role("button", name="Simpan Target Bulanan"), "Target bulanan indikator 1.1 tersimpan"
    )
    klik_simpan(page, _tombol(page, "Ajukan Draft"), "Draft Rencana SKP diajukan")
    _lihat(page, "Diajukan", exact=True)
    panduan.foto(
        page,
        "skp_non_jpt",
        "Setelah indikator dan target bulanan lengkap, klik Ajukan Draft.",
        PELAKSANA,
        ke=judul(page, "Rencana SKP"),
        atas=True,
    )

    # The Fungsional does the same.
    page = sebagai(FUNGSIONAL)
    buka_menu(page, "Rencana SKP")
    pilih(page, "Periode SKP", f"{TAHUN}:")
    _isi(page, "Rencana Hasil Kerja", RHK_FUNGSIONAL)
    klik_simpan(page, _tombol(page, "Tambahkan"), "Rencana Hasil Kerja ditambahkan")
    _tambah_indikator_dan_target(page, panduan, "Persentase ketersediaan server aplikasi", "99", "Persen")
    klik_simpan(
        page, page.get_by_role("button", name="Simpan Target Bulanan"), "Target bulanan indikator 1.1 tersimpan"
    )
    klik_simpan(page, _tombol(page, "Ajukan Draft"), "Draft Rencana SKP diajukan")


def test_08_proses_penetapan(sebagai, panduan):
    page = sebagai(KABID)
    buka_menu(page, "Rencana SKP")
    buka_tab(page, "Pilih Bawahan", page.get_by_text("Pilih Bawahan", exact=True))
    pilih(page, "Pilih Bawahan", PELAKSANA[1])
    _lihat(page, RHK_PELAKSANA)
    _tab_terpilih(page, "Pilih Bawahan")  # choosing a bawahan keeps the view
    panduan.foto(
        page,
        "penetapan",
        "Rencana SKP → Pilih Bawahan → pilih pegawai; periksa RHK, indikator dan target bulanan.",
        KABID,
        ke=page.get_by_role("tab", name="Pilih Bawahan"),
        atas=True,
    )
    simpan = _tombol(page, "Simpan Penetapan")
    panduan.foto(
        page,
        "penetapan",
        "Pada Proses Penetapan pilih Ditetapkan Sebagai SKP (atau Dikembalikan "
        "dengan catatan), lalu klik Simpan Penetapan.",
        KABID,
        ke=simpan,
    )
    klik_simpan(page, simpan, f"SKP {PELAKSANA[1]}: Ditetapkan Sebagai SKP")
    _tab_terpilih(page, "Pilih Bawahan")  # saving keeps the view and the bawahan
    _lihat(page, RHK_PELAKSANA)
    pilih(page, "Pilih Bawahan", FUNGSIONAL[1])
    _lihat(page, RHK_FUNGSIONAL)
    klik_simpan(page, _tombol(page, "Simpan Penetapan"), f"SKP {FUNGSIONAL[1]}: Ditetapkan Sebagai SKP")

    pelaksana = sebagai(PELAKSANA)
    _buka_lagi(pelaksana, "Rencana SKP")
    _lihat(pelaksana, "Ditetapkan", exact=True)
    cetak = pelaksana.get_by_role("button", name="Cetak").first
    cetak.wait_for()
    panduan.foto(
        pelaksana, "penetapan", "SKP berstatus Ditetapkan dan dapat dicetak dengan tombol Cetak.", PELAKSANA, ke=cetak
    )


def test_09_ekspektasi_pimpinan(sebagai, panduan):
    page = sebagai(KABID)
    pilih(page, "Pilih Bawahan", PELAKSANA[1])  # still on Rencana SKP → Pilih Bawahan
    _lihat(page, RHK_PELAKSANA)
    label = "Ekspektasi Khusus Pimpinan — Berorientasi Pelayanan"
    buka_tab(page, "Perilaku Kerja", page.get_by_label(label))
    _isi(page, label, "Menjawab tiket dukungan teknis paling lambat satu hari kerja")
    panduan.foto(
        page,
        "ekspektasi",
        "Rencana SKP → Pilih Bawahan → tab Perilaku Kerja; isi Ekspektasi Khusus "
        "Pimpinan untuk setiap nilai BerAKHLAK, lalu Simpan.",
        KABID,
        ke=page.get_by_role("tab", name="Perilaku Kerja"),
        atas=True,
    )
    klik_simpan(page, _tombol(page, "Simpan"), f"Ekspektasi pimpinan untuk {PELAKSANA[1]}")
    _tab_terpilih(page, "Perilaku Kerja")  # saving keeps the tab
    assert page.get_by_label(label).input_value() == "Menjawab tiket dukungan teknis paling lambat satu hari kerja"

    pelaksana = sebagai(PELAKSANA)
    _buka_lagi(pelaksana, "Rencana SKP")
    buka_tab(pelaksana, "Perilaku Kerja", pelaksana.get_by_text("Menjawab tiket dukungan teknis paling lambat"))
    assert pelaksana.get_by_role("textbox", name=re.compile("Ekspektasi")).count() == 0
    panduan.foto(
        pelaksana,
        "ekspektasi",
        "Ekspektasi atasan tampil pada tab Perilaku Kerja (pegawai tidak dapat mengubahnya).",
        PELAKSANA,
    )


def _tambah_aktivitas(page, teks: str, satuan: str, foto=None) -> None:
    form = page.get_by_test_id("stForm").first
    form.get_by_role("textbox", name="Aktivitas", exact=True).fill(teks)
    form.get_by_label("Satuan output").fill(satuan)
    if foto:
        foto()
    form.get_by_role("button", name="Simpan").click()
    _lihat(page, "tersimpan dan menunggu validasi atasan")
    settle(page)


def _baris(page, teks: str):
    return page.get_by_test_id("stHorizontalBlock").filter(has_text=teks).last


def test_10_aktivitas_harian(sebagai, panduan):
    page = sebagai(PELAKSANA)
    buka_menu(page, "Aktivitas Harian")
    page.get_by_label("Tanggal").first.wait_for()  # the Tambah Aktivitas form is open on arrival
    _tambah_aktivitas(
        page,
        AKTIVITAS_1,
        "Tiket",
        lambda: panduan.foto(
            page,
            "aktivitas",
            "Kinerja Harian → Aktivitas Harian → Tambah Aktivitas: isi Tanggal, SKP terkait, "
            "Aktivitas dan Satuan output, lalu Simpan.",
            PELAKSANA,
            ke=page.get_by_test_id("stForm").first.get_by_role("button", name="Simpan"),
        ),
    )
    _tambah_aktivitas(page, AKTIVITAS_2, "Dokumen")
    # The list is a data grid (drawn on a canvas); its cells are in the page for screen readers.
    for teks in (AKTIVITAS_1, AKTIVITAS_2):
        page.locator("[role=gridcell]").filter(has_text=teks).first.wait_for(state="attached")
    panduan.foto(page, "aktivitas", "Aktivitas tersimpan dan menunggu validasi atasan.", PELAKSANA)

    # The entry helpers (issue #16): a weekly template applied to a range of days, and Salin from a chosen day.
    page.get_by_text("Templat Mingguan").first.click()
    page.get_by_text("Templat masih kosong").wait_for()
    panduan.foto(
        page,
        "aktivitas",
        "Templat Mingguan: simpan aktivitas rutin per hari (Senin–Jumat), lalu Terapkan Templat ke beberapa tanggal "
        "sekaligus; hari libur, cuti dan jam yang bertumpang tindih dilewati dan dilaporkan.",
        PELAKSANA,
        ke=page.get_by_role("button", name="Terapkan Templat"),
    )
    page.get_by_text("Salin dari hari sebelumnya").first.click()
    panduan.foto(
        page,
        "aktivitas",
        "Salin dari hari sebelumnya: pilih tanggal sumber dan tanggal tujuan untuk menyalin aktivitas yang sama.",
        PELAKSANA,
        ke=page.get_by_label("Salin dari tanggal"),
    )


def test_11_validasi_aktivitas(sebagai, panduan):
    page = sebagai(KABID)
    buka_menu(page, "Validasi")
    pilih(page, "Pilih Pegawai", PELAKSANA[1])
    _baris(page, AKTIVITAS_1).wait_for()
    panduan.foto(
        page, "validasi", "Menu Validasi → Pilih Pegawai; klik Validasi atau Tolak pada tiap aktivitas.", KABID
    )
    klik_simpan(page, _baris(page, AKTIVITAS_1).get_by_role("button", name="Validasi"), "tervalidasi")
    _baris(page, AKTIVITAS_2).get_by_role("button", name="Tolak").click()
    page.get_by_label("Alasan penolakan").fill("Sebutkan aplikasi yang panduannya diperbarui.")
    panduan.foto(page, "validasi", "Tolak: tulis alasan penolakan agar pegawai tahu yang harus diperbaiki.", KABID)
    klik_simpan(page, page.get_by_test_id("stForm").get_by_role("button", name="Tolak"), "ditolak")  # under the row

    pelaksana = sebagai(PELAKSANA)
    buka_menu(pelaksana, "Aktivitas Harian")
    pelaksana.get_by_text("Ubah, Hapus atau Perbaiki Aktivitas").click()
    pilih(pelaksana, "Pilih aktivitas", AKTIVITAS_2[:30])
    _lihat(pelaksana, "Ditolak atasan: Sebutkan aplikasi")
    panduan.foto(
        pelaksana,
        "validasi",
        "Aktivitas Harian → Ubah, Hapus atau Perbaiki Aktivitas: baca alasan "
        "penolakan, perbaiki aktivitas, lalu klik Kirim Ulang.",
        PELAKSANA,
        ke=pelaksana.get_by_role("button", name="Kirim Ulang"),
    )
    pelaksana.get_by_role("textbox", name="Aktivitas", exact=True).last.fill(AKTIVITAS_2_PERBAIKAN)
    pelaksana.get_by_role("button", name="Kirim Ulang").click()
    _lihat(pelaksana, "dikirim ulang untuk divalidasi")

    buka_menu(page, "Aktivitas Harian")
    buka_tab(page, "Pilih Bawahan", page.get_by_text("Pilih Pegawai", exact=True))
    pilih(page, "Pilih Pegawai", PELAKSANA[1])
    _baris(page, AKTIVITAS_2_PERBAIKAN).wait_for()
    panduan.foto(
        page,
        "validasi",
        "Aktivitas Harian → Pilih Bawahan → Validasi Semua memvalidasi semua aktivitas yang menunggu.",
        KABID,
    )
    klik_simpan(page, page.get_by_role("button", name="Validasi Semua"), "tervalidasi")


def test_12_capaian_dan_cetak(sebagai, panduan):
    page = sebagai(PELAKSANA)
    buka_menu(page, "Beranda", f"Selamat datang, {PELAKSANA[1]}")
    _lihat(page, "Capaian")
    panduan.foto(
        page, "capaian", "Beranda merangkum Periode SKP, status SKP dan capaian aktivitas bulan ini.", PELAKSANA
    )
    buka_menu(page, "Aktivitas Harian")
    metrics = page.get_by_test_id("stMetric")
    capaian = metrics.filter(has_text="Capaian").get_by_test_id("stMetricValue").first.inner_text()
    tpp = metrics.filter(has_text="TPP Produktivitas").get_by_test_id("stMetricValue").first.inner_text()
    assert re.fullmatch(r"\d{1,3},\d\d %", capaian), capaian
    assert tpp.startswith("Rp"), tpp
    panduan.foto(
        page,
        "capaian",
        f"Aktivitas Harian: Nilai Capaian (%) dan TPP Produktivitas tampil di atas "
        f"(di sini {capaian}); klik Cetak untuk laporan capaian bulan ini.",
        PELAKSANA,
        ke=judul(page, "Aktivitas Harian"),
        atas=True,
    )
    with page.expect_download() as info:
        page.get_by_role("button", name="Cetak").first.click()
    pdf = Path(info.value.path()).read_bytes()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    for expected in (PELAKSANA[1], PELAKSANA[0], KABID[1], AKTIVITAS_1, AKTIVITAS_2_PERBAIKAN, "Tervalidasi"):
        assert expected in text, expected


def test_13_umpan_balik(sebagai, panduan):
    page = sebagai(PELAKSANA)
    buka_menu(page, "Umpan Balik Berkelanjutan")
    page.get_by_role("tab", name="Hasil Kerja").wait_for()
    page.get_by_label("Realisasi (Tiket)").fill("20")
    page.get_by_label("Sumber Data").fill("Aplikasi helpdesk")
    page.get_by_label("Bukti Dukung (tautan http/https, satu per baris)").fill("https://helpdesk.example.go.id/rekap")
    simpan = _tombol(page, "Simpan")
    panduan.foto(
        page,
        "umpan_balik",
        "Umpan Balik Berkelanjutan → Hasil Kerja: pilih Indikator, isi "
        "Realisasi, Sumber Data dan Bukti Dukung bulan ini, lalu Simpan.",
        PELAKSANA,
        ke=simpan,
    )
    klik_simpan(page, simpan, "Realisasi tersimpan.")

    atasan = sebagai(KABID)
    buka_menu(atasan, "Umpan Balik Berkelanjutan")
    pilih_radio(atasan, "Tampilkan", "Bawahan")
    pilih(atasan, "Pilih Bawahan", PELAKSANA[1])
    _lihat(atasan, "Realisasi: 20 Tiket")
    atasan.get_by_label("Umpan Balik", exact=True).fill(UMPAN_BALIK)
    simpan = _tombol(atasan, "Simpan Umpan Balik")
    panduan.foto(
        atasan,
        "umpan_balik",
        "Umpan Balik Berkelanjutan → Tampilkan Bawahan, pilih bawahan; baca "
        "realisasi dan bukti dukung, tulis Umpan Balik, lalu klik Simpan Umpan Balik.",
        KABID,
        ke=simpan,
    )
    klik_simpan(atasan, simpan, "Umpan balik tersimpan.")

    _buka_lagi(page, "Umpan Balik Berkelanjutan")
    _lihat(page, "Umpan balik atasan: " + UMPAN_BALIK)
    panduan.foto(
        page,
        "umpan_balik",
        "Umpan balik atasan tampil di tabel Hasil Kerja, yang merangkum target, "
        "realisasi, capaian, bukti dukung dan umpan balik bulan ini.",
        PELAKSANA,
        ke=page.get_by_test_id("stDataFrame").first,
        atas=True,
    )


def test_14_evaluasi_kinerja(sebagai, panduan):
    page = sebagai(KABID)
    buka_menu(page, "Evaluasi Kinerja")
    pilih(page, "Pilih Bawahan", PELAKSANA[1])
    pilih(page, "Rating Hasil Kerja", "Sesuai Ekspektasi")
    pilih(page, "Rating Perilaku Kerja", "Sesuai Ekspektasi")
    simpan = _tombol(page, "Simpan")
    panduan.foto(
        page,
        "evaluasi",
        "Evaluasi Kinerja → Pilih Bawahan; baca Hasil Kerja dan Perilaku "
        "Kerja, pilih Rating Hasil Kerja dan Rating Perilaku Kerja, lalu Simpan.",
        KABID,
        ke=simpan,
    )
    klik_simpan(page, simpan, "Evaluasi tersimpan.")
    _klik_sampai(page, _tombol(page, "Finalkan"), page.get_by_role("button", name="Ya, finalkan"))
    klik_simpan(page, _tombol(page, "Ya, finalkan"), "Evaluasi Kinerja difinalkan.")
    predikat = page.get_by_test_id("stMetric").filter(has_text="Predikat Kinerja Pegawai")
    assert "Baik" in predikat.inner_text()
    panduan.foto(
        page,
        "evaluasi",
        "Klik Finalkan lalu Ya, finalkan: Predikat Kinerja Pegawai tampil dan Dokumen Evaluasi dapat diunduh.",
        KABID,
        ke=page.get_by_role("button", name="Unduh Dokumen Evaluasi"),
    )
    panduan.foto(
        page,
        "evaluasi",
        "Daftar bawahan di atas menunjukkan Status, Rating dan Predikat setiap pegawai pada periode evaluasi.",
        KABID,
        ke=judul(page, "Evaluasi Kinerja"),
        atas=True,
    )


# --------------------------------------------------------------------------- on a phone (not in the guide)


LAYAR_PONSEL = ROOT / "test-artifacts" / "screenshots"


def test_15_layar_ponsel(browser, walk_server):
    """Usability look at a phone width of 390 px: after login the sidebar starts collapsed (the page is not
    covered), and the key screens do not scroll sideways. Screenshots: walkthrough-390-*.png."""
    LAYAR_PONSEL.mkdir(parents=True, exist_ok=True)
    orang = Orang(browser, walk_server, lebar=390, tinggi=844)
    try:
        page = orang(PELAKSANA)
        judul(page, f"Selamat datang, {PELAKSANA[1]}").wait_for()
        wait_for_cookie(page)  # the screens below are opened by address: the cookie carries the login
        sidebar = page.get_by_test_id("stSidebar")
        assert sidebar.get_attribute("data-collapsed") == "true", "the sidebar covers the page after login"
        kotak = sidebar.bounding_box()
        assert kotak["x"] + kotak["width"] <= 0, kotak  # out of the screen
        for halaman, heading in (
            ("beranda", f"Selamat datang, {PELAKSANA[1]}"),
            ("rencana-skp", "Rencana SKP"),
            ("aktivitas-harian", "Aktivitas Harian"),
            ("umpan-balik", "Umpan Balik Berkelanjutan"),
        ):
            if halaman != "beranda":
                page.goto(f"{walk_server.url}/{halaman}")
                judul(page, heading).first.wait_for()
            settle(page)
            page.wait_for_timeout(500)
            page.screenshot(path=str(LAYAR_PONSEL / f"walkthrough-390-{halaman}.png"), full_page=True)
            # Nothing wider than the screen: the page does not scroll sideways.
            lebar = page.evaluate("() => document.documentElement.scrollWidth")
            assert lebar <= 390 + 1, (halaman, lebar)
    finally:
        orang.close()
