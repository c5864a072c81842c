"""Penetapan Predikat Kinerja Organisasi (docs/domain.md §8.35; SE MenPANRB 3/2023): the pimpinan above a unit (or
an admin on their behalf) sets its predikat for the year on a basis — the capaian of the Perjanjian Kinerja of the
unit's leader, each indikator's realisasi entered here or, when none is entered, computed from the leader's own
realisasi of the SKP indikator derived from it — and the signed document is printed (dokumen_predikat.py).

The suggestion from the capaian is a SIPIJAR decision (the regulation leaves the judgement to the pimpinan): see
:func:`saran`. The predikat itself is stored by :func:`services.evaluasi.kurva.tetapkan_predikat_organisasi`, whose
rules (who may, not after the leader's Final evaluation) hold here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import PredikatOrganisasi
from db.models import (
    SKP,
    IndikatorKinerja,
    IndikatorPerjanjianKinerja,
    Pegawai,
    PeriodeSKP,
    PerjanjianKinerja,
    PredikatKinerjaOrganisasi,
    RealisasiPerjanjianKinerja,
    RencanaHasilKerja,
    UnitKerja,
)
from db.models.base import utcnow
from services.evaluasi import kurva
from services.evaluasi.periode_evaluasi import BULAN_PERIODE, label_periode
from services.evaluasi.predikat import capaian, capaian_periode, periode_memimpin
from services.organisasi import struktur
from services.platform import audit
from services.platform import format as fmt
from services.platform.access import Actor, require_pimpinan_of_unit
from services.platform.errors import TidakDitemukan, ValidationError
from services.platform.masukan import teks_bebas

O = PredikatOrganisasi  # noqa: E741 - reads like the table
DUA = Decimal("0.01")
NOMOR_MAKS = 100

#: The suggestion's thresholds on the average capaian (%), highest first: a SIPIJAR decision after SE MenPANRB
#: 3/2023 ("Istimewa" when the plans exceed their targets, "Sangat Kurang" when most show no progress).
AMBANG_SARAN: tuple[tuple[Decimal, PredikatOrganisasi], ...] = (
    (Decimal(100), O.BAIK),
    (Decimal(80), O.BUTUH_PERBAIKAN),
    (Decimal(60), O.KURANG),
)


@dataclass(frozen=True)
class DasarIndikator:
    """One indikator of the leader's Perjanjian Kinerja and its capaian for the year."""

    indikator_pk_id: int
    perspektif: str
    sasaran: str
    indikator: str
    target: Decimal
    satuan: str
    realisasi: Decimal | None  # entered; None when computed or missing
    capaian_persen: Decimal | None
    sumber: str  # "dicatat", "dari realisasi SKP", "belum ada"


@dataclass(frozen=True)
class DasarPenetapan:
    unit_kerja_id: int
    unit: str
    tahun: int
    kode: str
    pemimpin: str | None  # "Nama (NIP), Jabatan" of the leader whose Perjanjian Kinerja is the basis
    indikator: list[DasarIndikator]
    capaian_persen: Decimal | None
    saran: PredikatOrganisasi | None
    alasan: str
    penetapan: PredikatKinerjaOrganisasi | None

    @property
    def label(self) -> str:
        return f"{label_periode(self.kode)} {self.tahun}"


def saran(items: list[DasarIndikator]) -> tuple[Decimal | None, PredikatOrganisasi | None, str]:
    """The average capaian and the suggested predikat: Istimewa when every indikator meets its target and the
    average exceeds 100 %; then Baik from 100 %, Butuh Perbaikan from 80 %, Kurang from 60 %, Sangat Kurang
    below. No suggestion while an indikator has no capaian."""
    nilai = [i.capaian_persen for i in items]
    if not nilai:
        return None, None, "Perjanjian Kinerja pimpinan unit ini belum memiliki indikator."
    if any(v is None for v in nilai):
        kurang = sum(v is None for v in nilai)
        return None, None, f"{kurang} indikator belum memiliki realisasi; catat realisasinya terlebih dahulu."
    angka = [v for v in nilai if v is not None]
    rata = _rata(angka)
    ringkas = f"rata-rata capaian {fmt.persen(rata)} dari {len(angka)} indikator"
    if rata > 100 and min(angka) >= 100:
        return rata, O.ISTIMEWA, f"{ringkas}; semua indikator mencapai target dan rata-rata melampauinya."
    for ambang, predikat in AMBANG_SARAN:
        if rata >= ambang:
            return rata, predikat, f"{ringkas} (≥ {fmt.angka(ambang)} %)."
    return rata, O.SANGAT_KURANG, f"{ringkas} (< 60 %); sebagian besar sasaran belum menunjukkan kemajuan."


def _unit(session: Session, unit_id: int) -> UnitKerja:
    unit = session.get(UnitKerja, unit_id)
    if unit is None:
        raise TidakDitemukan("Unit kerja tidak ditemukan.")
    return unit


def periode_pemimpin(session: Session, unit_id: int, tahun: int, kode: str) -> PeriodeSKP | None:
    """The period of the unit's leader that holds the end of the evaluation period (else their last of the year)."""
    bulan_akhir = BULAN_PERIODE[kode][-1]
    pemimpin = periode_memimpin(
        session, PeriodeSKP.unit_kerja_id == unit_id, PeriodeSKP.tahun == tahun, struktural=True
    )
    for periode in pemimpin:
        if periode.tanggal_mulai.month <= bulan_akhir <= periode.tanggal_akhir.month:
            return periode
    return pemimpin[0] if pemimpin else None


def _dihitung(session: Session, periode: PeriodeSKP, kode: str) -> dict[int, Decimal]:
    """Per Perjanjian Kinerja: the average capaian of the leader's SKP indikator derived from it."""
    skp = session.scalar(select(SKP).where(SKP.periode_id == periode.id))
    if skp is None:
        return {}
    pk_of = dict(
        session.execute(
            select(IndikatorKinerja.id, RencanaHasilKerja.perjanjian_id)
            .join(RencanaHasilKerja, IndikatorKinerja.rhk_id == RencanaHasilKerja.id)
            .where(RencanaHasilKerja.skp_id == skp.id, RencanaHasilKerja.perjanjian_id.is_not(None))
        ).all()
    )
    kumpulan: dict[int, list[Decimal]] = {}
    for c in capaian_periode(session, skp, BULAN_PERIODE[kode]):
        pk_id = pk_of.get(c.indikator_id)
        if pk_id is not None and c.persen is not None:
            kumpulan.setdefault(pk_id, []).append(c.persen)
    return {pk: _rata(v) for pk, v in kumpulan.items()}


def _rata(nilai: list[Decimal]) -> Decimal:
    return (sum(nilai, Decimal(0)) / len(nilai)).quantize(DUA, rounding=ROUND_HALF_UP)


def dasar(session: Session, actor: Actor, unit_id: int, tahun: int, kode: str) -> DasarPenetapan:
    """The basis of the unit's predikat for the year and evaluation period (pimpinan of the subtree, admin)."""
    unit = _unit(session, unit_id)
    require_pimpinan_of_unit(session, actor, unit.id)
    if kode not in BULAN_PERIODE:
        raise ValidationError("Periode evaluasi tidak dikenal.")
    penetapan = session.scalar(
        select(PredikatKinerjaOrganisasi).where(
            PredikatKinerjaOrganisasi.unit_kerja_id == unit.id,
            PredikatKinerjaOrganisasi.tahun == tahun,
            PredikatKinerjaOrganisasi.periode_evaluasi == kode,
        )
    )
    periode = periode_pemimpin(session, unit.id, tahun, kode)
    if periode is None:
        return DasarPenetapan(
            unit.id,
            unit.nama,
            tahun,
            kode,
            None,
            [],
            None,
            None,
            "Unit ini belum memiliki pimpinan dengan Periode SKP pada tahun ini.",
            penetapan,
        )
    pegawai = session.get_one(Pegawai, periode.pegawai_id)
    dihitung = _dihitung(session, periode, kode)
    rows = session.execute(
        select(IndikatorPerjanjianKinerja, PerjanjianKinerja, RealisasiPerjanjianKinerja.realisasi)
        .join(PerjanjianKinerja, IndikatorPerjanjianKinerja.perjanjian_id == PerjanjianKinerja.id)
        .outerjoin(
            RealisasiPerjanjianKinerja, RealisasiPerjanjianKinerja.indikator_pk_id == IndikatorPerjanjianKinerja.id
        )
        .where(PerjanjianKinerja.periode_id == periode.id)
        .order_by(PerjanjianKinerja.id, IndikatorPerjanjianKinerja.id)
    ).all()
    items = []
    for ind, pk, realisasi in rows:
        if realisasi is not None:
            persen, sumber = capaian(Decimal(realisasi), Decimal(ind.target)), "dicatat"
        elif dihitung.get(pk.id) is not None:
            persen, sumber = dihitung[pk.id], "dari realisasi SKP"
        else:
            persen, sumber = None, "belum ada"
        items.append(
            DasarIndikator(
                ind.id,
                pk.perspektif.value,
                pk.sasaran_strategis,
                ind.indikator,
                Decimal(ind.target),
                ind.satuan,
                realisasi,
                persen,
                sumber,
            )
        )
    rata, usul, alasan = saran(items)
    pemimpin = f"{pegawai.nama} (NIP {pegawai.nip}), {periode.jabatan}"
    return DasarPenetapan(unit.id, unit.nama, tahun, kode, pemimpin, items, rata, usul, alasan, penetapan)


def _indikator_pk(session: Session, actor: Actor, indikator_pk_id: int) -> tuple[IndikatorPerjanjianKinerja, int]:
    """The indikator and the unit whose predikat it decides; the actor must be allowed to set that predikat."""
    ind = session.get(IndikatorPerjanjianKinerja, indikator_pk_id)
    if ind is None:
        raise TidakDitemukan("Indikator Perjanjian Kinerja tidak ditemukan.")
    periode = session.get_one(PeriodeSKP, ind.perjanjian.periode_id)
    kurva.periksa_wewenang(session, actor, _unit(session, periode.unit_kerja_id))
    return ind, periode.unit_kerja_id


def catat_realisasi(session: Session, actor: Actor, indikator_pk_id: int, realisasi) -> RealisasiPerjanjianKinerja:
    """Enter (or correct) the year's realisasi of one indikator of the leader's Perjanjian Kinerja."""
    ind, _ = _indikator_pk(session, actor, indikator_pk_id)
    try:
        nilai = Decimal(str(realisasi).strip().replace(",", ".")) if realisasi not in (None, "") else None
    except ArithmeticError:
        nilai = None
    if nilai is None or not nilai.is_finite() or nilai < 0 or nilai >= Decimal("1e14"):
        raise ValidationError("Realisasi harus berupa angka 0 atau lebih.")
    nilai = nilai.quantize(Decimal("0.0001"))
    row = session.scalar(select(RealisasiPerjanjianKinerja).where(RealisasiPerjanjianKinerja.indikator_pk_id == ind.id))
    before = {"realisasi": row.realisasi} if row else None
    if row is None:
        row = RealisasiPerjanjianKinerja(indikator_pk_id=ind.id, realisasi=nilai, dicatat_oleh_id=actor.pegawai_id)
        session.add(row)
    else:
        row.realisasi, row.dicatat_oleh_id, row.updated_at = nilai, actor.pegawai_id, utcnow()
    session.flush()
    audit.record(
        session,
        actor,
        "catat_realisasi_pk",
        "indikator_perjanjian_kinerja",
        ind.id,
        before,
        {"indikator": ind.indikator, "realisasi": nilai},
    )
    return row


def tetapkan(
    session: Session, actor: Actor, unit_id: int, tahun: int, kode: str, predikat, nomor: str | None = None
) -> PredikatKinerjaOrganisasi:
    """Set the unit's predikat with its basis (the capaian as computed now) and the document's number."""
    d = dasar(session, actor, unit_id, tahun, kode)
    nomor_bersih = teks_bebas(nomor, "Nomor penetapan", NOMOR_MAKS, wajib=False) or None
    row = kurva.tetapkan_predikat_organisasi(session, actor, unit_id, tahun, kode, predikat)
    before = {"capaian_persen": row.capaian_persen, "nomor": row.nomor}
    row.capaian_persen, row.nomor = d.capaian_persen, nomor_bersih
    row.dasar = (
        "; ".join(
            f"{i.indikator}: {fmt.persen(i.capaian_persen) if i.capaian_persen is not None else '-'} ({i.sumber})"
            for i in d.indikator
        )
        or None
    )
    row.ditetapkan_oleh_id, row.updated_at = actor.pegawai_id, utcnow()
    session.flush()
    audit.record(
        session,
        actor,
        "dasar_predikat_organisasi",
        "predikat_organisasi",
        row.id,
        before,
        {"capaian_persen": row.capaian_persen, "nomor": row.nomor, "dasar": row.dasar},
    )
    return row


def unit_untuk_penetapan(session: Session, actor: Actor) -> list[UnitKerja]:
    """The units whose predikat the actor may set, in tree order: every unit for an admin, the units strictly below
    their own for a pimpinan (their own unit's is set by the pimpinan above)."""
    return [u for u in struktur.unit_terlihat(session, actor) if actor.is_admin or u.id != actor.unit_kerja_id]
