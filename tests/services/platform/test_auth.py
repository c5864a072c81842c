"""Login: lockout persisted in the database, generic errors, sessions revoked by logout and by a
password change, password rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from db.models import Akun, AuditLog
from db.session import session_scope
from services.platform import auth, pembatas_login, settings
from services.platform.access import Operator
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import PASSWORD

T0 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)

OPERATOR = Operator("operator-uji")


def _login(engine, nip, password, now=T0):
    with session_scope(engine) as s:
        return auth.login(s, nip, password, now=now)


def test_correct_password_opens_a_session(engine, org):
    ok = _login(engine, org.staf.nip, PASSWORD)
    assert ok.pegawai_id == org.staf.pegawai_id and ok.nama == "Staf Uji"
    with session_scope(engine) as s:
        assert auth.resume(s, ok.sesi_id, now=T0 + timedelta(hours=1)).pegawai_id == org.staf.pegawai_id


GAGAL = "^NIP atau password salah. Setelah beberapa kali salah, tunggu beberapa menit sebelum mencoba lagi.$"


@pytest.fixture(autouse=True)
def _alamat_bersih():
    """The per-address counter lives in memory: every test starts with none."""
    pembatas_login.lupakan_semua()
    yield
    pembatas_login.lupakan_semua()


@pytest.mark.parametrize("nip,password", [("199999999999999999", PASSWORD), (None, "x"), ("", "")])
def test_unknown_nip_gets_the_same_message_as_a_wrong_password(engine, org, nip, password):
    with pytest.raises(auth.LoginGagal, match=GAGAL):
        _login(engine, nip, password)
    with pytest.raises(auth.LoginGagal, match=GAGAL):
        _login(engine, org.staf.nip, "salah-sekali")


def test_an_unknown_nip_and_a_real_one_answer_alike_through_the_delay(engine, org):
    """Issue #17: the fifth wrong password on a real NIP said "Akun dikunci", an unknown NIP never did. Now
    twelve wrong attempts on each give the same answers, and both are audited."""
    jawaban = {}
    for nip in (org.staf.nip, "199999999999999999"):
        jawaban[nip] = []
        for i in range(12):
            with pytest.raises(auth.LoginGagal) as err:
                _login(engine, nip, f"salah-{i}", T0 + timedelta(seconds=i))
            jawaban[nip].append(err.value.message)
    assert jawaban[org.staf.nip] == jawaban["199999999999999999"]
    with session_scope(engine) as s:
        gagal = list(s.scalars(select(AuditLog).where(AuditLog.aksi == "login_gagal")))
    assert len(gagal) == 24
    assert sum('"nip": "199999999999999999"' in (g.sesudah or "") for g in gagal) == 12


def test_wrong_passwords_delay_the_account_progressively_even_with_the_right_one(engine, org):
    """batas_gagal_login 5, lama_kunci_menit 15: the 5th consecutive failure delays 1 minute, the 6th 2, the
    7th 4, the 8th 8, the 9th and later 15 (the cap). During a delay, the same client is refused even with
    the right password and its attempts do not lengthen the delay."""
    t = T0
    for i in range(4):
        with pytest.raises(auth.LoginGagal, match=GAGAL):
            _login(engine, org.staf.nip, f"salah-{i}", t)
    for menit in (1, 2, 4, 8, 15, 15):
        with pytest.raises(auth.LoginGagal, match=GAGAL):
            _login(engine, org.staf.nip, "salah-lagi", t)
        with session_scope(engine) as s:
            akun = s.scalar(select(Akun).where(Akun.pegawai_id == org.staf.pegawai_id))
            assert auth._aware(akun.locked_until) == t + timedelta(minutes=menit)
        # The lock lives in the database: a new engine (a restarted app) still sees it, and guesses during
        # it (even the right password) are refused without lengthening it.
        engine.dispose()
        with pytest.raises(auth.LoginGagal, match=GAGAL):
            _login(engine, org.staf.nip, PASSWORD, t + timedelta(minutes=menit) - timedelta(seconds=1))
        t = t + timedelta(minutes=menit)
    assert _login(engine, org.staf.nip, PASSWORD, t).pegawai_id == org.staf.pegawai_id
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.aksi == "akun_dikunci")) == 6
        akun = s.scalar(select(Akun).where(Akun.pegawai_id == org.staf.pegawai_id))
        assert (akun.failed_attempts, akun.locked_until) == (0, None)


def test_an_attacker_cannot_lock_the_owner_out(engine, org):
    """An attacker guessing the atasan's password from one address for an hour: the owner, from their own
    address, logs in with the right password in the middle of it."""
    with session_scope(engine) as s:
        settings.setel(s, org.admin, "batas_gagal_login", 3)
    for menit in range(0, 60, 3):
        with pytest.raises(auth.LoginGagal):
            with session_scope(engine) as s:
                auth.login(s, org.kasubbid.nip, "tebakan", now=T0 + timedelta(minutes=menit), alamat="203.0.113.66")
    with session_scope(engine) as s:
        akun = s.scalar(select(Akun).where(Akun.pegawai_id == org.kasubbid.pegawai_id))
        assert auth._aware(akun.locked_until) > T0 + timedelta(minutes=57)  # the account is in a delay
        ok = auth.login(s, org.kasubbid.nip, PASSWORD, now=T0 + timedelta(minutes=58), alamat="10.8.0.7")
    assert ok.pegawai_id == org.kasubbid.pegawai_id


def test_one_address_is_limited_whatever_the_nips(engine, org):
    """20 failures from one address in 15 minutes (on any NIPs, real or not) make that address wait; another
    address is not affected; the window passes."""
    for i in range(pembatas_login.BATAS_PER_ALAMAT):
        nip = org.staf.nip if i % 2 else f"19999999999999{i:04d}"
        with pytest.raises(auth.LoginGagal, match=GAGAL), session_scope(engine) as s:
            auth.login(s, nip, "salah", now=T0 + timedelta(seconds=i), alamat="198.51.100.9")
    with pytest.raises(auth.LoginGagal, match="^Terlalu banyak percobaan login .* Coba lagi dalam 15 menit.$"):
        with session_scope(engine) as s:
            auth.login(s, org.kabid.nip, PASSWORD, now=T0 + timedelta(seconds=30), alamat="198.51.100.9")
    with session_scope(engine) as s:
        assert auth.login(s, org.kabid.nip, PASSWORD, now=T0 + timedelta(seconds=31), alamat="198.51.100.10")
    with session_scope(engine) as s:
        later = T0 + timedelta(minutes=15, seconds=20)
        assert auth.login(s, org.kabid.nip, PASSWORD, now=later, alamat="198.51.100.9")


def test_admin_unlock_ends_the_delay(engine, org):
    for i in range(5):
        with pytest.raises(auth.LoginGagal):
            _login(engine, org.staf.nip, f"salah-{i}")
    with session_scope(engine) as s:
        auth.buka_kunci(s, org.admin, org.staf.nip)
    assert _login(engine, org.staf.nip, PASSWORD, T0 + timedelta(seconds=1)).pegawai_id == org.staf.pegawai_id


@pytest.mark.parametrize(
    "gagal,menit", [(0, None), (4, None), (5, 1), (6, 2), (7, 4), (8, 8), (9, 15), (50, 15), (10_000, 15)]
)
def test_jeda_akun_doubles_up_to_the_cap(gagal, menit):
    assert auth.jeda_akun(gagal, 5, 15) == (None if menit is None else timedelta(minutes=menit))


def test_lock_limit_is_an_admin_setting(engine, org):
    with session_scope(engine) as s:
        settings.setel(s, org.admin, "batas_gagal_login", 2)
    with pytest.raises(auth.LoginGagal, match=GAGAL):
        _login(engine, org.staf.nip, "salah-1")
    with pytest.raises(auth.LoginGagal, match=GAGAL):
        _login(engine, org.staf.nip, "salah-2")
    with session_scope(engine) as s:
        akun = s.scalar(select(Akun).where(Akun.pegawai_id == org.staf.pegawai_id))
        assert auth._aware(akun.locked_until) == T0 + timedelta(minutes=1)  # the 2nd failure delays


def test_logout_revokes_the_session_the_cookie_names(engine, org):
    ok = _login(engine, org.staf.nip, PASSWORD)
    with session_scope(engine) as s:
        auth.logout(s, ok.sesi_id)
    with session_scope(engine) as s:
        assert auth.resume(s, ok.sesi_id) is None


def test_expired_session_does_not_resume(engine, org):
    ok = _login(engine, org.staf.nip, PASSWORD)
    with session_scope(engine) as s:
        assert auth.resume(s, ok.sesi_id, now=T0 + timedelta(hours=13)) is None


def test_password_change_revokes_every_other_session(engine, org):
    first = _login(engine, org.staf.nip, PASSWORD)
    second = _login(engine, org.staf.nip, PASSWORD)
    with session_scope(engine) as s:
        fresh = auth.change_password(s, org.staf, PASSWORD, "Baru-sekali-2026", "Baru-sekali-2026")
    with session_scope(engine) as s:
        assert auth.resume(s, first.sesi_id) is None
        assert auth.resume(s, second.sesi_id) is None
        assert auth.resume(s, fresh).pegawai_id == org.staf.pegawai_id
    with pytest.raises(auth.LoginGagal):
        _login(engine, org.staf.nip, PASSWORD)
    assert _login(engine, org.staf.nip, "Baru-sekali-2026").must_change_password is False


@pytest.mark.parametrize(
    "old,new,confirm,message",
    [
        ("keliru-lama-1", "Baru-sekali-2026", "Baru-sekali-2026", "Password lama salah."),
        (PASSWORD, "Baru-sekali-2026", "Baru-sekali-2027", "Konfirmasi password baru tidak sama."),
        (PASSWORD, "pendek1", "pendek1", "minimal 10 karakter"),
        (PASSWORD, "1234567890123", "1234567890123", "hanya berisi angka"),
        (PASSWORD, PASSWORD, PASSWORD, "harus berbeda"),
    ],
)
def test_password_change_refusals_change_nothing(engine, org, old, new, confirm, message):
    with pytest.raises(ValidationError, match=message):
        with session_scope(engine) as s:
            auth.change_password(s, org.staf, old, new, confirm)
    assert _login(engine, org.staf.nip, PASSWORD).pegawai_id == org.staf.pegawai_id


def test_password_may_not_contain_the_nip(engine, org):
    with pytest.raises(ValidationError, match="NIP"):
        with session_scope(engine) as s:
            auth.change_password(s, org.staf, PASSWORD, f"x{org.staf.nip}", f"x{org.staf.nip}")


def test_set_password_forces_a_change_and_unlocks(engine, org):
    for i in range(5):
        with pytest.raises(auth.LoginGagal):
            _login(engine, org.staf.nip, f"salah-{i}")
    with session_scope(engine) as s:
        auth.setel_password(s, OPERATOR, org.staf.nip, "Sementara-2026")
    ok = _login(engine, org.staf.nip, "Sementara-2026")
    assert ok.must_change_password is True


def test_only_admin_sets_or_unlocks_other_passwords(engine, org):
    with pytest.raises(AksesDitolak):
        with session_scope(engine) as s:
            auth.setel_password(s, org.kabid, org.staf.nip, "Sementara-2026")
    with pytest.raises(AksesDitolak):
        with session_scope(engine) as s:
            auth.buka_kunci(s, org.kabid, org.staf.nip)
    with session_scope(engine) as s:
        auth.buka_kunci(s, org.admin, org.staf.nip)


def test_passwords_are_stored_as_bcrypt_hashes(engine, org):
    with session_scope(engine) as s:
        stored = s.scalar(select(Akun.password_hash).where(Akun.pegawai_id == org.staf.pegawai_id))
    assert stored.startswith("$2b$") and PASSWORD not in stored


def test_unknown_nip_takes_as_long_as_a_wrong_password(engine, org, monkeypatch):
    """No timing oracle for which NIPs exist: both paths pay one bcrypt check of the same cost."""
    import time

    monkeypatch.setenv("SIPIJAR_BCRYPT_ROUNDS", "9")
    with session_scope(engine) as s:
        settings.setel(s, org.admin, "batas_gagal_login", 100)
        auth.setel_password(s, OPERATOR, org.staf.nip, "Lebih-mahal-2026", must_change=False)  # a cost-9 hash

    def timed(nip: str) -> float:
        start = time.perf_counter()
        with pytest.raises(auth.LoginGagal):
            _login(engine, nip, "bukan-ini-passwordnya")
        return time.perf_counter() - start

    timed("199999999999999999")  # warm the dummy hash
    # Alternated, and the fastest of each: on a busy machine other work only ever adds time, and a burst of
    # it then slows both paths instead of one.
    pairs = [(timed("199999999999999999"), timed(org.staf.nip)) for _ in range(7)]
    unknown, wrong = min(u for u, _ in pairs), min(w for _, w in pairs)
    assert 0.5 < unknown / wrong < 2.0, (unknown, wrong)
    assert unknown > 0.01  # a real bcrypt check happened (cost 9 ≈ 30 ms), not a shortcut
