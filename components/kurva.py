"""The Kurva Distribusi chart: the unit's share of each predikat as bars, with the limits of the
organisation's predikat marked on the bars they concern."""

from __future__ import annotations

import plotly.graph_objects as go

from db.enums import PredikatPegawai
from services.evaluasi.kurva import Distribusi

WARNA = {
    PredikatPegawai.SANGAT_BAIK: "#166534",
    PredikatPegawai.BAIK: "#3b82f6",
    PredikatPegawai.BUTUH_PERBAIKAN: "#eab308",
    PredikatPegawai.KURANG: "#f97316",
    PredikatPegawai.SANGAT_KURANG: "#dc2626",
}


def gambar_kurva(dist: Distribusi) -> go.Figure:
    labels = [p.value for p in PredikatPegawai]
    shares = [round(dist.persen(p), 2) for p in PredikatPegawai]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=shares,
            marker_color=[WARNA[p] for p in PredikatPegawai],
            name="Sebaran pegawai",
            text=[f"{dist.jumlah.get(p, 0)} ({s:.1f} %)".replace(".", ",") for p, s in zip(PredikatPegawai, shares)],
            textposition="outside",
            hovertemplate="%{x}: %{y:.2f} %<extra></extra>",
        )
    )
    for aturan in dist.aturan:
        if len(aturan.kategori) != 1 or aturan.persen is None:
            continue  # rules on several predikat together or on a head count are listed in text
        x = aturan.kategori[0].value
        warna = "#b91c1c" if aturan.batas == "maks" else "#15803d"
        fig.add_trace(
            go.Scatter(
                x=[x],
                y=[aturan.persen],
                mode="markers+text",
                name=aturan.teks,
                marker={"symbol": "line-ew", "size": 60, "color": warna, "line": {"width": 3, "color": warna}},
                text=[("maks " if aturan.batas == "maks" else "min ") + f"{aturan.persen} %"],
                textposition="middle right",
                textfont={"color": warna},
                hoverinfo="name",
            )
        )
    fig.update_layout(
        height=380,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        showlegend=False,
        yaxis={"title": "% pegawai", "range": [0, 115], "ticksuffix": " %"},
        xaxis={"title": None},
        title={"text": f"{dist.total} pegawai dengan evaluasi Final", "font": {"size": 14}},
    )
    return fig
