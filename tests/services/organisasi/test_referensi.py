"""Admin master data: hari libur, katalog aktivitas, pola penugasan, pengaturan, Buka Bulan — admin only,
audited, bad input refused with nothing changed."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from db.models import AuditLog, HariLibur, KatalogAktivitas, PembukaanBulan, PolaPenugasan
from db.session import session_scope
from services.organisasi import referensi
from services.platform import settings
from services.platform.errors import AksesDitolak, ValidationError


def _audit(engine, aksi):
    with session_scope(engine, readonly=True) as s:
        return s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.aksi == aksi))


def test_hari_libur_seed_add_remove(engine, org):
    with session_scope(engine) as s:
        assert referensi.isi_hari_libur_tahun(s, org.admin, 2026) > 15
    with session_scope(engine) as s:
        assert referensi.isi_hari_libur_tahun(s, org.admin, 2026) == 0  # idempotent
        referensi.hapus_hari_libur(s, org.admin, date(2026, 3, 18))
        referensi.tambah_hari_libur(s, org.admin, date(2026, 3, 2), "Cuti bersama Hari Jadi Bondowoso")
    with session_scope(engine) as s:
        assert referensi.isi_hari_libur_tahun(s, org.admin, 2026) == 0  # the removal survives
        rows = {h.tanggal: h for h in referensi.hari_libur_tahun(s, org.admin, 2026)}
        assert rows[date(2026, 3, 18)].aktif is False
        assert (rows[date(2026, 3, 2)].sumber, rows[date(2026, 3, 2)].aktif) == ("admin", True)
        with pytest.raises(ValidationError, match="sudah tercatat sebagai hari libur"):
            referensi.tambah_hari_libur(s, org.admin, date(2026, 3, 2), "Lagi")
        with pytest.raises(ValidationError, match="Keterangan wajib diisi"):
            referensi.tambah_hari_libur(s, org.admin, date(2026, 3, 3), " ")
        referensi.tambah_hari_libur(s, org.admin, date(2026, 3, 18), "Cuti bersama Nyepi")  # back again
        assert s.scalar(select(HariLibur.aktif).where(HariLibur.tanggal == date(2026, 3, 18))) is True
    assert _audit(engine, "hapus_hari_libur") == 1 and _audit(engine, "tambah_hari_libur") == 2


def test_katalog_add_edit_deactivate(engine, org):
    with session_scope(engine) as s:
        k = referensi.tambah_katalog(s, org.admin, "Menyusun notulen", "Dokumen", 60)
        with pytest.raises(ValidationError, match="sudah ada di katalog"):
            referensi.tambah_katalog(s, org.admin, "Menyusun notulen", "Dokumen", 30)
        with pytest.raises(ValidationError, match="Durasi harus bilangan bulat antara 1 dan 1440"):
            referensi.tambah_katalog(s, org.admin, "Rapat", "Kegiatan", 0)
        referensi.ubah_katalog(s, org.admin, k.id, "Menyusun notulen rapat", "Dokumen", 45, aktif=False)
    with session_scope(engine, readonly=True) as s:
        row = s.scalar(select(KatalogAktivitas))
        assert (row.nama, row.durasi_menit, row.aktif) == ("Menyusun notulen rapat", 45, False)
        from services.aktivitas.harian import katalog_pilihan

        assert katalog_pilihan(s) == []
    assert _audit(engine, "tambah_katalog") == 1 and _audit(engine, "ubah_katalog") == 1


def test_pola_penugasan_add_deactivate(engine, org):
    with session_scope(engine) as s:
        p = referensi.tambah_pola(s, org.admin, "Direktif Pejabat Penilai (Mandiri)")
        with pytest.raises(ValidationError, match="sudah ada"):
            referensi.tambah_pola(s, org.admin, "Direktif Pejabat Penilai (Mandiri)")
        referensi.atur_pola_aktif(s, org.admin, p.id, False)
    with session_scope(engine, readonly=True) as s:
        assert s.scalar(select(PolaPenugasan.aktif)) is False
    assert _audit(engine, "ubah_pola_penugasan") == 1


def test_pengaturan_saves_only_changes_and_refuses_bad_values(engine, org):
    with session_scope(engine) as s:
        nilai = settings.all_settings(s)
        assert referensi.simpan_pengaturan(s, org.admin, {**nilai, "hari_tutup_bulan": 7}) == ["hari_tutup_bulan"]
    with session_scope(engine) as s, pytest.raises(ValidationError, match="antara 60 dan 720"):  # issue #17: 60–720
        referensi.simpan_pengaturan(s, org.admin, {**nilai, "menit_per_hari": 0, "tempat_dokumen": "Jember"})
    with session_scope(engine, readonly=True) as s:
        assert settings.ambil(s, "hari_tutup_bulan") == 7
        assert settings.ambil(s, "tempat_dokumen") == "Bondowoso"
        assert settings.ambil(s, "menit_per_hari") == 300


def test_buka_bulan_rules(engine, org):
    today = date(2026, 4, 6)
    with session_scope(engine) as s:
        for args, message in [
            ((2026, 3, date(2026, 4, 5), "x"), "hari ini atau sesudahnya"),
            ((2026, 3, date(2026, 4, 9), " "), "Alasan pembukaan wajib diisi"),
            ((2026, 5, date(2026, 5, 9), "x"), "belum dimulai"),
            ((2026, 13, date(2026, 4, 9), "x"), "Bulan tidak valid"),
        ]:
            with pytest.raises(ValidationError, match=message):
                referensi.buka_bulan(s, org.admin, *args, today=today)
        with pytest.raises(ValidationError, match="NIP 199999999999999999 tidak ditemukan"):
            referensi.buka_bulan(s, org.admin, 2026, 3, date(2026, 4, 9), "x", "199999999999999999", today=today)
        referensi.buka_bulan(s, org.admin, 2026, 3, date(2026, 4, 9), "Server gangguan", org.staf.nip, today=today)
        riwayat = referensi.pembukaan_list(s, org.admin)
    assert [(r.bulan, r.pegawai, r.alasan) for r in riwayat] == [
        ("Maret 2026", f"Staf Uji ({org.staf.nip})", "Server gangguan")
    ]
    assert _audit(engine, "buka_bulan") == 1


def test_everything_is_admin_only(engine, org):
    with session_scope(engine) as s:
        calls = [
            lambda a: referensi.hari_libur_tahun(s, a, 2026),
            lambda a: referensi.isi_hari_libur_tahun(s, a, 2026),
            lambda a: referensi.tambah_hari_libur(s, a, date(2026, 3, 2), "x"),
            lambda a: referensi.hapus_hari_libur(s, a, date(2026, 3, 2)),
            lambda a: referensi.katalog_list(s, a),
            lambda a: referensi.tambah_katalog(s, a, "x", "y", 10),
            lambda a: referensi.pola_list(s, a),
            lambda a: referensi.tambah_pola(s, a, "x"),
            lambda a: referensi.simpan_pengaturan(s, a, {"menit_per_hari": 200}),
            lambda a: referensi.buka_bulan(s, a, 2026, 3, date(2026, 4, 9), "x", today=date(2026, 4, 6)),
            lambda a: referensi.pembukaan_list(s, a),
        ]
        for call in calls:
            for actor in (org.kepala, org.bupati, org.staf):
                with pytest.raises(AksesDitolak):
                    call(actor)
    with session_scope(engine, readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(PembukaanBulan)) == 0
        assert s.scalar(select(func.count()).select_from(AuditLog)) == 0
