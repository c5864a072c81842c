"""What each person should do next: the own running period and the step it calls for, the atasan's
waiting work (SKP diajukan, aktivitas menunggu per bawahan — former ones after a mutasi apart —, new bawahan
whose SKP waits for penetapan) and when the month closes — for the Beranda
and the sidebar count."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from db.enums import StatusAktivitas, StatusSKP
from db.models import SKP, AktivitasHarian, Pegawai, PeriodeSKP
from services.aktivitas.capaian import CapaianPegawai, capaian_pegawai
from services.organisasi import periode as periode_service
from services.organisasi.mutasi import dibuka_mutasi, dibuka_mutasi_semua
from services.organisasi.wewenang import dinilai, penilai_ids
from services.platform import kalender, settings
from services.platform.access import Actor


class Langkah(Enum):
    """The next step of the pegawai's own cycle, which the Beranda points to."""

    BUAT_PERIODE = "buat_periode"  # no Periode SKP holds today
    PERBAIKI_SKP = "perbaiki_skp"  # the atasan sent the SKP back
    ISI_AKTIVITAS = "isi_aktivitas"  # the SKP is ditetapkan: daily activities
    LANJUTKAN_RENCANA = "lanjutkan_rencana"  # Draft or Diajukan: the plan is still being made


def langkah_berikutnya(ada_periode: bool, status: StatusSKP | None) -> Langkah:
    if not ada_periode:
        return Langkah.BUAT_PERIODE
    if status is StatusSKP.DIKEMBALIKAN:
        return Langkah.PERBAIKI_SKP
    if status is StatusSKP.DITETAPKAN:
        return Langkah.ISI_AKTIVITAS
    return Langkah.LANJUTKAN_RENCANA


@dataclass(frozen=True)
class SKPSaya:
    """The actor's own period running today, its SKP's status and the atasan's note, and the next step."""

    periode: PeriodeSKP | None
    status: StatusSKP | None
    catatan_atasan: str | None
    langkah: Langkah
    #: the period was opened by a mutasi and its SKP is not ditetapkan yet: activities may be logged already
    isi_sebelum_penetapan: bool = False


def skp_saya(session: Session, actor: Actor, hari_ini: date) -> SKPSaya:
    """Always the actor's own record, so no other check."""
    periode = periode_service.periode_on(session, actor.pegawai_id, hari_ini)
    skp = periode_service.skp_of(session, periode.id) if periode else None
    status, catatan = (skp.status, skp.catatan_atasan) if skp else (None, None)
    sebelum = periode is not None and status is not StatusSKP.DITETAPKAN and dibuka_mutasi(session, periode)
    return SKPSaya(periode, status, catatan, langkah_berikutnya(periode is not None, status), sebelum)


@dataclass(frozen=True)
class MenungguBawahan:
    pegawai_id: int
    nama: str
    jumlah: int
    menit: int
    mantan: bool = False  # moved away by a mutasi: rows of the period the actor rated still wait


@dataclass(frozen=True)
class BawahanBaru:
    """A bawahan whose period opened by a mutasi has no ditetapkan SKP yet, and for how many days."""

    pegawai_id: int
    nama: str
    mulai: date
    hari: int


@dataclass(frozen=True)
class TugasAtasan:
    skp_diajukan: list[tuple[int, str]]  # (pegawai_id, nama)
    aktivitas_menunggu: list[MenungguBawahan]
    bawahan_baru: list[BawahanBaru] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.skp_diajukan) + sum(m.jumlah for m in self.aktivitas_menunggu)


def tugas_atasan(
    session: Session, actor: Actor, hari_ini: date | None = None, *, dengan_bawahan_baru: bool = True
) -> TugasAtasan:
    """Work waiting for the actor as penilai (or as Plt/Plh): always about their own bawahan, so no other check.
    A bawahan moved away by a mutasi whose old rows still wait is marked ``mantan`` (docs/domain.md §8.11).
    The sidebar's count on every rerun needs no ``bawahan_baru`` (``dengan_bawahan_baru=False``)."""
    hari_ini = hari_ini or kalender.hari_ini()
    sebagai = dinilai(session, actor, hari_ini)  # never the actor's own records, also as Plt
    penilai = penilai_ids(session, actor, hari_ini)
    diajukan = session.execute(
        select(Pegawai.id, Pegawai.nama)
        .join(SKP, SKP.pegawai_id == Pegawai.id)
        .join(PeriodeSKP, SKP.periode_id == PeriodeSKP.id)
        .where(sebagai, SKP.status == StatusSKP.DIAJUKAN)
        .order_by(Pegawai.nama)
    ).all()
    mantan = Pegawai.atasan_id.is_(None) | Pegawai.atasan_id.not_in(penilai)
    menunggu = session.execute(
        select(Pegawai.id, Pegawai.nama, func.count(AktivitasHarian.id), func.sum(AktivitasHarian.durasi_menit), mantan)
        .join(AktivitasHarian, AktivitasHarian.pegawai_id == Pegawai.id)
        .join(PeriodeSKP, AktivitasHarian.periode_id == PeriodeSKP.id)
        .where(sebagai, AktivitasHarian.status == StatusAktivitas.MENUNGGU)
        .group_by(Pegawai.id, Pegawai.nama, Pegawai.atasan_id)
        .order_by(func.count(AktivitasHarian.id).desc(), Pegawai.nama)
    ).all()
    return TugasAtasan(
        [(pid, nama) for pid, nama in diajukan],
        [MenungguBawahan(pid, nama, jumlah, int(menit or 0), bool(m)) for pid, nama, jumlah, menit, m in menunggu],
        bawahan_baru(session, sebagai, hari_ini) if dengan_bawahan_baru else [],
    )


def bawahan_baru(session: Session, sebagai: ColumnElement[bool], hari_ini: date) -> list[BawahanBaru]:
    """ "Bawahan baru menunggu penetapan SKP": periods running today, opened by a mutasi, rated by the actor,
    whose SKP is not ditetapkan yet — with the days since the period began (each one logs activities that
    wait for the penetapan)."""
    calon = session.execute(
        select(PeriodeSKP, Pegawai.nama)
        .join(Pegawai, Pegawai.id == PeriodeSKP.pegawai_id)
        .join(SKP, SKP.periode_id == PeriodeSKP.id)
        .where(
            sebagai,
            SKP.status != StatusSKP.DITETAPKAN,
            PeriodeSKP.tanggal_mulai <= hari_ini,
            PeriodeSKP.tanggal_akhir >= hari_ini,
        )
        .order_by(PeriodeSKP.tanggal_mulai, Pegawai.nama)
    ).all()
    mutasi = dibuka_mutasi_semua(session, [p for p, _nama in calon])
    return [
        BawahanBaru(p.pegawai_id, nama, p.tanggal_mulai, (hari_ini - p.tanggal_mulai).days)
        for p, nama in calon
        if p.id in mutasi
    ]


@dataclass(frozen=True)
class Penutupan:
    bulan: date  # first day of the month that closes next
    tanggal_tutup: date
    sisa_hari: int


def penutupan_berikutnya(session: Session, hari_ini: date) -> Penutupan:
    """The next closing: entries and validation of month M close on day N of M+1 (a setting). Before
    day N the previous month is still open and closes first."""
    hari_tutup = settings.ambil(session, "hari_tutup_bulan")
    bulan = kalender.awal_bulan_terbuka(hari_tutup, hari_ini)
    tutup = (bulan + timedelta(days=32)).replace(day=hari_tutup)
    return Penutupan(bulan, tutup, (tutup - hari_ini).days)


@dataclass(frozen=True)
class BulanSaya:
    """The pegawai's own month so far: capaian, what is still missing to reach 100 %, what came back."""

    capaian: CapaianPegawai
    menit_kurang: int  # menit efektif not yet covered by validated activities
    ditolak: int  # activities rejected this month, to correct and resubmit


def bulan_saya(session: Session, actor: Actor, hari_ini: date) -> BulanSaya:
    capaian = capaian_pegawai(session, actor, actor.pegawai_id, hari_ini.year, hari_ini.month)
    awal = hari_ini.replace(day=1)
    ditolak = session.scalar(
        select(func.count())
        .select_from(AktivitasHarian)
        .where(
            AktivitasHarian.pegawai_id == actor.pegawai_id,
            AktivitasHarian.status == StatusAktivitas.DITOLAK,
            AktivitasHarian.tanggal >= awal,
            AktivitasHarian.tanggal <= hari_ini,
        )
    )
    return BulanSaya(capaian, max(0, capaian.menit_efektif - capaian.menit_tervalidasi), int(ditolak or 0))


def kalender_belum_dikonfirmasi(session: Session, actor: Actor, hari_ini: date) -> list[int]:
    """For an admin: the years whose calendar decides money soon and is not confirmed yet (docs/domain.md
    §8.24) — the year of the month that closes next, this year, and from December the next one. Nothing for
    anyone else: only an admin confirms."""
    if not actor.is_admin:
        return []
    tahun = {penutupan_berikutnya(session, hari_ini).bulan.year, hari_ini.year}
    if hari_ini.month == 12:
        tahun.add(hari_ini.year + 1)
    return sorted(t for t in tahun if not kalender.kalender_dikonfirmasi(session, t))
