"""Issue #8 (5): two people on the same record. Saves carry the version the screen showed (optimistic
locking): the second save of a stale screen is a KonflikData and changes nothing. Validasi Semua is
idempotent, also when two clicks race in two threads. On both databases."""
from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.enums import Rating, StatusAktivitas
from db.models import AktivitasHarian, AuditLog, EvaluasiKinerja, RealisasiBulanan
from db.session import session_scope
from services import evaluasi, umpan_balik, validasi
from services.errors import KonflikData, SipijarError
from tests.factories import add_aktivitas, build_skp

TAHUN = 2026
TODAY = date(2026, 3, 31)
BUKTI = "https://drive.google.com/drive/folders/bukti-konkurensi"
S, A = Rating.SESUAI, Rating.DI_ATAS


@pytest.fixture
def skp(engine, org):
    with session_scope(engine) as s:
        return build_skp(s, org.staf, TAHUN)


@pytest.fixture
def menunggu(engine, org, skp):
    """Five waiting aktivitas of staf on 30 March 2026 (penilai: kasubbid)."""
    with session_scope(engine) as s:
        return [add_aktivitas(s, org.staf, skp, date(2026, 3, 30), f"{8 + i:02d}:00", f"{9 + i:02d}:00",
                              StatusAktivitas.MENUNGGU).id for i in range(5)]


def _audit(engine, aksi: str) -> int:
    with session_scope(engine, readonly=True) as s:
        return s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.aksi == aksi))


def _realisasi(engine, actor, ind, realisasi, version):
    with session_scope(engine) as s:
        return umpan_balik.simpan_realisasi(s, actor, ind, 3, realisasi, "Laporan", BUKTI, version,
                                            today=TODAY).version_id


def _balapan(*calls):
    """Run the calls in threads released together; each result is its return value or its exception."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


# --- realisasi (Umpan Balik, tab Hasil Kerja) ---------------------------------------------------

def test_two_screens_of_one_realisasi_the_second_save_is_a_conflict(engine, org, skp):
    ind = skp.indikator_ids[0]
    v1 = _realisasi(engine, org.staf, ind, "1", None)
    # two browser tabs show version v1; the first saves
    _realisasi(engine, org.staf, ind, "2", v1)
    with pytest.raises(KonflikData) as info:
        _realisasi(engine, org.staf, ind, "3", v1)
    assert "diubah oleh pengguna lain" in str(info.value)
    with session_scope(engine, readonly=True) as s:
        assert s.scalar(select(RealisasiBulanan.realisasi)) == Decimal(2)
    assert _audit(engine, "isi_realisasi") == 2


def test_the_atasan_feedback_and_the_pegawai_realisasi_do_not_overwrite_each_other(engine, org, skp):
    ind = skp.indikator_ids[0]
    v1 = _realisasi(engine, org.staf, ind, "1", None)
    with session_scope(engine) as s:
        umpan_balik.simpan_umpan_balik(s, org.kasubbid, ind, 3, "Tambahkan daftar hadir", v1)
    with pytest.raises(KonflikData):
        _realisasi(engine, org.staf, ind, "5", v1)
    with pytest.raises(KonflikData), session_scope(engine) as s:
        umpan_balik.simpan_umpan_balik(s, org.kasubbid, ind, 3, "Teks lama menimpa", v1)
    with session_scope(engine, readonly=True) as s:
        row = s.scalar(select(RealisasiBulanan))
        assert (row.realisasi, row.umpan_balik) == (Decimal(1), "Tambahkan daftar hadir")


def test_two_threads_save_the_same_realisasi_version_one_wins(engine, org, skp):
    ind = skp.indikator_ids[0]
    v1 = _realisasi(engine, org.staf, ind, "1", None)
    results = _balapan(lambda: _realisasi(engine, org.staf, ind, "7", v1),
                       lambda: _realisasi(engine, org.staf, ind, "8", v1))
    menang = [r for r in results if isinstance(r, int)]
    kalah = [r for r in results if isinstance(r, BaseException)]
    assert len(menang) == 1 and len(kalah) == 1, results
    assert isinstance(kalah[0], KonflikData), repr(kalah[0])
    with session_scope(engine, readonly=True) as s:
        assert s.scalar(select(RealisasiBulanan.realisasi)) in (Decimal(7), Decimal(8))
        assert s.scalar(select(RealisasiBulanan.version_id)) == menang[0]
    assert _audit(engine, "isi_realisasi") == 2


# --- Evaluasi Kinerja ------------------------------------------------------------------------------

def _evaluasi(engine, actor, skp_id, hasil, version):
    with session_scope(engine) as s:
        return evaluasi.simpan(s, actor, skp_id, "TW1", hasil, S, version).version_id


def test_two_screens_of_one_evaluasi_the_second_save_is_a_conflict(engine, org, skp):
    v1 = _evaluasi(engine, org.kasubbid, skp.skp_id, S, None)
    _evaluasi(engine, org.kasubbid, skp.skp_id, A, v1)
    with pytest.raises(KonflikData):
        _evaluasi(engine, org.kasubbid, skp.skp_id, S, v1)
    # a stale "new evaluation" screen is stale too
    with pytest.raises(KonflikData):
        _evaluasi(engine, org.kasubbid, skp.skp_id, S, None)
    with session_scope(engine, readonly=True) as s:
        assert s.scalar(select(EvaluasiKinerja.rating_hasil_kerja)) == A
    assert _audit(engine, "simpan_evaluasi") == 2


def test_finalkan_from_a_stale_screen_is_a_conflict(engine, org, skp):
    v1 = _evaluasi(engine, org.kasubbid, skp.skp_id, S, None)
    v2 = _evaluasi(engine, org.kasubbid, skp.skp_id, A, v1)
    with pytest.raises(KonflikData), session_scope(engine) as s:
        evaluasi.finalkan(s, org.kasubbid, skp.skp_id, "TW1", v1)
    with session_scope(engine) as s:
        evaluasi.finalkan(s, org.kasubbid, skp.skp_id, "TW1", v2)
    # double click on Finalkan: the second click carries the old version
    with pytest.raises(SipijarError), session_scope(engine) as s:
        evaluasi.finalkan(s, org.kasubbid, skp.skp_id, "TW1", v2)
    assert _audit(engine, "finalkan_evaluasi") == 1


def test_two_threads_save_the_same_evaluasi_version_one_wins(engine, org, skp):
    v1 = _evaluasi(engine, org.kasubbid, skp.skp_id, S, None)
    results = _balapan(lambda: _evaluasi(engine, org.kasubbid, skp.skp_id, A, v1),
                       lambda: _evaluasi(engine, org.kasubbid, skp.skp_id, Rating.DI_BAWAH, v1))
    menang = [r for r in results if isinstance(r, int)]
    kalah = [r for r in results if isinstance(r, BaseException)]
    assert len(menang) == 1 and len(kalah) == 1 and isinstance(kalah[0], KonflikData), results
    assert _audit(engine, "simpan_evaluasi") == 2


# --- Validasi Semua: idempotent, also racing -----------------------------------------------------

def _validasi_semua(engine, actor, ids):
    with session_scope(engine) as s:
        return validasi.validasi_semua(s, actor, ids, TODAY)


def _status(engine):
    with session_scope(engine, readonly=True) as s:
        return {a.id: (a.status, a.divalidasi_oleh_id, a.version_id) for a in s.scalars(select(AktivitasHarian))}


def test_validasi_semua_twice_changes_each_row_once(engine, org, menunggu):
    assert _validasi_semua(engine, org.kasubbid, menunggu) == 5
    sesudah = _status(engine)
    assert _validasi_semua(engine, org.kasubbid, menunggu) == 0
    assert _status(engine) == sesudah
    assert {v[0] for v in sesudah.values()} == {StatusAktivitas.TERVALIDASI}
    assert {v[2] for v in sesudah.values()} == {2}          # one version step per row
    assert _audit(engine, "validasi_aktivitas") == 1


def test_validasi_semua_from_two_threads_at_once(engine, org, menunggu):
    results = _balapan(*[lambda: _validasi_semua(engine, org.kasubbid, menunggu)] * 2)
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert sorted(results) == [0, 5]
    status = _status(engine)
    assert {v[0] for v in status.values()} == {StatusAktivitas.TERVALIDASI}
    assert {v[2] for v in status.values()} == {2}
    assert _audit(engine, "validasi_aktivitas") == 1


def test_validasi_semua_racing_on_overlapping_rows(engine, org, menunggu):
    """Two clicks over overlapping selections: every row validated exactly once, one audit per effective
    change (a call that changed nothing writes none)."""
    results = _balapan(lambda: _validasi_semua(engine, org.kasubbid, menunggu[:3]),
                       lambda: _validasi_semua(engine, org.kasubbid, menunggu[1:]))
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert sum(results) == 5
    status = _status(engine)
    assert {v[2] for v in status.values()} == {2}
    assert _audit(engine, "validasi_aktivitas") == sum(1 for r in results if r)


def test_validasi_single_double_click(engine, org, menunggu):
    results = _balapan(*[lambda: _validasi_one(engine, org.kasubbid, menunggu[0])] * 2)
    assert sorted(results) == [0, 1], results
    assert _audit(engine, "validasi_aktivitas") == 1


def _validasi_one(engine, actor, aktivitas_id):
    with session_scope(engine) as s:
        return validasi.validasi(s, actor, aktivitas_id, TODAY)



def test_two_first_saves_of_the_same_realisasi_give_one_row_and_a_konflik(engine, org):
    """Pegawai and a second tab both save the first realisasi of a month (no version yet): one wins, the
    other gets KonflikData (not a database error), and there is exactly one row."""
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, date.today().year - 1)
    hasil, barrier = [], threading.Barrier(2)

    def simpan(nilai):
        try:
            with session_scope(engine) as s:
                barrier.wait()
                umpan_balik.simpan_realisasi(s, org.staf, skp.indikator_ids[0], 1, nilai, "Laporan",
                                             ["https://contoh.go.id/bukti"], None)
            hasil.append("ok")
        except KonflikData:
            hasil.append("konflik")

    threads = [threading.Thread(target=simpan, args=(n,)) for n in ("1", "2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(hasil) in (["konflik", "ok"], ["ok", "ok"])  # SQLite serialises the writers; ok twice is fine
    with session_scope(engine) as s:
        assert s.query(RealisasiBulanan).filter_by(indikator_id=skp.indikator_ids[0], bulan=1).count() == 1
