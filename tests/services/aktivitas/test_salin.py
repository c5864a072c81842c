"""Salin from a day the pegawai picks (docs/domain.md §8.37): any earlier day, not only the previous working one."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select

from db.enums import StatusAktivitas
from db.models import AktivitasHarian
from db.session import session_scope
from services.aktivitas import salin
from services.platform import kalender
from services.platform.errors import ValidationError
from tests.factories import add_aktivitas, build_skp

TODAY = date(2026, 3, 31)


def test_salin_from_a_chosen_day_skips_overlaps_and_rejected_rows(engine, org):
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        skp = build_skp(s, org.staf, 2026)
        senin = date(2026, 3, 23)
        add_aktivitas(s, org.staf, skp, senin, "08:00", "09:00", aktivitas="Apel")
        add_aktivitas(s, org.staf, skp, senin, "09:00", "10:00", StatusAktivitas.DITOLAK, aktivitas="Ditolak")
        add_aktivitas(s, org.staf, skp, senin, "10:00", "11:00", aktivitas="Rapat")
        add_aktivitas(s, org.staf, skp, TODAY, "10:30", "11:30", aktivitas="Sudah ada")
    with session_scope(engine) as s:
        hasil = salin.salin_hari(s, org.staf, senin, TODAY, TODAY)
    # Apel copied; Ditolak not a source; Rapat 10.00–11.00 overlaps "Sudah ada" 10.30: skipped.
    assert (hasil.dari, hasil.disalin, hasil.dilewati) == (senin, 1, 1)
    with session_scope(engine) as s:
        rows = s.scalars(select(AktivitasHarian).where(AktivitasHarian.tanggal == TODAY).order_by("jam_mulai"))
        assert [(a.jam_mulai, a.aktivitas, a.status) for a in rows] == [
            (time(8, 0), "Apel", StatusAktivitas.MENUNGGU),
            (time(10, 30), "Sudah ada", StatusAktivitas.TERVALIDASI),  # add_aktivitas: Tervalidasi
        ]
    with session_scope(engine) as s, pytest.raises(ValidationError, match="berbeda dari tanggal tujuan"):
        salin.salin_hari(s, org.staf, TODAY, TODAY, TODAY)
