"""Dasbor Capaian (issue #6): how a pimpinan's units are doing on capaian aktivitas, for one month and
across the year — per direct sub-unit, per pegawai, over the months, who still waits for validation, and
the predikat of the Final evaluations. A pimpinan sees the subtree of their own unit; an admin (and the
Kepala Daerah, pimpinan of the top unit) everything.

The numbers (docs/domain.md §4 applied to a group of pegawai):

* per pegawai — exactly :func:`services.aktivitas.capaian.capaian_bulanan`'s row (same pegawai, same hari kerja,
  minutes, capaian %, TPP); pegawai are placed by their CURRENT unit kerja, as there;
* **capaian unit** (the bar of a unit, the line of the trend) = Σ min(tervalidasi, efektif) ÷ Σ efektif
  over the unit subtree's pegawai, × 100, half-up to 2 decimals: the share of the unit's effective
  minutes covered by validated work (the pegawai's % weighted by their hari kerja; minutes above a
  pegawai's own efektif do not make up for a colleague's shortfall);
* **rata-rata capaian pegawai** = the plain mean of the pegawai's capaian % as shown (2 decimals),
  half-up to 2 decimals — what a leader gets by averaging the column by hand;
* pegawai without hari kerja in the month (no Periode SKP covering it: menit efektif 0) have no capaian
  to speak of: they are left out of both averages, the sebaran (histogram) and the list under the
  threshold, and counted separately;
* sebaran: classes 0–10, 10–20, …, 90–100 of the shown %, lower bound included (10,00 % is in 10–20),
  100 % in 90–100;
* belum divalidasi per penilai: for each penilai (the Pejabat Penilai of the bawahan's Periode SKP, who
  alone may validate), the month's activities of their bawahan in the unit subtree that are still
  Menunggu Validasi ÷ all that bawahan's activities of the month (any status), worst share first;
* predikat: counts of Final evaluations per evaluation period of the year, each pegawai once, placed by the
  unit of their periode penentu (the period that holds the end of the evaluation period,
  :mod:`services.evaluasi.populasi`); Kepala Daerah and pegawai out of service by then left out.

At the scale of a regency (10,000 pegawai, ~10 M activities a year) every figure comes from the year's
rows of ``ringkasan_aktivitas`` — per pegawai and month, kept exact by triggers (:func:`rekap_aktivitas`)
— plus one read of pegawai, periods, units, absences and pokok history; the months' hari kerja and pokok
come from :mod:`services.aktivitas.dasar_bulan`, the computation capaian.py uses, counted once per distinct
(month, period pattern) and day by day only for the pegawai who are absent or whose pokok changes.
:func:`services.platform.audit.versi_data` is the cheap "has anything changed" key
for caches.

This module checks access, reads and assembles; it is the entry for pages and tests and re-exports the
rest: the plain data (:mod:`~services.pimpinan.dasbor_model`), the arithmetic
(:mod:`~services.pimpinan.dasbor_angka`), the counts per penilai (:mod:`~services.pimpinan.dasbor_penilai`)
and the workbook (:mod:`~services.pimpinan.dasbor_ekspor`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import PredikatPegawai, StatusEvaluasi, StatusKepegawaian
from db.models import SKP, EvaluasiKinerja, Pegawai, PeriodeSKP, RingkasanAktivitas, UnitKerja
from services.aktivitas import arsip_bulan, capaian
from services.aktivitas.capaian import CapaianPegawai
from services.aktivitas.dasar_bulan import Dasar
from services.aktivitas.harian import bulan_range
from services.evaluasi import evaluasi_kinerja as evaluasi
from services.evaluasi import populasi
from services.organisasi import struktur
from services.organisasi.kepala_daerah import wajib_skp
from services.pimpinan.dasbor_angka import BATAS_DEFAULT, agregat, di_bawah_batas, sebaran
from services.pimpinan.dasbor_ekspor import ekspor_xlsx, nama_berkas
from services.pimpinan.dasbor_model import (
    Agregat,
    Dasbor,
    KelasCapaian,
    PenilaiMenunggu,
    RekapAktivitas,
    SebaranPredikat,
    TitikTren,
    UnitOpsi,
)
from services.pimpinan.dasbor_penilai import per_penilai
from services.platform import settings
from services.platform.access import Actor, require_pimpinan_of_unit
from services.platform.errors import AksesDitolak, TidakDitemukan, ValidationError

__all__ = [
    "Agregat",
    "BATAS_DEFAULT",
    "Dasbor",
    "KelasCapaian",
    "PenilaiMenunggu",
    "RekapAktivitas",
    "SebaranPredikat",
    "TitikTren",
    "UnitOpsi",
    "agregat",
    "dasbor",
    "di_bawah_batas",
    "ekspor_xlsx",
    "nama_berkas",
    "rekap_aktivitas",
    "sebaran",
    "unit_awal",
    "unit_pilihan",
]

SETAHUN = tuple(range(1, 13))


# ---------------------------------------------------------------------------------------------
# Who may see what
# ---------------------------------------------------------------------------------------------


def unit_pilihan(session: Session, actor: Actor) -> list[UnitOpsi]:
    """The units the actor may open, tree-ordered: all for an admin, the own subtree for a pimpinan,
    none for anyone else."""
    return [UnitOpsi(u.id, u.nama, u.level, u.induk_id) for u in struktur.unit_terlihat(session, actor)]


def unit_awal(session: Session, actor: Actor) -> int:
    """Where the dasbor opens: the pimpinan's own unit; for an admin who is not a pimpinan, the top."""
    if actor.is_pimpinan:
        return actor.unit_kerja_id
    pilihan = unit_pilihan(session, actor)
    if not pilihan:
        raise AksesDitolak("Dasbor Capaian hanya untuk pimpinan unit kerja dan Admin BKPSDM.")
    return pilihan[0].id


def _unit(session: Session, actor: Actor, unit_id: int) -> UnitKerja:
    unit = session.get(UnitKerja, unit_id)
    if unit is None:
        raise TidakDitemukan("Unit kerja tidak ditemukan.")
    require_pimpinan_of_unit(session, actor, unit.id)
    return unit


def _check_tahun(tahun: int) -> None:
    if isinstance(tahun, bool) or not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        raise ValidationError("Tahun tidak valid.")


# ---------------------------------------------------------------------------------------------
# SQL
# ---------------------------------------------------------------------------------------------


def _pegawai_subtree(unit: UnitKerja, status: StatusKepegawaian | None = None):
    query = (
        select(Pegawai.id)
        .join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
        .where(UnitKerja.path.startswith(unit.path))
    )
    return query if status is None else query.where(Pegawai.status_kepegawaian == status)


def rekap_aktivitas(session: Session, actor: Actor, unit_id: int, tahun: int) -> RekapAktivitas:
    """The activities of the unit subtree in the year, per pegawai and month: the rows of
    ``ringkasan_aktivitas`` (kept exact by triggers, db/ringkasan_aktivitas.py) — at most one per pegawai
    and month instead of ~800,000 activity rows a month for a regency."""
    _check_tahun(tahun)
    unit = _unit(session, actor, unit_id)
    r = RingkasanAktivitas.__table__.c  # plain Core rows: no ORM loading for 120,000 of them
    query = select(r.pegawai_id, r.bulan, r.menit_tervalidasi, r.menit_menunggu, r.jumlah, r.jumlah_menunggu).where(
        r.tahun == tahun
    )
    roots = select(func.count()).where(UnitKerja.induk_id.is_(None))
    if unit.induk_id is not None or session.execute(roots).scalar_one() > 1:
        query = query.where(r.pegawai_id.in_(_pegawai_subtree(unit)))  # the whole tree: no filter
    return RekapAktivitas(unit.id, tahun, tuple(session.execute(query).all()))


def _sebaran_predikat(session: Session, unit: UnitKerja, tahun: int) -> tuple[SebaranPredikat, ...]:
    """Final evaluations per period code and predikat, each pegawai once per code: on their periode penentu
    (services.evaluasi.populasi), so a mutasi never counts one pegawai twice."""
    rows = session.execute(
        select(EvaluasiKinerja.periode_evaluasi, EvaluasiKinerja.predikat, PeriodeSKP.id, PeriodeSKP.pegawai_id)
        .join(SKP, EvaluasiKinerja.skp_id == SKP.id)
        .join(PeriodeSKP, SKP.periode_id == PeriodeSKP.id)
        .join(UnitKerja, UnitKerja.id == PeriodeSKP.unit_kerja_id)
        .where(
            UnitKerja.path.startswith(unit.path),
            PeriodeSKP.tahun == tahun,
            EvaluasiKinerja.status == StatusEvaluasi.FINAL,
            EvaluasiKinerja.predikat.is_not(None),
        )
    ).all()
    data = populasi.Tahun.baca(session, tahun) if rows else None
    penentu: dict[str, dict[int, int]] = {}
    per_kode: dict[str, dict[PredikatPegawai, int]] = defaultdict(lambda: {p: 0 for p in PredikatPegawai})
    for kode, predikat, periode_id, pegawai_id in rows:
        if data is None or kode not in evaluasi.BULAN_PERIODE:
            continue
        if kode not in penentu:
            tanggal = populasi.tanggal_penentu(tahun, kode)
            penentu[kode] = {pid: p.id for pid, p in data.penentu(tanggal).items()}
        if penentu[kode].get(pegawai_id) == periode_id:
            per_kode[kode][PredikatPegawai(predikat)] += 1
    urutan = [k for k in evaluasi.BULAN_PERIODE if k != evaluasi.TAHUNAN] + [evaluasi.TAHUNAN]
    return tuple(SebaranPredikat(k, evaluasi.label_periode(k), per_kode[k]) for k in urutan if k in per_kode)


# ---------------------------------------------------------------------------------------------
# The dasbor
# ---------------------------------------------------------------------------------------------


def dasbor(
    session: Session,
    actor: Actor,
    unit_id: int,
    tahun: int,
    bulan: int,
    hari_ini: date,
    status: StatusKepegawaian | None = None,
) -> Dasbor:
    """Everything the Dasbor Capaian shows for the unit and month (pimpinan of the unit, admin); with ``status``
    the pegawai figures (capaian, sebaran, trend, the list) count only that status kepegawaian (docs/domain.md
    §8.31), while belum divalidasi per penilai and the predikat stay the unit's."""
    _check_tahun(tahun)
    if isinstance(bulan, bool) or not isinstance(bulan, int) or not 1 <= bulan <= 12:
        raise ValidationError("Bulan harus antara 1 dan 12.")
    unit = _unit(session, actor, unit_id)
    rekap = rekap_aktivitas(session, actor, unit.id, tahun)
    first, last = bulan_range(tahun, bulan)

    # The units of the subtree, each mapped to the direct child of ``unit`` it lies under.
    units = session.execute(
        select(UnitKerja.id, UnitKerja.nama, UnitKerja.level, UnitKerja.induk_id, UnitKerja.path).where(
            UnitKerja.path.startswith(unit.path)
        )
    ).all()
    anak = sorted((u for u in units if u.induk_id == unit.id), key=lambda u: u.nama)
    cabang = {u.id: (unit.id if u.id == unit.id else int(u.path[len(unit.path) :].split("/")[0])) for u in units}
    punya_anak = {u.induk_id for u in units}

    # Pegawai of the subtree and their periods in the year; the months' bases come from the same computation
    # as capaian.capaian_bulanan (services/aktivitas/dasar_bulan.py): hari kerja once per period pattern and
    # month, day by day only for the absent, the pokok per day only where it changes.
    awal, akhir = date(tahun, 1, 1), date(tahun, 12, 31)
    subtree = _pegawai_subtree(unit, status)
    orang = session.execute(
        select(Pegawai.id, Pegawai.nip, Pegawai.nama, UnitKerja.nama, UnitKerja.id, Pegawai.bertugas_pada(first))
        .join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
        .where(Pegawai.id.in_(subtree), wajib_skp())
        .order_by(UnitKerja.nama, Pegawai.nama, Pegawai.nip)
    ).all()
    periode: dict[int, list[tuple[date, date, int | None]]] = defaultdict(list)
    for pid, mulai, selesai, penilai_id in session.execute(
        select(PeriodeSKP.pegawai_id, PeriodeSKP.tanggal_mulai, PeriodeSKP.tanggal_akhir, PeriodeSKP.penilai_id).where(
            PeriodeSKP.pegawai_id.in_(subtree),
            PeriodeSKP.tanggal_mulai <= akhir,
            PeriodeSKP.tanggal_akhir >= awal,
        )
    ):
        periode[pid].append((max(mulai, awal), min(selesai, akhir), penilai_id))
    rentang = {pid: [(m, a) for m, a, _p in ranges] for pid, ranges in periode.items()}
    dasar = Dasar(session, awal, akhir, rentang, subtree)
    menit_per_hari = settings.ambil(session, "menit_per_hari")
    bobot = settings.ambil(session, "bobot_produktivitas_persen")

    # The trend: integer sums per month (pegawai without activities add their efektif only).
    bulan_terakhir = 12 if hari_ini >= date(tahun, 12, 1) else (hari_ini.month if hari_ini.year == tahun else 0)
    dihitung_bulan = [0] * 13
    menit_bulan: dict[int, tuple[int, int, int, int]] = {}
    hk_of = {pid: dasar.hari_kerja_tahun(pid, tahun) for pid in rentang}
    tanpa_periode = [0] * 13
    for pid, b, v, m, n, nm in rekap.baris:
        e = hk_of.get(pid, tanpa_periode)[b] * menit_per_hari
        dihitung_bulan[b] += v if v < e else e
        if b == bulan:
            menit_bulan[pid] = (v, m, n, nm)
    tren = []
    for b in range(1, bulan_terakhir + 1):
        hari_b, pegawai_b = dasar.jumlah_bulan(tahun, b)
        efektif_b = hari_b * menit_per_hari
        tren.append(TitikTren(b, pegawai_b, efektif_b, dihitung_bulan[b], capaian.persen(dihitung_bulan[b], efektif_b)))

    # The month, per pegawai: the same rows as capaian.capaian_bulanan (capaian.baris).
    pegawai = []
    for pid, nip, nama, unit_nama, unit_kerja_id, aktif in orang:
        if not aktif and not any(m <= last and a >= first for m, a, _p in periode.get(pid, ())):
            continue
        valid, tunggu = menit_bulan.get(pid, (0, 0))[:2]
        identitas = (pid, nip, nama, unit_nama, unit_kerja_id)
        pegawai.append(capaian.baris(identitas, dasar.bulan(pid, tahun, bulan), menit_per_hari, bobot, valid, tunggu))

    ditutup = arsip_bulan.baris_bulan(session, tahun, bulan, CapaianPegawai, UnitKerja.path.startswith(unit.path))
    if ditutup is not None:  # a closed month: its frozen snapshot, units as at the close (docs/domain.md §8.27)
        ids = None if status is None else set(session.scalars(subtree))
        pegawai = [r for r in ditutup if ids is None or r.pegawai_id in ids]
    per_cabang: dict[int, list[CapaianPegawai]] = defaultdict(list)
    for row in pegawai:
        per_cabang[cabang[row.unit_kerja_id]].append(row)
    per_unit = [agregat(u.id, u.nama, per_cabang[u.id], ada_sub_unit=u.id in punya_anak) for u in anak]
    langsung = agregat(unit.id, unit.nama, per_cabang[unit.id], langsung=True)
    if anak and langsung.pegawai:  # pegawai placed in the unit itself, beside its sub-units
        per_unit.insert(0, langsung)
    penilai_bulan = {pid: {p for m, a, p in ranges if m <= last and a >= first} for pid, ranges in periode.items()}

    return Dasbor(
        unit=UnitOpsi(unit.id, unit.nama, unit.level, unit.induk_id),
        jalur=_jalur(session, actor, unit),
        sub_unit=tuple(UnitOpsi(u.id, u.nama, u.level, u.induk_id) for u in anak),
        tahun=tahun,
        bulan=bulan,
        total=agregat(unit.id, unit.nama, pegawai, ada_sub_unit=bool(anak)),
        per_unit=tuple(per_unit),
        pegawai=tuple(pegawai),
        sebaran=sebaran(pegawai),
        tren=tuple(tren),
        penilai=per_penilai(session, menit_bulan, penilai_bulan, tahun, bulan),
        predikat=_sebaran_predikat(session, unit, tahun),
    )


def _jalur(session: Session, actor: Actor, unit: UnitKerja) -> tuple[UnitOpsi, ...]:
    """The unit's ancestors from the highest one the actor may open, and the unit itself."""
    ids = [int(x) for x in unit.path.strip("/").split("/") if x]
    rows = {u.id: u for u in session.scalars(select(UnitKerja).where(UnitKerja.id.in_(ids)))}
    if not actor.is_admin:
        ids = ids[ids.index(actor.unit_kerja_id) :] if actor.unit_kerja_id in ids else [unit.id]
    return tuple(UnitOpsi(i, rows[i].nama, rows[i].level, rows[i].induk_id) for i in ids if i in rows)
