"""Terbilang: whole rupiah in Indonesian words, checked against cases written out by hand."""

from __future__ import annotations

import pytest

from services.platform.terbilang import rupiah, terbilang


@pytest.mark.parametrize(
    "n, kata",
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (21, "dua puluh satu"),
        (100, "seratus"),
        (101, "seratus satu"),
        (111, "seratus sebelas"),
        (250, "dua ratus lima puluh"),
        (1_000, "seribu"),
        (1_001, "seribu satu"),
        (2_000, "dua ribu"),
        (11_000, "sebelas ribu"),
        (100_000, "seratus ribu"),
        (1_000_000, "satu juta"),
        (2_001_001, "dua juta seribu satu"),
        (1_488_000, "satu juta empat ratus delapan puluh delapan ribu"),
        (882_353, "delapan ratus delapan puluh dua ribu tiga ratus lima puluh tiga"),
        (1_000_000_000, "satu miliar"),
        (3_000_000_000_000, "tiga triliun"),
        (-5, "minus lima"),
    ],
)
def test_hand_cases(n, kata):
    assert terbilang(n) == kata


def test_rupiah_of_the_march_example():
    assert rupiah(1_488_000) == "satu juta empat ratus delapan puluh delapan ribu rupiah"


@pytest.mark.parametrize("bad", [1.5, True, 10**15, "12"])
def test_only_integers_in_range(bad):
    with pytest.raises(ValueError):
        terbilang(bad)
