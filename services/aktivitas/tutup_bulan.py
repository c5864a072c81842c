"""Tutup Bulan (docs/domain.md §8.27): after the closing day, BKPSDM freezes a month it pays. Each close writes
a snapshot per pegawai — the figures of services.aktivitas.capaian.capaian_bulanan and who they were (jabatan,
unit, unit induk, atasan) — that no later change rewrites; every reader of the month then reads it
(services.aktivitas.arsip_bulan). Reopening needs a reason and is audited; closing again makes the next
version and keeps the earlier one, so the screen can show the selisih per pegawai in rupiah.

Closing a regency (10,000 pegawai) computes in a read transaction first and then writes the close row and the
snapshot in one short write transaction with one bulk insert (SQLite has a single writer)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session, aliased

from db.models import ArsipBulan, Pegawai, TutupBulan
from db.models.base import utcnow
from db.session import session_scope
from services.aktivitas import arsip_bulan, capaian
from services.aktivitas.arsip_bulan import FIELDS_CAPAIAN, Penutupan
from services.aktivitas.bulan import batas_entri
from services.aktivitas.capaian import CapaianPegawai
from services.organisasi import struktur
from services.platform import audit, kalender, settings
from services.platform import format as fmt
from services.platform.access import Actor, Operator, require_admin, require_admin_or_operator
from services.platform.errors import KonflikData, TidakDitemukan, ValidationError
from services.platform.konkurensi import flush_atau_konflik
from services.platform.masukan import teks_wajib


@dataclass(frozen=True)
class BarisArsip(CapaianPegawai):
    """One pegawai's frozen month: CapaianPegawai's figures and who they were at the close."""

    jabatan: str = ""
    unit_induk_id: int = 0
    unit_induk: str = ""
    atasan_nip: str | None = None
    atasan_nama: str | None = None


def baris_versi(session: Session, penutupan: Penutupan) -> list[BarisArsip]:
    """The frozen rows of one version, ordered by unit kerja, nama, NIP."""
    return arsip_bulan.baris_versi(session, penutupan.id, BarisArsip)


@dataclass(frozen=True)
class RencanaTutup:
    """A close computed and not yet stored: the rows to insert and what the close stands on."""

    tahun: int
    bulan: int
    versi: int
    menit_per_hari: int
    bobot_produktivitas_persen: int
    baris: tuple[dict, ...]


@dataclass(frozen=True)
class Selisih:
    """One pegawai's TPP produktivitas in the newest version against the one before (0 when absent from it)."""

    nip: str
    nama: str
    unit_induk: str
    tpp_sebelumnya: int
    tpp_sekarang: int

    @property
    def selisih(self) -> int:
        return self.tpp_sekarang - self.tpp_sebelumnya


@dataclass(frozen=True)
class StatusTutup:
    """What the Tutup Bulan screen shows for a month."""

    tahun: int
    bulan: int
    batas: date  # the closing day: Tutup Bulan from the day after
    boleh_tutup: bool
    alasan_tidak_boleh: str | None
    penutupan: Penutupan | None  # the close in force, None while open
    versi: tuple[Penutupan, ...]  # every close, newest first
    selisih: tuple[Selisih, ...]  # newest version against the one before, changed rows only
    kalender_dikonfirmasi: bool

    @property
    def peringatan_kalender(self) -> str | None:
        return None if self.kalender_dikonfirmasi else f"Kalender {self.tahun} belum dikonfirmasi"


def _cek_bulan(tahun: int, bulan: int) -> None:
    if isinstance(tahun, bool) or not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        raise ValidationError("Tahun tidak valid.")
    if isinstance(bulan, bool) or not isinstance(bulan, int) or not 1 <= bulan <= 12:
        raise ValidationError("Bulan harus antara 1 dan 12.")


def _nama_pelaku(session: Session, actor: Actor | Operator) -> tuple[int | None, str]:
    if isinstance(actor, Operator):
        return None, f"Operator {actor.nama}"
    return actor.pegawai_id, session.get_one(Pegawai, actor.pegawai_id).nama


def _terbaru(session: Session, tahun: int, bulan: int) -> TutupBulan | None:
    return session.scalar(
        select(TutupBulan)
        .where(TutupBulan.tahun == tahun, TutupBulan.bulan == bulan)
        .order_by(TutupBulan.versi.desc())
        .limit(1)
    )


def _alasan_tidak_boleh(session: Session, tahun: int, bulan: int, today: date) -> str | None:
    """Why the month cannot be closed today, or None."""
    bulan_teks = fmt.bulan_tahun(tahun, bulan)
    tutup = arsip_bulan.penutupan(session, tahun, bulan)
    if tutup is not None:
        return f"{tutup.keterangan} (versi {tutup.versi}); buka Tutup Bulan terlebih dahulu untuk menutup ulang."
    batas = batas_entri(session, tahun, bulan)
    if today <= batas:
        return (
            f"Bulan {bulan_teks} belum dapat ditutup: entri dan validasi masih terbuka sampai "
            f"{fmt.tanggal(batas)}. Tutup Bulan dapat dilakukan mulai {fmt.tanggal(batas + timedelta(days=1))}."
        )
    return None


def hitung(
    session: Session, actor: Actor | Operator, tahun: int, bulan: int, today: date | None = None
) -> RencanaTutup:
    """Check that the month may be closed and compute its snapshot (a read; nothing is stored)."""
    require_admin_or_operator(actor)
    _cek_bulan(tahun, bulan)
    alasan = _alasan_tidak_boleh(session, tahun, bulan, today or kalender.hari_ini())
    if alasan:
        raise ValidationError(alasan)
    rows = capaian.capaian_bulanan(session, actor, tahun, bulan)
    atasan = aliased(Pegawai)
    identitas = {
        pid: (jabatan, nip, nama)
        for pid, jabatan, nip, nama in session.execute(
            select(Pegawai.id, Pegawai.jabatan, atasan.nip, atasan.nama).outerjoin(
                atasan, atasan.id == Pegawai.atasan_id
            )
        )
    }
    induk = struktur.unit_induk_semua(session)
    baris = []
    for r in rows:
        jabatan, atasan_nip, atasan_nama = identitas[r.pegawai_id]
        unit_induk_id, unit_induk = induk[r.unit_kerja_id]
        nilai = {n: getattr(r, n) for n in FIELDS_CAPAIAN} | {
            "rincian_pokok": arsip_bulan.tulis_rincian(r.rincian_pokok)
        }
        baris.append(
            nilai
            | {
                "jabatan": jabatan,
                "unit_induk_id": unit_induk_id,
                "unit_induk": unit_induk,
                "atasan_nip": atasan_nip,
                "atasan_nama": atasan_nama,
            }
        )
    terbaru = _terbaru(session, tahun, bulan)
    return RencanaTutup(
        tahun,
        bulan,
        (terbaru.versi + 1) if terbaru else 1,
        settings.ambil(session, "menit_per_hari"),
        settings.ambil(session, "bobot_produktivitas_persen"),
        tuple(baris),
    )


def simpan(session: Session, actor: Actor | Operator, rencana: RencanaTutup) -> Penutupan:
    """Store a computed close: the close row and every snapshot row in one bulk insert, audited. Refused
    when someone closed or reopened the month since it was computed."""
    require_admin_or_operator(actor)
    terbaru = _terbaru(session, rencana.tahun, rencana.bulan)
    if (terbaru.versi + 1 if terbaru else 1) != rencana.versi or (terbaru and terbaru.dibuka_pada is None):
        raise KonflikData(
            f"Bulan {fmt.bulan_tahun(rencana.tahun, rencana.bulan)} baru saja ditutup atau dibuka oleh orang lain; "
            "muat ulang halaman."
        )
    oleh_id, oleh = _nama_pelaku(session, actor)
    row = TutupBulan(
        tahun=rencana.tahun,
        bulan=rencana.bulan,
        versi=rencana.versi,
        ditutup_pada=utcnow(),
        ditutup_oleh_id=oleh_id,
        ditutup_oleh=oleh,
        menit_per_hari=rencana.menit_per_hari,
        bobot_produktivitas_persen=rencana.bobot_produktivitas_persen,
    )
    session.add(row)
    flush_atau_konflik(session, f"Bulan {fmt.bulan_tahun(rencana.tahun, rencana.bulan)} baru saja ditutup orang lain.")
    if rencana.baris:
        session.execute(insert(ArsipBulan), [{"tutup_bulan_id": row.id, **b} for b in rencana.baris])
    audit.record(
        session,
        actor,
        "tutup_bulan",
        "tutup_bulan",
        row.id,
        None,
        {
            "tahun": rencana.tahun,
            "bulan": rencana.bulan,
            "versi": rencana.versi,
            "pegawai": len(rencana.baris),
            "jumlah_tpp_produktivitas": sum(b["tpp_produktivitas"] for b in rencana.baris),
        },
    )
    return Penutupan.of(row)


def tutup(engine: Engine, actor: Actor | Operator, tahun: int, bulan: int, today: date | None = None) -> Penutupan:
    """Tutup Bulan: compute in a read transaction, then store in one short write transaction."""
    with session_scope(engine, readonly=True) as session:
        rencana = hitung(session, actor, tahun, bulan, today)
    with session_scope(engine) as session:
        return simpan(session, actor, rencana)


def buka(session: Session, actor: Actor, tahun: int, bulan: int, alasan: str) -> Penutupan:
    """Reopen the close in force (admin, with a reason, audited); its snapshot stays as the earlier version."""
    require_admin(actor)
    _cek_bulan(tahun, bulan)
    alasan = teks_wajib(alasan, "Alasan membuka Tutup Bulan", 1000)
    row = _terbaru(session, tahun, bulan)
    if row is None or row.dibuka_pada is not None:
        raise TidakDitemukan(f"Bulan {fmt.bulan_tahun(tahun, bulan)} tidak sedang ditutup.")
    before = audit.snapshot(row, "versi", "dibuka_pada")
    row.dibuka_oleh_id, row.dibuka_oleh = _nama_pelaku(session, actor)
    row.dibuka_pada = utcnow()
    row.alasan_buka = alasan
    audit.record(
        session,
        actor,
        "buka_tutup_bulan",
        "tutup_bulan",
        row.id,
        before,
        {"tahun": tahun, "bulan": bulan, "versi": row.versi, "dibuka_pada": row.dibuka_pada, "alasan": alasan},
    )
    session.flush()
    return Penutupan.of(row)


def selisih_versi(session: Session, baru: Penutupan, lama: Penutupan) -> list[Selisih]:
    """Per pegawai whose TPP produktivitas differs between two versions (missing from one = Rp0)."""
    sebelum = {b.pegawai_id: b for b in baris_versi(session, lama)}
    sesudah = {b.pegawai_id: b for b in baris_versi(session, baru)}
    hasil = []
    for pid in sesudah.keys() | sebelum.keys():
        a, b = sebelum.get(pid), sesudah.get(pid)
        r: BarisArsip = b if b is not None else sebelum[pid]
        tpp_a, tpp_b = (a.tpp_produktivitas if a else 0), (b.tpp_produktivitas if b else 0)
        if tpp_a != tpp_b:
            hasil.append(Selisih(r.nip, r.nama, r.unit_induk, tpp_a, tpp_b))
    return sorted(hasil, key=lambda s: (s.unit_induk, s.nama, s.nip))


def status(session: Session, actor: Actor, tahun: int, bulan: int, today: date | None = None) -> StatusTutup:
    """Everything the Tutup Bulan screen shows for the month (admin)."""
    require_admin(actor)
    _cek_bulan(tahun, bulan)
    versi = arsip_bulan.versi_bulan(session, tahun, bulan)
    alasan = _alasan_tidak_boleh(session, tahun, bulan, today or kalender.hari_ini())
    return StatusTutup(
        tahun,
        bulan,
        batas_entri(session, tahun, bulan),
        alasan is None,
        alasan,
        versi[0] if versi and versi[0].ditutup else None,
        tuple(versi),
        tuple(selisih_versi(session, versi[0], versi[1])) if len(versi) > 1 else (),
        kalender.kalender_dikonfirmasi(session, tahun),
    )
