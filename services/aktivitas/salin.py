"""Salin dari hari sebelumnya: the activities of a day the pegawai picks (by default the previous working day)
copied to another date, each through the same rules as a new entry (:mod:`services.aktivitas.entri`); the
copies that would overlap, or whose RHK is not in the SKP of the new date, are skipped and counted."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import StatusAktivitas
from db.models import AktivitasHarian
from services.aktivitas.entri import SkpTidakCocok, TumpangTindih
from services.aktivitas.harian import as_row, tambah
from services.platform import kalender
from services.platform.access import Actor
from services.platform.errors import ValidationError

DITOLAK = StatusAktivitas.DITOLAK


@dataclass(frozen=True)
class HasilSalin:
    dari: date | None
    disalin: int
    dilewati: int


def hari_kerja_sebelumnya(session: Session, tanggal: date) -> date | None:
    """The working day before ``tanggal`` (weekends and hari libur skipped), within 31 days."""
    days = kalender.hari_kerja(session, tanggal - timedelta(days=31), tanggal - timedelta(days=1))
    return days[-1] if days else None


def aktivitas_hari(session: Session, actor: Actor, tanggal: date) -> list[AktivitasHarian]:
    """The actor's activities of ``tanggal`` that still count (not Ditolak), by time: what a copy takes."""
    return list(
        session.scalars(
            select(AktivitasHarian)
            .where(
                AktivitasHarian.pegawai_id == actor.pegawai_id,
                AktivitasHarian.tanggal == tanggal,
                AktivitasHarian.status != DITOLAK,
            )
            .order_by(AktivitasHarian.jam_mulai)
        )
    )


def salin_hari_sebelumnya(session: Session, actor: Actor, ke_tanggal: date, today: date | None = None) -> HasilSalin:
    """ "Salin dari hari sebelumnya" with the default source: the working day before ``ke_tanggal``."""
    dari = hari_kerja_sebelumnya(session, ke_tanggal)
    if dari is None:
        return HasilSalin(None, 0, 0)
    return salin_hari(session, actor, dari, ke_tanggal, today)


def salin_hari(session: Session, actor: Actor, dari: date, ke_tanggal: date, today: date | None = None) -> HasilSalin:
    """The activities of ``dari`` (not the Ditolak ones) copied to ``ke_tanggal`` as Menunggu, same times and SKP
    terkait; a copy that would overlap, or whose RHK is not in the SKP of ``ke_tanggal``, is skipped. The
    target date's rules (period, SKP, month) still apply."""
    if dari == ke_tanggal:
        raise ValidationError("Pilih tanggal sumber yang berbeda dari tanggal tujuan.")
    disalin = dilewati = 0
    for a in aktivitas_hari(session, actor, dari):
        data = replace(as_row(a).as_input(), tanggal=ke_tanggal, periode_id=None)
        try:  # every check runs before anything is added, so a refused row leaves no trace
            tambah(session, actor, data, today)
        except (TumpangTindih, SkpTidakCocok):
            dilewati += 1
        else:
            disalin += 1
    return HasilSalin(dari, disalin, dilewati)
