"""SKP states: the transition table, Ajukan Draft, Tarik Draft, Proses Penetapan, Buka Kembali, and the lock."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from db.enums import StatusSKP
from db.models import SKP, AuditLog
from db.session import session_scope
from services.perencanaan import penetapan, rencana_skp, target_bulanan
from services.perencanaan.penetapan import Aksi, Peran, transisi
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import build_draft, build_jpt_draft, build_skp, jejak_perencanaan

S = StatusSKP
TAHUN = 2026

# The whole table: every (state, action, role), with the expected next state or the refusal.
EXPECTED = {
    (S.DRAFT, Aksi.AJUKAN, Peran.PEGAWAI): S.DIAJUKAN,
    (S.DIKEMBALIKAN, Aksi.AJUKAN, Peran.PEGAWAI): S.DIAJUKAN,
    (S.DIAJUKAN, Aksi.TARIK_DRAFT, Peran.PEGAWAI): S.DRAFT,
    (S.DIAJUKAN, Aksi.TETAPKAN, Peran.PENILAI): S.DITETAPKAN,
    (S.DIAJUKAN, Aksi.KEMBALIKAN, Peran.PENILAI): S.DIKEMBALIKAN,
    (S.DITETAPKAN, Aksi.BUKA_KEMBALI, Peran.PENILAI): S.DRAFT,
}
CASES = [(s, a, p, EXPECTED.get((s, a, p))) for s in S for a in Aksi for p in (Peran.PEGAWAI, Peran.PENILAI, None)]


@pytest.mark.parametrize("status,aksi,peran,tujuan", CASES, ids=lambda v: getattr(v, "value", str(v)))
def test_transition_table(status, aksi, peran, tujuan):
    if tujuan is not None:
        assert transisi(status, aksi, peran) == tujuan
        return
    penilai_only = aksi not in (Aksi.AJUKAN, Aksi.TARIK_DRAFT)
    wrong_person = peran is None or (peran == Peran.PEGAWAI) == penilai_only
    with pytest.raises(AksesDitolak if wrong_person else ValidationError):
        transisi(status, aksi, peran)


def test_the_table_is_the_rule():
    assert penetapan.TRANSISI == EXPECTED


@pytest.fixture
def draft_staf(engine, org):
    """Kasubbid's SKP ditetapkan; staf (penilai kasubbid) with a complete Draft."""
    with session_scope(engine) as s:
        atasan = build_skp(s, org.kasubbid, TAHUN)
        return build_draft(s, org.staf, TAHUN, atasan.rhk_ids[0])


def _skp(engine, skp_id):
    with session_scope(engine) as s:
        return s.get(SKP, skp_id)


def _audit(engine, aksi):
    with session_scope(engine) as s:
        return [
            (r.actor_nip, json.loads(r.sebelum or "null"), json.loads(r.sesudah or "null"))
            for r in s.scalars(select(AuditLog).where(AuditLog.aksi == aksi).order_by(AuditLog.id))
        ]


def test_submit_then_set_by_the_penilai(engine, org, draft_staf):
    with session_scope(engine) as s:
        penetapan.ajukan_draft(s, org.staf, draft_staf.skp_id)
    assert _skp(engine, draft_staf.skp_id).status == S.DIAJUKAN
    with session_scope(engine) as s:
        penetapan.proses_penetapan(s, org.kasubbid, draft_staf.skp_id, "Ditetapkan Sebagai SKP", "")
    skp = _skp(engine, draft_staf.skp_id)
    assert (skp.status, skp.ditetapkan_oleh_id, skp.catatan_atasan) == (S.DITETAPKAN, org.kasubbid.pegawai_id, None)
    assert _audit(engine, "ajukan") == [
        (org.staf.nip, {"status": "Draft", "catatan_atasan": None}, {"status": "Diajukan", "catatan_atasan": None})
    ]
    assert _audit(engine, "tetapkan")[0][0] == org.kasubbid.nip
    assert _audit(engine, "tetapkan")[0][2]["status"] == "Ditetapkan"


def test_return_needs_a_catatan_the_pegawai_reads(engine, org, draft_staf):
    with session_scope(engine) as s:
        penetapan.ajukan_draft(s, org.staf, draft_staf.skp_id)
    with session_scope(engine) as s:
        before = jejak_perencanaan(s)
    with pytest.raises(ValidationError, match="Catatan untuk pegawai"), session_scope(engine) as s:
        penetapan.proses_penetapan(s, org.kasubbid, draft_staf.skp_id, "Dikembalikan", "   ")
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before
    with session_scope(engine) as s:
        penetapan.proses_penetapan(s, org.kasubbid, draft_staf.skp_id, "Dikembalikan", "Target bulanan belum rinci.")
    skp = _skp(engine, draft_staf.skp_id)
    assert (skp.status, skp.catatan_atasan) == (S.DIKEMBALIKAN, "Target bulanan belum rinci.")
    # The pegawai corrects and submits again.
    with session_scope(engine) as s:
        rencana_skp.ubah_rhk(s, org.staf, draft_staf.rhk_ids[0], "Tersusunnya dokumen kerja yang rinci", "Utama")
        penetapan.ajukan_draft(s, org.staf, draft_staf.skp_id)
    assert _skp(engine, draft_staf.skp_id).status == S.DIAJUKAN


@pytest.mark.parametrize("who", ["kabid", "staf", "fungsional", "admin"])
def test_only_the_direct_penilai_of_the_period_decides(engine, org, draft_staf, who):
    with session_scope(engine) as s:
        penetapan.ajukan_draft(s, org.staf, draft_staf.skp_id)
        before = jejak_perencanaan(s)
    with pytest.raises(AksesDitolak, match="pejabat penilai"), session_scope(engine) as s:
        penetapan.proses_penetapan(s, getattr(org, who), draft_staf.skp_id, "Ditetapkan Sebagai SKP", None)
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before


def test_unknown_decision_is_refused(engine, org, draft_staf):
    with session_scope(engine) as s:
        penetapan.ajukan_draft(s, org.staf, draft_staf.skp_id)
    with pytest.raises(ValidationError, match="Pilih status penetapan"), session_scope(engine) as s:
        penetapan.proses_penetapan(s, org.kasubbid, draft_staf.skp_id, "Buka Kembali", "x")


def _setup_incomplete(s, org, case):
    atasan = build_skp(s, org.kasubbid, TAHUN)
    if case == "tanpa_rhk":
        from services.organisasi import periode

        p = periode.tambah(s, org.staf, TAHUN)
        return periode.skp_of(s, p.id).id, "Belum ada Rencana Hasil Kerja"
    if case == "tanpa_target_bulanan":
        return build_draft(
            s, org.staf, TAHUN, atasan.rhk_ids[0], isi_target_bulanan=False
        ).skp_id, "Target bulanan indikator 1.1 belum dibuat"
    if case == "tanpa_indikator":
        d = build_draft(s, org.staf, TAHUN, atasan.rhk_ids[0])
        rencana_skp.tambah_rhk(s, org.staf, d.skp_id, "Terlaksananya tugas tambahan", atasan.rhk_ids[1], "Tambahan")
        return d.skp_id, "RHK 2 belum memiliki indikator"
    raise AssertionError(case)


@pytest.mark.parametrize("case", ["tanpa_rhk", "tanpa_target_bulanan", "tanpa_indikator"])
def test_incomplete_draft_is_not_submitted(engine, org, case):
    with session_scope(engine) as s:
        skp_id, pesan = _setup_incomplete(s, org, case)
    with session_scope(engine) as s:
        before = jejak_perencanaan(s)
    with pytest.raises(ValidationError, match=pesan), session_scope(engine) as s:
        penetapan.ajukan_draft(s, org.staf, skp_id)
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before


def test_jpt_needs_all_four_perspektif(engine, org):
    with session_scope(engine) as s:
        skp_id = build_jpt_draft(s, org.kepala, TAHUN, ("Penerima Layanan", "Proses Bisnis", "Anggaran")).skp_id
        before = jejak_perencanaan(s)
    with (
        pytest.raises(ValidationError, match="Perspektif belum memiliki RHK: Penguatan Internal"),
        session_scope(engine) as s,
    ):
        penetapan.ajukan_draft(s, org.kepala, skp_id)
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before


def test_staf_ahli_is_exempt_from_the_perspektif(engine, org):
    from db.models import Pegawai

    with session_scope(engine) as s:
        s.get(Pegawai, org.kepala.pegawai_id).jabatan = "Staf Ahli Bupati Bidang Pemerintahan"
    with session_scope(engine) as s:
        skp_id = build_jpt_draft(s, org.kepala, TAHUN, ("Proses Bisnis",)).skp_id
    with session_scope(engine) as s:
        penetapan.ajukan_draft(s, org.kepala, skp_id)
    assert _skp(engine, skp_id).status == S.DIAJUKAN


def test_kuantitas_months_that_no_longer_add_up_block_submission(engine, org, draft_staf):
    # Simulate target bulanan saved when the target was different (e.g. a period shortened later).
    from db.models import TargetBulanan

    with session_scope(engine) as s:
        row = s.scalar(
            select(TargetBulanan).where(
                TargetBulanan.indikator_id == draft_staf.indikator_ids[0], TargetBulanan.bulan == 12
            )
        )
        row.target = 5
    with (
        pytest.raises(ValidationError, match="berjumlah 16, tidak sama dengan target 12 Dokumen"),
        session_scope(engine) as s,
    ):
        penetapan.ajukan_draft(s, org.staf, draft_staf.skp_id)


def _ditetapkan(engine, org, draft_staf):
    with session_scope(engine) as s:
        penetapan.ajukan_draft(s, org.staf, draft_staf.skp_id)
    with session_scope(engine) as s:
        penetapan.proses_penetapan(s, org.kasubbid, draft_staf.skp_id, "Ditetapkan Sebagai SKP", "Sudah sesuai.")


EDITS = {
    "tambah_rhk": lambda s, o, d, a: rencana_skp.tambah_rhk(s, o.staf, d.skp_id, "Terlaksananya x", a, "Utama"),
    "ubah_rhk": lambda s, o, d, a: rencana_skp.ubah_rhk(s, o.staf, d.rhk_ids[0], "Tersusunnya y", "Utama"),
    "hapus_rhk": lambda s, o, d, a: rencana_skp.hapus_rhk(s, o.staf, d.rhk_ids[0]),
    "tambah_indikator": lambda s, o, d, a: rencana_skp.tambah_indikator(
        s, o.staf, d.rhk_ids[0], "Jumlah z", "Kuantitas", 1, "Dokumen", rencana_skp.daftar_pola(s)[0].id
    ),
    "ubah_indikator": lambda s, o, d, a: rencana_skp.ubah_indikator(
        s, o.staf, d.indikator_ids[0], "Jumlah z", "Kuantitas", 24, "Dokumen", rencana_skp.daftar_pola(s)[0].id
    ),
    "hapus_indikator": lambda s, o, d, a: rencana_skp.hapus_indikator(s, o.staf, d.indikator_ids[0]),
    "target_bulanan": lambda s, o, d, a: target_bulanan.simpan(
        s, o.staf, d.indikator_ids[0], {b: 1 for b in range(1, 13)}
    ),
}


@pytest.mark.parametrize("edit", list(EDITS))
@pytest.mark.parametrize("status", ["Diajukan", "Ditetapkan"])
def test_a_submitted_or_set_skp_is_locked(engine, org, draft_staf, edit, status):
    if status == "Diajukan":
        with session_scope(engine) as s:
            penetapan.ajukan_draft(s, org.staf, draft_staf.skp_id)
    else:
        _ditetapkan(engine, org, draft_staf)
    with session_scope(engine) as s:
        before = jejak_perencanaan(s)
        atasan_rhk = rencana_skp.rhk_atasan_pilihan(s, s.get(SKP, draft_staf.skp_id).periode)[0].id
    with (
        pytest.raises(ValidationError, match="Ditetapkan dan terkunci" if status == "Ditetapkan" else "Diajukan"),
        session_scope(engine) as s,
    ):
        EDITS[edit](s, org, draft_staf, atasan_rhk)
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before


def test_tarik_draft_takes_a_submitted_plan_back_before_penetapan_and_is_audited(engine, org, draft_staf):
    from services.pimpinan.beranda import tugas_atasan

    with session_scope(engine) as s:
        penetapan.ajukan_draft(s, org.staf, draft_staf.skp_id)
        assert tugas_atasan(s, org.kasubbid).skp_diajukan == [(org.staf.pegawai_id, "Staf Uji")]
        before = jejak_perencanaan(s)
    for orang in (org.kasubbid, org.fungsional, org.admin):  # the penilai, a colleague, the admin: refused
        with pytest.raises(AksesDitolak, match="Hanya pegawai pemilik SKP"), session_scope(engine) as s:
            penetapan.tarik_draft(s, orang, draft_staf.skp_id)
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before
    with session_scope(engine) as s:
        penetapan.tarik_draft(s, org.staf, draft_staf.skp_id)
    skp = _skp(engine, draft_staf.skp_id)
    assert (skp.status, skp.diajukan_at) == (S.DRAFT, None)
    assert _audit(engine, "tarik_draft") == [
        (org.staf.nip, {"status": "Diajukan", "catatan_atasan": None}, {"status": "Draft", "catatan_atasan": None})
    ]
    with session_scope(engine) as s:  # gone from the atasan's waiting work; the plan is editable again
        assert tugas_atasan(s, org.kasubbid).skp_diajukan == []
        rencana_skp.ubah_rhk(s, org.staf, draft_staf.rhk_ids[0], "Tersusunnya dokumen kerja baru", "Utama")
    with pytest.raises(ValidationError, match="hanya pada SKP berstatus Diajukan"), session_scope(engine) as s:
        penetapan.tarik_draft(s, org.staf, draft_staf.skp_id)  # a Draft has nothing to withdraw
    _ditetapkan(engine, org, draft_staf)
    with pytest.raises(ValidationError, match="tidak dapat dilakukan pada SKP berstatus Ditetapkan"):
        with session_scope(engine) as s:
            penetapan.tarik_draft(s, org.staf, draft_staf.skp_id)


def test_reopen_needs_a_reason_goes_to_draft_and_is_audited(engine, org, draft_staf):
    _ditetapkan(engine, org, draft_staf)
    with session_scope(engine) as s:
        before = jejak_perencanaan(s)
    with pytest.raises(ValidationError, match="Alasan membuka kembali"), session_scope(engine) as s:
        penetapan.buka_kembali(s, org.kasubbid, draft_staf.skp_id, "")
    with pytest.raises(AksesDitolak), session_scope(engine) as s:
        penetapan.buka_kembali(s, org.staf, draft_staf.skp_id, "Saya ingin mengubah")
    with session_scope(engine) as s:
        assert jejak_perencanaan(s) == before
    with session_scope(engine) as s:
        penetapan.buka_kembali(s, org.kasubbid, draft_staf.skp_id, "Ada mutasi tugas; sesuaikan RHK 1.")
    skp = _skp(engine, draft_staf.skp_id)
    assert (skp.status, skp.catatan_atasan, skp.ditetapkan_oleh_id) == (
        S.DRAFT,
        "Ada mutasi tugas; sesuaikan RHK 1.",
        None,
    )
    assert _audit(engine, "buka_kembali") == [
        (
            org.kasubbid.nip,
            {"status": "Ditetapkan", "catatan_atasan": "Sudah sesuai."},
            {"status": "Draft", "catatan_atasan": "Ada mutasi tugas; sesuaikan RHK 1."},
        )
    ]
    with session_scope(engine) as s:  # editable again
        rencana_skp.ubah_rhk(s, org.staf, draft_staf.rhk_ids[0], "Tersusunnya dokumen kerja baru", "Utama")


def test_pilih_bawahan_lists_the_skp_that_name_the_actor_as_penilai(engine, org, draft_staf):
    with session_scope(engine) as s:
        build_skp(s, org.kabid, TAHUN)  # kabid's penilai is kepala, not kasubbid
        penetapan.ajukan_draft(s, org.staf, draft_staf.skp_id)
    with session_scope(engine) as s:
        rows = penetapan.daftar_bawahan(s, org.kasubbid)
    assert [(r.nama, r.status) for r in rows] == [("Staf Uji", S.DIAJUKAN)]
    with session_scope(engine) as s:
        assert [r.nama for r in penetapan.daftar_bawahan(s, org.kepala)] == ["Kabid Uji"]
        assert penetapan.daftar_bawahan(s, org.staf) == []


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("peran", list(Peran))
def test_the_actions_a_role_may_choose_follow_the_transition_table(status, peran):
    bisa = penetapan.aksi_tersedia(status, peran)
    assert bisa == [a for a in Aksi if (status, a, peran) in EXPECTED]
    for aksi in bisa:
        assert transisi(status, aksi, peran) == EXPECTED[(status, aksi, peran)]
