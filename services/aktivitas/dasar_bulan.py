"""The basis of a pegawai's month (docs/domain.md §4, §8.13, §8.26): the hari kerja — Monday–Friday, not an aktif
hari libur, inside one of the pegawai's Periode SKP, not a day of a ketidakhadiran that reduces hari kerja — and
the TPP pokok of each of those days, from the pokok history.

One computation for capaian.py (a month) and the Dasbor (a year of months for up to 10,000 pegawai), so the two
never disagree. It stays fast by doing the per-day work only where it is needed: hari kerja are counted once per
distinct (period pattern, month) — almost everyone has the whole year — and day by day only for the pegawai who
are absent in the range; the pokok is read per day only for a month in which the pegawai's pokok changes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from db.models import Pegawai
from services.organisasi import tpp_pokok
from services.organisasi.ketidakhadiran import hari_tidak_hadir
from services.platform import kalender
from services.platform.kalender import bulan_range

Rentang = tuple[tuple[date, date], ...]
_NOL = [0] * 13


@dataclass(frozen=True)
class BagianPokok:
    """One part of a month split by a pokok change: its dates, the pokok in force and its hari kerja."""

    mulai: date
    akhir: date
    tpp_pokok: int
    hari_kerja: int


@dataclass(frozen=True)
class DasarBulan:
    """A pegawai's month: hari kerja, Σ pokok over those days, the pokok to show and the parts when split."""

    hari_kerja: int
    pokok_hari: int  # Σ over the hari kerja of the pokok in force that day (= pokok × hari kerja when one)
    tpp_pokok: int  # the hari-kerja-weighted pokok, half-up; with no hari kerja, the pokok on the last day
    rincian: tuple[BagianPokok, ...] = ()  # two or more parts with different pokok; () otherwise
    #: The hari kerja the pokok is spread over: ``hari_kerja`` plus, in the month a pegawai leaves service, the
    #: month's hari kerja from ``tanggal_berhenti`` on, paid at Rp0 (docs/domain.md §8.31). 0: ``hari_kerja``.
    hari_pokok: int = 0


def hitung_hari_kerja(hari_kerja_bulan: list[date], rentang: Rentang) -> int:
    """How many of the month's working days fall inside one of the (clipped) period ranges."""
    return sum(1 for d in hari_kerja_bulan if any(a <= d <= b for a, b in rentang))


def pokok_tertimbang(pokok_hari: int, hari_kerja: int) -> int:
    """Σ pokok × hari ÷ Σ hari, half-up to whole rupiah (only what is shown; the TPP uses the exact ratio)."""
    return (2 * pokok_hari + hari_kerja) // (2 * hari_kerja)


class Dasar:
    """The bases of the months from ``awal`` to ``akhir`` (whole months) of the pegawai in ``rentang`` (their
    periods, clipped to the range) and of the pegawai named by ``pegawai_ids`` (ids or a SELECT of ids; None:
    everyone) for the pokok and the absences."""

    def __init__(
        self,
        session: Session,
        awal: date,
        akhir: date,
        rentang: dict[int, list[tuple[date, date]]],
        pegawai_ids: Iterable[int] | Select | None = None,
    ):
        if pegawai_ids is not None and not isinstance(pegawai_ids, Select):
            pegawai_ids = list(pegawai_ids)  # read twice below
        self._hari: dict[tuple[int, int], list[date]] = defaultdict(list)
        for d in kalender.hari_kerja(session, awal, akhir):
            self._hari[(d.year, d.month)].append(d)
        self.pola_of: dict[int, Rentang] = {pid: tuple(sorted(r)) for pid, r in rentang.items()}
        self._jumlah_pola = Counter(self.pola_of.values())
        self._absen = hari_tidak_hadir(session, awal, akhir, pegawai_ids)
        self._pokok = tpp_pokok.langkah_pokok(session, awal, akhir, pegawai_ids)
        self._keluar = _tanggal_berhenti(session, awal, akhir, pegawai_ids)
        self._hk_pola: dict[tuple[Rentang, int, int], int] = {}
        self._hk_absen: dict[tuple[int, int, int], int] = {}
        self._tahun_pola: dict[tuple[Rentang, int], list[int]] = {}

    def _per_pola(self, pola: Rentang, tahun: int, bulan: int) -> int:
        key = (pola, tahun, bulan)
        if key not in self._hk_pola:
            self._hk_pola[key] = hitung_hari_kerja(self._hari[(tahun, bulan)], pola)
        return self._hk_pola[key]

    def hari_pegawai(self, pegawai_id: int, tahun: int, bulan: int) -> list[date]:
        """The pegawai's own hari kerja of the month, day by day."""
        pola = self.pola_of.get(pegawai_id, ())
        absen = self._absen.get(pegawai_id, set())
        return [d for d in self._hari[(tahun, bulan)] if d not in absen and any(a <= d <= b for a, b in pola)]

    def hari_kerja(self, pegawai_id: int, tahun: int, bulan: int) -> int:
        pola = self.pola_of.get(pegawai_id)
        if pola is None:
            return 0
        if pegawai_id not in self._absen:
            return self._per_pola(pola, tahun, bulan)
        key = (pegawai_id, tahun, bulan)
        if key not in self._hk_absen:
            self._hk_absen[key] = len(self.hari_pegawai(pegawai_id, tahun, bulan))
        return self._hk_absen[key]

    def hari_kerja_tahun(self, pegawai_id: int, tahun: int) -> list[int]:
        """The pegawai's hari kerja of each month of ``tahun`` (index 1–12; 0 unused), one list shared by every
        pegawai of a pattern without absences — the Dasbor's trend reads it for 120,000 pegawai-months."""
        pola = self.pola_of.get(pegawai_id)
        if pola is None:
            return _NOL
        if pegawai_id in self._absen:
            return [0] + [self.hari_kerja(pegawai_id, tahun, b) for b in range(1, 13)]
        key = (pola, tahun)
        if key not in self._tahun_pola:
            self._tahun_pola[key] = [0] + [self._per_pola(pola, tahun, b) for b in range(1, 13)]
        return self._tahun_pola[key]

    def jumlah_bulan(self, tahun: int, bulan: int) -> tuple[int, int]:
        """(Σ hari kerja, how many have any) over every pegawai of ``rentang``: per pattern, then the absent
        pegawai's own count instead of their pattern's."""
        total = pegawai = 0
        for pola, n in self._jumlah_pola.items():
            hk = self._per_pola(pola, tahun, bulan)
            total, pegawai = total + n * hk, pegawai + (n if hk else 0)
        for pid in self._absen.keys() & self.pola_of.keys():
            pola_hk, own = self._per_pola(self.pola_of[pid], tahun, bulan), self.hari_kerja(pid, tahun, bulan)
            total, pegawai = total - pola_hk + own, pegawai - bool(pola_hk) + bool(own)
        return total, pegawai

    def bulan(self, pegawai_id: int, tahun: int, bulan: int) -> DasarBulan:
        """The month's basis of one pegawai: hari kerja, Σ pokok per day, the pokok shown and its parts. In the
        month the pegawai leaves service its hari kerja from ``tanggal_berhenti`` on are a last part at Rp0, so the
        pokok is prorated by the hari kerja in service like a mutasi's parts (docs/domain.md §8.31)."""
        dasar = self._bulan_bertugas(pegawai_id, tahun, bulan)
        keluar = self._keluar.get(pegawai_id)
        first, last = bulan_range(tahun, bulan)
        if keluar is None or not first < keluar <= last or not dasar.hari_kerja:
            return dasar
        sisa = sum(1 for d in self._hari[(tahun, bulan)] if d >= keluar)
        if not sisa:
            return dasar
        bertugas = dasar.rincian or (BagianPokok(first, keluar - timedelta(days=1), dasar.tpp_pokok, dasar.hari_kerja),)
        hari_pokok = dasar.hari_kerja + sisa
        return DasarBulan(
            dasar.hari_kerja,
            dasar.pokok_hari,
            pokok_tertimbang(dasar.pokok_hari, hari_pokok),
            (*bertugas, BagianPokok(keluar, last, 0, sisa)),
            hari_pokok,
        )

    def _bulan_bertugas(self, pegawai_id: int, tahun: int, bulan: int) -> DasarBulan:
        first, last = bulan_range(tahun, bulan)
        hk = self.hari_kerja(pegawai_id, tahun, bulan)
        langkah = self._pokok.get(pegawai_id, ())
        batas = [d for d, _j in langkah if first < d <= last]
        if not batas:  # one pokok the whole month: the common case
            pokok = tpp_pokok.pokok_pada(langkah, first)
            return DasarBulan(hk, pokok * hk, pokok)
        bagian: list[BagianPokok] = []
        hari = self.hari_pegawai(pegawai_id, tahun, bulan)
        for mulai, sampai in zip([first, *batas], [d - timedelta(days=1) for d in batas] + [last], strict=True):
            pokok = tpp_pokok.pokok_pada(langkah, mulai)
            n = sum(1 for d in hari if mulai <= d <= sampai)
            if bagian and bagian[-1].tpp_pokok == pokok:  # a change to the same pokok: one part
                sebelum = bagian.pop()
                mulai, n = sebelum.mulai, sebelum.hari_kerja + n
            bagian.append(BagianPokok(mulai, sampai, pokok, n))
        return _dari_bagian(hk, bagian, tpp_pokok.pokok_pada(langkah, last))


def _tanggal_berhenti(
    session: Session, awal: date, akhir: date, pegawai_ids: Iterable[int] | Select | None
) -> dict[int, date]:
    """Each pegawai's first day out of service when it falls after ``awal`` and by ``akhir``."""
    query = select(Pegawai.id, Pegawai.tanggal_berhenti).where(
        Pegawai.tanggal_berhenti > awal, Pegawai.tanggal_berhenti <= akhir
    )
    if pegawai_ids is not None:
        query = query.where(Pegawai.id.in_(pegawai_ids))
    return {pid: tanggal for pid, tanggal in session.execute(query) if tanggal is not None}


def _dari_bagian(hk: int, bagian: list[BagianPokok], pokok_akhir: int) -> DasarBulan:
    berhari = [b for b in bagian if b.hari_kerja]
    pokok_hari = sum(b.tpp_pokok * b.hari_kerja for b in berhari)
    if not hk:
        return DasarBulan(0, 0, pokok_akhir)
    rincian = tuple(berhari) if len({b.tpp_pokok for b in berhari}) > 1 else ()
    return DasarBulan(hk, pokok_hari, pokok_tertimbang(pokok_hari, hk), rincian)
