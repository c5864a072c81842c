"""Issue #17 (3): every form survives every input. Each page of the menu, as the role that uses it, gets hostile
text in every text field and the extreme of every number field; then each of its buttons is pressed in a run of
its own. No run may end in an uncaught exception (AppTest records one in ``at.exception``): a refusal is a
message on the page. A new form, or a new button on an old one, is covered without writing a test for it, so a
new crash anywhere fails the suite.

The texts are what broke the first version: a NUL byte (PostgreSQL refuses it), text made only of zero-width
characters (looks empty), bidi and control characters, 5,000 characters (past every column), and a 74-byte
passphrase (past bcrypt's 72 bytes)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from db.enums import StatusAktivitas
from db.session import session_scope
from services.platform.kalender import hari_ini
from tests.app.conftest import buka_semua, keadaan_tab, login, menu
from tests.factories import add_aktivitas, build_draft, build_jpt_draft, build_skp

#: One hostile text per kind; each page is tried with each.
TEKS = {
    "nul-dan-kontrol": "Rapat\x00koordinasi\x07\u202e terbalik",
    "hanya-lebar-nol": "\u200b\u200c\u2060\ufeff",
    "sangat-panjang": "Menyusun laporan " + "x" * 5000,
    "sandi-74-byte": "kata sandi yang panjang sekali é" + "z" * 40,
}

#: The role that uses each menu page, in the state where its forms show: the staf logs on a ditetapkan SKP, the
#: fungsional plans a draft, the atasan validates, the JPT writes a Perjanjian Kinerja, the admin runs the regency.
PERAN_HALAMAN = {
    "staf": ("Beranda", "Penilai Pegawai", "Aktivitas Harian", "Umpan Balik Berkelanjutan", "Ganti Password",
             "Notifikasi"),
    "fungsional": ("Periode SKP", "Rencana SKP"),
    "kasubbid": ("Matriks Peran Hasil", "Validasi", "Evaluasi Kinerja"),
    "kepala": ("Perjanjian Kinerja", "Rencana SKP", "Dasbor Capaian", "Penetapan Predikat Organisasi"),
    "admin": ("Pegawai dan Akun", "Plt dan Plh", "Rekap TPP", "Ketidakhadiran", "Tutup Bulan", "Data Referensi",
              "Pengaturan", "Monitoring", "Audit Log", "Pengingat"),
}  # fmt: skip

#: Buttons that leave the page's forms behind (they are covered by their own tests).
BUKAN_FORMULIR = {"Log out"}
#: Buttons a first press brings up (a form, a confirmation) that are pressed in turn, at most this many.
KEDALAMAN_DUA = 8


def _buka(at: AppTest, path: str, nip: str, tab: dict[str, str]) -> None:
    """Open the page on the tabs ``tab`` (key → label; the others on their first) and every expander drawn only
    while open; a field asking for a NIP gets a real one (the staf's), so what it opens shows too."""
    for kunci, label in tab.items():
        at.session_state[kunci] = label
    at.switch_page(path).run()
    buka_semua(at)
    cari = [w for w in at.text_input if "NIP" in w.label and not w.disabled]
    for widget in cari:
        widget.input(nip)
    if cari:
        at.run()


def _isi(at: AppTest, teks: str) -> None:
    """Hostile text in every text field but the NIP ones, the largest allowed number in every number field."""
    for widget in (*at.text_input, *at.text_area):
        if not widget.disabled and "NIP" not in widget.label:
            widget.input(teks)
    for angka in at.number_input:
        if not angka.disabled:
            angka.set_value(angka.max if angka.max is not None else 10**15)


def _data(app_env) -> None:
    today = hari_ini()
    org = app_env.org
    with session_scope(app_env.engine()) as s:
        kabid = build_skp(s, org.kabid, today.year)
        build_skp(s, org.kasubbid, today.year)
        staf = build_skp(s, org.staf, today.year)
        add_aktivitas(s, org.staf, staf, today, "08:00", "09:00", StatusAktivitas.MENUNGGU)
        build_draft(s, org.fungsional, today.year, kabid.rhk_ids[0])
        build_jpt_draft(s, org.kepala, today.year)


def _halaman(masuk: str, path: str, nip: str, tab: dict[str, str]) -> AppTest:
    at = login(masuk)
    _buka(at, path, nip, tab)
    return at


def _tombol(at: AppTest) -> list:
    return [b for b in at.button if b.label not in BUKAN_FORMULIR and not b.disabled]


def _tekan(at: AppTest, path: str, nip: str, tab: dict[str, str], nomor: int, teks: str, konteks: tuple) -> bool:
    """Open the page on ``tab``, fill it, press its ``nomor``-th button; False when the page has no such button
    now."""
    _buka(at, path, nip, tab)
    tombol = _tombol(at)
    if nomor >= len(tombol):
        return False
    _isi(at, teks)
    label = tombol[nomor].label
    tombol[nomor].click().run()
    assert not at.exception, (*konteks, label, [e.value for e in at.exception][:1])
    return True


@pytest.mark.parametrize("peran", list(PERAN_HALAMAN))
def test_every_form_of_every_page_survives_hostile_input(app_env, peran):
    _data(app_env)
    actor = getattr(app_env.org, peran)
    at = login(actor.nip)
    assert not at.exception
    judul_menu = {judul for bagian in menu(at).values() for judul in bagian}
    assert set(PERAN_HALAMAN[peran]) <= judul_menu, sorted(judul_menu)
    ditekan, nip = 0, app_env.org.staf.nip
    for judul in PERAN_HALAMAN[peran]:
        path = f"pages/{_file(judul)}"
        semua_tombol = []
        for tab, at in keadaan_tab(lambda tab, path=path: _halaman(actor.nip, path, nip, tab)):
            assert not at.exception, (judul, tab, [e.value for e in at.exception])
            awal = [b.label for b in _tombol(at)]
            semua_tombol += awal
            for nomor in range(len(awal)):
                for nama, teks in TEKS.items():
                    at = login(actor.nip)  # each press from a fresh session: no state left by the previous one
                    if not _tekan(at, path, nip, tab, nomor, teks, (judul, tab, nama)):
                        break
                    ditekan += 1
                    # What the press brought up (a form, a confirmation): pressed in turn, filled the same way.
                    baru = [i for i, b in enumerate(_tombol(at)) if b.label not in awal][:KEDALAMAN_DUA]
                    for kedua in baru:
                        ditekan += _tekan(at, path, nip, tab, kedua, teks, (judul, tab, awal[nomor], nama))
        assert semua_tombol or judul in TANPA_TOMBOL, f"{judul}: no button to press; the data no longer shows its forms"
    assert ditekan


#: Pages without a button here: they only read (filters are selectboxes, exports download buttons), or, for
#: Tutup Bulan, act on a month chosen from a list once its calendar is confirmed (its own tests press those).
TANPA_TOMBOL = {"Beranda", "Dasbor Capaian", "Rekap TPP", "Tutup Bulan", "Monitoring", "Audit Log"}


def _file(judul: str) -> str:
    return {
        "Beranda": "beranda.py",
        "Periode SKP": "periode_skp.py",
        "Penilai Pegawai": "penilai_pegawai.py",
        "Rencana SKP": "rencana_skp.py",
        "Aktivitas Harian": "aktivitas_harian.py",
        "Umpan Balik Berkelanjutan": "umpan_balik.py",
        "Ganti Password": "ganti_password.py",
        "Matriks Peran Hasil": "matriks_peran_hasil.py",
        "Validasi": "validasi.py",
        "Evaluasi Kinerja": "evaluasi_kinerja.py",
        "Perjanjian Kinerja": "perjanjian_kinerja.py",
        "Dasbor Capaian": "dasbor_capaian.py",
        "Penetapan Predikat Organisasi": "penetapan_predikat.py",
        "Pegawai dan Akun": "admin_pegawai.py",
        "Plt dan Plh": "admin_plt.py",
        "Rekap TPP": "admin_rekap_tpp.py",
        "Ketidakhadiran": "admin_ketidakhadiran.py",
        "Tutup Bulan": "admin_tutup_bulan.py",
        "Data Referensi": "admin_referensi.py",
        "Pengaturan": "admin_pengaturan.py",
        "Monitoring": "admin_monitoring.py",
        "Audit Log": "admin_audit.py",
        "Pengingat": "admin_pengingat.py",
        "Notifikasi": "notifikasi.py",
    }[judul]


def _forms(at: AppTest) -> list:
    return [node for node in at._tree if getattr(node, "type", None) == "form"]


@pytest.mark.parametrize("peran", list(PERAN_HALAMAN))
def test_no_form_of_any_page_wipes_what_was_typed_when_refused(app_env, peran):
    """Issue #16 (5): a refused submit keeps what was typed. Streamlit's ``clear_on_submit`` empties a form on
    every submit, refused or not, so no form may use it; an input form empties after a success only
    (components.ui.kunci_form)."""
    _data(app_env)
    masuk, nip = getattr(app_env.org, peran).nip, app_env.org.staf.nip
    dilihat = 0
    for judul in PERAN_HALAMAN[peran]:
        path = f"pages/{_file(judul)}"
        for tab, at in keadaan_tab(lambda tab, path=path: _halaman(masuk, path, nip, tab)):
            menghapus = [f.proto.form.form_id for f in _forms(at) if f.proto.form.clear_on_submit]
            assert not menghapus, (judul, tab, menghapus)
            dilihat += len(_forms(at))
    assert dilihat
