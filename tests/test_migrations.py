"""The models and the migrations agree: Alembic's autogenerate, run against a freshly migrated database,
finds nothing to change (on SQLite, and on PostgreSQL when SIPIJAR_TEST_DATABASE_URL is set). A model
changed without a migration, or a migration that drifted from the models, fails here."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from db.models import Base

#: Made by the migrations only, on purpose: PostgreSQL's prefix index for ``path LIKE 'x/%'`` (raw SQL with
#: varchar_pattern_ops in 0001_initial_schema; SQLite has no such index and the models do not declare it).
ONLY_IN_MIGRATIONS = {("index", "ix_unit_kerja_path_pattern")}


def _compared(_object, name, type_, reflected, compare_to) -> bool:
    return not (reflected and compare_to is None and (type_, name) in ONLY_IN_MIGRATIONS)


def test_autogenerate_against_a_migrated_database_finds_no_difference(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True, "include_object": _compared}
        )
        assert compare_metadata(context, Base.metadata) == []
