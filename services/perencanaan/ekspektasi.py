"""Ekspektasi Pimpinan (e-book: Tahapan pengisian ekspektasi pimpinan terhadap perilaku kerja bawahan):
the period's penilai writes, per BerAKHLAK value, the ekspektasi khusus for one bawahan; the pegawai
reads them on their own SKP. Any status: the atasan may write them before or after penetapan."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from db.models.base import utcnow
from services.organisasi.berakhlak import BERAKHLAK
from services.organisasi.wewenang import sebagai
from services.perencanaan.skp_akses import ambil_skp, require_penilai
from services.platform import audit
from services.platform.access import Actor
from services.platform.errors import ValidationError
from services.platform.masukan import teks_wajib


def simpan(session: Session, actor: Actor, skp_id: int, ekspektasi: Mapping[int, str | None]) -> None:
    """ "Simpan": ekspektasi khusus per value number (1–7); an empty text clears it."""
    skp = ambil_skp(session, skp_id, lock=True)
    require_penilai(actor, skp)
    nomor_sah = {n.nomor for n in BERAKHLAK}
    salah = sorted(str(n) for n in ekspektasi if n not in nomor_sah)
    if salah:
        raise ValidationError("Nomor perilaku kerja tidak dikenal: " + ", ".join(salah) + ".")
    baru = {}
    for nomor, teks in ekspektasi.items():
        nama = BERAKHLAK[nomor - 1].nama
        baru[nomor] = teks_wajib(teks, f"Ekspektasi {nama}", 2000) if teks and str(teks).strip() else None
    rows = {row.nomor: row for row in skp.perilaku}
    before, after = {}, {}
    for nomor, teks in baru.items():
        row = rows[nomor]
        if (row.ekspektasi_khusus or None) != teks:
            before[nomor], after[nomor] = row.ekspektasi_khusus, teks
            row.ekspektasi_khusus, row.updated_at = teks, utcnow()
    if after:
        session.flush()
        tanda = sebagai(session, actor, skp.periode.penilai_id)  # as Plt/Plh: the values nested beside the mark
        audit.record(
            session,
            actor,
            "simpan_ekspektasi",
            "skp",
            skp.id,
            before,
            {"ekspektasi": after, **tanda} if tanda else after,
        )
