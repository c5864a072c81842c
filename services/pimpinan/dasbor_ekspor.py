"""The Dasbor Capaian as an XLSX workbook: what the page shows, one sheet per table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from db.enums import PredikatPegawai
from services.aktivitas.capaian import CapaianPegawai
from services.pimpinan.dasbor_angka import BATAS_DEFAULT, di_bawah_batas
from services.pimpinan.dasbor_model import Dasbor
from services.platform import format as fmt
from services.platform.spreadsheet import xlsx_bytes


def nama_berkas(d: Dasbor) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in d.unit.nama.lower()).strip("-")[:40]
    return f"dasbor-capaian-{slug}-{d.tahun}-{d.bulan:02d}"


def _baris_pegawai(rows: Iterable[CapaianPegawai]) -> list[tuple]:
    return [
        (
            r.nip,
            r.nama,
            r.unit_kerja,
            r.hari_kerja,
            r.menit_efektif,
            r.menit_tervalidasi,
            r.menit_menunggu,
            r.capaian_persen,
        )
        for r in rows
    ]


KOLOM_PEGAWAI = (
    "NIP",
    "Nama",
    "Unit Kerja",
    "Hari Kerja",
    "Menit Efektif",
    "Menit Tervalidasi",
    "Menit Menunggu",
    "Capaian (%)",
)


def ekspor_xlsx(d: Dasbor, batas: int | float | Decimal = BATAS_DEFAULT) -> bytes:
    """What the dasbor shows, one sheet per table (NIP as text, formula-like text neutralised)."""
    periode = fmt.bulan_tahun(d.tahun, d.bulan)
    sheets: dict[str, tuple[Sequence[str], Iterable[Sequence[object]]]] = {
        "Ringkasan": (
            ["Keterangan", "Nilai"],
            [
                ("Unit Kerja", d.unit.nama),
                ("Bulan", periode),
                ("Capaian unit (%)", d.total.capaian_persen),
                ("Rata-rata capaian pegawai (%)", d.total.rata_rata_persen),
                ("Pegawai dihitung", d.total.pegawai),
                ("Pegawai tanpa hari kerja", d.total.tanpa_hari_kerja),
                ("Menit efektif", d.total.menit_efektif),
                ("Menit tervalidasi yang dihitung", d.total.menit_dihitung),
                ("Aktivitas bulan ini", d.aktivitas),
                ("Aktivitas menunggu validasi", d.menunggu),
                ("Capaian unit", "Σ min(menit tervalidasi, menit efektif) ÷ Σ menit efektif pegawai unit"),
                ("Rata-rata capaian pegawai", "rata-rata capaian (%) pegawai yang memiliki hari kerja"),
            ],
        ),
        "Per Unit": (
            ["Unit Kerja", "Pegawai", "Menit Efektif", "Menit Dihitung", "Capaian Unit (%)", "Rata-rata Pegawai (%)"],
            [
                (a.label, a.pegawai, a.menit_efektif, a.menit_dihitung, a.capaian_persen, a.rata_rata_persen)
                for a in d.per_unit
            ],
        ),
        f"Tren {d.tahun}": (
            ["Bulan", "Pegawai", "Menit Efektif", "Menit Dihitung", "Capaian Unit (%)"],
            [(fmt.nama_bulan(t.bulan), t.pegawai, t.menit_efektif, t.menit_dihitung, t.capaian_persen) for t in d.tren],
        ),
        "Sebaran Capaian": (["Capaian (%)", "Jumlah Pegawai"], [(k.label, k.jumlah) for k in d.sebaran]),
        f"Di Bawah {fmt.angka(batas)} %": (KOLOM_PEGAWAI, _baris_pegawai(di_bawah_batas(d.pegawai, batas))),
        "Belum Divalidasi": (
            [
                "Pejabat Penilai",
                "Unit Kerja",
                "Bawahan",
                "Aktivitas",
                "Menunggu Validasi",
                "Menit Menunggu",
                "Menunggu (%)",
            ],
            [
                (p.nama, p.unit_kerja, p.bawahan, p.aktivitas, p.menunggu, p.menit_menunggu, p.persen_menunggu)
                for p in d.penilai
            ],
        ),
        "Pegawai": (KOLOM_PEGAWAI, _baris_pegawai(d.pegawai)),
    }
    if d.predikat:
        sheets["Predikat"] = (
            ["Periode Evaluasi", *(p.value for p in PredikatPegawai), "Jumlah"],
            [(s.label, *(s.jumlah[p] for p in PredikatPegawai), s.total) for s in d.predikat],
        )
    return xlsx_bytes(sheets)
