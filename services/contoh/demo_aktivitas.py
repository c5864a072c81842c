"""The demo's daily work: Aktivitas Harian of every pegawai with a ditetapkan SKP over the recent
working days (validated, waiting or rejected as the month's closing allows), and the Realisasi Bulanan
with umpan balik a few pegawai have filled for the past months.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from db.enums import Aspek, StatusAktivitas, StatusSKP
from db.models import AktivitasHarian, BuktiDukung, KatalogAktivitas, Pegawai, RealisasiBulanan
from services.contoh.demo_data import (
    ALASAN_TOLAK,
    PEGAWAI,
    REALISASI_OLEH,
    SUMBER_DATA,
    UMPAN_BALIK_KURANG,
    UMPAN_BALIK_SESUAI,
)
from services.contoh.demo_rencana import Plan, dec
from services.contoh.waktu import bulan_berikut, wib

#: Share of the 300 effective minutes a pegawai logs per day, cycled over the pegawai.
RAJIN = (1.08, 0.95, 0.62, 1.0, 0.82, 1.15, 0.7, 1.03, 0.9, 0.58, 1.1, 0.88)

HARI_BERKERJA_MENIT = 510  # 07:30 – 16:00
JAM_MASUK = 7 * 60 + 30


def _durations(rng: random.Random, total: int, count: int) -> list[int]:
    """``count`` durations, multiples of 15 and at least 30 minutes, adding up to ``total``."""
    units = [2] * count
    for _ in range(total // 15 - 2 * count):
        units[rng.randrange(count)] += 1
    return [u * 15 for u in units]


def seed_aktivitas(
    session: Session,
    rng: random.Random,
    people: dict[str, Pegawai],
    plans: dict[tuple[str, int], Plan],
    working_days: list[date],
    katalog: list[KatalogAktivitas],
    today: date,
    close_day: int,
) -> int:
    """3–5 non-overlapping activities per working day between 07:30 and 16:00 for every pegawai with a
    ditetapkan SKP; closed months validated (a few rejected), recent days a mix."""
    rows: list[dict[str, Any]] = []
    for index, p in enumerate(PEGAWAI):
        rajin = RAJIN[index % len(RAJIN)]
        pegawai = people[p.key]
        for day in working_days:
            plan = plans.get((p.key, day.year))
            if plan is None or plan.skp.status != StatusSKP.DITETAPKAN or not plan.rhk:
                continue
            if rng.random() < 0.04:
                continue  # cuti, sakit or dinas luar
            close_year, close_month = bulan_berikut(day.year, day.month)
            closed = today > date(close_year, close_month, close_day)
            age = (today - day).days
            count = rng.randint(3, 5)
            total = int(300 * rajin * rng.uniform(0.85, 1.15)) // 15 * 15
            total = max(count * 30, min(total, 480))
            durations = _durations(rng, total, count)
            slack = HARI_BERKERJA_MENIT - total
            start = JAM_MASUK + min(slack, rng.choice((0, 0, 0, 15, 30)))
            slack -= start - JAM_MASUK
            for minutes in durations:
                end = start + minutes
                rhk, indikator, phrases = rng.choice(plan.rhk)
                katalog_id = None
                if rng.random() < 0.25:
                    item = rng.choice(katalog)
                    text, satuan, katalog_id = item.nama, item.satuan, item.id
                else:
                    text, satuan = rng.choice(phrases)
                volume = 1 if satuan in ("Dokumen", "Laporan", "Kegiatan", "Desa") else rng.randint(2, 12)
                if closed:
                    status = StatusAktivitas.DITOLAK if rng.random() < 0.02 else StatusAktivitas.TERVALIDASI
                elif age <= 3:
                    status = StatusAktivitas.MENUNGGU if rng.random() < 0.9 else StatusAktivitas.TERVALIDASI
                else:
                    r = rng.random()
                    status = (
                        StatusAktivitas.TERVALIDASI
                        if r < 0.6
                        else StatusAktivitas.MENUNGGU
                        if r < 0.9
                        else StatusAktivitas.DITOLAK
                    )
                decided = status != StatusAktivitas.MENUNGGU
                decided_day = min(day + timedelta(days=rng.randint(1, 3)), max(day, today - timedelta(days=1)))
                rows.append(
                    {
                        "pegawai_id": pegawai.id,
                        "periode_id": plan.periode_id,
                        "rhk_id": rhk.id,
                        "indikator_id": rng.choice(indikator).id if indikator else None,
                        "katalog_id": katalog_id,
                        "tanggal": day,
                        "jam_mulai": time(start // 60, start % 60),
                        "jam_selesai": time(end // 60, end % 60),
                        "durasi_menit": minutes,
                        "aktivitas": text,
                        "volume": Decimal(volume),
                        "satuan": satuan,
                        "bukti_link": (
                            f"https://drive.google.com/file/d/demo-{pegawai.nip}-{day:%Y%m%d}-{start}/view"
                            if rng.random() < 0.1
                            else None
                        ),
                        "status": status,
                        "alasan_tolak": rng.choice(ALASAN_TOLAK) if status == StatusAktivitas.DITOLAK else None,
                        "divalidasi_oleh_id": pegawai.atasan_id if decided else None,
                        "divalidasi_at": wib(decided_day, 14 * 60 + rng.randint(0, 120)) if decided else None,
                        "created_at": wib(day, end + rng.randint(0, 30)),
                        "updated_at": None,
                        "version_id": 1,
                    }
                )
                gap = min(slack, rng.choice((0, 0, 15, 15, 30)))
                slack -= gap
                start = end + gap
    for chunk in range(0, len(rows), 5000):
        session.execute(insert(AktivitasHarian), rows[chunk : chunk + 5000])
    return len(rows)


def seed_realisasi(
    session: Session,
    rng: random.Random,
    people: dict[str, Pegawai],
    plans: dict[tuple[str, int], Plan],
    history_start: date,
    today: date,
) -> int:
    """Realisasi Bulanan (with a bukti dukung link, and the atasan's umpan balik for most) of the
    :data:`REALISASI_OLEH` pegawai, for every month of the history before the current one."""
    months = []
    year, month = history_start.year, history_start.month
    while (year, month) < (today.year, today.month):
        months.append((year, month))
        year, month = bulan_berikut(year, month)
    rows: list[RealisasiBulanan] = []
    for key in REALISASI_OLEH:
        pegawai = people[key]
        factor = rng.uniform(0.8, 1.15)
        for year, month in months:
            plan = plans.get((key, year))
            if plan is None or plan.skp.status != StatusSKP.DITETAPKAN:
                continue
            for _rhk, indikator, _phrases in plan.rhk:
                for ind in indikator:
                    target = next((t.target for t in ind.target_bulanan if t.bulan == month), ind.target)
                    if ind.aspek == Aspek.KUANTITAS:
                        value = dec(max(0, round(float(target) * factor * rng.uniform(0.9, 1.1))))
                    else:
                        value = dec(round(min(float(target) * rng.uniform(0.93, 1.02), 100.0), 2))
                    answered = rng.random() < 0.6
                    realisasi = RealisasiBulanan(
                        indikator_id=ind.id,
                        bulan=month,
                        realisasi=value,
                        sumber_data=rng.choice(SUMBER_DATA),
                        umpan_balik=(
                            (UMPAN_BALIK_SESUAI if value >= target else UMPAN_BALIK_KURANG) if answered else None
                        ),
                        umpan_balik_oleh_id=pegawai.atasan_id if answered else None,
                        updated_at=wib(min(date(*bulan_berikut(year, month), 2), today), 7 * 60),
                    )
                    realisasi.bukti_dukung = [
                        BuktiDukung(
                            url=f"https://drive.google.com/drive/folders/demo-{pegawai.nip}-{year}{month:02d}-{ind.id}"
                        )
                    ]
                    rows.append(realisasi)
    session.add_all(rows)
    session.flush()
    return len(rows)
