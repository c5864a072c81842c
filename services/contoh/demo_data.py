"""The demo kabupaten's content, read once from ``demo_kabupaten.toml``: units, pegawai and their plans
(Perjanjian Kinerja, RHK, indikator, activity texts), the login list and the texts the seed picks from.

Keeping the content in a data file leaves :mod:`services.contoh.demo` with only the seeding logic; the
NIPs are derived here (birth date + TMT + sex + sequence), so they are fixed by the file's order.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any, NamedTuple

from db.enums import Aspek, JenisJabatan, JenisRHK, Perspektif

DATA_FILE = "demo_kabupaten.toml"


@dataclass(frozen=True)
class Ind:
    """An indikator: sentence, target, satuan, aspek, index into :data:`POLA_PENUGASAN`."""

    teks: str
    target: float
    satuan: str
    aspek: Aspek = Aspek.KUANTITAS
    pola: int = 0


@dataclass(frozen=True)
class PK:
    """A Sasaran Strategis of a Perjanjian Kinerja (JPT / pimpinan unit kerja mandiri)."""

    perspektif: Perspektif
    sasaran: str
    indikator: tuple[Ind, ...]


@dataclass(frozen=True)
class Rhk:
    """A non-JPT RHK: cascades the atasan's RHK number ``intervensi`` (0-based)."""

    intervensi: int
    teks: str
    indikator: tuple[Ind, ...]
    aktivitas: tuple[tuple[str, str], ...]
    jenis: JenisRHK = JenisRHK.UTAMA


@dataclass(frozen=True)
class Peg:
    key: str
    nama: str
    jabatan: str
    jenis: JenisJabatan
    unit: str
    atasan: str | None
    pangkat: str | None
    lahir: str  # yyyymmdd
    tmt: str  # yyyymm
    sex: int  # 1 laki-laki, 2 perempuan
    tpp: int
    pukm: bool = False
    admin: bool = False
    pimpinan: bool = False
    kepala_daerah: bool = False  # no Periode SKP, SKP or activities (docs/domain.md §8.32)
    #: "ditetapkan", "diajukan", "dikembalikan", "draft" (RHK without target bulanan),
    #: "draft_kosong" (no RHK yet, Matriks Peran Hasil waiting), "tanpa_periode"
    skp: str = "ditetapkan"
    pk: tuple[PK, ...] = ()
    rhk: tuple[Rhk, ...] = ()


class DemoLogin(NamedTuple):
    peran: str
    nama: str
    nip: str


def _ind(raw: dict[str, Any]) -> Ind:
    return Ind(
        raw["teks"], raw["target"], raw["satuan"], Aspek(raw.get("aspek", Aspek.KUANTITAS.value)), raw.get("pola", 0)
    )


def _pk(raw: dict[str, Any]) -> PK:
    return PK(Perspektif(raw["perspektif"]), raw["sasaran"], tuple(_ind(i) for i in raw["indikator"]))


def _rhk(raw: dict[str, Any]) -> Rhk:
    return Rhk(
        raw["intervensi"],
        raw["teks"],
        tuple(_ind(i) for i in raw["indikator"]),
        tuple((teks, satuan) for teks, satuan in raw["aktivitas"]),
        JenisRHK(raw.get("jenis", JenisRHK.UTAMA.value)),
    )


def _peg(raw: dict[str, Any]) -> Peg:
    return Peg(
        key=raw["key"],
        nama=raw["nama"],
        jabatan=raw["jabatan"],
        jenis=JenisJabatan(raw["jenis"]),
        unit=raw["unit"],
        atasan=raw.get("atasan"),
        pangkat=raw.get("pangkat"),
        lahir=raw["lahir"],
        tmt=raw["tmt"],
        sex=raw["sex"],
        tpp=raw["tpp"],
        pukm=raw.get("pukm", False),
        admin=raw.get("admin", False),
        pimpinan=raw.get("pimpinan", False),
        kepala_daerah=raw.get("kepala_daerah", False),
        skp=raw.get("skp", "ditetapkan"),
        pk=tuple(_pk(p) for p in raw.get("pk", ())),
        rhk=tuple(_rhk(r) for r in raw.get("rhk", ())),
    )


def _nip(seq: int, p: Peg) -> str:
    """Birth date yyyymmdd + TMT yyyymm + sex digit + 3-digit sequence: 18 digits."""
    return f"{p.lahir}{p.tmt}{p.sex}{seq:03d}"


_DATA: dict[str, Any] = tomllib.loads(resources.files(__package__).joinpath(DATA_FILE).read_text(encoding="utf-8"))

POLA_PENUGASAN: tuple[str, ...] = tuple(_DATA["pola_penugasan"])
#: (key, nama, induk key)
UNITS: tuple[tuple[str, str, str | None], ...] = tuple((u["key"], u["nama"], u.get("induk")) for u in _DATA["unit"])
PEGAWAI: tuple[Peg, ...] = tuple(_peg(p) for p in _DATA["pegawai"])
NIP: dict[str, str] = {p.key: _nip(i + 1, p) for i, p in enumerate(PEGAWAI)}
BY_KEY: dict[str, Peg] = {p.key: p for p in PEGAWAI}

#: Accounts shown on the login page; all use the demo password.
DEMO_LOGINS: list[DemoLogin] = [
    DemoLogin(login["peran"], BY_KEY[login["pegawai"]].nama, NIP[login["pegawai"]]) for login in _DATA["login"]
]

#: (nama, satuan, durasi menit) of the Katalog Aktivitas.
KATALOG: tuple[tuple[str, str, int], ...] = tuple((k["nama"], k["satuan"], k["durasi_menit"]) for k in _DATA["katalog"])
#: Activities of a JPT / pimpinan unit kerja mandiri, by the perspektif of the RHK.
AKTIVITAS_PIMPINAN: dict[Perspektif, tuple[tuple[str, str], ...]] = {
    Perspektif(perspektif): tuple((teks, satuan) for teks, satuan in items)
    for perspektif, items in _DATA["aktivitas_pimpinan"].items()
}
EKSPEKTASI: tuple[str, ...] = tuple(_DATA["ekspektasi"])
ALASAN_TOLAK: tuple[str, ...] = tuple(_DATA["alasan_tolak"])
CATATAN_DIKEMBALIKAN: str = _DATA["catatan_dikembalikan"]
SUMBER_DATA: tuple[str, ...] = tuple(_DATA["sumber_data"])
UMPAN_BALIK_SESUAI: str = _DATA["umpan_balik_sesuai"]
UMPAN_BALIK_KURANG: str = _DATA["umpan_balik_kurang"]
#: Pegawai who have filled Umpan Balik Berkelanjutan (realisasi) for past months.
REALISASI_OLEH: tuple[str, ...] = tuple(_DATA["realisasi_oleh"])


def depth(key: str) -> int:
    """How many atasan stand above the pegawai ``key`` (0 for the Bupati)."""
    level, current = 0, BY_KEY[key].atasan
    while current is not None:
        level, current = level + 1, BY_KEY[current].atasan
    return level
