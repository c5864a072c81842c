"""Kurva Distribusi: every rule of every organisation predikat with a passing and a failing spread at
its boundary (exactly 70 %, 60 %, 10 %); who sets the organisation's predikat; the count from the
database."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.enums import PredikatPegawai, Rating, StatusEvaluasi
from db.models import EvaluasiKinerja, PredikatKinerjaOrganisasi
from db.session import session_scope
from services.evaluasi import evaluasi_kinerja as evaluasi
from services.evaluasi import kurva
from services.evaluasi.predikat import predikat as predikat_pegawai
from services.platform.errors import AksesDitolak, ValidationError
from services.platform.kalender import hari_ini
from tests.factories import build_skp

TAHUN = hari_ini().year - 1
SB, BA, BP, KU, SK = (
    PredikatPegawai.SANGAT_BAIK,
    PredikatPegawai.BAIK,
    PredikatPegawai.BUTUH_PERBAIKAN,
    PredikatPegawai.KURANG,
    PredikatPegawai.SANGAT_KURANG,
)


def spread(**counts) -> dict[PredikatPegawai, int]:
    names = {"sb": SB, "b": BA, "bp": BP, "k": KU, "sk": SK}
    return {names[k]: v for k, v in counts.items()}


# (organisation predikat, spread, expected number of violated rules, a phrase of the violated rule)
CASES = [
    # Istimewa: at most 70 % Sangat Baik
    ("Istimewa", spread(sb=7, b=3), 0, None),
    ("Istimewa", spread(sb=8, b=2), 1, "paling banyak 70 % pegawai Sangat Baik; saat ini 8 dari 10 pegawai (80,00 %)"),
    # Baik: at most 70 % Baik
    ("Baik", spread(b=7, bp=1, sb=2), 0, None),
    ("Baik", spread(b=8, bp=1, sb=1), 1, "paling banyak 70 % pegawai Baik"),
    # Baik: at least one Butuh Perbaikan or Kurang/Misconduct
    ("Baik", spread(b=7, k=1, sb=2), 0, None),
    ("Baik", spread(b=7, sb=3), 1, "paling sedikit 1 pegawai Butuh Perbaikan atau Kurang/Misconduct"),
    # Butuh Perbaikan: at least 60 % Butuh Perbaikan
    ("Butuh Perbaikan", spread(bp=6, b=4), 0, None),
    ("Butuh Perbaikan", spread(bp=5, b=5), 1, "paling sedikit 60 % pegawai Butuh Perbaikan"),
    # Butuh Perbaikan: at most 10 % Sangat Baik
    ("Butuh Perbaikan", spread(bp=6, sb=1, b=3), 0, None),
    ("Butuh Perbaikan", spread(bp=6, sb=2, b=2), 1, "paling banyak 10 % pegawai Sangat Baik"),
    # Kurang: at least 60 % Kurang/Misconduct
    ("Kurang", spread(k=6, bp=1, b=3), 0, None),
    ("Kurang", spread(k=5, bp=1, b=4), 1, "paling sedikit 60 % pegawai Kurang/Misconduct"),
    # Kurang: at least 10 % Butuh Perbaikan
    ("Kurang", spread(k=6, bp=1, b=3), 0, None),
    ("Kurang", spread(k=6, b=4), 1, "paling sedikit 10 % pegawai Butuh Perbaikan"),
    # Kurang: at most 10 % Sangat Baik
    ("Kurang", spread(k=6, bp=1, sb=1, b=2), 0, None),
    ("Kurang", spread(k=6, bp=1, sb=2, b=1), 1, "paling banyak 10 % pegawai Sangat Baik"),
    # Sangat Kurang: at least 60 % Sangat Kurang
    ("Sangat Kurang", spread(sk=6, k=1, b=3), 0, None),
    ("Sangat Kurang", spread(sk=5, k=1, b=4), 1, "paling sedikit 60 % pegawai Sangat Kurang"),
    # Sangat Kurang: at least 10 % Kurang/Misconduct or Butuh Perbaikan (together)
    ("Sangat Kurang", spread(sk=6, bp=1, b=3), 0, None),
    ("Sangat Kurang", spread(sk=6, b=4), 1, "paling sedikit 10 % pegawai Kurang/Misconduct atau Butuh Perbaikan"),
    # Sangat Kurang: no Sangat Baik at all
    ("Sangat Kurang", spread(sk=6, k=1, b=3), 0, None),
    ("Sangat Kurang", spread(sk=6, k=1, sb=1, b=2), 1, "tidak ada pegawai Sangat Baik"),
]


@pytest.mark.parametrize("org_predikat, counts, n_violations, phrase", CASES)
def test_each_rule_at_its_boundary(org_predikat, counts, n_violations, phrase):
    violations = kurva.pelanggaran(kurva.O(org_predikat), counts)
    assert len(violations) == n_violations, violations
    if phrase:
        assert phrase in violations[0]
        assert violations[0].startswith(f"Predikat organisasi {org_predikat} mensyaratkan")


def test_every_rule_of_the_table_is_covered():
    for org_predikat, rules in kurva.ATURAN.items():
        phrases = [c[3] for c in CASES if c[0] == org_predikat.value and c[3]]
        assert len(phrases) == len(rules)
        for rule in rules:
            assert any(rule.teks in p for p in phrases), rule.teks


def test_several_violations_are_all_named():
    violations = kurva.pelanggaran(kurva.O.KURANG, spread(sb=10))
    assert len(violations) == 3


def test_no_evaluations_no_verdict():
    assert kurva.pelanggaran(kurva.O.BAIK, spread()) == []


# --- with the database -----------------------------------------------------------------------------


def _final(s, skp_id, hasil, perilaku, kode="TW1"):
    s.add(
        EvaluasiKinerja(
            skp_id=skp_id,
            periode_evaluasi=kode,
            rating_hasil_kerja=hasil,
            rating_perilaku_kerja=perilaku,
            predikat=predikat_pegawai(hasil, perilaku),
            status=StatusEvaluasi.FINAL,
        )
    )


def test_distribution_of_the_units_curve_from_final_evaluations(engine, org):
    A, S = Rating.DI_ATAS, Rating.SESUAI
    with session_scope(engine) as s:
        skp = {
            n: build_skp(s, getattr(org, n), TAHUN).skp_id
            for n in ("kepala", "kabid", "kasubbid", "staf", "fungsional", "perawat")
        }
        _final(s, skp["kabid"], A, A)
        _final(s, skp["kasubbid"], S, S)
        _final(s, skp["staf"], S, S)
        _final(s, skp["perawat"], A, A)  # Dinkes: not in BKPSDM's subtree
        s.add(
            EvaluasiKinerja(
                skp_id=skp["fungsional"],
                periode_evaluasi="TW1",
                rating_hasil_kerja=A,
                rating_perilaku_kerja=A,
                predikat=PredikatPegawai.SANGAT_BAIK,
                status=StatusEvaluasi.DRAFT,
            )
        )  # Draft does not count
        _final(s, skp["kepala"], S, S, kode="TW2")  # another period
        kurva.tetapkan_predikat_organisasi(s, org.bupati, org.bkpsdm, TAHUN, "TW1", "Baik")
    with session_scope(engine) as s:
        d = kurva.distribusi(s, org.kepala, org.bkpsdm, TAHUN, "TW1")
    assert d.total == 3 and d.jumlah[SB] == 1 and d.jumlah[BA] == 2
    assert d.predikat_organisasi.value == "Baik"
    assert d.pelanggaran == [
        "Predikat organisasi Baik mensyaratkan paling sedikit 1 pegawai Butuh Perbaikan "
        "atau Kurang/Misconduct; saat ini 0 dari 3 pegawai (0,00 %)."
    ]
    with session_scope(engine) as s:
        # the Kabid leads the Bidang: he counts in BKPSDM's curve, not in his own
        assert kurva.distribusi(s, org.admin, org.bidang, TAHUN, "TW1").total == 2
        with pytest.raises(AksesDitolak):
            kurva.distribusi(s, org.kabid, org.bidang, TAHUN, "TW1")  # not a pimpinan
        with pytest.raises(AksesDitolak):
            kurva.distribusi(s, org.kadinkes, org.bkpsdm, TAHUN, "TW1")  # another OPD


def test_who_sets_the_organisations_predikat(engine, org):
    with session_scope(engine) as s:
        kurva.tetapkan_predikat_organisasi(s, org.kepala, org.bidang, TAHUN, "TW1", "Istimewa")
        kurva.tetapkan_predikat_organisasi(s, org.admin, org.bkpsdm, TAHUN, "TW1", "Baik")
    refusals = [
        (org.kepala, org.bkpsdm, AksesDitolak),  # own unit
        (org.kadinkes, org.bidang, AksesDitolak),  # another OPD
        (org.staf, org.bidang, AksesDitolak),  # not a pimpinan
    ]
    for actor, unit, error in refusals:
        with session_scope(engine) as s, pytest.raises(error):
            kurva.tetapkan_predikat_organisasi(s, actor, unit, TAHUN, "TW1", "Sangat Kurang")
    for tahun, kode, predikat in ((TAHUN, "TW9", "Baik"), (TAHUN, "TW1", "Hebat"), (1999, "TW1", "Baik")):
        with session_scope(engine) as s, pytest.raises(ValidationError):
            kurva.tetapkan_predikat_organisasi(s, org.admin, org.bidang, tahun, kode, predikat)
    with session_scope(engine) as s:
        assert sorted(p.value for p in s.scalars(select(PredikatKinerjaOrganisasi.predikat))) == ["Baik", "Istimewa"]


def test_the_predikat_is_fixed_once_the_leaders_evaluation_is_final(engine, org):
    with session_scope(engine) as s:
        kepala = build_skp(s, org.kepala, TAHUN)
        kurva.tetapkan_predikat_organisasi(s, org.bupati, org.bkpsdm, TAHUN, "TW1", "Istimewa")
    with session_scope(engine) as s:
        v = evaluasi.simpan(s, org.bupati, kepala.skp_id, "TW1", Rating.DI_ATAS, Rating.DI_ATAS).version_id
        evaluasi.finalkan(s, org.bupati, kepala.skp_id, "TW1", v)
    with session_scope(engine) as s, pytest.raises(ValidationError, match="sudah Final"):
        kurva.tetapkan_predikat_organisasi(s, org.bupati, org.bkpsdm, TAHUN, "TW1", "Kurang")
    with session_scope(engine) as s:
        assert s.scalar(select(PredikatKinerjaOrganisasi.predikat)).value == "Istimewa"
