"""The pegawai's own Rencana SKP as one read: the SKP, what its forms offer, and its PDF's name once ditetapkan.

What the forms offer is decided here: a JPT / pimpinan unit kerja mandiri chooses from the Sasaran
Strategis not yet in the plan; everyone else from the penilai's RHK and the unused cells of the atasan's
Matriks Peran Hasil. Nothing is offered while the SKP may not be changed."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from db.models import PeriodeSKP
from services.organisasi.periode import ambil_sendiri
from services.perencanaan import perjanjian_kinerja, rencana_skp
from services.perencanaan.dokumen_skp import berkas_cetak
from services.perencanaan.skp_akses import skp_of_periode
from services.perencanaan.skp_detail import SkpDetail, detail
from services.platform.access import Actor


@dataclass
class Pilihan:
    """The choices of the forms (id → label)."""

    perjanjian: dict[int, str] = field(default_factory=dict)  # JPT: unused Sasaran Strategis
    rhk_atasan: dict[int, str] = field(default_factory=dict)  # non-JPT: the penilai's RHK
    peran: list[tuple[int, str, str]] = field(default_factory=list)  # (id, teks, atasan RHK teks)
    pola: dict[int, str] = field(default_factory=dict)
    nama_penilai: str | None = None


@dataclass(frozen=True)
class SkpSaya:
    detail: SkpDetail
    pilihan: Pilihan  # empty unless the actor may change the SKP
    cetak: str | None  # the PDF's file name once ditetapkan (the PDF is made when Cetak is clicked)


def baca(session: Session, actor: Actor, periode_id: int) -> SkpSaya:
    """The actor's own period (or, for an admin, anyone's) as the Rencana SKP screen shows it. Reads the Pola
    Penugasan list, which is given its default when empty (see :func:`rencana_skp.daftar_pola`)."""
    periode = ambil_sendiri(session, actor, periode_id)
    d = detail(session, actor, skp_of_periode(session, periode).id)
    pilihan = _pilihan(session, actor, periode, d) if d.dapat_diubah else Pilihan()
    return SkpSaya(d, pilihan, berkas_cetak(d))


def _pilihan(session: Session, actor: Actor, periode: PeriodeSKP, d: SkpDetail) -> Pilihan:
    result = Pilihan(
        pola={p.id: p.nama for p in rencana_skp.daftar_pola(session)},
        nama_penilai=d.penilai.nama if d.penilai else None,
    )
    if d.plans_like_jpt:
        result.perjanjian = {
            pk.id: f"{pk.perspektif.value} — {pk.sasaran_strategis}"
            for pk in perjanjian_kinerja.daftar(session, actor, periode.id)
            if not pk.dipakai
        }
    else:
        result.rhk_atasan = {r.id: r.teks for r in rencana_skp.rhk_atasan_pilihan(session, periode)}
        result.peran = [(c.id, c.teks, c.rhk_atasan.teks) for c in rencana_skp.peran_tersedia(session, periode)]
    return result
