"""`sipijar generate`, `backup` and `restore` as an operator types them."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

import cli
from db.engine import make_engine
from db.models import AktivitasHarian, Pegawai
from db.session import session_scope
from tests.conftest import ORDINARY_DAY


@pytest.fixture
def db_env(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'operasi.db'}"
    monkeypatch.setenv("SIPIJAR_DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    return url


def _counts(url) -> tuple[int, int]:
    engine = make_engine(url)
    with session_scope(engine) as s:
        result = (
            s.scalar(select(func.count()).select_from(Pegawai)),
            s.scalar(select(func.count()).select_from(AktivitasHarian)),
        )
    engine.dispose()
    return result


def test_generate_backup_restore_round_trip(db_env, tmp_path, capsys, monkeypatch, time_machine):
    time_machine.move_to(ORDINARY_DAY)  # the generated month runs up to today: on 1 January it has no hari kerja
    assert cli.main(["generate", "--pegawai", "40", "--bulan", "1", "--seed", "7"]) == 0
    out = capsys.readouterr().out
    assert "40 pegawai" in out and "password: Sintetis7" in out
    before = _counts(db_env)
    assert before[0] == 40 and before[1] > 0

    assert cli.main(["backup", str(tmp_path / "cadangan.db")]) == 0
    assert "Cadangan basis data ditulis" in capsys.readouterr().out
    assert cli.main(["backup", str(tmp_path / "cadangan.db")]) == 1  # never overwrites
    assert "sudah ada" in capsys.readouterr().err

    engine = make_engine(db_env)
    with session_scope(engine) as s:
        s.query(AktivitasHarian).delete()
    engine.dispose()
    assert _counts(db_env)[1] == 0

    monkeypatch.setattr("sys.stdin", io.StringIO("tidak\n"))
    assert cli.main(["restore", str(tmp_path / "cadangan.db")]) == 1  # not confirmed: nothing changes
    assert _counts(db_env)[1] == 0
    assert cli.main(["restore", str(tmp_path / "cadangan.db"), "--ya"]) == 0
    assert _counts(db_env) == before


def test_generate_refuses_a_database_with_pegawai(db_env, capsys):
    assert cli.main(["generate", "--pegawai", "20", "--bulan", "1"]) == 0
    capsys.readouterr()
    assert cli.main(["generate", "--pegawai", "20", "--bulan", "1"]) == 1
    assert capsys.readouterr().err.strip()
