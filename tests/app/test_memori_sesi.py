"""A browser session's memory stays flat however many saves it makes (issue #20's soak): every Simpan gives the
Tambah form a new key, and Streamlit would keep the metadata of each form it ever drew
(components.memori.buang_widget_lama)."""

from __future__ import annotations

from datetime import time

from tests.app.conftest import button, login
from tests.app.test_aktivitas_pages import _setup


def _widget_diingat(at) -> tuple[int, int]:
    """The widget ids the session keeps metadata and a key mapping for (Streamlit's SessionState)."""
    state = at._session_state._state  # AppTest keeps the SafeSessionState its runs use
    return len(state._new_widget_state.widget_metadata), len(state._key_id_mapper._id_key_mapping)


def _simpan(at, i: int) -> None:
    at.text_area[0].input(f"Menyusun laporan ke-{i}")
    at.text_input(key=[w.key for w in at.text_input if w.label == "Satuan output"][0]).input("Laporan")
    at.time_input[0].set_value(time(7 + i // 4, 15 * (i % 4)))
    at.time_input[1].set_value(time(7 + i // 4, 15 * (i % 4) + 10))
    button(at, "Simpan").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "tersimpan" in at.success[0].value


def test_twelve_saves_leave_no_widget_behind(app_env):
    _setup(app_env)
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/aktivitas_harian.py").run()
    _simpan(at, 0)
    setelah_satu = _widget_diingat(at)
    for i in range(1, 12):
        _simpan(at, i)
    # Each save draws a new form (nine widgets): without the cleanup the counts grow by about 9 a save.
    metadata, kunci = _widget_diingat(at)
    assert metadata <= setelah_satu[0] + 2, (setelah_satu, metadata)
    assert kunci <= setelah_satu[1] + 2, (setelah_satu, kunci)
