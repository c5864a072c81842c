"""Dokumen Evaluasi Kinerja Pegawai: what a reader finds in the PDF, and who may print it."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from db.enums import Rating
from db.session import session_scope
from services.evaluasi import dokumen_evaluasi, kurva, umpan_balik_perilaku
from services.evaluasi import evaluasi_kinerja as evaluasi
from services.platform.errors import AksesDitolak
from services.platform.kalender import hari_ini
from tests.factories import build_skp, isi_realisasi

TAHUN = hari_ini().year - 1


def _text(pdf: bytes) -> str:
    """The words of the PDF, with every line break and run of spaces made one space."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def rated(engine, org):
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, TAHUN, rhk=1)
        isi_realisasi(s, skp.indikator_ids[0], 1, 1, umpan_balik="Januari sudah sesuai target")
        isi_realisasi(s, skp.indikator_ids[0], 2, 2)
        umpan_balik_perilaku.simpan_umpan_balik_perilaku(
            s, org.kasubbid, skp.skp_id, "TW1", {2: "Sangat cermat dan tepat waktu"}
        )
        s.get(evaluasi.SKP, skp.skp_id).perilaku[1].ekspektasi_khusus = "Menyelesaikan pekerjaan dengan cermat"
        kurva.tetapkan_predikat_organisasi(s, org.admin, org.bidang, TAHUN, "TW1", "Baik")
        v = evaluasi.simpan(s, org.kasubbid, skp.skp_id, "TW1", Rating.SESUAI, Rating.DI_ATAS).version_id
        evaluasi.finalkan(s, org.kasubbid, skp.skp_id, "TW1", v)
    return skp


def test_the_document_holds_every_block(engine, org, rated):
    with session_scope(engine) as s:
        pdf = dokumen_evaluasi.cetak(s, org.staf, rated.skp_id, "TW1", today=date(TAHUN, 4, 3))
    text = _text(pdf)
    for expected in (
        "PEMERINTAH KABUPATEN BONDOWOSO",
        "DOKUMEN EVALUASI KINERJA PEGAWAI",
        f"Triwulan I (Januari – Maret {TAHUN})",
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "Staf Uji",
        org.staf.nip,
        "Kasubbid Uji",
        org.kasubbid.nip,
        "Capaian Kinerja Organisasi",
        "Predikat Kinerja Organisasi Bidang Mutasi Uji: Baik",
        "Jumlah dokumen 1.1 yang diselesaikan",
        "3 Dokumen",  # target of the quarter
        "Januari: Januari sudah sesuai target",
        "Rating Hasil Kerja",
        "Sesuai Ekspektasi",
        "Menyelesaikan pekerjaan dengan cermat",
        "Sangat cermat dan tepat waktu",
        "Rating Perilaku Kerja",
        "Di Atas Ekspektasi",
        "Predikat Kinerja Pegawai",
        ": Baik",
        "Kurva Distribusi",
        "1 pegawai (100,00 %)",
        "Pegawai yang Dinilai",
        "Pejabat Penilai Kinerja",
        f"Bondowoso, 3 April {TAHUN}",
    ):
        assert expected in text, expected
    # realisasi of the quarter: 1 + 2 = 3 of 3 → 100 %
    assert "100,00 %" in text
    # Baik organisation with one Baik pegawai: the rule on Butuh Perbaikan/Kurang is named
    assert "paling sedikit 1 pegawai Butuh Perbaikan atau Kurang/Misconduct" in text


def test_a_draft_is_marked_and_the_pegawai_cannot_print_it(engine, org):
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, TAHUN, rhk=1)
        evaluasi.simpan(s, org.kasubbid, skp.skp_id, "TW2", Rating.SESUAI, None)
    with session_scope(engine) as s:
        text = _text(dokumen_evaluasi.cetak(s, org.kasubbid, skp.skp_id, "TW2"))
        assert "DRAFT (belum final)" in text and "Belum ditetapkan" in text
        with pytest.raises(AksesDitolak):
            dokumen_evaluasi.cetak(s, org.staf, skp.skp_id, "TW2")
        with pytest.raises(AksesDitolak):
            dokumen_evaluasi.cetak(s, org.kabid, skp.skp_id, "TW2")


def test_file_name():
    assert (
        dokumen_evaluasi.nama_berkas("198001012000001910", 2025, "TW1")
        == "evaluasi-kinerja-198001012000001910-2025-tw1.pdf"
    )
