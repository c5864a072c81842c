"""The SKP document ("Cetak" on a ditetapkan SKP): kop, periode, pegawai and pejabat penilai, Hasil
Kerja, Perilaku Kerja with the ekspektasi, place, date and signatures — in the house layout of
services.platform.pdf."""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.enums import JenisRHK, StatusSKP
from db.models import SKP
from services.perencanaan.skp_detail import SkpDetail, detail, ttd_penilai
from services.platform import format as fmt
from services.platform import settings
from services.platform.access import Actor
from services.platform.errors import ValidationError
from services.platform.format import WIB
from services.platform.kalender import hari_ini
from services.platform.pdf import Dokumen

JUDUL = "Sasaran Kinerja Pegawai"


def nama_berkas(d: SkpDetail) -> str:
    return f"SKP-{d.pegawai.nip}-{d.tahun}-{d.tanggal_mulai:%m%d}.pdf"


def _hasil_kerja(doc: Dokumen, d: SkpDetail) -> None:
    header = [
        "No",
        "RHK Atasan yang Diintervensi",
        "Rencana Hasil Kerja",
        "Aspek",
        "Indikator Kinerja Individu",
        "Target",
    ]
    widths = [8, 36, 38, 16, 56, 26]
    if d.plans_like_jpt:
        header.append("Perspektif")
        widths = [8, 28, 34, 15, 50, 23, 22]
    for jenis in JenisRHK:
        rhk = [r for r in d.rhk if r.jenis == jenis]
        if not rhk:
            continue
        doc.subjudul(f"{'A' if jenis == JenisRHK.UTAMA else 'B'}. Hasil Kerja {jenis.value}")
        rows = []
        for r in rhk:
            for k, i in enumerate(r.indikator or [None]):
                row = [
                    str(r.nomor) if k == 0 else "",
                    (r.rhk_atasan or "-") if k == 0 else "",
                    r.teks if k == 0 else "",
                    i.aspek.value if i else "-",
                    i.teks if i else "-",
                    f"{fmt.target(i.target)} {i.satuan}" if i else "-",
                ]
                if d.plans_like_jpt:
                    row.append((r.perspektif.value if r.perspektif else "-") if k == 0 else "")
                rows.append(row)
        doc.tabel(header, rows, widths, font_size=8.5)


def berkas_cetak(d: SkpDetail) -> str | None:
    """The file name for the "Cetak" button; None while the SKP is not yet ditetapkan (the PDF itself is
    made only when the button is clicked)."""
    if d.status != StatusSKP.DITETAPKAN:
        return None
    return nama_berkas(d)


def cetak(session: Session, actor: Actor, skp_id: int) -> bytes:
    """The PDF of a ditetapkan SKP (the pegawai, their penilai or an admin)."""
    d = detail(session, actor, skp_id)
    if d.status != StatusSKP.DITETAPKAN:
        raise ValidationError(
            f"SKP berstatus {d.status.value}; dokumen SKP dapat dicetak setelah ditetapkan oleh atasan."
        )
    doc = Dokumen(JUDUL, settings.ambil(session, "nama_instansi"))
    doc.keterangan([("Periode Penilaian", f"{fmt.tanggal(d.tanggal_mulai)} s.d. {fmt.tanggal(d.tanggal_akhir)}")])
    doc.identitas(d.pegawai, d.penilai)
    doc.subjudul("HASIL KERJA")
    _hasil_kerja(doc, d)
    doc.subjudul("PERILAKU KERJA")
    doc.tabel(
        ["No", "Perilaku Kerja", "Panduan Perilaku", "Ekspektasi Khusus Pimpinan"],
        [[p.nomor, p.nama, "\n".join(f"- {x}" for x in p.panduan), p.ekspektasi or "-"] for p in d.perilaku],
        [8, 34, 78, 60],
        font_size=8.5,
    )
    ditetapkan = d.ditetapkan_at
    if ditetapkan is not None and ditetapkan.tzinfo is not None:
        ditetapkan = ditetapkan.astimezone(WIB)
    tanggal = ditetapkan.date() if ditetapkan else hari_ini()
    skp = session.get_one(SKP, d.skp_id)  # detail() found it and checked the actor
    doc.tanda_tangan(
        settings.ambil(session, "tempat_dokumen"),
        tanggal,
        ("Pegawai yang Dinilai", d.pegawai.nama, d.pegawai.nip),
        ttd_penilai(session, skp.periode, skp.ditetapkan_oleh_id, skp.ditetapkan_at),
    )
    return doc.to_bytes()
