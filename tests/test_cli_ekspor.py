"""``sipijar ekspor-ekinerja (--nip NIP | --unit NAMA) --dari --sampai --out FILE.csv|FILE.xlsx`` (docs/domain.md
§8.33): the same rows as the service, written by the operator; mistakes are one-line messages."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook

import cli
from db.engine import make_engine
from db.session import session_scope
from tests.test_cli_rekap_tpp import _seed


def test_a_pegawai_and_a_unit_to_csv_and_xlsx(db_url, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("SIPIJAR_DATABASE_URL", db_url)
    org = _seed(db_url)
    out = tmp_path / "staf.csv"
    argv = ["ekspor-ekinerja", "--nip", org.staf.nip, "--dari", "2026-03-01", "--sampai", "2026-03-31"]
    assert cli.main([*argv, "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows and {r["NIP"] for r in rows} == {org.staf.nip}
    assert all(r["Jam Mulai"] < r["Jam Selesai"] and r["Realisasi"].isdigit() for r in rows)
    assert f"{len(rows)} aktivitas tervalidasi" in capsys.readouterr().out

    xlsx = tmp_path / "unit.xlsx"
    argv = ["ekspor-ekinerja", "--unit", "BKPSDM Uji", "--dari", "2026-03-01", "--sampai", "2026-03-31"]
    assert cli.main([*argv, "--out", str(xlsx)]) == 0
    ws = load_workbook(xlsx).active
    assert [c.value for c in ws[1]][:4] == ["NIP", "Nama", "Rencana Aksi (Rencana Hasil Kerja)", "Tanggal"]
    assert ws.max_row - 1 == len(rows)  # the staf is the only one of BKPSDM with validated activities


def test_mistakes_are_messages(db_url, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("SIPIJAR_DATABASE_URL", db_url)
    org = _seed(db_url)
    awal = ["ekspor-ekinerja", "--nip", org.staf.nip, "--dari", "2026-03-01"]
    assert cli.main([*awal, "--sampai", "2026-03-31", "--out", str(tmp_path / "a.pdf")]) == 1
    assert "harus berakhiran .csv atau .xlsx" in capsys.readouterr().err
    assert cli.main([*awal, "--sampai", "2026-02-01", "--out", str(tmp_path / "a.csv")]) == 1
    assert "tidak boleh sebelum" in capsys.readouterr().err
    unit = ["ekspor-ekinerja", "--unit", "BKPSDM Uji", "--dari", "2026-01-01", "--sampai", "2026-03-31"]
    assert cli.main([*unit, "--out", str(tmp_path / "a.csv")]) == 1
    assert "paling panjang 31 hari" in capsys.readouterr().err
    assert not (tmp_path / "a.csv").exists()


def test_ekspor_siasn_writes_the_services_records(db_url, monkeypatch, tmp_path, capsys):
    """The Dinas of the tree of tests/services/evaluasi/pohon.py, its year evaluated: the JSON the operator writes
    holds exactly the service's records; a unit that does not exist and a wrong suffix are messages."""
    from services.evaluasi import ekspor_siasn
    from services.platform.access import Operator
    from tests.services.evaluasi.test_ekspor_siasn import TAHUN, nilai_setahun

    monkeypatch.setenv("SIPIJAR_DATABASE_URL", db_url)
    engine = make_engine(db_url)
    t = nilai_setahun(engine)
    with session_scope(engine, readonly=True) as s:
        harapan = ekspor_siasn.kumpulkan(s, Operator("uji"), TAHUN, t.unit["dinas"])
    nama_unit = "Dinas Pohon"
    out = tmp_path / "siasn.json"
    assert cli.main(["ekspor-siasn", "--tahun", str(TAHUN), "--unit", nama_unit, "--out", str(out)]) == 0
    isi = json.loads(out.read_text(encoding="utf-8"))
    assert (isi["skp22"], isi["kinerjaPeriodik"]) == (harapan.tahunan, harapan.periodik)
    assert f"{len(harapan.tahunan)} rekaman tahunan" in capsys.readouterr().out
    assert cli.main(["ekspor-siasn", "--tahun", str(TAHUN), "--unit", "Tidak Ada", "--out", str(out)]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    assert cli.main(["ekspor-siasn", "--tahun", str(TAHUN), "--out", str(tmp_path / "a.pdf")]) == 1
    assert "harus berakhiran .xlsx, .json atau .csv" in capsys.readouterr().err
    engine.dispose()
