"""Templat Mingguan (docs/domain.md §8.37): the pegawai's rows per weekday, "Simpan hari ini sebagai templat",
and "Terapkan Templat" over a week holding a closed month, a cuti, an SKP that lacks a row's RHK, a hari libur
and an overlap — every count worked out by hand below."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, time
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.enums import JenisKetidakhadiran, StatusAktivitas, StatusSKP
from db.models import AktivitasHarian, AuditLog, TemplatAktivitas
from db.session import session_scope
from services.aktivitas import harian, templat
from services.aktivitas.templat import TemplatInput
from services.organisasi import ketidakhadiran
from services.platform import kalender
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import build_skp

TODAY = date(2026, 4, 6)  # Monday; March 2026 closed on 5 April, Good Friday 3 April 2026 is a hari libur


@pytest.fixture
def dua_skp(engine, org):
    """Period A (January–March) and period B (April–December) of 2026, each with its own ditetapkan SKP."""
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        a = build_skp(s, org.staf, 2026, rentang=(date(2026, 1, 1), date(2026, 3, 31)))
        b = build_skp(s, org.staf, 2026, rentang=(date(2026, 4, 1), date(2026, 12, 31)))
        return a, b


def _baris(skp, hari: int, mulai: int, **kw) -> TemplatInput:
    data = TemplatInput(
        hari=hari,
        rhk_id=skp.rhk_ids[0],
        indikator_id=skp.indikator_ids[0],
        aktivitas=f"Rapat koordinasi {mulai:02d}",
        volume=Decimal("1"),
        satuan="Kegiatan",
        jam_mulai=time(mulai, 0),
        jam_selesai=time(mulai + 1, 0),
    )
    return replace(data, **kw)


def _tambah(engine, actor, *rows) -> list[int]:
    with session_scope(engine) as s:
        return [templat.tambah_baris(s, actor, r).id for r in rows]


def _aktivitas(engine) -> list[tuple]:
    with session_scope(engine, readonly=True) as s:
        return [
            (a.tanggal, a.jam_mulai, a.status, a.rhk_id)
            for a in s.scalars(select(AktivitasHarian).order_by(AktivitasHarian.tanggal, AktivitasHarian.jam_mulai))
        ]


def test_a_week_applied_skips_and_reports_every_day_off_and_refused_row(engine, org, dua_skp):
    a, b = dua_skp
    _tambah(
        engine,
        org.staf,
        _baris(b, 0, 8),
        _baris(b, 0, 9, rhk_id=b.rhk_ids[1], indikator_id=b.indikator_ids[1]),
        _baris(b, 1, 8),
        _baris(b, 2, 8),
        _baris(a, 3, 8),  # saved from a day of period A: its RHK is not in the SKP of April
        _baris(b, 3, 9),
        _baris(b, 4, 8),
    )
    with session_scope(engine) as s:
        ketidakhadiran.tambah(
            s,
            org.admin,
            ketidakhadiran.KetidakhadiranInput(
                org.staf.pegawai_id, JenisKetidakhadiran.CUTI_TAHUNAN, date(2026, 4, 1), date(2026, 4, 1)
            ),
        )
        ada = harian.tambah(
            s,
            org.staf,
            harian.AktivitasInput(
                date(2026, 4, 6), b.rhk_ids[0], "Apel pagi", 1, "Kegiatan", time(8, 30), time(9, 0), b.indikator_ids[0]
            ),
            TODAY,
        ).id
        audit_awal = s.scalar(select(func.count()).select_from(AuditLog))

    with session_scope(engine) as s:
        hasil = templat.terapkan(s, org.staf, date(2026, 3, 31), date(2026, 4, 6), TODAY)

    # Tue 31 Mar: March closed; Wed 1 Apr: cuti; Thu 2 Apr: 08–09 is period A's RHK (skipped), 09–10 added;
    # Fri 3 Apr: Good Friday; Sat/Sun: no rows; Mon 6 Apr: 08–09 overlaps "Apel pagi" 08.30, 09–10 added.
    assert hasil.pesan() == (
        "2 aktivitas ditambahkan; 5 dilewati: 31 Mar (bulan ditutup), 1 Apr (Cuti Tahunan), "
        "2 Apr 08.00–09.00 (SKP terkait tidak ada di SKP tanggal itu), 3 Apr (hari libur), "
        "6 Apr 08.00–09.00 (tumpang tindih)."
    )
    M = StatusAktivitas.MENUNGGU
    assert _aktivitas(engine) == [
        (date(2026, 4, 2), time(9, 0), M, b.rhk_ids[0]),
        (date(2026, 4, 6), time(8, 30), M, b.rhk_ids[0]),
        (date(2026, 4, 6), time(9, 0), M, b.rhk_ids[1]),
    ]
    with session_scope(engine, readonly=True) as s:
        log = s.scalars(select(AuditLog).where(AuditLog.id > audit_awal).order_by(AuditLog.id)).all()
        assert [x.aksi for x in log] == ["tambah_aktivitas", "tambah_aktivitas"]
        assert s.get(AktivitasHarian, ada).aktivitas == "Apel pagi"

    with session_scope(engine) as s:  # applied again: everything is now an overlap, nothing doubles
        lagi = templat.terapkan(s, org.staf, date(2026, 4, 6), date(2026, 4, 6), TODAY)
    assert lagi.pesan() == (
        "0 aktivitas ditambahkan; 2 dilewati: 6 Apr 08.00–09.00 (tumpang tindih), 6 Apr 09.00–10.00 (tumpang tindih)."
    )


def test_a_day_without_a_ditetapkan_skp_is_skipped_with_the_rule_and_an_empty_template_refused(engine, org):
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        draft = build_skp(s, org.staf, 2026, status=StatusSKP.DRAFT)
    _tambah(engine, org.staf, _baris(draft, 0, 8), _baris(draft, 0, 9))
    with session_scope(engine) as s:
        hasil = templat.terapkan(s, org.staf, date(2026, 4, 6), date(2026, 4, 6), TODAY)
    assert hasil.ditambahkan == 0 and len(hasil.dilewati) == 1  # one line for the day, not one per row
    assert hasil.dilewati[0].startswith("6 Apr (SKP periode ini belum ditetapkan atasan (status: Draft)")
    with session_scope(engine) as s, pytest.raises(ValidationError, match="Templat Anda masih kosong"):
        templat.terapkan(s, org.fungsional, date(2026, 4, 6), date(2026, 4, 6), TODAY)
    assert _aktivitas(engine) == []


@pytest.mark.parametrize(
    "mulai, akhir, pesan",
    [
        (date(2026, 4, 6), date(2026, 4, 7), "belum terjadi"),
        (date(2026, 4, 6), date(2026, 4, 3), "harus sama dengan atau setelah"),
        (date(2026, 3, 6), date(2026, 4, 6), "paling banyak 31 hari"),
    ],
)
def test_a_range_that_cannot_be_filled_is_refused(engine, org, dua_skp, mulai, akhir, pesan):
    _tambah(engine, org.staf, _baris(dua_skp[1], 0, 8))
    with session_scope(engine) as s, pytest.raises(ValidationError, match=pesan):
        templat.terapkan(s, org.staf, mulai, akhir, TODAY)
    assert _aktivitas(engine) == []


@pytest.mark.parametrize(
    "change, pesan",
    [
        (dict(hari=5), "Senin sampai Jumat"),
        (dict(jam_mulai=time(9, 0), jam_selesai=time(9, 0)), "Jam Selesai harus setelah"),
        (dict(aktivitas="  "), "Uraian aktivitas"),
        (dict(volume="0"), "Volume output"),
        (dict(rhk_id=None), "SKP Anda sendiri"),
        (dict(jam_mulai=time(8, 30), jam_selesai=time(9, 30)), "bertumpang tindih dengan baris templat Senin"),
    ],
)
def test_a_bad_template_row_is_refused(engine, org, dua_skp, change, pesan):
    _tambah(engine, org.staf, _baris(dua_skp[1], 0, 8))
    with session_scope(engine) as s, pytest.raises(ValidationError, match=pesan):
        templat.tambah_baris(s, org.staf, replace(_baris(dua_skp[1], 0, 10), **change))


def test_another_pegawais_rhk_and_row_are_refused(engine, org, dua_skp):
    with session_scope(engine) as s:
        lain = build_skp(s, org.fungsional, 2026)
    (baris_id,) = _tambah(engine, org.staf, _baris(dua_skp[1], 0, 8))
    with session_scope(engine) as s, pytest.raises(ValidationError, match="SKP Anda sendiri"):
        templat.tambah_baris(s, org.staf, _baris(lain, 1, 8))
    with session_scope(engine) as s, pytest.raises(AksesDitolak):
        templat.hapus_baris(s, org.fungsional, baris_id)
    with session_scope(engine) as s, pytest.raises(AksesDitolak):
        templat.ubah_baris(s, org.fungsional, baris_id, _baris(lain, 0, 8))
    with session_scope(engine, readonly=True) as s:
        assert templat.daftar(s, org.fungsional) == []
        assert [r.jam for r in templat.daftar(s, org.staf)] == ["08.00–09.00"]


def test_edit_and_delete_a_row_are_audited(engine, org, dua_skp):
    b = dua_skp[1]
    (baris_id,) = _tambah(engine, org.staf, _baris(b, 0, 8))
    with session_scope(engine) as s:
        templat.ubah_baris(s, org.staf, baris_id, _baris(b, 2, 13, aktivitas="Menyusun notula"))
    with session_scope(engine, readonly=True) as s:
        (row,) = templat.daftar(s, org.staf)
        assert (row.nama_hari, row.jam, row.aktivitas) == ("Rabu", "13.00–14.00", "Menyusun notula")
    with session_scope(engine) as s:
        templat.hapus_baris(s, org.staf, baris_id)
    with session_scope(engine, readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(TemplatAktivitas)) == 0
        aksi = s.scalars(select(AuditLog.aksi).where(AuditLog.entitas == "templat_aktivitas").order_by(AuditLog.id))
        assert list(aksi) == ["tambah_templat", "ubah_templat", "hapus_templat"]


def test_simpan_hari_ini_sebagai_templat_replaces_that_weekday(engine, org, dua_skp):
    b = dua_skp[1]
    _tambah(engine, org.staf, _baris(b, 0, 14), _baris(b, 1, 8))
    with session_scope(engine) as s:
        for mulai, selesai, teks in [(time(7, 30), time(8, 0), "Apel"), (time(8, 0), time(11, 15), "Konsep surat")]:
            harian.tambah(
                s,
                org.staf,
                harian.AktivitasInput(TODAY, b.rhk_ids[1], teks, 2, "Surat", mulai, selesai, b.indikator_ids[1]),
                TODAY,
            )
    with session_scope(engine) as s:
        assert templat.simpan_hari(s, org.staf, TODAY) == 2
    with session_scope(engine, readonly=True) as s:
        rows = [(r.nama_hari, r.jam, r.aktivitas, r.rhk_id) for r in templat.daftar(s, org.staf)]
        log = s.scalar(select(AuditLog).where(AuditLog.aksi == "simpan_hari_sebagai_templat"))
    assert rows == [
        ("Senin", "07.30–08.00", "Apel", b.rhk_ids[1]),
        ("Senin", "08.00–11.15", "Konsep surat", b.rhk_ids[1]),
        ("Selasa", "08.00–09.00", "Rapat koordinasi 08", b.rhk_ids[0]),
    ]
    assert log.entitas_id == "Senin"
    assert len(json.loads(log.sebelum)["baris"]) == 1 and len(json.loads(log.sesudah)["baris"]) == 2
    with session_scope(engine) as s, pytest.raises(ValidationError, match="Tidak ada aktivitas pada 7 April"):
        templat.simpan_hari(s, org.staf, date(2026, 4, 7))
    with session_scope(engine) as s, pytest.raises(ValidationError, match="Senin sampai Jumat"):
        templat.simpan_hari(s, org.staf, date(2026, 4, 4))
