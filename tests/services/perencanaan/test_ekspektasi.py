"""Ekspektasi Pimpinan: the period's penilai writes per BerAKHLAK value; the pegawai reads them."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from db.models import AuditLog
from db.session import session_scope
from services.organisasi.berakhlak import BERAKHLAK
from services.perencanaan import ekspektasi
from services.perencanaan.skp_detail import detail
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import build_skp, jejak_perencanaan

TAHUN = 2026


@pytest.fixture
def skp_staf(engine, org):
    with session_scope(engine) as s:
        return build_skp(s, org.staf, TAHUN).skp_id


def test_the_seven_values_with_their_panduan_exist_from_the_start(engine, org, skp_staf):
    with session_scope(engine) as s:
        rows = detail(s, org.staf, skp_staf).perilaku
    assert [(r.nomor, r.nama, r.ekspektasi) for r in rows] == [(n.nomor, n.nama, None) for n in BERAKHLAK]
    assert rows[0].panduan == (
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif, dan dapat diandalkan",
        "Melakukan perbaikan tiada henti",
    )


def test_the_penilai_writes_and_the_pegawai_reads(engine, org, skp_staf):
    with session_scope(engine) as s:
        ekspektasi.simpan(s, org.kasubbid, skp_staf, {1: "Melayani pegawai dengan ramah", 7: " Aktif berkoordinasi "})
    with session_scope(engine) as s:
        rows = detail(s, org.staf, skp_staf).perilaku
    assert [r.ekspektasi for r in rows] == [
        "Melayani pegawai dengan ramah",
        None,
        None,
        None,
        None,
        None,
        "Aktif berkoordinasi",
    ]
    with session_scope(engine) as s:  # the same again changes nothing, an empty text clears
        ekspektasi.simpan(s, org.kasubbid, skp_staf, {1: "Melayani pegawai dengan ramah", 7: ""})
    with session_scope(engine) as s:
        audits = [
            (a.actor_nip, json.loads(a.sebelum), json.loads(a.sesudah))
            for a in s.scalars(select(AuditLog).where(AuditLog.aksi == "simpan_ekspektasi").order_by(AuditLog.id))
        ]
    assert audits == [
        (org.kasubbid.nip, {"1": None, "7": None}, {"1": "Melayani pegawai dengan ramah", "7": "Aktif berkoordinasi"}),
        (org.kasubbid.nip, {"7": "Aktif berkoordinasi"}, {"7": None}),
    ]


@pytest.mark.parametrize("who", ["staf", "kabid", "admin", "kepala"])
def test_only_the_penilai_of_the_period_writes(engine, org, skp_staf, who):
    with session_scope(engine) as s:
        before = jejak_perencanaan(s)
    with pytest.raises(AksesDitolak), session_scope(engine) as s:
        ekspektasi.simpan(s, getattr(org, who), skp_staf, {1: "Saya tulis sendiri"})
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before


def test_unknown_value_number_is_refused(engine, org, skp_staf):
    with pytest.raises(ValidationError, match="tidak dikenal: 8"), session_scope(engine) as s:
        ekspektasi.simpan(s, org.kasubbid, skp_staf, {1: "a", 8: "b"})
    with session_scope(engine) as s:
        assert detail(s, org.staf, skp_staf).perilaku[0].ekspektasi is None


def test_others_cannot_read_the_skp(engine, org, skp_staf):
    with pytest.raises(AksesDitolak), session_scope(engine) as s:
        detail(s, org.fungsional, skp_staf)
