"""The new pegawai of an import, written set-wise (issue #17): one INSERT of all their rows (their ids by one
SELECT), one UPDATE of those whose atasan is new too, one INSERT of their TPP pokok rows and one of their audit
rows — not an ORM object per row, so the write transaction of 20,000 new pegawai holds SQLite's lock about a
second instead of 8–15 (docs/benchmark.md). The rows and audit payloads are the ones the per-object path wrote
(tests/services/organisasi/test_import_massal.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from db.bulk import tabel
from db.enums import SumberTppPokok
from db.models import Pegawai, TppPokokRiwayat, UnitKerja
from services.organisasi import tpp_pokok
from services.organisasi.import_berkas import BarisSah
from services.organisasi.import_periksa import unit_key
from services.platform import audit
from services.platform.access import Actor, Operator

KETERANGAN_POKOK = "impor pegawai"
_PER_SELECT = 10_000  # NIPs bound in one IN (SQLite allows 32,766 variables)


def sasaran(row: BarisSah, units: dict[str, UnitKerja], has_atasan_column: bool) -> dict[str, Any]:
    """What the row states about its pegawai, as the audit rows show it (unit by name, atasan by NIP)."""
    target = {k: v for k, v in row.nilai.items() if k != "tpp_pokok"}
    target["unit_kerja"] = units[unit_key(row.unit_kerja)].nama
    if has_atasan_column:
        target["atasan"] = row.nip_atasan
    return target


def _pokok_awal(row: BarisSah) -> tuple[Any, int] | None:
    """(berlaku_mulai, jumlah) of a new pegawai's first TPP pokok row, as :func:`tpp_pokok.setel` would add
    it to an empty history: from ``tpp_pokok_berlaku_mulai`` or :data:`tpp_pokok.AWAL`; none for Rp0."""
    if "tpp_pokok" not in row.nilai:
        return None
    mulai = row.tpp_berlaku_mulai or tpp_pokok.AWAL
    jumlah = row.nilai["tpp_pokok"]
    return None if tpp_pokok.pokok_pada([], mulai) == jumlah else (mulai, jumlah)


def tulis(
    session: Session,
    actor: Actor | Operator,
    rows: list[BarisSah],
    units: dict[str, UnitKerja],
    ada: dict[str, Pegawai],
    has_atasan_column: bool,
) -> dict[str, int]:
    """Insert the pegawai of ``rows`` (none of them in the database; ``ada`` are those that are) with their
    TPP pokok and audit rows; their ids by NIP."""
    if not rows:
        return {}
    nilai = [
        {
            "nip": row.nip,
            "unit_kerja_id": units[unit_key(row.unit_kerja)].id,
            "atasan_id": ada[row.nip_atasan].id if row.nip_atasan in ada else None,
            **row.nilai,
        }
        for row in rows
    ]
    session.execute(insert(tabel(Pegawai)), nilai)  # one executemany; RETURNING would go row by row
    t = tabel(Pegawai)
    nips = [row.nip for row in rows]
    ids: dict[str, int] = {}
    for i in range(0, len(nips), _PER_SELECT):
        dipilih = select(t.c.nip, t.c.id).where(t.c.nip.in_(nips[i : i + _PER_SELECT]))
        ids.update((nip, pid) for nip, pid in session.execute(dipilih))
    atasan_baru = [{"b_id": ids[r.nip], "b_atasan": ids[r.nip_atasan]} for r in rows if r.nip_atasan in ids]
    if atasan_baru:  # second pass: an atasan who is new too has an id only now (the row stays at version 1)
        session.execute(
            update(t).where(t.c.id == bindparam("b_id")).values(atasan_id=bindparam("b_atasan")), atasan_baru
        )
    pokok: list[dict[str, Any]] = []
    jejak: list[tuple[str, str, Any, Any, Any]] = []
    for row in rows:
        pid, awal = ids[row.nip], _pokok_awal(row)
        if awal is not None:
            mulai, jumlah = awal
            pokok.append(
                {
                    "pegawai_id": pid,
                    "berlaku_mulai": mulai,
                    "jumlah": jumlah,
                    "sumber": SumberTppPokok.IMPORT,
                    "keterangan": KETERANGAN_POKOK,
                }
            )
            sesudah = {
                "berlaku_mulai": mulai,
                "jumlah": jumlah,
                "sumber": SumberTppPokok.IMPORT.value,
                "keterangan": KETERANGAN_POKOK,
            }
            jejak.append(("ubah_tpp_pokok", "pegawai", pid, None, sesudah))
        after = {"nip": row.nip, **sasaran(row, units, has_atasan_column), "atasan": row.nip_atasan}
        jejak.append(("impor_pegawai_baru", "pegawai", pid, None, after))
    if pokok:
        session.execute(insert(tabel(TppPokokRiwayat)), pokok)
    audit.record_banyak(session, actor, jejak)
    return ids
