"""AppTest of Pimpinan → Penetapan Predikat Organisasi (issue #15 point 4): the Bupati opens BKPSDM's basis, enters
two realisasi, sets the predikat with its number and gets the PDF; the Kepala BKPSDM is offered only the units below
his own."""

from __future__ import annotations

from sqlalchemy import select

from db.models import PredikatKinerjaOrganisasi
from db.session import session_scope
from services.platform.kalender import hari_ini
from tests.app.conftest import button, login, polos
from tests.factories import build_jpt_draft, isi_realisasi

TAHUN = hari_ini().year


def _setup(app_env) -> None:
    with session_scope(app_env.engine()) as s:
        skp = build_jpt_draft(s, app_env.org.kepala, TAHUN)
        for bulan in range(1, 13):
            isi_realisasi(s, skp.indikator_ids[2], bulan, 1)
            isi_realisasi(s, skp.indikator_ids[3], bulan, 1)


def _open(nip):
    at = login(nip)
    at.switch_page("pages/penetapan_predikat.py").run()
    assert not at.exception, at.exception
    return at


def test_the_bupati_enters_realisasi_sets_the_predikat_and_gets_the_pdf(app_env):
    _setup(app_env)
    at = _open(app_env.org.bupati.nip)
    at.selectbox(key="pp_unit").select(app_env.org.bkpsdm).run()
    assert [t.value for t in at.title] == ["Penetapan Predikat Kinerja Organisasi"]
    tabel = at.dataframe[0].value
    # Nothing entered yet: every capaian comes from the Kepala's SKP, 0 % where he reported nothing.
    assert list(tabel["Sumber"]) == ["dari realisasi SKP"] * 4
    assert list(tabel["Capaian"]) == ["0,00 %", "0,00 %", "100,00 %", "100,00 %"]
    assert "Saran: Sangat Kurang" in polos(at.info[0].value)  # (0 + 0 + 100 + 100) / 4 = 50 %

    isian = [n for n in at.number_input if n.key.startswith("pp_r_")]
    isian[0].set_value(88.0)
    isian[1].set_value(72.0)
    button(at, "Simpan Realisasi").click().run()
    assert not at.exception
    assert polos(at.success[0].value) == "Realisasi 2 indikator disimpan."
    # (88/80 = 110 + 72/80 = 90 + 100 + 100) / 4 = 100.00 %: meets, does not exceed — Baik
    assert at.metric[0].value == "100,00 %"
    assert "Saran: Baik" in polos(at.info[0].value)

    at.text_input(key="pp_nomor").input("800/7/2026")
    button(at, "Tetapkan").click().run()
    assert not at.exception
    assert "ditetapkan: Baik" in polos(at.success[0].value)
    assert [b.proto.label for b in at.get("download_button")] == ["Unduh PDF Penetapan"]
    with session_scope(app_env.engine(), readonly=True) as s:
        row = s.scalar(select(PredikatKinerjaOrganisasi))
        assert (row.predikat.value, row.nomor, str(row.capaian_persen)) == ("Baik", "800/7/2026", "100.00")


def test_the_kepala_is_offered_only_the_units_below_his_own(app_env):
    _setup(app_env)
    at = _open(app_env.org.kepala.nip)
    assert at.selectbox(key="pp_unit").options == ["Bidang Mutasi Uji"]
