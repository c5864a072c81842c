"""A mutasi in the middle of July 2026, in a browser (issue #14 point 1 and 6, docs/domain.md §8.2, §8.11): Staf
Uji moves from Kasubbid Uji to Kabid Uji on Monday 13 July by a re-import of his row, after logging 1–10 July
(Kasubbid validated 1–8 July) and 13 July. On Wednesday 15 July he chooses the SKP terkait of the moved row again
in his new draft SKP and keeps logging against it ("Menunggu Penetapan SKP"); Kasubbid, who has no bawahan left,
still has the Atasan menu and validates 9–10 July; Kabid sees him as bawahan baru, ditetapkan the SKP and
validates the new rows; the Admin's Rekap TPP of July shows the hand-worked total.

Hand-worked (docs/domain.md §8.13, §8.26): July 2026 has 23 hari kerja (no hari libur) → 23 × 300 = 6,900 menit
efektif. Tervalidasi: old period 1–10 July, 8 hari kerja × 240 (08.00–12.00) = 1,920; new period 13 July
08.00–11.00 = 180 and two rows of 60 on 15 July (the form's default slots 07.30–08.30, 08.30–09.30) = 300; total
2,220. Capaian 2,220 ÷ 6,900 = 32,17 %; TPP = 60 % × Rp3.000.000 × 2,220 ÷ 6,900 = 3,996,000,000 ÷ 6,900 =
579,130.43 → Rp579.130. Only Staf and Kabid have a period in 2026 and Kabid logged nothing, so it is the total.
Screenshots at 1366×768 and 390×844: mutasi-*.png."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date

import pytest

from db.engine import make_engine
from db.enums import StatusAktivitas
from db.models import Pegawai
from db.session import session_scope
from services.organisasi import import_pegawai
from services.organisasi import periode as periode_service
from services.perencanaan import penetapan, rencana_skp, target_bulanan
from services.platform import kalender
from services.platform.access import Actor, Operator
from tests.e2e.conftest import (
    ROOT,
    Server,
    buka_menu,
    klik_simpan,
    live,
    login,
    new_window,
    pilih,
    settle,
    shot,
    wait_for_cookie,
)
from tests.factories import PASSWORD, Org, add_aktivitas, build_org, build_skp

pytestmark = [pytest.mark.e2e, pytest.mark.story]

HARI_INI = date(2026, 7, 15)  # the server's today, whatever the suite's clock says
EFEKTIF = date(2026, 7, 13)
PINDAH = "Arsip hari pertama di bidang baru"
BARU = ("Menata arsip mutasi", "Memverifikasi berkas mutasi")
TPP_JULI = "Rp579.130"


def _siapkan(url: str) -> Org:
    """The organisation of tests/factories, July's rows before the mutasi, the mutasi by a re-import (the
    admin's import service), and Staf's new draft SKP written and submitted — the services a person uses."""
    engine = make_engine(url)
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        org = build_org(s)
        skp = build_skp(s, org.staf, 2026)
        skp_kabid = build_skp(s, org.kabid, 2026)
        for hari in (1, 2, 3, 6, 7, 8, 9, 10):
            status = StatusAktivitas.TERVALIDASI if hari <= 8 else StatusAktivitas.MENUNGGU
            add_aktivitas(s, org.staf, skp, date(2026, 7, hari), "08:00", "12:00", status, f"Rekap data {hari} Juli")
        add_aktivitas(s, org.staf, skp, EFEKTIF, "08:00", "11:00", StatusAktivitas.MENUNGGU, PINDAH)
        staf, kabid = s.get_one(Pegawai, org.staf.pegawai_id), s.get_one(Pegawai, org.kabid.pegawai_id)
        baris = {
            "nip": staf.nip,
            "nama": staf.nama,
            "jabatan": staf.jabatan,
            "jenis_jabatan": staf.jenis_jabatan.value,
            "unit_kerja": "Bidang Mutasi Uji",
            "nip_atasan": kabid.nip,
        }
        rhk_kabid = skp_kabid.rhk_ids[0]
    berkas = io.StringIO()
    tulis = csv.DictWriter(berkas, fieldnames=list(baris))
    tulis.writeheader()
    tulis.writerow(baris)
    hasil = import_pegawai.impor(engine, Operator("e2e-mutasi"), berkas.getvalue().encode(), "mutasi.csv", EFEKTIF)
    assert hasil.mutasi == 1
    with session_scope(engine) as s:
        staf_actor = Actor.of(s.get_one(Pegawai, org.staf.pegawai_id))
        skp_baru = periode_service.skp_of(s, periode_service.periode_on(s, staf_actor.pegawai_id, EFEKTIF).id)
        rencana_skp.pastikan_pola_default(s)
        pola = rencana_skp.daftar_pola(s)[0]
        rhk = rencana_skp.tambah_rhk(s, staf_actor, skp_baru.id, "Tertatanya arsip kepegawaian bidang", rhk_kabid)
        iki = rencana_skp.tambah_indikator(
            s, staf_actor, rhk.id, "Jumlah arsip ditata", "Kuantitas", 6, "Berkas", pola.id
        )
        target_bulanan.simpan(s, staf_actor, iki.id, target_bulanan.usulan(iki.target, iki.aspek, list(range(7, 13))))
        penetapan.ajukan_draft(s, staf_actor, skp_baru.id)
    engine.dispose()
    return org


@pytest.fixture(scope="module")
def mutasi_server(sqlite_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("e2e-mutasi") / "mutasi.db"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    org = _siapkan(url)
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    srv = Server(url, {"SIPIJAR_HARI_INI": HARI_INI.isoformat()})
    try:
        yield srv, org
    finally:
        srv.stop()


def _logout(page) -> None:
    page.get_by_role("button", name="Log out").click()
    page.get_by_label("Username (NIP)").wait_for()


def _grid(page, teks: str):
    return page.locator("[role=gridcell]").filter(has_text=teks).first


def test_the_moved_pegawai_keeps_logging_on_the_new_draft_skp(page, mutasi_server):
    srv, org = mutasi_server
    login(page, srv, org.staf.nip, PASSWORD)
    buka_menu(page, "Aktivitas Harian")
    page.get_by_text("1 aktivitas dipindahkan ke periode SKP baru karena mutasi").wait_for()
    _grid(page, "Pilih Ulang SKP Terkait").wait_for(state="attached")
    shot(page, "mutasi-1-pegawai-pilih-ulang")

    # The moved row: choose the SKP terkait again in the new draft SKP.
    page.get_by_text("Ubah, Hapus atau Perbaiki Aktivitas", exact=True).click()
    pilih(page, "Pilih aktivitas", PINDAH)
    # "SKP terkait" offers the RHK of the new draft SKP; its first (only) one is chosen.
    klik_simpan(page, page.get_by_role("button", name="Simpan Perubahan"), "Perubahan aktivitas tersimpan")

    # Two new rows of today, on the draft SKP of the period opened by the mutasi.
    page.get_by_text("Periode ini dibuka karena mutasi").wait_for()  # the Tambah Aktivitas form is open
    for teks in BARU:
        settle(page)
        form = page.get_by_test_id("stForm").first
        form.get_by_role("textbox", name="Aktivitas", exact=True).fill(teks)
        form.get_by_label("Satuan output").fill("Berkas")
        klik_simpan(page, form.get_by_role("button", name="Simpan"), "tersimpan dan menunggu validasi atasan")
    _grid(page, BARU[1]).wait_for(state="attached")
    settle(page)
    assert page.locator("[role=gridcell]").filter(has_text="Menunggu Penetapan SKP").count() == 3
    shot(page, "mutasi-2-pegawai-menunggu-penetapan")


def test_the_old_atasan_validates_what_is_his(page, mutasi_server, browser):
    srv, org = mutasi_server
    login(page, srv, org.kasubbid.nip, PASSWORD)
    page.get_by_text("Mantan bawahan (mutasi)").first.wait_for()
    shot(page, "mutasi-3-atasan-lama-beranda")
    buka_menu(page, "Validasi")
    page.get_by_text("Rekap data 9 Juli").wait_for()
    shot(page, "mutasi-4-atasan-lama-validasi")
    klik_simpan(page, page.get_by_role("button", name="Validasi Semua"), "2 aktivitas Staf Uji tervalidasi")

    telepon = new_window(browser, 390, 844)
    try:
        login(telepon, srv, org.staf.nip, PASSWORD)
        wait_for_cookie(telepon)  # the screen is opened by address (the phone's sidebar is folded away)
        telepon.goto(f"{srv.url}/aktivitas-harian")
        # On a phone the month's rows are cards (the table is for wider screens).
        live(telepon.get_by_test_id("stMarkdown").filter(has_text="Menunggu Penetapan SKP")).first.wait_for()
        shot(telepon, "mutasi-390-pegawai")
        assert telepon.evaluate("() => document.documentElement.scrollWidth") <= 391
    finally:
        telepon.context.close()


def test_the_new_atasan_sets_the_skp_and_validates(page, mutasi_server):
    srv, org = mutasi_server
    login(page, srv, org.kabid.nip, PASSWORD)
    page.get_by_text("Bawahan baru menunggu penetapan SKP: Staf Uji (sejak 13 Juli 2026, 2 hari)").wait_for()
    shot(page, "mutasi-5-atasan-baru-beranda")
    buka_menu(page, "Validasi")
    page.get_by_text("Memverifikasi berkas mutasi").wait_for()
    assert live(page.get_by_role("button", name="Validasi Semua")).count() == 0  # nothing validatable yet
    shot(page, "mutasi-6-atasan-baru-validasi-tertahan")

    buka_menu(page, "Rencana SKP")
    tab = live(page.get_by_role("tab", name="Pilih Bawahan", exact=True)).first
    tab.click()
    page.get_by_text("Tertatanya arsip kepegawaian bidang").first.wait_for()
    klik_simpan(page, page.get_by_role("button", name="Simpan Penetapan"), "Ditetapkan Sebagai SKP")

    buka_menu(page, "Validasi")
    page.get_by_text("Memverifikasi berkas mutasi").wait_for()
    klik_simpan(page, page.get_by_role("button", name="Validasi Semua"), "3 aktivitas Staf Uji tervalidasi")
    shot(page, "mutasi-7-atasan-baru-tervalidasi")


def test_the_rekap_tpp_of_july_shows_the_hand_worked_total(page, mutasi_server):
    srv, org = mutasi_server
    login(page, srv, org.admin.nip, PASSWORD)
    buka_menu(page, "Rekap TPP")
    metrik = live(page.get_by_test_id("stMetric")).filter(has_text="Jumlah TPP Produktivitas")
    metrik.first.wait_for()
    settle(page)
    assert metrik.get_by_test_id("stMetricValue").inner_text().replace("\xa0", "") == TPP_JULI
    _grid(page, "Staf Uji").wait_for(state="attached")
    shot(page, "mutasi-8-rekap-tpp")
