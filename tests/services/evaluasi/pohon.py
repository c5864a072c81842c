"""A three-level tree for the population, annual-predikat and SIASN tests (#15), built by hand:

    Kabupaten Pohon            Bupati (Kepala Daerah), Admin
    └─ Dinas Pohon             Kadis (JPT, pimpinan; penilai Bupati), Sekretaris (Pelaksana; penilai Kadis)
       └─ Bidang Pohon         Kabid (Administrator; penilai Kadis), Analis (Fungsional; penilai Kabid)
          └─ Seksi Pohon       Kasi (Pengawas; penilai Kabid), Operator (Pelaksana; penilai Kasi),
                               Pindah (Pelaksana; penilai Kasi until 14 August, then Bidang under Kabid from 15 August),
                               Pensiun (Pelaksana; penilai Kasi; out of service from 1 December)

Every pegawai but the Bupati and the Admin has a whole-year Periode SKP with a Ditetapkan SKP; Pindah has two
(1 Jan – 14 Aug in Seksi, 15 Aug – 31 Dec in Bidang), both Ditetapkan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from db.enums import JenisJabatan, StatusSKP
from db.models import SKP, Pegawai, PeriodeSKP
from db.models.base import utcnow
from services.organisasi import periode as periode_service
from services.organisasi import struktur
from services.platform.access import Actor
from tests.factories import build_skp, make_pegawai

J = JenisJabatan


@dataclass
class Pohon:
    tahun: int
    unit: dict[str, int]  # "dinas", "bidang", "seksi" → id
    actor: dict[str, Actor]  # by short name
    skp: dict[str, int]  # the (last) SKP of each pegawai; "pindah_awal" for Pindah's first
    periode: dict[str, int]


def bangun(s: Session, tahun: int) -> Pohon:
    kab = struktur.tambah_unit(s, "Kabupaten Pohon")
    dinas = struktur.tambah_unit(s, "Dinas Pohon", kab)
    bidang = struktur.tambah_unit(s, "Bidang Pohon", dinas)
    seksi = struktur.tambah_unit(s, "Seksi Pohon", bidang)
    admin = make_pegawai(s, "Admin Pohon", "Analis SDM", J.PELAKSANA, kab.id, is_admin=True)
    bupati = make_pegawai(s, "Bupati Pohon", "Bupati", J.JPT, kab.id, is_pimpinan=True, is_kepala_daerah=True)
    kadis = make_pegawai(s, "Kadis Pohon", "Kepala Dinas", J.JPT, dinas.id, bupati, is_pimpinan=True)
    sekretaris = make_pegawai(s, "Sekretaris Pohon", "Pengadministrasi Umum", J.PELAKSANA, dinas.id, kadis)
    kabid = make_pegawai(s, "Kabid Pohon", "Kepala Bidang", J.ADMINISTRATOR, bidang.id, kadis)
    analis = make_pegawai(s, "Analis Pohon", "Analis Kebijakan Ahli Muda", J.FUNGSIONAL, bidang.id, kabid)
    kasi = make_pegawai(s, "Kasi Pohon", "Kepala Seksi", J.PENGAWAS, seksi.id, kabid)
    operator = make_pegawai(s, "Operator Pohon", "Operator Layanan", J.PELAKSANA, seksi.id, kasi)
    pindah = make_pegawai(s, "Pindah Pohon", "Pengolah Data", J.PELAKSANA, seksi.id, kasi)
    pensiun = make_pegawai(s, "Pensiun Pohon", "Pengelola Arsip", J.PELAKSANA, seksi.id, kasi)
    people = {
        "admin": admin,
        "bupati": bupati,
        "kadis": kadis,
        "sekretaris": sekretaris,
        "kabid": kabid,
        "analis": analis,
        "kasi": kasi,
        "operator": operator,
        "pindah": pindah,
        "pensiun": pensiun,
    }
    actor = {k: Actor.of(p) for k, p in people.items()}
    skp, periode = {}, {}
    for key in ("kadis", "sekretaris", "kabid", "analis", "kasi", "operator", "pindah", "pensiun"):
        built = build_skp(s, actor[key], tahun, rhk=1)
        skp[key], periode[key] = built.skp_id, built.periode_id
    skp["pindah_awal"], periode["pindah_awal"] = skp["pindah"], periode["pindah"]
    pindah.unit_kerja_id, pindah.atasan_id = bidang.id, kabid.id
    s.flush()
    baru = periode_service.apply_mutasi(s, actor["admin"], pindah, date(tahun, 8, 15)).dibuka
    assert baru is not None, "the mutasi opens a new period"
    skp_baru = periode_service.skp_of(s, baru.id)
    skp_baru.status, skp_baru.ditetapkan_oleh_id, skp_baru.ditetapkan_at = StatusSKP.DITETAPKAN, kabid.id, utcnow()
    skp["pindah"], periode["pindah"] = skp_baru.id, baru.id
    s.get_one(Pegawai, pensiun.id).tanggal_berhenti = date(tahun, 12, 1)
    s.flush()
    return Pohon(tahun, {"dinas": dinas.id, "bidang": bidang.id, "seksi": seksi.id}, actor, skp, periode)


def nama_periode(s: Session, periode_ids) -> set[str]:
    """The short names (as in :func:`bangun`) of the pegawai of these periods."""
    return {s.get_one(PeriodeSKP, pid).pegawai.nama.split()[0].lower() for pid in periode_ids}


def skp_periode(s: Session, skp_id: int) -> PeriodeSKP:
    return s.get_one(SKP, skp_id).periode
