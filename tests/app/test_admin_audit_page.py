"""Audit Log screen: the admin searches it; other roles cannot reach it (not in their menu, and the
page itself refuses)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.context import PageContext
from db.engine import make_engine
from tests.app.conftest import APP, button, login, polos


def test_admin_sees_logins_and_filters_by_nip(app_env):
    login(app_env.org.staf.nip)
    at = login(app_env.org.admin.nip)
    at.switch_page("pages/admin_audit.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Audit Log"]
    table = at.dataframe[0].value
    # Newest first: the two logins, then the app's first start filling this year's and next year's calendar on
    # its own (docs/domain.md §8.24; no one's NIP: the application did it).
    assert list(table["Aksi"]) == ["Log in", "Log in", "Isi kalender tahun", "Isi kalender tahun"]
    rincian = " ".join(table["Sesudah"]) + " " + " ".join(table["ID"].astype(str))
    assert "None" not in rincian and "{" not in rincian and '"' not in rincian, rincian
    assert list(table["NIP Pelaku"])[:2] == [app_env.org.admin.nip, app_env.org.staf.nip]
    at.text_input[0].input(app_env.org.staf.nip)
    button(at, "Cari").click().run()
    assert list(at.dataframe[0].value["NIP Pelaku"]) == [app_env.org.staf.nip]
    assert not [b for b in at.button if b.label in ("Hapus", "Ubah")]


def test_the_page_is_not_in_a_pegawai_navigation(app_env):
    at = login(app_env.org.staf.nip)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/admin_audit.py")


@pytest.mark.parametrize("page", ["admin_audit.py", "admin_pegawai.py"])
def test_admin_pages_refuse_a_pegawai_who_gets_there(app_env, page):
    at = AppTest.from_file(str(APP).replace("app.py", f"pages/{page}"), default_timeout=30)
    at.session_state["_sipijar_context"] = PageContext(make_engine(app_env.url), app_env.org.staf, False, False)
    at.run()
    assert not at.exception
    assert [polos(e.value) for e in at.error] == ["Halaman ini hanya untuk Admin BKPSDM."]
    assert not at.dataframe and not at.title
