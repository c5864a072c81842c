"""One annual predikat per pegawai and year (#15 point 2) and the leader's rating (point 3), docs/domain.md §8.15,
on the tree of pohon.py: Pindah's year has two periods (Seksi under the Kasi, then Bidang under the Kabid)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.enums import Rating
from db.models import AuditLog, EvaluasiKinerja
from db.session import session_scope
from services.evaluasi import evaluasi_kinerja as evaluasi
from services.evaluasi import kurva, ringkasan, tahunan
from services.platform.errors import ValidationError
from services.platform.kalender import hari_ini
from tests.services.evaluasi import pohon

TAHUN = hari_ini().year - 1
A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH


def _nilai(s, actor, skp_id, kode, hasil, perilaku, final=True):
    ev = evaluasi.simpan(s, actor, skp_id, kode, hasil, perilaku, None)
    if final:
        evaluasi.finalkan(s, actor, skp_id, kode, ev.version_id)


@pytest.fixture
def t(engine):
    with session_scope(engine) as s:
        return pohon.bangun(s, TAHUN)


# (periodic Final ratings (hasil, perilaku), annual ratings) → departs from all of them
@pytest.mark.parametrize(
    "periodik, tahunan_rating, menyimpang",
    [
        ([(A, A)] * 4, (B, B), True),  # all Sangat Baik, annual Sangat Kurang: the case
        ([(A, A)] * 4, (A, S), True),  # perilaku below every periodic one
        ([(A, A)] * 4, (A, A), False),
        ([(S, S), (A, A), (B, S), (S, A)], (S, S), False),  # inside the range on both
        ([(S, S), (A, A)], (B, S), True),  # hasil below every periodic hasil
        ([], (B, B), False),  # nothing to compare with
    ],
)
def test_departs_from_all_periodic_ratings(periodik, tahunan_rating, menyimpang):
    hasil = tahunan._di_luar(tahunan_rating[0], [h for h, _ in periodik])
    perilaku = tahunan._di_luar(tahunan_rating[1], [p for _, p in periodik])
    assert (hasil or perilaku) == menyimpang


def test_the_annual_evaluation_is_made_on_the_last_period_only(engine, t):
    kasi, kabid = t.actor["kasi"], t.actor["kabid"]
    with session_scope(engine) as s, pytest.raises(ValidationError, match="Periode SKP terakhir") as e:
        evaluasi.simpan(s, kasi, t.skp["pindah_awal"], "TAHUNAN", S, S)
    assert "Kabid Pohon" in str(e.value) and "Bidang Pohon" in str(e.value)
    with session_scope(engine) as s:
        d = evaluasi.detail(s, kasi, t.skp["pindah_awal"], "TAHUNAN")
        assert not d.bisa_menilai and not d.bisa_finalkan and "Periode SKP terakhir" in d.peringatan[0]
        # the Kasi's annual list leaves Pindah out; the Kabid's holds him
        assert {r.nama for r in ringkasan.daftar_bawahan(s, kasi, TAHUN, "TAHUNAN")} == {
            "Operator Pohon",
            "Pensiun Pohon",
        }
        assert "Pindah Pohon" in {r.nama for r in ringkasan.daftar_bawahan(s, kabid, TAHUN, "TAHUNAN")}
        assert "TAHUNAN" not in ringkasan.pilihan_periode(s, t.actor["pindah"], t.skp["pindah_awal"])[0]
        assert "TAHUNAN" in ringkasan.pilihan_periode(s, t.actor["pindah"], t.skp["pindah"])[0]


def test_the_last_atasan_sees_the_year_and_is_warned(engine, t):
    kasi, kabid = t.actor["kasi"], t.actor["kabid"]
    with session_scope(engine) as s:
        for kode in ("TW1", "TW2", "TW3"):
            _nilai(s, kasi, t.skp["pindah_awal"], kode, A, A)
        for kode in ("TW3", "TW4"):
            _nilai(s, kabid, t.skp["pindah"], kode, A, A)
        _nilai(s, kabid, t.skp["pindah"], "TAHUNAN", B, B, final=False)
    with session_scope(engine) as s:
        d = evaluasi.detail(s, kabid, t.skp["pindah"], "TAHUNAN")
    assert [(h.label.split(" (")[0], h.unit, h.penilai, h.predikat.value) for h in d.riwayat] == [
        ("Triwulan I", "Seksi Pohon", "Kasi Pohon", "Sangat Baik"),
        ("Triwulan II", "Seksi Pohon", "Kasi Pohon", "Sangat Baik"),
        ("Triwulan III", "Seksi Pohon", "Kasi Pohon", "Sangat Baik"),
        ("Triwulan III", "Bidang Pohon", "Kabid Pohon", "Sangat Baik"),
        ("Triwulan IV", "Bidang Pohon", "Kabid Pohon", "Sangat Baik"),
    ]
    assert len(d.peringatan) == 2
    assert d.peringatan[0].startswith("Rating tahunan menyimpang dari seluruh evaluasi periodik tahun ini")
    assert d.peringatan[1] == (
        "Predikat tahunan (Sangat Kurang) berbeda dari predikat Triwulan IV (Sangat Baik), "
        "evaluasi periode akhir tahun."
    )
    with session_scope(engine) as s:  # the save's audit row keeps the warning: nothing silent
        after = s.scalars(
            select(AuditLog.sesudah).where(AuditLog.aksi == "simpan_evaluasi").order_by(AuditLog.id)
        ).all()[-1]
    assert "menyimpang" in str(after)
    # consistent ratings: no warning
    with session_scope(engine) as s:
        v = s.scalar(select(EvaluasiKinerja.version_id).where(EvaluasiKinerja.periode_evaluasi == "TAHUNAN"))
        evaluasi.simpan(s, kabid, t.skp["pindah"], "TAHUNAN", A, A, v)
        assert evaluasi.detail(s, kabid, t.skp["pindah"], "TAHUNAN").peringatan == ()


def test_tahunan_is_finalised_after_the_triwulan_iv_akhir(engine, t):
    kasi = t.actor["kasi"]
    with session_scope(engine) as s:
        _nilai(s, kasi, t.skp["operator"], "TAHUNAN", S, S, final=False)
    with session_scope(engine) as s, pytest.raises(ValidationError, match="Finalkan dahulu Evaluasi Triwulan IV"):
        evaluasi.finalkan(s, kasi, t.skp["operator"], "TAHUNAN", 1)
    with session_scope(engine) as s:
        _nilai(s, kasi, t.skp["operator"], "TW4", S, S)
        evaluasi.finalkan(s, kasi, t.skp["operator"], "TAHUNAN", 1)
    # Pindah's first period (ends 14 August): its closing evaluation would be Triwulan III, but it has no Tahunan
    with session_scope(engine) as s:
        assert tahunan.kode_penutup(s, pohon.skp_periode(s, t.skp["pindah_awal"])) == "TW3"


def test_a_kepala_bidang_takes_his_bidangs_predikat(engine, t):
    kadis, kabid, admin = t.actor["kadis"], t.actor["kabid"], t.actor["admin"]
    with session_scope(engine) as s:  # no predikat for the Bidang yet: rated freely, unlike a JPT
        evaluasi.simpan(s, kadis, t.skp["kabid"], "TW1", A, S)
        kurva.tetapkan_predikat_organisasi(s, admin, t.unit["bidang"], TAHUN, "TW1", "Butuh Perbaikan")
    with session_scope(engine) as s, pytest.raises(ValidationError, match=r"\(Butuh Perbaikan\), yaitu Di Bawah"):
        evaluasi.finalkan(s, kadis, t.skp["kabid"], "TW1", 1)  # saved before the predikat: checked again
    with session_scope(engine) as s:
        d = evaluasi.detail(s, kadis, t.skp["kabid"], "TW1")
        assert d.memimpin_unit and not d.pemimpin_unit and d.rating_hasil_wajib == B
        evaluasi.simpan(s, kadis, t.skp["kabid"], "TW1", B, S, 1)
        evaluasi.finalkan(s, kadis, t.skp["kabid"], "TW1", 2)
    # a Kepala Seksi (Pengawas) likewise; his staff are rated freely
    with session_scope(engine) as s:
        kurva.tetapkan_predikat_organisasi(s, admin, t.unit["seksi"], TAHUN, "TW1", "Istimewa")
    with session_scope(engine) as s, pytest.raises(ValidationError, match="yaitu Di Atas Ekspektasi"):
        evaluasi.simpan(s, kabid, t.skp["kasi"], "TW1", S, S)
    with session_scope(engine) as s:
        evaluasi.simpan(s, kabid, t.skp["kasi"], "TW1", A, S)
        evaluasi.simpan(s, t.actor["kasi"], t.skp["operator"], "TW1", S, S)
