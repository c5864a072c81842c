"""Umpan Balik Berkelanjutan (e-book "Tahapan Umpan Balik Berkelanjutan", docs/domain.md §3.12).

Tab Hasil Kerja: per indikator of the pegawai's ditetapkan SKP and per month of the Periode, the
pegawai fills Realisasi, Sumber Data and Bukti Dukung (http/https links, :mod:`services.platform.tautan`),
"Simpan"; the penilai of the period writes the umpan balik per row. Both are refused once an Evaluasi
Kinerja covering that month is Final. Saves carry the version the screen showed (optimistic locking):
a stale save raises :class:`~services.platform.errors.KonflikData`.

Capaian beside each row: the month's realisasi ÷ target bulanan, and the realisasi to date ÷ the
yearly target — for a Kuantitas indikator the sum of the months up to the chosen one, for other aspects
(percentages, not cumulative) the latest filled month up to it. 2 decimals; "-" when the target is 0.

Tab Perilaku Kerja (umpan balik per BerAKHLAK value): :mod:`services.evaluasi.umpan_balik_perilaku`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import Aspek, JenisRHK
from db.models import (
    SKP,
    BuktiDukung,
    IndikatorKinerja,
    Pegawai,
    RealisasiBulanan,
)
from db.models.base import utcnow
from services.evaluasi.peran import PEGAWAI, PENILAI, ambil_skp
from services.evaluasi.periode_evaluasi import bulan_periode_skp
from services.evaluasi.predikat import capaian
from services.evaluasi.realisasi import indikator_skp, jumlah_realisasi, realisasi_terakhir, volume_tervalidasi
from services.evaluasi.status import final_untuk_bulan
from services.organisasi import wewenang
from services.platform import audit
from services.platform import format as fmt
from services.platform.access import Actor
from services.platform.errors import AksesDitolak, TidakDitemukan, ValidationError
from services.platform.kalender import hari_ini
from services.platform.konkurensi import cek_versi, flush_atau_konflik
from services.platform.masukan import teks_bebas
from services.platform.tautan import periksa_tautan_semua

SUMBER_DATA_MAKS = 500
UMPAN_BALIK_MAKS = 2000
REALISASI_MAKS = Decimal("100000000000000")


@dataclass(frozen=True)
class BarisHasilKerja:
    indikator_id: int
    rhk: str
    jenis: JenisRHK
    indikator: str
    aspek: Aspek
    satuan: str
    target_tahunan: Decimal
    target_bulan: Decimal | None
    realisasi: Decimal | None
    realisasi_kumulatif: Decimal | None
    sumber_data: str | None
    bukti: list[str]
    umpan_balik: str | None
    umpan_balik_oleh: str | None
    version: int | None
    volume_tervalidasi: Decimal | None = None  # the month's validated output volumes of Aktivitas Harian

    @property
    def realisasi_usulan(self) -> Decimal | None:
        """What the form starts from: the stored realisasi, else for a Kuantitas indikator the month's validated
        output volumes (docs/domain.md §8.37) — a suggestion the pegawai changes before Simpan."""
        if self.realisasi is not None or self.aspek != Aspek.KUANTITAS:
            return self.realisasi
        return self.volume_tervalidasi

    @property
    def capaian_bulan(self) -> Decimal | None:
        return capaian(self.realisasi, self.target_bulan)

    @property
    def capaian_kumulatif(self) -> Decimal | None:
        return capaian(self.realisasi_kumulatif, self.target_tahunan)


@dataclass(frozen=True)
class HasilKerja:
    skp_id: int
    pegawai: str
    tahun: int
    bulan: int
    bulan_pilihan: list[int]
    peran: str
    terkunci_oleh: str | None  # label of the Final evaluation locking the month
    rows: list[BarisHasilKerja] = field(default_factory=list)

    @property
    def bisa_isi(self) -> bool:
        return self.peran == PEGAWAI and self.terkunci_oleh is None

    @property
    def bisa_umpan_balik(self) -> bool:
        return self.peran == PENILAI and self.terkunci_oleh is None


def _check_bulan(skp: SKP, bulan: int) -> None:
    if bulan not in bulan_periode_skp(skp.periode):
        raise ValidationError("Bulan berada di luar Periode SKP ini.")


def hasil_kerja(session: Session, actor: Actor, skp_id: int, bulan: int) -> HasilKerja:
    """The Hasil Kerja table of one month, for the pegawai, their penilai or an admin."""
    skp, peran = ambil_skp(session, actor, skp_id)
    _check_bulan(skp, bulan)
    indikator = indikator_skp(session, skp.id)
    ids = [i.id for i in indikator]
    rows_bulan = {
        r.indikator_id: r
        for r in session.scalars(
            select(RealisasiBulanan).where(RealisasiBulanan.indikator_id.in_(ids), RealisasiBulanan.bulan == bulan)
        )
    }
    sampai_bulan = list(range(1, bulan + 1))
    sums = jumlah_realisasi(session, ids, sampai_bulan)
    latest = realisasi_terakhir(session, ids, sampai_bulan)
    volume = volume_tervalidasi(session, ids, skp.periode.tahun, bulan)
    names: dict[int | None, str] = dict(
        session.execute(
            select(Pegawai.id, Pegawai.nama).where(
                Pegawai.id.in_([r.umpan_balik_oleh_id for r in rows_bulan.values() if r.umpan_balik_oleh_id])
            )
        ).all()
    )
    rows = []
    for ind in indikator:
        row = rows_bulan.get(ind.id)
        target_bulan = next((t.target for t in ind.target_bulanan if t.bulan == bulan), None)
        if ind.aspek == Aspek.KUANTITAS:
            kumulatif = sums.get(ind.id)
        else:
            kumulatif = latest[ind.id][1] if ind.id in latest else None
        rows.append(
            BarisHasilKerja(
                ind.id,
                ind.rhk.teks,
                ind.rhk.jenis,
                ind.teks,
                ind.aspek,
                ind.satuan,
                ind.target,
                target_bulan,
                row.realisasi if row else None,
                kumulatif,
                row.sumber_data if row else None,
                [b.url for b in row.bukti_dukung] if row else [],
                row.umpan_balik if row else None,
                names.get(row.umpan_balik_oleh_id) if row else None,
                row.version_id if row else None,
                volume.get(ind.id),
            )
        )
    return HasilKerja(
        skp.id,
        skp.pegawai.nama,
        skp.periode.tahun,
        bulan,
        bulan_periode_skp(skp.periode),
        peran,
        final_untuk_bulan(session, skp.id, bulan),
        rows,
    )


def _indikator_of(session: Session, actor: Actor, indikator_id: int) -> tuple[IndikatorKinerja, SKP, str]:
    ind = session.get(IndikatorKinerja, indikator_id)
    if ind is None:
        raise TidakDitemukan("Indikator tidak ditemukan.")
    skp, peran = ambil_skp(session, actor, ind.rhk.skp_id)
    return ind, skp, peran


def _check_terbuka(session: Session, skp: SKP, bulan: int) -> None:
    _check_bulan(skp, bulan)
    label = final_untuk_bulan(session, skp.id, bulan)
    if label:
        raise ValidationError(
            f"Evaluasi Kinerja {label} sudah Final; data bulan {fmt.nama_bulan(bulan)} "
            "terkunci. Minta atasan membuka kembali evaluasi tersebut."
        )


def _row(session: Session, indikator_id: int, bulan: int) -> RealisasiBulanan | None:
    return session.scalar(
        select(RealisasiBulanan).where(RealisasiBulanan.indikator_id == indikator_id, RealisasiBulanan.bulan == bulan)
    )


def baca_realisasi(value) -> Decimal:
    """A number ≥ 0 (int, float, Decimal or text with a decimal comma or point)."""
    if value is None or (isinstance(value, str) and not value.strip()) or isinstance(value, bool):
        raise ValidationError("Realisasi wajib diisi.")
    try:
        number = Decimal(value.strip().replace(",", ".")) if isinstance(value, str) else Decimal(str(value))
    except (InvalidOperation, ValueError):  # ValueError: str() of an int of more than 4300 digits
        raise ValidationError("Realisasi harus berupa angka.") from None
    if not number.is_finite():
        raise ValidationError("Realisasi harus berupa angka.")
    if number < 0:
        raise ValidationError("Realisasi tidak boleh negatif.")
    if number >= REALISASI_MAKS:
        raise ValidationError("Realisasi terlalu besar.")
    return number.quantize(Decimal("0.0001"), rounding="ROUND_HALF_UP")


def simpan_realisasi(
    session: Session,
    actor: Actor,
    indikator_id: int,
    bulan: int,
    realisasi,
    sumber_data: str,
    bukti: str | list[str],
    version: int | None,
    today: date | None = None,
) -> RealisasiBulanan:
    """The pegawai's "Simpan": Realisasi, Sumber Data and Bukti Dukung (links, one per line) of a month.
    Bukti Dukung is required when the realisasi is above 0."""
    ind, skp, peran = _indikator_of(session, actor, indikator_id)
    if peran != PEGAWAI:
        raise AksesDitolak("Hanya pegawai pemilik SKP yang dapat mengisi realisasi.")
    _check_terbuka(session, skp, bulan)
    today = today or hari_ini()
    if date(skp.periode.tahun, bulan, 1) > today:
        raise ValidationError(f"Realisasi bulan {fmt.bulan_tahun(skp.periode.tahun, bulan)} belum dapat diisi.")
    nilai = baca_realisasi(realisasi)
    sumber = teks_bebas(sumber_data, "Sumber Data", SUMBER_DATA_MAKS)
    urls = periksa_tautan_semua(bukti)
    if nilai > 0 and not urls:
        raise ValidationError("Bukti Dukung wajib diisi: minimal satu tautan (http/https).")
    row = _row(session, ind.id, bulan)
    cek_versi(row, version)
    before = (
        None
        if row is None
        else {**audit.snapshot(row, "realisasi", "sumber_data"), "bukti": [b.url for b in row.bukti_dukung]}
    )
    if row is None:
        row = RealisasiBulanan(indikator_id=ind.id, bulan=bulan)
        session.add(row)
    row.realisasi, row.sumber_data, row.updated_at = nilai, sumber, utcnow()
    row.bukti_dukung = [BuktiDukung(url=u) for u in urls]
    flush_atau_konflik(session)
    audit.record(
        session,
        actor,
        "isi_realisasi",
        "realisasi_bulanan",
        row.id,
        before,
        {"indikator_id": ind.id, "bulan": bulan, "realisasi": nilai, "sumber_data": sumber, "bukti": urls},
    )
    return row


def simpan_umpan_balik(
    session: Session, actor: Actor, indikator_id: int, bulan: int, teks: str, version: int | None
) -> RealisasiBulanan:
    """The penilai's umpan balik on one row (empty text clears it)."""
    ind, skp, peran = _indikator_of(session, actor, indikator_id)
    if peran != PENILAI:
        raise AksesDitolak("Hanya atasan langsung (pejabat penilai periode ini) yang dapat memberi umpan balik.")
    _check_terbuka(session, skp, bulan)
    teks = teks_bebas(teks, "Umpan balik", UMPAN_BALIK_MAKS, wajib=False)
    row = _row(session, ind.id, bulan)
    cek_versi(row, version)
    before = None if row is None else {"umpan_balik": row.umpan_balik}
    if row is None:
        row = RealisasiBulanan(indikator_id=ind.id, bulan=bulan)
        session.add(row)
    row.umpan_balik = teks or None
    row.umpan_balik_oleh_id = actor.pegawai_id if teks else None
    row.updated_at = utcnow()
    flush_atau_konflik(session)
    audit.record(
        session,
        actor,
        "umpan_balik_realisasi",
        "realisasi_bulanan",
        row.id,
        before,
        {
            "indikator_id": ind.id,
            "bulan": bulan,
            "umpan_balik": row.umpan_balik,
            **wewenang.sebagai(session, actor, skp.periode.penilai_id),
        },
    )
    return row
