"""Passwords, lockout and server-side login sessions.

Passwords are bcrypt hashes (the hasher streamlit-authenticator uses). Failed attempts and the lock
are stored on the account, so a restart does not unlock it. The browser cookie only names a
:class:`SesiLogin`; logout and a password change revoke sessions, so an old cookie stops working.
"""

from __future__ import annotations

import os
import secrets
import string
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NoReturn, overload

import bcrypt
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, joinedload

from db.bulk import tabel
from db.models import Akun, Pegawai, SesiLogin
from services.platform import audit, masa_dinas, pembatas_login, settings
from services.platform.access import Actor, Operator, require_admin_or_operator
from services.platform.errors import TidakDitemukan, ValidationError
from services.platform.format import WIB
from services.platform.masukan import ada_kontrol

MIN_PASSWORD_LENGTH = 10
#: bcrypt reads at most 72 bytes (bcrypt 5 refuses more); a longer password is refused with this limit.
MAX_PASSWORD_BYTES = 72
GENERIC_LOGIN_ERROR = (
    "NIP atau password salah. Setelah beberapa kali salah, tunggu beberapa menit sebelum mencoba lagi."
)


def _sesi_baru(session: Session, akun: Akun, now: datetime) -> SesiLogin:
    """A new server-side session for the cookie to name, valid for the admin's ``lama_sesi_jam``."""
    sesi = SesiLogin(
        id=secrets.token_urlsafe(32),
        akun_id=akun.id,
        created_at=now,
        expires_at=now + timedelta(hours=settings.ambil(session, "lama_sesi_jam")),
    )
    session.add(sesi)
    return sesi


def _rounds() -> int:
    """bcrypt cost; lowered only by the test suite through SIPIJAR_BCRYPT_ROUNDS."""
    return int(os.environ.get("SIPIJAR_BCRYPT_ROUNDS", "12"))


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(_rounds())).decode()


def check_password(password: str, password_hash: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode(), password_hash.encode())
    except ValueError:
        return False


_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    """Checked against for an unknown NIP, so it costs as long as a wrong password."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None or not _DUMMY_HASH.startswith(f"$2b${_rounds():02d}$"):
        _DUMMY_HASH = hash_password(secrets.token_hex(16))
    return _DUMMY_HASH


def buat_password(length: int = 12) -> str:
    """A random initial password (letters and digits, no look-alikes)."""
    alphabet = "".join(c for c in string.ascii_letters + string.digits if c not in "0OoIl1")
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if any(c.isdigit() for c in candidate) and any(c.isalpha() for c in candidate):
            return candidate


def password_problem(password: str, nip: str) -> str | None:
    """The reason a new password is not acceptable, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Password minimal {MIN_PASSWORD_LENGTH} karakter."
    if len(password.encode("utf-8", "surrogatepass")) > MAX_PASSWORD_BYTES:
        return (
            f"Password paling banyak {MAX_PASSWORD_BYTES} byte: {MAX_PASSWORD_BYTES} huruf atau angka biasa; "
            "huruf beraksen dan emoji memakai 2–4 byte."
        )
    if ada_kontrol(password) or "\t" in password or "\n" in password or "\r" in password:
        return "Password tidak boleh memuat karakter kontrol (misalnya NUL atau baris baru)."
    if nip and nip in password:
        return "Password tidak boleh memuat NIP Anda."
    if password.isdigit():
        return "Password tidak boleh hanya berisi angka."
    return None


class LoginGagal(ValidationError):
    """Login refused; the message says why without telling which part was wrong."""


@dataclass(frozen=True)
class LoginBerhasil:
    pegawai_id: int
    nip: str
    nama: str
    sesi_id: str
    expires_at: datetime
    must_change_password: bool


def _now() -> datetime:
    return datetime.now(UTC)


@overload
def _aware(value: datetime) -> datetime: ...
@overload
def _aware(value: None) -> None: ...
def _aware(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; they were stored as UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _account_by_nip(session: Session, nip: str, hanya_aktif: bool = True) -> Akun | None:
    query = select(Akun).join(Pegawai, Akun.pegawai_id == Pegawai.id).where(Pegawai.nip == nip)
    return session.scalar(query.where(Pegawai.aktif) if hanya_aktif else query)


def jeda_akun(gagal: int, batas: int, maks_menit: int) -> timedelta | None:
    """The wait after ``gagal`` consecutive failures: none below ``batas``, then 1, 2, 4, 8 … minutes, never
    more than ``maks_menit`` (docs/domain.md §8.18)."""
    if gagal < batas:
        return None
    return timedelta(minutes=min(2 ** min(gagal - batas, 20), maks_menit))


def _gagal(
    session: Session, actor: Actor | None, akun_id: int | None, sesudah: dict, alamat: str | None, now: datetime
) -> NoReturn:
    """A failed attempt: counted for the client address and audited (for an unknown NIP too, so both paths
    write and commit alike), then the generic refusal."""
    pembatas_login.catat_gagal(alamat, now)
    audit.record(session, actor, "login_gagal", "akun", akun_id, None, {**sesudah, "alamat": alamat})
    session.commit()
    raise LoginGagal(GENERIC_LOGIN_ERROR)


def login(
    session: Session, nip: str, password: str, now: datetime | None = None, alamat: str | None = None
) -> LoginBerhasil:
    """Check NIP + password from the client ``alamat``. Unknown NIP, wrong password and an account waiting
    out its delay all give the same message after one bcrypt check; only the client address limit (which
    says nothing about any NIP) has its own message."""
    now = now or _now()
    tunggu = pembatas_login.tunggu(alamat, now)
    if tunggu is not None:
        check_password(password or "", _dummy_hash())
        raise LoginGagal(
            "Terlalu banyak percobaan login yang gagal dari perangkat atau jaringan ini. Coba lagi dalam "
            f"{max(1, int(tunggu.total_seconds() // 60) + 1)} menit."
        )
    nip = (nip or "").strip()
    # Accounts out of service too: their reason is told only after the right password (no NIP enumeration).
    akun = _account_by_nip(session, nip, hanya_aktif=False) if nip else None
    if akun is None:
        check_password(password or "", _dummy_hash())
        _gagal(session, None, None, {"nip": nip[:18]}, alamat, now)
    actor = Actor.of(akun.pegawai)
    locked_until = _aware(akun.locked_until)
    # During the delay only a client without failures in the window is checked at all (the owner, typically):
    # so an attacker's guesses lengthen the delay at most up to its cap and never lock the owner out.
    menunggu = locked_until is not None and locked_until > now
    if menunggu and (alamat is None or pembatas_login.jumlah_gagal(alamat, now) > 0):
        check_password(password or "", _dummy_hash())
        _gagal(session, actor, akun.id, {"ditunda_sampai": locked_until}, alamat, now)
    if not check_password(password or "", akun.password_hash):
        akun.failed_attempts += 1
        jeda = jeda_akun(
            akun.failed_attempts,
            settings.ambil(session, "batas_gagal_login"),
            settings.ambil(session, "lama_kunci_menit"),
        )
        if jeda is not None:
            akun.locked_until = now + jeda
            audit.record(session, actor, "akun_dikunci", "akun", akun.id, None, {"locked_until": akun.locked_until})
        _gagal(session, actor, akun.id, {"failed_attempts": akun.failed_attempts}, alamat, now)
    akun.failed_attempts = 0
    akun.locked_until = None
    akses = masa_dinas.akses_pada(session, akun.pegawai, now.astimezone(WIB).date())
    if not akses.boleh:
        audit.record(session, actor, "login_ditolak_berhenti", "akun", akun.id, None, {"alamat": alamat})
        session.commit()
        raise LoginGagal(akses.pesan or GENERIC_LOGIN_ERROR)
    akun.last_login_at = now
    sesi = _sesi_baru(session, akun, now)
    audit.record(session, actor, "login", "akun", akun.id)
    return LoginBerhasil(akun.pegawai_id, nip, akun.pegawai.nama, sesi.id, sesi.expires_at, akun.must_change_password)


def resume(session: Session, sesi_id: str, now: datetime | None = None) -> LoginBerhasil | None:
    """The login a cookie names, if that session is still valid (not revoked, not expired)."""
    now = now or _now()
    # One query on every page run (issue #20): the session, its account and the pegawai.
    baris = (
        session.execute(
            select(SesiLogin, Akun)
            .join(Akun, Akun.id == SesiLogin.akun_id)
            .options(joinedload(Akun.pegawai))
            .where(SesiLogin.id == sesi_id)
        ).first()
        if sesi_id
        else None
    )
    if baris is None:
        return None
    sesi, akun = baris
    if sesi.revoked_at is not None or _aware(sesi.expires_at) <= now:
        return None
    if not masa_dinas.akses_pada(session, akun.pegawai, now.astimezone(WIB).date()).boleh:
        return None
    return LoginBerhasil(
        akun.pegawai_id,
        akun.pegawai.nip,
        akun.pegawai.nama,
        sesi.id,
        _aware(sesi.expires_at),
        akun.must_change_password,
    )


def logout(session: Session, sesi_id: str, now: datetime | None = None) -> None:
    sesi = session.get(SesiLogin, sesi_id) if sesi_id else None
    if sesi is not None and sesi.revoked_at is None:
        sesi.revoked_at = now or _now()
        akun = session.get_one(Akun, sesi.akun_id)  # the session's foreign key keeps its account
        audit.record(session, Actor.of(akun.pegawai), "logout", "akun", akun.id)


def _revoke_all(session: Session, akun_id: int, now: datetime) -> None:
    session.execute(
        update(SesiLogin).where(SesiLogin.akun_id == akun_id, SesiLogin.revoked_at.is_(None)).values(revoked_at=now)
    )


def change_password(session: Session, actor: Actor, old_password: str, new_password: str, confirm: str) -> str:
    """The user's own change: checks the old password, applies the rules, revokes every session and
    returns a fresh session id for the browser that made the change."""
    now = _now()
    akun = session.scalar(select(Akun).where(Akun.pegawai_id == actor.pegawai_id))
    if akun is None:
        raise TidakDitemukan("Akun tidak ditemukan.")
    if not check_password(old_password or "", akun.password_hash):
        raise ValidationError("Password lama salah.")
    if new_password != confirm:
        raise ValidationError("Konfirmasi password baru tidak sama.")
    if new_password == old_password:
        raise ValidationError("Password baru harus berbeda dari password lama.")
    problem = password_problem(new_password, actor.nip)
    if problem:
        raise ValidationError(problem)
    akun.password_hash = hash_password(new_password)
    akun.must_change_password = False
    akun.password_changed_at = now
    _revoke_all(session, akun.id, now)
    sesi = _sesi_baru(session, akun, now)
    audit.record(session, actor, "ganti_password", "akun", akun.id)
    return sesi.id


def setel_password(
    session: Session, actor: Actor | Operator, nip: str, new_password: str, must_change: bool = True
) -> None:
    """An admin or the operator sets a password; every session is revoked."""
    require_admin_or_operator(actor)
    akun = _account_by_nip(session, nip)
    if akun is None:
        raise TidakDitemukan(f"Tidak ada akun aktif dengan NIP {nip}.")
    problem = password_problem(new_password, nip)
    if problem:
        raise ValidationError(problem)
    akun.password_hash = hash_password(new_password)
    akun.must_change_password = must_change
    akun.failed_attempts = 0
    akun.locked_until = None
    akun.password_changed_at = _now()
    _revoke_all(session, akun.id, _now())
    audit.record(session, actor, "atur_password", "akun", akun.id, None, {"nip": nip, "wajib_ganti": must_change})


def buka_kunci(session: Session, actor: Actor | Operator, nip: str) -> None:
    """An admin or the operator clears the failed attempts and the lock of an account."""
    require_admin_or_operator(actor)
    akun = _account_by_nip(session, nip)
    if akun is None:
        raise TidakDitemukan(f"Tidak ada akun aktif dengan NIP {nip}.")
    before = {"failed_attempts": akun.failed_attempts, "locked_until": akun.locked_until}
    akun.failed_attempts = 0
    akun.locked_until = None
    audit.record(
        session, actor, "buka_kunci_akun", "akun", akun.id, before, {"failed_attempts": 0, "locked_until": None}
    )


def buat_akun(
    session: Session,
    pegawai: Pegawai,
    password: str | None = None,
    password_hash: str | None = None,
    must_change: bool = True,
) -> Akun:
    """An account for a new pegawai (import, demo). Pass a ready hash to share one among many."""
    if not password_hash:
        if password is None:
            raise ValueError("buat_akun needs a password or its hash")
        password_hash = hash_password(password)
    akun = Akun(
        pegawai=pegawai,
        password_hash=password_hash,
        must_change_password=must_change,
        failed_attempts=0,
    )
    session.add(akun)
    return akun


def buat_akun_banyak(session: Session, akun: list[tuple[int, str]]) -> None:
    """:func:`buat_akun` for many pegawai at once — (pegawai_id, password_hash) each, to change at first
    login — in one set-wise INSERT (the import's accounts, issue #17)."""
    if akun:
        session.execute(
            insert(tabel(Akun)),
            [
                {"pegawai_id": pid, "password_hash": h, "must_change_password": True, "failed_attempts": 0}
                for pid, h in akun
            ],
        )
