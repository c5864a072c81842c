"""The demo kabupaten: organisation, accounts, plans, activities and realisasi, on both databases."""

from __future__ import annotations

import time as clock
from collections import defaultdict
from datetime import date, time
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db.enums import Aspek, JenisJabatan, Perspektif, StatusAktivitas, StatusSKP
from db.models import (
    SKP,
    AktivitasHarian,
    Akun,
    AuditLog,
    Base,
    BuktiDukung,
    HariLibur,
    IndikatorKinerja,
    KatalogAktivitas,
    Pegawai,
    PeranHasil,
    PerilakuKerja,
    PeriodeSKP,
    PerjanjianKinerja,
    PolaPenugasan,
    RealisasiBulanan,
    RencanaHasilKerja,
    TargetBulanan,
    UnitKerja,
)
from db.session import session_scope
from services.contoh import demo
from services.organisasi import struktur as organisasi
from services.platform import auth, kalender
from services.platform.errors import ValidationError

#: `make run` seeds on first start; this keeps it quick even on a busy 2-core machine (about 2 s
#: on SQLite and 5 s on PostgreSQL when idle).
SEED_SECONDS_MAX = 60
TODAY = date(2026, 11, 24)


def _seed(engine, today: date = TODAY) -> tuple[demo.DemoInfo, float]:
    started = clock.perf_counter()
    with session_scope(engine) as s:
        assert demo.kosong(s)
        info = demo.isi_demo(s, today)
    return info, clock.perf_counter() - started


def _check_organisation_people_and_accounts(engine, info):
    with session_scope(engine) as s:
        assert not demo.kosong(s)
        units = list(s.scalars(select(UnitKerja)))
        assert info.units == len(units)
        root = [u for u in units if u.induk_id is None]
        assert [u.nama for u in root] == ["Pemerintah Kabupaten Bondowoso"]
        opd = {u.nama for u in units if u.level == 1}
        assert len(opd) >= 3
        assert {
            "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "Dinas Kesehatan",
            "Kecamatan Tenggarang",
        } <= opd
        by_id = {u.id: u for u in units}
        for u in units:  # materialised paths agree with the tree
            assert u.path == (by_id[u.induk_id].path if u.induk_id else "/") + f"{u.id}/"
        bkpsdm = next(u for u in units if u.nama.startswith("Badan Kepegawaian"))
        assert sum(1 for u in units if u.induk_id == bkpsdm.id and u.nama.startswith("Bidang")) == 2

        pegawai = list(s.scalars(select(Pegawai)))
        assert 35 <= len(pegawai) == info.pegawai <= 45
        assert {p.jenis_jabatan for p in pegawai} == set(JenisJabatan)
        nips = [p.nip for p in pegawai]
        assert len(set(nips)) == len(nips)
        assert all(len(n) == 18 and n.isdigit() and n[14] in "12" for n in nips)
        assert all(p.tpp_pokok == 0 or 2_500_000 <= p.tpp_pokok <= 12_000_000 for p in pegawai)
        assert all(p.pangkat_golongan for p in pegawai if p.jabatan != "Bupati Bondowoso")

        pukm = [p for p in pegawai if p.pimpinan_unit_kerja_mandiri]
        assert {p.jenis_jabatan for p in pukm} <= {JenisJabatan.FUNGSIONAL, JenisJabatan.ADMINISTRATOR}
        assert {p.unit_kerja.nama for p in pukm} == {"UPTD Puskesmas Tegalampel", "Kecamatan Tenggarang"}

        top = [p for p in pegawai if p.atasan_id is None]
        assert [(p.jabatan, p.is_pimpinan) for p in top] == [("Bupati Bondowoso", True)]
        sekda = next(p for p in pegawai if p.jabatan.startswith("Sekretaris Daerah"))
        assert sekda.jenis_jabatan == JenisJabatan.JPT and sekda.atasan_id == top[0].id and sekda.is_pimpinan
        kepala_opd = [p for p in pegawai if p.unit_kerja.level == 1 and p.atasan_id == sekda.id]
        assert len(kepala_opd) >= 3 and all(p.is_pimpinan for p in kepala_opd)

        admins = [p for p in pegawai if p.is_admin]
        assert 1 <= len(admins) <= 2 and all(p.unit_kerja.path.startswith(bkpsdm.path) for p in admins)

        akun = list(s.scalars(select(Akun)))
        assert len(akun) == len(pegawai)
        assert len({a.password_hash for a in akun}) == 1  # hashed once
        assert not any(a.must_change_password for a in akun)


def _check_no_cycle_in_the_hierarchy(engine):
    with session_scope(engine) as s:
        ids = list(s.scalars(select(Pegawai.id)))
        for pegawai_id in ids:
            chain = organisasi.chain_of_atasan(s, pegawai_id)
            top = s.get(Pegawai, chain[-1])
            assert top.atasan_id is None, f"pegawai {pegawai_id}: rantai atasan melingkar {chain}"


def _check_every_demo_login_logs_in_with_the_demo_password(engine):
    assert len(demo.DEMO_LOGINS) >= 5
    peran = [login.peran for login in demo.DEMO_LOGINS]
    for expected in (
        "Pegawai (Pelaksana)",
        "Atasan (Kepala Bidang)",
        "JPT (Kepala BKPSDM)",
        "Pimpinan (Bupati)",
        "Admin BKPSDM",
    ):
        assert expected in peran
    for peran_, nama, nip in demo.DEMO_LOGINS:
        with session_scope(engine) as s:
            ok = auth.login(s, nip, demo.DEMO_PASSWORD)
            assert (ok.nama, ok.must_change_password) == (nama, False), peran_
    with session_scope(engine) as s:
        role = {login.peran: s.scalar(select(Pegawai).where(Pegawai.nip == login.nip)) for login in demo.DEMO_LOGINS}
        assert role["Admin BKPSDM"].is_admin
        assert role["Pimpinan (Bupati)"].is_pimpinan and role["Pimpinan (Bupati)"].atasan_id is None
        bupati = role["Pimpinan (Bupati)"]
        assert bupati.is_kepala_daerah and not bupati.tpp_pokok  # docs/domain.md §8.32: no SKP, no TPP
        assert s.scalar(select(func.count()).select_from(PeriodeSKP).where(PeriodeSKP.pegawai_id == bupati.id)) == 0
        assert not s.scalar(select(func.count()).where(AktivitasHarian.pegawai_id == bupati.id))
        assert role["JPT (Kepala BKPSDM)"].jenis_jabatan == JenisJabatan.JPT and role["JPT (Kepala BKPSDM)"].is_pimpinan
        assert role["Pegawai (Pelaksana)"].jenis_jabatan == JenisJabatan.PELAKSANA
        kabid = role["Atasan (Kepala Bidang)"]
        assert role["Pegawai (Pelaksana)"].atasan_id == kabid.id  # the two demo roles work together
        assert organisasi.bawahan_of(s, kabid.id)


def _check_periods_skp_and_plans(engine):
    with session_scope(engine) as s:
        pegawai = {p.id: p for p in s.scalars(select(Pegawai))}
        periods = list(s.scalars(select(PeriodeSKP)))
        assert all(
            p.tahun == 2026 and (p.tanggal_mulai, p.tanggal_akhir) == (date(2026, 1, 1), date(2026, 12, 31))
            for p in periods
        )
        without = set(pegawai) - {p.pegawai_id for p in periods}
        assert 2 <= len(without) <= 3
        assert all(
            not s.scalar(select(func.count()).where(Pegawai.atasan_id == pid))
            for pid in without
            if pegawai[pid].atasan_id is not None
        )  # those left without a period have no bawahan
        for periode in periods:  # snapshot
            p = pegawai[periode.pegawai_id]
            assert (periode.jabatan, periode.jenis_jabatan, periode.unit_kerja_id, periode.penilai_id) == (
                p.jabatan,
                p.jenis_jabatan,
                p.unit_kerja_id,
                p.atasan_id,
            )

        skp = {k.periode_id: k for k in s.scalars(select(SKP))}
        assert set(skp) == {p.id for p in periods}
        perilaku = defaultdict(list)
        for row in s.scalars(select(PerilakuKerja)):
            perilaku[row.skp_id].append(row.nomor)
        assert all(sorted(perilaku[k.id]) == [1, 2, 3, 4, 5, 6, 7] for k in skp.values())
        assert s.scalar(select(func.count()).where(PerilakuKerja.ekspektasi_khusus.is_not(None))) > 0

        statuses = [k.status for k in skp.values()]
        assert statuses.count(StatusSKP.DITETAPKAN) > len(statuses) * 0.75
        assert statuses.count(StatusSKP.DIAJUKAN) == 1 and statuses.count(StatusSKP.DIKEMBALIKAN) == 1
        assert statuses.count(StatusSKP.DRAFT) >= 2
        assert all(k.catatan_atasan for k in skp.values() if k.status == StatusSKP.DIKEMBALIKAN)
        for k in skp.values():
            if k.status == StatusSKP.DITETAPKAN:
                assert k.ditetapkan_at is not None and k.ditetapkan_oleh_id == pegawai[k.pegawai_id].atasan_id

        rhk = list(s.scalars(select(RencanaHasilKerja)))
        rhk_by_id = {r.id: r for r in rhk}
        skp_by_id = {k.id: k for k in skp.values()}
        for r in rhk:
            owner = pegawai[skp_by_id[r.skp_id].pegawai_id]
            if owner.plans_like_jpt:
                assert r.perjanjian_id is not None and r.rhk_atasan_id is None
                assert r.perspektif == r.perjanjian.perspektif
            else:
                atasan_rhk = rhk_by_id[r.rhk_atasan_id]
                assert skp_by_id[atasan_rhk.skp_id].pegawai_id == owner.atasan_id
                cell = s.scalar(select(PeranHasil).where(PeranHasil.rhk_bawahan_id == r.id))
                assert (cell.rhk_atasan_id, cell.bawahan_id) == (r.rhk_atasan_id, owner.id)
            assert 1 <= len(r.indikator) <= 2
        # A draft whose Matriks Peran Hasil waits to be taken into the Rencana SKP.
        assert s.scalar(select(func.count()).where(PeranHasil.rhk_bawahan_id.is_(None))) >= 1

        # Every JPT / pimpinan unit kerja mandiri has a Perjanjian Kinerja covering the four perspektif.
        planners = [p for p in pegawai.values() if p.plans_like_jpt and p.id not in without]
        assert any(p.pimpinan_unit_kerja_mandiri for p in planners)
        for p in planners:
            pk = list(s.scalars(select(PerjanjianKinerja).join(PeriodeSKP).where(PeriodeSKP.pegawai_id == p.id)))
            assert {x.perspektif for x in pk} == set(Perspektif), p.nama
            assert all(x.indikator and "(Penugasan dari" in x.sasaran_strategis for x in pk)

        assert s.scalar(select(func.count()).select_from(PolaPenugasan)) in (2, 3)
        assert "Direktif Pejabat Penilai (Mandiri)" in set(s.scalars(select(PolaPenugasan.nama)))
        assert 8 <= s.scalar(select(func.count()).select_from(KatalogAktivitas)) <= 15


def _check_target_bulanan(engine):
    with session_scope(engine) as s:
        indikator = list(s.scalars(select(IndikatorKinerja)))
        assert sum(i.aspek == Aspek.KUANTITAS for i in indikator) > len(indikator) / 2
        assert all(i.pola_penugasan_id is not None for i in indikator)
        assert any(
            i.teks == "Jumlah dokumen perencanaan, penganggaran dan evaluasi yang disusun tepat waktu"
            and i.target == 13
            and i.satuan == "Dokumen"
            for i in indikator
        )
        belum_dibuat = 0
        for i in indikator:
            months = [t.bulan for t in i.target_bulanan]
            if not months:
                belum_dibuat += 1
                assert i.rhk.skp.status == StatusSKP.DRAFT
                continue
            assert months == list(range(1, 13))
            if i.aspek == Aspek.KUANTITAS:
                assert sum(t.target for t in i.target_bulanan) == i.target, i.teks
        assert belum_dibuat >= 1  # "Belum Dibuat" shows somewhere
        assert s.scalar(select(func.count()).select_from(TargetBulanan)) > 0


def _check_aktivitas_harian(engine, info):
    with session_scope(engine) as s:
        rows = list(s.scalars(select(AktivitasHarian)))
        assert len(rows) == info.aktivitas > 3000
        start = date(2026, 8, 1)
        working = set(kalender.hari_kerja(s, start, TODAY))
        skp_of_periode = {k.periode_id: k for k in s.scalars(select(SKP))}
        rhk_skp = dict(s.execute(select(RencanaHasilKerja.id, RencanaHasilKerja.skp_id)).all())
        atasan = dict(s.execute(select(Pegawai.id, Pegawai.atasan_id)).all())
        per_day = defaultdict(list)
        for a in rows:
            assert start <= a.tanggal < TODAY and a.tanggal in working
            mulai = a.jam_mulai.hour * 60 + a.jam_mulai.minute
            selesai = a.jam_selesai.hour * 60 + a.jam_selesai.minute
            assert a.durasi_menit == selesai - mulai > 0
            assert time(7, 30) <= a.jam_mulai and a.jam_selesai <= time(16, 0)
            skp = skp_of_periode[a.periode_id]
            assert skp.pegawai_id == a.pegawai_id and skp.status == StatusSKP.DITETAPKAN
            assert rhk_skp[a.rhk_id] == skp.id
            if a.status == StatusAktivitas.DITOLAK:
                assert a.alasan_tolak
            if a.status != StatusAktivitas.MENUNGGU:
                assert a.divalidasi_oleh_id == atasan[a.pegawai_id]
            per_day[(a.pegawai_id, a.tanggal)].append((mulai, selesai))
        for key, spans in per_day.items():
            assert 3 <= len(spans) <= 5, key
            spans.sort()
            for (_, end), (begin, _) in zip(spans, spans[1:]):
                assert end <= begin, f"aktivitas bertumpang tindih: {key}"

        # Closed months (up to October: closed on 5 November) are decided; this month is a mix.
        closed = [a for a in rows if a.tanggal < date(2026, 11, 1)]
        assert all(a.status != StatusAktivitas.MENUNGGU for a in closed)
        recent = {a.status for a in rows if a.tanggal >= date(2026, 11, 1)}
        assert recent == set(StatusAktivitas)
        assert any(a.katalog_id is not None for a in rows) and any(a.bukti_link for a in rows)

        # Capaian differs between pegawai: some near 60 %, some at 100 % (October 2026).
        hk = len(kalender.hari_kerja(s, date(2026, 10, 1), date(2026, 10, 31)))
        minutes = dict(
            s.execute(
                select(AktivitasHarian.pegawai_id, func.sum(AktivitasHarian.durasi_menit))
                .where(
                    AktivitasHarian.tanggal >= date(2026, 10, 1),
                    AktivitasHarian.tanggal <= date(2026, 10, 31),
                    AktivitasHarian.status == StatusAktivitas.TERVALIDASI,
                )
                .group_by(AktivitasHarian.pegawai_id)
            ).all()
        )
        capaian = [min(m, hk * 300) / (hk * 300) for m in minutes.values()]
        assert min(capaian) < 0.65 and max(capaian) == 1.0


def _check_realisasi_hari_libur_and_audit(engine, info):
    with session_scope(engine) as s:
        realisasi = list(s.scalars(select(RealisasiBulanan)))
        assert len(realisasi) == info.realisasi > 0
        assert {r.bulan for r in realisasi} == {8, 9, 10}
        assert all(r.realisasi is not None and r.sumber_data for r in realisasi)
        links = list(s.scalars(select(BuktiDukung.url)))
        assert len(links) == len(realisasi) and all(u.startswith("https://") for u in links)
        assert s.scalar(select(func.count()).select_from(HariLibur)) == info.hari_libur > 0
        assert len(kalender.hari_kerja(s, date(2026, 3, 1), date(2026, 3, 31))) == 17
        rows = list(s.scalars(select(AuditLog)))
        assert [(r.aksi, r.actor_id) for r in rows] == [("seed_demo", None)]


def _check_seeding_twice_is_refused(engine):
    with session_scope(engine) as s:
        with pytest.raises(ValidationError, match="sudah berisi pegawai"):
            demo.isi_demo(s, TODAY)


def test_seeding_an_empty_database_builds_the_organisation_and_accounts(engine):
    """One seed per test keeps the suite fast; each check below names what it looks at."""
    info, seconds = _seed(engine)
    assert seconds < SEED_SECONDS_MAX
    _check_organisation_people_and_accounts(engine, info)
    _check_no_cycle_in_the_hierarchy(engine)
    _check_every_demo_login_logs_in_with_the_demo_password(engine)
    _check_seeding_twice_is_refused(engine)


def test_seeded_plans_and_daily_work(engine):
    info, seconds = _seed(engine)
    assert seconds < SEED_SECONDS_MAX
    _check_periods_skp_and_plans(engine)
    _check_target_bulanan(engine)
    _check_aktivitas_harian(engine, info)
    _check_realisasi_hari_libur_and_audit(engine, info)


def test_history_across_the_new_year(engine):
    """In January the last three months are in the previous year: that year gets its periods, SKP and
    hari libur too, and every activity lies in the period of its own year."""
    info, seconds = _seed(engine, date(2027, 1, 20))
    assert seconds < SEED_SECONDS_MAX
    with session_scope(engine) as s:
        years = set(s.scalars(select(PeriodeSKP.tahun)))
        assert years == {2026, 2027}
        assert set(s.scalars(select(func.extract("year", HariLibur.tanggal)))) == {2026, 2027}
        old = list(s.scalars(select(SKP).join(PeriodeSKP).where(PeriodeSKP.tahun == 2026)))
        assert all(k.status == StatusSKP.DITETAPKAN for k in old)
        tahun_of = dict(s.execute(select(PeriodeSKP.id, PeriodeSKP.tahun)).all())
        tanggal = list(s.execute(select(AktivitasHarian.tanggal, AktivitasHarian.periode_id)).all())
        assert min(t for t, _ in tanggal) >= date(2026, 10, 1) and max(t for t, _ in tanggal) < date(2027, 1, 20)
        assert all(tahun_of[p] == t.year for t, p in tanggal)


def test_nips_are_constants():
    assert demo.DEMO_PASSWORD == "sipijar2026"
    assert demo.NIP["pelaksana"] == "199406232019032007"  # lahir + TMT + jenis kelamin + urut
    assert [login.nip for login in demo.DEMO_LOGINS] == [
        demo.NIP[k]
        for k in ("pelaksana", "perawat", "kabid_mutasi", "camat", "ka_bkpsdm", "bupati", "prakom", "baru_bkpsdm")
    ]


#: What the demo seeded for TODAY before its content moved into demo_kabupaten.toml (computed then and
#: written down here): moving or reshaping the data must not change a single row.
FINGERPRINT_COUNTS = {
    "aktivitas_harian": 9978,
    "akun": 40,
    "arsip_bulan": 0,
    "audit_log": 1,
    "berhenti_pengingat": 0,  # issue #18: no reminders sent or stopped by the seed
    "bukti_dukung": 39,
    "evaluasi_kinerja": 0,
    "hari_libur": 25,
    "indikator_kinerja": 71,
    "indikator_perjanjian_kinerja": 25,
    "kalender_tahun": 0,
    "katalog_aktivitas": 12,
    "ketidakhadiran": 0,
    "notifikasi": 0,
    "pegawai": 40,
    "pembukaan_bulan": 0,
    "pengiriman_pengingat": 0,
    "penugasan_plt": 0,  # issue #14: no Plt or Plh in the demo
    "peran_hasil": 44,
    "perilaku_kerja": 259,
    "periode_skp": 37,
    "perjanjian_kinerja": 20,
    "perubahan_penilai": 0,  # issue #17: the demo changes no penilai
    "pola_penugasan": 3,
    "predikat_organisasi": 0,
    "realisasi_bulanan": 39,
    "realisasi_perjanjian_kinerja": 0,  # issue #15: no Perjanjian Kinerja realisasi entered in the demo
    "rencana_hasil_kerja": 63,
    "ringkasan_aktivitas": 132,
    "run_pengingat": 0,
    "sesi_login": 0,
    "setting": 0,
    "skp": 37,
    "target_bulanan": 840,
    "templat_aktivitas": 0,  # issue #16: no weekly template in the demo
    "tpp_pokok_riwayat": 39,  # one per pegawai with a pokok (docs/domain.md §8.26); the Bupati has none
    "tutup_bulan": 0,
    "umpan_balik_perilaku": 0,
    "unit_kerja": 13,
}


def test_seeded_data_matches_its_fingerprint(engine):
    _seed(engine)
    with session_scope(engine) as s:
        assert {t.name: s.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables} == (
            FINGERPRINT_COUNTS
        )
        nip = dict(s.execute(select(Pegawai.id, Pegawai.nip)).all())

        def aktivitas(order):
            a = s.scalars(select(AktivitasHarian).order_by(order).limit(1)).one()
            return (
                nip[a.pegawai_id],
                a.tanggal,
                a.jam_mulai,
                a.jam_selesai,
                a.aktivitas,
                a.volume,
                a.satuan,
                a.status,
                a.divalidasi_oleh_id and nip[a.divalidasi_oleh_id],
            )

        assert aktivitas(AktivitasHarian.id) == (
            "196907121994031002",
            date(2026, 8, 4),
            time(8, 0),
            time(9, 0),
            "Memimpin rapat evaluasi pelayanan publik",
            Decimal(1),
            "Kegiatan",
            StatusAktivitas.TERVALIDASI,
            "197203152025021001",
        )
        assert aktivitas(AktivitasHarian.id.desc()) == (
            "199305122017122038",
            date(2026, 11, 23),
            time(10, 15),
            time(11, 45),
            "Melayani permohonan administrasi kependudukan di loket PATEN",
            Decimal(5),
            "Berkas",
            StatusAktivitas.MENUNGGU,
            None,
        )
        assert s.execute(
            select(AktivitasHarian.status, func.count(), func.sum(AktivitasHarian.durasi_menit))
            .group_by(AktivitasHarian.status)
            .order_by(AktivitasHarian.status)
        ).all() == [
            (StatusAktivitas.DITOLAK, 311, 19455),
            (StatusAktivitas.MENUNGGU, 705, 45105),
            (StatusAktivitas.TERVALIDASI, 8962, 579675),
        ]

        p = s.scalars(select(Pegawai).where(Pegawai.nip == demo.NIP["analis_muda"])).one()
        assert (p.nip, p.nama, p.jabatan, p.jenis_jabatan, p.pangkat_golongan, p.tpp_pokok) == (
            "198309172009012005",
            "Endang Sri Wahyuni, S.E.",
            "Analis Sumber Daya Manusia Aparatur Ahli Muda",
            JenisJabatan.FUNGSIONAL,
            "Penata Tingkat I (III/d)",
            5_000_000,
        )
        assert (p.unit_kerja.nama, nip[p.atasan_id]) == ("Bidang Mutasi dan Promosi", "197805212003121004")
        assert s.execute(
            select(RencanaHasilKerja.teks, IndikatorKinerja.teks, IndikatorKinerja.aspek, IndikatorKinerja.target)
            .join(IndikatorKinerja, IndikatorKinerja.rhk_id == RencanaHasilKerja.id)
            .join(SKP, SKP.id == RencanaHasilKerja.skp_id)
            .where(SKP.pegawai_id == p.id)
            .order_by(IndikatorKinerja.id)
        ).all() == [
            (
                "Tersusunnya pertimbangan teknis mutasi pegawai yang akurat",
                "Jumlah dokumen pertimbangan teknis mutasi yang disusun",
                Aspek.KUANTITAS,
                120,
            ),
            (
                "Tersusunnya analisis kesesuaian kompetensi pejabat",
                "Jumlah laporan analisis kesesuaian kompetensi yang disusun",
                Aspek.KUANTITAS,
                12,
            ),
            (
                "Tersusunnya analisis kesesuaian kompetensi pejabat",
                "Persentase laporan analisis yang diselesaikan tepat waktu",
                Aspek.WAKTU,
                100,
            ),
        ]
        assert s.execute(select(func.count(), func.sum(RealisasiBulanan.realisasi))).one() == (39, Decimal("1540.13"))
        assert sorted(
            (nip[k.pegawai_id], k.status) for k in s.scalars(select(SKP)) if k.status != StatusSKP.DITETAPKAN
        ) == [
            ("198901022011121008", StatusSKP.DIAJUKAN),
            ("199203032014032020", StatusSKP.DRAFT),
            ("199208192019041013", StatusSKP.DIKEMBALIKAN),
            ("199408082019121039", StatusSKP.DRAFT),
        ]
