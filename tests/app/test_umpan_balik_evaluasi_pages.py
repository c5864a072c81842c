"""AppTest of Umpan Balik Berkelanjutan (as pegawai, as atasan) and Evaluasi Kinerja (rating, Finalkan,
Kurva Distribusi): the e-book's labels, the main action, the error messages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from db.enums import PredikatOrganisasi, Rating, StatusEvaluasi
from db.models import EvaluasiKinerja, PredikatKinerjaOrganisasi, RealisasiBulanan, UmpanBalikPerilaku
from db.session import session_scope
from services.evaluasi import penetapan_predikat
from services.evaluasi.periode_evaluasi import kode_untuk_bulan
from services.evaluasi.predikat import predikat
from services.platform import format as fmt
from services.platform.kalender import hari_ini
from tests.app.conftest import buka, button, login, pilih_tab, polos
from tests.app.test_perencanaan_pages import _forms_tanpa_enter
from tests.factories import build_skp, isi_realisasi

TAHUN = hari_ini().year
BULAN = hari_ini().month


@pytest.fixture
def skp(app_env):
    engine = app_env.engine()
    with session_scope(engine) as s:
        ids = build_skp(s, app_env.org.staf, TAHUN, rhk=2)
    engine.dispose()
    return ids


def _widget(items, prefix: str):
    matches = [w for w in items if w.label.startswith(prefix)]
    assert matches, f"no widget {prefix!r}: {[w.label for w in items]}"
    return matches[0]


def _realisasi(app_env):
    with session_scope(app_env.engine()) as s:
        return [
            (r.realisasi, r.sumber_data, [b.url for b in r.bukti_dukung], r.umpan_balik)
            for r in s.scalars(select(RealisasiBulanan))
        ]


def test_pegawai_fills_realisasi_with_bukti(app_env, skp):
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/umpan_balik.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Umpan Balik Berkelanjutan"]
    assert [t.label for t in at.tabs] == ["Hasil Kerja", "Perilaku Kerja", "Evaluasi"]
    table = at.dataframe[0].value
    assert list(table["Realisasi"]) == ["Belum diisi", "Belum diisi"]
    # short headers, so all ten columns fit at 1366 px (the long names are the headers' tooltips)
    assert list(table.columns) == [
        "No",
        "Rencana Hasil Kerja",
        "Indikator",
        "Target",
        "Realisasi",
        "Capaian",
        "Kumulatif",
        "Sumber Data",
        "Bukti",
        "Umpan Balik",
    ]
    assert list(table["Target"]) == ["1 Dokumen", "1 Dokumen"]
    assert _forms_tanpa_enter(at)
    _widget(at.number_input, "Realisasi").set_value(2.0)
    at.text_input(key=[w.key for w in at.text_input if w.label == "Sumber Data"][0]).input("Aplikasi SIMPEG")
    _widget(at.text_area, "Bukti Dukung").input("https://drive.google.com/bukti-november")
    button(at, "Simpan").click().run()
    assert not at.exception
    assert polos(at.success[0].value) == "Realisasi tersimpan."
    assert _realisasi(app_env) == [(Decimal(2), "Aplikasi SIMPEG", ["https://drive.google.com/bukti-november"], None)]
    table = at.dataframe[0].value
    assert list(table["Realisasi"])[0] == "2 Dokumen"
    assert list(table["Capaian"])[0] == "200,00 %"
    assert list(table["Bukti"])[0] == "https://drive.google.com/bukti-november"


def test_a_javascript_link_is_refused_with_the_rule(app_env, skp):
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/umpan_balik.py").run()
    _widget(at.number_input, "Realisasi").set_value(1.0)
    at.text_input(key=[w.key for w in at.text_input if w.label == "Sumber Data"][0]).input("SIMPEG")
    _widget(at.text_area, "Bukti Dukung").input("javascript:alert(document.cookie)")
    button(at, "Simpan").click().run()
    assert not at.exception
    assert "http:// atau https://" in polos(at.error[0].value)
    assert _realisasi(app_env) == []


def test_atasan_writes_umpan_balik_for_a_bawahan(app_env, skp):
    with session_scope(app_env.engine()) as s:
        isi_realisasi(s, skp.indikator_ids[0], BULAN, 1)
    at = login(app_env.org.kasubbid.nip)
    at.switch_page("pages/umpan_balik.py").run()
    assert not at.exception
    at.radio(key="ub_mode").set_value("Bawahan").run()
    assert _widget(at.selectbox, "Pilih Bawahan").value == skp.skp_id
    assert [t.label for t in at.tabs] == ["Hasil Kerja", "Perilaku Kerja"]
    assert not [n for n in at.number_input if n.label.startswith("Realisasi")]  # the atasan does not fill realisasi
    _widget(at.text_area, "Umpan Balik").input("Bagus, lampirkan juga daftar hadir.")
    button(at, "Simpan Umpan Balik").click().run()
    assert not at.exception
    assert polos(at.success[0].value) == "Umpan balik tersimpan."
    assert _realisasi(app_env)[0][3] == "Bagus, lampirkan juga daftar hadir."
    assert list(at.dataframe[0].value["Umpan Balik"])[0] == "Bagus, lampirkan juga daftar hadir."


def test_atasan_writes_perilaku_feedback(app_env, skp):
    at = login(app_env.org.kasubbid.nip)
    at.switch_page("pages/umpan_balik.py").run()
    at.radio(key="ub_mode").set_value("Bawahan").run()
    pilih_tab(at, "Perilaku Kerja")  # only the open tab is drawn
    _widget(at.text_area, "Akuntabel").input("Laporan selalu tepat waktu.")
    button(at, "Simpan").click().run()
    assert not at.exception
    with session_scope(app_env.engine()) as s:
        assert s.scalar(select(UmpanBalikPerilaku.teks)) == "Laporan selalu tepat waktu."
    # the pegawai reads it
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/umpan_balik.py").run()
    perilaku = pilih_tab(at, "Perilaku Kerja").dataframe[0].value
    assert list(perilaku["Umpan Balik Atasan"])[1] == "Laporan selalu tepat waktu."


def test_evaluasi_kinerja_rate_and_finalise(app_env, skp):
    at = login(app_env.org.kasubbid.nip)
    at.switch_page("pages/evaluasi_kinerja.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Evaluasi Kinerja"]
    assert [t.label for t in at.tabs] == ["Evaluasi Kinerja"]  # not a pimpinan: no Kurva Distribusi
    daftar = at.dataframe[0].value
    assert list(daftar.columns) == ["Nama", "NIP", "Jabatan", "Status", "Hasil Kerja", "Perilaku Kerja", "Predikat"]
    assert list(daftar["Status"]) == ["Belum dinilai"]
    assert _forms_tanpa_enter(at)
    assert "Saran Rating Hasil Kerja" in polos(at.info[0].value)
    _widget(at.selectbox, "Rating Hasil Kerja").set_value(Rating.DI_ATAS.value)
    _widget(at.selectbox, "Rating Perilaku Kerja").set_value(Rating.SESUAI.value)
    button(at, "Simpan").click().run()
    assert not at.exception
    assert polos(at.success[0].value) == "Evaluasi tersimpan."
    assert at.metric[0].value == "Baik"
    button(at, "Finalkan").click().run()
    assert "akan terkunci" in polos(at.warning[0].value)
    button(at, "Ya, finalkan").click().run()
    assert not at.exception
    with session_scope(app_env.engine()) as s:
        ev = s.scalar(select(EvaluasiKinerja))
        assert ev.status == StatusEvaluasi.FINAL and ev.predikat.value == "Baik"
    assert [b.label for b in at.get("download_button")] == ["Unduh Dokumen Evaluasi"]
    # Buka Kembali without a reason is refused
    button(at, "Buka Kembali").click().run()
    assert "Alasan" in polos(at.error[0].value)
    # the pegawai now sees the Final evaluation in tab Evaluasi
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/umpan_balik.py").run()
    evaluasi_tab = pilih_tab(at, "Evaluasi").dataframe[0].value
    assert list(evaluasi_tab["Predikat"]) == ["Baik"]


def test_the_months_realisasi_open_on_demand(app_env, skp):
    """The expander "Realisasi dan umpan balik per bulan" reads every month of the period: built only when the
    atasan opens it, then it shows the month's realisasi and the atasan's umpan balik."""
    with session_scope(app_env.engine()) as s:
        isi_realisasi(s, skp.indikator_ids[0], BULAN, 1)
        s.scalar(select(RealisasiBulanan)).umpan_balik = "Lampirkan daftar hadir."
    at = login(app_env.org.kasubbid.nip)
    at.switch_page("pages/evaluasi_kinerja.py").run()
    assert "Realisasi dan umpan balik per bulan" in [e.label for e in at.expander]
    assert "Bulan" not in [list(t.value.columns)[0] for t in at.dataframe]  # closed: not read
    buka(at, "ev_realisasi_buka")
    assert not at.exception
    [per_bulan] = [t.value for t in at.dataframe if list(t.value.columns)[0] == "Bulan"]
    assert list(per_bulan.columns)[:3] == ["Bulan", "Indikator", "Realisasi"]
    baris = per_bulan[per_bulan["Umpan Balik"] != "-"]
    assert list(baris["Bulan"]) == [fmt.nama_bulan(BULAN)]
    assert list(baris["Umpan Balik"]) == ["Lampirkan daftar hadir."]


def test_kurva_distribusi_for_a_pimpinan(app_env, skp):
    org = app_env.org
    kode = None
    with session_scope(app_env.engine()) as s:
        kode = kode_untuk_bulan(s, BULAN)
        s.add(
            EvaluasiKinerja(
                skp_id=skp.skp_id,
                periode_evaluasi=kode,
                rating_hasil_kerja=Rating.DI_ATAS,
                rating_perilaku_kerja=Rating.DI_ATAS,
                predikat=predikat(Rating.DI_ATAS, Rating.DI_ATAS),
                status=StatusEvaluasi.FINAL,
            )
        )
    at = login(org.kepala.nip)  # pimpinan of BKPSDM and atasan of kabid
    at.switch_page("pages/evaluasi_kinerja.py").run()
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Evaluasi Kinerja", "Kurva Distribusi"]
    assert not [s for s in at.selectbox if s.key == "kv_unit"]  # the closed tab is not drawn
    at.session_state["ev_tab"] = "Kurva Distribusi"  # as a click on the tab does
    at.run()
    at.selectbox(key="kv_unit").set_value(org.bidang).run()
    assert "Belum ditetapkan" in [m.value for m in at.metric]
    # A look at the other tab and back: the Kurva opens again on the unit chosen, not on the pimpinan's own.
    at.session_state["ev_tab"] = "Evaluasi Kinerja"
    at.run()
    assert not [s for s in at.selectbox if s.key == "kv_unit"]
    at.session_state["ev_tab"] = "Kurva Distribusi"
    at.run()
    assert at.selectbox(key="kv_unit").value == org.bidang
    # The predikat is set on its own page, with its basis (tests/app/test_penetapan_predikat_page.py).
    assert [p.label for p in at.get("page_link")][-1].startswith("Penetapan Predikat Kinerja Organisasi")
    with session_scope(app_env.engine()) as s:
        penetapan_predikat.tetapkan(s, org.kepala, org.bidang, hari_ini().year, kode, "Istimewa")
    at.run()
    assert not at.exception
    assert "Istimewa" in [m.value for m in at.metric]
    assert any(
        "paling banyak 70 % pegawai Sangat Baik; saat ini 1 dari 1 pegawai (100,00 %)" in e.value for e in at.error
    )
    assert "Unduh Rekap Predikat (XLSX)" in [b.label for b in at.get("download_button")]
    with session_scope(app_env.engine()) as s:
        assert s.scalar(select(PredikatKinerjaOrganisasi.predikat)) == PredikatOrganisasi.ISTIMEWA
