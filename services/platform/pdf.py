"""The house layout for official documents (SKP, Cetak capaian, Dokumen Evaluasi): kop, identity blocks
of pegawai and pejabat penilai, tables, place/date and signature blocks. fpdf2 with a TTF font shipped
as a Python package, so any Unicode name prints the same on every machine."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from services.platform import format as fmt

_FONT_DIR = files("font_source_sans_pro") / "files"
_FALLBACK = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT = "SourceSans"


@dataclass(frozen=True)
class Identitas:
    """One person block: NAMA, NIP, PANGKAT/GOL, JABATAN, UNIT KERJA."""

    nama: str
    nip: str
    pangkat_golongan: str | None
    jabatan: str
    unit_kerja: str

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("Nama", self.nama),
            ("NIP", self.nip),
            ("Pangkat/Gol. Ruang", self.pangkat_golongan or "-"),
            ("Jabatan", self.jabatan),
            ("Unit Kerja", self.unit_kerja),
        ]


class Dokumen(FPDF):
    """An A4 document with the kop, page numbers and the shared blocks."""

    def __init__(self, judul: str, instansi: str, orientation: str = "P"):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.judul = judul
        self.instansi = instansi
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=18)
        self.add_font(FONT, "", str(_FONT_DIR / "SourceSansPro-Regular.ttf"))
        self.add_font(FONT, "B", str(_FONT_DIR / "SourceSansPro-Bold.ttf"))
        self.add_font(FONT, "I", str(_FONT_DIR / "SourceSansPro-It.ttf"))
        if _FALLBACK.exists():
            self.add_font("DejaVu", "", str(_FALLBACK))
            self.set_fallback_fonts(["DejaVu"])
        self.set_title(judul)
        self.set_author(instansi)
        self.set_creator("SIPIJAR")
        self.add_page()
        self.kop()

    def kop(self) -> None:
        self.set_font(FONT, "B", 13)
        self.cell(0, 6, self.instansi.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT, "B", 12)
        self.multi_cell(0, 6, self.judul.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(1)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "I", 8)
        self.cell(0, 5, f"{self.judul} — halaman {self.page_no()}/{{nb}}", align="C")

    def keterangan(self, pasangan: Sequence[tuple[str, str]]) -> None:
        """Label : value lines (periode, bulan, …)."""
        self.set_font(FONT, "", 10)
        for label, value in pasangan:
            self.cell(40, 5.5, label)
            self.multi_cell(0, 5.5, f": {value}", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def identitas(self, pegawai: Identitas, penilai: Identitas | None) -> None:
        """The two side-by-side blocks: PEGAWAI YANG DINILAI and PEJABAT PENILAI KINERJA."""
        kosong = Identitas("-", "-", "-", "-", "-")
        penilai = penilai or kosong
        rows = [("", "PEGAWAI YANG DINILAI", "", "PEJABAT PENILAI KINERJA")]
        rows += [(a[0], a[1], b[0], b[1]) for a, b in zip(pegawai.rows(), penilai.rows())]
        self.tabel(None, rows, [26, 64, 26, 64])

    def subjudul(self, teks: str) -> None:
        self.ln(2)
        self.set_font(FONT, "B", 11)
        self.cell(0, 7, teks, new_x="LMARGIN", new_y="NEXT")

    def tabel(
        self,
        header: Sequence[str] | None,
        rows: Sequence[Sequence[object]],
        widths: Sequence[float],
        align: Sequence[str] | None = None,
        font_size: float = 9,
        tebal: Collection[int] = (),
    ) -> None:
        """A bordered table that wraps long text and breaks across pages; with ``header`` None the
        first row is drawn as the heading, and the rows numbered in ``tebal`` are bold (the figure a reader
        looks for). A row taller than a third of a page (a 2,000-character
        activity) continues in the next rows, so it can break across pages (fpdf2 cannot break one row)."""
        self.set_font(FONT, "", font_size)
        heading = FontFace(emphasis="BOLD", fill_color=(226, 232, 240))
        line_height = 1.35 * font_size * 0.3528 + 1.2
        maks_baris = max(1, int((self.h - self.t_margin - self.b_margin) / 3 / line_height))
        with self.table(
            col_widths=tuple(widths),
            width=sum(widths),
            text_align=tuple(align or ["LEFT"] * len(widths)),
            headings_style=heading,
            line_height=line_height,
            padding=1,
        ) as table:
            if header is not None:
                table.row([str(h) for h in header])
            for nomor, row in enumerate(rows):
                gaya = FontFace(emphasis="BOLD") if nomor in tebal else None
                for bagian in self._potong_baris(
                    ["" if cell is None else str(cell) for cell in row], widths, maks_baris
                ):
                    table.row(bagian, style=gaya)
        self.ln(3)

    def _baris_teks(self, teks: str, lebar: float) -> list[str]:
        """``teks`` wrapped at ``lebar`` mm in the current font, as fpdf2 would draw it."""
        if not teks:
            return [""]
        lines = self.multi_cell(lebar, 5, teks, dry_run=True, output="LINES")
        return [str(line) for line in lines] if isinstance(lines, list) else [teks]

    def _potong_baris(self, row: list[str], widths: Sequence[float], maks_baris: int) -> list[list[str]]:
        """``row`` as one or more rows of at most ``maks_baris`` wrapped lines each (the cells' padding is 1 mm)."""
        baris = [self._baris_teks(teks, w - 2) for teks, w in zip(row, widths, strict=True)]
        if max(len(b) for b in baris) <= maks_baris:
            return [row]
        jumlah = max(len(b) for b in baris)
        return [["\n".join(b[awal : awal + maks_baris]) for b in baris] for awal in range(0, jumlah, maks_baris)]

    def tanda_tangan(
        self, tempat: str, tanggal: date, kiri: tuple[str, str, str] | None, kanan: tuple[str, str, str]
    ) -> None:
        """Place and date, then signature blocks (role, nama, NIP); ``kiri`` may be None."""
        if self.get_y() > self.h - 65:
            self.add_page()
        self.ln(4)
        col = (self.w - self.l_margin - self.r_margin) / 2
        self.set_font(FONT, "", 10)
        self.set_x(self.l_margin + col)
        self.cell(col, 5, f"{tempat}, {fmt.tanggal(tanggal)}", align="C", new_x="LMARGIN", new_y="NEXT")
        top = self.get_y()
        for index, block in enumerate((kiri, kanan)):
            if block is None:
                continue
            peran, nama, nip = block
            x = self.l_margin + index * col
            self.set_xy(x, top)
            self.multi_cell(col, 5, peran, align="C")
            self.set_xy(x, top + 25)
            self.set_font(FONT, "B", 10)
            self.multi_cell(col, 5, nama, align="C")
            self.set_x(x)
            self.set_font(FONT, "", 10)
            self.multi_cell(col, 5, f"NIP {nip}" if nip else "", align="C")

    def to_bytes(self) -> bytes:
        self.alias_nb_pages()
        return bytes(self.output())
