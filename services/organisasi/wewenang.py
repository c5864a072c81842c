"""Whose penilai an actor is on a date: the penilai of their own periods (``periode_skp.penilai_id``) and, as
Plt or Plh, of the pejabat they stand in for for the dates of an SK (docs/domain.md §8.1, §8.30). Every check
of a penilai's right — Proses Penetapan, Ekspektasi, Validasi, Umpan Balik, Evaluasi — reads
:func:`penilai_ids`, so a Plt's rights begin and end with the SK's dates everywhere at once."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

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
    """Whether the Atasan menu shows: the actor has active bawahan in the hierarchy, or acts as penilai
    today as Plt/Plh. (Issue #14 extends it: former bawahan whose activities still wait for them.)"""
    return has_bawahan(session, actor.pegawai_id, today or hari_ini()) or len(penilai_ids(session, actor, today)) > 1
