"""Rekap Predikat per unit (XLSX): every pegawai of the unit's Kurva Distribusi (services.evaluasi.populasi)
with a ditetapkan SKP on their periode penentu, their evaluation of the period (status, ratings,
predikat), and a second sheet with the distribution against the Kurva Distribusi. NIP is written as
text (18 digits would lose precision as a number) and every text cell is formula-safe
(services.platform.spreadsheet)."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import PredikatPegawai, StatusSKP
from db.models import SKP, EvaluasiKinerja, Pegawai, PeriodeSKP
from services.evaluasi import kurva, populasi
from services.evaluasi.periode_evaluasi import bulan_evaluasi, label_periode
from services.platform import format as fmt
from services.platform.access import Actor
from services.platform.kalender import hari_ini
from services.platform.spreadsheet import safe_cell

HEADER = (
    "No",
    "NIP",
    "Nama",
    "Jabatan",
    "Unit Kerja",
    "Pejabat Penilai",
    "Status Evaluasi",
    "Rating Hasil Kerja",
    "Rating Perilaku Kerja",
    "Predikat",
)


def nama_berkas(unit: str, tahun: int, kode: str) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in unit.lower()).strip("-")[:40]
    return f"rekap-predikat-{slug}-{tahun}-{kode.lower()}.xlsx"


def rows(session: Session, actor: Actor, unit_id: int, tahun: int, kode: str) -> list[tuple]:
    """The rekap's rows (after the access check of :func:`services.evaluasi.kurva.distribusi`)."""
    kurva.distribusi(session, actor, unit_id, tahun, kode)  # access and input checks
    anggota = [p.id for p in populasi.anggota_kurva(session, unit_id, tahun, kode)]
    result = session.execute(
        select(PeriodeSKP, Pegawai, EvaluasiKinerja)
        .join(SKP, SKP.periode_id == PeriodeSKP.id)
        .join(Pegawai, PeriodeSKP.pegawai_id == Pegawai.id)
        .outerjoin(EvaluasiKinerja, (EvaluasiKinerja.skp_id == SKP.id) & (EvaluasiKinerja.periode_evaluasi == kode))
        .where(PeriodeSKP.id.in_(anggota), SKP.status == StatusSKP.DITETAPKAN)
        .order_by(PeriodeSKP.unit_kerja_nama, Pegawai.nama, PeriodeSKP.tanggal_mulai)
    ).all()
    penilai: dict[int | None, str] = dict(
        session.execute(
            select(Pegawai.id, Pegawai.nama).where(Pegawai.id.in_({p.penilai_id for p, _, _ in result if p.penilai_id}))
        ).all()
    )
    out = []
    for periode, pegawai, ev in result:
        if not bulan_evaluasi(kode, periode):
            continue
        out.append(
            (
                pegawai.nip,
                pegawai.nama,
                periode.jabatan,
                periode.unit_kerja_nama,
                penilai.get(periode.penilai_id, "-"),
                ev.status.value if ev else "Belum dinilai",
                ev.rating_hasil_kerja.value if ev and ev.rating_hasil_kerja else "-",
                ev.rating_perilaku_kerja.value if ev and ev.rating_perilaku_kerja else "-",
                ev.predikat.value if ev and ev.predikat else "-",
            )
        )
    return out


def rekap_xlsx(session: Session, actor: Actor, unit_id: int, tahun: int, kode: str, today: date | None = None) -> bytes:
    dist = kurva.distribusi(session, actor, unit_id, tahun, kode)
    data = rows(session, actor, unit_id, tahun, kode)
    wb = Workbook()
    ws = wb.active
    ws.title = "Rekap Predikat"
    ws.append([safe_cell(f"Rekap Predikat Kinerja Pegawai — {dist.unit}")])
    ws.append(
        [
            safe_cell(
                f"Periode evaluasi: {label_periode(kode)} {tahun}; hanya evaluasi berstatus "
                "Final yang dihitung dalam distribusi"
            )
        ]
    )
    ws.append([])
    ws.append(list(HEADER))
    for cell in ws[4]:
        cell.font = Font(bold=True)
    ws["A1"].font = Font(bold=True, size=13)
    for i, row in enumerate(data, start=1):
        ws.append([i, *(safe_cell(v) for v in row)])
        ws.cell(row=ws.max_row, column=2).number_format = "@"
    for col, width in zip("ABCDEFGHIJ", (5, 21, 32, 38, 36, 30, 16, 22, 22, 20)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A5"

    summary = wb.create_sheet("Distribusi")
    summary.append(
        [
            "Predikat Kinerja Organisasi",
            dist.predikat_organisasi.value if dist.predikat_organisasi else "Belum ditetapkan",
        ]
    )
    summary.append([])
    summary.append(["Predikat Pegawai", "Jumlah", "Persen"])
    for p in PredikatPegawai:
        summary.append([p.value, dist.jumlah.get(p, 0), round(dist.persen(p), 2)])
    summary.append(["Jumlah", dist.total, 100 if dist.total else 0])
    summary.append([])
    summary.append(["Aturan kurva distribusi"])
    for aturan in dist.aturan:
        summary.append([aturan.teks])
    summary.append([])
    summary.append(["Pemeriksaan"])
    if dist.predikat_organisasi is None:
        summary.append(["Predikat Kinerja Organisasi belum ditetapkan."])
    for teks in dist.pelanggaran or (["Sesuai kurva distribusi."] if dist.predikat_organisasi and dist.total else []):
        summary.append([safe_cell(teks)])
    summary.column_dimensions["A"].width = 60
    for row_number in (1, 3):
        for cell in summary[row_number]:
            cell.font = Font(bold=True)
    summary.append([])
    summary.append([f"Dibuat: {fmt.tanggal(today or hari_ini())}"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
