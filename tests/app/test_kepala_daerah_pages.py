"""The Kepala Daerah and the Wakil on screen (docs/domain.md §8.32): their menu holds no employee item, their
Beranda the Dasbor's summary and what waits (never "buat Periode SKP"), the pegawai's own pages refuse them when
reached without the menu, the Rencana SKP page is their Proses Penetapan, and the admin marks them."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from components.context import PageContext
from db.enums import JenisJabatan, StatusSKP
from db.models import Pegawai
from db.session import session_scope
from services.platform import format as fmt
from services.platform.kalender import hari_ini
from tests.app.conftest import button, login, menu, pilih_tab, polos
from tests.app.test_reachability import PAGES_DIR, _semua_teks
from tests.factories import build_skp, make_pegawai

AKUN = ["Notifikasi", "Ganti Password", "Panduan"]


def _tandai(app_env, *nips: str) -> None:
    with session_scope(app_env.engine()) as s:
        for p in s.scalars(select(Pegawai).where(Pegawai.nip.in_(nips))):
            p.is_kepala_daerah = p.is_pimpinan = True


def _wakil(app_env) -> str:
    """A Wakil Bupati in the kabupaten, without bawahan."""
    with session_scope(app_env.engine()) as s:
        wakil = make_pegawai(s, "Wakil Uji", "Wakil Bupati", JenisJabatan.JPT, app_env.org.kabupaten)
        return wakil.nip


def _teks(at: AppTest) -> str:
    """What the page says, page links included (sidebar too)."""
    return polos(_semua_teks(at._tree))


def test_the_kepala_daerahs_menu_is_the_atasans_and_the_pimpinans_work_only(app_env):
    _tandai(app_env, app_env.org.bupati.nip)
    at = login(app_env.org.bupati.nip)
    assert not at.exception
    assert menu(at) == {
        "": ["Beranda"],
        "Atasan": ["Proses Penetapan", "Umpan Balik Berkelanjutan", "Validasi", "Evaluasi Kinerja"],
        "Pimpinan": ["Dasbor Capaian", "Penetapan Predikat Organisasi"],
        "Akun": AKUN,
    }
    for page in ("periode_skp.py", "aktivitas_harian.py", "perjanjian_kinerja.py", "matriks_peran_hasil.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"pages/{page}")
    assert "Kepala Daerah · Atasan · Pimpinan" in _teks(at)  # the sidebar names the role, not "Pegawai"


def test_a_wakil_without_bawahan_reaches_the_kurva_under_pimpinan(app_env):
    nip = _wakil(app_env)
    _tandai(app_env, nip)
    assert menu(login(nip)) == {
        "": ["Beranda"],
        "Pimpinan": ["Dasbor Capaian", "Penetapan Predikat Organisasi", "Evaluasi Kinerja"],
        "Akun": AKUN,
    }


def test_the_beranda_lists_the_jpt_skp_waiting_and_never_asks_for_a_periode_skp(app_env):
    org = app_env.org
    _tandai(app_env, org.bupati.nip)
    with session_scope(app_env.engine()) as s:
        build_skp(s, org.kepala, hari_ini().year, status=StatusSKP.DIAJUKAN)
    at = login(org.bupati.nip)
    assert not at.exception
    teks = _teks(at)
    assert "Periode SKP" not in teks and "Aktivitas Harian hari ini" not in teks
    assert [m.label for m in at.metric] == [
        "Pegawai dihitung",
        "Capaian unit",
        "Rata-rata capaian pegawai",
        "Aktivitas menunggu validasi",
    ]
    assert "1 SKP menunggu penetapan: Kepala Uji" in [t.value for t in at.text]
    assert "Proses Penetapan SKP" in teks and "Buka Dasbor Capaian" in teks
    # The regency's figures of the last finished month, as the Dasbor opens (issue #16, docs/domain.md §8.40).
    tahun, bulan = (hari_ini().year - 1, 12) if hari_ini().month == 1 else (hari_ini().year, hari_ini().month - 1)
    assert f"Capaian aktivitas {fmt.bulan_tahun(tahun, bulan)}" in [h.value for h in at.subheader]


def test_a_wakils_beranda_points_to_the_kurva(app_env):
    nip = _wakil(app_env)
    _tandai(app_env, nip)
    at = login(nip)
    assert not at.exception
    predikat = [t.value for t in at.text if t.value.startswith("Predikat Kinerja Organisasi ")]
    assert len(predikat) == 1 and predikat[0].endswith("belum ditetapkan: BKPSDM Uji, Dinas Kesehatan Uji")
    assert "Evaluasi Kinerja dan Kurva Distribusi" in _teks(at)
    assert not at.warning and not at.success


def _konteks(app_env, engine) -> PageContext:
    return PageContext(engine, app_env.org.bupati, True, True, kepala_daerah=True)


@pytest.mark.parametrize(
    "page",
    [
        "periode_skp.py",
        "penilai_pegawai.py",
        "perjanjian_kinerja.py",
        "matriks_peran_hasil.py",
        "aktivitas_harian.py",
    ],
)
def test_the_pegawais_own_pages_refuse_them_without_the_menu(app_env, page):
    _tandai(app_env, app_env.org.bupati.nip)
    engine = app_env.engine()
    at = AppTest.from_file(str(PAGES_DIR / page), default_timeout=30)
    at.session_state["_sipijar_context"] = _konteks(app_env, engine)
    at.run()
    assert not at.exception
    assert [i.value for i in at.info] == [
        "Kepala Daerah dan Wakil Kepala Daerah tidak memiliki SKP atau Aktivitas Harian; halaman ini untuk pegawai ASN."
    ]
    assert [b.label for b in at.button] == ["Log out"]
    engine.dispose()


def test_proses_penetapan_shows_only_the_bawahan(app_env):
    org = app_env.org
    _tandai(app_env, org.bupati.nip)
    with session_scope(app_env.engine()) as s:
        build_skp(s, org.kepala, hari_ini().year, status=StatusSKP.DIAJUKAN)
    at = login(org.bupati.nip)
    at.switch_page("pages/rencana_skp.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Proses Penetapan"]
    assert not at.tabs or "SKP Saya" not in [t.label for t in at.tabs]
    assert at.selectbox(key="rs_bawahan").options[0].startswith("Kepala Uji — Diajukan")
    assert "Simpan Penetapan" in [b.label for b in at.button]


def test_umpan_balik_opens_on_the_bawahan(app_env):
    org = app_env.org
    _tandai(app_env, org.bupati.nip)
    with session_scope(app_env.engine()) as s:
        build_skp(s, org.kepala, hari_ini().year)
    at = login(org.bupati.nip)
    at.switch_page("pages/umpan_balik.py").run()
    assert not at.exception
    assert not at.radio  # no "SKP Saya" to choose
    assert at.selectbox(key="ub_bawahan").options[0].startswith("Kepala Uji")


def test_the_admin_marks_a_kepala_daerah(app_env):
    org = app_env.org
    at = login(org.admin.nip)
    at.switch_page("pages/admin_pegawai.py").run()
    pilih_tab(at, "Akun Pegawai")
    assert "Saat ini: belum ada pegawai yang ditandai." in [t.value for t in at.text]
    at.text_input(key="akun_nip").input(org.bupati.nip).run()
    assert "Bupati Uji — Bupati, Pemerintah Kabupaten Uji" in [t.value for t in at.text]
    button(at, "Tandai Kepala Daerah").click().run()
    button(at, "Ya, tandai kepala daerah").click().run()
    assert not at.exception
    assert "Bupati Uji ditandai sebagai Kepala Daerah / Wakil." in [polos(s.value) for s in at.success]
    with session_scope(app_env.engine(), readonly=True) as s:
        bupati = s.get_one(Pegawai, org.bupati.pegawai_id)
        assert (bupati.is_kepala_daerah, bupati.is_pimpinan) == (True, True)
    assert "Cabut Tanda Kepala Daerah" in [b.label for b in at.button]


def test_the_admin_is_refused_a_kepala_daerah_below_the_top_unit(app_env):
    at = login(app_env.org.admin.nip)
    at.switch_page("pages/admin_pegawai.py").run()
    pilih_tab(at, "Akun Pegawai")
    at.text_input(key="akun_nip").input(app_env.org.kepala.nip).run()
    button(at, "Tandai Kepala Daerah").click().run()
    button(at, "Ya, tandai kepala daerah").click().run()
    assert not at.exception
    assert any("unit kerja tertinggi" in polos(e.value) for e in at.error)


def test_an_ordinary_pegawai_keeps_the_employee_menu(app_env):
    at = login(app_env.org.staf.nip)
    assert menu(at) == {
        "": ["Beranda", "Periode SKP", "Penilai Pegawai"],
        "Perencanaan Kinerja": ["Rencana SKP"],
        "Kinerja Harian": ["Aktivitas Harian", "Umpan Balik Berkelanjutan"],
        "Akun": AKUN,
    }


def test_every_page_of_the_menu_opens(app_env):
    org = app_env.org
    _tandai(app_env, org.bupati.nip)
    with session_scope(app_env.engine()) as s:
        build_skp(s, org.kepala, hari_ini().year)
    at = login(org.bupati.nip)
    for page in ("validasi.py", "evaluasi_kinerja.py", "dasbor_capaian.py", "panduan.py", "beranda.py"):
        at.switch_page(f"pages/{page}").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, (page, [e.value for e in at.error])
