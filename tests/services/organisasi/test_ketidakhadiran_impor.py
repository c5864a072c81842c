"""Import of ketidakhadiran from CSV/XLSX (docs/domain.md §8.25): the pegawai import's reader, every bad row
named at once and nothing saved, the same rules as the admin's form (an overlap with an earlier row of the same
file names that row), a re-import of the same file changes nothing, and a bounded file size."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest
from sqlalchemy import func, select

from db.enums import JenisKetidakhadiran
from db.models import AuditLog, Ketidakhadiran
from db.session import session_scope
from services.organisasi import ketidakhadiran_impor
from services.organisasi.import_berkas import ImportDitolak, KesalahanBaris
from services.platform.errors import AksesDitolak, ValidationError

HEADER = "nip,jenis,tanggal_mulai,tanggal_akhir,keterangan"


def _csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join((header, *rows)) + "\n").encode()


def _count(s) -> int:
    return s.scalar(select(func.count()).select_from(Ketidakhadiran))


def test_a_good_csv_is_imported_and_importing_it_again_changes_nothing(engine, org):
    data = _csv(
        f"{org.staf.nip},Cuti Tahunan,2026-07-08,2026-07-10,Cuti keluarga",
        f"{org.perawat.nip},dinas luar,13/07/2026,14/07/2026,",
        f"{org.staf.nip},Izin,2026-07-13,2026-07-13,Urusan keluarga",
        ",,,,",  # an empty row is skipped
    )
    with session_scope(engine) as s:
        assert ketidakhadiran_impor.impor_berkas(s, org.admin, data, "cuti.csv") == ketidakhadiran_impor.HasilImpor(
            3, 0
        )
    with session_scope(engine) as s:
        assert ketidakhadiran_impor.impor_berkas(s, org.admin, data, "cuti.csv") == ketidakhadiran_impor.HasilImpor(
            0, 3
        )
    with session_scope(engine) as s:
        assert _count(s) == 3
        rows = {(r.pegawai_id, r.jenis, r.tanggal_mulai, r.tanggal_akhir) for r in s.scalars(select(Ketidakhadiran))}
        assert (org.perawat.pegawai_id, JenisKetidakhadiran.DINAS_LUAR, date(2026, 7, 13), date(2026, 7, 14)) in rows
        aksi = list(s.scalars(select(AuditLog.aksi).where(AuditLog.entitas == "ketidakhadiran")))
        assert aksi.count("tambah_ketidakhadiran") == 3 and aksi.count("impor_ketidakhadiran") == 2


def test_an_xlsx_with_date_cells_is_imported(engine, org):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NIP", "Jenis", "Tanggal Mulai", "Tanggal Akhir"])  # names without case, spaces as underscores
    ws.append([org.staf.nip, "Cuti Sakit", datetime(2026, 7, 1), datetime(2026, 7, 3)])
    buffer = io.BytesIO()
    wb.save(buffer)
    with session_scope(engine) as s:
        assert ketidakhadiran_impor.impor_berkas(s, org.admin, buffer.getvalue(), "sakit.xlsx").dibuat == 1
        row = s.scalars(select(Ketidakhadiran)).one()
        assert (row.jenis, row.tanggal_mulai, row.tanggal_akhir) == (
            JenisKetidakhadiran.CUTI_SAKIT,
            date(2026, 7, 1),
            date(2026, 7, 3),
        )


def test_every_bad_row_is_named_and_nothing_is_saved(engine, org):
    data = _csv(
        f"{org.staf.nip},Cuti Tahunan,2026-07-08,2026-07-10,",  # 2: good
        "12345,Cuti Tahunan,2026-07-08,2026-07-10,",  # 3: bad NIP
        f"{'1' * 18},Cuti Tahunan,2026-07-08,2026-07-10,",  # 4: unknown pegawai
        f"{org.kabid.nip},Cuti Panjang,2026-07-08,2026-07-10,",  # 5: unknown kind
        f"{org.kabid.nip},Cuti Sakit,31/02/2026,2026-07-10,",  # 6: no such date
        f"{org.kabid.nip},Cuti Sakit,kemarin,2026-07-10,",  # 7: not a date
        f"{org.kabid.nip},Cuti Sakit,2026-07-10,2026-07-01,",  # 8: end before start
        f"{org.staf.nip},Dinas Luar,2026-07-10,2026-07-14,",  # 9: overlaps row 2
    )
    with session_scope(engine) as s:
        with pytest.raises(ImportDitolak) as refused:
            ketidakhadiran_impor.impor_berkas(s, org.admin, data, "cuti.csv")
    salah = {(k.baris, k.kolom): k.pesan for k in refused.value.kesalahan}
    assert sorted(salah) == [
        (3, "nip"),
        (4, "nip"),
        (5, "jenis"),
        (6, "tanggal_mulai"),
        (7, "tanggal_mulai"),
        (8, "tanggal_akhir"),
        (9, "tanggal_mulai"),
    ]
    assert salah[(3, "nip")] == "NIP harus 18 digit angka."
    assert salah[(4, "nip")] == f"pegawai dengan NIP {'1' * 18} tidak ditemukan."
    assert salah[(6, "tanggal_mulai")] == 'tanggal "31/02/2026" tidak ada di kalender.'
    assert salah[(7, "tanggal_mulai")].startswith('tanggal "kemarin" tidak dikenali')
    assert salah[(9, "tanggal_mulai")].endswith("(catatan itu dari baris 2 berkas ini)")
    assert str(KesalahanBaris(5, "jenis", salah[(5, "jenis")])).startswith(
        'Baris 5, kolom jenis: Jenis ketidakhadiran "Cuti Panjang" tidak dikenal'
    )
    with session_scope(engine) as s:
        assert _count(s) == 0
        assert s.scalar(select(func.count()).select_from(AuditLog)) == 0


@pytest.mark.parametrize(
    "data, nama, pesan",
    [
        (_csv(header="nip,jenis,tanggal_mulai"), "a.csv", "kolom wajib tidak ada"),
        (_csv(header="nip,jenis,tanggal_mulai,tanggal_akhir,catatan"), "a.csv", "kolom tidak dikenal"),
        (b"", "a.csv", "Berkas kosong"),
        (_csv(), "a.csv", "hanya ada baris judul"),
        (_csv("x"), "a.txt", "Gunakan berkas .csv atau .xlsx"),
        (b"x" * (ketidakhadiran_impor.BATAS_BYTES + 1), "a.csv", "terlalu besar; paling besar 2 MB"),
    ],
)
def test_unusable_files_are_refused_with_what_to_do(engine, org, data, nama, pesan):
    with session_scope(engine) as s:
        with pytest.raises(ValidationError) as refused:
            ketidakhadiran_impor.impor_berkas(s, org.admin, data, nama)
        assert pesan in str(refused.value)


def test_a_semicolon_csv_from_an_indonesian_excel_is_read(engine, org):
    data = f"nip;jenis;tanggal_mulai;tanggal_akhir\n{org.staf.nip};Tugas Belajar;01/08/2026;31/12/2026\n".encode()
    with session_scope(engine) as s:
        assert ketidakhadiran_impor.impor_berkas(s, org.admin, data, "tb.csv").dibuat == 1


def test_only_an_admin_imports(engine, org):
    with session_scope(engine) as s:
        with pytest.raises(AksesDitolak):
            ketidakhadiran_impor.impor_berkas(s, org.kepala, _csv(), "a.csv")
