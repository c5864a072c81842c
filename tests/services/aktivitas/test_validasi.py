"""Validasi aktivitas by the direct atasan (docs/domain.md §3.10): per row, "Validasi Semua" as one set-based
UPDATE, "Tolak" with a mandatory alasan; idempotent; only the penilai of the activity's period; closed
months refused. Every refusal changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event, func, select

from db.enums import StatusAktivitas
from db.models import AktivitasHarian, AuditLog
from db.session import session_scope
from services.aktivitas import validasi
from services.organisasi import referensi
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import add_aktivitas, build_skp

TODAY = date(2026, 3, 31)
T, M, D = StatusAktivitas.TERVALIDASI, StatusAktivitas.MENUNGGU, StatusAktivitas.DITOLAK


@pytest.fixture
def rows(engine, org):
    """Three waiting rows of staf (penilai: kasubbid) on 30 March 2026, and one of fungsional (penilai: kabid)."""
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, 2026)
        ids = [
            add_aktivitas(s, org.staf, skp, date(2026, 3, 30), a, b, M).id
            for a, b in (("08:00", "09:00"), ("09:00", "10:30"), ("10:30", "12:00"))
        ]
        lain = add_aktivitas(
            s, org.fungsional, build_skp(s, org.fungsional, 2026), date(2026, 3, 30), "08:00", "09:00", M
        ).id
        return ids, lain


def _state(engine):
    with session_scope(engine, readonly=True) as s:
        return (
            sorted((a.id, a.status, a.alasan_tolak) for a in s.scalars(select(AktivitasHarian))),
            s.scalar(select(func.count()).select_from(AuditLog)),
        )


TRANSITIONS = [  # (from, action, allowed → to)
    (M, "validasi", T),
    (T, "validasi", T),
    (M, "tolak", D),
    (D, "validasi", None),
    (T, "tolak", None),
    (D, "tolak", None),
]


@pytest.mark.parametrize("start, aksi, to", TRANSITIONS)
def test_transition_table(engine, org, rows, start, aksi, to):
    ids, _ = rows
    with session_scope(engine) as s:
        row = s.get(AktivitasHarian, ids[0])
        row.status = start
    assert validasi.TRANSISI.get((start, aksi)) == to
    before = _state(engine)
    with session_scope(engine) as s:
        call = (
            (lambda: validasi.validasi(s, org.kasubbid, ids[0], TODAY))
            if aksi == "validasi"
            else (lambda: validasi.tolak(s, org.kasubbid, ids[0], "Kurang jelas", TODAY))
        )
        if to is None:
            with pytest.raises(ValidationError, match=f"berstatus {start.value}"):
                call()
        else:
            call()
    if to is None:
        assert _state(engine) == before
    with session_scope(engine, readonly=True) as s:
        assert s.get(AktivitasHarian, ids[0]).status == (to or start)


def test_validasi_one_row_is_idempotent(engine, org, rows):
    ids, _ = rows
    with session_scope(engine) as s:
        assert validasi.validasi(s, org.kasubbid, ids[0], TODAY) == 1
    with session_scope(engine) as s:
        assert validasi.validasi(s, org.kasubbid, ids[0], TODAY) == 0  # harmless
    with session_scope(engine, readonly=True) as s:
        row = s.get(AktivitasHarian, ids[0])
        assert (row.status, row.divalidasi_oleh_id) == (T, org.kasubbid.pegawai_id)
        assert row.divalidasi_at is not None
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.aksi == "validasi_aktivitas")) == 1


def test_validasi_semua_is_one_update_and_one_audit_row(engine, org, rows):
    ids, _ = rows
    with session_scope(engine) as s:
        validasi.validasi(s, org.kasubbid, ids[0], TODAY)
    updates = []
    listener = lambda conn, cursor, statement, *a: (
        updates.append(statement) if statement.lstrip().upper().startswith("UPDATE AKTIVITAS_HARIAN") else None
    )
    event.listen(engine, "before_cursor_execute", listener)
    try:
        with session_scope(engine) as s:
            assert validasi.validasi_semua(s, org.kasubbid, ids, TODAY) == 2  # the first was already done
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(updates) == 1 and "IN" in updates[0].upper()
    with session_scope(engine, readonly=True) as s:
        assert {s.get(AktivitasHarian, i).status for i in ids} == {T}
        log = s.scalars(select(AuditLog).where(AuditLog.aksi == "validasi_aktivitas").order_by(AuditLog.id)).all()[-1]
        assert f'"ids": {ids}' in log.sesudah and '"jumlah": 2' in log.sesudah


def test_tolak_needs_an_alasan(engine, org, rows):
    ids, _ = rows
    before = _state(engine)
    for alasan in ("", "   ", None):
        with session_scope(engine) as s, pytest.raises(ValidationError, match="Alasan penolakan wajib diisi"):
            validasi.tolak(s, org.kasubbid, ids[0], alasan, TODAY)
    assert _state(engine) == before
    with session_scope(engine) as s:
        validasi.tolak(s, org.kasubbid, ids[0], "Uraian terlalu umum", TODAY)
    with session_scope(engine, readonly=True) as s:
        row = s.get(AktivitasHarian, ids[0])
        assert (row.status, row.alasan_tolak) == (D, "Uraian terlalu umum")


@pytest.mark.parametrize("who", ["staf", "fungsional", "kabid", "kepala", "admin"])
def test_only_the_direct_atasan_validates(engine, org, rows, who):
    """The pegawai themself, another pegawai, the atasan of the atasan, the pimpinan and the admin may not."""
    ids, _ = rows
    actor = getattr(org, who)
    before = _state(engine)
    with session_scope(engine) as s, pytest.raises(AksesDitolak, match="atasan langsung"):
        validasi.validasi_semua(s, actor, ids, TODAY)
    with session_scope(engine) as s, pytest.raises(AksesDitolak):
        validasi.tolak(s, actor, ids[0], "Tidak sesuai", TODAY)
    with session_scope(engine, readonly=True) as s, pytest.raises(AksesDitolak):
        validasi.daftar_menunggu(s, actor, org.staf.pegawai_id)
    assert _state(engine) == before


def test_validasi_semua_with_a_foreign_row_changes_nothing(engine, org, rows):
    ids, lain = rows
    before = _state(engine)
    with session_scope(engine) as s, pytest.raises(AksesDitolak):
        validasi.validasi_semua(s, org.kasubbid, ids + [lain], TODAY)
    assert _state(engine) == before


def test_closed_month_refuses_validation_until_reopened(engine, org, rows):
    ids, _ = rows
    before = _state(engine)
    with (
        session_scope(engine) as s,
        pytest.raises(ValidationError, match="Validasi aktivitas bulan Maret 2026 sudah ditutup"),
    ):
        validasi.validasi_semua(s, org.kasubbid, ids, date(2026, 4, 6))
    assert _state(engine) == before
    with session_scope(engine) as s:
        referensi.buka_bulan(
            s, org.admin, 2026, 3, date(2026, 4, 8), "Atasan cuti", org.staf.nip, today=date(2026, 4, 6)
        )
    with session_scope(engine) as s:
        assert validasi.validasi_semua(s, org.kasubbid, ids, date(2026, 4, 7)) == 3


def test_pilih_pegawai_lists_the_bawahan_with_waiting_counts(engine, org, rows):
    with session_scope(engine, readonly=True) as s:
        assert [(b.nama, b.menunggu) for b in validasi.bawahan_list(s, org.kasubbid)] == [("Staf Uji", 3)]
        assert [(b.nama, b.menunggu) for b in validasi.bawahan_list(s, org.kabid)] == [("Fungsional Uji", 1)]
        assert validasi.bawahan_list(s, org.staf) == []
        queue = validasi.daftar_menunggu(s, org.kasubbid, org.staf.pegawai_id)
    assert [(r.jam, r.durasi_menit) for r in queue] == [("08.00–09.00", 60), ("09.00–10.30", 90), ("10.30–12.00", 90)]


def test_pilih_pegawai_puts_the_most_waiting_first_then_the_oldest_with_the_days_left(engine, org):
    """docs/domain.md §8.39. Kabid rates Kasubbid and Fungsional. One row each: Kasubbid's (2 March) is older, so
    Kasubbid comes first although Fungsional is first by name; a second row of Fungsional puts them first. The
    days left run to the closing day 5 April (hari_tutup_bulan 5): 5 days on 31 March, 0 on 5 April itself,
    none once closed, 2 on 6 April under a reopening until 8 April."""
    with session_scope(engine) as s:
        add_aktivitas(s, org.kasubbid, build_skp(s, org.kasubbid, 2026), date(2026, 3, 2), "08:00", "09:00", M)
        skp_f = build_skp(s, org.fungsional, 2026)
        add_aktivitas(s, org.fungsional, skp_f, date(2026, 3, 30), "08:00", "09:00", M)
    with session_scope(engine, readonly=True) as s:
        daftar = validasi.bawahan_list(s, org.kabid, TODAY)
    assert [(b.nama, b.menunggu, b.terlama, b.sisa_hari) for b in daftar] == [
        ("Kasubbid Uji", 1, date(2026, 3, 2), 5),
        ("Fungsional Uji", 1, date(2026, 3, 30), 5),
    ]
    with session_scope(engine) as s:
        add_aktivitas(s, org.fungsional, skp_f, date(2026, 3, 31), "08:00", "09:00", M)
    with session_scope(engine, readonly=True) as s:
        assert [(b.nama, b.menunggu) for b in validasi.bawahan_list(s, org.kabid, TODAY)] == [
            ("Fungsional Uji", 2),
            ("Kasubbid Uji", 1),
        ]
        assert [b.sisa_hari for b in validasi.bawahan_list(s, org.kabid, date(2026, 4, 5))] == [0, 0]
        assert [b.sisa_hari for b in validasi.bawahan_list(s, org.kabid, date(2026, 4, 6))] == [None, None]
    with session_scope(engine) as s:
        referensi.buka_bulan(s, org.admin, 2026, 3, date(2026, 4, 8), "Atasan cuti", None, today=date(2026, 4, 6))
    with session_scope(engine, readonly=True) as s:
        assert [b.sisa_hari for b in validasi.bawahan_list(s, org.kabid, date(2026, 4, 6))] == [2, 2]
        assert validasi.bawahan_list(s, org.staf, TODAY) == []


def test_rows_of_a_closed_month_come_last_labelled_and_stay_out_of_validasi_semua(engine, org):
    """docs/domain.md §8.39. On 31 March 2026 February is closed (its closing day was 5 March): its waiting row is
    listed after March's, labelled Bulan Sudah Ditutup; validating the open rows the screen offers works, and the
    closed row is refused alone, changing nothing."""
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, 2026)
        februari = add_aktivitas(s, org.staf, skp, date(2026, 2, 27), "08:00", "09:00", M).id
        maret = [add_aktivitas(s, org.staf, skp, date(2026, 3, d), "08:00", "09:00", M).id for d in (2, 30)]
    with session_scope(engine, readonly=True) as s:
        daftar = validasi.daftar_menunggu(s, org.kasubbid, org.staf.pegawai_id, TODAY)
    assert [(r.id, r.tertahan) for r in daftar] == [
        (maret[0], None),
        (maret[1], None),
        (februari, "Bulan Sudah Ditutup"),
    ]
    terbuka = {r.id: r.version for r in daftar if r.tertahan is None}
    with session_scope(engine) as s:
        assert validasi.validasi_semua(s, org.kasubbid, list(terbuka), TODAY, versi=terbuka) == 2
    sebelum = _state(engine)
    with pytest.raises(ValidationError, match="Februari 2026"), session_scope(engine) as s:
        validasi.validasi(s, org.kasubbid, februari, TODAY)
    assert _state(engine) == sebelum
    with session_scope(engine, readonly=True) as s:
        assert [r.id for r in validasi.daftar_menunggu(s, org.kasubbid, org.staf.pegawai_id, TODAY)] == [februari]
