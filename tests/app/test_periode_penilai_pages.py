"""AppTest of the Periode SKP and Penilai Pegawai screens: labels from the e-book, the main action,
the error messages."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from db.models import Pegawai, PeriodeSKP, PerubahanPenilai
from db.session import session_scope
from services.organisasi import periode as periode_service
from services.platform.kalender import hari_ini
from tests.app.conftest import button, login, pilih_tab, polos
from tests.app.test_perencanaan_pages import _forms_tanpa_enter


def _count_periode(app_env) -> int:
    with session_scope(app_env.engine()) as s:
        return s.scalar(select(func.count()).select_from(PeriodeSKP))


def test_periode_skp_creates_the_default_year(app_env):
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/periode_skp.py").run()
    assert [t.value for t in at.title] == ["Periode SKP"]
    assert "belum memiliki Periode SKP" in polos(at.info[0].value)
    assert [n.label for n in at.number_input] == ["Tahun"]
    assert [d.label for d in at.date_input][:2] == ["Periode Mulai", "Periode Akhir"]
    tahun = hari_ini().year
    assert at.date_input[0].value == date(tahun, 1, 1) and at.date_input[1].value == date(tahun, 12, 31)
    assert _forms_tanpa_enter(at)
    button(at, "Simpan").click().run()
    assert not at.exception
    assert polos(at.success[0].value).startswith(f"Periode SKP 1 Januari {tahun} – 31 Desember {tahun} tersimpan")
    table = at.dataframe[0].value
    assert list(table["Tahun"]) == [tahun]
    assert list(table["Status SKP"]) == ["Draft"]
    assert list(table["Penilai"]) == ["Kasubbid Uji"]


def test_overlapping_periode_shows_the_rule_and_saves_nothing(app_env):
    tahun = hari_ini().year
    with session_scope(app_env.engine()) as s:
        periode_service.tambah(s, app_env.org.staf, tahun)
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/periode_skp.py").run()
    button(at, "Simpan").click().run()
    assert "tumpang tindih" in polos(at.error[0].value)
    assert _count_periode(app_env) == 1


def test_delete_periode_asks_first(app_env):
    tahun = hari_ini().year
    with session_scope(app_env.engine()) as s:
        periode_service.tambah(s, app_env.org.staf, tahun)
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/periode_skp.py").run()
    button(at, "Hapus Periode").click().run()
    assert "tidak dapat dibatalkan" in polos(at.warning[0].value)
    assert _count_periode(app_env) == 1
    button(at, "Ya, hapus periode").click().run()
    assert not at.exception
    assert _count_periode(app_env) == 0
    assert "dihapus" in polos(at.success[0].value)


def test_penilai_pegawai_shows_the_atasan_and_the_bawahan_tab(app_env):
    tahun = hari_ini().year
    with session_scope(app_env.engine()) as s:
        periode_service.tambah(s, app_env.org.kabid, tahun)
    at = login(app_env.org.kabid.nip)
    at.switch_page("pages/penilai_pegawai.py").run()
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Penilai Pegawai", "Bawahan"]
    penilai = at.dataframe[0].value
    assert list(penilai["Nama"]) == ["Kepala Uji"]
    pilih_tab(at, "Bawahan")  # only the open tab is drawn
    bawahan = at.dataframe[0].value
    assert sorted(bawahan["Nama"]) == ["Fungsional Uji", "Kasubbid Uji"]


def test_ganti_penilai_offers_only_the_pejabat_above_and_a_bawahan_request_is_refused(app_env):
    tahun = hari_ini().year
    with session_scope(app_env.engine()) as s:
        periode_service.tambah(s, app_env.org.kabid, tahun)
    at = login(app_env.org.kabid.nip)
    at.switch_page("pages/penilai_pegawai.py").run()
    pilihan = at.selectbox(key="pilih_penilai")
    assert pilihan.options == [
        f"Kepala Uji — Kepala BKPSDM, BKPSDM Uji ({app_env.org.kepala.nip})",
        f"Bupati Uji — Bupati, Pemerintah Kabupaten Uji ({app_env.org.bupati.nip})",
    ]
    at.text_input(key="cari_penilai").input("Staf Uji").run()
    at.text_area(key="alasan_penilai").input("Staf saya menilai saya").run()
    button(at, "Ajukan Permintaan").click().run()
    assert "melingkar" in polos(at.error[0].value)
    with session_scope(app_env.engine()) as s:
        assert s.get(Pegawai, app_env.org.kabid.pegawai_id).atasan_id == app_env.org.kepala.pegawai_id
        assert s.scalar(select(func.count()).select_from(PerubahanPenilai)) == 0


def test_changing_the_penilai_updates_period_and_atasan(app_env):
    tahun = hari_ini().year
    with session_scope(app_env.engine()) as s:
        periode_service.tambah(s, app_env.org.staf, tahun)
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/penilai_pegawai.py").run()
    at.selectbox(key="pilih_penilai").select(app_env.org.kabid.pegawai_id).run()
    button(at, "Simpan Penilai").click().run()
    assert not at.exception
    assert polos(at.success[0].value) == "Penilai berhasil diperbarui."
    assert list(at.dataframe[0].value["Nama"]) == ["Kabid Uji"]
    with session_scope(app_env.engine()) as s:
        assert s.get(Pegawai, app_env.org.staf.pegawai_id).atasan_id == app_env.org.kabid.pegawai_id
    # The previous and the new penilai both see the change on their Penilai Pegawai page.
    for who in (app_env.org.kasubbid, app_env.org.kabid):
        at = login(who.nip)
        at.switch_page("pages/penilai_pegawai.py").run()
        pilih_tab(at, "Bawahan")
        perubahan = at.dataframe[-1].value
        assert list(perubahan["Pegawai"]) == [f"Staf Uji ({app_env.org.staf.nip})"]
        assert list(perubahan["Penilai Sebelumnya"]) == ["Kasubbid Uji"]
        assert list(perubahan["Penilai Baru"]) == ["Kabid Uji"]


def test_a_request_outside_the_chain_waits_for_the_admin_who_approves_it(app_env):
    tahun = hari_ini().year
    with session_scope(app_env.engine()) as s:
        pid = periode_service.tambah(s, app_env.org.staf, tahun).id
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/penilai_pegawai.py").run()
    at.text_input(key="cari_penilai").input("Perawat").run()
    at.text_area(key="alasan_penilai").input("Ditugaskan ke Dinas Kesehatan sejak Juli").run()
    button(at, "Ajukan Permintaan").click().run()
    assert polos(at.success[0].value) == "Permintaan perubahan penilai dikirim ke Admin BKPSDM."
    assert list(at.dataframe[-1].value["Status"]) == ["Menunggu"]
    with session_scope(app_env.engine()) as s:
        assert s.get(PeriodeSKP, pid).penilai_id == app_env.org.kasubbid.pegawai_id
    at = login(app_env.org.admin.nip)
    at.switch_page("pages/admin_pegawai.py").run()
    assert [t.label for t in at.tabs][-1] == "Permintaan Penilai"
    pilih_tab(at, "Permintaan Penilai")
    assert list(at.dataframe[-1].value["Alasan"]) == ["Ditugaskan ke Dinas Kesehatan sejak Juli"]
    button(at, "Setujui").click().run()
    assert not at.exception
    assert "disetujui" in polos(at.success[0].value)
    with session_scope(app_env.engine()) as s:
        assert s.get(PeriodeSKP, pid).penilai_id == app_env.org.perawat.pegawai_id
