"""Whose penilai an actor is on a date: the penilai of their own periods (``periode_skp.penilai_id``) and, as
Plt or Plh, of the pejabat they stand in for for the dates of an SK (docs/domain.md §8.1, §8.30). Every check
of a penilai's right — Proses Penetapan, Ekspektasi, Validasi, Umpan Balik, Evaluasi — reads
:func:`penilai_ids`, so a Plt's rights begin and end with the SK's dates everywhere at once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session, joinedload

from db.enums import JenisJabatan
from db.models import Pegawai, PembukaanBulan, PenugasanPlt, PeriodeSKP
from services.platform import format as fmt
from services.platform import kalender, settings
from services.platform.access import Actor, has_bawahan
from services.platform.kalender import hari_ini

#: The structural ranks that head a unit when no pegawai of the unit is flagged pimpinan, highest first.
_KEPALA = (JenisJabatan.JPT, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS)


def berlaku_pada(mulai: date, akhir: date | None = None) -> ColumnElement[bool]:
    """SQL: a not revoked assignment in force on some day of ``mulai``–``akhir`` (one day by default)."""
    return and_(
        ~PenugasanPlt.dicabut,
        PenugasanPlt.tanggal_mulai <= (akhir or mulai),
        PenugasanPlt.tanggal_akhir >= mulai,
    )


def kepala_unit(session: Session, unit_ids: Iterable[int]) -> dict[int, list[int]]:
    """The holders of each unit's head post, active or not (a vacant post's last holder is still named as
    penilai in the periods of the unit): the pegawai placed in the unit flagged pimpinan; without one, those of
    the highest structural jabatan (JPT > Administrator > Pengawas) placed in it."""
    unit_ids = set(unit_ids)
    rows = session.execute(
        select(Pegawai.id, Pegawai.unit_kerja_id, Pegawai.is_pimpinan, Pegawai.jenis_jabatan).where(
            Pegawai.unit_kerja_id.in_(unit_ids), or_(Pegawai.is_pimpinan, Pegawai.jenis_jabatan.in_(_KEPALA))
        )
    ).all()
    hasil: dict[int, list[int]] = {}
    for unit_id in unit_ids:
        di_unit = [r for r in rows if r.unit_kerja_id == unit_id]
        pimpinan = [r.id for r in di_unit if r.is_pimpinan]
        if not pimpinan and di_unit:
            puncak = min(_KEPALA.index(r.jenis_jabatan) for r in di_unit)
            pimpinan = [r.id for r in di_unit if _KEPALA.index(r.jenis_jabatan) == puncak]
        hasil[unit_id] = sorted(pimpinan)
    return hasil


def pejabat_penugasan(session: Session, penugasan: Iterable[PenugasanPlt]) -> dict[int, list[int]]:
    """Penugasan id → the pejabat whose penilai rights it holds: its ``pejabat_id``, or the holders of its
    unit's head post (never the Plt themselves)."""
    penugasan = list(penugasan)
    kepala = kepala_unit(session, {p.unit_kerja_id for p in penugasan if p.pejabat_id is None and p.unit_kerja_id})
    return {
        p.id: [p.pejabat_id]
        if p.pejabat_id is not None
        else [i for i in kepala.get(p.unit_kerja_id or 0, []) if i != p.pegawai_id]
        for p in penugasan
    }


def penugasan_berlaku(session: Session, pegawai_id: int, tanggal: date) -> list[PenugasanPlt]:
    """The pegawai's Plt/Plh assignments in force on ``tanggal`` (one query on the indexed ``pegawai_id``)."""
    return list(
        session.scalars(
            select(PenugasanPlt)
            .where(PenugasanPlt.pegawai_id == pegawai_id, berlaku_pada(tanggal))
            .order_by(PenugasanPlt.tanggal_mulai, PenugasanPlt.id)
        )
    )


def diwakili(session: Session, pegawai_id: int, tanggal: date) -> list[int]:
    """The ids of the pejabat whose penilai rights ``pegawai_id`` holds on ``tanggal`` as Plt or Plh; the
    definitive pejabat keeps their own. Mostly one indexed query that finds nothing."""
    penugasan = penugasan_berlaku(session, pegawai_id, tanggal)
    if not penugasan:
        return []
    ids = [i for daftar in pejabat_penugasan(session, penugasan).values() for i in daftar]
    return sorted(set(ids) - {pegawai_id})


def penilai_ids(session: Session, actor: Actor, today: date | None = None) -> list[int]:
    """The penilai ids the actor acts as today: themselves first, then the pejabat they stand in for."""
    return [actor.pegawai_id, *diwakili(session, actor.pegawai_id, today or hari_ini())]


def dinilai(session: Session, actor: Actor, today: date | None = None) -> ColumnElement[bool]:
    """SQL over ``periode_skp``: the periods the actor rates today — whose penilai the actor is or stands in
    for — never the actor's own, even when a Plt's own penilai is the pejabat they stand in for."""
    return and_(
        PeriodeSKP.penilai_id.in_(penilai_ids(session, actor, today)), PeriodeSKP.pegawai_id != actor.pegawai_id
    )


def boleh_sebagai_penilai(session: Session, actor: Actor, penilai_id: int | None, today: date | None = None) -> bool:
    """Whether the actor may act as ``penilai_id`` (a period's penilai) today. The caller keeps the actor off
    their own records (a pegawai's own role comes first everywhere, see :func:`dinilai`)."""
    return penilai_id is not None and penilai_id in penilai_ids(session, actor, today)


def sebagai(session: Session, actor: Actor, penilai_id: int | None, today: date | None = None) -> dict[str, str]:
    """What an act's audit row adds when the actor acts as Plt/Plh for ``penilai_id`` today: the kind, the
    pejabat stood in for and the SK; nothing when the actor acts in their own right."""
    if penilai_id is None or penilai_id == actor.pegawai_id:
        return {}
    p = penugasan_untuk(session, actor.pegawai_id, penilai_id, today or hari_ini())
    if p is None:
        return {}
    mewakili = session.get_one(Pegawai, penilai_id)
    return {"sebagai": p.jenis.value, "mewakili": f"{mewakili.nip} {mewakili.nama}", "nomor_sk": p.nomor_sk}


def penugasan_untuk(session: Session, pegawai_id: int, penilai_id: int, tanggal: date) -> PenugasanPlt | None:
    """The assignment under which ``pegawai_id`` stands in for ``penilai_id`` on ``tanggal``, if any."""
    penugasan = penugasan_berlaku(session, pegawai_id, tanggal)
    pejabat = pejabat_penugasan(session, penugasan)
    return next((p for p in penugasan if penilai_id in pejabat[p.id]), None)


def jabatan_diwakili(penugasan: PenugasanPlt) -> str:
    """The post an assignment stands in for, in words: the pejabat's jabatan, or "Kepala <unit>"."""
    if penugasan.pejabat is not None:
        return penugasan.pejabat.jabatan
    return f"Kepala {penugasan.unit_kerja.nama}" if penugasan.unit_kerja is not None else "-"


def label_penugasan(session: Session, actor: Actor, today: date | None = None) -> list[str]:
    """The sidebar's lines while assignments are in force, e.g. "Plt Kepala Bidang X s.d. 31 Desember 2026"."""
    rows = session.scalars(
        select(PenugasanPlt)
        .options(joinedload(PenugasanPlt.pejabat), joinedload(PenugasanPlt.unit_kerja))
        .where(PenugasanPlt.pegawai_id == actor.pegawai_id, berlaku_pada(today or hari_ini()))
        .order_by(PenugasanPlt.tanggal_mulai, PenugasanPlt.id)
    )
    return [f"{p.jenis.value} {jabatan_diwakili(p)} s.d. {fmt.tanggal(p.tanggal_akhir)}" for p in rows]


def punya_bawahan(session: Session, actor: Actor, today: date | None = None) -> bool:
    """Whether the Atasan menu shows: the actor has active bawahan in the hierarchy, acts as penilai today as
    Plt/Plh, or rates a period that reaches into a month not closed yet — a former bawahan moved by a mutasi,
    whose rows of that month stay the actor's to validate (docs/domain.md §8.2). The menu stays until that
    month closes, not only while something waits, so it does not vanish under the atasan's last click."""
    today = today or hari_ini()
    sebagai = penilai_ids(session, actor, today)
    return (
        has_bawahan(session, actor.pegawai_id, today)
        or len(sebagai) > 1
        or _menilai_bulan_terbuka(session, sebagai, today)
    )


def _menilai_bulan_terbuka(session: Session, sebagai: list[int], today: date) -> bool:
    """A period rated by ``sebagai`` that has begun and ends in or after the oldest month still open: not past
    its closing day, or reopened by the admin (any reopening widens the window: the menu may show a little
    longer, while validation itself checks each row's month exactly — services.aktivitas.bulan)."""
    sejak = kalender.awal_bulan_terbuka(settings.ambil(session, "hari_tutup_bulan"), today)
    for tahun, bulan in session.execute(
        select(PembukaanBulan.tahun, PembukaanBulan.bulan).where(PembukaanBulan.dibuka_sampai >= today)
    ):
        sejak = min(sejak, date(tahun, bulan, 1))
    return bool(
        session.scalar(
            select(
                exists().where(
                    PeriodeSKP.penilai_id.in_(sebagai),
                    PeriodeSKP.tanggal_akhir >= sejak,
                    PeriodeSKP.tanggal_mulai <= today,
                )
            )
        )
    )
