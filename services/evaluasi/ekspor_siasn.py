"""Ekspor SIASN (docs/domain.md §8.34): a year's Final evaluations per NIP in the fields of SIASN's SKP 2022
record (``/skp22/save``: the annual result) and kinerja periodik record (``/kinerjaperiodik/save``), as CSV,
XLSX and JSON, for an admin — the whole instansi or a unit subtree — so BKPSDM enters nothing twice.

Who is in it: each pegawai whose last Periode SKP of the year (their annual one, :mod:`services.evaluasi.tahunan`)
lies in the chosen units; with them every periodic record of their year, earlier periods (before a mutasi)
included. The export is refused, naming each record, while one of those evaluations is still Draft or a
pegawai has two annual evaluations for the year. Pegawai without a Final annual evaluation are listed apart.
SIASN's referensi ids (perilakuDanKinerja, kuadranNilai, periodik, koefisien) are not published: the file
carries the official labels under SIASN's text field names (hasilKinerja, perilakuKerja, kuadranKinerja).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import StatusEvaluasi
from db.models import SKP, EvaluasiKinerja, Pegawai, PeriodeSKP, UnitKerja
from services.evaluasi.periode_evaluasi import BULAN_PERIODE, TAHUNAN, bulan_evaluasi, label_periode
from services.evaluasi.populasi import pilih_periode, tanggal_penentu
from services.platform import format as fmt
from services.platform.access import Actor, Operator, require_admin_or_operator, subtree_unit_ids
from services.platform.errors import ValidationError
from services.platform.spreadsheet import csv_text, xlsx_bytes

_PEGAWAI = ("nipPns", "namaPns", "jabatanPns", "unorPns")
_PENILAI = ("penilaiNipNrp", "penilaiNama", "penilaiJabatan", "penilaiUnorNama", "penilaiGolongan", "statusPenilai")
_ATASAN = (
    "atasanPenilaiNipNrp",
    "atasanPenilaiNama",
    "atasanPenilaiJabatan",
    "atasanPenilaiUnorNama",
    "atasanPenilaiGolongan",
    "statusAtasanPenilai",
)
_NILAI = ("hasilKinerja", "perilakuKerja", "kuadranKinerja")
#: The SKP 2022 (annual) record, one per NIP and year.
KOLOM_TAHUNAN = ("tahun", *_PEGAWAI, *_PENILAI, *_ATASAN, *_NILAI)
#: The kinerja periodik record, one per NIP and evaluation period of each Periode SKP.
KOLOM_PERIODIK = (
    "tahun",
    "periode",
    "bulanMulaiPenilaian",
    "tahunMulaiPenilaian",
    "bulanSelesaiPenilaian",
    "tahunSelesaiPenilaian",
    *_PEGAWAI,
    *_PENILAI,
    *_NILAI,
)
JENIS = {"tahunan": ("SKP 2022 (Tahunan)", KOLOM_TAHUNAN), "periodik": ("Kinerja Periodik", KOLOM_PERIODIK)}
MIME = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class EksporSiasn:
    tahun: int
    unit: str | None  # None: every unit
    tahunan: list[dict]
    periodik: list[dict]
    tanpa_tahunan: list[str]  # "NIP Nama": in scope, no Final annual evaluation yet


@dataclass(frozen=True)
class _Orang:
    nip: str
    nama: str
    jabatan: str
    unor: str
    golongan: str
    penilai_id: int | None
    asn: bool  # a Kepala Daerah is not

    def kolom(self, names: tuple[str, ...]) -> dict:
        values = (self.nip, self.nama, self.jabatan, self.unor, self.golongan, "ASN" if self.asn else "NON ASN")
        return dict(zip(names, values, strict=True))


class _Baris:
    """Builds the records of one year; the penilai and atasan penilai are read once per person and period."""

    def __init__(self, session: Session, tahun: int) -> None:
        self.session, self.tahun = session, tahun
        self.periode: dict[int, list[PeriodeSKP]] = defaultdict(list)
        for p in session.scalars(select(PeriodeSKP).where(PeriodeSKP.tahun == tahun)):
            self.periode[p.pegawai_id].append(p)
        self.cache: dict[tuple[int, str], _Orang] = {}

    def orang(self, pegawai_id: int, kode: str) -> _Orang:
        """NIP, name, jabatan, unor, golongan and own penilai on the evaluation period's last day (from the
        period holding it, else the live record)."""
        key = (pegawai_id, kode)
        if key not in self.cache:
            pegawai = self.session.get_one(Pegawai, pegawai_id)
            periode = pilih_periode(self.periode[pegawai_id], tanggal_penentu(self.tahun, kode)).get(pegawai_id)
            asn = not pegawai.is_kepala_daerah
            if periode is not None:
                jabatan, unor, golongan = periode.jabatan, periode.unit_kerja_nama, periode.pangkat_golongan
                self.cache[key] = _Orang(
                    pegawai.nip, pegawai.nama, jabatan, unor, golongan or "", periode.penilai_id, asn
                )
            else:
                jabatan, unor, golongan = pegawai.jabatan, pegawai.unit_kerja.nama, pegawai.pangkat_golongan
                self.cache[key] = _Orang(
                    pegawai.nip, pegawai.nama, jabatan, unor, golongan or "", pegawai.atasan_id, asn
                )
        return self.cache[key]

    def kolom_orang(self, names: tuple[str, ...], pegawai_id: int | None, kode: str) -> tuple[dict, int | None]:
        """The columns of a penilai or atasan penilai (empty when there is none) and that person's own penilai."""
        if pegawai_id is None:
            return dict.fromkeys(names, ""), None
        orang = self.orang(pegawai_id, kode)
        return orang.kolom(names), orang.penilai_id

    def __call__(self, ev: EvaluasiKinerja, periode: PeriodeSKP, pegawai: Pegawai) -> dict:
        kode = ev.periode_evaluasi
        row: dict = {"tahun": periode.tahun}
        if kode != TAHUNAN:
            bulan = bulan_evaluasi(kode, periode)
            row |= {
                "periode": label_periode(kode),
                "bulanMulaiPenilaian": bulan[0],
                "tahunMulaiPenilaian": periode.tahun,
                "bulanSelesaiPenilaian": bulan[-1],
                "tahunSelesaiPenilaian": periode.tahun,
            }
        identitas = (pegawai.nip, pegawai.nama, periode.jabatan, periode.unit_kerja_nama)
        row |= dict(zip(_PEGAWAI, identitas, strict=True))
        penilai, atasan_id = self.kolom_orang(_PENILAI, ev.penilai_id or periode.penilai_id, kode)
        row |= penilai
        if kode == TAHUNAN:
            row |= self.kolom_orang(_ATASAN, atasan_id, kode)[0]
        assert ev.rating_hasil_kerja and ev.rating_perilaku_kerja and ev.predikat, "a Final evaluation has all three"
        nilai = (ev.rating_hasil_kerja.value, ev.rating_perilaku_kerja.value, ev.predikat.value)
        return row | dict(zip(_NILAI, nilai, strict=True))


def _urut(ev: EvaluasiKinerja) -> int:
    return list(BULAN_PERIODE).index(ev.periode_evaluasi) if ev.periode_evaluasi in BULAN_PERIODE else 99


def kumpulkan(session: Session, actor: Actor | Operator, tahun: int, unit_id: int | None = None) -> EksporSiasn:
    """The records of the year (admin or the operator; ``unit_id`` None: every unit), after the Draft and duplicate
    checks."""
    require_admin_or_operator(actor)
    if isinstance(tahun, bool) or not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        raise ValidationError("Tahun tidak valid.")
    baris = _Baris(session, tahun)
    terakhir = pilih_periode((p for ps in baris.periode.values() for p in ps), date(tahun, 12, 31))
    units = set(subtree_unit_ids(session, unit_id)) if unit_id is not None else None
    dalam = {pid for pid, p in terakhir.items() if units is None or p.unit_kerja_id in units}
    kepala_daerah = set(session.scalars(select(Pegawai.id).where(Pegawai.is_kepala_daerah.is_(True))))
    dalam -= kepala_daerah
    rows = session.execute(
        select(EvaluasiKinerja, PeriodeSKP, Pegawai)
        .join(SKP, EvaluasiKinerja.skp_id == SKP.id)
        .join(PeriodeSKP, SKP.periode_id == PeriodeSKP.id)
        .join(Pegawai, PeriodeSKP.pegawai_id == Pegawai.id)
        .where(PeriodeSKP.tahun == tahun, PeriodeSKP.pegawai_id.in_(dalam))
        .order_by(Pegawai.nip, PeriodeSKP.tanggal_mulai)
    ).all()
    _periksa(rows, tahun)
    tahunan: list[dict] = []
    periodik: list[dict] = []
    for ev, periode, pegawai in sorted(rows, key=lambda r: (r[2].nip, r[1].tanggal_mulai, _urut(r[0]))):
        if ev.status != StatusEvaluasi.FINAL:
            continue
        (tahunan if ev.periode_evaluasi == TAHUNAN else periodik).append(baris(ev, periode, pegawai))
    punya = {r["nipPns"] for r in tahunan}
    orang = [terakhir[pid].pegawai for pid in dalam]
    tanpa = sorted(f"{p.nip} {p.nama}" for p in orang if p.nip not in punya)
    unit = session.get_one(UnitKerja, unit_id).nama if unit_id is not None else None
    return EksporSiasn(tahun, unit, tahunan, periodik, tanpa)


def _periksa(rows, tahun: int) -> None:
    """Refuse a Draft record or two annual records for one NIP, naming every one of them."""
    masalah = [
        f"{pegawai.nip} {pegawai.nama} — {label_periode(ev.periode_evaluasi)} "
        f"({fmt.rentang(periode.tanggal_mulai, periode.tanggal_akhir)}) masih Draft"
        for ev, periode, pegawai in rows
        if ev.status == StatusEvaluasi.DRAFT
    ]
    tahunan = defaultdict(list)
    for ev, periode, pegawai in rows:
        if ev.periode_evaluasi == TAHUNAN:
            tahunan[(pegawai.nip, pegawai.nama)].append(periode)
    for (nip, nama), daftar in sorted(tahunan.items()):
        if len(daftar) > 1:
            rentang = ", ".join(fmt.rentang(p.tanggal_mulai, p.tanggal_akhir) for p in daftar)
            masalah.append(f"{nip} {nama} — {len(daftar)} Evaluasi Tahunan {tahun} ({rentang})")
    if masalah:
        raise ValidationError(
            "Ekspor SIASN ditolak: selesaikan dahulu (Finalkan, atau buka kembali dan hapus rangkap) — "
            + "; ".join(masalah)
            + "."
        )


def berkas(data: EksporSiasn, format: str, jenis: str = "tahunan") -> bytes:
    """CSV (one record kind, ``jenis``), XLSX (both, a sheet each) or JSON (both: ``skp22``, ``kinerjaPeriodik``)."""
    if format == "xlsx":
        return xlsx_bytes(
            {
                JENIS["tahunan"][0]: (KOLOM_TAHUNAN, [[r[k] for k in KOLOM_TAHUNAN] for r in data.tahunan]),
                JENIS["periodik"][0]: (KOLOM_PERIODIK, [[r[k] for k in KOLOM_PERIODIK] for r in data.periodik]),
            }
        )
    if format == "json":
        isi = {"tahun": data.tahun, "skp22": data.tahunan, "kinerjaPeriodik": data.periodik}
        return json.dumps(isi, ensure_ascii=False, indent=2).encode("utf-8")
    if format == "csv" and jenis in JENIS:
        kolom = JENIS[jenis][1]
        rows = data.tahunan if jenis == "tahunan" else data.periodik
        return csv_text(kolom, [[r[k] for k in kolom] for r in rows]).encode("utf-8")
    raise ValidationError("Format ekspor tidak dikenal.")


def nama_berkas(data: EksporSiasn, format: str, jenis: str = "tahunan") -> str:
    slug = "".join(c if c.isalnum() else "-" for c in (data.unit or "semua-unit").lower()).strip("-")[:40]
    bagian = f"-{jenis}" if format == "csv" else ""
    return f"siasn-{slug}-{data.tahun}{bagian}.{format}"
