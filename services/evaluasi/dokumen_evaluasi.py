"""Dokumen Evaluasi Kinerja Pegawai (PermenPANRB 6/2022, lampiran): one pegawai, one evaluation
period, in the house layout of services.platform.pdf — kop, periode, the pegawai and pejabat penilai blocks,
capaian kinerja organisasi, Hasil Kerja with realisasi and umpan balik, Rating Hasil Kerja, Perilaku
Kerja with ekspektasi and umpan balik, Rating Perilaku Kerja, Predikat, the unit's distribution drawn
as plain bars (no plotly image export: that needs a browser), signatures.

Who may print: the period's penilai and an admin at any state (a Draft is marked as such); the
pegawai once the evaluation is Final (:func:`services.evaluasi.evaluasi_kinerja.detail` enforces it)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import PredikatPegawai, StatusEvaluasi
from db.models import SKP, RealisasiBulanan
from services.evaluasi import evaluasi_kinerja as evaluasi
from services.evaluasi import kurva, umpan_balik_perilaku
from services.evaluasi.status import get_evaluasi
from services.perencanaan.skp_detail import identitas_penilai, ttd_penilai
from services.platform import format as fmt
from services.platform import settings
from services.platform.access import Actor
from services.platform.kalender import hari_ini
from services.platform.pdf import FONT, Dokumen, Identitas

JUDUL = "Dokumen Evaluasi Kinerja Pegawai"
_BAR_COLOR = {
    PredikatPegawai.SANGAT_BAIK: (22, 101, 52),
    PredikatPegawai.BAIK: (59, 130, 246),
    PredikatPegawai.BUTUH_PERBAIKAN: (234, 179, 8),
    PredikatPegawai.KURANG: (249, 115, 22),
    PredikatPegawai.SANGAT_KURANG: (220, 38, 38),
}


def nama_berkas(nip: str, tahun: int, kode: str) -> str:
    return f"evaluasi-kinerja-{nip}-{tahun}-{kode.lower()}.pdf"


def _umpan_balik(session: Session, indikator_id: int, bulan: list[int]) -> str:
    rows = session.execute(
        select(RealisasiBulanan.bulan, RealisasiBulanan.umpan_balik)
        .where(
            RealisasiBulanan.indikator_id == indikator_id,
            RealisasiBulanan.bulan.in_(bulan),
            RealisasiBulanan.umpan_balik.is_not(None),
        )
        .order_by(RealisasiBulanan.bulan)
    ).all()
    if len(bulan) == 1:
        return (rows[0][1] if rows else None) or "-"
    return "\n".join(f"{fmt.nama_bulan(b)}: {teks}" for b, teks in rows) or "-"


def gambar_kurva(doc: Dokumen, dist: kurva.Distribusi) -> None:
    """Horizontal bars: the share of each predikat among the unit's Final evaluations."""
    label_w, bar_max, row_h = 42, 100, 7
    doc.set_font(FONT, "", 9)
    for p in PredikatPegawai:
        share = dist.persen(p)
        y = doc.get_y()
        doc.cell(label_w, row_h, p.value)
        x = doc.get_x()
        doc.set_draw_color(203, 213, 225)
        doc.rect(x, y + 1.5, bar_max, row_h - 3)
        if share:
            doc.set_fill_color(*_BAR_COLOR[p])
            doc.rect(x, y + 1.5, bar_max * share / 100, row_h - 3, style="F")
        doc.set_xy(x + bar_max + 3, y)
        doc.cell(0, row_h, f"{dist.jumlah.get(p, 0)} pegawai ({fmt.persen(share)})", new_x="LMARGIN", new_y="NEXT")
    doc.set_draw_color(0, 0, 0)
    doc.set_font(FONT, "I", 9)
    if dist.predikat_organisasi is None:
        doc.multi_cell(
            0,
            5,
            "Predikat Kinerja Organisasi belum ditetapkan; kurva distribusi belum dapat diperiksa.",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    else:
        aturan = "; ".join(a.teks for a in dist.aturan)
        doc.multi_cell(
            0,
            5,
            f"Kurva distribusi untuk predikat organisasi {dist.predikat_organisasi.value}: {aturan}.",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        sesuai = "Sebaran predikat pegawai sesuai kurva distribusi." if dist.total else "Belum ada evaluasi Final."
        for teks in dist.pelanggaran or [sesuai]:
            doc.multi_cell(0, 5, teks, new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)


def _baris_nilai(doc: Dokumen, label: str, nilai: str) -> None:
    doc.set_font(FONT, "B", 10)
    doc.cell(60, 7, label)
    doc.cell(0, 7, f": {nilai}", new_x="LMARGIN", new_y="NEXT")


def cetak(session: Session, actor: Actor, skp_id: int, kode: str, today: date | None = None) -> bytes:
    """The PDF of one evaluation."""
    d = evaluasi.detail(session, actor, skp_id, kode)
    skp = session.get_one(SKP, skp_id)  # detail() found it and checked the actor
    periode = skp.periode
    pegawai = skp.pegawai
    today = today or hari_ini()
    dist_counts = kurva.jumlah_predikat(session, periode.unit_kerja_id, periode.tahun, kode)
    dist = kurva.Distribusi(
        periode.unit_kerja_id,
        periode.unit_kerja_nama,
        periode.tahun,
        kode,
        d.predikat_organisasi,
        dist_counts,
        kurva.pelanggaran(d.predikat_organisasi, dist_counts) if d.predikat_organisasi else [],
    )

    doc = Dokumen(JUDUL, settings.ambil(session, "nama_instansi"))
    status = "Final" if d.status == StatusEvaluasi.FINAL else "DRAFT (belum final)"
    doc.keterangan(
        [
            ("Periode Penilaian", d.label),
            ("Periode SKP", f"{fmt.tanggal(periode.tanggal_mulai)} – {fmt.tanggal(periode.tanggal_akhir)}"),
            ("Status", status + (f", {fmt.waktu(d.finalized_at)}" if d.finalized_at else "")),
        ]
    )
    doc.identitas(
        Identitas(pegawai.nama, pegawai.nip, periode.pangkat_golongan, periode.jabatan, periode.unit_kerja_nama),
        identitas_penilai(session, periode),
    )

    doc.subjudul("Capaian Kinerja Organisasi")
    doc.set_font(FONT, "", 10)
    doc.multi_cell(
        0,
        5.5,
        f"Predikat Kinerja Organisasi {periode.unit_kerja_nama}: "
        f"{d.predikat_organisasi.value if d.predikat_organisasi else 'Belum ditetapkan'}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    doc.ln(1)

    doc.subjudul("Hasil Kerja")
    rows = []
    for i, c in enumerate(d.saran.indikator, start=1):
        rows.append(
            (
                i,
                f"{c.rhk} ({c.jenis.value})",
                c.indikator,
                f"{fmt.target(c.target)} {c.satuan}",
                f"{fmt.target(c.realisasi)} {c.satuan}",
                fmt.persen(c.persen),
                _umpan_balik(session, c.indikator_id, d.bulan),
            )
        )
    if rows:
        doc.tabel(
            ["No", "Rencana Hasil Kerja", "Indikator", "Target", "Realisasi", "Capaian", "Umpan Balik"],
            rows,
            [8, 38, 38, 19, 19, 17, 41],
            align=["RIGHT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"],
            font_size=8,
        )
    _baris_nilai(doc, "Rating Hasil Kerja", d.rating_hasil_kerja.value if d.rating_hasil_kerja else "-")
    if d.rating_hasil_wajib is not None:
        doc.set_font(FONT, "I", 9)
        doc.multi_cell(
            0,
            5,
            "Pimpinan unit: Rating Hasil Kerja mengikuti Predikat Kinerja Organisasi.",
            new_x="LMARGIN",
            new_y="NEXT",
        )

    doc.subjudul("Perilaku Kerja")
    perilaku = umpan_balik_perilaku.perilaku(session, actor, skp_id, kode)
    doc.tabel(
        ["No", "Perilaku Kerja", "Ekspektasi Khusus Pimpinan", "Umpan Balik"],
        [
            (
                r.nomor,
                r.nama + "\n" + "\n".join(f"- {p}" for p in r.panduan),
                r.ekspektasi_khusus or "-",
                r.umpan_balik or "-",
            )
            for r in perilaku.rows
        ],
        [8, 72, 50, 50],
        align=["RIGHT", "LEFT", "LEFT", "LEFT"],
        font_size=8,
    )
    _baris_nilai(doc, "Rating Perilaku Kerja", d.rating_perilaku_kerja.value if d.rating_perilaku_kerja else "-")
    _baris_nilai(doc, "Predikat Kinerja Pegawai", d.predikat.value if d.predikat else "-")

    doc.subjudul(f"Kurva Distribusi Predikat Pegawai {periode.unit_kerja_nama}")
    gambar_kurva(doc, dist)

    ev = get_evaluasi(session, skp.id, kode)
    doc.tanda_tangan(
        settings.ambil(session, "tempat_dokumen"),
        today,
        ("Pegawai yang Dinilai", pegawai.nama, pegawai.nip),
        ttd_penilai(
            session, periode, ev.penilai_id if ev else None, (ev.finalized_at or ev.updated_at) if ev else None
        ),
    )
    return doc.to_bytes()
