"""A small organisation built by hand, with names the tests can speak about."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from db.enums import Aspek, JenisJabatan, JenisRHK, StatusSKP
from db.models import IndikatorKinerja, Pegawai, RencanaHasilKerja, TargetBulanan
from db.models.base import utcnow
from services import auth, organisasi
from services import periode as periode_service
from services.access import Actor

PASSWORD = "rahasia-uji-123"


@dataclass
class Org:
    """Ids of the people of the test organisation, and their Actors."""

    kabupaten: int
    bkpsdm: int
    bidang: int
    dinkes: int
    admin: Actor
    bupati: Actor      # top of the hierarchy, pimpinan of the whole kabupaten
    kepala: Actor      # JPT, kepala BKPSDM, pimpinan of BKPSDM
    kabid: Actor       # Administrator under kepala
    kasubbid: Actor    # Pengawas under kabid
    staf: Actor        # Pelaksana under kasubbid
    fungsional: Actor  # Fungsional under kabid
    kadinkes: Actor    # JPT of another OPD (pimpinan of Dinkes)
    perawat: Actor     # Fungsional under kadinkes


_n = 0


def make_pegawai(s: Session, nama: str, jabatan: str, jenis: JenisJabatan, unit_id: int,
                 atasan: Pegawai | None = None, **kw) -> Pegawai:
    global _n
    _n += 1
    p = Pegawai(nip=kw.pop("nip", None) or f"1980010120{_n:06d}1001"[:18], nama=nama, jabatan=jabatan,
                jenis_jabatan=jenis, unit_kerja_id=unit_id, atasan=atasan, tpp_pokok=kw.pop("tpp_pokok", 3_000_000),
                **kw)
    s.add(p)
    s.flush()
    auth.create_account(s, p, password=PASSWORD, must_change=False)
    s.flush()
    return p


def build_org(s: Session) -> Org:
    kab = organisasi.create_unit(s, "Pemerintah Kabupaten Uji")
    bkpsdm = organisasi.create_unit(s, "BKPSDM Uji", kab)
    bidang = organisasi.create_unit(s, "Bidang Mutasi Uji", bkpsdm)
    dinkes = organisasi.create_unit(s, "Dinas Kesehatan Uji", kab)
    admin = make_pegawai(s, "Admin Uji", "Analis SDM", JenisJabatan.PELAKSANA, bkpsdm.id, is_admin=True)
    bupati = make_pegawai(s, "Bupati Uji", "Bupati", JenisJabatan.JPT, kab.id, is_pimpinan=True)
    kepala = make_pegawai(s, "Kepala Uji", "Kepala BKPSDM", JenisJabatan.JPT, bkpsdm.id, bupati, is_pimpinan=True)
    kabid = make_pegawai(s, "Kabid Uji", "Kepala Bidang Mutasi", JenisJabatan.ADMINISTRATOR, bidang.id, kepala)
    kasubbid = make_pegawai(s, "Kasubbid Uji", "Kepala Subbidang", JenisJabatan.PENGAWAS, bidang.id, kabid)
    staf = make_pegawai(s, "Staf Uji", "Pengelola Data", JenisJabatan.PELAKSANA, bidang.id, kasubbid)
    fungsional = make_pegawai(s, "Fungsional Uji", "Analis Kepegawaian Ahli Muda", JenisJabatan.FUNGSIONAL,
                              bidang.id, kabid)
    kadinkes = make_pegawai(s, "Kadinkes Uji", "Kepala Dinas Kesehatan", JenisJabatan.JPT, dinkes.id, bupati,
                            is_pimpinan=True)
    perawat = make_pegawai(s, "Perawat Uji", "Perawat Ahli Pertama", JenisJabatan.FUNGSIONAL, dinkes.id, kadinkes)
    return Org(kab.id, bkpsdm.id, bidang.id, dinkes.id, *(Actor.of(p) for p in (
        admin, bupati, kepala, kabid, kasubbid, staf, fungsional, kadinkes, perawat)))


@dataclass
class SkpUji:
    """Ids of an SKP built by :func:`build_skp`."""

    periode_id: int
    skp_id: int
    rhk_ids: list[int]
    indikator_ids: list[int]


def build_skp(s: Session, actor: Actor, tahun: int, status: StatusSKP = StatusSKP.DITETAPKAN,
              rhk: int = 2, indikator: int = 1, target: int = 12,
              rhk_atasan_ids: list[int] | None = None) -> SkpUji:
    """A whole-year period with an SKP: ``rhk`` RHK (Utama), each with ``indikator`` Kuantitas IKI of
    ``target`` Dokumen spread evenly over the 12 months (target must be a multiple of 12 for that), in
    ``status`` (Ditetapkan by the period's penilai by default)."""
    periode = periode_service.create(s, actor, tahun)
    skp = periode_service.skp_of(s, periode.id)
    rhk_ids, indikator_ids = [], []
    for r in range(rhk):
        atasan_rhk = rhk_atasan_ids[r % len(rhk_atasan_ids)] if rhk_atasan_ids else None
        row = RencanaHasilKerja(skp_id=skp.id, teks=f"Terlaksananya tugas {r + 1} {actor.nama}",
                                jenis=JenisRHK.UTAMA, rhk_atasan_id=atasan_rhk)
        s.add(row)
        s.flush()
        rhk_ids.append(row.id)
        for i in range(indikator):
            iki = IndikatorKinerja(rhk_id=row.id, teks=f"Jumlah dokumen {r + 1}.{i + 1} yang diselesaikan",
                                   aspek=Aspek.KUANTITAS, target=Decimal(target), satuan="Dokumen")
            iki.target_bulanan = [TargetBulanan(bulan=b, target=Decimal(target) / 12) for b in range(1, 13)]
            s.add(iki)
            s.flush()
            indikator_ids.append(iki.id)
    skp.status = status
    if status == StatusSKP.DITETAPKAN:
        skp.ditetapkan_oleh_id = periode.penilai_id
        skp.ditetapkan_at = utcnow()
    s.flush()
    return SkpUji(periode.id, skp.id, rhk_ids, indikator_ids)
