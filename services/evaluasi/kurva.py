"""Predikat Kinerja Organisasi and the Kurva Distribusi (docs/domain.md §5).

Pimpinan and admin set the organisation's (unit's) predikat per year and evaluation period. The
predikat of the unit's pegawai — the Final evaluations of its curve (:mod:`services.evaluasi.populasi`:
the pegawai under its leader with no nearer unit with its own predikat, each once) — must then be
spread as the table says. The rules are data (:data:`ATURAN`), checked with
exact integer arithmetic, limits inclusive ("at most 70 %" passes at exactly 70 %):

| organisasi      | rules                                                                       |
|-----------------|-----------------------------------------------------------------------------|
| Istimewa        | Sangat Baik ≤ 70 %                                                           |
| Baik            | Baik ≤ 70 %; Butuh Perbaikan + Kurang/Misconduct ≥ 1 pegawai                |
| Butuh Perbaikan | Butuh Perbaikan ≥ 60 %; Sangat Baik ≤ 10 %                                  |
| Kurang          | Kurang/Misconduct ≥ 60 %; Butuh Perbaikan ≥ 10 %; Sangat Baik ≤ 10 %        |
| Sangat Kurang   | Sangat Kurang ≥ 60 %; Kurang/Misconduct + Butuh Perbaikan ≥ 10 %; no Sangat Baik |

Who sets it: an admin for any unit; a pimpinan for a unit strictly below their own (not their own
unit, whose predikat decides their own Rating Hasil Kerja). Once the unit leader's evaluation of that
period is Final the predikat is fixed until that evaluation is opened again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import PredikatOrganisasi, PredikatPegawai, StatusEvaluasi
from db.models import SKP, EvaluasiKinerja, PeriodeSKP, PredikatKinerjaOrganisasi, UnitKerja
from db.models.base import utcnow
from services.evaluasi import populasi
from services.evaluasi.periode_evaluasi import BULAN_PERIODE
from services.evaluasi.predikat import pemimpin_unit, predikat_organisasi
from services.platform import audit
from services.platform import format as fmt
from services.platform.access import Actor, require_pimpinan_of_unit, unit_in_subtree
from services.platform.errors import AksesDitolak, TidakDitemukan, ValidationError

P = PredikatPegawai
O = PredikatOrganisasi  # noqa: E741 - reads like the table


@dataclass(frozen=True)
class Aturan:
    """``kategori`` together must be at most / at least ``persen`` % of the pegawai, or at least
    ``jumlah`` pegawai."""

    kategori: tuple[PredikatPegawai, ...]
    batas: str  # "maks" | "min"
    persen: int | None = None
    jumlah: int | None = None

    @property
    def nama_kategori(self) -> str:
        return " atau ".join(k.value for k in self.kategori)

    @property
    def teks(self) -> str:
        if self.jumlah is not None:
            return f"paling sedikit {self.jumlah} pegawai {self.nama_kategori}"
        if self.batas == "maks" and self.persen == 0:
            return f"tidak ada pegawai {self.nama_kategori}"
        kata = "paling banyak" if self.batas == "maks" else "paling sedikit"
        return f"{kata} {self.persen} % pegawai {self.nama_kategori}"

    def dipenuhi(self, jumlah: int, total: int) -> bool:
        if self.jumlah is not None:
            return jumlah >= self.jumlah
        assert self.persen is not None, "a rule counts either pegawai (jumlah) or a share (persen)"
        if self.batas == "maks":
            return jumlah * 100 <= self.persen * total
        return jumlah * 100 >= self.persen * total


ATURAN: dict[PredikatOrganisasi, tuple[Aturan, ...]] = {
    O.ISTIMEWA: (Aturan((P.SANGAT_BAIK,), "maks", 70),),
    O.BAIK: (Aturan((P.BAIK,), "maks", 70), Aturan((P.BUTUH_PERBAIKAN, P.KURANG), "min", jumlah=1)),
    O.BUTUH_PERBAIKAN: (Aturan((P.BUTUH_PERBAIKAN,), "min", 60), Aturan((P.SANGAT_BAIK,), "maks", 10)),
    O.KURANG: (
        Aturan((P.KURANG,), "min", 60),
        Aturan((P.BUTUH_PERBAIKAN,), "min", 10),
        Aturan((P.SANGAT_BAIK,), "maks", 10),
    ),
    O.SANGAT_KURANG: (
        Aturan((P.SANGAT_KURANG,), "min", 60),
        Aturan((P.KURANG, P.BUTUH_PERBAIKAN), "min", 10),
        Aturan((P.SANGAT_BAIK,), "maks", 0),
    ),
}


def _persen(jumlah: int, total: int) -> str:
    return fmt.persen(jumlah * 100 / total) if total else "-"


def pelanggaran(predikat_org: PredikatOrganisasi, jumlah: dict[PredikatPegawai, int]) -> list[str]:
    """Each rule of the organisation's predikat that the spread breaks, named in Indonesian."""
    total = sum(jumlah.values())
    if total == 0:
        return []
    result = []
    for aturan in ATURAN[predikat_org]:
        n = sum(jumlah.get(k, 0) for k in aturan.kategori)
        if not aturan.dipenuhi(n, total):
            result.append(
                f"Predikat organisasi {predikat_org.value} mensyaratkan {aturan.teks}; "
                f"saat ini {n} dari {total} pegawai ({_persen(n, total)})."
            )
    return result


@dataclass(frozen=True)
class Distribusi:
    unit_kerja_id: int
    unit: str
    tahun: int
    kode: str
    predikat_organisasi: PredikatOrganisasi | None
    jumlah: dict[PredikatPegawai, int]
    pelanggaran: list[str]

    @property
    def total(self) -> int:
        return sum(self.jumlah.values())

    def persen(self, predikat: PredikatPegawai) -> float:
        return self.jumlah.get(predikat, 0) * 100 / self.total if self.total else 0.0

    @property
    def aturan(self) -> tuple[Aturan, ...]:
        return ATURAN[self.predikat_organisasi] if self.predikat_organisasi else ()


def _unit(session: Session, unit_id: int) -> UnitKerja:
    unit = session.get(UnitKerja, unit_id)
    if unit is None:
        raise TidakDitemukan("Unit kerja tidak ditemukan.")
    return unit


def _check_kode(kode: str) -> None:
    if kode not in BULAN_PERIODE:
        raise ValidationError("Periode evaluasi tidak dikenal.")


def jumlah_predikat(session: Session, unit_id: int, tahun: int, kode: str) -> dict[PredikatPegawai, int]:
    """Count of Final evaluations per predikat among the unit's curve (:mod:`services.evaluasi.populasi`):
    each pegawai once, on the period that holds the end of the evaluation period."""
    periode_ids = [p.id for p in populasi.anggota_kurva(session, unit_id, tahun, kode)]
    rows = (
        session.execute(
            select(EvaluasiKinerja.predikat, func.count())
            .join(SKP, EvaluasiKinerja.skp_id == SKP.id)
            .where(
                SKP.periode_id.in_(periode_ids),
                EvaluasiKinerja.periode_evaluasi == kode,
                EvaluasiKinerja.status == StatusEvaluasi.FINAL,
                EvaluasiKinerja.predikat.is_not(None),
            )
            .group_by(EvaluasiKinerja.predikat)
        ).all()
        if periode_ids
        else []
    )
    counts = {p: 0 for p in PredikatPegawai}
    counts.update({p: n for p, n in rows if p is not None})
    return counts


def distribusi(session: Session, actor: Actor, unit_id: int, tahun: int, kode: str) -> Distribusi:
    """The unit's spread against its Kurva Distribusi (pimpinan of the subtree, admin)."""
    unit = _unit(session, unit_id)
    require_pimpinan_of_unit(session, actor, unit.id)
    _check_kode(kode)
    org = predikat_organisasi(session, unit.id, tahun, kode)
    counts = jumlah_predikat(session, unit.id, tahun, kode)
    return Distribusi(unit.id, unit.nama, tahun, kode, org, counts, pelanggaran(org, counts) if org else [])


def _leader_final(session: Session, unit_id: int, tahun: int, kode: str) -> str | None:
    for ev, periode in session.execute(
        select(EvaluasiKinerja, PeriodeSKP)
        .join(SKP, EvaluasiKinerja.skp_id == SKP.id)
        .join(PeriodeSKP, SKP.periode_id == PeriodeSKP.id)
        .where(
            PeriodeSKP.unit_kerja_id == unit_id,
            PeriodeSKP.tahun == tahun,
            EvaluasiKinerja.periode_evaluasi == kode,
            EvaluasiKinerja.status == StatusEvaluasi.FINAL,
        )
    ).all():
        if pemimpin_unit(session, periode, struktural=True):
            return ev.skp.pegawai.nama
    return None


def periksa_wewenang(session: Session, actor: Actor, unit: UnitKerja) -> None:
    """Who sets a unit's predikat: an admin, or a pimpinan for a unit strictly below their own."""
    if actor.is_admin:
        return
    if not actor.is_pimpinan or not unit_in_subtree(session, actor.unit_kerja_id, unit.id):
        raise AksesDitolak("Unit kerja ini di luar wewenang Anda.")
    if unit.id == actor.unit_kerja_id:
        raise AksesDitolak(
            "Predikat Kinerja Organisasi unit Anda sendiri ditetapkan oleh atasan Anda atau Admin BKPSDM."
        )


def tetapkan_predikat_organisasi(
    session: Session, actor: Actor, unit_id: int, tahun: int, kode: str, predikat
) -> PredikatKinerjaOrganisasi:
    """Set (or change) the organisation's predikat of a unit for a year and evaluation period."""
    unit = _unit(session, unit_id)
    periksa_wewenang(session, actor, unit)
    _check_kode(kode)
    if isinstance(tahun, bool) or not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        raise ValidationError("Tahun tidak valid.")
    try:
        predikat = PredikatOrganisasi(predikat)
    except ValueError:
        raise ValidationError("Predikat Kinerja Organisasi tidak dikenal.") from None
    row = session.scalar(
        select(PredikatKinerjaOrganisasi).where(
            PredikatKinerjaOrganisasi.unit_kerja_id == unit.id,
            PredikatKinerjaOrganisasi.tahun == tahun,
            PredikatKinerjaOrganisasi.periode_evaluasi == kode,
        )
    )
    if row is not None and row.predikat == predikat:
        return row
    pemimpin = _leader_final(session, unit.id, tahun, kode)
    if pemimpin:
        raise ValidationError(
            f"Evaluasi Kinerja {pemimpin} (pimpinan unit ini) untuk periode ini sudah Final; "
            "buka kembali evaluasi tersebut sebelum mengubah Predikat Kinerja Organisasi."
        )
    before = {"predikat": row.predikat} if row else None
    if row is None:
        row = PredikatKinerjaOrganisasi(
            unit_kerja_id=unit.id,
            tahun=tahun,
            periode_evaluasi=kode,
            predikat=predikat,
            ditetapkan_oleh_id=actor.pegawai_id,
        )
        session.add(row)
    else:
        row.predikat, row.ditetapkan_oleh_id, row.updated_at = predikat, actor.pegawai_id, utcnow()
    session.flush()
    audit.record(
        session,
        actor,
        "tetapkan_predikat_organisasi",
        "predikat_organisasi",
        row.id,
        before,
        {"unit": unit.nama, "tahun": tahun, "periode": kode, "predikat": predikat},
    )
    return row
