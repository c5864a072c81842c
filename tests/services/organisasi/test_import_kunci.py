"""Issue #17 (2): an import no longer locks savers out. Before, 1,000 new accounts were hashed (262 s)
inside the import's write transaction, and every Simpan on SQLite failed with "database is locked". Now
the hashing runs before the write transaction: a writer thread saving every 100 ms gets through WHILE the
passwords are hashed, and every save succeeds. The hashing is made slow on purpose (a sleep per hash), so
the window is long whatever the machine's speed; the assertions count saves, they time nothing tight."""

from __future__ import annotations

import threading
import time

from sqlalchemy import func, select

from db.models import Akun, Pegawai
from db.session import session_scope
from services.organisasi import import_pegawai
from services.platform import auth
from tests.bench.kunci import Penyimpan, csv_pegawai_baru


def test_saves_go_through_while_an_import_hashes_passwords(engine, org, monkeypatch):
    asli = auth.hash_password
    jendela: list[float] = []
    kunci = threading.Lock()

    def hash_lambat(password: str) -> str:
        mulai = time.perf_counter()
        time.sleep(0.1)
        hasil = asli(password)
        with kunci:
            jendela.extend((mulai, time.perf_counter()))
        return hasil

    monkeypatch.setattr(auth, "hash_password", hash_lambat)
    data = csv_pegawai_baru(engine, 40)
    with session_scope(engine, readonly=True) as s:
        sebelum = s.scalar(select(func.count()).select_from(Pegawai))

    with Penyimpan(engine, org.admin) as penyimpan:
        hasil = import_pegawai.impor(engine, org.admin, data, "baru.csv")

    assert hasil.dibuat == 40 and len(hasil.kredensial) == 40
    with session_scope(engine, readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(Pegawai)) == sebelum + 40
        baru = select(Pegawai.id).where(Pegawai.nip.in_([k.nip for k in hasil.kredensial]))
        assert s.scalar(select(func.count()).select_from(Akun).where(Akun.pegawai_id.in_(baru))) == 40
    # every save succeeded, and some committed while the passwords were being hashed: the import held
    # no write lock then (40 hashes of 0.1 s on at most 8 threads: a window of 0.5 s or more).
    assert penyimpan.hasil.galat == []
    assert penyimpan.hasil.selesai_antara(min(jendela), max(jendela)) >= 1
    assert penyimpan.hasil.maks < 10  # generous: the write phase of 40 rows is short


def test_the_cli_import_still_writes_the_credentials_before_the_commit(engine, org, tmp_path, monkeypatch):
    """``sebelum_commit`` runs inside the write transaction: when it fails, nothing is imported."""
    data = csv_pegawai_baru(engine, 3)

    def gagal(_hasil) -> None:
        raise OSError("disk penuh")

    with session_scope(engine, readonly=True) as s:
        sebelum = s.scalar(select(func.count()).select_from(Pegawai))
    try:
        import_pegawai.impor(engine, org.admin, data, "baru.csv", sebelum_commit=gagal)
    except OSError:
        pass
    with session_scope(engine, readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(Pegawai)) == sebelum
