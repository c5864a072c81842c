"""The set-wise write of new pegawai (services/organisasi/import_baru.py, issue #17) against hand-built
expectations: the rows, TPP pokok history, audit rows in file order and accounts the per-object path wrote —
with bawahan listed before their atasan (the second pass), a Rp0 pokok (no history row), a PPPK status on a
new pegawai, and an existing pegawai moved under an atasan who is new in the same file."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select

from db.enums import StatusKepegawaian, SumberTppPokok
from db.models import Akun, AuditLog, Pegawai, TppPokokRiwayat
from db.session import session_scope
from services.platform import auth
from tests.services.organisasi.test_import_pegawai import OPERATOR, _import, _nip, write_csv
from tests.services.organisasi.test_import_status import KOLOM


def _baris(i: int, nama: str, unit: str, atasan: int | None, tpp: str, **lain: str) -> dict[str, str]:
    return dict(
        nip=_nip(i),
        nama=nama,
        jabatan=f"Jabatan {nama}",
        jenis_jabatan="Pelaksana",
        unit_kerja=unit,
        nip_atasan=_nip(atasan) if atasan is not None else "",
        tpp_pokok=tpp,
        **lain,
    )


# Bawahan first: staf (3) → kabid (2) → kepala (1), all new, so two atasan exist only after the first insert.
BERKAS = [
    _baris(
        3,
        "Staf",
        "Bidang",
        2,
        "3.000.000",
        status_kepegawaian="PPPK",
        perjanjian_mulai="01-01-2026",
        perjanjian_akhir="31-12-2030",
    ),  # fmt: skip
    _baris(2, "Kabid", "Bidang", 1, "0", unit_induk="Dinas"),
    _baris(1, "Kepala", "Dinas", None, "9000000"),
]


def _pegawai(s) -> dict[str, tuple]:
    nip_of = dict(s.execute(select(Pegawai.id, Pegawai.nip)).all())
    return {
        p.nip: (p.nama, p.unit_kerja.nama, nip_of.get(p.atasan_id), p.tpp_pokok, p.version_id)
        for p in s.scalars(select(Pegawai))
    }


def test_new_pegawai_written_set_wise_are_what_the_file_says(engine, tmp_path):
    hasil = _import(engine, write_csv(tmp_path / "a.csv", BERKAS, KOLOM))
    assert (hasil.dibuat, hasil.diperbarui, hasil.tidak_berubah) == (3, 0, 0)
    assert [k.nip for k in hasil.kredensial] == [_nip(3), _nip(2), _nip(1)]  # the file's order
    with session_scope(engine) as s:
        assert _pegawai(s) == {
            _nip(3): ("Staf", "Bidang", _nip(2), 3_000_000, 2),  # its status PPPK is a change of its own
            _nip(2): ("Kabid", "Bidang", _nip(1), 0, 1),
            _nip(1): ("Kepala", "Dinas", None, 9_000_000, 1),
        }
        id_of = dict(s.execute(select(Pegawai.nip, Pegawai.id)).all())
        staf = s.get(Pegawai, id_of[_nip(3)])
        assert (staf.status_kepegawaian, staf.perjanjian_akhir) == (StatusKepegawaian.PPPK, date(2030, 12, 31))
        riwayat = s.execute(
            select(
                TppPokokRiwayat.pegawai_id,
                TppPokokRiwayat.berlaku_mulai,
                TppPokokRiwayat.jumlah,
                TppPokokRiwayat.sumber,
                TppPokokRiwayat.keterangan,
            ).order_by(TppPokokRiwayat.id)  # fmt: skip
        ).all()
        assert riwayat == [
            (id_of[_nip(3)], date(2000, 1, 1), 3_000_000, SumberTppPokok.IMPORT, "impor pegawai"),
            (id_of[_nip(1)], date(2000, 1, 1), 9_000_000, SumberTppPokok.IMPORT, "impor pegawai"),
        ]
        jejak = [
            (a.aksi, a.entitas_id, a.operator, a.sebelum, json.loads(a.sesudah or "null"))
            for a in s.scalars(select(AuditLog).where(AuditLog.entitas == "pegawai").order_by(AuditLog.id))
        ]
        pokok = {"sumber": "import", "keterangan": "impor pegawai", "berlaku_mulai": "2000-01-01"}
        staf_id, kabid_id, kepala_id = (str(id_of[_nip(i)]) for i in (3, 2, 1))
        assert [(aksi, eid, op, sebelum) for aksi, eid, op, sebelum, _ in jejak[:5]] == [
            ("ubah_tpp_pokok", staf_id, "operator-uji", None),
            ("impor_pegawai_baru", staf_id, "operator-uji", None),
            ("impor_pegawai_baru", kabid_id, "operator-uji", None),
            ("ubah_tpp_pokok", kepala_id, "operator-uji", None),
            ("impor_pegawai_baru", kepala_id, "operator-uji", None),
        ]
        assert jejak[0][4] == {**pokok, "jumlah": 3_000_000}
        assert jejak[3][4] == {**pokok, "jumlah": 9_000_000}
        baru = {eid: sesudah for aksi, eid, _op, _s, sesudah in jejak if aksi == "impor_pegawai_baru"}
        assert {eid: (b["nip"], b["nama"], b["unit_kerja"], b["atasan"]) for eid, b in baru.items()} == {
            staf_id: (_nip(3), "Staf", "Bidang", _nip(2)),
            kabid_id: (_nip(2), "Kabid", "Bidang", _nip(1)),
            kepala_id: (_nip(1), "Kepala", "Dinas", None),
        }
        assert all("tpp_pokok" not in b for b in baru.values())
        status = [a for a in jejak if a[0] not in ("ubah_tpp_pokok", "impor_pegawai_baru")]
        assert [(aksi, eid) for aksi, eid, *_ in status] == [("ubah_status_kepegawaian", staf_id)]
        akun = {a.pegawai_id: a for a in s.scalars(select(Akun))}
        assert set(akun) == set(id_of.values())
        for k in hasil.kredensial:
            a = akun[id_of[k.nip]]
            assert (a.must_change_password, a.failed_attempts, a.locked_until) == (True, 0, None)
            assert auth.check_password(k.password, a.password_hash)
    again = _import(engine, write_csv(tmp_path / "b.csv", BERKAS, KOLOM))
    assert (again.dibuat, again.diperbarui, again.tidak_berubah, again.kredensial) == (0, 0, 3, [])


def test_an_existing_pegawai_moves_under_an_atasan_new_in_the_same_file(engine, tmp_path):
    _import(engine, write_csv(tmp_path / "a.csv", BERKAS, KOLOM))
    pindah = [
        _baris(4, "Kabid Baru", "Bidang", 1, "5000000"),
        {**BERKAS[0], "nip_atasan": _nip(4)},
        *BERKAS[1:],
    ]
    hasil = _import(engine, write_csv(tmp_path / "b.csv", pindah, KOLOM), efektif=date(2026, 3, 1))
    assert (hasil.dibuat, hasil.diperbarui, hasil.tidak_berubah) == (1, 1, 2)
    with session_scope(engine) as s:
        assert _pegawai(s)[_nip(3)][2] == _nip(4)
        assert _pegawai(s)[_nip(4)] == ("Kabid Baru", "Bidang", _nip(1), 5_000_000, 1)
        ubah = s.scalars(select(AuditLog).where(AuditLog.aksi == "impor_pegawai_ubah")).one()
        assert (json.loads(ubah.sebelum), json.loads(ubah.sesudah)) == ({"atasan": _nip(2)}, {"atasan": _nip(4)})
    assert OPERATOR.nama == "operator-uji"
