"""lifecycle and plt

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05

People change jobs (issue #14, docs/domain.md §8.30–§8.32): status kepegawaian and a PPPK's masa perjanjian
kerja, the date and kind of an exit (pensiun, berhenti, meninggal, CLTN, diberhentikan sementara), the Kepala
Daerah's flag, and the Plt/Plh assignments that hold an absent pejabat's penilai rights for the dates of an SK.
Existing pegawai are PNS with no exit.
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

STATUS = ('PNS', 'CPNS', 'PPPK', 'PPPK Paruh Waktu')
BERHENTI = ('Pensiun', 'Berhenti', 'Meninggal', 'Cuti di Luar Tanggungan Negara', 'Diberhentikan Sementara')
PENUGASAN = ('Plt', 'Plh')


def upgrade() -> None:
    # recreate='never': rebuilding ``pegawai`` on SQLite would drop a table every other table references, which
    # its foreign keys refuse inside the migration's transaction; plain ADD COLUMN is enough, and the enum's
    # CHECK is then left to the application on SQLite (PostgreSQL gets it).
    check = op.get_bind().dialect.name != 'sqlite'
    with op.batch_alter_table('pegawai', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('is_kepala_daerah', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('status_kepegawaian', sa.Enum(*STATUS, name='status_kepegawaian',
                                                                    native_enum=False, create_constraint=check,
                                                                    length=40),
                                      nullable=False, server_default='PNS'))
        batch_op.add_column(sa.Column('perjanjian_mulai', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('perjanjian_akhir', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('tanggal_berhenti', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('jenis_berhenti', sa.Enum(*BERHENTI, name='jenis_berhenti', native_enum=False,
                                                                create_constraint=check, length=40), nullable=True))
    op.create_table(
        'penugasan_plt',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('pegawai_id', sa.Integer(), nullable=False),
        sa.Column('jenis', sa.Enum(*PENUGASAN, name='jenis_penugasan', native_enum=False, create_constraint=True,
                                   length=40), nullable=False),
        sa.Column('pejabat_id', sa.Integer(), nullable=True),
        sa.Column('unit_kerja_id', sa.Integer(), nullable=True),
        sa.Column('tanggal_mulai', sa.Date(), nullable=False),
        sa.Column('tanggal_akhir', sa.Date(), nullable=False),
        sa.Column('nomor_sk', sa.String(length=100), nullable=False),
        sa.Column('dicabut', sa.Boolean(), nullable=False),
        sa.Column('dibuat_oleh_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('tanggal_akhir >= tanggal_mulai', name=op.f('ck_penugasan_plt_rentang_berurutan')),
        sa.CheckConstraint('pejabat_id IS NULL OR pejabat_id <> pegawai_id',
                           name=op.f('ck_penugasan_plt_bukan_diri_sendiri')),
        sa.CheckConstraint('pejabat_id IS NOT NULL OR unit_kerja_id IS NOT NULL',
                           name=op.f('ck_penugasan_plt_ada_yang_diwakili')),
        sa.CheckConstraint('length(nomor_sk) > 0', name=op.f('ck_penugasan_plt_nomor_sk_tidak_kosong')),
        sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_penugasan_plt_pegawai_id_pegawai')),
        sa.ForeignKeyConstraint(['pejabat_id'], ['pegawai.id'], name=op.f('fk_penugasan_plt_pejabat_id_pegawai')),
        sa.ForeignKeyConstraint(['unit_kerja_id'], ['unit_kerja.id'],
                                name=op.f('fk_penugasan_plt_unit_kerja_id_unit_kerja')),
        sa.ForeignKeyConstraint(['dibuat_oleh_id'], ['pegawai.id'],
                                name=op.f('fk_penugasan_plt_dibuat_oleh_id_pegawai')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_penugasan_plt')),
    )
    op.create_index(op.f('ix_penugasan_plt_pegawai_id'), 'penugasan_plt', ['pegawai_id'])
    op.create_index(op.f('ix_penugasan_plt_pejabat_id'), 'penugasan_plt', ['pejabat_id'])
    op.create_index(op.f('ix_penugasan_plt_unit_kerja_id'), 'penugasan_plt', ['unit_kerja_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_penugasan_plt_unit_kerja_id'), table_name='penugasan_plt')
    op.drop_index(op.f('ix_penugasan_plt_pejabat_id'), table_name='penugasan_plt')
    op.drop_index(op.f('ix_penugasan_plt_pegawai_id'), table_name='penugasan_plt')
    op.drop_table('penugasan_plt')
    with op.batch_alter_table('pegawai', schema=None, recreate='never') as batch_op:
        if op.get_bind().dialect.name != 'sqlite':  # SQLite's ADD COLUMN made no CHECK (see upgrade)
            batch_op.drop_constraint(op.f('ck_pegawai_jenis_berhenti'), type_='check')
            batch_op.drop_constraint(op.f('ck_pegawai_status_kepegawaian'), type_='check')
        batch_op.drop_column('jenis_berhenti')
        batch_op.drop_column('tanggal_berhenti')
        batch_op.drop_column('perjanjian_akhir')
        batch_op.drop_column('perjanjian_mulai')
        batch_op.drop_column('status_kepegawaian')
        batch_op.drop_column('is_kepala_daerah')
