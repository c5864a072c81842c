"""Periode SKP (e-book step 5, docs/domain.md §3.1): the default year, ranges that never overlap, the
snapshot of jabatan / unit / penilai, the SKP with its 7 Perilaku Kerja rows, who may touch a period,
deleting only an unused one, and mutasi splitting the running period."""

from __future__ import annotations

import json
from datetime import date, time

import pytest
from sqlalchemy import func, select

from db.enums import Aspek, JenisJabatan, JenisRHK, Perspektif, StatusSKP
from db.models import (
    SKP,
    AktivitasHarian,
    AuditLog,
    EvaluasiKinerja,
    IndikatorKinerja,
    Pegawai,
    PerilakuKerja,
    PeriodeSKP,
    PerjanjianKinerja,
    RencanaHasilKerja,
)
from db.session import session_scope
from services.organisasi import periode
from services.platform.access import Operator
from services.platform.errors import AksesDitolak, TidakDitemukan, ValidationError

OPERATOR = Operator("operator-uji")
OVERLAP = "Periode bertumpang tindih dengan periode {}. Satu pegawai tidak boleh memiliki periode yang tumpang tindih."


def _counts(engine) -> dict[str, int]:
    """Rows of every table a period touches: a refusal must leave all of them as they were."""
    with session_scope(engine) as s:
        return {
            m.__name__: s.scalar(select(func.count()).select_from(m))
            for m in (PeriodeSKP, SKP, PerilakuKerja, AuditLog, RencanaHasilKerja, PerjanjianKinerja, AktivitasHarian)
        }


def _create(engine, actor, tahun=2026, mulai=None, akhir=None) -> int:
    with session_scope(engine) as s:
        return periode.tambah(s, actor, tahun, mulai, akhir).id


def _ranges(engine, pegawai_id) -> list[tuple[date, date]]:
    with session_scope(engine) as s:
        return [
            (p.tanggal_mulai, p.tanggal_akhir)
            for p in s.scalars(
                select(PeriodeSKP).where(PeriodeSKP.pegawai_id == pegawai_id).order_by(PeriodeSKP.tanggal_mulai)
            )
        ]


def _audit(engine, aksi) -> list[AuditLog]:
    with session_scope(engine) as s:
        return list(s.scalars(select(AuditLog).where(AuditLog.aksi == aksi).order_by(AuditLog.id)))


# --- creating ---------------------------------------------------------------------------------------


def test_default_range_is_the_whole_year(engine, org):
    pid = _create(engine, org.staf, 2026)
    with session_scope(engine) as s:
        p = s.get(PeriodeSKP, pid)
        assert (p.pegawai_id, p.tahun, p.tanggal_mulai, p.tanggal_akhir) == (
            org.staf.pegawai_id,
            2026,
            date(2026, 1, 1),
            date(2026, 12, 31),
        )
    assert periode.default_range(2024) == (date(2024, 1, 1), date(2024, 12, 31))


def test_custom_range_and_adjacent_periods_are_accepted(engine, org):
    _create(engine, org.staf, 2026, date(2026, 3, 1), date(2026, 6, 30))
    _create(engine, org.staf, 2026, date(2026, 7, 1), date(2026, 12, 31))  # the day after: no overlap
    _create(engine, org.staf, 2026, date(2026, 1, 1), date(2026, 2, 28))  # the day before: no overlap
    _create(engine, org.staf, 2025)  # another year
    _create(engine, org.kabid, 2026, date(2026, 3, 1), date(2026, 6, 30))  # another pegawai, same dates
    assert _ranges(engine, org.staf.pegawai_id) == [
        (date(2025, 1, 1), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 12, 31)),
    ]
    with session_scope(engine) as s:
        one_day = periode.tambah(s, org.fungsional, 2026, date(2026, 5, 5), date(2026, 5, 5))
        assert (one_day.tanggal_mulai, one_day.tanggal_akhir) == (date(2026, 5, 5), date(2026, 5, 5))


def test_only_mulai_given_runs_to_the_end_of_the_year(engine, org):
    pid = _create(engine, org.staf, 2026, mulai=date(2026, 4, 1))
    with session_scope(engine) as s:
        p = s.get(PeriodeSKP, pid)
        assert (p.tanggal_mulai, p.tanggal_akhir) == (date(2026, 4, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    "shape,mulai,akhir",
    [
        ("identical", date(2026, 3, 1), date(2026, 6, 30)),
        ("inside", date(2026, 4, 1), date(2026, 5, 31)),
        ("straddling start", date(2026, 2, 1), date(2026, 3, 1)),
        ("straddling end", date(2026, 6, 30), date(2026, 9, 30)),
        ("enclosing (default year)", None, None),
        ("one shared day", date(2026, 6, 30), date(2026, 6, 30)),
    ],
)
def test_overlapping_period_is_refused_and_nothing_changes(engine, org, shape, mulai, akhir):
    _create(engine, org.staf, 2026, date(2026, 3, 1), date(2026, 6, 30))
    before = _counts(engine)
    with pytest.raises(ValidationError) as err:
        _create(engine, org.staf, 2026, mulai, akhir)
    assert err.value.message == OVERLAP.format("1 Maret 2026 s.d. 30 Juni 2026")
    assert _counts(engine) == before
    assert _ranges(engine, org.staf.pegawai_id) == [(date(2026, 3, 1), date(2026, 6, 30))]


@pytest.mark.parametrize(
    "tahun,mulai,akhir,message",
    [
        (2026, date(2026, 6, 30), date(2026, 6, 1), "Periode akhir tidak boleh sebelum periode mulai."),
        (
            2026,
            date(2025, 12, 1),
            date(2026, 6, 30),
            "Periode SKP harus berada di dalam tahun 2026 (1 Januari – 31 Desember).",
        ),
        (
            2026,
            date(2026, 7, 1),
            date(2027, 1, 31),
            "Periode SKP harus berada di dalam tahun 2026 (1 Januari – 31 Desember).",
        ),
        (
            2026,
            date(2025, 1, 1),
            date(2025, 12, 31),
            "Periode SKP harus berada di dalam tahun 2026 (1 Januari – 31 Desember).",
        ),
        (1999, None, None, "Tahun tidak valid."),
        (2101, None, None, "Tahun tidak valid."),
        (0, None, None, "Tahun tidak valid."),
        (-2026, None, None, "Tahun tidak valid."),
        ("2026", None, None, "Tahun tidak valid."),
        (2026.0, None, None, "Tahun tidak valid."),
        (None, None, None, "Tahun tidak valid."),
        (True, None, None, "Tahun tidak valid."),
        (1999, date(1999, 1, 1), date(1999, 12, 31), "Tahun tidak valid."),
    ],
)
def test_bad_range_or_tahun_is_refused_and_nothing_changes(engine, org, tahun, mulai, akhir, message):
    before = _counts(engine)
    with pytest.raises(ValidationError) as err:
        _create(engine, org.staf, tahun, mulai, akhir)
    assert err.value.message == message
    assert _counts(engine) == before


def test_period_snapshots_jabatan_unit_pangkat_and_penilai(engine, org):
    with session_scope(engine) as s:
        s.get(Pegawai, org.staf.pegawai_id).pangkat_golongan = "Pengatur, II/c"
    pid = _create(engine, org.staf, 2026)
    with session_scope(engine) as s:
        p = s.get(PeriodeSKP, pid)
        assert (
            p.jabatan,
            p.jenis_jabatan,
            p.pimpinan_unit_kerja_mandiri,
            p.pangkat_golongan,
            p.unit_kerja_id,
            p.unit_kerja_nama,
            p.penilai_id,
        ) == (
            "Pengelola Data",
            JenisJabatan.PELAKSANA,
            False,
            "Pengatur, II/c",
            org.bidang,
            "Bidang Mutasi Uji",
            org.kasubbid.pegawai_id,
        )
        assert p.plans_like_jpt is False
    # Later changes to the pegawai (and to the unit's name) do not rewrite the snapshot.
    with session_scope(engine) as s:
        staf = s.get(Pegawai, org.staf.pegawai_id)
        staf.jabatan, staf.jenis_jabatan = "Kepala Puskesmas", JenisJabatan.FUNGSIONAL
        staf.unit_kerja_id, staf.atasan_id = org.dinkes, org.kadinkes.pegawai_id
        staf.pangkat_golongan, staf.pimpinan_unit_kerja_mandiri = "Penata, III/c", True
    with session_scope(engine) as s:
        p = s.get(PeriodeSKP, pid)
        assert (
            p.jabatan,
            p.jenis_jabatan,
            p.pimpinan_unit_kerja_mandiri,
            p.pangkat_golongan,
            p.unit_kerja_id,
            p.unit_kerja_nama,
            p.penilai_id,
        ) == (
            "Pengelola Data",
            JenisJabatan.PELAKSANA,
            False,
            "Pengatur, II/c",
            org.bidang,
            "Bidang Mutasi Uji",
            org.kasubbid.pegawai_id,
        )


def test_jpt_period_plans_like_jpt_and_top_of_hierarchy_has_no_penilai(engine, org):
    pid = _create(engine, org.bupati, 2026)
    with session_scope(engine) as s:
        p = s.get(PeriodeSKP, pid)
        assert (p.jenis_jabatan, p.plans_like_jpt, p.penilai_id, p.unit_kerja_nama) == (
            JenisJabatan.JPT,
            True,
            None,
            "Pemerintah Kabupaten Uji",
        )


def test_every_new_period_has_a_draft_skp_with_the_7_perilaku_rows(engine, org):
    first = _create(engine, org.staf, 2026, date(2026, 1, 1), date(2026, 6, 30))
    second = _create(engine, org.staf, 2026, date(2026, 7, 1), date(2026, 12, 31))
    with session_scope(engine) as s:
        for pid in (first, second):
            skp = periode.skp_of(s, pid)
            assert (skp.pegawai_id, skp.status, skp.rhk) == (org.staf.pegawai_id, StatusSKP.DRAFT, [])
            assert [(r.nomor, r.ekspektasi_khusus) for r in skp.perilaku] == [(n, None) for n in range(1, 8)]
        assert s.scalar(select(func.count()).select_from(SKP)) == 2
        assert s.scalar(select(func.count()).select_from(PerilakuKerja)) == 14
        with pytest.raises(TidakDitemukan, match="^SKP periode ini tidak ditemukan.$"):
            periode.skp_of(s, 999_999)


def test_create_is_audited_with_actor_and_snapshot(engine, org):
    pid = _create(engine, org.staf, 2026, date(2026, 2, 1), date(2026, 11, 30))
    [row] = _audit(engine, "buat_periode")
    assert (row.actor_id, row.actor_nip, row.entitas, row.entitas_id, row.sebelum) == (
        org.staf.pegawai_id,
        org.staf.nip,
        "periode_skp",
        str(pid),
        None,
    )
    assert json.loads(row.sesudah) == {
        "pegawai": org.staf.nip,
        "mulai": "2026-02-01",
        "akhir": "2026-11-30",
        "jabatan": "Pengelola Data",
        "jenis_jabatan": "Pelaksana",
        "pimpinan_unit_kerja_mandiri": False,
        "pangkat_golongan": None,
        "unit_kerja_id": org.bidang,
        "unit_kerja_nama": "Bidang Mutasi Uji",
        "penilai_id": org.kasubbid.pegawai_id,
    }


# --- who may ----------------------------------------------------------------------------------------


def test_create_always_makes_the_actors_own_period(engine, org):
    pid = _create(engine, org.kabid, 2026)
    with session_scope(engine) as s:
        assert s.get(PeriodeSKP, pid).pegawai_id == org.kabid.pegawai_id
    assert _ranges(engine, org.staf.pegawai_id) == []


def test_list_is_own_or_admin(engine, org):
    pid = _create(engine, org.staf, 2026, date(2026, 1, 1), date(2026, 6, 30))
    pid2 = _create(engine, org.staf, 2026, date(2026, 7, 1), date(2026, 12, 31))
    _create(engine, org.kabid, 2026)
    with session_scope(engine) as s:
        assert [p.id for p in periode.daftar(s, org.staf, org.staf.pegawai_id)] == [pid2, pid]
        assert [p.id for p in periode.daftar(s, org.admin, org.staf.pegawai_id)] == [pid2, pid]
        assert periode.ambil_sendiri(s, org.admin, pid).id == pid
        for other in (org.kabid, org.kasubbid, org.fungsional, org.kepala):
            with pytest.raises(AksesDitolak):
                periode.daftar(s, other, org.staf.pegawai_id)
            with pytest.raises(AksesDitolak):
                periode.ambil_sendiri(s, other, pid)
        with pytest.raises(TidakDitemukan, match="^Periode SKP tidak ditemukan.$"):
            periode.ambil_sendiri(s, org.staf, 999_999)


@pytest.mark.parametrize("who", ["kasubbid", "kabid", "fungsional", "admin", "bupati"])
@pytest.mark.parametrize("action", ["update_range", "delete"])
def test_nobody_else_edits_or_deletes_a_pegawais_period(engine, org, who, action):
    pid = _create(engine, org.staf, 2026)
    before = _counts(engine)
    with pytest.raises(AksesDitolak):
        with session_scope(engine) as s:
            if action == "delete":
                periode.hapus(s, getattr(org, who), pid)
            else:
                periode.ubah_rentang(s, getattr(org, who), pid, date(2026, 2, 1), date(2026, 11, 30))
    assert _counts(engine) == before
    assert _ranges(engine, org.staf.pegawai_id) == [(date(2026, 1, 1), date(2026, 12, 31))]


# --- delete -----------------------------------------------------------------------------------------


def _skp_id(s, pid) -> int:
    return periode.skp_of(s, pid).id


def _diajukan(s, pid, org):
    periode.skp_of(s, pid).status = StatusSKP.DIAJUKAN


def _ditetapkan(s, pid, org):
    periode.skp_of(s, pid).status = StatusSKP.DITETAPKAN


def _dikembalikan(s, pid, org):
    periode.skp_of(s, pid).status = StatusSKP.DIKEMBALIKAN


def _rhk(s, pid, org):
    s.add(RencanaHasilKerja(skp_id=_skp_id(s, pid), teks="Tersusunnya dokumen perencanaan", jenis=JenisRHK.UTAMA))


def _pk(s, pid, org):
    s.add(
        PerjanjianKinerja(
            periode_id=pid, sasaran_strategis="Meningkatnya kualitas layanan", perspektif=Perspektif.PENERIMA_LAYANAN
        )
    )


def _aktivitas(s, pid, org):
    s.add(
        AktivitasHarian(
            pegawai_id=org.staf.pegawai_id,
            periode_id=pid,
            tanggal=date(2026, 3, 2),
            jam_mulai=time(8, 0),
            jam_selesai=time(9, 30),
            durasi_menit=90,
            aktivitas="Menyusun laporan",
            satuan="Dokumen",
        )
    )


def _ekspektasi(s, pid, org):
    periode.skp_of(s, pid).perilaku[2].ekspektasi_khusus = "Menguasai aplikasi SIPIJAR"


def _evaluasi(s, pid, org):
    s.add(EvaluasiKinerja(skp_id=_skp_id(s, pid), periode_evaluasi="TW1"))


@pytest.mark.parametrize(
    "make_use,reason",
    [
        (_diajukan, "SKP periode ini berstatus Diajukan"),
        (_ditetapkan, "SKP periode ini berstatus Ditetapkan"),
        (_dikembalikan, "SKP periode ini berstatus Dikembalikan"),
        (_rhk, "periode ini sudah memiliki Rencana Hasil Kerja"),
        (_pk, "periode ini sudah memiliki Perjanjian Kinerja"),
        (_aktivitas, "periode ini sudah memiliki Aktivitas Harian"),
        (_ekspektasi, "atasan sudah menulis Ekspektasi Pimpinan pada SKP periode ini"),
        (_evaluasi, "SKP periode ini sudah memiliki Evaluasi Kinerja"),
    ],
)
def test_delete_is_refused_once_the_period_is_in_use(engine, org, make_use, reason):
    pid = _create(engine, org.staf, 2026)
    with session_scope(engine) as s:
        make_use(s, pid, org)
    before = _counts(engine)
    with pytest.raises(ValidationError) as err:
        with session_scope(engine) as s:
            periode.hapus(s, org.staf, pid)
    assert err.value.message == f"Periode tidak dapat dihapus karena {reason}."
    assert _counts(engine) == before
    with session_scope(engine) as s:
        assert s.get(PeriodeSKP, pid) is not None


def test_deleting_an_empty_period_removes_its_skp_and_perilaku_and_is_audited(engine, org):
    keep = _create(engine, org.staf, 2026, date(2026, 1, 1), date(2026, 6, 30))
    pid = _create(engine, org.staf, 2026, date(2026, 7, 1), date(2026, 12, 31))
    with session_scope(engine) as s:
        skp_id = _skp_id(s, pid)
    before = _counts(engine)
    with session_scope(engine) as s:
        periode.hapus(s, org.staf, pid)
    after = _counts(engine)
    assert (
        before["PeriodeSKP"] - after["PeriodeSKP"],
        before["SKP"] - after["SKP"],
        before["PerilakuKerja"] - after["PerilakuKerja"],
        after["AuditLog"] - before["AuditLog"],
    ) == (1, 1, 7, 1)
    with session_scope(engine) as s:
        assert s.get(PeriodeSKP, pid) is None and s.get(SKP, skp_id) is None
        assert s.scalar(select(func.count()).select_from(PerilakuKerja).where(PerilakuKerja.skp_id == skp_id)) == 0
        assert len(periode.skp_of(s, keep).perilaku) == 7
    [row] = _audit(engine, "hapus_periode")
    assert (row.actor_id, row.entitas_id, json.loads(row.sebelum), row.sesudah) == (
        org.staf.pegawai_id,
        str(pid),
        {"mulai": "2026-07-01", "akhir": "2026-12-31"},
        None,
    )
    # The freed range can be used again.
    _create(engine, org.staf, 2026, date(2026, 7, 1), date(2026, 12, 31))


def test_delete_of_a_missing_period(engine, org):
    with pytest.raises(TidakDitemukan):
        with session_scope(engine) as s:
            periode.hapus(s, org.staf, 999_999)


# --- update_range -----------------------------------------------------------------------------------


def test_update_range_changes_dates_and_is_audited(engine, org):
    pid = _create(engine, org.staf, 2026)
    with session_scope(engine) as s:
        p = periode.ubah_rentang(s, org.staf, pid, date(2026, 2, 1), date(2026, 10, 31))
        assert (p.tanggal_mulai, p.tanggal_akhir) == (date(2026, 2, 1), date(2026, 10, 31))
    assert _ranges(engine, org.staf.pegawai_id) == [(date(2026, 2, 1), date(2026, 10, 31))]
    [row] = _audit(engine, "ubah_periode")
    assert (row.actor_id, row.actor_nip, row.entitas, row.entitas_id) == (
        org.staf.pegawai_id,
        org.staf.nip,
        "periode_skp",
        str(pid),
    )
    assert json.loads(row.sebelum) == {"mulai": "2026-01-01", "akhir": "2026-12-31"}
    assert json.loads(row.sesudah) == {"mulai": "2026-02-01", "akhir": "2026-10-31"}


def test_update_range_may_keep_its_own_dates_and_narrow_around_activities(engine, org):
    pid = _create(engine, org.staf, 2026)
    with session_scope(engine) as s:
        _aktivitas(s, pid, org)  # 2 March 2026
    with session_scope(engine) as s:
        periode.ubah_rentang(s, org.staf, pid, date(2026, 1, 1), date(2026, 12, 31))  # not an overlap with itself
        periode.ubah_rentang(s, org.staf, pid, date(2026, 3, 2), date(2026, 3, 2))  # the activity's own day
    assert _ranges(engine, org.staf.pegawai_id) == [(date(2026, 3, 2), date(2026, 3, 2))]


@pytest.mark.parametrize(
    "mulai,akhir,message",
    [
        (
            date(2026, 3, 3),
            date(2026, 12, 31),
            "Ada 1 aktivitas harian di luar rentang baru; periode tidak dapat dipersempit.",
        ),
        (
            date(2026, 1, 1),
            date(2026, 3, 31),
            "Ada 2 aktivitas harian di luar rentang baru; periode tidak dapat dipersempit.",
        ),
        (
            date(2026, 6, 1),
            date(2026, 6, 30),
            "Ada 3 aktivitas harian di luar rentang baru; periode tidak dapat dipersempit.",
        ),
        (date(2026, 9, 1), date(2026, 8, 1), "Periode akhir tidak boleh sebelum periode mulai."),
        (date(2026, 1, 1), date(2027, 3, 1), "Periode SKP harus berada di dalam tahun 2026 (1 Januari – 31 Desember)."),
        (None, date(2026, 12, 31), "Periode mulai dan periode akhir wajib diisi."),
    ],
)
def test_update_range_refusals_change_nothing(engine, org, mulai, akhir, message):
    pid = _create(engine, org.staf, 2026)
    with session_scope(engine) as s:
        for tanggal in (date(2026, 3, 2), date(2026, 5, 4), date(2026, 11, 20)):
            s.add(
                AktivitasHarian(
                    pegawai_id=org.staf.pegawai_id,
                    periode_id=pid,
                    tanggal=tanggal,
                    jam_mulai=time(8, 0),
                    jam_selesai=time(9, 0),
                    durasi_menit=60,
                    aktivitas="Rapat koordinasi",
                    satuan="Kegiatan",
                )
            )
    before = _counts(engine)
    with pytest.raises(ValidationError) as err:
        with session_scope(engine) as s:
            periode.ubah_rentang(s, org.staf, pid, mulai, akhir)
    assert err.value.message == message
    assert _counts(engine) == before
    assert _ranges(engine, org.staf.pegawai_id) == [(date(2026, 1, 1), date(2026, 12, 31))]


@pytest.mark.parametrize("status", [StatusSKP.DIAJUKAN, StatusSKP.DITETAPKAN])
def test_update_range_is_refused_while_the_skp_is_locked(engine, org, status):
    pid = _create(engine, org.staf, 2026)
    with session_scope(engine) as s:
        periode.skp_of(s, pid).status = status
    before = _counts(engine)
    with pytest.raises(ValidationError) as err:
        with session_scope(engine) as s:
            periode.ubah_rentang(s, org.staf, pid, date(2026, 1, 1), date(2026, 6, 30))
    assert err.value.message == (
        f"SKP periode ini sudah {status.value.lower()}; periode tidak dapat diubah. "
        "Minta atasan mengembalikan SKP terlebih dahulu."
    )
    assert _counts(engine) == before
    assert _ranges(engine, org.staf.pegawai_id) == [(date(2026, 1, 1), date(2026, 12, 31))]


def test_update_range_may_not_overlap_another_period(engine, org):
    _create(engine, org.staf, 2026, date(2026, 1, 1), date(2026, 6, 30))
    pid = _create(engine, org.staf, 2026, date(2026, 7, 1), date(2026, 12, 31))
    before = _counts(engine)
    with pytest.raises(ValidationError) as err:
        with session_scope(engine) as s:
            periode.ubah_rentang(s, org.staf, pid, date(2026, 6, 30), date(2026, 12, 31))
    assert err.value.message == OVERLAP.format("1 Januari 2026 s.d. 30 Juni 2026")
    assert _counts(engine) == before


# --- mutasi -----------------------------------------------------------------------------------------


def _mutasi_staf_to_dinkes(s, org, efektif) -> periode.HasilMutasi:
    """Staf becomes a Pelaksana in Dinkes under kadinkes (values on the row first, then the mutasi)."""
    staf = s.get(Pegawai, org.staf.pegawai_id)
    staf.jabatan = "Pengadministrasi Umum"
    staf.unit_kerja_id = org.dinkes
    staf.atasan_id = org.kadinkes.pegawai_id
    return periode.apply_mutasi(s, org.admin, staf, efektif)


def _snap(p: PeriodeSKP) -> tuple:
    return (p.jabatan, p.unit_kerja_id, p.unit_kerja_nama, p.penilai_id)


def test_mutasi_mid_year_closes_the_running_period_and_opens_a_new_one(engine, org):
    pid = _create(engine, org.staf, 2026)
    with session_scope(engine) as s:
        hasil = _mutasi_staf_to_dinkes(s, org, date(2026, 7, 1))
        assert hasil.ditutup.id == pid
        baru_id = hasil.dibuka.id
    assert _ranges(engine, org.staf.pegawai_id) == [
        (date(2026, 1, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 12, 31)),
    ]
    with session_scope(engine) as s:
        lama, baru = s.get(PeriodeSKP, pid), s.get(PeriodeSKP, baru_id)
        assert _snap(lama) == ("Pengelola Data", org.bidang, "Bidang Mutasi Uji", org.kasubbid.pegawai_id)
        assert _snap(baru) == ("Pengadministrasi Umum", org.dinkes, "Dinas Kesehatan Uji", org.kadinkes.pegawai_id)
        assert (baru.tahun, baru.pegawai_id) == (2026, org.staf.pegawai_id)
        skp = periode.skp_of(s, baru_id)
        assert skp.status == StatusSKP.DRAFT and [r.nomor for r in skp.perilaku] == [1, 2, 3, 4, 5, 6, 7]
        assert periode.periode_on(s, org.staf.pegawai_id, date(2026, 6, 30)).id == pid
        assert periode.periode_on(s, org.staf.pegawai_id, date(2026, 7, 1)).id == baru_id
    [tutup] = _audit(engine, "mutasi_tutup_periode")
    assert (tutup.actor_id, tutup.entitas_id, json.loads(tutup.sebelum), json.loads(tutup.sesudah)) == (
        org.admin.pegawai_id,
        str(pid),
        {"akhir": "2026-12-31"},
        {"akhir": "2026-06-30"},
    )
    [buka] = _audit(engine, "mutasi_buka_periode")
    sesudah = json.loads(buka.sesudah)
    assert (buka.entitas_id, sesudah["mulai"], sesudah["akhir"], sesudah["penilai_id"], sesudah["unit_kerja_nama"]) == (
        str(baru_id),
        "2026-07-01",
        "2026-12-31",
        org.kadinkes.pegawai_id,
        "Dinas Kesehatan Uji",
    )


def test_mutasi_reads_the_new_unit_even_when_the_old_one_was_loaded(engine, org):
    """``pegawai.unit_kerja`` still names the old unit after only ``unit_kerja_id`` changed."""
    pid = _create(engine, org.staf, 2026)
    with session_scope(engine) as s:
        staf = s.get(Pegawai, org.staf.pegawai_id)
        assert staf.unit_kerja.nama == "Bidang Mutasi Uji"  # loaded into the session
        staf.unit_kerja_id = org.dinkes
        hasil = periode.apply_mutasi(s, OPERATOR, staf, date(2026, 4, 1))
        assert (hasil.ditutup.id, hasil.dibuka.unit_kerja_id, hasil.dibuka.unit_kerja_nama) == (
            pid,
            org.dinkes,
            "Dinas Kesehatan Uji",
        )


def test_mutasi_through_the_relationship_before_any_flush(engine, org):
    _create(engine, org.staf, 2026)
    with session_scope(engine) as s:
        staf = s.get(Pegawai, org.staf.pegawai_id)
        staf.atasan = s.get(Pegawai, org.kabid.pegawai_id)
        hasil = periode.apply_mutasi(s, OPERATOR, staf, date(2026, 9, 15))
        assert (hasil.dibuka.tanggal_mulai, hasil.dibuka.penilai_id) == (date(2026, 9, 15), org.kabid.pegawai_id)
        assert (hasil.ditutup.tanggal_akhir, hasil.ditutup.penilai_id) == (date(2026, 9, 14), org.kasubbid.pegawai_id)


def test_mutasi_on_the_first_day_of_the_period_updates_it_in_place(engine, org):
    pid = _create(engine, org.staf, 2026, date(2026, 7, 1), date(2026, 12, 31))
    before = _counts(engine)
    with session_scope(engine) as s:
        hasil = _mutasi_staf_to_dinkes(s, org, date(2026, 7, 1))
        assert (hasil.ditutup, hasil.dibuka.id) == (None, pid)
    after = _counts(engine)
    assert (after["PeriodeSKP"], after["SKP"], after["AuditLog"] - before["AuditLog"]) == (
        before["PeriodeSKP"],
        before["SKP"],
        1,
    )
    assert _ranges(engine, org.staf.pegawai_id) == [(date(2026, 7, 1), date(2026, 12, 31))]
    with session_scope(engine) as s:
        assert _snap(s.get(PeriodeSKP, pid)) == (
            "Pengadministrasi Umum",
            org.dinkes,
            "Dinas Kesehatan Uji",
            org.kadinkes.pegawai_id,
        )
    [row] = _audit(engine, "mutasi_perbarui_periode")
    assert (row.actor_id, row.entitas_id) == (org.admin.pegawai_id, str(pid))
    assert (json.loads(row.sebelum)["penilai_id"], json.loads(row.sesudah)["penilai_id"]) == (
        org.kasubbid.pegawai_id,
        org.kadinkes.pegawai_id,
    )
    assert (json.loads(row.sebelum)["jabatan"], json.loads(row.sesudah)["jabatan"]) == (
        "Pengelola Data",
        "Pengadministrasi Umum",
    )


@pytest.mark.parametrize(
    "existing",
    [
        [],  # no period at all
        [(2025, date(2025, 1, 1), date(2025, 12, 31))],  # only last year's
        [(2026, date(2026, 1, 1), date(2026, 6, 30))],  # ended before the mutasi
    ],
)
def test_mutasi_without_a_running_period_does_nothing(engine, org, existing):
    for tahun, mulai, akhir in existing:
        _create(engine, org.staf, tahun, mulai, akhir)
    before = _counts(engine)
    with session_scope(engine) as s:
        assert _mutasi_staf_to_dinkes(s, org, date(2026, 8, 17)) == periode.HasilMutasi(None, None)
    assert _counts(engine) == before
    assert _ranges(engine, org.staf.pegawai_id) == [(m, a) for _t, m, a in existing]


def test_mutasi_without_any_change_does_not_split(engine, org):
    _create(engine, org.staf, 2026)
    before = _counts(engine)
    with session_scope(engine) as s:
        staf = s.get(Pegawai, org.staf.pegawai_id)
        assert periode.apply_mutasi(s, OPERATOR, staf, date(2026, 7, 1)) == periode.HasilMutasi(None, None)
    assert _counts(engine) == before


def test_repeated_mutasi_leaves_contiguous_periods_that_never_overlap(engine, org):
    _create(engine, org.staf, 2026)
    with session_scope(engine) as s:
        _mutasi_staf_to_dinkes(s, org, date(2026, 4, 1))
    with session_scope(engine) as s:
        staf = s.get(Pegawai, org.staf.pegawai_id)
        staf.atasan_id, staf.jabatan = org.perawat.pegawai_id, "Pengelola Obat"
        periode.apply_mutasi(s, OPERATOR, staf, date(2026, 10, 1))
    with session_scope(engine) as s:  # the same day again: in place, no fourth period
        staf = s.get(Pegawai, org.staf.pegawai_id)
        staf.jabatan = "Pengelola Obat dan Alat Kesehatan"
        periode.apply_mutasi(s, OPERATOR, staf, date(2026, 10, 1))
    ranges = _ranges(engine, org.staf.pegawai_id)
    assert ranges == [
        (date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 9, 30)),
        (date(2026, 10, 1), date(2026, 12, 31)),
    ]
    for (_m1, a1), (m2, _a2) in zip(ranges, ranges[1:]):
        assert (m2 - a1).days == 1
    with session_scope(engine) as s:
        periods = periode.daftar(s, org.staf, org.staf.pegawai_id)
        assert [(p.jabatan, p.penilai_id) for p in periods] == [
            ("Pengelola Obat dan Alat Kesehatan", org.perawat.pegawai_id),
            ("Pengadministrasi Umum", org.kadinkes.pegawai_id),
            ("Pengelola Data", org.kasubbid.pegawai_id),
        ]
    assert len(_audit(engine, "mutasi_tutup_periode")) == 2
    assert len(_audit(engine, "mutasi_buka_periode")) == 2
    assert len(_audit(engine, "mutasi_perbarui_periode")) == 1


def test_mutasi_also_updates_a_period_planned_after_it(engine, org):
    first = _create(engine, org.staf, 2026, date(2026, 1, 1), date(2026, 6, 30))
    later = _create(engine, org.staf, 2026, date(2026, 7, 1), date(2026, 12, 31))
    with session_scope(engine) as s:
        hasil = _mutasi_staf_to_dinkes(s, org, date(2026, 3, 1))
        assert hasil.ditutup.id == first
        middle = hasil.dibuka.id
    assert _ranges(engine, org.staf.pegawai_id) == [
        (date(2026, 1, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 12, 31)),
    ]
    with session_scope(engine) as s:
        assert s.get(PeriodeSKP, first).penilai_id == org.kasubbid.pegawai_id
        assert s.get(PeriodeSKP, middle).penilai_id == org.kadinkes.pegawai_id
        assert _snap(s.get(PeriodeSKP, later)) == (
            "Pengadministrasi Umum",
            org.dinkes,
            "Dinas Kesehatan Uji",
            org.kadinkes.pegawai_id,
        )


def test_mutasi_keeps_the_closed_periods_work(engine, org):
    """The old period keeps its SKP, RHK and indikator; only its end date moves."""
    pid = _create(engine, org.staf, 2026)
    with session_scope(engine) as s:
        skp = periode.skp_of(s, pid)
        skp.status = StatusSKP.DITETAPKAN
        rhk = RencanaHasilKerja(skp_id=skp.id, teks="Terkelolanya data pegawai")
        rhk.indikator = [
            IndikatorKinerja(teks="Jumlah data yang dimutakhirkan", aspek=Aspek.KUANTITAS, target=120, satuan="Data")
        ]
        s.add(rhk)
    with session_scope(engine) as s:
        _mutasi_staf_to_dinkes(s, org, date(2026, 7, 1))
    with session_scope(engine) as s:
        skp = periode.skp_of(s, pid)
        assert (skp.status, [r.teks for r in skp.rhk]) == (StatusSKP.DITETAPKAN, ["Terkelolanya data pegawai"])


def test_two_concurrent_creates_cannot_both_pass_the_overlap_check(engine, org):
    """The second request waits for the first (row lock on PostgreSQL, BEGIN IMMEDIATE on SQLite) and
    then sees its period, instead of both inserting overlapping periods."""
    import threading
    import time as clock

    first_created, outcome = threading.Event(), {}

    def second():
        first_created.wait(10)
        try:
            with session_scope(engine) as s:
                periode.tambah(s, org.staf, 2026, date(2026, 3, 1), date(2026, 12, 31))
            outcome["second"] = "created"
        except ValidationError as exc:
            outcome["second"] = exc.message

    worker = threading.Thread(target=second)
    worker.start()
    with session_scope(engine) as s:
        periode.tambah(s, org.staf, 2026, date(2026, 1, 1), date(2026, 6, 30))
        first_created.set()
        clock.sleep(0.5)  # the second request is now waiting on the first one's transaction
    worker.join(30)
    assert outcome == {"second": OVERLAP.format("1 Januari 2026 s.d. 30 Juni 2026")}
    assert _ranges(engine, org.staf.pegawai_id) == [(date(2026, 1, 1), date(2026, 6, 30))]
