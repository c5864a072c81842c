"""Bounds on an uploaded spreadsheet, checked before it is parsed (docs/security.md, "Bounded uploads").

An XLSX file is a zip of XML: 1 MB can unpack to gigabytes (one shared string of 1 GiB, or a sheet of
33 million rows), and openpyxl would hold it all. So the zip's directory is read first (declared sizes:
Python's zipfile never hands out more bytes than an entry declares), then the shared strings and the
first sheet are streamed through expat in small pieces, counting, without keeping the text. A CSV is
bounded by its size, its number of lines and the length of a line. Every refusal is a ValidationError
that says which limit, within a fraction of a second and a few MB of memory.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import IO
from xml.parsers import expat

from services.platform.errors import ValidationError

MAKS_UKURAN_BERKAS = 10 * 1024 * 1024  # bytes of the upload itself (Streamlit allows 20 MB)
MAKS_ISI_XLSX = 50 * 1024 * 1024  # bytes of every entry of the zip, unpacked, together
MAKS_ENTRI_ZIP = 1000
MAKS_BARIS = 20_000  # data rows: a kabupaten has a few thousand pegawai
MAKS_KOLOM = 100
MAKS_PANJANG_TEKS = 32_767  # Excel's own limit for one cell
MAKS_PANJANG_BARIS_CSV = 64 * 1024
_POTONGAN = 64 * 1024
_DIMENSI = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]*[0-9]*:?([A-Z]+)([0-9]+)"')


def _mb(jumlah: int) -> str:
    return f"{jumlah / (1024 * 1024):.0f} MB"


def periksa_ukuran(data: bytes) -> None:
    if len(data) > MAKS_UKURAN_BERKAS:
        raise ValidationError(
            f"Berkas terlalu besar ({_mb(len(data))}); paling besar {_mb(MAKS_UKURAN_BERKAS)}. "
            "Bagi menjadi beberapa berkas."
        )


def periksa_csv(data: bytes) -> None:
    """Size, number of lines and length of a line."""
    periksa_ukuran(data)
    baris = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if baris > MAKS_BARIS + 1:
        raise ValidationError(f"Berkas berisi {baris} baris; paling banyak {MAKS_BARIS} baris data per impor.")
    terpanjang = max(len(line) for line in data.split(b"\n"))
    if terpanjang > MAKS_PANJANG_BARIS_CSV:
        raise ValidationError(
            f"Satu baris berkas CSV terlalu panjang ({terpanjang} byte; paling banyak {MAKS_PANJANG_BARIS_CSV})."
        )


def _kolom_ke_angka(huruf: bytes) -> int:
    angka = 0
    for h in huruf:
        angka = angka * 26 + (h - ord("A") + 1)
    return angka


class _Penghitung:
    """Streams one XML part: counts <row> elements and the length of each text node, no text kept."""

    def __init__(self, bagian: str):
        self.bagian = bagian
        self.baris = 0
        self.panjang = 0
        self.parser = expat.ParserCreate()
        self.parser.buffer_text = False
        self.parser.StartElementHandler = self._mulai
        self.parser.CharacterDataHandler = self._teks
        self.parser.StartDoctypeDeclHandler = self._doctype

    def _mulai(self, nama: str, _atribut: dict) -> None:
        self.panjang = 0
        if nama.rsplit(":", 1)[-1] == "row":
            self.baris += 1
            if self.baris > MAKS_BARIS + 1:
                raise ValidationError(f"Lembar kerja berisi lebih dari {MAKS_BARIS} baris data; bagi berkasnya.")

    def _teks(self, data: str) -> None:
        self.panjang += len(data)
        if self.panjang > MAKS_PANJANG_TEKS:
            raise ValidationError(f"Satu sel berisi teks lebih dari {MAKS_PANJANG_TEKS} karakter ({self.bagian}).")

    def _doctype(self, *_args) -> None:
        raise ValidationError("Berkas XLSX memuat deklarasi DOCTYPE; berkas Excel biasa tidak memilikinya.")

    def baca(self, berkas: IO[bytes]) -> None:
        while potongan := berkas.read(_POTONGAN):
            self.parser.Parse(potongan, False)
        self.parser.Parse(b"", True)


def _lembar_pertama(zf: zipfile.ZipFile) -> str | None:
    lembar = sorted(n for n in zf.namelist() if re.fullmatch(r"xl/worksheets/sheet[0-9]+\.xml", n))
    return min(lembar, key=lambda n: int(re.sub(r"\D", "", n)), default=None)


def periksa_xlsx(data: bytes) -> None:
    """Size, unpacked size, sheet dimensions and text length of an XLSX file, before openpyxl opens it."""
    periksa_ukuran(data)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ValidationError("Berkas XLSX tidak dapat dibaca (rusak atau bukan berkas Excel .xlsx).") from None
    with zf:
        entri = zf.infolist()
        isi = sum(e.file_size for e in entri)
        if len(entri) > MAKS_ENTRI_ZIP or isi > MAKS_ISI_XLSX:
            raise ValidationError(
                f"Isi berkas XLSX terlalu besar setelah dibuka ({_mb(isi)}; paling besar {_mb(MAKS_ISI_XLSX)}). "
                "Simpan ulang hanya lembar data pegawai."
            )
        lembar = _lembar_pertama(zf)
        try:
            if lembar is not None:
                with zf.open(lembar) as berkas:
                    awal = berkas.read(4096)
                dimensi = _DIMENSI.search(awal)
                if dimensi and (
                    int(dimensi.group(2)) > MAKS_BARIS + 1 or _kolom_ke_angka(dimensi.group(1)) > MAKS_KOLOM
                ):
                    raise ValidationError(
                        f"Lembar kerja berukuran {dimensi.group(1).decode()}{dimensi.group(2).decode()}; paling banyak "
                        f"{MAKS_BARIS} baris data dan {MAKS_KOLOM} kolom."
                    )
            for bagian in ("xl/sharedStrings.xml", lembar):
                if bagian is not None and bagian in zf.namelist():
                    with zf.open(bagian) as berkas:
                        _Penghitung(bagian).baca(berkas)
        except (zipfile.BadZipFile, expat.ExpatError, OSError, EOFError, RuntimeError, NotImplementedError):
            raise ValidationError("Berkas XLSX tidak dapat dibaca (rusak atau bukan berkas Excel .xlsx).") from None
