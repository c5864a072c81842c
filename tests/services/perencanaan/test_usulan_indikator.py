"""A JPT's "Tambah Indikator" starts from the Perjanjian Kinerja (docs/domain.md §8.37): the first PK indikator of
the RHK's Sasaran Strategis that the RHK does not hold yet; nothing for an RHK not made from a PK."""

from __future__ import annotations

from decimal import Decimal

import pytest

from db.models import RencanaHasilKerja
from db.session import session_scope
from services.perencanaan import perjanjian_kinerja, rencana_skp
from services.platform.errors import AksesDitolak
from tests.factories import build_jpt_draft, build_skp

TAHUN = 2026


def test_the_next_pk_indikator_not_yet_in_the_rhk(engine, org):
    with session_scope(engine) as s:
        jpt = build_jpt_draft(s, org.kepala, TAHUN, ("Penguatan Internal",))
        rhk_id = jpt.rhk_ids[0]
        pk_id = s.get(RencanaHasilKerja, rhk_id).perjanjian_id
        perjanjian_kinerja.tambah_indikator(s, org.kepala, pk_id, "Nilai  SAKIP", 85, "Nilai")
    with session_scope(engine) as s:
        usulan = perjanjian_kinerja.usulan_indikator(s, org.kepala, rhk_id)
    assert (usulan.indikator, usulan.target, usulan.satuan) == ("Indeks Penguatan Internal", Decimal(80), "Indeks")

    with session_scope(engine) as s:
        pola = rencana_skp.daftar_pola(s)[0].id
        rencana_skp.tambah_indikator(
            s, org.kepala, rhk_id, "indeks penguatan  internal", "Kuantitas", 80, "Indeks", pola
        )
    with session_scope(engine) as s:  # the same sentence (case and spaces aside) is taken: the next one
        usulan = perjanjian_kinerja.usulan_indikator(s, org.kepala, rhk_id)
    assert (usulan.indikator, usulan.target, usulan.satuan) == ("Nilai SAKIP", Decimal(85), "Nilai")
    with session_scope(engine) as s:
        rencana_skp.tambah_indikator(s, org.kepala, rhk_id, "Nilai SAKIP", "Kuantitas", 85, "Nilai", pola)
    with session_scope(engine) as s:
        assert perjanjian_kinerja.usulan_indikator(s, org.kepala, rhk_id) is None  # all taken
        with pytest.raises(AksesDitolak):
            perjanjian_kinerja.usulan_indikator(s, org.staf, rhk_id)


def test_an_rhk_not_made_from_a_pk_has_no_suggestion(engine, org):
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, TAHUN)
        assert perjanjian_kinerja.usulan_indikator(s, org.staf, skp.rhk_ids[0]) is None
