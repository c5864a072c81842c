"""perubahan penilai

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

The penilai comes from the organisation (issue #17, docs/domain.md §8.3): every change of a period's penilai is
a row here, applied at once when the chosen pejabat is in the pegawai's chain ('Langsung'), otherwise a request
('Menunggu') that takes effect only when an admin approves it ('Disetujui') or is refused ('Ditolak'). The
previous and the new penilai read these rows. Revisions 0006 and 0007 belong to other work of the same issue.
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

STATUS = ('Langsung', 'Menunggu', 'Disetujui', 'Ditolak')


def upgrade() -> None:
    op.create_table(
        'perubahan_penilai',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('periode_id', sa.Integer(), nullable=False),
        sa.Column('pegawai_id', sa.Integer(), nullable=False),
        sa.Column('penilai_lama_id', sa.Integer(), nullable=True),
        sa.Column('penilai_baru_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.Enum(*STATUS, name='status_perubahan_penilai', native_enum=False,
                                    create_constraint=True, length=40), nullable=False),
        sa.Column('alasan', sa.String(length=500), nullable=True),
        sa.Column('catatan_admin', sa.String(length=500), nullable=True),
        sa.Column('diajukan_pada', sa.DateTime(timezone=True), nullable=False),
        sa.Column('diputuskan_oleh_id', sa.Integer(), nullable=True),
        sa.Column('diputuskan_pada', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint('penilai_baru_id <> pegawai_id', name=op.f('ck_perubahan_penilai_bukan_penilai_sendiri')),
        sa.ForeignKeyConstraint(['periode_id'], ['periode_skp.id'], name=op.f('fk_perubahan_penilai_periode_id_periode_skp'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_perubahan_penilai_pegawai_id_pegawai')),
        sa.ForeignKeyConstraint(['penilai_lama_id'], ['pegawai.id'],
                                name=op.f('fk_perubahan_penilai_penilai_lama_id_pegawai')),
        sa.ForeignKeyConstraint(['penilai_baru_id'], ['pegawai.id'],
                                name=op.f('fk_perubahan_penilai_penilai_baru_id_pegawai')),
        sa.ForeignKeyConstraint(['diputuskan_oleh_id'], ['pegawai.id'],
                                name=op.f('fk_perubahan_penilai_diputuskan_oleh_id_pegawai')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_perubahan_penilai')),
    )
    op.create_index(op.f('ix_perubahan_penilai_periode_id'), 'perubahan_penilai', ['periode_id'])
    op.create_index(op.f('ix_perubahan_penilai_pegawai_id'), 'perubahan_penilai', ['pegawai_id'])
    op.create_index(op.f('ix_perubahan_penilai_penilai_lama_id'), 'perubahan_penilai', ['penilai_lama_id'])
    op.create_index(op.f('ix_perubahan_penilai_penilai_baru_id'), 'perubahan_penilai', ['penilai_baru_id'])
    op.create_index('ix_perubahan_penilai_status', 'perubahan_penilai', ['status'])


def downgrade() -> None:
    op.drop_index('ix_perubahan_penilai_status', table_name='perubahan_penilai')
    op.drop_index(op.f('ix_perubahan_penilai_penilai_baru_id'), table_name='perubahan_penilai')
    op.drop_index(op.f('ix_perubahan_penilai_penilai_lama_id'), table_name='perubahan_penilai')
    op.drop_index(op.f('ix_perubahan_penilai_pegawai_id'), table_name='perubahan_penilai')
    op.drop_index(op.f('ix_perubahan_penilai_periode_id'), table_name='perubahan_penilai')
    op.drop_table('perubahan_penilai')
