"""Indonesian dates, rupiah and numbers (Babel), as a user reads them."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from services.platform import format as fmt


@pytest.mark.parametrize(
    "value,expected",
    [
        (date(2026, 11, 24), "24 November 2026"),
        (date(2026, 3, 1), "1 Maret 2026"),
        (date(2026, 8, 17), "17 Agustus 2026"),
        (None, "-"),
    ],
)
def test_tanggal(value, expected):
    assert fmt.tanggal(value) == expected


def test_waktu_is_shown_in_wib():
    assert fmt.waktu(datetime(2026, 11, 24, 8, 15, tzinfo=UTC)) == "24 November 2026 15.15"
    assert fmt.waktu(datetime(2026, 12, 31, 20, 0)) == "1 Januari 2027 03.00"  # naive = UTC (SQLite)


@pytest.mark.parametrize(
    "value,expected",
    [
        (1488000, "Rp1.488.000"),
        (3100000, "Rp3.100.000"),
        (0, "Rp0"),
        (None, "Rp0"),
        (999, "Rp999"),
    ],
)
def test_rupiah(value, expected):
    assert fmt.rupiah(value) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        (Decimal("80"), "80,00 %"),
        (Decimal("99.995"), "100,00 %"),
        (Decimal("0"), "0,00 %"),
        (None, "-"),
    ],
)
def test_persen(value, expected):
    assert fmt.persen(value) == expected


@pytest.mark.parametrize("value,expected", [(Decimal("13"), "13"), (Decimal("2.5"), "2,5"), (1250, "1.250")])
def test_target(value, expected):
    assert fmt.target(value) == expected


def test_bulan():
    assert fmt.bulan_tahun(2026, 3) == "Maret 2026"
    assert fmt.nama_bulan(12) == "Desember"
