"""Issue #16 (7): the Dasbor opens on the last finished month; the running month is read against the working
days gone by (docs/domain.md §8.40)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from db.session import session_scope
from services.pimpinan import dasbor_laju
from services.platform import kalender


@pytest.mark.parametrize(
    ("today", "bulan"),
    [(date(2026, 12, 2), (2026, 11)), (date(2027, 1, 1), (2026, 12)), (date(2026, 7, 31), (2026, 6))],
)
def test_the_dasbor_opens_on_the_last_finished_month(today, bulan):
    assert dasbor_laju.bulan_awal(today) == bulan


def test_the_pace_of_the_running_month(engine):
    """July 2026 has 23 working days (no national holiday; 1 July is a Wednesday); through Wednesday the
    15th, 11 have gone by: 11 ÷ 23 = 47,83 %."""
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        laju = dasbor_laju.laju(s, 2026, 7, date(2026, 7, 15), Decimal("50.00"))
        lambat = dasbor_laju.laju(s, 2026, 7, date(2026, 7, 15), Decimal("47.82"))
        awal_bulan = dasbor_laju.laju(s, 2026, 8, date(2026, 8, 1), Decimal("0.00"))  # a Saturday
        assert dasbor_laju.laju(s, 2026, 6, date(2026, 7, 15), Decimal("90.00")) is None  # not the running month
    assert laju is not None and (laju.hari_kerja_berlalu, laju.hari_kerja_bulan) == (11, 23)
    assert laju.persen_waktu == Decimal("47.83") and laju.sesuai_laju
    assert lambat is not None and not lambat.sesuai_laju
    assert awal_bulan is not None and awal_bulan.hari_kerja_berlalu == 0 and awal_bulan.sesuai_laju
