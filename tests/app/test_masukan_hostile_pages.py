"""Issue #17 (2, 3): what the pages show for hostile input. Admin → Pegawai dan Akun → Impor caught only
``ImportDitolak``: an unreadable file (Windows-1252 CSV, random bytes named .xlsx, a zip bomb) gave the
error page. A SQLite "database is locked" was a traceback. Each now is a message on the page, and the
run raises nothing (AppTest records an uncaught exception in ``at.exception``).

AppTest cannot upload a file, so ``st.file_uploader`` is replaced by one returning the given bytes."""

from __future__ import annotations

import io
import os
import sqlite3
import zipfile
from dataclasses import dataclass

import pytest
import streamlit
from sqlalchemy.exc import OperationalError
from streamlit.testing.v1 import AppTest

from components import ui
from tests.app.conftest import button, login, polos


@dataclass
class _Berkas:
    name: str
    data: bytes

    def getvalue(self) -> bytes:
        return self.data


def _bom_kecil() -> bytes:
    """An XLSX whose shared strings unpack to 60 MB (over the 50 MB limit) from about 60 KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            for _ in range(60):
                f.write(b"A" * 1024 * 1024)
    return out.getvalue()


BERKAS = {
    "cp1252.csv": (
        "nip;nama;jabatan;jenis_jabatan;unit_kerja\n199001012010011001;Bénédicte;Staf;Pelaksana;Dinas\n".encode(
            "cp1252"
        ),
        "UTF-8",
    ),
    "acak.xlsx": (os.urandom(3000), "tidak dapat dibaca"),
    "bom.xlsx": (_bom_kecil(), "terlalu besar"),
    "nul.csv": (
        b"nip,nama,jabatan,jenis_jabatan,unit_kerja\n199001012010011001,A\x00B,Staf,Pelaksana,Dinas\n",
        "kontrol",
    ),
}


@pytest.mark.parametrize("nama", list(BERKAS))
def test_import_page_shows_a_message_for_an_unreadable_file(app_env, monkeypatch, nama):
    data, pesan = BERKAS[nama]
    monkeypatch.setattr(streamlit, "file_uploader", lambda *_a, **_k: _Berkas(nama, data))
    at = login(app_env.org.admin.nip)
    at.switch_page("pages/admin_pegawai.py").run()
    button(at, "Impor").click()
    at.run()
    assert not at.exception
    teks = " ".join(polos(e.value) for e in at.error) + " " + " ".join(str(d.value) for d in at.dataframe)
    assert pesan in teks, teks


def _halaman_terkunci(kali: int) -> None:
    """A page whose action finds the database locked ``kali`` times, then succeeds."""
    import sqlite3 as _sqlite3

    import streamlit as st
    from sqlalchemy.exc import OperationalError as _OperationalError

    from components.ui import jalankan, show_flash
    from db.engine import make_engine

    st.session_state.setdefault("percobaan", 0)
    show_flash()

    def aksi(_session):
        st.session_state["percobaan"] += 1
        if st.session_state["percobaan"] <= kali:
            raise _OperationalError("INSERT", {}, _sqlite3.OperationalError("database is locked"))
        return None

    if st.button("Simpan"):
        jalankan(make_engine("sqlite://"), aksi, "Tersimpan.")


def test_a_locked_database_is_retried_once_then_a_message(monkeypatch):
    monkeypatch.setattr(ui.time, "sleep", lambda _s: None)
    sekali = AppTest.from_function(_halaman_terkunci, kwargs={"kali": 1}).run()
    sekali.button[0].click().run()
    assert not sekali.exception and [polos(s.value) for s in sekali.success] == ["Tersimpan."]
    assert sekali.session_state["percobaan"] == 2

    selalu = AppTest.from_function(_halaman_terkunci, kwargs={"kali": 99}).run()
    selalu.button[0].click().run()
    assert not selalu.exception and not selalu.success
    assert [polos(e.value) for e in selalu.error] == [ui.PESAN_SIBUK]
    assert selalu.session_state["percobaan"] == 2


def test_other_database_errors_are_not_hidden():
    from db.session import terkunci

    assert terkunci(OperationalError("x", {}, sqlite3.OperationalError("database is locked")))
    assert not terkunci(OperationalError("x", {}, sqlite3.OperationalError("no such table: pegawai")))
    assert not terkunci(ValueError("database is locked"))


HOSTILE_TEKS = {
    "nul": ("Rapat\x00koordinasi", "karakter kontrol"),
    "escape": ("Rapat \x1b[31m", "karakter kontrol"),
    "zero-width": ("\u200b\u200b\u200b", "wajib diisi"),
    "c1": ("Rapat\x85koordinasi", "karakter kontrol"),
}


@pytest.mark.parametrize("kasus", list(HOSTILE_TEKS))
def test_tambah_aktivitas_page_refuses_hostile_text_with_a_message(app_env, kasus):
    from db.session import session_scope
    from services.platform.kalender import hari_ini
    from tests.factories import build_skp

    teks, pesan = HOSTILE_TEKS[kasus]
    with session_scope(app_env.engine()) as s:
        build_skp(s, app_env.org.staf, hari_ini().year)
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/aktivitas_harian.py").run()
    at.text_area[0].input(teks)
    at.text_input(key=[w.key for w in at.text_input if w.label == "Satuan output"][0]).input("Laporan")
    button(at, "Simpan").click().run()
    assert not at.exception and not at.success
    assert any(pesan in polos(e.value) for e in at.error), [polos(e.value) for e in at.error]
