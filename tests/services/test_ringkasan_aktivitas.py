"""The per-(pegawai, month) summary the capaian figures read (db/ringkasan_aktivitas.py) stays equal to
the GROUP BY of the activity rows after every kind of write — ORM insert, the services' validasi,
Validasi Semua's set-based UPDATE, tolak, a text-only correction, a moved date, a delete, raw SQL — and
after a bulk load, on both databases. Numbers are worked out by hand in each test."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select, text, update

from db import ringkasan_aktivitas
from db.enums import StatusAktivitas
from db.models import AktivitasHarian, RingkasanAktivitas
from db.session import session_scope
from services.aktivitas import validasi
from tests.factories import add_aktivitas, build_skp

T, M, D = StatusAktivitas.TERVALIDASI, StatusAktivitas.MENUNGGU, StatusAktivitas.DITOLAK
TODAY = date(2026, 3, 31)


def _ringkasan(engine, pegawai_id: int) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """(tahun, bulan) → (jumlah, jumlah menunggu, menit tervalidasi, menit menunggu)."""
    with session_scope(engine, readonly=True) as s:
        return {
            (r.tahun, r.bulan): (r.jumlah, r.jumlah_menunggu, r.menit_tervalidasi, r.menit_menunggu)
            for r in s.scalars(select(RingkasanAktivitas).where(RingkasanAktivitas.pegawai_id == pegawai_id))
        }


def _exact(engine) -> None:
    with engine.connect() as conn:
        assert ringkasan_aktivitas.selisih(conn) == []


def test_every_write_keeps_the_month_totals(engine, org):
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, 2026)
        pagi = add_aktivitas(s, org.staf, skp, date(2026, 3, 30), "08:00", "09:30", M).id  # 90
        siang = add_aktivitas(s, org.staf, skp, date(2026, 3, 30), "10:00", "12:00", M).id  # 120
        sore = add_aktivitas(s, org.staf, skp, date(2026, 3, 31), "13:00", "14:00", M).id  # 60
        add_aktivitas(s, org.staf, skp, date(2026, 2, 27), "08:00", "12:00", T)  # 240 in Feb
    assert _ringkasan(engine, org.staf.pegawai_id) == {(2026, 3): (3, 3, 0, 270), (2026, 2): (1, 0, 240, 0)}

    with session_scope(engine) as s:  # one row validated by the penilai (kasubbid)
        validasi.validasi(s, org.kasubbid, pagi, TODAY)
    assert _ringkasan(engine, org.staf.pegawai_id)[(2026, 3)] == (3, 2, 90, 180)

    with session_scope(engine) as s:  # the rest at once: one set-based UPDATE
        validasi.validasi_semua(s, org.kasubbid, [siang, sore], TODAY)
    assert _ringkasan(engine, org.staf.pegawai_id)[(2026, 3)] == (3, 0, 270, 0)

    with session_scope(engine) as s:  # a correction of the text only moves nothing
        s.get(AktivitasHarian, sore).aktivitas = "Menyusun notulen rapat"
    assert _ringkasan(engine, org.staf.pegawai_id)[(2026, 3)] == (3, 0, 270, 0)

    with session_scope(engine) as s:  # rejected: no longer counted as validated minutes
        s.get(AktivitasHarian, sore).status = D
    assert _ringkasan(engine, org.staf.pegawai_id)[(2026, 3)] == (3, 0, 210, 0)

    with session_scope(engine) as s:  # back to waiting with a longer duration, moved to February
        s.execute(
            update(AktivitasHarian)
            .where(AktivitasHarian.id == sore)
            .values(status=M, durasi_menit=75, tanggal=date(2026, 2, 26))
        )
    assert _ringkasan(engine, org.staf.pegawai_id) == {(2026, 3): (2, 0, 210, 0), (2026, 2): (2, 1, 240, 75)}

    with session_scope(engine) as s:  # deleting the last rows of a month removes the month
        s.execute(delete(AktivitasHarian).where(AktivitasHarian.id.in_([pagi, siang])))
    assert _ringkasan(engine, org.staf.pegawai_id) == {(2026, 2): (2, 1, 240, 75)}
    _exact(engine)


def test_tolak_and_other_pegawai_are_kept_apart(engine, org):
    with session_scope(engine) as s:
        a = add_aktivitas(s, org.staf, build_skp(s, org.staf, 2026), date(2026, 3, 30), "08:00", "10:00", M).id
        add_aktivitas(s, org.fungsional, build_skp(s, org.fungsional, 2026), date(2026, 3, 30), "08:00", "09:00", M)
    with session_scope(engine) as s:
        validasi.tolak(s, org.kasubbid, a, "Tidak sesuai daftar hadir", TODAY)
    assert _ringkasan(engine, org.staf.pegawai_id) == {(2026, 3): (1, 0, 0, 0)}
    assert _ringkasan(engine, org.fungsional.pegawai_id) == {(2026, 3): (1, 1, 0, 60)}
    _exact(engine)


def test_rebuild_equals_the_triggers(engine, org):
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, 2026)
        for day in (5, 6, 9):
            add_aktivitas(s, org.staf, skp, date(2026, 1, day), "08:00", "11:00", T)
        add_aktivitas(s, org.staf, skp, date(2026, 12, 31), "08:00", "08:30", M)
    before = _ringkasan(engine, org.staf.pegawai_id)
    assert before == {(2026, 1): (3, 0, 540, 0), (2026, 12): (1, 1, 0, 30)}
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM ringkasan_aktivitas"))
        assert ringkasan_aktivitas.selisih(conn) != []  # the check notices a wrong table
        assert ringkasan_aktivitas.bangun_ulang(conn) == 2
    assert _ringkasan(engine, org.staf.pegawai_id) == before
    _exact(engine)


_ops = st.lists(
    st.tuples(
        st.sampled_from(["tambah", "validasi", "tolak", "geser", "ubah_durasi", "hapus", "validasi_semua"]),
        st.integers(0, 50),
        st.integers(1, 3),
    ),
    min_size=1,
    max_size=25,
)


@pytest.fixture
def skp_staf(engine, org):
    with session_scope(engine) as s:
        return build_skp(s, org.staf, 2026)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_ops)
def test_random_writes_keep_the_summary_exact(engine, org, skp_staf, ops):
    """Any sequence of writes, set-based and row by row, leaves the table equal to the GROUP BY."""
    skp = skp_staf
    with session_scope(engine) as s:
        s.execute(delete(AktivitasHarian))
    for op, k, n in ops:
        with session_scope(engine) as s:
            ids = list(s.scalars(select(AktivitasHarian.id).order_by(AktivitasHarian.id)))
            target = ids[k % len(ids)] if ids else None
            if op == "tambah" or target is None:
                for i in range(n):
                    add_aktivitas(
                        s,
                        org.staf,
                        skp,
                        date(2026, 1 + (k + i) % 12, 1 + k % 28),
                        f"{8 + i:02d}:00",
                        f"{8 + i:02d}:{15 * n:02d}",
                        (M, T, D)[(k + i) % 3],
                    )
            elif op == "validasi_semua":
                s.execute(update(AktivitasHarian).where(AktivitasHarian.status == M).values(status=T))
            elif op == "hapus":
                s.execute(delete(AktivitasHarian).where(AktivitasHarian.id == target))
            else:
                values = {
                    "validasi": {"status": T},
                    "tolak": {"status": D},
                    "geser": {"tanggal": date(2026, 1 + k % 12, 1 + k % 28)},
                    "ubah_durasi": {"durasi_menit": 5 * n + k},
                }[op]
                s.execute(update(AktivitasHarian).where(AktivitasHarian.id == target).values(**values))
    _exact(engine)
