"""Exports never run formulas and never mangle a NIP."""

import io

import pytest
from openpyxl import load_workbook

from services.platform.spreadsheet import csv_text, safe_cell, xlsx_bytes


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Budi", "Budi"),
        (12, 12),
        (None, None),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_csv_neutralises_every_cell():
    assert csv_text(["a", "b"], [("=1+1", "ok")]).splitlines() == ["a,b", "'=1+1,ok"]


def test_xlsx_keeps_nip_as_text_and_neutralises_formulas():
    data = xlsx_bytes({"Data": (["NIP", "Nama", "Menit"], [("199406232019032007", '=HYPERLINK("x")', 4080)])})
    sheet = load_workbook(io.BytesIO(data))["Data"]
    assert [c.value for c in sheet[1]] == ["NIP", "Nama", "Menit"]
    nip, nama, menit = (c for c in sheet[2])
    assert nip.value == "199406232019032007" and nip.data_type == "s"
    assert nama.value == '\'=HYPERLINK("x")' and nama.data_type == "s"
    assert menit.value == 4080
