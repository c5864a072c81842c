"""Every message of a day, in the order of ``pesan.JENIS``: the one entry the run, the dry run and the admin's
preview read, so they cannot disagree."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from services.pengingat.aturan_atasan import digest_atasan, ringkasan_mingguan
from services.pengingat.aturan_pegawai import capaian_bulan, dikembalikan, tanpa_aktivitas
from services.pengingat.pesan import Pesan

_ATURAN = (digest_atasan, tanpa_aktivitas, dikembalikan, capaian_bulan, ringkasan_mingguan)


def pesan_hari(session: Session, hari_ini: date, hanya: int | None = None) -> list[Pesan]:
    """The messages due on ``hari_ini`` (for one pegawai with ``hanya``), before deciding channels."""
    return [p for aturan in _ATURAN for p in aturan(session, hari_ini, hanya)]
