"""AppTest of Tutup Bulan (docs/domain.md §8.27–8.28): the admin picks a past month, sees the calendar warning,
closes it after confirming, downloads the Daftar TPP, reopens it with a reason, closes it again and reads the
selisih per pegawai in rupiah."""

from __future__ import annotations

from sqlalchemy import select

from db.enums import StatusAktivitas
from db.models import AktivitasHarian
from db.session import session_scope
from tests.app.conftest import button, login, polos
from tests.factories import build_maret_2026


def _open(app_env):
    at = login(app_env.org.admin.nip)
    at.switch_page("pages/admin_tutup_bulan.py").run()
    at.selectbox(key="tutup_bulan_bulan").set_value((2026, 3)).run()
    return at


def test_close_download_reopen_and_selisih(app_env):
    with session_scope(app_env.engine()) as s:
        build_maret_2026(s, app_env.org.staf)
    at = _open(app_env)
    assert not at.exception
    assert [t.value for t in at.title] == ["Tutup Bulan"]
    assert polos(at.warning[0].value).startswith("Kalender 2026 belum dikonfirmasi")
    assert "Bulan Maret 2026 belum ditutup." in [polos(i.value) for i in at.info]
    button(at, "Tutup Bulan").click().run()
    assert "Tutup bulan Maret 2026?" in polos(at.warning[-1].value)  # asks first
    button(at, "Ya, tutup bulan").click().run()
    assert not at.exception and not at.error, [polos(e.value) for e in at.error]
    sukses = [polos(m.value) for m in at.success]
    assert any(m.startswith("Bulan ditutup pada") and m.endswith("oleh Admin Uji (versi 1).") for m in sukses)
    assert "3 OPD, jumlah TPP produktivitas Rp1.488.000" in " ".join(c.value for c in at.caption)
    assert [b.label for b in at.get("download_button")] == ["Unduh PDF OPD", "Unduh XLSX semua OPD"]
    assert at.dataframe[0].value.iloc[0]["Ditutup oleh"] == "Admin Uji"

    button(at, "Buka Tutup Bulan").click().run()
    assert "Alasan membuka Tutup Bulan wajib diisi." in polos(at.error[0].value)
    at.text_area(key="tutup_bulan_alasan").input("Koreksi validasi 30 dan 31 Maret")
    button(at, "Buka Tutup Bulan").click().run()
    assert "Tutup Bulan Maret 2026 dibuka kembali." in [polos(m.value) for m in at.success]
    # Meanwhile the two waiting activities (600 minutes) get validated.
    with session_scope(app_env.engine()) as s:
        for a in s.scalars(select(AktivitasHarian).where(AktivitasHarian.status == StatusAktivitas.MENUNGGU)):
            a.status = StatusAktivitas.TERVALIDASI
    button(at, "Tutup Bulan").click().run()
    button(at, "Ya, tutup bulan").click().run()
    sukses = [polos(m.value) for m in at.success]
    assert "Bulan Maret 2026 ditutup (versi 2); Daftar TPP per OPD siap diunduh." in sukses
    assert [polos(s.value) for s in at.subheader][-1] == "Selisih versi 2 terhadap versi 1"
    selisih = at.dataframe[-1].value.iloc[0]
    # 60 % × 3,100,000 × 4,680/5,100 = 1,706,823.53 → Rp1.706.824; − Rp1.488.000 = +Rp218.824.
    assert (selisih["NIP"], selisih["TPP Versi 1"], selisih["TPP Versi 2"], selisih["Selisih"]) == (
        app_env.org.staf.nip,
        "Rp1.488.000",
        "Rp1.706.824",
        "+Rp218.824",
    )


def test_a_month_not_yet_past_its_closing_day_cannot_be_closed(app_env):
    at = login(app_env.org.admin.nip)
    at.switch_page("pages/admin_tutup_bulan.py").run()  # today's month, July 2026
    assert not at.exception
    assert "Juli 2026 belum dapat ditutup" in " ".join(c.value for c in at.caption)
    assert "Tutup Bulan" not in [b.label for b in at.button]


def test_rekap_and_dasbor_of_a_closed_month_say_who_closed_it(app_env):
    from services.aktivitas import tutup_bulan

    with session_scope(app_env.engine()) as s:
        build_maret_2026(s, app_env.org.staf)
    tutup_bulan.tutup(app_env.engine(), app_env.org.admin, 2026, 3)
    at = login(app_env.org.admin.nip)
    at.switch_page("pages/admin_rekap_tpp.py").run()
    at.selectbox(key="rekap_bulan").set_value((2026, 3)).run()
    assert polos(at.info[0].value).startswith("Bulan ditutup pada") and "oleh Admin Uji" in polos(at.info[0].value)
    at.switch_page("pages/dasbor_capaian.py").run()
    at.selectbox(key="dasbor_bulan").set_value((2026, 3)).run()
    assert not at.exception
    assert any(polos(i.value).startswith("Bulan ditutup pada") for i in at.info)


def test_aktivitas_harian_of_a_closed_month_says_so(app_env):
    from services.aktivitas import tutup_bulan

    with session_scope(app_env.engine()) as s:
        build_maret_2026(s, app_env.org.staf)
    tutup_bulan.tutup(app_env.engine(), app_env.org.admin, 2026, 3)
    at = login(app_env.org.staf.nip)
    at.switch_page("pages/aktivitas_harian.py").run()
    at.selectbox(key="ah_bulan").set_value((2026, 3)).run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Bulan ditutup pada") and c.endswith("oleh Admin Uji.") for c in captions), captions
    assert "Rp1.488.000" in [polos(m.value) for m in at.metric]
