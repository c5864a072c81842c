"""Umpan Balik Berkelanjutan, tab Hasil Kerja and Perilaku Kerja: who fills what, capaian by hand,
optimistic locking, the Final lock. Every refusal changes nothing."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.enums import StatusEvaluasi, StatusSKP
from db.models import AuditLog, BuktiDukung, EvaluasiKinerja, IndikatorKinerja, RealisasiBulanan, UmpanBalikPerilaku
from db.session import session_scope
from services.evaluasi import umpan_balik, umpan_balik_perilaku
from services.platform.errors import AksesDitolak, KonflikData, ValidationError
from services.platform.format import WIB, persen
from services.platform.kalender import hari_ini
from tests.factories import build_skp, isi_realisasi

TAHUN = hari_ini().year - 1
BUKTI = "https://drive.google.com/drive/folders/bukti-1"


@pytest.fixture
def skp(engine, org):
    with session_scope(engine) as s:
        return build_skp(s, org.staf, TAHUN)  # 2 indikator, 12 Dokumen a year, 1 a month


def _rows(engine) -> int:
    with session_scope(engine) as s:
        return s.scalar(select(func.count()).select_from(RealisasiBulanan))


def _simpan(engine, actor, ind, bulan=3, realisasi="2", sumber="Aplikasi SIMPEG", bukti=BUKTI, version=None):
    with session_scope(engine) as s:
        row = umpan_balik.simpan_realisasi(s, actor, ind, bulan, realisasi, sumber, bukti, version)
        return row.version_id


def test_pegawai_fills_realisasi_and_sees_capaian(engine, org, skp):
    ind = skp.indikator_ids[0]
    _simpan(engine, org.staf, ind, bulan=1, realisasi="1")
    _simpan(engine, org.staf, ind, bulan=2, realisasi="0,5", bukti=f"{BUKTI}\nhttps://contoh.go.id/b2")
    with session_scope(engine) as s:
        hk = umpan_balik.hasil_kerja(s, org.staf, skp.skp_id, 2)
    row = hk.rows[0]
    assert hk.bisa_isi and not hk.bisa_umpan_balik
    assert row.realisasi == Decimal("0.5") and row.sumber_data == "Aplikasi SIMPEG"
    assert row.bukti == [BUKTI, "https://contoh.go.id/b2"]
    # month: 0.5 of 1 → 50 %; to date: (1 + 0.5) of 12 → 12.5 %
    assert persen(row.capaian_bulan) == "50,00 %"
    assert persen(row.capaian_kumulatif) == "12,50 %"
    # the second indikator has nothing yet
    assert hk.rows[1].realisasi is None and persen(hk.rows[1].capaian_bulan) == "-"


def test_capaian_is_a_dash_when_the_target_is_zero(engine, org, skp):
    ind = skp.indikator_ids[0]
    with session_scope(engine) as s:
        indikator = s.get(IndikatorKinerja, ind)
        next(t for t in indikator.target_bulanan if t.bulan == 4).target = Decimal(0)
    _simpan(engine, org.staf, ind, bulan=4, realisasi="3")
    with session_scope(engine) as s:
        row = umpan_balik.hasil_kerja(s, org.staf, skp.skp_id, 4).rows[0]
    assert row.capaian_bulan is None and persen(row.capaian_bulan) == "-"
    assert persen(row.capaian_kumulatif) == "25,00 %"  # 3 of 12


def test_capaian_rounds_half_up_to_two_decimals(engine, org, skp):
    _simpan(engine, org.staf, skp.indikator_ids[0], bulan=1, realisasi="0.00125")  # 0.125 % → 0.13 %
    with session_scope(engine) as s:
        row = umpan_balik.hasil_kerja(s, org.staf, skp.skp_id, 1).rows[0]
    assert persen(row.capaian_bulan) == "0,13 %"


def test_atasan_writes_feedback_and_pegawai_sees_it(engine, org, skp):
    ind = skp.indikator_ids[0]
    version = _simpan(engine, org.staf, ind)
    with session_scope(engine) as s:
        umpan_balik.simpan_umpan_balik(s, org.kasubbid, ind, 3, "Bagus, pertahankan.", version)
    with session_scope(engine) as s:
        hk = umpan_balik.hasil_kerja(s, org.staf, skp.skp_id, 3)
        assert hk.rows[0].umpan_balik == "Bagus, pertahankan."
        assert hk.rows[0].umpan_balik_oleh == "Kasubbid Uji"
        atasan_view = umpan_balik.hasil_kerja(s, org.kasubbid, skp.skp_id, 3)
        assert atasan_view.bisa_umpan_balik and not atasan_view.bisa_isi


@pytest.mark.parametrize("who", ["kabid", "kepala", "fungsional", "kadinkes"])
def test_only_the_penilai_writes_feedback_and_others_cannot_read(engine, org, skp, who):
    ind = skp.indikator_ids[0]
    version = _simpan(engine, org.staf, ind)
    with session_scope(engine) as s, pytest.raises(AksesDitolak):
        umpan_balik.simpan_umpan_balik(s, getattr(org, who), ind, 3, "Catatan", version)
    with session_scope(engine) as s, pytest.raises(AksesDitolak):
        umpan_balik.hasil_kerja(s, getattr(org, who), skp.skp_id, 3)
    with session_scope(engine) as s:
        assert s.scalar(select(RealisasiBulanan.umpan_balik)) is None


def test_pegawai_cannot_write_feedback_and_atasan_cannot_fill_realisasi(engine, org, skp):
    ind = skp.indikator_ids[0]
    with session_scope(engine) as s, pytest.raises(AksesDitolak):
        umpan_balik.simpan_umpan_balik(s, org.staf, ind, 3, "Saya hebat", None)
    with session_scope(engine) as s, pytest.raises(AksesDitolak):
        umpan_balik.simpan_realisasi(s, org.kasubbid, ind, 3, "5", "x", BUKTI, None)
    assert _rows(engine) == 0


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"realisasi": ""}, "Realisasi wajib diisi"),
        ({"realisasi": "lima"}, "harus berupa angka"),
        ({"realisasi": "-1"}, "tidak boleh negatif"),
        ({"realisasi": "NaN"}, "harus berupa angka"),
        ({"sumber": "  "}, "Sumber Data wajib diisi"),
        ({"sumber": "x" * 501}, "paling banyak 500"),
        ({"bukti": ""}, "Bukti Dukung wajib diisi"),
        ({"bukti": "javascript:alert(1)"}, "http:// atau https://"),
        ({"bukti": "data:text/html,<script>alert(1)</script>"}, "http:// atau https://"),
        ({"bukti": "/relatif/bukti.pdf"}, "http:// atau https://"),
        ({"bukti": "https://contoh.go.id/" + "a" * 2000}, "terlalu panjang"),
        ({"bulan": 13}, "di luar Periode SKP"),
    ],
)
def test_bad_input_is_refused_and_saves_nothing(engine, org, skp, kwargs, message):
    with pytest.raises(ValidationError) as error:
        _simpan(engine, org.staf, skp.indikator_ids[0], **kwargs)
    assert message in error.value.message
    assert _rows(engine) == 0


def test_zero_realisasi_needs_no_bukti(engine, org, skp):
    _simpan(engine, org.staf, skp.indikator_ids[0], realisasi="0", bukti="")
    assert _rows(engine) == 1


def test_a_future_month_cannot_be_filled(engine, org, time_machine):
    time_machine.move_to(datetime(TAHUN, 6, 15, 10, tzinfo=WIB))  # not December: there is a next month
    with session_scope(engine) as s:
        ini = build_skp(s, org.staf, TAHUN)
    with session_scope(engine) as s:
        umpan_balik.simpan_realisasi(s, org.staf, ini.indikator_ids[0], 6, "1", "x", BUKTI, None)
    with session_scope(engine) as s, pytest.raises(ValidationError, match="belum dapat diisi"):
        umpan_balik.simpan_realisasi(s, org.staf, ini.indikator_ids[0], 7, "1", "x", BUKTI, None)


def test_an_skp_that_is_not_ditetapkan_is_refused(engine, org):
    with session_scope(engine) as s:
        draft = build_skp(s, org.fungsional, TAHUN, status=StatusSKP.DIAJUKAN)
    with session_scope(engine) as s, pytest.raises(ValidationError, match="belum ditetapkan"):
        umpan_balik.simpan_realisasi(s, org.fungsional, draft.indikator_ids[0], 1, "1", "x", BUKTI, None)
    assert _rows(engine) == 0


def test_stale_save_is_a_conflict_and_changes_nothing(engine, org, skp):
    ind = skp.indikator_ids[0]
    v1 = _simpan(engine, org.staf, ind, realisasi="1")
    # the atasan answers meanwhile: the row moves on
    with session_scope(engine) as s:
        umpan_balik.simpan_umpan_balik(s, org.kasubbid, ind, 3, "Mohon tambahkan bukti", v1)
    with pytest.raises(KonflikData):
        _simpan(engine, org.staf, ind, realisasi="9", version=v1)
    # a second "new" save of a row that now exists is stale too
    with pytest.raises(KonflikData):
        _simpan(engine, org.staf, ind, realisasi="9", version=None)
    with session_scope(engine) as s:
        row = s.scalar(select(RealisasiBulanan))
        assert row.realisasi == Decimal(1) and row.umpan_balik == "Mohon tambahkan bukti"


def test_saving_again_replaces_the_bukti(engine, org, skp):
    ind = skp.indikator_ids[0]
    v1 = _simpan(engine, org.staf, ind, bukti="https://a.go.id/1\nhttps://a.go.id/2")
    _simpan(engine, org.staf, ind, bukti="https://a.go.id/3", version=v1)
    with session_scope(engine) as s:
        assert list(s.scalars(select(BuktiDukung.url))) == ["https://a.go.id/3"]
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.aksi == "isi_realisasi")) == 2


def _final(engine, skp_id, kode):
    with session_scope(engine) as s:
        s.add(EvaluasiKinerja(skp_id=skp_id, periode_evaluasi=kode, status=StatusEvaluasi.FINAL))


def test_a_final_evaluation_locks_its_months_only(engine, org, skp):
    ind = skp.indikator_ids[0]
    v = _simpan(engine, org.staf, ind, bulan=3)
    _final(engine, skp.skp_id, "TW1")
    with pytest.raises(ValidationError, match="Triwulan I sudah Final"):
        _simpan(engine, org.staf, ind, bulan=3, realisasi="7", version=v)
    with session_scope(engine) as s, pytest.raises(ValidationError, match="terkunci"):
        umpan_balik.simpan_umpan_balik(s, org.kasubbid, ind, 3, "x", v)
    with session_scope(engine) as s:
        assert s.scalar(select(RealisasiBulanan.realisasi)) == Decimal(2)
        assert umpan_balik.hasil_kerja(s, org.staf, skp.skp_id, 3).bisa_isi is False
    _simpan(engine, org.staf, ind, bulan=4)  # Triwulan II is still open


def test_perilaku_feedback_by_the_penilai_read_by_the_pegawai(engine, org, skp):
    with session_scope(engine) as s:
        n = umpan_balik_perilaku.simpan_umpan_balik_perilaku(
            s, org.kasubbid, skp.skp_id, "TW1", {1: "Pelayanan cepat", 2: "", 3: "Ikuti bimtek"}
        )
    assert n == 2
    with session_scope(engine) as s:
        data = umpan_balik_perilaku.perilaku(s, org.staf, skp.skp_id, "TW1")
        assert [r.nama for r in data.rows][:2] == ["Berorientasi Pelayanan", "Akuntabel"]
        assert [r.umpan_balik for r in data.rows][:3] == ["Pelayanan cepat", None, "Ikuti bimtek"]
        assert not data.bisa_umpan_balik
        assert umpan_balik_perilaku.perilaku(s, org.staf, skp.skp_id, "TW2").rows[0].umpan_balik is None
    # emptying a text removes it
    with session_scope(engine) as s:
        umpan_balik_perilaku.simpan_umpan_balik_perilaku(s, org.kasubbid, skp.skp_id, "TW1", {1: ""})
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(UmpanBalikPerilaku)) == 1


def test_perilaku_feedback_refused_for_others_and_when_final(engine, org, skp):
    for actor in (org.staf, org.kabid, org.kepala):
        with session_scope(engine) as s, pytest.raises(AksesDitolak):
            umpan_balik_perilaku.simpan_umpan_balik_perilaku(s, actor, skp.skp_id, "TW1", {1: "x"})
    _final(engine, skp.skp_id, "TW1")
    with session_scope(engine) as s, pytest.raises(ValidationError, match="sudah Final"):
        umpan_balik_perilaku.simpan_umpan_balik_perilaku(s, org.kasubbid, skp.skp_id, "TW1", {1: "x"})
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(UmpanBalikPerilaku)) == 0


def test_factory_realisasi_counts_in_the_cumulative_capaian(engine, org, skp):
    with session_scope(engine) as s:
        for bulan in (1, 2, 3):
            isi_realisasi(s, skp.indikator_ids[1], bulan, 2)
    with session_scope(engine) as s:
        row = umpan_balik.hasil_kerja(s, org.kasubbid, skp.skp_id, 2).rows[1]
    assert persen(row.capaian_bulan) == "200,00 %"
    assert persen(row.capaian_kumulatif) == "33,33 %"  # (2 + 2) of 12; March is after the chosen month
