"""Status kepegawaian and leaving service (docs/domain.md §8.31): the admin marks a pegawai nonaktif from a date
(pensiun, berhenti, meninggal, CLTN, diberhentikan sementara) and undoes it or records the return; sets PNS, CPNS,
PPPK or PPPK Paruh Waktu and a PPPK's masa perjanjian kerja; the Monitoring lists contracts about to end.

``tanggal_berhenti`` is the first day out of service, so the running period ends the day before it. A date set
ahead leaves the pegawai in service until it comes: every read that decides who is in service compares the date
with today (``Pegawai.bertugas_pada``); :func:`terapkan_jatuh_tempo` then switches ``aktif`` off, at each login and
by ``sipijar pegawai terapkan-berhenti``, so lists that only read ``aktif`` agree too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import JenisBerhenti, StatusKepegawaian
from db.models import Pegawai, UnitKerja
from services.organisasi import periode_batas
from services.platform import audit
from services.platform import format as fmt
from services.platform.access import Actor, Operator, ambil_pegawai, require_admin, require_admin_or_operator
from services.platform.errors import TidakDitemukan, ValidationError
from services.platform.konkurensi import kunci_pegawai

#: The Monitoring lists PPPK contracts that end within this many days (issue #14).
HARI_KONTRAK_BERAKHIR = 60
KONTRAK = (StatusKepegawaian.PPPK, StatusKepegawaian.PPPK_PARUH_WAKTU)
_FIELDS = ("aktif", "tanggal_berhenti", "jenis_berhenti", "status_kepegawaian", "perjanjian_mulai", "perjanjian_akhir")


def _pegawai(session: Session, pegawai_id: int) -> Pegawai:
    kunci_pegawai(session, pegawai_id)
    return ambil_pegawai(session, pegawai_id)


@dataclass(frozen=True)
class StatusPegawai:
    """What the admin screen shows of one pegawai."""

    pegawai_id: int
    nip: str
    nama: str
    jabatan: str
    unit_kerja: str
    status: StatusKepegawaian
    perjanjian_mulai: date | None
    perjanjian_akhir: date | None
    tanggal_berhenti: date | None
    jenis_berhenti: JenisBerhenti | None
    bertugas: bool  # in service today


def baca(session: Session, actor: Actor, nip: str, today: date) -> StatusPegawai:
    """One pegawai's status kepegawaian and exit, by NIP (admin)."""
    require_admin(actor)
    p = session.scalar(select(Pegawai).where(Pegawai.nip == nip.strip()))
    if p is None:
        raise TidakDitemukan(f"Tidak ada pegawai dengan NIP {nip.strip()}.")
    unit = session.get_one(UnitKerja, p.unit_kerja_id)
    return StatusPegawai(
        p.id,
        p.nip,
        p.nama,
        p.jabatan,
        unit.nama,
        p.status_kepegawaian,
        p.perjanjian_mulai,
        p.perjanjian_akhir,
        p.tanggal_berhenti,
        p.jenis_berhenti,
        p.bertugas_pada(today),
    )


def berhentikan(
    session: Session, actor: Actor | Operator, pegawai_id: int, jenis: JenisBerhenti, tanggal: date, today: date
) -> Pegawai:
    """Nonaktif from ``tanggal`` (its first day out of service) for ``jenis``; the periods stop the day before."""
    require_admin_or_operator(actor)
    if not isinstance(jenis, JenisBerhenti):
        raise ValidationError("Pilih jenis berhenti.")
    if not isinstance(tanggal, date):
        raise ValidationError("Tanggal berhenti wajib diisi.")
    if isinstance(actor, Actor) and actor.pegawai_id == pegawai_id:
        raise ValidationError("Anda tidak dapat menonaktifkan akun Anda sendiri; minta admin lain.")
    pegawai = _pegawai(session, pegawai_id)
    if pegawai.tanggal_berhenti is not None:
        raise ValidationError(
            f"{pegawai.nama} sudah tercatat {pegawai.jenis_berhenti.value if pegawai.jenis_berhenti else 'nonaktif'}"
            f" sejak {fmt.tanggal(pegawai.tanggal_berhenti)}. Batalkan atau catat kembali bertugas terlebih dahulu."
        )
    if not pegawai.aktif:
        raise ValidationError(f"{pegawai.nama} sudah tidak aktif.")
    before = audit.snapshot(pegawai, *_FIELDS)
    periode_batas.tutup_sejak(session, actor, pegawai, tanggal, "berhenti")
    pegawai.tanggal_berhenti, pegawai.jenis_berhenti = tanggal, jenis
    pegawai.aktif = tanggal > today
    audit.record(
        session, actor, "berhentikan_pegawai", "pegawai", pegawai.id, before, audit.snapshot(pegawai, *_FIELDS)
    )
    return pegawai


def aktifkan_kembali(
    session: Session, actor: Actor | Operator, pegawai_id: int, tanggal_kembali: date, today: date
) -> Pegawai:
    """Back in service from ``tanggal_kembali`` (the end of a CLTN or a pemberhentian sementara; on the exit date
    itself: the exit is undone). A period opens from that date (the closed one goes on when nothing lies between)."""
    require_admin_or_operator(actor)
    pegawai = _pegawai(session, pegawai_id)
    sejak = pegawai.tanggal_berhenti
    if sejak is None:
        raise ValidationError(f"{pegawai.nama} tidak tercatat berhenti.")
    if not isinstance(tanggal_kembali, date) or not sejak <= tanggal_kembali <= max(today, sejak):
        raise ValidationError(
            f"Tanggal kembali bertugas harus antara {fmt.tanggal(sejak)} dan {fmt.tanggal(max(today, sejak))}."
        )
    before = audit.snapshot(pegawai, *_FIELDS)
    pegawai.aktif, pegawai.tanggal_berhenti, pegawai.jenis_berhenti = True, None, None
    session.flush()
    periode_batas.buka_sejak(session, actor, pegawai, tanggal_kembali)
    sesudah = {**audit.snapshot(pegawai, *_FIELDS), "kembali": tanggal_kembali}
    audit.record(session, actor, "aktifkan_kembali_pegawai", "pegawai", pegawai.id, before, sesudah)
    return pegawai


def terapkan_jatuh_tempo(session: Session, today: date) -> int:
    """Switch ``aktif`` off for every exit whose date has come (idempotent; the application does it on its own,
    so the audit names no one). Returns how many changed."""
    due = list(
        session.scalars(
            select(Pegawai).where(
                Pegawai.aktif, Pegawai.tanggal_berhenti.is_not(None), Pegawai.tanggal_berhenti <= today
            )
        )
    )
    for pegawai in due:
        pegawai.aktif = False
        audit.record(session, None, "berhenti_berlaku", "pegawai", pegawai.id, {"aktif": True}, {"aktif": False})
    return len(due)


def ubah_kepegawaian(
    session: Session,
    actor: Actor | Operator,
    pegawai_id: int,
    status: StatusKepegawaian,
    mulai: date | None,
    akhir: date | None,
) -> Pegawai:
    """Status kepegawaian and, for a PPPK, the masa perjanjian kerja; no period runs past the contract's end."""
    require_admin_or_operator(actor)
    pegawai = _pegawai(session, pegawai_id)
    periksa_kepegawaian(status, mulai, akhir)
    before = audit.snapshot(pegawai, *_FIELDS)
    pegawai.status_kepegawaian, pegawai.perjanjian_mulai, pegawai.perjanjian_akhir = status, mulai, akhir
    if akhir is not None:
        periode_batas.tutup_sejak(session, actor, pegawai, akhir + timedelta(days=1), "kontrak")
    sesudah = audit.snapshot(pegawai, *_FIELDS)
    if sesudah != before:
        audit.record(session, actor, "ubah_status_kepegawaian", "pegawai", pegawai.id, before, sesudah)
    return pegawai


def periksa_kepegawaian(status: object, mulai: date | None, akhir: date | None) -> None:
    """Refuse a status with a contract that does not fit it (also the import's row check)."""
    if not isinstance(status, StatusKepegawaian):
        raise ValidationError("Pilih status kepegawaian: PNS, CPNS, PPPK atau PPPK Paruh Waktu.")
    if status in KONTRAK:
        if mulai is None or akhir is None:
            raise ValidationError("Masa perjanjian kerja PPPK (mulai dan akhir) wajib diisi.")
        if akhir < mulai:
            raise ValidationError("Akhir masa perjanjian kerja tidak boleh sebelum awalnya.")
    elif mulai is not None or akhir is not None:
        raise ValidationError("Masa perjanjian kerja hanya untuk PPPK; kosongkan untuk PNS dan CPNS.")


@dataclass(frozen=True)
class KontrakBerakhir:
    pegawai_id: int
    nip: str
    nama: str
    unit_kerja: str
    status: StatusKepegawaian
    perjanjian_akhir: date
    sisa_hari: int  # negative: already ended while the pegawai is still in service


def kontrak_berakhir(
    session: Session, actor: Actor, today: date, hari: int = HARI_KONTRAK_BERAKHIR
) -> list[KontrakBerakhir]:
    """PPPK in service whose contract ends within ``hari`` days (or has already ended), soonest first."""
    require_admin(actor)
    rows = session.execute(
        select(Pegawai, UnitKerja.nama)
        .join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
        .where(
            Pegawai.bertugas_pada(today),
            Pegawai.status_kepegawaian.in_(KONTRAK),
            Pegawai.perjanjian_akhir <= today + timedelta(days=hari),
        )
        .order_by(Pegawai.perjanjian_akhir, Pegawai.nama)
    ).all()
    return [
        KontrakBerakhir(
            p.id, p.nip, p.nama, unit, p.status_kepegawaian, p.perjanjian_akhir, (p.perjanjian_akhir - today).days
        )
        for p, unit in rows
        if p.perjanjian_akhir is not None
    ]
