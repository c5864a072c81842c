"""Issue #15 (6): the e-Kinerja export is BKN's "Tambah Progress Harian" form, row for row — only validated
activities of the range, the RHK as rencana aksi, times as HH:MM, realisasi a whole number with a note when a
volume was rounded — checked cell by cell against a file written out by hand; and who may export whose."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db.enums import StatusAktivitas
from db.models import AktivitasHarian
from db.session import session_scope
from services.aktivitas import ekspor_ekinerja as ekspor
from services.platform.access import Operator
from services.platform.errors import AksesDitolak, ValidationError
from services.platform.kalender import hari_ini
from tests.factories import SkpUji, add_aktivitas, build_skp

M, T, D = StatusAktivitas.MENUNGGU, StatusAktivitas.TERVALIDASI, StatusAktivitas.DITOLAK


@pytest.fixture
def dua_pegawai(engine, org):
    """The staf's week of 2–4 December 2026 (one waiting and one rejected row among them) and one activity of
    the perawat (another OPD); volumes 1, 2.5 and 0.4 to show the rounding."""
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, 2026)
        perawat = build_skp(s, org.perawat, 2026)
        rows = [
            add_aktivitas(s, org.staf, skp, date(2026, 12, 2), "08:00", "10:30", T, aktivitas="Menyusun laporan"),
            add_aktivitas(s, org.staf, skp, date(2026, 12, 2), "13:00", "14:00", T, aktivitas="=SUM(A1)"),
            add_aktivitas(s, org.staf, skp, date(2026, 12, 3), "08:00", "09:00", M, aktivitas="Belum divalidasi"),
            add_aktivitas(s, org.staf, skp, date(2026, 12, 3), "09:00", "10:00", D, aktivitas="Ditolak", alasan="x"),
            add_aktivitas(s, org.staf, skp, date(2026, 12, 4), "07:30", "08:15", T, aktivitas="Rapat koordinasi"),
            add_aktivitas(s, org.staf, skp, date(2026, 12, 5), "08:00", "09:00", T, aktivitas="Di luar rentang"),
            add_aktivitas(s, org.perawat, perawat, date(2026, 12, 2), "08:00", "09:00", T, aktivitas="Asuhan"),
        ]
        rows[1].volume, rows[1].satuan = Decimal("2.5"), "Laporan"
        rows[1].bukti_link = "https://drive.example.go.id/bukti/1"
        rows[4].volume, rows[4].satuan = Decimal("0.4"), "Kegiatan"
        s.flush()


def _diharapkan(org) -> list[tuple]:
    """Written out by hand from the fixture: the staf's validated rows of 2–4 December, by date and time."""
    rhk = f"Terlaksananya tugas 1 {org.staf.nama}"
    return [
        (org.staf.nip, org.staf.nama, rhk, "2026-12-02", "08:00", "10:30", "Menyusun laporan", 1, "Dokumen", "", ""),
        (
            org.staf.nip,
            org.staf.nama,
            rhk,
            "2026-12-02",
            "13:00",
            "14:00",
            "=SUM(A1)",
            3,
            "Laporan",
            "https://drive.example.go.id/bukti/1",
            "Volume 2,50 dibulatkan menjadi 3.",
        ),
        (
            org.staf.nip,
            org.staf.nama,
            rhk,
            "2026-12-04",
            "07:30",
            "08:15",
            "Rapat koordinasi",
            1,
            "Kegiatan",
            "",
            "Volume 0,40 dibulatkan menjadi 1.",
        ),
    ]


def test_a_pegawai_exports_their_validated_days_field_by_field(engine, org, dua_pegawai):
    with session_scope(engine, readonly=True) as s:
        rows = ekspor.progres_pegawai(s, org.staf, org.staf.nip, date(2026, 12, 2), date(2026, 12, 4))
    assert [r.sel() for r in rows] == _diharapkan(org)


def test_the_xlsx_and_csv_match_the_hand_built_file_cell_by_cell(engine, org, dua_pegawai):
    with session_scope(engine, readonly=True) as s:
        rows = ekspor.progres_pegawai(s, org.staf, org.staf.nip, date(2026, 12, 2), date(2026, 12, 4))
    sheet = load_workbook(io.BytesIO(ekspor.berkas(rows, "xlsx"))).active
    cells = [tuple("" if c is None else c for c in row) for row in sheet.iter_rows(values_only=True)]
    aman = [tuple("'=SUM(A1)" if v == "=SUM(A1)" else v for v in r) for r in _diharapkan(org)]  # no formula runs
    assert cells == [ekspor.JUDUL_KOLOM, *aman]
    assert sheet["A2"].data_type == "s"  # the 18-digit NIP stays text
    teks = ekspor.berkas(rows, "csv").decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(teks))) == [list(ekspor.JUDUL_KOLOM)] + [[str(v) for v in r] for r in aman]


def test_a_unit_export_holds_every_pegawai_below_it_and_nobody_else(engine, org, dua_pegawai):
    with session_scope(engine, readonly=True) as s:
        bkpsdm = ekspor.progres_unit(s, org.kepala, "BKPSDM Uji", date(2026, 12, 1), date(2026, 12, 31))
        semua = ekspor.progres_unit(
            s, Operator("root"), "Pemerintah Kabupaten Uji", date(2026, 12, 1), date(2026, 12, 31)
        )
    assert {r.nip for r in bkpsdm} == {org.staf.nip}
    assert len(bkpsdm) == 4  # the three above and the one of 5 December
    assert {r.nip for r in semua} == {org.staf.nip, org.perawat.nip}


def test_who_may_export_whose(engine, org, dua_pegawai):
    with session_scope(engine, readonly=True) as s:
        with pytest.raises(AksesDitolak):
            ekspor.progres_pegawai(s, org.kasubbid, org.staf.nip, date(2026, 12, 1), date(2026, 12, 31))
        with pytest.raises(AksesDitolak):
            ekspor.progres_unit(s, org.kadinkes, "BKPSDM Uji", date(2026, 12, 1), date(2026, 12, 31))
        with pytest.raises(AksesDitolak):
            ekspor.progres_unit(s, org.staf, "BKPSDM Uji", date(2026, 12, 1), date(2026, 12, 31))
        assert len(ekspor.progres_pegawai(s, org.admin, org.staf.nip, date(2026, 12, 1), date(2026, 12, 31))) == 4


@pytest.mark.parametrize(
    ("mulai", "akhir", "pesan"),
    [
        (date(2026, 12, 4), date(2026, 12, 2), "tidak boleh sebelum"),
        (None, date(2026, 12, 2), "wajib diisi"),
        (date(2025, 12, 1), date(2026, 12, 2), "paling panjang 366 hari"),
    ],
)
def test_a_range_that_makes_no_sense_is_refused(engine, org, dua_pegawai, mulai, akhir, pesan):
    with session_scope(engine, readonly=True) as s, pytest.raises(ValidationError, match=pesan):
        ekspor.progres_pegawai(s, org.staf, org.staf.nip, mulai, akhir)


def test_a_unit_export_is_one_month_at_most(engine, org, dua_pegawai):
    with session_scope(engine, readonly=True) as s, pytest.raises(ValidationError, match="paling panjang 31 hari"):
        ekspor.progres_unit(s, org.admin, "BKPSDM Uji", date(2026, 11, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("volume", "bulat", "catatan"),
    [("1", 1, ""), ("3.0000", 3, ""), ("2.5", 3, "Volume 2,50 dibulatkan menjadi 3."), ("0.4", 1, "menjadi 1")],
)
def test_realisasi_is_a_whole_number(volume, bulat, catatan):
    hasil, note = ekspor.realisasi_bulat(Decimal(volume))
    assert hasil == bulat and catatan in note and (note == "") == (catatan == "")


def test_only_validated_rows_leave(engine, org, dua_pegawai):
    """The waiting and the rejected rows of 3 December are in the database and not in the file."""
    with session_scope(engine, readonly=True) as s:
        rows = ekspor.progres_pegawai(s, org.staf, org.staf.nip, date(2026, 12, 3), date(2026, 12, 3))
        assert s.query(AktivitasHarian).filter(AktivitasHarian.tanggal == date(2026, 12, 3)).count() == 2
    assert rows == []


def test_the_three_level_tree_with_a_mutasi_matches_a_hand_built_file(engine):
    """Issue #15's Done when, for e-Kinerja: the tree of tests/services/evaluasi/pohon.py (Pindah moves from the
    Seksi to the Bidang on 15 August). The Dinas's August file holds, row for row, the validated activities of every
    pegawai below it — Pindah's on both sides of his mutasi, each under the RHK of its own period — and nothing
    that waits."""
    from db.models import RencanaHasilKerja
    from tests.services.evaluasi import pohon

    tahun = hari_ini().year - 1
    with session_scope(engine) as s:
        t = pohon.bangun(s, tahun)
        rhk_baru = RencanaHasilKerja(skp_id=t.skp["pindah"], teks="Terolahnya data bidang")
        s.add(rhk_baru)
        s.flush()

        def tambah(key, hari, mulai, selesai, teks, status=T, volume="1", rhk=None, periode=None):
            uji = SkpUji(periode or t.periode[key], t.skp[key], [rhk or _rhk(s, t.skp[key])], [])
            row = add_aktivitas(s, t.actor[key], uji, date(tahun, 8, hari), mulai, selesai, status, aktivitas=teks)
            row.volume = Decimal(volume)
            s.flush()

        tambah("pindah", 14, "08:00", "10:00", "Mengolah data seksi", periode=t.periode["pindah_awal"],
               rhk=_rhk(s, t.skp["pindah_awal"]))  # fmt: skip
        tambah("pindah", 17, "08:00", "09:30", "Mengolah data bidang", rhk=rhk_baru.id)
        tambah("operator", 14, "13:00", "15:00", "Melayani permohonan", volume="2.5")
        tambah("analis", 17, "08:00", "12:00", "Menyusun kajian", status=M)  # waits: not in the file
        tambah("kadis", 18, "09:00", "10:00", "Memimpin rapat")
        pindah, operator, kadis = t.actor["pindah"], t.actor["operator"], t.actor["kadis"]
        rhk_lama = s.get_one(RencanaHasilKerja, _rhk(s, t.skp["pindah_awal"])).teks
        rhk_operator = s.get_one(RencanaHasilKerja, _rhk(s, t.skp["operator"])).teks
        rhk_kadis = s.get_one(RencanaHasilKerja, _rhk(s, t.skp["kadis"])).teks
        dinas = "Dinas Pohon"
    with session_scope(engine, readonly=True) as s:
        rows = ekspor.progres_unit(s, t.actor["admin"], dinas, date(tahun, 8, 1), date(tahun, 8, 31))
    d = lambda hari: date(tahun, 8, hari).isoformat()  # noqa: E731 - a short alias for the table below
    assert [r.sel() for r in rows] == [  # by name: Kadis, Operator, Pindah
        (kadis.nip, kadis.nama, rhk_kadis, d(18), "09:00", "10:00", "Memimpin rapat", 1, "Dokumen", "", ""),
        (operator.nip, operator.nama, rhk_operator, d(14), "13:00", "15:00", "Melayani permohonan", 3, "Dokumen", "",
         "Volume 2,50 dibulatkan menjadi 3."),
        (pindah.nip, pindah.nama, rhk_lama, d(14), "08:00", "10:00", "Mengolah data seksi", 1, "Dokumen", "", ""),
        (pindah.nip, pindah.nama, "Terolahnya data bidang", d(17), "08:00", "09:30", "Mengolah data bidang", 1,
         "Dokumen", "", ""),
    ]  # fmt: skip


def _rhk(s, skp_id: int) -> int:
    from db.models import RencanaHasilKerja

    return s.scalar(
        select(RencanaHasilKerja.id).where(RencanaHasilKerja.skp_id == skp_id).order_by(RencanaHasilKerja.id)
    )
