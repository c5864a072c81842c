"""Daftar TPP per OPD (docs/domain.md §8.28): the treasurer's (bendahara) payment list of a CLOSED month, from
its Tutup Bulan snapshot only — a PDF per unit induk/OPD in the house layout (with the total in words and the
signature blocks of the Kepala BKPSDM and the Kepala OPD) and one XLSX workbook with a sheet per OPD whose totals
are SUM formulas of its rows. Shared by the Tutup Bulan screen and ``sipijar daftar-tpp``."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from sqlalchemy import case, select
from sqlalchemy.orm import Session

from db.enums import JenisJabatan
from db.models import Pegawai
from services.aktivitas import arsip_bulan
from services.aktivitas.arsip_bulan import Penutupan
from services.aktivitas.tutup_bulan import BarisArsip, baris_versi
from services.organisasi import struktur
from services.organisasi.kepala_daerah import wajib_skp
from services.platform import format as fmt
from services.platform import settings, terbilang
from services.platform.access import Actor, Operator, require_admin_or_operator
from services.platform.errors import ValidationError
from services.platform.kalender import hari_ini
from services.platform.pdf import Dokumen
from services.platform.spreadsheet import safe_cell

JUDUL = "Daftar TPP Produktivitas"
KOLOM_PDF = ("No", "NIP", "Nama", "Jabatan", "TPP Pokok (Rp)", "Capaian (%)", "TPP Produktivitas (Rp)")
KOLOM_XLSX = ("No", "NIP", "Nama", "Jabatan", "Unit Kerja", "TPP Pokok (Rp)", "Capaian (%)", "TPP Produktivitas (Rp)")
BARIS_JUDUL_XLSX = 5  # the header row of each OPD sheet; its rows start below it


@dataclass(frozen=True)
class Penandatangan:
    jabatan: str
    nama: str
    nip: str


@dataclass(frozen=True)
class DaftarOpd:
    """One unit induk/OPD's list: its pegawai as frozen at the close, and its kepala (today's)."""

    unit_induk_id: int
    unit_induk: str
    rows: tuple[BarisArsip, ...]
    kepala: Penandatangan | None

    @property
    def total_tpp_pokok(self) -> int:
        return sum(r.tpp_pokok for r in self.rows)

    @property
    def total_tpp_produktivitas(self) -> int:
        return sum(r.tpp_produktivitas for r in self.rows)


@dataclass(frozen=True)
class DaftarTpp:
    penutupan: Penutupan
    opd: tuple[DaftarOpd, ...]
    kepala_bkpsdm: Penandatangan | None
    instansi: str
    tempat: str

    @property
    def total_tpp_produktivitas(self) -> int:
        return sum(o.total_tpp_produktivitas for o in self.opd)


def _kepala_unit(session: Session, unit_id: int) -> Penandatangan | None:
    """The kepala of a unit: an active pegawai placed in the unit itself — a pimpinan first, then a JPT."""
    p = session.scalar(
        select(Pegawai)
        .where(Pegawai.unit_kerja_id == unit_id, Pegawai.aktif, wajib_skp())
        .order_by(Pegawai.is_pimpinan.desc(), case((Pegawai.jenis_jabatan == JenisJabatan.JPT, 0), else_=1), Pegawai.id)
        .limit(1)
    )
    return Penandatangan(p.jabatan, p.nama, p.nip) if p is not None else None


def _kepala_bkpsdm(session: Session, penutupan: Penutupan, induk: dict[int, tuple[int, str]]) -> Penandatangan | None:
    """The kepala of the OPD of the Admin BKPSDM who closed the month (of the first active admin when the
    operator closed it)."""
    admin_unit = session.scalar(
        select(Pegawai.unit_kerja_id).where(Pegawai.id == penutupan.ditutup_oleh_id)
        if penutupan.ditutup_oleh_id
        else select(Pegawai.unit_kerja_id).where(Pegawai.is_admin, Pegawai.aktif).order_by(Pegawai.id).limit(1)
    )
    return _kepala_unit(session, induk[admin_unit][0]) if admin_unit in induk else None


def daftar(session: Session, actor: Actor | Operator, tahun: int, bulan: int) -> DaftarTpp:
    """The Daftar TPP of a closed month, per unit induk/OPD by name (admin or operator)."""
    require_admin_or_operator(actor)
    tutup = arsip_bulan.penutupan(session, tahun, bulan)
    if tutup is None:
        raise ValidationError(
            f"Daftar TPP hanya dibuat dari bulan yang sudah ditutup; bulan {fmt.bulan_tahun(tahun, bulan)} "
            "belum ditutup (Tutup Bulan)."
        )
    # Per OPD by name; in each, the pegawai of the OPD's own unit (its kepala among them) before its sub-units.
    rows = sorted(
        baris_versi(session, tutup),
        key=lambda r: (r.unit_induk, r.unit_induk_id, r.unit_kerja_id != r.unit_induk_id, r.unit_kerja, r.nama, r.nip),
    )
    opd = tuple(
        DaftarOpd(uid, nama, tuple(group), _kepala_unit(session, uid))
        for (nama, uid), group in groupby(rows, key=lambda r: (r.unit_induk, r.unit_induk_id))
    )
    return DaftarTpp(
        tutup,
        opd,
        _kepala_bkpsdm(session, tutup, struktur.unit_induk_semua(session)),
        settings.ambil(session, "nama_instansi"),
        settings.ambil(session, "tempat_dokumen"),
    )


def _slug(teks: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", teks.lower()).strip("-")[:60] or "opd"


def nama_berkas_pdf(data: DaftarTpp, opd: DaftarOpd) -> str:
    return f"daftar-tpp-{data.penutupan.tahun}-{data.penutupan.bulan:02d}-{_slug(opd.unit_induk)}.pdf"


def nama_berkas_xlsx(data: DaftarTpp) -> str:
    return f"daftar-tpp-{data.penutupan.tahun}-{data.penutupan.bulan:02d}.xlsx"


def _status(p: Penutupan) -> str:
    return f"{p.keterangan} (versi {p.versi})"


def pdf_bytes(data: DaftarTpp, opd: DaftarOpd, today: date | None = None) -> bytes:
    """One OPD's list: rows, JUMLAH, the total in words, the two signature blocks."""
    p = data.penutupan
    doc = Dokumen(JUDUL, data.instansi, orientation="L")
    doc.keterangan(
        [("Bulan", fmt.bulan_tahun(p.tahun, p.bulan)), ("Unit Induk/OPD", opd.unit_induk), ("Status", _status(p))]
    )
    rows: list[tuple[object, ...]] = [
        (
            i,
            r.nip,
            r.nama,
            r.jabatan,
            fmt.angka(r.tpp_pokok),
            fmt.angka(r.capaian_persen, 2),
            fmt.angka(r.tpp_produktivitas),
        )
        for i, r in enumerate(opd.rows, start=1)
    ]
    rows.append(("", "", "JUMLAH", "", fmt.angka(opd.total_tpp_pokok), "", fmt.angka(opd.total_tpp_produktivitas)))
    doc.tabel(
        KOLOM_PDF,
        rows,
        [10, 40, 58, 74, 30, 20, 35],
        align=["RIGHT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"],
        font_size=9,
    )
    doc.set_font("SourceSans", "I", 10)
    doc.multi_cell(0, 5.5, f"Terbilang: {terbilang.rupiah(opd.total_tpp_produktivitas)}", new_x="LMARGIN", new_y="NEXT")

    def blok(peran: str, orang: Penandatangan | None, jabatan: str) -> tuple[str, str, str]:
        if orang is None:  # nobody placed in the unit: a line to sign on, the name written by hand
            return (f"{peran}\n{jabatan}", "(..............................)", "")
        return (f"{peran}\n{orang.jabatan}", orang.nama, orang.nip)

    doc.tanda_tangan(
        data.tempat,
        today or hari_ini(),
        blok("Mengetahui,", data.kepala_bkpsdm, "Kepala BKPSDM"),
        blok("", opd.kepala, f"Kepala {opd.unit_induk}"),
    )
    return doc.to_bytes()


def _judul_sheet(nama: str, terpakai: set[str]) -> str:
    """A sheet title Excel accepts (no []:*?/\\, at most 31 characters), unique in the workbook."""
    dasar = re.sub(r"[\[\]:*?/\\]", " ", nama).strip()[:31] or "OPD"
    judul, n = dasar, 1
    while judul.lower() in terpakai:
        n += 1
        judul = f"{dasar[: 31 - len(str(n)) - 1]} {n}"
    terpakai.add(judul.lower())
    return judul


def _sheet_opd(wb: Workbook, judul: str, data: DaftarTpp, opd: DaftarOpd) -> int:
    """One OPD's sheet; returns the row of its JUMLAH."""
    ws = wb.create_sheet(judul)
    p = data.penutupan
    ws.append([f"{JUDUL} {fmt.bulan_tahun(p.tahun, p.bulan)}"])
    ws.append([safe_cell(opd.unit_induk)])
    ws.append([_status(p)])
    ws.append([])
    ws.append(list(KOLOM_XLSX))
    ws["A1"].font = Font(bold=True, size=13)
    for cell in ws[BARIS_JUDUL_XLSX]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E2E8F0")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, r in enumerate(opd.rows, start=1):
        ws.append(
            [i, r.nip, safe_cell(r.nama), safe_cell(r.jabatan), safe_cell(r.unit_kerja)]
            + [r.tpp_pokok, r.capaian_persen, r.tpp_produktivitas]
        )
        ws.cell(ws.max_row, 2).number_format = "@"
        ws.cell(ws.max_row, 7).number_format = "0.00"
    awal, akhir = BARIS_JUDUL_XLSX + 1, BARIS_JUDUL_XLSX + len(opd.rows)
    ws.append([None, None, "JUMLAH", None, None, f"=SUM(F{awal}:F{akhir})", None, f"=SUM(H{awal}:H{akhir})"])
    baris_jumlah = ws.max_row
    for cell in ws[baris_jumlah]:
        cell.font = Font(bold=True)
    ws.append([None, None, f"Terbilang: {terbilang.rupiah(opd.total_tpp_produktivitas)}"])
    for row in ws.iter_rows(min_row=awal, max_row=baris_jumlah):
        for cell in (row[5], row[7]):
            cell.number_format = "#,##0"
    for letter, width in zip("ABCDEFGH", (6, 21, 32, 36, 32, 16, 12, 20)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"A{awal}"
    return baris_jumlah


def xlsx_bytes(data: DaftarTpp) -> bytes:
    """The workbook: a "Ringkasan" sheet (each OPD's totals as references to its sheet, and their SUM), then a
    sheet per OPD; NIP as text, every text cell formula-safe."""
    wb = Workbook()
    ringkasan = wb.active
    ringkasan.title = "Ringkasan"
    p = data.penutupan
    ringkasan.append([f"{JUDUL} {fmt.bulan_tahun(p.tahun, p.bulan)}"])
    ringkasan.append([_status(p)])
    ringkasan.append([])
    ringkasan.append(["Unit Induk/OPD", "Pegawai", "Jumlah TPP Pokok (Rp)", "Jumlah TPP Produktivitas (Rp)"])
    ringkasan["A1"].font = Font(bold=True, size=13)
    for cell in ringkasan[4]:
        cell.font = Font(bold=True)
    terpakai = {"ringkasan"}
    for opd in data.opd:
        judul = _judul_sheet(opd.unit_induk, terpakai)
        baris = _sheet_opd(wb, judul, data, opd)
        ref = "'" + judul.replace("'", "''") + "'"
        ringkasan.append([safe_cell(opd.unit_induk), len(opd.rows), f"={ref}!F{baris}", f"={ref}!H{baris}"])
    akhir = ringkasan.max_row
    ringkasan.append(["JUMLAH SELURUHNYA", f"=SUM(B5:B{akhir})", f"=SUM(C5:C{akhir})", f"=SUM(D5:D{akhir})"])
    for cell in ringkasan[ringkasan.max_row]:
        cell.font = Font(bold=True)
    ringkasan.append([f"Terbilang: {terbilang.rupiah(data.total_tpp_produktivitas)}"])
    for row in ringkasan.iter_rows(min_row=5, min_col=3, max_col=4):
        for cell in row:
            cell.number_format = "#,##0"
    for letter, width in zip("ABCD", (48, 10, 22, 26)):
        ringkasan.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
