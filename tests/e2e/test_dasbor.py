"""Dasbor Capaian in a browser at 1366×768: the demo Bupati (pimpinan over the whole kabupaten) opens it,
sees the charts, drills down into an OPD and back up; screenshots 6x-… are for looking at."""

from __future__ import annotations

import re

import pytest

from services.contoh.demo import DEMO_PASSWORD
from tests.e2e.conftest import buka_menu, demo_akun, judul, login, settle, shot

pytestmark = pytest.mark.e2e

KABUPATEN = "Pemerintah Kabupaten Bondowoso"
OPD = "Dinas Kesehatan"


def _charts(page) -> int:
    page.locator(".js-plotly-plot").first.wait_for()
    return page.locator(".js-plotly-plot").count()


def _wait_rerun(page) -> None:
    settle(page)
    page.mouse.move(5, 760)  # no tooltip left open over the screen


def _shots(page, name: str) -> None:
    """The top of the screen, then each lower section scrolled into view, as a leader scrolls."""
    page.mouse.move(5, 760)
    shot(page, name)
    for i, heading in enumerate(
        ("Sebaran Capaian Pegawai", "Aktivitas Belum Divalidasi per Pejabat Penilai", "Sebaran Predikat Kinerja"),
        start=2,
    ):
        target = judul(page, heading)
        if target.count():
            target.first.scroll_into_view_if_needed()
            shot(page, f"{name}-{i}")
    judul(page, "Dasbor Capaian").first.scroll_into_view_if_needed()
    page.wait_for_timeout(300)


def _open_dasbor(page, server, peran_prefix: str) -> None:
    """Log in as the demo account and open Pimpinan → Dasbor Capaian from the menu."""
    _nama, nip = demo_akun(peran_prefix)
    login(page, server, nip, DEMO_PASSWORD)
    buka_menu(page, "Dasbor Capaian")
    _charts(page)


def test_bupati_opens_the_dasbor_and_drills_down(page, server):
    _open_dasbor(page, server, "Pimpinan (Bupati)")
    main = page.get_by_test_id("stMain")
    assert main.get_by_text("Capaian Unit", exact=True).is_visible()
    assert judul(page, "Capaian per Sub-unit").is_visible()
    # The bar chart names the OPD of the kabupaten, in Indonesian.
    bars = page.locator(".js-plotly-plot").first
    assert "Dinas Kesehatan" in bars.inner_text()
    assert "Capaian (%)" in bars.inner_text()
    assert _charts(page) >= 4  # per sub-unit, tren, sebaran, penilai
    _shots(page, "6a-dasbor-kabupaten")

    # The bulan berjalan has activities still waiting; the previous month is the one a leader checks.
    page.get_by_role("combobox", name="Bulan").click()
    page.get_by_role("option").nth(1).click()
    _wait_rerun(page)
    _shots(page, "6b-dasbor-kabupaten-bulan-lalu")

    # Drill down into an OPD with "Lihat sub-unit".
    page.get_by_role("combobox", name="Lihat sub-unit").click()
    page.get_by_role("option", name=OPD, exact=True).click()
    page.get_by_role("button", name=re.compile(f"Naik ke {KABUPATEN}")).wait_for()
    _wait_rerun(page)
    assert OPD in page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first.inner_text()
    _charts(page)
    _shots(page, "6c-dasbor-dinas-kesehatan")

    # One more level: a unit without sub-units lists its pegawai.
    page.get_by_role("combobox", name="Lihat sub-unit").click()
    page.get_by_role("option", name="Bidang Pelayanan dan Sumber Daya Kesehatan").click()
    judul(page, "Capaian per Pegawai").wait_for()
    _wait_rerun(page)
    _shots(page, "6d-dasbor-bidang-pegawai")

    # Back up one level.
    page.get_by_role("button", name=re.compile(f"Naik ke {OPD}")).click()
    judul(page, "Capaian per Sub-unit").wait_for()
    page.get_by_role("button", name=re.compile(f"Naik ke {KABUPATEN}")).wait_for()


def test_kepala_bkpsdm_sees_only_bkpsdm(page, server):
    _open_dasbor(page, server, "JPT (Kepala BKPSDM)")
    page.get_by_role("combobox", name="Unit Kerja").click()
    options = [o.strip() for o in page.get_by_role("option").all_inner_texts()]
    page.keyboard.press("Escape")
    assert options[0].startswith("Badan Kepegawaian")
    assert not any("Dinas Kesehatan" in o or "Kecamatan" in o for o in options)
    shot(page, "6e-dasbor-kepala-bkpsdm")
