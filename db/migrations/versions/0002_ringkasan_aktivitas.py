"""ringkasan aktivitas per pegawai and month, kept by triggers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

Capaian, the Rekap TPP and the Dasbor read the month's minutes per pegawai from ``ringkasan_aktivitas``
instead of summing the activity rows (db/ringkasan_aktivitas.py): the table, its triggers on
``aktivitas_harian``, and the summary of the activities already there.
"""
from alembic import op
import sqlalchemy as sa

from db import ringkasan_aktivitas

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'ringkasan_aktivitas',
        sa.Column('tahun', sa.Integer(), nullable=False),
        sa.Column('bulan', sa.Integer(), nullable=False),
        sa.Column('pegawai_id', sa.Integer(), nullable=False),
        sa.Column('jumlah', sa.Integer(), nullable=False),
        sa.Column('jumlah_menunggu', sa.Integer(), nullable=False),
        sa.Column('menit_tervalidasi', sa.Integer(), nullable=False),
        sa.Column('menit_menunggu', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_ringkasan_aktivitas_pegawai_id_pegawai')),
        sa.PrimaryKeyConstraint('tahun', 'bulan', 'pegawai_id', name=op.f('pk_ringkasan_aktivitas')),
        sqlite_with_rowid=False,
    )
    bind = op.get_bind()
    ringkasan_aktivitas.bangun_ulang(bind)
    ringkasan_aktivitas.pasang_pemicu(bind)


def downgrade() -> None:
    ringkasan_aktivitas.lepas_pemicu(op.get_bind())
    op.drop_table('ringkasan_aktivitas')
