"""Where a pegawai's periods must stop and start again (docs/domain.md §8.31): at an exit (the first day out of
service) or a PPPK contract's end nothing runs on; at a return to service a period opens again. Kept apart from
:mod:`services.organisasi.periode`, which owns the periods' own rules and the mutasi."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import AktivitasHarian, Pegawai, PeriodeSKP
from services.organisasi.periode import (
    SNAPSHOT_FIELDS,
    _is_in_use,
    _lock_pegawai,
    _open,
    _snapshot_of,
    _tanggal,
    _validate_range,
    default_range,
    periode_on,
    skp_of,
)
from services.platform import audit
from services.platform.access import Actor, Operator, require_admin_or_operator
from services.platform.errors import ValidationError


def tutup_sejak(session: Session, actor: Actor | Operator, pegawai: Pegawai, tanggal: date, sebab: str) -> None:
    """Nothing of the pegawai's periods from ``tanggal`` on (an exit's first day out of service, or the day after a
    PPPK contract ends; docs/domain.md §8.31): the running period ends the day before, later unused periods are
    deleted. Refused, with nothing changed, while activities are dated on or after ``tanggal`` or a later period
    holds work. ``sebab`` names the event in the audit rows."""
    require_admin_or_operator(actor)
    _lock_pegawai(session, pegawai.id)
    sesudah = list(
        session.scalars(
            select(AktivitasHarian)
            .where(AktivitasHarian.pegawai_id == pegawai.id, AktivitasHarian.tanggal >= tanggal)
            .order_by(AktivitasHarian.tanggal, AktivitasHarian.jam_mulai)
        )
    )
    if sesudah:
        contoh = "; ".join(f"{_tanggal(a.tanggal)} — {a.aktivitas[:60]}" for a in sesudah[:5])
        lagi = f" dan {len(sesudah) - 5} lainnya" if len(sesudah) > 5 else ""
        raise ValidationError(
            f"Ada {len(sesudah)} aktivitas harian pada atau setelah {_tanggal(tanggal)}: {contoh}{lagi}. "
            "Hapus aktivitas itu (atau pilih tanggal lain) terlebih dahulu."
        )
    for later in session.scalars(
        select(PeriodeSKP).where(PeriodeSKP.pegawai_id == pegawai.id, PeriodeSKP.tanggal_mulai >= tanggal)
    ):
        reason = _is_in_use(session, later)
        if reason:
            raise ValidationError(
                f"Periode {_tanggal(later.tanggal_mulai)} s.d. {_tanggal(later.tanggal_akhir)} tidak dapat dihapus "
                f"karena {reason}."
            )
        before = {"mulai": later.tanggal_mulai, "akhir": later.tanggal_akhir}
        session.delete(skp_of(session, later.id))
        session.delete(later)
        audit.record(session, actor, f"{sebab}_hapus_periode", "periode_skp", later.id, before, None)
    running = periode_on(session, pegawai.id, tanggal)
    if running is not None:
        akhir_lama, running.tanggal_akhir = running.tanggal_akhir, tanggal - timedelta(days=1)
        audit.record(
            session,
            actor,
            f"{sebab}_tutup_periode",
            "periode_skp",
            running.id,
            {"akhir": akhir_lama},
            {"akhir": running.tanggal_akhir},
        )
    session.flush()


def buka_sejak(session: Session, actor: Actor | Operator, pegawai: Pegawai, tanggal: date) -> PeriodeSKP | None:
    """Periods again from ``tanggal`` (a return to service) to the end of its year, cut at the next period or the
    contract's end: the period that ended the day before goes on when it has the pegawai's present snapshot (an
    exit undone), else a new one opens. None when a period already holds the date."""
    require_admin_or_operator(actor)
    _lock_pegawai(session, pegawai.id)
    if periode_on(session, pegawai.id, tanggal) is not None:
        return None
    _mulai, akhir = default_range(tanggal.year, pegawai)
    berikut = session.scalar(
        select(func.min(PeriodeSKP.tanggal_mulai)).where(
            PeriodeSKP.pegawai_id == pegawai.id, PeriodeSKP.tanggal_mulai > tanggal
        )
    )
    if berikut is not None:
        akhir = min(akhir, berikut - timedelta(days=1))
    sebelum = periode_on(session, pegawai.id, tanggal - timedelta(days=1))
    if sebelum is not None and sebelum.tahun == tanggal.year and _snapshot_sama(session, sebelum, pegawai):
        _validate_range(session, pegawai.id, sebelum.tahun, sebelum.tanggal_mulai, akhir, ignore_id=sebelum.id)
        akhir_lama, sebelum.tanggal_akhir = sebelum.tanggal_akhir, akhir
        audit.record(
            session,
            actor,
            "aktif_kembali_perpanjang_periode",
            "periode_skp",
            sebelum.id,
            {"akhir": akhir_lama},
            {"akhir": akhir},
        )
        return sebelum
    mulai, akhir = _validate_range(session, pegawai.id, tanggal.year, tanggal, akhir)
    return _open(session, actor, pegawai, tanggal.year, mulai, akhir, "aktif_kembali_buka_periode")


def _snapshot_sama(session: Session, periode: PeriodeSKP, pegawai: Pegawai) -> bool:
    return {f: getattr(periode, f) for f in SNAPSHOT_FIELDS} == _snapshot_of(session, pegawai)
