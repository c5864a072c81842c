"""Tambah Aktivitas, edit, delete, correct-and-resubmit, Salin dari hari sebelumnya, month closing and
the admin's reopening (docs/domain.md §3.9–10, §4). Every refusal says why in Indonesian and changes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.enums import StatusAktivitas, StatusSKP
from db.models import AktivitasHarian, AuditLog
from db.session import session_scope
from services.aktivitas import harian as aktivitas
from services.aktivitas import salin, validasi
from services.aktivitas.bulan import status_bulan
from services.aktivitas.harian import AktivitasInput
from services.organisasi import referensi
from services.platform import kalender
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import add_aktivitas, build_skp

TODAY = date(2026, 3, 31)  # a Tuesday; March 2026 is open until 5 April 2026
T, M, D = StatusAktivitas.TERVALIDASI, StatusAktivitas.MENUNGGU, StatusAktivitas.DITOLAK


@pytest.fixture
def skp(engine, org):
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        return build_skp(s, org.staf, 2026)


def _input(skp, **kw) -> AktivitasInput:
    base = AktivitasInput(
        tanggal=date(2026, 3, 30),
        rhk_id=skp.rhk_ids[0],
        indikator_id=skp.indikator_ids[0],
        aktivitas="Menyusun laporan mutasi",
        volume=Decimal("2"),
        satuan="Laporan",
        jam_mulai=time(8, 0),
        jam_selesai=time(9, 30),
    )
    return replace(base, **kw)


def _counts(engine) -> tuple[int, int]:
    with session_scope(engine, readonly=True) as s:
        return (
            s.scalar(select(func.count()).select_from(AktivitasHarian)),
            s.scalar(select(func.count()).select_from(AuditLog)),
        )


def _versi(s, row_id: int) -> int:
    """The row's current version: what a screen opened just now sends back."""
    return s.get(AktivitasHarian, row_id).version_id


def _create(engine, actor, data, today=TODAY):
    with session_scope(engine) as s:
        return aktivitas.tambah(s, actor, data, today).id


def test_simpan_stores_minutes_waiting_for_validation(engine, org, skp):
    new_id = _create(engine, org.staf, _input(skp, bukti_link="https://drive.google.com/file/d/abc/view"))
    with session_scope(engine, readonly=True) as s:
        row = s.get(AktivitasHarian, new_id)
        assert row.status == M
        assert row.durasi_menit == 90
        assert row.periode_id == skp.periode_id
        assert row.volume == Decimal("2") and row.satuan == "Laporan"
        log = s.scalar(select(AuditLog).where(AuditLog.aksi == "tambah_aktivitas"))
        assert log.entitas_id == str(new_id) and log.actor_nip == org.staf.nip


REFUSALS = [
    (dict(jam_selesai=time(8, 0)), "Jam Selesai harus setelah Jam Mulai"),
    (dict(jam_selesai=time(7, 0)), "Jam Selesai harus setelah Jam Mulai"),
    (dict(tanggal=date(2026, 4, 1)), "belum terjadi"),
    (dict(tanggal=None), "Tanggal wajib diisi"),
    (dict(aktivitas="   "), "Uraian aktivitas wajib diisi"),
    (dict(volume=0), "Volume output harus berupa angka lebih dari 0"),
    (dict(volume="dua"), "Volume output harus berupa angka lebih dari 0"),
    (dict(satuan=""), "Satuan output wajib diisi"),
    (dict(bukti_link="javascript:alert(1)"), "http:// atau https://"),
    (dict(bukti_link="ftp://server/berkas"), "http:// atau https://"),
    (dict(rhk_id=None), "Pilih SKP terkait"),
]


@pytest.mark.parametrize("change, message", REFUSALS)
def test_bad_input_is_refused_and_nothing_saved(engine, org, skp, change, message):
    before = _counts(engine)
    with pytest.raises(ValidationError, match=message):
        _create(engine, org.staf, _input(skp, **change))
    assert _counts(engine) == before


def test_date_outside_every_periode_is_refused(engine, org, skp):
    with pytest.raises(ValidationError, match="tidak berada di dalam Periode SKP Anda"):
        _create(engine, org.staf, _input(skp, tanggal=date(2025, 12, 31)), today=date(2026, 1, 2))
    assert _counts(engine)[0] == 0


def test_periode_chosen_must_contain_the_date(engine, org, skp):
    with pytest.raises(ValidationError, match="di luar Periode yang dipilih"):
        _create(engine, org.staf, _input(skp, periode_id=skp.periode_id + 999))


def test_no_ditetapkan_skp_no_activity(engine, org, skp):
    with session_scope(engine) as s:
        diajukan = build_skp(s, org.fungsional, 2026, status=StatusSKP.DIAJUKAN)
    with pytest.raises(ValidationError, match=r"belum ditetapkan atasan \(status: Diajukan\)"):
        _create(engine, org.fungsional, _input(diajukan))
    with session_scope(engine, readonly=True) as s:
        assert aktivitas.pilihan_skp(s, org.fungsional, diajukan.periode_id) == []
    assert _counts(engine)[0] == 0


def test_skp_terkait_must_be_the_pegawais_own(engine, org, skp):
    with session_scope(engine) as s:
        lain = build_skp(s, org.fungsional, 2026)
    with pytest.raises(ValidationError, match="SKP terkait tidak termasuk"):
        _create(engine, org.staf, _input(skp, rhk_id=lain.rhk_ids[0], indikator_id=None))
    with pytest.raises(ValidationError, match="bukan indikator dari Rencana Hasil Kerja"):
        _create(engine, org.staf, _input(skp, rhk_id=skp.rhk_ids[0], indikator_id=skp.indikator_ids[1]))
    with session_scope(engine, readonly=True) as s:
        assert [p.rhk_id for p in aktivitas.pilihan_skp(s, org.staf, skp.periode_id)] == skp.rhk_ids
        with pytest.raises(AksesDitolak):
            aktivitas.pilihan_skp(s, org.staf, lain.periode_id)


@pytest.mark.parametrize("status", [M, T])
def test_overlap_is_refused(engine, org, skp, status):
    with session_scope(engine) as s:
        add_aktivitas(s, org.staf, skp, date(2026, 3, 30), "09:00", "10:00", status, aktivitas="Rapat pagi")
    before = _counts(engine)
    with pytest.raises(ValidationError, match=r"Jam 08\.00–09\.30 bertumpang tindih .*Rapat pagi.*09\.00–10\.00"):
        _create(engine, org.staf, _input(skp))
    assert _counts(engine) == before


def test_a_rejected_row_does_not_block_and_touching_times_are_fine(engine, org, skp):
    with session_scope(engine) as s:
        add_aktivitas(s, org.staf, skp, date(2026, 3, 30), "08:00", "09:30", D, alasan="Tidak jelas")
        add_aktivitas(s, org.staf, skp, date(2026, 3, 30), "09:30", "10:00", M)
        add_aktivitas(s, org.fungsional, build_skp(s, org.fungsional, 2026), date(2026, 3, 30), "08:00", "09:30", M)
    _create(engine, org.staf, _input(skp))  # 08.00–09.30 again: the Ditolak row and another pegawai don't block
    with session_scope(engine, readonly=True) as s:
        rows = aktivitas.daftar_bulan(s, org.staf, org.staf.pegawai_id, 2026, 3)
    assert [(r.jam, r.status) for r in rows] == [("08.00–09.30", D), ("08.00–09.30", M), ("09.30–10.00", M)]


def test_month_closes_after_the_closing_day_and_admin_reopens_it(engine, org, skp):
    data = _input(skp, tanggal=date(2026, 3, 31))
    _create(engine, org.staf, data, today=date(2026, 4, 5))  # day 5 of April: still open
    later = replace(data, jam_mulai=time(10, 0), jam_selesai=time(11, 0))
    before = _counts(engine)
    with pytest.raises(ValidationError, match=r"Entri aktivitas bulan Maret 2026 sudah ditutup \(batas 5 April 2026\)"):
        _create(engine, org.staf, later, today=date(2026, 4, 6))
    assert _counts(engine) == before

    with session_scope(engine) as s:
        referensi.buka_bulan(
            s, org.admin, 2026, 3, date(2026, 4, 10), "Gangguan jaringan", org.staf.nip, today=date(2026, 4, 6)
        )
        lain = build_skp(s, org.fungsional, 2026)
    _create(engine, org.staf, later, today=date(2026, 4, 10))
    with pytest.raises(ValidationError, match="sudah ditutup"):  # reopened for staf only
        _create(engine, org.fungsional, _input(lain), today=date(2026, 4, 8))
    with pytest.raises(ValidationError, match="sudah ditutup"):  # the reopening has ended
        _create(
            engine, org.staf, replace(later, jam_mulai=time(13, 0), jam_selesai=time(14, 0)), today=date(2026, 4, 11)
        )
    with session_scope(engine) as s:
        referensi.buka_bulan(s, org.admin, 2026, 3, date(2026, 4, 12), "Semua pegawai", None, today=date(2026, 4, 11))
    _create(engine, org.fungsional, _input(lain), today=date(2026, 4, 12))
    with session_scope(engine, readonly=True) as s:
        status = status_bulan(s, org.fungsional.pegawai_id, 2026, 3, date(2026, 4, 12))
    assert status.terbuka and status.batas == date(2026, 4, 5) and status.dibuka_sampai == date(2026, 4, 12)
    assert status.terbuka_sampai == date(2026, 4, 12)
    with session_scope(engine, readonly=True) as s:
        assert status_bulan(s, org.fungsional.pegawai_id, 2026, 4, date(2026, 4, 12)).terbuka_sampai == date(2026, 5, 5)


@pytest.mark.parametrize(
    "status, diubah, dihapus, kirim_ulang", [(M, True, True, False), (D, True, False, True), (T, False, False, False)]
)
def test_what_a_row_of_each_status_allows(status, diubah, dihapus, kirim_ulang):
    assert aktivitas.bisa_diubah(status) is diubah
    assert aktivitas.bisa_dihapus(status) is dihapus
    assert aktivitas.dikirim_ulang(status) is kirim_ulang


def test_periode_pada_is_the_actors_period_holding_the_date(engine, org, skp):
    with session_scope(engine, readonly=True) as s:
        assert aktivitas.periode_pada(s, org.staf, date(2026, 3, 30)).id == skp.periode_id
        assert aktivitas.periode_pada(s, org.staf, date(2025, 12, 31)) is None
        assert aktivitas.periode_pada(s, org.kasubbid, date(2026, 3, 30)) is None


def test_edit_a_waiting_row(engine, org, skp):
    row_id = _create(engine, org.staf, _input(skp))
    with session_scope(engine) as s:
        aktivitas.ubah(
            s,
            org.staf,
            row_id,
            _input(skp, jam_selesai=time(10, 0), aktivitas="Laporan final"),
            TODAY,
            version=_versi(s, row_id),
        )
    with session_scope(engine, readonly=True) as s:
        row = s.get(AktivitasHarian, row_id)
        assert (row.durasi_menit, row.aktivitas, row.status) == (120, "Laporan final", M)


def test_correct_a_rejected_row_and_submit_again(engine, org, skp):
    row_id = _create(engine, org.staf, _input(skp))
    with session_scope(engine) as s:
        validasi.tolak(s, org.kasubbid, row_id, "Jam tidak sesuai daftar hadir", TODAY)
    with session_scope(engine) as s:
        aktivitas.ubah(s, org.staf, row_id, _input(skp, jam_mulai=time(8, 30)), TODAY, version=_versi(s, row_id))
    with session_scope(engine, readonly=True) as s:
        row = s.get(AktivitasHarian, row_id)
        assert (row.status, row.alasan_tolak, row.durasi_menit) == (M, None, 60)
        assert s.scalar(select(AuditLog.aksi).where(AuditLog.aksi == "kirim_ulang_aktivitas")) is not None


def test_validated_row_is_locked_for_the_pegawai(engine, org, skp):
    row_id = _create(engine, org.staf, _input(skp))
    with session_scope(engine) as s:
        validasi.validasi(s, org.kasubbid, row_id, TODAY)
    before = _counts(engine)
    with session_scope(engine) as s, pytest.raises(ValidationError, match="sudah Tervalidasi tidak dapat diubah"):
        aktivitas.ubah(s, org.staf, row_id, _input(skp, aktivitas="Diubah"), TODAY, version=_versi(s, row_id))
    with session_scope(engine) as s, pytest.raises(ValidationError, match="Hanya aktivitas berstatus Menunggu"):
        aktivitas.hapus(s, org.staf, row_id, TODAY, version=_versi(s, row_id))
    assert _counts(engine) == before


def test_delete_a_waiting_row_and_not_someone_elses(engine, org, skp):
    row_id = _create(engine, org.staf, _input(skp))
    with session_scope(engine) as s, pytest.raises(AksesDitolak):
        aktivitas.hapus(s, org.kasubbid, row_id, TODAY, version=_versi(s, row_id))
    with session_scope(engine) as s:
        aktivitas.hapus(s, org.staf, row_id, TODAY, version=_versi(s, row_id))
    with session_scope(engine, readonly=True) as s:
        assert s.get(AktivitasHarian, row_id) is None
        assert s.scalar(select(AuditLog.aksi).where(AuditLog.aksi == "hapus_aktivitas")) == "hapus_aktivitas"


def test_salin_dari_hari_sebelumnya(engine, org, skp):
    """The working day before Wednesday 25 March 2026 is Tuesday 17 March (18–24 are holidays and a weekend).
    Its 08.00–09.00 (Tervalidasi) overlaps the 08.30–08.45 already on 25 March → skipped; 09.00–10.00
    (Menunggu) is copied as Menunggu; the Ditolak 10.00–11.00 is not copied."""
    with session_scope(engine) as s:
        add_aktivitas(s, org.staf, skp, date(2026, 3, 17), "08:00", "09:00", T, aktivitas="Rapat")
        add_aktivitas(s, org.staf, skp, date(2026, 3, 17), "09:00", "10:00", M, aktivitas="Input data")
        add_aktivitas(s, org.staf, skp, date(2026, 3, 17), "10:00", "11:00", D, aktivitas="Ditolak", alasan="x")
        add_aktivitas(s, org.staf, skp, date(2026, 3, 25), "08:30", "08:45", M, aktivitas="Apel")
    with session_scope(engine) as s:
        hasil = salin.salin_hari_sebelumnya(s, org.staf, date(2026, 3, 25), TODAY)
    assert (hasil.dari, hasil.disalin, hasil.dilewati) == (date(2026, 3, 17), 1, 1)
    with session_scope(engine, readonly=True) as s:
        rows = [r for r in aktivitas.daftar_bulan(s, org.staf, org.staf.pegawai_id, 2026, 3) if r.tanggal.day == 25]
    assert [(r.jam, r.aktivitas, r.status) for r in rows] == [
        ("08.30–08.45", "Apel", M),
        ("09.00–10.00", "Input data", M),
    ]


def test_salin_to_a_future_date_is_refused(engine, org, skp):
    with session_scope(engine) as s:
        add_aktivitas(s, org.staf, skp, date(2026, 3, 31), "08:00", "09:00", M)
    before = _counts(engine)
    with session_scope(engine) as s, pytest.raises(ValidationError, match="belum terjadi"):
        salin.salin_hari_sebelumnya(s, org.staf, date(2026, 4, 1), TODAY)
    assert _counts(engine) == before


def test_next_free_slot_is_the_default_time(engine, org, skp):
    with session_scope(engine) as s:
        assert aktivitas.slot_berikutnya(s, org.staf, date(2026, 3, 30)) == (time(7, 30), time(8, 30))
        add_aktivitas(s, org.staf, skp, date(2026, 3, 30), "08:00", "09:30", M)
        add_aktivitas(s, org.staf, skp, date(2026, 3, 30), "09:30", "11:00", D, alasan="x")
        assert aktivitas.slot_berikutnya(s, org.staf, date(2026, 3, 30), 45) == (time(9, 30), time(10, 15))


def test_who_sees_the_month_list(engine, org, skp):
    _create(engine, org.staf, _input(skp))
    with session_scope(engine, readonly=True) as s:
        for actor in (org.staf, org.kasubbid, org.admin):
            assert len(aktivitas.daftar_bulan(s, actor, org.staf.pegawai_id, 2026, 3)) == 1
        for actor in (org.kabid, org.fungsional, org.kepala):
            with pytest.raises(AksesDitolak):
                aktivitas.daftar_bulan(s, actor, org.staf.pegawai_id, 2026, 3)
