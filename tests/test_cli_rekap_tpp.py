"""``sipijar rekap-tpp --bulan YYYY-MM [--unit NAMA] --out FILE.csv|FILE.xlsx``."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

import cli
from db.engine import make_engine
from db.session import session_scope
from tests.factories import build_maret_2026, build_org


def _seed(db_url):
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        org = build_org(s)
        build_maret_2026(s, org.staf)
    engine.dispose()
    return org


def test_rekap_tpp_csv_and_xlsx(db_url, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("SIPIJAR_DATABASE_URL", db_url)
    org = _seed(db_url)
    out = tmp_path / "rekap.csv"
    assert cli.main(["rekap-tpp", "--bulan", "2026-03", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "9 pegawai" in printed and "Rp1.488.000" in printed
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    staf = next(r for r in rows if r["nip"] == org.staf.nip)
    assert (staf["capaian_persen"], staf["tpp_produktivitas"]) == ("80.00", "1488000")

    xlsx = tmp_path / "rekap.xlsx"
    assert cli.main(["rekap-tpp", "--bulan", "2026-03", "--unit", "Bidang Mutasi Uji", "--out", str(xlsx)]) == 0
    ws = load_workbook(xlsx).active
    nips = [r[0] for r in ws.iter_rows(min_row=4, values_only=True) if r[0]]
    assert len(nips) == 4 and org.staf.nip in nips


def test_rekap_tpp_errors_are_messages(db_url, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("SIPIJAR_DATABASE_URL", db_url)
    _seed(db_url)
    assert cli.main(["rekap-tpp", "--bulan", "2026-3x", "--out", str(tmp_path / "a.csv")]) == 1
    assert "gunakan format YYYY-MM" in capsys.readouterr().err
    assert cli.main(["rekap-tpp", "--bulan", "2026-03", "--out", str(tmp_path / "a.pdf")]) == 1
    assert "harus berakhiran .csv atau .xlsx" in capsys.readouterr().err
    assert cli.main(["rekap-tpp", "--bulan", "2026-03", "--unit", "Tidak Ada", "--out", str(tmp_path / "a.csv")]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    assert not (tmp_path / "a.csv").exists()
