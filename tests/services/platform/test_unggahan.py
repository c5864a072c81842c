"""Issue #17 (4): bounded uploads. The two zip bombs of the report — a ~1 MB XLSX holding one shared string
of 1 GiB, and a ~2 MB XLSX whose sheet has 33 million rows — are refused by the pegawai import with a
message in under a second, without the memory they would have taken (6.1 GB and 3.4 GB before). The bombs
are written streaming, so the test itself never holds more than 1 MB of them; their content is real:
openpyxl would have read every byte. CSV uploads are bounded by size, lines and line length."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.organisasi.import_berkas import read_rows
from services.platform import unggahan
from services.platform.errors import ValidationError

_WORKBOOK = {
    "[Content_Types].xml": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b'<Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/xl/workbook.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        b'<Override PartName="/xl/worksheets/sheet1.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        b'<Override PartName="/xl/sharedStrings.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        b"</Types>"
    ),
    "_rels/.rels": (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships '
        b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        b'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        b'<?xml version="1.0" encoding="UTF-8"?><workbook '
        b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        b'<sheets><sheet name="Pegawai" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships '
        b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        b'Target="worksheets/sheet1.xml"/>'
        b'<Relationship Id="rId2" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        b'Target="sharedStrings.xml"/></Relationships>'
    ),
}
_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
MiB = 1024 * 1024


def _tulis_xlsx(path: Path, bagian: dict[str, Iterator[bytes]]) -> bytes:
    """An XLSX whose parts are written piece by piece (zip64, deflate level 9), returned as bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for nama, isi in _WORKBOOK.items():
            zf.writestr(nama, isi)
        for nama, potongan in bagian.items():
            with zf.open(nama, "w", force_zip64=True) as berkas:
                for p in potongan:
                    berkas.write(p)
    return path.read_bytes()


def _satu_teks_1_gib() -> Iterator[bytes]:
    yield b'<?xml version="1.0" encoding="UTF-8"?><sst ' + _NS + b' count="1" uniqueCount="1"><si><t>'
    potongan = b"A" * MiB
    for _ in range(1024):
        yield potongan
    yield b"</t></si></sst>"


def _lembar_satu_sel() -> Iterator[bytes]:
    yield b'<?xml version="1.0" encoding="UTF-8"?><worksheet ' + _NS + b'><dimension ref="A1"/><sheetData>'
    yield b'<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'


def _lembar_33_juta_baris() -> Iterator[bytes]:
    yield b'<?xml version="1.0" encoding="UTF-8"?><worksheet ' + _NS + b'><dimension ref="A1:A33000000"/>'
    yield b"<sheetData>"
    potongan = b"<row><c><v>1</v></c></row>" * 40_000
    for _ in range(33_000_000 // 40_000):
        yield potongan
    yield b"</sheetData></worksheet>"


def _tanpa_teks() -> Iterator[bytes]:
    yield b'<?xml version="1.0" encoding="UTF-8"?><sst ' + _NS + b' count="0" uniqueCount="0"></sst>'


@pytest.fixture(scope="module")
def bom_teks(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("bom") / "teks.xlsx"
    return _tulis_xlsx(
        path, {"xl/sharedStrings.xml": _satu_teks_1_gib(), "xl/worksheets/sheet1.xml": _lembar_satu_sel()}
    )


@pytest.fixture(scope="module")
def bom_baris(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("bom") / "baris.xlsx"
    return _tulis_xlsx(
        path, {"xl/sharedStrings.xml": _tanpa_teks(), "xl/worksheets/sheet1.xml": _lembar_33_juta_baris()}
    )


def _ditolak_cepat(data: bytes, nama: str = "pegawai.xlsx") -> str:
    """Refused with a ValidationError in under a second, with less than 20 MB allocated on the way."""
    tracemalloc.start()
    mulai = time.perf_counter()
    try:
        with pytest.raises(ValidationError) as info:
            read_rows(data, nama)
        lama = time.perf_counter() - mulai
        _now, puncak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lama < 1.0, f"refused after {lama:.2f} s"
    assert puncak < 20 * MiB, f"{puncak / MiB:.0f} MB allocated"
    return str(info.value)


def test_one_gib_shared_string_is_refused_fast(bom_teks):
    assert len(bom_teks) < 2 * MiB  # the bomb: ~1 MB on disk, 1 GiB unpacked
    assert "terlalu besar setelah dibuka" in _ditolak_cepat(bom_teks)


def test_33_million_rows_are_refused_fast(bom_baris):
    assert len(bom_baris) < 3 * MiB
    assert "terlalu besar setelah dibuka" in _ditolak_cepat(bom_baris)


def test_limits_hold_below_the_unpacked_size(tmp_path, monkeypatch):
    """Within the unpacked size, the streamed checks refuse a long cell, too many rows, a huge dimension."""
    monkeypatch.setattr(unggahan, "MAKS_BARIS", 100)

    def lembar(dimensi: bytes, baris: int) -> Iterator[bytes]:
        yield b"<worksheet " + _NS + b'><dimension ref="' + dimensi + b'"/><sheetData>'
        yield b"<row><c><v>1</v></c></row>" * baris
        yield b"</sheetData></worksheet>"

    def teks(panjang: int) -> Iterator[bytes]:
        yield b"<sst " + _NS + b"><si><t>" + b"x" * panjang + b"</t></si></sst>"

    def xlsx(nama: str, **bagian) -> bytes:
        parts = {"xl/sharedStrings.xml": bagian.get("teks", teks(5)), "xl/worksheets/sheet1.xml": bagian["lembar"]}
        return _tulis_xlsx(tmp_path / nama, parts)

    assert "32767" in _ditolak_cepat(xlsx("a.xlsx", teks=teks(40_000), lembar=lembar(b"A1", 1)))
    assert "100 baris" in _ditolak_cepat(xlsx("b.xlsx", lembar=lembar(b"A1:B5", 500)))
    assert "A1000" in _ditolak_cepat(xlsx("c.xlsx", lembar=lembar(b"A1:A1000", 1)))
    assert "100 kolom" in _ditolak_cepat(xlsx("d.xlsx", lembar=lembar(b"A1:XFD2", 1)))
    assert "DOCTYPE" in _ditolak_cepat(
        _tulis_xlsx(tmp_path / "e.xlsx", {"xl/worksheets/sheet1.xml": iter([b'<!DOCTYPE x [<!ENTITY a "b">]><x/>'])})
    )


def test_csv_is_bounded(monkeypatch):
    kepala = b"nip,nama,jabatan,jenis_jabatan,unit_kerja\n"
    assert "terlalu besar" in _ditolak_cepat(kepala + b"x" * (unggahan.MAKS_UKURAN_BERKAS + 1), "p.csv")
    assert "baris data" in _ditolak_cepat(kepala + b"1,a,b,c,d\n" * (unggahan.MAKS_BARIS + 5), "p.csv")
    assert "terlalu panjang" in _ditolak_cepat(kepala + b"1," + b"a" * 70_000 + b",b,c,d\n", "p.csv")


def test_an_ordinary_file_passes_the_checks():
    """A file of the largest allowed size in rows goes through to the reader (the limits are not too tight)."""
    kepala = b"nip,nama,jabatan,jenis_jabatan,unit_kerja\n"
    data = kepala + b"199001012010011001,Nama Pegawai,Staf,Pelaksana,Dinas\n" * unggahan.MAKS_BARIS
    assert len(read_rows(data, "p.csv")) == unggahan.MAKS_BARIS + 1
