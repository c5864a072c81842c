"""Matriks Peran Hasil (e-book: SKP JPT steps 15–16): an atasan whose own SKP is ditetapkan puts their
RHK across the top and their bawahan down the side, and adds per cell the "Rencana Hasil Kerja Baru"
that cascades that RHK to that bawahan. The cells appear in the bawahan's Rencana SKP ("Gunakan"); a
cell is changed or deleted only while no bawahan RHK is made from it."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.enums import StatusSKP
from db.models import Pegawai, PeranHasil, PeriodeSKP, RencanaHasilKerja
from services.perencanaan.skp_akses import periode_sendiri, skp_of_periode
from services.platform.access import Actor
from services.platform.errors import AksesDitolak, ValidationError
from services.platform.masukan import teks_wajib
from services.platform.perubahan import BarisTercatat

PERAN = BarisTercatat(
    PeranHasil, "peran_hasil", ("rhk_atasan_id", "bawahan_id", "teks"), "Rencana Hasil Kerja Baru tidak ditemukan."
)


@dataclass(frozen=True)
class Sel:
    id: int
    teks: str
    dipakai: bool


@dataclass(frozen=True)
class BawahanMatriks:
    id: int
    nama: str
    nip: str
    jabatan: str


@dataclass
class Matriks:
    periode_id: int
    rhk: list[tuple[int, str]]  # (id, teks) across the top
    bawahan: list[BawahanMatriks]  # down the side
    sel: dict[tuple[int, int], list[Sel]] = field(default_factory=dict)  # (bawahan_id, rhk_id) → cells

    @property
    def tanpa_peran(self) -> list[BawahanMatriks]:
        """Bawahan with nothing in the matrix yet (flagged on the screen)."""
        return [b for b in self.bawahan if not any(self.sel.get((b.id, r), []) for r, _ in self.rhk)]

    @property
    def sel_bebas(self) -> dict[int, tuple[BawahanMatriks, int, Sel]]:
        """Cell id → (bawahan, RHK id, cell) of the cells no bawahan has used yet: the only ones that may be
        changed or deleted."""
        return {
            c.id: (b, rid, c)
            for b in self.bawahan
            for rid, _ in self.rhk
            for c in self.sel.get((b.id, rid), [])
            if not c.dipakai
        }


def _periode_atasan(session: Session, actor: Actor, periode_id: int) -> PeriodeSKP:
    """The actor's own period, with its SKP ditetapkan."""
    periode = periode_sendiri(
        session, actor, periode_id, "Anda hanya dapat mengisi Matriks Peran Hasil dari SKP Anda sendiri."
    )
    skp = skp_of_periode(session, periode)
    if skp.status != StatusSKP.DITETAPKAN:
        raise ValidationError(
            f"Matriks Peran Hasil dapat diisi setelah SKP Anda ditetapkan oleh atasan; SKP periode "
            f"ini masih berstatus {skp.status.value}."
        )
    return periode


def bawahan_periode(session: Session, periode: PeriodeSKP) -> list[Pegawai]:
    """Down the side: the atasan's direct bawahan, and anyone whose overlapping period names them as penilai."""
    dinilai = select(PeriodeSKP.pegawai_id).where(
        PeriodeSKP.penilai_id == periode.pegawai_id,
        PeriodeSKP.tanggal_mulai <= periode.tanggal_akhir,
        PeriodeSKP.tanggal_akhir >= periode.tanggal_mulai,
    )
    return list(
        session.scalars(
            select(Pegawai)
            .where(
                or_(Pegawai.atasan_id == periode.pegawai_id, Pegawai.id.in_(dinilai)),
                Pegawai.aktif,
                Pegawai.id != periode.pegawai_id,
            )
            .order_by(Pegawai.nama)
        )
    )


def matriks(session: Session, actor: Actor, periode_id: int) -> Matriks:
    periode = _periode_atasan(session, actor, periode_id)
    skp = skp_of_periode(session, periode)
    result = Matriks(
        periode.id,
        [(r.id, r.teks) for r in skp.rhk],
        [BawahanMatriks(b.id, b.nama, b.nip, b.jabatan) for b in bawahan_periode(session, periode)],
    )
    rhk_ids = [r.id for r in skp.rhk]
    if rhk_ids:
        for cell in session.scalars(
            select(PeranHasil).where(PeranHasil.rhk_atasan_id.in_(rhk_ids)).order_by(PeranHasil.id)
        ):
            result.sel.setdefault((cell.bawahan_id, cell.rhk_atasan_id), []).append(
                Sel(cell.id, cell.teks, cell.rhk_bawahan_id is not None)
            )
    return result


def tambah(session: Session, actor: Actor, rhk_atasan_id: int, bawahan_id: int, teks: str) -> PeranHasil:
    """ "Tambah": a Rencana Hasil Kerja Baru for one bawahan under one of the actor's RHK."""
    rhk = session.get(RencanaHasilKerja, rhk_atasan_id) if rhk_atasan_id is not None else None
    if rhk is None:
        raise ValidationError("Pilih Rencana Hasil Kerja Anda yang akan diturunkan.")
    periode = _periode_atasan(session, actor, rhk.skp.periode_id)
    if bawahan_id not in {b.id for b in bawahan_periode(session, periode)}:
        raise AksesDitolak("Pegawai yang dipilih bukan bawahan langsung Anda pada periode ini.")
    cell = PeranHasil(rhk_atasan_id=rhk.id, bawahan_id=bawahan_id, teks=teks_wajib(teks, "Rencana Hasil Kerja Baru"))
    return PERAN.tambah(session, actor, "tambah_peran_hasil", cell)


def _sel_untuk_diubah(session: Session, actor: Actor, peran_id: int, tindakan: str) -> PeranHasil:
    cell = PERAN.ambil(session, peran_id)
    _periode_atasan(session, actor, cell.rhk_atasan.skp.periode_id)
    if cell.rhk_bawahan_id is not None:
        raise ValidationError(
            f"Rencana Hasil Kerja Baru ini sudah dipakai bawahan dalam Rencana SKP-nya dan tidak dapat {tindakan}."
        )
    return cell


def ubah(session: Session, actor: Actor, peran_id: int, teks: str) -> PeranHasil:
    cell = _sel_untuk_diubah(session, actor, peran_id, "diubah")
    with PERAN.ubah(session, actor, "ubah_peran_hasil", cell):
        cell.teks = teks_wajib(teks, "Rencana Hasil Kerja Baru")
    return cell


def hapus(session: Session, actor: Actor, peran_id: int) -> None:
    cell = _sel_untuk_diubah(session, actor, peran_id, "dihapus")
    PERAN.hapus(session, actor, "hapus_peran_hasil", cell)
