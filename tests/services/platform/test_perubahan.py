"""The audited change of a row: missing rows are TidakDitemukan; add, change and delete record before →
after; a refusal raised in the middle of a change records nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from db.models import AuditLog, PolaPenugasan
from db.session import session_scope
from services.platform.errors import TidakDitemukan, ValidationError
from services.platform.perubahan import BarisTercatat

POLA = BarisTercatat(PolaPenugasan, "pola_penugasan", ("nama", "aktif"), "Pola Penugasan tidak ditemukan.")


def _jejak(s) -> list[tuple]:
    return [
        (
            a.actor_nip,
            a.aksi,
            a.entitas,
            a.entitas_id,
            a.sebelum and json.loads(a.sebelum),
            a.sesudah and json.loads(a.sesudah),
        )
        for a in s.scalars(select(AuditLog).where(AuditLog.entitas == "pola_penugasan").order_by(AuditLog.id))
    ]


def test_add_change_delete_are_recorded_before_and_after(engine, org):
    with session_scope(engine) as s:
        row = POLA.tambah(s, org.admin, "tambah_pola", PolaPenugasan(nama="Kolaboratif", aktif=True), catatan="uji")
        row_id = row.id
        with POLA.ubah(s, org.admin, "ubah_pola", POLA.ambil(s, row_id)) as pola:
            pola.aktif = False
        POLA.hapus(s, org.admin, "hapus_pola", POLA.ambil(s, row_id), alasan="tidak dipakai")
    with session_scope(engine) as s:
        assert s.get(PolaPenugasan, row_id) is None
        nip, rid = org.admin.nip, str(row_id)
        assert _jejak(s) == [
            (nip, "tambah_pola", "pola_penugasan", rid, None, {"nama": "Kolaboratif", "aktif": True, "catatan": "uji"}),
            (
                nip,
                "ubah_pola",
                "pola_penugasan",
                rid,
                {"nama": "Kolaboratif", "aktif": True},
                {"nama": "Kolaboratif", "aktif": False},
            ),
            (
                nip,
                "hapus_pola",
                "pola_penugasan",
                rid,
                {"nama": "Kolaboratif", "aktif": False, "alasan": "tidak dipakai"},
                None,
            ),
        ]


def test_a_missing_row_says_so(engine, org):
    with pytest.raises(TidakDitemukan, match="^Pola Penugasan tidak ditemukan.$"), session_scope(engine) as s:
        POLA.ambil(s, 999)


def test_a_refusal_inside_a_change_records_nothing(engine, org):
    with session_scope(engine) as s:
        row_id = POLA.tambah(s, org.admin, "tambah_pola", PolaPenugasan(nama="Mandiri", aktif=True)).id
    with session_scope(engine) as s:
        with pytest.raises(ValidationError), POLA.ubah(s, org.admin, "ubah_pola", POLA.ambil(s, row_id)):
            raise ValidationError("ditolak")
        assert [aksi for _, aksi, *_ in _jejak(s)] == ["tambah_pola"]
