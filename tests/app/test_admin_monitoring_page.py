"""Monitoring screen: the admin sees the flags per unit and per pegawai and can export them."""

from __future__ import annotations

from tests.app.conftest import login, pilih_tab


def test_admin_sees_who_has_no_periode(app_env):
    at = login(app_env.org.admin.nip)
    at.switch_page("pages/admin_monitoring.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Monitoring"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Pegawai"] == "9" and metrics["Belum ada Periode SKP"] == "9"
    pilih_tab(at, "Per Pegawai")  # only the open tab is drawn
    per_pegawai = at.dataframe[0].value
    assert sorted(per_pegawai["Nama"])[:2] == ["Admin Uji", "Bupati Uji"]
    assert set(per_pegawai["Masalah"]) == {"Belum ada Periode SKP; Belum ada aktivitas bulan ini"}
    assert [b.label for b in at.get("download_button")] == ["Unduh (XLSX)"]


def test_a_new_periode_reaches_the_cached_monitoring_on_the_next_rerun(app_env):
    """The figures are cached per data version: a change anywhere (a pegawai making his Periode SKP) shows on
    the admin's next rerun, with no stale count."""
    from db.session import session_scope
    from services.organisasi import periode as periode_service
    from services.platform.kalender import hari_ini

    at = login(app_env.org.admin.nip)
    at.switch_page("pages/admin_monitoring.py").run()
    assert {m.label: m.value for m in at.metric}["Belum ada Periode SKP"] == "9"
    at.run()  # a rerun that changes nothing keeps the figure
    assert {m.label: m.value for m in at.metric}["Belum ada Periode SKP"] == "9"
    with session_scope(app_env.engine()) as s:
        periode_service.tambah(s, app_env.org.staf, hari_ini().year)
    at.run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Belum ada Periode SKP"] == "8"
