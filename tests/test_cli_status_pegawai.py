"""``sipijar user terapkan-berhenti``: exits whose date has come switch ``aktif`` off, once (docs/domain.md §8.31)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

import cli
from db.engine import make_engine
from db.models import Pegawai
from db.session import session_scope
from services.platform.kalender import hari_ini
from tests.factories import build_org


def test_terapkan_berhenti_switches_off_the_due_exits_once(db_url, monkeypatch, capsys):
    monkeypatch.setenv("SIPIJAR_DATABASE_URL", db_url)
    engine = make_engine(db_url)
    try:
        with session_scope(engine) as s:
            org = build_org(s)
            s.get(Pegawai, org.staf.pegawai_id).tanggal_berhenti = hari_ini()
            s.get(Pegawai, org.fungsional.pegawai_id).tanggal_berhenti = hari_ini() + timedelta(days=1)
        assert cli.main(["user", "terapkan-berhenti"]) == 0
        assert cli.main(["user", "terapkan-berhenti"]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out == [
            "1 pegawai yang tanggal berhentinya sudah tiba kini nonaktif.",
            "0 pegawai yang tanggal berhentinya sudah tiba kini nonaktif.",
        ]
        with session_scope(engine, readonly=True) as s:
            aktif = dict(s.execute(select(Pegawai.id, Pegawai.aktif)).tuples().all())
        assert (aktif[org.staf.pegawai_id], aktif[org.fungsional.pegawai_id]) == (False, True)
    finally:
        engine.dispose()
