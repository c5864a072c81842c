"""AppTest of issue #13's calendar and ketidakhadiran screens: the app's first start fills the year's hari
libur; Rekap TPP and the admin's Beranda say the calendar is unconfirmed until the admin confirms it on Data
Referensi; the admin's Ketidakhadiran screen lists, adds, changes and deletes (after a confirmation); the
pegawai sees their absences on Aktivitas Harian."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from db.enums import JenisKetidakhadiran
from db.models import HariLibur, Ketidakhadiran
from db.session import session_scope
from services.organisasi import ketidakhadiran
from services.organisasi.ketidakhadiran import KetidakhadiranInput
from services.platform import kalender
from tests.app.conftest import buka, button, login, polos
from tests.conftest import ORDINARY_DAY
from tests.factories import build_skp


@pytest.fixture(autouse=True)
def _ordinary_day(time_machine):
    """The screens open on July 2026 (this year 2026), whatever SIPIJAR_TEST_NOW says."""
    time_machine.move_to(ORDINARY_DAY)


def _open(app_env, path, nip=None):
    at = login(nip or app_env.org.admin.nip)
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def test_first_start_fills_the_calendar_and_rekap_and_beranda_warn_until_confirmed(app_env):
    at = _open(app_env, "pages/admin_rekap_tpp.py")
    with session_scope(app_env.engine()) as s:
        # No admin click, no `sipijar db upgrade`: the app's first start filled this year and the next.
        assert s.scalar(select(func.count()).select_from(HariLibur).where(HariLibur.tanggal < date(2027, 1, 1))) == 25
    assert any(polos(w.value).startswith("Kalender 2026 belum dikonfirmasi") for w in at.warning)
    beranda = _open(app_env, "pages/beranda.py")
    assert any(polos(w.value).startswith("Kalender 2026 belum dikonfirmasi") for w in beranda.warning)

    referensi = _open(app_env, "pages/admin_referensi.py")
    assert any(polos(w.value).startswith("Kalender 2026 belum dikonfirmasi") for w in referensi.warning)
    button(referensi, "Konfirmasi Kalender 2026").click().run()
    assert "Kalender 2026 dikonfirmasi." in [polos(s.value) for s in referensi.success]
    assert any("Kalender 2026 dikonfirmasi pada" in polos(s.value) for s in referensi.success)

    at = _open(app_env, "pages/admin_rekap_tpp.py")
    assert not any("belum dikonfirmasi" in polos(w.value) for w in at.warning)
    beranda = _open(app_env, "pages/beranda.py")
    assert not any("belum dikonfirmasi" in polos(w.value) for w in beranda.warning)


def test_a_non_admin_beranda_never_shows_the_calendar_warning(app_env):
    at = _open(app_env, "pages/beranda.py", app_env.org.staf.nip)
    assert not any("Kalender" in polos(w.value) for w in at.warning)


def test_admin_adds_changes_and_deletes_an_absence(app_env):
    org = app_env.org
    at = _open(app_env, "pages/admin_ketidakhadiran.py")
    assert [t.value for t in at.title] == ["Ketidakhadiran"]
    assert [t.label for t in at.tabs] == ["Daftar Ketidakhadiran", "Impor Berkas"]
    assert any("Belum ada ketidakhadiran tercatat pada Juli 2026" in polos(i.value) for i in at.info)
    assert [e.label for e in at.expander] == ["Tambah Ketidakhadiran"]  # closed: the picker of every pegawai unbuilt
    assert not [s for s in at.selectbox if s.key == "kh_tambah_pegawai"]
    buka(at, "kh_tambah_buka")

    at.selectbox(key="kh_tambah_pegawai").set_value((org.staf.pegawai_id, org.staf.nip, "Staf Uji"))
    at.selectbox(key="kh_tambah_jenis").set_value(JenisKetidakhadiran.DINAS_LUAR)
    at.date_input(key="kh_tambah_mulai").set_value(date(2026, 7, 8))
    at.date_input(key="kh_tambah_akhir").set_value(date(2026, 7, 6))
    button(at, "Simpan").click().run()
    assert any("tidak boleh sebelum tanggal mulai" in polos(e.value) for e in at.error)  # refused, said why
    at.date_input(key="kh_tambah_akhir").set_value(date(2026, 7, 10))
    button(at, "Simpan").click().run()
    assert not at.error, [polos(e.value) for e in at.error]
    assert "Dinas Luar 8–10 Juli 2026 tercatat." in [polos(s.value) for s in at.success]
    tabel = at.dataframe[0].value
    assert list(tabel.iloc[0][["Nama", "Jenis", "Tanggal", "Hari Kerja"]]) == [
        "Staf Uji",
        "Dinas Luar",
        "8–10 Juli 2026",
        "Dikurangi",
    ]

    with session_scope(app_env.engine()) as s:
        rid = s.scalars(select(Ketidakhadiran.id)).one()
    buka(at, "kh_ubah_buka")
    at.date_input(key=f"kh_ubah_{rid}_v1_akhir").set_value(date(2026, 7, 9))
    button(at, "Simpan Perubahan").click().run()
    assert "Perubahan ketidakhadiran tersimpan." in [polos(s.value) for s in at.success]
    assert at.dataframe[0].value.iloc[0]["Tanggal"] == "8–9 Juli 2026"

    button(at, "Hapus Ketidakhadiran").click().run()  # asks first
    assert any("Hapus Dinas Luar Staf Uji 8–9 Juli 2026?" in polos(w.value) for w in at.warning)
    with session_scope(app_env.engine()) as s:
        assert s.scalar(select(func.count()).select_from(Ketidakhadiran)) == 1
    button(at, "Ya, hapus ketidakhadiran").click().run()
    assert "Catatan ketidakhadiran dihapus." in [polos(s.value) for s in at.success]
    with session_scope(app_env.engine()) as s:
        assert s.scalar(select(func.count()).select_from(Ketidakhadiran)) == 0


def _sakit_staf_dan_perawat(app_env) -> None:
    """Cuti Sakit on 1–2 July for the staf (BKPSDM) and the perawat (Dinas Kesehatan)."""
    org = app_env.org
    with session_scope(app_env.engine()) as s:
        for actor in (org.staf, org.perawat):
            ketidakhadiran.tambah(
                s,
                org.admin,
                KetidakhadiranInput(actor.pegawai_id, "Cuti Sakit", date(2026, 7, 1), date(2026, 7, 2)),
            )


def test_the_list_filters_by_unit(app_env):
    org = app_env.org
    _sakit_staf_dan_perawat(app_env)
    at = _open(app_env, "pages/admin_ketidakhadiran.py")
    assert sorted(at.dataframe[0].value["Nama"]) == ["Perawat Uji", "Staf Uji"]
    at.selectbox(key="kh_unit").set_value((org.dinkes, "Dinas Kesehatan Uji")).run()
    assert list(at.dataframe[0].value["Nama"]) == ["Perawat Uji"]


def test_the_list_filters_by_a_pegawai_found_by_name_or_nip(app_env):
    """The pegawai filter is a search (a regency's 10,000 names are not sent on every rerun): nothing typed
    lists everyone; a name or a NIP lists the matches, and the one chosen filters the list."""
    org = app_env.org
    _sakit_staf_dan_perawat(app_env)
    at = _open(app_env, "pages/admin_ketidakhadiran.py")
    assert not [s for s in at.selectbox if s.key == "kh_pegawai_pilih"]
    at.text_input(key="kh_pegawai_cari").input("Peraw").run()
    assert at.selectbox(key="kh_pegawai_pilih").options == [f"Perawat Uji ({org.perawat.nip})"]
    assert list(at.dataframe[0].value["Nama"]) == ["Perawat Uji"]
    at.text_input(key="kh_pegawai_cari").input("Tidak Ada Orangnya").run()
    assert "Tidak ada pegawai yang cocok." in [c.value for c in at.caption]
    assert sorted(at.dataframe[0].value["Nama"]) == ["Perawat Uji", "Staf Uji"]
    at.text_input(key="kh_pegawai_cari").input(org.staf.nip).run()
    assert list(at.dataframe[0].value["Nama"]) == ["Staf Uji"]


def test_the_pegawai_sees_their_absences_on_aktivitas_harian(app_env):
    org = app_env.org
    with session_scope(app_env.engine()) as s:
        build_skp(s, org.staf, 2026)
        ketidakhadiran.tambah(
            s, org.admin, KetidakhadiranInput(org.staf.pegawai_id, "Cuti Tahunan", date(2026, 7, 8), date(2026, 7, 10))
        )
        ketidakhadiran.tambah(
            s, org.admin, KetidakhadiranInput(org.staf.pegawai_id, "Izin", date(2026, 7, 13), date(2026, 7, 13))
        )
    at = _open(app_env, "pages/aktivitas_harian.py", org.staf.nip)
    teks = [t.value for t in at.text]
    assert "Cuti Tahunan: 8–10 Juli 2026 (tidak dihitung hari kerja)" in teks
    assert "Izin: 13 Juli 2026 (tetap dihitung hari kerja)" in teks
    # The Tambah form warns before Simpan when its date is a reducing absence day (the service refuses it anyway).
    at.date_input(key="ah_tanggal").set_value(date(2026, 7, 9)).run()
    assert any(polos(w.value).startswith("Tanggal 9 Juli 2026 tercatat Cuti Tahunan") for w in at.warning)
    at.date_input(key="ah_tanggal").set_value(date(2026, 7, 13)).run()
    assert not any("tercatat" in polos(w.value) for w in at.warning)  # Izin: marked above, allowed
    other = _open(app_env, "pages/aktivitas_harian.py", org.fungsional.nip)
    assert not any("Cuti Tahunan" in t.value for t in other.text)


def test_kalender_status_reads_the_confirmation(app_env):
    with session_scope(app_env.engine()) as s:
        kalender.konfirmasi(s, app_env.org.admin, 2026)
    at = _open(app_env, "pages/admin_referensi.py")
    sukses = [polos(s.value) for s in at.success]
    assert any("Kalender 2026 dikonfirmasi pada" in s and "Admin Uji" in s for s in sukses)
    assert not [b for b in at.button if b.label == "Konfirmasi Kalender 2026"]
