"""Evaluasi Kinerja (DOMAIN.md §3.13, §5): per evaluation period the direct atasan (the penilai of the
Periode SKP) sets Rating Hasil Kerja and Rating Perilaku Kerja; the Predikat follows from the official
matrix; "Simpan", "Finalkan" (locks the period's realisasi and ratings), "Buka Kembali" (with a reason,
audited).

Evaluation periods: Triwulan I–IV and Tahunan (setting ``periode_evaluasi = 'triwulan'``, the default),
or Januari … Desember and Tahunan (``'bulanan'``). Codes: TW1..TW4, B01..B12, TAHUNAN.

Suggested Rating Hasil Kerja (the atasan decides; :func:`saran_dari`):

* per indikator, over the months of the evaluation period that lie in the Periode SKP:
  Kuantitas — Σ realisasi ÷ Σ target bulanan; other aspects (percentages, not cumulative) — the latest
  filled month's realisasi ÷ that month's target bulanan (the yearly target when no target bulanan).
  A month without realisasi counts as 0. An indikator whose target for the period is 0 is left out;
* the indikator is **di atas** when realisasi > target (ratio > 100 %), **sesuai** when realisasi =
  target (exactly 100 %), **di bawah** when realisasi < target — compared exactly, not after rounding;
* "most" means more than half of the counted indikator:
  Di Atas Ekspektasi — more than half di atas and no Utama indikator di bawah;
  otherwise Di Bawah Ekspektasi — more than half di bawah;
  otherwise Sesuai Ekspektasi (all or most meet or exceed);
  no suggestion when no indikator has a target in the period.

The leader of a unit (:func:`pemimpin_unit`) takes the organisation's result as their Rating Hasil
Kerja when a Predikat Kinerja Organisasi is set for their unit and the period (:data:`RATING_PEMIMPIN`):
Istimewa → Di Atas, Baik → Sesuai, Butuh Perbaikan / Kurang / Sangat Kurang → Di Bawah Ekspektasi.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import Aspek, JenisRHK, PredikatOrganisasi, PredikatPegawai, Rating, StatusEvaluasi, StatusSKP
from db.models import (
    SKP,
    EvaluasiKinerja,
    IndikatorKinerja,
    Pegawai,
    PeriodeSKP,
    PredikatKinerjaOrganisasi,
    RealisasiBulanan,
    RencanaHasilKerja,
    TargetBulanan,
)
from db.models.base import utcnow
from services.platform import audit, settings
from services.platform import format as fmt
from services.platform.access import Actor
from services.platform.errors import AksesDitolak, TidakDitemukan, ValidationError
from services.platform.kalender import hari_ini
from services.platform.konkurensi import cek_versi, flush_atau_konflik

# ---------------------------------------------------------------------------------------------
# Evaluation periods
# ---------------------------------------------------------------------------------------------

TAHUNAN = "TAHUNAN"
_ROMAWI = ("I", "II", "III", "IV")
BULAN_PERIODE: dict[str, tuple[int, ...]] = {
    **{f"TW{q}": tuple(range(3 * q - 2, 3 * q + 1)) for q in range(1, 5)},
    **{f"B{m:02d}": (m,) for m in range(1, 13)},
    TAHUNAN: tuple(range(1, 13)),
}


def label_periode(kode: str) -> str:
    """Triwulan I, Maret, Tahunan."""
    if kode == TAHUNAN:
        return "Tahunan"
    if kode.startswith("TW"):
        return f"Triwulan {_ROMAWI[int(kode[2:]) - 1]}"
    return fmt.nama_bulan(int(kode[1:]))


def kode_periode(session: Session) -> list[str]:
    """The evaluation periods of the instansi's setting, in order, Tahunan last."""
    if settings.get(session, "periode_evaluasi") == "bulanan":
        return [f"B{m:02d}" for m in range(1, 13)] + [TAHUNAN]
    return [f"TW{q}" for q in range(1, 5)] + [TAHUNAN]


def bulan_periode_skp(periode: PeriodeSKP) -> list[int]:
    """The months (1–12) that the Periode SKP touches."""
    return list(range(periode.tanggal_mulai.month, periode.tanggal_akhir.month + 1))


def bulan_evaluasi(kode: str, periode: PeriodeSKP) -> list[int]:
    """The months of evaluation period ``kode`` that lie in the Periode SKP."""
    if kode not in BULAN_PERIODE:
        raise ValidationError("Periode evaluasi tidak dikenal.")
    dalam = set(bulan_periode_skp(periode))
    return [m for m in BULAN_PERIODE[kode] if m in dalam]


def periode_untuk(session: Session, periode: PeriodeSKP) -> list[str]:
    """The evaluation periods (of the setting) that apply to this Periode SKP."""
    return [k for k in kode_periode(session) if bulan_evaluasi(k, periode)]


def kode_untuk_bulan(session: Session, bulan: int) -> str:
    """The (non-annual) evaluation period of the setting that contains ``bulan``."""
    return next(k for k in kode_periode(session) if k != TAHUNAN and bulan in BULAN_PERIODE[k])


def label_rentang(kode: str, periode: PeriodeSKP) -> str:
    """Triwulan I (Januari – Maret 2026), Maret 2026, Tahunan (Januari – Desember 2026)."""
    bulan = bulan_evaluasi(kode, periode)
    if not bulan:
        return label_periode(kode)
    if kode.startswith("B"):
        return fmt.bulan_tahun(periode.tahun, bulan[0])
    awal, akhir = fmt.nama_bulan(bulan[0]), fmt.bulan_tahun(periode.tahun, bulan[-1])
    return f"{label_periode(kode)} ({akhir})" if len(bulan) == 1 else f"{label_periode(kode)} ({awal} – {akhir})"


# ---------------------------------------------------------------------------------------------
# Who acts on an SKP
# ---------------------------------------------------------------------------------------------

PEGAWAI, PENILAI, ADMIN, LAIN = "pegawai", "penilai", "admin", "lain"


def peran_atas(actor: Actor, skp: SKP) -> str:
    """The actor's relation to this SKP: its pegawai, the period's penilai, an admin, or none."""
    if actor.pegawai_id == skp.pegawai_id:
        return PEGAWAI
    if skp.periode.penilai_id == actor.pegawai_id:
        return PENILAI
    if actor.is_admin:
        return ADMIN
    return LAIN


def get_skp(session: Session, actor: Actor, skp_id: int, ditetapkan: bool = True) -> tuple[SKP, str]:
    """The SKP and the actor's role on it; refused when the actor is neither pegawai, penilai nor admin."""
    skp = session.get(SKP, skp_id)
    if skp is None:
        raise TidakDitemukan("SKP tidak ditemukan.")
    peran = peran_atas(actor, skp)
    if peran == LAIN:
        raise AksesDitolak("SKP ini bukan milik Anda dan Anda bukan pejabat penilainya.")
    if ditetapkan and skp.status != StatusSKP.DITETAPKAN:
        raise ValidationError("SKP belum ditetapkan oleh atasan; Umpan Balik dan Evaluasi Kinerja belum dapat diisi.")
    return skp, peran


@dataclass(frozen=True)
class PilihanSKP:
    """One ditetapkan SKP to choose: whose, which period."""

    skp_id: int
    pegawai_id: int
    nama: str
    nip: str
    jabatan: str
    tahun: int
    label: str
    bulan: tuple[int, ...]


def _pilihan(rows: Iterable[tuple[SKP, PeriodeSKP, Pegawai]]) -> list[PilihanSKP]:
    return [
        PilihanSKP(
            skp.id,
            peg.id,
            peg.nama,
            peg.nip,
            periode.jabatan,
            periode.tahun,
            f"{fmt.tanggal(periode.tanggal_mulai)} – {fmt.tanggal(periode.tanggal_akhir)}",
            tuple(bulan_periode_skp(periode)),
        )
        for skp, periode, peg in rows
    ]


def _skp_query():
    return (
        select(SKP, PeriodeSKP, Pegawai)
        .join(PeriodeSKP, SKP.periode_id == PeriodeSKP.id)
        .join(Pegawai, SKP.pegawai_id == Pegawai.id)
        .where(SKP.status == StatusSKP.DITETAPKAN)
    )


def skp_saya(session: Session, actor: Actor) -> list[PilihanSKP]:
    """The actor's own ditetapkan SKP, newest first."""
    return _pilihan(
        session.execute(
            _skp_query().where(SKP.pegawai_id == actor.pegawai_id).order_by(PeriodeSKP.tanggal_mulai.desc())
        ).all()
    )


def skp_bawahan(session: Session, actor: Actor, tahun: int | None = None) -> list[PilihanSKP]:
    """Ditetapkan SKP whose period names the actor as penilai (the direct bawahan of that period)."""
    query = _skp_query().where(PeriodeSKP.penilai_id == actor.pegawai_id)
    if tahun is not None:
        query = query.where(PeriodeSKP.tahun == tahun)
    return _pilihan(session.execute(query.order_by(Pegawai.nama, PeriodeSKP.tanggal_mulai)).all())


# ---------------------------------------------------------------------------------------------
# The official tables
# ---------------------------------------------------------------------------------------------

A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH

#: Predikat Kinerja Pegawai from (Rating Hasil Kerja, Rating Perilaku Kerja) — PermenPANRB 6/2022.
MATRIKS_PREDIKAT: dict[tuple[Rating, Rating], PredikatPegawai] = {
    (A, A): PredikatPegawai.SANGAT_BAIK,
    (A, S): PredikatPegawai.BAIK,
    (A, B): PredikatPegawai.KURANG,
    (S, A): PredikatPegawai.BAIK,
    (S, S): PredikatPegawai.BAIK,
    (S, B): PredikatPegawai.KURANG,
    (B, A): PredikatPegawai.BUTUH_PERBAIKAN,
    (B, S): PredikatPegawai.BUTUH_PERBAIKAN,
    (B, B): PredikatPegawai.SANGAT_KURANG,
}


def predikat(hasil_kerja: Rating | None, perilaku: Rating | None) -> PredikatPegawai | None:
    if hasil_kerja is None or perilaku is None:
        return None
    return MATRIKS_PREDIKAT[(Rating(hasil_kerja), Rating(perilaku))]


#: The organisation's result as the unit leader's Rating Hasil Kerja.
RATING_PEMIMPIN: dict[PredikatOrganisasi, Rating] = {
    PredikatOrganisasi.ISTIMEWA: A,
    PredikatOrganisasi.BAIK: S,
    PredikatOrganisasi.BUTUH_PERBAIKAN: B,
    PredikatOrganisasi.KURANG: B,
    PredikatOrganisasi.SANGAT_KURANG: B,
}

PANDUAN_RATING_HASIL_KERJA: dict[Rating, str] = {
    A: "Seluruh atau sebagian besar hasil kerja melampaui ekspektasi dan tidak ada hasil kerja utama "
    "yang di bawah ekspektasi.",
    S: "Seluruh atau sebagian besar hasil kerja memenuhi ekspektasi.",
    B: "Seluruh atau sebagian besar hasil kerja di bawah ekspektasi.",
}

# ---------------------------------------------------------------------------------------------
# States
# ---------------------------------------------------------------------------------------------

SIMPAN, FINALKAN, BUKA_KEMBALI = "simpan", "finalkan", "buka_kembali"

#: (status now or None for a new evaluation, action, role) → status after.
TRANSISI: dict[tuple[StatusEvaluasi | None, str, str], StatusEvaluasi] = {
    (None, SIMPAN, PENILAI): StatusEvaluasi.DRAFT,
    (StatusEvaluasi.DRAFT, SIMPAN, PENILAI): StatusEvaluasi.DRAFT,
    (StatusEvaluasi.DRAFT, FINALKAN, PENILAI): StatusEvaluasi.FINAL,
    (StatusEvaluasi.FINAL, BUKA_KEMBALI, PENILAI): StatusEvaluasi.DRAFT,
    (StatusEvaluasi.FINAL, BUKA_KEMBALI, ADMIN): StatusEvaluasi.DRAFT,
}

_AKSI_LABEL = {SIMPAN: "menyimpan", FINALKAN: "memfinalkan", BUKA_KEMBALI: "membuka kembali"}


def transisi(status: StatusEvaluasi | None, aksi: str, peran: str) -> StatusEvaluasi:
    """The next state, or the refusal: AksesDitolak for a role that may not, ValidationError for a state."""
    key = (status, aksi, peran)
    if key in TRANSISI:
        return TRANSISI[key]
    if any(s == status and a == aksi for s, a, _ in TRANSISI):
        raise AksesDitolak(
            "Hanya atasan langsung (pejabat penilai periode ini) yang dapat memberi rating "
            "dan memfinalkan Evaluasi Kinerja."
        )
    if status == StatusEvaluasi.FINAL:
        raise ValidationError('Evaluasi Kinerja sudah Final dan terkunci. Gunakan "Buka Kembali" untuk mengubahnya.')
    keadaan = "belum disimpan" if status is None else f"berstatus {status.value}"
    raise ValidationError(f"Tidak dapat {_AKSI_LABEL.get(aksi, aksi)} evaluasi yang {keadaan}.")


# ---------------------------------------------------------------------------------------------
# Suggested rating
# ---------------------------------------------------------------------------------------------

DI_ATAS_TARGET, SESUAI_TARGET, DI_BAWAH_TARGET = "di atas", "sesuai", "di bawah"


def kelas_capaian(realisasi: Decimal, target: Decimal) -> str:
    """Exact comparison: > target di atas, = target sesuai, < target di bawah (target > 0)."""
    if realisasi > target:
        return DI_ATAS_TARGET
    return SESUAI_TARGET if realisasi == target else DI_BAWAH_TARGET


@dataclass(frozen=True)
class CapaianIndikator:
    indikator_id: int
    rhk: str
    indikator: str
    jenis: JenisRHK
    satuan: str
    target: Decimal
    realisasi: Decimal
    kelas: str | None  # None: no target in the period

    @property
    def persen(self) -> Decimal | None:
        return capaian(self.realisasi, self.target)


@dataclass(frozen=True)
class SaranRating:
    rating: Rating | None
    alasan: str
    indikator: list[CapaianIndikator] = field(default_factory=list)


def capaian(realisasi: Decimal | None, target: Decimal | None) -> Decimal | None:
    """realisasi ÷ target × 100, 2 decimals half-up; None when there is no realisasi or target is 0."""
    if realisasi is None or target is None or target == 0:
        return None
    return (Decimal(realisasi) * 100 / Decimal(target)).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")


def saran_dari(items: Sequence[tuple[JenisRHK, str | None]]) -> tuple[Rating | None, str]:
    """The suggestion from (jenis RHK, kelas) per indikator; kelas None means no target (left out)."""
    counted = [(jenis, kelas) for jenis, kelas in items if kelas is not None]
    n = len(counted)
    if n == 0:
        return None, "Belum ada indikator dengan target pada periode ini."
    atas = sum(1 for _, k in counted if k == DI_ATAS_TARGET)
    sesuai = sum(1 for _, k in counted if k == SESUAI_TARGET)
    bawah = n - atas - sesuai
    utama_bawah = sum(1 for j, k in counted if k == DI_BAWAH_TARGET and j == JenisRHK.UTAMA)
    ringkas = f"{atas} di atas target, {sesuai} sesuai target, {bawah} di bawah target dari {n} indikator"
    if 2 * atas > n and utama_bawah == 0:
        return A, f"{ringkas}; sebagian besar melampaui target dan tidak ada hasil kerja utama di bawah target."
    if 2 * bawah > n:
        return B, f"{ringkas}; sebagian besar di bawah target."
    tambahan = f" Ada {utama_bawah} indikator hasil kerja utama di bawah target." if 2 * atas > n else ""
    return S, f"{ringkas}; sebagian besar memenuhi target.{tambahan}"


def capaian_periode(session: Session, skp: SKP, bulan: Sequence[int]) -> list[CapaianIndikator]:
    """Per indikator of the SKP: realisasi and target over ``bulan`` (see the module docstring)."""
    indikator = list(
        session.scalars(
            select(IndikatorKinerja)
            .join(RencanaHasilKerja)
            .where(RencanaHasilKerja.skp_id == skp.id)
            .order_by(RencanaHasilKerja.id, IndikatorKinerja.id)
        )
    )
    ids = [i.id for i in indikator]
    bulan = list(bulan)
    sums = (
        dict(
            session.execute(
                select(RealisasiBulanan.indikator_id, func.sum(RealisasiBulanan.realisasi))
                .where(RealisasiBulanan.indikator_id.in_(ids), RealisasiBulanan.bulan.in_(bulan))
                .group_by(RealisasiBulanan.indikator_id)
            ).all()
        )
        if ids
        else {}
    )
    target_sums = (
        dict(
            session.execute(
                select(TargetBulanan.indikator_id, func.sum(TargetBulanan.target))
                .where(TargetBulanan.indikator_id.in_(ids), TargetBulanan.bulan.in_(bulan))
                .group_by(TargetBulanan.indikator_id)
            ).all()
        )
        if ids
        else {}
    )
    latest: dict[int, tuple[int, Decimal]] = {}
    for ind_id, b, value in (
        session.execute(
            select(RealisasiBulanan.indikator_id, RealisasiBulanan.bulan, RealisasiBulanan.realisasi).where(
                RealisasiBulanan.indikator_id.in_(ids),
                RealisasiBulanan.bulan.in_(bulan),
                RealisasiBulanan.realisasi.is_not(None),
            )
        ).all()
        if ids
        else []
    ):
        if ind_id not in latest or b > latest[ind_id][0]:
            latest[ind_id] = (b, value)
    result = []
    for ind in indikator:
        if ind.aspek == Aspek.KUANTITAS:
            target = Decimal(target_sums.get(ind.id) or 0) if ind.target_bulanan else Decimal(ind.target)
            realisasi = Decimal(sums.get(ind.id) or 0)
        else:
            month, value = latest.get(ind.id, (bulan[-1] if bulan else None, Decimal(0)))
            per_bulan = {t.bulan: t.target for t in ind.target_bulanan}
            target = Decimal(per_bulan.get(month, ind.target))
            realisasi = Decimal(value)
        kelas = kelas_capaian(realisasi, target) if target > 0 else None
        result.append(
            CapaianIndikator(ind.id, ind.rhk.teks, ind.teks, ind.rhk.jenis, ind.satuan, target, realisasi, kelas)
        )
    return result


def saran_rating(session: Session, skp: SKP, bulan: Sequence[int]) -> SaranRating:
    items = capaian_periode(session, skp, bulan)
    rating, alasan = saran_dari([(i.jenis, i.kelas) for i in items])
    return SaranRating(rating, alasan, items)


# ---------------------------------------------------------------------------------------------
# The unit leader and the organisation's predikat
# ---------------------------------------------------------------------------------------------


def pemimpin_unit(session: Session, periode: PeriodeSKP) -> bool:
    """The pegawai leads the unit of their period: a pimpinan (flag), JPT or pimpinan unit kerja
    mandiri whose penilai is outside that unit (or who has none)."""
    pegawai = session.get(Pegawai, periode.pegawai_id)
    if not (periode.plans_like_jpt or (pegawai is not None and pegawai.is_pimpinan)):
        return False
    if periode.penilai_id is None:
        return True
    penilai_unit = session.scalar(select(Pegawai.unit_kerja_id).where(Pegawai.id == periode.penilai_id))
    return penilai_unit != periode.unit_kerja_id


def predikat_organisasi(session: Session, unit_kerja_id: int, tahun: int, kode: str) -> PredikatOrganisasi | None:
    return session.scalar(
        select(PredikatKinerjaOrganisasi.predikat).where(
            PredikatKinerjaOrganisasi.unit_kerja_id == unit_kerja_id,
            PredikatKinerjaOrganisasi.tahun == tahun,
            PredikatKinerjaOrganisasi.periode_evaluasi == kode,
        )
    )


# ---------------------------------------------------------------------------------------------
# Reading and changing an evaluation
# ---------------------------------------------------------------------------------------------


def _evaluasi(session: Session, skp_id: int, kode: str) -> EvaluasiKinerja | None:
    return session.scalar(
        select(EvaluasiKinerja).where(EvaluasiKinerja.skp_id == skp_id, EvaluasiKinerja.periode_evaluasi == kode)
    )


def final_untuk_bulan(session: Session, skp_id: int, bulan: int) -> str | None:
    """The label of a Final evaluation of this SKP whose period contains ``bulan`` (it locks the month)."""
    for kode in session.scalars(
        select(EvaluasiKinerja.periode_evaluasi).where(
            EvaluasiKinerja.skp_id == skp_id, EvaluasiKinerja.status == StatusEvaluasi.FINAL
        )
    ):
        if bulan in BULAN_PERIODE.get(kode, ()):
            return label_periode(kode)
    return None


def status_evaluasi(session: Session, skp_id: int, kode: str) -> StatusEvaluasi | None:
    ev = _evaluasi(session, skp_id, kode)
    return ev.status if ev else None


@dataclass(frozen=True)
class DetailEvaluasi:
    skp_id: int
    kode: str
    label: str
    bulan: list[int]
    peran: str
    status: StatusEvaluasi | None
    rating_hasil_kerja: Rating | None
    rating_perilaku_kerja: Rating | None
    predikat: PredikatPegawai | None
    version: int | None
    catatan: str | None
    finalized_at: object
    saran: SaranRating
    pemimpin_unit: bool
    predikat_organisasi: PredikatOrganisasi | None

    @property
    def rating_hasil_wajib(self) -> Rating | None:
        """For a unit leader with the organisation's predikat set: the rating it imposes."""
        if self.pemimpin_unit and self.predikat_organisasi is not None:
            return RATING_PEMIMPIN[self.predikat_organisasi]
        return None

    @property
    def bisa_menilai(self) -> bool:
        return self.peran == PENILAI and self.status != StatusEvaluasi.FINAL


def _check_kode(session: Session, skp: SKP, kode: str) -> list[int]:
    if kode not in BULAN_PERIODE:
        raise ValidationError("Periode evaluasi tidak dikenal.")
    bulan = bulan_evaluasi(kode, skp.periode)
    if not bulan:
        raise ValidationError(f"{label_periode(kode)} berada di luar Periode SKP ini.")
    return bulan


def detail(session: Session, actor: Actor, skp_id: int, kode: str) -> DetailEvaluasi:
    """Everything the rating screen shows; the pegawai sees only a Final evaluation."""
    skp, peran = get_skp(session, actor, skp_id)
    bulan = _check_kode(session, skp, kode)
    ev = _evaluasi(session, skp.id, kode)
    if peran == PEGAWAI and (ev is None or ev.status != StatusEvaluasi.FINAL):
        raise AksesDitolak("Evaluasi Kinerja periode ini belum Final.")
    periode = skp.periode
    return DetailEvaluasi(
        skp.id,
        kode,
        label_rentang(kode, periode),
        bulan,
        peran,
        ev.status if ev else None,
        ev.rating_hasil_kerja if ev else None,
        ev.rating_perilaku_kerja if ev else None,
        ev.predikat if ev else None,
        ev.version_id if ev else None,
        ev.catatan if ev else None,
        ev.finalized_at if ev else None,
        saran_rating(session, skp, bulan),
        pemimpin_unit(session, periode),
        predikat_organisasi(session, periode.unit_kerja_id, periode.tahun, kode),
    )


def _rating(value) -> Rating | None:
    if value is None or value == "":
        return None
    try:
        return Rating(value)
    except ValueError:
        raise ValidationError("Rating harus Di Atas, Sesuai atau Di Bawah Ekspektasi.") from None


def _snap(ev: EvaluasiKinerja | None) -> dict | None:
    if ev is None:
        return None
    return audit.snapshot(ev, "status", "rating_hasil_kerja", "rating_perilaku_kerja", "predikat")


def simpan(
    session: Session,
    actor: Actor,
    skp_id: int,
    kode: str,
    rating_hasil_kerja,
    rating_perilaku_kerja,
    version: int | None = None,
) -> EvaluasiKinerja:
    """ "Simpan": the penilai's ratings (either may still be empty); the predikat when both are set.
    ``version`` is the version the screen showed (None for a new evaluation)."""
    skp, peran = get_skp(session, actor, skp_id)
    _check_kode(session, skp, kode)
    ev = _evaluasi(session, skp.id, kode)
    transisi(ev.status if ev else None, SIMPAN, peran)
    cek_versi(ev, version)
    hasil, perilaku = _rating(rating_hasil_kerja), _rating(rating_perilaku_kerja)
    periode = skp.periode
    if pemimpin_unit(session, periode) and hasil is not None:
        org = predikat_organisasi(session, periode.unit_kerja_id, periode.tahun, kode)
        if org is None:
            raise ValidationError(
                f"{skp.pegawai.nama} adalah pimpinan {periode.unit_kerja_nama}: Rating Hasil Kerja-nya mengikuti "
                f"Predikat Kinerja Organisasi, yang belum ditetapkan untuk {label_periode(kode)} {periode.tahun}."
            )
        wajib = RATING_PEMIMPIN[org]
        if hasil != wajib:
            raise ValidationError(
                f"{skp.pegawai.nama} adalah pimpinan {periode.unit_kerja_nama}: Rating Hasil Kerja mengikuti "
                f"Predikat Kinerja Organisasi ({org.value}), yaitu {wajib.value}."
            )
    before = _snap(ev)
    if ev is None:
        ev = EvaluasiKinerja(skp_id=skp.id, periode_evaluasi=kode)
        session.add(ev)
    ev.rating_hasil_kerja, ev.rating_perilaku_kerja = hasil, perilaku
    ev.predikat = predikat(hasil, perilaku)
    ev.status = StatusEvaluasi.DRAFT
    ev.penilai_id = actor.pegawai_id
    ev.updated_at = utcnow()
    flush_atau_konflik(session)
    audit.record(session, actor, "simpan_evaluasi", "evaluasi_kinerja", ev.id, before, _snap(ev))
    return ev


def finalkan(session: Session, actor: Actor, skp_id: int, kode: str, version: int | None) -> EvaluasiKinerja:
    """ "Finalkan": both ratings must be set; locks the ratings and the period's realisasi."""
    skp, peran = get_skp(session, actor, skp_id)
    _check_kode(session, skp, kode)
    ev = _evaluasi(session, skp.id, kode)
    transisi(ev.status if ev else None, FINALKAN, peran)
    cek_versi(ev, version)
    if ev.rating_hasil_kerja is None or ev.rating_perilaku_kerja is None:
        raise ValidationError("Isi Rating Hasil Kerja dan Rating Perilaku Kerja lalu Simpan sebelum Finalkan.")
    before = _snap(ev)
    ev.status = StatusEvaluasi.FINAL
    ev.finalized_at = ev.updated_at = utcnow()
    flush_atau_konflik(session)
    audit.record(session, actor, "finalkan_evaluasi", "evaluasi_kinerja", ev.id, before, _snap(ev))
    return ev


def buka_kembali(
    session: Session, actor: Actor, skp_id: int, kode: str, alasan: str, version: int | None
) -> EvaluasiKinerja:
    """ "Buka Kembali" a Final evaluation (penilai or admin) with a mandatory reason; audited."""
    skp, peran = get_skp(session, actor, skp_id)
    _check_kode(session, skp, kode)
    ev = _evaluasi(session, skp.id, kode)
    transisi(ev.status if ev else None, BUKA_KEMBALI, peran)
    alasan = (alasan or "").strip()
    if len(alasan) < 5:
        raise ValidationError("Alasan membuka kembali wajib diisi (minimal 5 karakter).")
    if len(alasan) > 1000:
        raise ValidationError("Alasan paling banyak 1000 karakter.")
    cek_versi(ev, version)
    before = _snap(ev)
    ev.status = StatusEvaluasi.DRAFT
    ev.finalized_at = None
    ev.catatan = alasan
    ev.updated_at = utcnow()
    flush_atau_konflik(session)
    audit.record(
        session, actor, "buka_kembali_evaluasi", "evaluasi_kinerja", ev.id, before, {**_snap(ev), "alasan": alasan}
    )
    return ev


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
    finalized_at: object


def daftar_bawahan(session: Session, actor: Actor, tahun: int, kode: str) -> list[RingkasanEvaluasi]:
    """The actor's bawahan (as penilai of their period in ``tahun``) with this period's evaluation."""
    rows = []
    for pilihan in skp_bawahan(session, actor, tahun):
        skp = session.get(SKP, pilihan.skp_id)
        if not bulan_evaluasi(kode, skp.periode):
            continue
        ev = _evaluasi(session, skp.id, kode)
        rows.append(
            RingkasanEvaluasi(
                skp.id,
                pilihan.tahun,
                pilihan.nama,
                pilihan.nip,
                pilihan.jabatan,
                kode,
                label_rentang(kode, skp.periode),
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


def default_kode(session: Session, periode: PeriodeSKP, today: date | None = None) -> str:
    """The evaluation period containing today (or the period's last month), for a first choice."""
    today = today or hari_ini()
    bulan = bulan_periode_skp(periode)
    month = today.month if periode.tahun == today.year and today.month in bulan else bulan[-1]
    kode = kode_untuk_bulan(session, month)
    return kode if kode in periode_untuk(session, periode) else periode_untuk(session, periode)[0]


def pilihan_periode(
    session: Session, actor: Actor, skp_id: int, today: date | None = None
) -> tuple[dict[str, str], str]:
    """The evaluation periods of this SKP (code → label with months) and the one to choose first."""
    skp, _peran = get_skp(session, actor, skp_id)
    periode = skp.periode
    return (
        {k: label_rentang(k, periode) for k in periode_untuk(session, periode)},
        default_kode(session, periode, today),
    )
