"""Periode SKP (e-book step 5) and mutasi (docs/domain.md §3.1).

A period belongs to one pegawai, lies inside one year, never overlaps another of theirs, and keeps a
snapshot of jabatan, unit kerja and penilai. Creating a period creates its SKP with the 7 Perilaku
Kerja rows, so the atasan can write ekspektasi from the start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from babel.dates import format_date
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from db.enums import StatusSKP
from db.models import (
    SKP,
    AktivitasHarian,
    EvaluasiKinerja,
    Pegawai,
    PerilakuKerja,
    PeriodeSKP,
    PerjanjianKinerja,
    RencanaHasilKerja,
    UmpanBalikPerilaku,
    UnitKerja,
)
from services.organisasi import kepala_daerah, mutasi
from services.organisasi.berakhlak import BERAKHLAK
from services.platform import audit, kalender
from services.platform.access import (
    Actor,
    Operator,
    milik_sendiri,
    require_admin_or_operator,
    require_self,
    require_self_or_admin,
)
from services.platform.errors import TidakDitemukan, ValidationError
from services.platform.konkurensi import kunci_pegawai

SNAPSHOT_FIELDS = (
    "jabatan",
    "jenis_jabatan",
    "pimpinan_unit_kerja_mandiri",
    "pangkat_golongan",
    "unit_kerja_id",
    "unit_kerja_nama",
    "penilai_id",
)


def default_range(tahun: int, pegawai: Pegawai | None = None) -> tuple[date, date]:
    """The e-book's default: 1 January to 31 December of the year, cut to a PPPK's masa perjanjian kerja when it
    begins or ends inside the year (docs/domain.md §8.31)."""
    mulai, akhir = date(tahun, 1, 1), date(tahun, 12, 31)
    if pegawai is not None and pegawai.perjanjian_mulai is not None and mulai < pegawai.perjanjian_mulai <= akhir:
        mulai = pegawai.perjanjian_mulai
    if pegawai is not None and pegawai.perjanjian_akhir is not None and mulai <= pegawai.perjanjian_akhir < akhir:
        akhir = pegawai.perjanjian_akhir
    return mulai, akhir


def daftar(session: Session, actor: Actor, pegawai_id: int) -> list[PeriodeSKP]:
    require_self_or_admin(actor, pegawai_id)
    return list(
        session.scalars(
            select(PeriodeSKP).where(PeriodeSKP.pegawai_id == pegawai_id).order_by(PeriodeSKP.tanggal_mulai.desc())
        )
    )


def periode_on(session: Session, pegawai_id: int, tanggal: date) -> PeriodeSKP | None:
    """The pegawai's period that contains ``tanggal`` (at most one: periods never overlap)."""
    return session.scalar(
        select(PeriodeSKP).where(
            PeriodeSKP.pegawai_id == pegawai_id,
            PeriodeSKP.tanggal_mulai <= tanggal,
            PeriodeSKP.tanggal_akhir >= tanggal,
        )
    )


def ambil_sendiri(session: Session, actor: Actor, periode_id: int) -> PeriodeSKP:
    return milik_sendiri(session, actor, PeriodeSKP, periode_id, "Periode SKP tidak ditemukan.", admin_boleh=True)


def _tanggal(value: date) -> str:
    """1 Januari 2026 (house style: Indonesian dates through Babel)."""
    return format_date(value, "d MMMM y", locale="id")


def _valid_tahun(tahun) -> int | None:
    """The year as an int when it is one between 2000 and 2100 (bool, str and float are not)."""
    if isinstance(tahun, bool) or not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        return None
    return tahun


def _lock_pegawai(session: Session, pegawai_id: int) -> Pegawai:
    """The pegawai row, locked for the rest of the transaction (:func:`kunci_pegawai`)."""
    kunci_pegawai(session, pegawai_id)
    pegawai = session.get(Pegawai, pegawai_id)
    if pegawai is None:
        raise TidakDitemukan("Pegawai tidak ditemukan.")
    return pegawai


def _validate_range(
    session: Session, pegawai_id: int, tahun: int, mulai: date | None, akhir: date | None, ignore_id: int | None = None
) -> tuple[date, date]:
    """The range, once it is a whole one inside the year that overlaps no other period of the pegawai."""
    if _valid_tahun(tahun) is None:
        raise ValidationError("Tahun tidak valid.")
    if mulai is None or akhir is None:
        raise ValidationError("Periode mulai dan periode akhir wajib diisi.")
    if akhir < mulai:
        raise ValidationError("Periode akhir tidak boleh sebelum periode mulai.")
    if mulai.year != tahun or akhir.year != tahun:
        raise ValidationError(f"Periode SKP harus berada di dalam tahun {tahun} (1 Januari – 31 Desember).")
    _dalam_masa_kerja(session.get_one(Pegawai, pegawai_id), akhir)
    clash = session.scalar(
        select(PeriodeSKP).where(
            PeriodeSKP.pegawai_id == pegawai_id,
            PeriodeSKP.tanggal_mulai <= akhir,
            PeriodeSKP.tanggal_akhir >= mulai,
            PeriodeSKP.id != (ignore_id or -1),
        )
    )
    if clash is not None:
        raise ValidationError(
            f"Periode bertumpang tindih dengan periode {_tanggal(clash.tanggal_mulai)} s.d. "
            f"{_tanggal(clash.tanggal_akhir)}. Satu pegawai tidak boleh memiliki periode yang tumpang tindih."
        )
    return mulai, akhir


def _dalam_masa_kerja(pegawai: Pegawai, akhir: date) -> None:
    """No period past a PPPK's masa perjanjian kerja or from the day the pegawai leaves service (§8.31). The start
    is not checked: a renewed contract's start lies after the periods of the earlier one."""
    if pegawai.perjanjian_akhir is not None and akhir > pegawai.perjanjian_akhir:
        raise ValidationError(
            "Periode SKP tidak boleh melewati akhir masa perjanjian kerja "
            f"({_tanggal(pegawai.perjanjian_akhir)}). Perpanjang perjanjian kerja terlebih dahulu."
        )
    if pegawai.tanggal_berhenti is not None and akhir >= pegawai.tanggal_berhenti:
        raise ValidationError(
            f"Pegawai berhenti bertugas sejak {_tanggal(pegawai.tanggal_berhenti)}; periode SKP harus berakhir "
            "sebelum tanggal itu."
        )


def _snapshot_of(session: Session, pegawai: Pegawai) -> dict:
    # Flush first so that a new unit or atasan assigned through the relationship is in the id
    # columns, and read the unit's name by id: ``pegawai.unit_kerja`` keeps pointing at the old unit
    # when only ``unit_kerja_id`` was changed (SQLAlchemy does not refresh a loaded relationship).
    session.flush()
    unit = session.get_one(UnitKerja, pegawai.unit_kerja_id)  # the foreign key keeps it
    return {
        "jabatan": pegawai.jabatan,
        "jenis_jabatan": pegawai.jenis_jabatan,
        "pimpinan_unit_kerja_mandiri": bool(pegawai.pimpinan_unit_kerja_mandiri),
        "pangkat_golongan": pegawai.pangkat_golongan,
        "unit_kerja_id": pegawai.unit_kerja_id,
        "unit_kerja_nama": unit.nama,
        "penilai_id": pegawai.atasan_id,
    }


def _open(
    session: Session, actor: Actor | Operator, pegawai: Pegawai, tahun: int, mulai: date, akhir: date, aksi: str
) -> PeriodeSKP:
    snap = _snapshot_of(session, pegawai)
    # The first period of a new year brings that year's hari libur (docs/domain.md §8.24); the application
    # does it on its own, so the audit names no one.
    kalender.pastikan_tahun(session, tahun)
    periode = PeriodeSKP(pegawai_id=pegawai.id, tahun=tahun, tanggal_mulai=mulai, tanggal_akhir=akhir, **snap)
    session.add(periode)
    session.flush()
    skp = SKP(periode_id=periode.id, pegawai_id=pegawai.id, status=StatusSKP.DRAFT)
    skp.perilaku = [PerilakuKerja(nomor=n.nomor) for n in BERAKHLAK]
    session.add(skp)
    session.flush()
    audit.record(
        session,
        actor,
        aksi,
        "periode_skp",
        periode.id,
        None,
        {"pegawai": pegawai.nip, "mulai": mulai, "akhir": akhir, **snap},
    )
    return periode


def tambah(
    session: Session, actor: Actor, tahun: int, mulai: date | None = None, akhir: date | None = None
) -> PeriodeSKP:
    """The pegawai's own new period (default: the whole year); never for a Kepala Daerah (§8.32)."""
    pegawai = _lock_pegawai(session, actor.pegawai_id)
    kepala_daerah.tolak_tanpa_skp(session, pegawai.id, "Periode SKP")
    default_mulai, default_akhir = default_range(tahun, pegawai) if _valid_tahun(tahun) else (None, None)
    mulai, akhir = _validate_range(session, pegawai.id, tahun, mulai or default_mulai, akhir or default_akhir)
    return _open(session, actor, pegawai, tahun, mulai, akhir, "buat_periode")


def _is_in_use(session: Session, periode: PeriodeSKP) -> str | None:
    skp = session.scalar(select(SKP).where(SKP.periode_id == periode.id))
    if skp is not None and skp.status != StatusSKP.DRAFT:
        return f"SKP periode ini berstatus {skp.status.value}"
    if skp is not None and session.scalar(select(exists().where(RencanaHasilKerja.skp_id == skp.id))):
        return "periode ini sudah memiliki Rencana Hasil Kerja"
    if session.scalar(select(exists().where(PerjanjianKinerja.periode_id == periode.id))):
        return "periode ini sudah memiliki Perjanjian Kinerja"
    if session.scalar(select(exists().where(AktivitasHarian.periode_id == periode.id))):
        return "periode ini sudah memiliki Aktivitas Harian"
    if skp is not None:
        # The atasan's own work on the SKP would silently vanish with it.
        if session.scalar(
            select(
                exists().where(
                    PerilakuKerja.skp_id == skp.id,
                    PerilakuKerja.ekspektasi_khusus.is_not(None),
                    PerilakuKerja.ekspektasi_khusus != "",
                )
            )
        ):
            return "atasan sudah menulis Ekspektasi Pimpinan pada SKP periode ini"
        if session.scalar(
            select(exists().where(UmpanBalikPerilaku.perilaku_id == PerilakuKerja.id, PerilakuKerja.skp_id == skp.id))
        ):
            return "SKP periode ini sudah memiliki Umpan Balik"
        if session.scalar(select(exists().where(EvaluasiKinerja.skp_id == skp.id))):
            return "SKP periode ini sudah memiliki Evaluasi Kinerja"
    return None


def ubah_rentang(session: Session, actor: Actor, periode_id: int, mulai: date, akhir: date) -> PeriodeSKP:
    periode = ambil_sendiri(session, actor, periode_id)
    require_self(actor, periode.pegawai_id)
    skp = session.scalar(select(SKP).where(SKP.periode_id == periode.id))
    if skp is not None and skp.status in (StatusSKP.DIAJUKAN, StatusSKP.DITETAPKAN):
        # The dates bound the SKP's target bulanan and activities: a submitted or fixed SKP is locked.
        raise ValidationError(
            f"SKP periode ini sudah {skp.status.value.lower()}; periode tidak dapat diubah. "
            "Minta atasan mengembalikan SKP terlebih dahulu."
        )
    _lock_pegawai(session, periode.pegawai_id)
    _validate_range(session, periode.pegawai_id, periode.tahun, mulai, akhir, ignore_id=periode.id)
    outside = session.scalar(
        select(func.count())
        .select_from(AktivitasHarian)
        .where(
            AktivitasHarian.periode_id == periode.id,
            (AktivitasHarian.tanggal < mulai) | (AktivitasHarian.tanggal > akhir),
        )
    )
    if outside:
        raise ValidationError(f"Ada {outside} aktivitas harian di luar rentang baru; periode tidak dapat dipersempit.")
    before = {"mulai": periode.tanggal_mulai, "akhir": periode.tanggal_akhir}
    periode.tanggal_mulai, periode.tanggal_akhir = mulai, akhir
    audit.record(session, actor, "ubah_periode", "periode_skp", periode.id, before, {"mulai": mulai, "akhir": akhir})
    return periode


def hapus(session: Session, actor: Actor, periode_id: int) -> None:
    """Delete an unused period (its empty SKP goes with it)."""
    periode = ambil_sendiri(session, actor, periode_id)
    require_self(actor, periode.pegawai_id)
    reason = _is_in_use(session, periode)
    if reason:
        raise ValidationError(f"Periode tidak dapat dihapus karena {reason}.")
    before = {"mulai": periode.tanggal_mulai, "akhir": periode.tanggal_akhir}
    skp = session.scalar(select(SKP).where(SKP.periode_id == periode.id))
    if skp is not None:
        session.delete(skp)
    session.delete(periode)
    audit.record(session, actor, "hapus_periode", "periode_skp", periode_id, before, None)


@dataclass(frozen=True)
class HasilMutasi:
    ditutup: PeriodeSKP | None
    dibuka: PeriodeSKP | None


def apply_mutasi(session: Session, actor: Actor | Operator, pegawai: Pegawai, efektif: date) -> HasilMutasi:
    """A new jabatan, unit or atasan from ``efektif``: the running period closes the day before and a
    new one opens with the new snapshot; the activities dated from ``efektif`` move to it
    (:mod:`services.organisasi.mutasi`, which refuses the mutasi when a Tervalidasi one has no place
    there). Call after the pegawai row holds the new values.

    When the snapshot did not change, nothing happens. Periods that start after ``efektif`` (already
    planned ahead) take the new snapshot in place, so they do not keep the old penilai. Changing where a
    pegawai sits is for an admin or the operator (the pegawai import).
    """
    require_admin_or_operator(actor)
    _lock_pegawai(session, pegawai.id)
    baru_snapshot = _snapshot_of(session, pegawai)
    running = periode_on(session, pegawai.id, efektif)
    berubah = running is not None and {f: getattr(running, f) for f in SNAPSHOT_FIELDS} != baru_snapshot
    if running is not None and berubah and running.tanggal_mulai != efektif:
        mutasi.rencana_pindah(session, running, efektif, None)  # refuses before any write (the new SKP is empty)
    for later in session.scalars(
        select(PeriodeSKP).where(PeriodeSKP.pegawai_id == pegawai.id, PeriodeSKP.tanggal_mulai > efektif)
    ):
        _update_snapshot(session, actor, later, baru_snapshot)
    if running is None or not berubah:
        return HasilMutasi(None, None)
    if running.tanggal_mulai == efektif:
        _update_snapshot(session, actor, running, baru_snapshot)
        return HasilMutasi(None, running)
    akhir_lama = running.tanggal_akhir
    running.tanggal_akhir = efektif - timedelta(days=1)
    audit.record(
        session,
        actor,
        "mutasi_tutup_periode",
        "periode_skp",
        running.id,
        {"akhir": akhir_lama},
        {"akhir": running.tanggal_akhir},
    )
    session.flush()
    if pegawai.is_kepala_daerah:  # the period ends; a Kepala Daerah has none to open (§8.32)
        return HasilMutasi(running, None)
    baru = _open(session, actor, pegawai, running.tahun, efektif, akhir_lama, "mutasi_buka_periode")
    mutasi.pindahkan(session, actor, running, baru)
    return HasilMutasi(running, baru)


def _update_snapshot(session: Session, actor: Actor | Operator, periode: PeriodeSKP, snapshot: dict) -> None:
    before = {f: getattr(periode, f) for f in SNAPSHOT_FIELDS}
    if before == snapshot:
        return
    for field, value in snapshot.items():
        setattr(periode, field, value)
    audit.record(session, actor, "mutasi_perbarui_periode", "periode_skp", periode.id, before, snapshot)


def skp_of(session: Session, periode_id: int) -> SKP:
    skp = session.scalar(select(SKP).where(SKP.periode_id == periode_id))
    if skp is None:
        raise TidakDitemukan("SKP periode ini tidak ditemukan.")
    return skp
