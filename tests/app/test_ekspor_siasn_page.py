"""Monitoring → Ekspor SIASN: the admin's check names the Draft that blocks the export; once it is Final the
files are offered (XLSX, JSON and a CSV per record kind)."""

from __future__ import annotations

from db.enums import Rating
from db.session import session_scope
from services.evaluasi import evaluasi_kinerja as evaluasi
from services.platform.kalender import hari_ini
from tests.app.conftest import login, polos
from tests.factories import build_skp


def _buka(at):
    at.switch_page("pages/admin_monitoring.py").run()
    at.radio(key="siasn_cakupan").set_value("Semua unit").run()
    at.toggle(key="siasn_siapkan").set_value(True).run()
    assert not at.exception
    return at


def test_the_admin_exports_for_siasn_once_nothing_is_draft(app_env):
    org, tahun = app_env.org, hari_ini().year
    engine = app_env.engine()
    with session_scope(engine) as s:
        staf = build_skp(s, org.staf, tahun)
        evaluasi.simpan(s, org.kasubbid, staf.skp_id, "TW1", Rating.SESUAI, Rating.DI_ATAS)
    at = _buka(login(org.admin.nip))
    pesan = [polos(e.value) for e in at.error]
    assert len(pesan) == 1 and pesan[0].startswith("Ekspor SIASN ditolak")
    assert f"{org.staf.nip} Staf Uji — Triwulan I" in pesan[0] and "masih Draft" in pesan[0]
    assert [b.label for b in at.get("download_button")] == ["Unduh (XLSX)"]  # only the Monitoring's own

    with session_scope(engine) as s:
        evaluasi.finalkan(s, org.kasubbid, staf.skp_id, "TW1", 1)
    engine.dispose()
    at = _buka(login(org.admin.nip))
    assert not at.error
    assert "0 catatan SKP tahunan, 1 catatan kinerja periodik." in [t.value for t in at.text]
    assert polos(at.warning[0].value) == f"Belum ada Evaluasi Tahunan Final (1): {org.staf.nip} Staf Uji"
    assert [b.label for b in at.get("download_button")] == [
        "Unduh (XLSX)",
        "Unduh XLSX",
        "Unduh JSON",
        "Unduh CSV Tahunan",
        "Unduh CSV Periodik",
    ]
