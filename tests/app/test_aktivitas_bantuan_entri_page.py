"""AppTest of Aktivitas Harian's entry helpers: Tambah Aktivitas of 22.00–02.00 saved as two activities with a
message that says so; "Salin dari hari sebelumnya" from a source day the pegawai picks."""

from __future__ import annotations

from datetime import time, timedelta

from sqlalchemy import select

from db.models import AktivitasHarian
from db.session import session_scope
from services.aktivitas.entri import TENGAH_MALAM
from services.platform import format as fmt
from services.platform.kalender import hari_ini
from tests.app.conftest import buka, button, login, polos
from tests.factories import add_aktivitas, build_skp

TODAY = hari_ini()
KEMARIN = TODAY - timedelta(days=1)


def test_22_to_02_is_saved_as_two_and_the_message_names_both(app_env):
    with session_scope(app_env.engine()) as s:
        for tahun in sorted({KEMARIN.year, TODAY.year}):
            build_skp(s, app_env.org.staf, tahun)
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/aktivitas_harian.py").run()
    at.date_input(key="ah_tanggal").set_value(KEMARIN).run()
    form = "ah_tambah_0"
    at.text_area(key=f"{form}_teks").input("Piket posko banjir")
    at.text_input(key=f"{form}_satuan").input("Laporan")
    at.time_input(key=f"{form}_mulai").set_value(time(22, 0))
    at.time_input(key=f"{form}_selesai").set_value(time(2, 0))
    button(at, "Simpan").click().run()
    if KEMARIN.year != TODAY.year:  # 1 January: the RHK picked is of last year's SKP, not of today's
        assert "bagian kedua" in polos(at.error[0].value) and "Tidak ada yang disimpan" in polos(at.error[0].value)
        with session_scope(app_env.engine()) as s:
            assert s.scalars(select(AktivitasHarian)).first() is None
        return
    assert not at.exception and not at.error, [polos(e.value) for e in at.error]
    assert polos(at.success[0].value) == (
        f"Aktivitas melewati tengah malam dan disimpan sebagai dua: {fmt.tanggal(KEMARIN)} 22.00–24.00 dan "
        f"{fmt.tanggal(TODAY)} 00.00–02.00; keduanya menunggu validasi atasan."
    )
    with session_scope(app_env.engine()) as s:
        rows = [
            (a.tanggal, a.jam_mulai, a.jam_selesai, a.durasi_menit)
            for a in s.scalars(select(AktivitasHarian).order_by(AktivitasHarian.tanggal))
        ]
    assert rows == [(KEMARIN, time(22, 0), TENGAH_MALAM, 120), (TODAY, time(0, 0), time(2, 0), 120)]
    if KEMARIN.month == TODAY.month:  # the month's list shows the first part ending at 24.00
        assert "22.00–24.00" in list(at.dataframe[0].value["Jam"])


def test_salin_from_a_chosen_day(app_env):
    with session_scope(app_env.engine()) as s:
        skp = build_skp(s, app_env.org.staf, TODAY.year)
        sumber = TODAY.replace(day=1) if TODAY.day > 1 else TODAY
        if sumber != TODAY:
            add_aktivitas(s, app_env.org.staf, skp, sumber, "13:00", "14:00", aktivitas="Rapat awal bulan")
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/aktivitas_harian.py").run()
    assert not [d for d in at.date_input if d.key.startswith("ah_salin")]  # closed: nothing built
    buka(at, "ah_salin_buka")
    assert [d.label for d in at.date_input if d.key.startswith("ah_salin")] == [
        "Salin ke tanggal",
        "Salin dari tanggal",
    ]
    at.date_input(key=f"ah_salin_dari_{TODAY}").set_value(sumber)
    button(at, "Salin dari hari sebelumnya").click().run()
    if sumber == TODAY:  # the 1st of a month: the same day is refused
        assert "berbeda dari tanggal tujuan" in polos(at.error[0].value)
        return
    assert not at.exception and not at.error, [polos(e.value) for e in at.error]
    assert polos(at.success[0].value) == f"1 aktivitas {fmt.tanggal(sumber)} disalin ke {fmt.tanggal(TODAY)}."
    with session_scope(app_env.engine()) as s:
        disalin = s.scalars(select(AktivitasHarian).where(AktivitasHarian.tanggal == TODAY)).all()
        assert [(a.jam_mulai, a.aktivitas) for a in disalin] == [(time(13, 0), "Rapat awal bulan")]
