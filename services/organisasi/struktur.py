"""The organisation: the unit kerja tree (with materialised paths), the units each actor may see, and
the atasan hierarchy."""

from __future__ import annotations

from datetime import date

from sqlalchemy import String, func, literal, select, update
from sqlalchemy.orm import Session

from db.models import Pegawai, UnitKerja
from services.platform.access import Actor
from services.platform.errors import ValidationError
from services.platform.kalender import hari_ini
from services.platform.masukan import teks_wajib


def unit_by_name(session: Session, nama: str) -> UnitKerja | None:
    return session.scalar(select(UnitKerja).where(UnitKerja.nama == nama))


def unit_terlihat(session: Session, actor: Actor) -> list[UnitKerja]:
    """The units the actor may see, in tree order: all for an admin, the subtree of the own unit for a
    pimpinan, none for anyone else. The one answer behind every unit picker (Dasbor, Kurva, Monitoring,
    Rekap TPP)."""
    if actor.is_admin:
        query = select(UnitKerja)
    elif actor.is_pimpinan and (own := session.get(UnitKerja, actor.unit_kerja_id)) is not None:
        query = select(UnitKerja).where(UnitKerja.path.startswith(own.path))
    else:
        return []
    return list(session.scalars(query.order_by(UnitKerja.path)))


def tambah_unit(session: Session, nama: str, induk: UnitKerja | None = None) -> UnitKerja:
    nama = teks_wajib(nama, "Nama unit kerja", 200)
    if unit_by_name(session, nama) is not None:
        # Refused here with a message, not by the unique index (an IntegrityError breaks the session).
        raise ValidationError(f"Unit kerja '{nama}' sudah ada.")
    unit = UnitKerja(nama=nama, induk=induk, level=0 if induk is None else induk.level + 1)
    session.add(unit)
    session.flush()
    unit.path = f"{induk.path if induk else '/'}{unit.id}/"
    return unit


def move_unit(session: Session, unit: UnitKerja, induk: UnitKerja | None) -> None:
    """Re-parent a unit and rewrite the paths of its whole subtree (refusing a cycle)."""
    if induk is not None and induk.path.startswith(unit.path):
        raise ValidationError(f"Unit kerja '{induk.nama}' berada di bawah '{unit.nama}'; susunan melingkar ditolak.")
    old_path = unit.path
    new_path = f"{induk.path if induk else '/'}{unit.id}/"
    if old_path == new_path:
        return
    level_shift = (0 if induk is None else induk.level + 1) - unit.level
    session.flush()
    session.execute(
        update(UnitKerja)
        .where(UnitKerja.path.startswith(old_path))
        .values(
            path=literal(new_path, String) + func.substr(UnitKerja.path, len(old_path) + 1),
            level=UnitKerja.level + level_shift,
        ),
        execution_options={"synchronize_session": False},
    )
    unit.induk = induk
    session.flush()
    session.expire_all()


def chain_of_atasan(session: Session, pegawai_id: int | None, limit: int = 100) -> list[int]:
    """Ids from ``pegawai_id`` upward through each atasan (stops at a repeat, so it always ends)."""
    chain: list[int] = []
    current = pegawai_id
    while current is not None and current not in chain and len(chain) < limit:
        chain.append(current)
        current = session.scalar(select(Pegawai.atasan_id).where(Pegawai.id == current))
    return chain


def membentuk_siklus(session: Session, pegawai_id: int, new_atasan_id: int | None) -> bool:
    """True when making ``new_atasan_id`` the atasan of ``pegawai_id`` closes a loop."""
    if new_atasan_id is None:
        return False
    return new_atasan_id == pegawai_id or pegawai_id in chain_of_atasan(session, new_atasan_id)


def bawahan_of(session: Session, atasan_id: int, today: date | None = None) -> list[Pegawai]:
    """Direct bawahan still in service today (the atasan acts on these only; a pegawai who left is no longer
    listed from their ``tanggal_berhenti``, docs/domain.md §8.31)."""
    aktif = Pegawai.bertugas_pada(today or hari_ini())
    return list(session.scalars(select(Pegawai).where(Pegawai.atasan_id == atasan_id, aktif).order_by(Pegawai.nama)))


def unit_induk_semua(session: Session) -> dict[int, tuple[int, str]]:
    """Each unit's unit induk (the OPD whose Daftar TPP lists its pegawai, docs/domain.md §8.28), id → (id,
    nama): under a single root (the Pemerintah Kabupaten) the unit's ancestor one level below the root — the
    root's own pegawai (the Bupati) form the root's list; with several roots (a tree imported without the
    kabupaten on top) the root itself."""
    rows = session.execute(select(UnitKerja.id, UnitKerja.nama, UnitKerja.path)).all()
    nama = {uid: n for uid, n, _p in rows}
    kedalaman = 1 if sum(1 for _u, _n, p in rows if p.count("/") == 2) == 1 else 0
    hasil = {}
    for uid, _n, path in rows:
        ids = [int(x) for x in path.strip("/").split("/")]
        induk = ids[min(kedalaman, len(ids) - 1)]
        hasil[uid] = (induk, nama[induk])
    return hasil
