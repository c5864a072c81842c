"""Backup during concurrent writes, restore, and every row committed before the backup is there."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from db.engine import make_engine
from db.models import AuditLog
from db.session import session_scope
from services.platform import audit, backup
from services.platform.access import Operator
from services.platform.errors import AksesDitolak, ValidationError

OPERATOR = Operator("operator-uji")


def _writer(engine, stop: threading.Event, committed: list[int]) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        with session_scope(engine) as s:
            audit.record(s, None, "uji_tulis", "uji", n)
        committed.append(n)


def test_backup_while_writing_then_restore_keeps_every_committed_row(engine, tmp_path):
    stop, committed = threading.Event(), []
    thread = threading.Thread(target=_writer, args=(engine, stop, committed))
    thread.start()
    try:
        time.sleep(0.3)
        before = len(committed)  # everything committed before the backup starts
        path = backup.backup(engine, OPERATOR, tmp_path / "cadangan.bak")
        time.sleep(0.2)
    finally:
        stop.set()
        thread.join()
    assert before > 0 and len(committed) > before  # writes really ran around the backup
    with session_scope(engine) as s:  # a row the backup does not have: restore must drop it
        s.execute(AuditLog.__table__.insert(), [{"aksi": "setelah_cadangan", "entitas": "uji"}])
    backup.restore(engine, OPERATOR, path)
    restored = make_engine(engine.url.render_as_string(hide_password=False))
    with session_scope(restored) as s:
        ids = {int(x) for x in s.scalars(select(AuditLog.entitas_id).where(AuditLog.aksi == "uji_tulis"))}
        assert set(range(1, before + 1)) <= ids
        assert ids == set(range(1, len(ids) + 1))  # a consistent snapshot: no holes
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.aksi == "setelah_cadangan")) == 0
    restored.dispose()


def test_backup_refuses_to_overwrite(engine, tmp_path):
    target = tmp_path / "ada.bak"
    target.write_text("lama")
    with pytest.raises(ValidationError, match="sudah ada"):
        backup.backup(engine, OPERATOR, target)
    assert target.read_text() == "lama"


def test_restore_refuses_a_file_that_is_not_a_backup(engine, tmp_path):
    junk = tmp_path / "bukan.bak"
    junk.write_bytes(b"ini bukan basis data")
    with pytest.raises(ValidationError):
        backup.restore(engine, OPERATOR, junk)
    with pytest.raises(ValidationError, match="tidak ditemukan"):
        backup.restore(engine, OPERATOR, tmp_path / "tidak-ada.bak")


def test_only_the_operator_backs_up_or_restores(engine, org, tmp_path):
    """Not a pegawai, not even an admin, and not no one: only the shell holds the whole database."""
    for nobody in (org.admin, None):
        with pytest.raises(AksesDitolak, match="Hanya operator server"):
            backup.backup(engine, nobody, tmp_path / "cadangan.bak")
        with pytest.raises(AksesDitolak, match="Hanya operator server"):
            backup.restore(engine, nobody, tmp_path / "cadangan.bak")
    assert not (tmp_path / "cadangan.bak").exists()
