"""AppTest of Rencana SKP's entry helpers: "Tarik Draft" (the pegawai takes a submitted plan back after a
confirmation; it is Draft and editable again, and the atasan's Pilih Bawahan no longer shows it as Diajukan), and
a JPT's Tambah Indikator filled from the Perjanjian Kinerja."""

from __future__ import annotations

from sqlalchemy import select

from db.enums import StatusSKP
from db.models import SKP, IndikatorKinerja
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


def test_a_jpt_tambah_indikator_starts_from_the_perjanjian_kinerja(app_env):
    from services.organisasi import periode
    from services.perencanaan import perjanjian_kinerja, rencana_skp

    org = app_env.org
    with session_scope(app_env.engine()) as s:
        p = periode.tambah(s, org.kepala, TAHUN)
        pk = perjanjian_kinerja.tambah(s, org.kepala, p.id, "Meningkatnya Nilai SAKIP", "Penguatan Internal")
        perjanjian_kinerja.tambah_indikator(s, org.kepala, pk.id, "Nilai SAKIP Kabupaten", 85, "Nilai")
        rencana_skp.tambah_rhk_jpt(s, org.kepala, periode.skp_of(s, p.id).id, pk.id)
    at = login(org.kepala.nip)
    at.switch_page("pages/rencana_skp.py").run()
    assert not at.exception
    assert any("Diisi dari indikator Perjanjian Kinerja" in c.value for c in at.caption)
    assert [t.value for t in at.text_area if t.label == "Indikator Kinerja Individu"][0] == "Nilai SAKIP Kabupaten"
    assert [n.value for n in at.number_input if n.label == "Target"][0] == 85
    button(at, "Tambahkan").click().run()
    assert not at.exception and not at.error
    with session_scope(app_env.engine()) as s:
        iki = s.scalars(select(IndikatorKinerja)).one()
        assert (iki.teks, iki.target, iki.satuan) == ("Nilai SAKIP Kabupaten", 85, "Nilai")
    assert not any("Diisi dari indikator Perjanjian Kinerja" in c.value for c in at.caption)  # none left
