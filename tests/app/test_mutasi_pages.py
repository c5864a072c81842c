"""The screens after a mid-month mutasi (issue #14 point 1, docs/domain.md §8.2, §8.11): the old atasan's Beranda
and Validasi list the former bawahan apart, the new atasan's Beranda names the bawahan baru whose SKP waits for
penetapan, and the moved pegawai's Aktivitas Harian shows the rows held by the mutasi with their label."""

from __future__ import annotations

from datetime import date

import pytest

from db.enums import JenisRHK, StatusAktivitas
from db.models import Pegawai, RencanaHasilKerja
from db.session import session_scope
from services.organisasi import periode as periode_service
from tests.app.conftest import login, polos
from tests.conftest import ORDINARY_DAY
from tests.factories import SkpUji, add_aktivitas, build_skp

M = StatusAktivitas.MENUNGGU
EFEKTIF = date(2026, 7, 13)  # Monday; "today" is Wednesday 15 July 2026


@pytest.fixture
def mutasi(app_env, time_machine):
    """Staf moves from kasubbid to kabid on 13 July 2026. Waiting: 10 July (old period, kasubbid's), 13 July
    (entered before the mutasi, moved without RHK: "Pilih Ulang SKP Terkait") and 14 July (on the new draft SKP:
    "Menunggu Penetapan SKP")."""
    time_machine.move_to(ORDINARY_DAY)
    org = app_env.org
    with session_scope(app_env.engine()) as s:
        skp = build_skp(s, org.staf, 2026)
        skp_kabid = build_skp(s, org.kabid, 2026)
        add_aktivitas(s, org.staf, skp, date(2026, 7, 10), "08:00", "10:00", M, aktivitas="Rekap berkas lama")
        add_aktivitas(s, org.staf, skp, EFEKTIF, "08:00", "09:00", M, aktivitas="Arsip hari pertama")
        staf = s.get_one(Pegawai, org.staf.pegawai_id)
        staf.atasan_id = org.kabid.pegawai_id
        s.flush()
        baru = periode_service.apply_mutasi(s, org.admin, staf, EFEKTIF).dibuka
        rhk = RencanaHasilKerja(
            skp_id=periode_service.skp_of(s, baru.id).id,
            teks="Terkelolanya data mutasi",
            jenis=JenisRHK.UTAMA,
            rhk_atasan_id=skp_kabid.rhk_ids[0],
        )
        s.add(rhk)
        s.flush()
        add_aktivitas(
            s, org.staf, SkpUji(baru.id, 0, [rhk.id], []), date(2026, 7, 14), "08:00", "11:00", M, "Verifikasi"
        )
    return org


def test_old_atasan_beranda_lists_the_former_bawahan_apart(app_env, mutasi):
    at = login(mutasi.kasubbid.nip)
    assert not at.exception
    assert "Atasan" in at.session_state["_sipijar_menu"]  # kasubbid has no bawahan in the hierarchy any more
    assert any("Mantan bawahan (mutasi)" in c.value for c in at.caption)
    assert "Staf Uji: 1 aktivitas menunggu validasi (120 menit)" in [t.value for t in at.text]
    assert not at.dataframe


def test_new_atasan_beranda_shows_the_bawahan_baru_with_the_days(app_env, mutasi):
    at = login(mutasi.kabid.nip)
    assert not at.exception
    pesan = [polos(w.value) for w in at.warning]
    assert any("Bawahan baru menunggu penetapan SKP: Staf Uji (sejak 13 Juli 2026, 2 hari)" in p for p in pesan)
    assert not any("Mantan bawahan" in c.value for c in at.caption)


def test_old_atasan_validasi_marks_the_former_bawahan(app_env, mutasi):
    at = login(mutasi.kasubbid.nip)
    at.switch_page("pages/validasi.py").run()
    assert not at.exception
    [pilih] = at.selectbox
    assert "Mantan bawahan (mutasi)" in pilih.format_func(pilih.value)
    assert any("Mantan bawahan (mutasi)" in polos(c.value) for c in at.caption)
    assert "**10-07-2026 · " in polos(" ".join(m.value for m in at.markdown))
    assert [b.label for b in at.button if b.label == "Validasi"] == ["Validasi"]
    # Validating the last row of the mantan bawahan empties the list: the success is still said.
    next(b for b in at.button if b.label == "Validasi Semua").click().run()
    assert "aktivitas Staf Uji tervalidasi" in polos(at.success[0].value)
    assert "Belum ada bawahan yang aktivitasnya Anda validasi." in [i.value for i in at.info]


def test_new_atasan_validasi_shows_the_held_rows_without_a_validasi_button(app_env, mutasi):
    at = login(mutasi.kabid.nip)
    at.switch_page("pages/validasi.py").run()
    pilih = next(s for s in at.selectbox if s.label == "Pilih Pegawai")
    pilih.set_value(mutasi.staf.pegawai_id).run()
    assert not at.exception
    label = [c.value for c in at.caption]
    assert "Pilih Ulang SKP Terkait" in label and "Menunggu Penetapan SKP" in label
    assert not [b for b in at.button if b.label in ("Validasi", "Validasi Semua")]


def test_moved_pegawai_sees_the_labels_and_what_to_do(app_env, mutasi):
    at = login(mutasi.staf.nip)
    assert any("Periode ini dibuka karena mutasi" in polos(i.value) for i in at.info)  # Beranda: log already
    assert "Isi Aktivitas Harian" in [str(link.proto.label) for link in at.get("page_link")]
    at.switch_page("pages/aktivitas_harian.py").run()
    assert not at.exception
    status = list(at.dataframe[0].value["Status"])
    assert sorted(status) == ["Menunggu Penetapan SKP", "Menunggu Validasi", "Pilih Ulang SKP Terkait"]
    assert any("1 aktivitas dipindahkan ke periode SKP baru karena mutasi" in polos(w.value) for w in at.warning)
    assert any("Periode ini dibuka karena mutasi" in polos(i.value) for i in at.info)
