"""The import's columns status, tanggal_berhenti, status_kepegawaian, perjanjian_mulai and perjanjian_akhir
(docs/domain.md §8.20, §8.31): accepted spellings, row errors in Indonesian, all or nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from db.enums import JenisBerhenti, StatusKepegawaian
from db.models import Pegawai, PeriodeSKP
from db.session import session_scope
from services.organisasi import periode
from services.organisasi.import_berkas import KesalahanBaris
from services.platform import kalender
from services.platform.access import Actor
from services.platform.kalender import hari_ini
from tests.services.organisasi.test_import_pegawai import COLUMNS, _import, _nip, _one, _rejected, write_csv

KOLOM = [*COLUMNS, "status", "tanggal_berhenti", "status_kepegawaian", "perjanjian_mulai", "perjanjian_akhir"]


def _pegawai(engine, nip: str) -> Pegawai:
    with session_scope(engine, readonly=True) as s:
        p = s.scalar(select(Pegawai).where(Pegawai.nip == nip))
        s.expunge(p)
        return p


def test_a_new_pppk_and_an_exit_are_imported(engine, tmp_path):
    rows = _one(status_kepegawaian="pppk_paruh  waktu", perjanjian_mulai="01-01-2026", perjanjian_akhir="2026-12-31")
    rows[1].update(status="Cuti di luar tanggungan negara", tanggal_berhenti="02/03/2026")
    hasil = _import(engine, write_csv(tmp_path / "p.csv", rows, KOLOM))
    assert hasil.dibuat == 3
    staf, kabid = _pegawai(engine, _nip(3)), _pegawai(engine, _nip(2))
    assert (staf.status_kepegawaian, staf.perjanjian_mulai, staf.perjanjian_akhir) == (
        StatusKepegawaian.PPPK_PARUH_WAKTU,
        date(2026, 1, 1),
        date(2026, 12, 31),
    )
    assert (kabid.jenis_berhenti, kabid.tanggal_berhenti) == (JenisBerhenti.CLTN, date(2026, 3, 2))
    # the same file again: nothing changes, nothing is refused
    again = _import(engine, write_csv(tmp_path / "p.csv", rows, KOLOM))
    assert (again.dibuat, again.diperbarui, again.tidak_berubah) == (0, 0, 3)


@pytest.mark.parametrize(
    "changes,kolom,pesan",
    [
        (
            dict(status="pindah"),
            "status",
            'status "pindah" tidak dikenal. Isi aktif, pensiun, berhenti, meninggal, cltn atau diberhentikan '
            "sementara.",
        ),
        (dict(status="pensiun"), "tanggal_berhenti", "tanggal berhenti wajib diisi untuk status pensiun."),
        (
            dict(status="aktif", tanggal_berhenti="2026-03-01"),
            "tanggal_berhenti",
            "tanggal berhenti hanya diisi bersama status selain aktif.",
        ),
        (
            dict(status="meninggal", tanggal_berhenti="31-02-2026"),
            "tanggal_berhenti",
            'tanggal "31-02-2026" tidak ada di kalender.',
        ),
        (
            dict(status_kepegawaian="honorer"),
            "status_kepegawaian",
            "status kepegawaian harus PNS, CPNS, PPPK atau PPPK Paruh Waktu.",
        ),
        (
            dict(status_kepegawaian="PPPK", perjanjian_mulai="2026-01-01"),
            "perjanjian_akhir",
            "Masa perjanjian kerja PPPK (mulai dan akhir) wajib diisi.",
        ),
        (
            dict(status_kepegawaian="PNS", perjanjian_akhir="2026-01-01"),
            "status_kepegawaian",
            "Masa perjanjian kerja hanya untuk PPPK; kosongkan untuk PNS dan CPNS.",
        ),
        (
            dict(perjanjian_akhir="2026-01-01"),
            "status_kepegawaian",
            "masa perjanjian kerja hanya diisi bersama status kepegawaian PPPK.",
        ),
    ],
)
def test_bad_cells_reject_the_file(engine, tmp_path, changes, kolom, pesan):
    assert _rejected(engine, write_csv(tmp_path / "p.csv", _one(**changes), KOLOM)) == [KesalahanBaris(4, kolom, pesan)]
    with session_scope(engine, readonly=True) as s:
        assert s.scalar(select(Pegawai.id)) is None


def test_an_exit_the_services_refuse_rejects_the_whole_file(engine, tmp_path):
    """The staf has an activity on the exit date: the file is rejected with the row named and nothing saved,
    not even the kepala's new name in the same file."""
    _import(engine, write_csv(tmp_path / "p.csv", _one(), KOLOM))
    today = hari_ini()
    from tests.factories import add_aktivitas, build_skp

    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, today.year)
        staf = Actor.of(s.scalar(select(Pegawai).where(Pegawai.nip == _nip(3))))
        skp = build_skp(s, staf, today.year)
        add_aktivitas(s, staf, skp, today, "08:00", "09:00", aktivitas="Rapat")
    rows = _one(status="berhenti", tanggal_berhenti=today.isoformat())
    rows[0]["nama"] = "Kepala Baru"
    salah = _rejected(engine, write_csv(tmp_path / "p.csv", rows, KOLOM))
    assert [(k.baris, k.kolom) for k in salah] == [(4, "tanggal_berhenti")]
    assert salah[0].pesan.startswith("Ada 1 aktivitas harian pada atau setelah")
    assert _pegawai(engine, _nip(1)).nama == "Kepala"
    assert _pegawai(engine, _nip(3)).tanggal_berhenti is None


def test_a_contract_end_closes_the_period_on_reimport(engine, tmp_path):
    _import(engine, write_csv(tmp_path / "p.csv", _one(), KOLOM))
    today = hari_ini()
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, today.year)
        staf = Actor.of(s.scalar(select(Pegawai).where(Pegawai.nip == _nip(3))))
        pid = periode.tambah(s, staf, today.year, date(today.year, 1, 1), date(today.year, 12, 31)).id
    akhir = date(today.year, 12, 30)
    rows = _one(
        status_kepegawaian="PPPK", perjanjian_mulai=f"{today.year - 2}-01-01", perjanjian_akhir=akhir.isoformat()
    )
    hasil = _import(engine, write_csv(tmp_path / "p.csv", rows, KOLOM))
    assert (hasil.diperbarui, hasil.tidak_berubah) == (1, 2)
    with session_scope(engine, readonly=True) as s:
        assert s.get(PeriodeSKP, pid).tanggal_akhir == akhir


def test_contradicting_a_recorded_exit_is_a_row_error(engine, tmp_path):
    tanggal = hari_ini() + timedelta(days=30)
    _import(engine, write_csv(tmp_path / "p.csv", _one(status="pensiun", tanggal_berhenti=tanggal.isoformat()), KOLOM))
    tercatat = f"pegawai tercatat Pensiun sejak {kalender_teks(tanggal)}"
    assert _rejected(engine, write_csv(tmp_path / "p.csv", _one(status="aktif"), KOLOM)) == [
        KesalahanBaris(4, "status", f"{tercatat}; catat kembali bertugas di layar Pegawai dan Akun.")
    ]
    lain = _one(status="berhenti", tanggal_berhenti=tanggal.isoformat())
    assert _rejected(engine, write_csv(tmp_path / "p.csv", lain, KOLOM)) == [
        KesalahanBaris(4, "status", f"{tercatat}; batalkan dulu di layar Pegawai dan Akun untuk mengubahnya.")
    ]


def kalender_teks(tanggal: date) -> str:
    from services.platform import format as fmt

    return fmt.tanggal(tanggal)
