"""Migration 0005 backfills the pokok history: a database migrated before the history existed keeps every
month's TPP, because each pegawai's pokok becomes one row in force since 2000-01-01 (docs/domain.md §8.26)."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import text

from db.migrate import alembic_config


def test_upgrade_to_0005_gives_each_pegawai_with_a_pokok_one_early_row(db_url, tmp_path):
    from db.engine import make_engine

    engine = make_engine(db_url)
    cfg = alembic_config(db_url)
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0004")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO unit_kerja (id, nama, path, level) VALUES (1, 'Unit', '/1/', 0)"))
            for pid, pokok in ((1, 3_100_000), (2, 0)):
                conn.execute(
                    text(
                        "INSERT INTO pegawai (id, nip, nama, jabatan, jenis_jabatan, unit_kerja_id, "
                        "pimpinan_unit_kerja_mandiri, tpp_pokok, is_admin, is_pimpinan, aktif, version_id) "
                        "VALUES (:id, :nip, 'P', 'Analis', 'Pelaksana', 1, false, :tpp, false, false, true, 1)"
                    ),
                    {"id": pid, "nip": f"{pid:018d}", "tpp": pokok},
                )
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT pegawai_id, berlaku_mulai, jumlah, sumber FROM tpp_pokok_riwayat")).all()
        # Rp0 needs no row: no row means Rp0.
        assert [(r[0], str(r[1]), r[2], r[3]) for r in rows] == [(1, str(date(2000, 1, 1)), 3_100_000, "awal")]
    finally:
        engine.dispose()
