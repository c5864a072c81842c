"""Who acts on an SKP in Umpan Balik and Evaluasi Kinerja: its pegawai, the period's penilai, an admin;
and the ditetapkan SKP each of them can choose. Every evaluation service starts from :func:`ambil_skp`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from db.enums import StatusSKP
from db.models import SKP, Pegawai, PeriodeSKP
from services.evaluasi.periode_evaluasi import bulan_periode_skp
from services.organisasi.wewenang import boleh_sebagai_penilai, dinilai
from services.platform import format as fmt
from services.platform.access import Actor
from services.platform.errors import AksesDitolak, TidakDitemukan, ValidationError

PEGAWAI, PENILAI, ADMIN, LAIN = "pegawai", "penilai", "admin", "lain"


def peran_atas(actor: Actor, skp: SKP) -> str:
    """The actor's relation to this SKP: its pegawai, the period's penilai, an admin, or none."""
    if actor.pegawai_id == skp.pegawai_id:
        return PEGAWAI
    session = object_session(skp)
    if session is not None and boleh_sebagai_penilai(session, actor, skp.periode.penilai_id):
        return PENILAI
    if actor.is_admin:
        return ADMIN
    return LAIN


def ambil_skp(session: Session, actor: Actor, skp_id: int, ditetapkan: bool = True) -> tuple[SKP, str]:
    """The SKP and the actor's role on it; refused when the actor is neither pegawai, penilai nor admin."""
    skp = session.get(SKP, skp_id)
    if skp is None:
        raise TidakDitemukan("SKP tidak ditemukan.")
    peran = peran_atas(actor, skp)
    if peran == LAIN:
        raise AksesDitolak("SKP ini bukan milik Anda dan Anda bukan pejabat penilainya.")
    if ditetapkan and skp.status != StatusSKP.DITETAPKAN:
        raise ValidationError("SKP belum ditetapkan oleh atasan; Umpan Balik dan Evaluasi Kinerja belum dapat diisi.")
    return skp, peran


@dataclass(frozen=True)
class PilihanSKP:
    """One ditetapkan SKP to choose: whose, which period."""

    skp_id: int
    pegawai_id: int
    nama: str
    nip: str
    jabatan: str
    tahun: int
    label: str
    bulan: tuple[int, ...]


def _pilihan(rows: Iterable[tuple[SKP, PeriodeSKP, Pegawai]]) -> list[PilihanSKP]:
    return [
        PilihanSKP(
            skp.id,
            peg.id,
            peg.nama,
            peg.nip,
            periode.jabatan,
            periode.tahun,
            f"{fmt.tanggal(periode.tanggal_mulai)} – {fmt.tanggal(periode.tanggal_akhir)}",
            tuple(bulan_periode_skp(periode)),
        )
        for skp, periode, peg in rows
    ]


def _skp_query():
    return (
        select(SKP, PeriodeSKP, Pegawai)
        .join(PeriodeSKP, SKP.periode_id == PeriodeSKP.id)
        .join(Pegawai, SKP.pegawai_id == Pegawai.id)
        .where(SKP.status == StatusSKP.DITETAPKAN)
    )


def skp_saya(session: Session, actor: Actor) -> list[PilihanSKP]:
    """The actor's own ditetapkan SKP, newest first."""
    return _pilihan(
        session.execute(
            _skp_query().where(SKP.pegawai_id == actor.pegawai_id).order_by(PeriodeSKP.tanggal_mulai.desc())
        ).all()
    )


def skp_bawahan(session: Session, actor: Actor, tahun: int | None = None) -> list[PilihanSKP]:
    """Ditetapkan SKP whose period names the actor as penilai (the direct bawahan of that period)."""
    query = _skp_query().where(dinilai(session, actor))
    if tahun is not None:
        query = query.where(PeriodeSKP.tahun == tahun)
    return _pilihan(session.execute(query.order_by(Pegawai.nama, PeriodeSKP.tanggal_mulai)).all())
