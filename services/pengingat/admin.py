"""The admin's screen of reminders (docs/domain.md §8.36): the messages of a day for a chosen pegawai as they
would be sent, the last runs with their counts, the failed deliveries, and a test e-mail to the admin's own
address."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import StatusPengiriman
from db.models import Pegawai, PengirimanPengingat, RunPengingat
from services.pengingat import aturan, kanal
from services.pengingat.pesan import Baris, Pesan, teks_html, teks_polos
from services.platform import audit
from services.platform.access import Actor, require_admin
from services.platform.errors import TidakDitemukan, ValidationError

BATAS_RUN = 20
BATAS_GAGAL = 200


@dataclass(frozen=True)
class Pratinjau:
    pesan: Pesan
    polos: str
    html: str


def pratinjau(session: Session, actor: Actor, pegawai_id: int, hari: date) -> list[Pratinjau]:
    """What the pegawai would get on ``hari`` (whether sent already or not), rendered like the e-mail."""
    require_admin(actor)
    pegawai = session.get(Pegawai, pegawai_id)
    if pegawai is None:
        raise TidakDitemukan("Pegawai tidak ditemukan.")
    alamat = kanal.konfigurasi(session).alamat_aplikasi
    return [
        Pratinjau(p, teks_polos(p, pegawai.nama, alamat), teks_html(p, pegawai.nama, alamat))
        for p in aturan.pesan_hari(session, hari, hanya=pegawai_id)
    ]


def run_terakhir(session: Session, actor: Actor) -> list[RunPengingat]:
    require_admin(actor)
    return list(session.scalars(select(RunPengingat).order_by(RunPengingat.id.desc()).limit(BATAS_RUN)))


@dataclass(frozen=True)
class Gagal:
    nama: str
    nip: str
    kanal: str
    judul: str
    percobaan: int
    coba_lagi: datetime | None  # None: given up
    galat: str


def gagal(session: Session, actor: Actor) -> list[Gagal]:
    """Deliveries that failed, newest first: still retried (``coba_lagi``) or given up."""
    require_admin(actor)
    rows = session.execute(
        select(PengirimanPengingat, Pegawai.nama, Pegawai.nip)
        .join(Pegawai, Pegawai.id == PengirimanPengingat.pegawai_id)
        .where(PengirimanPengingat.status == StatusPengiriman.GAGAL)
        .order_by(PengirimanPengingat.diklaim.desc(), PengirimanPengingat.id.desc())
        .limit(BATAS_GAGAL)
    ).all()
    return [Gagal(nama, nip, r.kanal.value, r.judul, r.percobaan, r.coba_lagi, r.galat or "") for r, nama, nip in rows]


def kirim_uji(session: Session, actor: Actor) -> str:
    """A test e-mail to the admin's own address with the current SMTP settings; returns the address."""
    require_admin(actor)
    pegawai = session.get_one(Pegawai, actor.pegawai_id)
    cfg = kanal.konfigurasi(session)
    if not cfg.email_aktif:
        raise ValidationError("Server SMTP belum diisi pada Pengaturan; e-mail tidak dapat dikirim.")
    alamat = (pegawai.email or "").strip()
    if not alamat:
        raise ValidationError("Akun Anda belum memiliki alamat e-mail; isi pada data pegawai terlebih dahulu.")
    pesan = Pesan(
        pegawai.id,
        "uji",
        "uji",
        "SIPIJAR: e-mail uji pengingat",
        "E-mail ini menguji pengaturan SMTP SIPIJAR. Bila Anda menerimanya, pengingat dapat dikirim.",
        "/pengingat",
        (Baris(f"Server: {cfg.smtp_host}:{cfg.smtp_port} ({cfg.smtp_keamanan})"),),
    )
    try:
        kanal.kirim_email(
            cfg,
            alamat,
            pegawai.nama,
            pesan.judul,
            teks_polos(pesan, pegawai.nama, cfg.alamat_aplikasi),
            teks_html(pesan, pegawai.nama, cfg.alamat_aplikasi),
        )
    except (smtplib.SMTPException, OSError, ValueError) as exc:
        raise ValidationError(f"E-mail uji gagal dikirim ke {alamat}: {type(exc).__name__}: {exc}") from exc
    audit.record(session, actor, "kirim_uji_pengingat", "pegawai", actor.pegawai_id, None, {"alamat": alamat})
    return alamat


def pilihan_penerima(session: Session, actor: Actor, hari: date, cari: str, batas: int = 20) -> list[tuple[int, str]]:
    """The pegawai in service on ``hari`` whose NIP or name matches ``cari`` (at least 3 characters), for the
    preview's choice: (id, "Nama — NIP …"). A search, not the whole list: a regency's 10,000 names would go to
    the browser on every rerun of the page."""
    require_admin(actor)
    cari = (cari or "").strip()
    if len(cari) < 3:
        return []
    rows = session.execute(
        select(Pegawai.id, Pegawai.nama, Pegawai.nip)
        .where(Pegawai.bertugas_pada(hari), Pegawai.dicari(cari))
        .order_by(Pegawai.nama, Pegawai.nip)
        .limit(batas)
    )
    return [(pid, f"{nama} — NIP {nip}") for pid, nama, nip in rows]
