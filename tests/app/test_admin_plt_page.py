"""AppTest of Plt dan Plh (docs/domain.md §8.30): the admin records an assignment by searching the Plt and the
pejabat, sees the service's refusals as messages, revokes after a confirmation; and a Plt without bawahan of
their own gets the Atasan menu, the sidebar line and the bawahan's waiting activities during the SK's dates
only."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from db.enums import JenisPenugasan, StatusAktivitas
from db.models import Pegawai, PenugasanPlt
from db.session import session_scope
from services.organisasi import plt
from services.organisasi.plt import PenugasanInput
from services.platform import format as fmt
from services.platform.kalender import hari_ini
from tests.app.conftest import button, login, menu, polos
from tests.factories import add_aktivitas, build_skp


def _isi(at, plt_cari: str, pejabat_cari: str, nomor_sk: str = "800/15/BKPSDM/2026"):
    hari = hari_ini()
    at.text_input(key="plt_pegawai_cari").input(plt_cari).run()
    at.text_input(key="plt_pejabat_cari").input(pejabat_cari).run()
    at.date_input(key="plt_mulai").set_value(hari - timedelta(days=1))
    at.date_input(key="plt_akhir").set_value(hari + timedelta(days=60))
    at.text_input(key="plt_sk").input(nomor_sk)
    return button(at, "Simpan Penugasan").click().run()


def test_admin_adds_sees_refusals_and_revokes(app_env):
    at = login(app_env.org.admin.nip)
    at.switch_page("pages/admin_plt.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Plt dan Plh"]
    assert "Tidak ada penugasan Plt/Plh pada daftar ini." in [i.value for i in at.info]

    _isi(at, "Kasubbid", "Kabid Uji")
    assert not at.exception and not at.error, [polos(e.value) for e in at.error]
    assert "Plt tercatat dengan SK 800/15/BKPSDM/2026." in [polos(m.value) for m in at.success]
    baris = at.dataframe[0].value.iloc[0]
    assert (baris["Nama"], baris["Jabatan yang Diwakili"], baris["Status"]) == (
        "Kasubbid Uji",
        "Kepala Bidang Mutasi",
        "Berlaku",
    )

    _isi(at, "Fungsional", "Kabid Uji")  # the same post, overlapping dates
    assert "sudah memiliki Plt Kasubbid Uji" in polos(at.error[0].value)
    _isi(at, "Kabid", "Kabid Uji")  # the pejabat as their own Plt
    assert "tidak dapat mewakili dirinya sendiri" in polos(at.error[0].value)
    with session_scope(app_env.engine()) as s:
        assert len(list(s.scalars(select(PenugasanPlt)))) == 1

    button(at, "Cabut Penugasan").click().run()
    assert "Cabut Plt Kasubbid Uji (Kepala Bidang Mutasi" in polos(at.warning[-1].value)  # asks first
    button(at, "Ya, cabut penugasan").click().run()
    assert "Penugasan Plt Kasubbid Uji dicabut." in [polos(m.value) for m in at.success]
    assert "Tidak ada penugasan Plt/Plh pada daftar ini." in [i.value for i in at.info]
    at.radio(key="plt_filter").set_value("selesai").run()
    assert at.dataframe[0].value.iloc[0]["Status"] == "Dicabut"


def _plt_fungsional(app_env, mulai, akhir) -> None:
    """fungsional (no bawahan) as Plt of kasubbid's post; staf (kasubbid's bawahan) has one activity waiting."""
    org = app_env.org
    with session_scope(app_env.engine()) as s:
        data = PenugasanInput(
            org.fungsional.pegawai_id, JenisPenugasan.PLT, org.kasubbid.pegawai_id, None, mulai, akhir, "800/16/2026"
        )
        plt.tambah(s, org.admin, data, hari_ini())
        skp = build_skp(s, org.staf, hari_ini().year)
        add_aktivitas(s, org.staf, skp, hari_ini(), "08:00", "09:00", StatusAktivitas.MENUNGGU, aktivitas="Rekap data")


def test_a_plt_sees_the_atasan_menu_and_validates_during_the_range(app_env):
    hari = hari_ini()
    _plt_fungsional(app_env, hari - timedelta(days=5), hari)  # today is the last day
    at = login(app_env.org.fungsional.nip)
    assert not at.exception
    assert menu(at)["Atasan"] == ["Validasi", "Evaluasi Kinerja"]
    peran = polos(" ".join(c.value for c in at.sidebar.caption))
    assert f"Plt Kepala Subbidang s.d. {fmt.tanggal(hari)}" in peran
    at.switch_page("pages/validasi.py").run()
    assert not at.exception
    assert "Menunggu validasi: Staf Uji (1)" in polos(at.caption[1].value)
    button(at, "Validasi Semua").click().run()
    assert "1 aktivitas Staf Uji tervalidasi" in polos(at.success[0].value)


def test_after_the_range_the_menu_is_gone(app_env):
    hari = hari_ini()
    _plt_fungsional(app_env, hari - timedelta(days=5), hari - timedelta(days=1))  # ended yesterday
    at = login(app_env.org.fungsional.nip)
    assert not at.exception
    assert "Atasan" not in menu(at)
    assert "Plt" not in " ".join(c.value for c in at.sidebar.caption)


def test_a_hostile_jabatan_is_shown_inert(app_env):
    """The sidebar line and the admin's list quote the jabatan stood in for: markdown in it never runs."""
    hostile = "<script>alert(1)</script> ![x](https://evil.example/x.png)"
    with session_scope(app_env.engine()) as s:
        s.get(Pegawai, app_env.org.kasubbid.pegawai_id).jabatan = hostile
    _plt_fungsional(app_env, hari_ini(), hari_ini())
    for nip, page in ((app_env.org.fungsional.nip, "pages/beranda.py"), (app_env.org.admin.nip, "pages/admin_plt.py")):
        at = login(nip)
        at.switch_page(page).run()
        assert not at.exception
        markdown = [e.value for e in (*at.sidebar.caption, *at.caption, *at.markdown, *at.warning, *at.success)]
        assert not [m for m in markdown if "<script>" in m or "![" in m]
    assert f"Plt {hostile} s.d." in polos(" ".join(c.value for c in login(app_env.org.fungsional.nip).sidebar.caption))
