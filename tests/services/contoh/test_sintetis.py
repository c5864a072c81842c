"""The synthetic kabupaten (issue #7): structure, plans, activities, realisasi and evaluasi, on both
databases; deterministic; ids that later ORM inserts do not collide with; login with the shared password."""

from __future__ import annotations

import shutil
from collections import Counter, defaultdict
from datetime import date, time

import pytest
from sqlalchemy import extract, func, select
from sqlalchemy.orm import aliased

from db.engine import make_engine
from db.enums import JenisJabatan, PredikatPegawai, Rating, StatusAktivitas, StatusEvaluasi, StatusSKP
from db.models import (
    SKP,
    AktivitasHarian,
    Akun,
    AuditLog,
    EvaluasiKinerja,
    IndikatorKinerja,
    Pegawai,
    PerilakuKerja,
    PeriodeSKP,
    RealisasiBulanan,
    RencanaHasilKerja,
    TargetBulanan,
    UnitKerja,
)
from db.session import session_scope
from services.contoh import sintetis
from services.platform import auth, kalender
from services.platform.errors import ValidationError

TODAY = date(2026, 11, 24)

#: docs/domain.md §5, written out again here as the test's own oracle.
A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH
PREDIKAT = {
    (A, A): PredikatPegawai.SANGAT_BAIK,
    (A, S): PredikatPegawai.BAIK,
    (A, B): PredikatPegawai.KURANG,
    (S, A): PredikatPegawai.BAIK,
    (S, S): PredikatPegawai.BAIK,
    (S, B): PredikatPegawai.KURANG,
    (B, A): PredikatPegawai.BUTUH_PERBAIKAN,
    (B, S): PredikatPegawai.BUTUH_PERBAIKAN,
    (B, B): PredikatPegawai.SANGAT_KURANG,
}


def _minutes(column):
    """Minutes since midnight of a TIME column, in SQL on both databases."""
    return extract("hour", column) * 60 + extract("minute", column)


@pytest.fixture
def kabupaten(engine):
    """300 pegawai, the last 3 months of 2025 (all past: realisasi for each, TW4 evaluated)."""
    return sintetis.generate(engine, 300, 3, seed=7, tahun=2025, today=TODAY)


def test_organisation_hierarchy_and_accounts(engine, kabupaten):
    info = kabupaten
    assert (info.pegawai, info.dari, info.sampai) == (300, date(2025, 10, 1), date(2025, 12, 31))
    with session_scope(engine, readonly=True) as s:
        units = {u.id: u for u in s.scalars(select(UnitKerja))}
        assert info.units == len(units) and 9 <= len(units) <= 14
        assert {u.level for u in units.values()} == {0, 1, 2, 3, 4}
        assert [u.nama for u in units.values() if u.induk_id is None] == [sintetis.KABUPATEN]
        for u in units.values():
            assert u.path == (units[u.induk_id].path if u.induk_id else "/") + f"{u.id}/"
            assert u.level == (units[u.induk_id].level + 1 if u.induk_id else 0)

        people = {p.id: p for p in s.scalars(select(Pegawai))}
        assert len(people) == 300
        assert {p.jenis_jabatan for p in people.values()} == set(JenisJabatan)
        nips = [p.nip for p in people.values()]
        assert len(set(nips)) == len(nips)
        assert all(len(n) == 18 and n.isdigit() and n[14] in "12" for n in nips)
        assert all(2_500_000 <= p.tpp_pokok <= 12_000_000 for p in people.values())
        assert all(p.pangkat_golongan and p.nama and p.jabatan for p in people.values())

        # Every unit has one head; heads report to the parent unit's head, staff to their unit's head.
        heads = {}
        for p in people.values():
            if p.atasan_id is None or people[p.atasan_id].unit_kerja_id != p.unit_kerja_id:
                assert p.unit_kerja_id not in heads, "two heads in one unit"
                heads[p.unit_kerja_id] = p
        assert set(heads) == set(units)
        expected_head = {
            0: JenisJabatan.JPT,
            1: JenisJabatan.JPT,
            2: JenisJabatan.ADMINISTRATOR,
            3: JenisJabatan.PENGAWAS,
            4: JenisJabatan.PENGAWAS,
        }
        for unit_id, head in heads.items():
            unit = units[unit_id]
            assert head.jenis_jabatan == expected_head[unit.level]
            assert head.atasan_id == (heads[unit.induk_id].id if unit.induk_id else None)
        for p in people.values():
            if heads[p.unit_kerja_id].id != p.id:
                assert p.atasan_id == heads[p.unit_kerja_id].id
                assert p.jenis_jabatan in (JenisJabatan.FUNGSIONAL, JenisJabatan.PELAKSANA)

        # No cycle: every chain reaches the top within the tree's depth.
        for p in people.values():
            seen, current = set(), p
            while current.atasan_id is not None:
                assert current.id not in seen
                seen.add(current.id)
                current = people[current.atasan_id]
            assert len(seen) <= 5
        bawahan = Counter(p.atasan_id for p in people.values() if p.atasan_id)
        assert max(bawahan.values()) <= 40

        pimpinan = {p.id for p in people.values() if p.is_pimpinan}
        assert pimpinan == {heads[u].id for u in units if units[u].level <= 1}
        assert 1 <= sum(p.is_admin for p in people.values()) <= 5

        accounts = list(s.scalars(select(Akun)))
        assert len(accounts) == 300
        assert len({a.password_hash for a in accounts}) == 1
        assert not any(a.must_change_password for a in accounts)
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.aksi == "generate_sintetis")) == 1

    staff = next(p for p in people.values() if p.jenis_jabatan == JenisJabatan.PELAKSANA)
    with session_scope(engine) as s:
        login = auth.login(s, staff.nip, info.password)
        assert login.pegawai_id == staff.id and not login.must_change_password


def test_plans_are_ditetapkan_and_cascade(engine, kabupaten):
    with session_scope(engine, readonly=True) as s:
        people = {p.id: p for p in s.scalars(select(Pegawai))}
        periods = list(s.scalars(select(PeriodeSKP)))
        assert len(periods) == 300 and kabupaten.periode == 300
        for periode in periods:
            p = people[periode.pegawai_id]
            assert (periode.tanggal_mulai, periode.tanggal_akhir, periode.tahun) == (
                date(2025, 1, 1),
                date(2025, 12, 31),
                2025,
            )
            assert (periode.jabatan, periode.jenis_jabatan, periode.unit_kerja_id, periode.penilai_id) == (
                p.jabatan,
                p.jenis_jabatan,
                p.unit_kerja_id,
                p.atasan_id,
            )
            assert periode.unit_kerja_nama == p.unit_kerja.nama

        skps = list(s.scalars(select(SKP)))
        assert len(skps) == 300
        assert all(k.status == StatusSKP.DITETAPKAN and k.ditetapkan_at and k.diajukan_at for k in skps)
        assert all(k.ditetapkan_oleh_id == people[k.pegawai_id].atasan_id for k in skps)

        per_skp = lambda model, key: Counter(s.scalars(select(key)))  # noqa: E731
        assert set(per_skp(RencanaHasilKerja, RencanaHasilKerja.skp_id).values()) == {4}
        assert set(per_skp(PerilakuKerja, PerilakuKerja.skp_id).values()) == {7}
        indikator_per_skp = Counter(
            s.scalars(
                select(RencanaHasilKerja.skp_id).join(IndikatorKinerja, IndikatorKinerja.rhk_id == RencanaHasilKerja.id)
            )
        )
        assert set(indikator_per_skp.values()) == {8} and len(indikator_per_skp) == 300
        target_sums = s.execute(
            select(TargetBulanan.indikator_id, func.count(), func.sum(TargetBulanan.target)).group_by(
                TargetBulanan.indikator_id
            )
        ).all()
        assert len(target_sums) == 2400 and {(n, int(t)) for _i, n, t in target_sums} == {(12, 12)}
        assert set(s.scalars(select(IndikatorKinerja.target).distinct())) == {12}

        # JPT plan from a 4-perspektif Perjanjian Kinerja; everyone else cascades the atasan's RHK.
        rhk = {r.id: r for r in s.scalars(select(RencanaHasilKerja))}
        skp_owner = {k.id: k.pegawai_id for k in skps}
        for r in rhk.values():
            owner = people[skp_owner[r.skp_id]]
            if owner.jenis_jabatan == JenisJabatan.JPT:
                assert r.rhk_atasan_id is None and r.perjanjian_id is not None and r.perspektif is not None
            else:
                assert skp_owner[rhk[r.rhk_atasan_id].skp_id] == owner.atasan_id
        jpt_skp = {k.id for k in skps if people[k.pegawai_id].jenis_jabatan == JenisJabatan.JPT}
        perspektif = defaultdict(set)
        for r in rhk.values():
            if r.skp_id in jpt_skp:
                perspektif[r.skp_id].add(r.perspektif)
        assert all(len(v) == 4 for v in perspektif.values()) and perspektif


def test_activities(engine, kabupaten):
    with session_scope(engine, readonly=True) as s:
        days = kalender.hari_kerja(s, date(2025, 10, 1), date(2025, 12, 31))
        assert s.scalar(select(func.count()).select_from(AktivitasHarian)) == kabupaten.aktivitas == 300 * len(days) * 4
        assert set(s.scalars(select(AktivitasHarian.tanggal).distinct())) == set(days)

        # Durations consistent, within 07:30–16:00, 45–120 minutes.
        a = AktivitasHarian
        assert (
            s.scalar(select(func.count()).where(_minutes(a.jam_selesai) - _minutes(a.jam_mulai) != a.durasi_menit)) == 0
        )
        low, high, shortest, longest = s.execute(
            select(
                func.min(_minutes(a.jam_mulai)),
                func.max(_minutes(a.jam_selesai)),
                func.min(a.durasi_menit),
                func.max(a.durasi_menit),
            )
        ).one()
        assert low >= 7 * 60 + 30 and high <= 16 * 60 and shortest >= 45 and longest <= 120

        # No two activities of one pegawai overlap on a day.
        b = aliased(AktivitasHarian)
        same_day = (a.pegawai_id == b.pegawai_id) & (a.tanggal == b.tanggal) & (a.id < b.id)
        assert (
            s.scalar(
                select(func.count())
                .select_from(a)
                .join(b, same_day)
                .where(a.jam_mulai < b.jam_selesai, b.jam_mulai < a.jam_selesai)
            )
            == 0
        )
        per_day = select(func.count().label("n")).select_from(a).group_by(a.pegawai_id, a.tanggal).subquery()
        assert tuple(s.execute(select(func.min(per_day.c.n), func.max(per_day.c.n))).one()) == (4, 4)

        # Linked to the pegawai's own ditetapkan SKP, indikator of that RHK, period of the pegawai.
        assert (
            s.scalar(
                select(func.count())
                .select_from(a)
                .join(RencanaHasilKerja, RencanaHasilKerja.id == a.rhk_id)
                .join(SKP, SKP.id == RencanaHasilKerja.skp_id)
                .join(IndikatorKinerja, IndikatorKinerja.id == a.indikator_id)
                .join(PeriodeSKP, PeriodeSKP.id == a.periode_id)
                .where(
                    SKP.pegawai_id == a.pegawai_id,
                    IndikatorKinerja.rhk_id == a.rhk_id,
                    PeriodeSKP.pegawai_id == a.pegawai_id,
                    SKP.periode_id == a.periode_id,
                )
            )
            == kabupaten.aktivitas
        )

        # Status shares near 85 / 10 / 5 %; who validated, why rejected.
        shares = dict(s.execute(select(a.status, func.count()).group_by(a.status)).all())
        total = sum(shares.values())
        assert 0.82 <= shares[StatusAktivitas.TERVALIDASI] / total <= 0.88
        assert 0.08 <= shares[StatusAktivitas.MENUNGGU] / total <= 0.12
        assert 0.03 <= shares[StatusAktivitas.DITOLAK] / total <= 0.07
        wrong_validator = s.scalar(
            select(func.count())
            .select_from(a)
            .join(Pegawai, Pegawai.id == a.pegawai_id)
            .where(a.status != StatusAktivitas.MENUNGGU, a.divalidasi_oleh_id.is_distinct_from(Pegawai.atasan_id))
        )
        assert wrong_validator == 0
        assert (
            s.scalar(
                select(func.count()).where(
                    a.status == StatusAktivitas.MENUNGGU,
                    (a.divalidasi_oleh_id.is_not(None)) | a.divalidasi_at.is_not(None),
                )
            )
            == 0
        )
        assert s.scalar(select(func.count()).where(a.status == StatusAktivitas.DITOLAK, a.alasan_tolak.is_(None))) == 0
        assert (
            s.scalar(select(func.count()).where(a.status != StatusAktivitas.DITOLAK, a.alasan_tolak.is_not(None))) == 0
        )

        # Reading back through the ORM gives proper types.
        row = s.scalar(select(AktivitasHarian).order_by(AktivitasHarian.id).limit(1))
        assert isinstance(row.jam_mulai, time) and row.tanggal in days and row.volume == 1


def test_realisasi_and_evaluasi(engine, kabupaten):
    with session_scope(engine, readonly=True) as s:
        # Oct, Nov, Dec 2025 are past: a realisasi per indikator and month.
        assert kabupaten.realisasi == 2400 * 3
        assert s.execute(
            select(RealisasiBulanan.bulan, func.count())
            .group_by(RealisasiBulanan.bulan)
            .order_by(RealisasiBulanan.bulan)
        ).all() == [(10, 2400), (11, 2400), (12, 2400)]
        assert s.scalar(select(func.count()).where(RealisasiBulanan.realisasi.is_(None))) == 0

        evaluations = list(s.scalars(select(EvaluasiKinerja)))
        assert kabupaten.evaluasi == len(evaluations) == 300  # TW4 2025 only
        assert {e.periode_evaluasi for e in evaluations} == {"TW4"}
        people = {p.id: p for p in s.scalars(select(Pegawai))}
        skp_owner = dict(s.execute(select(SKP.id, SKP.pegawai_id)).all())
        for e in evaluations:
            assert e.status == StatusEvaluasi.FINAL and e.finalized_at is not None
            assert e.predikat == PREDIKAT[(e.rating_hasil_kerja, e.rating_perilaku_kerja)]
            assert e.penilai_id == people[skp_owner[e.skp_id]].atasan_id
        assert len({e.predikat for e in evaluations}) >= 3  # a spread, not one predikat

        # Rating Hasil Kerja follows the realisasi of the triwulan (target 3 per indikator).
        sums = defaultdict(list)
        for skp_id, total in s.execute(
            select(RencanaHasilKerja.skp_id, func.sum(RealisasiBulanan.realisasi))
            .join(IndikatorKinerja, IndikatorKinerja.rhk_id == RencanaHasilKerja.id)
            .join(RealisasiBulanan, RealisasiBulanan.indikator_id == IndikatorKinerja.id)
            .group_by(RencanaHasilKerja.skp_id, IndikatorKinerja.id)
        ):
            sums[skp_id].append(int(total))
        for e in evaluations:
            assert e.rating_hasil_kerja == sintetis.rating_hasil_kerja(sums[e.skp_id], 3)


def test_fresh_ids_after_generation(engine, kabupaten):
    with session_scope(engine) as s:
        max_pegawai = s.scalar(select(func.max(Pegawai.id)))
        max_aktivitas = s.scalar(select(func.max(AktivitasHarian.id)))
        staff = s.scalar(select(Pegawai).where(Pegawai.jenis_jabatan == JenisJabatan.PELAKSANA).limit(1))
        unit = UnitKerja(nama="Unit Baru Setelah Generate", induk_id=staff.unit_kerja_id, path="/", level=5)
        s.add(unit)
        baru = Pegawai(
            nip="199901012024011999",
            nama="Pegawai Baru",
            jabatan="Pengadministrasi Umum",
            jenis_jabatan=JenisJabatan.PELAKSANA,
            unit_kerja=unit,
            atasan_id=staff.atasan_id,
        )
        s.add(baru)
        s.flush()
        assert baru.id == max_pegawai + 1
        aktivitas = s.scalar(select(AktivitasHarian).where(AktivitasHarian.pegawai_id == staff.id).limit(1))
        copy = AktivitasHarian(
            pegawai_id=baru.id,
            periode_id=aktivitas.periode_id,
            rhk_id=aktivitas.rhk_id,
            indikator_id=aktivitas.indikator_id,
            tanggal=aktivitas.tanggal,
            jam_mulai=aktivitas.jam_mulai,
            jam_selesai=aktivitas.jam_selesai,
            durasi_menit=aktivitas.durasi_menit,
            aktivitas="Aktivitas baru",
            satuan="Dokumen",
        )
        s.add(copy)
        realisasi = RealisasiBulanan(indikator_id=aktivitas.indikator_id, bulan=1, realisasi=1)
        s.add(realisasi)
        s.flush()
        assert copy.id == max_aktivitas + 1
        assert realisasi.id == kabupaten.realisasi + 1


def test_refuses_a_database_that_is_not_empty(engine):
    sintetis.generate(engine, 12, 1, seed=1, tahun=2025, today=TODAY)
    with pytest.raises(ValidationError, match="kosong"):
        sintetis.generate(engine, 12, 1, seed=1, tahun=2025, today=TODAY)
    with session_scope(engine, readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(Pegawai)) == 12


@pytest.mark.parametrize("pegawai, bulan, tahun", [(5, 1, None), (20, 0, None), (20, 1, 2027)])
def test_rejects_bad_arguments(engine, pegawai, bulan, tahun):
    with pytest.raises(ValidationError):
        sintetis.generate(engine, pegawai, bulan, tahun=tahun, today=TODAY)


def _fingerprint(engine) -> tuple:
    with session_scope(engine, readonly=True) as s:
        a = AktivitasHarian
        return (
            tuple(
                s.execute(
                    select(a.status, func.count(), func.sum(a.durasi_menit), func.sum(a.id * a.durasi_menit))
                    .group_by(a.status)
                    .order_by(a.status)
                ).all()
            ),
            tuple(s.scalars(select(Pegawai.nip).order_by(Pegawai.id))),
            tuple(s.scalars(select(func.sum(RealisasiBulanan.realisasi)))),
            tuple(
                s.execute(
                    select(EvaluasiKinerja.predikat, func.count())
                    .group_by(EvaluasiKinerja.predikat)
                    .order_by(EvaluasiKinerja.predikat)
                ).all()
            ),
        )


def _fresh_sqlite(request, tmp_path, name: str):
    path = tmp_path / name
    shutil.copy(request.getfixturevalue("sqlite_template"), path)
    return make_engine(f"sqlite:///{path}")


def test_deterministic_for_a_seed_across_databases(engine, request, tmp_path):
    """Same seed → same data (here also: on the fixture's database and on a fresh SQLite file);
    another seed → other data. Across a year boundary: a Periode and SKP per year."""
    today = date(2026, 1, 20)
    first = sintetis.generate(engine, 40, 2, seed=11, today=today)
    again_engine = _fresh_sqlite(request, tmp_path, "again.db")
    other_engine = _fresh_sqlite(request, tmp_path, "other.db")
    try:
        again = sintetis.generate(again_engine, 40, 2, seed=11, today=today)
        sintetis.generate(other_engine, 40, 2, seed=12, today=today)
        assert (first.dari, first.sampai) == (date(2025, 12, 1), date(2026, 1, 19))
        assert (first.periode, first.rhk) == (80, 320)  # 2025 and 2026
        assert first.realisasi == 40 * 8  # December 2025 only
        counts = lambda i: (i.units, i.pegawai, i.periode, i.aktivitas, i.realisasi, i.evaluasi)  # noqa: E731
        assert counts(first) == counts(again)
        assert _fingerprint(engine) == _fingerprint(again_engine)
        assert _fingerprint(engine) != _fingerprint(other_engine)
        with session_scope(engine, readonly=True) as s:
            # Activities of each year point at that year's period.
            a = AktivitasHarian
            wrong = s.scalar(
                select(func.count())
                .select_from(a)
                .join(PeriodeSKP, PeriodeSKP.id == a.periode_id)
                .where((a.tanggal < PeriodeSKP.tanggal_mulai) | (a.tanggal > PeriodeSKP.tanggal_akhir))
            )
            assert wrong == 0
    finally:
        again_engine.dispose()
        other_engine.dispose()


def test_connection_settings_restored_after_the_load(engine):
    sintetis.generate(engine, 12, 1, tahun=2025, today=TODAY)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        else:
            assert conn.exec_driver_sql("SHOW session_replication_role").scalar() == "origin"
            assert conn.exec_driver_sql("SHOW synchronous_commit").scalar() == "on"
            # COPY FREEZE into the (truncated) empty activity table: every page all-visible at once.
            pages, visible = conn.exec_driver_sql(
                "SELECT relpages, relallvisible FROM pg_class WHERE relname = 'aktivitas_harian'"
            ).one()
            assert pages > 0 and visible == pages


def test_progress_is_reported(engine):
    messages = []
    sintetis.generate(engine, 30, 1, tahun=2025, today=TODAY, progress=messages.append)
    assert any("100 %" in m for m in messages)
    assert sum("Aktivitas harian" in m for m in messages) == 10


@pytest.mark.parametrize(
    "units, atasan, dangling",
    [
        ((1, 2), 99, "pegawai.atasan_id → pegawai (1 baris)"),  # gap-free parents, out of range
        ((1, 3), None, "pegawai.unit_kerja_id → unit_kerja (1 baris)"),  # parents with a gap: anti-join
    ],
)
def test_bulk_load_refuses_dangling_references(engine, units, atasan, dangling):
    """db.bulk turns the row-by-row foreign-key checks off during a load and checks set-wise before
    the commit: a dangling reference rolls the whole load back."""
    from db import bulk

    tables = [UnitKerja.__table__, Pegawai.__table__]
    with pytest.raises(RuntimeError, match="Data tidak valid") as error:
        with bulk.bulk_load(engine, tables) as conn:
            bulk.bulk_insert(
                conn,
                UnitKerja.__table__,
                ("id", "nama", "path", "level"),
                [(u, f"Unit {u}", f"/{u}/", 0) for u in units],
            )
            bulk.bulk_insert(
                conn,
                Pegawai.__table__,
                (
                    "id",
                    "nip",
                    "nama",
                    "jabatan",
                    "jenis_jabatan",
                    "unit_kerja_id",
                    "atasan_id",
                    "pimpinan_unit_kerja_mandiri",
                    "tpp_pokok",
                    "is_admin",
                    "is_pimpinan",
                    "aktif",
                    "version_id",
                ),
                [
                    (1, "197001012000011001", "A", "Kepala", "JPT", 1, None, False, 0, False, False, True, 1),
                    (
                        2,
                        "197001012000011002",
                        "B",
                        "Staf",
                        "Pelaksana",
                        2,
                        atasan or 1,
                        False,
                        0,
                        False,
                        False,
                        True,
                        1,
                    ),
                ],
            )
    assert dangling in str(error.value)
    with session_scope(engine, readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(UnitKerja)) == 0
        assert s.scalar(select(func.count()).select_from(Pegawai)) == 0


def test_bulk_load_refuses_rows_that_break_a_check(engine):
    """SQLite skips CHECKs during the load and verifies them set-wise; PostgreSQL enforces them."""
    from db import bulk

    with pytest.raises(Exception, match="nip_18_digit"):
        with bulk.bulk_load(engine, [UnitKerja.__table__, Pegawai.__table__]) as conn:
            bulk.bulk_insert(conn, UnitKerja.__table__, ("id", "nama", "path", "level"), [(1, "Unit", "/1/", 0)])
            bulk.bulk_insert(
                conn,
                Pegawai.__table__,
                (
                    "id",
                    "nip",
                    "nama",
                    "jabatan",
                    "jenis_jabatan",
                    "unit_kerja_id",
                    "pimpinan_unit_kerja_mandiri",
                    "tpp_pokok",
                    "is_admin",
                    "is_pimpinan",
                    "aktif",
                    "version_id",
                ),
                [(1, "1970", "A", "Kepala", "JPT", 1, False, 0, False, False, True, 1)],
            )
    with session_scope(engine, readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(UnitKerja)) == 0
