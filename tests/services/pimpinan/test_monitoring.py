"""Monitoring BKPSDM: each flag worked out by hand for the test organisation on 24 November 2026."""

from __future__ import annotations

import io
from datetime import date, time

import pytest
from openpyxl import load_workbook

from db.enums import StatusSKP
from db.models import AktivitasHarian, TargetBulanan
from db.session import session_scope
from services.organisasi import periode as periode_service
from services.pimpinan import monitoring
from services.platform.errors import AksesDitolak
from tests.factories import build_skp

HARI_INI = date(2026, 11, 24)


@pytest.fixture
def keadaan(engine, org):
    with session_scope(engine) as s:
        periode_service.tambah(s, org.kabid, 2026)  # Draft SKP
        kasubbid = build_skp(s, org.kasubbid, 2026)  # ditetapkan, targets, one activity below
        s.add(
            AktivitasHarian(
                pegawai_id=org.kasubbid.pegawai_id,
                periode_id=kasubbid.periode_id,
                rhk_id=kasubbid.rhk_ids[0],
                indikator_id=kasubbid.indikator_ids[0],
                tanggal=date(2026, 11, 2),
                jam_mulai=time(8),
                jam_selesai=time(9),
                durasi_menit=60,
                aktivitas="Rapat",
                satuan="Kegiatan",
            )
        )
        fungsional = build_skp(s, org.fungsional, 2026)  # ditetapkan, one indikator loses its targets
        s.query(TargetBulanan).filter(TargetBulanan.indikator_id == fungsional.indikator_ids[1]).delete()
        build_skp(s, org.perawat, 2026, status=StatusSKP.DIAJUKAN)
    return org


def _by_nama(rows):
    return {r.nama: r.masalah for r in rows}


def test_flags_per_pegawai_in_the_bkpsdm_subtree(engine, keadaan):
    org = keadaan
    with session_scope(engine) as s:
        rows = monitoring.pantau(s, org.kepala, org.bkpsdm, HARI_INI)
    assert _by_nama(rows) == {
        "Admin Uji": ["Belum ada Periode SKP", "Belum ada aktivitas bulan ini"],
        "Kepala Uji": ["Belum ada Periode SKP", "Belum ada aktivitas bulan ini"],
        "Kabid Uji": ["SKP belum ditetapkan", "Belum ada aktivitas bulan ini"],
        "Kasubbid Uji": [],
        "Staf Uji": ["Belum ada Periode SKP", "Belum ada aktivitas bulan ini"],
        "Fungsional Uji": ["Belum ada aktivitas bulan ini", "Target bulanan belum dibuat"],
    }


def test_counts_per_unit_and_the_export(engine, keadaan):
    org = keadaan
    with session_scope(engine) as s:
        rows = monitoring.pantau(s, org.admin, org.kabupaten, HARI_INI)
    units = {u.unit_kerja: u for u in monitoring.per_unit(rows)}
    bidang = units["Bidang Mutasi Uji"]  # kabid, kasubbid, staf, fungsional
    assert (
        bidang.pegawai,
        bidang.tanpa_periode,
        bidang.skp_belum_ditetapkan,
        bidang.tanpa_aktivitas,
        bidang.tanpa_target_bulanan,
    ) == (4, 1, 1, 3, 1)
    dinkes = units["Dinas Kesehatan Uji"]  # kadinkes (none), perawat (Diajukan)
    assert (dinkes.pegawai, dinkes.tanpa_periode, dinkes.skp_belum_ditetapkan) == (2, 1, 1)
    book = load_workbook(io.BytesIO(monitoring.ekspor_xlsx(rows)))
    pegawai_rows = list(book["Per Pegawai"].iter_rows(values_only=True))
    assert pegawai_rows[0] == ("NIP", "Nama", "Unit Kerja", "Masalah")
    assert "Kasubbid Uji" not in [r[1] for r in pegawai_rows]
    assert len(pegawai_rows) == 1 + len([r for r in rows if r.masalah])


@pytest.mark.parametrize("who,unit", [("staf", "bkpsdm"), ("kabid", "bidang"), ("kepala", "dinkes")])
def test_only_admin_or_pimpinan_of_the_unit(engine, keadaan, who, unit):
    with pytest.raises(AksesDitolak):
        with session_scope(engine) as s:
            monitoring.pantau(s, getattr(keadaan, who), getattr(keadaan, unit), HARI_INI)
