"""The penilai comes from the organisation (docs/domain.md §8.3, issue #17): a pegawai chooses only a holder
of a higher jabatan in their own unit chain (or the atasan the organisation's data gives them); no peer, no
bawahan, no one outside the chain — anyone else is an audited refusal and a request the admin decides."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from db.enums import JenisJabatan, StatusAktivitas, StatusPerubahanPenilai, StatusSKP
from db.models import SKP, AktivitasHarian, AuditLog, Pegawai, PeriodeSKP, PerubahanPenilai
from db.session import session_scope
from services.aktivitas import capaian, validasi
from services.organisasi import penilai, periode, permintaan_penilai, struktur
from services.perencanaan import penetapan
from services.platform.access import Actor
from services.platform.errors import AksesDitolak, ValidationError
from tests.factories import add_aktivitas, build_skp, make_pegawai, setel_tpp_pokok

TODAY = date(2026, 7, 15)

#: who may be chosen, worked out from tests/factories.build_org: Kabupaten (bupati, JPT) → BKPSDM (kepala JPT,
#: admin Pelaksana) → Bidang Mutasi (kabid Administrator, kasubbid Pengawas, staf Pelaksana, fungsional);
#: Kabupaten → Dinas Kesehatan (kadinkes JPT, perawat Fungsional).
BOLEH = {
    "staf": {"kasubbid", "kabid", "kepala", "bupati"},
    "fungsional": {"kasubbid", "kabid", "kepala", "bupati"},
    "kasubbid": {"kabid", "kepala", "bupati"},
    "kabid": {"kepala", "bupati"},
    "kepala": {"bupati"},  # a JPT: the JPT of a unit strictly above
    "kadinkes": {"bupati"},
    "perawat": {"kadinkes", "bupati"},
    "admin": {"kepala", "bupati"},
    "bupati": set(),  # the top of the tree: nobody above
}
SEMUA = sorted(BOLEH)


def _pid(engine, actor) -> int:
    with session_scope(engine) as s:
        return periode.tambah(s, actor, 2026).id


@pytest.mark.parametrize("owner", SEMUA)
def test_the_list_offers_exactly_the_pejabat_above_in_the_chain(engine, org, owner):
    pid = _pid(engine, getattr(org, owner))
    with session_scope(engine) as s:
        names = {p.nama for p in penilai.calon_penilai(s, getattr(org, owner), pid)}
    assert names == {getattr(org, n).nama for n in BOLEH[owner]}


@pytest.mark.parametrize("owner", SEMUA)
def test_no_peer_bawahan_or_outsider_can_be_made_penilai(engine, org, owner):
    """Every other pegawai of the organisation, tried one by one: refused and nothing changes."""
    actor = getattr(org, owner)
    pid = _pid(engine, actor)
    for other in SEMUA:
        if other == owner or other in BOLEH[owner]:
            continue
        with session_scope(engine) as s:
            before = (s.get(PeriodeSKP, pid).penilai_id, s.get(Pegawai, actor.pegawai_id).atasan_id)
        with pytest.raises((AksesDitolak, ValidationError)):
            with session_scope(engine) as s:
                penilai.ganti_penilai(s, actor, pid, getattr(org, other).pegawai_id, today=TODAY)
        with session_scope(engine) as s:
            assert (s.get(PeriodeSKP, pid).penilai_id, s.get(Pegawai, actor.pegawai_id).atasan_id) == before, other
    for allowed in sorted(BOLEH[owner]):
        with session_scope(engine) as s:
            penilai.ganti_penilai(s, actor, pid, getattr(org, allowed).pegawai_id, today=TODAY)
        with session_scope(engine) as s:
            assert s.get(PeriodeSKP, pid).penilai_id == getattr(org, allowed).pegawai_id


def test_the_atasan_from_the_organisation_data_is_always_offered(engine, org):
    """An atasan set by the admin's import outside the unit chain stays choosable (it is the organisation's
    data, not the pegawai's choice)."""
    with session_scope(engine) as s:
        s.get(Pegawai, org.perawat.pegawai_id).atasan_id = org.kepala.pegawai_id
    pid = _pid(engine, org.perawat)
    with session_scope(engine) as s:
        assert "Kepala Uji" in {p.nama for p in penilai.calon_penilai(s, org.perawat, pid)}


@pytest.fixture
def rekan(engine, org) -> Actor:
    """A Pelaksana colleague in another bidang of BKPSDM."""
    with session_scope(engine) as s:
        bidang_lain = struktur.tambah_unit(s, "Bidang Pengembangan Uji", struktur.unit_by_name(s, "BKPSDM Uji"))
        return Actor.of(
            make_pegawai(s, "Rekan Bidang Lain", "Pengelola Diklat", JenisJabatan.PELAKSANA, bidang_lain.id)
        )


def test_the_attack_a_chosen_colleague_yields_rp0(engine, org, rekan):
    """Issue #17's attack: staf names a Pelaksana of another bidang as penilai → refused and audited; the
    colleague then can neither ditetapkan staf's SKP nor validate staf's July activities, and staf's July
    TPP produktivitas stays Rp0."""
    with session_scope(engine) as s:
        setel_tpp_pokok(s, org.staf.pegawai_id, 2_500_000)
        skp = build_skp(s, org.staf, 2026, status=StatusSKP.DRAFT)
    with pytest.raises(AksesDitolak, match="^Rekan Bidang Lain bukan pejabat di atas Anda"):
        with session_scope(engine) as s:
            penilai.ganti_penilai(s, org.staf, skp.periode_id, rekan.pegawai_id, today=TODAY)
    with session_scope(engine) as s:
        assert s.get(PeriodeSKP, skp.periode_id).penilai_id == org.kasubbid.pegawai_id
        assert s.get(Pegawai, org.staf.pegawai_id).atasan_id == org.kasubbid.pegawai_id
        [ditolak] = s.scalars(select(AuditLog).where(AuditLog.aksi == "ganti_penilai_ditolak")).all()
        assert (ditolak.actor_id, json.loads(ditolak.sesudah)["diminta"]) == (
            org.staf.pegawai_id,
            {"penilai_id": rekan.pegawai_id},
        )
        assert s.scalar(select(func.count()).select_from(PerubahanPenilai)) == 0
        s.get(SKP, skp.skp_id).status = StatusSKP.DIAJUKAN  # staf submits it anyway
        # 1 July 2026 (a Wednesday) and every hari kerja after it up to today: 07:30–16:00 logged, waiting.
        for d in (1, 2, 3, 6, 7, 8, 9, 10, 13, 14, 15):
            add_aktivitas(s, org.staf, skp, date(2026, 7, d), "07:30", "16:00", StatusAktivitas.MENUNGGU)
    with pytest.raises(AksesDitolak), session_scope(engine) as s:
        penetapan.proses_penetapan(s, rekan, skp.skp_id, penetapan.Aksi.TETAPKAN.value, None)
    with session_scope(engine) as s:
        ids = list(s.scalars(select(AktivitasHarian.id).where(AktivitasHarian.pegawai_id == org.staf.pegawai_id)))
    with pytest.raises(AksesDitolak), session_scope(engine) as s:
        validasi.validasi_semua(s, rekan, ids, today=TODAY)
    with session_scope(engine, readonly=True) as s:
        assert s.get(SKP, skp.skp_id).status == StatusSKP.DIAJUKAN
        bulan = capaian.capaian_pegawai(s, org.staf, org.staf.pegawai_id, 2026, 7)
    # 0 menit tervalidasi → capaian 0.00 % → 0 × 60 % × Rp2.500.000 = Rp0 (the attack gave 100.00 % and
    # 100 % × 60 % × Rp2.500.000 = Rp1.500.000).
    assert (bulan.menit_tervalidasi, bulan.capaian_persen, bulan.tpp_produktivitas) == (0, 0, 0)
    assert bulan.tpp_pokok == 2_500_000


# --- requests to the admin --------------------------------------------------------------------------------


def test_a_request_takes_effect_only_when_the_admin_approves(engine, org):
    pid = _pid(engine, org.kabid)
    with session_scope(engine) as s:
        req = permintaan_penilai.ajukan(
            s, org.kabid, pid, org.kadinkes.pegawai_id, "Penugasan lintas OPD sesuai SK Bupati 12/2026"
        ).id
    with session_scope(engine) as s:
        assert s.get(PeriodeSKP, pid).penilai_id == org.kepala.pegawai_id  # not yet
        [row] = permintaan_penilai.daftar(s, org.admin)
        assert (row.pegawai, row.penilai_baru, row.status) == (
            "Kabid Uji",
            f"Kadinkes Uji ({org.kadinkes.nip})",
            "Menunggu",
        )
        with pytest.raises(AksesDitolak):
            permintaan_penilai.daftar(s, org.kabid)
    with pytest.raises(AksesDitolak), session_scope(engine) as s:
        permintaan_penilai.setujui(s, org.kepala, req)
    with session_scope(engine) as s:
        permintaan_penilai.setujui(s, org.admin, req, "Sesuai SK", today=TODAY)
    with session_scope(engine) as s:
        assert s.get(PeriodeSKP, pid).penilai_id == org.kadinkes.pegawai_id
        assert s.get(Pegawai, org.kabid.pegawai_id).atasan_id == org.kadinkes.pegawai_id
        assert permintaan_penilai.daftar(s, org.admin) == []
        assert [r.status for r in permintaan_penilai.daftar_milik(s, org.kabid)] == ["Disetujui"]
        # Shown to the previous and to the new penilai; not to anyone else.
        for who in (org.kepala, org.kadinkes):
            [p] = penilai.perubahan_terkait(s, who)
            assert (p.pegawai_id, p.penilai_lama_id, p.penilai_baru_id) == (
                org.kabid.pegawai_id,
                org.kepala.pegawai_id,
                org.kadinkes.pegawai_id,
            )
        assert penilai.perubahan_terkait(s, org.bupati) == []
        aksi = list(s.scalars(select(AuditLog.aksi).order_by(AuditLog.id)))
    assert aksi[-4:] == ["ajukan_ganti_penilai", "setujui_ganti_penilai", "ganti_penilai", "ganti_atasan"]
    with pytest.raises(ValidationError, match="^Permintaan ini sudah disetujui.$"), session_scope(engine) as s:
        permintaan_penilai.tolak(s, org.admin, req, "terlambat")


def test_a_refused_request_changes_nothing_and_keeps_the_note(engine, org):
    pid = _pid(engine, org.staf)
    with session_scope(engine) as s:
        req = permintaan_penilai.ajukan(s, org.staf, pid, org.admin.pegawai_id, "Admin membimbing saya langsung").id
    with pytest.raises(ValidationError, match="^Catatan penolakan wajib diisi.$"), session_scope(engine) as s:
        permintaan_penilai.tolak(s, org.admin, req, "  ")
    with session_scope(engine) as s:
        permintaan_penilai.tolak(s, org.admin, req, "Bukan atasan dalam struktur")
    with session_scope(engine) as s:
        assert s.get(PeriodeSKP, pid).penilai_id == org.kasubbid.pegawai_id
        [mine] = permintaan_penilai.daftar_milik(s, org.staf)
        assert (mine.status, mine.catatan_admin) == ("Ditolak", "Bukan atasan dalam struktur")
        assert penilai.perubahan_terkait(s, org.admin) == []
        assert s.scalar(select(AuditLog.aksi).order_by(AuditLog.id.desc())) == "tolak_ganti_penilai"


@pytest.mark.parametrize(
    "choice,alasan,message",
    [
        ("staf", "alasan yang cukup panjang", "Anda tidak dapat menjadi penilai bagi diri sendiri."),
        ("kasubbid", "alasan yang cukup panjang", "Kasubbid Uji sudah menjadi penilai periode ini."),
        ("admin", "pendek", "Alasan paling sedikit 10 karakter: jelaskan mengapa penilai diganti."),
        ("admin", "   ", "Alasan wajib diisi."),
    ],
)
def test_request_refusals(engine, org, choice, alasan, message):
    pid = _pid(engine, org.staf)
    with pytest.raises(ValidationError) as err, session_scope(engine) as s:
        permintaan_penilai.ajukan(s, org.staf, pid, getattr(org, choice).pegawai_id, alasan)
    assert err.value.message == message
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(PerubahanPenilai)) == 0


def test_one_open_request_per_period_and_only_for_oneself(engine, org):
    pid = _pid(engine, org.staf)
    with session_scope(engine) as s:
        permintaan_penilai.ajukan(s, org.staf, pid, org.admin.pegawai_id, "Alasan pertama yang jelas")
    with pytest.raises(ValidationError, match="menunggu keputusan Admin"), session_scope(engine) as s:
        permintaan_penilai.ajukan(s, org.staf, pid, org.perawat.pegawai_id, "Alasan kedua yang jelas")
    with pytest.raises(AksesDitolak), session_scope(engine) as s:
        permintaan_penilai.ajukan(s, org.kasubbid, pid, org.perawat.pegawai_id, "Atas nama staf saya")


def test_a_direct_change_is_shown_to_both_penilai(engine, org):
    pid = _pid(engine, org.staf)
    with session_scope(engine) as s:
        penilai.ganti_penilai(s, org.staf, pid, org.kabid.pegawai_id, today=TODAY)
    with session_scope(engine) as s:
        for who in (org.kasubbid, org.kabid):
            [p] = penilai.perubahan_terkait(s, who)
            assert (p.status, p.penilai_lama_id, p.penilai_baru_id) == (
                StatusPerubahanPenilai.LANGSUNG,
                org.kasubbid.pegawai_id,
                org.kabid.pegawai_id,
            )
