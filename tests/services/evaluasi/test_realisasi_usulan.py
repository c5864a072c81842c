"""Umpan Balik's realisasi suggested from Aktivitas Harian (docs/domain.md §8.37): the month's Tervalidasi output
volumes of the indikator, for a Kuantitas indikator with no stored realisasi; the stored one always wins."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from db.enums import Aspek, StatusAktivitas
from db.models import IndikatorKinerja
from db.session import session_scope
from services.evaluasi import umpan_balik
from services.platform.kalender import hari_ini
from tests.factories import add_aktivitas, build_skp

TAHUN = hari_ini().year - 1
T, M, D = StatusAktivitas.TERVALIDASI, StatusAktivitas.MENUNGGU, StatusAktivitas.DITOLAK


def test_the_months_validated_volumes_are_the_suggestion_until_a_realisasi_is_stored(engine, org):
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, TAHUN)
        ind = skp.indikator_ids[0]
        for tanggal, mulai, status, volume, indikator in [
            (date(TAHUN, 3, 2), "08:00", T, "2", ind),
            (date(TAHUN, 3, 31), "08:00", T, "3.5", ind),
            (date(TAHUN, 3, 3), "08:00", M, "4", ind),  # still waiting: not counted
            (date(TAHUN, 3, 4), "08:00", D, "7", ind),  # rejected: not counted
            (date(TAHUN, 4, 1), "08:00", T, "10", ind),  # April
            (date(TAHUN, 3, 5), "08:00", T, "6", None),  # linked to the RHK only
        ]:
            row = add_aktivitas(s, org.staf, skp, tanggal, mulai, "09:00", status)
            row.volume, row.indikator_id = Decimal(volume), indikator
    with session_scope(engine) as s:
        rows = umpan_balik.hasil_kerja(s, org.staf, skp.skp_id, 3).rows
    assert (rows[0].realisasi, rows[0].volume_tervalidasi, rows[0].realisasi_usulan) == (
        None,
        Decimal("5.5"),
        Decimal("5.5"),
    )
    assert rows[1].realisasi_usulan is None  # the second indikator has no validated output

    with session_scope(engine) as s:  # the pegawai changes the suggestion: the stored value is shown from then on
        umpan_balik.simpan_realisasi(s, org.staf, ind, 3, "5", "Aktivitas harian", "https://contoh.go.id/b", None)
    with session_scope(engine) as s:
        assert umpan_balik.hasil_kerja(s, org.staf, skp.skp_id, 3).rows[0].realisasi_usulan == Decimal("5")
        assert umpan_balik.hasil_kerja(s, org.staf, skp.skp_id, 4).rows[0].realisasi_usulan == Decimal("10")
        s.get(IndikatorKinerja, ind).aspek = Aspek.KUALITAS  # a percentage does not add up from volumes
    with session_scope(engine) as s:
        assert umpan_balik.hasil_kerja(s, org.staf, skp.skp_id, 4).rows[0].realisasi_usulan is None
