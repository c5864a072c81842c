"""Ketidakhadiran: cuti, sakit, dinas luar, tugas belajar and izin per pegawai and date range (docs/domain.md
§7, §8.25). The kinds named by the setting ``ketidakhadiran_mengurangi`` take their days out of the pegawai's
hari kerja, and so out of menit efektif (services/aktivitas/capaian.py).

The admin records them (here, or by file: :mod:`services.organisasi.ketidakhadiran_impor`); every rule of one
record is :func:`periksa`, shared by the screen and the import. A record of a reducing kind is refused over
days on which the pegawai already has activities that count or may still count (not Ditolak): a day taken out
of hari kerja must not bring validated minutes too, and which of the two is wrong only the admin can say."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from db.enums import JenisKetidakhadiran, StatusAktivitas
from db.models import AktivitasHarian, Ketidakhadiran, Pegawai
from services.platform import format as fmt
from services.platform import settings
from services.platform.access import Actor, require_admin
from services.platform.errors import ValidationError
from services.platform.kalender import TAHUN_MAX, TAHUN_MIN
from services.platform.konkurensi import cek_versi, flush_atau_konflik, kunci_pegawai
from services.platform.masukan import teks_bebas
from services.platform.perubahan import BarisTercatat

#: The longest record: a year (cuti besar and cuti melahirkan are at most three months; a tugas belajar of
#: several years is recorded per year, so no typo such as 2062 for 2026 takes a pegawai out for decades).
BATAS_HARI = 366
KETERANGAN_MAX = 300
_TAMPIL_TANGGAL = 5  # dates named in a refusal before "dan N tanggal lain"

CATATAN = BarisTercatat(
    Ketidakhadiran,
    "ketidakhadiran",
    ("pegawai_id", "jenis", "tanggal_mulai", "tanggal_akhir", "keterangan"),
    "Catatan ketidakhadiran tidak ditemukan; mungkin sudah dihapus.",
)
KONFLIK = "Catatan ketidakhadiran ini diubah atau dihapus orang lain sejak Anda membukanya; muat ulang halaman."


class KetidakhadiranDitolak(ValidationError):
    """A refused record; ``kolom`` names the import column at fault, ``bentrok_id`` the record it overlaps."""

    def __init__(self, kolom: str, message: str, bentrok_id: int | None = None):
        super().__init__(message)
        self.kolom, self.bentrok_id = kolom, bentrok_id


@dataclass(frozen=True)
class KetidakhadiranInput:
    """What the admin's form (or one import row) sends."""

    pegawai_id: int | None
    jenis: JenisKetidakhadiran | str | None
    tanggal_mulai: date | None
    tanggal_akhir: date | None
    keterangan: str | None = None


def jenis_mengurangi(session: Session) -> set[JenisKetidakhadiran]:
    """The kinds whose days are not hari kerja (the setting ``ketidakhadiran_mengurangi``)."""
    return {JenisKetidakhadiran(v) for v in settings.ambil(session, "ketidakhadiran_mengurangi")}


def baca_jenis(value: JenisKetidakhadiran | str | None) -> JenisKetidakhadiran:
    """A kind from the enum or its label, without case ("cuti tahunan")."""
    if isinstance(value, JenisKetidakhadiran):
        return value
    teks = " ".join(str(value or "").split()).lower()
    for jenis in JenisKetidakhadiran:
        if jenis.value.lower() == teks:
            return jenis
    if not teks:
        raise KetidakhadiranDitolak("jenis", "Jenis ketidakhadiran wajib diisi.")
    raise KetidakhadiranDitolak(
        "jenis",
        f'Jenis ketidakhadiran "{str(value).strip()[:50]}" tidak dikenal. Isi salah satu: '
        f"{', '.join(JenisKetidakhadiran.values())}.",
    )


def _daftar_tanggal(tanggal: list[date]) -> str:
    teks = ", ".join(fmt.tanggal(t) for t in tanggal[:_TAMPIL_TANGGAL])
    lain = len(tanggal) - _TAMPIL_TANGGAL
    return teks + (f" dan {lain} tanggal lain" if lain > 0 else "")


def _pegawai(session: Session, pegawai_id: int | None) -> Pegawai:
    pegawai = session.get(Pegawai, pegawai_id) if pegawai_id is not None else None
    if pegawai is None:
        raise KetidakhadiranDitolak("nip", "Pegawai tidak ditemukan.")
    if not pegawai.aktif:
        raise KetidakhadiranDitolak("nip", f"{pegawai.nama} ({pegawai.nip}) tidak aktif; ketidakhadiran tidak dicatat.")
    return pegawai


def _rentang(mulai: date | None, akhir: date | None) -> tuple[date, date]:
    if mulai is None:
        raise KetidakhadiranDitolak("tanggal_mulai", "Tanggal mulai wajib diisi.")
    if akhir is None:
        raise KetidakhadiranDitolak("tanggal_akhir", "Tanggal akhir wajib diisi.")
    if not (TAHUN_MIN <= mulai.year <= TAHUN_MAX and TAHUN_MIN <= akhir.year <= TAHUN_MAX):
        raise KetidakhadiranDitolak("tanggal_mulai", f"Tanggal harus di antara tahun {TAHUN_MIN} dan {TAHUN_MAX}.")
    if akhir < mulai:
        raise KetidakhadiranDitolak(
            "tanggal_akhir",
            f"Tanggal akhir ({fmt.tanggal(akhir)}) tidak boleh sebelum tanggal mulai ({fmt.tanggal(mulai)}).",
        )
    if (akhir - mulai).days + 1 > BATAS_HARI:
        raise KetidakhadiranDitolak(
            "tanggal_akhir",
            f"Rentang {fmt.rentang(mulai, akhir)} lebih dari {BATAS_HARI} hari; periksa tahunnya, atau catat "
            "ketidakhadiran yang lebih panjang (misalnya tugas belajar) per tahun.",
        )
    return mulai, akhir


def periksa(session: Session, data: KetidakhadiranInput, ignore_id: int | None = None) -> dict[str, Any]:
    """Every rule of one record, checked before anything is stored; returns the column values. The pegawai's
    writers are serialised first (an activity saved meanwhile, or a second record, cannot slip past)."""
    pegawai = _pegawai(session, data.pegawai_id)
    jenis = baca_jenis(data.jenis)
    mulai, akhir = _rentang(data.tanggal_mulai, data.tanggal_akhir)
    try:  # no control characters; zero-width-only is no keterangan (docs/domain.md §8.29)
        keterangan = " ".join(teks_bebas(data.keterangan, "Keterangan", KETERANGAN_MAX, wajib=False).split()) or None
    except ValidationError as salah:
        raise KetidakhadiranDitolak("keterangan", salah.message) from salah
    kunci_pegawai(session, pegawai.id)
    k = Ketidakhadiran
    bentrok = session.scalar(
        select(k)
        .where(
            k.pegawai_id == pegawai.id, k.tanggal_mulai <= akhir, k.tanggal_akhir >= mulai, k.id != (ignore_id or -1)
        )
        .order_by(k.tanggal_mulai)
        .limit(1)
    )
    if bentrok is not None:
        raise KetidakhadiranDitolak(
            "tanggal_mulai",
            f"{fmt.rentang(mulai, akhir)} bertumpang tindih dengan {bentrok.jenis.value} {pegawai.nama} "
            f"{fmt.rentang(bentrok.tanggal_mulai, bentrok.tanggal_akhir)}. Satu pegawai tidak boleh memiliki "
            "catatan ketidakhadiran yang tumpang tindih; ubah catatan yang ada.",
            bentrok.id,
        )
    if jenis in jenis_mengurangi(session):
        tanggal = _tanggal_beraktivitas(session, pegawai.id, mulai, akhir)
        if tanggal:
            raise KetidakhadiranDitolak(
                "tanggal_mulai",
                f"{pegawai.nama} sudah mengisi aktivitas harian pada {_daftar_tanggal(tanggal)}. Hari {jenis.value} "
                "tidak dihitung sebagai hari kerja, jadi tidak boleh membawa menit aktivitas. Sesuaikan rentangnya, "
                "atau minta pegawai menghapus aktivitas itu (atau atasan menolaknya) lalu simpan lagi.",
            )
    return dict(pegawai_id=pegawai.id, jenis=jenis, tanggal_mulai=mulai, tanggal_akhir=akhir, keterangan=keterangan)


def _tanggal_beraktivitas(session: Session, pegawai_id: int, mulai: date, akhir: date) -> list[date]:
    """The dates with activities that count or may still count (Menunggu, Tervalidasi)."""
    a = AktivitasHarian
    return list(
        session.scalars(
            select(a.tanggal)
            .where(
                a.pegawai_id == pegawai_id,
                a.tanggal >= mulai,
                a.tanggal <= akhir,
                a.status != StatusAktivitas.DITOLAK,
            )
            .group_by(a.tanggal)
            .order_by(a.tanggal)
        )
    )


def tambah(session: Session, actor: Actor, data: KetidakhadiranInput) -> Ketidakhadiran:
    """Record an absence (admin only, audited)."""
    require_admin(actor)
    return CATATAN.tambah(session, actor, "tambah_ketidakhadiran", Ketidakhadiran(**periksa(session, data)))


def ubah(
    session: Session, actor: Actor, ketidakhadiran_id: int, data: KetidakhadiranInput, *, version: int
) -> Ketidakhadiran:
    """Change a record the admin saw at ``version`` (checked again like a new one)."""
    require_admin(actor)
    row = CATATAN.ambil(session, ketidakhadiran_id)
    cek_versi(row, version, KONFLIK)
    nilai = periksa(session, data, ignore_id=row.id)
    with CATATAN.ubah(session, actor, "ubah_ketidakhadiran", row):
        for kolom, value in nilai.items():
            setattr(row, kolom, value)
        flush_atau_konflik(session, KONFLIK)
    return row


def hapus(session: Session, actor: Actor, ketidakhadiran_id: int, *, version: int) -> None:
    """Delete a record the admin saw at ``version``; its days count as hari kerja again."""
    require_admin(actor)
    row = CATATAN.ambil(session, ketidakhadiran_id)
    cek_versi(row, version, KONFLIK)
    CATATAN.hapus(session, actor, "hapus_ketidakhadiran", row)


@dataclass(frozen=True)
class Tercatat:
    """One of the pegawai's own records, as Aktivitas Harian marks it."""

    jenis: JenisKetidakhadiran
    tanggal_mulai: date
    tanggal_akhir: date
    mengurangi: bool

    def keterangan(self) -> str:
        """Cuti Tahunan: 10–12 Maret 2026 (tidak dihitung hari kerja)"""
        akibat = "tidak dihitung hari kerja" if self.mengurangi else "tetap dihitung hari kerja"
        return f"{self.jenis.value}: {fmt.rentang(self.tanggal_mulai, self.tanggal_akhir)} ({akibat})"


def tercatat(session: Session, pegawai_id: int, mulai: date, akhir: date) -> list[Tercatat]:
    """The pegawai's records touching ``mulai``–``akhir``, every kind, by date. The caller checks who may
    see them (services/aktivitas/harian.py)."""
    k = Ketidakhadiran
    mengurangi = jenis_mengurangi(session)
    rows = session.scalars(
        select(k)
        .where(k.pegawai_id == pegawai_id, k.tanggal_mulai <= akhir, k.tanggal_akhir >= mulai)
        .order_by(k.tanggal_mulai)
    )
    return [Tercatat(r.jenis, r.tanggal_mulai, r.tanggal_akhir, r.jenis in mengurangi) for r in rows]


def hari_tidak_hadir(
    session: Session, mulai: date, akhir: date, pegawai_ids: Iterable[int] | Select | None = None
) -> dict[int, set[date]]:
    """The dates from ``mulai`` to ``akhir`` on which each pegawai (all, or those named: ids or a SELECT of
    ids) is absent for a kind that reduces hari kerja. Weekends and hari libur are included as recorded;
    callers intersect with their hari kerja."""
    mengurangi = settings.ambil(session, "ketidakhadiran_mengurangi")
    if not mengurangi:
        return {}
    k = Ketidakhadiran
    query = select(k.pegawai_id, k.tanggal_mulai, k.tanggal_akhir).where(
        k.jenis.in_(mengurangi), k.tanggal_mulai <= akhir, k.tanggal_akhir >= mulai
    )
    if pegawai_ids is not None:
        query = query.where(k.pegawai_id.in_(pegawai_ids if isinstance(pegawai_ids, Select) else list(pegawai_ids)))
    hasil: dict[int, set[date]] = defaultdict(set)
    for pid, dari, sampai in session.execute(query):
        hari = max(dari, mulai)
        while hari <= min(sampai, akhir):
            hasil[pid].add(hari)
            hari += timedelta(days=1)
    return dict(hasil)


def bentrok_aktivitas(session: Session, jenis: Iterable[JenisKetidakhadiran]) -> list[tuple[str, date]]:
    """(nama, tanggal) of activities (not Ditolak) on days of the records of ``jenis``, by date: what would
    bring minutes on a day out of hari kerja if those kinds started to reduce it (the settings form)."""
    k, a = Ketidakhadiran, AktivitasHarian
    rows = session.execute(
        select(Pegawai.nama, a.tanggal)
        .join(k, (k.pegawai_id == a.pegawai_id) & (a.tanggal >= k.tanggal_mulai) & (a.tanggal <= k.tanggal_akhir))
        .join(Pegawai, Pegawai.id == a.pegawai_id)
        .where(k.jenis.in_(list(jenis)), a.status != StatusAktivitas.DITOLAK)
        .group_by(Pegawai.nama, a.tanggal)
        .order_by(a.tanggal, Pegawai.nama)
        .limit(_TAMPIL_TANGGAL + 1)
    )
    return [(nama, tanggal) for nama, tanggal in rows]
