"""AppTest of Pegawai dan Akun → TPP Pokok: a pegawai's pokok history, "Ubah TPP Pokok" with berlaku mulai, and
the bulk change per jabatan that shows its count and asks before it acts (docs/domain.md §8.26)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db.models import TppPokokRiwayat
from db.session import session_scope
from tests.app.conftest import button, login, pilih_tab, polos


def _riwayat(app_env, pegawai_id: int) -> list[tuple[date, int, str]]:
    with session_scope(app_env.engine(), readonly=True) as s:
        r = TppPokokRiwayat
        rows = s.execute(
            select(r.berlaku_mulai, r.jumlah, r.sumber).where(r.pegawai_id == pegawai_id).order_by(r.berlaku_mulai)
        )
        return [(b, j, src.value) for b, j, src in rows]


def _open(app_env):
    at = login(app_env.org.admin.nip)
    at.switch_page("pages/admin_pegawai.py").run()
    pilih_tab(at, "TPP Pokok")  # only the open tab is drawn
    assert not at.exception
    return at


def test_history_and_ubah_tpp_pokok(app_env):
    at = _open(app_env)
    assert [t.label for t in at.tabs] == [
        "Impor Pegawai",
        "TPP Pokok",
        "Akun Pegawai",
        "Status Kepegawaian",
        "Permintaan Penilai",
    ]
    at.text_input(key="tpp_nip").input(app_env.org.staf.nip).run()
    assert "Staf Uji — Pengelola Data, Bidang Mutasi Uji" in [t.value for t in at.text]
    assert at.metric[0].value == "Rp3.000.000"
    assert list(at.dataframe[0].value["TPP Pokok"]) == ["Rp3.000.000"]
    at.number_input(key="tpp_jumlah").set_value(3_600_000)
    at.date_input(key="tpp_mulai").set_value(date(2026, 8, 1))
    at.text_input(key="tpp_keterangan").input("Perbup TPP 2026")
    button(at, "Ubah TPP Pokok").click().run()
    assert not at.exception
    assert "TPP pokok Staf Uji menjadi Rp3.600.000 mulai 1 Agustus 2026." in [polos(s.value) for s in at.success]
    assert list(at.dataframe[0].value["TPP Pokok"]) == ["Rp3.600.000", "Rp3.000.000"]
    assert _riwayat(app_env, app_env.org.staf.pegawai_id)[-1] == (date(2026, 8, 1), 3_600_000, "admin")
    # The same pokok again is refused with a message; nothing changes.
    at.number_input(key="tpp_jumlah").set_value(3_600_000)
    at.date_input(key="tpp_mulai").set_value(date(2026, 8, 1))
    button(at, "Ubah TPP Pokok").click().run()
    assert any("tidak ada yang diubah" in polos(e.value) for e in at.error)


def test_unknown_nip_says_so(app_env):
    at = _open(app_env)
    at.text_input(key="tpp_nip").input("1" * 18).run()
    assert any("tidak ditemukan" in polos(e.value) for e in at.error)


def test_bulk_change_shows_the_count_and_asks_first(app_env):
    at = _open(app_env)
    at.text_input(key="massal_jabatan").input("Pengelola Data").run()
    at.number_input(key="massal_jumlah").set_value(3_700_000)
    at.date_input(key="massal_mulai").set_value(date(2026, 9, 1))
    button(at, "Pratinjau").click().run()
    assert "1 pegawai aktif dengan jabatan ini: Staf Uji" in [t.value for t in at.text]
    button(at, "Ubah TPP Pokok Semua").click().run()
    assert "Ubah TPP pokok 1 pegawai" in polos(at.warning[0].value)
    assert _riwayat(app_env, app_env.org.staf.pegawai_id)[-1][2] == "awal"  # nothing yet
    button(at, "Ya, ubah tpp pokok semua").click().run()
    assert not at.exception
    assert "TPP pokok 1 pegawai diubah; 0 sudah bernilai sama." in [polos(s.value) for s in at.success]
    assert _riwayat(app_env, app_env.org.staf.pegawai_id)[-1] == (date(2026, 9, 1), 3_700_000, "massal")
