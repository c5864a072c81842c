"""audit_log names the operator

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

The ``sipijar`` command acts as an operator (the person at the server's shell, services/platform/access.py),
not as a pegawai: their system user name goes into ``audit_log.operator``. Adding a nullable column fires
none of the append-only triggers, and the rows written before keep NULL (shown as "sistem").
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('audit_log', sa.Column('operator', sa.String(length=100), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+) keeps the append-only triggers a batch copy would lose.
    op.drop_column('audit_log', 'operator')
