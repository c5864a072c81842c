"""Dasbor Capaian (issue #6): how a pimpinan's units are doing on capaian aktivitas, for one month and
across the year — per direct sub-unit, per pegawai, over the months, who still waits for validation, and
the predikat of the Final evaluations. A pimpinan sees the subtree of their own unit; an admin (and the
Kepala Daerah, pimpinan of the top unit) everything.

The numbers (DOMAIN.md §4 applied to a group of pegawai):

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
* predikat: counts of Final evaluations per evaluation period of the year, pegawai placed by the unit of
  their Periode SKP (as the Kurva Distribusi counts them, :func:`services.evaluasi.kurva.jumlah_predikat`).

At the scale of a regency (10,000 pegawai, ~10 M activities a year) every figure comes from the year's
rows of ``ringkasan_aktivitas`` — per pegawai and month, kept exact by triggers (:func:`rekap_aktivitas`)
— plus one read of pegawai, periods and units; hari kerja are counted once per distinct (month, period
pattern). :func:`services.platform.audit.versi_data` is the cheap "has anything changed" key
for caches.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from db.enums import PredikatPegawai, StatusAktivitas, StatusEvaluasi
from db.models import SKP, AktivitasHarian, EvaluasiKinerja, Pegawai, PeriodeSKP, RingkasanAktivitas, UnitKerja
from services.aktivitas import capaian
from services.aktivitas.capaian import CapaianPegawai
from services.aktivitas.harian import bulan_range
from services.evaluasi import evaluasi_kinerja as evaluasi
from services.organisasi import struktur
from services.platform import format as fmt
from services.platform import kalender, settings
from services.platform.access import Actor, require_pimpinan_of_unit
from services.platform.errors import AksesDitolak, TidakDitemukan, ValidationError
from services.platform.spreadsheet import xlsx_bytes

T, M = StatusAktivitas.TERVALIDASI, StatusAktivitas.MENUNGGU
#: The default threshold of the "di bawah batas" list, in percent.
BATAS_DEFAULT = 80
KELAS = tuple((b, b + 10) for b in range(0, 100, 10))
SETAHUN = tuple(range(1, 13))
TANPA_PENILAI = "(tanpa pejabat penilai)"


# ---------------------------------------------------------------------------------------------
# Plain data for pages and exports
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitOpsi:
    id: int
    nama: str
    level: int
    induk_id: int | None = None


@dataclass(frozen=True)
class Agregat:
    """One bar: a unit's subtree (or the pegawai placed directly in the chosen unit, ``langsung``)."""

    unit_kerja_id: int
    nama: str
    langsung: bool
    ada_sub_unit: bool
    pegawai: int  # pegawai with hari kerja (counted)
    tanpa_hari_kerja: int  # pegawai without hari kerja (not counted)
    menit_efektif: int  # Σ efektif
    menit_dihitung: int  # Σ min(tervalidasi, efektif)
    capaian_persen: Decimal  # menit_dihitung ÷ menit_efektif
    rata_rata_persen: Decimal  # mean of the pegawai's %

    @property
    def label(self) -> str:
        return f"{self.nama} (langsung)" if self.langsung else self.nama


@dataclass(frozen=True)
class KelasCapaian:
    bawah: int
    atas: int
    jumlah: int

    @property
    def label(self) -> str:
        return f"{self.bawah}–{self.atas}"


@dataclass(frozen=True)
class TitikTren:
    bulan: int
    pegawai: int
    menit_efektif: int
    menit_dihitung: int
    capaian_persen: Decimal


@dataclass(frozen=True)
class PenilaiMenunggu:
    penilai_id: int | None
    nama: str
    unit_kerja: str
    bawahan: int  # bawahan with activities this month
    aktivitas: int  # their activities of the month, any status
    menunggu: int  # of which still Menunggu Validasi
    menit_menunggu: int
    persen_menunggu: Decimal


@dataclass(frozen=True)
class SebaranPredikat:
    kode: str  # TW1 … TAHUNAN, B01 …
    label: str  # Triwulan I, Tahunan, Maret
    jumlah: dict[PredikatPegawai, int]

    @property
    def total(self) -> int:
        return sum(self.jumlah.values())


@dataclass(frozen=True)
class RekapAktivitas:
    """One unit subtree's activities in one year: rows of
    (pegawai_id, bulan, menit tervalidasi, menit menunggu, jumlah aktivitas, jumlah menunggu)."""

    unit_kerja_id: int
    tahun: int
    baris: tuple[tuple[int, int, int, int, int, int], ...]


@dataclass(frozen=True)
class Dasbor:
    unit: UnitOpsi
    jalur: tuple[UnitOpsi, ...]  # from the top the actor may see down to ``unit``
    sub_unit: tuple[UnitOpsi, ...]  # direct children of ``unit``
    tahun: int
    bulan: int
    total: Agregat
    per_unit: tuple[Agregat, ...]  # direct sub-units (+ the pegawai placed directly in ``unit``)
    pegawai: tuple[CapaianPegawai, ...]  # everyone of the subtree, as capaian_bulanan lists them
    sebaran: tuple[KelasCapaian, ...]
    tren: tuple[TitikTren, ...]  # months of the year up to ``hari_ini``
    penilai: tuple[PenilaiMenunggu, ...]
    predikat: tuple[SebaranPredikat, ...]

    @property
    def dihitung(self) -> list[CapaianPegawai]:
        """The pegawai with hari kerja this month (the ones the averages count)."""
        return [p for p in self.pegawai if p.menit_efektif > 0]

    @property
    def aktivitas(self) -> int:
        return sum(p.aktivitas for p in self.penilai)

    @property
    def menunggu(self) -> int:
        return sum(p.menunggu for p in self.penilai)


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


def _pegawai_subtree(unit: UnitKerja):
    return (
        select(Pegawai.id)
        .join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
        .where(UnitKerja.path.startswith(unit.path))
    )


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
    if unit.induk_id is not None or session.scalar(select(func.count()).where(UnitKerja.induk_id.is_(None))) > 1:
        query = query.where(r.pegawai_id.in_(_pegawai_subtree(unit)))  # the whole tree: no filter
    return RekapAktivitas(unit.id, tahun, tuple(session.execute(query).all()))


def _per_penilai_periode(session: Session, pegawai_ids: list[int], tahun: int, bulan: int) -> dict[int, list]:
    """For the few pegawai with two penilai in the month (a mutasi mid-month): their month's counts
    per period's penilai, from their own rows (index on pegawai, tanggal)."""
    if not pegawai_ids:
        return {}
    first, last = bulan_range(tahun, bulan)
    rows = session.execute(
        select(
            AktivitasHarian.pegawai_id,
            PeriodeSKP.penilai_id,
            func.count(),
            func.sum(case((AktivitasHarian.status == M, 1), else_=0)),
            func.sum(case((AktivitasHarian.status == M, AktivitasHarian.durasi_menit), else_=0)),
        )
        .join(PeriodeSKP, PeriodeSKP.id == AktivitasHarian.periode_id)
        .where(
            AktivitasHarian.pegawai_id.in_(pegawai_ids),
            AktivitasHarian.tanggal >= first,
            AktivitasHarian.tanggal <= last,
        )
        .group_by(AktivitasHarian.pegawai_id, PeriodeSKP.penilai_id)
    )
    out: dict[int, list] = defaultdict(list)
    for pid, penilai_id, n, nm, menit in rows:
        out[int(pid)].append((penilai_id, int(n), int(nm or 0), int(menit or 0)))
    return out


def _sebaran_predikat(session: Session, unit: UnitKerja, tahun: int) -> tuple[SebaranPredikat, ...]:
    """Final evaluations per period code and predikat (one grouped query), in the order of the periods."""
    rows = session.execute(
        select(EvaluasiKinerja.periode_evaluasi, EvaluasiKinerja.predikat, func.count())
        .join(SKP, EvaluasiKinerja.skp_id == SKP.id)
        .join(PeriodeSKP, SKP.periode_id == PeriodeSKP.id)
        .join(UnitKerja, UnitKerja.id == PeriodeSKP.unit_kerja_id)
        .where(
            UnitKerja.path.startswith(unit.path),
            PeriodeSKP.tahun == tahun,
            EvaluasiKinerja.status == StatusEvaluasi.FINAL,
            EvaluasiKinerja.predikat.is_not(None),
        )
        .group_by(EvaluasiKinerja.periode_evaluasi, EvaluasiKinerja.predikat)
    ).all()
    per_kode: dict[str, dict[PredikatPegawai, int]] = defaultdict(lambda: {p: 0 for p in PredikatPegawai})
    for kode, predikat, n in rows:
        per_kode[kode][PredikatPegawai(predikat)] += int(n)
    urutan = [k for k in evaluasi.BULAN_PERIODE if k != evaluasi.TAHUNAN] + [evaluasi.TAHUNAN]
    return tuple(SebaranPredikat(k, evaluasi.label_periode(k), per_kode[k]) for k in urutan if k in per_kode)


# ---------------------------------------------------------------------------------------------
# Arithmetic on plain numbers
# ---------------------------------------------------------------------------------------------


def _rata_rata(nilai: list[Decimal]) -> Decimal:
    if not nilai:
        return Decimal("0.00")
    return (sum(nilai, Decimal(0)) / len(nilai)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def agregat(
    unit_kerja_id: int, nama: str, rows: Iterable[CapaianPegawai], langsung: bool = False, ada_sub_unit: bool = False
) -> Agregat:
    """A group's capaian: Σ min(tervalidasi, efektif) ÷ Σ efektif, and the mean of the pegawai's %."""
    rows = list(rows)
    counted = [r for r in rows if r.menit_efektif > 0]
    efektif = sum(r.menit_efektif for r in counted)
    dihitung = sum(min(r.menit_tervalidasi, r.menit_efektif) for r in counted)
    return Agregat(
        unit_kerja_id,
        nama,
        langsung,
        ada_sub_unit,
        len(counted),
        len(rows) - len(counted),
        efektif,
        dihitung,
        capaian.persen(dihitung, efektif),
        _rata_rata([r.capaian_persen for r in counted]),
    )


def sebaran(rows: Iterable[CapaianPegawai]) -> tuple[KelasCapaian, ...]:
    """Counts per class of 10 points of the shown capaian % (pegawai with hari kerja only)."""
    counts = [0] * len(KELAS)
    for r in rows:
        if r.menit_efektif > 0:
            counts[min(int(r.capaian_persen // 10), len(KELAS) - 1)] += 1
    return tuple(KelasCapaian(b, a, n) for (b, a), n in zip(KELAS, counts))


def di_bawah_batas(rows: Iterable[CapaianPegawai], batas: int | float | Decimal) -> list[CapaianPegawai]:
    """The pegawai (with hari kerja) whose capaian % is below ``batas``, lowest first."""
    batas = Decimal(str(batas))
    return sorted(
        (r for r in rows if r.menit_efektif > 0 and r.capaian_persen < batas),
        key=lambda r: (r.capaian_persen, r.nama, r.nip),
    )


# ---------------------------------------------------------------------------------------------
# The dasbor
# ---------------------------------------------------------------------------------------------


def dasbor(session: Session, actor: Actor, unit_id: int, tahun: int, bulan: int, hari_ini: date) -> Dasbor:
    """Everything the Dasbor Capaian shows for the unit and month (pimpinan of the unit, admin)."""
    _check_tahun(tahun)
    if isinstance(bulan, bool) or not isinstance(bulan, int) or not 1 <= bulan <= 12:
        raise ValidationError("Bulan harus antara 1 dan 12.")
    unit = _unit(session, actor, unit_id)
    rekap = rekap_aktivitas(session, actor, unit.id, tahun)

    # The units of the subtree, each mapped to the direct child of ``unit`` it lies under.
    units = session.execute(
        select(UnitKerja.id, UnitKerja.nama, UnitKerja.level, UnitKerja.induk_id, UnitKerja.path).where(
            UnitKerja.path.startswith(unit.path)
        )
    ).all()
    anak = sorted((u for u in units if u.induk_id == unit.id), key=lambda u: u.nama)
    cabang = {u.id: (unit.id if u.id == unit.id else int(u.path[len(unit.path) :].split("/")[0])) for u in units}
    punya_anak = {u.induk_id for u in units}

    # Pegawai of the subtree and their periods in the year; pegawai with the same periods (almost
    # everyone: the whole year) share their hari kerja, counted once per pattern and month.
    awal, akhir = date(tahun, 1, 1), date(tahun, 12, 31)
    orang = session.execute(
        select(Pegawai.id, Pegawai.nip, Pegawai.nama, UnitKerja.nama, Pegawai.tpp_pokok, UnitKerja.id, Pegawai.aktif)
        .join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
        .where(UnitKerja.path.startswith(unit.path))
        .order_by(UnitKerja.nama, Pegawai.nama, Pegawai.nip)
    ).all()
    periode: dict[int, list[tuple[date, date, int | None]]] = defaultdict(list)
    for pid, mulai, selesai, penilai_id in session.execute(
        select(PeriodeSKP.pegawai_id, PeriodeSKP.tanggal_mulai, PeriodeSKP.tanggal_akhir, PeriodeSKP.penilai_id).where(
            PeriodeSKP.pegawai_id.in_(_pegawai_subtree(unit)),
            PeriodeSKP.tanggal_mulai <= akhir,
            PeriodeSKP.tanggal_akhir >= awal,
        )
    ):
        periode[pid].append((max(mulai, awal), min(selesai, akhir), penilai_id))
    hari_bulan: dict[int, list[date]] = defaultdict(list)
    for d in kalender.hari_kerja(session, awal, akhir):
        hari_bulan[d.month].append(d)
    pola_of = {pid: tuple(sorted((m, a) for m, a, _p in ranges)) for pid, ranges in periode.items()}
    hk_pola = {
        pola: [0] + [capaian.hitung_hari_kerja(hari_bulan[b], pola) for b in SETAHUN] for pola in set(pola_of.values())
    }
    menit_per_hari = settings.get(session, "menit_per_hari")
    bobot = settings.get(session, "bobot_produktivitas_persen")

    # Menit efektif per month of each pegawai (one list per pattern, shared).
    efektif_pola = {pola: [hk * menit_per_hari for hk in hks] for pola, hks in hk_pola.items()}
    efektif_of = {pid: efektif_pola[pola] for pid, pola in pola_of.items()}
    tanpa_periode = [0] * 13

    # The trend: integer sums per month (pegawai without activities add their efektif only).
    bulan_terakhir = 12 if hari_ini >= date(tahun, 12, 1) else (hari_ini.month if hari_ini.year == tahun else 0)
    jumlah_pola = Counter(pola_of.values())
    dihitung_bulan = [0] * 13
    menit_bulan: dict[int, tuple[int, int, int, int]] = {}
    for pid, b, v, m, n, nm in rekap.baris:
        e = efektif_of.get(pid, tanpa_periode)[b]
        dihitung_bulan[b] += v if v < e else e
        if b == bulan:
            menit_bulan[pid] = (v, m, n, nm)
    tren = []
    for b in range(1, bulan_terakhir + 1):
        efektif_b = sum(n * hk_pola[pola][b] for pola, n in jumlah_pola.items()) * menit_per_hari
        pegawai_b = sum(n for pola, n in jumlah_pola.items() if hk_pola[pola][b])
        tren.append(TitikTren(b, pegawai_b, efektif_b, dihitung_bulan[b], capaian.persen(dihitung_bulan[b], efektif_b)))

    # The month, per pegawai: the same rows as capaian.capaian_bulanan (exact integer arithmetic).
    first, last = bulan_range(tahun, bulan)
    pegawai = []
    for pid, nip, nama, unit_nama, tpp_pokok, unit_kerja_id, aktif in orang:
        if not aktif and not any(m <= last and a >= first for m, a, _p in periode.get(pid, ())):
            continue
        pola = pola_of.get(pid)
        hk = hk_pola[pola][bulan] if pola else 0
        e = hk * menit_per_hari
        valid, tunggu = menit_bulan.get(pid, (0, 0))[:2]
        tpp = int(tpp_pokok or 0)
        pegawai.append(
            CapaianPegawai(
                pid,
                nip,
                nama,
                unit_nama,
                hk,
                e,
                valid,
                tunggu,
                capaian.persen(valid, e),
                tpp,
                capaian.tpp_produktivitas(tpp, bobot, valid, e),
                unit_kerja_id,
            )
        )

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
        penilai=_penilai(session, menit_bulan, penilai_bulan, tahun, bulan),
        predikat=_sebaran_predikat(session, unit, tahun),
    )


def _jalur(session: Session, actor: Actor, unit: UnitKerja) -> tuple[UnitOpsi, ...]:
    """The unit's ancestors from the highest one the actor may open, and the unit itself."""
    ids = [int(x) for x in unit.path.strip("/").split("/") if x]
    rows = {u.id: u for u in session.scalars(select(UnitKerja).where(UnitKerja.id.in_(ids)))}
    if not actor.is_admin:
        ids = ids[ids.index(actor.unit_kerja_id) :] if actor.unit_kerja_id in ids else [unit.id]
    return tuple(UnitOpsi(i, rows[i].nama, rows[i].level, rows[i].induk_id) for i in ids if i in rows)


def _penilai(
    session: Session, menit: dict[int, tuple[int, int, int, int]], penilai_of: dict[int, set], tahun: int, bulan: int
) -> tuple[PenilaiMenunggu, ...]:
    """Activities of the month per penilai: all, still Menunggu (count and minutes), worst share first."""
    totals: dict[int | None, list[int]] = defaultdict(lambda: [0, 0, 0])
    bawahan: dict[int | None, set[int]] = defaultdict(set)
    split = [pid for pid in menit if len(penilai_of.get(pid, ())) > 1]
    exact = _per_penilai_periode(session, split, tahun, bulan)
    for pid, (_v, m, n, nm) in menit.items():
        if n == 0:
            continue
        if pid in split:
            parts = exact.get(pid, [])
        else:
            penilai = next(iter(penilai_of.get(pid, {None})))
            parts = [(penilai, n, nm, m)]
        for penilai, jumlah, tunggu, menit_tunggu in parts:
            t = totals[penilai]
            t[0] += jumlah
            t[1] += tunggu
            t[2] += menit_tunggu
            bawahan[penilai].add(pid)
    names = {
        pid: (nama, unit)
        for pid, nama, unit in session.execute(
            select(Pegawai.id, Pegawai.nama, UnitKerja.nama)
            .join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
            .where(Pegawai.id.in_([k for k in totals if k is not None]))
        )
    }
    out = [
        PenilaiMenunggu(
            k, *names.get(k, (TANPA_PENILAI, "-")), len(bawahan[k]), n, nm, menit_tunggu, capaian.persen(nm, n)
        )
        for k, (n, nm, menit_tunggu) in totals.items()
    ]
    return tuple(sorted(out, key=lambda p: (-p.persen_menunggu, -p.menunggu, p.nama)))


# ---------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------


def nama_berkas(d: Dasbor) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in d.unit.nama.lower()).strip("-")[:40]
    return f"dasbor-capaian-{slug}-{d.tahun}-{d.bulan:02d}"


def _baris_pegawai(rows: Iterable[CapaianPegawai]) -> list[tuple]:
    return [
        (
            r.nip,
            r.nama,
            r.unit_kerja,
            r.hari_kerja,
            r.menit_efektif,
            r.menit_tervalidasi,
            r.menit_menunggu,
            r.capaian_persen,
        )
        for r in rows
    ]


KOLOM_PEGAWAI = (
    "NIP",
    "Nama",
    "Unit Kerja",
    "Hari Kerja",
    "Menit Efektif",
    "Menit Tervalidasi",
    "Menit Menunggu",
    "Capaian (%)",
)


def ekspor_xlsx(d: Dasbor, batas: int | float | Decimal = BATAS_DEFAULT) -> bytes:
    """What the dasbor shows, one sheet per table (NIP as text, formula-like text neutralised)."""
    periode = fmt.bulan_tahun(d.tahun, d.bulan)
    sheets = {
        "Ringkasan": (
            ["Keterangan", "Nilai"],
            [
                ("Unit Kerja", d.unit.nama),
                ("Bulan", periode),
                ("Capaian unit (%)", d.total.capaian_persen),
                ("Rata-rata capaian pegawai (%)", d.total.rata_rata_persen),
                ("Pegawai dihitung", d.total.pegawai),
                ("Pegawai tanpa hari kerja", d.total.tanpa_hari_kerja),
                ("Menit efektif", d.total.menit_efektif),
                ("Menit tervalidasi yang dihitung", d.total.menit_dihitung),
                ("Aktivitas bulan ini", d.aktivitas),
                ("Aktivitas menunggu validasi", d.menunggu),
                ("Capaian unit", "Σ min(menit tervalidasi, menit efektif) ÷ Σ menit efektif pegawai unit"),
                ("Rata-rata capaian pegawai", "rata-rata capaian (%) pegawai yang memiliki hari kerja"),
            ],
        ),
        "Per Unit": (
            ["Unit Kerja", "Pegawai", "Menit Efektif", "Menit Dihitung", "Capaian Unit (%)", "Rata-rata Pegawai (%)"],
            [
                (a.label, a.pegawai, a.menit_efektif, a.menit_dihitung, a.capaian_persen, a.rata_rata_persen)
                for a in d.per_unit
            ],
        ),
        f"Tren {d.tahun}": (
            ["Bulan", "Pegawai", "Menit Efektif", "Menit Dihitung", "Capaian Unit (%)"],
            [(fmt.nama_bulan(t.bulan), t.pegawai, t.menit_efektif, t.menit_dihitung, t.capaian_persen) for t in d.tren],
        ),
        "Sebaran Capaian": (["Capaian (%)", "Jumlah Pegawai"], [(k.label, k.jumlah) for k in d.sebaran]),
        f"Di Bawah {fmt.angka(batas)} %": (KOLOM_PEGAWAI, _baris_pegawai(di_bawah_batas(d.pegawai, batas))),
        "Belum Divalidasi": (
            [
                "Pejabat Penilai",
                "Unit Kerja",
                "Bawahan",
                "Aktivitas",
                "Menunggu Validasi",
                "Menit Menunggu",
                "Menunggu (%)",
            ],
            [
                (p.nama, p.unit_kerja, p.bawahan, p.aktivitas, p.menunggu, p.menit_menunggu, p.persen_menunggu)
                for p in d.penilai
            ],
        ),
        "Pegawai": (KOLOM_PEGAWAI, _baris_pegawai(d.pegawai)),
    }
    if d.predikat:
        sheets["Predikat"] = (
            ["Periode Evaluasi", *(p.value for p in PredikatPegawai), "Jumlah"],
            [(s.label, *(s.jumlah[p] for p in PredikatPegawai), s.total) for s in d.predikat],
        )
    return xlsx_bytes(sheets)
