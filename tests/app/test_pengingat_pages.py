"""Notifikasi (everyone), the admin's Pengingat screen, and the reminder's link into Validasi — before and after a
login (docs/domain.md §8.36)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from db.enums import KanalPengingat
from db.models import BerhentiPengingat, Notifikasi, Pegawai
from db.session import session_scope
from services.pengingat.kirim import kirim_pengingat
from services.platform.access import Operator
from services.platform.format import WIB
from tests.app.conftest import button, login, new_app, pilih_pegawai, pilih_tab, polos
from tests.factories import PASSWORD, build_skp
from tests.pengingat_uji import ServerSmtp, menunggu_di_juli, setel


def _tautan(at) -> list[str]:
    return [str(link.proto.label) for link in at.get("page_link")]


def test_the_notification_list_shows_counts_marks_read_and_saves_the_channels(app_env):
    org = app_env.org
    with session_scope(app_env.engine()) as s:
        for judul in ("Aktivitas **ditolak** [klik](http://jahat.example)", "Capaian Juni 2026"):
            s.add(
                Notifikasi(
                    pegawai_id=org.staf.pegawai_id, jenis="uji", judul=judul, teks="Isi", tautan="/aktivitas-harian"
                )
            )
    at = login(org.staf.nip)
    assert "Notifikasi belum dibaca: 2" in _tautan(at)
    at.switch_page("pages/notifikasi.py").run()
    assert not at.exception and [t.value for t in at.title] == ["Notifikasi"]
    judul = [m.value for m in at.markdown if m.value.startswith("**Baru**")]
    assert [polos(j) for j in judul] == [
        "**Baru** · **Capaian Juni 2026**",
        "**Baru** · **Aktivitas **ditolak** [klik](http://jahat.example)**",
    ]
    assert "\\[klik\\]\\(http" in judul[1]  # the notice's text is inert: no link, no bold
    assert _tautan(at).count("Buka") == 2

    button(at, "Tandai semua sudah dibaca").click().run()
    assert polos(at.success[0].value) == "2 notifikasi ditandai sudah dibaca."
    assert not [m for m in at.markdown if m.value.startswith("**Baru**")]
    assert not any(t.startswith("Notifikasi belum dibaca") for t in _tautan(login(org.staf.nip)))

    at.checkbox(key="notif_kanal_EMAIL").uncheck()
    button(at, "Simpan").click().run()
    assert polos(at.success[0].value) == "Pilihan pengingat tersimpan."
    with session_scope(app_env.engine(), readonly=True) as s:
        assert list(s.scalars(select(BerhentiPengingat.kanal))) == [KanalPengingat.EMAIL]


def test_the_admin_screen_previews_lists_runs_and_failures_and_sends_a_test(app_env, time_machine):
    time_machine.move_to(datetime(2026, 8, 5, 10, tzinfo=WIB))
    org, engine = app_env.org, app_env.engine()
    menunggu_di_juli(engine, org)
    at = login(org.admin.nip)
    at.switch_page("pages/admin_pengingat.py").run()
    assert not at.exception and [t.value for t in at.title] == ["Pengingat"]
    assert any("Server SMTP: belum diatur" in t.value for t in at.text)
    button(at, "Kirim uji ke e-mail saya").click().run()
    assert "Server SMTP belum diisi pada Pengaturan" in polos(at.error[0].value)

    assert "Cari penerima dengan NIP atau namanya" in at.info[0].value  # nothing chosen yet
    at.text_input(key="pengingat_penerima_cari").input("Kasub").run()  # a search, not 10,000 names
    assert at.selectbox(key="pengingat_penerima_pilih").options == [f"Kasubbid Uji — NIP {org.kasubbid.nip}"]
    pratinjau = [t.value for t in at.text]
    assert any("1 bawahan, 2 aktivitas, 0 SKP menunggu; ditutup hari ini, 5 Agustus 2026" in t for t in pratinjau)
    at.text_input(key="pengingat_penerima_cari").input(org.admin.nip).run()
    assert "Tidak ada pengingat untuk pegawai ini" in at.info[0].value

    with ServerSmtp() as smtp:
        with session_scope(engine) as s:
            setel(s, **smtp.pengaturan())
            s.get_one(Pegawai, org.kasubbid.pegawai_id).email = "kasubbid@uji.example"
        smtp.tolak = 1
        kirim_pengingat(engine, Operator("budi"))
    at = login(org.admin.nip)
    at.switch_page("pages/admin_pengingat.py").run()
    assert "Pengiriman gagal (1)" in [t.label for t in at.tabs]
    runs = pilih_tab(at, "Run terakhir").dataframe[0].value  # only the open tab is drawn
    gagal = pilih_tab(at, "Pengiriman gagal (1)").dataframe[0].value
    assert list(runs["Oleh"]) == ["operator budi"] and list(runs["Terkirim"]) == [3] and list(runs["Gagal"]) == [1]
    assert list(gagal["Penerima"]) == [f"Kasubbid Uji — NIP {org.kasubbid.nip}"] and list(gagal["Kanal"]) == ["E-mail"]
    engine.dispose()


def _dua_bawahan(app_env) -> None:
    """Kabid rates kasubbid and fungsional; both have a ditetapkan SKP."""
    with session_scope(app_env.engine()) as s:
        build_skp(s, app_env.org.kasubbid, date.today().year)
        build_skp(s, app_env.org.fungsional, date.today().year)


def test_the_reminder_s_link_opens_validasi_on_that_bawahan(app_env):
    _dua_bawahan(app_env)
    org = app_env.org
    at = login(org.kabid.nip)
    at.switch_page("pages/validasi.py").run()
    pilihan = pilih_pegawai(at)
    assert len(pilihan.options) == 2
    lain = next(p for p in (org.fungsional, org.kasubbid) if p.pegawai_id != pilihan.value)
    at.query_params["nip"] = lain.nip
    at.switch_page("pages/validasi.py").run()
    assert not at.exception and pilih_pegawai(at).value == lain.pegawai_id


def test_the_link_survives_the_login(app_env):
    _dua_bawahan(app_env)
    org = app_env.org
    for bawahan in (org.fungsional, org.kasubbid):
        at = new_app()
        at.query_params["nip"] = bawahan.nip
        at.run()
        assert [t.value for t in at.title] == ["SIPIJAR"]  # the login page
        at.text_input(key="login_nip").input(org.kabid.nip)
        at.text_input(key="login_password").input(PASSWORD)
        at.button[0].click().run()
        assert not at.exception
        assert [t.value for t in at.title] == ["Validasi"]
        assert pilih_pegawai(at).value == bawahan.pegawai_id
