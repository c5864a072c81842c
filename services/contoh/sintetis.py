"""The synthetic kabupaten: a whole regency of N pegawai with M months of Aktivitas Harian, for
measuring the application at scale (issue #7). ``sipijar generate --pegawai N --bulan M``.

What :func:`generate` builds into an empty, migrated database (deterministic for a seed):

* a 5-level unit tree — Pemerintah Kabupaten → OPD (about one per 300 pegawai, at most 38) → bidang →
  subbidang → seksi, about one unit per 30 pegawai; the Sekretaris Daerah heads the root;
* pegawai of every jenis jabatan: JPT heads of OPD, Administrator heads of bidang, Pengawas heads of
  subbidang and seksi, Fungsional and Pelaksana staff; each unit head's atasan is the head of the parent
  unit, staff's atasan is their unit head (no cycles, at most about 40 bawahan each); unique 18-digit
  NIPs; tpp_pokok by jabatan; accounts sharing ONE bcrypt hash of :attr:`GenerateInfo.password`
  (must_change_password off); the Sekda and every OPD head are pimpinan, three BKPSDM staff are admin;
* per pegawai and year touched by the months: a whole-year Periode SKP (with its snapshot), a
  ditetapkan SKP (by the atasan) with 4 RHK × 2 Kuantitas indikator (target 12, 1 per month), the 7
  Perilaku Kerja rows; JPT RHK come from a 4-perspektif Perjanjian Kinerja, the others cascade the
  atasan's RHK (rhk_atasan_id, with the Matriks Peran Hasil cell);
* 4 Aktivitas Harian per working day (hari libur from :mod:`services.platform.kalender`) of the M months ending
  with the current month of ``tahun``, before today: 45–120 minutes each, non-overlapping within
  07:30–16:00, ~85 % Tervalidasi (by the atasan), ~10 % Menunggu Validasi, ~5 % Ditolak (with alasan);
* Realisasi Bulanan per indikator for the past months, and a Final Evaluasi Kinerja for every
  completed triwulan among them, rated like the app's suggestion and with the official predikat.

The Sekda at the top has no atasan in the data (the Kepala Daerah is outside it): their SKP has no
ditetapkan_oleh, their evaluations no penilai, their validated activities no divalidasi_oleh.

Rows are made as tuples in Python with ids chosen here (children reference parents without round
trips) and streamed into the tables by :mod:`db.bulk` (executemany on SQLite, COPY on PostgreSQL),
all in one transaction: the generator either fills the database or leaves it empty.
"""

from __future__ import annotations

import random
import time as clock
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from db import bulk, ringkasan_aktivitas
from db.enums import (
    Aspek,
    JenisJabatan,
    JenisRHK,
    Perspektif,
    PredikatPegawai,
    Rating,
    StatusAktivitas,
    StatusEvaluasi,
    StatusSKP,
)
from db.models import (
    SKP,
    AktivitasHarian,
    Akun,
    EvaluasiKinerja,
    IndikatorKinerja,
    IndikatorPerjanjianKinerja,
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
from services.contoh.demo_data import ALASAN_TOLAK, EKSPEKTASI, POLA_PENUGASAN, SUMBER_DATA
from services.platform import audit, auth, kalender
from services.platform.errors import ValidationError
from services.platform.format import WIB
from services.platform.kalender import hari_ini

Progress = Callable[[str], None]

J = JenisJabatan
KABUPATEN = "Pemerintah Kabupaten Bondowoso"
PENUGASAN_BUPATI = "(Penugasan dari Bupati Bondowoso)"
MAX_OPD = 38  # the Sekda's bawahan stay under 40
PEGAWAI_PER_OPD = 300
PEGAWAI_PER_UNIT = 30
MIN_PEGAWAI = 10
RHK_PER_SKP = 4
INDIKATOR_PER_RHK = 2
TARGET_TAHUNAN = 12
AKTIVITAS_PER_HARI = 4
JAM_MASUK = 7 * 60 + 30  # 07:30
JAM_PULANG = 16 * 60  # 16:00

#: The official matrix (DOMAIN.md §5): (Rating Hasil Kerja, Rating Perilaku Kerja) → Predikat.
_A, _S, _B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH
MATRIKS_PREDIKAT: dict[tuple[Rating, Rating], PredikatPegawai] = {
    (_A, _A): PredikatPegawai.SANGAT_BAIK,
    (_A, _S): PredikatPegawai.BAIK,
    (_A, _B): PredikatPegawai.KURANG,
    (_S, _A): PredikatPegawai.BAIK,
    (_S, _S): PredikatPegawai.BAIK,
    (_S, _B): PredikatPegawai.KURANG,
    (_B, _A): PredikatPegawai.BUTUH_PERBAIKAN,
    (_B, _S): PredikatPegawai.BUTUH_PERBAIKAN,
    (_B, _B): PredikatPegawai.SANGAT_KURANG,
}

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

OPD_NAMA = (
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Dinas Sosial",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan Rakyat dan Kawasan Permukiman",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Perhubungan",
    "Dinas Komunikasi dan Informatika",
    "Dinas Koperasi dan Usaha Mikro",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Kepemudaan dan Olahraga",
    "Dinas Pariwisata dan Kebudayaan",
    "Dinas Perpustakaan dan Kearsipan",
    "Dinas Perikanan",
    "Dinas Pertanian dan Ketahanan Pangan",
    "Dinas Lingkungan Hidup",
    "Dinas Perdagangan dan Perindustrian",
    "Dinas Tenaga Kerja",
    "Dinas Pengendalian Penduduk dan Keluarga Berencana",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "Satuan Polisi Pamong Praja",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Pendapatan Daerah",
    "Badan Penanggulangan Bencana Daerah",
    "Badan Kesatuan Bangsa dan Politik",
    "Inspektorat Daerah",
    "Sekretariat DPRD",
    "Rumah Sakit Umum Daerah dr. H. Koesnadi",
    "Kecamatan Tenggarang",
    "Kecamatan Wonosari",
    "Kecamatan Tamanan",
    "Kecamatan Maesan",
    "Kecamatan Grujugan",
    "Kecamatan Cermee",
    "Kecamatan Prajekan",
)
BIDANG = (
    "Perencanaan dan Evaluasi",
    "Pelayanan",
    "Pembinaan dan Pengembangan",
    "Pengendalian dan Pengawasan",
    "Data dan Informasi",
    "Sarana dan Prasarana",
    "Program dan Keuangan",
    "Kerja Sama dan Kemitraan",
)
SUBBIDANG = ("Penyusunan Program", "Monitoring dan Pelaporan")
SEKSI = "Administrasi dan Dokumentasi"

NAMA_DEPAN_L = (
    "Agus",
    "Budi",
    "Slamet",
    "Eko",
    "Ahmad",
    "Moh.",
    "Hadi",
    "Joko",
    "Bambang",
    "Rudi",
    "Arif",
    "Dwi",
    "Hendra",
    "Imam",
    "Yusuf",
    "Fajar",
    "Rizal",
    "Taufik",
    "Wahyu",
    "Sugeng",
    "Abdul",
    "Fauzan",
)
NAMA_DEPAN_P = (
    "Siti",
    "Sri",
    "Dewi",
    "Nur",
    "Yuni",
    "Rina",
    "Lilik",
    "Endang",
    "Wulan",
    "Ika",
    "Fitri",
    "Ratna",
    "Anisa",
    "Dian",
    "Maya",
    "Ainun",
    "Lestari",
    "Novi",
    "Rahayu",
    "Umi",
    "Yuliana",
    "Holilah",
)
NAMA_BELAKANG = (
    "Santoso",
    "Wibowo",
    "Hidayat",
    "Rahman",
    "Susanto",
    "Setiawan",
    "Kurniawan",
    "Prasetyo",
    "Saputra",
    "Handayani",
    "Wahyuni",
    "Purnamasari",
    "Maimunah",
    "Fauziah",
    "Hasanah",
    "Syaifullah",
    "Hariyanto",
    "Utomo",
    "Nugroho",
    "Rofiq",
    "Aminah",
    "Sholeh",
    "Astutik",
)
GELAR = ("S.Sos.", "S.E.", "S.H.", "S.AP.", "S.Kom.", "S.Pd.", "S.T.", "A.Md.", "S.Kep.", "M.Si.")

FUNGSIONAL = (
    "Analis Kebijakan Ahli Pertama",
    "Analis Kebijakan Ahli Muda",
    "Perencana Ahli Pertama",
    "Pranata Komputer Ahli Pertama",
    "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
    "Arsiparis Terampil",
    "Pranata Keuangan APBN Terampil",
    "Statistisi Ahli Pertama",
    "Penyuluh Kesehatan Masyarakat Ahli Pertama",
    "Pengawas Penyelenggaraan Urusan Pemerintahan Daerah",
)
PELAKSANA = (
    "Pengadministrasi Perkantoran",
    "Penata Layanan Operasional",
    "Pengolah Data dan Informasi",
    "Pengelola Keuangan",
    "Pengadministrasi Umum",
    "Operator Layanan Operasional",
    "Pengelola Barang Milik Negara",
    "Penelaah Teknis Kebijakan",
)
PANGKAT = {
    J.JPT: ("Pembina Utama Muda (IV/c)", "Pembina Tingkat I (IV/b)"),
    J.ADMINISTRATOR: ("Pembina (IV/a)", "Penata Tingkat I (III/d)"),
    J.PENGAWAS: ("Penata Tingkat I (III/d)", "Penata (III/c)"),
    J.FUNGSIONAL: ("Penata Muda (III/a)", "Penata Muda Tingkat I (III/b)", "Penata (III/c)", "Pengatur (II/c)"),
    J.PELAKSANA: ("Pengatur Muda (II/a)", "Pengatur Muda Tingkat I (II/b)", "Pengatur (II/c)", "Penata Muda (III/a)"),
}
TPP = {
    J.JPT: (9_500_000,),
    J.ADMINISTRATOR: (6_800_000, 6_500_000),
    J.PENGAWAS: (4_500_000, 4_200_000),
    J.FUNGSIONAL: (3_000_000, 3_800_000, 4_200_000),
    J.PELAKSANA: (2_500_000, 2_700_000, 2_900_000),
}
TPP_SEKDA = 12_000_000
#: Birth years by jenis jabatan (NIP digits 1–8).
LAHIR = {
    J.JPT: (1966, 1976),
    J.ADMINISTRATOR: (1970, 1982),
    J.PENGAWAS: (1972, 1988),
    J.FUNGSIONAL: (1975, 1998),
    J.PELAKSANA: (1972, 1999),
}

PERSPEKTIF = (Perspektif.PENERIMA_LAYANAN, Perspektif.PROSES_BISNIS, Perspektif.ANGGARAN, Perspektif.PENGUATAN_INTERNAL)
#: (sasaran strategis, two indikator) per perspektif, completed with the unit's name.
SASARAN_JPT = (
    (
        "Meningkatnya kualitas pelayanan publik {unit}",
        (
            "Jumlah inovasi pelayanan publik {unit} yang diterapkan",
            "Jumlah survei kepuasan masyarakat yang dilaksanakan",
        ),
    ),
    (
        "Terlaksananya program prioritas daerah pada {unit}",
        ("Jumlah program prioritas yang terlaksana", "Jumlah rapat koordinasi program yang dilaksanakan"),
    ),
    (
        "Terwujudnya pengelolaan anggaran {unit} yang akuntabel",
        ("Jumlah laporan realisasi anggaran yang disusun", "Jumlah rekomendasi hasil pemeriksaan yang ditindaklanjuti"),
    ),
    (
        "Meningkatnya akuntabilitas kinerja {unit}",
        ("Jumlah dokumen SAKIP yang disusun", "Jumlah evaluasi kinerja internal yang dilaksanakan"),
    ),
)
#: (RHK sentence, two (indikator, satuan), activity phrases) for the cascaded plans.
RHK_BAWAHAN = (
    (
        "Tersusunnya dokumen perencanaan program dan kegiatan",
        (("Jumlah dokumen perencanaan yang disusun", "Dokumen"), ("Jumlah rapat perencanaan yang diikuti", "Kegiatan")),
        (
            "Menyusun rancangan rencana kerja",
            "Mengikuti rapat koordinasi perencanaan",
            "Mengolah data usulan program",
            "Menyusun matriks rencana aksi",
        ),
    ),
    (
        "Terlaksananya pelayanan administrasi kepada masyarakat",
        (("Jumlah berkas layanan yang diproses", "Berkas"), ("Jumlah laporan pelayanan yang disusun", "Laporan")),
        (
            "Memverifikasi berkas permohonan layanan",
            "Menginput data layanan ke aplikasi",
            "Melayani konsultasi masyarakat",
            "Menyusun rekap layanan harian",
        ),
    ),
    (
        "Terkelolanya administrasi keuangan dan barang",
        (
            ("Jumlah dokumen pertanggungjawaban keuangan yang disusun", "Dokumen"),
            ("Jumlah laporan barang milik daerah yang disusun", "Laporan"),
        ),
        (
            "Menyusun SPJ kegiatan",
            "Mencatat transaksi pada buku kas umum",
            "Memeriksa kelengkapan bukti belanja",
            "Melakukan inventarisasi barang milik daerah",
        ),
    ),
    (
        "Tersusunnya laporan monitoring dan evaluasi kegiatan",
        (
            ("Jumlah laporan monitoring yang disusun", "Laporan"),
            ("Jumlah kunjungan lapangan yang dilaksanakan", "Kegiatan"),
        ),
        (
            "Melakukan monitoring kegiatan di lapangan",
            "Menyusun laporan hasil monitoring",
            "Mengolah data capaian kinerja",
            "Mendokumentasikan pelaksanaan kegiatan",
        ),
    ),
    (
        "Terlaksananya pengelolaan data dan informasi",
        (("Jumlah data yang dimutakhirkan", "Dokumen"), ("Jumlah publikasi informasi yang diterbitkan", "Publikasi")),
        (
            "Memutakhirkan basis data",
            "Menyusun bahan publikasi informasi",
            "Memvalidasi data dari unit kerja",
            "Mengunggah informasi ke laman resmi",
        ),
    ),
    (
        "Terkelolanya surat dan arsip dinas",
        (("Jumlah surat yang diadministrasikan", "Surat"), ("Jumlah arsip yang ditata", "Berkas")),
        (
            "Mengagendakan surat masuk dan keluar",
            "Menata arsip dinas",
            "Mendistribusikan surat dinas",
            "Memindai dokumen arsip",
        ),
    ),
)
AKTIVITAS_JPT = (
    "Memimpin rapat koordinasi pimpinan",
    "Memeriksa dan menandatangani dokumen dinas",
    "Melakukan pembinaan pegawai",
    "Melakukan monitoring pelaksanaan program",
)
UMPAN_BALIK_BAIK = "Realisasi sesuai target bulanan, pertahankan."
UMPAN_BALIK_KURANG = "Realisasi masih di bawah target; mohon dipercepat bulan depan."

# ---------------------------------------------------------------------------------------------
# Result
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GenerateInfo:
    """What was generated, how long it took, and the password every generated account shares."""

    units: int
    pegawai: int
    periode: int
    skp: int
    rhk: int
    indikator: int
    target_bulanan: int
    perilaku: int
    aktivitas: int
    realisasi: int
    evaluasi: int
    hari_libur: int
    dari: date
    sampai: date
    password: str
    seconds: float
    #: Seconds per phase ("organisasi", "rencana", "aktivitas", "realisasi", "evaluasi", "selesai").
    phases: dict[str, float] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# The organisation (pure Python)
# ---------------------------------------------------------------------------------------------


@dataclass
class _Unit:
    id: int
    nama: str
    induk_id: int | None
    path: str
    level: int
    kepala_jabatan: str
    jenis_kepala: JenisJabatan


@dataclass
class _Peg:
    id: int
    nip: str
    nama: str
    jabatan: str
    jenis: JenisJabatan
    pangkat: str
    unit: _Unit
    atasan_id: int | None
    tpp: int
    depth: int
    tier: int = 1  # 0 rendah, 1 sedang, 2 tinggi (realisasi, minutes, ratings)
    is_admin: bool = False
    is_pimpinan: bool = False
    rhk_template: tuple[int, ...] = ()  # for non-JPT: index into RHK_BAWAHAN per RHK


class _Builder:
    """Units and pegawai of the kabupaten, in depth-first order (heads before their staff)."""

    def __init__(self, rng: random.Random, n_pegawai: int):
        self.rng = rng
        self.units: list[_Unit] = []
        self.pegawai: list[_Peg] = []
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

    def _opd_of(self, unit: _Unit) -> int:
        return int(unit.path.split("/")[2])

    def _unit(self, nama: str, induk: _Unit | None, kepala: str, jenis: JenisJabatan) -> _Unit:
        uid = len(self.units) + 1
        unit = _Unit(
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

    def _opd(self, o: int, size: int, root: _Unit, sekda: _Peg) -> None:
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
        tree: list[tuple[_Unit, int]] = [(opd, 1)]
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
        heads: dict[int, _Peg] = {}
        for (unit, depth), n_staff in zip(tree, staff):
            atasan = sekda if unit.induk_id == sekda.unit.id else heads[unit.induk_id]
            head = self._person(unit, atasan, unit.jenis_kepala, unit.kepala_jabatan, depth)
            heads[unit.id] = head
            if depth == 1:
                head.is_pimpinan = True
            for _ in range(n_staff):
                jenis = J.FUNGSIONAL if self.rng.random() < 0.55 else J.PELAKSANA
                jabatan = self.rng.choice(FUNGSIONAL if jenis == J.FUNGSIONAL else PELAKSANA)
                self._person(unit, head, jenis, jabatan, depth + 1)

    def _person(
        self, unit: _Unit, atasan: _Peg | None, jenis: JenisJabatan, jabatan: str, depth: int, tpp: int | None = None
    ) -> _Peg:
        rng = self.rng
        laki = rng.random() < 0.55
        nama = f"{rng.choice(NAMA_DEPAN_L if laki else NAMA_DEPAN_P)} {rng.choice(NAMA_BELAKANG)}"
        if rng.random() < 0.6 or jenis in (J.JPT, J.ADMINISTRATOR):
            nama += ", " + rng.choice(GELAR)
        pid = len(self.pegawai) + 1
        p = _Peg(
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


# ---------------------------------------------------------------------------------------------
# Ids: everything is numbered in advance, so children name their parents without round trips.
# ---------------------------------------------------------------------------------------------


class _Ids:
    """Id arithmetic for plan k = year_index * n_pegawai + pegawai_index (0-based)."""

    def __init__(self, n_pegawai: int, n_jpt_before: list[int]):
        self.n = n_pegawai
        self.jpt_before = n_jpt_before  # per pegawai index: how many JPT precede it (for PK ids)
        self.n_jpt = n_jpt_before[-1] if n_jpt_before else 0

    def plan(self, y: int, i: int) -> int:  # periode_skp.id == skp.id
        return y * self.n + i + 1

    def rhk(self, y: int, i: int, r: int) -> int:
        return (y * self.n + i) * RHK_PER_SKP + r + 1

    def indikator(self, y: int, i: int, r: int, j: int) -> int:
        return ((y * self.n + i) * RHK_PER_SKP + r) * INDIKATOR_PER_RHK + j + 1

    def perjanjian(self, y: int, i: int, r: int) -> int:
        return (y * self.n_jpt + self.jpt_before[i]) * RHK_PER_SKP + r + 1


# ---------------------------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------------------------


def _wib(day: date, minutes: int) -> datetime:
    """A WIB wall-clock moment on ``day``, as UTC (the database stores UTC)."""
    return (datetime.combine(day, time(0, 0), tzinfo=WIB) + timedelta(minutes=minutes)).astimezone(UTC)


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _range(bulan: int, tahun: int, today: date) -> tuple[date, date, list[tuple[int, int]]]:
    """First and last activity day and the (year, month) list of the M months ending with the current
    month of ``tahun`` (December for a past year), never reaching today or later."""
    end_month = _month_index(tahun, today.month if tahun == today.year else 12)
    months = [(m // 12, m % 12 + 1) for m in range(end_month - bulan + 1, end_month + 1)]
    dari = date(months[0][0], months[0][1], 1)
    last_year, last_month = months[-1]
    month_end = date(last_year + last_month // 12, last_month % 12 + 1, 1) - timedelta(days=1)
    return dari, min(month_end, today - timedelta(days=1)), months


# ---------------------------------------------------------------------------------------------
# Activity day patterns
# ---------------------------------------------------------------------------------------------

#: Durations (minutes) by tier: rendah, sedang, tinggi — about 75 %, 95 %, 100 % capaian when validated.
_DURASI = ((45, 60, 75, 90), (60, 75, 90, 105), (75, 90, 105, 120))
_PATTERN_BITS = 10


def _patterns(rng: random.Random, tier: int) -> list[tuple[tuple[time, time, int, int], ...]]:
    """2^10 day shapes of 4 activities: (jam_mulai, jam_selesai, durasi, end minute), in order,
    non-overlapping, between 07:30 and 16:00, durations and gaps in 15-minute steps."""
    out = []
    for _ in range(1 << _PATTERN_BITS):
        durasi = [rng.choice(_DURASI[tier]) for _ in range(AKTIVITAS_PER_HARI)]
        slack = (JAM_PULANG - JAM_MASUK - sum(durasi)) // 15
        gaps = [0] * (AKTIVITAS_PER_HARI + 1)
        for _ in range(slack):
            gaps[rng.randrange(AKTIVITAS_PER_HARI + 1)] += 1
        # Most people start on time: most of the first gap moves to the end of the day.
        late = min(gaps[0], rng.choice((0, 0, 0, 1, 2)))
        gaps[-1] += gaps[0] - late
        gaps[0] = late
        start, shape = JAM_MASUK + late * 15, []
        for k, minutes in enumerate(durasi):
            end = start + minutes
            shape.append((time(start // 60, start % 60), time(end // 60, end % 60), minutes, end))
            start = end + gaps[k + 1] * 15
        out.append(tuple(shape))
    return out


# ---------------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------------

#: Tables loaded in bulk, in foreign-key order.
_TABLES = [
    UnitKerja.__table__,
    Pegawai.__table__,
    Akun.__table__,
    PeriodeSKP.__table__,
    SKP.__table__,
    PerilakuKerja.__table__,
    PerjanjianKinerja.__table__,
    IndikatorPerjanjianKinerja.__table__,
    RencanaHasilKerja.__table__,
    PeranHasil.__table__,
    IndikatorKinerja.__table__,
    TargetBulanan.__table__,
    AktivitasHarian.__table__,
    RealisasiBulanan.__table__,
    EvaluasiKinerja.__table__,
]


def generate(
    engine: Engine,
    pegawai: int,
    bulan: int,
    seed: int = 2026,
    tahun: int | None = None,
    progress: Progress | None = None,
    *,
    today: date | None = None,
) -> GenerateInfo:
    """Fill the EMPTY migrated database behind ``engine`` with a synthetic kabupaten of ``pegawai``
    pegawai and ``bulan`` months of activities (see the module docstring); one transaction."""
    started = clock.perf_counter()
    today = today or hari_ini()
    tahun = tahun or today.year
    if pegawai < MIN_PEGAWAI:
        raise ValidationError(f"Jumlah pegawai minimal {MIN_PEGAWAI}.")
    if not 1 <= bulan <= 24:
        raise ValidationError("Jumlah bulan harus antara 1 dan 24.")
    if tahun > today.year:
        raise ValidationError(f"Tahun {tahun} belum berjalan.")
    say = progress or (lambda _message: None)
    dari, sampai, months = _range(bulan, tahun, today)
    years = sorted({y for y, _m in months})
    phases: dict[str, float] = {}
    mark = [clock.perf_counter()]

    def phase(name: str) -> None:
        now = clock.perf_counter()
        phases[name] = round(now - mark[0], 2)
        mark[0] = now

    rng = random.Random(seed)
    org = _Builder(rng, pegawai)
    password = f"Sintetis{seed}"
    shared_hash = auth.hash_password(password)  # once, for every account

    with bulk.bulk_load(engine, _TABLES) as conn:
        session = Session(bind=conn)
        if session.scalar(select(Pegawai.id).limit(1)) is not None:
            raise ValidationError(
                "Basis data sudah berisi pegawai; data sintetis hanya dapat dibuat pada basis data kosong."
            )
        hari_libur = sum(kalender.seed_hari_libur(session, y) for y in years)
        pola = {p.nama: p for p in session.scalars(select(PolaPenugasan))}
        session.add_all(pola.setdefault(n, PolaPenugasan(nama=n, aktif=True)) for n in POLA_PENUGASAN if n not in pola)
        session.flush()
        pola_ids = [pola[n].id for n in POLA_PENUGASAN]
        working_days = [d for d in kalender.hari_kerja(session, dari, sampai)]
        say(
            f"Organisasi: {len(org.units)} unit kerja, {len(org.pegawai)} pegawai; "
            f"{len(working_days)} hari kerja {dari:%d-%m-%Y} s.d. {sampai:%d-%m-%Y}."
        )

        n_units = _load_organisation(conn, org, shared_hash)
        phase("organisasi")
        jpt_before, count = [], 0
        for p in org.pegawai:
            jpt_before.append(count)
            count += p.jenis == J.JPT
        jpt_before.append(count)
        ids = _Ids(len(org.pegawai), jpt_before)
        plan_counts = _load_plans(conn, org, ids, years, pola_ids, rng)
        phase("rencana")
        say(f"Rencana SKP: {plan_counts['skp']} SKP, {plan_counts['rhk']} RHK, {plan_counts['indikator']} indikator.")

        with ringkasan_aktivitas.dimuat_massal(conn):  # summed once at the end, not row by row
            n_aktivitas = _load_aktivitas(conn, org, ids, years, working_days, today, seed, say)
        phase("aktivitas")
        past = [(y, m) for y, m in months if (y, m) < (today.year, today.month)]
        n_realisasi = _load_realisasi(conn, org, ids, years, past, seed)
        phase("realisasi")
        n_evaluasi = _load_evaluasi(conn, org, ids, years, past, seed)
        phase("evaluasi")
        audit.record(
            session,
            None,
            "generate_sintetis",
            "sintetis",
            None,
            None,
            {
                "pegawai": pegawai,
                "bulan": bulan,
                "seed": seed,
                "tahun": tahun,
                "dari": dari,
                "sampai": sampai,
                "aktivitas": n_aktivitas,
            },
        )
        session.flush()
        session.close()
        say("Memeriksa referensi dan menyimpan …")
    phase("selesai")
    info = GenerateInfo(
        units=n_units,
        pegawai=len(org.pegawai),
        periode=plan_counts["periode"],
        skp=plan_counts["skp"],
        rhk=plan_counts["rhk"],
        indikator=plan_counts["indikator"],
        target_bulanan=plan_counts["target_bulanan"],
        perilaku=plan_counts["perilaku"],
        aktivitas=n_aktivitas,
        realisasi=n_realisasi,
        evaluasi=n_evaluasi,
        hari_libur=hari_libur,
        dari=dari,
        sampai=sampai,
        password=password,
        seconds=round(clock.perf_counter() - started, 2),
        phases=phases,
    )
    say(
        f"Selesai dalam {info.seconds:.1f} detik: {info.aktivitas} aktivitas, {info.realisasi} realisasi, "
        f"{info.evaluasi} evaluasi."
    )
    return info


def _load_organisation(conn: Connection, org: _Builder, shared_hash: str) -> int:
    bulk.bulk_insert(
        conn,
        UnitKerja.__table__,
        ("id", "nama", "induk_id", "path", "level"),
        ((u.id, u.nama, u.induk_id, u.path, u.level) for u in org.units),
    )
    bulk.bulk_insert(
        conn,
        Pegawai.__table__,
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
        Akun.__table__,
        ("id", "pegawai_id", "password_hash", "must_change_password", "failed_attempts"),
        ((p.id, p.id, shared_hash, False, 0) for p in org.pegawai),
    )
    return len(org.units)


def _load_plans(
    conn: Connection, org: _Builder, ids: _Ids, years: list[int], pola_ids: list[int], rng: random.Random
) -> dict[str, int]:
    """Periode SKP, SKP, perilaku, Perjanjian Kinerja (JPT), RHK, Matriks Peran Hasil, indikator and
    target bulanan of every pegawai and year."""
    people = org.pegawai
    ekspektasi = [rng.random() < 0.5 for _ in people]
    tb_per_ind = 12
    kuantitas, utama = Aspek.KUANTITAS.value, JenisRHK.UTAMA.value
    ditetapkan = StatusSKP.DITETAPKAN.value

    def plan_rows():
        for y, tahun in enumerate(years):
            for i, p in enumerate(people):
                yield y, tahun, i, p

    def periode():
        for y, tahun, i, p in plan_rows():
            yield (
                ids.plan(y, i),
                p.id,
                tahun,
                date(tahun, 1, 1),
                date(tahun, 12, 31),
                p.jabatan,
                p.jenis.value,
                False,
                p.pangkat,
                p.unit.id,
                p.unit.nama,
                p.atasan_id,
                _wib(date(tahun, 1, 2), 8 * 60),
            )

    def skp():
        for y, tahun, i, p in plan_rows():
            diajukan = date(tahun, 1, 5 + 2 * p.depth)
            yield (
                ids.plan(y, i),
                ids.plan(y, i),
                p.id,
                ditetapkan,
                _wib(diajukan, 10 * 60),
                _wib(diajukan + timedelta(days=2), 9 * 60),
                p.atasan_id,
                1,
            )

    def perilaku():
        for y, tahun, i, p in plan_rows():
            base = (ids.plan(y, i) - 1) * 7
            isi = ekspektasi[i] and p.atasan_id is not None
            when = _wib(date(tahun, 1, 4 + 2 * p.depth), 8 * 60) if isi else None
            for n in range(7):
                yield base + n + 1, ids.plan(y, i), n + 1, EKSPEKTASI[n] if isi else None, when

    def jpt_plans():
        for y, tahun, i, p in plan_rows():
            if p.jenis == J.JPT:
                yield y, tahun, i, p

    def perjanjian():
        for y, tahun, i, p in jpt_plans():
            for r in range(RHK_PER_SKP):
                sasaran = f"{SASARAN_JPT[r][0].format(unit=p.unit.nama)} {PENUGASAN_BUPATI}"
                yield (
                    ids.perjanjian(y, i, r),
                    ids.plan(y, i),
                    sasaran,
                    PERSPEKTIF[r].value,
                    _wib(date(tahun, 1, 3), 9 * 60),
                )

    def indikator_pk():
        for y, _tahun, i, p in jpt_plans():
            for r in range(RHK_PER_SKP):
                for j in range(INDIKATOR_PER_RHK):
                    pk = ids.perjanjian(y, i, r)
                    yield (
                        (pk - 1) * INDIKATOR_PER_RHK + j + 1,
                        pk,
                        SASARAN_JPT[r][1][j].format(unit=p.unit.nama),
                        TARGET_TAHUNAN,
                        "Dokumen",
                    )

    def rhk():
        for y, _tahun, i, p in plan_rows():
            for r in range(RHK_PER_SKP):
                if p.jenis == J.JPT:
                    teks = f"{SASARAN_JPT[r][0].format(unit=p.unit.nama)} {PENUGASAN_BUPATI}"
                    yield (
                        ids.rhk(y, i, r),
                        ids.plan(y, i),
                        teks,
                        utama,
                        PERSPEKTIF[r].value,
                        ids.perjanjian(y, i, r),
                        None,
                    )
                else:
                    teks = f"{RHK_BAWAHAN[p.rhk_template[r]][0]} pada {p.unit.nama}"
                    yield (ids.rhk(y, i, r), ids.plan(y, i), teks, utama, None, None, ids.rhk(y, p.atasan_id - 1, r))

    def peran():
        n = 0
        for y, tahun, i, p in plan_rows():
            if p.jenis == J.JPT:
                continue
            for r in range(RHK_PER_SKP):
                n += 1
                yield (
                    n,
                    ids.rhk(y, p.atasan_id - 1, r),
                    p.id,
                    f"{RHK_BAWAHAN[p.rhk_template[r]][0]} pada {p.unit.nama}",
                    ids.rhk(y, i, r),
                    _wib(date(tahun, 1, 4 + 2 * p.depth), 14 * 60),
                )

    def indikator():
        for y, _tahun, i, p in plan_rows():
            for r in range(RHK_PER_SKP):
                for j in range(INDIKATOR_PER_RHK):
                    if p.jenis == J.JPT:
                        teks, satuan = SASARAN_JPT[r][1][j].format(unit=p.unit.nama), "Dokumen"
                    else:
                        teks, satuan = RHK_BAWAHAN[p.rhk_template[r]][1][j]
                    yield (
                        ids.indikator(y, i, r, j),
                        ids.rhk(y, i, r),
                        teks,
                        kuantitas,
                        TARGET_TAHUNAN,
                        satuan,
                        pola_ids[(i + r) % len(pola_ids)],
                    )

    def target_bulanan():
        per_month = TARGET_TAHUNAN // tb_per_ind
        for y, _tahun, i, _p in plan_rows():
            for r in range(RHK_PER_SKP):
                for j in range(INDIKATOR_PER_RHK):
                    ind = ids.indikator(y, i, r, j)
                    base = (ind - 1) * tb_per_ind
                    for m in range(1, tb_per_ind + 1):
                        yield base + m, ind, m, per_month

    counts = {}
    counts["periode"] = bulk.bulk_insert(
        conn,
        PeriodeSKP.__table__,
        (
            "id",
            "pegawai_id",
            "tahun",
            "tanggal_mulai",
            "tanggal_akhir",
            "jabatan",
            "jenis_jabatan",
            "pimpinan_unit_kerja_mandiri",
            "pangkat_golongan",
            "unit_kerja_id",
            "unit_kerja_nama",
            "penilai_id",
            "created_at",
        ),
        periode(),
    )
    counts["skp"] = bulk.bulk_insert(
        conn,
        SKP.__table__,
        (
            "id",
            "periode_id",
            "pegawai_id",
            "status",
            "diajukan_at",
            "ditetapkan_at",
            "ditetapkan_oleh_id",
            "version_id",
        ),
        skp(),
    )
    counts["perilaku"] = bulk.bulk_insert(
        conn, PerilakuKerja.__table__, ("id", "skp_id", "nomor", "ekspektasi_khusus", "updated_at"), perilaku()
    )
    bulk.bulk_insert(
        conn,
        PerjanjianKinerja.__table__,
        ("id", "periode_id", "sasaran_strategis", "perspektif", "created_at"),
        perjanjian(),
    )
    bulk.bulk_insert(
        conn,
        IndikatorPerjanjianKinerja.__table__,
        ("id", "perjanjian_id", "indikator", "target", "satuan"),
        indikator_pk(),
    )
    counts["rhk"] = bulk.bulk_insert(
        conn,
        RencanaHasilKerja.__table__,
        ("id", "skp_id", "teks", "jenis", "perspektif", "perjanjian_id", "rhk_atasan_id"),
        rhk(),
    )
    bulk.bulk_insert(
        conn,
        PeranHasil.__table__,
        ("id", "rhk_atasan_id", "bawahan_id", "teks", "rhk_bawahan_id", "created_at"),
        peran(),
    )
    counts["indikator"] = bulk.bulk_insert(
        conn,
        IndikatorKinerja.__table__,
        ("id", "rhk_id", "teks", "aspek", "target", "satuan", "pola_penugasan_id"),
        indikator(),
    )
    counts["target_bulanan"] = bulk.bulk_insert(
        conn, TargetBulanan.__table__, ("id", "indikator_id", "bulan", "target"), target_bulanan()
    )
    return counts


def _load_aktivitas(
    conn: Connection,
    org: _Builder,
    ids: _Ids,
    years: list[int],
    working_days: list[date],
    today: date,
    seed: int,
    say: Progress,
) -> int:
    """4 activities per working day per pegawai, pegawai by pegawai and day by day (index order)."""
    prng = random.Random(seed + 1)
    patterns = [_patterns(prng, tier) for tier in range(3)]
    days_by_year = {tahun: [d for d in working_days if d.year == tahun] for tahun in years}
    decided_at: dict[date, datetime] = {}
    created_at: dict[tuple[date, int], datetime] = {}
    for d in working_days:  # the atasan decides the next day, or the same afternoon for yesterday's
        next_day = d + timedelta(days=1)
        decided_at[d] = _wib(d, 16 * 60 + 30) if next_day >= today else _wib(next_day, 14 * 60)
    tervalidasi, menunggu, ditolak = (
        StatusAktivitas.TERVALIDASI.value,
        StatusAktivitas.MENUNGGU.value,
        StatusAktivitas.DITOLAK.value,
    )
    volume = Decimal(1)
    people = org.pegawai
    total = len(people)
    step = max(1, total // 10)
    started = clock.perf_counter()
    columns = (
        "id",
        "pegawai_id",
        "periode_id",
        "rhk_id",
        "indikator_id",
        "tanggal",
        "jam_mulai",
        "jam_selesai",
        "durasi_menit",
        "aktivitas",
        "volume",
        "satuan",
        "status",
        "alasan_tolak",
        "divalidasi_oleh_id",
        "divalidasi_at",
        "created_at",
        "version_id",
    )

    def rows() -> Iterator[tuple]:
        next_id = 1
        for i, p in enumerate(people):
            rng = random.Random(seed * 1_000_003 + p.id)
            bits_of = rng.getrandbits
            shapes = patterns[p.tier]
            atasan = p.atasan_id
            for y, tahun in enumerate(years):
                days = days_by_year[tahun]
                if not days:
                    continue
                periode_id = ids.plan(y, i)
                # 16 choices: 8 indikator × 2 phrases → (rhk_id, indikator_id, aktivitas, satuan).
                choices = []
                for r in range(RHK_PER_SKP):
                    for j in range(INDIKATOR_PER_RHK):
                        if p.jenis == J.JPT:
                            phrases, satuan = AKTIVITAS_JPT, "Kegiatan"
                        else:
                            template = RHK_BAWAHAN[p.rhk_template[r]]
                            phrases, satuan = template[2], template[1][j][1]
                        for k in range(2):
                            choices.append(
                                (
                                    ids.rhk(y, i, r),
                                    ids.indikator(y, i, r, j),
                                    phrases[(2 * j + k) % len(phrases)],
                                    satuan,
                                )
                            )
                for d in days:
                    bits = bits_of(64)
                    shape = shapes[bits & 1023]
                    bits >>= 10
                    decided = decided_at[d]
                    for mulai, selesai, durasi, end in shape:
                        rhk_id, ind_id, teks, satuan = choices[bits & 15]
                        status = (bits >> 4) & 127
                        bits >>= 11
                        made = created_at.get((d, end))
                        if made is None:
                            made = created_at[(d, end)] = _wib(d, end + 5)
                        if status < 109:  # 109/128 ≈ 85 %
                            yield (
                                next_id,
                                p.id,
                                periode_id,
                                rhk_id,
                                ind_id,
                                d,
                                mulai,
                                selesai,
                                durasi,
                                teks,
                                volume,
                                satuan,
                                tervalidasi,
                                None,
                                atasan,
                                decided,
                                made,
                                1,
                            )
                        elif status < 122:  # 13/128 ≈ 10 %
                            yield (
                                next_id,
                                p.id,
                                periode_id,
                                rhk_id,
                                ind_id,
                                d,
                                mulai,
                                selesai,
                                durasi,
                                teks,
                                volume,
                                satuan,
                                menunggu,
                                None,
                                None,
                                None,
                                made,
                                1,
                            )
                        else:  # 6/128 ≈ 5 %
                            yield (
                                next_id,
                                p.id,
                                periode_id,
                                rhk_id,
                                ind_id,
                                d,
                                mulai,
                                selesai,
                                durasi,
                                teks,
                                volume,
                                satuan,
                                ditolak,
                                ALASAN_TOLAK[status & 3],
                                atasan,
                                decided,
                                made,
                                1,
                            )
                        next_id += 1
            if (i + 1) % step == 0 or i + 1 == total:
                say(
                    f"Aktivitas harian: {100 * (i + 1) // total} % ({i + 1}/{total} pegawai, {next_id - 1} baris, "
                    f"{clock.perf_counter() - started:.0f} detik)"
                )

    return bulk.bulk_insert(conn, AktivitasHarian.__table__, columns, rows())


def _realisasi_values(seed: int, p: _Peg, y: int, n_months: int) -> list[list[int]]:
    """Realisasi per indikator (8) per past month of year index ``y``, from the pegawai's tier:
    tinggi 1–2, sedang mostly 1, rendah 0–1 (the monthly target is 1)."""
    rng = random.Random(seed * 7_919 + p.id * 31 + y)
    out = []
    for _ in range(RHK_PER_SKP * INDIKATOR_PER_RHK):
        if p.tier == 2:
            out.append([1 + (rng.random() < 0.5) for _ in range(n_months)])
        elif p.tier == 0:
            out.append([int(rng.random() < 0.5) for _ in range(n_months)])
        else:
            out.append([0 if (r := rng.random()) < 0.05 else 2 if r > 0.95 else 1 for _ in range(n_months)])
    return out


def _load_realisasi(
    conn: Connection, org: _Builder, ids: _Ids, years: list[int], past: list[tuple[int, int]], seed: int
) -> int:
    target = TARGET_TAHUNAN // 12

    def rows():
        n = 0
        for y, tahun in enumerate(years):
            months = [m for yy, m in past if yy == tahun]
            if not months:
                continue
            for i, p in enumerate(org.pegawai):
                values = _realisasi_values(seed, p, y, len(months))
                rng = random.Random(seed * 104_729 + p.id * 13 + y)
                for r in range(RHK_PER_SKP):
                    for j in range(INDIKATOR_PER_RHK):
                        ind = ids.indikator(y, i, r, j)
                        for k, m in enumerate(months):
                            value = values[r * INDIKATOR_PER_RHK + j][k]
                            answered = p.atasan_id is not None and rng.random() < 0.6
                            n += 1
                            yield (
                                n,
                                ind,
                                m,
                                Decimal(value),
                                SUMBER_DATA[(i + k) % len(SUMBER_DATA)],
                                (UMPAN_BALIK_BAIK if value >= target else UMPAN_BALIK_KURANG) if answered else None,
                                p.atasan_id if answered else None,
                                _wib(date(tahun + m // 12, m % 12 + 1, 2), 7 * 60),
                                1,
                            )

    return bulk.bulk_insert(
        conn,
        RealisasiBulanan.__table__,
        (
            "id",
            "indikator_id",
            "bulan",
            "realisasi",
            "sumber_data",
            "umpan_balik",
            "umpan_balik_oleh_id",
            "updated_at",
            "version_id",
        ),
        rows(),
    )


def rating_hasil_kerja(realisasi: Sequence[int], target: int) -> Rating:
    """The app's suggestion for all-Utama Kuantitas indikator: each indikator di atas / sesuai / di
    bawah its target for the period; Di Atas when more than half are above and none below, Di Bawah
    when more than half are below, otherwise Sesuai."""
    counts = Counter((v > target) - (v < target) for v in realisasi)
    half = len(realisasi) / 2
    if counts[1] > half and counts[-1] == 0:
        return Rating.DI_ATAS
    if counts[-1] > half:
        return Rating.DI_BAWAH
    return Rating.SESUAI


_PERILAKU_BY_TIER = (
    (Rating.SESUAI,) * 8 + (Rating.DI_BAWAH,) * 2,
    (Rating.DI_ATAS,) + (Rating.SESUAI,) * 9,
    (Rating.DI_ATAS,) * 5 + (Rating.SESUAI,) * 5,
)


def _load_evaluasi(
    conn: Connection, org: _Builder, ids: _Ids, years: list[int], past: list[tuple[int, int]], seed: int
) -> int:
    """A Final Evaluasi Kinerja per SKP for each triwulan whose three months are all past and generated."""
    target = TARGET_TAHUNAN // 12
    final = StatusEvaluasi.FINAL.value

    def rows():
        n = 0
        for y, tahun in enumerate(years):
            months = [m for yy, m in past if yy == tahun]
            triwulan = [q for q in range(1, 5) if all(3 * q - k in months for k in range(3))]
            if not triwulan:
                continue
            for i, p in enumerate(org.pegawai):
                values = _realisasi_values(seed, p, y, len(months))
                rng = random.Random(seed * 15_485_863 + p.id * 17 + y)
                for q in triwulan:
                    positions = [months.index(m) for m in range(3 * q - 2, 3 * q + 1)]
                    sums = [sum(v[k] for k in positions) for v in values]
                    hasil = rating_hasil_kerja(sums, 3 * target)
                    perilaku = rng.choice(_PERILAKU_BY_TIER[p.tier])
                    final_day = date(tahun + (3 * q) // 12, (3 * q) % 12 + 1, 4)
                    n += 1
                    yield (
                        n,
                        ids.plan(y, i),
                        f"TW{q}",
                        hasil.value,
                        perilaku.value,
                        MATRIKS_PREDIKAT[(hasil, perilaku)].value,
                        final,
                        p.atasan_id,
                        _wib(final_day, 10 * 60),
                        _wib(final_day, 10 * 60),
                        1,
                    )

    return bulk.bulk_insert(
        conn,
        EvaluasiKinerja.__table__,
        (
            "id",
            "skp_id",
            "periode_evaluasi",
            "rating_hasil_kerja",
            "rating_perilaku_kerja",
            "predikat",
            "status",
            "penilai_id",
            "finalized_at",
            "updated_at",
            "version_id",
        ),
        rows(),
    )
