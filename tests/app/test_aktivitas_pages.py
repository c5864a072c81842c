"""AppTest of Aktivitas Harian (Tambah Aktivitas, the month's capaian, edit / delete / Kirim Ulang, Salin)
and Validasi ("Pilih Pegawai", "Validasi", "Validasi Semua", "Tolak")."""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta

from sqlalchemy import select

from db.enums import StatusAktivitas
from db.models import AktivitasHarian, RencanaHasilKerja
from db.session import session_scope
from services.aktivitas import harian as aktivitas
from services.aktivitas import validasi
from services.platform.kalender import hari_ini
from tests.app.conftest import aktivitas_kartu, buka, button, login, pilih_pegawai, polos
from tests.factories import add_aktivitas, build_maret_2026, build_skp

TODAY = hari_ini()
M, T, D = StatusAktivitas.MENUNGGU, StatusAktivitas.TERVALIDASI, StatusAktivitas.DITOLAK


def _setup(app_env, maret=False):
    with session_scope(app_env.engine()) as s:
        skp = build_maret_2026(s, app_env.org.staf) if maret else build_skp(s, app_env.org.staf, TODAY.year)
        if maret and TODAY.year != 2026:
            skp = build_skp(s, app_env.org.staf, TODAY.year)
        build_skp(s, app_env.org.kasubbid, TODAY.year)
        return skp


def _rows(app_env):
    with session_scope(app_env.engine()) as s:
        return [
            (a.jam_mulai, a.jam_selesai, a.status, a.aktivitas)
            for a in s.scalars(
                select(AktivitasHarian).where(AktivitasHarian.tanggal == TODAY).order_by(AktivitasHarian.jam_mulai)
            )
        ]


#: The keys of the page's expanders, drawn only while open (components.ui.lipatan).
UBAH, SALIN, EKSPOR = "ah_ubah_buka", "ah_salin_buka", "ek_buka"


def _open(nip, *bagian):
    """Aktivitas Harian for ``nip``, with the expanders ``bagian`` opened as a click on their header does."""
    at = login(nip)
    at.switch_page("pages/aktivitas_harian.py").run()
    for kunci in bagian:
        buka(at, kunci)
    assert not at.exception, at.exception
    return at


def test_tambah_aktivitas_saves_and_the_month_shows_it(app_env):
    _setup(app_env)
    at = _open(app_env.org.staf.nip)
    assert [t.value for t in at.title] == ["Aktivitas Harian"]
    assert [m.label for m in at.metric] == [
        "Hari Kerja",
        "Menit Efektif",
        "Menit Tervalidasi",
        "Menit Menunggu",
        "Capaian",
        "TPP Produktivitas",
    ]
    assert "Tambah Aktivitas" in [h.value for h in at.subheader]
    assert [d.label for d in at.date_input][:1] == ["Tanggal"]
    assert {"Bulan", "Periode"} <= {s.label for s in at.selectbox}
    assert [r.label for r in at.radio][:1] == ["SKP terkait"]  # the RHK — indikator read whole
    assert [t.label for t in at.time_input][:2] == ["Jam Mulai", "Jam Selesai"]  # then Templat Mingguan's
    assert at.time_input[0].value == time(7, 30) and at.time_input[1].value == time(8, 30)  # next free slot
    at.text_area[0].input("Menyusun laporan mutasi pegawai")
    at.text_input(key=[w.key for w in at.text_input if w.label == "Satuan output"][0]).input("Laporan")
    button(at, "Simpan").click().run()
    assert not at.exception and not at.error, [polos(e.value) for e in at.error]
    assert "tersimpan dan menunggu validasi atasan" in polos(at.success[0].value)
    # The message is next to the form (under Simpan), not at the top of the page.
    urutan = [(n.type, getattr(n.proto, "form_id", "")) for n in at._tree if hasattr(n, "proto")]
    tambah = max(i for i, (jenis, form) in enumerate(urutan) if form.startswith("ah_tambah_"))
    assert [i for i, (jenis, _f) in enumerate(urutan) if jenis == "success"] == [tambah + 1]
    # The capaian in one line (a phone's first screen) and the row as a card with its labelled figures.
    [satu_baris] = [polos(m.value) for m in at.markdown if m.value.startswith("**Capaian ")]
    assert satu_baris.endswith(" · 60 menit menunggu validasi") and "TPP produktivitas **Rp" in satu_baris
    [kartu] = [polos(m.value) for m in at.markdown if ":gray[SKP terkait:]" in m.value]
    assert "Menyusun laporan mutasi pegawai" in kartu and ":gray[Output:] 1 Laporan · :gray[Menit:] 60" in kartu
    table = at.dataframe[0].value
    assert list(table["Status"]) == ["Menunggu Validasi"] and list(table["Menit"]) == [60]
    assert [m.value for m in at.metric][3] == "60"
    assert _rows(app_env) == [(time(7, 30), time(8, 30), M, "Menyusun laporan mutasi pegawai")]
    # The next default slot follows the saved activity.
    assert at.time_input[0].value == time(8, 30)


def test_overlap_is_shown_and_nothing_saved(app_env):
    skp = _setup(app_env)
    with session_scope(app_env.engine()) as s:
        add_aktivitas(s, app_env.org.staf, skp, TODAY, "08:00", "09:00", M, aktivitas="Apel pagi")
    at = _open(app_env.org.staf.nip)
    at.text_area[0].input("Rapat")
    at.text_input(key=[w.key for w in at.text_input if w.label == "Satuan output"][0]).input("Kegiatan")
    at.time_input[0].set_value(time(8, 30))
    at.time_input[1].set_value(time(9, 30))
    button(at, "Simpan").click().run()
    assert "bertumpang tindih" in polos(at.error[0].value) and "Apel pagi" in polos(at.error[0].value)
    assert len(_rows(app_env)) == 1


def test_the_march_example_on_screen(app_env):
    """DOMAIN's worked example, as the pegawai sees it (the same figures as the PDF and the rekap)."""
    _setup(app_env, maret=True)
    at = _open(app_env.org.staf.nip)
    at.selectbox(key="ah_bulan").set_value((2026, 3)).run()
    assert [m.value for m in at.metric] == ["17 hari", "5.100", "4.080", "600", "80,00 %", "Rp1.488.000"]
    statuses = list(at.dataframe[0].value["Status"])
    assert statuses.count("Tervalidasi") == 17 and statuses.count("Menunggu Validasi") == 2
    assert "Tidak sesuai daftar hadir" in list(at.dataframe[0].value["Alasan Ditolak"])


def test_delete_asks_first_and_kirim_ulang_corrects_a_rejected_row(app_env):
    skp = _setup(app_env)
    with session_scope(app_env.engine()) as s:
        add_aktivitas(s, app_env.org.staf, skp, TODAY, "08:00", "09:00", M, aktivitas="Apel pagi")
        add_aktivitas(s, app_env.org.staf, skp, TODAY, "09:00", "10:00", D, aktivitas="Rapat", alasan="Jam salah")
    at = _open(app_env.org.staf.nip, UBAH)
    pilih = at.selectbox(key="ah_ubah_id")
    assert [o.split(" · ")[-1] for o in pilih.options] == ["Menunggu Validasi", "Ditolak"]
    button(at, "Hapus Aktivitas").click().run()
    assert "tidak dapat dibatalkan" in polos(at.warning[-1].value)
    assert len(_rows(app_env)) == 2
    button(at, "Ya, hapus aktivitas").click().run()
    assert not at.exception
    assert [r[3] for r in _rows(app_env)] == ["Rapat"]

    at = _open(app_env.org.staf.nip, UBAH)
    assert "Ditolak atasan: Jam salah" in polos(at.warning[0].value)
    at.time_input(key=[w.key for w in at.time_input if w.key.endswith("_mulai") and "ubah" in w.key][0]).set_value(
        time(9, 30)
    )
    button(at, "Kirim Ulang").click().run()
    assert not at.error, [polos(e.value) for e in at.error]
    assert "dikirim ulang" in polos(at.success[0].value)
    assert _rows(app_env) == [(time(9, 30), time(10, 0), M, "Rapat")]


def test_salin_dari_hari_sebelumnya(app_env):
    skp = _setup(app_env)
    with session_scope(app_env.engine()) as s:
        from services.aktivitas.salin import hari_kerja_sebelumnya

        kemarin = hari_kerja_sebelumnya(s, TODAY)
        if kemarin.year == TODAY.year:
            add_aktivitas(s, app_env.org.staf, skp, kemarin, "08:00", "09:00", T, aktivitas="Apel")
    at = _open(app_env.org.staf.nip, SALIN)
    button(at, "Salin dari hari sebelumnya").click().run()
    assert not at.exception and not at.error
    if kemarin.year == TODAY.year:
        assert "1 aktivitas" in polos(at.success[0].value)
        assert _rows(app_env) == [(time(8, 0), time(9, 0), M, "Apel")]


def test_validasi_page_per_row_all_and_tolak(app_env):
    skp = _setup(app_env)
    with session_scope(app_env.engine()) as s:
        for a, b in (("08:00", "09:00"), ("09:00", "10:00"), ("10:00", "11:00")):
            add_aktivitas(s, app_env.org.staf, skp, TODAY, a, b, M, aktivitas=f"Kegiatan {a}")
    at = login(app_env.org.kasubbid.nip)
    at.switch_page("pages/validasi.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Validasi"]
    assert pilih_pegawai(at).label == "Pilih Pegawai"
    assert "Menunggu validasi: Staf Uji (3)" in at.caption[1].value.replace("\\", "")
    pilih = pilih_pegawai(at)
    assert pilih.format_func(pilih.value) == (f"Staf Uji · 3 menunggu · {_sisa_hari()} — NIP {app_env.org.staf.nip}")
    # Tolak opens the alasan field under the row; without alasan it is refused at the field, which stays open.
    ids = _ids(app_env)
    at.button(key=f"validasi_t_{ids[0]}").click().run()
    assert [t.label for t in at.text_area] == ["Alasan penolakan"]
    at.button(key=f"FormSubmitter:validasi_tolak_{ids[0]}-Tolak").click().run()
    assert not at.exception
    assert "Alasan penolakan wajib diisi" in polos(at.error[0].value)
    assert [t.label for t in at.text_area] == ["Alasan penolakan"]  # the field is still there, under the row
    assert [r[2] for r in _rows(app_env)] == [M, M, M]
    at.text_area[0].input("Uraian kurang jelas")
    at.button(key=f"FormSubmitter:validasi_tolak_{ids[0]}-Tolak").click().run()
    assert "ditolak" in polos(at.success[0].value)
    assert not at.text_area and not at.error
    button(at, "Validasi").click().run()
    assert "tervalidasi" in polos(at.success[0].value)
    assert [r[2] for r in _rows(app_env)] == [D, T, M]
    button(at, "Validasi Semua").click().run()
    assert "1 aktivitas Staf Uji tervalidasi" in polos(at.success[0].value)
    assert [r[2] for r in _rows(app_env)] == [D, T, T]


def _sisa_hari() -> str:
    """The days left of this month (closing day 5 of the next, the default hari_tutup_bulan), worked out here."""
    tutup = (TODAY.replace(day=28) + timedelta(days=4)).replace(day=5)
    sisa = (tutup - TODAY).days
    return "ditutup hari ini" if sisa == 0 else f"{sisa} hari lagi sebelum bulan ditutup"


def _ids(app_env) -> list[int]:
    with session_scope(app_env.engine()) as s:
        return list(
            s.scalars(
                select(AktivitasHarian.id).where(AktivitasHarian.tanggal == TODAY).order_by(AktivitasHarian.jam_mulai)
            )
        )


def test_validasi_semua_refuses_a_row_the_pegawai_changed_after_the_list_was_shown(app_env):
    skp = _setup(app_env)
    with session_scope(app_env.engine()) as s:
        ids = [
            add_aktivitas(s, app_env.org.staf, skp, TODAY, a, b, M, aktivitas=f"Kegiatan {a}").id
            for a, b in (("08:00", "09:00"), ("09:00", "10:00"))
        ]
    at = login(app_env.org.kasubbid.nip)
    at.switch_page("pages/validasi.py").run()
    # the pegawai corrects a row while the atasan looks at the list
    with session_scope(app_env.engine()) as s:
        row = s.get(AktivitasHarian, ids[0])
        aktivitas.ubah(
            s,
            app_env.org.staf,
            row.id,
            aktivitas.AktivitasInput(
                tanggal=row.tanggal,
                rhk_id=row.rhk_id,
                aktivitas="Kegiatan yang sudah diperbaiki",
                volume=1,
                satuan="Dokumen",
                jam_mulai=time(8, 0),
                jam_selesai=time(9, 0),
            ),
            version=row.version_id,
        )
    button(at, "Validasi Semua").click().run()
    assert not at.exception
    assert "1 aktivitas telah diubah atau diproses sejak daftar ditampilkan" in polos(at.error[0].value)
    assert [r[2] for r in _rows(app_env)] == [M, M]
    assert "Kegiatan yang sudah diperbaiki" in aktivitas_kartu(at)  # the list shows the new text
    button(at, "Validasi Semua").click().run()
    assert "2 aktivitas Staf Uji tervalidasi" in polos(at.success[0].value)
    assert [r[2] for r in _rows(app_env)] == [T, T]


def test_validasi_shows_50_rows_at_a_time_and_validasi_semua_takes_those(app_env):
    """60 waiting rows: the list shows the first 50 (and says so); Validasi Semua validates those 50
    the atasan can see, then the remaining 10 are shown."""
    skp = _setup(app_env)
    with session_scope(app_env.engine()) as s:
        for k in range(60):
            mulai = 7 * 60 + 10 * k
            add_aktivitas(
                s,
                app_env.org.staf,
                skp,
                TODAY,
                f"{mulai // 60:02d}:{mulai % 60:02d}",
                f"{(mulai + 10) // 60:02d}:{(mulai + 10) % 60:02d}",
                M,
                aktivitas=f"Kegiatan {k + 1}",
            )
    at = login(app_env.org.kasubbid.nip)
    at.switch_page("pages/validasi.py").run()
    assert "60 aktivitas menunggu validasi; 50 pertama ditampilkan — 500 menit." in [t.value for t in at.text]
    assert sum(b.label == "Validasi" for b in at.button) == 50
    button(at, "Validasi Semua").click().run()
    assert "50 aktivitas Staf Uji tervalidasi" in polos(at.success[0].value)
    assert [r[2] for r in _rows(app_env)].count(T) == 50
    assert "10 aktivitas menunggu validasi — 100 menit." in [t.value for t in at.text]


def test_a_validasi_card_reads_what_was_done_when_for_which_skp_and_how_long(app_env):
    """One card per waiting row, one text beside its buttons: the date and hours, the aktivitas, the SKP
    terkait, the output and the minutes (08.00–09.30 is 90), each figure labelled; user text inert."""
    with session_scope(app_env.engine()) as s:
        skp = build_skp(s, app_env.org.staf, TODAY.year)
        add_aktivitas(s, app_env.org.staf, skp, TODAY, "08:00", "09:30", M, aktivitas="Rapat *koordinasi* [x](y)")
        rhk = s.get_one(RencanaHasilKerja, skp.rhk_ids[0]).teks
    at = login(app_env.org.kasubbid.nip)
    at.switch_page("pages/validasi.py").run()
    assert not at.exception
    [mentah] = [m.value for m in at.markdown if ":gray[SKP terkait:]" in m.value]
    assert r"Rapat \*koordinasi\* \[x\]\(y\)" in mentah  # escaped: read as typed, never emphasis or a link
    assert polos(mentah).split("  \n") == [
        f"**{TODAY:%d-%m-%Y} · 08.00–09.30**",
        "Rapat *koordinasi* [x](y)",
        f":gray[SKP terkait:] {rhk}",
        ":gray[Output:] 1 Dokumen · :gray[Menit:] 90",
    ]
    assert [b.label for b in at.button if b.label in ("Validasi", "Tolak")] == ["Validasi", "Tolak"]


def _bawahan_kabid(app_env, kasubbid: int, fungsional: int) -> None:
    """Waiting rows of Kabid's two bawahan today, ``kasubbid`` and ``fungsional`` of them."""
    org = app_env.org
    with session_scope(app_env.engine()) as s:
        for pegawai, jumlah in ((org.kasubbid, kasubbid), (org.fungsional, fungsional)):
            skp = build_skp(s, pegawai, TODAY.year)
            for k in range(jumlah):
                add_aktivitas(s, pegawai, skp, TODAY, f"{8 + k:02d}:00", f"{9 + k:02d}:00", M, aktivitas=f"Tugas {k}")


def _status(app_env, pegawai) -> list:
    with session_scope(app_env.engine()) as s:
        return list(
            s.scalars(
                select(AktivitasHarian.status)
                .where(AktivitasHarian.pegawai_id == pegawai.pegawai_id)
                .order_by(AktivitasHarian.jam_mulai)
            )
        )


def test_atasan_stays_on_the_chosen_bawahan_after_validasi_tolak_and_validasi_semua(app_env):
    """Aktivitas Harian → Pilih Bawahan: it opens on the bawahan with the most waiting (Kasubbid, 3); the atasan
    picks Fungsional (2) and stays on the tab and on Fungsional after Validasi and Tolak, although Fungsional
    then waits less than Kasubbid; with nothing left, one click goes on to Kasubbid."""
    org = app_env.org
    _bawahan_kabid(app_env, kasubbid=3, fungsional=2)
    at = _open(org.kabid.nip)
    assert [t.label for t in at.tabs] == ["Aktivitas Saya", "Pilih Bawahan"]
    assert not [s for s in at.selectbox if s.label == "Pilih Pegawai"]  # the hidden tab is not drawn
    at.session_state["ah_tampilan"] = "Pilih Bawahan"  # as a click on the tab does
    at.run()
    pilih = pilih_pegawai(at)
    assert pilih.value == org.kasubbid.pegawai_id
    assert [o.split(" · ")[1] for o in pilih.options] == ["3 menunggu", "2 menunggu"]
    pilih.set_value(org.fungsional.pegawai_id).run()
    button(at, "Validasi").click().run()
    assert "tervalidasi" in polos(at.success[0].value)
    assert at.session_state["ah_tampilan"] == "Pilih Bawahan"
    assert pilih_pegawai(at).value == org.fungsional.pegawai_id
    assert [m.label for m in at.metric] == []  # still the bawahan's tab, not Aktivitas Saya
    [sisa] = [b.key for b in at.button if b.label == "Tolak"]
    at.button(key=sisa).click().run()
    at.text_area[0].input("Output tidak sesuai")
    button(at, "Tolak").click().run()
    assert "ditolak" in polos(at.success[0].value)
    assert pilih_pegawai(at).value == org.fungsional.pegawai_id
    assert _status(app_env, org.fungsional) == [T, D]
    assert "Tidak ada aktivitas Fungsional Uji yang menunggu validasi." in polos(at.success[-1].value)
    [berikutnya] = [b for b in at.button if polos(b.label) == "Berikutnya: Kasubbid Uji (3 menunggu)"]
    berikutnya.click().run()
    assert pilih_pegawai(at).value == org.kasubbid.pegawai_id
    button(at, "Validasi Semua").click().run()
    assert "3 aktivitas Kasubbid Uji tervalidasi" in polos(at.success[0].value)
    assert pilih_pegawai(at).value == org.kasubbid.pegawai_id
    assert at.session_state["ah_tampilan"] == "Pilih Bawahan"
    assert _status(app_env, org.kasubbid) == [T, T, T]
    # A pegawai without bawahan has no such tab.
    at = _open(org.staf.nip)
    assert len(at.tabs) == 0


def test_a_link_from_a_reminder_opens_validasi_on_that_bawahan(app_env):
    """/validasi?nip=…: on the linked bawahan although another waits more; a NIP that is not the viewer's
    bawahan is ignored with a short info."""
    org = app_env.org
    _bawahan_kabid(app_env, kasubbid=3, fungsional=1)
    at = login(org.kabid.nip)
    at.query_params["nip"] = org.fungsional.nip
    at.switch_page("pages/validasi.py").run()
    assert not at.exception
    assert pilih_pegawai(at).value == org.fungsional.pegawai_id
    assert aktivitas_kartu(at) == ["Tugas 0"]
    at = login(org.kabid.nip)
    at.query_params["nip"] = org.staf.nip  # Kasubbid's bawahan, not Kabid's
    at.switch_page("pages/validasi.py").run()
    assert "bukan bawahan yang aktivitasnya Anda validasi" in polos(at.info[0].value)
    assert pilih_pegawai(at).value == org.kasubbid.pegawai_id


# --- optimistic locking: the edit form carries the version it was shown with ----------------------------

KONFLIK = "Data ini telah diubah oleh orang lain"


def _form_ubah(at, akhiran: str):
    """A widget of the edit form (key ah_ubah_<id>_v<version>_<akhiran>)."""
    keys = [
        w.key
        for w in (*at.text_area, *at.text_input)
        if w.key and w.key.startswith("ah_ubah_") and w.key.endswith(f"_{akhiran}")
    ]
    assert len(keys) == 1, keys
    return at.text_area(key=keys[0]) if akhiran == "teks" else at.text_input(key=keys[0])


def _aktivitas_staf(app_env):
    with session_scope(app_env.engine()) as s:
        return [(a.aktivitas, a.status, a.version_id) for a in s.scalars(select(AktivitasHarian))]


def test_an_edit_from_a_stale_screen_shows_the_conflict_and_overwrites_nothing(app_env):
    skp = _setup(app_env)
    with session_scope(app_env.engine()) as s:
        row_id = add_aktivitas(s, app_env.org.staf, skp, TODAY, "08:00", "09:00", M, aktivitas="Apel pagi").id
    at = _open(app_env.org.staf.nip, UBAH)
    assert _form_ubah(at, "teks").value == "Apel pagi"
    # Meanwhile, in another tab, the pegawai saves a change to the same row.
    with session_scope(app_env.engine()) as s:
        data = aktivitas.as_row(s.get(AktivitasHarian, row_id)).as_input()
        aktivitas.ubah(s, app_env.org.staf, row_id, replace(data, aktivitas="Diubah di tab lain"), version=1)
    _form_ubah(at, "teks").input("Apel pagi dan briefing")
    button(at, "Simpan Perubahan").click().run()
    assert not at.exception
    assert [polos(e.value) for e in at.error] == [aktivitas.KONFLIK_UBAH]
    assert KONFLIK in polos(at.error[0].value) and "muat ulang" in polos(at.error[0].value)
    assert not at.success
    assert _aktivitas_staf(app_env) == [("Diubah di tab lain", M, 2)]
    # The next run shows the current data; saving from it goes through.
    at.run()
    assert _form_ubah(at, "teks").value == "Diubah di tab lain"
    _form_ubah(at, "teks").input("Apel pagi dan briefing")
    button(at, "Simpan Perubahan").click().run()
    assert not at.error, [polos(e.value) for e in at.error]
    assert "Perubahan aktivitas tersimpan." in polos(at.success[0].value)
    assert _aktivitas_staf(app_env) == [("Apel pagi dan briefing", M, 3)]


def test_an_edit_or_delete_after_the_atasan_validated_is_refused_on_screen(app_env):
    skp = _setup(app_env)
    with session_scope(app_env.engine()) as s:
        row_id = add_aktivitas(s, app_env.org.staf, skp, TODAY, "08:00", "09:00", M, aktivitas="Apel pagi").id
    at = _open(app_env.org.staf.nip, UBAH)
    button(at, "Hapus Aktivitas").click().run()
    with session_scope(app_env.engine()) as s:
        assert validasi.validasi(s, app_env.org.kasubbid, row_id) == 1
    # The pegawai confirms the deletion on the screen that still shows Menunggu Validasi.
    button(at, "Ya, hapus aktivitas").click().run()
    assert not at.exception
    assert [polos(e.value) for e in at.error] == [aktivitas.KONFLIK_HAPUS]
    assert _aktivitas_staf(app_env) == [("Apel pagi", T, 2)]

    at = _open(app_env.org.staf.nip, UBAH)
    with session_scope(app_env.engine()) as s:
        add_aktivitas(s, app_env.org.staf, skp, TODAY, "10:00", "11:00", M, aktivitas="Rapat")
    at.run()
    with session_scope(app_env.engine()) as s:
        rapat = s.scalar(select(AktivitasHarian).where(AktivitasHarian.aktivitas == "Rapat"))
        assert validasi.validasi(s, app_env.org.kasubbid, rapat.id) == 1
    _form_ubah(at, "teks").input("Rapat koordinasi")
    button(at, "Simpan Perubahan").click().run()
    assert [polos(e.value) for e in at.error] == [aktivitas.KONFLIK_UBAH]
    assert "sudah divalidasi atasan" in polos(at.info[-1].value)
    assert sorted(_aktivitas_staf(app_env)) == [("Apel pagi", T, 2), ("Rapat", T, 2)]
    # Once the message was shown, the validated row leaves the edit list.
    at.run()
    assert not [w for w in at.selectbox if w.key == "ah_ubah_id"]


#: The table's room on a 1366-px laptop with the sidebar open (measured in Chromium: 905 px).
LEBAR_TABEL_1366 = 900


def test_the_list_fits_a_laptop_screen_and_wraps_long_texts(app_env):
    """SKP Terkait comes right after Aktivitas and every column fits 1366 px, with or without the Alasan
    Ditolak column; rows are tall enough for Streamlit to wrap text (it wraps above 4rem = 64 px), so a
    long Rencana Hasil Kerja is read, not cut off."""
    import json

    skp = _setup(app_env)
    with session_scope(app_env.engine()) as s:
        add_aktivitas(s, app_env.org.staf, skp, TODAY, "08:00", "09:00", M, aktivitas="Apel pagi")
    for lagi in (False, True):
        if lagi:
            with session_scope(app_env.engine()) as s:
                add_aktivitas(
                    s, app_env.org.staf, skp, TODAY, "09:00", "10:00", D, aktivitas="Rapat", alasan="Jam tidak sesuai"
                )
        at = _open(app_env.org.staf.nip)
        tabel = at.dataframe[0]
        kolom = [c for c in tabel.value.columns]
        assert kolom[3:5] == ["Aktivitas", "SKP Terkait"]
        assert ("Alasan Ditolak" in kolom) == lagi
        assert tabel.value["SKP Terkait"].iloc[0].startswith("Terlaksananya tugas")
        lebar = {nama: c["width"] for nama, c in json.loads(tabel.proto.columns).items() if nama in kolom}
        assert set(lebar) == set(kolom) and sum(lebar.values()) <= LEBAR_TABEL_1366, lebar
        assert lebar["SKP Terkait"] == max(lebar.values())
        assert tabel.proto.row_height > 64


def test_coming_back_to_the_page_shows_the_current_row(app_env):
    """Versions are remembered while the form stays on screen, not across visits: after the atasan rejects
    the row while the pegawai is on another page, the pegawai comes back to a Kirim Ulang form."""
    skp = _setup(app_env)
    with session_scope(app_env.engine()) as s:
        row_id = add_aktivitas(s, app_env.org.staf, skp, TODAY, "08:00", "09:00", M, aktivitas="Apel pagi").id
    at = _open(app_env.org.staf.nip, UBAH)
    assert button(at, "Simpan Perubahan")
    at.switch_page("pages/beranda.py").run()
    with session_scope(app_env.engine()) as s:
        validasi.tolak(s, app_env.org.kasubbid, row_id, "Sebutkan tempat apel")
    at.switch_page("pages/aktivitas_harian.py").run()
    assert not [w for w in at.selectbox if w.key == "ah_ubah_id"]  # another page closed the expander
    buka(at, UBAH)
    assert "Ditolak atasan: Sebutkan tempat apel" in polos(at.warning[0].value)
    _form_ubah(at, "teks").input("Apel pagi di halaman kantor")
    button(at, "Kirim Ulang").click().run()
    assert not at.error, [polos(e.value) for e in at.error]
    assert "dikirim ulang" in polos(at.success[0].value)
    assert _aktivitas_staf(app_env) == [("Apel pagi di halaman kantor", M, 3)]


def test_the_month_exports_to_ekinerja_and_a_backwards_range_is_a_message(app_env):
    """Issue #15 (6): under the month's figures, "Ekspor ke e-Kinerja BKN" offers the file of the month up to today;
    a range that ends before it starts shows why instead of a button."""
    skp = _setup(app_env)
    with session_scope(app_env.engine()) as s:
        add_aktivitas(s, app_env.org.staf, skp, TODAY, "08:00", "09:00", T)
    at = _open(app_env.org.staf.nip, EKSPOR)
    unduh = [b for b in at.get("download_button") if b.proto.label == "Unduh untuk e-Kinerja"]
    assert len(unduh) == 1
    kunci = f"ek_mulai_{TODAY.year}_{TODAY.month}"
    at.date_input(key=kunci).set_value(TODAY.replace(day=1)).run()
    at.date_input(key=f"ek_akhir_{TODAY.year}_{TODAY.month}").set_value(TODAY.replace(day=1) - timedelta(days=1))
    at.run()
    assert not at.exception
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in [polos(e.value) for e in at.error]
    assert not [b for b in at.get("download_button") if b.proto.label == "Unduh untuk e-Kinerja"]
