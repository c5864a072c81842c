"""Mutasi keeps every minute (issue #14 point 1, docs/domain.md §8.2, §8.11): the activities dated from the
efektif date follow the pegawai into the new period (RHK mapped by identical text, else unlinked; a validated
one with no place refuses the mutasi, in the import too), the old atasan keeps validating the old period's rows
until the month closes, the new draft SKP takes activities that wait as "Menunggu Penetapan SKP", and the
month's capaian and TPP add up both atasan's validations."""

from __future__ import annotations

import csv
from datetime import date, time
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.enums import Aspek, JenisRHK, StatusAktivitas, StatusSKP
from db.models import SKP, AktivitasHarian, AuditLog, IndikatorKinerja, Pegawai, PeriodeSKP, RencanaHasilKerja
from db.session import session_scope
from services.aktivitas import capaian, harian, tertahan, validasi
from services.aktivitas.entri import AktivitasInput
from services.organisasi import import_pegawai, mutasi
from services.organisasi import periode as periode_service
from services.organisasi.wewenang import punya_bawahan
from services.perencanaan import penetapan, rencana_skp, target_bulanan
from services.pimpinan import beranda
from services.platform import kalender
from services.platform.access import has_bawahan
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import HARI_KERJA_MARET_2026, add_aktivitas, build_skp

T, M, D = StatusAktivitas.TERVALIDASI, StatusAktivitas.MENUNGGU, StatusAktivitas.DITOLAK
EFEKTIF = date(2026, 3, 16)


def _pindah_ke_kabid(s, org) -> periode_service.HasilMutasi:
    """Staf's atasan becomes kabid from 16 March (kasubbid, his old atasan, is left without bawahan)."""
    staf = s.get_one(Pegawai, org.staf.pegawai_id)
    staf.atasan_id = org.kabid.pegawai_id
    s.flush()
    return periode_service.apply_mutasi(s, org.admin, staf, EFEKTIF)


def _audit(s, aksi: str) -> int:
    return s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.aksi == aksi))


def test_later_rows_move_unlinked_and_each_move_is_audited(engine, org):
    """13 March (Tervalidasi) stays in the old period with its RHK; 16 March (Menunggu) and 17 March (Ditolak)
    move to the new period with no RHK (the new SKP has none yet); the Menunggu one reads "Pilih Ulang SKP
    Terkait", the Ditolak one keeps its status."""
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, 2026)
        tetap = add_aktivitas(s, org.staf, skp, date(2026, 3, 13), "08:00", "09:00", T).id
        menunggu = add_aktivitas(s, org.staf, skp, date(2026, 3, 16), "08:00", "09:00", M).id
        ditolak = add_aktivitas(s, org.staf, skp, date(2026, 3, 17), "08:00", "09:00", D, alasan="Kurang jelas").id
        baru = _pindah_ke_kabid(s, org).dibuka
        assert _audit(s, "mutasi_pindah_aktivitas") == 2
    with session_scope(engine, readonly=True) as s:
        row = {a.id: a for a in s.scalars(select(AktivitasHarian))}
        assert (row[tetap].periode_id, row[tetap].rhk_id) == (skp.periode_id, skp.rhk_ids[0])
        for i in (menunggu, ditolak):
            assert (row[i].periode_id, row[i].rhk_id, row[i].indikator_id) == (baru.id, None, None)
        tampil = {r.id: r for r in harian.daftar_bulan(s, org.staf, org.staf.pegawai_id, 2026, 3)}
        assert tampil[menunggu].status_tampil == tertahan.PILIH_ULANG == "Pilih Ulang SKP Terkait"
        assert (tampil[ditolak].status_tampil, tampil[tetap].status_tampil) == ("Ditolak", "Tervalidasi")
        with pytest.raises(ValidationError, match="Pilih Ulang SKP Terkait"):
            validasi.validasi(s, org.kabid, menunggu, date(2026, 3, 20))


def test_rhk_with_identical_text_takes_the_row(engine, org):
    """Rows left in the old period after its end are moved onto the new SKP's RHK of the same text, and the
    indikator of the same text; an indikator without a twin leaves its row unlinked (no guess)."""
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, 2026, indikator=2)
        hasil = _pindah_ke_kabid(s, org)
        lama, baru = hasil.ditutup, hasil.dibuka
        skp_baru = periode_service.skp_of(s, baru.id)
        rhk_lama = s.get_one(RencanaHasilKerja, skp.rhk_ids[0])
        kembar = RencanaHasilKerja(skp_id=skp_baru.id, teks=rhk_lama.teks, jenis=JenisRHK.UTAMA)
        kembar.indikator = [
            IndikatorKinerja(teks=rhk_lama.indikator[0].teks, aspek=Aspek.KUANTITAS, target=12, satuan="Dokumen")
        ]
        s.add(kembar)
        s.flush()
        cocok = add_aktivitas(s, org.staf, skp, date(2026, 3, 18), "08:00", "09:00", M)
        cocok.indikator_id = skp.indikator_ids[0]
        beda = add_aktivitas(s, org.staf, skp, date(2026, 3, 19), "08:00", "09:00", M)
        beda.indikator_id = skp.indikator_ids[1]  # "Jumlah dokumen 1.2 …" has no twin
        s.flush()
        assert mutasi.pindahkan(s, org.admin, lama, baru) == 2
        assert (cocok.periode_id, cocok.rhk_id, cocok.indikator_id) == (baru.id, kembar.id, kembar.indikator[0].id)
        assert (beda.periode_id, beda.rhk_id, beda.indikator_id) == (baru.id, None, None)


def test_validated_rows_without_a_place_refuse_the_mutasi(engine, org):
    """Two Tervalidasi rows on 16 and 18 March have no RHK in the new period: the mutasi of 16 March is refused,
    naming both dates and the first possible efektif date (19 March); nothing changed."""
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, 2026)
        for hari in (16, 18):
            add_aktivitas(s, org.staf, skp, date(2026, 3, hari), "08:00", "09:00", T)
        sebelum = s.scalar(select(func.count()).select_from(AuditLog))
    with pytest.raises(ValidationError) as galat, session_scope(engine) as s:
        _pindah_ke_kabid(s, org)
    pesan = str(galat.value)
    for bagian in ("2 aktivitas yang sudah tervalidasi", "16 Maret 2026, 18 Maret 2026", "paling awal 19 Maret 2026"):
        assert bagian in pesan
    with session_scope(engine, readonly=True) as s:
        periode = s.scalars(select(PeriodeSKP).where(PeriodeSKP.pegawai_id == org.staf.pegawai_id)).all()
        assert [(p.tanggal_mulai, p.tanggal_akhir) for p in periode] == [(date(2026, 1, 1), date(2026, 12, 31))]
        assert s.get_one(Pegawai, org.staf.pegawai_id).atasan_id == org.kasubbid.pegawai_id
        assert s.scalar(select(func.count()).select_from(AuditLog)) == sebelum


def test_the_import_shows_the_refusal_as_a_row_error(engine, org, tmp_path):
    """Re-importing staf with kabid as atasan, efektif 16 March, over a validated row of 17 March: the file is
    rejected with an error on row 2, column mutasi, and nothing is saved (all or nothing)."""
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, 2026)
        add_aktivitas(s, org.staf, skp, date(2026, 3, 17), "08:00", "09:00", T)
        staf, kabid = s.get_one(Pegawai, org.staf.pegawai_id), s.get_one(Pegawai, org.kabid.pegawai_id)
        baris = {
            "nip": staf.nip,
            "nama": staf.nama,
            "jabatan": staf.jabatan,
            "jenis_jabatan": staf.jenis_jabatan.value,
            "unit_kerja": "Bidang Mutasi Uji",
            "nip_atasan": kabid.nip,
        }
    berkas = tmp_path / "mutasi.csv"
    with berkas.open("w", newline="", encoding="utf-8") as f:
        tulis = csv.DictWriter(f, fieldnames=list(baris))
        tulis.writeheader()
        tulis.writerow(baris)
    with pytest.raises(import_pegawai.ImportDitolak) as galat:
        import_pegawai.impor(engine, org.admin, berkas.read_bytes(), "mutasi.csv", efektif=EFEKTIF)
    [kesalahan] = galat.value.kesalahan
    assert (kesalahan.baris, kesalahan.kolom) == (2, "mutasi")
    assert "17 Maret 2026" in kesalahan.pesan and "paling awal 18 Maret 2026" in kesalahan.pesan
    with session_scope(engine, readonly=True) as s:
        assert s.get_one(Pegawai, org.staf.pegawai_id).atasan_id == org.kasubbid.pegawai_id
        assert s.scalar(select(func.count()).select_from(PeriodeSKP).where(PeriodeSKP.pegawai_id == staf.id)) == 1


def test_a_period_opened_by_mutasi_is_told_from_an_own_split(engine, org):
    """Fungsional's own periods 1 Jan – 30 Jun and 1 Jul – 31 Dec keep one snapshot: not opened by a mutasi,
    so a Draft SKP there still takes no activity. Staf's period after the mutasi is one."""
    with session_scope(engine) as s:
        periode_service.tambah(s, org.fungsional, 2026, date(2026, 1, 1), date(2026, 6, 30))
        kedua = periode_service.tambah(s, org.fungsional, 2026, date(2026, 7, 1), date(2026, 12, 31))
        assert not mutasi.dibuka_mutasi(s, kedua)
        build_skp(s, org.staf, 2026)
        baru = _pindah_ke_kabid(s, org).dibuka
        assert mutasi.dibuka_mutasi(s, baru)
        assert not mutasi.dibuka_mutasi(s, periode_service.periode_on(s, org.staf.pegawai_id, date(2026, 3, 1)))
        # The Beranda tells the moved pegawai he may log already; not so the pegawai of an own split.
        assert beranda.skp_saya(s, org.staf, date(2026, 3, 20)).isi_sebelum_penetapan
        assert not beranda.skp_saya(s, org.fungsional, date(2026, 7, 1)).isi_sebelum_penetapan
        kalender.isi_hari_libur(s, 2026)
        data = AktivitasInput(date(2026, 7, 1), None, "Rapat", 1, "Kegiatan", time(8, 0), time(9, 0))
        with pytest.raises(ValidationError, match="SKP periode ini belum ditetapkan atasan"):
            harian.tambah(s, org.fungsional, data, date(2026, 7, 1))


def test_old_atasan_keeps_the_menu_and_lists_the_former_bawahan_until_the_month_closes(engine, org):
    """Kasubbid's only bawahan leaves on 16 March with a row of 13 March waiting: kasubbid keeps the Atasan
    menu while March is open (through 5 April, even once nothing waits: it must not vanish under his last
    click), sees staf as "mantan" in Validasi and on the Beranda while the row waits; kabid sees staf as his
    bawahan. On 6 April (March closed) the menu goes."""
    with session_scope(engine) as s:
        skp = build_skp(s, org.staf, 2026)
        lama_id = add_aktivitas(s, org.staf, skp, date(2026, 3, 13), "08:00", "10:00", M).id
        _pindah_ke_kabid(s, org)
    with session_scope(engine, readonly=True) as s:
        assert not has_bawahan(s, org.kasubbid.pegawai_id, date(2026, 3, 20))  # the hierarchy alone would hide the menu
        assert punya_bawahan(s, org.kasubbid, date(2026, 4, 5))
        assert not punya_bawahan(s, org.kasubbid, date(2026, 4, 6))
        [b] = validasi.bawahan_list(s, org.kasubbid)
        assert (b.pegawai_id, b.menunggu, b.mantan) == (org.staf.pegawai_id, 1, True)
        assert [r.id for r in validasi.daftar_menunggu(s, org.kasubbid, org.staf.pegawai_id)] == [lama_id]
        staf_di_kabid = {x.pegawai_id: x for x in validasi.bawahan_list(s, org.kabid)}[org.staf.pegawai_id]
        assert (staf_di_kabid.menunggu, staf_di_kabid.mantan) == (0, False)
        [tugas] = beranda.tugas_atasan(s, org.kasubbid, date(2026, 3, 20)).aktivitas_menunggu
        assert (tugas.nama, tugas.jumlah, tugas.menit, tugas.mantan) == ("Staf Uji", 1, 120, True)
        baru = beranda.tugas_atasan(s, org.kabid, date(2026, 3, 20)).bawahan_baru
        assert [(x.nama, x.mulai, x.hari) for x in baru] == [("Staf Uji", EFEKTIF, 4)]
    with session_scope(engine) as s:
        assert validasi.validasi(s, org.kasubbid, lama_id, date(2026, 3, 20)) == 1
    with session_scope(engine, readonly=True) as s:
        assert punya_bawahan(s, org.kasubbid, date(2026, 3, 20))
        assert not punya_bawahan(s, org.kasubbid, date(2026, 4, 6))
        assert validasi.bawahan_list(s, org.kasubbid) == []  # a former bawahan with nothing waiting is not listed


def _rencana_baru(s, org, skp_kabid) -> tuple[int, int]:
    """Staf writes his new draft SKP (one RHK intervening kabid's, one Kuantitas IKI of 10 Dokumen over
    March–December) — the services a pegawai uses."""
    periode = periode_service.periode_on(s, org.staf.pegawai_id, EFEKTIF)
    skp = periode_service.skp_of(s, periode.id)
    rencana_skp.pastikan_pola_default(s)
    pola = rencana_skp.daftar_pola(s)[0]
    rhk = rencana_skp.tambah_rhk(s, org.staf, skp.id, "Terkelolanya data mutasi", skp_kabid.rhk_ids[0])
    iki = rencana_skp.tambah_indikator(s, org.staf, rhk.id, "Jumlah berkas mutasi", "Kuantitas", 10, "Berkas", pola.id)
    target_bulanan.simpan(s, org.staf, iki.id, target_bulanan.usulan(iki.target, iki.aspek, list(range(3, 13))))
    return skp.id, rhk.id


def test_a_mid_month_mutasi_loses_no_minute(engine, org):
    """March 2026: 17 hari kerja × 300 = 5,100 menit efektif; TPP pokok Rp3.000.000, bobot 60 %.

    Old period (penilai kasubbid): 2–13 March, 10 hari kerja × 240 (08.00–12.00) = 2,400, of which 12 and
    13 March still wait at the mutasi and kasubbid validates them after it.
    New period (penilai kabid, from 16 March): 16 March 08.00–11.00 = 180 (entered before the import, moved
    and relinked), 17 March 08.00–12.30 = 270 and 25 March 08.00–12.00 = 240 entered on the draft SKP —
    "Menunggu Penetapan SKP" until kabid ditetapkan it, then validated by kabid: 690.
    Tervalidasi 2,400 + 690 = 3,090 → 3,090 ÷ 5,100 = 60.588…% → 60.59 %;
    TPP = 60 % × 3,000,000 × 3,090 ÷ 5,100 = 5,562,000,000 ÷ 5,100 = 1,090,588.23… → Rp1.090.588."""
    with session_scope(engine) as s:
        kalender.isi_hari_libur(s, 2026)
        skp = build_skp(s, org.staf, 2026)
        skp_kabid = build_skp(s, org.kabid, 2026)
        lama = [
            add_aktivitas(s, org.staf, skp, hari, "08:00", "12:00", T if hari.day < 12 else M).id
            for hari in HARI_KERJA_MARET_2026[:10]
        ]
        pindah = add_aktivitas(s, org.staf, skp, EFEKTIF, "08:00", "11:00", M).id
        _pindah_ke_kabid(s, org)
    with session_scope(engine) as s:  # the old atasan validates what is his, after the mutasi
        assert validasi.validasi_semua(s, org.kasubbid, lama[-2:], date(2026, 3, 20)) == 2
        with pytest.raises(AksesDitolak, match="Hanya atasan langsung"):  # the moved row is kabid's now
            validasi.validasi(s, org.kasubbid, pindah, date(2026, 3, 20))
    with session_scope(engine) as s:
        skp_baru_id, rhk_id = _rencana_baru(s, org, skp_kabid)
        row = s.get_one(AktivitasHarian, pindah)
        harian.ubah(s, org.staf, pindah, row_input(row, rhk_id), date(2026, 3, 20), version=row.version_id)
        baru = [
            harian.tambah(s, org.staf, AktivitasInput(tgl, rhk_id, "Verifikasi berkas", 2, "Berkas", a, b), tgl).id
            for tgl, a, b in ((date(2026, 3, 17), time(8), time(12, 30)), (date(2026, 3, 25), time(8), time(12)))
        ]
    with session_scope(engine, readonly=True) as s:
        tampil = {r.id: r for r in harian.daftar_bulan(s, org.staf, org.staf.pegawai_id, 2026, 3)}
        assert {tampil[i].status_tampil for i in [pindah, *baru]} == {"Menunggu Penetapan SKP"}
        assert tampil[lama[0]].status_tampil == "Tervalidasi"
        assert capaian.capaian_pegawai(s, org.staf, org.staf.pegawai_id, 2026, 3).menit_menunggu == 690
    with session_scope(engine) as s:
        with pytest.raises(ValidationError, match="Menunggu Penetapan SKP"):
            validasi.validasi_semua(s, org.kabid, [pindah, *baru], date(2026, 3, 25))
    with session_scope(engine) as s:
        with pytest.raises(ValidationError, match="sudah dipakai pada Aktivitas Harian"):
            rencana_skp.hapus_rhk(s, org.staf, rhk_id)
    with session_scope(engine) as s:
        penetapan.ajukan_draft(s, org.staf, skp_baru_id)
        penetapan.proses_penetapan(s, org.kabid, skp_baru_id, penetapan.Aksi.TETAPKAN.value, None)
        assert s.get_one(SKP, skp_baru_id).status == StatusSKP.DITETAPKAN
    with session_scope(engine, readonly=True) as s:
        assert beranda.tugas_atasan(s, org.kabid, date(2026, 3, 31)).bawahan_baru == []
        assert all(
            r.tertahan is None for r in validasi.daftar_menunggu(s, org.kabid, org.staf.pegawai_id, date(2026, 3, 31))
        )
    with session_scope(engine) as s:
        assert validasi.validasi_semua(s, org.kabid, [pindah, *baru], date(2026, 3, 31)) == 3
    with session_scope(engine, readonly=True) as s:
        hasil = capaian.capaian_pegawai(s, org.admin, org.staf.pegawai_id, 2026, 3)
    assert (hasil.hari_kerja, hasil.menit_efektif, hasil.menit_tervalidasi, hasil.menit_menunggu) == (17, 5100, 3090, 0)
    assert hasil.capaian_persen == Decimal("60.59")
    assert hasil.tpp_pokok == 3_000_000
    assert hasil.tpp_produktivitas == 1_090_588


def row_input(row: AktivitasHarian, rhk_id: int) -> AktivitasInput:
    """The row as its edit form sends it, with the SKP terkait chosen again."""
    return AktivitasInput(
        row.tanggal, rhk_id, row.aktivitas, row.volume, row.satuan, row.jam_mulai, row.jam_selesai, None, row.periode_id
    )
