"""Panduan: every role can open the guide; it shows one section per e-book chapter."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import login

PANDUAN = Path(__file__).resolve().parents[2] / "docs" / "panduan" / "README.md"


def test_pegawai_opens_the_panduan_with_every_chapter(app_env):
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/panduan.py").run()
    assert not at.exception
    chapters = [
        line[3:] for line in PANDUAN.read_text().splitlines() if line.startswith("## ") and line != "## Daftar Isi"
    ]
    assert len(chapters) >= 10
    assert [e.label for e in at.expander] == chapters
    assert [b.label for b in at.sidebar.button] == ["Log out"]  # issue #16: Panduan had no Log out
