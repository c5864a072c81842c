"""Issue #8 (5): two people on the same record. Saves carry the version the screen showed (optimistic
locking): the second save of a stale screen is a KonflikData and changes nothing (realisasi, umpan balik,
Evaluasi Kinerja, and Aktivitas Harian edits, corrections and deletions). Validasi Semua is idempotent,
also when two clicks race in two threads. On both databases."""

from __future__ import annotations

import threading
from datetime import date, time
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.engine import is_sqlite
from db.enums import Rating, StatusAktivitas
from db.models import AktivitasHarian, AuditLog, EvaluasiKinerja, RealisasiBulanan
from db.session import session_scope
from services.aktivitas import harian as aktivitas
from services.aktivitas import validasi
from services.evaluasi import evaluasi_kinerja as evaluasi
from services.evaluasi import umpan_balik
from services.platform.errors import KonflikData, SipijarError, TidakDitemukan
from services.platform.kalender import hari_ini
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
        return [
            add_aktivitas(
                s, org.staf, skp, date(2026, 3, 30), f"{8 + i:02d}:00", f"{9 + i:02d}:00", StatusAktivitas.MENUNGGU
            ).id
            for i in range(5)
        ]


def _audit(engine, aksi: str) -> int:
    with session_scope(engine, readonly=True) as s:
        return s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.aksi == aksi))


def _realisasi(engine, actor, ind, realisasi, version):
    with session_scope(engine) as s:
        return umpan_balik.simpan_realisasi(
            s, actor, ind, 3, realisasi, "Laporan", BUKTI, version, today=TODAY
        ).version_id


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
    results = _balapan(
        lambda: _realisasi(engine, org.staf, ind, "7", v1), lambda: _realisasi(engine, org.staf, ind, "8", v1)
    )
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
    results = _balapan(
        lambda: _evaluasi(engine, org.kasubbid, skp.skp_id, A, v1),
        lambda: _evaluasi(engine, org.kasubbid, skp.skp_id, Rating.DI_BAWAH, v1),
    )
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
    assert {v[2] for v in sesudah.values()} == {2}  # one version step per row
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
    results = _balapan(
        lambda: _validasi_semua(engine, org.kasubbid, menunggu[:3]),
        lambda: _validasi_semua(engine, org.kasubbid, menunggu[1:]),
    )
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
        skp = build_skp(s, org.staf, hari_ini().year - 1)
    hasil, barrier = [], threading.Barrier(2)

    def simpan(nilai):
        try:
            with session_scope(engine) as s:
                barrier.wait()
                umpan_balik.simpan_realisasi(
                    s, org.staf, skp.indikator_ids[0], 1, nilai, "Laporan", ["https://contoh.go.id/bukti"], None
                )
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


# --- Aktivitas Harian: edit, correct-and-resubmit, delete ------------------------------------------


def _isian(skp, teks: str) -> aktivitas.AktivitasInput:
    """The edit form of the first waiting row (30 March, 08.00–09.00) with a new uraian."""
    return aktivitas.AktivitasInput(
        tanggal=date(2026, 3, 30),
        rhk_id=skp.rhk_ids[0],
        aktivitas=teks,
        volume=Decimal(1),
        satuan="Dokumen",
        jam_mulai=time(8, 0),
        jam_selesai=time(9, 0),
    )


def _ubah(engine, actor, skp, aktivitas_id, teks, version):
    with session_scope(engine) as s:
        return aktivitas.ubah(s, actor, aktivitas_id, _isian(skp, teks), TODAY, version=version).version_id


def _hapus(engine, actor, aktivitas_id, version):
    with session_scope(engine) as s:
        aktivitas.hapus(s, actor, aktivitas_id, TODAY, version=version)
    return "dihapus"


def _baris(engine, aktivitas_id):
    with session_scope(engine, readonly=True) as s:
        row = s.get(AktivitasHarian, aktivitas_id)
        return None if row is None else (row.aktivitas, row.status, row.alasan_tolak, row.version_id)


def _konflik(exc) -> bool:
    return (
        isinstance(exc, KonflikData)
        and "Data ini telah diubah oleh orang lain" in exc.message
        and "muat ulang" in exc.message
    )


def test_two_tabs_edit_one_aktivitas_the_second_save_is_a_conflict(engine, org, skp, menunggu):
    akt = menunggu[0]
    # both tabs show version 1; the first saves
    assert _ubah(engine, org.staf, skp, akt, "Tab pertama", 1) == 2
    with pytest.raises(KonflikData) as info:
        _ubah(engine, org.staf, skp, akt, "Tab kedua", 1)
    assert _konflik(info.value) and "tidak disimpan" in info.value.message
    assert _baris(engine, akt) == ("Tab pertama", StatusAktivitas.MENUNGGU, None, 2)
    assert _audit(engine, "ubah_aktivitas") == 1
    # the reloaded screen shows version 2, and its save goes through
    assert _ubah(engine, org.staf, skp, akt, "Tab kedua, dimuat ulang", 2) == 3
    assert _baris(engine, akt)[0] == "Tab kedua, dimuat ulang"


def test_an_edit_from_before_the_validation_does_not_undo_it(engine, org, skp, menunggu):
    """The pegawai's screen still shows Menunggu; the atasan validates; the pegawai's Simpan Perubahan and
    Hapus from that screen are conflicts (not a silent return to Menunggu, not a deletion)."""
    akt = menunggu[0]
    assert _validasi_one(engine, org.kasubbid, akt) == 1
    with pytest.raises(KonflikData) as info:
        _ubah(engine, org.staf, skp, akt, "Diubah setelah divalidasi", 1)
    assert _konflik(info.value)
    with pytest.raises(KonflikData) as info:
        _hapus(engine, org.staf, akt, 1)
    assert _konflik(info.value) and "tidak dihapus" in info.value.message
    assert _baris(engine, akt) == ("Menyusun laporan", StatusAktivitas.TERVALIDASI, None, 2)
    assert _audit(engine, "ubah_aktivitas") == _audit(engine, "hapus_aktivitas") == 0


def test_an_edit_from_before_the_rejection_keeps_the_rejection(engine, org, skp, menunggu):
    akt = menunggu[0]
    with session_scope(engine) as s:
        validasi.tolak(s, org.kasubbid, akt, "Jam tidak sesuai daftar hadir", TODAY)
    with pytest.raises(KonflikData):
        _ubah(engine, org.staf, skp, akt, "Tidak tahu sudah ditolak", 1)
    assert _baris(engine, akt) == ("Menyusun laporan", StatusAktivitas.DITOLAK, "Jam tidak sesuai daftar hadir", 2)
    # correcting from the reloaded screen (version 2) resubmits it
    assert _ubah(engine, org.staf, skp, akt, "Diperbaiki", 2) == 3
    assert _baris(engine, akt) == ("Diperbaiki", StatusAktivitas.MENUNGGU, None, 3)
    assert _audit(engine, "kirim_ulang_aktivitas") == 1


def test_a_stale_delete_is_refused(engine, org, skp, menunggu):
    akt = menunggu[0]
    _ubah(engine, org.staf, skp, akt, "Diubah di tab lain", 1)
    with pytest.raises(KonflikData) as info:
        _hapus(engine, org.staf, akt, 1)
    assert _konflik(info.value)
    assert _baris(engine, akt)[0] == "Diubah di tab lain"
    assert _audit(engine, "hapus_aktivitas") == 0
    assert _hapus(engine, org.staf, akt, 2) == "dihapus"
    assert _baris(engine, akt) is None


def _di_sela(monkeypatch, engine, a, b, modul=aktivitas, titik="pastikan_bulan_terbuka"):
    """Run ``a`` in a thread; once it has read the row (when it calls ``modul.titik``: for aktivitas its
    month check), run ``b`` in another thread and let it commit before ``a`` writes. That is the race on
    PostgreSQL, where ``a``'s write must notice the newer version. On SQLite ``a`` holds the write lock
    from its first statement, so ``b`` queues behind it and is the stale one. Returns (result of a,
    result of b): a value or the exception."""
    asli = getattr(modul, titik)
    hasil: dict = {}
    b_selesai = threading.Event()
    threads: list[threading.Thread] = []

    def jalankan(nama, call, done=None):
        try:
            hasil[nama] = call()
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            hasil[nama] = exc
        finally:
            if done is not None:
                done.set()

    def sela(*args, **kw):
        if threading.current_thread().name == "a" and not threads[1:]:
            threads.append(threading.Thread(target=jalankan, args=("b", b, b_selesai)))
            threads[1].start()
            b_selesai.wait(1 if is_sqlite(engine) else 60)
        return asli(*args, **kw)

    monkeypatch.setattr(modul, titik, sela)
    threads.append(threading.Thread(target=jalankan, args=("a", a), name="a"))
    threads[0].start()
    threads[0].join(120)
    threads[1].join(120)
    return hasil["a"], hasil["b"]


def test_an_edit_saved_in_between_is_not_overwritten(monkeypatch, engine, org, skp, menunggu):
    akt = menunggu[0]
    a, b = _di_sela(
        monkeypatch,
        engine,
        lambda: _ubah(engine, org.staf, skp, akt, "Tab A", 1),
        lambda: _ubah(engine, org.staf, skp, akt, "Tab B", 1),
    )
    menang, kalah, teks = (b, a, "Tab B") if not is_sqlite(engine) else (a, b, "Tab A")
    assert menang == 2 and _konflik(kalah), (a, b)
    assert _baris(engine, akt) == (teks, StatusAktivitas.MENUNGGU, None, 2)
    assert _audit(engine, "ubah_aktivitas") == 1


def test_a_delete_racing_an_edit_never_loses_the_edit(monkeypatch, engine, org, skp, menunggu):
    akt = menunggu[0]
    a, b = _di_sela(
        monkeypatch,
        engine,
        lambda: _hapus(engine, org.staf, akt, 1),
        lambda: _ubah(engine, org.staf, skp, akt, "Diubah di tab lain", 1),
    )
    if is_sqlite(engine):  # the delete went first; the edit finds no row any more
        assert a == "dihapus" and isinstance(b, TidakDitemukan), (a, b)
        assert _baris(engine, akt) is None
    else:  # the edit committed while the delete was under way: the delete is refused
        assert b == 2 and _konflik(a) and "tidak dihapus" in a.message, (a, b)
        assert _baris(engine, akt)[0] == "Diubah di tab lain"
        assert _audit(engine, "hapus_aktivitas") == 0


def test_a_validation_in_between_is_not_undone(monkeypatch, engine, org, skp, menunggu):
    """The atasan validates while the pegawai's stale edit is under way: the validation is never reset to
    Menunggu by an edit based on the version before it."""
    akt = menunggu[0]
    a, b = _di_sela(
        monkeypatch,
        engine,
        lambda: _ubah(engine, org.staf, skp, akt, "Diubah", 1),
        lambda: _validasi_one(engine, org.kasubbid, akt),
    )
    assert b == 1, (a, b)
    if is_sqlite(engine):  # the edit went first; the atasan then validated the edited row
        assert a == 2 and _baris(engine, akt) == ("Diubah", StatusAktivitas.TERVALIDASI, None, 3)
    else:
        assert _konflik(a), (a, b)
        assert _baris(engine, akt) == ("Menyusun laporan", StatusAktivitas.TERVALIDASI, None, 2)
        assert _audit(engine, "ubah_aktivitas") == 0


def test_two_first_saves_of_one_evaluasi_one_is_a_konflik(monkeypatch, engine, org, skp):
    """Two screens of a not yet rated evaluation (version None). On PostgreSQL both see no row; the one
    that inserts second hits the unique (skp, periode evaluasi) and gets KonflikData, not a database
    error. On SQLite the second one sees the first one's row."""
    a, b = _di_sela(
        monkeypatch,
        engine,
        lambda: _evaluasi(engine, org.kasubbid, skp.skp_id, A, None),
        lambda: _evaluasi(engine, org.kasubbid, skp.skp_id, Rating.DI_BAWAH, None),
        modul=evaluasi,
        titik="cek_versi",
    )
    menang, kalah, rating = (b, a, Rating.DI_BAWAH) if not is_sqlite(engine) else (a, b, A)
    assert menang == 1 and isinstance(kalah, KonflikData), (a, b)
    with session_scope(engine, readonly=True) as s:
        assert s.scalars(select(EvaluasiKinerja.rating_hasil_kerja)).all() == [rating]
    assert _audit(engine, "simpan_evaluasi") == 1


# --- the atasan validates what they saw: Validasi / Validasi Semua / Tolak carry the versions shown ---------


def _lihat(engine, actor, pegawai_id) -> dict[int, int]:
    """What the atasan's list shows: id → version."""
    with session_scope(engine, readonly=True) as s:
        return {r.id: r.version for r in validasi.daftar_menunggu(s, actor, pegawai_id)}


def _status_list(engine) -> list:
    return [status for status, _oleh, _versi in (v for _k, v in sorted(_status(engine).items()))]


def _konflik_validasi(exc, jumlah: int, aksi: str) -> bool:
    return (
        isinstance(exc, KonflikData)
        and f"{jumlah} aktivitas telah diubah atau diproses" in exc.message
        and f"tidak ada yang di{aksi}" in exc.message
    )


def test_a_row_edited_after_the_list_was_shown_is_not_validated_unseen(engine, org, skp, menunggu):
    dilihat = _lihat(engine, org.kasubbid, org.staf.pegawai_id)
    assert set(dilihat.values()) == {1} and len(dilihat) == 5
    _ubah(engine, org.staf, skp, menunggu[0], "Diubah setelah atasan membuka daftar", 1)
    with pytest.raises(KonflikData) as info:
        with session_scope(engine) as s:
            validasi.validasi_semua(s, org.kasubbid, list(dilihat), TODAY, versi=dilihat)
    assert _konflik_validasi(info.value, 1, "validasi")
    assert _status_list(engine) == [StatusAktivitas.MENUNGGU] * 5  # all or nothing
    assert _audit(engine, "validasi_aktivitas") == 0
    # one row alone, and Tolak, from the stale list: refused too
    for call in (
        lambda s: validasi.validasi(s, org.kasubbid, menunggu[0], TODAY, version=1),
        lambda s: validasi.tolak(s, org.kasubbid, menunggu[0], "Kurang jelas", TODAY, version=1),
    ):
        with pytest.raises(KonflikData):
            with session_scope(engine) as s:
                call(s)
    assert _baris(engine, menunggu[0]) == ("Diubah setelah atasan membuka daftar", StatusAktivitas.MENUNGGU, None, 2)
    # the reloaded list validates all five
    dilihat = _lihat(engine, org.kasubbid, org.staf.pegawai_id)
    with session_scope(engine) as s:
        assert validasi.validasi_semua(s, org.kasubbid, list(dilihat), TODAY, versi=dilihat) == 5
    assert _status_list(engine) == [StatusAktivitas.TERVALIDASI] * 5


def test_a_row_deleted_or_already_processed_since_the_list_is_a_conflict(engine, org, skp, menunggu):
    dilihat = _lihat(engine, org.kasubbid, org.staf.pegawai_id)
    _hapus(engine, org.staf, menunggu[1], 1)
    _validasi_one(engine, org.kasubbid, menunggu[2])  # another tab of the atasan
    with pytest.raises(KonflikData) as info:
        with session_scope(engine) as s:
            validasi.validasi_semua(s, org.kasubbid, list(dilihat), TODAY, versi=dilihat)
    assert _konflik_validasi(info.value, 2, "validasi")
    assert (
        _status_list(engine) == [StatusAktivitas.MENUNGGU, StatusAktivitas.TERVALIDASI] + [StatusAktivitas.MENUNGGU] * 2
    )


def test_an_edit_committed_between_the_check_and_the_update_refuses_validasi_semua(
    monkeypatch, engine, org, skp, menunggu
):
    """PostgreSQL (READ COMMITTED): the pegawai's edit commits after the versions were checked; the UPDATE
    only touches rows still at the version shown, so the whole Validasi Semua is refused. On SQLite the
    atasan holds the write lock: the edit waits and then meets a validated row."""
    dilihat = _lihat(engine, org.kasubbid, org.staf.pegawai_id)

    def semua():
        with session_scope(engine) as s:
            return validasi.validasi_semua(s, org.kasubbid, list(dilihat), TODAY, versi=dilihat)

    a, b = _di_sela(
        monkeypatch,
        engine,
        semua,
        lambda: _ubah(engine, org.staf, skp, menunggu[0], "Di sela", 1),
        modul=validasi,
        titik="pastikan_bulan_terbuka",
    )
    if is_sqlite(engine):
        assert a == 5 and _konflik(b), (a, b)
        assert _status_list(engine) == [StatusAktivitas.TERVALIDASI] * 5
    else:
        assert b == 2 and _konflik_validasi(a, 1, "validasi"), (a, b)
        assert _status_list(engine) == [StatusAktivitas.MENUNGGU] * 5
        assert _baris(engine, menunggu[0])[0] == "Di sela"
