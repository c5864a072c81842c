"""Admin-editable settings (docs/domain.md §4): the defaults, changes by the admin only (audited
before → after), and clear refusals of bad values."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from db.models import AuditLog, Setting
from db.session import session_scope
from services.platform import settings
from services.platform.errors import AksesDitolak, ValidationError

DEFAULTS = {
    "menit_per_hari": 300,
    "bobot_produktivitas_persen": 60,
    "hari_tutup_bulan": 5,
    "periode_evaluasi": "triwulan",
    "batas_gagal_login": 5,
    "lama_kunci_menit": 15,
    "akses_baca_pensiun_hari": 90,
    "lama_sesi_jam": 12,
    "nama_instansi": "Pemerintah Kabupaten Bondowoso",
    "tempat_dokumen": "Bondowoso",
    # docs/domain.md §7: every kind but izin reduces hari kerja.
    "ketidakhadiran_mengurangi": [
        "Cuti Tahunan",
        "Cuti Sakit",
        "Cuti Besar",
        "Cuti Melahirkan",
        "Dinas Luar",
        "Tugas Belajar",
    ],
    # docs/domain.md §8.36: reminders; no SMTP server and no webhook until the admin sets them.
    "pengingat_hari_sebelum_tutup": 3,
    "pengingat_hari_tanpa_aktivitas": 3,
    "pengingat_hari_ringkasan": 1,
    "pengingat_jam_mulai": 7,
    "pengingat_jam_selesai": 16,
    "alamat_aplikasi": "http://localhost:8501",
    "smtp_host": "",
    "smtp_port": 587,
    "smtp_keamanan": "starttls",
    "smtp_user": "",
    "smtp_password": "",
    "pengirim_nama": "SIPIJAR",
    "pengirim_alamat": "sipijar@localhost",
    "webhook_url": "",
}


def _rows(engine) -> tuple[list[tuple[str, str]], int]:
    with session_scope(engine) as s:
        return (
            [(r.key, r.value) for r in s.scalars(select(Setting).order_by(Setting.key))],
            s.scalar(select(func.count()).select_from(AuditLog)),
        )


def test_defaults(engine, org):
    with session_scope(engine) as s:
        assert settings.all_settings(s) == DEFAULTS
        assert {key: settings.ambil(s, key) for key in DEFAULTS} == DEFAULTS
    assert _rows(engine) == ([], 0)  # defaults are not stored


def test_admin_sets_a_value_and_it_is_audited(engine, org):
    with session_scope(engine) as s:
        settings.setel(s, org.admin, "menit_per_hari", 420)
    with session_scope(engine) as s:
        assert settings.ambil(s, "menit_per_hari") == 420
        assert settings.all_settings(s) == {**DEFAULTS, "menit_per_hari": 420}
        row = s.get(Setting, "menit_per_hari")
        assert (row.value, row.updated_by_id) == ("420", org.admin.pegawai_id)
        first_update = row.updated_at
    with session_scope(engine) as s:
        settings.setel(s, org.admin, "menit_per_hari", "360")  # a form's text is fine
    with session_scope(engine) as s:
        assert settings.ambil(s, "menit_per_hari") == 360
        assert s.get(Setting, "menit_per_hari").updated_at > first_update
        rows = list(s.scalars(select(AuditLog).where(AuditLog.aksi == "ubah_pengaturan").order_by(AuditLog.id)))
    assert [
        (r.actor_id, r.actor_nip, r.entitas, r.entitas_id, json.loads(r.sebelum), json.loads(r.sesudah)) for r in rows
    ] == [
        (org.admin.pegawai_id, org.admin.nip, "setting", "menit_per_hari", {"nilai": 300}, {"nilai": 420}),
        (org.admin.pegawai_id, org.admin.nip, "setting", "menit_per_hari", {"nilai": 420}, {"nilai": 360}),
    ]


@pytest.mark.parametrize(
    "key,value,stored",
    [
        ("menit_per_hari", 60, 60),
        ("menit_per_hari", 720, 720),
        ("bobot_produktivitas_persen", 0, 0),
        ("bobot_produktivitas_persen", 100, 100),
        ("hari_tutup_bulan", 28, 28),
        ("hari_tutup_bulan", " 10 ", 10),
        ("batas_gagal_login", 3.0, 3),
        ("lama_sesi_jam", 720, 720),
        ("periode_evaluasi", "bulanan", "bulanan"),
        ("nama_instansi", "  Pemerintah Kabupaten Situbondo ", "Pemerintah Kabupaten Situbondo"),
        ("tempat_dokumen", "Situbondo", "Situbondo"),
        ("smtp_keamanan", "ssl", "ssl"),
        ("smtp_host", " smtp.bondowosokab.go.id ", "smtp.bondowosokab.go.id"),
        ("smtp_host", "", ""),
        ("alamat_aplikasi", "https://sipijar.bondowosokab.go.id/", "https://sipijar.bondowosokab.go.id"),
        ("webhook_url", "", ""),
        ("webhook_url", "http://10.0.0.5:8080/kirim", "http://10.0.0.5:8080/kirim"),
        ("pengirim_alamat", "sipijar@bondowosokab.go.id", "sipijar@bondowosokab.go.id"),
    ],
)
def test_accepted_values(engine, org, key, value, stored):
    with session_scope(engine) as s:
        settings.setel(s, org.admin, key, value)
    with session_scope(engine) as s:
        assert settings.ambil(s, key) == stored
        assert settings.all_settings(s) == {**DEFAULTS, key: stored}


@pytest.mark.parametrize("who", ["staf", "kepala", "bupati", "kabid"])
def test_non_admin_is_refused(engine, org, who):
    with pytest.raises(AksesDitolak) as err:
        with session_scope(engine) as s:
            settings.setel(s, getattr(org, who), "menit_per_hari", 420)
    assert err.value.message == "Hanya Admin BKPSDM yang dapat melakukan tindakan ini."
    assert _rows(engine) == ([], 0)


@pytest.mark.parametrize(
    "key,value,message",
    [
        # issue #17: 1 minute a day made any activity 100 %; more than 12 hours is not a working day
        ("menit_per_hari", 0, "Menit efektif per hari kerja harus antara 60 dan 720."),
        ("menit_per_hari", 59, "Menit efektif per hari kerja harus antara 60 dan 720."),
        ("menit_per_hari", 721, "Menit efektif per hari kerja harus antara 60 dan 720."),
        ("menit_per_hari", 1440, "Menit efektif per hari kerja harus antara 60 dan 720."),
        ("menit_per_hari", -300, "Menit efektif per hari kerja harus antara 60 dan 720."),
        (
            "nama_instansi",
            "Pemkab\x00Bondowoso",
            "Nama instansi pada kop dokumen memuat karakter kontrol yang tidak dapat disimpan (misalnya NUL); "
            "hapus karakter itu lalu ulangi.",
        ),
        ("tempat_dokumen", "\u200b\u200b", "Tempat penandatanganan dokumen wajib diisi, paling banyak 100 karakter."),
        ("bobot_produktivitas_persen", 101, "Bobot produktivitas dalam TPP (%) harus antara 0 dan 100."),
        ("bobot_produktivitas_persen", -1, "Bobot produktivitas dalam TPP (%) harus antara 0 dan 100."),
        ("hari_tutup_bulan", 29, "Tanggal penutupan entri bulan sebelumnya harus antara 1 dan 28."),
        ("hari_tutup_bulan", 0, "Tanggal penutupan entri bulan sebelumnya harus antara 1 dan 28."),
        ("batas_gagal_login", 0, "Batas salah password sebelum akun dikunci harus antara 1 dan 100."),
        ("lama_kunci_menit", 1441, "Lama akun terkunci (menit) harus antara 1 dan 1440."),
        ("lama_sesi_jam", 721, "Lama sesi login (jam) harus antara 1 dan 720."),
        ("menit_per_hari", "lima", "Menit efektif per hari kerja harus berupa bilangan bulat."),
        ("menit_per_hari", "", "Menit efektif per hari kerja harus berupa bilangan bulat."),
        ("menit_per_hari", None, "Menit efektif per hari kerja harus berupa bilangan bulat."),
        ("menit_per_hari", 300.5, "Menit efektif per hari kerja harus berupa bilangan bulat."),
        ("menit_per_hari", "300.5", "Menit efektif per hari kerja harus berupa bilangan bulat."),
        ("bobot_produktivitas_persen", True, "Bobot produktivitas dalam TPP (%) harus berupa bilangan bulat."),
        ("hari_tutup_bulan", [5], "Tanggal penutupan entri bulan sebelumnya harus berupa bilangan bulat."),
        ("periode_evaluasi", "tahunan", "Periode evaluasi harus 'triwulan' atau 'bulanan'."),
        ("periode_evaluasi", 3, "Periode evaluasi harus 'triwulan' atau 'bulanan'."),
        ("nama_instansi", "   ", "Nama instansi pada kop dokumen wajib diisi, paling banyak 200 karakter."),
        ("nama_instansi", "x" * 201, "Nama instansi pada kop dokumen wajib diisi, paling banyak 200 karakter."),
        ("tempat_dokumen", 5, "Tempat penandatanganan dokumen wajib diisi, paling banyak 100 karakter."),
        ("smtp_keamanan", "tls", "Keamanan SMTP harus 'none', 'starttls' atau 'ssl'."),
        ("alamat_aplikasi", "", "Tautan wajib diisi."),
        ("webhook_url", "javascript:alert(1)", None),
        ("pengirim_alamat", "sipijar", "Alamat pengirim e-mail harus berupa alamat e-mail."),
        ("smtp_port", 70000, "Port SMTP harus antara 1 dan 65535."),
        ("pengingat_jam_mulai", 24, "Jam kerja pengiriman e-mail dan webhook: mulai (jam WIB) harus antara 0 dan 23."),
        ("smtp_password", 5, "Password SMTP (atau variabel lingkungan SIPIJAR_SMTP_PASSWORD) harus berupa teks."),
        ("tidak_ada", 1, "Pengaturan 'tidak_ada' tidak dikenal."),
        ("", 1, "Pengaturan '' tidak dikenal."),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(engine, org, key, value, message):
    with session_scope(engine) as s:
        settings.setel(s, org.admin, "hari_tutup_bulan", 7)
    before = _rows(engine)
    with pytest.raises(ValidationError) as err:
        with session_scope(engine) as s:
            settings.setel(s, org.admin, key, value)
    assert message is None or err.value.message == message
    assert _rows(engine) == before
    with session_scope(engine) as s:
        assert settings.all_settings(s) == {**DEFAULTS, "hari_tutup_bulan": 7}


def test_ketidakhadiran_mengurangi_takes_only_known_kinds_in_their_order(engine, org):
    with session_scope(engine) as s:
        settings.setel(s, org.admin, "ketidakhadiran_mengurangi", ["Izin", "Cuti Sakit"])
        assert settings.ambil(s, "ketidakhadiran_mengurangi") == ["Cuti Sakit", "Izin"]
        with pytest.raises(ValidationError, match="pilih dari"):
            settings.setel(s, org.admin, "ketidakhadiran_mengurangi", ["Cuti Liburan"])
        with pytest.raises(ValidationError):
            settings.setel(s, org.admin, "ketidakhadiran_mengurangi", "Izin")


def test_the_smtp_password_is_never_written_into_the_audit_trail(engine, org):
    with session_scope(engine) as s:
        settings.setel(s, org.admin, "smtp_password", "rahasia-smtp-sekali")
    with session_scope(engine) as s:
        assert settings.ambil(s, "smtp_password") == "rahasia-smtp-sekali"
        row = s.scalar(select(AuditLog).where(AuditLog.entitas_id == "smtp_password"))
    assert (json.loads(row.sebelum), json.loads(row.sesudah)) == ({"nilai": ""}, {"nilai": "(diubah)"})
    assert "rahasia" not in row.sesudah
