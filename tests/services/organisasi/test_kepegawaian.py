"""PNS, CPNS, PPPK and PPPK Paruh Waktu; a PPPK's masa perjanjian kerja bounds the periods; the Monitoring's contracts
ending within 60 days (docs/domain.md §8.31), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from db.enums import StatusKepegawaian
from db.models import AuditLog, Pegawai, PeriodeSKP
from db.session import session_scope
from services.organisasi import periode, status_pegawai
from services.platform import kalender
from services.platform.errors import AksesDitolak, ValidationError

PPPK = StatusKepegawaian.PPPK
TODAY = date(2026, 5, 4)


def _kepegawaian(engine, org, pegawai_id, status, mulai=None, akhir=None, actor=None):
    with session_scope(engine) as s:
        return status_pegawai.ubah_kepegawaian(s, actor or org.admin, pegawai_id, status, mulai, akhir)


@pytest.fixture
def tahun_2026(engine):
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)


def test_a_contract_cuts_the_default_period_and_refuses_one_past_its_end(engine, org, tahun_2026):
    _kepegawaian(engine, org, org.staf.pegawai_id, PPPK, date(2025, 3, 1), date(2026, 8, 31))
    with session_scope(engine) as s:
        p = periode.tambah(s, org.staf, 2026)
        assert (p.tanggal_mulai, p.tanggal_akhir) == (date(2026, 1, 1), date(2026, 8, 31))
    with pytest.raises(ValidationError) as e, session_scope(engine) as s:
        periode.tambah(s, org.staf, 2026, date(2026, 9, 1), date(2026, 12, 31))
    assert str(e.value) == (
        "Periode SKP tidak boleh melewati akhir masa perjanjian kerja (31 Agustus 2026). "
        "Perpanjang perjanjian kerja terlebih dahulu."
    )


def test_a_contract_starting_mid_year_starts_the_default_period(engine, org, tahun_2026):
    _kepegawaian(
        engine, org, org.staf.pegawai_id, StatusKepegawaian.PPPK_PARUH_WAKTU, date(2026, 4, 1), date(2030, 3, 31)
    )
    with session_scope(engine) as s:
        p = periode.tambah(s, org.staf, 2026)
        assert (p.tanggal_mulai, p.tanggal_akhir) == (date(2026, 4, 1), date(2026, 12, 31))


def test_shortening_a_contract_closes_the_running_period(engine, org, tahun_2026):
    with session_scope(engine) as s:
        pid = periode.tambah(s, org.staf, 2026).id
    _kepegawaian(engine, org, org.staf.pegawai_id, PPPK, date(2024, 7, 1), date(2026, 6, 30))
    with session_scope(engine, readonly=True) as s:
        assert s.get(PeriodeSKP, pid).tanggal_akhir == date(2026, 6, 30)
        aksi = [a for (a,) in s.execute(select(AuditLog.aksi).order_by(AuditLog.id))][-2:]
        assert aksi == ["kontrak_tutup_periode", "ubah_status_kepegawaian"]
        p = s.get(Pegawai, org.staf.pegawai_id)
        assert (p.status_kepegawaian, p.perjanjian_mulai, p.perjanjian_akhir) == (
            PPPK,
            date(2024, 7, 1),
            date(2026, 6, 30),
        )


@pytest.mark.parametrize(
    "status,mulai,akhir,pesan",
    [
        (PPPK, None, date(2026, 12, 31), "Masa perjanjian kerja PPPK (mulai dan akhir) wajib diisi."),
        (PPPK, date(2026, 2, 1), date(2026, 1, 31), "Akhir masa perjanjian kerja tidak boleh sebelum awalnya."),
        (
            StatusKepegawaian.CPNS,
            date(2026, 1, 1),
            None,
            "Masa perjanjian kerja hanya untuk PPPK; kosongkan untuk PNS dan CPNS.",
        ),
        ("Honorer", None, None, "Pilih status kepegawaian: PNS, CPNS, PPPK atau PPPK Paruh Waktu."),
    ],
)
def test_a_status_and_contract_that_do_not_fit_are_refused(engine, org, status, mulai, akhir, pesan):
    with pytest.raises(ValidationError) as e:
        _kepegawaian(engine, org, org.staf.pegawai_id, status, mulai, akhir)
    assert str(e.value) == pesan


def test_only_an_admin_sets_the_status(engine, org):
    with pytest.raises(AksesDitolak):
        _kepegawaian(engine, org, org.staf.pegawai_id, StatusKepegawaian.CPNS, actor=org.kasubbid)


def test_contracts_ending_within_60_days(engine, org):
    """Today 4 May 2026: 3 July is 60 days ahead (listed), 4 July 61 (not); one already ended and still in
    service is listed first with a negative count; a PNS never."""
    _kepegawaian(engine, org, org.staf.pegawai_id, PPPK, date(2022, 7, 4), date(2026, 7, 3))
    _kepegawaian(engine, org, org.fungsional.pegawai_id, PPPK, date(2022, 7, 5), date(2026, 7, 4))
    _kepegawaian(
        engine, org, org.perawat.pegawai_id, StatusKepegawaian.PPPK_PARUH_WAKTU, date(2025, 1, 1), date(2026, 4, 30)
    )
    with session_scope(engine, readonly=True) as s:
        rows = status_pegawai.kontrak_berakhir(s, org.admin, TODAY)
        assert [(r.nama, r.perjanjian_akhir, r.sisa_hari) for r in rows] == [
            ("Perawat Uji", date(2026, 4, 30), -4),
            ("Staf Uji", date(2026, 7, 3), 60),
        ]
        with pytest.raises(AksesDitolak):
            status_pegawai.kontrak_berakhir(s, org.kepala, TODAY)


def test_rekap_tpp_and_dasbor_filter_by_status_kepegawaian(engine, org):
    from services.aktivitas import rekap_tpp
    from services.pimpinan import dasbor

    _kepegawaian(engine, org, org.fungsional.pegawai_id, PPPK, date(2025, 1, 1), date(2027, 12, 31))
    with session_scope(engine, readonly=True) as s:
        semua = rekap_tpp.rekap(s, org.admin, 2026, 4)
        pppk = rekap_tpp.rekap(s, org.admin, 2026, 4, status=PPPK)
        assert len(semua.rows) == 9 and [r.nama for r in pppk.rows] == ["Fungsional Uji"]
        assert rekap_tpp.rekap(s, org.admin, 2026, 4, status=StatusKepegawaian.CPNS).rows == []
        d = dasbor.dasbor(s, org.admin, org.kabupaten, 2026, 4, TODAY, PPPK)
        assert [r.nama for r in d.pegawai] == ["Fungsional Uji"]
        assert len(dasbor.dasbor(s, org.admin, org.kabupaten, 2026, 4, TODAY).pegawai) == 9
