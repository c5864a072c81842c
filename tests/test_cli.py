"""The ``sipijar`` command: exit codes, Indonesian messages, the credentials file written once with
mode 0600, and no tracebacks for domain errors."""

from __future__ import annotations

import csv
import io
import stat

import pytest
from sqlalchemy import func, select

import cli
from db.engine import make_engine
from db.migrate import current_revision
from db.models import Akun, AuditLog, Pegawai
from db.session import session_scope
from services.platform import auth
from tests.services.organisasi.test_import_pegawai import _nip, _one, organisation, write_csv


@pytest.fixture
def database(db_url, monkeypatch):
    """The CLI finds its database the way the operator's shell gives it: SIPIJAR_DATABASE_URL."""
    monkeypatch.setenv("SIPIJAR_DATABASE_URL", db_url)
    return db_url


def _read(db_url, query):
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:
            return s.scalar(query)
    finally:
        engine.dispose()


def test_db_upgrade_migrates_an_empty_database(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'baru.db'}"
    monkeypatch.setenv("SIPIJAR_DATABASE_URL", url)
    assert cli.main(["db", "upgrade"]) == 0
    assert "diperbarui" in capsys.readouterr().out
    engine = make_engine(url)
    assert current_revision(engine) is not None
    engine.dispose()


def test_import_writes_the_credentials_file_once_with_mode_0600(database, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    source = write_csv(tmp_path / "pegawai.csv", organisation())
    assert cli.main(["import-pegawai", str(source)]) == 0
    out = capsys.readouterr().out
    assert "Impor selesai: 100 pegawai baru, 0 diperbarui (0 mutasi), 0 tidak berubah." in out
    [written] = list(tmp_path.glob("credentials-*.csv"))
    assert str(written.resolve()) in out
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    with open(written, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 100 and rows[0]["nip"] == _nip(0)
    engine = make_engine(database)
    with session_scope(engine) as s:
        assert auth.login(s, rows[7]["nip"], rows[7]["password"]).must_change_password is True
    engine.dispose()

    assert cli.main(["import-pegawai", str(source)]) == 0
    assert "100 tidak berubah" in capsys.readouterr().out
    assert list(tmp_path.glob("credentials-*.csv")) == [written]


def test_credentials_file_does_not_turn_names_into_formulas(database, tmp_path):
    out = tmp_path / "k.csv"
    source = write_csv(tmp_path / "a.csv", _one(nama="=cmd|' /C calc'!A0"))
    assert cli.main(["import-pegawai", str(source), "--credentials-out", str(out)]) == 0
    with open(out, encoding="utf-8-sig", newline="") as f:
        names = [row["nama"] for row in csv.DictReader(f)]
    assert names == ["Kepala", "Kabid", "'=cmd|' /C calc'!A0"]


def test_import_never_overwrites_a_credentials_file(database, tmp_path, capsys):
    existing = tmp_path / "kredensial.csv"
    existing.write_text("punya orang lain")
    source = write_csv(tmp_path / "pegawai.csv", _one())
    assert cli.main(["import-pegawai", str(source), "--credentials-out", str(existing)]) == 1
    assert "sudah ada" in capsys.readouterr().err
    assert existing.read_text() == "punya orang lain"
    assert _read(database, select(Pegawai.id).limit(1)) is None


def test_bad_file_exits_1_and_prints_every_row_error(database, tmp_path, capsys):
    rows = organisation()
    rows[5]["nip"] = rows[5]["nip"][:17]
    rows[30]["jenis_jabatan"] = "Honorer"
    out = tmp_path / "kredensial.csv"
    assert cli.main(["import-pegawai", str(write_csv(tmp_path / "x.csv", rows)), "--credentials-out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "Baris 7, kolom nip: NIP harus 18 digit angka." in captured.err
    assert "Baris 32, kolom jenis_jabatan:" in captured.err
    assert "Traceback" not in captured.err and captured.out == ""
    assert not out.exists()
    assert _read(database, select(Pegawai.id).limit(1)) is None


def test_import_with_efektif_date_and_nothing_new_writes_no_credentials(database, tmp_path, capsys):
    source = write_csv(
        tmp_path / "a.csv",
        _one(password="Awal-Rahasia-2026"),
        ["nip", "nama", "jabatan", "jenis_jabatan", "unit_kerja", "nip_atasan", "password"],
    )
    out = tmp_path / "k.csv"
    assert cli.main(["import-pegawai", str(source), "--efektif", "2026-07-01", "--credentials-out", str(out)]) == 0
    assert out.exists()  # two rows had no password
    capsys.readouterr()
    again = tmp_path / "k2.csv"
    assert cli.main(["import-pegawai", str(source), "--efektif", "2026-07-01", "--credentials-out", str(again)]) == 0
    assert "tidak ada berkas kredensial" in capsys.readouterr().out
    assert not again.exists()


def test_bad_efektif_date_is_refused_by_the_parser(database, tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["import-pegawai", "x.csv", "--efektif", "1-7-2026"])
    assert info.value.code == 2 and "YYYY-MM-DD" in capsys.readouterr().err


def _import_org(tmp_path) -> None:
    assert (
        cli.main(
            ["import-pegawai", str(write_csv(tmp_path / "a.csv", _one())), "--credentials-out", str(tmp_path / "k.csv")]
        )
        == 0
    )


def test_set_password_from_stdin(database, tmp_path, monkeypatch, capsys):
    _import_org(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("Operator-Setel-2026\n"))
    assert cli.main(["user", "set-password", _nip(3), "--password-stdin", "--tetap"]) == 0
    assert "sudah diatur" in capsys.readouterr().out
    engine = make_engine(database)
    with session_scope(engine) as s:
        assert auth.login(s, _nip(3), "Operator-Setel-2026").must_change_password is False
    engine.dispose()


def test_set_password_prompts_twice_and_refuses_a_mismatch(database, tmp_path, monkeypatch, capsys):
    _import_org(tmp_path)
    answers = iter(["Operator-Setel-2026", "Operator-Lain-2026"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": next(answers))
    assert cli.main(["user", "set-password", _nip(3)]) == 1
    assert capsys.readouterr().err.strip() == "Kedua password tidak sama."


@pytest.mark.parametrize(
    "argv,stdin,message",
    [
        (["user", "set-password", _nip(3), "--password-stdin"], "pendek\n", "Password minimal 10 karakter."),
        (  # issue #17: 74 bytes crashed in bcrypt; now the limit is said
            ["user", "set-password", _nip(3), "--password-stdin"],
            "Kata-sandi-panjang-" + "x" * 55 + "\n",
            "Password paling banyak 72 byte: 72 huruf atau angka biasa; huruf beraksen dan emoji memakai 2–4 byte.",
        ),
        (
            ["user", "set-password", _nip(9), "--password-stdin"],
            "Operator-Setel-2026\n",
            f"Tidak ada akun aktif dengan NIP {_nip(9)}.",
        ),
        (["user", "unlock", _nip(9)], "", f"Tidak ada akun aktif dengan NIP {_nip(9)}."),
    ],
)
def test_account_errors_are_one_line_without_traceback(database, tmp_path, monkeypatch, capsys, argv, stdin, message):
    _import_org(tmp_path)
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert cli.main(argv) == 1
    assert capsys.readouterr().err.strip() == message


def test_unlock_clears_the_lock(database, tmp_path, capsys):
    _import_org(tmp_path)
    engine = make_engine(database)
    for i in range(5):
        with pytest.raises(auth.LoginGagal):
            with session_scope(engine) as s:
                auth.login(s, _nip(3), f"salah-{i}")
    engine.dispose()
    assert _read(database, select(Akun.locked_until).join(Pegawai).where(Pegawai.nip == _nip(3))) is not None
    assert cli.main(["user", "unlock", _nip(3)]) == 0
    assert f"Kunci akun {_nip(3)} sudah dibuka." in capsys.readouterr().out
    assert _read(database, select(Akun.locked_until).join(Pegawai).where(Pegawai.nip == _nip(3))) is None


def test_the_audit_log_names_the_operator_at_the_shell(database, tmp_path, monkeypatch, capsys):
    """``sudo sipijar …`` names the user behind sudo; the import, the password and the unlock all do."""
    monkeypatch.setenv("SUDO_USER", "budi")
    _import_org(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("Operator-Setel-2026\n"))
    assert cli.main(["user", "set-password", _nip(3), "--password-stdin"]) == 0
    assert cli.main(["user", "unlock", _nip(3)]) == 0
    for aksi in ("impor_pegawai_baru", "impor_unit_kerja_baru", "atur_password", "buka_kunci_akun"):
        row = select(AuditLog.operator, AuditLog.actor_id, AuditLog.actor_nip).where(AuditLog.aksi == aksi).limit(1)
        engine = make_engine(database)
        with session_scope(engine) as s:
            assert tuple(s.execute(row).one()) == ("budi", None, None), aksi
        engine.dispose()


def test_without_sudo_the_operator_is_the_logged_in_user(database, tmp_path, monkeypatch):
    monkeypatch.delenv("SUDO_USER", raising=False)
    monkeypatch.setattr("getpass.getuser", lambda: "sri")
    _import_org(tmp_path)
    assert _read(database, select(AuditLog.operator).where(AuditLog.aksi == "impor_pegawai_baru")) == "sri"


def test_seed_demo_fills_an_empty_database_once(database, capsys):
    assert cli.main(["seed-demo"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Data demo dimuat:") and "Admin BKPSDM" in out
    pegawai = _read(database, select(func.count()).select_from(Pegawai))
    assert cli.main(["seed-demo"]) == 0
    assert "sudah berisi data pegawai; data demo tidak dimuat" in capsys.readouterr().out
    assert _read(database, select(func.count()).select_from(Pegawai)) == pegawai


def test_no_command_shows_usage(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main([])
    assert info.value.code == 2 and "PERINTAH" in capsys.readouterr().err
