"""AppTest: Umpan Balik's Isi Realisasi starts from the month's validated output volumes of the indikator, says
so, and stores what the pegawai changes it to."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from db.models import RealisasiBulanan
from db.session import session_scope
from services.platform.kalender import hari_ini
from tests.app.conftest import button, login, polos
from tests.factories import add_aktivitas, build_skp

TODAY = hari_ini()


def test_realisasi_is_prefilled_from_validated_volumes_and_editable(app_env):
    with session_scope(app_env.engine()) as s:
        skp = build_skp(s, app_env.org.staf, TODAY.year)
        for mulai, volume in [("08:00", "2"), ("09:00", "1.5")]:  # Tervalidasi, linked to indikator 1
            row = add_aktivitas(s, app_env.org.staf, skp, TODAY, mulai, mulai.replace(":00", ":30"))
            row.volume, row.indikator_id = Decimal(volume), skp.indikator_ids[0]
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/umpan_balik.py").run()
    assert not at.exception
    realisasi = [w for w in at.number_input if w.label.startswith("Realisasi")][0]
    assert realisasi.value == 3.5  # 2 + 1.5 Dokumen, worked out by hand
    assert any(
        "Diisi dari volume output aktivitas harian tervalidasi bulan ini (3,5 Dokumen)" in c.value for c in at.caption
    )
    realisasi.set_value(3.0)
    at.text_input(key=[w.key for w in at.text_input if w.label == "Sumber Data"][0]).input("Aktivitas harian")
    [w for w in at.text_area if w.label.startswith("Bukti Dukung")][0].input("https://drive.google.com/bukti")
    button(at, "Simpan").click().run()
    assert polos(at.success[0].value) == "Realisasi tersimpan."
    with session_scope(app_env.engine()) as s:
        assert s.scalar(select(RealisasiBulanan.realisasi)) == Decimal(3)
    assert not any("Diisi dari volume output" in c.value for c in at.caption)  # the stored value now
