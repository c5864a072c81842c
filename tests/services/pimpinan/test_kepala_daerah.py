"""The Kepala Daerah out of the lists where "no SKP" would read as a failure, and their Beranda (docs/domain.md
§8.32). The figures are tests/factories.py's build_dasbor_2026 (March 2026; test_dasbor.py and test_daftar_tpp.py
work them out), where the Bupati Uji — no period, pokok Rp3.000.000 like everyone — was one of the 9 pegawai
listed; marked Kepala Daerah he is in none of them. On each database backend."""

from __future__ import annotations

from datetime import date, time

import pytest

from db.enums import JenisJabatan, StatusAktivitas, StatusSKP
from db.models import AktivitasHarian, Pegawai
from db.session import session_scope
from services.aktivitas import capaian, daftar_tpp, rekap_tpp, tutup_bulan
from services.evaluasi import kurva
from services.pimpinan import dasbor, monitoring
from services.pimpinan.beranda_kepala_daerah import beranda_kepala_daerah
from services.platform.errors import AksesDitolak
from tests.factories import build_dasbor_2026, build_skp, make_pegawai
from tests.services.organisasi.test_kepala_daerah import tandai

SEMUA = {
    "Admin Uji",
    "Bupati Uji",
    "Kepala Uji",
    "Kabid Uji",
    "Kasubbid Uji",
    "Staf Uji",
    "Fungsional Uji",
    "Kadinkes Uji",
    "Perawat Uji",
}


@pytest.fixture
def maret(engine, org):
    with session_scope(engine) as s:
        build_dasbor_2026(s, org)
        # A Wakil in the kabupaten under the Bupati: as a pegawai he would be the Bupati's bawahan without an SKP.
        wakil = make_pegawai(
            s, "Wakil Uji", "Wakil Bupati", JenisJabatan.JPT, org.kabupaten, s.get(Pegawai, org.bupati.pegawai_id)
        )
        wakil.is_kepala_daerah = wakil.is_pimpinan = True
        s.get_one(Pegawai, org.bupati.pegawai_id).is_kepala_daerah = True
    return org


def test_monitoring_belum_mengisi_leaves_them_out(engine, org):
    with session_scope(engine, readonly=True) as s:
        sebelum = {r.nama for r in monitoring.pantau(s, org.admin, org.kabupaten, date(2026, 7, 15))}
    assert sebelum == SEMUA  # the control: unmarked, the Bupati is "Belum ada Periode SKP"
    tandai(engine, org.bupati)
    with session_scope(engine, readonly=True) as s:
        rows = monitoring.pantau(s, org.admin, org.kabupaten, date(2026, 7, 15))
    assert {r.nama for r in rows} == SEMUA - {"Bupati Uji"}


def test_rekap_tpp_and_the_capaian_of_bawahan_leave_them_out(engine, maret):
    org = maret
    with session_scope(engine, readonly=True) as s:
        rekap = rekap_tpp.rekap(s, org.admin, 2026, 3)
        dilihat_bupati = {r.nama for r in capaian.capaian_bulanan(s, org.bupati, 2026, 3)}
    assert {r.nama for r in rekap.rows} == SEMUA - {"Bupati Uji"}
    # 8 pegawai × Rp3.000.000 (was 9 × with the Bupati); produktivitas unchanged: he had no period.
    assert (rekap.total_tpp_pokok, rekap.total_tpp_produktivitas) == (24_000_000, 6_282_353)
    assert dilihat_bupati == SEMUA - {"Bupati Uji"}  # nor the Wakil among his bawahan


def test_the_dasbor_counts_no_kepala_daerah_among_the_pegawai_without_hari_kerja(engine, maret):
    org = maret
    with session_scope(engine, readonly=True) as s:
        d = dasbor.dasbor(s, org.bupati, org.kabupaten, 2026, 3, date(2026, 4, 1))
    t = d.total
    # test_dasbor.py: (6, 3, 30,600, 17,800) with the Bupati among the 3 without hari kerja (admin, kasubbid).
    assert (t.pegawai, t.tanpa_hari_kerja, t.menit_efektif, t.menit_dihitung) == (6, 2, 30_600, 17_800)
    assert {p.nama for p in d.pegawai} == SEMUA - {"Bupati Uji"}


def test_the_daftar_tpp_has_no_line_and_no_signer_for_them(engine, maret):
    org = maret
    tutup_bulan.tutup(engine, org.admin, 2026, 3)
    with session_scope(engine, readonly=True) as s:
        data = daftar_tpp.daftar(s, org.admin, 2026, 3)
    # test_daftar_tpp.py: the kabupaten was an OPD of its own with the Bupati's Rp3.000.000 pokok and no TPP.
    assert [o.unit_induk for o in data.opd] == ["BKPSDM Uji", "Dinas Kesehatan Uji"]
    assert [(o.total_tpp_pokok, o.total_tpp_produktivitas) for o in data.opd] == [
        (18_000_000, 4_482_353),
        (6_000_000, 1_800_000),
    ]


# --- the Beranda -------------------------------------------------------------------------------------

HARI_INI = date(2026, 7, 15)  # the evaluation period just ending: June's, Triwulan II


@pytest.fixture
def menunggu(engine, org):
    """Kepala BKPSDM's SKP Diajukan to the Bupati; Kadinkes ditetapkan (no evaluation yet) with one activity of
    60 minutes waiting; the Predikat Kinerja Organisasi of BKPSDM set for Triwulan II, Dinas Kesehatan's not."""
    tandai(engine, org.bupati)
    with session_scope(engine) as s:
        build_skp(s, org.kepala, 2026, status=StatusSKP.DIAJUKAN)
        kadinkes = build_skp(s, org.kadinkes, 2026)
        s.add(
            AktivitasHarian(
                pegawai_id=org.kadinkes.pegawai_id,
                periode_id=kadinkes.periode_id,
                rhk_id=kadinkes.rhk_ids[0],
                tanggal=date(2026, 7, 14),
                jam_mulai=time(8),
                jam_selesai=time(9),
                durasi_menit=60,
                aktivitas="Rapat koordinasi",
                satuan="Kegiatan",
                status=StatusAktivitas.MENUNGGU,
            )
        )
        kurva.tetapkan_predikat_organisasi(s, org.bupati, org.bkpsdm, 2026, "TW2", "Baik")
    return org


def test_the_beranda_holds_the_summary_and_what_waits(engine, menunggu):
    org = menunggu
    with session_scope(engine, readonly=True) as s:
        b = beranda_kepala_daerah(s, org.bupati, HARI_INI)
    assert b.unit_kerja == "Pemerintah Kabupaten Uji"
    # June, the last finished month (§8.40): kepala and kadinkes have periods (hari kerja); the other 6 have none;
    # the Bupati is not counted. The activity waiting is July's: not in June's summary, but in what waits.
    assert (b.tahun, b.bulan) == (2026, 6)
    assert (b.ringkasan.pegawai, b.ringkasan.tanpa_hari_kerja, b.ringkasan.menit_dihitung) == (2, 6, 0)
    assert b.menunggu_validasi == 0
    assert b.tugas.skp_diajukan == [(org.kepala.pegawai_id, "Kepala Uji")]
    assert [(m.nama, m.jumlah, m.menit) for m in b.tugas.aktivitas_menunggu] == [("Kadinkes Uji", 1, 60)]
    assert (b.periode_evaluasi, b.tahun_evaluasi) == ("Triwulan II", 2026)
    assert b.evaluasi_belum_final == ["Kadinkes Uji"]  # Kepala's SKP is not ditetapkan yet: nothing to evaluate
    assert b.tanpa_predikat == ["Dinas Kesehatan Uji"]


def test_in_january_the_evaluations_of_last_years_fourth_quarter(engine, menunggu):
    org = menunggu
    with session_scope(engine, readonly=True) as s:
        b = beranda_kepala_daerah(s, org.bupati, date(2027, 1, 10))
    assert (b.periode_evaluasi, b.tahun_evaluasi) == ("Triwulan IV", 2026)
    assert b.evaluasi_belum_final == ["Kadinkes Uji"]
    assert b.tanpa_predikat == ["BKPSDM Uji", "Dinas Kesehatan Uji"]


def test_the_beranda_is_only_for_a_kepala_daerah(engine, org):
    with session_scope(engine, readonly=True) as s, pytest.raises(AksesDitolak, match="hanya untuk Kepala Daerah"):
        beranda_kepala_daerah(s, org.bupati, HARI_INI)  # not marked
