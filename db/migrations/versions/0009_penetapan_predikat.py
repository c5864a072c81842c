"""penetapan predikat organisasi

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05

Penetapan Predikat Kinerja Organisasi (issue #15 point 4, docs/domain.md §8.35): the basis of each unit's predikat
(the capaian of its leader's Perjanjian Kinerja, the indikator as text, the document's number) and the year's
realisasi of each Perjanjian Kinerja indikator entered by the pimpinan above or an admin. Plain ADD COLUMN on
``predikat_organisasi`` (no constraint), so SQLite never rebuilds a table.
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('predikat_organisasi', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('capaian_persen', sa.Numeric(precision=9, scale=2), nullable=True))
        batch_op.add_column(sa.Column('dasar', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('nomor', sa.String(length=100), nullable=True))
    op.create_table(
        'realisasi_perjanjian_kinerja',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('indikator_pk_id', sa.Integer(), nullable=False),
        sa.Column('realisasi', sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column('dicatat_oleh_id', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('realisasi >= 0', name=op.f('ck_realisasi_perjanjian_kinerja_realisasi_tidak_negatif')),
        sa.ForeignKeyConstraint(['indikator_pk_id'], ['indikator_perjanjian_kinerja.id'],
                                name=op.f('fk_realisasi_perjanjian_kinerja_indikator_pk_id_indikator_perjanjian_kinerja'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['dicatat_oleh_id'], ['pegawai.id'],
                                name=op.f('fk_realisasi_perjanjian_kinerja_dicatat_oleh_id_pegawai')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_realisasi_perjanjian_kinerja')),
        sa.UniqueConstraint('indikator_pk_id', name=op.f('uq_realisasi_perjanjian_kinerja_indikator_pk_id')),
    )


def downgrade() -> None:
    op.drop_table('realisasi_perjanjian_kinerja')
    with op.batch_alter_table('predikat_organisasi', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('nomor')
        batch_op.drop_column('dasar')
        batch_op.drop_column('capaian_persen')
