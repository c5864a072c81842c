"""Who may validate what on each date around a Plt range (issue #14 point 6; docs/domain.md §8.11, §8.30).

kasubbid is Plt of kabid's post from 10 to 20 March 2026 (SK 800/7/2026). Two activities of 5 March wait: one
of fungsional and one of kasubbid himself — both periods name kabid as penilai. Each cell validates one of them
through services/aktivitas/validasi.py with today pinned to the column's date: V = validated (Tervalidasi), - =
refused (AksesDitolak, nothing changed)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from db.enums import JenisPenugasan, StatusAktivitas
from db.models import AktivitasHarian, AuditLog
from db.session import session_scope
from services.aktivitas import validasi
from services.organisasi import plt
from services.organisasi.plt import PenugasanInput
from services.pimpinan import beranda
from services.platform.errors import AksesDitolak
from services.platform.kalender import hari_ini
from tests.factories import add_aktivitas, build_skp

M, T, D = StatusAktivitas.MENUNGGU, StatusAktivitas.TERVALIDASI, StatusAktivitas.DITOLAK
SK = "800/7/2026"
TANGGAL = [date(2026, 3, 9), date(2026, 3, 10), date(2026, 3, 15), date(2026, 3, 20), date(2026, 3, 21)]
#   (actor, whose activity):      9 Mar  10 Mar  15 Mar  20 Mar  21 Mar   (day before, first, inside, last, after)
TABEL = {
    ("kasubbid", "fungsional"): "-      V      V      V      -",  # the Plt, on the represented pejabat's bawahan
    ("kabid", "fungsional"): "V      V      V      V      V",  # the definitive pejabat keeps their own rights
    ("perawat", "fungsional"): "-      -      -      -      -",  # an unrelated pegawai
    ("kasubbid", "kasubbid"): "-      -      -      -      -",  # the Plt on their own activity
    ("kabid", "kasubbid"): "V      V      V      V      V",  # … which their definitive penilai still validates
}
SEL = [
    (aktor, pemilik, t, hasil) for (aktor, pemilik), baris in TABEL.items() for t, hasil in zip(TANGGAL, baris.split())
]


def _penugasan(org, mulai: date, akhir: date) -> PenugasanInput:
    return PenugasanInput(org.kasubbid.pegawai_id, JenisPenugasan.PLT, org.kabid.pegawai_id, None, mulai, akhir, SK)


@pytest.fixture
def aktivitas(engine, org):
    """The assignment and the two waiting activities of 5 March 2026: {owner: activity id}."""
    with session_scope(engine) as s:
        plt.tambah(s, org.admin, _penugasan(org, TANGGAL[1], TANGGAL[3]), date(2026, 3, 1))
        return {
            nama: add_aktivitas(
                s, getattr(org, nama), build_skp(s, getattr(org, nama), 2026), date(2026, 3, 5), "08:00", "09:00", M
            ).id
            for nama in ("fungsional", "kasubbid")
        }


@pytest.mark.parametrize("aktor, pemilik, tanggal, hasil", SEL, ids=[f"{a}-{p}-{t:%d%b}" for a, p, t, _ in SEL])
def test_who_validates_what_around_a_plt_range(engine, org, aktivitas, aktor, pemilik, tanggal, hasil):
    actor, aid = getattr(org, aktor), aktivitas[pemilik]
    with session_scope(engine) as s:
        if hasil == "V":
            assert validasi.validasi(s, actor, aid, tanggal) == 1
        else:
            sendiri = aktor == pemilik and TANGGAL[1] <= tanggal <= TANGGAL[3]
            with pytest.raises(AksesDitolak, match="Anda sendiri" if sendiri else "atasan langsung"):
                validasi.validasi(s, actor, aid, tanggal)
    with session_scope(engine, readonly=True) as s:
        assert s.get(AktivitasHarian, aid).status == (T if hasil == "V" else M)
        sesudah = s.scalar(select(AuditLog.sesudah).where(AuditLog.aksi == "validasi_aktivitas"))
    if hasil == "V":
        tanda = {k: v for k, v in json.loads(sesudah).items() if k in ("sebagai", "mewakili", "nomor_sk")}
        assert tanda == (
            {"sebagai": "Plt", "mewakili": f"{org.kabid.nip} Kabid Uji", "nomor_sk": SK} if aktor == "kasubbid" else {}
        )
    else:
        assert sesudah is None


def test_a_plt_rejects_marked_in_the_audit(engine, org, aktivitas):
    with session_scope(engine) as s:
        validasi.tolak(s, org.kasubbid, aktivitas["fungsional"], "Uraian kurang jelas", TANGGAL[2])
    with session_scope(engine, readonly=True) as s:
        assert s.get(AktivitasHarian, aktivitas["fungsional"]).status == D
        sesudah = json.loads(s.scalar(select(AuditLog.sesudah).where(AuditLog.aksi == "tolak_aktivitas")))
        assert (sesudah["sebagai"], sesudah["nomor_sk"]) == ("Plt", SK)


def test_the_plt_lists_the_bawahan_but_never_themselves(engine, org):
    """Pilih Pegawai, the waiting rows and the Beranda read today: an assignment around the pinned clock's today
    lists fungsional for kasubbid (beside his own bawahan staf), never kasubbid's own rows; after the
    assignment is revoked only staf remains."""
    hari = hari_ini()
    with session_scope(engine) as s:
        pid = plt.tambah(s, org.admin, _penugasan(org, hari - timedelta(days=3), hari + timedelta(days=3)), hari).id
        for nama in ("fungsional", "kasubbid", "staf"):
            actor = getattr(org, nama)
            add_aktivitas(s, actor, build_skp(s, actor, hari.year), hari, "08:00", "09:00", M)
    with session_scope(engine) as s:
        assert {b.nama: b.menunggu for b in validasi.bawahan_list(s, org.kasubbid)} == {
            "Fungsional Uji": 1,
            "Staf Uji": 1,
        }
        assert len(validasi.daftar_menunggu(s, org.kasubbid, org.fungsional.pegawai_id)) == 1
        with pytest.raises(AksesDitolak):
            validasi.daftar_menunggu(s, org.kasubbid, org.kasubbid.pegawai_id)
        tugas = beranda.tugas_atasan(s, org.kasubbid)
        assert sorted(n.nama for n in tugas.aktivitas_menunggu) == ["Fungsional Uji", "Staf Uji"]
        plt.cabut(s, org.admin, pid)
    with session_scope(engine) as s:
        assert [b.nama for b in validasi.bawahan_list(s, org.kasubbid)] == ["Staf Uji"]
        with pytest.raises(AksesDitolak):
            validasi.daftar_menunggu(s, org.kasubbid, org.fungsional.pegawai_id)
