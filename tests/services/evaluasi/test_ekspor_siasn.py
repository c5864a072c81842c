"""Ekspor SIASN (#15 point 5, docs/domain.md §8.34) and the issue's "Done when" on the tree of pohon.py: three
levels with a sub-unit predikat at each level, Pindah's mutasi on 15 August and Pensiun's exit on 1 December —
every curve counts exactly whom it should, each pegawai has one annual predikat, and the SIASN export of the
Dinas matches a file built here by hand, row for row and cell by cell (CSV, XLSX, JSON)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from db.enums import Rating, StatusEvaluasi
from db.models import SKP, EvaluasiKinerja, PeriodeSKP
from db.session import session_scope
from services.evaluasi import ekspor_siasn, kurva
from services.evaluasi import evaluasi_kinerja as evaluasi
from services.platform.errors import AksesDitolak, ValidationError
from services.platform.kalender import hari_ini
from tests.services.evaluasi import pohon

TAHUN = hari_ini().year - 1
A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH

#: who rates whom, and with what (TW4 and Tahunan alike); leaders' Rating Hasil Kerja is their unit's result:
#: Dinas Baik → Sesuai, Bidang Istimewa → Di Atas, Seksi Butuh Perbaikan → Di Bawah.
PENILAIAN = {
    "kadis": ("bupati", S, A),  # Baik
    "sekretaris": ("kadis", A, A),  # Sangat Baik
    "kabid": ("kadis", A, S),  # Baik
    "analis": ("kabid", S, S),  # Baik
    "kasi": ("kabid", B, S),  # Butuh Perbaikan
    "operator": ("kasi", S, B),  # Kurang/Misconduct
    "pindah": ("kabid", S, S),  # Baik
    "pensiun": ("kasi", S, S),  # Baik
}


def _nilai(s, actor, skp_id, kode, hasil, perilaku):
    ev = evaluasi.simpan(s, actor, skp_id, kode, hasil, perilaku, None)
    evaluasi.finalkan(s, actor, skp_id, kode, ev.version_id)


@pytest.fixture
def dinilai(engine):
    return nilai_setahun(engine)


def nilai_setahun(engine) -> pohon.Pohon:
    """The tree with the year evaluated: the units' predikat, Pindah's Triwulan III on both periods, everyone's
    Triwulan IV and Tahunan."""
    with session_scope(engine) as s:
        t = pohon.bangun(s, TAHUN)
        for kode in ("TW4", "TAHUNAN"):
            for unit, predikat in (("dinas", "Baik"), ("bidang", "Istimewa"), ("seksi", "Butuh Perbaikan")):
                kurva.tetapkan_predikat_organisasi(s, t.actor["admin"], t.unit[unit], TAHUN, kode, predikat)
        _nilai(s, t.actor["kasi"], t.skp["pindah_awal"], "TW3", B, B)  # July–August in Seksi
        _nilai(s, t.actor["kabid"], t.skp["pindah"], "TW3", S, S)  # August–September in Bidang
        for key, (penilai, hasil, perilaku) in PENILAIAN.items():
            for kode in ("TW4", "TAHUNAN"):
                _nilai(s, t.actor[penilai], t.skp[key], kode, hasil, perilaku)
        return t


def test_done_when_every_curve_counts_whom_it_should_and_one_annual_predikat(engine, dinilai):
    t = dinilai
    with session_scope(engine) as s:
        admin = t.actor["admin"]
        jumlah = {u: kurva.distribusi(s, admin, t.unit[u], TAHUN, "TAHUNAN").jumlah for u in t.unit}
        with pytest.raises(ValidationError, match="Periode SKP terakhir"):
            evaluasi.simpan(s, t.actor["kasi"], t.skp["pindah_awal"], "TAHUNAN", B, B)
        tahunan_per_pegawai = dict(
            s.execute(
                select(PeriodeSKP.pegawai_id, func.count())
                .join(SKP, SKP.periode_id == PeriodeSKP.id)
                .join(EvaluasiKinerja, EvaluasiKinerja.skp_id == SKP.id)
                .where(EvaluasiKinerja.periode_evaluasi == "TAHUNAN", EvaluasiKinerja.status == StatusEvaluasi.FINAL)
                .group_by(PeriodeSKP.pegawai_id)
            ).all()
        )
    tidak_nol = {u: {p.value: n for p, n in j.items() if n} for u, j in jumlah.items()}
    assert tidak_nol == {
        "dinas": {"Sangat Baik": 1, "Baik": 1},  # Sekretaris, Kabid
        "bidang": {"Baik": 2, "Butuh Perbaikan": 1},  # Analis, Pindah (after his mutasi), Kasi
        "seksi": {"Kurang/Misconduct": 1},  # Operator; Pensiun left on 1 December
    }
    assert sorted(tahunan_per_pegawai.values()) == [1] * 8


def _orang(t, key, jabatan, unor, status="ASN"):
    a = t.actor[key]
    return [a.nip, a.nama, jabatan, unor, "", status]


KOSONG = ["", "", "", "", "", ""]


def _harapan(t):
    """The hand-built file: (tahunan rows, periodik rows) in SIASN's column order, sorted by NIP."""
    kadis = _orang(t, "kadis", "Kepala Dinas", "Dinas Pohon")
    kabid = _orang(t, "kabid", "Kepala Bidang", "Bidang Pohon")
    kasi = _orang(t, "kasi", "Kepala Seksi", "Seksi Pohon")
    bupati = _orang(t, "bupati", "Bupati", "Kabupaten Pohon", "NON ASN")  # no Periode SKP: the live record

    def pns(key, jabatan, unor):
        a = t.actor[key]
        return [a.nip, a.nama, jabatan, unor]

    nilai = {
        "kadis": ["Sesuai Ekspektasi", "Di Atas Ekspektasi", "Baik"],
        "sekretaris": ["Di Atas Ekspektasi", "Di Atas Ekspektasi", "Sangat Baik"],
        "kabid": ["Di Atas Ekspektasi", "Sesuai Ekspektasi", "Baik"],
        "analis": ["Sesuai Ekspektasi", "Sesuai Ekspektasi", "Baik"],
        "kasi": ["Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Butuh Perbaikan"],
        "operator": ["Sesuai Ekspektasi", "Di Bawah Ekspektasi", "Kurang/Misconduct"],
        "pindah": ["Sesuai Ekspektasi", "Sesuai Ekspektasi", "Baik"],
        "pensiun": ["Sesuai Ekspektasi", "Sesuai Ekspektasi", "Baik"],
    }
    identitas = {
        "kadis": (pns("kadis", "Kepala Dinas", "Dinas Pohon"), bupati, KOSONG),
        "sekretaris": (pns("sekretaris", "Pengadministrasi Umum", "Dinas Pohon"), kadis, bupati),
        "kabid": (pns("kabid", "Kepala Bidang", "Bidang Pohon"), kadis, bupati),
        "analis": (pns("analis", "Analis Kebijakan Ahli Muda", "Bidang Pohon"), kabid, kadis),
        "kasi": (pns("kasi", "Kepala Seksi", "Seksi Pohon"), kabid, kadis),
        "operator": (pns("operator", "Operator Layanan", "Seksi Pohon"), kasi, kabid),
        "pindah": (pns("pindah", "Pengolah Data", "Bidang Pohon"), kabid, kadis),
        "pensiun": (pns("pensiun", "Pengelola Arsip", "Seksi Pohon"), kasi, kabid),
    }
    urutan = ["kadis", "sekretaris", "kabid", "analis", "kasi", "operator", "pindah", "pensiun"]  # = NIP order
    tahunan = [[TAHUN, *identitas[k][0], *identitas[k][1], *identitas[k][2], *nilai[k]] for k in urutan]
    tw4 = ["Triwulan IV", 10, TAHUN, 12, TAHUN]
    periodik = []
    for k in urutan:
        if k == "pindah":
            periodik.append(
                [TAHUN, "Triwulan III", 7, TAHUN, 8, TAHUN, *pns("pindah", "Pengolah Data", "Seksi Pohon"), *kasi]
                + ["Di Bawah Ekspektasi", "Di Bawah Ekspektasi", "Sangat Kurang"]
            )
            periodik.append(
                [TAHUN, "Triwulan III", 8, TAHUN, 9, TAHUN, *identitas[k][0], *kabid]
                + ["Sesuai Ekspektasi", "Sesuai Ekspektasi", "Baik"]
            )
        periodik.append([TAHUN, *tw4, *identitas[k][0], *identitas[k][1], *nilai[k]])
    return tahunan, periodik


def test_the_siasn_export_of_the_dinas_matches_the_hand_built_file(engine, dinilai):
    t = dinilai
    with session_scope(engine) as s:
        data = ekspor_siasn.kumpulkan(s, t.actor["admin"], TAHUN, t.unit["dinas"])
        semua = ekspor_siasn.kumpulkan(s, t.actor["admin"], TAHUN)  # every unit: the same people here
        seksi = ekspor_siasn.kumpulkan(s, t.actor["admin"], TAHUN, t.unit["seksi"])
    tahunan, periodik = _harapan(t)
    assert data.tanpa_tahunan == []
    assert semua.tahunan == data.tahunan and semua.periodik == data.periodik
    # a unit subtree: the pegawai whose last period lies in it (Pindah ended the year in the Bidang)
    assert [r["namaPns"] for r in seksi.tahunan] == ["Kasi Pohon", "Operator Pohon", "Pensiun Pohon"]

    def as_text(rows):
        return [[str(v) for v in row] for row in rows]

    baca = list(csv.reader(io.StringIO(ekspor_siasn.berkas(data, "csv", "tahunan").decode())))
    assert baca[0] == list(ekspor_siasn.KOLOM_TAHUNAN)
    assert baca[1:] == as_text(tahunan)
    baca = list(csv.reader(io.StringIO(ekspor_siasn.berkas(data, "csv", "periodik").decode())))
    assert baca[0] == list(ekspor_siasn.KOLOM_PERIODIK)
    assert baca[1:] == as_text(periodik)

    wb = load_workbook(io.BytesIO(ekspor_siasn.berkas(data, "xlsx")))
    assert wb.sheetnames == ["SKP 2022 (Tahunan)", "Kinerja Periodik"]
    for sheet, kolom, rows in (
        ("SKP 2022 (Tahunan)", ekspor_siasn.KOLOM_TAHUNAN, tahunan),
        ("Kinerja Periodik", ekspor_siasn.KOLOM_PERIODIK, periodik),
    ):
        cells = [[c.value if c.value is not None else "" for c in row] for row in wb[sheet].iter_rows()]
        assert cells[0] == list(kolom)
        assert cells[1:] == rows  # numbers stay numbers, an 18-digit NIP stays text
        assert all(isinstance(r[1 if sheet.startswith("SKP") else 6], str) for r in cells[1:])

    isi = json.loads(ekspor_siasn.berkas(data, "json"))
    assert isi["tahun"] == TAHUN
    assert isi["skp22"] == [dict(zip(ekspor_siasn.KOLOM_TAHUNAN, r, strict=True)) for r in tahunan]
    assert isi["kinerjaPeriodik"] == [dict(zip(ekspor_siasn.KOLOM_PERIODIK, r, strict=True)) for r in periodik]
    assert ekspor_siasn.nama_berkas(data, "csv", "periodik") == f"siasn-dinas-pohon-{TAHUN}-periodik.csv"
    assert ekspor_siasn.nama_berkas(semua, "xlsx") == f"siasn-semua-unit-{TAHUN}.xlsx"


def test_a_draft_or_a_second_annual_record_refuses_the_export_naming_them(engine):
    with session_scope(engine) as s:
        t = pohon.bangun(s, TAHUN)
        evaluasi.simpan(s, t.actor["kasi"], t.skp["operator"], "TW1", S, S)  # Draft
        # a second annual record, as data from before the one-annual rule could hold
        s.add(EvaluasiKinerja(skp_id=t.skp["pindah_awal"], periode_evaluasi="TAHUNAN", status=StatusEvaluasi.FINAL))
        s.add(EvaluasiKinerja(skp_id=t.skp["pindah"], periode_evaluasi="TAHUNAN", status=StatusEvaluasi.DRAFT))
    with session_scope(engine) as s, pytest.raises(ValidationError) as e:
        ekspor_siasn.kumpulkan(s, t.actor["admin"], TAHUN, t.unit["dinas"])
    pesan = str(e.value)
    assert pesan.startswith("Ekspor SIASN ditolak")
    op, pi = t.actor["operator"], t.actor["pindah"]
    assert f"{op.nip} Operator Pohon — Triwulan I (1 Januari – 31 Desember {TAHUN}) masih Draft" in pesan
    assert f"{pi.nip} Pindah Pohon — Tahunan (15 Agustus – 31 Desember {TAHUN}) masih Draft" in pesan
    assert (
        f"{pi.nip} Pindah Pohon — 2 Evaluasi Tahunan {TAHUN} (1 Januari – 14 Agustus {TAHUN}, "
        f"15 Agustus – 31 Desember {TAHUN})"
    ) in pesan
    with session_scope(engine) as s:
        with pytest.raises(AksesDitolak):
            ekspor_siasn.kumpulkan(s, t.actor["kadis"], TAHUN)
        with pytest.raises(ValidationError, match="Tahun tidak valid"):
            ekspor_siasn.kumpulkan(s, t.actor["admin"], 1999)
        # nothing evaluated in another year: an empty export with everyone listed as without an annual record
        kosong = ekspor_siasn.kumpulkan(s, t.actor["admin"], TAHUN - 1)
        assert kosong.tahunan == kosong.periodik == kosong.tanpa_tahunan == []
