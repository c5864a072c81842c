"""Import of ketidakhadiran from a CSV or XLSX file (docs/domain.md §8.25), all or nothing.

Columns ``nip``, ``jenis``, ``tanggal_mulai``, ``tanggal_akhir`` and optional ``keterangan``; the file is read
by the pegawai import's reader (services/organisasi/import_berkas.py: encodings, separators, the header), and
each row goes through the same rules as the admin's form (:func:`ketidakhadiran.periksa`), so a row
overlapping an earlier row of the same file is refused like one overlapping a stored record. Every bad row is
reported at once and nothing is saved. A row equal to a stored record (pegawai, jenis and dates) is left as it
is, so importing the same file twice changes nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Ketidakhadiran, Pegawai
from services.organisasi import ketidakhadiran
from services.organisasi.import_berkas import (
    ImportDitolak,
    KesalahanBaris,
    SelSalah,
    baca_nip,
    periksa_header,
    read_rows,
    teks_sel,
)
from services.organisasi.ketidakhadiran import KetidakhadiranDitolak, KetidakhadiranInput
from services.platform import audit
from services.platform.access import Actor, require_admin
from services.platform.errors import ValidationError

KOLOM_WAJIB = ("nip", "jenis", "tanggal_mulai", "tanggal_akhir")
KOLOM_OPSIONAL = ("keterangan",)
#: A regency's year of cuti is a few thousand rows of some 80 bytes: 2 MB and 10,000 rows leave room, and
#: keep one upload from holding the database for minutes.
BATAS_BYTES = 2 * 1024 * 1024
BATAS_BARIS = 10_000
_FORMAT_TANGGAL = "isi tanggal seperti 2026-03-10 atau 10/03/2026."


@dataclass(frozen=True)
class HasilImpor:
    dibuat: int  # new records
    sudah_ada: int  # rows equal to a stored record, left as they were


def _baca_tanggal(value: Any) -> date:
    """A date cell: an Excel date, or text 2026-03-10, 10/03/2026 or 10-03-2026."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    teks = teks_sel(value)
    if not teks:
        raise SelSalah("tanggal wajib diisi.")
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", teks):
            return date.fromisoformat(teks)
        if match := re.fullmatch(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})", teks):
            hari, bulan, tahun = (int(g) for g in match.groups())
            return date(tahun, bulan, hari)
    except ValueError:
        raise SelSalah(f'tanggal "{teks[:20]}" tidak ada di kalender.') from None
    raise SelSalah(f'tanggal "{teks[:20]}" tidak dikenali; {_FORMAT_TANGGAL}')


def _isi_sel(raw: list[Any], kolom: dict[str, int]) -> dict[str, Any]:
    return {nama: raw[i] if i < len(raw) else None for nama, i in kolom.items()}


def _baris(table: list[tuple[int, list[Any]]]) -> tuple[dict[str, int], list[tuple[int, dict[str, Any]]]]:
    """The header's columns and the non-empty data rows (spreadsheet row number, raw cells by column)."""
    if not table or not any(teks_sel(c) for c in table[0][1]):
        raise ValidationError(
            "Berkas kosong: baris pertama harus berisi judul kolom (nip, jenis, tanggal_mulai, tanggal_akhir, "
            "keterangan)."
        )
    kolom = periksa_header(table[0][1], KOLOM_WAJIB, KOLOM_OPSIONAL)
    semua = [(nomor, _isi_sel(raw, kolom)) for nomor, raw in table[1:]]
    rows = [(nomor, sel) for nomor, sel in semua if any(teks_sel(v) for v in sel.values())]
    if not rows:
        raise ValidationError("Berkas tidak berisi data ketidakhadiran; hanya ada baris judul.")
    if len(rows) > BATAS_BARIS:
        raise ValidationError(f"Berkas berisi {len(rows)} baris; paling banyak {BATAS_BARIS} baris sekali impor.")
    return kolom, rows


def _input(
    nomor: int, sel: dict[str, Any], pegawai: dict[str, int], errors: list[KesalahanBaris]
) -> KetidakhadiranInput | None:
    """One row's input, or None with its bad cells in ``errors``."""
    awal = len(errors)
    nilai: dict[str, Any] = {}
    for nama, baca in (
        ("nip", lambda v: baca_nip(teks_sel(v))),
        ("jenis", lambda v: ketidakhadiran.baca_jenis(teks_sel(v))),
        ("tanggal_mulai", _baca_tanggal),
        ("tanggal_akhir", _baca_tanggal),
    ):
        try:
            nilai[nama] = baca(sel[nama])
        except SelSalah as exc:
            errors.append(KesalahanBaris(nomor, nama, str(exc)))
        except KetidakhadiranDitolak as exc:
            errors.append(KesalahanBaris(nomor, nama, exc.message))
    if "nip" in nilai and nilai["nip"] not in pegawai:
        errors.append(KesalahanBaris(nomor, "nip", f"pegawai dengan NIP {nilai['nip']} tidak ditemukan."))
    if len(errors) > awal:
        return None
    keterangan = teks_sel(sel.get("keterangan"))
    return KetidakhadiranInput(
        pegawai[nilai["nip"]], nilai["jenis"], nilai["tanggal_mulai"], nilai["tanggal_akhir"], keterangan
    )


def _sudah_ada(session: Session, data: KetidakhadiranInput) -> bool:
    k = Ketidakhadiran
    return (
        session.scalar(
            select(k.id).where(
                k.pegawai_id == data.pegawai_id,
                k.jenis == data.jenis,
                k.tanggal_mulai == data.tanggal_mulai,
                k.tanggal_akhir == data.tanggal_akhir,
            )
        )
        is not None
    )


def impor_berkas(session: Session, actor: Actor, data: bytes, filename: str) -> HasilImpor:
    """Import a ketidakhadiran file into the caller's transaction (admin only); raises :class:`ImportDitolak`
    with every bad row, or ValidationError for an unreadable or too large file, and then nothing is saved."""
    require_admin(actor)
    if len(data) > BATAS_BYTES:
        raise ValidationError(
            f"Berkas {len(data) // 1024} KB terlalu besar; paling besar {BATAS_BYTES // (1024 * 1024)} MB. "
            "Bagi berkas menjadi beberapa bagian."
        )
    _kolom, rows = _baris(read_rows(data, filename))
    nips = {teks_sel(sel["nip"]).replace(" ", "") for _n, sel in rows}
    pegawai = {nip: pid for nip, pid in session.execute(select(Pegawai.nip, Pegawai.id).where(Pegawai.nip.in_(nips)))}
    errors: list[KesalahanBaris] = []
    baris_dari: dict[int, int] = {}  # record id → the file's row that created it
    dibuat = sudah_ada = 0
    savepoint = session.begin_nested()
    for nomor, sel in rows:
        masukan = _input(nomor, sel, pegawai, errors)
        if masukan is None:
            continue
        if _sudah_ada(session, masukan):
            sudah_ada += 1
            continue
        try:
            baru = ketidakhadiran.tambah(session, actor, masukan)
        except KetidakhadiranDitolak as exc:
            asal = baris_dari.get(exc.bentrok_id or -1)
            pesan = exc.message + (f" (catatan itu dari baris {asal} berkas ini)" if asal else "")
            errors.append(KesalahanBaris(nomor, exc.kolom, pesan))
        else:
            baris_dari[baru.id] = nomor
            dibuat += 1
    if errors:
        savepoint.rollback()
        raise ImportDitolak(errors)
    savepoint.commit()
    audit.record(
        session,
        actor,
        "impor_ketidakhadiran",
        "ketidakhadiran",
        None,
        None,
        {"berkas": filename, "dibuat": dibuat, "sudah_ada": sudah_ada},
    )
    return HasilImpor(dibuat, sudah_ada)
