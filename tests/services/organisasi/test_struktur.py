"""The organisation: the unit kerja tree with materialised paths, moving a subtree, the atasan
hierarchy without cycles, and who sees which unit (pimpinan subtree, admin everything)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.models import Pegawai, UnitKerja
from db.session import session_scope
from services.organisasi import struktur as organisasi
from services.platform import access, masa_dinas
from services.platform.errors import AksesDitolak, TidakDitemukan, ValidationError
from services.platform.kalender import hari_ini

TODAY = hari_ini()


def _tree(engine) -> dict[str, tuple[str, int, str | None]]:
    """nama → (path written with names, level, induk's nama)."""
    with session_scope(engine) as s:
        units = {u.id: u for u in s.scalars(select(UnitKerja))}
        return {
            u.nama: (
                "/" + "".join(f"{units[int(i)].nama}/" for i in u.path.strip("/").split("/")),
                u.level,
                u.induk.nama if u.induk else None,
            )
            for u in units.values()
        }


def test_create_unit_builds_paths_and_levels(engine, org):
    with session_scope(engine) as s:
        kab, bkpsdm, bidang, dinkes = (s.get(UnitKerja, i) for i in (org.kabupaten, org.bkpsdm, org.bidang, org.dinkes))
        assert (kab.path, kab.level, kab.induk_id) == (f"/{kab.id}/", 0, None)
        assert (bkpsdm.path, bkpsdm.level, bkpsdm.induk_id) == (f"/{kab.id}/{bkpsdm.id}/", 1, kab.id)
        assert (bidang.path, bidang.level) == (f"/{kab.id}/{bkpsdm.id}/{bidang.id}/", 2)
        assert (dinkes.path, dinkes.level) == (f"/{kab.id}/{dinkes.id}/", 1)
        sub = organisasi.tambah_unit(s, "  Subbidang Mutasi Uji  ", bidang)
        assert (sub.nama, sub.path, sub.level) == ("Subbidang Mutasi Uji", f"{bidang.path}{sub.id}/", 3)
        root = organisasi.tambah_unit(s, "Pemerintah Kota Lain")
        assert (root.path, root.level) == (f"/{root.id}/", 0)
        assert organisasi.unit_by_name(s, "Subbidang Mutasi Uji").id == sub.id
        assert organisasi.unit_by_name(s, "Tidak Ada") is None


@pytest.mark.parametrize(
    "nama,message",
    [
        ("", "Nama unit kerja wajib diisi."),
        ("   ", "Nama unit kerja wajib diisi."),
        (None, "Nama unit kerja wajib diisi."),
        ("BKPSDM Uji", "Unit kerja 'BKPSDM Uji' sudah ada."),
        ("  Dinas Kesehatan Uji ", "Unit kerja 'Dinas Kesehatan Uji' sudah ada."),
    ],
)
def test_create_unit_refusals_change_nothing(engine, org, nama, message):
    with session_scope(engine) as s:
        before = s.scalar(select(func.count()).select_from(UnitKerja))
    with pytest.raises(ValidationError) as err:
        with session_scope(engine) as s:
            organisasi.tambah_unit(s, nama, s.get(UnitKerja, org.kabupaten))
    assert err.value.message == message
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(UnitKerja)) == before


def _deep_bidang(engine, org) -> None:
    """Bidang Mutasi gets a subbidang with a seksi under it (levels 3 and 4)."""
    with session_scope(engine) as s:
        sub = organisasi.tambah_unit(s, "Subbidang Uji", s.get(UnitKerja, org.bidang))
        organisasi.tambah_unit(s, "Seksi Uji", sub)


def test_move_unit_rewrites_the_whole_subtree(engine, org):
    _deep_bidang(engine, org)
    with session_scope(engine) as s:
        organisasi.move_unit(s, s.get(UnitKerja, org.bidang), s.get(UnitKerja, org.dinkes))
    tree = _tree(engine)
    K, D = "Pemerintah Kabupaten Uji", "Dinas Kesehatan Uji"
    assert tree == {
        K: (f"/{K}/", 0, None),
        "BKPSDM Uji": (f"/{K}/BKPSDM Uji/", 1, K),
        D: (f"/{K}/{D}/", 1, K),
        "Bidang Mutasi Uji": (f"/{K}/{D}/Bidang Mutasi Uji/", 2, D),
        "Subbidang Uji": (f"/{K}/{D}/Bidang Mutasi Uji/Subbidang Uji/", 3, "Bidang Mutasi Uji"),
        "Seksi Uji": (f"/{K}/{D}/Bidang Mutasi Uji/Subbidang Uji/Seksi Uji/", 4, "Subbidang Uji"),
    }
    with session_scope(engine) as s:
        assert set(access.subtree_unit_ids(s, org.bkpsdm)) == {org.bkpsdm}
        assert len(access.subtree_unit_ids(s, org.dinkes)) == 4


def test_move_unit_deeper_and_to_the_root(engine, org):
    _deep_bidang(engine, org)
    with session_scope(engine) as s:
        # BKPSDM (with bidang, subbidang, seksi) goes under Dinkes: every level + 1.
        organisasi.move_unit(s, s.get(UnitKerja, org.bkpsdm), s.get(UnitKerja, org.dinkes))
    assert {n: lvl for n, (_p, lvl, _i) in _tree(engine).items()} == {
        "Pemerintah Kabupaten Uji": 0,
        "Dinas Kesehatan Uji": 1,
        "BKPSDM Uji": 2,
        "Bidang Mutasi Uji": 3,
        "Subbidang Uji": 4,
        "Seksi Uji": 5,
    }
    with session_scope(engine) as s:
        # Subbidang becomes a root of its own: levels drop by 4.
        organisasi.move_unit(s, organisasi.unit_by_name(s, "Subbidang Uji"), None)
    tree = _tree(engine)
    assert tree["Subbidang Uji"] == ("/Subbidang Uji/", 0, None)
    assert tree["Seksi Uji"] == ("/Subbidang Uji/Seksi Uji/", 1, "Subbidang Uji")
    assert tree["Bidang Mutasi Uji"][1] == 3
    with session_scope(engine) as s:  # moving to where it already is changes nothing
        organisasi.move_unit(s, organisasi.unit_by_name(s, "Subbidang Uji"), None)
    assert _tree(engine) == tree


@pytest.mark.parametrize(
    "unit,induk",
    [
        ("BKPSDM Uji", "Bidang Mutasi Uji"),  # under its child
        ("BKPSDM Uji", "Seksi Uji"),  # under a deeper descendant
        ("Pemerintah Kabupaten Uji", "Dinas Kesehatan Uji"),
        ("Bidang Mutasi Uji", "Bidang Mutasi Uji"),  # under itself
    ],
)
def test_move_unit_under_its_own_descendant_is_refused(engine, org, unit, induk):
    _deep_bidang(engine, org)
    before = _tree(engine)
    with pytest.raises(ValidationError) as err:
        with session_scope(engine) as s:
            organisasi.move_unit(s, organisasi.unit_by_name(s, unit), organisasi.unit_by_name(s, induk))
    assert err.value.message == f"Unit kerja '{induk}' berada di bawah '{unit}'; susunan melingkar ditolak."
    assert _tree(engine) == before


def test_move_does_not_touch_a_unit_whose_id_shares_a_prefix(engine, org):
    """Paths end with '/', so /1/2/ is not a prefix of /1/23/."""
    with session_scope(engine) as s:
        kab = s.get(UnitKerja, org.kabupaten)
        units = [organisasi.tambah_unit(s, f"Kecamatan {i}", kab) for i in range(50)]
        by_id = {u.id: u for u in units}
        prefixed = next(
            (uid, other) for uid in by_id for other in by_id if uid != other and str(other).startswith(str(uid))
        )
        moved, bystander = prefixed
        child = organisasi.tambah_unit(s, "Desa Uji", by_id[moved]).id
        bystander_path = by_id[bystander].path
        organisasi.move_unit(s, by_id[moved], s.get(UnitKerja, org.dinkes))
    with session_scope(engine) as s:
        assert s.get(UnitKerja, bystander).path == bystander_path
        assert s.get(UnitKerja, moved).path == f"/{org.kabupaten}/{org.dinkes}/{moved}/"
        assert s.get(UnitKerja, child).path == f"/{org.kabupaten}/{org.dinkes}/{moved}/{child}/"


@pytest.mark.parametrize(
    "root,names",
    [
        ("kabupaten", {"Pemerintah Kabupaten Uji", "BKPSDM Uji", "Bidang Mutasi Uji", "Dinas Kesehatan Uji"}),
        ("bkpsdm", {"BKPSDM Uji", "Bidang Mutasi Uji"}),
        ("bidang", {"Bidang Mutasi Uji"}),
        ("dinkes", {"Dinas Kesehatan Uji"}),
    ],
)
def test_subtree_unit_ids(engine, org, root, names):
    with session_scope(engine) as s:
        ids = access.subtree_unit_ids(s, getattr(org, root))
        assert {s.get(UnitKerja, i).nama for i in ids} == names and len(ids) == len(names)
        assert access.subtree_unit_ids(s, 999_999) == []


# --- the atasan hierarchy ---------------------------------------------------------------------------


def test_chain_of_atasan_goes_to_the_top(engine, org):
    with session_scope(engine) as s:
        assert organisasi.chain_of_atasan(s, org.staf.pegawai_id) == [
            org.staf.pegawai_id,
            org.kasubbid.pegawai_id,
            org.kabid.pegawai_id,
            org.kepala.pegawai_id,
            org.bupati.pegawai_id,
        ]
        assert organisasi.chain_of_atasan(s, org.bupati.pegawai_id) == [org.bupati.pegawai_id]
        assert organisasi.chain_of_atasan(s, None) == []


def test_chain_of_atasan_ends_even_on_a_loop_already_in_the_data(engine, org):
    with session_scope(engine) as s:  # a loop made behind the services' back (e.g. raw SQL)
        s.get(Pegawai, org.bupati.pegawai_id).atasan_id = org.kabid.pegawai_id
    with session_scope(engine) as s:
        assert organisasi.chain_of_atasan(s, org.staf.pegawai_id) == [
            org.staf.pegawai_id,
            org.kasubbid.pegawai_id,
            org.kabid.pegawai_id,
            org.kepala.pegawai_id,
            org.bupati.pegawai_id,
        ]


@pytest.mark.parametrize(
    "pegawai,new_atasan,cycle",
    [
        ("staf", "kasubbid", False),
        ("staf", "kabid", False),
        ("staf", "kadinkes", False),
        ("staf", None, False),
        ("kabid", "perawat", False),
        ("perawat", "kepala", False),
        ("kepala", "kadinkes", False),
        ("staf", "staf", True),  # oneself
        ("kasubbid", "staf", True),  # direct bawahan
        ("kabid", "kasubbid", True),
        ("kabid", "staf", True),  # staf → kasubbid → kabid
        ("kepala", "staf", True),
        ("bupati", "staf", True),
        ("bupati", "perawat", True),
        ("kadinkes", "perawat", True),
    ],
)
def test_would_create_cycle(engine, org, pegawai, new_atasan, cycle):
    with session_scope(engine) as s:
        new_id = None if new_atasan is None else getattr(org, new_atasan).pegawai_id
        assert organisasi.membentuk_siklus(s, getattr(org, pegawai).pegawai_id, new_id) is cycle


# --- who sees which unit ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who,allowed",
    [
        ("admin", {"kabupaten", "bkpsdm", "bidang", "dinkes"}),
        ("bupati", {"kabupaten", "bkpsdm", "bidang", "dinkes"}),
        ("kepala", {"bkpsdm", "bidang"}),
        ("kadinkes", {"dinkes"}),
        ("kabid", set()),  # an atasan, but not a pimpinan: sees bawahan, not the unit
        ("staf", set()),
        ("perawat", set()),
    ],
)
def test_require_pimpinan_of_unit(engine, org, who, allowed):
    actor = getattr(org, who)
    with session_scope(engine) as s:
        for unit in ("kabupaten", "bkpsdm", "bidang", "dinkes"):
            if unit in allowed:
                access.require_pimpinan_of_unit(s, actor, getattr(org, unit))
            else:
                with pytest.raises(AksesDitolak, match="^Unit kerja ini di luar wewenang Anda.$"):
                    access.require_pimpinan_of_unit(s, actor, getattr(org, unit))


def test_relation_checks(engine, org):
    with session_scope(engine) as s:
        assert access.has_bawahan(s, org.kasubbid.pegawai_id, TODAY) is True
        assert access.has_bawahan(s, org.staf.pegawai_id, TODAY) is False
        assert access.unit_in_subtree(s, org.bkpsdm, org.bidang) is True
        assert access.unit_in_subtree(s, org.bidang, org.bkpsdm) is False
        assert access.unit_in_subtree(s, org.bkpsdm, 999_999) is False
        assert masa_dinas.load_actor(s, org.kabid.pegawai_id) == org.kabid
        with pytest.raises(TidakDitemukan, match="^Pegawai tidak ditemukan.$"):
            access.ambil_pegawai(s, 999_999)
        with pytest.raises(AksesDitolak, match="^Akun tidak aktif.$"):
            masa_dinas.load_actor(s, 999_999)
    access.require_admin(org.admin)
    access.require_self(org.staf, org.staf.pegawai_id)
    access.require_self_or_admin(org.admin, org.staf.pegawai_id)
    with pytest.raises(AksesDitolak, match="^Hanya Admin BKPSDM yang dapat melakukan tindakan ini.$"):
        access.require_admin(org.kepala)
    with pytest.raises(AksesDitolak, match="^Anda hanya dapat mengubah data Anda sendiri.$"):
        access.require_self(org.admin, org.staf.pegawai_id)
    with pytest.raises(AksesDitolak):
        access.require_self_or_admin(org.kasubbid, org.staf.pegawai_id)


def test_an_inactive_pegawai_is_no_longer_an_actor_or_an_atasan(engine, org):
    with session_scope(engine) as s:
        s.get(Pegawai, org.staf.pegawai_id).aktif = False
    with session_scope(engine) as s:
        assert access.has_bawahan(s, org.kasubbid.pegawai_id, TODAY) is False
        with pytest.raises(AksesDitolak, match="^Akun tidak aktif.$"):
            masa_dinas.load_actor(s, org.staf.pegawai_id)


def test_unit_terlihat_admin_all_pimpinan_own_subtree_others_none(engine, org):
    with session_scope(engine) as s:
        assert [u.nama for u in organisasi.unit_terlihat(s, org.kepala)] == ["BKPSDM Uji", "Bidang Mutasi Uji"]
        assert [u.nama for u in organisasi.unit_terlihat(s, org.kadinkes)] == ["Dinas Kesehatan Uji"]
        assert organisasi.unit_terlihat(s, org.staf) == []
        semua = organisasi.unit_terlihat(s, org.admin)
    assert [u.nama for u in semua][0] == "Pemerintah Kabupaten Uji" and len(semua) == 4
