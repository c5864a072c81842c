"""The regency under load: a generated database kept under ``data/loadtest/`` (generated once, copied for
each deployment so a run never sees the saves of the one before), and real logins for the virtual users.

Logins go through the services as a person's would: the operator sets each user's password
(``auth.setel_password``), the user logs in (``auth.login``, a server-side session), and the browser's
cookie names that session, signed with the deployment's cookie key exactly as ``components.auth`` signs it.
The passwords are hashed with a low bcrypt cost (SIPIJAR_BCRYPT_ROUNDS) so 400 logins take seconds; the
server checks the stored hash at whatever cost it carries."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import jwt
from sqlalchemy import create_engine, exists, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import aliased

from components.auth import COOKIE_NAME
from db.engine import make_engine
from db.models import Akun, Pegawai
from db.session import session_scope
from services.platform import auth
from services.platform.access import Operator

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "data" / "loadtest"
PASSWORD = "BebanUji-" + "x7" * 4


@dataclass(frozen=True)
class Pengguna:
    """One virtual user: who they are (to check the page is theirs) and the cookie of their login."""

    nip: str
    nama: str
    atasan: bool
    cookie: str
    peran: str = "pegawai"  # for the one-user-alone table: atasan, pimpinan, admin


def regency(pegawai: int, bulan: int, folder: Path = CACHE) -> Path:
    """The generated SQLite regency (``sipijar generate``) of today, its months ending today: made on first
    use and kept in ``folder`` for the day (the one of an earlier day is removed)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"regency-{pegawai}x{bulan}-{date.today():%Y%m%d}.db"
    for lama in folder.glob(f"regency-{pegawai}x{bulan}-*.db"):
        if lama != path:
            lama.unlink()
    if not path.exists():
        partial = path.with_suffix(".partial.db")
        partial.unlink(missing_ok=True)
        env = {**os.environ, "SIPIJAR_DATABASE_URL": f"sqlite:///{partial}"}
        cmd = [sys.executable, str(ROOT / "cli.py"), "generate", "--pegawai", str(pegawai), "--bulan", str(bulan)]
        subprocess.run(cmd, env=env, check=True, cwd=ROOT)
        partial.rename(path)
    return path


def salin_sqlite(sumber: Path, tujuan: Path) -> str:
    """A fresh copy of the regency for one deployment; returns its URL."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tujuan}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(sumber, tujuan)
    return f"sqlite:///{tujuan}"


def salin_postgresql(sumber: Path, admin_url: str, nama: str) -> str:
    """The regency on PostgreSQL: loaded once into the template database ``<nama>_templat`` (kept between
    runs), then copied (CREATE DATABASE … TEMPLATE) into ``nama`` for this run; returns its URL."""
    url = make_url(admin_url)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    templat = f"{nama}_templat_{sumber.stem.replace('-', '_')}"
    try:
        awalan = templat.rsplit("_", 1)[0] + "_"  # the same regency generated on an earlier day
        with admin.connect() as conn:
            for (lama,) in conn.execute(
                text("SELECT datname FROM pg_database WHERE starts_with(datname, :a)"), {"a": awalan}
            ):
                if lama != templat:
                    conn.execute(text(f'DROP DATABASE "{lama}" WITH (FORCE)'))
            ada = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": templat})
        if not ada:
            _muat_postgresql(sumber, url, templat, admin)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{nama}" TEMPLATE "{templat}"'))
    finally:
        admin.dispose()
    return url.set(database=nama).render_as_string(hide_password=False)


def _muat_postgresql(sumber: Path, url, templat: str, admin) -> None:
    """Generate the same regency (same seed, same size) straight into PostgreSQL: COPY is faster than
    moving the SQLite rows over."""
    pegawai, bulan = (int(x) for x in sumber.stem.split("-")[1].split("x"))  # regency-<p>x<b>-<date>
    sementara = f"{templat}_sedang"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{sementara}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{sementara}"'))
    env = {**os.environ, "SIPIJAR_DATABASE_URL": url.set(database=sementara).render_as_string(hide_password=False)}
    cmd = [sys.executable, str(ROOT / "cli.py"), "generate", "--pegawai", str(pegawai), "--bulan", str(bulan)]
    subprocess.run(cmd, env=env, check=True, cwd=ROOT)
    with admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{sementara}" RENAME TO "{templat}"'))


def hapus_postgresql(admin_url: str, nama: str) -> None:
    admin = create_engine(make_url(admin_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)'))
    finally:
        admin.dispose()


def kunci_cookie() -> str:
    return "beban-uji-" + secrets.token_urlsafe(32)


def pengguna(db_url: str, jumlah: int, kunci: str, porsi_atasan: float = 0.2) -> list[Pengguna]:
    """``jumlah`` pegawai in service with an account (no admin, no Kepala Daerah), about ``porsi_atasan`` of
    them atasan of at least one bawahan, logged in through the services."""
    os.environ.setdefault("SIPIJAR_BCRYPT_ROUNDS", "4")
    engine = make_engine(db_url)
    bawahan = aliased(Pegawai)
    punya_bawahan = exists().where(bawahan.atasan_id == Pegawai.id, bawahan.aktif)
    dasar = (
        select(Pegawai.nip, Pegawai.nama)
        .join(Akun, Akun.pegawai_id == Pegawai.id)
        .where(Pegawai.aktif, ~Pegawai.is_admin, ~Pegawai.is_kepala_daerah, ~Pegawai.is_pimpinan)
        .order_by(Pegawai.id)
    )
    n_atasan = max(1, round(jumlah * porsi_atasan)) if jumlah > 1 else 0
    try:
        with session_scope(engine) as s:
            atasan = list(s.execute(dasar.where(punya_bawahan).limit(n_atasan)))
            biasa = list(s.execute(dasar.where(~punya_bawahan).limit(jumlah - len(atasan))))
            operator = Operator("beban-uji")
            for nip, _nama in atasan + biasa:
                auth.setel_password(s, operator, nip, PASSWORD, must_change=False)
        hasil = [
            _masuk(engine, nip, nama, kunci, adalah_atasan, "atasan" if adalah_atasan else "pegawai")
            for daftar, adalah_atasan in ((atasan, True), (biasa, False))
            for nip, nama in daftar
        ]
    finally:
        engine.dispose()
    # Interleaved, so that the first N of the list hold atasan in the same proportion for every N.
    hasil.sort(key=lambda p: (not p.atasan, p.nip))
    atasan_saja = [p for p in hasil if p.atasan]
    biasa_saja = [p for p in hasil if not p.atasan]
    langkah = max(1, round(1 / porsi_atasan)) if atasan_saja else 0
    urut: list[Pengguna] = []
    while atasan_saja or biasa_saja:
        if atasan_saja and (not biasa_saja or len(urut) % langkah == 0):
            urut.append(atasan_saja.pop(0))
        elif biasa_saja:
            urut.append(biasa_saja.pop(0))
    return urut


def pengguna_peran(db_url: str, kunci: str) -> list[Pengguna]:
    """The first pimpinan (the Sekda: the whole regency's Dasbor) and the first admin BKPSDM, logged in: the
    one-user-alone measurement walks their menus too (Dasbor, Rekap TPP, Monitoring, Audit Log … of 10,000)."""
    os.environ.setdefault("SIPIJAR_BCRYPT_ROUNDS", "4")
    engine = make_engine(db_url)
    dasar = select(Pegawai.nip, Pegawai.nama).join(Akun, Akun.pegawai_id == Pegawai.id).where(Pegawai.aktif)
    try:
        with session_scope(engine) as s:
            pilihan = [
                (s.execute(dasar.where(syarat).order_by(Pegawai.id).limit(1)).one(), peran)
                for syarat, peran in ((Pegawai.is_pimpinan, "pimpinan"), (Pegawai.is_admin, "admin"))
            ]
            for (nip, _nama), _peran in pilihan:
                auth.setel_password(s, Operator("beban-uji"), nip, PASSWORD, must_change=False)
        return [_masuk(engine, nip, nama, kunci, True, peran) for (nip, nama), peran in pilihan]
    finally:
        engine.dispose()


def _masuk(engine, nip: str, nama: str, kunci: str, atasan: bool, peran: str) -> Pengguna:
    with session_scope(engine) as s:
        login = auth.login(s, nip, PASSWORD)
    return Pengguna(nip, nama, atasan, _cookie(login, kunci), peran)


def _cookie(login: auth.LoginBerhasil, kunci: str) -> str:
    """The browser's cookie as ``components.auth.SesiCookie`` writes it."""
    exp = (datetime.now() + timedelta(days=30)).timestamp()
    token = jwt.encode({"username": login.nip, "sid": login.sesi_id, "exp_date": exp}, kunci, algorithm="HS256")
    return f"{COOKIE_NAME}={token}"
