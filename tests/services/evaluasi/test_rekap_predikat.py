"""Rekap Predikat (XLSX): rows of the unit subtree, NIP as text, formula-safe cells, the distribution."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from db.enums import Rating
from db.models import Pegawai
from db.session import session_scope
from services.evaluasi import evaluasi_kinerja as evaluasi
from services.evaluasi import kurva, rekap_predikat
from services.platform.errors import AksesDitolak
from services.platform.kalender import hari_ini
from tests.factories import build_skp

TAHUN = hari_ini().year - 1


def test_rekap_of_a_unit(engine, org):
    with session_scope(engine) as s:
        s.get(Pegawai, org.fungsional.pegawai_id).nama = '=HYPERLINK("http://x")'
        staf = build_skp(s, org.staf, TAHUN)
        build_skp(s, org.fungsional, TAHUN)
        build_skp(s, org.perawat, TAHUN)  # another OPD
        v = evaluasi.simpan(s, org.kasubbid, staf.skp_id, "TW1", Rating.DI_ATAS, Rating.DI_ATAS).version_id
        evaluasi.finalkan(s, org.kasubbid, staf.skp_id, "TW1", v)
        kurva.tetapkan_predikat_organisasi(s, org.kepala, org.bidang, TAHUN, "TW1", "Istimewa")
    with session_scope(engine) as s:
        data = rekap_predikat.rekap_xlsx(s, org.kepala, org.bidang, TAHUN, "TW1")
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Rekap Predikat"]
    assert ws["A1"].value == "Rekap Predikat Kinerja Pegawai — Bidang Mutasi Uji"
    assert [c.value for c in ws[4]] == list(rekap_predikat.HEADER)
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=5)]
    assert len(body) == 2
    by_nip = {r[1]: r for r in body}
    assert by_nip[org.staf.nip][2:] == [
        "Staf Uji",
        "Pengelola Data",
        "Bidang Mutasi Uji",
        "Kasubbid Uji",
        "Final",
        "Di Atas Ekspektasi",
        "Di Atas Ekspektasi",
        "Sangat Baik",
    ]
    assert by_nip[org.fungsional.nip][2] == '\'=HYPERLINK("http://x")'
    assert by_nip[org.fungsional.nip][6] == "Belum dinilai"
    assert isinstance(body[0][1], str) and ws.cell(row=5, column=2).number_format == "@"
    dist = [[c.value for c in row] for row in wb["Distribusi"].iter_rows()]
    assert dist[0][:2] == ["Predikat Kinerja Organisasi", "Istimewa"]
    assert ["Sangat Baik", 1, 100.0] in dist
    assert [
        "Predikat organisasi Istimewa mensyaratkan paling banyak 70 % pegawai Sangat Baik; saat ini 1 dari 1 "
        "pegawai (100,00 %)."
    ] in [r[:1] for r in dist]


def test_rekap_needs_the_unit_in_the_pimpinans_subtree(engine, org):
    with session_scope(engine) as s:
        with pytest.raises(AksesDitolak):
            rekap_predikat.rekap_xlsx(s, org.kadinkes, org.bidang, TAHUN, "TW1")
        with pytest.raises(AksesDitolak):
            rekap_predikat.rekap_xlsx(s, org.kabid, org.bidang, TAHUN, "TW1")


def test_file_name():
    assert (
        rekap_predikat.nama_berkas("Bidang Mutasi Uji", 2025, "TW1") == "rekap-predikat-bidang-mutasi-uji-2025-tw1.xlsx"
    )
