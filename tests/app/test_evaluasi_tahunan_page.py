"""Evaluasi Kinerja, period Tahunan (#15 point 2): the atasan sees the year's Final periodic results and a visible
warning when the annual rating departs from all of them (TW1–TW4 Sangat Baik, Tahunan Sangat Kurang)."""

from __future__ import annotations

from db.enums import PredikatPegawai, Rating, StatusEvaluasi
from db.models import EvaluasiKinerja
from db.session import session_scope
from services.platform.kalender import hari_ini
from tests.app.conftest import login, polos
from tests.factories import build_skp

TAHUN = hari_ini().year - 1
A, B = Rating.DI_ATAS, Rating.DI_BAWAH


def test_the_annual_rating_is_shown_against_the_years_periodic_results(app_env):
    engine = app_env.engine()
    with session_scope(engine) as s:
        skp = build_skp(s, app_env.org.staf, TAHUN, rhk=1)
        for kode in ("TW1", "TW2", "TW3", "TW4"):
            s.add(
                EvaluasiKinerja(
                    skp_id=skp.skp_id,
                    periode_evaluasi=kode,
                    rating_hasil_kerja=A,
                    rating_perilaku_kerja=A,
                    predikat=PredikatPegawai.SANGAT_BAIK,
                    status=StatusEvaluasi.FINAL,
                )
            )
        s.add(
            EvaluasiKinerja(
                skp_id=skp.skp_id,
                periode_evaluasi="TAHUNAN",
                rating_hasil_kerja=B,
                rating_perilaku_kerja=B,
                predikat=PredikatPegawai.SANGAT_KURANG,
                status=StatusEvaluasi.DRAFT,
            )
        )
    engine.dispose()
    at = login(app_env.org.kasubbid.nip)
    at.switch_page("pages/evaluasi_kinerja.py").run()
    at.selectbox(key="ev_tahun").set_value(TAHUN).run()
    at.selectbox(key="ev_kode").set_value("TAHUNAN").run()
    assert not at.exception
    riwayat = next(d.value for d in at.dataframe if "Periode Evaluasi" in d.value.columns)
    assert list(riwayat["Periode Evaluasi"].str.split(" \\(").str[0]) == [
        "Triwulan I",
        "Triwulan II",
        "Triwulan III",
        "Triwulan IV",
    ]
    assert set(riwayat["Predikat"]) == {"Sangat Baik"} and set(riwayat["Pejabat Penilai"]) == {"Kasubbid Uji"}
    peringatan = [polos(w.value) for w in at.warning]
    assert any(p.startswith("Rating tahunan menyimpang dari seluruh evaluasi periodik tahun ini") for p in peringatan)
    assert (
        "Predikat tahunan (Sangat Kurang) berbeda dari predikat Triwulan IV (Sangat Baik), "
        "evaluasi periode akhir tahun." in peringatan
    )
