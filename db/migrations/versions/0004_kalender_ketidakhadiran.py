"""kalender per tahun and ketidakhadiran

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

A real month (issue #13): ``kalender_tahun`` records that a year's hari libur were filled from the ``holidays``
package (so the calendar is never empty and an admin's removal is never re-seeded) and the admin's confirmation
of that year; ``ketidakhadiran`` holds cuti, sakit, dinas luar, tugas belajar and izin per pegawai and date range.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

JENIS = ('Cuti Tahunan', 'Cuti Sakit', 'Cuti Besar', 'Cuti Melahirkan', 'Dinas Luar', 'Tugas Belajar', 'Izin')


def upgrade() -> None:
    op.create_table(
        'kalender_tahun',
        sa.Column('tahun', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('diisi_pada', sa.DateTime(timezone=True), nullable=False),
        sa.Column('dikonfirmasi_pada', sa.DateTime(timezone=True), nullable=True),
        sa.Column('dikonfirmasi_oleh_id', sa.Integer(), nullable=True),
        sa.CheckConstraint('tahun BETWEEN 2000 AND 2100', name=op.f('ck_kalender_tahun_tahun_wajar')),
        sa.ForeignKeyConstraint(
            ['dikonfirmasi_oleh_id'], ['pegawai.id'], name=op.f('fk_kalender_tahun_dikonfirmasi_oleh_id_pegawai')
        ),
        sa.PrimaryKeyConstraint('tahun', name=op.f('pk_kalender_tahun')),
    )
    op.create_table(
        'ketidakhadiran',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('pegawai_id', sa.Integer(), nullable=False),
        sa.Column('jenis', sa.Enum(*JENIS, name='jenis_ketidakhadiran', native_enum=False, create_constraint=True,
                                   length=40), nullable=False),
        sa.Column('tanggal_mulai', sa.Date(), nullable=False),
        sa.Column('tanggal_akhir', sa.Date(), nullable=False),
        sa.Column('keterangan', sa.String(length=300), nullable=True),
        sa.Column('dibuat_pada', sa.DateTime(timezone=True), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.CheckConstraint('tanggal_akhir >= tanggal_mulai', name=op.f('ck_ketidakhadiran_rentang_urut')),
        sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_ketidakhadiran_pegawai_id_pegawai')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_ketidakhadiran')),
    )
    op.create_index('ix_ketidakhadiran_pegawai_tanggal', 'ketidakhadiran', ['pegawai_id', 'tanggal_mulai'])
    op.create_index('ix_ketidakhadiran_tanggal', 'ketidakhadiran', ['tanggal_mulai', 'tanggal_akhir'])


def downgrade() -> None:
    op.drop_index('ix_ketidakhadiran_tanggal', table_name='ketidakhadiran')
    op.drop_index('ix_ketidakhadiran_pegawai_tanggal', table_name='ketidakhadiran')
    op.drop_table('ketidakhadiran')
    op.drop_table('kalender_tahun')
