"""Rekap TPP (admin): one row per pegawai for a month with capaian and TPP produktivitas, as CSV or
XLSX (totals per unit kerja); a month split by a pokok change shows its parts in the last column.
Shared by the admin page and ``sipijar rekap-tpp``; the figures are services.aktivitas.capaian's — for a
closed month its Tutup Bulan snapshot, named in ``penutupan``."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from itertools import groupby

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import StatusKepegawaian
from db.models import Pegawai
from services.aktivitas import arsip_bulan, capaian
from services.aktivitas.arsip_bulan import Penutupan
from services.aktivitas.capaian import CapaianPegawai
from services.organisasi import struktur as organisasi
from services.platform import format as fmt
from services.platform.access import Actor, Operator, require_admin, require_admin_or_operator
from services.platform.errors import ValidationError
from services.platform.spreadsheet import csv_text, safe_cell

KOLOM = (
    "nip",
    "nama",
    "unit_kerja",
    "hari_kerja",
    "menit_efektif",
    "menit_tervalidasi",
    "capaian_persen",
    "tpp_pokok",
    "tpp_produktivitas",
    "rincian_tpp_pokok",
)
JUDUL_KOLOM = (
    "NIP",
    "Nama",
    "Unit Kerja",
    "Hari Kerja",
    "Menit Efektif",
    "Menit Tervalidasi",
    "Capaian (%)",
    "TPP Pokok (Rp)",
    "TPP Produktivitas (Rp)",
    "Rincian TPP Pokok (bulan terbelah)",
)
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Rekap:
    tahun: int
    bulan: int
    unit: str | None
    rows: list[CapaianPegawai]
    penutupan: Penutupan | None = None  # the close in force: the rows are its snapshot

    @property
    def keterangan(self) -> str | None:
        """ "Bulan ditutup pada … WIB oleh …" for a closed month."""
        return self.penutupan.keterangan if self.penutupan else None

    @property
    def total_tpp_produktivitas(self) -> int:
        return sum(r.tpp_produktivitas for r in self.rows)

    @property
    def total_tpp_pokok(self) -> int:
        return sum(r.tpp_pokok for r in self.rows)


def baca_bulan(text: str) -> tuple[int, int]:
    """ "2026-03" → (2026, 3)."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValidationError(f'Bulan "{text}" tidak valid; gunakan format YYYY-MM, misalnya 2026-03.')
    return int(match.group(1)), int(match.group(2))


def unit_pilihan(session: Session, actor: Actor) -> list[str]:
    """Names of every unit kerja, in tree order (the "Unit kerja" filter)."""
    require_admin(actor)
    return [u.nama for u in organisasi.unit_terlihat(session, actor)]


def rekap(
    session: Session,
    actor: Actor | Operator,
    tahun: int,
    bulan: int,
    unit: str | None = None,
    status: StatusKepegawaian | None = None,
) -> Rekap:
    """The month's rows for every pegawai (or the subtree of the unit named ``unit``; or only the pegawai whose
    status kepegawaian is ``status`` now, docs/domain.md §8.31); for an admin or the operator
    (``sipijar rekap-tpp``)."""
    require_admin_or_operator(actor)
    unit_id = None
    if unit:
        found = organisasi.unit_by_name(session, unit.strip())
        if found is None:
            raise ValidationError(f'Unit kerja "{unit}" tidak ditemukan.')
        unit_id = found.id
    rows = capaian.capaian_bulanan(session, actor, tahun, bulan, unit_id)
    if status is not None:
        ids = set(session.scalars(select(Pegawai.id).where(Pegawai.status_kepegawaian == status)))
        rows = [r for r in rows if r.pegawai_id in ids]
    return Rekap(tahun, bulan, unit.strip() if unit else None, rows, arsip_bulan.penutupan(session, tahun, bulan))


def _values(row: CapaianPegawai) -> tuple:
    return (
        row.nip,
        row.nama,
        row.unit_kerja,
        row.hari_kerja,
        row.menit_efektif,
        row.menit_tervalidasi,
        row.capaian_persen,
        row.tpp_pokok,
        row.tpp_produktivitas,
        capaian.teks_rincian(row.rincian_pokok),
    )


def csv_bytes(data: Rekap) -> bytes:
    """UTF-8 (with BOM for Excel) CSV, machine-readable: capaian_persen as 80.00, money as whole numbers."""
    rows = [[*r[:6], f"{r[6]:.2f}", *r[7:]] for r in map(_values, data.rows)]
    return csv_text(KOLOM, rows).encode("utf-8-sig")


def xlsx_bytes(data: Rekap) -> bytes:
    """A workbook with a title, the rows grouped by unit kerja with a total row per unit and a grand
    total. NIP is written as text (a number would lose digits); every text cell is formula-safe."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"Rekap TPP {data.tahun}-{data.bulan:02d}"
    bold = Font(bold=True)
    ws.append(
        [
            f"Rekap TPP Produktivitas {fmt.bulan_tahun(data.tahun, data.bulan)}"
            + (f" — {data.unit}" if data.unit else "")
        ]
    )
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([data.keterangan])
    ws.append(list(JUDUL_KOLOM))
    for cell in ws[3]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="E2E8F0")
        cell.alignment = Alignment(wrap_text=True, vertical="top")

    def _total(label: str, rows: list[CapaianPegawai]) -> None:
        ws.append(
            [
                None,
                safe_cell(label),
                None,
                None,
                sum(r.menit_efektif for r in rows),
                sum(r.menit_tervalidasi for r in rows),
                None,
                sum(r.tpp_pokok for r in rows),
                sum(r.tpp_produktivitas for r in rows),
            ]
        )
        for cell in ws[ws.max_row]:
            cell.font = bold

    for unit, grouped in groupby(data.rows, key=lambda r: r.unit_kerja):
        group = list(grouped)
        for r in group:
            ws.append([safe_cell(v) if isinstance(v, str) else v for v in _values(r)])
            row = ws.max_row
            ws.cell(row, 1).number_format = "@"
            ws.cell(row, 7).number_format = "0.00"
        _total(f"Jumlah {unit}", group)
    _total("JUMLAH SELURUHNYA", data.rows)
    for row in ws.iter_rows(min_row=4, min_col=5, max_col=9):
        for cell in row:
            if cell.column != 7:
                cell.number_format = "#,##0"
    for letter, width in zip("ABCDEFGHIJ", (21, 32, 32, 10, 13, 15, 12, 16, 20, 60)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A4"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def file_bytes(data: Rekap, format: str) -> bytes:
    format = format.lower().lstrip(".")
    if format == "csv":
        return csv_bytes(data)
    if format == "xlsx":
        return xlsx_bytes(data)
    raise ValidationError("Format berkas harus .csv atau .xlsx.")


def nama_berkas(tahun: int, bulan: int, format: str) -> str:
    return f"rekap-tpp-{tahun}-{bulan:02d}.{format}"
