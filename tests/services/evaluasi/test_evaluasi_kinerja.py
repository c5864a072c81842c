"""Evaluasi Kinerja: the predikat matrix cell by cell, the state table, the suggested rating at its
boundaries, who may rate, the Final lock and Buka Kembali, the unit leader's rating."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.enums import JenisRHK, PredikatOrganisasi, PredikatPegawai, Rating, StatusEvaluasi, StatusSKP
from db.models import SKP, AuditLog, EvaluasiKinerja, IndikatorKinerja, RencanaHasilKerja
from db.session import session_scope
from services.evaluasi import evaluasi_kinerja as evaluasi
from services.evaluasi import kurva, umpan_balik
from services.evaluasi.periode_evaluasi import bulan_evaluasi, label_periode, label_rentang, periode_untuk
from services.evaluasi.predikat import RATING_PEMIMPIN, kelas_capaian, predikat, saran_dari
from services.evaluasi.ringkasan import evaluasi_saya
from services.evaluasi.status import final_untuk_bulan
from services.platform import settings
from services.platform.errors import AksesDitolak, KonflikData, ValidationError
from services.platform.kalender import hari_ini
from tests.factories import build_skp, isi_realisasi

TAHUN = hari_ini().year - 1
A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH
U, T = JenisRHK.UTAMA, JenisRHK.TAMBAHAN


# --- the official matrix ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "hasil, perilaku, expected",
    [
        (A, A, "Sangat Baik"),
        (A, S, "Baik"),
        (A, B, "Kurang/Misconduct"),
        (S, A, "Baik"),
        (S, S, "Baik"),
        (S, B, "Kurang/Misconduct"),
        (B, A, "Butuh Perbaikan"),
        (B, S, "Butuh Perbaikan"),
        (B, B, "Sangat Kurang"),
    ],
)
def test_predikat_matrix(hasil, perilaku, expected):
    assert predikat(hasil, perilaku).value == expected


def test_predikat_needs_both_ratings():
    assert predikat(A, None) is None and predikat(None, S) is None


D, F = StatusEvaluasi.DRAFT, StatusEvaluasi.FINAL


# --- the suggested rating ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "realisasi, kelas",
    [
        ("12", "sesuai"),
        ("12.0001", "di atas"),
        ("11.9999", "di bawah"),
        ("0", "di bawah"),
        ("24", "di atas"),
    ],
)
def test_indikator_class_at_exactly_the_target(realisasi, kelas):
    assert kelas_capaian(Decimal(realisasi), Decimal(12)) == kelas


@pytest.mark.parametrize(
    "items, expected",
    [
        ([(U, "di atas")], A),
        ([(U, "sesuai")], S),
        ([(U, "di bawah")], B),
        # more than half above, no Utama below
        ([(U, "di atas"), (U, "di atas"), (U, "sesuai")], A),
        ([(U, "di atas"), (U, "di atas"), (T, "di bawah")], A),  # a Tambahan below does not block
        # above is a majority but an Utama result is below → not Di Atas
        ([(U, "di atas"), (U, "di atas"), (U, "di bawah")], S),
        # exactly half above is not "most"
        ([(U, "di atas"), (U, "sesuai")], S),
        # exactly half below is not "most"
        ([(U, "di bawah"), (U, "sesuai")], S),
        ([(U, "di bawah"), (U, "di bawah"), (U, "sesuai")], B),
        ([(U, "di bawah"), (U, "di bawah"), (U, "di atas")], B),
        # indikator without a target are left out
        ([(U, None), (U, "di atas")], A),
        ([(U, None)], None),
        ([], None),
    ],
)
def test_suggested_rating(items, expected):
    rating, alasan = saran_dari(items)
    assert rating == expected
    assert alasan


@pytest.fixture
def skp(engine, org):
    with session_scope(engine) as s:
        return build_skp(s, org.staf, TAHUN)  # penilai: kasubbid; 2 Utama indikator, 1 Dokumen a month


def _saran(engine, actor, skp, kode):
    with session_scope(engine) as s:
        return evaluasi.detail(s, actor, skp.skp_id, kode).saran


def test_suggestion_from_the_realisasi_of_the_quarter(engine, org, skp):
    a, b = skp.indikator_ids
    with session_scope(engine) as s:
        for bulan in (1, 2, 3):
            isi_realisasi(s, a, bulan, 1)  # 3 of 3: sesuai
        isi_realisasi(s, b, 1, 2)
        isi_realisasi(s, b, 2, 2)  # 4 of 3 (March empty): di atas
    saran = _saran(engine, org.kasubbid, skp, "TW1")
    assert [(i.realisasi, i.target, i.kelas) for i in saran.indikator] == [
        (Decimal(3), Decimal(3), "sesuai"),
        (Decimal(4), Decimal(3), "di atas"),
    ]
    assert [str(i.persen) for i in saran.indikator] == ["100.00", "133.33"]
    assert saran.rating == S  # 1 of 2 above is not "most"
    with session_scope(engine) as s:
        isi_realisasi(s, a, 3 + 1, 0)  # April does not count in Triwulan I
    assert _saran(engine, org.kasubbid, skp, "TW1").rating == S
    # Tahunan: 3 of 12 and 4 of 12 → both below
    assert _saran(engine, org.kasubbid, skp, "TAHUNAN").rating == B


def test_suggestion_for_a_percentage_indikator_uses_the_latest_month(engine, org, skp):
    a, b = skp.indikator_ids
    with session_scope(engine) as s:
        for ind_id in (a, b):
            ind = s.get(IndikatorKinerja, ind_id)
            ind.aspek, ind.target, ind.satuan = "Kualitas", Decimal(100), "Persen"
            for t in ind.target_bulanan:
                t.target = Decimal(100)
        isi_realisasi(s, a, 1, 80)
        isi_realisasi(s, a, 2, "100.01")  # latest month: above
        isi_realisasi(s, b, 3, 100)  # exactly the target
    saran = _saran(engine, org.kasubbid, skp, "TW1")
    assert [i.kelas for i in saran.indikator] == ["di atas", "sesuai"]


def test_a_tambahan_result_below_does_not_block_di_atas(engine, org):
    with session_scope(engine) as s:
        ids = build_skp(s, org.fungsional, TAHUN, rhk=3)  # penilai: kabid
        s.get(RencanaHasilKerja, ids.rhk_ids[2]).jenis = JenisRHK.TAMBAHAN
        for ind in ids.indikator_ids[:2]:
            isi_realisasi(s, ind, 1, 4)  # 4 of the quarter's 3: above
    saran = _saran(engine, org.kabid, ids, "TW1")
    assert [i.kelas for i in saran.indikator] == ["di atas", "di atas", "di bawah"]
    assert saran.rating == A


# --- who may rate --------------------------------------------------------------------------------


def _simpan(engine, actor, skp_id, kode="TW1", hasil=S, perilaku=S, version=None):
    with session_scope(engine) as s:
        return evaluasi.simpan(s, actor, skp_id, kode, hasil, perilaku, version).version_id


def _count(engine) -> int:
    with session_scope(engine) as s:
        return s.scalar(select(func.count()).select_from(EvaluasiKinerja))


def test_the_direct_atasan_rates_and_the_predikat_follows(engine, org, skp):
    _simpan(engine, org.kasubbid, skp.skp_id, hasil=A, perilaku=A)
    with session_scope(engine) as s:
        ev = s.scalar(select(EvaluasiKinerja))
        assert (ev.status, ev.predikat, ev.penilai_id) == (D, PredikatPegawai.SANGAT_BAIK, org.kasubbid.pegawai_id)


@pytest.mark.parametrize("who", ["staf", "kabid", "kepala", "fungsional", "kadinkes", "admin"])
def test_nobody_else_rates(engine, org, skp, who):
    with pytest.raises(AksesDitolak):
        _simpan(engine, getattr(org, who), skp.skp_id)
    assert _count(engine) == 0


def test_bad_period_and_rating_are_refused(engine, org, skp):
    with pytest.raises(ValidationError, match="tidak dikenal"):
        _simpan(engine, org.kasubbid, skp.skp_id, kode="TW9")
    with pytest.raises(ValidationError, match="Rating harus"):
        _simpan(engine, org.kasubbid, skp.skp_id, hasil="Luar Biasa")
    assert _count(engine) == 0


def test_an_skp_that_is_not_ditetapkan_cannot_be_rated(engine, org):
    with session_scope(engine) as s:
        draft = build_skp(s, org.fungsional, TAHUN, status=StatusSKP.DRAFT)
    with pytest.raises(ValidationError, match="belum ditetapkan"):
        _simpan(engine, org.kabid, draft.skp_id)


# --- Final locks, Buka Kembali ---------------------------------------------------------------------


def test_finalkan_locks_ratings_and_realisasi_until_reopened(engine, org, skp):
    ind = skp.indikator_ids[0]
    with session_scope(engine) as s:
        v_real = umpan_balik.simpan_realisasi(s, org.staf, ind, 2, "1", "SIMPEG", "https://a.go.id/1", None).version_id
    v = _simpan(engine, org.kasubbid, skp.skp_id, hasil=S, perilaku=A)
    with session_scope(engine) as s:
        v = evaluasi.finalkan(s, org.kasubbid, skp.skp_id, "TW1", v).version_id
    # ratings locked
    with pytest.raises(ValidationError, match="sudah Final"):
        _simpan(engine, org.kasubbid, skp.skp_id, hasil=B, perilaku=B, version=v)
    # realisasi of February locked
    with session_scope(engine) as s, pytest.raises(ValidationError, match="sudah Final"):
        umpan_balik.simpan_realisasi(s, org.staf, ind, 2, "5", "SIMPEG", "https://a.go.id/1", v_real)
    # the pegawai sees the Final evaluation
    with session_scope(engine) as s:
        mine = evaluasi_saya(s, org.staf)
        assert [(e.label, e.predikat) for e in mine] == [
            (f"Triwulan I (Januari – Maret {TAHUN})", PredikatPegawai.BAIK)
        ]
    # reopening needs a reason, and only the penilai or an admin
    with session_scope(engine) as s, pytest.raises(ValidationError, match="Alasan"):
        evaluasi.buka_kembali(s, org.kasubbid, skp.skp_id, "TW1", "  ", v)
    with session_scope(engine) as s, pytest.raises(AksesDitolak):
        evaluasi.buka_kembali(s, org.staf, skp.skp_id, "TW1", "Saya tidak setuju", v)
    with session_scope(engine) as s, pytest.raises(AksesDitolak):
        evaluasi.buka_kembali(s, org.kabid, skp.skp_id, "TW1", "Atasan dari atasan", v)
    with session_scope(engine) as s:
        assert s.scalar(select(EvaluasiKinerja.status)) == F
        v = evaluasi.buka_kembali(s, org.kasubbid, skp.skp_id, "TW1", "Realisasi Februari dikoreksi", v).version_id
    with session_scope(engine) as s:
        audit_row = s.scalar(select(AuditLog).where(AuditLog.aksi == "buka_kembali_evaluasi"))
        assert "Realisasi Februari dikoreksi" in audit_row.sesudah and '"Final"' in audit_row.sebelum
    with session_scope(engine) as s:
        umpan_balik.simpan_realisasi(s, org.staf, ind, 2, "5", "SIMPEG", "https://a.go.id/1", v_real)
    _simpan(engine, org.kasubbid, skp.skp_id, hasil=B, perilaku=B, version=v)
    with session_scope(engine) as s:
        assert s.scalar(select(EvaluasiKinerja.predikat)) == PredikatPegawai.SANGAT_KURANG
        assert evaluasi_saya(s, org.staf) == []


def test_an_admin_may_reopen(engine, org, skp):
    v = _simpan(engine, org.kasubbid, skp.skp_id)
    with session_scope(engine) as s:
        v = evaluasi.finalkan(s, org.kasubbid, skp.skp_id, "TW1", v).version_id
    with session_scope(engine) as s:
        evaluasi.buka_kembali(s, org.admin, skp.skp_id, "TW1", "Koreksi data BKPSDM", v)
    with session_scope(engine) as s:
        assert s.scalar(select(EvaluasiKinerja.status)) == D


def test_finalkan_needs_both_ratings_and_a_saved_evaluation(engine, org, skp):
    with session_scope(engine) as s, pytest.raises(ValidationError):
        evaluasi.finalkan(s, org.kasubbid, skp.skp_id, "TW1", None)
    v = _simpan(engine, org.kasubbid, skp.skp_id, hasil=S, perilaku=None)
    with session_scope(engine) as s, pytest.raises(ValidationError, match="Rating Perilaku Kerja"):
        evaluasi.finalkan(s, org.kasubbid, skp.skp_id, "TW1", v)
    with session_scope(engine) as s:
        assert s.scalar(select(EvaluasiKinerja.status)) == D


def test_a_stale_rating_is_a_conflict(engine, org, skp):
    v = _simpan(engine, org.kasubbid, skp.skp_id, hasil=S, perilaku=S)
    _simpan(engine, org.kasubbid, skp.skp_id, hasil=A, perilaku=S, version=v)
    with pytest.raises(KonflikData):
        _simpan(engine, org.kasubbid, skp.skp_id, hasil=B, perilaku=B, version=v)
    with pytest.raises(KonflikData):
        _simpan(engine, org.kasubbid, skp.skp_id, hasil=B, perilaku=B, version=None)
    with session_scope(engine) as s:
        assert s.scalar(select(EvaluasiKinerja.rating_hasil_kerja)) == A


# --- periods from the setting ----------------------------------------------------------------------


def test_periods_follow_the_setting(engine, org, skp):
    with session_scope(engine) as s:
        periode = s.get(SKP, skp.skp_id).periode
        assert periode_untuk(s, periode) == ["TW1", "TW2", "TW3", "TW4", "TAHUNAN"]
        assert [label_periode(k) for k in periode_untuk(s, periode)] == [
            "Triwulan I",
            "Triwulan II",
            "Triwulan III",
            "Triwulan IV",
            "Tahunan",
        ]
        settings.setel(s, org.admin, "periode_evaluasi", "bulanan")
    with session_scope(engine) as s:
        periode = s.get(SKP, skp.skp_id).periode
        kode = periode_untuk(s, periode)
        assert kode[:2] == ["B01", "B02"] and kode[-1] == "TAHUNAN" and len(kode) == 13
        assert [label_periode(k) for k in kode[:3]] == ["Januari", "Februari", "Maret"]
    v = _simpan(engine, org.kasubbid, skp.skp_id, kode="B03")
    with session_scope(engine) as s:
        evaluasi.finalkan(s, org.kasubbid, skp.skp_id, "B03", v)
    with session_scope(engine) as s:
        assert final_untuk_bulan(s, skp.skp_id, 3) == "Maret"
        assert final_untuk_bulan(s, skp.skp_id, 4) is None


def test_a_shorter_period_only_has_its_quarters(engine, org):
    from services.organisasi import periode as periode_service

    with session_scope(engine) as s:
        p = periode_service.tambah(s, org.fungsional, TAHUN, date(TAHUN, 7, 1), date(TAHUN, 12, 31))
        assert periode_untuk(s, p) == ["TW3", "TW4", "TAHUNAN"]
        assert bulan_evaluasi("TAHUNAN", p) == [7, 8, 9, 10, 11, 12]
        assert label_rentang("TAHUNAN", p) == f"Tahunan (Juli – Desember {TAHUN})"


# --- the unit leader takes the organisation's result --------------------------------------------------


@pytest.mark.parametrize(
    "org_predikat, rating",
    [
        ("Istimewa", A),
        ("Baik", S),
        ("Butuh Perbaikan", B),
        ("Kurang", B),
        ("Sangat Kurang", B),
    ],
)
def test_the_leader_mapping(org_predikat, rating):
    assert RATING_PEMIMPIN[PredikatOrganisasi(org_predikat)] == rating


def test_the_unit_leader_takes_the_organisations_result(engine, org):
    with session_scope(engine) as s:
        kepala = build_skp(s, org.kepala, TAHUN)  # JPT of BKPSDM, penilai: Bupati (another unit)
        kabid = build_skp(s, org.kabid, TAHUN)  # not a leader: a bidang under kepala
    with session_scope(engine) as s:
        d = evaluasi.detail(s, org.bupati, kepala.skp_id, "TW1")
        assert d.pemimpin_unit and d.predikat_organisasi is None
        assert not evaluasi.detail(s, org.kepala, kabid.skp_id, "TW1").pemimpin_unit
    with pytest.raises(ValidationError, match="belum ditetapkan"):
        _simpan(engine, org.bupati, kepala.skp_id, hasil=A, perilaku=S)
    # perilaku alone may be saved while the organisation's predikat is pending
    v = _simpan(engine, org.bupati, kepala.skp_id, hasil=None, perilaku=S)
    with session_scope(engine) as s:
        kurva.tetapkan_predikat_organisasi(s, org.admin, org.bkpsdm, TAHUN, "TW1", "Baik")
    with pytest.raises(ValidationError, match=r"Predikat Kinerja Organisasi \(Baik\), yaitu Sesuai Ekspektasi"):
        _simpan(engine, org.bupati, kepala.skp_id, hasil=A, perilaku=S, version=v)
    v = _simpan(engine, org.bupati, kepala.skp_id, hasil=S, perilaku=A, version=v)
    with session_scope(engine) as s:
        assert (
            s.scalar(select(EvaluasiKinerja.predikat).where(EvaluasiKinerja.skp_id == kepala.skp_id))
            == PredikatPegawai.BAIK
        )
    # a non-leader is rated freely
    _simpan(engine, org.kepala, kabid.skp_id, hasil=A, perilaku=A)
