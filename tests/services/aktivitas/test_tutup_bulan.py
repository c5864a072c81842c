"""Tutup Bulan (docs/domain.md §8.27): after the closing day the admin freezes a month; every reader (capaian,
Rekap TPP, Cetak, Dasbor) then shows the snapshot and says who closed it; entry and validation stay closed even
through Buka Bulan; reopening needs a reason; closing again makes version 2 and keeps version 1 with the selisih.
On each database backend. "Today" is the suite's 15 July 2026 unless a test says otherwise."""

from __future__ import annotations

import io
from datetime import date, time
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from db.enums import StatusAktivitas
from db.models import AktivitasHarian, ArsipBulan, AuditLog, TutupBulan
from db.session import session_scope
from services.aktivitas import arsip_bulan, capaian, dokumen_capaian, harian, rekap_tpp, tutup_bulan, validasi
from services.aktivitas.harian import AktivitasInput
from services.organisasi import referensi
from services.pimpinan import dasbor
from services.platform import settings
from services.platform.access import Operator
from services.platform.errors import AksesDitolak, KonflikData, TidakDitemukan, ValidationError
from tests.factories import build_maret_2026
from tests.services.aktivitas.test_dokumen_capaian import pdf_text


@pytest.fixture
def maret(engine, org):
    """DOMAIN §4's March 2026 for staf: 17 hari kerja, 4,080 of 5,100 minutes validated, pokok Rp3.100.000."""
    with session_scope(engine) as s:
        return build_maret_2026(s, org.staf)


def _staf(engine, org, tahun=2026, bulan=3):
    with session_scope(engine, readonly=True) as s:
        return capaian.capaian_pegawai(s, org.admin, org.staf.pegawai_id, tahun, bulan)


def test_close_freezes_the_march_example_with_who_and_where(engine, org, maret):
    tutup = tutup_bulan.tutup(engine, org.admin, 2026, 3)
    assert (tutup.versi, tutup.ditutup_oleh) == (1, "Admin Uji")
    assert tutup.keterangan.startswith("Bulan ditutup pada 15 Juli 2026 ") and tutup.keterangan.endswith(
        " WIB oleh Admin Uji"
    )
    with session_scope(engine, readonly=True) as s:
        row = s.scalars(select(ArsipBulan).where(ArsipBulan.pegawai_id == org.staf.pegawai_id)).one()
        assert s.scalar(select(func.count()).select_from(ArsipBulan)) == 9  # every active pegawai
        audit_row = s.scalars(select(AuditLog).where(AuditLog.aksi == "tutup_bulan")).one()
        tb = s.get_one(TutupBulan, tutup.id)
        assert (tb.menit_per_hari, tb.bobot_produktivitas_persen) == (300, 60)
    # 17 hari kerja × 300 = 5,100; 4,080 validated → 80.00 %; 60 % × 3,100,000 × 0.8 = Rp1.488.000.
    assert (row.hari_kerja, row.menit_efektif, row.menit_tervalidasi, row.menit_menunggu) == (17, 5100, 4080, 600)
    assert (row.capaian_persen, row.tpp_pokok, row.tpp_produktivitas) == (Decimal("80.00"), 3_100_000, 1_488_000)
    assert (row.jabatan, row.unit_kerja, row.unit_induk) == ("Pengelola Data", "Bidang Mutasi Uji", "BKPSDM Uji")
    assert (row.atasan_nip, row.atasan_nama) == (org.kasubbid.nip, "Kasubbid Uji")
    assert '"versi": 1' in audit_row.sesudah and '"jumlah_tpp_produktivitas": 1488000' in audit_row.sesudah


def test_only_after_the_closing_day_and_only_once(engine, org, maret):
    with session_scope(engine, readonly=True) as s:
        # Month M closes after day 5 of M+1: 5 April is still the last entry day.
        with pytest.raises(ValidationError, match="masih terbuka sampai 5 April 2026.*mulai 6 April 2026"):
            tutup_bulan.hitung(s, org.admin, 2026, 3, today=date(2026, 4, 5))
        assert tutup_bulan.hitung(s, org.admin, 2026, 3, today=date(2026, 4, 6)).versi == 1
        with pytest.raises(ValidationError, match="Juli 2026 belum dapat ditutup"):
            tutup_bulan.hitung(s, org.admin, 2026, 7)
        with pytest.raises(AksesDitolak):
            tutup_bulan.hitung(s, org.kepala, 2026, 3)
    tutup_bulan.tutup(engine, org.admin, 2026, 3)
    with pytest.raises(ValidationError, match="Bulan ditutup pada .* oleh Admin Uji \\(versi 1\\)"):
        tutup_bulan.tutup(engine, org.admin, 2026, 3)


def test_a_close_computed_before_another_close_is_refused(engine, org, maret):
    with session_scope(engine, readonly=True) as s:
        rencana = tutup_bulan.hitung(s, org.admin, 2026, 3)
    tutup_bulan.tutup(engine, org.admin, 2026, 3)
    with pytest.raises(KonflikData), session_scope(engine) as s:
        tutup_bulan.simpan(s, org.admin, rencana)


def test_readers_show_the_snapshot_and_who_closed(engine, org, maret):
    tutup_bulan.tutup(engine, Operator("budi"), 2026, 3)
    with session_scope(engine) as s:  # a later change of the bobot: 50 % would give Rp1.240.000
        settings.setel(s, org.admin, "bobot_produktivitas_persen", 50)
    with session_scope(engine, readonly=True) as s:
        data = rekap_tpp.rekap(s, org.admin, 2026, 3)
        pdf = " ".join(pdf_text(dokumen_capaian.cetak(s, org.staf, org.staf.pegawai_id, 2026, 3)).split())
        d = dasbor.dasbor(s, org.admin, org.kabupaten, 2026, 3, date(2026, 7, 15))
        juni = capaian.capaian_pegawai(s, org.staf, org.staf.pegawai_id, 2026, 6)
    staf = next(r for r in data.rows if r.nip == org.staf.nip)
    assert staf.tpp_produktivitas == 1_488_000 and data.total_tpp_produktivitas == 1_488_000
    assert data.keterangan is not None and data.keterangan.endswith("oleh Operator budi")
    assert load_workbook(io.BytesIO(rekap_tpp.xlsx_bytes(data))).active["A2"].value == data.keterangan
    assert "Bulan ditutup pada" in pdf and "oleh Operator budi (versi 1)" in pdf
    assert "Rp1.488.000" in pdf and "(60% × TPP pokok × capaian)" in pdf and "(17 × 300 menit)" in pdf
    assert next(r for r in d.pegawai if r.nip == org.staf.nip).tpp_produktivitas == 1_488_000
    # June stays open and computed: 22 weekdays less 1 June (Hari Lahir Pancasila) and 16 June (Tahun Baru Islam).
    assert juni.tpp_produktivitas == 0 and juni.hari_kerja == 20


def test_entry_and_validation_stay_closed_even_through_buka_bulan(engine, org, maret):
    tutup_bulan.tutup(engine, org.admin, 2026, 3)
    with session_scope(engine) as s:
        referensi.buka_bulan(s, org.admin, 2026, 3, date(2026, 7, 31), "Koreksi")
        menunggu = s.scalars(select(AktivitasHarian.id).where(AktivitasHarian.status == StatusAktivitas.MENUNGGU)).all()
    data = AktivitasInput(date(2026, 3, 2), maret.rhk_ids[0], "Rapat", 1, "Kegiatan", time(13, 0), time(14, 0))
    with (
        pytest.raises(ValidationError, match="Entri aktivitas bulan Maret 2026 tidak dapat.*Tutup Bulan"),
        session_scope(engine) as s,
    ):
        harian.tambah(s, org.staf, data)
    with pytest.raises(ValidationError, match="Validasi aktivitas bulan Maret 2026"), session_scope(engine) as s:
        validasi.validasi_semua(s, org.kasubbid, list(menunggu))
    # Buka Tutup Bulan: the reopening of entry (Buka Bulan, until 31 July) now applies again.
    with session_scope(engine) as s:
        tutup_bulan.buka(s, org.admin, 2026, 3, "Koreksi validasi 30 dan 31 Maret")
    with session_scope(engine) as s:
        assert validasi.validasi_semua(s, org.kasubbid, list(menunggu)) == 2


def test_reopen_with_reason_then_version_2_keeps_version_1_and_the_selisih(engine, org, maret):
    tutup_bulan.tutup(engine, org.admin, 2026, 3)
    with session_scope(engine) as s:
        with pytest.raises(ValidationError, match="Alasan membuka Tutup Bulan wajib diisi"):
            tutup_bulan.buka(s, org.admin, 2026, 3, "  ")
        with pytest.raises(AksesDitolak):
            tutup_bulan.buka(s, org.kepala, 2026, 3, "Koreksi")
        with pytest.raises(TidakDitemukan):
            tutup_bulan.buka(s, org.admin, 2026, 4, "Koreksi")
        dibuka = tutup_bulan.buka(s, org.admin, 2026, 3, "Koreksi validasi 30 dan 31 Maret")
        referensi.buka_bulan(s, org.admin, 2026, 3, date(2026, 7, 31), "Koreksi", nip=org.staf.nip)
    assert (dibuka.ditutup, dibuka.dibuka_oleh, dibuka.alasan_buka) == (
        False,
        "Admin Uji",
        "Koreksi validasi 30 dan 31 Maret",
    )
    with session_scope(engine) as s:
        assert arsip_bulan.penutupan(s, 2026, 3) is None  # open: computed again
        ids = s.scalars(select(AktivitasHarian.id).where(AktivitasHarian.status == StatusAktivitas.MENUNGGU)).all()
        validasi.validasi_semua(s, org.kasubbid, list(ids))
    kedua = tutup_bulan.tutup(engine, org.admin, 2026, 3)
    with session_scope(engine, readonly=True) as s:
        st = tutup_bulan.status(s, org.admin, 2026, 3)
        v1 = {b.nip: b for b in tutup_bulan.baris_versi(s, st.versi[1])}
        audit_buka = s.scalars(select(AuditLog).where(AuditLog.aksi == "buka_tutup_bulan")).one()
    assert kedua.versi == 2 and [v.versi for v in st.versi] == [2, 1] and st.penutupan == kedua
    assert not st.boleh_tutup and "Koreksi validasi" in audit_buka.sesudah
    assert v1[org.staf.nip].tpp_produktivitas == 1_488_000  # version 1 unchanged
    # Version 2: 4,080 + 600 = 4,680 validated of 5,100 → 60 % × 3,100,000 × 4,680/5,100 = 1,706,823.53
    # → Rp1.706.824; selisih 1,706,824 − 1,488,000 = Rp218.824. Nobody else changed.
    assert [(x.nip, x.tpp_sebelumnya, x.tpp_sekarang, x.selisih) for x in st.selisih] == [
        (org.staf.nip, 1_488_000, 1_706_824, 218_824)
    ]
    assert _staf(engine, org).tpp_produktivitas == 1_706_824


def test_status_warns_while_the_calendar_is_unconfirmed(engine, org):
    with session_scope(engine, readonly=True) as s:
        st = tutup_bulan.status(s, org.admin, 2026, 6)
    assert st.boleh_tutup and st.penutupan is None and st.versi == () and st.batas == date(2026, 7, 5)
    assert st.peringatan_kalender == "Kalender 2026 belum dikonfirmasi"


def test_a_pegawai_who_joined_after_the_close_sees_zeros_not_an_error(engine, org, maret):
    from db.enums import JenisJabatan
    from services.platform.access import Actor
    from tests.factories import make_pegawai

    tutup_bulan.tutup(engine, org.admin, 2026, 3)
    with session_scope(engine) as s:
        baru = Actor.of(make_pegawai(s, "Baru Uji", "Pengelola Data", JenisJabatan.PELAKSANA, org.bidang))
    with session_scope(engine, readonly=True) as s:
        hasil = capaian.capaian_pegawai(s, baru, baru.pegawai_id, 2026, 3)
        data = rekap_tpp.rekap(s, org.admin, 2026, 3)
    assert (hasil.nama, hasil.hari_kerja, hasil.capaian_persen, hasil.tpp_produktivitas) == (
        "Baru Uji",
        0,
        Decimal("0.00"),
        0,
    )
    assert len(data.rows) == 9  # the closed month's list stays the nine pegawai of the close
