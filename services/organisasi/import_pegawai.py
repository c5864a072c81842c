"""Import of pegawai from a CSV or XLSX file (DOMAIN.md §6), all or nothing.

The whole file is read and checked before anything is written, and every bad row and column is
reported at once, so the admin fixes the file in one pass. Re-importing updates by NIP and changes
nothing that is already equal (no audit rows, no periods, no password hashing). A new jabatan, unit
or atasan of an existing pegawai is a mutasi (§3.1).

Optional columns: a column left out of the file leaves that field as it is; an empty cell sets the
default (no atasan = top of the hierarchy, no peran, TPP 0, "tidak"). ``unit_induk`` describes the
unit, not the pegawai: an empty cell says nothing about where the unit sits.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePath
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import JenisJabatan
from db.models import Akun, Pegawai, UnitKerja
from services.organisasi import periode
from services.organisasi import struktur as organisasi
from services.platform import audit, auth
from services.platform.access import Actor, require_admin
from services.platform.errors import ValidationError
from services.platform.kalender import hari_ini
from services.platform.spreadsheet import csv_text

REQUIRED_COLUMNS = ("nip", "nama", "jabatan", "jenis_jabatan", "unit_kerja")
OPTIONAL_COLUMNS = (
    "nip_atasan",
    "unit_induk",
    "pangkat_golongan",
    "email",
    "pimpinan_unit_kerja_mandiri",
    "tpp_pokok",
    "peran",
    "password",
)
PERAN = ("admin", "pimpinan")
#: Column widths of the pegawai and unit_kerja tables (PostgreSQL enforces them, SQLite would not).
_MAX_LEN = {"nama": 200, "jabatan": 300, "unit_kerja": 200, "unit_induk": 200, "pangkat_golongan": 100, "email": 200}
_MAX_TPP = 2_147_483_647  # the INTEGER column
#: Fields whose change splits the running Periode SKP (jenis and "mandiri" are part of the jabatan).
_MUTASI_FIELDS = ("jabatan", "jenis_jabatan", "pimpinan_unit_kerja_mandiri", "unit_kerja", "atasan")
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


@dataclass(frozen=True)
class Kredensial:
    """A generated initial password, to be handed to the admin once."""

    nip: str
    nama: str
    password: str


@dataclass
class HasilImport:
    dibuat: int = 0
    diperbarui: int = 0
    tidak_berubah: int = 0
    mutasi: int = 0
    kredensial: list[Kredensial] = field(default_factory=list)


class _Salah(Exception):
    """A bad cell value; the message is the user-facing reason."""


@dataclass
class _Baris:
    """One checked data row, values already parsed."""

    nomor: int
    nip: str | None  # None when the cell was bad (the file is then rejected)
    nilai: dict[str, Any]  # pegawai fields to set (only the columns the file has)
    unit_kerja: str | None
    unit_induk: str | None
    nip_atasan: str | None
    password: str | None


# --- reading -----------------------------------------------------------------------------------


def _read_csv(data: bytes) -> list[tuple[int, list[Any]]]:
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
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            return [(n, list(row)) for n, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
        finally:
            workbook.close()
    # SyntaxError covers the XML parse errors of both xml.etree and lxml.
    except (zipfile.BadZipFile, InvalidFileException, KeyError, IndexError, OSError, ValueError, SyntaxError):
        raise ValidationError("Berkas XLSX tidak dapat dibaca (rusak atau bukan berkas Excel .xlsx).") from None


def _read_rows(data: bytes, filename: str) -> list[tuple[int, list[Any]]]:
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
    known = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
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
        KesalahanBaris(1, name, "kolom wajib tidak ada di baris judul.")
        for name in REQUIRED_COLUMNS
        if name not in columns
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
    if not text:
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


def _parse_peran(text: str) -> dict[str, bool]:
    peran = [p.strip().lower() for p in text.split(",") if p.strip()]
    unknown = [p for p in peran if p not in PERAN]
    if unknown:
        raise _Salah(f'peran "{", ".join(unknown)}" tidak dikenal. Isi admin dan/atau pimpinan, dipisah koma.')
    return {"is_admin": "admin" in peran, "is_pimpinan": "pimpinan" in peran}


def _parse_row(nomor: int, cells: dict[str, str], errors: list[KesalahanBaris]) -> _Baris:
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
    take("peran", _parse_peran)
    take("password", lambda t: t or None)
    nilai = {
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
    return _Baris(
        nomor,
        parsed.get("nip"),
        nilai,
        parsed.get("unit_kerja"),
        parsed.get("unit_induk"),
        parsed.get("nip_atasan"),
        parsed.get("password"),
    )


def _key(nama: str) -> str:
    """Unit names match without regard to case, so "dinas kesehatan" is not a second unit."""
    return nama.casefold()


@dataclass
class _Rencana:
    """Everything the write phase needs, built by the checks."""

    rows: list[_Baris]
    has_atasan_column: bool
    units: dict[str, UnitKerja]  # key → existing unit
    unit_names: dict[str, str]  # key → name to create with
    unit_parent: dict[str, str | None]  # resulting parent key of every unit
    unit_stated: set[str]  # units the file places under a unit_induk
    pegawai: dict[str, Pegawai]  # nip → existing pegawai
    with_account: set[int]  # ids of pegawai that already have an account


def _check_units(session: Session, rows: list[_Baris], errors: list[KesalahanBaris]):
    existing = {_key(u.nama): u for u in session.scalars(select(UnitKerja))}
    by_id = {u.id: k for k, u in existing.items()}
    parent: dict[str, str | None] = {k: by_id.get(u.induk_id) for k, u in existing.items()}
    names = {k: u.nama for k, u in existing.items()}
    stated: dict[str, tuple[str, int]] = {}
    for row in (r for r in rows if r.unit_kerja is not None):
        names.setdefault(_key(row.unit_kerja), row.unit_kerja)
        parent.setdefault(_key(row.unit_kerja), None)
        if row.unit_induk is None:
            continue
        unit, induk = _key(row.unit_kerja), _key(row.unit_induk)
        names.setdefault(induk, row.unit_induk)
        parent.setdefault(induk, None)
        if unit == induk:
            errors.append(KesalahanBaris(row.nomor, "unit_induk", "unit induk tidak boleh sama dengan unit kerja."))
        elif unit in stated and stated[unit][0] != induk:
            errors.append(
                KesalahanBaris(
                    row.nomor,
                    "unit_induk",
                    f'unit kerja "{row.unit_kerja}" sudah ditempatkan '
                    f'di bawah "{names[stated[unit][0]]}" pada baris {stated[unit][1]}.',
                )
            )
        else:
            stated.setdefault(unit, (induk, row.nomor))
    for unit, (induk, _nomor) in stated.items():
        parent[unit] = induk
    reported: set[str] = set()
    for unit, (_induk, nomor) in stated.items():
        cycle = _cycle_from(unit, parent)
        if cycle and unit not in reported:
            reported.update(cycle)
            errors.append(
                KesalahanBaris(
                    nomor,
                    "unit_induk",
                    "susunan unit kerja melingkar: " + " → ".join(names[k] for k in cycle + [unit]) + ".",
                )
            )
    return existing, names, parent, set(stated)


def _cycle_from(start: str, parent: dict[str, str | None]) -> list[str] | None:
    """The loop through ``start`` in a child → parent map, or None when the chain ends."""
    chain, seen, current = [], set(), start
    while current is not None and current not in seen:
        chain.append(current)
        seen.add(current)
        current = parent.get(current)
    return chain if current == start else None


def _typo_of(nip: str, text: str) -> bool:
    """Whether ``text`` is ``nip`` with at most two characters wrong, missing or extra."""
    previous = list(range(len(text) + 1))
    for i, a in enumerate(nip, start=1):
        current = [i]
        for j, b in enumerate(text, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1] <= 2


def _check_atasan(
    session: Session, rows: list[_Baris], bad_nips: list[str], has_atasan_column: bool, errors: list[KesalahanBaris]
) -> dict[str, Pegawai]:
    """Every nip_atasan exists (file or database) and the resulting hierarchy has no loop.
    ``bad_nips`` are the nip cells of the rows whose own NIP is invalid."""
    pegawai = {p.nip: p for p in session.scalars(select(Pegawai))}
    nip_of = {p.id: p.nip for p in pegawai.values()}
    atasan: dict[str, str | None] = {nip: nip_of.get(p.atasan_id) for nip, p in pegawai.items()}
    nama = {nip: p.nama for nip, p in pegawai.items()}
    rows = [row for row in rows if row.nip is not None]
    in_file = {row.nip for row in rows}
    for row in rows:
        nama[row.nip] = row.nilai.get("nama") or row.nip
        if has_atasan_column or row.nip not in pegawai:
            atasan[row.nip] = row.nip_atasan
    for row in rows:
        target = row.nip_atasan
        if target is None:
            continue
        if target == row.nip:
            errors.append(
                KesalahanBaris(row.nomor, "nip_atasan", "pegawai tidak boleh menjadi atasan dirinya sendiri.")
            )
        elif target not in in_file and target not in pegawai:
            # The atasan's own row may hold a mistyped NIP: that row is reported, not all its bawahan.
            if not any(_typo_of(target, bad) for bad in bad_nips):
                errors.append(
                    KesalahanBaris(
                        row.nomor, "nip_atasan", f"NIP atasan {target} tidak ada di berkas ini maupun di database."
                    )
                )
        elif target not in in_file and not pegawai[target].aktif:
            errors.append(KesalahanBaris(row.nomor, "nip_atasan", f"atasan dengan NIP {target} sudah tidak aktif."))
        else:
            cycle = _cycle_from(row.nip, atasan)
            if cycle:
                errors.append(
                    KesalahanBaris(
                        row.nomor,
                        "nip_atasan",
                        "susunan atasan–bawahan melingkar: " + " → ".join(nama[n] for n in cycle + [row.nip]) + ".",
                    )
                )
    return pegawai


def _check(session: Session, actor: Actor | None, table: list[tuple[int, list[Any]]]) -> _Rencana:
    if not table or not any(_cell_text(c) for c in table[0][1]):
        raise ValidationError(
            "Berkas kosong: baris pertama harus berisi judul kolom (nip, nama, jabatan, jenis_jabatan, unit_kerja, …)."
        )
    columns = _check_header(table[0][1])
    errors: list[KesalahanBaris] = []
    rows: list[_Baris] = []
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
    has_atasan_column = "nip_atasan" in columns
    units, names, parent, stated = _check_units(session, rows, errors)
    pegawai = _check_atasan(session, rows, bad_nips, has_atasan_column, errors)
    with_account = set(session.scalars(select(Akun.pegawai_id)))
    for row in rows:
        needs_account = row.nip not in pegawai or pegawai[row.nip].id not in with_account
        if needs_account and row.password is not None:
            problem = auth.password_problem(row.password, row.nip)
            if problem:
                errors.append(KesalahanBaris(row.nomor, "password", problem))
        if actor is not None and row.nip == actor.nip and row.nilai.get("is_admin") is False:
            errors.append(KesalahanBaris(row.nomor, "peran", "Anda tidak dapat mencabut peran admin Anda sendiri."))
    if errors:
        raise ImportDitolak(errors)
    return _Rencana(rows, has_atasan_column, units, names, parent, stated, pegawai, with_account)


# --- writing -----------------------------------------------------------------------------------


def _depth(key: str, parent: dict[str, str | None]) -> int:
    depth = 0
    while (key := parent.get(key)) is not None:
        depth += 1
    return depth


def _apply_units(session: Session, actor: Actor | None, rencana: _Rencana) -> dict[str, UnitKerja]:
    """Create new units and move existing ones the file places elsewhere, parents first."""
    units = dict(rencana.units)
    parent = rencana.unit_parent
    todo = [k for k in parent if k not in units or k in rencana.unit_stated]
    for key in sorted(todo, key=lambda k: _depth(k, parent)):
        induk = units[parent[key]] if parent[key] is not None else None
        unit = units.get(key)
        if unit is None:
            unit = units[key] = organisasi.create_unit(session, rencana.unit_names[key], induk)
            audit.record(
                session,
                actor,
                "impor_unit_kerja_baru",
                "unit_kerja",
                unit.id,
                None,
                {"nama": unit.nama, "induk": induk.nama if induk else None},
            )
        elif unit.induk_id != (induk.id if induk else None):
            before = {"induk": unit.induk.nama if unit.induk else None}
            organisasi.move_unit(session, unit, induk)
            audit.record(
                session,
                actor,
                "impor_pindah_unit_kerja",
                "unit_kerja",
                unit.id,
                before,
                {"induk": induk.nama if induk else None},
            )
    return units


def _comparable(pegawai: Pegawai, kolom: str) -> Any:
    if kolom == "unit_kerja":
        return pegawai.unit_kerja.nama
    if kolom == "atasan":
        return pegawai.atasan.nip if pegawai.atasan else None
    return getattr(pegawai, kolom)


def _hash_all(passwords: list[str]) -> list[str]:
    """bcrypt releases the GIL, so new accounts hash in parallel (cost 12 is ~0.25 s each)."""
    if len(passwords) < 2:
        return [auth.hash_password(p) for p in passwords]
    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
        return list(pool.map(auth.hash_password, passwords))


def _apply(session: Session, actor: Actor | None, rencana: _Rencana, efektif: date) -> HasilImport:
    hasil = HasilImport()
    units = _apply_units(session, actor, rencana)
    pegawai = dict(rencana.pegawai)
    new_rows = [row for row in rencana.rows if row.nip not in pegawai]
    for row in new_rows:
        pegawai[row.nip] = Pegawai(nip=row.nip, unit_kerja=units[_key(row.unit_kerja)], **row.nilai)
        session.add(pegawai[row.nip])
    for row in new_rows:  # before the flush, so each row is inserted once with its atasan
        pegawai[row.nip].atasan = pegawai[row.nip_atasan] if row.nip_atasan else None
    session.flush()
    with_account = rencana.with_account
    new_accounts: list[tuple[Pegawai, str, bool]] = []
    moved: list[Pegawai] = []
    for row in rencana.rows:
        p = pegawai[row.nip]
        target = {**row.nilai, "unit_kerja": units[_key(row.unit_kerja)].nama}
        if rencana.has_atasan_column:
            target["atasan"] = row.nip_atasan
        if row.nip not in rencana.pegawai:
            after = {"nip": row.nip, **target, "atasan": row.nip_atasan}
            audit.record(session, actor, "impor_pegawai_baru", "pegawai", p.id, None, after)
            hasil.dibuat += 1
        else:
            changed = {k: v for k, v in target.items() if _comparable(p, k) != v}
            before = {k: _comparable(p, k) for k in changed}
            if p.id not in with_account:
                before["akun"], changed["akun"] = None, "dibuat"
            if not changed:
                hasil.tidak_berubah += 1
                continue
            for kolom, value in changed.items():
                if kolom == "unit_kerja":
                    p.unit_kerja = units[_key(value)]
                elif kolom == "atasan":
                    p.atasan = pegawai[value] if value else None
                elif kolom != "akun":
                    setattr(p, kolom, value)
            audit.record(session, actor, "impor_pegawai_ubah", "pegawai", p.id, before, changed)
            hasil.diperbarui += 1
            if any(k in changed for k in _MUTASI_FIELDS):
                moved.append(p)
        if p.id not in with_account:
            new_accounts.append((p, row.password or auth.generate_password(), row.password is None))
    session.flush()
    for p in moved:
        periode.apply_mutasi(session, actor, p, efektif)
    hasil.mutasi = len(moved)
    hashes = _hash_all([password for _p, password, _generated in new_accounts])
    for (p, password, generated), password_hash in zip(new_accounts, hashes):
        auth.create_account(session, p, password_hash=password_hash, must_change=True)
        if generated:
            hasil.kredensial.append(Kredensial(p.nip, p.nama, password))
    session.flush()
    return hasil


def import_file(
    session: Session,
    actor: Actor | None,
    path_or_bytes: str | Path | bytes,
    filename: str | None = None,
    efektif: date | None = None,
) -> HasilImport:
    """Import a pegawai file into the caller's transaction; raises :class:`ImportDitolak` (or
    ValidationError for an unreadable file) before writing anything. ``actor`` None is the operator's
    CLI; otherwise only an admin may import. ``efektif`` (default today) dates the mutasi."""
    if actor is not None:
        require_admin(actor)
    if isinstance(path_or_bytes, bytes):
        data = path_or_bytes
        filename = filename or ""
    else:
        path = Path(path_or_bytes)
        filename = filename or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError(f"Berkas {path} tidak dapat dibuka: {exc.strerror}.") from None
    rencana = _check(session, actor, _read_rows(data, filename))
    return _apply(session, actor, rencana, efektif or hari_ini())


def kredensial_csv(kredensial: list[Kredensial]) -> str:
    """The generated initial passwords as CSV for the admin (formula-safe; write it as utf-8-sig so
    Excel reads the names right)."""
    return csv_text(["nip", "nama", "password"], [(k.nip, k.nama, k.password) for k in kredensial])
