"""Issue #14's "Done when": across a mutasi, a Plh range and a retirement inside one month (March 2026), no activity
is orphaned, no working day is lost, no one validates outside their right, and the month's Rekap TPP equals a
hand-worked total.

March 2026 has 17 hari kerja (2–6, 9–13, 16, 17, 25–27, 30, 31; 18–24 are Nyepi, Idul Fitri and cuti bersama):
menit efektif of a whole month 17 × 300 = 5,100. Bobot produktivitas 60 %.

* **Staf** (pokok Rp3.000.000) logs 08.00–12.00 (240 menit) every hari kerja. His atasan is kasubbid until a
  mutasi to kabid from 16 March: the rows of 2–13 March are kasubbid's to validate (he does so after the mutasi);
  the row of 16 March, entered before the mutasi, moves to the new period; the rest is entered on the new draft
  SKP and validated by kabid once he ditetapkan it. v = 17 × 240 = 4,080 of 5,100 → 80.00 %;
  TPP = 60 % × 3,000,000 × 4,080 ÷ 5,100 = **Rp1.440.000**.
* **Fungsional** (pokok Rp2.500.000, atasan kabid) logs 08.00–11.00 (180) on the 10 hari kerja 2–13 March.
  Kabid is away 9–13 March; kasubbid is his Plh by SK for those days: on 12 March kasubbid validates the rows of
  9–13 March; on 16 March his right has ended and kabid validates 2–6 March. v = 1,800 of 5,100 → 35.29 %;
  TPP = ⌊(2·60·(2,500,000·17)·1,800 + 100·17·5,100) ÷ (200·17·5,100)⌋ = ⌊529,412.26⌋ = **Rp529.412**.
* **Perawat** (pokok Rp2.000.000, atasan kadinkes) retires: pensiun from 26 March (the first day out of service).
  In service 13 hari kerja (2–17 and 25 March), each logged 08.00–12.00: v = 3,120, e = 13 × 300 = 3,900 →
  80.00 %; the 4 hari kerja from 26 March count at Rp0: TPP = 60 % × 2,000,000 × 13⁄17 × 80 % =
  ⌊(2·60·(2,000,000·13)·3,120 + 100·17·3,900) ÷ (200·17·3,900)⌋ = ⌊734,118.15⌋ = **Rp734.118**.

Rekap TPP of March: 1,440,000 + 529,412 + 734,118 = **Rp2.703.530** (nobody else has a pokok)."""

from __future__ import annotations

import json
from datetime import date, time

import pytest
from sqlalchemy import select

from db.enums import JenisBerhenti, JenisPenugasan, StatusAktivitas, StatusSKP
from db.models import AktivitasHarian, AuditLog, Pegawai, PeriodeSKP
from db.session import session_scope
from services.aktivitas import harian, rekap_tpp, validasi
from services.aktivitas.entri import AktivitasInput
from services.organisasi import periode as periode_service
from services.organisasi import plt, status_pegawai
from services.perencanaan import penetapan, rencana_skp, target_bulanan
from services.platform import kalender
from services.platform.errors import AksesDitolak
from tests.factories import HARI_KERJA_MARET_2026, add_aktivitas, build_skp, setel_tpp_pokok

M, T = StatusAktivitas.MENUNGGU, StatusAktivitas.TERVALIDASI
MUTASI, PENSIUN = date(2026, 3, 16), date(2026, 3, 26)
PLH_MULAI, PLH_AKHIR = date(2026, 3, 9), date(2026, 3, 13)
SEBELUM_MUTASI = [d for d in HARI_KERJA_MARET_2026 if d < MUTASI]  # 10 days
SESUDAH_MUTASI = [d for d in HARI_KERJA_MARET_2026 if d >= MUTASI]  # 7 days


def _ids(s, pegawai_id: int, dari: date, sampai: date) -> list[int]:
    return list(
        s.scalars(
            select(AktivitasHarian.id).where(
                AktivitasHarian.pegawai_id == pegawai_id,
                AktivitasHarian.tanggal >= dari,
                AktivitasHarian.tanggal <= sampai,
            )
        )
    )


@pytest.fixture
def bulan(engine, org):
    """The month as the people in it live it, each step in its own transaction."""
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        for who, pokok in (("staf", 3_000_000), ("fungsional", 2_500_000), ("perawat", 2_000_000)):
            setel_tpp_pokok(s, getattr(org, who).pegawai_id, pokok)
        skp_kabid = build_skp(s, org.kabid, 2026)
        skp_staf = build_skp(s, org.staf, 2026)
        skp_fungsional = build_skp(s, org.fungsional, 2026)
        skp_perawat = build_skp(s, org.perawat, 2026)
        for hari in SEBELUM_MUTASI:
            add_aktivitas(s, org.staf, skp_staf, hari, "08:00", "12:00", M)
            add_aktivitas(s, org.fungsional, skp_fungsional, hari, "08:00", "11:00", M)
        add_aktivitas(s, org.staf, skp_staf, MUTASI, "08:00", "12:00", M)  # logged before the mutasi is recorded
        for hari in [d for d in HARI_KERJA_MARET_2026 if d < PENSIUN]:
            add_aktivitas(s, org.perawat, skp_perawat, hari, "08:00", "12:00", T)
        plt.tambah(
            s,
            org.admin,
            plt.PenugasanInput(
                org.kasubbid.pegawai_id,
                JenisPenugasan.PLH,
                org.kabid.pegawai_id,
                None,
                PLH_MULAI,
                PLH_AKHIR,
                "SK/7/2026",
            ),
            date(2026, 3, 6),
        )
    with session_scope(engine) as s:  # 12 March: the Plh validates the fungsional's days of his range
        rentang = _ids(s, org.fungsional.pegawai_id, PLH_MULAI, PLH_AKHIR)
        assert validasi.validasi_semua(s, org.kasubbid, rentang, date(2026, 3, 12)) == 5
    with session_scope(engine) as s:  # the mutasi, recorded by the admin with efektif 16 March
        staf = s.get_one(Pegawai, org.staf.pegawai_id)
        staf.atasan_id = org.kabid.pegawai_id
        s.flush()
        periode_service.apply_mutasi(s, org.admin, staf, MUTASI)
    with session_scope(engine) as s:  # 16 March: kabid is back; his own bawahan's first week is his again
        lama = _ids(s, org.fungsional.pegawai_id, date(2026, 3, 2), date(2026, 3, 6))
        with pytest.raises(AksesDitolak):
            validasi.validasi_semua(s, org.kasubbid, lama, MUTASI)  # the Plh's right ended on 13 March
    with session_scope(engine) as s:
        assert validasi.validasi_semua(s, org.kabid, lama, MUTASI) == 5
    with session_scope(engine) as s:  # kasubbid validates what is still his: staf's old period
        lama_staf = _ids(s, org.staf.pegawai_id, date(2026, 3, 2), PLH_AKHIR)
        assert validasi.validasi_semua(s, org.kasubbid, lama_staf, date(2026, 3, 17)) == 10
    with session_scope(engine) as s:  # staf writes his new draft SKP and keeps logging on it
        baru = periode_service.periode_on(s, org.staf.pegawai_id, MUTASI)
        skp_baru = periode_service.skp_of(s, baru.id)
        rencana_skp.pastikan_pola_default(s)
        rhk = rencana_skp.tambah_rhk(s, org.staf, skp_baru.id, "Terkelolanya data mutasi", skp_kabid.rhk_ids[0])
        iki = rencana_skp.tambah_indikator(
            s, org.staf, rhk.id, "Jumlah berkas mutasi", "Kuantitas", 10, "Berkas", rencana_skp.daftar_pola(s)[0].id
        )
        target_bulanan.simpan(s, org.staf, iki.id, target_bulanan.usulan(iki.target, iki.aspek, list(range(3, 13))))
        [pindah] = _ids(s, org.staf.pegawai_id, MUTASI, MUTASI)
        row = s.get_one(AktivitasHarian, pindah)
        data = AktivitasInput(
            row.tanggal,
            rhk.id,
            row.aktivitas,
            row.volume,
            row.satuan,
            row.jam_mulai,
            row.jam_selesai,
            None,
            row.periode_id,
        )
        harian.ubah(s, org.staf, pindah, data, date(2026, 3, 17), version=row.version_id)
        for hari in SESUDAH_MUTASI[1:]:
            harian.tambah(
                s, org.staf, AktivitasInput(hari, rhk.id, "Verifikasi berkas", 1, "Berkas", time(8), time(12)), hari
            )
        penetapan.ajukan_draft(s, org.staf, skp_baru.id)
    with session_scope(engine) as s:
        penetapan.proses_penetapan(s, org.kabid, skp_baru.id, penetapan.Aksi.TETAPKAN.value, None)
    with session_scope(engine) as s:
        baru_staf = _ids(s, org.staf.pegawai_id, MUTASI, date(2026, 3, 31))
        assert validasi.validasi_semua(s, org.kabid, baru_staf, date(2026, 3, 31)) == 7
    with session_scope(engine) as s:  # the perawat retires from 26 March, recorded on the 27th
        status_pegawai.berhentikan(
            s, org.admin, org.perawat.pegawai_id, JenisBerhenti.PENSIUN, PENSIUN, date(2026, 3, 27)
        )
        return skp_baru.id


def test_nothing_orphaned_no_day_lost_and_the_rekap_is_the_hand_worked_total(engine, org, bulan):
    with session_scope(engine, readonly=True) as s:
        # No orphan: every activity of the month lies in the period of its date, has its RHK, and is validated.
        for a, p in s.execute(
            select(AktivitasHarian, PeriodeSKP).join(PeriodeSKP, PeriodeSKP.id == AktivitasHarian.periode_id)
        ):
            assert p.pegawai_id == a.pegawai_id and p.tanggal_mulai <= a.tanggal <= p.tanggal_akhir, (a.id, a.tanggal)
            assert a.rhk_id is not None and a.status == T, (a.id, a.tanggal, a.status)
        assert periode_service.skp_of(s, periode_service.periode_on(s, org.staf.pegawai_id, MUTASI).id).status == (
            StatusSKP.DITETAPKAN
        )
        # Whose act was whose: the Plh's validation says so in the audit.
        oleh_plh = select(AuditLog).where(
            AuditLog.actor_id == org.kasubbid.pegawai_id, AuditLog.aksi == "validasi_aktivitas"
        )
        plh = [json.loads(a.sesudah or "{}") for a in s.scalars(oleh_plh)]
        assert any(x.get("nomor_sk") == "SK/7/2026" and x.get("sebagai") == "Plh" for x in plh), plh

        rekap = rekap_tpp.rekap(s, org.admin, 2026, 3)
    baris = {r.nip: r for r in rekap.rows}
    staf, fungsional, perawat = baris[org.staf.nip], baris[org.fungsional.nip], baris[org.perawat.nip]
    # No working day lost: the mutasi keeps all 17 of staf's; the pensiunan's month ends at his exit.
    assert (staf.hari_kerja, staf.menit_efektif, staf.menit_tervalidasi) == (17, 5_100, 4_080)
    assert (fungsional.menit_efektif, fungsional.menit_tervalidasi) == (5_100, 1_800)
    assert (perawat.menit_efektif, perawat.menit_tervalidasi) == (3_900, 3_120)
    assert [r.tpp_produktivitas for r in (staf, fungsional, perawat)] == [1_440_000, 529_412, 734_118]
    assert rekap.total_tpp_produktivitas == 2_703_530
