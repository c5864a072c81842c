"""Dasbor Capaian screen (AppTest): the admin and a pimpinan open it; the numbers shown are the
service's (March 2026 of tests/factories.py build_dasbor_2026); a pimpinan can only choose units of
their own subtree; drill-down and "Naik ke …" move one level."""

from __future__ import annotations

import pytest

from db.session import session_scope
from services.pimpinan import dasbor
from services.platform import format as fmt
from services.platform.kalender import hari_ini
from tests.app.conftest import button, login, menu, polos
from tests.conftest import ORDINARY_DAY
from tests.factories import build_dasbor_2026

MARET = (2026, 3)


@pytest.fixture
def env(app_env):
    engine = app_env.engine()
    with session_scope(engine) as s:
        app_env.skp = build_dasbor_2026(s, app_env.org).skp
    engine.dispose()
    return app_env


def _open(env, actor):
    at = login(actor.nip)
    assert "Dasbor Capaian" in menu(at)["Pimpinan"]
    at.switch_page("pages/dasbor_capaian.py").run()
    assert not at.exception
    at.selectbox(key="dasbor_bulan").set_value(MARET).run()
    assert not at.exception
    return at


def _service(env, actor, unit_id, bulan=MARET):
    engine = env.engine()
    with session_scope(engine, readonly=True) as s:
        d = dasbor.dasbor(s, actor, unit_id, *bulan, hari_ini())
    engine.dispose()
    return d


def _metrics(at):
    return {m.label: m.value for m in at.metric}


def test_admin_sees_the_kabupaten_numbers_of_the_service(env):
    org = env.org
    at = _open(env, org.admin)
    assert [t.value for t in at.title] == ["Dasbor Capaian"]
    assert at.selectbox(key="dasbor_unit").value == org.kabupaten
    assert len(at.selectbox(key="dasbor_unit").options) == 4
    d = _service(env, org.admin, org.kabupaten)
    assert _metrics(at) == {
        "Capaian Unit": fmt.persen(d.total.capaian_persen),  # 58,17 %
        "Rata-rata Pegawai": fmt.persen(d.total.rata_rata_persen),
        "Pegawai Dihitung": "6",
        "Di Bawah 80 %": "3",
        "Menunggu Validasi": "24",
    }
    assert _metrics(at)["Capaian Unit"] == "58,17 %"
    subheaders = [h.value for h in at.subheader]
    assert subheaders[:3] == ["Capaian per Sub-unit", "Tren 2026", "Sebaran Capaian Pegawai"]
    assert "Pegawai dengan Capaian di Bawah 80 %" in subheaders
    tables = at.dataframe
    bawah = tables[0].value
    assert list(bawah["Nama"]) == ["Perawat Uji", "Kepala Uji", "Fungsional Uji"]
    assert list(bawah["Capaian"]) == ["10,00 %", "20,00 %", "49,02 %"]
    penilai = tables[1].value
    assert list(penilai["Pejabat Penilai"]) == [p.nama for p in d.penilai]
    assert list(penilai["Menunggu"])[:2] == ["50,00 %", "10,53 %"]
    assert [b.label for b in at.get("download_button")] == ["Unduh (XLSX)"]


def test_threshold_slider_changes_the_list(env):
    at = _open(env, env.org.admin)
    at.slider(key="dasbor_batas").set_value(50).run()
    assert _metrics(at)["Di Bawah 50 %"] == "3"
    at.slider(key="dasbor_batas").set_value(15).run()
    assert _metrics(at)["Di Bawah 15 %"] == "1"
    assert list(at.dataframe[0].value["Nama"]) == ["Perawat Uji"]


def test_pimpinan_chooses_only_their_subtree_and_drills_down(env):
    org = env.org
    at = _open(env, org.kepala)
    unit = at.selectbox(key="dasbor_unit")
    assert unit.value == org.bkpsdm
    assert unit.options == ["BKPSDM Uji", "\u2002\u2002Bidang Mutasi Uji"]
    d = _service(env, org.kepala, org.bkpsdm)
    assert _metrics(at)["Capaian Unit"] == fmt.persen(d.total.capaian_persen) == "62,25 %"
    assert _metrics(at)["Rata-rata Pegawai"] == "62,26 %"
    # Drill down into the bidang: one level down, a leaf, so the pegawai are listed.
    at.selectbox(key="dasbor_sub").set_value(org.bidang).run()
    assert not at.exception
    assert at.selectbox(key="dasbor_unit").value == org.bidang
    assert [h.value for h in at.subheader][0] == "Capaian per Pegawai"
    leaf = _service(env, org.kepala, org.bidang)
    assert _metrics(at)["Capaian Unit"] == fmt.persen(leaf.total.capaian_persen) == "76,34 %"
    pegawai = at.dataframe[0].value
    assert list(pegawai["Nama"]) == ["Fungsional Uji", "Kabid Uji", "Kasubbid Uji", "Staf Uji"]
    assert list(pegawai["Capaian"]) == ["49,02 %", "100,00 %", "0,00 %", "80,00 %"]
    # and back up
    naik = [b for b in at.button if b.label.startswith("Naik ke")]
    assert [b.label for b in naik] == ["Naik ke BKPSDM Uji"]
    naik[0].click().run()
    assert at.selectbox(key="dasbor_unit").value == org.bkpsdm
    assert not [b for b in at.button if b.label.startswith("Naik ke")]  # the kepala's top


def test_kadinkes_sees_dinkes_only(env):
    org = env.org
    at = _open(env, org.kadinkes)
    assert at.selectbox(key="dasbor_unit").options == ["Dinas Kesehatan Uji"]
    assert _metrics(at)["Capaian Unit"] == "50,00 %"


def test_a_new_validation_shows_at_once(env):
    """The cache is keyed by the data version: a validation in the open month gives fresh numbers."""
    from db.enums import StatusAktivitas
    from services.aktivitas import validasi
    from tests.factories import add_aktivitas, build_skp

    org, today = env.org, hari_ini()
    engine = env.engine()
    with session_scope(engine) as s:
        skp = build_skp(s, org.perawat, today.year) if today.year != 2026 else env.skp["perawat"]
        baris = add_aktivitas(s, org.perawat, skp, today, "07:00", "07:30", StatusAktivitas.MENUNGGU)
    at = login(org.kadinkes.nip)
    at.switch_page("pages/dasbor_capaian.py").run()  # opens on last month; the running month is one click away
    button(at, "Lihat bulan berjalan").click().run()
    assert at.selectbox(key="dasbor_bulan").value == (today.year, today.month)
    assert _metrics(at)["Menunggu Validasi"] == "1"
    with session_scope(engine) as s:
        validasi.validasi(s, org.kadinkes, baris.id)
    engine.dispose()
    at.run()
    assert not at.exception
    assert _metrics(at)["Menunggu Validasi"] == "0"
    pegawai = {r.nama: r for r in _service(env, org.kadinkes, org.dinkes, (today.year, today.month)).pegawai}
    assert pegawai["Perawat Uji"].menit_tervalidasi == 30
    assert _metrics(at)["Capaian Unit"] == fmt.persen(
        _service(env, org.kadinkes, org.dinkes, (today.year, today.month)).total.capaian_persen
    )


def test_no_dasbor_in_the_menu_of_who_is_not_pimpinan(env):
    for actor in (env.org.staf, env.org.kabid):  # kabid is an atasan, not a pimpinan
        assert "Pimpinan" not in menu(login(actor.nip))


def test_predikat_chart_when_final_evaluations_exist(env):
    from db.enums import PredikatPegawai, StatusEvaluasi
    from db.models import EvaluasiKinerja

    engine = env.engine()
    with session_scope(engine) as s:
        for key, predikat in (("staf", PredikatPegawai.BAIK), ("kabid", PredikatPegawai.SANGAT_BAIK)):
            s.add(
                EvaluasiKinerja(
                    skp_id=env.skp[key].skp_id, periode_evaluasi="TW1", predikat=predikat, status=StatusEvaluasi.FINAL
                )
            )
    engine.dispose()
    at = _open(env, env.org.kepala)
    assert "Sebaran Predikat Kinerja" in [h.value for h in at.subheader]
    periode = at.selectbox(key="dasbor_predikat")
    assert periode.options == ["Triwulan I"] and periode.value == "TW1"


def test_a_regency_sized_list_shows_the_lowest_500_and_says_so(tmp_path, sqlite_template, monkeypatch, time_machine):
    """Thousands of pegawai under the threshold: the screen lists the 500 lowest (lowest first) and says
    how many there are and where the full list is; the XLSX has them all."""
    import shutil

    # The synthetic month is generated up to today: in the middle of a month most are under 100 %; on its
    # last day (or a holiday at its start) fewer than 500 would be, whatever SIPIJAR_TEST_NOW says.
    time_machine.move_to(ORDINARY_DAY)

    from db.engine import make_engine
    from services.contoh import sintetis
    from tests.bench.measure import _admin, _context, _page, _run_page

    path = tmp_path / "kabupaten.db"
    shutil.copy(sqlite_template, path)
    monkeypatch.setenv("SIPIJAR_COOKIE_KEY", "kunci-uji-" + "x" * 40)
    engine = make_engine(f"sqlite:///{path}")
    try:
        sintetis.generate(engine, 620, 1)
        with session_scope(engine, readonly=True) as s:
            admin = _admin(s)
            today = hari_ini()
            d = dasbor.dasbor(s, admin, dasbor.unit_awal(s, admin), today.year, today.month, today)
        bawah = dasbor.di_bawah_batas(d.pegawai, 100)
        assert len(bawah) > 500
        at = _page("pages/dasbor_capaian.py", _context(engine, admin, False))
        _run_page(at)
        at.selectbox(key="dasbor_bulan").set_value((today.year, today.month))
        at.slider(key="dasbor_batas").set_value(100)
        _run_page(at)
        tabel = at.dataframe[-2].value  # the list under the threshold (the last one is per penilai)
        assert len(tabel) == 500
        assert list(tabel["NIP"]) == [r.nip for r in bawah[:500]]
        assert any(
            c.value.startswith(f"Menampilkan 500 dari {fmt.angka(len(bawah))} pegawai di bawah 100 %")
            for c in at.caption
        )
    finally:
        engine.dispose()


def test_the_dasbor_opens_on_last_month_and_reads_the_running_month_against_its_pace(env, time_machine):
    """Issue #16: on the 2nd of a month the Dasbor said "37 of 37 below 80 %" of the running month. It opens
    on the last finished month; the running month, one click away, is labelled and read against the working
    days gone by: Wednesday 15 July 2026 is the 11th of July's 23 working days, 47,83 %."""
    time_machine.move_to(ORDINARY_DAY)
    at = login(env.org.admin.nip)
    at.switch_page("pages/dasbor_capaian.py").run()
    pilih = at.selectbox(key="dasbor_bulan")
    assert pilih.value == (2026, 6)
    assert pilih.options[:2] == ["Juli 2026 (bulan berjalan, s.d. hari ini)", "Juni 2026"]
    assert not [a for a in [*at.success, *at.warning] if "laju" in a.value]
    button(at, "Lihat bulan berjalan").click().run()
    assert not at.exception and at.selectbox(key="dasbor_bulan").value == (2026, 7)
    d = _service(env, env.org.admin, env.org.kabupaten, (2026, 7))
    pesan = [polos(a.value) for a in [*at.success, *at.warning] if "laju" in a.value]
    assert pesan == [
        "Bulan berjalan, s.d. hari ini: 11 dari 23 hari kerja (47,83 %) telah berlalu, capaian unit "
        f"{fmt.persen(d.total.capaian_persen)} — "
        + ("sesuai laju." if d.total.capaian_persen >= 47.83 else "di bawah laju hari kerja.")
        + " Menit efektif dihitung untuk seluruh bulan, jadi capaian masih akan bertambah."
    ]
    assert not [b for b in at.button if b.label == "Lihat bulan berjalan"]
