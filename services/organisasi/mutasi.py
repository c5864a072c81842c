"""What a mutasi does to the Aktivitas Harian (docs/domain.md §8.2): an activity always belongs to the period
that contains its date, so the rows dated on or after the efektif date leave the closed period for the new one.
Their RHK is mapped by identical text onto the new period's SKP; a row with no such RHK moves unlinked when it
still waits (Menunggu / Ditolak: the pegawai chooses the SKP terkait again), while a Tervalidasi row with no
place refuses the whole mutasi — its minutes are paid and its link is evidence, so it is never cut loose.

A period **opened by a mutasi** is one whose pegawai has another period ending the day before it starts with a
different jabatan, unit kerja or penilai (:func:`dibuka_mutasi`): its draft SKP already takes activities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import StatusAktivitas
from db.models import SKP, AktivitasHarian, IndikatorKinerja, PeriodeSKP, RencanaHasilKerja
from services.platform import audit
from services.platform import format as fmt
from services.platform.access import Actor, Operator
from services.platform.errors import ValidationError

TERVALIDASI = StatusAktivitas.TERVALIDASI
#: The dates a refusal names before it says "dan n lainnya".
TANGGAL_DISEBUT = 5


@dataclass(frozen=True)
class Pindah:
    """One activity's move: its new RHK and indikator (None: unlinked, the pegawai chooses again)."""

    aktivitas: AktivitasHarian
    rhk_id: int | None
    indikator_id: int | None


def _rhk_baru(session: Session, skp_id: int | None) -> dict[str, RencanaHasilKerja]:
    if skp_id is None:
        return {}
    return {r.teks: r for r in session.scalars(select(RencanaHasilKerja).where(RencanaHasilKerja.skp_id == skp_id))}


def rencana_pindah(session: Session, lama: PeriodeSKP, efektif: date, skp_baru_id: int | None) -> list[Pindah]:
    """The moves of ``lama``'s activities dated on/after ``efektif`` onto the SKP ``skp_baru_id`` (None: a
    new SKP that has no RHK yet). Refuses, before anything is written, when a Tervalidasi row has no place."""
    rhk_baru = _rhk_baru(session, skp_baru_id)
    rencana: list[Pindah] = []
    for a in session.scalars(
        select(AktivitasHarian)
        .where(AktivitasHarian.periode_id == lama.id, AktivitasHarian.tanggal >= efektif)
        .order_by(AktivitasHarian.tanggal, AktivitasHarian.jam_mulai, AktivitasHarian.id)
    ):
        rhk = rhk_baru.get(a.rhk.teks) if a.rhk is not None else None
        iki: IndikatorKinerja | None = None
        if rhk is not None and a.indikator is not None:
            iki = next((i for i in rhk.indikator if i.teks == a.indikator.teks), None)
            if iki is None:
                rhk = None  # the indikator has no twin: the pegawai chooses again rather than a guess
        rencana.append(Pindah(a, rhk.id if rhk else None, iki.id if iki else None))
    tanpa_tempat = [p.aktivitas.tanggal for p in rencana if p.rhk_id is None and p.aktivitas.status == TERVALIDASI]
    if tanpa_tempat:
        raise ValidationError(_pesan_tolak(lama, efektif, tanpa_tempat))
    return rencana


def _pesan_tolak(lama: PeriodeSKP, efektif: date, tanggal: list[date]) -> str:
    unik = sorted(set(tanggal))
    disebut = ", ".join(fmt.tanggal(t) for t in unik[:TANGGAL_DISEBUT])
    if len(unik) > TANGGAL_DISEBUT:
        disebut += f" dan {len(unik) - TANGGAL_DISEBUT} tanggal lainnya"
    return (
        f"Mutasi per {fmt.tanggal(efektif)} tidak dapat diterapkan: {len(tanggal)} aktivitas yang sudah "
        f"tervalidasi oleh atasan lama bertanggal {disebut}, sesudah tanggal efektif, dan Rencana Hasil Kerjanya "
        "tidak ada pada SKP periode baru. Gunakan tanggal efektif paling awal "
        f"{fmt.tanggal(max(unik) + timedelta(days=1))} (sesudah aktivitas tervalidasi terakhir), atau periksa "
        "kembali tanggal mutasi pada SK."
    )


def pindahkan(session: Session, actor: Actor | Operator, lama: PeriodeSKP, baru: PeriodeSKP) -> int:
    """Move ``lama``'s activities dated inside ``baru`` to it, each move audited; returns how many moved."""
    skp_baru = session.scalar(select(SKP.id).where(SKP.periode_id == baru.id))
    rencana = rencana_pindah(session, lama, baru.tanggal_mulai, skp_baru)
    for p in rencana:
        a = p.aktivitas
        sebelum = {"periode_id": a.periode_id, "rhk_id": a.rhk_id, "indikator_id": a.indikator_id}
        a.periode_id, a.rhk_id, a.indikator_id = baru.id, p.rhk_id, p.indikator_id
        audit.record(
            session,
            actor,
            "mutasi_pindah_aktivitas",
            "aktivitas_harian",
            a.id,
            sebelum,
            {"periode_id": baru.id, "rhk_id": p.rhk_id, "indikator_id": p.indikator_id, "tanggal": a.tanggal},
        )
    session.flush()
    return len(rencana)


def _berpindah(lama: PeriodeSKP, baru: PeriodeSKP) -> bool:
    """The period before sat elsewhere: another penilai, jabatan or unit kerja."""
    return (lama.penilai_id, lama.jabatan, lama.unit_kerja_id) != (baru.penilai_id, baru.jabatan, baru.unit_kerja_id)


def dibuka_mutasi(session: Session, periode: PeriodeSKP) -> bool:
    """Whether ``periode`` was opened by a mutasi: the pegawai's previous period ends the day before it starts
    and sat elsewhere (another jabatan, unit kerja or penilai). A pegawai's own split of a year keeps the
    snapshot, so it is not one."""
    return periode.id in dibuka_mutasi_semua(session, [periode])


def dibuka_mutasi_semua(session: Session, periode: Sequence[PeriodeSKP]) -> set[int]:
    """The ids among ``periode`` opened by a mutasi (:func:`dibuka_mutasi`), in one query for all of them."""
    if not periode:
        return set()
    sebelum = {
        (p.pegawai_id, p.tanggal_akhir): p
        for p in session.scalars(select(PeriodeSKP).where(PeriodeSKP.pegawai_id.in_({x.pegawai_id for x in periode})))
    }
    return {
        p.id
        for p in periode
        if (lama := sebelum.get((p.pegawai_id, p.tanggal_mulai - timedelta(days=1)))) is not None
        and _berpindah(lama, p)
    }
