"""AppTest of Templat Mingguan on Aktivitas Harian: a row added through its form, "Terapkan Templat" with its
report next to the button, "Simpan hari ini sebagai templat" behind a confirmation, a row deleted after one."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

from sqlalchemy import func, select

from db.models import AktivitasHarian, TemplatAktivitas
from db.session import session_scope
from services.aktivitas import templat
from services.platform import format as fmt
from services.platform import kalender
from services.platform.kalender import hari_ini
from tests.app.conftest import buka, button, login, polos
from tests.factories import add_aktivitas, build_skp

TODAY = hari_ini()
K = "ah_templat"


def _setup(app_env):
    with session_scope(app_env.engine()) as s:
        kalender.isi_hari_libur(s, TODAY.year)
        return build_skp(s, app_env.org.staf, TODAY.year)


def _open(app_env):
    """Aktivitas Harian, then Templat Mingguan opened: until then it is a closed header with nothing built."""
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/aktivitas_harian.py").run()
    assert "Templat Mingguan" in [e.label for e in at.expander]
    assert not [b for b in at.button if b.label == "Tambah ke Templat"]
    buka(at, f"{K}_buka")
    assert not at.exception, at.exception
    return at


def _hitung(app_env, model) -> int:
    with session_scope(app_env.engine()) as s:
        return s.scalar(select(func.count()).select_from(model))


def test_add_a_row_through_the_form_then_change_and_delete_it(app_env):
    _setup(app_env)
    at = _open(app_env)
    assert any("Templat masih kosong" in i.value for i in at.info)
    at.selectbox(key=f"{K}_tambah_0_h").set_value(2)
    at.text_area(key=f"{K}_tambah_0_teks").input("Menyusun laporan mingguan")
    at.text_input(key=f"{K}_tambah_0_satuan").input("Laporan")
    at.time_input(key=f"{K}_tambah_0_mulai").set_value(time(13, 0))
    at.time_input(key=f"{K}_tambah_0_selesai").set_value(time(14, 30))
    button(at, "Tambah ke Templat").click().run()
    assert not at.exception and not at.error, at.error
    assert polos(at.success[0].value) == "Baris templat Rabu tersimpan."
    with session_scope(app_env.engine()) as s:
        (row,) = templat.daftar(s, app_env.org.staf)
    assert (row.nama_hari, row.jam, row.aktivitas, row.volume) == (
        "Rabu",
        "13.00–14.30",
        "Menyusun laporan mingguan",
        1,
    )
    tabel = at.dataframe[-1].value
    assert list(tabel["Hari"]) == ["Rabu"] and list(tabel["Jam"]) == ["13.00–14.30"]

    at.text_area(key=f"{K}_ubah_{row.id}_teks").input("Menyusun laporan pekanan")
    button(at, "Simpan Perubahan").click().run()
    assert polos(at.success[0].value) == "Perubahan baris templat tersimpan."
    button(at, "Hapus Baris").click().run()
    assert _hitung(app_env, TemplatAktivitas) == 1  # asked first
    assert "Hapus baris templat Rabu 13.00–14.30?" in polos(at.warning[-1].value)
    button(at, "Ya, hapus baris").click().run()
    assert polos(at.success[0].value) == "Baris templat dihapus."
    assert _hitung(app_env, TemplatAktivitas) == 0


def test_terapkan_reports_next_to_the_button(app_env):
    skp = _setup(app_env)
    with session_scope(app_env.engine()) as s:
        for hari in range(5):
            templat.tambah_baris(
                s,
                app_env.org.staf,
                templat.TemplatInput(
                    hari,
                    skp.rhk_ids[0],
                    skp.indikator_ids[0],
                    "Apel dan rapat",
                    Decimal(1),
                    "Kegiatan",
                    time(8),
                    time(9),
                ),
            )
        libur = TODAY in kalender.hari_libur_set(s, TODAY, TODAY)
    at = _open(app_env)
    at.date_input(key=f"{K}_dari").set_value(TODAY)
    at.date_input(key=f"{K}_ke").set_value(TODAY)
    button(at, "Terapkan Templat").click().run()
    assert not at.exception and not at.error, at.error
    if TODAY.weekday() >= 5:  # worked out by hand: a weekend has no template rows
        assert any(polos(m.value) == "0 aktivitas ditambahkan." for m in at.success)
    elif libur:
        pesan = f"0 aktivitas ditambahkan; 1 dilewati: {fmt.tanggal_singkat(TODAY)} (hari libur)."
        assert any(polos(m.value) == pesan for m in at.warning)
    else:
        assert any(polos(m.value) == "1 aktivitas ditambahkan." for m in at.success)
        assert _hitung(app_env, AktivitasHarian) == 1
        button(at, "Terapkan Templat").click().run()  # again: the same hour is now taken
        pesan = f"0 aktivitas ditambahkan; 1 dilewati: {fmt.tanggal_singkat(TODAY)} 08.00–09.00 (tumpang tindih)."
        assert any(polos(m.value) == pesan for m in at.warning)
        assert _hitung(app_env, AktivitasHarian) == 1


def test_simpan_hari_ini_sebagai_templat_asks_first(app_env):
    skp = _setup(app_env)
    hari = templat.nama_hari(TODAY)
    if hari is not None:
        with session_scope(app_env.engine()) as s:
            add_aktivitas(s, app_env.org.staf, skp, TODAY, "08:00", "09:30", aktivitas="Apel dan briefing")
    at = _open(app_env)
    if hari is None:  # a weekend: the choice is not offered
        assert not [b for b in at.button if b.label.startswith("Simpan hari ini")]
        return
    button(at, f"Simpan hari ini sebagai templat {hari}").click().run()
    assert _hitung(app_env, TemplatAktivitas) == 0
    button(at, f"Ya, simpan hari ini sebagai templat {hari.lower()}").click().run()
    assert not at.exception and not at.error, at.error
    assert polos(at.success[0].value) == f"Templat {hari} kini berisi 1 aktivitas dari {fmt.tanggal(TODAY)}."
    with session_scope(app_env.engine()) as s:
        assert [(r.nama_hari, r.jam) for r in templat.daftar(s, app_env.org.staf)] == [(hari, "08.00–09.30")]
