""" "Cetak": the month's PDF has the kop, the pegawai and penilai blocks, the activities, the totals, the
capaian % and the TPP produktivitas — the same figures as services.aktivitas.capaian."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from db.models import Pegawai
from db.session import session_scope
from services.aktivitas import capaian, dokumen_capaian
from services.aktivitas.harian import daftar_bulan
from services.contoh import demo, demo_data
from services.platform import format as fmt
from services.platform.errors import AksesDitolak
from services.platform.format import WIB
from services.platform.masa_dinas import load_actor
from tests.factories import build_maret_2026


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_cetak_march_2026(engine, org):
    with session_scope(engine) as s:
        build_maret_2026(s, org.staf)
    with session_scope(engine, readonly=True) as s:
        content = dokumen_capaian.cetak(s, org.staf, org.staf.pegawai_id, 2026, 3, today=date(2026, 4, 2))
    text = " ".join(pdf_text(content).split())
    for expected in (
        "PEMERINTAH KABUPATEN BONDOWOSO",
        "CAPAIAN KINERJA/AKTIVITAS HARIAN",
        "Maret 2026",
        "Staf Uji",
        org.staf.nip,
        "Kasubbid Uji",
        org.kasubbid.nip,
        "PEJABAT PENILAI KINERJA",
        "Menyusun laporan harian 2",
        "08.00–12.00",
        "Tervalidasi",
        "Menunggu Validasi",
        "Ditolak (Tidak sesuai daftar hadir)",
        "17 hari",
        "5.100 menit",
        "4.080 menit",
        "600 menit",
        "80,00 %",
        "Rp3.100.000",
        "Rp1.488.000",
        "Bondowoso, 2 April 2026",
        "Pegawai yang Dinilai",
    ):
        assert expected in text, expected


def test_cetak_follows_who_may_see(engine, org):
    with session_scope(engine) as s:
        build_maret_2026(s, org.staf)
    with session_scope(engine, readonly=True) as s:
        assert dokumen_capaian.cetak(s, org.kasubbid, org.staf.pegawai_id, 2026, 3).startswith(b"%PDF")
        for actor in (org.fungsional, org.kabid):
            with pytest.raises(AksesDitolak):
                dokumen_capaian.cetak(s, actor, org.staf.pegawai_id, 2026, 3)


def test_cetak_of_an_empty_month(engine, org):
    with session_scope(engine, readonly=True) as s:
        text = pdf_text(dokumen_capaian.cetak(s, org.staf, org.staf.pegawai_id, 2026, 3))
    assert "Tidak ada aktivitas harian pada bulan ini." in text and "0,00 %" in text and "Rp0" in text


def _kata(n: int, awal: str) -> str:
    """``n`` characters of words (a long uraian as a pegawai types it), starting with a marker."""
    teks = awal + " " + " ".join(f"kegiatan{i}" for i in range(n // 9 + 1))
    return teks[:n]


def test_cetak_renders_the_longest_activity_the_form_allows(engine, org):
    """Issue #17: one 2,000-character activity (entri.AKTIVITAS_MAX) failed with fpdf2's "too high for a
    single page"; it now wraps, and the row continues across pages when it must."""
    from db.enums import StatusAktivitas
    from services.aktivitas.entri import AKTIVITAS_MAX
    from services.aktivitas.validasi import ALASAN_MAX
    from tests.factories import add_aktivitas, build_skp

    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, 2026)
        add_aktivitas(s, org.staf, skp, date(2026, 3, 2), "08:00", "09:00", aktivitas=_kata(AKTIVITAS_MAX, "AWAL"))
    with session_scope(engine, readonly=True) as s:
        text = pdf_text(dokumen_capaian.cetak(s, org.staf, org.staf.pegawai_id, 2026, 3))
    assert "AWAL" in text and "Tervalidasi" in text

    with session_scope(engine) as s:  # many long ones, rejected with the longest alasan: many pages
        for hari in range(3, 28):
            add_aktivitas(
                s,
                org.staf,
                skp,
                date(2026, 3, hari),
                "08:00",
                "09:00",
                StatusAktivitas.DITOLAK,
                aktivitas=_kata(AKTIVITAS_MAX, f"HARI{hari}"),
                alasan=_kata(ALASAN_MAX, f"ALASAN{hari}"),
            )
    with session_scope(engine, readonly=True) as s:
        content = dokumen_capaian.cetak(s, org.staf, org.staf.pegawai_id, 2026, 3)
    text = pdf_text(content)
    assert len(PdfReader(io.BytesIO(content)).pages) > 10
    assert all(f"HARI{hari}" in text and f"ALASAN{hari}" in text for hari in range(3, 28))
    assert "Pegawai yang Dinilai" in text


def test_november_of_the_demo_fits_in_four_portrait_pages_and_page_one_holds_the_capaian(engine, time_machine):
    """Issue #16: the Cetak led with 12 landscape pages and the % on the last; now the month's figures are on
    page 1 (portrait), the activities follow compactly (SKP terkait as S1, S2, … with one legend) and the
    demo's November — 85 activities — fits in at most 4 pages."""
    time_machine.move_to(datetime(2026, 12, 5, 10, tzinfo=WIB))
    with session_scope(engine) as s:
        demo.isi_demo(s, date(2026, 12, 5))
    with session_scope(engine, readonly=True) as s:
        pegawai_id = s.scalar(select(Pegawai.id).where(Pegawai.nip == demo_data.NIP["pelaksana"]))
        actor = load_actor(s, pegawai_id)
        jumlah = len(daftar_bulan(s, actor, pegawai_id, 2026, 11))
        hasil = capaian.capaian_pegawai(s, actor, pegawai_id, 2026, 11)
        content = dokumen_capaian.cetak(s, actor, pegawai_id, 2026, 11)
    pages = PdfReader(io.BytesIO(content)).pages
    halaman_1 = " ".join(pages[0].extract_text().split())
    assert jumlah > 60 and 0 < hasil.capaian_persen < 100
    assert len(pages) <= 4
    assert pages[0].mediabox.width < pages[0].mediabox.height  # portrait
    assert f"Capaian aktivitas {fmt.persen(hasil.capaian_persen)}" in halaman_1
    assert f"TPP produktivitas (60% × TPP pokok × capaian) {fmt.rupiah(hasil.tpp_produktivitas)}" in halaman_1
    assert "Daftar Aktivitas Harian" in halaman_1  # the activities start on page 1
    semua = " ".join(" ".join(p.extract_text().split()) for p in pages)
    assert f"{jumlah} " in semua and "Pegawai yang Dinilai" in semua
    assert "S1 Tersusunnya dokumen perencanaan" in semua  # the legend of the SKP terkait
