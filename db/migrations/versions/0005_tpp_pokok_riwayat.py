"""tpp pokok riwayat

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05

TPP pokok with effective dates (issue #13, docs/domain.md §8.26): each pegawai's pokok from ``berlaku_mulai``
until the next row's date. Every pegawai with a pokok gets one row dated 2000-01-01 (sumber 'awal'), early
enough for all history, so every month computed before this migration keeps its number.
"""
from datetime import date, datetime, timezone

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

SUMBER = ('awal', 'import', 'admin', 'massal')


def upgrade() -> None:
    op.create_table(
        'tpp_pokok_riwayat',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('pegawai_id', sa.Integer(), nullable=False),
        sa.Column('berlaku_mulai', sa.Date(), nullable=False),
        sa.Column('jumlah', sa.Integer(), nullable=False),
        sa.Column('sumber', sa.Enum(*SUMBER, name='sumber_tpp_pokok', native_enum=False, create_constraint=True,
                                    length=40), nullable=False),
        sa.Column('keterangan', sa.String(length=300), nullable=True),
        sa.Column('dibuat_pada', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('jumlah >= 0', name=op.f('ck_tpp_pokok_riwayat_jumlah_tidak_negatif')),
        sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_tpp_pokok_riwayat_pegawai_id_pegawai')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_tpp_pokok_riwayat')),
        sa.UniqueConstraint('pegawai_id', 'berlaku_mulai', name=op.f('uq_tpp_pokok_riwayat_pegawai_id_berlaku_mulai')),
    )
    pegawai = sa.table('pegawai', sa.column('id', sa.Integer()), sa.column('tpp_pokok', sa.Integer()))
    riwayat = sa.table(
        'tpp_pokok_riwayat',
        *(sa.column(c) for c in ('pegawai_id', 'berlaku_mulai', 'jumlah', 'sumber', 'keterangan', 'dibuat_pada')),
    )
    op.execute(
        riwayat.insert().from_select(
            ['pegawai_id', 'berlaku_mulai', 'jumlah', 'sumber', 'keterangan', 'dibuat_pada'],
            sa.select(
                pegawai.c.id,
                sa.literal(date(2000, 1, 1), sa.Date()),
                pegawai.c.tpp_pokok,
                sa.literal('awal', sa.String()),
                sa.literal('TPP pokok sebelum riwayat dicatat', sa.String()),
                sa.literal(datetime.now(timezone.utc), sa.DateTime(timezone=True)),
            ).where(pegawai.c.tpp_pokok > 0),
        )
    )

def downgrade() -> None:
    op.drop_table('tpp_pokok_riwayat')
