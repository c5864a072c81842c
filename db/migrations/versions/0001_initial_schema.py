"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-24

The whole domain model, plus what autogenerate cannot express: the audit log is append-only
(triggers refuse UPDATE and DELETE on both databases) and PostgreSQL gets a pattern index for
subtree prefix matches on unit_kerja.path.
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hari_libur',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tanggal', sa.Date(), nullable=False),
    sa.Column('keterangan', sa.String(length=300), nullable=False),
    sa.Column('sumber', sa.String(length=20), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.CheckConstraint("sumber IN ('holidays', 'admin')", name=op.f('ck_hari_libur_sumber_dikenal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hari_libur')),
    sa.UniqueConstraint('tanggal', name=op.f('uq_hari_libur_tanggal'))
    )
    op.create_table('katalog_aktivitas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nama', sa.String(length=300), nullable=False),
    sa.Column('satuan', sa.String(length=100), nullable=True),
    sa.Column('durasi_menit', sa.Integer(), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.CheckConstraint('durasi_menit > 0', name=op.f('ck_katalog_aktivitas_durasi_positif')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_katalog_aktivitas')),
    sa.UniqueConstraint('nama', name=op.f('uq_katalog_aktivitas_nama'))
    )
    op.create_table('pola_penugasan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nama', sa.String(length=200), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pola_penugasan')),
    sa.UniqueConstraint('nama', name=op.f('uq_pola_penugasan_nama'))
    )
    op.create_table('unit_kerja',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nama', sa.String(length=200), nullable=False),
    sa.Column('induk_id', sa.Integer(), nullable=True),
    sa.Column('path', sa.String(length=400), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.CheckConstraint('length(nama) > 0', name=op.f('ck_unit_kerja_nama_tidak_kosong')),
    sa.ForeignKeyConstraint(['induk_id'], ['unit_kerja.id'], name=op.f('fk_unit_kerja_induk_id_unit_kerja')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_kerja')),
    sa.UniqueConstraint('nama', name=op.f('uq_unit_kerja_nama'))
    )
    with op.batch_alter_table('unit_kerja', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_kerja_induk_id'), ['induk_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_unit_kerja_path'), ['path'], unique=False)

    op.create_table('pegawai',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nip', sa.String(length=18), nullable=False),
    sa.Column('nama', sa.String(length=200), nullable=False),
    sa.Column('jabatan', sa.String(length=300), nullable=False),
    sa.Column('jenis_jabatan', sa.Enum('JPT', 'Administrator', 'Pengawas', 'Fungsional', 'Pelaksana', name='jenis_jabatan', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('pangkat_golongan', sa.String(length=100), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('unit_kerja_id', sa.Integer(), nullable=False),
    sa.Column('atasan_id', sa.Integer(), nullable=True),
    sa.Column('pimpinan_unit_kerja_mandiri', sa.Boolean(), nullable=False),
    sa.Column('tpp_pokok', sa.Integer(), nullable=False),
    sa.Column('is_admin', sa.Boolean(), nullable=False),
    sa.Column('is_pimpinan', sa.Boolean(), nullable=False),
    sa.Column('aktif', sa.Boolean(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('atasan_id IS NULL OR atasan_id <> id', name=op.f('ck_pegawai_bukan_atasan_sendiri')),
    sa.CheckConstraint('length(nip) = 18', name=op.f('ck_pegawai_nip_18_digit')),
    sa.CheckConstraint('tpp_pokok >= 0', name=op.f('ck_pegawai_tpp_pokok_tidak_negatif')),
    sa.ForeignKeyConstraint(['atasan_id'], ['pegawai.id'], name=op.f('fk_pegawai_atasan_id_pegawai')),
    sa.ForeignKeyConstraint(['unit_kerja_id'], ['unit_kerja.id'], name=op.f('fk_pegawai_unit_kerja_id_unit_kerja')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pegawai')),
    sa.UniqueConstraint('nip', name=op.f('uq_pegawai_nip'))
    )
    with op.batch_alter_table('pegawai', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pegawai_atasan_id'), ['atasan_id'], unique=False)
        batch_op.create_index('ix_pegawai_unit_aktif', ['unit_kerja_id', 'aktif'], unique=False)
        batch_op.create_index(batch_op.f('ix_pegawai_unit_kerja_id'), ['unit_kerja_id'], unique=False)

    op.create_table('akun',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('password_hash', sa.String(length=100), nullable=False),
    sa.Column('must_change_password', sa.Boolean(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('password_changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('failed_attempts >= 0', name=op.f('ck_akun_failed_attempts_tidak_negatif')),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_akun_pegawai_id_pegawai'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_akun')),
    sa.UniqueConstraint('pegawai_id', name=op.f('uq_akun_pegawai_id'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('waktu', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_nip', sa.String(length=18), nullable=True),
    sa.Column('aksi', sa.String(length=100), nullable=False),
    sa.Column('entitas', sa.String(length=100), nullable=False),
    sa.Column('entitas_id', sa.String(length=100), nullable=True),
    sa.Column('sebelum', sa.Text(), nullable=True),
    sa.Column('sesudah', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['pegawai.id'], name=op.f('fk_audit_log_actor_id_pegawai')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_actor', ['actor_id'], unique=False)
        batch_op.create_index('ix_audit_log_entitas', ['entitas', 'entitas_id'], unique=False)
        batch_op.create_index('ix_audit_log_waktu', ['waktu'], unique=False)

    op.create_table('pembukaan_bulan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('bulan', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=True),
    sa.Column('dibuka_sampai', sa.Date(), nullable=False),
    sa.Column('dibuka_oleh_id', sa.Integer(), nullable=False),
    sa.Column('alasan', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('bulan BETWEEN 1 AND 12', name=op.f('ck_pembukaan_bulan_bulan_1_12')),
    sa.ForeignKeyConstraint(['dibuka_oleh_id'], ['pegawai.id'], name=op.f('fk_pembukaan_bulan_dibuka_oleh_id_pegawai')),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_pembukaan_bulan_pegawai_id_pegawai')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pembukaan_bulan'))
    )
    with op.batch_alter_table('pembukaan_bulan', schema=None) as batch_op:
        batch_op.create_index('ix_pembukaan_bulan_tahun_bulan', ['tahun', 'bulan'], unique=False)

    op.create_table('periode_skp',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('tanggal_mulai', sa.Date(), nullable=False),
    sa.Column('tanggal_akhir', sa.Date(), nullable=False),
    sa.Column('jabatan', sa.String(length=300), nullable=False),
    sa.Column('jenis_jabatan', sa.Enum('JPT', 'Administrator', 'Pengawas', 'Fungsional', 'Pelaksana', name='jenis_jabatan', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('pimpinan_unit_kerja_mandiri', sa.Boolean(), nullable=False),
    sa.Column('pangkat_golongan', sa.String(length=100), nullable=True),
    sa.Column('unit_kerja_id', sa.Integer(), nullable=False),
    sa.Column('unit_kerja_nama', sa.String(length=200), nullable=False),
    sa.Column('penilai_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('tanggal_akhir >= tanggal_mulai', name=op.f('ck_periode_skp_akhir_setelah_mulai')),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_periode_skp_pegawai_id_pegawai')),
    sa.ForeignKeyConstraint(['penilai_id'], ['pegawai.id'], name=op.f('fk_periode_skp_penilai_id_pegawai')),
    sa.ForeignKeyConstraint(['unit_kerja_id'], ['unit_kerja.id'], name=op.f('fk_periode_skp_unit_kerja_id_unit_kerja')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_periode_skp'))
    )
    with op.batch_alter_table('periode_skp', schema=None) as batch_op:
        batch_op.create_index('ix_periode_skp_pegawai_mulai', ['pegawai_id', 'tanggal_mulai'], unique=False)
        batch_op.create_index(batch_op.f('ix_periode_skp_penilai_id'), ['penilai_id'], unique=False)

    op.create_table('predikat_organisasi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_kerja_id', sa.Integer(), nullable=False),
    sa.Column('tahun', sa.Integer(), nullable=False),
    sa.Column('periode_evaluasi', sa.String(length=10), nullable=False),
    sa.Column('predikat', sa.Enum('Istimewa', 'Baik', 'Butuh Perbaikan', 'Kurang', 'Sangat Kurang', name='predikat_organisasi', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('ditetapkan_oleh_id', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['ditetapkan_oleh_id'], ['pegawai.id'], name=op.f('fk_predikat_organisasi_ditetapkan_oleh_id_pegawai')),
    sa.ForeignKeyConstraint(['unit_kerja_id'], ['unit_kerja.id'], name=op.f('fk_predikat_organisasi_unit_kerja_id_unit_kerja')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_predikat_organisasi')),
    sa.UniqueConstraint('unit_kerja_id', 'tahun', 'periode_evaluasi', name=op.f('uq_predikat_organisasi_unit_kerja_id_tahun_periode_evaluasi'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['pegawai.id'], name=op.f('fk_setting_updated_by_id_pegawai')),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('perjanjian_kinerja',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('periode_id', sa.Integer(), nullable=False),
    sa.Column('sasaran_strategis', sa.Text(), nullable=False),
    sa.Column('perspektif', sa.Enum('Penerima Layanan', 'Proses Bisnis', 'Anggaran', 'Penguatan Internal', name='perspektif', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['periode_id'], ['periode_skp.id'], name=op.f('fk_perjanjian_kinerja_periode_id_periode_skp'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_perjanjian_kinerja'))
    )
    with op.batch_alter_table('perjanjian_kinerja', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_perjanjian_kinerja_periode_id'), ['periode_id'], unique=False)

    op.create_table('sesi_login',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('akun_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['akun_id'], ['akun.id'], name=op.f('fk_sesi_login_akun_id_akun'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sesi_login'))
    )
    with op.batch_alter_table('sesi_login', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sesi_login_akun_id'), ['akun_id'], unique=False)

    op.create_table('skp',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('periode_id', sa.Integer(), nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('Draft', 'Diajukan', 'Dikembalikan', 'Ditetapkan', name='status_skp', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('catatan_atasan', sa.Text(), nullable=True),
    sa.Column('diajukan_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ditetapkan_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ditetapkan_oleh_id', sa.Integer(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ditetapkan_oleh_id'], ['pegawai.id'], name=op.f('fk_skp_ditetapkan_oleh_id_pegawai')),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_skp_pegawai_id_pegawai')),
    sa.ForeignKeyConstraint(['periode_id'], ['periode_skp.id'], name=op.f('fk_skp_periode_id_periode_skp'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skp')),
    sa.UniqueConstraint('periode_id', name=op.f('uq_skp_periode_id'))
    )
    with op.batch_alter_table('skp', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_skp_pegawai_id'), ['pegawai_id'], unique=False)
        batch_op.create_index('ix_skp_status', ['status'], unique=False)

    op.create_table('evaluasi_kinerja',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('skp_id', sa.Integer(), nullable=False),
    sa.Column('periode_evaluasi', sa.String(length=10), nullable=False),
    sa.Column('rating_hasil_kerja', sa.Enum('Di Atas Ekspektasi', 'Sesuai Ekspektasi', 'Di Bawah Ekspektasi', name='rating_hasil_kerja', native_enum=False, create_constraint=True, length=40), nullable=True),
    sa.Column('rating_perilaku_kerja', sa.Enum('Di Atas Ekspektasi', 'Sesuai Ekspektasi', 'Di Bawah Ekspektasi', name='rating_perilaku_kerja', native_enum=False, create_constraint=True, length=40), nullable=True),
    sa.Column('predikat', sa.Enum('Sangat Baik', 'Baik', 'Butuh Perbaikan', 'Kurang/Misconduct', 'Sangat Kurang', name='predikat_pegawai', native_enum=False, create_constraint=True, length=40), nullable=True),
    sa.Column('status', sa.Enum('Draft', 'Final', name='status_evaluasi', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('catatan', sa.Text(), nullable=True),
    sa.Column('penilai_id', sa.Integer(), nullable=True),
    sa.Column('finalized_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['penilai_id'], ['pegawai.id'], name=op.f('fk_evaluasi_kinerja_penilai_id_pegawai')),
    sa.ForeignKeyConstraint(['skp_id'], ['skp.id'], name=op.f('fk_evaluasi_kinerja_skp_id_skp'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluasi_kinerja')),
    sa.UniqueConstraint('skp_id', 'periode_evaluasi', name=op.f('uq_evaluasi_kinerja_skp_id_periode_evaluasi'))
    )
    op.create_table('indikator_perjanjian_kinerja',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('perjanjian_id', sa.Integer(), nullable=False),
    sa.Column('indikator', sa.Text(), nullable=False),
    sa.Column('target', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('satuan', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['perjanjian_id'], ['perjanjian_kinerja.id'], name=op.f('fk_indikator_perjanjian_kinerja_perjanjian_id_perjanjian_kinerja'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indikator_perjanjian_kinerja'))
    )
    with op.batch_alter_table('indikator_perjanjian_kinerja', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indikator_perjanjian_kinerja_perjanjian_id'), ['perjanjian_id'], unique=False)

    op.create_table('perilaku_kerja',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('skp_id', sa.Integer(), nullable=False),
    sa.Column('nomor', sa.Integer(), nullable=False),
    sa.Column('ekspektasi_khusus', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('nomor BETWEEN 1 AND 7', name=op.f('ck_perilaku_kerja_nomor_1_7')),
    sa.ForeignKeyConstraint(['skp_id'], ['skp.id'], name=op.f('fk_perilaku_kerja_skp_id_skp'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_perilaku_kerja')),
    sa.UniqueConstraint('skp_id', 'nomor', name=op.f('uq_perilaku_kerja_skp_id_nomor'))
    )
    op.create_table('rencana_hasil_kerja',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('skp_id', sa.Integer(), nullable=False),
    sa.Column('teks', sa.Text(), nullable=False),
    sa.Column('jenis', sa.Enum('Utama', 'Tambahan', name='jenis_rhk', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('perspektif', sa.Enum('Penerima Layanan', 'Proses Bisnis', 'Anggaran', 'Penguatan Internal', name='perspektif', native_enum=False, create_constraint=True, length=40), nullable=True),
    sa.Column('perjanjian_id', sa.Integer(), nullable=True),
    sa.Column('rhk_atasan_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['perjanjian_id'], ['perjanjian_kinerja.id'], name=op.f('fk_rencana_hasil_kerja_perjanjian_id_perjanjian_kinerja')),
    sa.ForeignKeyConstraint(['rhk_atasan_id'], ['rencana_hasil_kerja.id'], name=op.f('fk_rencana_hasil_kerja_rhk_atasan_id_rencana_hasil_kerja')),
    sa.ForeignKeyConstraint(['skp_id'], ['skp.id'], name=op.f('fk_rencana_hasil_kerja_skp_id_skp'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rencana_hasil_kerja'))
    )
    with op.batch_alter_table('rencana_hasil_kerja', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rencana_hasil_kerja_perjanjian_id'), ['perjanjian_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rencana_hasil_kerja_rhk_atasan_id'), ['rhk_atasan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rencana_hasil_kerja_skp_id'), ['skp_id'], unique=False)

    op.create_table('indikator_kinerja',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rhk_id', sa.Integer(), nullable=False),
    sa.Column('teks', sa.Text(), nullable=False),
    sa.Column('aspek', sa.Enum('Kuantitas', 'Kualitas', 'Waktu', 'Biaya', name='aspek', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('target', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('satuan', sa.String(length=100), nullable=False),
    sa.Column('pola_penugasan_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('target >= 0', name=op.f('ck_indikator_kinerja_target_tidak_negatif')),
    sa.ForeignKeyConstraint(['pola_penugasan_id'], ['pola_penugasan.id'], name=op.f('fk_indikator_kinerja_pola_penugasan_id_pola_penugasan')),
    sa.ForeignKeyConstraint(['rhk_id'], ['rencana_hasil_kerja.id'], name=op.f('fk_indikator_kinerja_rhk_id_rencana_hasil_kerja'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indikator_kinerja'))
    )
    with op.batch_alter_table('indikator_kinerja', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indikator_kinerja_rhk_id'), ['rhk_id'], unique=False)

    op.create_table('peran_hasil',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rhk_atasan_id', sa.Integer(), nullable=False),
    sa.Column('bawahan_id', sa.Integer(), nullable=False),
    sa.Column('teks', sa.Text(), nullable=False),
    sa.Column('rhk_bawahan_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['bawahan_id'], ['pegawai.id'], name=op.f('fk_peran_hasil_bawahan_id_pegawai')),
    sa.ForeignKeyConstraint(['rhk_atasan_id'], ['rencana_hasil_kerja.id'], name=op.f('fk_peran_hasil_rhk_atasan_id_rencana_hasil_kerja'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rhk_bawahan_id'], ['rencana_hasil_kerja.id'], name=op.f('fk_peran_hasil_rhk_bawahan_id_rencana_hasil_kerja'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_peran_hasil'))
    )
    with op.batch_alter_table('peran_hasil', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_peran_hasil_bawahan_id'), ['bawahan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peran_hasil_rhk_atasan_id'), ['rhk_atasan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_peran_hasil_rhk_bawahan_id'), ['rhk_bawahan_id'], unique=False)

    op.create_table('umpan_balik_perilaku',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('perilaku_id', sa.Integer(), nullable=False),
    sa.Column('periode_evaluasi', sa.String(length=10), nullable=False),
    sa.Column('teks', sa.Text(), nullable=False),
    sa.Column('oleh_id', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['oleh_id'], ['pegawai.id'], name=op.f('fk_umpan_balik_perilaku_oleh_id_pegawai')),
    sa.ForeignKeyConstraint(['perilaku_id'], ['perilaku_kerja.id'], name=op.f('fk_umpan_balik_perilaku_perilaku_id_perilaku_kerja'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_umpan_balik_perilaku')),
    sa.UniqueConstraint('perilaku_id', 'periode_evaluasi', name=op.f('uq_umpan_balik_perilaku_perilaku_id_periode_evaluasi'))
    )
    op.create_table('aktivitas_harian',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('pegawai_id', sa.Integer(), nullable=False),
    sa.Column('periode_id', sa.Integer(), nullable=False),
    sa.Column('rhk_id', sa.Integer(), nullable=True),
    sa.Column('indikator_id', sa.Integer(), nullable=True),
    sa.Column('katalog_id', sa.Integer(), nullable=True),
    sa.Column('tanggal', sa.Date(), nullable=False),
    sa.Column('jam_mulai', sa.Time(), nullable=False),
    sa.Column('jam_selesai', sa.Time(), nullable=False),
    sa.Column('durasi_menit', sa.Integer(), nullable=False),
    sa.Column('aktivitas', sa.Text(), nullable=False),
    sa.Column('volume', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('satuan', sa.String(length=100), nullable=False),
    sa.Column('bukti_link', sa.String(length=2000), nullable=True),
    sa.Column('status', sa.Enum('Menunggu Validasi', 'Tervalidasi', 'Ditolak', name='status_aktivitas', native_enum=False, create_constraint=True, length=40), nullable=False),
    sa.Column('alasan_tolak', sa.Text(), nullable=True),
    sa.Column('divalidasi_oleh_id', sa.Integer(), nullable=True),
    sa.Column('divalidasi_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('durasi_menit > 0 AND durasi_menit <= 1440', name=op.f('ck_aktivitas_harian_durasi_wajar')),
    sa.CheckConstraint('jam_selesai > jam_mulai', name=op.f('ck_aktivitas_harian_selesai_setelah_mulai')),
    sa.CheckConstraint('volume >= 0', name=op.f('ck_aktivitas_harian_volume_tidak_negatif')),
    sa.ForeignKeyConstraint(['divalidasi_oleh_id'], ['pegawai.id'], name=op.f('fk_aktivitas_harian_divalidasi_oleh_id_pegawai')),
    sa.ForeignKeyConstraint(['indikator_id'], ['indikator_kinerja.id'], name=op.f('fk_aktivitas_harian_indikator_id_indikator_kinerja')),
    sa.ForeignKeyConstraint(['katalog_id'], ['katalog_aktivitas.id'], name=op.f('fk_aktivitas_harian_katalog_id_katalog_aktivitas')),
    sa.ForeignKeyConstraint(['pegawai_id'], ['pegawai.id'], name=op.f('fk_aktivitas_harian_pegawai_id_pegawai')),
    sa.ForeignKeyConstraint(['periode_id'], ['periode_skp.id'], name=op.f('fk_aktivitas_harian_periode_id_periode_skp')),
    sa.ForeignKeyConstraint(['rhk_id'], ['rencana_hasil_kerja.id'], name=op.f('fk_aktivitas_harian_rhk_id_rencana_hasil_kerja')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aktivitas_harian'))
    )
    with op.batch_alter_table('aktivitas_harian', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aktivitas_harian_indikator_id'), ['indikator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aktivitas_harian_periode_id'), ['periode_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aktivitas_harian_rhk_id'), ['rhk_id'], unique=False)
        batch_op.create_index('ix_aktivitas_pegawai_tanggal', ['pegawai_id', 'tanggal', 'status'], unique=False)
        batch_op.create_index('ix_aktivitas_tanggal_status', ['tanggal', 'status', 'pegawai_id', 'durasi_menit'], unique=False)

    op.create_table('realisasi_bulanan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indikator_id', sa.Integer(), nullable=False),
    sa.Column('bulan', sa.Integer(), nullable=False),
    sa.Column('realisasi', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('sumber_data', sa.Text(), nullable=True),
    sa.Column('umpan_balik', sa.Text(), nullable=True),
    sa.Column('umpan_balik_oleh_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('bulan BETWEEN 1 AND 12', name=op.f('ck_realisasi_bulanan_bulan_1_12')),
    sa.ForeignKeyConstraint(['indikator_id'], ['indikator_kinerja.id'], name=op.f('fk_realisasi_bulanan_indikator_id_indikator_kinerja'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['umpan_balik_oleh_id'], ['pegawai.id'], name=op.f('fk_realisasi_bulanan_umpan_balik_oleh_id_pegawai')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_realisasi_bulanan')),
    sa.UniqueConstraint('indikator_id', 'bulan', name=op.f('uq_realisasi_bulanan_indikator_id_bulan'))
    )
    op.create_table('target_bulanan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indikator_id', sa.Integer(), nullable=False),
    sa.Column('bulan', sa.Integer(), nullable=False),
    sa.Column('target', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.CheckConstraint('bulan BETWEEN 1 AND 12', name=op.f('ck_target_bulanan_bulan_1_12')),
    sa.CheckConstraint('target >= 0', name=op.f('ck_target_bulanan_target_tidak_negatif')),
    sa.ForeignKeyConstraint(['indikator_id'], ['indikator_kinerja.id'], name=op.f('fk_target_bulanan_indikator_id_indikator_kinerja'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target_bulanan')),
    sa.UniqueConstraint('indikator_id', 'bulan', name=op.f('uq_target_bulanan_indikator_id_bulan'))
    )
    op.create_table('bukti_dukung',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('realisasi_id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.ForeignKeyConstraint(['realisasi_id'], ['realisasi_bulanan.id'], name=op.f('fk_bukti_dukung_realisasi_id_realisasi_bulanan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bukti_dukung'))
    )
    with op.batch_alter_table('bukti_dukung', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bukti_dukung_realisasi_id'), ['realisasi_id'], unique=False)


    _audit_log_append_only()
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_unit_kerja_path_pattern ON unit_kerja (path varchar_pattern_ops)")


def downgrade() -> None:
    _drop_audit_log_triggers()
    with op.batch_alter_table('bukti_dukung', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bukti_dukung_realisasi_id'))

    op.drop_table('bukti_dukung')
    op.drop_table('target_bulanan')
    op.drop_table('realisasi_bulanan')
    with op.batch_alter_table('aktivitas_harian', schema=None) as batch_op:
        batch_op.drop_index('ix_aktivitas_tanggal_status')
        batch_op.drop_index('ix_aktivitas_pegawai_tanggal')
        batch_op.drop_index(batch_op.f('ix_aktivitas_harian_rhk_id'))
        batch_op.drop_index(batch_op.f('ix_aktivitas_harian_periode_id'))
        batch_op.drop_index(batch_op.f('ix_aktivitas_harian_indikator_id'))

    op.drop_table('aktivitas_harian')
    op.drop_table('umpan_balik_perilaku')
    with op.batch_alter_table('peran_hasil', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_peran_hasil_rhk_bawahan_id'))
        batch_op.drop_index(batch_op.f('ix_peran_hasil_rhk_atasan_id'))
        batch_op.drop_index(batch_op.f('ix_peran_hasil_bawahan_id'))

    op.drop_table('peran_hasil')
    with op.batch_alter_table('indikator_kinerja', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indikator_kinerja_rhk_id'))

    op.drop_table('indikator_kinerja')
    with op.batch_alter_table('rencana_hasil_kerja', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rencana_hasil_kerja_skp_id'))
        batch_op.drop_index(batch_op.f('ix_rencana_hasil_kerja_rhk_atasan_id'))
        batch_op.drop_index(batch_op.f('ix_rencana_hasil_kerja_perjanjian_id'))

    op.drop_table('rencana_hasil_kerja')
    op.drop_table('perilaku_kerja')
    with op.batch_alter_table('indikator_perjanjian_kinerja', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indikator_perjanjian_kinerja_perjanjian_id'))

    op.drop_table('indikator_perjanjian_kinerja')
    op.drop_table('evaluasi_kinerja')
    with op.batch_alter_table('skp', schema=None) as batch_op:
        batch_op.drop_index('ix_skp_status')
        batch_op.drop_index(batch_op.f('ix_skp_pegawai_id'))

    op.drop_table('skp')
    with op.batch_alter_table('sesi_login', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sesi_login_akun_id'))

    op.drop_table('sesi_login')
    with op.batch_alter_table('perjanjian_kinerja', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_perjanjian_kinerja_periode_id'))

    op.drop_table('perjanjian_kinerja')
    op.drop_table('setting')
    op.drop_table('predikat_organisasi')
    with op.batch_alter_table('periode_skp', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_periode_skp_penilai_id'))
        batch_op.drop_index('ix_periode_skp_pegawai_mulai')

    op.drop_table('periode_skp')
    with op.batch_alter_table('pembukaan_bulan', schema=None) as batch_op:
        batch_op.drop_index('ix_pembukaan_bulan_tahun_bulan')

    op.drop_table('pembukaan_bulan')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_waktu')
        batch_op.drop_index('ix_audit_log_entitas')
        batch_op.drop_index('ix_audit_log_actor')

    op.drop_table('audit_log')
    op.drop_table('akun')
    with op.batch_alter_table('pegawai', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pegawai_unit_kerja_id'))
        batch_op.drop_index('ix_pegawai_unit_aktif')
        batch_op.drop_index(batch_op.f('ix_pegawai_atasan_id'))

    op.drop_table('pegawai')
    with op.batch_alter_table('unit_kerja', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_kerja_path'))
        batch_op.drop_index(batch_op.f('ix_unit_kerja_induk_id'))

    op.drop_table('unit_kerja')
    op.drop_table('pola_penugasan')
    op.drop_table('katalog_aktivitas')
    op.drop_table('hari_libur')


def _audit_log_append_only() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("""
            CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'audit_log hanya boleh ditambah (append-only)';
            END;
            $$ LANGUAGE plpgsql
        """)
        op.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log "
                   "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()")
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'audit_log hanya boleh ditambah (append-only)'); END")


def _drop_audit_log_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
