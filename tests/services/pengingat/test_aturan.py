"""Who is told what on a day (docs/domain.md §8.36), against lists worked out by hand from the test organisation:
the atasan's digest from N hari kerja before the closing day, the pegawai's empty days, returns and closed month,
the weekly summary of pimpinan and admin."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from db.enums import JenisKetidakhadiran, StatusAktivitas, StatusSKP
from db.models import SKP, Ketidakhadiran, Pegawai
from db.session import session_scope
from services.aktivitas import tutup_bulan
from services.pengingat import aturan
from services.pengingat.pesan import Baris, teks_html, teks_polos
from services.platform.access import Operator
from services.platform.format import WIB
from tests.factories import add_aktivitas, build_skp
from tests.pengingat_uji import menunggu_di_juli

MENUNGGU, DITOLAK = StatusAktivitas.MENUNGGU, StatusAktivitas.DITOLAK
HARI_TUTUP = date(2026, 8, 5)  # a Wednesday: July closes today


def _pesan(engine, hari: date, jenis: str):
    with session_scope(engine, readonly=True) as s:
        return [p for p in aturan.pesan_hari(s, hari) if p.jenis == jenis]


def test_the_atasan_digest_on_the_closing_day_says_what_waits_and_links_each_bawahan(engine, org):
    menunggu_di_juli(engine, org)
    digest = {p.pegawai_id: p for p in _pesan(engine, HARI_TUTUP, "digest_atasan")}
    assert sorted(digest) == sorted([org.kasubbid.pegawai_id, org.kabid.pegawai_id])

    kasubbid = digest[org.kasubbid.pegawai_id]
    assert kasubbid.ringkas == (
        "1 bawahan, 2 aktivitas, 0 SKP menunggu; ditutup hari ini, 5 Agustus 2026 (bulan Juli 2026)."
    )
    assert kasubbid.baris == (
        Baris(
            f"Staf Uji (NIP {org.staf.nip}): 2 aktivitas, 135 menit menunggu validasi", f"/validasi?nip={org.staf.nip}"
        ),
    )
    assert kasubbid.tautan == f"/validasi?nip={org.staf.nip}" and kasubbid.kunci == "2026-08-05"

    kabid = digest[org.kabid.pegawai_id]
    assert kabid.ringkas.startswith("1 bawahan, 0 aktivitas, 1 SKP menunggu; ditutup hari ini")
    assert kabid.baris == (Baris(f"Fungsional Uji (NIP {org.fungsional.nip}): SKP menunggu penetapan", "/rencana-skp"),)


@pytest.mark.parametrize(
    "hari,dikirim",
    [
        (date(2026, 7, 29), False),  # 5 hari kerja before the closing (30, 31 July, 3, 4, 5 August)
        (date(2026, 7, 30), False),  # 4
        (date(2026, 7, 31), True),  # 3 = pengingat_hari_sebelum_tutup
        (date(2026, 8, 3), True),
        (date(2026, 8, 6), False),  # July closed yesterday; August closes on 7 September
    ],
)
def test_the_digest_starts_n_working_days_before_the_closing(engine, org, hari, dikirim):
    menunggu_di_juli(engine, org)
    digest = _pesan(engine, hari, "digest_atasan")
    assert bool(digest) is dikirim
    if dikirim:
        assert all(p.ringkas.endswith("ditutup 5 Agustus 2026 (bulan Juli 2026).") for p in digest)


def test_a_pegawai_is_told_the_empty_working_days_of_the_open_months(engine, org):
    """15 July: July's hari kerja up to yesterday are 1–3, 6–10, 13, 14; staf logged 1–3 and 6–8."""
    with session_scope(engine) as s:
        staf = build_skp(s, org.staf, 2026)
        build_skp(s, org.kasubbid, 2026, status=StatusSKP.DRAFT)  # no ditetapkan SKP: cannot log, not told
        for hari in (1, 2, 3, 6, 7, 8):
            add_aktivitas(s, org.staf, staf, date(2026, 7, hari), "08:00", "09:00", MENUNGGU if hari % 2 else DITOLAK)
    (pesan,) = _pesan(engine, date(2026, 7, 15), "tanpa_aktivitas")
    assert pesan.pegawai_id == org.staf.pegawai_id
    assert pesan.ringkas.startswith("Ada 4 hari kerja tanpa aktivitas harian sejak 1 Juli 2026.")
    assert pesan.baris == (
        Baris("Juli 2026: tanggal 9, 10, 13, 14 (4 hari kerja); entri ditutup 5 Agustus 2026", "/aktivitas-harian"),
    )
    with session_scope(engine) as s:  # a recorded absence is not an empty day: 2 left, under K = 3
        s.add(
            Ketidakhadiran(
                pegawai_id=org.staf.pegawai_id,
                jenis=JenisKetidakhadiran.CUTI_TAHUNAN,
                tanggal_mulai=date(2026, 7, 13),
                tanggal_akhir=date(2026, 7, 14),
            )
        )
    assert _pesan(engine, date(2026, 7, 15), "tanpa_aktivitas") == []


def test_returns_are_told_with_the_reason_once_and_again_when_a_new_one_comes(engine, org):
    with session_scope(engine) as s:
        staf = build_skp(s, org.staf, 2026)
        add_aktivitas(
            s, org.staf, staf, date(2026, 7, 2), "08:00", "09:00", DITOLAK, alasan="<b>Jam</b> & bukti tidak sesuai"
        )
        skp = build_skp(s, org.kasubbid, 2026, status=StatusSKP.DIKEMBALIKAN)
        s.get_one(SKP, skp.skp_id).catatan_atasan = "Perbaiki indikator RHK 2"
    pesan = {p.pegawai_id: p for p in _pesan(engine, date(2026, 7, 15), "dikembalikan")}
    staf_pesan = pesan[org.staf.pegawai_id]
    assert staf_pesan.ringkas == "1 aktivitas ditolak menunggu perbaikan Anda."
    assert staf_pesan.baris == (
        Baris(
            "Aktivitas 2 Juli 2026 \u201cMenyusun laporan\u201d ditolak. Alasan: <b>Jam</b> & bukti tidak sesuai",
            "/aktivitas-harian",
        ),
    )
    html = teks_html(staf_pesan, "Staf <Uji>", "https://sipijar.contoh")
    assert "&lt;b&gt;Jam&lt;/b&gt; &amp; bukti" in html and "<b>Jam" not in html and "Staf &lt;Uji&gt;" in html
    assert "Alasan: <b>Jam</b> & bukti tidak sesuai" in teks_polos(staf_pesan, "Staf Uji", "https://sipijar.contoh")
    kasubbid = pesan[org.kasubbid.pegawai_id]
    assert "dikembalikan. Catatan atasan: Perbaiki indikator RHK 2" in kasubbid.baris[0].teks

    assert _pesan(engine, date(2026, 7, 16), "dikembalikan")[1].kunci == staf_pesan.kunci  # same returns, same key
    with session_scope(engine) as s:
        add_aktivitas(s, org.staf, staf, date(2026, 7, 3), "08:00", "09:00", DITOLAK, alasan="Uraian terlalu umum")
    lagi = {p.pegawai_id: p for p in _pesan(engine, date(2026, 7, 16), "dikembalikan")}
    assert lagi[org.staf.pegawai_id].kunci != staf_pesan.kunci and len(lagi[org.staf.pegawai_id].baris) == 2


def test_the_closed_month_tells_each_pegawai_the_paid_capaian(engine, org):
    """June 2026: 22 weekdays less 1 June (Hari Lahir Pancasila) and 16 June (Tahun Baru Islam), filled by the
    close = 20 hari kerja × 300 = 6,000 minutes; staf has 660 validated = 11.00 %; TPP produktivitas
    60 % × Rp3.000.000 × 11 % = Rp198.000."""
    with session_scope(engine) as s:
        staf = build_skp(s, org.staf, 2026)
        add_aktivitas(s, org.staf, staf, date(2026, 6, 2), "07:00", "12:30")  # 330
        add_aktivitas(s, org.staf, staf, date(2026, 6, 3), "07:00", "12:30")  # 330
    assert _pesan(engine, date(2026, 7, 15), "capaian_bulan") == []  # June not closed yet
    tutup_bulan.tutup(engine, Operator("uji"), 2026, 6, date(2026, 7, 15))
    pesan = {p.pegawai_id: p for p in _pesan(engine, date(2026, 7, 15), "capaian_bulan")}
    assert pesan[org.staf.pegawai_id].ringkas == "Capaian Juni 2026: 11,00 %; TPP produktivitas Rp198.000."
    assert pesan[org.staf.pegawai_id].kunci == "2026-06-v1"


def test_the_weekly_summary_goes_to_pimpinan_and_admin_on_monday(engine, org):
    with session_scope(engine) as s:
        staf = build_skp(s, org.staf, 2026)
        add_aktivitas(s, org.staf, staf, date(2026, 7, 6), "08:00", "09:00", MENUNGGU)
        add_aktivitas(s, org.staf, staf, date(2026, 7, 7), "08:00", "09:00", MENUNGGU)
    assert _pesan(engine, date(2026, 7, 14), "ringkasan_mingguan") == []  # a Tuesday
    pesan = {p.pegawai_id: p for p in _pesan(engine, date(2026, 7, 13), "ringkasan_mingguan")}
    assert sorted(pesan) == sorted(a.pegawai_id for a in (org.admin, org.bupati, org.kepala, org.kadinkes))
    kepala = pesan[org.kepala.pegawai_id]
    assert kepala.kunci == "2026-W29" and kepala.judul == "SIPIJAR: ringkasan mingguan BKPSDM Uji"
    assert kepala.ringkas.startswith("Capaian BKPSDM Uji bulan Juli 2026 sampai 13 Juli 2026: 0,00 %")
    assert Baris("Belum memvalidasi: Kasubbid Uji (Bidang Mutasi Uji) — 2 aktivitas") in kepala.baris
    assert pesan[org.admin.pegawai_id].ringkas.startswith("Capaian Pemerintah Kabupaten Uji bulan Juli 2026")


def test_nobody_out_of_service_is_told_anything(engine, org):
    menunggu_di_juli(engine, org)
    with session_scope(engine) as s:
        s.get_one(Pegawai, org.kasubbid.pegawai_id).tanggal_berhenti = date(2026, 8, 1)
    with session_scope(engine, readonly=True) as s:
        penerima = {p.pegawai_id for p in aturan.pesan_hari(s, HARI_TUTUP)}
    assert org.kasubbid.pegawai_id not in penerima and org.kabid.pegawai_id in penerima


def test_one_pegawai_only_for_the_preview(engine, org):
    menunggu_di_juli(engine, org)
    with session_scope(engine, readonly=True) as s:
        hanya = aturan.pesan_hari(s, HARI_TUTUP, hanya=org.kabid.pegawai_id)
    assert [p.pegawai_id for p in hanya] == [org.kabid.pegawai_id]


def test_the_clock_is_wib(time_machine):
    """The run asks kalender.hari_ini(): 23.30 UTC on 4 August is already the closing day in Bondowoso."""
    from services.platform.kalender import hari_ini

    time_machine.move_to(datetime(2026, 8, 5, 6, 30, tzinfo=WIB))
    assert hari_ini() == HARI_TUTUP
