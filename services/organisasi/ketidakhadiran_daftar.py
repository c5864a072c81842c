"""The admin's list of ketidakhadiran (docs/domain.md §8.25): filtered by month, unit kerja (with the units
below it) and pegawai, and the pegawai to choose from when recording one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import JenisKetidakhadiran
from db.models import Ketidakhadiran, Pegawai, UnitKerja
from services.organisasi.ketidakhadiran import jenis_mengurangi
from services.platform import format as fmt
from services.platform.access import Actor, require_admin


@dataclass(frozen=True)
class BarisKetidakhadiran:
    """One record as the admin's list shows it."""

    id: int
    pegawai_id: int
    nip: str
    nama: str
    unit_kerja: str
    jenis: JenisKetidakhadiran
    tanggal_mulai: date
    tanggal_akhir: date
    keterangan: str | None
    mengurangi: bool  # the kind takes its days out of hari kerja (the setting, now)
    version: int

    @property
    def rentang(self) -> str:
        return fmt.rentang(self.tanggal_mulai, self.tanggal_akhir)


def daftar(
    session: Session,
    actor: Actor,
    *,
    tahun: int | None = None,
    bulan: int | None = None,
    unit_id: int | None = None,
    pegawai_id: int | None = None,
    batas: int = 1000,
) -> list[BarisKetidakhadiran]:
    """The records touching the month (when given), of a unit kerja and the units below it, or of one
    pegawai; newest first, at most ``batas``."""
    require_admin(actor)
    k = Ketidakhadiran
    query = (
        select(k, Pegawai.nip, Pegawai.nama, UnitKerja.nama)
        .join(Pegawai, Pegawai.id == k.pegawai_id)
        .join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
    )
    if tahun is not None and bulan is not None:
        awal = date(tahun, bulan, 1)
        akhir = (awal + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        query = query.where(k.tanggal_mulai <= akhir, k.tanggal_akhir >= awal)
    if unit_id is not None:
        unit = session.get(UnitKerja, unit_id)
        query = query.where(UnitKerja.path.startswith(unit.path) if unit else UnitKerja.id == unit_id)
    if pegawai_id is not None:
        query = query.where(k.pegawai_id == pegawai_id)
    mengurangi = jenis_mengurangi(session)
    rows = session.execute(query.order_by(k.tanggal_mulai.desc(), Pegawai.nama, k.id).limit(batas))
    return [
        BarisKetidakhadiran(
            r.id,
            r.pegawai_id,
            nip,
            nama,
            unit,
            r.jenis,
            r.tanggal_mulai,
            r.tanggal_akhir,
            r.keterangan,
            r.jenis in mengurangi,
            r.version_id,
        )
        for r, nip, nama, unit in rows
    ]


def pegawai_pilihan(
    session: Session, actor: Actor, unit_id: int | None = None, cari: str | None = None, batas: int | None = None
) -> list[tuple[int, str, str]]:
    """(id, NIP, nama) of the active pegawai, of a unit kerja and the units below it when given, by name; with
    ``cari``, only those whose NIP or name matches it (nobody below 3 characters, as every search of the app),
    at most ``batas`` (the list filter's search)."""
    require_admin(actor)
    query = select(Pegawai.id, Pegawai.nip, Pegawai.nama).where(Pegawai.aktif)
    if cari is not None:
        if len(cari := cari.strip()) < 3:
            return []
        query = query.where(Pegawai.dicari(cari)).limit(batas)
    if unit_id is not None and (unit := session.get(UnitKerja, unit_id)) is not None:
        query = query.join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id).where(UnitKerja.path.startswith(unit.path))
    return [(pid, nip, nama) for pid, nip, nama in session.execute(query.order_by(Pegawai.nama, Pegawai.nip))]
