"""The atasan's waiting work and the closing date, worked out by hand."""

from __future__ import annotations

from datetime import date, time

import pytest

from db.enums import StatusAktivitas, StatusSKP
from db.models import AktivitasHarian
from db.session import session_scope
from services.organisasi import periode as periode_service
from services.pimpinan import beranda
from services.platform import settings
from services.platform.kalender import isi_hari_libur as kalender_tahun
from tests.factories import build_skp


def _aktivitas(s, actor, skp, tanggal, mulai, selesai, status=StatusAktivitas.MENUNGGU):
    s.add(
        AktivitasHarian(
            pegawai_id=actor.pegawai_id,
            periode_id=skp.periode_id,
            rhk_id=skp.rhk_ids[0],
            tanggal=tanggal,
            jam_mulai=time(*mulai),
            jam_selesai=time(*selesai),
            durasi_menit=(selesai[0] * 60 + selesai[1]) - (mulai[0] * 60 + mulai[1]),
            aktivitas="Kerja",
            satuan="Kegiatan",
            status=status,
        )
    )


def test_kasubbid_sees_what_staf_is_waiting_for(engine, org):
    with session_scope(engine) as s:
        staf = build_skp(s, org.staf, 2026)
        _aktivitas(s, org.staf, staf, date(2026, 11, 2), (8, 0), (9, 30))
        _aktivitas(s, org.staf, staf, date(2026, 11, 3), (8, 0), (8, 45))
        _aktivitas(s, org.staf, staf, date(2026, 11, 4), (8, 0), (12, 0), StatusAktivitas.TERVALIDASI)
        build_skp(s, org.fungsional, 2026, status=StatusSKP.DIAJUKAN)  # penilai: kabid
    with session_scope(engine) as s:
        kasubbid = beranda.tugas_atasan(s, org.kasubbid)
        kabid = beranda.tugas_atasan(s, org.kabid)
        kepala = beranda.tugas_atasan(s, org.kepala)
    assert [(m.nama, m.jumlah, m.menit) for m in kasubbid.aktivitas_menunggu] == [("Staf Uji", 2, 135)]
    assert kasubbid.skp_diajukan == [] and kasubbid.total == 2
    assert kabid.skp_diajukan == [(org.fungsional.pegawai_id, "Fungsional Uji")] and kabid.total == 1
    assert kepala.total == 0  # the atasan of the atasan does not validate


@pytest.mark.parametrize(
    "hari_ini,bulan,tutup,sisa",
    [
        (date(2026, 11, 24), date(2026, 11, 1), date(2026, 12, 5), 11),
        (date(2026, 12, 3), date(2026, 11, 1), date(2026, 12, 5), 2),  # November still open until 5 Dec
        (date(2026, 12, 5), date(2026, 11, 1), date(2026, 12, 5), 0),
        (date(2026, 12, 6), date(2026, 12, 1), date(2027, 1, 5), 30),
        (date(2027, 1, 2), date(2026, 12, 1), date(2027, 1, 5), 3),  # across the year
    ],
)
def test_next_closing(engine, hari_ini, bulan, tutup, sisa):
    with session_scope(engine) as s:
        assert beranda.penutupan_berikutnya(s, hari_ini) == beranda.Penutupan(bulan, tutup, sisa)


def test_closing_day_is_a_setting(engine, org):
    with session_scope(engine) as s:
        settings.setel(s, org.admin, "hari_tutup_bulan", 10)
    with session_scope(engine) as s:
        assert beranda.penutupan_berikutnya(s, date(2026, 12, 7)).tanggal_tutup == date(2026, 12, 10)


def test_bulan_saya_counts_minutes_still_missing_and_rejections(engine, org):
    """March 2026: 17 hari kerja x 300 = 5,100 menit efektif (DOMAIN §4). 90 validated, 45 waiting and
    one rejected hour: 5,010 minutes still missing; one activity to correct."""
    with session_scope(engine) as s:
        staf = build_skp(s, org.staf, 2026)
        kalender_tahun(s, 2026)
        _aktivitas(s, org.staf, staf, date(2026, 3, 2), (8, 0), (9, 30), StatusAktivitas.TERVALIDASI)
        _aktivitas(s, org.staf, staf, date(2026, 3, 3), (8, 0), (8, 45))
        _aktivitas(s, org.staf, staf, date(2026, 3, 4), (8, 0), (9, 0), StatusAktivitas.DITOLAK)
    with session_scope(engine) as s:
        saya = beranda.bulan_saya(s, org.staf, date(2026, 3, 31))
    assert (saya.capaian.menit_efektif, saya.capaian.menit_tervalidasi, saya.capaian.menit_menunggu) == (5100, 90, 45)
    assert saya.menit_kurang == 5010 and saya.ditolak == 1
    assert str(saya.capaian.capaian_persen) == "1.76"  # 90 / 5100 = 1.7647… → 1.76


@pytest.mark.parametrize(
    "ada_periode,status,langkah",
    [
        (False, None, beranda.Langkah.BUAT_PERIODE),
        (True, StatusSKP.DRAFT, beranda.Langkah.LANJUTKAN_RENCANA),
        (True, StatusSKP.DIAJUKAN, beranda.Langkah.LANJUTKAN_RENCANA),
        (True, StatusSKP.DIKEMBALIKAN, beranda.Langkah.PERBAIKI_SKP),
        (True, StatusSKP.DITETAPKAN, beranda.Langkah.ISI_AKTIVITAS),
    ],
)
def test_next_step_follows_the_period_and_the_skp_status(ada_periode, status, langkah):
    assert beranda.langkah_berikutnya(ada_periode, status) is langkah


def test_skp_saya_sends_a_returned_skp_back_with_the_atasans_note(engine, org):
    with session_scope(engine) as s:
        staf = build_skp(s, org.staf, 2026, status=StatusSKP.DIKEMBALIKAN)
        periode_service.skp_of(s, staf.periode_id).catatan_atasan = "Lengkapi indikator"
    with session_scope(engine) as s:
        milik = beranda.skp_saya(s, org.staf, date(2026, 3, 2))
        tanpa = beranda.skp_saya(s, org.staf, date(2027, 3, 2))
    assert milik.periode.id == staf.periode_id
    assert (milik.status, milik.catatan_atasan, milik.langkah) == (
        StatusSKP.DIKEMBALIKAN,
        "Lengkapi indikator",
        beranda.Langkah.PERBAIKI_SKP,
    )
    assert (tanpa.periode, tanpa.status, tanpa.langkah) == (None, None, beranda.Langkah.BUAT_PERIODE)
