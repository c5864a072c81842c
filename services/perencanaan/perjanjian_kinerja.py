"""Perjanjian Kinerja (e-book: SKP JPT steps 7–11, menu Data Master): the Sasaran Strategis with
perspektif and indikator of a JPT / pimpinan unit kerja mandiri (by the period's snapshot).

The wording hints (outcome sentence, "(Penugasan dari …)") are shown, never enforced. A Sasaran
Strategis is edited or deleted only while no RHK is made from it; nothing changes while the SKP of the
period is Diajukan or Ditetapkan.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from db.enums import Perspektif, StatusSKP
from db.models import IndikatorPerjanjianKinerja, PeriodeSKP, PerjanjianKinerja, RencanaHasilKerja
from services.perencanaan.kalimat import petunjuk_sasaran
from services.perencanaan.skp_akses import DAPAT_DIUBAH, periode_sendiri, require_dapat_diubah, skp_of_periode
from services.platform.access import Actor
from services.platform.errors import AksesDitolak, TidakDitemukan, ValidationError
from services.platform.masukan import baca_angka, teks_wajib
from services.platform.perubahan import BarisTercatat

PK = BarisTercatat(
    PerjanjianKinerja, "perjanjian_kinerja", ("sasaran_strategis", "perspektif"), "Perjanjian Kinerja tidak ditemukan."
)
INDIKATOR = BarisTercatat(
    IndikatorPerjanjianKinerja,
    "indikator_perjanjian_kinerja",
    ("indikator", "target", "satuan"),
    "Indikator Perjanjian Kinerja tidak ditemukan.",
)


@dataclass(frozen=True)
class IndikatorPK:
    id: int
    indikator: str
    target: Decimal
    satuan: str


@dataclass(frozen=True)
class SasaranPK:
    id: int
    sasaran_strategis: str
    perspektif: Perspektif
    indikator: list[IndikatorPK]
    dipakai: bool
    petunjuk: list[str]


def periode_jpt(session: Session, actor: Actor, periode_id: int) -> PeriodeSKP:
    """The actor's own period, when they plan like a JPT in it."""
    periode = periode_sendiri(session, actor, periode_id, "Anda hanya dapat mengisi Perjanjian Kinerja Anda sendiri.")
    if not periode.plans_like_jpt:
        raise ValidationError(
            "Perjanjian Kinerja hanya diisi oleh JPT dan pimpinan unit kerja mandiri. Isi rencana "
            "kinerja Anda di menu Perencanaan Kinerja → Rencana SKP."
        )
    return periode


def _dipakai(session: Session, perjanjian_id: int) -> bool:
    return bool(session.scalar(select(exists().where(RencanaHasilKerja.perjanjian_id == perjanjian_id))))


@dataclass(frozen=True)
class PerjanjianPeriode:
    """The Perjanjian Kinerja of one period with what the screen decides on."""

    sasaran: list[SasaranPK]
    status: StatusSKP  # of the period's SKP
    perspektif_tanpa_sasaran: list[Perspektif]  # a JPT SKP holds all four (Staf Ahli excepted)

    @property
    def terkunci(self) -> bool:
        """Nothing changes while the SKP of the period is Diajukan or Ditetapkan."""
        return self.status not in DAPAT_DIUBAH


def daftar(session: Session, actor: Actor, periode_id: int) -> list[SasaranPK]:
    return _sasaran(session, periode_jpt(session, actor, periode_id))


def perjanjian_periode(session: Session, actor: Actor, periode_id: int) -> PerjanjianPeriode:
    """The screen of one period: its Sasaran Strategis, whether they are locked, and the perspektif lacking one."""
    periode = periode_jpt(session, actor, periode_id)
    sasaran = _sasaran(session, periode)
    ada = {s.perspektif for s in sasaran}
    return PerjanjianPeriode(sasaran, skp_of_periode(session, periode).status, [p for p in Perspektif if p not in ada])


def _sasaran(session: Session, periode: PeriodeSKP) -> list[SasaranPK]:
    rows = session.scalars(
        select(PerjanjianKinerja).where(PerjanjianKinerja.periode_id == periode.id).order_by(PerjanjianKinerja.id)
    )
    order = list(Perspektif)
    items = [
        SasaranPK(
            pk.id,
            pk.sasaran_strategis,
            pk.perspektif,
            [IndikatorPK(i.id, i.indikator, i.target, i.satuan) for i in pk.indikator],
            _dipakai(session, pk.id),
            petunjuk_sasaran(pk.sasaran_strategis),
        )
        for pk in rows
    ]
    return sorted(items, key=lambda s: (order.index(s.perspektif), s.id))


def usulan_indikator(session: Session, actor: Actor, rhk_id: int) -> IndikatorPK | None:
    """ "Tambah Indikator" of a JPT's RHK starts from its Perjanjian Kinerja (docs/domain.md §8.37): the first
    indikator of the Sasaran Strategis the RHK was made from that the RHK does not hold yet (same sentence)."""
    rhk = session.get(RencanaHasilKerja, rhk_id)
    if rhk is None:
        raise TidakDitemukan("Rencana Hasil Kerja tidak ditemukan.")
    if rhk.skp.pegawai_id != actor.pegawai_id:
        raise AksesDitolak("Anda hanya dapat mengubah SKP Anda sendiri.")
    if rhk.perjanjian_id is None:
        return None
    ada = {" ".join(i.teks.split()).casefold() for i in rhk.indikator}
    pk = session.get(PerjanjianKinerja, rhk.perjanjian_id)
    sisa = [i for i in pk.indikator if " ".join(i.indikator.split()).casefold() not in ada] if pk else []
    return IndikatorPK(sisa[0].id, sisa[0].indikator, sisa[0].target, sisa[0].satuan) if sisa else None


def _periode_untuk_diubah(session: Session, actor: Actor, periode_id: int) -> PeriodeSKP:
    periode = periode_jpt(session, actor, periode_id)
    require_dapat_diubah(skp_of_periode(session, periode))
    return periode


def _perspektif(value: object) -> Perspektif:
    try:
        return Perspektif(value)
    except ValueError:
        raise ValidationError(
            "Pilih perspektif: Penerima Layanan, Proses Bisnis, Anggaran atau Penguatan Internal."
        ) from None


def tambah(session: Session, actor: Actor, periode_id: int, sasaran: str, perspektif: object) -> PerjanjianKinerja:
    """ "Tambah Perjanjian Kinerja"."""
    periode = _periode_untuk_diubah(session, actor, periode_id)
    pk = PerjanjianKinerja(
        periode_id=periode.id,
        sasaran_strategis=teks_wajib(sasaran, "Sasaran Strategis"),
        perspektif=_perspektif(perspektif),
    )
    return PK.tambah(session, actor, "tambah_perjanjian_kinerja", pk)


def _pk_untuk_diubah(session: Session, actor: Actor, perjanjian_id: int) -> PerjanjianKinerja:
    pk = PK.ambil(session, perjanjian_id)
    _periode_untuk_diubah(session, actor, pk.periode_id)
    return pk


def _belum_dipakai(session: Session, pk: PerjanjianKinerja, tindakan: str) -> None:
    if _dipakai(session, pk.id):
        raise ValidationError(
            f"Sasaran Strategis ini sudah dipakai pada Rencana SKP dan tidak dapat {tindakan}. "
            "Hapus dahulu RHK-nya di Rencana SKP."
        )


def ubah(session: Session, actor: Actor, perjanjian_id: int, sasaran: str, perspektif: object) -> PerjanjianKinerja:
    pk = _pk_untuk_diubah(session, actor, perjanjian_id)
    _belum_dipakai(session, pk, "diubah")
    with PK.ubah(session, actor, "ubah_perjanjian_kinerja", pk):
        pk.sasaran_strategis = teks_wajib(sasaran, "Sasaran Strategis")
        pk.perspektif = _perspektif(perspektif)
    return pk


def hapus(session: Session, actor: Actor, perjanjian_id: int) -> None:
    pk = _pk_untuk_diubah(session, actor, perjanjian_id)
    _belum_dipakai(session, pk, "dihapus")
    PK.hapus(session, actor, "hapus_perjanjian_kinerja", pk, indikator=[i.indikator for i in pk.indikator])


def tambah_indikator(
    session: Session, actor: Actor, perjanjian_id: int, indikator: str, target: object, satuan: str
) -> IndikatorPerjanjianKinerja:
    """ "Tambah Indikator": indikator, target, satuan."""
    pk = _pk_untuk_diubah(session, actor, perjanjian_id)
    row = IndikatorPerjanjianKinerja(
        perjanjian_id=pk.id,
        indikator=teks_wajib(indikator, "Indikator"),
        target=baca_angka(target, "Target", positif=True),
        satuan=teks_wajib(satuan, "Satuan", 100),
    )
    return INDIKATOR.tambah(session, actor, "tambah_indikator_pk", row, perjanjian_id=pk.id)


def _indikator_untuk_diubah(session: Session, actor: Actor, indikator_id: int) -> IndikatorPerjanjianKinerja:
    row = INDIKATOR.ambil(session, indikator_id)
    _pk_untuk_diubah(session, actor, row.perjanjian_id)
    return row


def ubah_indikator(
    session: Session, actor: Actor, indikator_id: int, indikator: str, target: object, satuan: str
) -> IndikatorPerjanjianKinerja:
    row = _indikator_untuk_diubah(session, actor, indikator_id)
    with INDIKATOR.ubah(session, actor, "ubah_indikator_pk", row):
        row.indikator = teks_wajib(indikator, "Indikator")
        row.target = baca_angka(target, "Target", positif=True)
        row.satuan = teks_wajib(satuan, "Satuan", 100)
    return row


def hapus_indikator(session: Session, actor: Actor, indikator_id: int) -> None:
    row = _indikator_untuk_diubah(session, actor, indikator_id)
    INDIKATOR.hapus(session, actor, "hapus_indikator_pk", row, perjanjian_id=row.perjanjian_id)
