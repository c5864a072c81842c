"""Monitoring screen: the admin sees the flags per unit and per pegawai and can export them."""

from __future__ import annotations

from tests.app.conftest import login


def test_admin_sees_who_has_no_periode(app_env):
    at = login(app_env.org.admin.nip)
    at.switch_page("pages/admin_monitoring.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Monitoring"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Pegawai"] == "9" and metrics["Belum ada Periode SKP"] == "9"
    per_pegawai = at.dataframe[1].value
    assert sorted(per_pegawai["Nama"])[:2] == ["Admin Uji", "Bupati Uji"]
    assert set(per_pegawai["Masalah"]) == {"Belum ada Periode SKP; Belum ada aktivitas bulan ini"}
    assert [b.label for b in at.get("download_button")] == ["Unduh (XLSX)"]
