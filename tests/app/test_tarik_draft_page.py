"""AppTest of "Tarik Draft" on Rencana SKP: the pegawai takes a submitted plan back after a confirmation, the
plan is Draft and editable again, and the atasan's Pilih Bawahan no longer shows it as Diajukan."""

from __future__ import annotations

from db.enums import StatusSKP
from db.models import SKP
from db.session import session_scope
from services.perencanaan import penetapan
from services.platform.kalender import hari_ini
from tests.app.conftest import button, login, polos
from tests.factories import build_draft, build_skp

TAHUN = hari_ini().year


def test_tarik_draft_asks_first_then_the_plan_is_draft_again(app_env):
    org = app_env.org
    with session_scope(app_env.engine()) as s:
        atasan = build_skp(s, org.kasubbid, TAHUN)
        d = build_draft(s, org.staf, TAHUN, atasan.rhk_ids[0])
        penetapan.ajukan_draft(s, org.staf, d.skp_id)
    at = login(org.staf.nip)
    at.switch_page("pages/rencana_skp.py").run()
    assert any(m.value.startswith("Status SKP: :blue-badge[Diajukan]") for m in at.markdown)
    button(at, "Tarik Draft").click().run()
    assert "hilang dari daftar tunggu atasan" in polos(at.warning[-1].value)
    with session_scope(app_env.engine()) as s:
        assert s.get(SKP, d.skp_id).status == StatusSKP.DIAJUKAN  # asked first, nothing changed yet
    button(at, "Ya, tarik draft").click().run()
    assert not at.exception and not at.error
    assert (
        polos(at.success[0].value) == "Draft Rencana SKP ditarik kembali dan dapat diubah. Ajukan lagi setelah selesai."
    )
    assert any(m.value.startswith("Status SKP:") and "[Draft]" in m.value for m in at.markdown)
    assert [b.label for b in at.button if b.label == "Ajukan Draft"]  # editable and submittable again

    atasan_at = login(org.kasubbid.nip)
    atasan_at.switch_page("pages/rencana_skp.py").run()
    atasan_at.session_state["rs_tampilan"] = "Pilih Bawahan"
    atasan_at.run()
    pilih = [sb for sb in atasan_at.selectbox if sb.label == "Pilih Bawahan"][0]
    assert pilih.options[0].startswith("Staf Uji — Draft")
