"""templat aktivitas

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05

The pegawai's weekly template of Aktivitas Harian (issue #16 point 4, docs/domain.md §8.37): rows per weekday
that "Terapkan Templat" turns into ordinary activities through the entry rules. A new table only, so SQLite
never rebuilds one.
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'templat_aktivitas',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('pegawai_id', sa.Integer(), nullable=False),
        sa.Column('hari', sa.Integer(), nullable=False),
        sa.Column('jam_mulai', sa.Time(), nullable=False),
        sa.Column('jam_selesai', sa.Time(), nullable=False),
        sa.Column('aktivitas', sa.Text(), nullable=False),
        sa.Column('volume', sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column('satuan', sa.String(length=100), nullable=False),
        sa.Column('rhk_id', sa.Integer(), nullable=True),
        sa.Column('indikator_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('hari BETWEEN 0 AND 4', name=op.f('ck_templat_aktivitas_hari_kerja')),
        sa.CheckConstraint('jam_selesai > jam_mulai', name=op.f('ck_templat_aktivitas_selesai_setelah_mulai')),
        sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'],
                                name=op.f('fk_templat_aktivitas_pegawai_id_pegawai'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['rhk_id'], ['rencana_hasil_kerja.id'],
                                name=op.f('fk_templat_aktivitas_rhk_id_rencana_hasil_kerja'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['indikator_id'], ['indikator_kinerja.id'],
                                name=op.f('fk_templat_aktivitas_indikator_id_indikator_kinerja'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_templat_aktivitas')),
    )
    op.create_index('ix_templat_aktivitas_pegawai_hari', 'templat_aktivitas', ['pegawai_id', 'hari'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_templat_aktivitas_pegawai_hari', table_name='templat_aktivitas')
    op.drop_table('templat_aktivitas')
