"""Issue #15 (6): the e-Kinerja export is BKN's "Tambah Progress Harian" form, row for row — only validated
activities of the range, the RHK as rencana aksi, times as HH:MM, realisasi a whole number with a note when a
volume was rounded — checked cell by cell against a file written out by hand; and who may export whose."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from db.enums import StatusAktivitas
from db.models import AktivitasHarian
from db.session import session_scope
from services.aktivitas import ekspor_ekinerja as ekspor
from services.platform.access import Operator
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import add_aktivitas, build_skp

M, T, D = StatusAktivitas.MENUNGGU, StatusAktivitas.TERVALIDASI, StatusAktivitas.DITOLAK


@pytest.fixture
def dua_pegawai(engine, org):
    """The staf's week of 2–4 December 2026 (one waiting and one rejected row among them) and one activity of
    the perawat (another OPD); volumes 1, 2.5 and 0.4 to show the rounding."""
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, 2026)
        perawat = build_skp(s, org.perawat, 2026)
        rows = [
            add_aktivitas(s, org.staf, skp, date(2026, 12, 2), "08:00", "10:30", T, aktivitas="Menyusun laporan"),
            add_aktivitas(s, org.staf, skp, date(2026, 12, 2), "13:00", "14:00", T, aktivitas="=SUM(A1)"),
            add_aktivitas(s, org.staf, skp, date(2026, 12, 3), "08:00", "09:00", M, aktivitas="Belum divalidasi"),
            add_aktivitas(s, org.staf, skp, date(2026, 12, 3), "09:00", "10:00", D, aktivitas="Ditolak", alasan="x"),
            add_aktivitas(s, org.staf, skp, date(2026, 12, 4), "07:30", "08:15", T, aktivitas="Rapat koordinasi"),
            add_aktivitas(s, org.staf, skp, date(2026, 12, 5), "08:00", "09:00", T, aktivitas="Di luar rentang"),
            add_aktivitas(s, org.perawat, perawat, date(2026, 12, 2), "08:00", "09:00", T, aktivitas="Asuhan"),
        ]
        rows[1].volume, rows[1].satuan = Decimal("2.5"), "Laporan"
        rows[1].bukti_link = "https://drive.example.go.id/bukti/1"
        rows[4].volume, rows[4].satuan = Decimal("0.4"), "Kegiatan"
        s.flush()


def _diharapkan(org) -> list[tuple]:
    """Written out by hand from the fixture: the staf's validated rows of 2–4 December, by date and time."""
    rhk = f"Terlaksananya tugas 1 {org.staf.nama}"
    return [
        (org.staf.nip, org.staf.nama, rhk, "2026-12-02", "08:00", "10:30", "Menyusun laporan", 1, "Dokumen", "", ""),
        (
            org.staf.nip,
            org.staf.nama,
            rhk,
            "2026-12-02",
            "13:00",
            "14:00",
            "=SUM(A1)",
            3,
            "Laporan",
            "https://drive.example.go.id/bukti/1",
            "Volume 2,50 dibulatkan menjadi 3.",
        ),
        (
            org.staf.nip,
            org.staf.nama,
            rhk,
            "2026-12-04",
            "07:30",
            "08:15",
            "Rapat koordinasi",
            1,
            "Kegiatan",
            "",
            "Volume 0,40 dibulatkan menjadi 1.",
        ),
    ]


def test_a_pegawai_exports_their_validated_days_field_by_field(engine, org, dua_pegawai):
    with session_scope(engine, readonly=True) as s:
        rows = ekspor.progres_pegawai(s, org.staf, org.staf.nip, date(2026, 12, 2), date(2026, 12, 4))
    assert [r.sel() for r in rows] == _diharapkan(org)


def test_the_xlsx_and_csv_match_the_hand_built_file_cell_by_cell(engine, org, dua_pegawai):
    with session_scope(engine, readonly=True) as s:
        rows = ekspor.progres_pegawai(s, org.staf, org.staf.nip, date(2026, 12, 2), date(2026, 12, 4))
    sheet = load_workbook(io.BytesIO(ekspor.berkas(rows, "xlsx"))).active
    cells = [tuple("" if c is None else c for c in row) for row in sheet.iter_rows(values_only=True)]
    aman = [tuple("'=SUM(A1)" if v == "=SUM(A1)" else v for v in r) for r in _diharapkan(org)]  # no formula runs
    assert cells == [ekspor.JUDUL_KOLOM, *aman]
    assert sheet["A2"].data_type == "s"  # the 18-digit NIP stays text
    teks = ekspor.berkas(rows, "csv").decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(teks))) == [list(ekspor.JUDUL_KOLOM)] + [[str(v) for v in r] for r in aman]


def test_a_unit_export_holds_every_pegawai_below_it_and_nobody_else(engine, org, dua_pegawai):
    with session_scope(engine, readonly=True) as s:
        bkpsdm = ekspor.progres_unit(s, org.kepala, "BKPSDM Uji", date(2026, 12, 1), date(2026, 12, 31))
        semua = ekspor.progres_unit(
            s, Operator("root"), "Pemerintah Kabupaten Uji", date(2026, 12, 1), date(2026, 12, 31)
        )
    assert {r.nip for r in bkpsdm} == {org.staf.nip}
    assert len(bkpsdm) == 4  # the three above and the one of 5 December
    assert {r.nip for r in semua} == {org.staf.nip, org.perawat.nip}


def test_who_may_export_whose(engine, org, dua_pegawai):
    with session_scope(engine, readonly=True) as s:
        with pytest.raises(AksesDitolak):
            ekspor.progres_pegawai(s, org.kasubbid, org.staf.nip, date(2026, 12, 1), date(2026, 12, 31))
        with pytest.raises(AksesDitolak):
            ekspor.progres_unit(s, org.kadinkes, "BKPSDM Uji", date(2026, 12, 1), date(2026, 12, 31))
        with pytest.raises(AksesDitolak):
            ekspor.progres_unit(s, org.staf, "BKPSDM Uji", date(2026, 12, 1), date(2026, 12, 31))
        assert len(ekspor.progres_pegawai(s, org.admin, org.staf.nip, date(2026, 12, 1), date(2026, 12, 31))) == 4


@pytest.mark.parametrize(
    ("mulai", "akhir", "pesan"),
    [
        (date(2026, 12, 4), date(2026, 12, 2), "tidak boleh sebelum"),
        (None, date(2026, 12, 2), "wajib diisi"),
        (date(2025, 12, 1), date(2026, 12, 2), "paling panjang 366 hari"),
    ],
)
def test_a_range_that_makes_no_sense_is_refused(engine, org, dua_pegawai, mulai, akhir, pesan):
    with session_scope(engine, readonly=True) as s, pytest.raises(ValidationError, match=pesan):
        ekspor.progres_pegawai(s, org.staf, org.staf.nip, mulai, akhir)


def test_a_unit_export_is_one_month_at_most(engine, org, dua_pegawai):
    with session_scope(engine, readonly=True) as s, pytest.raises(ValidationError, match="paling panjang 31 hari"):
        ekspor.progres_unit(s, org.admin, "BKPSDM Uji", date(2026, 11, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("volume", "bulat", "catatan"),
    [("1", 1, ""), ("3.0000", 3, ""), ("2.5", 3, "Volume 2,50 dibulatkan menjadi 3."), ("0.4", 1, "menjadi 1")],
)
def test_realisasi_is_a_whole_number(volume, bulat, catatan):
    hasil, note = ekspor.realisasi_bulat(Decimal(volume))
    assert hasil == bulat and catatan in note and (note == "") == (catatan == "")


def test_only_validated_rows_leave(engine, org, dua_pegawai):
    """The waiting and the rejected rows of 3 December are in the database and not in the file."""
    with session_scope(engine, readonly=True) as s:
        rows = ekspor.progres_pegawai(s, org.staf, org.staf.nip, date(2026, 12, 3), date(2026, 12, 3))
        assert s.query(AktivitasHarian).filter(AktivitasHarian.tanggal == date(2026, 12, 3)).count() == 2
    assert rows == []
