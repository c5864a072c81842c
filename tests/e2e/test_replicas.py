"""Deployment (README): several ``streamlit run`` replicas on one PostgreSQL, one shared cookie key.

Two replicas on two ports share a scratch PostgreSQL database: the pegawai saves an activity through
replica A, the atasan validates it through replica B, and both replicas then show the pegawai the same
capaian. The pegawai's login cookie, written by A, is honoured by B (one cookie key; cookies do not
depend on the port, as they would not depend on which replica a proxy picks).

Needs PostgreSQL (SIPIJAR_TEST_DATABASE_URL) and Chromium: skipped locally without them, failed when
SIPIJAR_REQUIRE_E2E=1.
"""

from __future__ import annotations

import os
import re
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from db.engine import make_engine
from db.migrate import upgrade
from db.session import session_scope
from services.contoh.demo import DEMO_PASSWORD
from tests.e2e.conftest import ROOT, Server, _require_browser, buka_menu, demo_akun, login, new_window, settle

pytestmark = pytest.mark.e2e

AKTIVITAS = "E2E Replika: menyusun laporan dari replika A"
COOKIE_KEY = "kunci-replika-" + "r" * 40


@pytest.fixture(scope="module")
def pg_demo_url():
    url = os.environ.get("SIPIJAR_TEST_DATABASE_URL")
    if not url:
        message = "SIPIJAR_TEST_DATABASE_URL is not set: replicas need a shared PostgreSQL"
        if os.environ.get("SIPIJAR_REQUIRE_E2E") == "1":
            pytest.fail(message)
        pytest.skip(message)
    _require_browser()
    admin_url = make_url(url)
    name = f"sipijar_replika_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(admin_url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db_url = admin_url.set(database=name).render_as_string(hide_password=False)
    try:
        from services.contoh import demo

        engine = make_engine(db_url)
        upgrade(engine)
        with session_scope(engine) as session:
            demo.isi_demo(session)
        engine.dispose()
        yield db_url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def replicas(pg_demo_url):
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    env = {"SIPIJAR_COOKIE_KEY": COOKIE_KEY}
    a = Server(pg_demo_url, env)
    try:
        b = Server(pg_demo_url, env)
    except BaseException:
        a.stop()
        raise
    yield a, b
    b.stop()
    a.stop()


def _menu(page, label: str) -> None:
    buka_menu(page, label)


def _capaian(page, server) -> tuple[str, str]:
    page.goto(server.url)
    page.get_by_role("button", name="Log out").wait_for()  # still logged in: the shared cookie key
    _menu(page, "Aktivitas Harian")
    settle(page)
    metrics = page.get_by_test_id("stMetric")
    return (
        metrics.filter(has_text="Menit Tervalidasi").get_by_test_id("stMetricValue").inner_text(),
        metrics.filter(has_text="Capaian").get_by_test_id("stMetricValue").inner_text(),
    )


def test_two_replicas_one_database(replicas, browser):
    a, b = replicas
    assert a.port != b.port
    nama_pegawai, nip_pegawai = demo_akun("Pegawai (Pelaksana)")
    _nama_atasan, nip_atasan = demo_akun("Atasan")

    def new_page():
        page = new_window(browser)
        page.set_default_timeout(30_000)
        return page

    # The pegawai saves an activity through replica A.
    pegawai = new_page()
    login(pegawai, a, nip_pegawai, DEMO_PASSWORD)
    _menu(pegawai, "Aktivitas Harian")
    sebelum = _capaian(pegawai, a)
    form = pegawai.get_by_test_id("stForm").first
    form.get_by_role("textbox", name="Aktivitas", exact=True).fill(AKTIVITAS)
    form.get_by_label("Satuan output").fill("Laporan")
    form.get_by_role("button", name="Simpan").click()
    pegawai.get_by_text("tersimpan dan menunggu validasi atasan").wait_for()

    # The atasan validates it through replica B.
    atasan = new_page()
    login(atasan, b, nip_atasan, DEMO_PASSWORD)
    _menu(atasan, "Validasi")
    box = atasan.get_by_role("combobox", name="Pilih Pegawai")
    box.click()
    atasan.keyboard.type(nama_pegawai[:30])
    atasan.get_by_role("option", name=re.compile(re.escape(nama_pegawai))).first.click()
    row = atasan.get_by_test_id("stHorizontalBlock").filter(has_text=AKTIVITAS).last
    row.wait_for()
    row.get_by_role("button", name="Validasi").click()
    atasan.get_by_test_id("stAlertContentSuccess").filter(has_text="tervalidasi").wait_for()
    atasan.context.close()

    # Both replicas show the pegawai the same capaian, which now counts the new activity.
    lewat_a = _capaian(pegawai, a)
    lewat_b = _capaian(pegawai, b)  # same browser: A's cookie logs the pegawai in on B
    assert lewat_a == lewat_b, (lewat_a, lewat_b)
    assert lewat_a[0] != sebelum[0], (sebelum, lewat_a)
    pegawai.context.close()
