"""Setting a TPP pokok with berlaku mulai (docs/domain.md §8.26): the admin's "Ubah TPP Pokok", the bulk change
per jabatan after a preview, and the import's ``tpp_pokok_berlaku_mulai`` column with its defaults."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from db.enums import SumberTppPokok
from db.models import AuditLog, Pegawai, TppPokokRiwayat
from db.session import session_scope
from services.organisasi import tpp_pokok
from services.organisasi.import_pegawai import import_file
from services.platform.access import Operator
from services.platform.errors import AksesDitolak, KonflikData, TidakDitemukan, ValidationError
from tests.services.organisasi.test_import_pegawai import ImportDitolak, write_csv

OPERATOR = Operator("operator-uji")
HARI_INI = date(2026, 7, 15)


def _riwayat(engine, pegawai_id: int) -> list[tuple[date, int, str]]:
    with session_scope(engine, readonly=True) as s:
        r = TppPokokRiwayat
        return [
            (b, j, src.value)
            for b, j, src in s.execute(
                select(r.berlaku_mulai, r.jumlah, r.sumber).where(r.pegawai_id == pegawai_id).order_by(r.berlaku_mulai)
            )
        ]


def test_ubah_adds_a_dated_row_audits_it_and_keeps_the_mirror(engine, org):
    with session_scope(engine) as s:
        tpp_pokok.ubah(s, org.admin, org.staf.pegawai_id, 3_500_000, date(2026, 8, 1), "Perbup TPP 2026")
    assert _riwayat(engine, org.staf.pegawai_id) == [
        (tpp_pokok.AWAL, 3_000_000, "awal"),
        (date(2026, 8, 1), 3_500_000, "admin"),
    ]
    with session_scope(engine, readonly=True) as s:
        data = tpp_pokok.riwayat(s, org.admin, org.staf.nip, HARI_INI)
        assert data.tpp_pokok_hari_ini == 3_000_000  # August has not started
        assert [(r.berlaku_mulai, r.jumlah, r.keterangan) for r in data.riwayat][0] == (
            date(2026, 8, 1),
            3_500_000,
            "Perbup TPP 2026",
        )
        assert s.get(Pegawai, org.staf.pegawai_id).tpp_pokok == 3_500_000  # the latest row
        log = s.scalars(select(AuditLog).where(AuditLog.aksi == "ubah_tpp_pokok")).one()
        assert (log.entitas_id, log.actor_id) == (str(org.staf.pegawai_id), org.admin.pegawai_id)
    # The same date again changes that row, not a second one.
    with session_scope(engine) as s:
        tpp_pokok.ubah(s, org.admin, org.staf.pegawai_id, 3_400_000, date(2026, 8, 1))
    assert _riwayat(engine, org.staf.pegawai_id)[-1] == (date(2026, 8, 1), 3_400_000, "admin")


def test_ubah_refuses_what_it_must(engine, org):
    with session_scope(engine) as s:
        with pytest.raises(AksesDitolak):
            tpp_pokok.ubah(s, org.kepala, org.staf.pegawai_id, 3_500_000, date(2026, 8, 1))
        with pytest.raises(ValidationError, match="tidak boleh negatif"):
            tpp_pokok.ubah(s, org.admin, org.staf.pegawai_id, -1, date(2026, 8, 1))
        with pytest.raises(ValidationError, match="terlalu besar"):
            tpp_pokok.ubah(s, org.admin, org.staf.pegawai_id, 2**31, date(2026, 8, 1))
        with pytest.raises(ValidationError, match="rupiah bulat"):
            tpp_pokok.ubah(s, org.admin, org.staf.pegawai_id, 3_500_000.5, date(2026, 8, 1))  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="antara 01-01-2000"):
            tpp_pokok.ubah(s, org.admin, org.staf.pegawai_id, 3_500_000, date(1999, 12, 31))
        with pytest.raises(ValidationError, match="sudah Rp3.000.000"):
            tpp_pokok.ubah(s, org.admin, org.staf.pegawai_id, 3_000_000, date(2026, 8, 1))
        with pytest.raises(TidakDitemukan):
            tpp_pokok.ubah(s, org.admin, 999_999, 3_500_000, date(2026, 8, 1))
        with pytest.raises(TidakDitemukan):
            tpp_pokok.riwayat(s, org.admin, "1" * 18, HARI_INI)
        with pytest.raises(AksesDitolak):
            tpp_pokok.riwayat(s, org.staf, org.staf.nip, HARI_INI)


def test_pokok_pada_and_the_steps_of_a_range():
    langkah = [(date(2000, 1, 1), 3_000_000), (date(2026, 3, 16), 3_600_000)]
    assert tpp_pokok.pokok_pada(langkah, date(2026, 3, 15)) == 3_000_000
    assert tpp_pokok.pokok_pada(langkah, date(2026, 3, 16)) == 3_600_000
    assert tpp_pokok.pokok_pada(langkah, date(1999, 12, 31)) == 0
    assert tpp_pokok.pokok_pada([], date(2026, 3, 16)) == 0


def test_bulk_change_for_a_jabatan_after_the_preview(engine, org):
    """Exact jabatan name; optionally within a unit subtree; the confirmed count must still hold."""
    with session_scope(engine) as s:
        s.get(Pegawai, org.fungsional.pegawai_id).jabatan = "Pengelola Data"  # in Bidang Mutasi, like staf
        s.get(Pegawai, org.perawat.pegawai_id).jabatan = "Pengelola Data"  # in Dinkes
        tpp_pokok.ubah(s, org.admin, org.fungsional.pegawai_id, 3_700_000, date(2026, 8, 1))  # already the target
    with session_scope(engine, readonly=True) as s:
        semua = tpp_pokok.pratinjau_massal(s, org.admin, "  Pengelola   Data ", None)
        bkpsdm = tpp_pokok.pratinjau_massal(s, org.admin, "Pengelola Data", org.bkpsdm)
        assert tpp_pokok.pratinjau_massal(s, org.admin, "pengelola data", None).jumlah_pegawai == 0  # exact name
    assert (semua.jabatan, semua.jumlah_pegawai, semua.unit) == ("Pengelola Data", 3, None)
    assert (bkpsdm.jumlah_pegawai, bkpsdm.unit, bkpsdm.contoh) == (2, "BKPSDM Uji", ("Fungsional Uji", "Staf Uji"))
    with session_scope(engine) as s:
        with pytest.raises(KonflikData, match="berubah sejak pratinjau"):
            tpp_pokok.ubah_massal(s, org.admin, "Pengelola Data", org.bkpsdm, 3_700_000, date(2026, 8, 1), 3)
        with pytest.raises(AksesDitolak):
            tpp_pokok.pratinjau_massal(s, org.kepala, "Pengelola Data")
        with pytest.raises(ValidationError, match="Tidak ada pegawai aktif"):
            tpp_pokok.ubah_massal(s, org.admin, "Bupati Kota", None, 1, date(2026, 8, 1), 0)
    with session_scope(engine) as s:
        hasil = tpp_pokok.ubah_massal(
            s, org.admin, "Pengelola Data", org.bkpsdm, 3_700_000, date(2026, 8, 1), 2, "Perbup 12/2026"
        )
    assert (hasil.diubah, hasil.tidak_berubah) == (1, 1)
    assert _riwayat(engine, org.staf.pegawai_id)[-1] == (date(2026, 8, 1), 3_700_000, "massal")
    assert _riwayat(engine, org.perawat.pegawai_id) == [(tpp_pokok.AWAL, 3_000_000, "awal")]  # outside the unit


KOLOM = ["nip", "nama", "jabatan", "jenis_jabatan", "unit_kerja", "tpp_pokok", "tpp_pokok_berlaku_mulai"]


def _baris(i: int, tpp: str, mulai: str = "") -> dict[str, str]:
    return dict(
        nip=f"19900101201501{i:04d}",
        nama=f"Pegawai {i}",
        jabatan="Analis",
        jenis_jabatan="Fungsional",
        unit_kerja="Dinas Uji",
        tpp_pokok=tpp,
        tpp_pokok_berlaku_mulai=mulai,
    )


def _impor(engine, path, efektif=date(2026, 7, 15)):
    with session_scope(engine) as s:
        return import_file(s, OPERATOR, path, efektif=efektif)


def _id(engine, i: int) -> int:
    with session_scope(engine, readonly=True) as s:
        return s.scalar(select(Pegawai.id).where(Pegawai.nip == f"19900101201501{i:04d}"))


def test_import_dates_a_pokok_by_its_column_or_by_the_defaults(engine, tmp_path):
    """New pegawai: the column's date (ISO or dd-mm-yyyy), or since always (2000-01-01) without one. A pegawai
    already there: the column's date, or the mutasi's efektif date without one; an equal pokok changes nothing."""
    _impor(engine, write_csv(tmp_path / "a.csv", [_baris(1, "3100000"), _baris(2, "3100000", "01-03-2026")], KOLOM))
    assert _riwayat(engine, _id(engine, 1)) == [(tpp_pokok.AWAL, 3_100_000, "import")]
    assert _riwayat(engine, _id(engine, 2)) == [(date(2026, 3, 1), 3_100_000, "import")]
    hasil = _impor(
        engine,
        write_csv(tmp_path / "b.csv", [_baris(1, "3.500.000"), _baris(2, "3100000", "2026-03-01")], KOLOM),
        efektif=date(2026, 8, 1),
    )
    assert (hasil.diperbarui, hasil.tidak_berubah, hasil.mutasi) == (1, 1, 0)
    assert _riwayat(engine, _id(engine, 1)) == [
        (tpp_pokok.AWAL, 3_100_000, "import"),
        (date(2026, 8, 1), 3_500_000, "import"),
    ]
    hasil = _impor(engine, write_csv(tmp_path / "c.csv", [_baris(1, "3500000", "2026-08-01")], KOLOM))
    assert (hasil.diperbarui, hasil.tidak_berubah) == (0, 1)
    with session_scope(engine, readonly=True) as s:
        assert s.get(Pegawai, _id(engine, 1)).tpp_pokok == 3_500_000


@pytest.mark.parametrize(
    ("mulai", "pesan"),
    [
        ("31-02-2026", "tidak ada di kalender"),
        ("1 Maret 2026", "tidak dikenal"),
        ("1999-12-31", "antara 01-01-2000"),
    ],
)
def test_import_refuses_a_bad_berlaku_mulai(engine, tmp_path, mulai, pesan):
    with pytest.raises(ImportDitolak) as ditolak:
        _impor(engine, write_csv(tmp_path / "x.csv", [_baris(1, "3100000", mulai)], KOLOM))
    [kesalahan] = ditolak.value.kesalahan
    assert (kesalahan.baris, kesalahan.kolom) == (2, "tpp_pokok_berlaku_mulai") and pesan in kesalahan.pesan


def test_import_berlaku_mulai_needs_the_tpp_pokok_column(engine, tmp_path):
    kolom = [k for k in KOLOM if k != "tpp_pokok"]
    with pytest.raises(ImportDitolak, match="bersama kolom tpp_pokok"):
        _impor(engine, write_csv(tmp_path / "x.csv", [_baris(1, "", "2026-03-01")], kolom))


def test_the_sources_are_the_enum_labels():
    assert SumberTppPokok.values() == ["awal", "import", "admin", "massal"]
