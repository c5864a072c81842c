"""Admin master data: hari libur, katalog aktivitas, pola penugasan, pengaturan and the reopening of
closed months ("Buka Bulan"). Admin only; every change audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import JenisKetidakhadiran
from db.models import HariLibur, KatalogAktivitas, Pegawai, PembukaanBulan, PolaPenugasan
from services.organisasi import ketidakhadiran
from services.platform import audit, kalender, settings
from services.platform import format as fmt
from services.platform.access import Actor, require_admin
from services.platform.errors import TidakDitemukan, ValidationError
from services.platform.kalender import hari_ini
from services.platform.masukan import teks_bebas

NAMA_MAX = 300
POLA_MAX = 200


def _teks(value: str | None, label: str, limit: int) -> str:
    return teks_bebas(value, label, limit)


# --- Hari libur ---------------------------------------------------------------------------------


def hari_libur_tahun(session: Session, actor: Actor, tahun: int) -> list[HariLibur]:
    """All dates of the year, aktif or removed, by date."""
    require_admin(actor)
    return list(
        session.scalars(
            select(HariLibur)
            .where(HariLibur.tanggal >= date(tahun, 1, 1), HariLibur.tanggal <= date(tahun, 12, 31))
            .order_by(HariLibur.tanggal)
        )
    )


def isi_hari_libur_tahun(session: Session, actor: Actor, tahun: int) -> int:
    """Seed the year from the holidays package (dates not yet present; an admin's removal stays). Dates
    added to a confirmed year ask for its confirmation again (docs/domain.md §8.24)."""
    require_admin(actor)
    if not 2000 <= tahun <= 2100:
        raise ValidationError("Tahun tidak valid.")
    jumlah = kalender.pastikan_tahun(session, tahun, actor) + kalender.isi_hari_libur(session, tahun)
    audit.record(session, actor, "isi_hari_libur", "hari_libur", tahun, None, {"tahun": tahun, "jumlah": jumlah})
    if jumlah:
        kalender.cabut_konfirmasi(session, actor, tahun)
    return jumlah


def tambah_hari_libur(session: Session, actor: Actor, tanggal: date, keterangan: str) -> HariLibur:
    """Add a date (e.g. a cuti bersama of the regency), or make a removed date aktif again. The year is
    filled first (so the admin's date joins the national ones) and must be confirmed again."""
    require_admin(actor)
    if tanggal is None:
        raise ValidationError("Tanggal wajib diisi.")
    keterangan = _teks(keterangan, "Keterangan", NAMA_MAX)
    kalender.pastikan_tahun(session, tanggal.year, actor)
    row = session.scalar(select(HariLibur).where(HariLibur.tanggal == tanggal))
    if row is not None and row.aktif:
        raise ValidationError(f"{fmt.tanggal(tanggal)} sudah tercatat sebagai hari libur ({row.keterangan}).")
    before = None if row is None else audit.snapshot(row, "tanggal", "keterangan", "aktif")
    if row is None:
        row = HariLibur(tanggal=tanggal, keterangan=keterangan, sumber="admin", aktif=True)
        session.add(row)
    else:
        row.keterangan, row.aktif = keterangan, True
    session.flush()
    audit.record(
        session,
        actor,
        "tambah_hari_libur",
        "hari_libur",
        row.id,
        before,
        audit.snapshot(row, "tanggal", "keterangan", "aktif"),
    )
    kalender.cabut_konfirmasi(session, actor, tanggal.year)
    return row


def hapus_hari_libur(session: Session, actor: Actor, tanggal: date) -> None:
    """Make a date a working day again (aktif = False, so re-seeding the year does not bring it back); the
    year must be confirmed again."""
    require_admin(actor)
    row = session.scalar(select(HariLibur).where(HariLibur.tanggal == tanggal, HariLibur.aktif))
    if row is None:
        raise TidakDitemukan(f"{fmt.tanggal(tanggal)} bukan hari libur aktif.")
    row.aktif = False
    session.flush()
    audit.record(
        session,
        actor,
        "hapus_hari_libur",
        "hari_libur",
        row.id,
        {"tanggal": tanggal, "aktif": True},
        {"tanggal": tanggal, "aktif": False},
    )
    kalender.cabut_konfirmasi(session, actor, tanggal.year)


# --- Katalog aktivitas --------------------------------------------------------------------------


def katalog_list(session: Session, actor: Actor) -> list[KatalogAktivitas]:
    require_admin(actor)
    return list(
        session.scalars(select(KatalogAktivitas).order_by(KatalogAktivitas.aktif.desc(), KatalogAktivitas.nama))
    )


def _katalog_values(session: Session, nama: str, satuan: str, durasi_menit: int, ignore_id: int | None) -> dict:
    nama = _teks(nama, "Nama aktivitas", NAMA_MAX)
    satuan = _teks(satuan, "Satuan", 100)
    if isinstance(durasi_menit, bool) or not isinstance(durasi_menit, int) or not 1 <= durasi_menit <= 1440:
        raise ValidationError("Durasi harus bilangan bulat antara 1 dan 1440 menit.")
    clash = session.scalar(
        select(KatalogAktivitas).where(KatalogAktivitas.nama == nama, KatalogAktivitas.id != (ignore_id or -1))
    )
    if clash is not None:
        raise ValidationError(f'Aktivitas "{nama}" sudah ada di katalog.')
    return {"nama": nama, "satuan": satuan, "durasi_menit": durasi_menit}


def tambah_katalog(session: Session, actor: Actor, nama: str, satuan: str, durasi_menit: int) -> KatalogAktivitas:
    require_admin(actor)
    row = KatalogAktivitas(**_katalog_values(session, nama, satuan, durasi_menit, None), aktif=True)
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "tambah_katalog",
        "katalog_aktivitas",
        row.id,
        None,
        audit.snapshot(row, "nama", "satuan", "durasi_menit", "aktif"),
    )
    return row


def ubah_katalog(
    session: Session, actor: Actor, katalog_id: int, nama: str, satuan: str, durasi_menit: int, aktif: bool = True
) -> KatalogAktivitas:
    """Edit an entry; ``aktif=False`` deactivates it (past activities keep their text)."""
    require_admin(actor)
    row = session.get(KatalogAktivitas, katalog_id)
    if row is None:
        raise TidakDitemukan("Katalog aktivitas tidak ditemukan.")
    before = audit.snapshot(row, "nama", "satuan", "durasi_menit", "aktif")
    for key, value in _katalog_values(session, nama, satuan, durasi_menit, row.id).items():
        setattr(row, key, value)
    row.aktif = bool(aktif)
    session.flush()
    audit.record(
        session,
        actor,
        "ubah_katalog",
        "katalog_aktivitas",
        row.id,
        before,
        audit.snapshot(row, "nama", "satuan", "durasi_menit", "aktif"),
    )
    return row


# --- Pola penugasan -----------------------------------------------------------------------------


def pola_list(session: Session, actor: Actor) -> list[PolaPenugasan]:
    require_admin(actor)
    return list(session.scalars(select(PolaPenugasan).order_by(PolaPenugasan.aktif.desc(), PolaPenugasan.nama)))


def tambah_pola(session: Session, actor: Actor, nama: str) -> PolaPenugasan:
    require_admin(actor)
    nama = _teks(nama, "Pola penugasan", POLA_MAX)
    if session.scalar(select(PolaPenugasan).where(PolaPenugasan.nama == nama)) is not None:
        raise ValidationError(f'Pola penugasan "{nama}" sudah ada.')
    row = PolaPenugasan(nama=nama, aktif=True)
    session.add(row)
    session.flush()
    audit.record(session, actor, "tambah_pola_penugasan", "pola_penugasan", row.id, None, {"nama": nama})
    return row


def atur_pola_aktif(session: Session, actor: Actor, pola_id: int, aktif: bool) -> PolaPenugasan:
    """Deactivate (or reactivate) a pola; indikator that use it keep it."""
    require_admin(actor)
    row = session.get(PolaPenugasan, pola_id)
    if row is None:
        raise TidakDitemukan("Pola penugasan tidak ditemukan.")
    before = row.aktif
    row.aktif = bool(aktif)
    session.flush()
    audit.record(
        session, actor, "ubah_pola_penugasan", "pola_penugasan", row.id, {"aktif": before}, {"aktif": row.aktif}
    )
    return row


# --- Pengaturan ---------------------------------------------------------------------------------


def simpan_pengaturan(session: Session, actor: Actor, nilai: dict[str, Any]) -> list[str]:
    """Save the changed settings (each validated and audited by services.platform.settings); returns the keys
    that changed. One bad value refuses the whole form."""
    require_admin(actor)
    sekarang = settings.all_settings(session)
    berubah = [key for key, value in nilai.items() if key not in sekarang or sekarang[key] != value]
    if "ketidakhadiran_mengurangi" in berubah:
        _periksa_jenis_mengurangi(session, sekarang["ketidakhadiran_mengurangi"], nilai["ketidakhadiran_mengurangi"])
    for key in berubah:
        settings.setel(session, actor, key, nilai[key])
    return berubah


def _periksa_jenis_mengurangi(session: Session, lama: list[str], baru: object) -> None:
    """A kind that starts to reduce hari kerja may not take out days that hold activities (docs/domain.md §8.25:
    the day would leave hari kerja and keep its minutes). The value itself is checked by settings.setel."""
    if not isinstance(baru, list | tuple):
        return
    tambahan = [JenisKetidakhadiran(v) for v in baru if v in JenisKetidakhadiran.values() and v not in lama]
    bentrok = ketidakhadiran.bentrok_aktivitas(session, tambahan)
    if bentrok:
        contoh = "; ".join(f"{nama} {fmt.tanggal(tanggal)}" for nama, tanggal in bentrok[:5])
        raise ValidationError(
            f"{', '.join(j.value for j in tambahan)} tidak dapat dijadikan pengurang hari kerja: ada aktivitas harian "
            f"pada hari yang tercatat sebagai ketidakhadiran itu ({contoh}"
            + (" dan lainnya" if len(bentrok) > 5 else "")
            + "). Sesuaikan catatan ketidakhadiran atau aktivitasnya terlebih dahulu."
        )


# --- Buka Bulan ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pembukaan:
    id: int
    bulan: str
    pegawai: str
    dibuka_sampai: date
    alasan: str
    dibuka_oleh: str


def buka_bulan(
    session: Session,
    actor: Actor,
    tahun: int,
    bulan: int,
    dibuka_sampai: date,
    alasan: str,
    nip: str | None = None,
    today: date | None = None,
) -> PembukaanBulan:
    """Reopen a closed month for one pegawai (by NIP) or for everyone, until ``dibuka_sampai``."""
    require_admin(actor)
    today = today or hari_ini()
    if not (2000 <= tahun <= 2100 and 1 <= bulan <= 12):
        raise ValidationError("Bulan tidak valid.")
    if dibuka_sampai is None or dibuka_sampai < today:
        raise ValidationError('Tanggal "dibuka sampai" harus hari ini atau sesudahnya.')
    if date(tahun, bulan, 1) > today:
        raise ValidationError("Bulan yang belum dimulai tidak perlu dibuka.")
    alasan = _teks(alasan, "Alasan pembukaan", 1000)
    pegawai_id = None
    if nip and nip.strip():
        pegawai_id = session.scalar(select(Pegawai.id).where(Pegawai.nip == nip.strip()))
        if pegawai_id is None:
            raise ValidationError(f"Pegawai dengan NIP {nip.strip()} tidak ditemukan.")
    row = PembukaanBulan(
        tahun=tahun,
        bulan=bulan,
        pegawai_id=pegawai_id,
        dibuka_sampai=dibuka_sampai,
        dibuka_oleh_id=actor.pegawai_id,
        alasan=alasan,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "buka_bulan",
        "pembukaan_bulan",
        row.id,
        None,
        {
            "tahun": tahun,
            "bulan": bulan,
            "pegawai": nip.strip() if nip else None,
            "dibuka_sampai": dibuka_sampai,
            "alasan": alasan,
        },
    )
    return row


def pembukaan_list(session: Session, actor: Actor, limit: int = 100) -> list[Pembukaan]:
    require_admin(actor)
    pegawai: dict[int | None, str] = {}  # id → "nama (nip)"; no id (None) is "Semua pegawai"
    rows = list(
        session.scalars(
            select(PembukaanBulan).order_by(PembukaanBulan.created_at.desc(), PembukaanBulan.id.desc()).limit(limit)
        )
    )
    ids = {r.pegawai_id for r in rows} | {r.dibuka_oleh_id for r in rows}
    for p in session.scalars(select(Pegawai).where(Pegawai.id.in_(ids - {None}))):
        pegawai[p.id] = f"{p.nama} ({p.nip})"
    return [
        Pembukaan(
            r.id,
            fmt.bulan_tahun(r.tahun, r.bulan),
            pegawai.get(r.pegawai_id, "Semua pegawai"),
            r.dibuka_sampai,
            r.alasan,
            pegawai.get(r.dibuka_oleh_id, "-"),
        )
        for r in rows
    ]
