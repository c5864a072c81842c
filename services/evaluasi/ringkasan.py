"""Evaluasi Kinerja lists: the atasan's bawahan with one period's evaluation, the pegawai's own Final
evaluations, and the evaluation periods to choose for one SKP (Tahunan only on the year's last period)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db.enums import PredikatPegawai, Rating, StatusEvaluasi
from db.models import SKP, EvaluasiKinerja, PeriodeSKP
from services.evaluasi.peran import ambil_skp, skp_bawahan
from services.evaluasi.periode_evaluasi import TAHUNAN, bulan_evaluasi, default_kode, label_rentang, periode_untuk
from services.evaluasi.tahunan import tahunan_di_sini
from services.platform.access import Actor


@dataclass(frozen=True)
class RingkasanEvaluasi:
    skp_id: int
    tahun: int
    nama: str
    nip: str
    jabatan: str
    kode: str
    label: str
    status: StatusEvaluasi | None
    rating_hasil_kerja: Rating | None
    rating_perilaku_kerja: Rating | None
    predikat: PredikatPegawai | None
    finalized_at: datetime | None


def daftar_bawahan(session: Session, actor: Actor, tahun: int, kode: str) -> list[RingkasanEvaluasi]:
    """The actor's bawahan (as penilai of their period in ``tahun``) with this period's evaluation: the SKP with
    their periods and the evaluations of this period in three queries, whatever the number of bawahan (a Sekda
    has dozens); for Tahunan, one more a bawahan (is the period the year's last)."""
    pilihan = skp_bawahan(session, actor, tahun)
    ids = [p.skp_id for p in pilihan]
    skp = {s.id: s for s in session.scalars(select(SKP).where(SKP.id.in_(ids)).options(selectinload(SKP.periode)))}
    evaluasi = {
        e.skp_id: e
        for e in session.scalars(
            select(EvaluasiKinerja).where(EvaluasiKinerja.skp_id.in_(ids), EvaluasiKinerja.periode_evaluasi == kode)
        )
    }
    rows = []
    for p in pilihan:
        periode = skp[p.skp_id].periode
        if not bulan_evaluasi(kode, periode) or (kode == TAHUNAN and not tahunan_di_sini(session, periode)):
            continue  # Tahunan: only on the year's last period
        ev = evaluasi.get(p.skp_id)
        rows.append(
            RingkasanEvaluasi(
                p.skp_id,
                p.tahun,
                p.nama,
                p.nip,
                p.jabatan,
                kode,
                label_rentang(kode, periode),
                ev.status if ev else None,
                ev.rating_hasil_kerja if ev else None,
                ev.rating_perilaku_kerja if ev else None,
                ev.predikat if ev else None,
                ev.finalized_at if ev else None,
            )
        )
    return rows


def evaluasi_saya(session: Session, actor: Actor) -> list[RingkasanEvaluasi]:
    """The actor's own Final evaluations, newest period first."""
    rows = session.execute(
        select(EvaluasiKinerja, SKP, PeriodeSKP)
        .join(SKP, EvaluasiKinerja.skp_id == SKP.id)
        .join(PeriodeSKP, SKP.periode_id == PeriodeSKP.id)
        .where(SKP.pegawai_id == actor.pegawai_id, EvaluasiKinerja.status == StatusEvaluasi.FINAL)
        .order_by(PeriodeSKP.tanggal_mulai.desc(), EvaluasiKinerja.periode_evaluasi)
    ).all()
    return [
        RingkasanEvaluasi(
            skp.id,
            periode.tahun,
            actor.nama,
            actor.nip,
            periode.jabatan,
            ev.periode_evaluasi,
            f"{label_rentang(ev.periode_evaluasi, periode)}",
            ev.status,
            ev.rating_hasil_kerja,
            ev.rating_perilaku_kerja,
            ev.predikat,
            ev.finalized_at,
        )
        for ev, skp, periode in rows
    ]


def pilihan_periode(
    session: Session, actor: Actor, skp_id: int, today: date | None = None
) -> tuple[dict[str, str], str]:
    """The evaluation periods of this SKP (code → label with months) and the one to choose first."""
    skp, _peran = ambil_skp(session, actor, skp_id)
    periode = skp.periode
    tahunan = tahunan_di_sini(session, periode)
    return (
        {k: label_rentang(k, periode) for k in periode_untuk(session, periode) if k != TAHUNAN or tahunan},
        default_kode(session, periode, today),
    )
