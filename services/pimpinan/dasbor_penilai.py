"""Belum divalidasi per penilai, for the Dasbor Capaian: the month's activities of each Pejabat
Penilai's bawahan, how many still wait for validation, worst share first. The summary rows give the
counts per pegawai; only a pegawai with two penilai in the month (a mutasi) is read row by row.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from db.enums import StatusAktivitas
from db.models import AktivitasHarian, Pegawai, PeriodeSKP, UnitKerja
from services.aktivitas import capaian
from services.aktivitas.harian import bulan_range
from services.pimpinan.dasbor_model import PenilaiMenunggu

M = StatusAktivitas.MENUNGGU
TANPA_PENILAI = "(tanpa pejabat penilai)"


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


def per_penilai(
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
    names: dict[int | None, tuple[str, str]] = {
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
