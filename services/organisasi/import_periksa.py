"""The checks of an import across rows and against the database (docs/domain.md §6): unit kerja placement
without loops, atasan that exist and form no loop, initial passwords, the admin's own role. Their result
is the :class:`Rencana` the write phase (import_terapkan) follows; every problem is reported at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Akun, Pegawai, UnitKerja
from services.organisasi import import_status
from services.organisasi.import_berkas import Baris, BarisSah, ImportDitolak, KesalahanBaris, read_table
from services.organisasi.kepala_daerah import PESAN_UNIT_TERTINGGI
from services.platform import auth
from services.platform.access import Actor, Operator


def unit_key(nama: str) -> str:
    """Unit names match without regard to case, so "dinas kesehatan" is not a second unit."""
    return nama.casefold()


@dataclass
class Rencana:
    """Everything the write phase needs, built by the checks."""

    rows: list[BarisSah]
    has_atasan_column: bool
    units: dict[str, UnitKerja]  # key → existing unit
    unit_names: dict[str, str]  # key → name to create with
    unit_parent: dict[str, str | None]  # resulting parent key of every unit
    unit_stated: set[str]  # units the file places under a unit_induk
    pegawai: dict[str, Pegawai]  # nip → existing pegawai
    with_account: set[int]  # ids of pegawai that already have an account


def _check_units(session: Session, rows: list[Baris], errors: list[KesalahanBaris]):
    existing = {unit_key(u.nama): u for u in session.scalars(select(UnitKerja))}
    by_id: dict[int | None, str] = {u.id: k for k, u in existing.items()}  # a top unit's induk_id is None
    parent: dict[str, str | None] = {k: by_id.get(u.induk_id) for k, u in existing.items()}
    names = {k: u.nama for k, u in existing.items()}
    stated: dict[str, tuple[str, int]] = {}
    for row in rows:
        if row.unit_kerja is None:
            continue
        names.setdefault(unit_key(row.unit_kerja), row.unit_kerja)
        parent.setdefault(unit_key(row.unit_kerja), None)
        if row.unit_induk is None:
            continue
        unit, induk = unit_key(row.unit_kerja), unit_key(row.unit_induk)
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
    chain: list[str] = []
    seen: set[str] = set()
    current: str | None = start
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
    session: Session, rows: list[Baris], bad_nips: list[str], has_atasan_column: bool, errors: list[KesalahanBaris]
) -> dict[str, Pegawai]:
    """Every nip_atasan exists (file or database) and the resulting hierarchy has no loop.
    ``bad_nips`` are the nip cells of the rows whose own NIP is invalid."""
    pegawai = {p.nip: p for p in session.scalars(select(Pegawai))}
    nip_of: dict[int | None, str] = {p.id: p.nip for p in pegawai.values()}  # no atasan: atasan_id None
    atasan: dict[str, str | None] = {nip: nip_of.get(p.atasan_id) for nip, p in pegawai.items()}
    nama = {nip: p.nama for nip, p in pegawai.items()}
    named = [(row.nip, row) for row in rows if row.nip is not None]
    in_file = {nip for nip, _row in named}
    for nip, row in named:
        nama[nip] = row.nilai.get("nama") or nip
        if has_atasan_column or nip not in pegawai:
            atasan[nip] = row.nip_atasan
    for nip, row in named:
        target = row.nip_atasan
        if target is None:
            continue
        if target == nip:
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
            cycle = _cycle_from(nip, atasan)
            if cycle:
                errors.append(
                    KesalahanBaris(
                        row.nomor,
                        "nip_atasan",
                        "susunan atasan–bawahan melingkar: " + " → ".join(nama[n] for n in cycle + [nip]) + ".",
                    )
                )
    return pegawai


@dataclass(frozen=True)
class Berkas:
    """A read file's rows parsed, with their problems: parsing needs no database, so :func:`impor` parses
    once, outside the write transaction, and checks against the database twice."""

    rows: list[Baris]
    columns: dict[str, int]
    bad_nips: list[str]
    errors: list[KesalahanBaris]


def parse(table: list[tuple[int, list[Any]]]) -> Berkas:
    errors: list[KesalahanBaris] = []
    rows, columns, bad_nips = read_table(table, errors)
    return Berkas(rows, columns, bad_nips, errors)


def check(session: Session, actor: Actor | Operator, table: list[tuple[int, list[Any]]] | Berkas) -> Rencana:
    berkas = table if isinstance(table, Berkas) else parse(table)
    rows, columns, bad_nips, errors = berkas.rows, berkas.columns, berkas.bad_nips, list(berkas.errors)
    has_atasan_column = "nip_atasan" in columns
    units, names, parent, stated = _check_units(session, rows, errors)
    pegawai = _check_atasan(session, rows, bad_nips, has_atasan_column, errors)
    import_status.periksa(rows, pegawai, errors)
    with_account = set(session.scalars(select(Akun.pegawai_id)))
    for row in rows:
        needs_account = row.nip not in pegawai or pegawai[row.nip].id not in with_account
        if needs_account and row.password is not None:
            problem = auth.password_problem(row.password, row.nip or "")
            if problem:
                errors.append(KesalahanBaris(row.nomor, "password", problem))
        kepala_daerah = row.nilai.get("is_kepala_daerah", row.nip in pegawai and pegawai[row.nip].is_kepala_daerah)
        if kepala_daerah and row.unit_kerja and parent.get(unit_key(row.unit_kerja)):  # docs/domain.md §8.32
            errors.append(KesalahanBaris(row.nomor, "kepala_daerah", PESAN_UNIT_TERTINGGI))
        if isinstance(actor, Actor) and row.nip == actor.nip and row.nilai.get("is_admin") is False:
            errors.append(KesalahanBaris(row.nomor, "peran", "Anda tidak dapat mencabut peran admin Anda sendiri."))
    if errors:
        raise ImportDitolak(errors)
    return Rencana([row.sah() for row in rows], has_atasan_column, units, names, parent, stated, pegawai, with_account)
