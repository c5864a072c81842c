"""A logged-out visitor at any menu address (a reminder's /validasi?nip=…, a bookmark) gets the login form there,
not Streamlit's English "Page not found": app.py's logged-out menu holds every address its menus use."""

from __future__ import annotations

import ast

from tests.app.conftest import APP


def _alamat_di_app() -> tuple[set[str], list[str]]:
    """The url_path literals of app.py's pages, and its ALAMAT_MENU, read from the source (importing app.py runs it)."""
    pohon = ast.parse(open(APP, encoding="utf-8").read())
    dipakai = {
        kw.value.value
        for node in ast.walk(pohon)
        if isinstance(node, ast.Call)
        for kw in node.keywords
        if kw.arg == "url_path" and isinstance(kw.value, ast.Constant)
    }
    [daftar] = [
        node.value
        for node in pohon.body
        if isinstance(node, ast.Assign) and [t.id for t in node.targets if isinstance(t, ast.Name)] == ["ALAMAT_MENU"]
    ]
    assert isinstance(daftar, ast.Call) and isinstance(daftar.func, ast.Attribute) and daftar.func.attr == "split"
    return dipakai, ast.literal_eval(daftar.func.value).split()


def test_every_menu_address_has_its_logged_out_login_page():
    dipakai, alamat = _alamat_di_app()
    assert dipakai - {"login"} == set(alamat), sorted(dipakai.symmetric_difference(alamat))
    assert len(alamat) == len(set(alamat))
