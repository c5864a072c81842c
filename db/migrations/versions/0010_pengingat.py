"""pengingat

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

Reminders and digests (issue #18, docs/domain.md §8.36): the in-app notifications, the deliveries with their
idempotency key (unique per pegawai, kind, key and channel: claimed before sending), the runs of
``sipijar kirim-pengingat`` and the opt-outs per channel. New tables only, so SQLite never rebuilds one.
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('run_pengingat',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('mulai', sa.DateTime(timezone=True), nullable=False),
    sa.Column('selesai', sa.DateTime(timezone=True), nullable=True),
    sa.Column('dry_run', sa.Boolean(), nullable=False),
    sa.Column('terkirim', sa.Integer(), nullable=False),
    sa.Column('gagal', sa.Integer(), nullable=False),
    sa.Column('dilewati', sa.Integer(), nullable=False),
    sa.Column('oleh', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_run_pengingat'))
    )
    op.create_table('berhenti_pengingat',
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('kanal', sa.Enum('Aplikasi', 'E-mail', 'Webhook', name='kanal_pengingat', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_berhenti_pengingat_pegawai_id_pegawai'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pegawai_id', 'kanal', name=op.f('pk_berhenti_pengingat'))
    )
    op.create_table('notifikasi',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('jenis', sa.String(length=40), nullable=False),
    sa.Column('judul', sa.String(length=300), nullable=False),
    sa.Column('teks', sa.Text(), nullable=False),
    sa.Column('tautan', sa.String(length=2000), nullable=False),
    sa.Column('dibuat', sa.DateTime(timezone=True), nullable=False),
    sa.Column('dibaca', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_notifikasi_pegawai_id_pegawai'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifikasi'))
    )
    op.create_index('ix_notifikasi_pegawai_dibaca', 'notifikasi', ['pegawai_id', 'dibaca'])

    op.create_table('pengiriman_pengingat',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('jenis', sa.String(length=40), nullable=False),
    sa.Column('kunci', sa.String(length=100), nullable=False),
    sa.Column('kanal', sa.Enum('Aplikasi', 'E-mail', 'Webhook', name='kanal_pengingat', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('status', sa.Enum('Proses', 'Terkirim', 'Gagal', name='status_pengiriman', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('judul', sa.String(length=300), nullable=False),
    sa.Column('alamat', sa.String(length=2000), nullable=True),
    sa.Column('isi', sa.Text(), nullable=False),
    sa.Column('percobaan', sa.Integer(), nullable=False),
    sa.Column('diklaim', sa.DateTime(timezone=True), nullable=False),
    sa.Column('coba_lagi', sa.DateTime(timezone=True), nullable=True),
    sa.Column('terkirim', sa.DateTime(timezone=True), nullable=True),
    sa.Column('galat', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_pengiriman_pengingat_pegawai_id_pegawai'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pengiriman_pengingat')),
    sa.UniqueConstraint('pegawai_id', 'jenis', 'kunci', 'kanal', name=op.f('uq_pengiriman_pengingat_pegawai_id_jenis_kunci_kanal'))
    )
    op.create_index('ix_pengiriman_pengingat_status', 'pengiriman_pengingat', ['status', 'coba_lagi'])



def downgrade() -> None:
    op.drop_index('ix_pengiriman_pengingat_status', table_name='pengiriman_pengingat')

    op.drop_table('pengiriman_pengingat')
    op.drop_index('ix_notifikasi_pegawai_dibaca', table_name='notifikasi')

    op.drop_table('notifikasi')
    op.drop_table('berhenti_pengingat')
    op.drop_table('run_pengingat')
