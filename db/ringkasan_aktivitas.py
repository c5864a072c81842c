"""The ``ringkasan_aktivitas`` table (per pegawai and month: counts and minutes per status) kept exact by
the database itself.

Capaian, the Rekap TPP and the Dasbor need, for thousands of pegawai, the month's validated and
pending minutes; summing ~800,000 activity rows a month (10 M a year) on every screen is what made the
Dasbor slow at the scale of a regency. Triggers on ``aktivitas_harian`` add each inserted row, move each
updated one (old values out, new in) and take out each deleted one, in the same transaction as the
write — so every path that changes activities (the services, Validasi Semua's set-based UPDATE, a
restore, a hand-written SQL fix) keeps the summary right, and a row whose count falls to zero is
removed, so the table always equals the GROUP BY it replaces (:func:`selisih` checks that).

* SQLite: row triggers (SQLite has no others), each an UPSERT.
* PostgreSQL: statement triggers with transition tables, so Validasi Semua on 1,000 rows is one
  grouped UPSERT, in key order (concurrent statements lock summary rows in the same order).

A bulk load (services/sintetis) switches them off and calls :func:`bangun_ulang` at the end: one
grouped scan per month over the covering index instead of millions of UPSERTs. Migration 0002 creates
the triggers with :func:`pasang_pemicu`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import Connection, Integer, case, delete, func, insert, literal, select, text

from db.enums import StatusAktivitas
from db.models import AktivitasHarian, RingkasanAktivitas

T, M = StatusAktivitas.TERVALIDASI.value, StatusAktivitas.MENUNGGU.value
KOLOM = "tahun, bulan, pegawai_id, jumlah, jumlah_menunggu, menit_tervalidasi, menit_menunggu"
#: Only these columns move a row between groups or change its minutes.
KOLOM_SUMBER = ("pegawai_id", "tanggal", "status", "durasi_menit")


# ---------------------------------------------------------------------------------------------
# SQLite: row triggers
# ---------------------------------------------------------------------------------------------


def _sqlite_upsert(row: str, sign: str) -> str:
    """UPSERT of one activity row (``NEW`` or ``OLD``) into its group, times ``sign`` (+1 / -1)."""
    return f"""
        INSERT INTO ringkasan_aktivitas ({KOLOM})
        VALUES (CAST(strftime('%Y', {row}.tanggal) AS INTEGER), CAST(strftime('%m', {row}.tanggal) AS INTEGER),
                {row}.pegawai_id, {sign}, {sign} * ({row}.status = '{M}'),
                {sign} * (CASE WHEN {row}.status = '{T}' THEN {row}.durasi_menit ELSE 0 END),
                {sign} * (CASE WHEN {row}.status = '{M}' THEN {row}.durasi_menit ELSE 0 END))
        ON CONFLICT (tahun, bulan, pegawai_id) DO UPDATE SET
            jumlah = jumlah + excluded.jumlah,
            jumlah_menunggu = jumlah_menunggu + excluded.jumlah_menunggu,
            menit_tervalidasi = menit_tervalidasi + excluded.menit_tervalidasi,
            menit_menunggu = menit_menunggu + excluded.menit_menunggu;"""


_SQLITE_HAPUS_KOSONG = """
        DELETE FROM ringkasan_aktivitas
        WHERE tahun = CAST(strftime('%Y', OLD.tanggal) AS INTEGER)
          AND bulan = CAST(strftime('%m', OLD.tanggal) AS INTEGER)
          AND pegawai_id = OLD.pegawai_id AND jumlah = 0;"""

_BERUBAH = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in KOLOM_SUMBER)

SQLITE_PEMICU = {
    "ringkasan_aktivitas_tambah": f"CREATE TRIGGER ringkasan_aktivitas_tambah AFTER INSERT ON aktivitas_harian BEGIN"
    f"{_sqlite_upsert('NEW', '1')}\n    END",
    "ringkasan_aktivitas_ubah": f"CREATE TRIGGER ringkasan_aktivitas_ubah AFTER UPDATE OF {', '.join(KOLOM_SUMBER)} "
    f"ON aktivitas_harian WHEN {_BERUBAH} BEGIN"
    f"{_sqlite_upsert('OLD', '-1')}{_sqlite_upsert('NEW', '1')}{_SQLITE_HAPUS_KOSONG}\n    END",
    "ringkasan_aktivitas_hapus": f"CREATE TRIGGER ringkasan_aktivitas_hapus AFTER DELETE ON aktivitas_harian BEGIN"
    f"{_sqlite_upsert('OLD', '-1')}{_SQLITE_HAPUS_KOSONG}\n    END",
}


# ---------------------------------------------------------------------------------------------
# PostgreSQL: statement triggers over transition tables
# ---------------------------------------------------------------------------------------------


def _pg_rows(source: str, sign: int) -> str:
    return (
        f"SELECT EXTRACT(YEAR FROM tanggal)::int AS tahun, EXTRACT(MONTH FROM tanggal)::int AS bulan, "
        f"pegawai_id, {sign} AS jumlah, "
        f"{sign} * (status = '{M}')::int AS jumlah_menunggu, "
        f"{sign} * CASE WHEN status = '{T}' THEN durasi_menit ELSE 0 END AS menit_tervalidasi, "
        f"{sign} * CASE WHEN status = '{M}' THEN durasi_menit ELSE 0 END AS menit_menunggu FROM {source}"
    )


def _pg_function(name: str, added: str | None, removed: str | None) -> str:
    """A trigger function adding the ``added`` rows and taking out the ``removed`` ones (FROM clauses
    over the transition tables) in one grouped UPSERT, then deleting groups left empty."""
    rows = " UNION ALL ".join(([_pg_rows(removed, -1)] if removed else []) + ([_pg_rows(added, 1)] if added else []))
    cleanup = (
        (
            f"DELETE FROM ringkasan_aktivitas WHERE jumlah = 0 AND (tahun, bulan, pegawai_id) IN ("
            f"SELECT EXTRACT(YEAR FROM tanggal)::int, EXTRACT(MONTH FROM tanggal)::int, pegawai_id "
            f"FROM {removed});"
        )
        if removed
        else ""
    )
    return f"""
        CREATE FUNCTION {name}() RETURNS trigger AS $$
        BEGIN
            INSERT INTO ringkasan_aktivitas ({KOLOM})
            SELECT tahun, bulan, pegawai_id, sum(jumlah), sum(jumlah_menunggu), sum(menit_tervalidasi),
                   sum(menit_menunggu)
            FROM ({rows}) AS perubahan
            GROUP BY tahun, bulan, pegawai_id
            ORDER BY tahun, bulan, pegawai_id
            ON CONFLICT (tahun, bulan, pegawai_id) DO UPDATE SET
                jumlah = ringkasan_aktivitas.jumlah + excluded.jumlah,
                jumlah_menunggu = ringkasan_aktivitas.jumlah_menunggu + excluded.jumlah_menunggu,
                menit_tervalidasi = ringkasan_aktivitas.menit_tervalidasi + excluded.menit_tervalidasi,
                menit_menunggu = ringkasan_aktivitas.menit_menunggu + excluded.menit_menunggu;
            {cleanup}
            RETURN NULL;
        END;
        $$ LANGUAGE plpgsql"""


# An UPDATE trigger with transition tables cannot name columns: keep only the rows whose group or
# minutes changed (a correction of the text moves nothing).
_PG_BERUBAH = (
    "lama l JOIN baru b ON b.id = l.id WHERE (l.pegawai_id, l.tanggal, l.status, l.durasi_menit) "
    "IS DISTINCT FROM (b.pegawai_id, b.tanggal, b.status, b.durasi_menit)"
)
PG_FUNGSI = {
    "ringkasan_aktivitas_tambah": _pg_function("ringkasan_aktivitas_tambah", "baru", None),
    "ringkasan_aktivitas_ubah": _pg_function(
        "ringkasan_aktivitas_ubah", f"(SELECT b.* FROM {_PG_BERUBAH}) AS b", f"(SELECT l.* FROM {_PG_BERUBAH}) AS l"
    ),
    "ringkasan_aktivitas_hapus": _pg_function("ringkasan_aktivitas_hapus", None, "lama"),
}
PG_PEMICU = {
    "ringkasan_aktivitas_tambah": "AFTER INSERT ON aktivitas_harian REFERENCING NEW TABLE AS baru",
    "ringkasan_aktivitas_ubah": "AFTER UPDATE ON aktivitas_harian REFERENCING OLD TABLE AS lama NEW TABLE AS baru",
    "ringkasan_aktivitas_hapus": "AFTER DELETE ON aktivitas_harian REFERENCING OLD TABLE AS lama",
}


def pasang_pemicu(conn: Connection) -> None:
    """Create the triggers (migration 0002, and after a bulk load)."""
    if conn.dialect.name == "postgresql":
        for name, function in PG_FUNGSI.items():
            conn.execute(text(function))
            conn.execute(text(f"CREATE TRIGGER {name} {PG_PEMICU[name]} FOR EACH STATEMENT EXECUTE FUNCTION {name}()"))
    else:
        for ddl in SQLITE_PEMICU.values():
            conn.execute(text(ddl))


def lepas_pemicu(conn: Connection) -> None:
    """Drop the triggers (a bulk load, migration 0002's downgrade)."""
    for name in SQLITE_PEMICU:
        if conn.dialect.name == "postgresql":
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON aktivitas_harian"))
            conn.execute(text(f"DROP FUNCTION IF EXISTS {name}()"))
        else:
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))


# ---------------------------------------------------------------------------------------------
# Rebuilding and checking
# ---------------------------------------------------------------------------------------------


def _hitung_bulan(tahun: int, bulan: int):
    """The GROUP BY the table stands for, for one month: one range scan of the covering index
    ``(tanggal, status, pegawai_id, durasi_menit)``."""
    a = AktivitasHarian
    first = date(tahun, bulan, 1)
    after = date(tahun + (bulan == 12), bulan % 12 + 1, 1)
    return (
        select(
            literal(tahun, Integer).label("tahun"),
            literal(bulan, Integer).label("bulan"),
            a.pegawai_id,
            func.count().label("jumlah"),
            func.sum(case((a.status == StatusAktivitas.MENUNGGU, 1), else_=0)).label("jumlah_menunggu"),
            func.sum(case((a.status == StatusAktivitas.TERVALIDASI, a.durasi_menit), else_=0)).label(
                "menit_tervalidasi"
            ),
            func.sum(case((a.status == StatusAktivitas.MENUNGGU, a.durasi_menit), else_=0)).label("menit_menunggu"),
        )
        .where(a.tanggal >= first, a.tanggal < after)
        .group_by(a.pegawai_id)
    )


def _bulan_berisi(conn: Connection) -> list[tuple[int, int]]:
    lo, hi = conn.execute(select(func.min(AktivitasHarian.tanggal), func.max(AktivitasHarian.tanggal))).one()
    if lo is None:
        return []
    lo, hi = (date.fromisoformat(d) if isinstance(d, str) else d for d in (lo, hi))
    return [
        (y, m)
        for y in range(lo.year, hi.year + 1)
        for m in range(1, 13)
        if (lo.year, lo.month) <= (y, m) <= (hi.year, hi.month)
    ]


def bangun_ulang(conn: Connection) -> int:
    """Recompute the whole table from ``aktivitas_harian`` (after a bulk load); returns its row count."""
    conn.execute(delete(RingkasanAktivitas))
    cols = [c.name for c in RingkasanAktivitas.__table__.columns]
    for tahun, bulan in _bulan_berisi(conn):
        conn.execute(insert(RingkasanAktivitas).from_select(cols, _hitung_bulan(tahun, bulan)))
    return conn.scalar(select(func.count()).select_from(RingkasanAktivitas)) or 0


def selisih(conn: Connection) -> list[tuple]:
    """Groups where the table differs from the GROUP BY it replaces (empty when exact): for tests and
    the benchmark's correctness checks."""
    cols = ("tahun", "bulan", "pegawai_id", "jumlah", "jumlah_menunggu", "menit_tervalidasi", "menit_menunggu")
    stored = {tuple(int(v) for v in r) for r in conn.execute(select(*(getattr(RingkasanAktivitas, c) for c in cols)))}
    computed = {tuple(int(v) for v in r) for ym in _bulan_berisi(conn) for r in conn.execute(_hitung_bulan(*ym))}
    return sorted(stored ^ computed)


@contextmanager
def dimuat_massal(conn: Connection) -> Iterator[None]:
    """Around a bulk load of activities: the triggers off during the load, the table rebuilt after it
    and the triggers back, all in the caller's transaction."""
    lepas_pemicu(conn)
    yield
    bangun_ulang(conn)
    pasang_pemicu(conn)
