"""The Kurva Distribusi's population (#15 point 1, docs/domain.md §8.16) on the three-level tree of pohon.py:
which pegawai each curve holds, with and without sub-unit predikats, around a mutasi (Pindah moves from Seksi
to Bidang on 15 August) and an exit (Pensiun out from 1 December); the Kepala Daerah and the leaders never
in their own curve. Expected sets worked out by hand from the tree's drawing."""

from __future__ import annotations

from datetime import date

import pytest

from db.enums import Rating, StatusEvaluasi
from db.models import EvaluasiKinerja, UnitKerja
from db.session import session_scope
from services.evaluasi import kurva, populasi, rekap_predikat
from services.evaluasi.predikat import predikat
from services.pimpinan import dasbor
from services.platform.kalender import hari_ini
from tests.services.evaluasi import pohon

TAHUN = hari_ini().year - 1
SEMUA_DI_BAWAH_KADIS = {"sekretaris", "kabid", "analis", "kasi", "operator", "pindah", "pensiun"}


@pytest.mark.parametrize(
    "kode, tanggal",
    [("TW1", date(TAHUN, 3, 31)), ("TW2", date(TAHUN, 6, 30)), ("B02", date(TAHUN, 2, 28 + (TAHUN % 4 == 0)))]
    + [("TAHUNAN", date(TAHUN, 12, 31)), ("TW4", date(TAHUN, 12, 31))],
)
def test_the_deciding_date_is_the_last_day_of_the_period(kode, tanggal):
    assert populasi.tanggal_penentu(TAHUN, kode) == tanggal


# (units with their own predikat, evaluation period) → {unit: the pegawai of its curve}
CASES = [
    # only the Dinas: everyone under the Kadis, the Kadis himself out
    ({"dinas"}, "TW1", {"dinas": SEMUA_DI_BAWAH_KADIS}),
    # the Seksi too: its pegawai leave the Dinas' curve; the Kasi (its leader) stays in the Dinas'
    (
        {"dinas", "seksi"},
        "TW2",
        {"dinas": {"sekretaris", "kabid", "analis", "kasi"}, "seksi": {"operator", "pindah", "pensiun"}},
    ),
    # after the mutasi (15 August) Pindah's period holding 30 September is in the Bidang, under the Kabid
    (
        {"dinas", "seksi"},
        "TW3",
        {"dinas": {"sekretaris", "kabid", "analis", "kasi", "pindah"}, "seksi": {"operator", "pensiun"}},
    ),
    # three levels with their own predikat; Pensiun is out of service on 31 December
    (
        {"dinas", "bidang", "seksi"},
        "TW4",
        {"dinas": {"sekretaris", "kabid"}, "bidang": {"analis", "kasi", "pindah"}, "seksi": {"operator"}},
    ),
    (
        {"dinas", "bidang", "seksi"},
        "TW2",
        {"dinas": {"sekretaris", "kabid"}, "bidang": {"analis", "kasi"}, "seksi": {"operator", "pindah", "pensiun"}},
    ),
    (
        {"dinas", "bidang"},
        "TAHUNAN",
        {"dinas": {"sekretaris", "kabid"}, "bidang": {"analis", "kasi", "operator", "pindah"}},
    ),
    ({"dinas"}, "TAHUNAN", {"dinas": SEMUA_DI_BAWAH_KADIS - {"pensiun"}}),
]


@pytest.mark.parametrize("berpredikat, kode, expected", CASES)
def test_who_is_in_each_curve(engine, berpredikat, kode, expected):
    with session_scope(engine) as s:
        t = pohon.bangun(s, TAHUN)
        for unit in berpredikat:
            kurva.tetapkan_predikat_organisasi(s, t.actor["admin"], t.unit[unit], TAHUN, kode, "Baik")
        got = {
            unit: pohon.nama_periode(s, [p.id for p in populasi.anggota_kurva(s, t.unit[unit], TAHUN, kode)])
            for unit in berpredikat
        }
    assert got == expected
    # each pegawai in at most one curve
    semua = [n for names in got.values() for n in names]
    assert len(semua) == len(set(semua))


def test_a_unit_without_its_own_predikat_is_read_as_if_it_had_one(engine):
    with session_scope(engine) as s:
        t = pohon.bangun(s, TAHUN)
        anggota = populasi.anggota_kurva(s, t.unit["bidang"], TAHUN, "TW1")
        assert pohon.nama_periode(s, [p.id for p in anggota]) == {"analis", "kasi", "operator", "pindah", "pensiun"}


def _final(s, skp_id, hasil, perilaku, kode):
    s.add(
        EvaluasiKinerja(
            skp_id=skp_id,
            periode_evaluasi=kode,
            rating_hasil_kerja=hasil,
            rating_perilaku_kerja=perilaku,
            predikat=predikat(hasil, perilaku),
            status=StatusEvaluasi.FINAL,
        )
    )


def test_a_mutasi_mid_quarter_counts_once_on_the_period_holding_its_end(engine):
    A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH
    with session_scope(engine) as s:
        t = pohon.bangun(s, TAHUN)
        admin = t.actor["admin"]
        for unit in ("dinas", "bidang", "seksi"):
            kurva.tetapkan_predikat_organisasi(s, admin, t.unit[unit], TAHUN, "TW3", "Baik")
        # Pindah has a TW3 evaluation on both sides of the mutasi (July–August in Seksi, August–September in Bidang)
        _final(s, t.skp["pindah_awal"], B, B, "TW3")  # Sangat Kurang, by the Kasi: not counted anywhere
        _final(s, t.skp["pindah"], A, A, "TW3")  # Sangat Baik, by the Kabid: in the Bidang's curve
        _final(s, t.skp["operator"], S, S, "TW3")  # Baik, Seksi
        _final(s, t.skp["kasi"], S, B, "TW3")  # Kurang/Misconduct, Bidang
        _final(s, t.skp["kabid"], A, S, "TW3")  # Baik, Dinas
        _final(s, t.skp["kadis"], A, A, "TW3")  # the Kadis leads the Dinas: in no curve (the Kabupaten has none)
    with session_scope(engine) as s:
        dinas = kurva.distribusi(s, admin, t.unit["dinas"], TAHUN, "TW3")
        bidang = kurva.distribusi(s, admin, t.unit["bidang"], TAHUN, "TW3")
        seksi = kurva.distribusi(s, admin, t.unit["seksi"], TAHUN, "TW3")
        rekap = rekap_predikat.rows(s, admin, t.unit["bidang"], TAHUN, "TW3")
        # the Dasbor counts the Dinas' subtree (leaders included), Pindah once: his Sangat Kurang is not counted
        sebaran = dasbor._sebaran_predikat(s, s.get_one(UnitKerja, t.unit["dinas"]), TAHUN)
    assert {p.value: n for p, n in dinas.jumlah.items() if n} == {"Baik": 1}
    assert {p.value: n for p, n in bidang.jumlah.items() if n} == {"Sangat Baik": 1, "Kurang/Misconduct": 1}
    assert {p.value: n for p, n in seksi.jumlah.items() if n} == {"Baik": 1}
    assert [(x.kode, {p.value: n for p, n in x.jumlah.items() if n}) for x in sebaran] == [
        ("TW3", {"Sangat Baik": 2, "Baik": 2, "Kurang/Misconduct": 1})
    ]
    # the rekap lists the curve's pegawai, Pindah once (the Bidang period), with or without an evaluation
    assert sorted((r[1], r[3], r[8]) for r in rekap) == [
        ("Analis Pohon", "Bidang Pohon", "-"),
        ("Kasi Pohon", "Seksi Pohon", "Kurang/Misconduct"),
        ("Pindah Pohon", "Bidang Pohon", "Sangat Baik"),
    ]
