"""The SKP document: a PDF with the kop, the periode, both identity blocks, Hasil Kerja, Perilaku Kerja
with ekspektasi, place, date and signatures — read back with pypdf."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from db.session import session_scope
from services.perencanaan import dokumen_skp, ekspektasi, penetapan
from services.platform import settings
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import build_draft, build_jpt_draft, build_skp

TAHUN = 2026


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _tetapkan(engine, org, pegawai, penilai, skp_id):
    with session_scope(engine) as s:
        penetapan.ajukan_draft(s, pegawai, skp_id)
    with session_scope(engine) as s:
        penetapan.proses_penetapan(s, penilai, skp_id, "Ditetapkan Sebagai SKP", None)


@pytest.fixture
def skp_staf(engine, org):
    with session_scope(engine) as s:
        atasan = build_skp(s, org.kasubbid, TAHUN)
        d = build_draft(s, org.staf, TAHUN, atasan.rhk_ids[0], target=13)
        settings.setel(s, org.admin, "tempat_dokumen", "Kota Uji")
    _tetapkan(engine, org, org.staf, org.kasubbid, d.skp_id)
    with session_scope(engine) as s:
        ekspektasi.simpan(s, org.kasubbid, d.skp_id, {2: "Menyelesaikan pekerjaan tepat waktu"})
    return d.skp_id


def test_the_document_of_a_non_jpt_skp(engine, org, skp_staf):
    with session_scope(engine) as s:
        pdf = dokumen_skp.cetak(s, org.staf, skp_staf)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    for expected in (
        "PEMERINTAH KABUPATEN BONDOWOSO",
        "SASARAN KINERJA PEGAWAI",
        f"Periode Penilaian : 1 Januari {TAHUN} s.d. 31 Desember {TAHUN}",
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "Staf Uji",
        org.staf.nip,
        "Pengelola Data",
        "Kasubbid Uji",
        org.kasubbid.nip,
        "Kepala Subbidang",
        "Bidang Mutasi Uji",
        "HASIL KERJA",
        "A. Hasil Kerja Utama",
        "RHK Atasan yang Diintervensi",
        "Terlaksananya tugas 1 Kasubbid Uji",
        "Tersusunnya dokumen kerja Staf Uji",
        "Jumlah dokumen yang disusun",
        "Kuantitas",
        "13 Dokumen",
        "PERILAKU KERJA",
        "Berorientasi Pelayanan",
        "Melakukan perbaikan tiada henti",
        "Menyelesaikan pekerjaan tepat waktu",
        "Kolaboratif",
        "Kota Uji,",
        "Pegawai yang Dinilai",
        "Pejabat Penilai Kinerja",
        f"NIP {org.kasubbid.nip}",
    ):
        assert expected in text, expected
    assert "Perspektif" not in text


def test_the_document_of_a_jpt_skp_has_the_perspektif(engine, org):
    with session_scope(engine) as s:
        d = build_jpt_draft(s, org.kepala, TAHUN)
    _tetapkan(engine, org, org.kepala, org.bupati, d.skp_id)
    with session_scope(engine) as s:
        text = _text(dokumen_skp.cetak(s, org.bupati, d.skp_id))
    for expected in (
        "Perspektif",
        "Penerima Layanan",
        "Penguatan Internal",
        "Kepala Uji",
        "Bupati Uji",
        "Meningkatnya Nilai Capaian SAKIP (Penugasan dari Bupati Uji)",
        "12 Laporan",
    ):
        assert expected in text, expected


def test_only_a_ditetapkan_skp_is_printed(engine, org):
    with session_scope(engine) as s:
        atasan = build_skp(s, org.kasubbid, TAHUN)
        d = build_draft(s, org.staf, TAHUN, atasan.rhk_ids[0])
    with (
        pytest.raises(ValidationError, match="berstatus Draft; dokumen SKP dapat dicetak setelah ditetapkan"),
        session_scope(engine) as s,
    ):
        dokumen_skp.cetak(s, org.staf, d.skp_id)


def test_others_cannot_print(engine, org, skp_staf):
    with pytest.raises(AksesDitolak), session_scope(engine) as s:
        dokumen_skp.cetak(s, org.fungsional, skp_staf)


def test_file_name(engine, org, skp_staf):
    from services.perencanaan.skp_detail import detail

    with session_scope(engine) as s:
        assert dokumen_skp.nama_berkas(detail(s, org.staf, skp_staf)) == f"SKP-{org.staf.nip}-{TAHUN}-0101.pdf"
