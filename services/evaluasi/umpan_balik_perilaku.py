"""Umpan Balik Berkelanjutan, tab Perilaku Kerja (e-book "Tahapan Umpan Balik Berkelanjutan", docs/domain.md
§3.12): the penilai's umpan balik per BerAKHLAK value and evaluation period, beside the ekspektasi khusus;
the pegawai reads it. Refused once the Evaluasi Kinerja of that period is Final.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import StatusEvaluasi
from db.models import SKP, PerilakuKerja, UmpanBalikPerilaku
from db.models.base import utcnow
from services.evaluasi.peran import PENILAI, ambil_skp
from services.evaluasi.periode_evaluasi import bulan_evaluasi, label_periode, label_rentang
from services.evaluasi.status import status_evaluasi
from services.evaluasi.umpan_balik import UMPAN_BALIK_MAKS
from services.organisasi import wewenang
from services.organisasi.berakhlak import BERAKHLAK
from services.platform import audit
from services.platform.access import Actor
from services.platform.errors import AksesDitolak, ValidationError
from services.platform.masukan import teks_bebas


@dataclass(frozen=True)
class BarisPerilaku:
    nomor: int
    nama: str
    panduan: tuple[str, ...]
    ekspektasi_khusus: str | None
    umpan_balik: str | None


@dataclass(frozen=True)
class PerilakuEvaluasi:
    skp_id: int
    kode: str
    label: str
    peran: str
    terkunci: bool
    rows: list[BarisPerilaku]

    @property
    def bisa_umpan_balik(self) -> bool:
        return self.peran == PENILAI and not self.terkunci


def perilaku(session: Session, actor: Actor, skp_id: int, kode: str) -> PerilakuEvaluasi:
    """The 7 BerAKHLAK values with ekspektasi khusus and the penilai's umpan balik of period ``kode``."""
    skp, peran = ambil_skp(session, actor, skp_id)
    if not bulan_evaluasi(kode, skp.periode):
        raise ValidationError(f"{label_periode(kode)} berada di luar Periode SKP ini.")
    by_nomor = {p.nomor: p for p in skp.perilaku}
    feedback = dict(
        session.execute(
            select(PerilakuKerja.nomor, UmpanBalikPerilaku.teks)
            .join(UmpanBalikPerilaku)
            .where(PerilakuKerja.skp_id == skp.id, UmpanBalikPerilaku.periode_evaluasi == kode)
        ).all()
    )
    rows = [
        BarisPerilaku(
            n.nomor,
            n.nama,
            n.panduan,
            by_nomor[n.nomor].ekspektasi_khusus if n.nomor in by_nomor else None,
            feedback.get(n.nomor),
        )
        for n in BERAKHLAK
    ]
    terkunci = status_evaluasi(session, skp.id, kode) == StatusEvaluasi.FINAL
    return PerilakuEvaluasi(skp.id, kode, label_rentang(kode, skp.periode), peran, terkunci, rows)


def simpan_umpan_balik_perilaku(session: Session, actor: Actor, skp_id: int, kode: str, teks: dict[int, str]) -> int:
    """The penilai's umpan balik per value (nomor → text; empty removes it). Returns rows changed."""
    data = perilaku(session, actor, skp_id, kode)
    if data.peran != PENILAI:
        raise AksesDitolak("Hanya atasan langsung (pejabat penilai periode ini) yang dapat memberi umpan balik.")
    if data.terkunci:
        raise ValidationError(f"Evaluasi Kinerja {label_periode(kode)} sudah Final; umpan balik perilaku terkunci.")
    cleaned: dict[int, str] = {}
    for nomor, value in teks.items():
        if nomor not in range(1, 8):
            raise ValidationError("Nilai BerAKHLAK tidak dikenal.")
        value = teks_bebas(value, f"Umpan balik {BERAKHLAK[nomor - 1].nama}", UMPAN_BALIK_MAKS, wajib=False)
        cleaned[nomor] = value
    skp = session.get_one(SKP, skp_id)  # perilaku() found it and checked the actor
    by_nomor = {p.nomor: p for p in skp.perilaku}
    changed = 0
    for nomor, value in cleaned.items():
        pk = by_nomor.get(nomor)
        if pk is None:
            continue
        row = session.scalar(
            select(UmpanBalikPerilaku).where(
                UmpanBalikPerilaku.perilaku_id == pk.id, UmpanBalikPerilaku.periode_evaluasi == kode
            )
        )
        before = row.teks if row else None
        if (before or "") == value:
            continue
        if not value:
            session.delete(row)
        elif row is None:
            session.add(
                UmpanBalikPerilaku(perilaku_id=pk.id, periode_evaluasi=kode, teks=value, oleh_id=actor.pegawai_id)
            )
        else:
            row.teks, row.oleh_id, row.updated_at = value, actor.pegawai_id, utcnow()
        audit.record(
            session,
            actor,
            "umpan_balik_perilaku",
            "perilaku_kerja",
            pk.id,
            {"periode": kode, "teks": before},
            {"periode": kode, "teks": value or None, **wewenang.sebagai(session, actor, skp.periode.penilai_id)},
        )
        changed += 1
    session.flush()
    return changed
