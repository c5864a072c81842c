"""The data layer: engine and session factory, models, Alembic migrations."""
