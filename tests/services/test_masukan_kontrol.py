"""Issue #17 (3): control characters, zero-width text and long passphrases, on BOTH databases. A NUL byte
reached PostgreSQL as an uncaught ``psycopg.DataError``; text of only zero-width spaces was saved as if it
said something; a 74-byte passphrase crashed in bcrypt. Every free-text field of every form's service now
refuses them with an Indonesian message and changes nothing; tab and line breaks stay allowed."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from db.models import AktivitasHarian, AuditLog, Pegawai, RealisasiBulanan, UnitKerja
from db.session import session_scope
from services.aktivitas import harian, tutup_bulan, validasi
from services.evaluasi import umpan_balik
from services.organisasi import import_pegawai, ketidakhadiran, referensi, struktur
from services.platform import auth
from services.platform.errors import SipijarError, ValidationError
from services.platform.masukan import teks_bebas, teks_wajib
from tests.factories import PASSWORD, build_skp

HARI = date(2026, 7, 14)  # the day before the pinned today, in an open month
KONTROL = ["a\x00b", "\x00", "teks \x1b[31m merah", "x\x7f", "baris\x0bvertikal", "c1\x85c1"]
KOSONG = ["\u200b", "\u200b\u200c\u200d", "\ufeff ", " \u2060 "]


def _jumlah(engine) -> tuple[int, ...]:
    with session_scope(engine, readonly=True) as s:
        return tuple(
            s.scalar(select(func.count()).select_from(m))
            for m in (AktivitasHarian, AuditLog, Pegawai, RealisasiBulanan, UnitKerja)
        )


def _ditolak(engine, call) -> str:
    sebelum = _jumlah(engine)
    with pytest.raises(SipijarError) as info, session_scope(engine) as s:
        call(s)
    assert _jumlah(engine) == sebelum
    return info.value.message


@pytest.fixture
def siap(engine, org):
    """The staf's ditetapkan SKP and one activity waiting for the kasubbid's validation."""
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, 2026)
        data = harian.AktivitasInput(HARI, skp.rhk_ids[0], "Menyusun laporan", "1", "dokumen", time(8), time(9))
        aktivitas_id = harian.tambah(s, org.staf, data).id
    return skp, aktivitas_id


def _formulir(org, skp, aktivitas_id):
    """Each free-text field of a form's service, as a function of the text typed into it."""
    rhk, ind = skp.rhk_ids[0], skp.indikator_ids[0]

    def aktivitas(teks, satuan="dokumen"):
        data = harian.AktivitasInput(HARI, rhk, teks, "1", satuan, time(10), time(11))
        return lambda s: harian.tambah(s, org.staf, data)

    return {
        "uraian aktivitas": aktivitas,
        "satuan output": lambda t: aktivitas("Rapat", t),
        "sumber data": lambda t: (
            lambda s: umpan_balik.simpan_realisasi(s, org.staf, ind, 7, "1", t, ["https://x.go.id/a"], None)
        ),
        "alasan tolak": lambda t: lambda s: validasi.tolak(s, org.kasubbid, aktivitas_id, t),
        "keterangan hari libur": lambda t: lambda s: referensi.tambah_hari_libur(s, org.admin, date(2026, 8, 18), t),
        "nama unit kerja": lambda t: lambda s: struktur.tambah_unit(s, t),
        "alasan buka tutup bulan": lambda t: lambda s: tutup_bulan.buka(s, org.admin, 2026, 3, t),
    }


@pytest.mark.parametrize("bentuk", ["kontrol", "kosong"])
def test_every_free_text_refuses_control_and_invisible_text(engine, org, siap, bentuk):
    formulir = _formulir(org, *siap)
    for nama, isi in formulir.items():
        for teks in KONTROL if bentuk == "kontrol" else KOSONG:
            pesan = _ditolak(engine, isi(teks))
            assert ("karakter kontrol" if bentuk == "kontrol" else "wajib diisi") in pesan, (nama, teks, pesan)


def test_the_optional_keterangan_of_a_ketidakhadiran(engine, org):
    """Control characters refused; zero-width only is no keterangan at all (stored as nothing)."""

    def catat(teks, hari):
        data = ketidakhadiran.KetidakhadiranInput(org.staf.pegawai_id, "Dinas Luar", hari, hari, teks)
        return lambda s: ketidakhadiran.tambah(s, org.admin, data)

    for i, teks in enumerate(KONTROL):
        assert "karakter kontrol" in _ditolak(engine, catat(teks, date(2026, 8, 3 + i)))
    with session_scope(engine) as s:
        assert catat("\u200b\u200c", date(2026, 8, 20))(s).keterangan is None


def test_tab_and_line_breaks_stay_allowed(engine, org, siap):
    with session_scope(engine) as s:
        _formulir(org, *siap)["uraian aktivitas"]("Rapat\tkoordinasi\r\nbaris kedua")(s)
    with session_scope(engine) as s:
        umpan_balik.simpan_umpan_balik(s, org.kasubbid, siap[0].indikator_ids[0], 7, "\u200b", None)
        row = s.scalar(select(RealisasiBulanan).where(RealisasiBulanan.indikator_id == siap[0].indikator_ids[0]))
        assert row.umpan_balik is None  # zero-width only: nothing said, so nothing stored


PASSWORD_PANJANG = "Kata-sandi-panjang-" + "x" * 55  # 74 bytes: bcrypt's limit is 72


def test_a_passphrase_over_72_bytes_is_a_message_everywhere(engine, org):
    assert len(PASSWORD_PANJANG.encode()) == 74
    pesan = _ditolak(engine, lambda s: auth.setel_password(s, org.admin, org.staf.nip, PASSWORD_PANJANG))
    assert "72 byte" in pesan
    pesan = _ditolak(engine, lambda s: auth.change_password(s, org.staf, PASSWORD, PASSWORD_PANJANG, PASSWORD_PANJANG))
    assert "72 byte" in pesan
    emoji = "Rahasia-" + "😀" * 17  # 8 + 68 bytes, 25 characters
    assert "72 byte" in _ditolak(engine, lambda s: auth.setel_password(s, org.admin, org.staf.nip, emoji))
    assert "kontrol" in _ditolak(engine, lambda s: auth.setel_password(s, org.admin, org.staf.nip, "Rahasia\x00123"))
    tepat = "Rahasia-" + "y" * 64  # exactly 72 bytes: accepted and usable
    with session_scope(engine) as s:
        auth.setel_password(s, org.admin, org.staf.nip, tepat, must_change=False)
    with session_scope(engine) as s:
        assert auth.login(s, org.staf.nip, tepat).nip == org.staf.nip
    with session_scope(engine) as s:  # a longer one at login is a wrong password, not a crash
        with pytest.raises(auth.LoginGagal):
            auth.login(s, org.staf.nip, tepat + "zz")


def test_import_reports_control_characters_and_long_passwords_per_cell(engine, org):
    kepala = "nip,nama,jabatan,jenis_jabatan,unit_kerja,password\n"
    baris = [
        "199901012025011001,Nama\x00Pegawai,Staf,Pelaksana,Dinas Uji,Rahasia-2026-ok\n",
        f"199901012025011002,Pegawai Dua,Staf,Pelaksana,Dinas Uji,{PASSWORD_PANJANG}\n",
        "199901012025011003,\u200b\u200b,Staf,Pelaksana,Dinas Uji,Rahasia-2026-ok\n",
    ]
    with pytest.raises(import_pegawai.ImportDitolak) as info:
        import_pegawai.impor(engine, org.admin, (kepala + "".join(baris)).encode(), "p.csv")
    salah = {(k.baris, k.kolom): k.pesan for k in info.value.kesalahan}
    assert "kontrol" in salah[(2, "nama")]
    assert "72 byte" in salah[(3, "password")]
    assert "wajib diisi" in salah[(4, "nama")]


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(teks=st.text(max_size=60))
def test_text_checks_accept_only_storable_visible_text(teks):
    """Any text: a ValidationError, or a result without control characters that shows something."""
    for periksa in (lambda t: teks_bebas(t, "Teks", 50), lambda t: teks_wajib(t, "Teks", 50)):
        try:
            hasil = periksa(teks)
        except ValidationError as exc:
            assert exc.message.strip()
            continue
        assert hasil.strip("\u200b\u200c\u200d\u2060\ufeff \t\r\n") and len(hasil) <= 50
        assert not any(ord(c) < 32 and c not in "\t\r\n" for c in hasil)
        hasil.encode("utf-8")  # no lone surrogate: every database can store it
