"""Leaving service and PPPK on the screens (docs/domain.md §8.31): the admin marks a pegawai nonaktif after a
confirmation and records the return; the login refuses with the reason; a pensiunan gets the read-only menu; the
Monitoring lists contracts ending within 60 days; Rekap TPP and the Dasbor filter by status kepegawaian."""

from __future__ import annotations

from datetime import timedelta

from db.enums import JenisBerhenti, StatusKepegawaian
from db.models import Pegawai, PeriodeSKP
from db.session import session_scope
from services.organisasi import status_pegawai
from services.pimpinan import dasbor
from services.platform import format as fmt
from services.platform.kalender import hari_ini
from tests.app.conftest import button, login, menu, pilih_tab, polos
from tests.app.test_dasbor_page import MARET, env  # noqa: F401  (the Dasbor's March 2026 fixture)


def _berhentikan(app_env, jenis: JenisBerhenti, tanggal=None) -> None:
    engine = app_env.engine()
    with session_scope(engine) as s:
        status_pegawai.berhentikan(
            s, app_env.org.admin, app_env.org.staf.pegawai_id, jenis, tanggal or hari_ini(), hari_ini()
        )
    engine.dispose()


def _pegawai(app_env) -> Pegawai:
    engine = app_env.engine()
    with session_scope(engine, readonly=True) as s:
        p = s.get(Pegawai, app_env.org.staf.pegawai_id)
        s.expunge(p)
    engine.dispose()
    return p


def _tab_status(app_env):
    at = login(app_env.org.admin.nip)
    at.switch_page("pages/admin_pegawai.py").run()
    pilih_tab(at, "Status Kepegawaian")
    at.text_input(key="status_nip").input(app_env.org.staf.nip).run()
    assert not at.exception
    return at


def test_admin_marks_nonaktif_after_a_confirmation_and_back(app_env):
    at = _tab_status(app_env)
    at.selectbox(key="berhenti_jenis").set_value(JenisBerhenti.MENINGGAL).run()
    button(at, "Nonaktifkan Pegawai").click().run()
    assert _pegawai(app_env).tanggal_berhenti is None  # nothing yet: the question first
    today = hari_ini()
    assert polos(at.warning[0].value) == (
        f"Nonaktifkan Staf Uji (Meninggal) mulai {fmt.tanggal(today)}? Periode SKP-nya berakhir "
        f"{fmt.tanggal(today - timedelta(days=1))}."
    )
    button(at, "Ya, nonaktifkan pegawai").click().run()
    assert not at.exception
    p = _pegawai(app_env)
    assert (p.aktif, p.tanggal_berhenti, p.jenis_berhenti) == (False, today, JenisBerhenti.MENINGGAL)
    assert f"Staf Uji nonaktif (Meninggal) mulai {fmt.tanggal(today)}." in [polos(s.value) for s in at.success]
    assert polos(at.warning[0].value) == f"Staf Uji sudah nonaktif (Meninggal) mulai {fmt.tanggal(today)}."
    button(at, "Aktifkan Kembali").click().run()
    button(at, "Ya, aktifkan kembali").click().run()
    assert not at.exception
    p = _pegawai(app_env)
    assert (p.aktif, p.tanggal_berhenti) == (True, None)


def test_admin_sets_a_pppk_contract_and_a_wrong_one_is_refused(app_env):
    at = _tab_status(app_env)
    today = hari_ini()
    at.selectbox(key="status_kepegawaian_pilih").set_value(StatusKepegawaian.PPPK)
    button(at, "Simpan Status Kepegawaian").click().run()
    assert [polos(e.value) for e in at.error] == ["Masa perjanjian kerja PPPK (mulai dan akhir) wajib diisi."]
    at.date_input(key="pk_mulai").set_value(today - timedelta(days=365))
    at.date_input(key="pk_akhir").set_value(today + timedelta(days=30))
    button(at, "Simpan Status Kepegawaian").click().run()
    assert not at.exception and not at.error
    p = _pegawai(app_env)
    assert (p.status_kepegawaian, p.perjanjian_akhir) == (StatusKepegawaian.PPPK, today + timedelta(days=30))


def test_login_is_refused_with_the_reason(app_env):
    _berhentikan(app_env, JenisBerhenti.BERHENTI)
    at = login(app_env.org.staf.nip)
    assert [polos(e.value) for e in at.error] == [
        f"Akun ini tidak dapat digunakan lagi: Anda tercatat berhenti sebagai ASN sejak {fmt.tanggal(hari_ini())}. "
        "Hubungi Admin BKPSDM bila data ini keliru."
    ]
    assert "_sipijar_menu" not in at.session_state


def test_a_pensiunan_gets_the_read_only_menu(app_env):
    _berhentikan(app_env, JenisBerhenti.PENSIUN)
    at = login(app_env.org.staf.nip)
    assert not at.exception
    assert menu(at) == {
        "Dokumen (akses baca pensiun)": ["Aktivitas Harian", "Periode SKP", "Rencana SKP", "Evaluasi Kinerja"],
        "Akun": ["Panduan"],
    }
    for halaman in (
        "pages/periode_skp.py",
        "pages/rencana_skp.py",
        "pages/evaluasi_kinerja.py",
        "pages/aktivitas_harian.py",
    ):
        at.switch_page(halaman).run()
        assert not at.exception, halaman
    assert "Cetak" in [b.label for b in at.get("download_button")]
    engine = app_env.engine()
    with session_scope(engine, readonly=True) as s:
        assert s.query(PeriodeSKP).count() == 0
    engine.dispose()


def test_monitoring_lists_contracts_ending_within_60_days(app_env):
    today = hari_ini()
    engine = app_env.engine()
    with session_scope(engine) as s:
        status_pegawai.ubah_kepegawaian(
            s,
            app_env.org.admin,
            app_env.org.fungsional.pegawai_id,
            StatusKepegawaian.PPPK,
            today - timedelta(days=700),
            today + timedelta(days=20),
        )
    engine.dispose()
    at = login(app_env.org.admin.nip)
    at.switch_page("pages/admin_monitoring.py").run()
    assert not at.exception
    pilih_tab(at, "Perjanjian Kerja Berakhir")
    kontrak = at.dataframe[0].value
    assert list(kontrak["Nama"]) == ["Fungsional Uji"]
    assert list(kontrak["Sisa"]) == ["20 hari"]
    assert list(kontrak["Perjanjian Berakhir"]) == [fmt.tanggal(today + timedelta(days=20))]


def test_rekap_tpp_filters_by_status_kepegawaian(app_env):
    engine = app_env.engine()
    with session_scope(engine) as s:
        s.get(Pegawai, app_env.org.perawat.pegawai_id).status_kepegawaian = StatusKepegawaian.CPNS
    engine.dispose()
    at = login(app_env.org.admin.nip)
    at.switch_page("pages/admin_rekap_tpp.py").run()
    assert at.metric[0].value == "9"
    at.selectbox(key="rekap_status").set_value(StatusKepegawaian.CPNS).run()
    assert not at.exception
    assert at.metric[0].value == "1"
    assert list(at.dataframe[0].value["Nama"]) == ["Perawat Uji"]


def test_dasbor_filters_by_status_kepegawaian(env):  # noqa: F811
    engine = env.engine()
    with session_scope(engine) as s:
        s.get(Pegawai, env.org.staf.pegawai_id).status_kepegawaian = StatusKepegawaian.PPPK_PARUH_WAKTU
        d = dasbor.dasbor(s, env.org.admin, env.org.kabupaten, *MARET, hari_ini(), StatusKepegawaian.PPPK_PARUH_WAKTU)
    engine.dispose()
    at = login(env.org.admin.nip)
    at.switch_page("pages/dasbor_capaian.py").run()
    at.selectbox(key="dasbor_bulan").set_value(MARET).run()
    at.selectbox(key="dasbor_status").set_value(StatusKepegawaian.PPPK_PARUH_WAKTU).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert [r.nama for r in d.pegawai] == ["Staf Uji"]
    assert metrics["Capaian Unit"] == fmt.persen(d.total.capaian_persen)
    assert metrics["Pegawai Dihitung"] == "1"
