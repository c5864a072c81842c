"""Log once: a pegawai's (or a unit's) validated Aktivitas Harian of a date range in the fields of BKN e-Kinerja's
"Tambah Progress Harian" form — rencana aksi (the RHK), tanggal, jam mulai, jam selesai, kegiatan, realisasi (a
whole number), satuan, link bukti dukung (docs/domain.md §7 "SIASN records", §8.33) — as CSV or XLSX, so nobody
types a day twice. Shared by the Aktivitas Harian page and ``sipijar ekspor-ekinerja``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import StatusAktivitas
from db.models import AktivitasHarian, Pegawai, RencanaHasilKerja, UnitKerja
from services.platform import format as fmt
from services.platform.access import (
    Actor,
    Operator,
    require_admin_or_operator,
    require_pimpinan_of_unit,
    subtree_unit_ids,
)
from services.platform.errors import TidakDitemukan, ValidationError
from services.platform.spreadsheet import csv_text, xlsx_bytes

#: BKN's form, field by field, and who the row is (a unit's file holds many pegawai).
JUDUL_KOLOM = (
    "NIP",
    "Nama",
    "Rencana Aksi (Rencana Hasil Kerja)",
    "Tanggal",
    "Jam Mulai",
    "Jam Selesai",
    "Kegiatan",
    "Realisasi",
    "Satuan",
    "Link Bukti Dukung",
    "Catatan",
)
FORMATS = ("csv", "xlsx")
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: A pegawai's own file may cover a year; a unit's one month, so a whole OPD's file stays a file one can open.
HARI_MAKS_PEGAWAI = 366
HARI_MAKS_UNIT = 31


@dataclass(frozen=True)
class BarisProgres:
    """One activity as e-Kinerja's "Tambah Progress Harian" asks for it."""

    nip: str
    nama: str
    rencana_aksi: str
    tanggal: date
    jam_mulai: str
    jam_selesai: str
    kegiatan: str
    realisasi: int
    satuan: str
    bukti: str
    catatan: str

    def sel(self) -> tuple:
        return (
            self.nip,
            self.nama,
            self.rencana_aksi,
            self.tanggal.isoformat(),
            self.jam_mulai,
            self.jam_selesai,
            self.kegiatan,
            self.realisasi,
            self.satuan,
            self.bukti,
            self.catatan,
        )


def realisasi_bulat(volume: Decimal) -> tuple[int, str]:
    """e-Kinerja takes a whole number: the volume rounded half-up, and at least 1 (an output was delivered); the
    note says so whenever the number differs from the volume."""
    bulat = max(1, int(volume.to_integral_value(rounding=ROUND_HALF_UP)))
    if Decimal(bulat) == volume:
        return bulat, ""
    return bulat, f"Volume {fmt.angka(volume, 2)} dibulatkan menjadi {bulat}."


def periksa_rentang(mulai: date | None, akhir: date | None, hari_maks: int) -> tuple[date, date]:
    if mulai is None or akhir is None:
        raise ValidationError("Tanggal awal dan tanggal akhir wajib diisi.")
    if akhir < mulai:
        raise ValidationError("Tanggal akhir tidak boleh sebelum tanggal awal.")
    if (akhir - mulai).days + 1 > hari_maks:
        raise ValidationError(f"Rentang ekspor paling panjang {hari_maks} hari; persempit rentangnya.")
    return mulai, akhir


def _baris(session: Session, pegawai_ids: Sequence[int] | None, unit_ids: Sequence[int] | None, mulai, akhir):
    query = (
        select(AktivitasHarian, Pegawai.nip, Pegawai.nama, RencanaHasilKerja.teks)
        .join(Pegawai, Pegawai.id == AktivitasHarian.pegawai_id)
        .outerjoin(RencanaHasilKerja, RencanaHasilKerja.id == AktivitasHarian.rhk_id)
        .where(
            AktivitasHarian.status == StatusAktivitas.TERVALIDASI,
            AktivitasHarian.tanggal >= mulai,
            AktivitasHarian.tanggal <= akhir,
        )
        .order_by(Pegawai.nama, Pegawai.nip, AktivitasHarian.tanggal, AktivitasHarian.jam_mulai)
    )
    if pegawai_ids is not None:
        query = query.where(AktivitasHarian.pegawai_id.in_(pegawai_ids))
    if unit_ids is not None:
        query = query.where(Pegawai.unit_kerja_id.in_(unit_ids))
    hasil = []
    for a, nip, nama, rhk in session.execute(query):
        realisasi, catatan = realisasi_bulat(Decimal(a.volume))
        hasil.append(
            BarisProgres(
                nip,
                nama,
                rhk or "",
                a.tanggal,
                a.jam_mulai.strftime("%H:%M"),
                a.jam_selesai.strftime("%H:%M"),
                a.aktivitas,
                realisasi,
                a.satuan,
                a.bukti_link or "",
                catatan,
            )
        )
    return hasil


def progres_pegawai(
    session: Session, actor: Actor | Operator, nip: str, mulai: date | None, akhir: date | None
) -> list[BarisProgres]:
    """The pegawai's validated activities of the range: their own, or anyone's for an admin or the operator."""
    pegawai = session.scalar(select(Pegawai).where(Pegawai.nip == (nip or "").strip()))
    if pegawai is None:
        raise TidakDitemukan(f"Pegawai dengan NIP {nip} tidak ditemukan.")
    if not (isinstance(actor, Actor) and actor.pegawai_id == pegawai.id):
        require_admin_or_operator(actor)
    mulai, akhir = periksa_rentang(mulai, akhir, HARI_MAKS_PEGAWAI)
    return _baris(session, [pegawai.id], None, mulai, akhir)


def progres_unit(
    session: Session, actor: Actor | Operator, unit_nama: str, mulai: date | None, akhir: date | None
) -> list[BarisProgres]:
    """Every pegawai of the unit and the units below it: for its pimpinan, an admin or the operator."""
    unit = session.scalar(select(UnitKerja).where(UnitKerja.nama == (unit_nama or "").strip()))
    if unit is None:
        raise TidakDitemukan(f'Unit kerja "{unit_nama}" tidak ditemukan.')
    if isinstance(actor, Actor):
        require_pimpinan_of_unit(session, actor, unit.id)
    else:
        require_admin_or_operator(actor)
    mulai, akhir = periksa_rentang(mulai, akhir, HARI_MAKS_UNIT)
    return _baris(session, None, subtree_unit_ids(session, unit.id), mulai, akhir)


def berkas(rows: Iterable[BarisProgres], format: str) -> bytes:
    """The rows as CSV (UTF-8 with BOM, for Excel) or XLSX; NIP and times stay text, formulas are neutralised."""
    rows = list(rows)
    if format == "csv":
        return csv_text(JUDUL_KOLOM, (r.sel() for r in rows)).encode("utf-8-sig")
    if format == "xlsx":
        return xlsx_bytes({"Progress Harian": (JUDUL_KOLOM, (r.sel() for r in rows))})
    raise ValidationError("Format ekspor harus csv atau xlsx.")


def nama_berkas(siapa: str, mulai: date, akhir: date, format: str) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in siapa.lower()).strip("-")[:40] or "pegawai"
    return f"ekinerja-progress-harian-{slug}-{mulai:%Y%m%d}-{akhir:%Y%m%d}.{format}"
