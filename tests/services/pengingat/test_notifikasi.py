"""The in-app list and the opt-outs (docs/domain.md §8.36): one's own notices only, the unread count, marking
read (audited), the channel choice (audited); and the admin's preview, runs, failed list and test e-mail."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from db.enums import KanalPengingat
from db.models import AuditLog, Notifikasi, Pegawai
from db.session import session_scope
from services.pengingat import admin, notifikasi
from services.platform.errors import AksesDitolak, ValidationError
from services.platform.format import WIB
from tests.pengingat_uji import ServerSmtp, bagian, menunggu_di_juli, setel


def _isi(engine, org) -> None:
    with session_scope(engine) as s:
        for pid, judul in ((org.staf.pegawai_id, "Satu"), (org.staf.pegawai_id, "Dua"), (org.kabid.pegawai_id, "Lain")):
            s.add(Notifikasi(pegawai_id=pid, jenis="uji", judul=judul, teks="Teks", tautan="/aktivitas-harian"))


def test_each_pegawai_reads_and_marks_only_their_own(engine, org):
    _isi(engine, org)
    with session_scope(engine, readonly=True) as s:
        assert notifikasi.belum_dibaca(s, org.staf.pegawai_id) == 2
        assert [r.judul for r in notifikasi.daftar(s, org.staf)] == ["Dua", "Satu"]
        satu = next(r.id for r in notifikasi.daftar(s, org.staf) if r.judul == "Satu")
        lain = notifikasi.daftar(s, org.kabid)[0].id
    with session_scope(engine) as s:
        assert notifikasi.tandai_dibaca(s, org.staf, [satu, lain]) == 1  # kabid's notice is not the staf's to mark
    with session_scope(engine, readonly=True) as s:
        assert notifikasi.belum_dibaca(s, org.staf.pegawai_id) == 1
        assert notifikasi.belum_dibaca(s, org.kabid.pegawai_id) == 1
    with session_scope(engine) as s:
        assert notifikasi.tandai_dibaca(s, org.staf) == 1
        assert notifikasi.tandai_dibaca(s, org.staf) == 0
    with session_scope(engine, readonly=True) as s:
        assert notifikasi.belum_dibaca(s, org.staf.pegawai_id) == 0
        aksi = [r.aksi for r in s.scalars(select(AuditLog).where(AuditLog.actor_id == org.staf.pegawai_id))]
    assert aksi == ["baca_notifikasi", "baca_notifikasi"]


def test_the_channel_choice_is_saved_and_audited(engine, org):
    with session_scope(engine) as s:
        assert notifikasi.kanal_aktif(s, org.staf) == dict.fromkeys(KanalPengingat, True)
        assert notifikasi.setel_kanal(s, org.staf, {KanalPengingat.EMAIL: False, KanalPengingat.APLIKASI: True}) == [
            KanalPengingat.EMAIL
        ]
    with session_scope(engine) as s:
        assert notifikasi.kanal_aktif(s, org.staf)[KanalPengingat.EMAIL] is False
        notifikasi.setel_kanal(s, org.staf, {KanalPengingat.EMAIL: True})
    with session_scope(engine, readonly=True) as s:
        assert notifikasi.kanal_aktif(s, org.staf)[KanalPengingat.EMAIL] is True
        rows = list(s.scalars(select(AuditLog).where(AuditLog.aksi == "ubah_langganan_pengingat")))
    assert [(r.sebelum, r.sesudah) for r in rows] == [
        ('{"E-mail": true}', '{"E-mail": false}'),
        ('{"E-mail": false}', '{"E-mail": true}'),
    ]


def test_the_admin_previews_what_a_chosen_pegawai_would_get(engine, org, time_machine):
    time_machine.move_to(datetime(2026, 8, 5, 10, tzinfo=WIB))
    menunggu_di_juli(engine, org)
    with session_scope(engine, readonly=True) as s:
        (p,) = admin.pratinjau(s, org.admin, org.kasubbid.pegawai_id, datetime(2026, 8, 5).date())
        with pytest.raises(AksesDitolak):
            admin.pratinjau(s, org.kepala, org.kasubbid.pegawai_id, datetime(2026, 8, 5).date())
        pilihan = dict(admin.pilihan_penerima(s, org.admin, datetime(2026, 8, 5).date(), "Kasub"))
        assert admin.pilihan_penerima(s, org.admin, datetime(2026, 8, 5).date(), "Ka") == []  # under 3 characters
        assert dict(admin.pilihan_penerima(s, org.admin, datetime(2026, 8, 5).date(), org.kasubbid.nip[:8]))
    assert p.pesan.jenis == "digest_atasan" and p.polos.startswith("Yth. Kasubbid Uji,")
    assert f"http://localhost:8501/validasi?nip={org.staf.nip}" in p.polos
    assert pilihan[org.kasubbid.pegawai_id] == f"Kasubbid Uji — NIP {org.kasubbid.nip}"


def test_kirim_uji_goes_to_the_admin_s_own_address(engine, org):
    with session_scope(engine) as s, pytest.raises(ValidationError, match="Server SMTP belum diisi"):
        admin.kirim_uji(s, org.admin)
    with ServerSmtp() as smtp:
        with session_scope(engine) as s:
            setel(s, **smtp.pengaturan())
        with session_scope(engine) as s, pytest.raises(ValidationError, match="belum memiliki alamat e-mail"):
            admin.kirim_uji(s, org.admin)
        with session_scope(engine) as s:
            s.get_one(Pegawai, org.admin.pegawai_id).email = "admin@uji.example"
        with session_scope(engine) as s:
            assert admin.kirim_uji(s, org.admin) == "admin@uji.example"
        smtp.tolak = 1
        with session_scope(engine) as s, pytest.raises(ValidationError, match="E-mail uji gagal dikirim ke admin@uji"):
            admin.kirim_uji(s, org.admin)
    assert smtp.kepada() == ["admin@uji.example"]
    assert "menguji pengaturan SMTP SIPIJAR" in bagian(smtp.pesan[0], "text/plain")
    with session_scope(engine, readonly=True) as s:
        assert s.scalar(select(AuditLog.aksi).where(AuditLog.aksi == "kirim_uji_pengingat")) == "kirim_uji_pengingat"
        with pytest.raises(AksesDitolak):
            admin.kirim_uji(s, org.kepala)
