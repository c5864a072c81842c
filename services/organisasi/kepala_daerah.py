"""The Kepala Daerah and the Wakil (docs/domain.md §8.32): pejabat negara, not ASN, so they lead the regency
without an SKP, Aktivitas Harian or TPP of their own. One predicate keeps them out of every list where "no SKP"
would read as a failure; one refusal stops every write that would give them an SKP; the admin's switch sets
the flag (the import sets it through its own column)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from db.models import Pegawai, UnitKerja
from services.platform import audit
from services.platform.access import Actor, ambil_pegawai, require_admin
from services.platform.errors import AksesDitolak, TidakDitemukan, ValidationError

PESAN_TANPA_SKP = (
    "Kepala Daerah dan Wakil Kepala Daerah tidak membuat {apa}: SKP, Aktivitas Harian dan TPP di SIPIJAR "
    "berlaku bagi pegawai ASN."
)
PESAN_UNIT_TERTINGGI = (
    "Kepala Daerah atau Wakil Kepala Daerah ditempatkan di unit kerja tertinggi (pemerintah daerah, tanpa unit "
    "induk), agar melihat seluruh daerah."
)


def wajib_skp() -> ColumnElement[bool]:
    """SQL condition on ``Pegawai``: the pegawai makes an SKP (is not a Kepala Daerah or Wakil). The one filter
    of Monitoring, capaian and Rekap TPP (and so Tutup Bulan and Daftar TPP), the Dasbor and the signers."""
    return Pegawai.is_kepala_daerah.is_(False)


def adalah_kepala_daerah(session: Session, pegawai_id: int) -> bool:
    return bool(session.scalar(select(Pegawai.is_kepala_daerah).where(Pegawai.id == pegawai_id)))


def tolak_tanpa_skp(session: Session, pegawai_id: int, apa: str) -> None:
    """Refuse ``apa`` (Periode SKP, Rencana SKP, Aktivitas Harian) for a Kepala Daerah or Wakil."""
    if adalah_kepala_daerah(session, pegawai_id):
        raise AksesDitolak(PESAN_TANPA_SKP.format(apa=apa))


def periksa_unit(session: Session, pegawai: Pegawai) -> None:
    """A Kepala Daerah sits in a top unit: as pimpinan of it they see the whole regency (the subtree)."""
    session.flush()
    unit = session.get_one(UnitKerja, pegawai.unit_kerja_id)
    if unit.induk_id is not None:
        raise ValidationError(PESAN_UNIT_TERTINGGI)


def setel(session: Session, actor: Actor, pegawai_id: int, kepala_daerah: bool) -> Pegawai:
    """The admin marks (or unmarks) a Kepala Daerah or Wakil. Marked, they are always a pimpinan; unmarked,
    the pimpinan role stays as it was (the import's ``peran`` decides it). Their past periods stay: nothing is
    lost, only no new one opens."""
    require_admin(actor)
    pegawai = ambil_pegawai(session, pegawai_id)
    if bool(pegawai.is_kepala_daerah) == kepala_daerah:
        return pegawai
    if kepala_daerah:
        periksa_unit(session, pegawai)
    before = {"is_kepala_daerah": bool(pegawai.is_kepala_daerah), "is_pimpinan": bool(pegawai.is_pimpinan)}
    pegawai.is_kepala_daerah = kepala_daerah
    pegawai.is_pimpinan = bool(pegawai.is_pimpinan) or kepala_daerah
    after = {"is_kepala_daerah": kepala_daerah, "is_pimpinan": pegawai.is_pimpinan}
    audit.record(session, actor, "setel_kepala_daerah", "pegawai", pegawai.id, before, after)
    session.flush()
    return pegawai


@dataclass(frozen=True)
class PegawaiKepalaDaerah:
    """A pegawai as the admin's switch shows them."""

    pegawai_id: int
    nip: str
    nama: str
    jabatan: str
    unit_kerja: str
    kepala_daerah: bool


def _baris(p: Pegawai) -> PegawaiKepalaDaerah:
    return PegawaiKepalaDaerah(p.id, p.nip, p.nama, p.jabatan, p.unit_kerja.nama, bool(p.is_kepala_daerah))


def daftar(session: Session, actor: Actor) -> list[PegawaiKepalaDaerah]:
    """The Kepala Daerah and Wakil marked now (admin)."""
    require_admin(actor)
    rows = session.scalars(select(Pegawai).where(Pegawai.is_kepala_daerah.is_(True)).order_by(Pegawai.nama))
    return [_baris(p) for p in rows]


def cari(session: Session, actor: Actor, nip: str) -> PegawaiKepalaDaerah:
    """One pegawai by NIP, for the admin's switch."""
    require_admin(actor)
    pegawai = session.scalar(select(Pegawai).where(Pegawai.nip == nip.strip()))
    if pegawai is None:
        raise TidakDitemukan(f"Pegawai dengan NIP {nip.strip()} tidak ditemukan.")
    return _baris(pegawai)
