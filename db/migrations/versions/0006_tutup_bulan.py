"""tutup bulan and its snapshot

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05

Tutup Bulan (issue #13): ``tutup_bulan`` records each close of a month (a version; reopened with a reason, closed
again as the next version) with the settings it was computed with; ``arsip_bulan`` holds the frozen figures of each
pegawai per version, which no later change to the calendar, pokok, activities, mutasi or settings rewrites.
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'tutup_bulan',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('tahun', sa.Integer(), nullable=False),
        sa.Column('bulan', sa.Integer(), nullable=False),
        sa.Column('versi', sa.Integer(), nullable=False),
        sa.Column('ditutup_pada', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ditutup_oleh_id', sa.Integer(), nullable=True),
        sa.Column('ditutup_oleh', sa.String(length=200), nullable=False),
        sa.Column('menit_per_hari', sa.Integer(), nullable=False),
        sa.Column('bobot_produktivitas_persen', sa.Integer(), nullable=False),
        sa.Column('dibuka_pada', sa.DateTime(timezone=True), nullable=True),
        sa.Column('dibuka_oleh_id', sa.Integer(), nullable=True),
        sa.Column('dibuka_oleh', sa.String(length=200), nullable=True),
        sa.Column('alasan_buka', sa.Text(), nullable=True),
        sa.CheckConstraint('bulan BETWEEN 1 AND 12', name=op.f('ck_tutup_bulan_bulan_1_12')),
        sa.CheckConstraint('versi >= 1', name=op.f('ck_tutup_bulan_versi_positif')),
        sa.CheckConstraint(
            '(dibuka_pada IS NULL) = (alasan_buka IS NULL)', name=op.f('ck_tutup_bulan_buka_dengan_alasan')
        ),
        sa.ForeignKeyConstraint(['ditutup_oleh_id'], ['pegawai.id'], name=op.f('fk_tutup_bulan_ditutup_oleh_id_pegawai')),
        sa.ForeignKeyConstraint(['dibuka_oleh_id'], ['pegawai.id'], name=op.f('fk_tutup_bulan_dibuka_oleh_id_pegawai')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_tutup_bulan')),
        sa.UniqueConstraint('tahun', 'bulan', 'versi', name=op.f('uq_tutup_bulan_tahun_bulan_versi')),
    )
    op.create_table(
        'arsip_bulan',
        sa.Column('tutup_bulan_id', sa.Integer(), nullable=False),
        sa.Column('pegawai_id', sa.Integer(), nullable=False),
        sa.Column('nip', sa.String(length=18), nullable=False),
        sa.Column('nama', sa.String(length=200), nullable=False),
        sa.Column('jabatan', sa.String(length=300), nullable=False),
        sa.Column('unit_kerja_id', sa.Integer(), nullable=False),
        sa.Column('unit_kerja', sa.String(length=200), nullable=False),
        sa.Column('unit_induk_id', sa.Integer(), nullable=False),
        sa.Column('unit_induk', sa.String(length=200), nullable=False),
        sa.Column('atasan_nip', sa.String(length=18), nullable=True),
        sa.Column('atasan_nama', sa.String(length=200), nullable=True),
        sa.Column('hari_kerja', sa.Integer(), nullable=False),
        sa.Column('menit_efektif', sa.Integer(), nullable=False),
        sa.Column('menit_tervalidasi', sa.Integer(), nullable=False),
        sa.Column('menit_menunggu', sa.Integer(), nullable=False),
        sa.Column('capaian_persen', sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column('tpp_pokok', sa.Integer(), nullable=False),
        sa.Column('tpp_produktivitas', sa.Integer(), nullable=False),
        sa.Column('rincian_pokok', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['tutup_bulan_id'], ['tutup_bulan.id'], name=op.f('fk_arsip_bulan_tutup_bulan_id_tutup_bulan')),
        sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_arsip_bulan_pegawai_id_pegawai')),
        sa.ForeignKeyConstraint(['unit_kerja_id'], ['unit_kerja.id'], name=op.f('fk_arsip_bulan_unit_kerja_id_unit_kerja')),
        sa.ForeignKeyConstraint(['unit_induk_id'], ['unit_kerja.id'], name=op.f('fk_arsip_bulan_unit_induk_id_unit_kerja')),
        sa.PrimaryKeyConstraint('tutup_bulan_id', 'pegawai_id', name=op.f('pk_arsip_bulan')),
        sqlite_with_rowid=False,
    )
    op.create_index('ix_arsip_bulan_unit_induk', 'arsip_bulan', ['tutup_bulan_id', 'unit_induk_id'])


def downgrade() -> None:
    op.drop_index('ix_arsip_bulan_unit_induk', table_name='arsip_bulan')
    op.drop_table('arsip_bulan')
    op.drop_table('tutup_bulan')
