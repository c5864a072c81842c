"""The demo kabupaten: a small Pemerintah Kabupaten Bondowoso with ~40 pegawai, their SKP in varied
states, Matriks Peran Hasil, target bulanan, a few months of Aktivitas Harian and some realisasi.

Everything is deterministic (fixed NIPs, ``random.Random(2026)``) relative to ``today``, and built
directly with the ORM models (no actor checks): it is the operator's command, audited once as
``seed_demo``. The sentences follow the e-book's examples; they live in ``demo_kabupaten.toml``
(:mod:`services.contoh.demo_data`), the plans in :mod:`services.contoh.demo_rencana` and the daily work
in :mod:`services.contoh.demo_aktivitas`. This module is the entry: the seed, its summary and the
demo accounts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import SumberTppPokok
from db.models import (
    SKP,
    AktivitasHarian,
    HariLibur,
    KatalogAktivitas,
    Pegawai,
    PeriodeSKP,
    PolaPenugasan,
    RencanaHasilKerja,
    TppPokokRiwayat,
    UnitKerja,
)
from services.contoh.demo_aktivitas import seed_aktivitas, seed_realisasi
from services.contoh.demo_data import DEMO_LOGINS, KATALOG, NIP, PEGAWAI, POLA_PENUGASAN, UNITS, DemoLogin, depth
from services.contoh.demo_rencana import Plan, build_plan
from services.organisasi import struktur as organisasi
from services.organisasi import tpp_pokok
from services.platform import audit, auth, kalender, settings
from services.platform.errors import ValidationError
from services.platform.kalender import hari_ini

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "NIP", "DemoInfo", "DemoLogin", "counts", "kosong", "isi_demo"]

DEMO_PASSWORD = "sipijar2026"


@dataclass
class DemoInfo:
    units: int
    pegawai: int
    aktivitas: int
    periode: int = 0
    rhk: int = 0
    hari_libur: int = 0
    realisasi: int = 0
    logins: list[DemoLogin] = field(default_factory=lambda: list(DEMO_LOGINS))


def kosong(session: Session) -> bool:
    """No pegawai yet: the app may offer (or the CLI run) the demo seed on first start."""
    return session.scalar(select(Pegawai.id).limit(1)) is None


def _month_start(day: date, back: int) -> date:
    index = day.year * 12 + (day.month - 1) - back
    return date(index // 12, index % 12 + 1, 1)


def isi_demo(session: Session, today: date | None = None) -> DemoInfo:
    """Build the demo kabupaten into an empty database (in the caller's transaction)."""
    today = today or hari_ini()
    if not kosong(session):
        raise ValidationError("Basis data sudah berisi pegawai; data demo hanya dapat dibuat pada basis data kosong.")
    rng = random.Random(2026)

    # Calendar: the year, and the previous one when the history reaches back into it.
    history_start = _month_start(today, 3)
    history_end = today - timedelta(days=1)
    years = sorted({history_start.year, today.year})
    hari_libur = sum(kalender.isi_hari_libur(session, y) for y in years)

    # Units.
    units: dict[str, UnitKerja] = {}
    for key, nama, induk in UNITS:
        units[key] = organisasi.tambah_unit(session, nama, units[induk] if induk else None)

    # Pegawai and accounts (one bcrypt hash for all).
    people: dict[str, Pegawai] = {}
    for p in PEGAWAI:
        people[p.key] = Pegawai(
            nip=NIP[p.key],
            nama=p.nama,
            jabatan=p.jabatan,
            jenis_jabatan=p.jenis,
            pangkat_golongan=p.pangkat,
            email=f"{NIP[p.key]}@demo.sipijar.example",  # a reserved domain: reminders reach no one real
            unit_kerja=units[p.unit],
            atasan=people[p.atasan] if p.atasan else None,
            pimpinan_unit_kerja_mandiri=p.pukm,
            tpp_pokok=p.tpp,
            is_admin=p.admin,
            is_pimpinan=p.pimpinan,
            is_kepala_daerah=p.kepala_daerah,
            aktif=True,
        )
    session.add_all(people.values())
    session.flush()
    # Each pokok in force since always (docs/domain.md §8.26); the money reads this history.
    session.add_all(
        TppPokokRiwayat(pegawai_id=p.id, berlaku_mulai=tpp_pokok.AWAL, jumlah=p.tpp_pokok, sumber=SumberTppPokok.AWAL)
        for p in people.values()
        if p.tpp_pokok
    )
    shared_hash = auth.hash_password(DEMO_PASSWORD)
    for pegawai in people.values():
        auth.buat_akun(session, pegawai, password_hash=shared_hash, must_change=False)

    pola = [PolaPenugasan(nama=n, aktif=True) for n in POLA_PENUGASAN]
    katalog = [KatalogAktivitas(nama=n, satuan=s, durasi_menit=d, aktif=True) for n, s, d in KATALOG]
    session.add_all([*pola, *katalog])
    session.flush()

    # Plans, year by year; atasan before bawahan so every non-JPT RHK has its atasan RHK.
    order = sorted((p for p in PEGAWAI if p.skp != "tanpa_periode" and not p.kepala_daerah), key=lambda p: depth(p.key))
    plans: dict[tuple[str, int], Plan] = {}
    n_periode = n_rhk = 0
    for tahun in years:
        current_year = tahun == today.year
        for p in order:
            plan = build_plan(session, rng, p, people, tahun, today if current_year else None, pola, plans)
            plans[(p.key, tahun)] = plan
            n_periode += 1
            n_rhk += len(plan.rhk)

    # Aktivitas harian.
    working_days = kalender.hari_kerja(session, history_start, history_end) if history_end >= history_start else []
    close_day = settings.ambil(session, "hari_tutup_bulan")
    n_aktivitas = seed_aktivitas(session, rng, people, plans, working_days, katalog, today, close_day)

    # Realisasi for a few pegawai, for the past months of the history.
    n_realisasi = seed_realisasi(session, rng, people, plans, history_start, today)

    info = DemoInfo(
        units=len(units),
        pegawai=len(people),
        aktivitas=n_aktivitas,
        periode=n_periode,
        rhk=n_rhk,
        hari_libur=hari_libur,
        realisasi=n_realisasi,
    )
    audit.record(
        session,
        None,
        "seed_demo",
        "demo",
        None,
        None,
        {
            "today": today,
            "units": info.units,
            "pegawai": info.pegawai,
            "periode": info.periode,
            "rhk": info.rhk,
            "aktivitas": info.aktivitas,
            "hari_libur": info.hari_libur,
        },
    )
    session.flush()
    return info


def counts(session: Session) -> dict[str, int]:
    """Row counts of the main demo tables (for the CLI and tests)."""
    return {
        name: session.execute(select(func.count()).select_from(model)).scalar_one()
        for name, model in (
            ("unit_kerja", UnitKerja),
            ("pegawai", Pegawai),
            ("periode_skp", PeriodeSKP),
            ("skp", SKP),
            ("rencana_hasil_kerja", RencanaHasilKerja),
            ("aktivitas_harian", AktivitasHarian),
            ("hari_libur", HariLibur),
        )
    }
