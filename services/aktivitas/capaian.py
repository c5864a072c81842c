"""Capaian aktivitas and TPP produktivitas (docs/domain.md §4, §8.13, §8.26) — the numbers behind 60 % of each TPP.

- hari kerja = Monday–Friday dates of the month, not an aktif hari libur, inside one of the pegawai's
  Periode SKP, not a day of a ketidakhadiran that reduces hari kerja (services/aktivitas/dasar_bulan.py);
- menit efektif = hari kerja × ``menit_per_hari``;
- menit tervalidasi = SUM(durasi_menit) of the month's Tervalidasi rows (Menunggu and Ditolak do not count);
- capaian % = min(tervalidasi, efektif) / efektif × 100, rounded half-up to 2 decimals; 0 when efektif is 0;
- TPP produktivitas = ``bobot_produktivitas_persen`` % × the pokok of the month × the EXACT ratio, rounded
  half-up to whole rupiah once (never from the rounded percentage); the pokok of a month split by a pokok
  change is Σ(pokok_i × hari kerja_i) ÷ Σ hari kerja_i, kept as that exact fraction.

:func:`capaian_bulanan` computes every pegawai in scope at once: the month's minutes from
``ringkasan_aktivitas`` (one row per pegawai, kept exact by triggers — db/ringkasan_aktivitas.py), one read
of the periods overlapping the month, and the month's basis per pegawai from :class:`~services.aktivitas.
dasar_bulan.Dasar` (hari kerja once per distinct period pattern). :func:`baris` turns a basis and the minutes
into the row, for the Dasbor too. Screens, the Cetak PDF and the Rekap TPP all take their figures from here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.models import Pegawai, PeriodeSKP, RingkasanAktivitas, UnitKerja
from services.aktivitas import arsip_bulan
from services.aktivitas.bulan import bulan_range
from services.aktivitas.dasar_bulan import BagianPokok, Dasar, DasarBulan
from services.organisasi.kepala_daerah import wajib_skp
from services.organisasi.wewenang import penilai_ids
from services.platform import format as fmt
from services.platform import settings
from services.platform.access import Actor, Operator, require_pimpinan_of_unit
from services.platform.errors import AksesDitolak, TidakDitemukan, ValidationError


@dataclass(frozen=True)
class CapaianPegawai:
    """One pegawai's capaian for one month (all money in whole rupiah)."""

    pegawai_id: int
    nip: str
    nama: str
    unit_kerja: str
    hari_kerja: int
    menit_efektif: int
    menit_tervalidasi: int
    menit_menunggu: int
    capaian_persen: Decimal  # 2 decimals, half-up, capped at 100.00
    tpp_pokok: int  # the month's pokok; when split, the hari-kerja-weighted pokok, half-up (see rincian_pokok)
    tpp_produktivitas: int
    unit_kerja_id: int = 0
    #: the parts of a month split by a pokok change (dates, pokok, hari kerja); () when one pokok held
    rincian_pokok: tuple[BagianPokok, ...] = ()


def persen(menit_tervalidasi: int, menit_efektif: int) -> Decimal:
    """80.00 — min(tervalidasi, efektif) ÷ efektif × 100, half-up to 2 decimals; 0.00 when efektif is 0.
    Integer arithmetic on the exact ratio (no float, no Fraction: thousands of pegawai per screen)."""
    if menit_efektif <= 0:
        return Decimal("0.00")
    bagian = min(max(menit_tervalidasi, 0), menit_efektif)
    return Decimal((2 * bagian * 10000 + menit_efektif) // (2 * menit_efektif)).scaleb(-2).quantize(Decimal("0.01"))


def tpp_produktivitas(tpp_pokok: int, bobot_persen: int, menit_tervalidasi: int, menit_efektif: int) -> int:
    """bobot % × TPP pokok × the EXACT ratio min(tervalidasi, efektif) ÷ efektif, half-up to whole rupiah."""
    return tpp_prorata(tpp_pokok, 1, bobot_persen, menit_tervalidasi, menit_efektif)


def tpp_prorata(pokok_hari: int, hari_kerja: int, bobot_persen: int, menit_tervalidasi: int, menit_efektif: int) -> int:
    """bobot % × (Σ pokok_i × hk_i ÷ Σ hk_i) × min(tervalidasi, efektif) ÷ efektif, with ``pokok_hari`` =
    Σ pokok_i × hk_i and ``hari_kerja`` = Σ hk_i: ⌊(2·b·W·v + 100·H·e) ÷ (200·H·e)⌋ — one exact fraction,
    rounded half-up once. 0 when efektif or hari kerja is 0."""
    if menit_efektif <= 0 or hari_kerja <= 0:
        return 0
    bagian = min(max(menit_tervalidasi, 0), menit_efektif)
    penyebut = 200 * hari_kerja * menit_efektif
    return (2 * bobot_persen * pokok_hari * bagian + penyebut // 2) // penyebut


def baris(
    identitas: tuple[int, str, str, str, int],
    dasar: DasarBulan,
    menit_per_hari: int,
    bobot_persen: int,
    menit_tervalidasi: int,
    menit_menunggu: int,
) -> CapaianPegawai:
    """The row of one pegawai-month from its basis and minutes; ``identitas`` = (pegawai_id, nip, nama, unit
    kerja, unit_kerja_id). The one place both this module and the Dasbor build their rows."""
    pid, nip, nama, unit, unit_kerja_id = identitas
    efektif = dasar.hari_kerja * menit_per_hari
    return CapaianPegawai(
        pid,
        nip,
        nama,
        unit,
        dasar.hari_kerja,
        efektif,
        menit_tervalidasi,
        menit_menunggu,
        persen(menit_tervalidasi, efektif),
        dasar.tpp_pokok,
        tpp_prorata(dasar.pokok_hari, dasar.hari_pokok or dasar.hari_kerja, bobot_persen, menit_tervalidasi, efektif),
        unit_kerja_id,
        dasar.rincian,
    )


def teks_rincian(rincian: tuple[BagianPokok, ...]) -> str:
    """ "01-07-2026 s.d. 14-07-2026: Rp3.000.000 × 10 hari kerja; 15-07-2026 s.d. …" — a split month's parts
    for the Cetak PDF and the Rekap TPP; "" for a month with one pokok."""
    return "; ".join(
        f"{fmt.tanggal_pendek(b.mulai)} s.d. {fmt.tanggal_pendek(b.akhir)}: {fmt.rupiah(b.tpp_pokok)} × "
        f"{b.hari_kerja} hari kerja"
        for b in rincian
    )


def _check_bulan(tahun: int, bulan: int) -> None:
    if isinstance(tahun, bool) or not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        raise ValidationError("Tahun tidak valid.")
    if isinstance(bulan, bool) or not isinstance(bulan, int) or not 1 <= bulan <= 12:
        raise ValidationError("Bulan harus antara 1 dan 12.")


def _scope(session: Session, actor: Actor | Operator, unit_id: int | None, pegawai_id: int | None):
    """The WHERE condition on Pegawai for the actor: self and direct bawahan; a pimpinan's unit subtree;
    everything for an admin or the operator. A named unit outside the actor's reach is refused."""
    if isinstance(actor, Operator):
        if pegawai_id is not None:
            return Pegawai.id == pegawai_id
        return None if unit_id is None else _subtree(session, unit_id)
    if pegawai_id is not None:
        target = session.get(Pegawai, pegawai_id)
        if target is None:
            raise TidakDitemukan("Pegawai tidak ditemukan.")
        allowed = (
            actor.is_admin
            or pegawai_id == actor.pegawai_id
            or target.atasan_id == actor.pegawai_id
            or session.scalar(
                select(PeriodeSKP.id)
                .where(PeriodeSKP.pegawai_id == pegawai_id, PeriodeSKP.penilai_id.in_(penilai_ids(session, actor)))
                .limit(1)
            )
            or (
                actor.is_pimpinan
                and target.unit_kerja is not None
                and _in_subtree(session, actor.unit_kerja_id, target.unit_kerja.path)
            )
        )
        if not allowed:
            raise AksesDitolak(
                "Anda hanya dapat melihat capaian Anda sendiri, bawahan langsung, atau unit "
                "kerja di bawah wewenang Anda."
            )
        return Pegawai.id == pegawai_id
    if unit_id is not None:
        subtree = _subtree(session, unit_id)
        if actor.is_admin or actor.is_pimpinan:
            require_pimpinan_of_unit(session, actor, unit_id)
            return subtree
        return subtree & or_(Pegawai.id == actor.pegawai_id, Pegawai.atasan_id == actor.pegawai_id)
    if actor.is_admin:
        return None
    own = or_(Pegawai.id == actor.pegawai_id, Pegawai.atasan_id == actor.pegawai_id)
    if actor.is_pimpinan:
        root = session.get_one(UnitKerja, actor.unit_kerja_id)
        return or_(own, UnitKerja.path.startswith(root.path))
    return own


def _subtree(session: Session, unit_id: int):
    """The condition on UnitKerja for the unit and every unit below it."""
    unit = session.get(UnitKerja, unit_id)
    if unit is None:
        raise TidakDitemukan("Unit kerja tidak ditemukan.")
    return UnitKerja.path.startswith(unit.path)


def _in_subtree(session: Session, root_unit_id: int, path: str) -> bool:
    root = session.get(UnitKerja, root_unit_id)
    return root is not None and path.startswith(root.path)


def _compute(
    session: Session, actor: Actor | Operator, tahun: int, bulan: int, unit_id: int | None, pegawai_id: int | None
) -> list[CapaianPegawai]:
    _check_bulan(tahun, bulan)
    where = _scope(session, actor, unit_id, pegawai_id)
    ditutup = arsip_bulan.baris_bulan(session, tahun, bulan, CapaianPegawai, where, pegawai_id)
    if ditutup is not None:  # a closed month: its frozen snapshot, never recomputed (docs/domain.md §8.27)
        return ditutup
    first, last = bulan_range(tahun, bulan)
    overlaps = (PeriodeSKP.tanggal_mulai <= last) & (PeriodeSKP.tanggal_akhir >= first)

    # Who: pegawai in scope still in service on the month's first day, and anyone in scope who had a period this
    # month (one who left mid-month keeps that month, prorated; none of the later ones, docs/domain.md §8.31).
    in_month = select(PeriodeSKP.pegawai_id).where(overlaps)
    people = (
        select(Pegawai.id, Pegawai.nip, Pegawai.nama, UnitKerja.nama, UnitKerja.id)
        .join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
        .where(wajib_skp())
    )
    if pegawai_id is None:  # one pegawai asked by id (a pensiunan reading their own months) is always shown
        people = people.where(or_(Pegawai.bertugas_pada(first), Pegawai.id.in_(in_month)))
    if where is not None:
        people = people.where(where)
    pegawai_rows = session.execute(people.order_by(UnitKerja.nama, Pegawai.nama, Pegawai.nip)).all()
    if not pegawai_rows:
        return []
    scoped_ids = select(Pegawai.id).join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
    if where is not None:
        scoped_ids = scoped_ids.where(where)

    # Minutes: the month's row of each pegawai in the summary the triggers keep (db/ringkasan_aktivitas.py).
    r = RingkasanAktivitas
    minutes = select(r.pegawai_id, r.menit_tervalidasi, r.menit_menunggu).where(r.tahun == tahun, r.bulan == bulan)
    if where is not None:
        minutes = minutes.where(r.pegawai_id.in_(scoped_ids))
    menit = {pid: (v, m) for pid, v, m in session.execute(minutes)}

    # Periods overlapping the month, clipped to it; the month's basis of each pegawai (dasar_bulan.py).
    periods = select(PeriodeSKP.pegawai_id, PeriodeSKP.tanggal_mulai, PeriodeSKP.tanggal_akhir).where(overlaps)
    if where is not None:
        periods = periods.where(PeriodeSKP.pegawai_id.in_(scoped_ids))
    rentang: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for pid, mulai, akhir in session.execute(periods):
        rentang[pid].append((max(mulai, first), min(akhir, last)))
    dasar = Dasar(session, first, last, rentang, None if where is None else scoped_ids)

    menit_per_hari = settings.ambil(session, "menit_per_hari")
    bobot = settings.ambil(session, "bobot_produktivitas_persen")
    return [
        baris(
            (pid, nip, nama, unit, unit_kerja_id),
            dasar.bulan(pid, tahun, bulan),
            menit_per_hari,
            bobot,
            *menit.get(pid, (0, 0)),
        )
        for pid, nip, nama, unit, unit_kerja_id in pegawai_rows
    ]


def capaian_bulanan(
    session: Session, actor: Actor | Operator, tahun: int, bulan: int, unit_id: int | None = None
) -> list[CapaianPegawai]:
    """Capaian of every pegawai the actor may see for the month (optionally a unit subtree), ordered by
    unit kerja then nama: self and direct bawahan; a pimpinan's unit subtree; everyone for an admin or the
    operator."""
    return _compute(session, actor, tahun, bulan, unit_id, None)


def capaian_pegawai(session: Session, actor: Actor, pegawai_id: int, tahun: int, bulan: int) -> CapaianPegawai:
    """One pegawai's month (self, atasan/penilai, pimpinan of the unit, admin)."""
    rows = _compute(session, actor, tahun, bulan, None, pegawai_id)
    if not rows:
        raise TidakDitemukan("Pegawai tidak ditemukan.")
    return rows[0]
