"""Plotly figures of the Dasbor Capaian: plain data in, a go.Figure out, Indonesian labels.

Names of units and pegawai are user text: plotly renders a little HTML in labels (``<b>``, ``<br>``,
``<a href>``), so every name goes through :func:`teks` (escaped, then wrapped with ``<br>``). Numbers use
the Indonesian separators (``separators=",."``: 62,25 and 20.400). :func:`config` gives the chart's own
"Download plot as png" button a file name; no server-side image export is needed.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from decimal import Decimal

import plotly.graph_objects as go

from components.kurva import WARNA as WARNA_PREDIKAT
from db.enums import PredikatPegawai
from services.aktivitas.capaian import CapaianPegawai
from services.pimpinan.dasbor import Agregat, KelasCapaian, PenilaiMenunggu, SebaranPredikat, TitikTren
from services.platform import format as fmt

BIRU, MERAH, ABU, HIJAU = "#2563eb", "#dc2626", "#94a3b8", "#15803d"
FONT = {"family": "Source Sans Pro, sans-serif", "size": 13}
TINGGI_BARIS = 34  # px per bar of a horizontal bar chart


def teks(value: object, lebar: int = 40) -> str:
    """User text made inert for plotly's HTML-ish labels, wrapped at ``lebar`` characters."""
    lines = textwrap.wrap(str(value), lebar) or [""]
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def config(nama_berkas: str) -> dict:
    """The modebar: a PNG download named after what is shown, no plotly logo, no lasso tools."""
    return {
        "toImageButtonOptions": {"format": "png", "filename": nama_berkas, "scale": 2},
        "displaylogo": False,
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    }


def _layout(fig: go.Figure, judul: str, height: int, **kw) -> go.Figure:
    fig.update_layout(
        title={"text": html.escape(judul, quote=False), "font": {"size": 15}, "x": 0, "xanchor": "left"},
        height=height,
        separators=",.",
        font=FONT,
        showlegend=False,
        margin={"l": 10, "r": 30, "t": 50, "b": 10},
        **kw,
    )
    return fig


def _tinggi(labels: list[str]) -> int:
    """Room for every bar, and for the extra lines of wrapped labels."""
    return max(220, 90 + sum(TINGGI_BARIS + 14 * lbl.count("<br>") for lbl in labels))


def _warna(persen: Decimal, batas: float, ada_data: bool = True) -> str:
    if not ada_data:
        return ABU
    return MERAH if float(persen) < batas else BIRU


def _batang(
    labels: list[str],
    nilai: list[float],
    warna: list[str],
    teks_batang: list[str],
    hover: list[str],
    judul: str,
    batas: float,
    customdata: list | None = None,
) -> go.Figure:
    """Horizontal bars of a percentage, first item on top, the threshold as a dashed line."""
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=nilai,
            orientation="h",
            marker_color=warna,
            text=teks_batang,
            textposition="outside",
            cliponaxis=False,
            customdata=customdata,
            hovertext=hover,
            hoverinfo="text",
        )
    )
    fig.add_vline(
        x=batas,
        line_dash="dash",
        line_color="#475569",
        line_width=1,
        annotation_text=f"batas {fmt.angka(batas)} %",
        annotation_position="top",
        annotation_font_size=11,
    )
    return _layout(
        fig,
        judul,
        _tinggi(labels),
        xaxis={"title": "Capaian (%)", "range": [0, 118], "ticksuffix": " %", "dtick": 20},
        yaxis={"autorange": "reversed", "automargin": True},
        bargap=0.3,
    )


def per_unit(rows: Sequence[Agregat], judul: str, batas: float) -> go.Figure:
    """Capaian unit per direct sub-unit, lowest first; units without pegawai counted in grey."""
    rows = sorted(rows, key=lambda a: (a.pegawai == 0, a.capaian_persen, a.nama))
    return _batang(
        [teks(a.label) for a in rows],
        [float(a.capaian_persen) for a in rows],
        [_warna(a.capaian_persen, batas, a.pegawai > 0) for a in rows],
        [
            f"{fmt.persen(a.capaian_persen)} · {fmt.angka(a.pegawai)} pegawai" if a.pegawai else "tanpa hari kerja"
            for a in rows
        ],
        [
            f"{teks(a.label, 60)}<br>Capaian unit: {fmt.persen(a.capaian_persen)}<br>"
            f"Rata-rata capaian pegawai: {fmt.persen(a.rata_rata_persen)}<br>"
            f"Pegawai dihitung: {fmt.angka(a.pegawai)}<br>"
            f"Menit dihitung: {fmt.angka(a.menit_dihitung)} dari {fmt.angka(a.menit_efektif)}"
            for a in rows
        ],
        judul,
        batas,
        customdata=[a.unit_kerja_id for a in rows],
    )


def per_pegawai(rows: Sequence[CapaianPegawai], judul: str, batas: float) -> go.Figure:
    """Capaian per pegawai (of a unit without sub-units), lowest first."""
    rows = sorted((r for r in rows if r.menit_efektif > 0), key=lambda r: (r.capaian_persen, r.nama))
    return _batang(
        [teks(r.nama, 32) for r in rows],
        [float(r.capaian_persen) for r in rows],
        [_warna(r.capaian_persen, batas) for r in rows],
        [fmt.persen(r.capaian_persen) for r in rows],
        [
            f"{teks(r.nama, 60)}<br>NIP {r.nip}<br>Capaian: {fmt.persen(r.capaian_persen)}<br>"
            f"Menit tervalidasi: {fmt.angka(r.menit_tervalidasi)} dari {fmt.angka(r.menit_efektif)}<br>"
            f"Menit menunggu validasi: {fmt.angka(r.menit_menunggu)}"
            for r in rows
        ],
        judul,
        batas,
    )


def tren(titik: Sequence[TitikTren], tahun: int, batas: float) -> go.Figure:
    """Capaian unit month by month."""
    bulan = [fmt.nama_bulan(t.bulan) for t in titik]
    fig = go.Figure(
        go.Scatter(
            x=bulan,
            y=[float(t.capaian_persen) for t in titik],
            mode="lines+markers+text",
            text=[fmt.persen(t.capaian_persen) for t in titik],
            textposition="top center",
            line={"color": BIRU, "width": 3},
            marker={"size": 8},
            cliponaxis=False,
            hovertext=[
                f"{b} {tahun}<br>Capaian unit: {fmt.persen(t.capaian_persen)}<br>Pegawai: {fmt.angka(t.pegawai)}"
                for b, t in zip(bulan, titik)
            ],
            hoverinfo="text",
        )
    )
    fig.add_hline(
        y=batas,
        line_dash="dash",
        line_color="#475569",
        line_width=1,
        annotation_text=f"batas {fmt.angka(batas)} %",
        annotation_position="bottom left",
        annotation_font_size=11,
    )
    return _layout(
        fig,
        f"Tren capaian unit {tahun}",
        360,
        yaxis={"title": "Capaian (%)", "range": [0, 110], "ticksuffix": " %"},
        xaxis={"title": None, "type": "category", "tickangle": 0},
    )


def sebaran(kelas: Sequence[KelasCapaian]) -> go.Figure:
    """How many pegawai fall in each class of 10 points."""
    total = sum(k.jumlah for k in kelas)
    fig = go.Figure(
        go.Bar(
            x=[k.label for k in kelas],
            y=[k.jumlah for k in kelas],
            marker_color=BIRU,
            text=[fmt.angka(k.jumlah) for k in kelas],
            textposition="outside",
            cliponaxis=False,
            hovertext=[f"Capaian {k.label} %: {fmt.angka(k.jumlah)} pegawai" for k in kelas],
            hoverinfo="text",
        )
    )
    return _layout(
        fig,
        f"Sebaran capaian {fmt.angka(total)} pegawai",
        360,
        xaxis={"title": "Capaian (%)", "type": "category", "tickangle": 0, "tickfont": {"size": 11}},
        yaxis={"title": "Jumlah pegawai", "rangemode": "tozero"},
        bargap=0.15,
    )


def penilai(rows: Sequence[PenilaiMenunggu], judul: str, paling_banyak: int = 15) -> go.Figure:
    """Share of the bawahan's activities still Menunggu Validasi, per pejabat penilai, worst on top."""
    rows = list(rows)[:paling_banyak]
    labels = [teks(p.nama, 36) for p in rows]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=[float(p.persen_menunggu) for p in rows],
            orientation="h",
            marker_color=[MERAH if p.menunggu else HIJAU for p in rows],
            cliponaxis=False,
            text=[
                f"{fmt.angka(p.menunggu)} dari {fmt.angka(p.aktivitas)} ({fmt.persen(p.persen_menunggu)})" for p in rows
            ],
            textposition="outside",
            hovertext=[
                f"{teks(p.nama, 60)}<br>{teks(p.unit_kerja, 60)}<br>Bawahan: {fmt.angka(p.bawahan)}<br>"
                f"Menunggu validasi: {fmt.angka(p.menunggu)} aktivitas ({fmt.angka(p.menit_menunggu)} menit)"
                for p in rows
            ],
            hoverinfo="text",
        )
    )
    return _layout(
        fig,
        judul,
        _tinggi(labels),
        xaxis={
            "title": "Aktivitas menunggu validasi (%)",
            "range": [0, 135],
            "ticksuffix": " %",
            "tickvals": [0, 20, 40, 60, 80, 100],
        },
        yaxis={"autorange": "reversed", "automargin": True},
        bargap=0.3,
    )


def predikat(s: SebaranPredikat, tahun: int) -> go.Figure:
    """Final evaluations of one period per predikat."""
    labels = [p.value for p in PredikatPegawai]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=[s.jumlah[p] for p in PredikatPegawai],
            marker_color=[WARNA_PREDIKAT[p] for p in PredikatPegawai],
            text=[fmt.angka(s.jumlah[p]) for p in PredikatPegawai],
            textposition="outside",
            cliponaxis=False,
            hovertext=[f"{p.value}: {fmt.angka(s.jumlah[p])} pegawai" for p in PredikatPegawai],
            hoverinfo="text",
        )
    )
    return _layout(
        fig,
        f"Predikat {s.label} {tahun}: {fmt.angka(s.total)} pegawai dengan evaluasi Final",
        360,
        xaxis={"title": None, "type": "category", "tickangle": 0, "tickfont": {"size": 11}},
        yaxis={"title": "Jumlah pegawai", "rangemode": "tozero"},
        bargap=0.25,
    )
