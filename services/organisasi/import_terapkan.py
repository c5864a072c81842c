"""The write phase of an import: apply a checked :class:`Rencana` to the database — units first, then
new and changed pegawai with their audit rows, mutasi of the running Periode SKP, and the accounts of
new pegawai (initial passwords hashed in parallel)."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from db.enums import SumberTppPokok
from db.models import Pegawai, UnitKerja
from services.organisasi import periode, tpp_pokok
from services.organisasi import struktur as organisasi
from services.organisasi.import_berkas import BarisSah
from services.organisasi.import_periksa import Rencana, unit_key
from services.platform import audit, auth
from services.platform.access import Actor, Operator

_MUTASI_FIELDS = ("jabatan", "jenis_jabatan", "pimpinan_unit_kerja_mandiri", "unit_kerja", "atasan")


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


# --- writing -----------------------------------------------------------------------------------


def _depth(key: str, parent: dict[str, str | None]) -> int:
    depth, current = 0, parent.get(key)
    while current is not None:
        depth += 1
        current = parent.get(current)
    return depth


def _apply_units(session: Session, actor: Actor | Operator, rencana: Rencana) -> dict[str, UnitKerja]:
    """Create new units and move existing ones the file places elsewhere, parents first."""
    units = dict(rencana.units)
    parent = rencana.unit_parent
    todo = [k for k in parent if k not in units or k in rencana.unit_stated]
    for key in sorted(todo, key=lambda k: _depth(k, parent)):
        induk_key = parent[key]
        induk = units[induk_key] if induk_key is not None else None
        unit = units.get(key)
        if unit is None:
            unit = units[key] = organisasi.tambah_unit(session, rencana.unit_names[key], induk)
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


def _setel_pokok(
    session: Session,
    actor: Actor | Operator,
    p: Pegawai,
    row: BarisSah,
    langkah: list[tuple[date, int]],
    baru: bool,
    efektif: date,
) -> bool:
    """The row's TPP pokok into the pegawai's history (docs/domain.md §8.26), from ``tpp_pokok_berlaku_mulai``
    or, without it, from the mutasi's date ``efektif`` for a pegawai already in the database and from
    :data:`~services.organisasi.tpp_pokok.AWAL` for a new one, so a first import covers every month of their
    periods. True when the pokok in force from that date changed."""
    if "tpp_pokok" not in row.nilai:
        return False
    jumlah = row.nilai["tpp_pokok"]
    mulai = row.tpp_berlaku_mulai or (tpp_pokok.AWAL if baru else efektif)
    return tpp_pokok.setel(session, actor, p, jumlah, mulai, SumberTppPokok.IMPORT, "impor pegawai", langkah)


def apply(session: Session, actor: Actor | Operator, rencana: Rencana, efektif: date) -> HasilImport:
    hasil = HasilImport()
    units = _apply_units(session, actor, rencana)
    pegawai = dict(rencana.pegawai)
    new_rows = [row for row in rencana.rows if row.nip not in pegawai]
    for row in new_rows:
        pegawai[row.nip] = Pegawai(nip=row.nip, unit_kerja=units[unit_key(row.unit_kerja)], **row.nilai)
        session.add(pegawai[row.nip])
    for row in new_rows:  # before the flush, so each row is inserted once with its atasan
        pegawai[row.nip].atasan = pegawai[row.nip_atasan] if row.nip_atasan else None
    session.flush()
    with_account = rencana.with_account
    new_accounts: list[tuple[Pegawai, str, bool]] = []
    moved: list[Pegawai] = []
    langkah = tpp_pokok.langkah_pokok(session, tpp_pokok.AWAL, date(2100, 12, 31)) if rencana.pegawai else {}
    for row in rencana.rows:
        p = pegawai[row.nip]
        baru = row.nip not in rencana.pegawai
        pokok_berubah = _setel_pokok(session, actor, p, row, langkah.get(p.id, []), baru, efektif) and not baru
        target = {k: v for k, v in row.nilai.items() if k != "tpp_pokok"}
        target["unit_kerja"] = units[unit_key(row.unit_kerja)].nama
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
            if not changed and not pokok_berubah:
                hasil.tidak_berubah += 1
                continue
            for kolom, value in changed.items():
                if kolom == "unit_kerja":
                    p.unit_kerja = units[unit_key(value)]
                elif kolom == "atasan":
                    p.atasan = pegawai[value] if value else None
                elif kolom != "akun":
                    setattr(p, kolom, value)
            if changed:
                audit.record(session, actor, "impor_pegawai_ubah", "pegawai", p.id, before, changed)
            hasil.diperbarui += 1
            if any(k in changed for k in _MUTASI_FIELDS):
                moved.append(p)
        if p.id not in with_account:
            new_accounts.append((p, row.password or auth.buat_password(), row.password is None))
    session.flush()
    for p in moved:
        periode.apply_mutasi(session, actor, p, efektif)
    hasil.mutasi = len(moved)
    hashes = _hash_all([password for _p, password, _generated in new_accounts])
    for (p, password, generated), password_hash in zip(new_accounts, hashes):
        auth.buat_akun(session, p, password_hash=password_hash, must_change=True)
        if generated:
            hasil.kredensial.append(Kredensial(p.nip, p.nama, password))
    session.flush()
    return hasil
