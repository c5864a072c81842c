"""Rekap TPP: one row per pegawai with the capaian and TPP produktivitas of services.aktivitas.capaian; CSV and
XLSX (NIP as text, totals per unit, formula-safe). For DOMAIN's March 2026 month the screen's service,
the Cetak PDF and the rekap show the same capaian and TPP to the rupiah — on each database backend."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from db.models import Pegawai
from db.session import session_scope
from services.aktivitas import capaian, dokumen_capaian, rekap_tpp
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import build_maret_2026
from tests.services.aktivitas.test_dokumen_capaian import pdf_text


@pytest.fixture
def maret(engine, org):
    with session_scope(engine) as s:
        build_maret_2026(s, org.staf)
        s.get(Pegawai, org.perawat.pegawai_id).nama = '=HYPERLINK("http://x")'


def test_screen_pdf_and_rekap_agree_to_the_rupiah(engine, org, maret):
    with session_scope(engine, readonly=True) as s:
        layar = capaian.capaian_pegawai(s, org.staf, org.staf.pegawai_id, 2026, 3)  # what the screen shows
        pdf = " ".join(pdf_text(dokumen_capaian.cetak(s, org.staf, org.staf.pegawai_id, 2026, 3)).split())
        data = rekap_tpp.rekap(s, org.admin, 2026, 3)
    assert (layar.capaian_persen, layar.tpp_produktivitas) == (Decimal("80.00"), 1_488_000)
    assert "80,00 %" in pdf and "Rp1.488.000" in pdf
    row = next(r for r in data.rows if r.nip == org.staf.nip)
    assert row == layar
    csv_rows = list(csv.DictReader(io.StringIO(rekap_tpp.csv_bytes(data).decode("utf-8-sig"))))
    staf = next(r for r in csv_rows if r["nip"] == org.staf.nip)
    assert (
        staf["hari_kerja"],
        staf["menit_efektif"],
        staf["menit_tervalidasi"],
        staf["capaian_persen"],
        staf["tpp_pokok"],
        staf["tpp_produktivitas"],
    ) == ("17", "5100", "4080", "80.00", "3100000", "1488000")
    ws = load_workbook(io.BytesIO(rekap_tpp.xlsx_bytes(data))).active
    xrow = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == org.staf.nip)
    assert xrow[3:] == (17, 5100, 4080, 80, 3100000, 1488000, None)  # no rincian: one pokok all month


def test_csv_columns_and_formula_safety(engine, org, maret):
    with session_scope(engine, readonly=True) as s:
        data = rekap_tpp.rekap(s, org.admin, 2026, 3)
    text = rekap_tpp.csv_bytes(data).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(rekap_tpp.KOLOM)
    assert len(rows) == 1 + 9
    assert any(r[1] == '\'=HYPERLINK("http://x")' for r in rows)


def test_xlsx_nip_as_text_and_totals_per_unit(engine, org, maret):
    with session_scope(engine, readonly=True) as s:
        data = rekap_tpp.rekap(s, org.admin, 2026, 3, "BKPSDM Uji")
    ws = load_workbook(io.BytesIO(rekap_tpp.xlsx_bytes(data))).active
    assert ws["A1"].value == "Rekap TPP Produktivitas Maret 2026 — BKPSDM Uji"
    assert [c.value for c in ws[3]] == list(rekap_tpp.JUDUL_KOLOM)
    nip_cells = [row[0] for row in ws.iter_rows(min_row=4) if row[0].value]
    assert nip_cells and all(c.data_type == "s" and len(c.value) == 18 for c in nip_cells)
    totals = {row[1]: row for row in ws.iter_rows(min_row=4, values_only=True) if row[0] is None}
    assert set(totals) == {"Jumlah BKPSDM Uji", "Jumlah Bidang Mutasi Uji", "JUMLAH SELURUHNYA"}
    # Bidang Mutasi Uji: kabid, kasubbid, staf, fungsional at Rp3.000.000 except staf at Rp3.100.000.
    assert totals["Jumlah Bidang Mutasi Uji"][7:9] == (12_100_000, 1_488_000)
    assert totals["JUMLAH SELURUHNYA"][4:6] == (5100, 4080)


def test_formula_text_is_neutralised_in_xlsx(engine, org, maret):
    with session_scope(engine, readonly=True) as s:
        data = rekap_tpp.rekap(s, org.admin, 2026, 3, "Dinas Kesehatan Uji")
    ws = load_workbook(io.BytesIO(rekap_tpp.xlsx_bytes(data))).active
    names = [row[1] for row in ws.iter_rows(min_row=4, values_only=True) if row[0]]
    assert '\'=HYPERLINK("http://x")' in names and all(c.data_type != "f" for r in ws.iter_rows() for c in r)


def test_rekap_is_admin_only_and_checks_its_input(engine, org):
    with session_scope(engine, readonly=True) as s:
        for actor in (org.kepala, org.bupati, org.staf):
            with pytest.raises(AksesDitolak):
                rekap_tpp.rekap(s, actor, 2026, 3)
        with pytest.raises(ValidationError, match='Unit kerja "Dinas Tidak Ada" tidak ditemukan'):
            rekap_tpp.rekap(s, org.admin, 2026, 3, "Dinas Tidak Ada")
    assert rekap_tpp.baca_bulan("2026-03") == (2026, 3)
    for bad in ("2026-13", "03-2026", "2026/03", ""):
        with pytest.raises(ValidationError, match="gunakan format YYYY-MM"):
            rekap_tpp.baca_bulan(bad)
