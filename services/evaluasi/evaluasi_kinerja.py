"""Evaluasi Kinerja (docs/domain.md §3.13, §5): per evaluation period the direct atasan (the penilai of the
Periode SKP) sets Rating Hasil Kerja and Rating Perilaku Kerja; the Predikat follows from the official
matrix (:mod:`services.evaluasi.predikat`); "Simpan", "Finalkan" (locks the period's realisasi and
ratings), "Buka Kembali" (with a reason, audited), each through the state table of
:mod:`services.evaluasi.status`. Also what the rating screen reads (:func:`detail`).

The evaluation periods live in :mod:`services.evaluasi.periode_evaluasi`, the rules of the one annual
evaluation (last period only, after Triwulan IV/Akhir, warnings) in :mod:`services.evaluasi.tahunan`; a unit
leader's Rating Hasil Kerja is their organisation's result (:func:`_cek_rating_pemimpin`). The names other
contexts read through this module are re-exported in ``__all__``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from db.enums import PredikatOrganisasi, PredikatPegawai, Rating, StatusEvaluasi
from db.models import SKP, EvaluasiKinerja
from db.models.base import utcnow
from services.evaluasi import tahunan
from services.evaluasi.peran import PEGAWAI, PENILAI, ambil_skp
from services.evaluasi.periode_evaluasi import BULAN_PERIODE, TAHUNAN, bulan_evaluasi, label_periode, label_rentang
from services.evaluasi.predikat import (
    RATING_PEMIMPIN,
    SaranRating,
    pemimpin_unit,
    predikat,
    predikat_organisasi,
    saran_rating,
)
from services.evaluasi.status import BUKA_KEMBALI, FINALKAN, SIMPAN, boleh, get_evaluasi, transisi
from services.organisasi import wewenang
from services.platform import audit
from services.platform.access import Actor
from services.platform.errors import AksesDitolak, ValidationError
from services.platform.konkurensi import cek_versi, flush_atau_konflik
from services.platform.masukan import teks_bebas

__all__ = [
    "BULAN_PERIODE",
    "TAHUNAN",
    "DetailEvaluasi",
    "buka_kembali",
    "detail",
    "finalkan",
    "label_periode",
    "simpan",
]


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
    finalized_at: datetime | None
    saran: SaranRating
    pemimpin_unit: bool  # JPT / pimpinan: the rating waits for the organisation's predikat
    predikat_organisasi: PredikatOrganisasi | None
    memimpin_unit: bool = False  # any leader of the unit (Kepala Bidang too): takes its predikat once set
    riwayat: tuple[tahunan.HasilPeriodik, ...] = ()  # Tahunan: the year's Final periodic evaluations, every period
    peringatan: tuple[str, ...] = ()  # Tahunan: departs from the periodic results; or not the year's last SKP
    tahunan_di_sini: bool = True  # False: an annual evaluation on an earlier period of the year (refused)

    @property
    def rating_hasil_wajib(self) -> Rating | None:
        """For a unit leader with the organisation's predikat set: the rating it imposes."""
        if (self.pemimpin_unit or self.memimpin_unit) and self.predikat_organisasi is not None:
            return RATING_PEMIMPIN[self.predikat_organisasi]
        return None

    @property
    def bisa_menilai(self) -> bool:
        return self.peran == PENILAI and self.status != StatusEvaluasi.FINAL and self.tahunan_di_sini

    @property
    def bisa_finalkan(self) -> bool:
        return self.tahunan_di_sini and boleh(self.status, FINALKAN, self.peran)

    @property
    def bisa_buka_kembali(self) -> bool:
        return boleh(self.status, BUKA_KEMBALI, self.peran)


def _check_kode(session: Session, skp: SKP, kode: str) -> list[int]:
    if kode not in BULAN_PERIODE:
        raise ValidationError("Periode evaluasi tidak dikenal.")
    bulan = bulan_evaluasi(kode, skp.periode)
    if not bulan:
        raise ValidationError(f"{label_periode(kode)} berada di luar Periode SKP ini.")
    return bulan


def _peringatan(session: Session, skp: SKP, kode: str, ev: EvaluasiKinerja | None) -> list[str]:
    if kode != TAHUNAN:
        return []
    pesan = tahunan.bukan_terakhir(session, skp)
    if pesan:
        return [pesan]
    if ev is None:
        return []
    return tahunan.peringatan(session, skp, ev.rating_hasil_kerja, ev.rating_perilaku_kerja, ev.predikat)


def detail(session: Session, actor: Actor, skp_id: int, kode: str) -> DetailEvaluasi:
    """Everything the rating screen shows; the pegawai sees only a Final evaluation."""
    skp, peran = ambil_skp(session, actor, skp_id)
    bulan = _check_kode(session, skp, kode)
    ev = get_evaluasi(session, skp.id, kode)
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
        pemimpin_unit(session, periode, struktural=True),
        tuple(tahunan.riwayat(session, skp)) if kode == TAHUNAN else (),
        tuple(_peringatan(session, skp, kode, ev)),
        kode != TAHUNAN or tahunan.tahunan_di_sini(session, periode),
    )


def _rating(value) -> Rating | None:
    if value is None or value == "":
        return None
    try:
        return Rating(value)
    except ValueError:
        raise ValidationError("Rating harus Di Atas, Sesuai atau Di Bawah Ekspektasi.") from None


def _snap(ev: EvaluasiKinerja) -> dict:
    return audit.snapshot(ev, "status", "rating_hasil_kerja", "rating_perilaku_kerja", "predikat")


def _sesudah(session: Session, actor: Actor, skp: SKP, ev: EvaluasiKinerja) -> dict:
    """The audit's after: the evaluation (with an annual rating's warning), and "sebagai Plt" when the actor
    stands in for the penilai."""
    return {**_snap_tahunan(session, ev), **wewenang.sebagai(session, actor, skp.periode.penilai_id)}


def _tersimpan(session: Session, skp: SKP, kode: str, aksi: str, peran: str) -> EvaluasiKinerja:
    """The stored evaluation ``aksi`` acts on, once the state table allows it."""
    ev = get_evaluasi(session, skp.id, kode)
    transisi(ev.status if ev else None, aksi, peran)
    assert ev is not None, "the state table refuses every action but Simpan on an evaluation not yet saved"
    return ev


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
    skp, peran = ambil_skp(session, actor, skp_id)
    _check_kode(session, skp, kode)
    ev = get_evaluasi(session, skp.id, kode)
    transisi(ev.status if ev else None, SIMPAN, peran)
    if kode == TAHUNAN:
        tahunan.cek_periode_tahunan(session, skp)
    cek_versi(ev, version)
    hasil, perilaku = _rating(rating_hasil_kerja), _rating(rating_perilaku_kerja)
    _cek_rating_pemimpin(session, skp, kode, hasil)
    before = _snap(ev) if ev is not None else None
    if ev is None:
        ev = EvaluasiKinerja(skp_id=skp.id, periode_evaluasi=kode)
        session.add(ev)
    ev.rating_hasil_kerja, ev.rating_perilaku_kerja = hasil, perilaku
    ev.predikat = predikat(hasil, perilaku)
    ev.status = StatusEvaluasi.DRAFT
    ev.penilai_id = actor.pegawai_id
    ev.updated_at = utcnow()
    flush_atau_konflik(session)
    audit.record(
        session, actor, "simpan_evaluasi", "evaluasi_kinerja", ev.id, before, _sesudah(session, actor, skp, ev)
    )
    return ev


def _cek_rating_pemimpin(session: Session, skp: SKP, kode: str, hasil: Rating | None) -> None:
    """A unit leader's Rating Hasil Kerja is the organisation's result: refused when it differs; a JPT or
    pimpinan's waits until the organisation's predikat is set (a Kepala Bidang's is free until then)."""
    periode = skp.periode
    if hasil is None or not pemimpin_unit(session, periode, struktural=True):
        return
    org = predikat_organisasi(session, periode.unit_kerja_id, periode.tahun, kode)
    if org is None:
        if pemimpin_unit(session, periode):
            raise ValidationError(
                f"{skp.pegawai.nama} adalah pimpinan {periode.unit_kerja_nama}: Rating Hasil Kerja-nya mengikuti "
                f"Predikat Kinerja Organisasi, yang belum ditetapkan untuk {label_periode(kode)} {periode.tahun}."
            )
        return
    wajib = RATING_PEMIMPIN[org]
    if hasil != wajib:
        raise ValidationError(
            f"{skp.pegawai.nama} adalah pimpinan {periode.unit_kerja_nama}: Rating Hasil Kerja mengikuti "
            f"Predikat Kinerja Organisasi ({org.value}), yaitu {wajib.value}."
        )


def _snap_tahunan(session: Session, ev: EvaluasiKinerja) -> dict:
    """The audit's after-image; an annual rating that departs from the periodic ones records the warning."""
    snap = _snap(ev)
    if ev.periode_evaluasi == TAHUNAN:
        warn = tahunan.peringatan(session, ev.skp, ev.rating_hasil_kerja, ev.rating_perilaku_kerja, ev.predikat)
        if warn:
            snap["peringatan"] = warn
    return snap


def finalkan(session: Session, actor: Actor, skp_id: int, kode: str, version: int | None) -> EvaluasiKinerja:
    """ "Finalkan": both ratings must be set; locks the ratings and the period's realisasi."""
    skp, peran = ambil_skp(session, actor, skp_id)
    _check_kode(session, skp, kode)
    ev = _tersimpan(session, skp, kode, FINALKAN, peran)
    cek_versi(ev, version)
    if ev.rating_hasil_kerja is None or ev.rating_perilaku_kerja is None:
        raise ValidationError("Isi Rating Hasil Kerja dan Rating Perilaku Kerja lalu Simpan sebelum Finalkan.")
    if kode == TAHUNAN:
        tahunan.cek_periode_tahunan(session, skp)
        tahunan.cek_penutup_final(session, skp)
    _cek_rating_pemimpin(session, skp, kode, ev.rating_hasil_kerja)
    before = _snap(ev)
    ev.status = StatusEvaluasi.FINAL
    ev.finalized_at = ev.updated_at = utcnow()
    flush_atau_konflik(session)
    audit.record(
        session, actor, "finalkan_evaluasi", "evaluasi_kinerja", ev.id, before, _sesudah(session, actor, skp, ev)
    )
    return ev


def buka_kembali(
    session: Session, actor: Actor, skp_id: int, kode: str, alasan: str, version: int | None
) -> EvaluasiKinerja:
    """ "Buka Kembali" a Final evaluation (penilai or admin) with a mandatory reason; audited."""
    skp, peran = ambil_skp(session, actor, skp_id)
    _check_kode(session, skp, kode)
    ev = _tersimpan(session, skp, kode, BUKA_KEMBALI, peran)
    alasan = teks_bebas(alasan, "Alasan membuka kembali", 1000, wajib=False)
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
        session,
        actor,
        "buka_kembali_evaluasi",
        "evaluasi_kinerja",
        ev.id,
        before,
        {**_sesudah(session, actor, skp, ev), "alasan": alasan},
    )
    return ev
