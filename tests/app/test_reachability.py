"""Issue #8: a page a role should not have is not reachable by it. The matrix below — every file in
pages/ × seven roles of the test organisation — is the specification; for each role:

(a) the menu app.py builds lists exactly the pages marked ✓, and the others cannot be switched to
    (Streamlit's navigation only knows the menu's pages, so their URL leads nowhere either);
(b) a page marked · , run directly as that role (as if the menu were bypassed), shows its refusal and
    nothing else: no table, no chart, no action button, and no name or NIP of anyone else, although
    the database holds other people's SKP and activities.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.context import PageContext
from db.enums import StatusAktivitas
from db.models import Pegawai
from db.session import session_scope
from services.platform.access import has_bawahan
from services.platform.kalender import hari_ini
from tests.app.conftest import APP, login, menu
from tests.factories import add_aktivitas, build_skp

PAGES_DIR = Path(APP).parent / "pages"

#: The roles, by the people of tests/factories.build_org who hold them.
PERAN = {
    "staf": "pelaksana (staf, bawahan of the kasubbid)",
    "fungsional": "fungsional (no bawahan)",
    "kasubbid": "atasan (Pengawas with one bawahan)",
    "kepala": "pimpinan, JPT: Kepala BKPSDM (the admin's own OPD)",
    "kadinkes": "pimpinan, JPT: Kepala Dinas Kesehatan",
    "bupati": "top JPT, pimpinan of the whole kabupaten (not marked Kepala Daerah: test_kepala_daerah_pages.py)",
    "admin": "Admin BKPSDM (pelaksana, no bawahan)",
}

#: page file → (menu title, reachable by: staf, fungsional, kasubbid, kepala, kadinkes, bupati, admin).
MATRIKS = {
    # page                     menu title                    st  fu  as  kp  kd  bu  ad
    "beranda.py": ("Beranda", "✓   ✓   ✓   ✓   ✓   ✓   ✓"),
    "periode_skp.py": ("Periode SKP", "✓   ✓   ✓   ✓   ✓   ✓   ✓"),
    "penilai_pegawai.py": ("Penilai Pegawai", "✓   ✓   ✓   ✓   ✓   ✓   ✓"),
    "perjanjian_kinerja.py": ("Perjanjian Kinerja", "·   ·   ·   ✓   ✓   ✓   ·"),
    "rencana_skp.py": ("Rencana SKP", "✓   ✓   ✓   ✓   ✓   ✓   ✓"),
    "matriks_peran_hasil.py": ("Matriks Peran Hasil", "·   ·   ✓   ✓   ✓   ✓   ·"),
    "aktivitas_harian.py": ("Aktivitas Harian", "✓   ✓   ✓   ✓   ✓   ✓   ✓"),
    "umpan_balik.py": ("Umpan Balik Berkelanjutan", "✓   ✓   ✓   ✓   ✓   ✓   ✓"),
    "validasi.py": ("Validasi", "·   ·   ✓   ✓   ✓   ✓   ·"),
    "evaluasi_kinerja.py": ("Evaluasi Kinerja", "·   ·   ✓   ✓   ✓   ✓   ✓"),
    "dasbor_capaian.py": ("Dasbor Capaian", "·   ·   ·   ✓   ✓   ✓   ✓"),
    "penetapan_predikat.py": ("Penetapan Predikat Organisasi", "·   ·   ·   ✓   ✓   ✓   ✓"),
    "admin_pegawai.py": ("Pegawai dan Akun", "·   ·   ·   ·   ·   ·   ✓"),
    "admin_rekap_tpp.py": ("Rekap TPP", "·   ·   ·   ·   ·   ·   ✓"),
    "admin_ketidakhadiran.py": ("Ketidakhadiran", "·   ·   ·   ·   ·   ·   ✓"),
    "admin_plt.py": ("Plt dan Plh", "·   ·   ·   ·   ·   ·   ✓"),
    "admin_tutup_bulan.py": ("Tutup Bulan", "·   ·   ·   ·   ·   ·   ✓"),
    "admin_referensi.py": ("Data Referensi", "·   ·   ·   ·   ·   ·   ✓"),
    "admin_pengaturan.py": ("Pengaturan", "·   ·   ·   ·   ·   ·   ✓"),
    "admin_monitoring.py": ("Monitoring", "·   ·   ·   ·   ·   ·   ✓"),
    "admin_audit.py": ("Audit Log", "·   ·   ·   ·   ·   ·   ✓"),
    "admin_pengingat.py": ("Pengingat", "·   ·   ·   ·   ·   ·   ✓"),
    "notifikasi.py": ("Notifikasi", "✓   ✓   ✓   ✓   ✓   ✓   ✓"),
    "ganti_password.py": ("Ganti Password", "✓   ✓   ✓   ✓   ✓   ✓   ✓"),
    "panduan.py": ("Panduan", "✓   ✓   ✓   ✓   ✓   ✓   ✓"),
}

#: What a page says to a role that is not meant to have it (the whole visible answer, with the title).
ADMIN_SAJA = r"Halaman ini hanya untuk Admin BKPSDM\."
PENOLAKAN = {
    "perjanjian_kinerja.py": r"Perjanjian Kinerja diisi oleh JPT dan pimpinan unit kerja mandiri",
    "matriks_peran_hasil.py": r"Anda tidak memiliki bawahan pada periode ini\.|Buat Periode SKP terlebih dahulu",
    "validasi.py": r"Belum ada bawahan yang aktivitasnya Anda validasi\.",
    "evaluasi_kinerja.py": r"Tidak ada bawahan dengan SKP yang sudah ditetapkan pada periode ini\.",
    "dasbor_capaian.py": r"Dasbor Capaian hanya untuk pimpinan unit kerja dan Admin BKPSDM\.",
    "penetapan_predikat.py": r"Penetapan Predikat Kinerja Organisasi hanya untuk pimpinan unit kerja dan Admin",
    **{page: ADMIN_SAJA for page in MATRIKS if page.startswith("admin_")},
}


#: Elements that show data; a refusal has none of them.
ISI = ("dataframe", "table", "metric", "download_button", "plotly_chart", "vega_lite_chart", "json", "code")


def boleh(page: str, peran: str) -> bool:
    tanda = MATRIKS[page][1].split()
    assert len(tanda) == len(PERAN) and set(tanda) <= {"✓", "·"}, page
    return tanda[list(PERAN).index(peran)] == "✓"


def test_the_matrix_covers_every_page_and_every_refusal_is_known():
    assert sorted(MATRIKS) == sorted(p.name for p in PAGES_DIR.glob("*.py"))
    ditolak = {page for page in MATRIKS for peran in PERAN if not boleh(page, peran)}
    assert ditolak == set(PENOLAKAN)


def _data_orang_lain(app_env) -> None:
    """Other people's data to leak: SKP (ditetapkan) for most of the organisation, waiting activities of
    two bawahan in two OPDs."""
    tahun, today = hari_ini().year, hari_ini()
    with session_scope(app_env.engine()) as s:
        for who in ("kabid", "kasubbid", "staf", "fungsional", "perawat"):
            skp = build_skp(s, getattr(app_env.org, who), tahun)
            if who in ("staf", "perawat"):
                add_aktivitas(
                    s,
                    getattr(app_env.org, who),
                    skp,
                    today,
                    "08:00",
                    "09:00",
                    StatusAktivitas.MENUNGGU,
                    aktivitas=f"Aktivitas rahasia {who}",
                )


def _konteks(app_env, engine, peran: str) -> PageContext:
    """The context app.py would give this role."""
    actor = getattr(app_env.org, peran)
    with session_scope(engine, readonly=True) as s:
        return PageContext(
            engine, actor, has_bawahan(s, actor.pegawai_id, hari_ini()), s.get(Pegawai, actor.pegawai_id).plans_like_jpt
        )


def _orang_lain(engine, peran_actor) -> list[str]:
    """Names and NIPs of everyone but the actor."""
    with session_scope(engine, readonly=True) as s:
        return [x for p in s.query(Pegawai).all() if p.id != peran_actor.pegawai_id for x in (p.nama, p.nip)]


def _semua_teks(node) -> str:
    """Everything the page rendered (every element's protobuf as text, sidebar included)."""
    teks = [str(node.proto)] if getattr(node, "proto", None) is not None else []
    for anak in getattr(node, "children", {}).values():
        teks.append(_semua_teks(anak))
    return "\n".join(teks)


def _jalankan(engine, konteks: PageContext, page: str) -> AppTest:
    at = AppTest.from_file(str(PAGES_DIR / page), default_timeout=30)
    at.session_state["_sipijar_context"] = konteks
    return at.run()


def test_the_leak_check_sees_what_a_page_shows(app_env):
    """The control for (b): the same check on a page the role does have finds the bawahan's data."""
    _data_orang_lain(app_env)
    engine = app_env.engine()
    at = _jalankan(engine, _konteks(app_env, engine, "kasubbid"), "validasi.py")
    teks = _semua_teks(at._tree)
    assert app_env.org.staf.nama in teks and app_env.org.staf.nip in teks and "Aktivitas rahasia staf" in teks
    assert "Aktivitas rahasia perawat" not in teks
    engine.dispose()


@pytest.mark.parametrize("peran", list(PERAN))
def test_each_role_reaches_exactly_its_pages(app_env, peran):
    _data_orang_lain(app_env)
    actor = getattr(app_env.org, peran)

    # (a) the menu, and the navigation behind it
    at = login(actor.nip)
    assert not at.exception
    di_menu = [judul for bagian in menu(at).values() for judul in bagian]
    assert sorted(di_menu) == sorted(judul for page, (judul, _) in MATRIKS.items() if boleh(page, peran))
    terlarang = [page for page in MATRIKS if not boleh(page, peran)]
    for page in terlarang:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"pages/{page}")

    # (b) the page itself, reached without the menu
    engine = app_env.engine()
    konteks, lain = _konteks(app_env, engine, peran), _orang_lain(engine, actor)
    for page in terlarang:
        at = _jalankan(engine, konteks, page)
        pesan = [e.value for e in (*at.error, *at.info)]
        assert not at.exception, (page, [e.value for e in at.exception])
        assert len(pesan) == 1 and re.match(PENOLAKAN[page], pesan[0]), (page, pesan)
        assert [b.label for b in at.button] == ["Log out"], (page, [b.label for b in at.button])
        assert not [jenis for jenis in ISI if at.get(jenis)], (page, [jenis for jenis in ISI if at.get(jenis)])
        teks = _semua_teks(at._tree)
        assert actor.nama in teks  # the sidebar: the check below does look at the whole page
        bocor = [x for x in lain if x in teks]
        assert not bocor, (page, bocor)
        assert "Aktivitas rahasia" not in teks, page
    engine.dispose()
