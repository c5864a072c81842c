"""The signed Penetapan Predikat Kinerja Organisasi of one unit (docs/domain.md §8.35; SE MenPANRB 3/2023: "Format
Penetapan Predikat Kinerja … ditandatangani oleh pimpinan yang berwenang"): the number, the unit and period, the
basis (the leader's Perjanjian Kinerja with each indikator's capaian and where it came from), the predikat set, the
kurva check of the unit's pegawai against it, and the signature block of the pimpinan who set it."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from db.models import Pegawai
from services.evaluasi import kurva
from services.evaluasi.dokumen_evaluasi import gambar_kurva
from services.evaluasi.penetapan_predikat import dasar, periode_pemimpin
from services.platform import format as fmt
from services.platform import settings
from services.platform.access import Actor
from services.platform.errors import ValidationError
from services.platform.kalender import hari_ini
from services.platform.pdf import FONT, Dokumen

JUDUL = "Penetapan Predikat Kinerja Organisasi"


def nama_berkas(unit: str, tahun: int, kode: str) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in unit.lower()).strip("-")[:40] or "unit"
    return f"penetapan-predikat-{slug}-{tahun}-{kode.lower()}.pdf"


def cetak(session: Session, actor: Actor, unit_id: int, tahun: int, kode: str, today: date | None = None) -> bytes:
    """The PDF of a penetapan already made (a unit without a predikat has nothing to sign yet)."""
    d = dasar(session, actor, unit_id, tahun, kode)
    if d.penetapan is None:
        raise ValidationError(f"Predikat Kinerja Organisasi {d.unit} untuk {d.label} belum ditetapkan.")
    penetap = session.get_one(Pegawai, d.penetapan.ditetapkan_oleh_id)
    # The pimpinan who has the authority signs: the leader's penilai (the pimpinan above the unit); when an admin
    # set it on their behalf the document says so. Without a leader, whoever set it.
    periode = periode_pemimpin(session, unit_id, tahun, kode)
    berwenang = session.get(Pegawai, periode.penilai_id) if periode and periode.penilai_id else None
    penanda = berwenang or penetap
    dist = kurva.distribusi(session, actor, unit_id, tahun, kode)

    doc = Dokumen(JUDUL, settings.ambil(session, "nama_instansi"))
    doc.keterangan(
        [
            ("Nomor", d.penetapan.nomor or "-"),
            ("Unit Kerja", d.unit),
            ("Periode", d.label),
            ("Pimpinan Unit", d.pemimpin or "-"),
        ]
        + (
            [("Dicatat oleh", f"{penetap.nama} (NIP {penetap.nip}) atas nama {penanda.nama}")]
            if penanda != penetap
            else []
        )
    )
    doc.subjudul("Dasar: Capaian Perjanjian Kinerja")
    if d.indikator:
        doc.tabel(
            ["No", "Sasaran Strategis", "Indikator", "Target", "Realisasi", "Capaian", "Sumber"],
            [
                (
                    n,
                    f"{i.sasaran} ({i.perspektif})",
                    i.indikator,
                    f"{fmt.target(i.target)} {i.satuan}",
                    f"{fmt.target(i.realisasi)} {i.satuan}" if i.realisasi is not None else "-",
                    fmt.persen(i.capaian_persen) if i.capaian_persen is not None else "-",
                    i.sumber,
                )
                for n, i in enumerate(d.indikator, start=1)
            ],
            [8, 60, 42, 18, 18, 16, 18],
            align=["RIGHT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"],
            font_size=8,
        )
    doc.set_font(FONT, "", 10)
    capaian = d.penetapan.capaian_persen
    doc.multi_cell(
        0,
        5.5,
        f"Rata-rata capaian pada saat penetapan: {fmt.persen(capaian) if capaian is not None else '-'}. "
        f"Saran SIPIJAR: {d.saran.value if d.saran else '-'} — {d.alasan}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    doc.ln(2)
    doc.set_font(FONT, "B", 11)
    doc.multi_cell(
        0,
        7,
        f"Predikat Kinerja Organisasi {d.unit} {d.label} ditetapkan: {d.penetapan.predikat.value}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    doc.subjudul("Pemeriksaan Kurva Distribusi Predikat Pegawai")
    gambar_kurva(doc, dist)
    doc.tanda_tangan(
        settings.ambil(session, "tempat_dokumen"),
        today or hari_ini(),
        None,
        ("Yang menetapkan,\n" + penanda.jabatan, penanda.nama, penanda.nip),
    )
    return doc.to_bytes()
