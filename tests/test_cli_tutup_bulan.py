"""``sipijar tutup-bulan --bulan YYYY-MM`` and ``sipijar daftar-tpp --bulan YYYY-MM --out DIR``: the operator closes
a month and writes the treasurer's lists; errors are messages, never tracebacks."""

from __future__ import annotations

from openpyxl import load_workbook

import cli
from tests.test_cli_rekap_tpp import _seed


def test_close_then_daftar_tpp(db_url, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("SIPIJAR_DATABASE_URL", db_url)
    monkeypatch.setenv("SUDO_USER", "budi")
    org = _seed(db_url)
    out = tmp_path / "daftar"
    assert cli.main(["daftar-tpp", "--bulan", "2026-03", "--out", str(out)]) == 1
    assert "belum ditutup" in capsys.readouterr().err and not out.exists()

    assert cli.main(["tutup-bulan", "--bulan", "2026-03"]) == 0
    assert "oleh Operator budi (versi 1)." in capsys.readouterr().out
    assert cli.main(["tutup-bulan", "--bulan", "2026-03"]) == 1
    assert "buka Tutup Bulan terlebih dahulu" in capsys.readouterr().err

    assert cli.main(["daftar-tpp", "--bulan", "2026-03", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    # Only staf has minutes: Rp1.488.000 in BKPSDM Uji; three unit induk (BKPSDM, Dinkes, the kabupaten).
    assert "3 OPD" in printed and "Rp1.488.000" in printed
    assert sorted(p.name for p in out.iterdir()) == [
        "daftar-tpp-2026-03-bkpsdm-uji.pdf",
        "daftar-tpp-2026-03-dinas-kesehatan-uji.pdf",
        "daftar-tpp-2026-03-pemerintah-kabupaten-uji.pdf",
        "daftar-tpp-2026-03.xlsx",
    ]
    ws = load_workbook(out / "daftar-tpp-2026-03.xlsx")["BKPSDM Uji"]
    staf = next(r for r in ws.iter_rows(min_row=6, values_only=True) if r[1] == org.staf.nip)
    assert staf[5:] == (3_100_000, 80, 1_488_000)


def test_errors_are_messages(db_url, monkeypatch, capsys):
    monkeypatch.setenv("SIPIJAR_DATABASE_URL", db_url)
    _seed(db_url)
    assert cli.main(["tutup-bulan", "--bulan", "2026-13"]) == 1
    assert "gunakan format YYYY-MM" in capsys.readouterr().err
    assert cli.main(["tutup-bulan", "--bulan", "2026-07"]) == 1  # today is 15 July 2026: July is still open
    assert "belum dapat ditutup" in capsys.readouterr().err
