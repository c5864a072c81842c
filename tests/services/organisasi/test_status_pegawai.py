"""Leaving service and coming back (docs/domain.md §8.31), on SQLite and PostgreSQL, with hand-worked figures.

March 2026 (docs/domain.md §4): 17 hari kerja — 2–6 and 9–13 (10 days up to the 15th), 16, 17, 25–27, 30, 31
(7 days from the 16th). The staf, pokok Rp3.100.000, works 08.00–12.00 (240 minutes, validated) on the 10 hari
kerja up to the 13th and retires from Monday 16 March (tanggal_berhenti = the first day out of service).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from db.enums import JenisBerhenti, StatusAktivitas
from db.models import AktivitasHarian, AuditLog, Pegawai, PeriodeSKP
from db.session import session_scope
from services.aktivitas import rekap_tpp
from services.aktivitas.dasar_bulan import BagianPokok
from services.evaluasi import kurva
from services.organisasi import periode, status_pegawai
from services.organisasi import struktur as organisasi
from services.pimpinan import monitoring
from services.platform import audit, kalender
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import HARI_KERJA_MARET_2026, SkpUji, add_aktivitas, build_skp, setel_tpp_pokok

PENSIUN = date(2026, 3, 16)
SESUDAH = date(2026, 4, 10)


@pytest.fixture
def maret(engine, org) -> SkpUji:
    """The staf's 2026 SKP (Ditetapkan, whole year) and 10 × 240 validated minutes, 2–13 March."""
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        setel_tpp_pokok(s, org.staf.pegawai_id, 3_100_000)
        skp = build_skp(s, org.staf, 2026)
        for day in HARI_KERJA_MARET_2026[:10]:
            add_aktivitas(s, org.staf, skp, day, "08:00", "12:00", StatusAktivitas.TERVALIDASI)
        return skp


def _berhenti(engine, org, jenis=JenisBerhenti.PENSIUN, tanggal=PENSIUN, today=SESUDAH) -> None:
    with session_scope(engine) as s:
        status_pegawai.berhentikan(s, org.admin, org.staf.pegawai_id, jenis, tanggal, today)


def test_retirement_mid_month_closes_the_period_and_prorates_the_rekap_tpp(engine, org, maret):
    """Capaian over the 10 days in service: 2,400 of 10 × 300 = 3,000 minutes = 80.00 %. The pokok is spread over
    all 17 hari kerja, the 7 from the 16th at Rp0: Σ pokok × hk = 10 × 3,100,000 = 31,000,000; ÷ 17 =
    1,823,529.41… → shown Rp1.823.529. TPP = 60 % × 31,000,000/17 × 2,400/3,000 = 14,880,000/17 =
    875,294.12 → Rp875.294 (⌊(2·60·31,000,000·2,400 + 100·17·3,000) ÷ (200·17·3,000)⌋ = ⌊875,294.62⌋)."""
    _berhenti(engine, org)
    with session_scope(engine, readonly=True) as s:
        p = s.get(Pegawai, org.staf.pegawai_id)
        assert (p.aktif, p.tanggal_berhenti, p.jenis_berhenti) == (False, PENSIUN, JenisBerhenti.PENSIUN)
        assert s.get(PeriodeSKP, maret.periode_id).tanggal_akhir == date(2026, 3, 15)
        data = rekap_tpp.rekap(s, org.admin, 2026, 3)
        row = next(r for r in data.rows if r.pegawai_id == org.staf.pegawai_id)
        assert (row.hari_kerja, row.menit_efektif, row.capaian_persen) == (10, 3_000, Decimal("80.00"))
        assert (row.tpp_pokok, row.tpp_produktivitas) == (1_823_529, 875_294)
        assert row.rincian_pokok == (
            BagianPokok(date(2026, 3, 1), date(2026, 3, 15), 3_100_000, 10),
            BagianPokok(PENSIUN, date(2026, 3, 31), 0, 7),
        )
        # April: out of the Rekap; February: the whole month as before.
        assert org.staf.pegawai_id not in {r.pegawai_id for r in rekap_tpp.rekap(s, org.admin, 2026, 4).rows}
        februari = rekap_tpp.rekap(s, org.admin, 2026, 2).rows
        assert next(r for r in februari if r.pegawai_id == org.staf.pegawai_id).tpp_pokok == 3_100_000
        aksi = [a for (a,) in s.execute(select(AuditLog.aksi).order_by(AuditLog.id))]
        assert aksi[-2:] == ["berhenti_tutup_periode", "berhentikan_pegawai"]


def test_who_left_leaves_the_bawahan_list_and_the_monitoring(engine, org, maret):
    with session_scope(engine, readonly=True) as s:
        assert [p.nama for p in organisasi.bawahan_of(s, org.kasubbid.pegawai_id, SESUDAH)] == ["Staf Uji"]
    _berhenti(engine, org)
    with session_scope(engine, readonly=True) as s:
        assert organisasi.bawahan_of(s, org.kasubbid.pegawai_id, SESUDAH) == []
        nips = {r.nip for r in monitoring.pantau(s, org.admin, org.kabupaten, SESUDAH)}
        assert org.staf.nip not in nips and org.kasubbid.nip in nips


def test_activities_on_or_after_the_date_are_named_and_nothing_changes(engine, org, maret):
    with pytest.raises(ValidationError) as e:
        _berhenti(engine, org, tanggal=date(2026, 3, 12))
    assert str(e.value) == (
        "Ada 2 aktivitas harian pada atau setelah 12 Maret 2026: 12 Maret 2026 — Menyusun laporan; 13 Maret 2026 — "
        "Menyusun laporan. Hapus aktivitas itu (atau pilih tanggal lain) terlebih dahulu."
    )
    with session_scope(engine, readonly=True) as s:
        assert s.get(Pegawai, org.staf.pegawai_id).tanggal_berhenti is None
        assert s.get(PeriodeSKP, maret.periode_id).tanggal_akhir == date(2026, 12, 31)


def test_a_later_period_is_removed_when_unused_and_refused_when_it_holds_work(engine, org):
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        periode.tambah(s, org.staf, 2026, date(2026, 1, 1), date(2026, 6, 30))
        later = periode.tambah(s, org.staf, 2026, date(2026, 7, 1), date(2026, 12, 31)).id
    _berhenti(engine, org, tanggal=date(2026, 4, 1), today=date(2026, 3, 20))
    with session_scope(engine, readonly=True) as s:
        assert s.get(PeriodeSKP, later) is None
        rentang = [(p.tanggal_mulai, p.tanggal_akhir) for p in s.scalars(select(PeriodeSKP))]
        assert rentang == [(date(2026, 1, 1), date(2026, 3, 31))]


def test_a_later_period_with_work_refuses(engine, org):
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        periode.tambah(s, org.staf, 2026, date(2026, 1, 1), date(2026, 6, 30))
        later = periode.tambah(s, org.staf, 2026, date(2026, 7, 1), date(2026, 12, 31))
        periode.skp_of(s, later.id).status = periode.StatusSKP.DIAJUKAN
    with pytest.raises(ValidationError, match=r"^Periode 1 Juli 2026 s.d. 31 Desember 2026 tidak dapat dihapus karena"):
        _berhenti(engine, org, tanggal=date(2026, 4, 1), today=date(2026, 3, 20))


def test_a_date_ahead_takes_effect_on_its_day(engine, org, maret):
    """Known ahead: in service (and aktif) until 16 March; on that day reads already leave the pegawai out, and
    terapkan_jatuh_tempo switches aktif off once (idempotent)."""
    _berhenti(engine, org, today=date(2026, 3, 14))
    with session_scope(engine) as s:
        p = s.get(Pegawai, org.staf.pegawai_id)
        assert p.aktif and p.bertugas_pada(date(2026, 3, 15)) and not p.bertugas_pada(PENSIUN)
        assert len(organisasi.bawahan_of(s, org.kasubbid.pegawai_id, PENSIUN)) == 0
        assert status_pegawai.terapkan_jatuh_tempo(s, date(2026, 3, 15)) == 0
        assert status_pegawai.terapkan_jatuh_tempo(s, PENSIUN) == 1
    with session_scope(engine) as s:
        assert s.get(Pegawai, org.staf.pegawai_id).aktif is False
        assert status_pegawai.terapkan_jatuh_tempo(s, PENSIUN) == 0


def test_only_an_admin_and_not_oneself_nor_twice(engine, org, maret):
    with pytest.raises(AksesDitolak), session_scope(engine) as s:
        status_pegawai.berhentikan(s, org.kasubbid, org.staf.pegawai_id, JenisBerhenti.BERHENTI, PENSIUN, SESUDAH)
    with pytest.raises(ValidationError, match="akun Anda sendiri"), session_scope(engine) as s:
        status_pegawai.berhentikan(s, org.admin, org.admin.pegawai_id, JenisBerhenti.BERHENTI, PENSIUN, SESUDAH)
    _berhenti(engine, org)
    with pytest.raises(ValidationError, match="^Staf Uji sudah tercatat Pensiun sejak 16 Maret 2026"):
        _berhenti(engine, org)


def test_cltn_return_opens_a_new_period_from_the_return_date(engine, org, maret):
    """CLTN from 16 March, back on 1 September: the period ran to 15 March; a new one opens 1 Sep – 31 Dec."""
    _berhenti(engine, org, JenisBerhenti.CLTN)
    with session_scope(engine) as s:
        status_pegawai.aktifkan_kembali(s, org.admin, org.staf.pegawai_id, date(2026, 9, 1), date(2026, 9, 1))
    with session_scope(engine, readonly=True) as s:
        p = s.get(Pegawai, org.staf.pegawai_id)
        assert (p.aktif, p.tanggal_berhenti, p.jenis_berhenti) == (True, None, None)
        rentang = [
            (r.tanggal_mulai, r.tanggal_akhir) for r in s.scalars(select(PeriodeSKP).order_by(PeriodeSKP.tanggal_mulai))
        ]
        assert rentang == [(date(2026, 1, 1), date(2026, 3, 15)), (date(2026, 9, 1), date(2026, 12, 31))]


def test_undo_on_the_exit_date_lets_the_closed_period_go_on(engine, org, maret):
    _berhenti(engine, org, today=date(2026, 3, 14))
    with session_scope(engine) as s:
        status_pegawai.aktifkan_kembali(s, org.admin, org.staf.pegawai_id, PENSIUN, date(2026, 3, 14))
    with session_scope(engine, readonly=True) as s:
        assert s.get(PeriodeSKP, maret.periode_id).tanggal_akhir == date(2026, 12, 31)
        assert s.scalar(select(PeriodeSKP.id).where(PeriodeSKP.id != maret.periode_id)) is None


def test_return_date_outside_the_absence_is_refused(engine, org, maret):
    _berhenti(engine, org, JenisBerhenti.DIBERHENTIKAN_SEMENTARA)
    with pytest.raises(ValidationError, match="^Tanggal kembali bertugas harus antara 16 Maret 2026 dan 10 April"):
        with session_scope(engine) as s:
            status_pegawai.aktifkan_kembali(s, org.admin, org.staf.pegawai_id, date(2026, 3, 1), SESUDAH)


def test_a_read_only_actor_is_refused_every_write(engine, org):
    from dataclasses import replace

    pensiunan = replace(org.staf, hanya_baca=True)
    with pytest.raises(AksesDitolak, match="^Akun pensiun hanya dapat membaca"), session_scope(engine) as s:
        periode.tambah(s, pensiunan, 2026)
    with session_scope(engine, readonly=True) as s:
        assert s.scalar(select(PeriodeSKP.id)) is None
        assert audit.HANYA_BACA.startswith("Akun pensiun")


def test_the_kurva_of_later_periods_leaves_out_who_left(engine, org, maret):
    """A Final evaluation of TW II for the staf (written directly): counted while in service, not once the staf
    left on or before 1 April (the first day of TW II); TW I still counts the March retiree."""
    from db.enums import PredikatPegawai, StatusEvaluasi
    from db.models import EvaluasiKinerja

    with session_scope(engine) as s:
        for kode in ("TW1", "TW2"):
            s.add(
                EvaluasiKinerja(
                    skp_id=maret.skp_id,
                    periode_evaluasi=kode,
                    status=StatusEvaluasi.FINAL,
                    predikat=PredikatPegawai.BAIK,
                )
            )
    with session_scope(engine, readonly=True) as s:
        assert kurva.jumlah_predikat(s, org.bidang, 2026, "TW2")[PredikatPegawai.BAIK] == 1
    with session_scope(engine) as s:
        s.execute(select(AktivitasHarian))  # the exit below needs no activities from April
        status_pegawai.berhentikan(s, org.admin, org.staf.pegawai_id, JenisBerhenti.PENSIUN, date(2026, 4, 1), SESUDAH)
    with session_scope(engine, readonly=True) as s:
        assert kurva.jumlah_predikat(s, org.bidang, 2026, "TW2")[PredikatPegawai.BAIK] == 0
        assert kurva.jumlah_predikat(s, org.bidang, 2026, "TW1")[PredikatPegawai.BAIK] == 1
