"""AppTest of the admin screens: Rekap TPP, Data Referensi (Hari Libur, Katalog Aktivitas, Pola Penugasan,
Buka Bulan) and Pengaturan."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db.models import HariLibur, KatalogAktivitas, PembukaanBulan, PolaPenugasan
from db.session import session_scope
from services.platform import settings
from services.platform.kalender import hari_ini
from tests.app.conftest import button, login, menu, pilih_tab, polos
from tests.factories import build_maret_2026


def _open(app_env, path, nip=None):
    at = login(nip or app_env.org.admin.nip)
    at.switch_page(path).run()
    return at


def test_rekap_tpp_shows_the_march_example(app_env):
    with session_scope(app_env.engine()) as s:
        build_maret_2026(s, app_env.org.staf)
    at = _open(app_env, "pages/admin_rekap_tpp.py")
    assert not at.exception
    assert [t.value for t in at.title] == ["Rekap TPP"]
    at.selectbox(key="rekap_bulan").set_value((2026, 3)).run()
    table = at.dataframe[0].value
    staf = table[table["NIP"] == app_env.org.staf.nip].iloc[0]
    assert (
        staf["Hari Kerja"],
        staf["Menit Efektif"],
        staf["Menit Tervalidasi"],
        staf["Capaian"],
        staf["TPP Produktivitas"],
    ) == (17, 5100, 4080, "80,00 %", "Rp1.488.000")
    assert len(table) == 9
    assert [m.value for m in at.metric] == ["9", "Rp27.100.000", "Rp1.488.000"]
    at.selectbox(key="rekap_unit").set_value("Dinas Kesehatan Uji").run()
    assert sorted(at.dataframe[0].value["Nama"]) == ["Kadinkes Uji", "Perawat Uji"]
    # The table is cached, but any audited change shows at the next rerun: bobot 50 % →
    # 50 % × 3,100,000 × 4,080/5,100 = Rp1.240.000.
    at.selectbox(key="rekap_unit").set_value(None).run()
    with session_scope(app_env.engine()) as s:
        settings.setel(s, app_env.org.admin, "bobot_produktivitas_persen", 50)
    table = at.run().dataframe[0].value
    assert table[table["NIP"] == app_env.org.staf.nip].iloc[0]["TPP Produktivitas"] == "Rp1.240.000"


def test_data_referensi_tabs_and_actions(app_env):
    at = _open(app_env, "pages/admin_referensi.py")
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Hari Libur", "Katalog Aktivitas", "Pola Penugasan", "Buka Bulan"]
    tahun = hari_ini().year
    button(at, f"Isi Hari Libur {tahun}").click().run()
    assert "ditambahkan dari kalender nasional" in polos(at.success[0].value)
    at.date_input(key="libur_tanggal").set_value(date(tahun, 7, 1))
    at.text_input(key="libur_keterangan").input("Cuti bersama daerah")
    button(at, "Tambah Hari Libur").click().run()
    assert not at.error, [polos(e.value) for e in at.error]
    # Katalog (only the open tab is drawn)
    pilih_tab(at, "Katalog Aktivitas")
    [w for w in at.text_input if w.label == "Nama aktivitas"][0].input("Menyusun notulen")
    [w for w in at.text_input if w.label == "Satuan"][0].input("Dokumen")
    button(at, "Simpan Katalog").click().run()
    assert "Katalog aktivitas tersimpan." in polos(at.success[0].value)
    # Pola
    pilih_tab(at, "Pola Penugasan")
    [w for w in at.text_input if w.label == "Pola penugasan baru"][0].input("Inisiatif Pegawai (Mandiri)")
    button(at, "Tambah Pola").click().run()
    button(at, "Nonaktifkan").click().run()
    # Buka Bulan without alasan, then with
    pilih_tab(at, "Buka Bulan")
    button(at, "Buka Bulan").click().run()
    assert "Alasan pembukaan wajib diisi" in polos(at.error[0].value)
    [w for w in at.text_area if w.label == "Alasan"][0].input("Gangguan server")
    button(at, "Buka Bulan").click().run()
    assert not at.error, [polos(e.value) for e in at.error]
    with session_scope(app_env.engine()) as s:
        assert (
            s.scalar(select(HariLibur.keterangan).where(HariLibur.tanggal == date(tahun, 7, 1)))
            == "Cuti bersama daerah"
        )
        assert s.scalar(select(KatalogAktivitas.nama)) == "Menyusun notulen"
        assert s.scalar(select(PolaPenugasan.aktif)) is False
        assert s.scalar(select(PembukaanBulan.alasan)) == "Gangguan server"


def test_remove_a_hari_libur_asks_first(app_env):
    """Since issue #13 the app's first start fills the year from the national calendar (docs/domain.md §8.24):
    the list holds every date of the year, the first one (1 January, Tahun Baru Masehi) is the one picked, and
    the page first says whether the year is confirmed, so the question is the warning that mentions hari kerja."""
    tahun = hari_ini().year
    at = _open(app_env, "pages/admin_referensi.py")
    button(at, "Hapus Hari Libur").click().run()
    assert any(polos(w.value).startswith(f"Jadikan 1 Januari {tahun} hari kerja?") for w in at.warning)
    button(at, "Ya, hapus hari libur").click().run()
    with session_scope(app_env.engine()) as s:
        assert s.scalar(select(HariLibur.aktif).where(HariLibur.tanggal == date(tahun, 1, 1))) is False
        assert s.scalar(select(HariLibur.aktif).where(HariLibur.tanggal == date(tahun, 8, 17))) is True


def test_pengaturan_lists_every_setting_and_saves(app_env):
    at = _open(app_env, "pages/admin_pengaturan.py")
    assert not at.exception
    labels = [w.label for w in (*at.number_input, *at.text_input, *at.selectbox, *at.multiselect)]
    assert set(labels) == {label for _default, label in settings.DEFAULTS.values()}
    assert "Izin" not in at.multiselect(key="set_ketidakhadiran_mengurangi").value
    at.number_input(key="set_menit_per_hari").set_value(240)
    button(at, "Simpan").click().run()
    assert "Menit efektif per hari kerja" in polos(at.success[0].value)
    at.number_input(key="set_hari_tutup_bulan").set_value(40)
    button(at, "Simpan").click().run()
    assert "antara 1 dan 28" in polos(at.error[0].value)
    with session_scope(app_env.engine()) as s:
        assert settings.ambil(s, "menit_per_hari") == 240 and settings.ambil(s, "hari_tutup_bulan") == 5


def test_admin_pages_are_not_in_the_menu_of_others(app_env):
    at = login(app_env.org.kepala.nip)
    assert "Admin" not in menu(at)  # and the services refuse (tests/services/organisasi/test_referensi.py)
