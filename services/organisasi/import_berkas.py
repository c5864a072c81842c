"""The uploaded pegawai file itself: reading CSV/XLSX into rows, the header, and every cell parsed and
checked on its own (docs/domain.md §6). Checks across rows and against the database live in import_periksa;
nothing here touches the database, so a bad file is reported before anything is looked up."""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from db.enums import JenisJabatan
from services.platform import unggahan
from services.platform.errors import ValidationError
from services.platform.masukan import ada_kontrol, tampak_kosong

#: Leaving service and status kepegawaian, read by import_status.py (docs/domain.md §8.31).
KOLOM_STATUS = ("status", "tanggal_berhenti", "status_kepegawaian", "perjanjian_mulai", "perjanjian_akhir")
REQUIRED_COLUMNS = ("nip", "nama", "jabatan", "jenis_jabatan", "unit_kerja")
OPTIONAL_COLUMNS = (
    "nip_atasan",
    "unit_induk",
    "pangkat_golongan",
    "email",
    "pimpinan_unit_kerja_mandiri",
    "tpp_pokok",
    "tpp_pokok_berlaku_mulai",
    "peran",
    "password",
    "kepala_daerah",
    *KOLOM_STATUS,
)
PERAN = ("admin", "pimpinan")
#: Column widths of the pegawai and unit_kerja tables (PostgreSQL enforces them, SQLite would not).
_MAX_LEN = {"nama": 200, "jabatan": 300, "unit_kerja": 200, "unit_induk": 200, "pangkat_golongan": 100, "email": 200}
_MAX_TPP = 2_147_483_647  # the INTEGER column
#: Fields whose change splits the running Periode SKP (jenis and "mandiri" are part of the jabatan).
_NIP_AS_NUMBER = (
    "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; format kolom nip sebagai Teks lalu isi ulang NIP."
)


@dataclass(frozen=True)
class KesalahanBaris:
    """One bad cell: spreadsheet row (header = 1), column, reason."""

    baris: int
    kolom: str
    pesan: str

    def __str__(self) -> str:
        return f"Baris {self.baris}, kolom {self.kolom}: {self.pesan}"


class ImportDitolak(ValidationError):
    """The file was rejected; ``kesalahan`` lists every bad row and column. Nothing was saved."""

    def __init__(self, kesalahan: list[KesalahanBaris]):
        self.kesalahan = sorted(kesalahan, key=lambda k: k.baris)
        baris = "\n".join(str(k) for k in self.kesalahan)
        super().__init__(
            f"Impor dibatalkan; tidak ada data yang disimpan. Perbaiki {len(self.kesalahan)} "
            f"kesalahan berikut lalu impor ulang:\n{baris}"
        )


class _Salah(Exception):
    """A bad cell value; the message is the user-facing reason."""


@dataclass
class Baris:
    """One checked data row, values already parsed."""

    nomor: int
    nip: str | None  # None when the cell was bad (the file is then rejected)
    nilai: dict[str, Any]  # pegawai fields to set (only the columns the file has)
    unit_kerja: str | None
    unit_induk: str | None
    nip_atasan: str | None
    password: str | None
    tpp_berlaku_mulai: date | None = None  # the tpp_pokok_berlaku_mulai cell; None: the import's default
    sel_status: dict[str, str] = field(default_factory=dict)  # the KOLOM_STATUS cells, for import_status.py

    def sah(self) -> BarisSah:
        """This row once the file was accepted: no error was reported, so its NIP and unit kerja were read."""
        if self.nip is None or self.unit_kerja is None:
            raise ValueError(f"row {self.nomor} belongs to a rejected file")
        return BarisSah(
            self.nomor,
            self.nip,
            self.nilai,
            self.unit_kerja,
            self.unit_induk,
            self.nip_atasan,
            self.password,
            self.tpp_berlaku_mulai,
            self.sel_status,
        )


@dataclass(frozen=True)
class BarisSah:
    """A row of an accepted file, as the write phase takes it."""

    nomor: int
    nip: str
    nilai: dict[str, Any]
    unit_kerja: str
    unit_induk: str | None
    nip_atasan: str | None
    password: str | None
    tpp_berlaku_mulai: date | None = None
    sel_status: dict[str, str] = field(default_factory=dict)


# --- reading -----------------------------------------------------------------------------------


def _read_csv(data: bytes) -> list[tuple[int, list[Any]]]:
    unggahan.periksa_csv(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            "Berkas CSV tidak dapat dibaca sebagai UTF-8. Simpan ulang dari Excel sebagai "
            '"CSV UTF-8 (Comma delimited)" lalu impor ulang.'
        ) from None
    first_line = text.split("\n", 1)[0]
    # Excel in an Indonesian locale saves CSV with semicolons (the comma is the decimal mark).
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1))
    except csv.Error:
        raise ValidationError(
            "Berkas CSV tidak dapat dibaca: formatnya rusak (misalnya tanda kutip tidak "
            "tertutup atau ada karakter NUL)."
        ) from None


def _read_xlsx(data: bytes) -> list[tuple[int, list[Any]]]:
    unggahan.periksa_xlsx(data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            rows = sheet.iter_rows(values_only=True, max_col=unggahan.MAKS_KOLOM)
            return [(n, list(row)) for n, row in enumerate(itertools.islice(rows, unggahan.MAKS_BARIS + 1), start=1)]
        finally:
            workbook.close()
    # SyntaxError covers the XML parse errors of both xml.etree and lxml.
    except (zipfile.BadZipFile, InvalidFileException, KeyError, IndexError, OSError, ValueError, SyntaxError):
        raise ValidationError("Berkas XLSX tidak dapat dibaca (rusak atau bukan berkas Excel .xlsx).") from None


def read_rows(data: bytes, filename: str) -> list[tuple[int, list[Any]]]:
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".csv":
        return _read_csv(data)
    if suffix == ".xlsx":
        return _read_xlsx(data)
    raise ValidationError(f'Jenis berkas "{PurePath(filename).name}" tidak dikenal. Gunakan berkas .csv atau .xlsx.')


class _Inexact(str):
    """The text of a whole number Excel stored as a float too large to hold every digit."""


def _cell_text(value: Any) -> str:
    """A cell as stripped text: XLSX numbers without ".0", Excel booleans as ya/tidak."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
        return text if abs(value) <= 2**53 else _Inexact(text)
    return str(value).strip()


# --- checking ----------------------------------------------------------------------------------


def _check_header(header: list[Any]) -> dict[str, int]:
    """Column name → index. Names are matched without case; "Jenis Jabatan" means jenis_jabatan."""
    return periksa_header(header, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)


def periksa_header(header: list[Any], wajib: tuple[str, ...], opsional: tuple[str, ...]) -> dict[str, int]:
    """Column name → index of any import's header (also services/organisasi/ketidakhadiran_impor.py): an
    unknown or repeated column, or a missing required one, rejects the file with every such column named."""
    known = wajib + opsional
    columns: dict[str, int] = {}
    errors: list[KesalahanBaris] = []
    for index, raw in enumerate(header):
        name = "_".join(_cell_text(raw).lower().split())
        if not name:
            continue
        if name not in known:
            errors.append(
                KesalahanBaris(1, name, "kolom tidak dikenal. Kolom yang dapat dipakai: " + ", ".join(known) + ".")
            )
        elif name in columns:
            errors.append(KesalahanBaris(1, name, "kolom ini muncul lebih dari sekali."))
        else:
            columns[name] = index
    errors += [
        KesalahanBaris(1, name, "kolom wajib tidak ada di baris judul.") for name in wajib if name not in columns
    ]
    if errors:
        raise ImportDitolak(errors)
    return columns


def _parse_nip(text: str, kolom: str = "nip") -> str:
    if isinstance(text, _Inexact) or re.fullmatch(r"[0-9](\.[0-9]+)?[eE]\+?[0-9]+", text.replace(",", ".")):
        raise _Salah(_NIP_AS_NUMBER)
    nip = "".join(text.split())
    if not re.fullmatch(r"[0-9]{18}", nip):
        raise _Salah("NIP harus 18 digit angka." if kolom == "nip" else "NIP atasan harus 18 digit angka.")
    return nip


def _parse_text(text: str, kolom: str, wajib: bool) -> str | None:
    """Names with runs of spaces collapsed, so "Dinas  Kesehatan" matches "Dinas Kesehatan"."""
    text = " ".join(text.split())
    if ada_kontrol(text):
        raise _Salah("memuat karakter kontrol (misalnya NUL) yang tidak dapat disimpan.")
    if tampak_kosong(text):
        if wajib:
            raise _Salah(f"{kolom.replace('_', ' ')} wajib diisi.")
        return None
    if len(text) > _MAX_LEN[kolom]:
        raise _Salah(f"paling banyak {_MAX_LEN[kolom]} karakter.")
    return text


def _parse_jenis(text: str) -> JenisJabatan:
    if not text:
        raise _Salah("jenis jabatan wajib diisi.")
    for jenis in JenisJabatan:
        if jenis.value.lower() == text.lower():
            return jenis
    raise _Salah(f'jenis jabatan "{text}" tidak dikenal. Isi salah satu: {", ".join(JenisJabatan.values())}.')


def _parse_email(text: str) -> str | None:
    email = _parse_text(text, "email", wajib=False)
    if email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise _Salah("alamat email tidak valid.")
    return email


def _parse_ya_tidak(text: str) -> bool:
    if text.lower() in ("", "tidak"):
        return False
    if text.lower() == "ya":
        return True
    raise _Salah('isi "ya" atau "tidak".')


def _parse_rupiah(text: str) -> int:
    """Whole rupiah: 3100000, 3.100.000, Rp3.100.000, Rp 3.100.000,00."""
    if isinstance(text, _Inexact):
        raise _Salah("TPP pokok terlalu besar.")
    digits = re.sub(r"^rp\.?", "", "".join(text.split()).lower())
    if not digits:
        return 0
    match = re.fullmatch(r"([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,0+)?", digits)
    if match is None:
        raise _Salah("TPP pokok harus berupa rupiah tanpa sen, misalnya 3100000 atau Rp3.100.000.")
    amount = int(match.group(1).replace(".", ""))
    if amount > _MAX_TPP:
        raise _Salah("TPP pokok terlalu besar.")
    return amount


def _parse_tanggal(text: str) -> date | None:
    """2026-07-01, 01-07-2026 or 01/07/2026 (an XLSX date cell reads as "2026-07-01 00:00:00"); empty: None."""
    if not text:
        return None
    iso = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?: 00:00:00)?", text)
    dmy = re.fullmatch(r"([0-9]{1,2})[-/]([0-9]{1,2})[-/]([0-9]{4})", text)
    try:
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if dmy:
            return date(int(dmy.group(3)), int(dmy.group(2)), int(dmy.group(1)))
    except ValueError:
        raise _Salah(f'tanggal "{text}" tidak ada di kalender.') from None
    raise _Salah(f'tanggal "{text}" tidak dikenal; tulis 2026-07-01 atau 01-07-2026.')


def _parse_berlaku(text: str, ada_tpp: bool) -> date | None:
    tanggal = _parse_tanggal(text)
    if tanggal is not None and not ada_tpp:
        raise _Salah("tanggal berlaku TPP pokok hanya dapat diisi bersama kolom tpp_pokok.")
    if tanggal is not None and not date(2000, 1, 1) <= tanggal <= date(2100, 12, 31):
        raise _Salah("tanggal berlaku TPP pokok harus antara 01-01-2000 dan 31-12-2100.")
    return tanggal


def _parse_peran(text: str) -> dict[str, bool]:
    peran = [p.strip().lower() for p in text.split(",") if p.strip()]
    unknown = [p for p in peran if p not in PERAN]
    if unknown:
        raise _Salah(f'peran "{", ".join(unknown)}" tidak dikenal. Isi admin dan/atau pimpinan, dipisah koma.')
    return {"is_admin": "admin" in peran, "is_pimpinan": "pimpinan" in peran}


def _parse_row(nomor: int, cells: dict[str, str], errors: list[KesalahanBaris]) -> Baris:
    """Parse one row; every bad cell goes to ``errors`` and is None in the row, so the checks across
    rows still see the good cells of a row with a bad one."""
    parsed: dict[str, Any] = {}

    def take(kolom: str, parse) -> None:
        if kolom not in cells:
            return
        try:
            parsed[kolom] = parse(cells[kolom])
        except _Salah as exc:
            errors.append(KesalahanBaris(nomor, kolom, str(exc)))

    take("nip", _parse_nip)
    for kolom in ("nama", "jabatan", "unit_kerja"):
        take(kolom, lambda t, k=kolom: _parse_text(t, k, wajib=True))
    take("jenis_jabatan", _parse_jenis)
    take("nip_atasan", lambda t: _parse_nip(t, "nip_atasan") if t else None)
    take("unit_induk", lambda t: _parse_text(t, "unit_induk", wajib=False))
    take("pangkat_golongan", lambda t: _parse_text(t, "pangkat_golongan", wajib=False))
    take("email", _parse_email)
    take("pimpinan_unit_kerja_mandiri", _parse_ya_tidak)
    take("tpp_pokok", _parse_rupiah)
    take("tpp_pokok_berlaku_mulai", lambda t: _parse_berlaku(t, "tpp_pokok" in cells))
    take("peran", _parse_peran)
    take("kepala_daerah", _parse_ya_tidak)
    take("password", lambda t: t or None)
    nilai: dict[str, Any] = {
        kolom: parsed[kolom]
        for kolom in (
            "nama",
            "jabatan",
            "jenis_jabatan",
            "pangkat_golongan",
            "email",
            "pimpinan_unit_kerja_mandiri",
            "tpp_pokok",
        )
        if kolom in parsed
    }
    nilai.update(parsed.get("peran", {}))
    if "kepala_daerah" in parsed:
        nilai["is_kepala_daerah"] = parsed["kepala_daerah"]
    if parsed.get("kepala_daerah"):  # always a pimpinan (docs/domain.md §8.32)
        nilai["is_pimpinan"] = True
    return Baris(
        nomor,
        parsed.get("nip"),
        nilai,
        parsed.get("unit_kerja"),
        parsed.get("unit_induk"),
        parsed.get("nip_atasan"),
        parsed.get("password"),
        parsed.get("tpp_pokok_berlaku_mulai"),
        {k: cells[k] for k in KOLOM_STATUS if k in cells},
    )


def read_table(
    table: list[tuple[int, list[Any]]], errors: list[KesalahanBaris]
) -> tuple[list[Baris], dict[str, int], list[str]]:
    """The data rows of a read file, each parsed (bad cells go to ``errors``; a repeated NIP is reported
    and its row left out), the header's column → index, and the nip cells of the rows whose own NIP is
    invalid."""
    if not table or not any(_cell_text(c) for c in table[0][1]):
        raise ValidationError(
            "Berkas kosong: baris pertama harus berisi judul kolom (nip, nama, jabatan, jenis_jabatan, unit_kerja, …)."
        )
    columns = _check_header(table[0][1])
    rows: list[Baris] = []
    first_row_of: dict[str, int] = {}
    bad_nips: list[str] = []
    for nomor, raw in table[1:]:
        cells = {kolom: _cell_text(raw[i]) if i < len(raw) else "" for kolom, i in columns.items()}
        if not any(cells.values()):
            continue
        row = _parse_row(nomor, cells, errors)
        if row.nip is None:
            bad_nips.append(cells["nip"])
        if row.nip in first_row_of:
            errors.append(KesalahanBaris(nomor, "nip", f"NIP {row.nip} sudah ada di baris {first_row_of[row.nip]}."))
            continue
        if row.nip is not None:
            first_row_of[row.nip] = nomor
        rows.append(row)
    if not rows and not errors:
        raise ValidationError("Berkas tidak berisi data pegawai; hanya ada baris judul.")
    return rows, columns, bad_nips


# --- shared with the other imports (services/organisasi/ketidakhadiran_impor.py) -------------------

#: A bad cell: raised by :data:`baca_nip`, its message the user-facing reason.
SelSalah = _Salah
#: A cell as stripped text (XLSX numbers without ".0").
teks_sel = _cell_text
#: An 18-digit NIP, refusing one Excel stored as a number.
baca_nip = _parse_nip
#: A date cell (2026-07-01, 01-07-2026 or 01/07/2026); empty: None.
baca_tanggal = _parse_tanggal
