"""The synthetic kabupaten's organisation: the 5-level unit tree and its pegawai, built in pure Python
with ids chosen here (heads before their staff), and their bulk load with one shared password hash.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Connection

from db import bulk
from db.bulk import tabel
from db.enums import JenisJabatan, SumberTppPokok
from db.models import Akun, Pegawai, TppPokokRiwayat, UnitKerja
from services.contoh.sintetis_kosakata import (
    BIDANG,
    FUNGSIONAL,
    GELAR,
    KABUPATEN,
    LAHIR,
    NAMA_BELAKANG,
    NAMA_DEPAN_L,
    NAMA_DEPAN_P,
    OPD_NAMA,
    PANGKAT,
    PELAKSANA,
    RHK_BAWAHAN,
    RHK_PER_SKP,
    SEKSI,
    SUBBIDANG,
    TPP,
    TPP_SEKDA,
    J,
)
from services.organisasi.tpp_pokok import AWAL

MAX_OPD = 38  # the Sekda's bawahan stay under 40
PEGAWAI_PER_OPD = 300
PEGAWAI_PER_UNIT = 30


@dataclass
class Unit:
    id: int
    nama: str
    induk_id: int | None
    path: str
    level: int
    kepala_jabatan: str
    jenis_kepala: JenisJabatan


@dataclass
class Peg:
    id: int
    nip: str
    nama: str
    jabatan: str
    jenis: JenisJabatan
    pangkat: str
    unit: Unit
    atasan_id: int | None
    tpp: int
    depth: int
    tier: int = 1  # 0 rendah, 1 sedang, 2 tinggi (realisasi, minutes, ratings)
    is_admin: bool = False
    is_pimpinan: bool = False
    rhk_template: tuple[int, ...] = ()  # for non-JPT: index into RHK_BAWAHAN per RHK


class Builder:
    """Units and pegawai of the kabupaten, in depth-first order (heads before their staff)."""

    def __init__(self, rng: random.Random, n_pegawai: int):
        self.rng = rng
        self.units: list[Unit] = []
        self.pegawai: list[Peg] = []
        self._nips: set[str] = set()
        n_opd = max(1, min(MAX_OPD, round(n_pegawai / PEGAWAI_PER_OPD)))
        root = self._unit(KABUPATEN, None, "Sekretaris Daerah Kabupaten Bondowoso", J.JPT)
        sekda = self._person(root, None, J.JPT, root.kepala_jabatan, depth=0, tpp=TPP_SEKDA)
        sekda.is_pimpinan = True
        rest = n_pegawai - 1
        for o in range(n_opd):
            size = rest // n_opd + (1 if o < rest % n_opd else 0)
            self._opd(o, size, root, sekda)
        admins = [
            p
            for p in self.pegawai
            if p.unit.level >= 1 and p.jenis in (J.PELAKSANA, J.FUNGSIONAL) and self._opd_of(p.unit) == self.units[1].id
        ][:3]
        for p in admins:
            p.is_admin = True

    def _opd_of(self, unit: Unit) -> int:
        return int(unit.path.split("/")[2])

    def _unit(self, nama: str, induk: Unit | None, kepala: str, jenis: JenisJabatan) -> Unit:
        uid = len(self.units) + 1
        unit = Unit(
            uid,
            nama,
            induk.id if induk else None,
            f"{induk.path if induk else '/'}{uid}/",
            0 if induk is None else induk.level + 1,
            kepala,
            jenis,
        )
        self.units.append(unit)
        return unit

    def _opd(self, o: int, size: int, root: Unit, sekda: Peg) -> None:
        nama = OPD_NAMA[o] if o < len(OPD_NAMA) else f"UPT Daerah Wilayah {o - len(OPD_NAMA) + 1}"
        kepala = (
            f"Camat {nama.removeprefix('Kecamatan ')}"
            if nama.startswith("Kecamatan ")
            else "Inspektur Daerah"
            if nama.startswith("Inspektorat")
            else "Direktur " + nama
            if nama.startswith("Rumah Sakit")
            else "Sekretaris DPRD"
            if nama == "Sekretariat DPRD"
            else f"Kepala {nama}"
        )
        # 1 + 5b units per OPD (b bidang, each with 2 subbidang, each with 1 seksi): ~1 per 30 pegawai.
        bidang = max(1, min(len(BIDANG), round((size / PEGAWAI_PER_UNIT - 1) / 5)))
        while bidang > 1 and 1 + 5 * bidang > size // 3:
            bidang -= 1
        opd = self._unit(nama, root, kepala, J.JPT)
        tree: list[tuple[Unit, int]] = [(opd, 1)]
        for b in range(bidang):
            unit_b = self._unit(f"Bidang {BIDANG[b]} {nama}", opd, "", J.ADMINISTRATOR)
            unit_b.kepala_jabatan = f"Kepala {unit_b.nama}"
            tree.append((unit_b, 2))
            for sub in SUBBIDANG:
                unit_s = self._unit(f"Subbidang {sub} pada {unit_b.nama}", unit_b, "", J.PENGAWAS)
                unit_s.kepala_jabatan = f"Kepala Subbidang {sub} Bidang {BIDANG[b]}"
                tree.append((unit_s, 3))
                unit_k = self._unit(f"Seksi {SEKSI} pada {unit_s.nama}", unit_s, "", J.PENGAWAS)
                unit_k.kepala_jabatan = f"Kepala Seksi {SEKSI} Subbidang {sub}"
                tree.append((unit_k, 4))
        staff_total = max(0, size - len(tree))
        staff = [staff_total // len(tree) + (1 if i < staff_total % len(tree) else 0) for i in range(len(tree))]
        heads: dict[int, Peg] = {}
        for (unit, depth), n_staff in zip(tree, staff):
            # Every unit of an OPD has a parent: the root (the Sekda's) or one headed earlier in the tree.
            atasan = sekda if unit.induk_id is None or unit.induk_id == sekda.unit.id else heads[unit.induk_id]
            head = self._person(unit, atasan, unit.jenis_kepala, unit.kepala_jabatan, depth)
            heads[unit.id] = head
            if depth == 1:
                head.is_pimpinan = True
            for _ in range(n_staff):
                jenis = J.FUNGSIONAL if self.rng.random() < 0.55 else J.PELAKSANA
                jabatan = self.rng.choice(FUNGSIONAL if jenis == J.FUNGSIONAL else PELAKSANA)
                self._person(unit, head, jenis, jabatan, depth + 1)

    def _person(
        self, unit: Unit, atasan: Peg | None, jenis: JenisJabatan, jabatan: str, depth: int, tpp: int | None = None
    ) -> Peg:
        rng = self.rng
        laki = rng.random() < 0.55
        nama = f"{rng.choice(NAMA_DEPAN_L if laki else NAMA_DEPAN_P)} {rng.choice(NAMA_BELAKANG)}"
        if rng.random() < 0.6 or jenis in (J.JPT, J.ADMINISTRATOR):
            nama += ", " + rng.choice(GELAR)
        pid = len(self.pegawai) + 1
        p = Peg(
            pid,
            self._nip(jenis, laki),
            nama,
            jabatan,
            jenis,
            rng.choice(PANGKAT[jenis]),
            unit,
            atasan.id if atasan else None,
            tpp or rng.choice(TPP[jenis]),
            depth,
        )
        r = rng.random()
        p.tier = 2 if r < 0.2 else 0 if r > 0.9 else 1
        if jenis != J.JPT:
            first = rng.randrange(len(RHK_BAWAHAN))
            p.rhk_template = tuple((first + k) % len(RHK_BAWAHAN) for k in range(RHK_PER_SKP))
        self.pegawai.append(p)
        return p

    def _nip(self, jenis: JenisJabatan, laki: bool) -> str:
        """yyyymmdd lahir + yyyymm TMT CPNS + jenis kelamin + urut (3 digits): 18 digits, unique."""
        rng = self.rng
        low, high = LAHIR[jenis]
        lahir = date(rng.randint(low, high), rng.randint(1, 12), rng.randint(1, 28))
        tmt_year = min(2024, lahir.year + rng.randint(22, 30))
        prefix = f"{lahir:%Y%m%d}{tmt_year}{rng.randint(1, 12):02d}{1 if laki else 2}"
        for urut in range(1, 1000):
            nip = f"{prefix}{urut:03d}"
            if nip not in self._nips:
                self._nips.add(nip)
                return nip
        raise AssertionError("NIP space exhausted")  # pragma: no cover - 999 people born the same day


def load_organisation(conn: Connection, org: Builder, shared_hash: str) -> int:
    bulk.bulk_insert(
        conn,
        tabel(UnitKerja),
        ("id", "nama", "induk_id", "path", "level"),
        ((u.id, u.nama, u.induk_id, u.path, u.level) for u in org.units),
    )
    bulk.bulk_insert(
        conn,
        tabel(Pegawai),
        (
            "id",
            "nip",
            "nama",
            "jabatan",
            "jenis_jabatan",
            "pangkat_golongan",
            "unit_kerja_id",
            "atasan_id",
            "pimpinan_unit_kerja_mandiri",
            "tpp_pokok",
            "is_admin",
            "is_pimpinan",
            "aktif",
            "version_id",
        ),
        (
            (
                p.id,
                p.nip,
                p.nama,
                p.jabatan,
                p.jenis.value,
                p.pangkat,
                p.unit.id,
                p.atasan_id,
                False,
                p.tpp,
                p.is_admin,
                p.is_pimpinan,
                True,
                1,
            )
            for p in org.pegawai
        ),
    )
    bulk.bulk_insert(
        conn,
        tabel(Akun),
        ("id", "pegawai_id", "password_hash", "must_change_password", "failed_attempts"),
        ((p.id, p.id, shared_hash, False, 0) for p in org.pegawai),
    )
    # Each pokok in force since always (docs/domain.md §8.26); the money reads this history.
    sekarang = datetime.now(UTC)
    bulk.bulk_insert(
        conn,
        tabel(TppPokokRiwayat),
        ("id", "pegawai_id", "berlaku_mulai", "jumlah", "sumber", "dibuat_pada"),
        ((p.id, p.id, AWAL, p.tpp, SumberTppPokok.AWAL.value, sekarang) for p in org.pegawai if p.tpp),
    )
    return len(org.units)
