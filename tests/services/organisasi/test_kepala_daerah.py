"""The Kepala Daerah and the Wakil (docs/domain.md §8.32): no Periode SKP, Rencana SKP or Aktivitas Harian of their
own, whoever asks for one; the admin's switch and the import's column set the flag, always with the pimpinan role
and only in a top unit; a mutasi closes their running period and opens none. On each database backend."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, time

import pytest
from sqlalchemy import func, select

from db.models import AktivitasHarian, AuditLog, Pegawai, PeriodeSKP, RencanaHasilKerja
from db.session import session_scope
from services.aktivitas import harian
from services.aktivitas.entri import AktivitasInput
from services.organisasi import kepala_daerah, periode
from services.organisasi.import_pegawai import ImportDitolak, import_file
from services.perencanaan import rencana_skp
from services.platform.access import Operator
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import build_skp

HARI_INI = date(2026, 7, 15)
TOLAK = "Kepala Daerah dan Wakil Kepala Daerah tidak membuat {}: SKP, Aktivitas Harian dan TPP"


def tandai(engine, actor, ya: bool = True) -> None:
    """The flag as data (no service): what a test of the refusals starts from."""
    with session_scope(engine) as s:
        s.get_one(Pegawai, actor.pegawai_id).is_kepala_daerah = ya


def _jumlah(engine, model, **where) -> int:
    with session_scope(engine, readonly=True) as s:
        query = select(func.count()).select_from(model)
        for kolom, nilai in where.items():
            query = query.where(getattr(model, kolom) == nilai)
        return s.scalar(query)


# --- refusals ------------------------------------------------------------------------------------


def test_no_periode_skp_for_a_kepala_daerah(engine, org):
    tandai(engine, org.bupati)
    with session_scope(engine) as s, pytest.raises(AksesDitolak, match=TOLAK.format("Periode SKP")):
        periode.tambah(s, org.bupati, 2026)
    assert _jumlah(engine, PeriodeSKP) == 0
    with session_scope(engine) as s:  # anyone else still opens one
        periode.tambah(s, org.kepala, 2026)
    assert _jumlah(engine, PeriodeSKP) == 1


def test_no_rencana_skp_even_on_a_period_from_before_the_flag(engine, org):
    with session_scope(engine) as s:  # a period made while he was not (yet) marked stays: nothing is lost
        skp_id = periode.skp_of(s, periode.tambah(s, org.bupati, 2026).id).id
    tandai(engine, org.bupati)
    with session_scope(engine) as s, pytest.raises(AksesDitolak, match=TOLAK.format("Rencana SKP")):
        rencana_skp.tambah_rhk(s, org.bupati, skp_id, "Terlaksananya rapat koordinasi", None)
    assert _jumlah(engine, RencanaHasilKerja) == 0
    assert _jumlah(engine, PeriodeSKP, pegawai_id=org.bupati.pegawai_id) == 1


def test_no_aktivitas_harian_even_with_a_ditetapkan_skp(engine, org):
    with session_scope(engine) as s:
        skp = build_skp(s, org.bupati, 2026)
    tandai(engine, org.bupati)
    data = AktivitasInput(HARI_INI, skp.rhk_ids[0], "Memimpin rapat", 1, "Kegiatan", time(8), time(9))
    with session_scope(engine) as s, pytest.raises(AksesDitolak, match=TOLAK.format("Aktivitas Harian")):
        harian.tambah(s, org.bupati, data, today=HARI_INI)
    assert _jumlah(engine, AktivitasHarian) == 0
    tandai(engine, org.bupati, False)  # the control: the same entry once unmarked is taken
    with session_scope(engine) as s:
        harian.tambah(s, org.bupati, data, today=HARI_INI)
    assert _jumlah(engine, AktivitasHarian) == 1


def test_a_mutasi_closes_the_running_period_and_opens_none(engine, org):
    with session_scope(engine) as s:
        periode.tambah(s, org.bupati, 2026)
        bupati = s.get_one(Pegawai, org.bupati.pegawai_id)
        bupati.is_kepala_daerah = True
        bupati.jabatan = "Wakil Bupati"
        hasil = periode.apply_mutasi(s, Operator("uji"), bupati, date(2026, 7, 1))
        assert hasil.dibuka is None and hasil.ditutup is not None
        rentang = s.execute(select(PeriodeSKP.tanggal_mulai, PeriodeSKP.tanggal_akhir)).all()
    assert rentang == [(date(2026, 1, 1), date(2026, 6, 30))]


# --- the admin's switch -----------------------------------------------------------------------------


def test_the_admin_marks_and_unmarks_with_the_pimpinan_role_and_an_audit_row(engine, org):
    with session_scope(engine) as s:
        s.get_one(Pegawai, org.bupati.pegawai_id).is_pimpinan = False
    with session_scope(engine) as s:
        assert kepala_daerah.cari(s, org.admin, org.bupati.nip).kepala_daerah is False
        kepala_daerah.setel(s, org.admin, org.bupati.pegawai_id, True)
    with session_scope(engine) as s:
        bupati = s.get_one(Pegawai, org.bupati.pegawai_id)
        assert (bupati.is_kepala_daerah, bupati.is_pimpinan) == (True, True)
        assert [p.nama for p in kepala_daerah.daftar(s, org.admin)] == ["Bupati Uji"]
        kepala_daerah.setel(s, org.admin, org.bupati.pegawai_id, True)  # unchanged: no second audit row
        kepala_daerah.setel(s, org.admin, org.bupati.pegawai_id, False)
    with session_scope(engine, readonly=True) as s:
        bupati = s.get_one(Pegawai, org.bupati.pegawai_id)
        assert (bupati.is_kepala_daerah, bupati.is_pimpinan) == (False, True)  # the pimpinan role stays
        rows = s.scalars(select(AuditLog).where(AuditLog.aksi == "setel_kepala_daerah").order_by(AuditLog.id)).all()
        assert [(json.loads(r.sebelum), json.loads(r.sesudah)) for r in rows] == [
            ({"is_kepala_daerah": False, "is_pimpinan": False}, {"is_kepala_daerah": True, "is_pimpinan": True}),
            ({"is_kepala_daerah": True, "is_pimpinan": True}, {"is_kepala_daerah": False, "is_pimpinan": True}),
        ]


def test_only_an_admin_and_only_in_a_top_unit(engine, org):
    with session_scope(engine) as s:
        for actor in (org.bupati, org.kepala):
            with pytest.raises(AksesDitolak, match="Hanya Admin BKPSDM"):
                kepala_daerah.setel(s, actor, org.bupati.pegawai_id, True)
            with pytest.raises(AksesDitolak):
                kepala_daerah.daftar(s, actor)
        with pytest.raises(ValidationError, match="unit kerja tertinggi"):  # Kepala BKPSDM sits in BKPSDM Uji
            kepala_daerah.setel(s, org.admin, org.kepala.pegawai_id, True)
    assert _jumlah(engine, Pegawai, is_kepala_daerah=True) == 0


# --- the import --------------------------------------------------------------------------------------


def _csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _baris(nip: str, nama: str, unit: str, induk: str, kd: str, peran: str = "") -> dict[str, str]:
    return dict(
        nip=nip,
        nama=nama,
        jabatan=nama,
        jenis_jabatan="JPT",
        unit_kerja=unit,
        unit_induk=induk,
        peran=peran,
        kepala_daerah=kd,
    )


BUPATI, WAKIL, SEKDA = "198001012000010001", "198001012000010002", "198001012000010003"


def test_the_import_sets_the_flag_and_the_pimpinan_role(engine):
    berkas = _csv(
        [
            _baris(BUPATI, "Bupati Contoh", "Pemerintah Kabupaten Contoh", "", "ya"),
            _baris(WAKIL, "Wakil Bupati Contoh", "Pemerintah Kabupaten Contoh", "", "YA", "admin"),
            _baris(SEKDA, "Sekda Contoh", "Sekretariat Daerah Contoh", "Pemerintah Kabupaten Contoh", "", "pimpinan"),
        ]
    )
    with session_scope(engine) as s:
        import_file(s, Operator("uji"), berkas, "pegawai.csv")
    with session_scope(engine, readonly=True) as s:
        flags = s.execute(select(Pegawai.nip, Pegawai.is_kepala_daerah, Pegawai.is_pimpinan, Pegawai.is_admin)).all()
    assert sorted(flags) == [(BUPATI, True, True, False), (WAKIL, True, True, True), (SEKDA, False, True, False)]
    # Re-imported with "tidak": unmarked, the pimpinan role as the file's peran says (empty: none).
    berkas = _csv([_baris(WAKIL, "Wakil Bupati Contoh", "Pemerintah Kabupaten Contoh", "", "tidak")])
    with session_scope(engine) as s:
        import_file(s, Operator("uji"), berkas, "pegawai.csv")
    with session_scope(engine, readonly=True) as s:
        wakil = s.scalar(select(Pegawai).where(Pegawai.nip == WAKIL))
        assert (wakil.is_kepala_daerah, wakil.is_pimpinan) == (False, False)


def test_the_import_refuses_a_kepala_daerah_below_the_top_and_a_bad_value(engine):
    berkas = _csv(
        [
            _baris(BUPATI, "Bupati Contoh", "Pemerintah Kabupaten Contoh", "", "ya"),
            _baris(WAKIL, "Wakil Bupati Contoh", "Sekretariat Daerah Contoh", "Pemerintah Kabupaten Contoh", "ya"),
            _baris(SEKDA, "Sekda Contoh", "Sekretariat Daerah Contoh", "", "mungkin"),
        ]
    )
    with session_scope(engine) as s, pytest.raises(ImportDitolak) as ditolak:
        import_file(s, Operator("uji"), berkas, "pegawai.csv")
    assert [(k.baris, k.kolom, k.pesan) for k in ditolak.value.kesalahan] == [
        (3, "kepala_daerah", kepala_daerah.PESAN_UNIT_TERTINGGI),
        (4, "kepala_daerah", 'isi "ya" atau "tidak".'),
    ]
    assert _jumlah(engine, Pegawai) == 0
