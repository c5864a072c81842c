"""Whose penilai an actor is on a date: the penilai of their own periods (``periode_skp.penilai_id``) and, as
Plt or Plh, of the pejabat they stand in for for the dates of an SK (docs/domain.md §8.1, §8.30). Every check
of a penilai's right — Proses Penetapan, Ekspektasi, Validasi, Umpan Balik, Evaluasi — reads
:func:`penilai_ids`, so a Plt's rights begin and end with the SK's dates everywhere at once."""

from __future__ import annotations

from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from db.models import PembukaanBulan, PeriodeSKP
from services.platform import kalender, settings
from services.platform.access import Actor, has_bawahan
from services.platform.kalender import hari_ini


def diwakili(session: Session, pegawai_id: int, tanggal: date) -> list[int]:
    """SEAM (issue #14, Plt/Plh): the ids of the pejabat whose penilai rights ``pegawai_id`` holds on
    ``tanggal`` as Plt or Plh (table ``penugasan_plt``). Until the assignments are read: none."""
    return []


def penilai_ids(session: Session, actor: Actor, today: date | None = None) -> list[int]:
    """The penilai ids the actor acts as today: themselves first, then the pejabat they stand in for."""
    return [actor.pegawai_id, *diwakili(session, actor.pegawai_id, today or hari_ini())]


def boleh_sebagai_penilai(session: Session, actor: Actor, penilai_id: int | None, today: date | None = None) -> bool:
    """Whether the actor may act as ``penilai_id`` (a period's penilai) today."""
    return penilai_id is not None and penilai_id in penilai_ids(session, actor, today)


def punya_bawahan(session: Session, actor: Actor, today: date | None = None) -> bool:
    """Whether the Atasan menu shows: the actor has active bawahan in the hierarchy, acts as penilai today as
    Plt/Plh, or rates a period that reaches into a month not closed yet — a former bawahan moved by a mutasi,
    whose rows of that month stay the actor's to validate (docs/domain.md §8.2). The menu stays until that
    month closes, not only while something waits, so it does not vanish under the atasan's last click."""
    today = today or hari_ini()
    sebagai = penilai_ids(session, actor, today)
    return has_bawahan(session, actor.pegawai_id) or len(sebagai) > 1 or _menilai_bulan_terbuka(session, sebagai, today)


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
