"""Beranda: a pegawai is told the next step; an atasan sees what waits, also as a count in the sidebar."""

from __future__ import annotations

from datetime import date, time

from db.enums import StatusAktivitas, StatusSKP
from db.models import SKP, AktivitasHarian
from db.session import session_scope
from services.platform.kalender import hari_ini
from tests.app.conftest import login, polos
from tests.factories import build_skp


def test_pegawai_without_periode_is_sent_to_periode_skp(app_env):
    at = login(app_env.org.staf.nip)
    assert "belum memiliki Periode SKP" in polos(at.warning[0].value)
    assert "Menunggu tindakan Anda" not in [s.value for s in at.subheader]


def test_atasan_sees_pending_work_and_the_sidebar_count(app_env):
    tahun = hari_ini().year
    with session_scope(app_env.engine()) as s:
        staf = build_skp(s, app_env.org.staf, tahun)
        for jam in (8, 10):
            s.add(
                AktivitasHarian(
                    pegawai_id=app_env.org.staf.pegawai_id,
                    periode_id=staf.periode_id,
                    tanggal=date(tahun, 1, 5),
                    jam_mulai=time(jam),
                    jam_selesai=time(jam + 1),
                    durasi_menit=60,
                    aktivitas="Kerja",
                    satuan="Kegiatan",
                    status=StatusAktivitas.MENUNGGU,
                )
            )
    at = login(app_env.org.kasubbid.nip)
    assert not at.exception
    assert "Menunggu tindakan Anda" in [s.value for s in at.subheader]
    assert "Staf Uji: 2 aktivitas menunggu validasi (120 menit)" in [t.value for t in at.text]
    assert any("Menunggu tindakan Anda: 2" in str(link.proto.label) for link in at.get("page_link"))


def test_pegawai_sees_this_months_capaian_and_what_came_back(app_env):
    hari_ini_wib = hari_ini()
    with session_scope(app_env.engine()) as s:
        staf = build_skp(s, app_env.org.staf, hari_ini_wib.year)
        s.add(
            AktivitasHarian(
                pegawai_id=app_env.org.staf.pegawai_id,
                periode_id=staf.periode_id,
                tanggal=hari_ini_wib.replace(day=1),
                jam_mulai=time(8),
                jam_selesai=time(9),
                durasi_menit=60,
                aktivitas="Kerja",
                satuan="Kegiatan",
                status=StatusAktivitas.DITOLAK,
                alasan_tolak="Tidak sesuai SKP",
            )
        )
    at = login(app_env.org.staf.nip)
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert labels == ["Capaian", "Menit tervalidasi", "Menit menuju 100 %", "Menunggu validasi"]
    assert at.metric[0].value == "0,00 %"
    assert "1 aktivitas Anda ditolak" in polos(at.warning[0].value)


def test_admin_is_pointed_to_monitoring_and_rekap(app_env):
    at = login(app_env.org.admin.nip)
    assert "Admin BKPSDM" in [s.value for s in at.subheader]
    links = [str(link.proto.label) for link in at.get("page_link")]
    assert "Buka Monitoring" in links and "Buka Rekap TPP" in links


def test_pegawai_with_a_returned_skp_is_sent_back_to_rencana_skp(app_env):
    with session_scope(app_env.engine()) as s:
        staf = build_skp(s, app_env.org.staf, hari_ini().year, status=StatusSKP.DIKEMBALIKAN)
        s.get(SKP, staf.skp_id).catatan_atasan = "Lengkapi indikator"
    at = login(app_env.org.staf.nip)
    assert not at.exception
    assert "SKP Anda dikembalikan oleh atasan" in polos(at.warning[0].value)
    assert "Catatan atasan: Lengkapi indikator" in [t.value for t in at.text]
    assert "Buka Rencana SKP" in [str(link.proto.label) for link in at.get("page_link")]
