"""Whether a pegawai may still use SIPIJAR after leaving service (docs/domain.md §8.31): the one answer the login,
the cookie's resumed session and every page's actor share.

A pegawai in service logs in as usual. Out of service (``tanggal_berhenti`` reached, or ``aktif`` switched off):
meninggal, berhenti, cuti di luar tanggungan negara and diberhentikan sementara are refused with their reason; a
pensiunan reads and prints their own documents for ``akses_baca_pensiun_hari`` days from the date, as a read-only
actor whose every write the audit refuses (:func:`services.platform.audit.record`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from db.enums import JenisBerhenti
from db.models import Pegawai
from services.platform import format as fmt
from services.platform import kalender, settings
from services.platform.access import Actor
from services.platform.errors import AksesDitolak


@dataclass(frozen=True)
class Akses:
    """``boleh``: may log in; ``hanya_baca``: only read and print; ``pesan``: why not (None: the generic refusal)."""

    boleh: bool
    hanya_baca: bool = False
    pesan: str | None = None


def batas_akses_baca(session: Session, pegawai: Pegawai) -> date | None:
    """The first day a pensiunan may no longer read (None when not a pensiunan)."""
    if pegawai.jenis_berhenti is not JenisBerhenti.PENSIUN or pegawai.tanggal_berhenti is None:
        return None
    return pegawai.tanggal_berhenti + timedelta(days=settings.ambil(session, "akses_baca_pensiun_hari"))


def akses_pada(session: Session, pegawai: Pegawai, today: date) -> Akses:
    """What the pegawai's account may do on ``today``."""
    if pegawai.bertugas_pada(today):
        return Akses(True)
    jenis, sejak = pegawai.jenis_berhenti, pegawai.tanggal_berhenti
    if jenis is None or sejak is None:  # switched off without a reason (before #14): the generic refusal
        return Akses(False)
    tanggal = fmt.tanggal(sejak)
    if jenis is JenisBerhenti.PENSIUN:
        batas = batas_akses_baca(session, pegawai)
        if batas is not None and today < batas:
            return Akses(True, hanya_baca=True)
        akhir = fmt.tanggal((batas or sejak) - timedelta(days=1))
        return Akses(False, pesan=f"Anda pensiun sejak {tanggal}; masa akses baca dokumen berakhir pada {akhir}.")
    pesan = {
        JenisBerhenti.MENINGGAL: f"Akun ini tidak dapat digunakan: pegawai tercatat meninggal dunia sejak {tanggal}.",
        JenisBerhenti.BERHENTI: (
            f"Akun ini tidak dapat digunakan lagi: Anda tercatat berhenti sebagai ASN sejak {tanggal}. "
            "Hubungi Admin BKPSDM bila data ini keliru."
        ),
        JenisBerhenti.CLTN: (
            f"Akun ini tidak dapat digunakan selama Cuti di Luar Tanggungan Negara (sejak {tanggal}). "
            "Admin BKPSDM mengaktifkannya kembali saat Anda kembali bertugas."
        ),
        JenisBerhenti.DIBERHENTIKAN_SEMENTARA: (
            f"Akun ini tidak dapat digunakan selama Anda diberhentikan sementara (sejak {tanggal}). "
            "Admin BKPSDM mengaktifkannya kembali saat Anda kembali bertugas."
        ),
    }[jenis]
    return Akses(False, pesan=pesan)


def load_actor(session: Session, pegawai_id: int, today: date | None = None) -> Actor:
    """The actor of a logged-in pegawai on ``today`` (default: today in WIB): read-only for a pensiunan in the
    read window; refused with the reason for anyone else out of service."""
    pegawai = session.get(Pegawai, pegawai_id)
    if pegawai is None:
        raise AksesDitolak("Akun tidak aktif.")
    akses = akses_pada(session, pegawai, today or kalender.hari_ini())
    if not akses.boleh:
        raise AksesDitolak(akses.pesan or "Akun tidak aktif.")
    actor = Actor.of(pegawai)
    return replace(actor, hanya_baca=True) if akses.hanya_baca else actor
