"""Login after leaving service (docs/domain.md §8.31): the reason after the right password, the generic message
for a wrong one (no NIP enumeration); a pensiunan reads for ``akses_baca_pensiun_hari`` days (default 90)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from db.enums import JenisBerhenti
from db.models import Pegawai
from db.session import session_scope
from services.organisasi import status_pegawai
from services.platform import auth, masa_dinas, pembatas_login
from services.platform.errors import AksesDitolak
from tests.factories import PASSWORD

SEJAK = date(2026, 11, 2)
#: 08.00 UTC = 15.00 WIB on the given day
JAM = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
GAGAL = "^NIP atau password salah."


@pytest.fixture(autouse=True)
def _alamat_bersih():
    pembatas_login.lupakan_semua()
    yield
    pembatas_login.lupakan_semua()


def _pada(hari: date) -> datetime:
    return JAM.replace(year=hari.year, month=hari.month, day=hari.day)


def _keluar(engine, org, jenis: JenisBerhenti) -> None:
    with session_scope(engine) as s:
        status_pegawai.berhentikan(s, org.admin, org.staf.pegawai_id, jenis, SEJAK, SEJAK)


def _login(engine, org, hari: date, password: str = PASSWORD):
    with session_scope(engine) as s:
        return auth.login(s, org.staf.nip, password, now=_pada(hari))


@pytest.mark.parametrize(
    "jenis,pesan",
    [
        (
            JenisBerhenti.MENINGGAL,
            "Akun ini tidak dapat digunakan: pegawai tercatat meninggal dunia sejak 2 November 2026.",
        ),
        (
            JenisBerhenti.BERHENTI,
            "Akun ini tidak dapat digunakan lagi: Anda tercatat berhenti sebagai ASN sejak 2 November 2026. "
            "Hubungi Admin BKPSDM bila data ini keliru.",
        ),
        (
            JenisBerhenti.CLTN,
            "Akun ini tidak dapat digunakan selama Cuti di Luar Tanggungan Negara (sejak 2 November 2026). "
            "Admin BKPSDM mengaktifkannya kembali saat Anda kembali bertugas.",
        ),
        (
            JenisBerhenti.DIBERHENTIKAN_SEMENTARA,
            "Akun ini tidak dapat digunakan selama Anda diberhentikan sementara (sejak 2 November 2026). "
            "Admin BKPSDM mengaktifkannya kembali saat Anda kembali bertugas.",
        ),
    ],
)
def test_login_is_refused_with_the_reason_only_after_the_right_password(engine, org, jenis, pesan):
    _login(engine, org, SEJAK - timedelta(days=1))  # the day before: as usual
    _keluar(engine, org, jenis)
    with pytest.raises(auth.LoginGagal) as e:
        _login(engine, org, SEJAK)
    assert str(e.value) == pesan
    with pytest.raises(auth.LoginGagal, match=GAGAL):
        _login(engine, org, SEJAK, password="tebakan-salah")


def test_a_pensiunan_reads_for_90_days_then_is_refused(engine, org):
    """From 2 November 2026 + 90 days = 31 January 2027 the read window is over; 30 January is its last day."""
    _keluar(engine, org, JenisBerhenti.PENSIUN)
    login = _login(engine, org, date(2027, 1, 30))
    with session_scope(engine, readonly=True) as s:
        actor = masa_dinas.load_actor(s, login.pegawai_id, date(2027, 1, 30))
        assert actor.hanya_baca and actor.pegawai_id == org.staf.pegawai_id
        assert auth.resume(s, login.sesi_id, now=_pada(date(2027, 1, 30)) + timedelta(hours=1)) is not None
        assert auth.resume(s, login.sesi_id, now=_pada(date(2027, 1, 31))) is None
        with pytest.raises(AksesDitolak, match="masa akses baca dokumen berakhir pada 30 Januari 2027"):
            masa_dinas.load_actor(s, login.pegawai_id, date(2027, 1, 31))
    with pytest.raises(auth.LoginGagal) as e:
        _login(engine, org, date(2027, 1, 31))
    assert str(e.value) == "Anda pensiun sejak 2 November 2026; masa akses baca dokumen berakhir pada 30 Januari 2027."


def test_a_date_ahead_keeps_the_login_until_it_comes(engine, org):
    with session_scope(engine) as s:
        status_pegawai.berhentikan(s, org.admin, org.staf.pegawai_id, JenisBerhenti.BERHENTI, SEJAK, date(2026, 10, 1))
    assert _login(engine, org, SEJAK - timedelta(days=1)).pegawai_id == org.staf.pegawai_id
    with pytest.raises(auth.LoginGagal, match="berhenti sebagai ASN sejak 2 November 2026"):
        _login(engine, org, SEJAK)


def test_switched_off_without_a_reason_gets_the_generic_message(engine, org):
    with session_scope(engine) as s:
        s.get(Pegawai, org.staf.pegawai_id).aktif = False
    with pytest.raises(auth.LoginGagal, match=GAGAL):
        _login(engine, org, SEJAK)
    with session_scope(engine, readonly=True) as s, pytest.raises(AksesDitolak, match="^Akun tidak aktif.$"):
        masa_dinas.load_actor(s, org.staf.pegawai_id, SEJAK)
