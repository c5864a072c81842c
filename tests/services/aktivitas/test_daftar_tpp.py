"""Daftar TPP per OPD (docs/domain.md §8.28): from a closed month only; a PDF per unit induk and one XLSX with a
sheet each (NIP as text, totals as SUM formulas of the rows, formula-safe text); the sum over every OPD equals
the Rekap TPP's total to the rupiah. On each database backend.

The month is tests/factories.py's build_dasbor_2026 (March 2026, 17 hari kerja = 5,100 menit efektif, every
pokok Rp3.000.000, bobot 60 %: 60 % × 3,000,000 = 1,800,000 at 100 %):

| OPD (unit induk)        | pegawai                                  | TPP produktivitas                          |
|-------------------------|------------------------------------------|--------------------------------------------|
| BKPSDM Uji              | admin, kasubbid (no period)              | 0                                          |
|                         | kepala 1,020/5,100 = 20 %                | 1,800,000 × 0.2 = 360,000                  |
|                         | kabid 5,400 ≥ 5,100 → 100 %              | 1,800,000                                  |
|                         | staf 4,080/5,100 = 80 %                  | 1,440,000                                  |
|                         | fungsional 2,500/5,100 = 49.02 %         | 1,800,000 × 2,500/5,100 = 882,352.94 → 882,353 |
|                         | total                                    | 4,482,353                                  |
| Dinas Kesehatan Uji     | kadinkes 90 %, perawat 10 %              | 1,620,000 + 180,000 = 1,800,000            |
| Pemerintah Kabupaten Uji| bupati (no period)                       | 0                                          |

Grand total 4,482,353 + 1,800,000 + 0 = Rp6.282.353."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from db.models import Pegawai
from db.session import session_scope
from services.aktivitas import daftar_tpp, rekap_tpp, tutup_bulan
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import build_dasbor_2026
from tests.services.aktivitas.test_dokumen_capaian import pdf_text

OPD = ["BKPSDM Uji", "Dinas Kesehatan Uji", "Pemerintah Kabupaten Uji"]


@pytest.fixture
def ditutup(engine, org):
    with session_scope(engine) as s:
        build_dasbor_2026(s, org)
        s.get_one(Pegawai, org.perawat.pegawai_id).nama = '=HYPERLINK("http://x")'
    tutup_bulan.tutup(engine, org.admin, 2026, 3)


def _daftar(engine, org):
    with session_scope(engine, readonly=True) as s:
        return daftar_tpp.daftar(s, org.admin, 2026, 3)


def test_only_from_a_closed_month_and_for_the_admin(engine, org):
    with session_scope(engine, readonly=True) as s:
        with pytest.raises(ValidationError, match="bulan Maret 2026 belum ditutup"):
            daftar_tpp.daftar(s, org.admin, 2026, 3)
        with pytest.raises(AksesDitolak):
            daftar_tpp.daftar(s, org.kepala, 2026, 3)


def test_lists_per_opd_add_up_to_the_rekap_tpp(engine, org, ditutup):
    data = _daftar(engine, org)
    with session_scope(engine, readonly=True) as s:
        rekap = rekap_tpp.rekap(s, org.admin, 2026, 3)
    assert [o.unit_induk for o in data.opd] == OPD
    assert [(o.total_tpp_pokok, o.total_tpp_produktivitas) for o in data.opd] == [
        (18_000_000, 4_482_353),
        (6_000_000, 1_800_000),
        (3_000_000, 0),
    ]
    assert data.total_tpp_produktivitas == rekap.total_tpp_produktivitas == 6_282_353
    bkpsdm = data.opd[0]
    assert [r.nama for r in bkpsdm.rows] == [
        "Admin Uji",
        "Kepala Uji",
        "Fungsional Uji",
        "Kabid Uji",
        "Kasubbid Uji",
        "Staf Uji",
    ]
    assert (bkpsdm.kepala.nama, data.opd[1].kepala.nama, data.opd[2].kepala.nama) == (
        "Kepala Uji",
        "Kadinkes Uji",
        "Bupati Uji",
    )
    assert (data.kepala_bkpsdm.nama, data.kepala_bkpsdm.jabatan) == ("Kepala Uji", "Kepala BKPSDM")


def test_xlsx_cells_against_a_hand_built_sheet(engine, org, ditutup):
    data = _daftar(engine, org)
    wb = load_workbook(io.BytesIO(daftar_tpp.xlsx_bytes(data)))
    assert wb.sheetnames == ["Ringkasan", *OPD]
    ws = wb["BKPSDM Uji"]
    assert [c.value for c in ws[5]] == list(daftar_tpp.KOLOM_XLSX)
    rows = [tuple(c.value for c in row) for row in ws.iter_rows(min_row=6, max_row=13)]
    nip = {p.nama: p.nip for p in (org.admin, org.kepala, org.fungsional, org.kabid, org.kasubbid, org.staf)}
    assert rows == [
        (1, nip["Admin Uji"], "Admin Uji", "Analis SDM", "BKPSDM Uji", 3_000_000, 0, 0),
        (2, nip["Kepala Uji"], "Kepala Uji", "Kepala BKPSDM", "BKPSDM Uji", 3_000_000, 20, 360_000),
        (
            3,
            nip["Fungsional Uji"],
            "Fungsional Uji",
            "Analis Kepegawaian Ahli Muda",
            "Bidang Mutasi Uji",
            3_000_000,
            49.02,
            882_353,
        ),
        (4, nip["Kabid Uji"], "Kabid Uji", "Kepala Bidang Mutasi", "Bidang Mutasi Uji", 3_000_000, 100, 1_800_000),
        (5, nip["Kasubbid Uji"], "Kasubbid Uji", "Kepala Subbidang", "Bidang Mutasi Uji", 3_000_000, 0, 0),
        (6, nip["Staf Uji"], "Staf Uji", "Pengelola Data", "Bidang Mutasi Uji", 3_000_000, 80, 1_440_000),
        (None, None, "JUMLAH", None, None, "=SUM(F6:F11)", None, "=SUM(H6:H11)"),
        (
            None,
            None,
            "Terbilang: empat juta empat ratus delapan puluh dua ribu tiga ratus lima puluh tiga rupiah",
            None,
            None,
            None,
            None,
            None,
        ),
    ]
    assert all(ws.cell(r, 2).data_type == "s" for r in range(6, 12))  # NIP as text, all 18 digits
    # The formulas add up what the rows hold: 4,482,353 = the OPD's total.
    assert sum(ws.cell(r, 8).value for r in range(6, 12)) == data.opd[0].total_tpp_produktivitas
    dinkes = [tuple(c.value for c in row) for row in wb["Dinas Kesehatan Uji"].iter_rows(min_row=6, max_row=7)]
    assert dinkes[0][2] == '\'=HYPERLINK("http://x")'  # formula-safe
    ringkasan = [tuple(c.value for c in row) for row in wb["Ringkasan"].iter_rows(min_row=5, max_row=8)]
    assert ringkasan == [
        ("BKPSDM Uji", 6, "='BKPSDM Uji'!F12", "='BKPSDM Uji'!H12"),
        ("Dinas Kesehatan Uji", 2, "='Dinas Kesehatan Uji'!F8", "='Dinas Kesehatan Uji'!H8"),
        ("Pemerintah Kabupaten Uji", 1, "='Pemerintah Kabupaten Uji'!F7", "='Pemerintah Kabupaten Uji'!H7"),
        ("JUMLAH SELURUHNYA", "=SUM(B5:B7)", "=SUM(C5:C7)", "=SUM(D5:D7)"),
    ]
    semua = sum(
        wb[o].cell(r, 8).value for o in OPD for r in range(6, wb[o].max_row - 1) if wb[o].cell(r, 1).value is not None
    )
    assert semua == 6_282_353


def test_pdf_per_opd_with_total_in_words_and_signatures(engine, org, ditutup):
    data = _daftar(engine, org)
    text = " ".join(pdf_text(daftar_tpp.pdf_bytes(data, data.opd[0])).split())
    assert "DAFTAR TPP PRODUKTIVITAS" in text and "Unit Induk/OPD : BKPSDM Uji" in text
    assert "Bulan ditutup pada" in text and "oleh Admin Uji (versi 1)" in text
    assert f"{org.staf.nip} Staf Uji Pengelola Data 3.000.000 80,00 1.440.000" in text
    assert "JUMLAH 18.000.000 4.482.353" in text
    assert "Terbilang: empat juta empat ratus delapan puluh dua ribu tiga ratus lima puluh tiga rupiah" in text
    assert "Mengetahui, Kepala BKPSDM" in text and f"NIP {org.kepala.nip}" in text
    assert daftar_tpp.nama_berkas_pdf(data, data.opd[1]) == "daftar-tpp-2026-03-dinas-kesehatan-uji.pdf"
