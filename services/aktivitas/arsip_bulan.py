"""The read side of Tutup Bulan (docs/domain.md §8.27): whether a month is closed, and its frozen rows.

It sits below services.aktivitas.capaian (which imports it, so it imports neither capaian nor anything that does):
every reader of a month's figures — capaian_bulanan / capaian_pegawai, the Rekap TPP, the Cetak and the Dasbor —
goes through :func:`baris_bulan`, which answers None for an open month (compute as usual) and the snapshot of the
closed version otherwise. The writes (close, reopen) are services.aktivitas.tutup_bulan's."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from db.models import ArsipBulan, Pegawai, TutupBulan, UnitKerja
from services.aktivitas.dasar_bulan import BagianPokok
from services.platform import format as fmt

T = TypeVar("T")

#: The CapaianPegawai fields a snapshot row holds, in CapaianPegawai's order.
FIELDS_CAPAIAN = tuple(
    "pegawai_id nip nama unit_kerja hari_kerja menit_efektif menit_tervalidasi menit_menunggu capaian_persen "
    "tpp_pokok tpp_produktivitas unit_kerja_id".split()
)
#: Who the pegawai was at the close, beside the figures.
FIELDS_IDENTITAS = ("jabatan", "unit_induk_id", "unit_induk", "atasan_nip", "atasan_nama")


def tulis_rincian(rincian: tuple[BagianPokok, ...]) -> str | None:
    """A month's pokok parts (docs/domain.md §8.26) as the snapshot stores them: JSON, None when not split."""
    if not rincian:
        return None
    return json.dumps([[b.mulai.isoformat(), b.akhir.isoformat(), b.tpp_pokok, b.hari_kerja] for b in rincian])


def baca_rincian(teks: str | None) -> tuple[BagianPokok, ...]:
    """The stored parts back as :class:`BagianPokok`, so a closed month's Cetak and Rekap show the split too."""
    if not teks:
        return ()
    return tuple(
        BagianPokok(date.fromisoformat(mulai), date.fromisoformat(akhir), pokok, hk)
        for mulai, akhir, pokok, hk in json.loads(teks)
    )


def _nilai(r: ArsipBulan, names: tuple[str, ...]) -> dict:
    """A snapshot row's fields by name, its pokok parts decoded."""
    return {n: getattr(r, n) for n in names} | {"rincian_pokok": baca_rincian(r.rincian_pokok)}


def _utc(moment: datetime) -> datetime:
    """SQLite hands timestamps back naive; they are stored in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Penutupan:
    """One close of a month (a version), as screens and documents show it."""

    id: int
    tahun: int
    bulan: int
    versi: int
    ditutup_pada: datetime
    ditutup_oleh: str
    ditutup_oleh_id: int | None
    menit_per_hari: int
    bobot_produktivitas_persen: int
    dibuka_pada: datetime | None = None
    dibuka_oleh: str | None = None
    alasan_buka: str | None = None

    @property
    def ditutup(self) -> bool:
        return self.dibuka_pada is None

    @property
    def keterangan(self) -> str:
        """ "Bulan ditutup pada 6 April 2026 10.15 WIB oleh Admin Uji" """
        return f"Bulan ditutup pada {fmt.waktu(self.ditutup_pada)} WIB oleh {self.ditutup_oleh}"

    @classmethod
    def of(cls, row: TutupBulan) -> Penutupan:
        return cls(
            row.id,
            row.tahun,
            row.bulan,
            row.versi,
            _utc(row.ditutup_pada),
            row.ditutup_oleh,
            row.ditutup_oleh_id,
            row.menit_per_hari,
            row.bobot_produktivitas_persen,
            _utc(row.dibuka_pada) if row.dibuka_pada else None,
            row.dibuka_oleh,
            row.alasan_buka,
        )


def versi_bulan(session: Session, tahun: int, bulan: int) -> list[Penutupan]:
    """Every close of the month, newest version first."""
    rows = session.scalars(
        select(TutupBulan).where(TutupBulan.tahun == tahun, TutupBulan.bulan == bulan).order_by(TutupBulan.versi.desc())
    )
    return [Penutupan.of(r) for r in rows]


def penutupan(session: Session, tahun: int, bulan: int) -> Penutupan | None:
    """The close in force: the newest version while it is not reopened; None for an open month."""
    row = session.scalar(
        select(TutupBulan)
        .where(TutupBulan.tahun == tahun, TutupBulan.bulan == bulan)
        .order_by(TutupBulan.versi.desc())
        .limit(1)
    )
    return Penutupan.of(row) if row is not None and row.dibuka_pada is None else None


def _pilih(tutup_bulan_id: int, where: ColumnElement[bool] | None):
    """The snapshot rows of one version; ``where`` (on Pegawai — today's relations, who may see whom — and
    UnitKerja — the unit of the snapshot, as it was at the close) narrows them."""
    a = ArsipBulan
    query = (
        select(a)
        .join(Pegawai, Pegawai.id == a.pegawai_id)
        .join(UnitKerja, UnitKerja.id == a.unit_kerja_id)
        .where(a.tutup_bulan_id == tutup_bulan_id)
        .order_by(a.unit_kerja, a.nama, a.nip)
    )
    return query if where is None else query.where(where)


def baris_versi(
    session: Session, tutup_bulan_id: int, buat: Callable[..., T], where: ColumnElement[bool] | None = None
) -> list[T]:
    """The frozen rows of one version (all versions stay readable), ordered by unit kerja, nama, NIP, each made
    by ``buat`` from the capaian fields and who the pegawai was (services.aktivitas.tutup_bulan.BarisArsip)."""
    names = FIELDS_CAPAIAN + FIELDS_IDENTITAS
    return [buat(**_nilai(r, names)) for r in session.scalars(_pilih(tutup_bulan_id, where))]


def baris_bulan(
    session: Session,
    tahun: int,
    bulan: int,
    buat: Callable[..., T],
    where: ColumnElement[bool] | None = None,
    pegawai_id: int | None = None,
) -> list[T] | None:
    """None while the month is open; for a closed month its snapshot rows, each made by ``buat`` (the caller's
    row type, e.g. CapaianPegawai) from the capaian fields — exactly as they were computed at the close. Asked
    for one pegawai (``pegawai_id``) who is not in the snapshot (e.g. who joined after the close), a row of
    zeros: nothing of that month was paid to them."""
    tutup = penutupan(session, tahun, bulan)
    if tutup is None:
        return None
    rows = [buat(**_nilai(r, FIELDS_CAPAIAN)) for r in session.scalars(_pilih(tutup.id, where))]
    if not rows and pegawai_id is not None and (p := session.get(Pegawai, pegawai_id)) is not None:
        nol = dict.fromkeys(("hari_kerja", "menit_efektif", "menit_tervalidasi", "menit_menunggu", "tpp_pokok"), 0)
        rows = [
            buat(
                **nol,
                pegawai_id=p.id,
                nip=p.nip,
                nama=p.nama,
                unit_kerja=p.unit_kerja.nama,
                capaian_persen=Decimal("0.00"),
                tpp_produktivitas=0,
                unit_kerja_id=p.unit_kerja_id,
            )
        ]
    return rows
