"""One annual predikat per pegawai and year (docs/domain.md §8.15): the Evaluasi Tahunan is made only on the
pegawai's last Periode SKP of the year, by its penilai, who sees every Final periodic evaluation of the year
(earlier periods included); it closes the year together with the last periodic evaluation ("Triwulan
IV/Akhir" of the Lampiran's form), and the atasan is warned when it departs from the periodic results."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import PredikatPegawai, Rating, StatusEvaluasi
from db.models import SKP, EvaluasiKinerja, Pegawai, PeriodeSKP
from services.evaluasi.periode_evaluasi import TAHUNAN, kode_untuk_bulan, label_periode, label_rentang
from services.evaluasi.status import get_evaluasi
from services.platform import format as fmt
from services.platform.errors import ValidationError

#: Di Bawah < Sesuai < Di Atas, to tell whether a rating lies within the periodic ones.
URUTAN_RATING = {Rating.DI_BAWAH: 0, Rating.SESUAI: 1, Rating.DI_ATAS: 2}


def periode_terakhir(session: Session, periode: PeriodeSKP) -> PeriodeSKP:
    """The pegawai's last Periode SKP of the year (latest start): the one that carries the annual evaluation."""
    return session.scalars(
        select(PeriodeSKP)
        .where(PeriodeSKP.pegawai_id == periode.pegawai_id, PeriodeSKP.tahun == periode.tahun)
        .order_by(PeriodeSKP.tanggal_mulai.desc())
        .limit(1)
    ).one()


def tahunan_di_sini(session: Session, periode: PeriodeSKP) -> bool:
    return periode_terakhir(session, periode).id == periode.id


def bukan_terakhir(session: Session, skp: SKP) -> str | None:
    """Why an annual evaluation cannot be made on this SKP (not the year's last), or None."""
    akhir = periode_terakhir(session, skp.periode)
    if akhir.id == skp.periode_id:
        return None
    penilai = session.get(Pegawai, akhir.penilai_id) if akhir.penilai_id else None
    return (
        f"Evaluasi Tahunan {skp.periode.tahun} {skp.pegawai.nama} dibuat satu kali, pada Periode SKP terakhir "
        f"tahun itu ({fmt.rentang(akhir.tanggal_mulai, akhir.tanggal_akhir)}, {akhir.unit_kerja_nama}) oleh "
        f"pejabat penilainya{f' ({penilai.nama})' if penilai else ''}. Periode SKP ini dievaluasi per "
        "periode saja."
    )


def cek_periode_tahunan(session: Session, skp: SKP) -> None:
    """Refuse an annual evaluation on an SKP that is not the year's last."""
    pesan = bukan_terakhir(session, skp)
    if pesan:
        raise ValidationError(pesan)


def kode_penutup(session: Session, periode: PeriodeSKP) -> str:
    """The periodic evaluation that closes the year on the last period: Triwulan IV (Desember with the
    monthly setting), or the one holding the period's last month when it ends earlier."""
    return kode_untuk_bulan(session, periode.tanggal_akhir.month)


def cek_penutup_final(session: Session, skp: SKP) -> None:
    """Finalkan Tahunan needs the closing periodic evaluation of the same SKP to be Final first."""
    kode = kode_penutup(session, skp.periode)
    ev = get_evaluasi(session, skp.id, kode)
    if ev is None or ev.status != StatusEvaluasi.FINAL:
        raise ValidationError(
            f"Finalkan dahulu Evaluasi {label_rentang(kode, skp.periode)}: Evaluasi Tahunan ditetapkan "
            'bersama evaluasi periode akhir tahun (formulir "Triwulan IV/Akhir").'
        )


@dataclass(frozen=True)
class HasilPeriodik:
    """One Final periodic evaluation of the pegawai's year, as the annual evaluator sees it."""

    periode: str
    unit: str
    penilai: str
    kode: str
    label: str
    rating_hasil_kerja: Rating | None
    rating_perilaku_kerja: Rating | None
    predikat: PredikatPegawai | None


def riwayat(session: Session, skp: SKP) -> list[HasilPeriodik]:
    """Every Final periodic evaluation of the pegawai's year, all periods, in time order."""
    rows = session.execute(
        select(EvaluasiKinerja, PeriodeSKP)
        .join(SKP, EvaluasiKinerja.skp_id == SKP.id)
        .join(PeriodeSKP, SKP.periode_id == PeriodeSKP.id)
        .where(
            PeriodeSKP.pegawai_id == skp.pegawai_id,
            PeriodeSKP.tahun == skp.periode.tahun,
            EvaluasiKinerja.status == StatusEvaluasi.FINAL,
            EvaluasiKinerja.periode_evaluasi != TAHUNAN,
        )
    ).all()
    nama = dict(session.execute(select(Pegawai.id, Pegawai.nama)).all()) if rows else {}
    rows = sorted(rows, key=lambda r: (r[1].tanggal_mulai, r[0].periode_evaluasi))
    return [
        HasilPeriodik(
            fmt.rentang(periode.tanggal_mulai, periode.tanggal_akhir),
            periode.unit_kerja_nama,
            nama.get(ev.penilai_id or periode.penilai_id or 0, "-"),
            ev.periode_evaluasi,
            label_rentang(ev.periode_evaluasi, periode),
            ev.rating_hasil_kerja,
            ev.rating_perilaku_kerja,
            ev.predikat,
        )
        for ev, periode in rows
    ]


def _di_luar(rating: Rating | None, periodik: list[Rating | None]) -> bool:
    nilai = [URUTAN_RATING[r] for r in periodik if r is not None]
    return rating is not None and bool(nilai) and not min(nilai) <= URUTAN_RATING[rating] <= max(nilai)


def peringatan(
    session: Session, skp: SKP, hasil: Rating | None, perilaku: Rating | None, predikat: PredikatPegawai | None
) -> list[str]:
    """Warnings for an annual rating: it lies outside the range of the year's Final periodic ratings (either
    dimension), or its predikat differs from the closing periodic evaluation's."""
    result = []
    hasil_periodik = riwayat(session, skp)
    if _di_luar(hasil, [h.rating_hasil_kerja for h in hasil_periodik]) or _di_luar(
        perilaku, [h.rating_perilaku_kerja for h in hasil_periodik]
    ):
        daftar = "; ".join(f"{h.label}: {h.predikat.value if h.predikat else '-'}" for h in hasil_periodik)
        result.append(
            f"Rating tahunan menyimpang dari seluruh evaluasi periodik tahun ini ({daftar}). "
            "Pastikan rating ini memang dimaksudkan."
        )
    kode = kode_penutup(session, skp.periode)
    penutup = get_evaluasi(session, skp.id, kode)
    if predikat is not None and penutup is not None and penutup.predikat not in (None, predikat):
        assert penutup.predikat is not None, "checked by the condition above"
        result.append(
            f"Predikat tahunan ({predikat.value}) berbeda dari predikat {label_periode(kode)} "
            f"({penutup.predikat.value}), evaluasi periode akhir tahun."
        )
    return result
