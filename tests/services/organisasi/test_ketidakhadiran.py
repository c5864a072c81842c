"""Ketidakhadiran recorded by the admin (docs/domain.md §8.25): admin only, audited, optimistic version; refused
with a clear message when it overlaps another record of the pegawai, ends before it starts, is longer than a
year, names an unknown kind or a nonaktif/unknown pegawai, or covers days on which the pegawai already has
activities (a reducing kind only); the list's filters; the pegawai's own marks; what the aktivitas entry
refuses."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, time
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.enums import JenisKetidakhadiran, StatusAktivitas
from db.models import AuditLog, Ketidakhadiran, Pegawai
from db.session import session_scope
from services.aktivitas import harian
from services.aktivitas.harian import AktivitasInput
from services.organisasi import ketidakhadiran, ketidakhadiran_daftar, referensi
from services.organisasi.ketidakhadiran import KetidakhadiranInput
from services.platform import settings
from services.platform.errors import AksesDitolak, KonflikData, TidakDitemukan, ValidationError
from tests.factories import add_aktivitas, build_skp

CUTI, IZIN, DL = JenisKetidakhadiran.CUTI_TAHUNAN, JenisKetidakhadiran.IZIN, JenisKetidakhadiran.DINAS_LUAR
TODAY = date(2026, 7, 15)  # the pinned clock: July 2026 is open, and has no hari libur


def _cuti(org, **kw) -> KetidakhadiranInput:
    base = KetidakhadiranInput(org.staf.pegawai_id, CUTI, date(2026, 7, 8), date(2026, 7, 10), "Cuti keluarga")
    return replace(base, **kw)


def _count(s) -> int:
    return s.scalar(select(func.count()).select_from(Ketidakhadiran))


def test_admin_records_changes_and_deletes_with_audit(engine, org):
    with session_scope(engine) as s:
        row = ketidakhadiran.tambah(s, org.admin, _cuti(org))
        rid, versi = row.id, row.version_id
    with session_scope(engine) as s:
        [baris] = ketidakhadiran_daftar.daftar(s, org.admin, tahun=2026, bulan=7)
        assert (baris.nama, baris.jenis, baris.rentang, baris.mengurangi) == ("Staf Uji", CUTI, "8–10 Juli 2026", True)
        ketidakhadiran.ubah(s, org.admin, rid, _cuti(org, jenis="izin", tanggal_akhir=date(2026, 7, 9)), version=versi)
    with session_scope(engine) as s:
        [baris] = ketidakhadiran_daftar.daftar(s, org.admin, pegawai_id=org.staf.pegawai_id)
        assert (baris.jenis, baris.rentang, baris.mengurangi) == (IZIN, "8–9 Juli 2026", False)  # Izin: not by default
        with pytest.raises(KonflikData):  # the version the screen showed is gone
            ketidakhadiran.hapus(s, org.admin, rid, version=versi)
    with session_scope(engine) as s:
        ketidakhadiran.hapus(s, org.admin, rid, version=baris.version)
    with session_scope(engine) as s:
        assert _count(s) == 0
        aksi = list(s.scalars(select(AuditLog.aksi).where(AuditLog.entitas == "ketidakhadiran").order_by(AuditLog.id)))
        assert aksi == ["tambah_ketidakhadiran", "ubah_ketidakhadiran", "hapus_ketidakhadiran"]
        with pytest.raises(TidakDitemukan):
            ketidakhadiran.hapus(s, org.admin, rid, version=baris.version)


def test_only_an_admin_records_or_lists(engine, org):
    with session_scope(engine) as s:
        with pytest.raises(AksesDitolak):
            ketidakhadiran.tambah(s, org.kepala, _cuti(org))
        with pytest.raises(AksesDitolak):
            ketidakhadiran_daftar.daftar(s, org.staf)
        assert _count(s) == 0


@pytest.mark.parametrize(
    "ubah, pesan",
    [
        ({"tanggal_akhir": date(2026, 7, 7)}, "Tanggal akhir (7 Juli 2026) tidak boleh sebelum tanggal mulai"),
        ({"tanggal_mulai": None}, "Tanggal mulai wajib diisi"),
        ({"tanggal_akhir": date(2027, 7, 9)}, "lebih dari 366 hari"),
        ({"jenis": "Cuti Panjang"}, 'Jenis ketidakhadiran "Cuti Panjang" tidak dikenal. Isi salah satu: Cuti Tahunan'),
        ({"jenis": ""}, "Jenis ketidakhadiran wajib diisi"),
        ({"pegawai_id": 999_999}, "Pegawai tidak ditemukan"),
        ({"keterangan": "x" * 301}, "Keterangan paling banyak 300 karakter"),
    ],
)
def test_bad_records_are_refused_with_a_reason(engine, org, ubah, pesan):
    with session_scope(engine) as s:
        with pytest.raises(ValidationError, match=re.escape(pesan)):
            ketidakhadiran.tambah(s, org.admin, _cuti(org, **ubah))
        assert _count(s) == 0


def test_a_year_exactly_is_accepted(engine, org):
    with session_scope(engine) as s:  # 1 Jan – 31 Dec 2028 is 366 days (a leap year): the longest record
        ketidakhadiran.tambah(
            s,
            org.admin,
            _cuti(
                org,
                jenis=JenisKetidakhadiran.TUGAS_BELAJAR,
                tanggal_mulai=date(2028, 1, 1),
                tanggal_akhir=date(2028, 12, 31),
            ),
        )


def test_a_nonaktif_pegawai_is_refused(engine, org):
    with session_scope(engine) as s:
        s.get(Pegawai, org.staf.pegawai_id).aktif = False
    with session_scope(engine) as s:
        with pytest.raises(ValidationError, match=r"Staf Uji \(\d{18}\) tidak aktif"):
            ketidakhadiran.tambah(s, org.admin, _cuti(org))


def test_overlapping_records_of_one_pegawai_are_refused(engine, org):
    with session_scope(engine) as s:
        pertama = ketidakhadiran.tambah(s, org.admin, _cuti(org))
        ketidakhadiran.tambah(s, org.admin, _cuti(org, pegawai_id=org.kabid.pegawai_id))  # another pegawai: fine
        ketidakhadiran.tambah(
            s, org.admin, _cuti(org, tanggal_mulai=date(2026, 7, 11), tanggal_akhir=date(2026, 7, 11))
        )
    with session_scope(engine) as s:
        with pytest.raises(
            ValidationError, match="10–14 Juli 2026 bertumpang tindih dengan Cuti Tahunan Staf Uji 8–10 Juli 2026"
        ):
            ketidakhadiran.tambah(
                s, org.admin, _cuti(org, jenis=DL, tanggal_mulai=date(2026, 7, 10), tanggal_akhir=date(2026, 7, 14))
            )
        # Changing a record may keep its own dates.
        ketidakhadiran.ubah(s, org.admin, pertama.id, _cuti(org, keterangan="Cuti menikah"), version=pertama.version_id)


def test_a_reducing_absence_over_activity_days_is_refused_naming_the_dates(engine, org):
    """docs/domain.md §8.25: a day out of hari kerja must not also bring validated minutes, so a reducing kind
    is refused over days with activities that count or may still count; Ditolak ones do not, and Izin (not
    reducing by default) is only a mark."""
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, 2026)
        add_aktivitas(s, org.staf, skp, date(2026, 7, 9), "08:00", "12:00", StatusAktivitas.TERVALIDASI)
        add_aktivitas(s, org.staf, skp, date(2026, 7, 10), "08:00", "09:00", StatusAktivitas.MENUNGGU)
        add_aktivitas(s, org.staf, skp, date(2026, 7, 13), "08:00", "09:00", StatusAktivitas.DITOLAK)
    with session_scope(engine) as s:
        with pytest.raises(
            ValidationError, match="Staf Uji sudah mengisi aktivitas harian pada 9 Juli 2026, 10 Juli 2026. Hari Cuti"
        ):
            ketidakhadiran.tambah(s, org.admin, _cuti(org, tanggal_akhir=date(2026, 7, 13)))
        ketidakhadiran.tambah(
            s, org.admin, _cuti(org, tanggal_mulai=date(2026, 7, 13), tanggal_akhir=date(2026, 7, 14))
        )
        izin = ketidakhadiran.tambah(s, org.admin, _cuti(org, jenis=IZIN, tanggal_akhir=date(2026, 7, 10)))
        # Turning the Izin into a reducing kind meets the same rule.
        with pytest.raises(ValidationError, match="9 Juli 2026, 10 Juli 2026"):
            ketidakhadiran.ubah(
                s, org.admin, izin.id, _cuti(org, jenis=DL, tanggal_akhir=date(2026, 7, 10)), version=izin.version_id
            )


def test_the_list_filters_by_month_unit_and_pegawai(engine, org):
    with session_scope(engine) as s:
        ketidakhadiran.tambah(s, org.admin, _cuti(org))
        ketidakhadiran.tambah(
            s,
            org.admin,
            _cuti(
                org,
                pegawai_id=org.perawat.pegawai_id,
                jenis=DL,
                tanggal_mulai=date(2026, 6, 29),
                tanggal_akhir=date(2026, 7, 1),
            ),
        )
        ketidakhadiran.tambah(
            s,
            org.admin,
            _cuti(org, pegawai_id=org.kabid.pegawai_id, tanggal_mulai=date(2026, 8, 3), tanggal_akhir=date(2026, 8, 3)),
        )

        def nama(**kw) -> list[str]:
            return [r.nama for r in ketidakhadiran_daftar.daftar(s, org.admin, **kw)]

        assert nama(tahun=2026, bulan=7) == ["Staf Uji", "Perawat Uji"]  # newest first
        assert nama(tahun=2026, bulan=6) == ["Perawat Uji"]  # a range touching the month counts
        assert nama(unit_id=org.bkpsdm) == ["Kabid Uji", "Staf Uji"]  # with the units below BKPSDM
        assert nama(unit_id=org.dinkes, tahun=2026, bulan=8) == []
        assert nama(pegawai_id=org.kabid.pegawai_id) == ["Kabid Uji"]
        pilihan = ketidakhadiran_daftar.pegawai_pilihan(s, org.admin, org.dinkes)
        assert [p[2] for p in pilihan] == ["Kadinkes Uji", "Perawat Uji"]
        # The list filter's search: a name or a NIP's start, within the unit; nobody below 3 characters.
        cari = ketidakhadiran_daftar.pegawai_pilihan
        assert [p[2] for p in cari(s, org.admin, cari="uji ", batas=3)] == ["Admin Uji", "Bupati Uji", "Fungsional Uji"]
        assert [p[2] for p in cari(s, org.admin, org.dinkes, cari="Uji")] == ["Kadinkes Uji", "Perawat Uji"]
        assert [p[2] for p in cari(s, org.admin, cari=org.staf.nip)] == ["Staf Uji"]
        assert cari(s, org.admin, cari="Uj") == [] and cari(s, org.admin, cari="100%") == []


def test_hari_tidak_hadir_reads_the_reducing_kinds_of_the_setting(engine, org):
    with session_scope(engine) as s:
        ketidakhadiran.tambah(s, org.admin, _cuti(org))
        ketidakhadiran.tambah(
            s, org.admin, _cuti(org, jenis=IZIN, tanggal_mulai=date(2026, 7, 13), tanggal_akhir=date(2026, 7, 13))
        )
        hari = ketidakhadiran.hari_tidak_hadir(s, date(2026, 7, 1), date(2026, 7, 31))
        assert hari == {org.staf.pegawai_id: {date(2026, 7, 8), date(2026, 7, 9), date(2026, 7, 10)}}
        settings.setel(s, org.admin, "ketidakhadiran_mengurangi", ["Izin"])
        hari = ketidakhadiran.hari_tidak_hadir(s, date(2026, 7, 1), date(2026, 7, 31))
        assert hari == {org.staf.pegawai_id: {date(2026, 7, 13)}}


def test_a_setting_that_would_reduce_days_with_activities_is_refused(engine, org):
    """The same rule from the other side: making Izin reduce hari kerja while an Izin day holds activities
    would take the day out and keep its minutes (docs/domain.md §8.25)."""
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, 2026)
        add_aktivitas(s, org.staf, skp, date(2026, 7, 9), "08:00", "12:00", StatusAktivitas.TERVALIDASI)
        ketidakhadiran.tambah(s, org.admin, _cuti(org, jenis=IZIN))
    with session_scope(engine) as s:
        with pytest.raises(
            ValidationError, match=r"^Izin tidak dapat dijadikan pengurang hari kerja: .*\(Staf Uji 9 Juli 2026\)"
        ):
            referensi.simpan_pengaturan(s, org.admin, {"ketidakhadiran_mengurangi": ["Izin", "Cuti Tahunan"]})
        referensi.simpan_pengaturan(s, org.admin, {"ketidakhadiran_mengurangi": ["Cuti Tahunan"]})  # fewer: fine


# --- what the pegawai sees on Aktivitas Harian and what its entry refuses ---------------------------------


def _aktivitas(skp, tanggal: date) -> AktivitasInput:
    return AktivitasInput(
        tanggal,
        skp.rhk_ids[0],
        "Menyusun laporan",
        Decimal(1),
        "Dokumen",
        time(8, 0),
        time(9, 0),
        indikator_id=skp.indikator_ids[0],
    )


def test_an_activity_on_a_reducing_absence_day_is_refused_and_an_izin_day_is_only_marked(engine, org):
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, 2026)
        ketidakhadiran.tambah(s, org.admin, _cuti(org))  # Cuti Tahunan 8–10 July
        ketidakhadiran.tambah(
            s, org.admin, _cuti(org, jenis=IZIN, tanggal_mulai=date(2026, 7, 13), tanggal_akhir=date(2026, 7, 13))
        )
    with session_scope(engine) as s:
        with pytest.raises(
            ValidationError, match="^Tanggal 9 Juli 2026 tercatat Cuti Tahunan; hari itu tidak dihitung"
        ):
            harian.tambah(s, org.staf, _aktivitas(skp, date(2026, 7, 9)), TODAY)
    with session_scope(engine) as s:
        row = harian.tambah(s, org.staf, _aktivitas(skp, date(2026, 7, 13)), TODAY)  # Izin: allowed
        # Moving an activity onto a cuti day is refused too.
        with pytest.raises(ValidationError, match="Tanggal 10 Juli 2026 tercatat Cuti Tahunan"):
            harian.ubah(s, org.staf, row.id, _aktivitas(skp, date(2026, 7, 10)), TODAY, version=row.version_id)
    with session_scope(engine) as s:
        marks = [c.keterangan() for c in harian.ketidakhadiran_bulan(s, org.staf, org.staf.pegawai_id, 2026, 7)]
        assert marks == [
            "Cuti Tahunan: 8–10 Juli 2026 (tidak dihitung hari kerja)",
            "Izin: 13 Juli 2026 (tetap dihitung hari kerja)",
        ]
        assert harian.ketidakhadiran_bulan(s, org.staf, org.staf.pegawai_id, 2026, 6) == []
        with pytest.raises(AksesDitolak):  # another pegawai's absences are not a colleague's business
            harian.ketidakhadiran_bulan(s, org.fungsional, org.staf.pegawai_id, 2026, 7)
