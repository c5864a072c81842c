"""The demo kabupaten: a small Pemerintah Kabupaten Bondowoso with ~40 pegawai, their SKP in varied
states, Matriks Peran Hasil, target bulanan, a few months of Aktivitas Harian and some realisasi.

Everything is deterministic (fixed NIPs, ``random.Random(2026)``) relative to ``today``, and built
directly with the ORM models (no actor checks): it is the operator's command, audited once as
``seed_demo``. The sentences follow the e-book's examples.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from db.enums import Aspek, JenisJabatan, JenisRHK, Perspektif, StatusAktivitas, StatusSKP
from db.models import (
    SKP,
    AktivitasHarian,
    BuktiDukung,
    HariLibur,
    IndikatorKinerja,
    IndikatorPerjanjianKinerja,
    KatalogAktivitas,
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
from services.organisasi import struktur as organisasi
from services.organisasi.berakhlak import BERAKHLAK
from services.organisasi.periode import default_range
from services.platform import audit, auth, kalender, settings
from services.platform.errors import ValidationError
from services.platform.format import WIB
from services.platform.kalender import hari_ini

DEMO_PASSWORD = "sipijar2026"

J = JenisJabatan
K, KL, W, B = Aspek.KUANTITAS, Aspek.KUALITAS, Aspek.WAKTU, Aspek.BIAYA
PL, PB, AG, PI = (
    Perspektif.PENERIMA_LAYANAN,
    Perspektif.PROSES_BISNIS,
    Perspektif.ANGGARAN,
    Perspektif.PENGUATAN_INTERNAL,
)

POLA_PENUGASAN = (
    "Direktif Pejabat Penilai (Mandiri)",
    "Direktif Pejabat Penilai (Kolaborasi)",
    "Inisiatif Pegawai (Mandiri)",
)

# ---------------------------------------------------------------------------------------------
# The content: units, people, their plans. Keys are short names used only inside this module.
# ---------------------------------------------------------------------------------------------

#: (key, nama, induk key)
UNITS: tuple[tuple[str, str, str | None], ...] = (
    ("kab", "Pemerintah Kabupaten Bondowoso", None),
    ("bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "kab"),
    ("mutasi", "Bidang Mutasi dan Promosi", "bkpsdm"),
    ("ppik", "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian", "bkpsdm"),
    ("dinkes", "Dinas Kesehatan", "kab"),
    ("yankes", "Bidang Pelayanan dan Sumber Daya Kesehatan", "dinkes"),
    ("pkm", "UPTD Puskesmas Tegalampel", "dinkes"),
    ("pkm_tu", "Subbagian Tata Usaha UPTD Puskesmas Tegalampel", "pkm"),
    ("kec", "Kecamatan Tenggarang", "kab"),
    ("kec_sek", "Sekretariat Kecamatan Tenggarang", "kec"),
    ("kec_umum", "Subbagian Umum dan Kepegawaian Kecamatan Tenggarang", "kec_sek"),
    ("kec_pem", "Seksi Pemerintahan Kecamatan Tenggarang", "kec"),
    ("kec_kesos", "Seksi Kesejahteraan Sosial Kecamatan Tenggarang", "kec"),
)


@dataclass(frozen=True)
class Ind:
    """An indikator: sentence, target, satuan, aspek, index into POLA_PENUGASAN."""

    teks: str
    target: float
    satuan: str
    aspek: Aspek = K
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
    #: "ditetapkan", "diajukan", "dikembalikan", "draft" (RHK without target bulanan),
    #: "draft_kosong" (no RHK yet, Matriks Peran Hasil waiting), "tanpa_periode"
    skp: str = "ditetapkan"
    pk: tuple[PK, ...] = ()
    rhk: tuple[Rhk, ...] = ()


BUPATI = "(Penugasan dari Bupati Bondowoso)"
KADINKES = "(Penugasan dari Kepala Dinas Kesehatan Kabupaten Bondowoso)"

PEGAWAI: tuple[Peg, ...] = (
    # --- Kepala Daerah and Sekretaris Daerah -------------------------------------------------
    Peg(
        "bupati",
        "H. Moh. Khoirul Anam, S.Ag., M.Si.",
        "Bupati Bondowoso",
        J.JPT,
        "kab",
        None,
        None,
        "19720315",
        "202502",
        1,
        0,
        pimpinan=True,
        skp="tanpa_periode",
    ),
    Peg(
        "sekda",
        "Drs. H. Syaiful Bahri, M.Si.",
        "Sekretaris Daerah Kabupaten Bondowoso",
        J.JPT,
        "kab",
        "bupati",
        "Pembina Utama Madya (IV/d)",
        "19690712",
        "199403",
        1,
        12_000_000,
        pimpinan=True,
        pk=(
            PK(
                PL,
                f"Meningkatnya kualitas pelayanan publik perangkat daerah {BUPATI}",
                (Ind("Indeks Kepuasan Masyarakat Kabupaten Bondowoso", 82.5, "Indeks", KL),),
            ),
            PK(
                PB,
                f"Terlaksananya Program Penunjang Urusan Pemerintah Daerah Kabupaten/Kota {BUPATI}",
                (
                    Ind("Jumlah rapat koordinasi pimpinan perangkat daerah yang dilaksanakan", 24, "Kegiatan"),
                    Ind("Persentase program penunjang urusan pemerintahan yang terlaksana", 100, "Persen", KL),
                ),
            ),
            PK(
                AG,
                f"Meningkatnya akuntabilitas pengelolaan keuangan daerah {BUPATI}",
                (
                    Ind("Persentase Penyerapan Anggaran", 95, "Persen", B),
                    Ind("Persentase hasil temuan dari Inspektorat/BPK yang ditindaklanjuti", 100, "Persen", KL),
                ),
            ),
            PK(
                PI,
                f"Meningkatnya akuntabilitas kinerja Pemerintah Kabupaten Bondowoso {BUPATI}",
                (Ind("Nilai Capaian SAKIP Kabupaten", 70, "Nilai", KL),),
            ),
        ),
    ),
    # --- BKPSDM ------------------------------------------------------------------------------
    Peg(
        "ka_bkpsdm",
        "Dra. Hj. Sitti Maimunah, M.M.",
        "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        J.JPT,
        "bkpsdm",
        "sekda",
        "Pembina Utama Muda (IV/c)",
        "19710204",
        "199603",
        2,
        9_800_000,
        pimpinan=True,
        pk=(
            PK(
                PL,
                f"Meningkatnya kualitas pelayanan administrasi kepegawaian {BUPATI}",
                (Ind("Indeks Kepuasan Masyarakat terhadap layanan kepegawaian", 85, "Indeks", KL),),
            ),
            PK(
                PB,
                f"Meningkatnya Profesionalitas Pegawai {BUPATI}",
                (
                    Ind("Indeks Profesionalitas ASN", 72, "Indeks", KL),
                    Ind("Jumlah ASN yang mengikuti pengembangan kompetensi", 600, "Orang"),
                ),
            ),
            PK(
                AG,
                f"Terwujudnya pengelolaan anggaran BKPSDM yang efektif dan efisien {BUPATI}",
                (Ind("Persentase penyerapan anggaran BKPSDM", 95, "Persen", B),),
            ),
            PK(
                PI,
                f"Meningkatnya akuntabilitas kinerja BKPSDM {BUPATI}",
                (Ind("Nilai Capaian SAKIP BKPSDM", 75, "Nilai", KL),),
            ),
        ),
    ),
    Peg(
        "kabid_mutasi",
        "Agus Budi Santoso, S.Sos., M.Si.",
        "Kepala Bidang Mutasi dan Promosi",
        J.ADMINISTRATOR,
        "mutasi",
        "ka_bkpsdm",
        "Pembina (IV/a)",
        "19780521",
        "200312",
        1,
        6_800_000,
        rhk=(
            Rhk(
                0,
                "Terlaksananya layanan mutasi dan promosi jabatan yang cepat dan akurat",
                (Ind("Jumlah usulan mutasi pegawai yang diproses", 240, "Usulan"),),
                (
                    ("Memeriksa konsep pertimbangan teknis mutasi pegawai", "Dokumen"),
                    ("Memimpin rapat Badan Pertimbangan Jabatan dan Kepangkatan", "Kegiatan"),
                ),
            ),
            Rhk(
                1,
                "Terlaksananya seleksi dan pengisian jabatan berbasis sistem merit",
                (Ind("Jumlah jabatan administrasi yang terisi melalui uji kompetensi", 24, "Jabatan"),),
                (
                    ("Mengoordinasikan pelaksanaan uji kompetensi jabatan administrator", "Kegiatan"),
                    ("Menelaah hasil pemetaan talenta pejabat pengawas", "Dokumen"),
                ),
            ),
            Rhk(
                2,
                "Terlaksananya pengelolaan anggaran bidang mutasi dan promosi sesuai rencana",
                (Ind("Persentase realisasi anggaran bidang mutasi dan promosi", 95, "Persen", B),),
                (("Mengendalikan realisasi anggaran kegiatan bidang", "Dokumen"),),
            ),
        ),
    ),
    Peg(
        "analis_muda",
        "Endang Sri Wahyuni, S.E.",
        "Analis Sumber Daya Manusia Aparatur Ahli Muda",
        J.FUNGSIONAL,
        "mutasi",
        "kabid_mutasi",
        "Penata Tingkat I (III/d)",
        "19830917",
        "200901",
        2,
        5_000_000,
        rhk=(
            Rhk(
                0,
                "Tersusunnya pertimbangan teknis mutasi pegawai yang akurat",
                (Ind("Jumlah dokumen pertimbangan teknis mutasi yang disusun", 120, "Dokumen"),),
                (
                    ("Menyusun pertimbangan teknis usulan mutasi antar-OPD", "Dokumen"),
                    ("Menganalisis formasi jabatan tujuan mutasi", "Dokumen"),
                ),
            ),
            Rhk(
                1,
                "Tersusunnya analisis kesesuaian kompetensi pejabat",
                (
                    Ind("Jumlah laporan analisis kesesuaian kompetensi yang disusun", 12, "Laporan"),
                    Ind("Persentase laporan analisis yang diselesaikan tepat waktu", 100, "Persen", W),
                ),
                (
                    ("Mengolah hasil asesmen kompetensi pejabat", "Data"),
                    ("Menyusun laporan analisis kesesuaian kompetensi", "Laporan"),
                ),
            ),
        ),
    ),
    Peg(
        "analis_pertama",
        "Moh. Fathorrahman, S.H.",
        "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
        J.FUNGSIONAL,
        "mutasi",
        "kabid_mutasi",
        "Penata Muda Tingkat I (III/b)",
        "19910408",
        "201703",
        1,
        3_800_000,
        rhk=(
            Rhk(
                0,
                "Terverifikasinya berkas usulan mutasi dan kenaikan pangkat",
                (Ind("Jumlah berkas usulan mutasi dan kenaikan pangkat yang diverifikasi", 360, "Berkas"),),
                (
                    ("Memverifikasi kelengkapan berkas usulan mutasi", "Berkas"),
                    ("Memverifikasi berkas usulan kenaikan pangkat periode April", "Berkas"),
                ),
            ),
        ),
    ),
    Peg(
        "pelaksana",
        "Siti Nur Hasanah",
        "Pengelola Data Kepegawaian",
        J.PELAKSANA,
        "mutasi",
        "kabid_mutasi",
        "Penata Muda (III/a)",
        "19940623",
        "201903",
        2,
        3_100_000,
        rhk=(
            Rhk(
                0,
                "Terkelolanya data usulan mutasi pegawai pada SIMPEG",
                (Ind("Jumlah data mutasi pegawai yang dimutakhirkan pada SIMPEG", 480, "Data"),),
                (
                    ("Menginput data mutasi pegawai pada SIMPEG", "Data"),
                    ("Merekap usulan mutasi dari perangkat daerah", "Dokumen"),
                ),
            ),
            Rhk(
                2,
                "Tersusunnya dokumen perencanaan, penganggaran dan evaluasi bidang mutasi dan promosi",
                (Ind("Jumlah dokumen perencanaan, penganggaran dan evaluasi yang disusun tepat waktu", 13, "Dokumen"),),
                (
                    ("Menyusun laporan realisasi anggaran bidang", "Dokumen"),
                    ("Menyusun bahan rencana kerja bidang mutasi dan promosi", "Dokumen"),
                ),
            ),
        ),
    ),
    Peg(
        "pengadm_kepeg",
        "Ach. Busiri",
        "Pengadministrasi Kepegawaian",
        J.PELAKSANA,
        "mutasi",
        "kabid_mutasi",
        "Pengatur Muda Tingkat I (II/b)",
        "19890102",
        "201112",
        1,
        2_600_000,
        skp="diajukan",
        rhk=(
            Rhk(
                0,
                "Terlaksananya pengadministrasian surat keputusan mutasi pegawai",
                (Ind("Jumlah SK mutasi pegawai yang diadministrasikan", 240, "SK"),),
                (("Mengagendakan SK mutasi pegawai", "SK"),),
            ),
        ),
    ),
    Peg(
        "pengadm_mutasi",
        "Dwi Ayu Lestari, A.Md.",
        "Pengadministrasi Perkantoran",
        J.PELAKSANA,
        "mutasi",
        "kabid_mutasi",
        "Pengatur (II/c)",
        "19960914",
        "202101",
        2,
        2_500_000,
        rhk=(
            Rhk(
                1,
                "Terlaksananya pengadministrasian berkas uji kompetensi jabatan",
                (Ind("Jumlah berkas peserta uji kompetensi yang diadministrasikan", 120, "Berkas"),),
                (
                    ("Mengadministrasikan berkas peserta uji kompetensi", "Berkas"),
                    ("Menyiapkan undangan dan daftar hadir uji kompetensi", "Dokumen"),
                ),
            ),
        ),
    ),
    Peg(
        "kabid_ppik",
        "Heri Kuswanto, S.STP., M.Si.",
        "Kepala Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
        J.ADMINISTRATOR,
        "ppik",
        "ka_bkpsdm",
        "Pembina (IV/a)",
        "19800110",
        "200208",
        1,
        6_800_000,
        rhk=(
            Rhk(
                0,
                "Terlaksananya layanan pemberhentian dan pensiun pegawai tepat waktu",
                (Ind("Jumlah usulan pensiun yang diproses tepat waktu", 180, "Usulan"),),
                (
                    ("Memeriksa usulan pensiun pegawai sebelum dikirim ke BKN", "Dokumen"),
                    ("Memimpin rapat evaluasi layanan pemberhentian", "Kegiatan"),
                ),
            ),
            Rhk(
                3,
                "Tersedianya data dan sistem informasi kepegawaian yang mutakhir",
                (Ind("Persentase data pegawai pada SIMPEG yang mutakhir", 98, "Persen", KL),),
                (("Mengendalikan pemutakhiran data SIMPEG", "Dokumen"),),
            ),
        ),
    ),
    Peg(
        "prakom",
        "Deny Prasetyo, S.Kom.",
        "Pranata Komputer Ahli Muda",
        J.FUNGSIONAL,
        "ppik",
        "kabid_ppik",
        "Penata Tingkat I (III/d)",
        "19860305",
        "201003",
        1,
        5_000_000,
        admin=True,
        rhk=(
            Rhk(
                1,
                "Terkelolanya aplikasi SIPIJAR dan SIMPEG yang andal",
                (
                    Ind("Jumlah pemeliharaan dan pembaruan aplikasi kepegawaian yang dilaksanakan", 24, "Kegiatan"),
                    Ind("Persentase ketersediaan layanan aplikasi SIPIJAR", 99, "Persen", KL),
                ),
                (
                    ("Memelihara server dan basis data aplikasi SIPIJAR", "Kegiatan"),
                    ("Memperbarui modul aplikasi SIMPEG", "Kegiatan"),
                ),
            ),
            Rhk(
                1,
                "Terlaksananya pendampingan operator kepegawaian perangkat daerah",
                (Ind("Jumlah operator perangkat daerah yang didampingi", 40, "Orang", K, 1),),
                (("Mendampingi operator kepegawaian OPD mengatasi kendala aplikasi", "Orang"),),
                JenisRHK.TAMBAHAN,
            ),
        ),
    ),
    Peg(
        "pengelola_sik",
        "Yuyun Wahyuningsih, S.Kom.",
        "Pengelola Sistem Informasi Kepegawaian",
        J.PELAKSANA,
        "ppik",
        "kabid_ppik",
        "Penata Muda (III/a)",
        "19930727",
        "201903",
        2,
        3_100_000,
        admin=True,
        rhk=(
            Rhk(
                1,
                "Termutakhirkannya data pegawai pada SIMPEG",
                (Ind("Jumlah data pegawai yang dimutakhirkan", 1200, "Data"),),
                (
                    ("Memutakhirkan data riwayat jabatan pegawai pada SIMPEG", "Data"),
                    ("Memvalidasi data pegawai hasil pemutakhiran mandiri", "Data"),
                ),
            ),
        ),
    ),
    Peg(
        "analis_ppik",
        "Imam Syafi'i, S.Psi.",
        "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
        J.FUNGSIONAL,
        "ppik",
        "kabid_ppik",
        "Penata Muda Tingkat I (III/b)",
        "19920819",
        "201904",
        1,
        3_800_000,
        skp="dikembalikan",
        rhk=(
            Rhk(
                0,
                "Tersusunnya dokumen usulan pensiun pegawai",
                (Ind("Dokumen usulan pensiun", 150, "Dokumen"),),
                (("Menyusun dokumen usulan pensiun", "Dokumen"),),
            ),
        ),
    ),
    Peg(
        "baru_bkpsdm",
        "Fathur Rozi, A.Md.",
        "Pengadministrasi Perkantoran",
        J.PELAKSANA,
        "ppik",
        "kabid_ppik",
        "Pengatur (II/c)",
        "19990130",
        "202501",
        1,
        2_500_000,
        skp="tanpa_periode",
    ),
    # --- Dinas Kesehatan ---------------------------------------------------------------------
    Peg(
        "kadinkes",
        "dr. H. Mohammad Faisol, M.Kes.",
        "Kepala Dinas Kesehatan",
        J.JPT,
        "dinkes",
        "sekda",
        "Pembina Utama Muda (IV/c)",
        "19730928",
        "200012",
        1,
        9_500_000,
        pimpinan=True,
        pk=(
            PK(
                PL,
                f"Meningkatnya derajat kesehatan masyarakat Kabupaten Bondowoso {BUPATI}",
                (
                    Ind("Indeks Kepuasan Masyarakat terhadap layanan kesehatan", 83, "Indeks", KL),
                    Ind("Cakupan pelayanan kesehatan ibu hamil sesuai standar", 100, "Persen", KL),
                ),
            ),
            PK(
                PB,
                f"Meningkatnya mutu layanan fasilitas kesehatan {BUPATI}",
                (Ind("Jumlah puskesmas terakreditasi paripurna", 10, "Puskesmas"),),
            ),
            PK(
                AG,
                f"Terwujudnya pengelolaan anggaran kesehatan yang akuntabel {BUPATI}",
                (Ind("Persentase penyerapan anggaran Dinas Kesehatan", 95, "Persen", B),),
            ),
            PK(
                PI,
                f"Meningkatnya akuntabilitas kinerja Dinas Kesehatan {BUPATI}",
                (Ind("Nilai Capaian SAKIP Dinas Kesehatan", 72, "Nilai", KL),),
            ),
        ),
    ),
    Peg(
        "kabid_yankes",
        "drg. Lilik Sulistyowati, M.M.Kes.",
        "Kepala Bidang Pelayanan dan Sumber Daya Kesehatan",
        J.ADMINISTRATOR,
        "yankes",
        "kadinkes",
        "Pembina (IV/a)",
        "19790406",
        "200604",
        2,
        6_500_000,
        rhk=(
            Rhk(
                0,
                "Terlaksananya pembinaan mutu pelayanan kesehatan primer",
                (Ind("Jumlah puskesmas yang dibina mutu layanannya", 25, "Puskesmas"),),
                (
                    ("Memimpin supervisi mutu layanan puskesmas", "Kegiatan"),
                    ("Menelaah laporan indikator mutu puskesmas", "Dokumen"),
                ),
            ),
            Rhk(
                1,
                "Terlaksananya pendampingan akreditasi fasilitas pelayanan kesehatan",
                (Ind("Jumlah fasilitas pelayanan kesehatan yang didampingi akreditasi", 10, "Fasyankes"),),
                (("Mengoordinasikan tim pendamping akreditasi puskesmas", "Kegiatan"),),
            ),
        ),
    ),
    Peg(
        "admkes_muda",
        "Sugiarto, S.KM., M.Kes.",
        "Administrator Kesehatan Ahli Muda",
        J.FUNGSIONAL,
        "yankes",
        "kabid_yankes",
        "Penata Tingkat I (III/d)",
        "19820214",
        "200803",
        1,
        5_000_000,
        rhk=(
            Rhk(
                0,
                "Tersusunnya laporan evaluasi mutu pelayanan puskesmas",
                (Ind("Jumlah laporan evaluasi mutu pelayanan puskesmas yang disusun", 12, "Laporan"),),
                (
                    ("Mengolah data indikator nasional mutu puskesmas", "Data"),
                    ("Menyusun laporan evaluasi mutu pelayanan puskesmas", "Laporan"),
                ),
            ),
        ),
    ),
    Peg(
        "admkes_pertama",
        "Anisatul Fitriyah, S.KM.",
        "Administrator Kesehatan Ahli Pertama",
        J.FUNGSIONAL,
        "yankes",
        "kabid_yankes",
        "Penata Muda (III/a)",
        "19950511",
        "202003",
        2,
        3_800_000,
        rhk=(
            Rhk(
                1,
                "Terlaksananya verifikasi dokumen akreditasi puskesmas",
                (Ind("Jumlah dokumen akreditasi puskesmas yang diverifikasi", 50, "Dokumen"),),
                (
                    ("Memverifikasi dokumen akreditasi puskesmas", "Dokumen"),
                    ("Mendampingi survei simulasi akreditasi puskesmas", "Kegiatan"),
                ),
            ),
        ),
    ),
    Peg(
        "pengelola_yankes",
        "Hosnan",
        "Pengelola Layanan Kesehatan",
        J.PELAKSANA,
        "yankes",
        "kabid_yankes",
        "Pengatur Tingkat I (II/d)",
        "19870719",
        "201012",
        1,
        2_800_000,
        rhk=(
            Rhk(
                0,
                "Terkelolanya data kunjungan pelayanan kesehatan puskesmas",
                (Ind("Jumlah data kunjungan pelayanan puskesmas yang direkap", 300, "Data"),),
                (
                    ("Merekap data kunjungan pelayanan puskesmas", "Data"),
                    ("Menginput laporan bulanan puskesmas ke aplikasi", "Data"),
                ),
            ),
        ),
    ),
    Peg(
        "pengadm_dinkes",
        "Masrurah",
        "Pengadministrasi Perkantoran",
        J.PELAKSANA,
        "yankes",
        "kabid_yankes",
        "Pengatur Muda Tingkat I (II/b)",
        "19920303",
        "201403",
        2,
        2_500_000,
        skp="draft",
        rhk=(
            Rhk(
                1,
                "Terlaksananya pengadministrasian surat masuk dan keluar bidang",
                (Ind("Jumlah surat masuk dan keluar yang diadministrasikan", 600, "Surat"),),
                (("Mengagendakan surat masuk dan keluar bidang", "Surat"),),
            ),
        ),
    ),
    # --- UPTD Puskesmas Tegalampel (pimpinan unit kerja mandiri) --------------------------------
    Peg(
        "kapus",
        "dr. Rahmat Hidayat",
        "Kepala UPTD Puskesmas Tegalampel",
        J.FUNGSIONAL,
        "pkm",
        "kadinkes",
        "Pembina (IV/a)",
        "19810826",
        "200902",
        1,
        5_800_000,
        pukm=True,
        pimpinan=True,
        pk=(
            PK(
                PL,
                f"Meningkatnya kepuasan pasien UPTD Puskesmas Tegalampel {KADINKES}",
                (Ind("Indeks Kepuasan Masyarakat UPTD Puskesmas Tegalampel", 85, "Indeks", KL),),
            ),
            PK(
                PB,
                f"Meningkatnya cakupan pelayanan kesehatan dasar di wilayah Kecamatan Tegalampel {KADINKES}",
                (
                    Ind("Jumlah kunjungan pemeriksaan ibu hamil (K6)", 480, "Kunjungan"),
                    Ind("Jumlah posyandu yang dibina", 36, "Posyandu"),
                ),
            ),
            PK(
                AG,
                f"Terkelolanya dana BOK Puskesmas secara akuntabel {KADINKES}",
                (Ind("Persentase realisasi anggaran BOK", 95, "Persen", B),),
            ),
            PK(
                PI,
                f"Meningkatnya kompetensi tenaga kesehatan Puskesmas {KADINKES}",
                (Ind("Jumlah tenaga kesehatan yang mengikuti peningkatan kompetensi", 12, "Orang"),),
            ),
        ),
    ),
    Peg(
        "kasubbag_tu",
        "Sunardi, S.E.",
        "Kepala Subbagian Tata Usaha",
        J.PENGAWAS,
        "pkm_tu",
        "kapus",
        "Penata Tingkat I (III/d)",
        "19790113",
        "200501",
        1,
        4_500_000,
        rhk=(
            Rhk(
                2,
                "Terkelolanya administrasi keuangan dan dana BOK puskesmas",
                (Ind("Jumlah laporan pertanggungjawaban keuangan yang disusun", 12, "Laporan"),),
                (
                    ("Memeriksa SPJ kegiatan BOK", "Dokumen"),
                    ("Menyusun laporan pertanggungjawaban keuangan puskesmas", "Laporan"),
                ),
            ),
            Rhk(
                3,
                "Terlaksananya pengelolaan administrasi kepegawaian puskesmas",
                (Ind("Jumlah dokumen kepegawaian puskesmas yang diproses", 60, "Dokumen"),),
                (("Memproses usulan kenaikan pangkat tenaga kesehatan", "Dokumen"),),
            ),
        ),
    ),
    Peg(
        "dokter",
        "dr. Dian Kartika Sari",
        "Dokter Ahli Pertama",
        J.FUNGSIONAL,
        "pkm",
        "kapus",
        "Penata Muda Tingkat I (III/b)",
        "19930402",
        "202003",
        2,
        4_200_000,
        rhk=(
            Rhk(
                1,
                "Terlaksananya pelayanan pemeriksaan kesehatan pasien rawat jalan",
                (Ind("Jumlah pasien rawat jalan yang diperiksa", 2400, "Pasien"),),
                (
                    ("Melakukan pemeriksaan pasien rawat jalan di poli umum", "Pasien"),
                    ("Melakukan rujukan pasien ke rumah sakit", "Pasien"),
                ),
            ),
        ),
    ),
    Peg(
        "perawat",
        "Ns. Ahmad Fauzan, S.Kep.",
        "Perawat Ahli Pertama",
        J.FUNGSIONAL,
        "pkm",
        "kapus",
        "Penata Muda (III/a)",
        "19940918",
        "201904",
        1,
        3_800_000,
        rhk=(
            Rhk(
                1,
                "Terlaksananya asuhan keperawatan pasien",
                (Ind("Jumlah pasien yang diberikan asuhan keperawatan", 1800, "Pasien"),),
                (
                    ("Melakukan pengkajian keperawatan pasien", "Pasien"),
                    ("Melaksanakan tindakan keperawatan di ruang tindakan", "Pasien"),
                ),
            ),
            Rhk(
                0,
                "Terlaksananya penyuluhan kesehatan kepada masyarakat",
                (Ind("Jumlah kegiatan penyuluhan kesehatan yang dilaksanakan", 24, "Kegiatan", K, 1),),
                (("Memberikan penyuluhan PHBS di posyandu", "Kegiatan"),),
            ),
        ),
    ),
    Peg(
        "perawat_terampil",
        "Holilah, A.Md.Kep.",
        "Perawat Terampil",
        J.FUNGSIONAL,
        "pkm",
        "kapus",
        "Pengatur (II/c)",
        "19950207",
        "201912",
        2,
        3_000_000,
        rhk=(
            Rhk(
                1,
                "Terlaksananya tindakan keperawatan dasar",
                (Ind("Jumlah tindakan keperawatan dasar yang dilakukan", 1500, "Tindakan"),),
                (("Melakukan tindakan perawatan luka", "Tindakan"), ("Mengukur tanda-tanda vital pasien", "Pasien")),
            ),
        ),
    ),
    Peg(
        "bidan",
        "Sumiati, A.Md.Keb.",
        "Bidan Terampil",
        J.FUNGSIONAL,
        "pkm",
        "kapus",
        "Pengatur Tingkat I (II/d)",
        "19880612",
        "201103",
        2,
        3_000_000,
        rhk=(
            Rhk(
                1,
                "Terlaksananya pelayanan antenatal care ibu hamil",
                (Ind("Jumlah kunjungan pemeriksaan ibu hamil", 240, "Kunjungan"),),
                (
                    ("Melakukan pemeriksaan kehamilan (ANC) terpadu", "Orang"),
                    ("Melakukan kunjungan rumah ibu hamil risiko tinggi", "Orang"),
                ),
            ),
            Rhk(
                0,
                "Terlaksananya kelas ibu hamil di desa binaan",
                (Ind("Jumlah kelas ibu hamil yang difasilitasi", 24, "Kegiatan"),),
                (("Memfasilitasi kelas ibu hamil di desa binaan", "Kegiatan"),),
            ),
        ),
    ),
    Peg(
        "bidan2",
        "Yuliana, A.Md.Keb.",
        "Bidan Terampil",
        J.FUNGSIONAL,
        "pkm",
        "kapus",
        "Pengatur (II/c)",
        "19970725",
        "202103",
        2,
        3_000_000,
        rhk=(
            Rhk(
                1,
                "Terlaksananya pelayanan imunisasi bayi dan balita",
                (Ind("Jumlah bayi yang mendapatkan imunisasi dasar lengkap", 300, "Bayi"),),
                (
                    ("Memberikan imunisasi dasar di posyandu", "Bayi"),
                    ("Mencatat hasil imunisasi pada register kohort bayi", "Data"),
                ),
            ),
        ),
    ),
    Peg(
        "nutrisionis",
        "Nur Aini, S.Gz.",
        "Nutrisionis Ahli Pertama",
        J.FUNGSIONAL,
        "pkm",
        "kapus",
        "Penata Muda (III/a)",
        "19960110",
        "202203",
        2,
        3_800_000,
        rhk=(
            Rhk(
                0,
                "Terlaksananya pemantauan status gizi balita",
                (Ind("Jumlah balita yang dipantau status gizinya", 600, "Balita"),),
                (("Melakukan konseling gizi kepada ibu balita", "Orang"), ("Mengolah data penimbangan balita", "Data")),
            ),
        ),
    ),
    Peg(
        "pengadm_pkm",
        "Jumaidi",
        "Pengadministrasi Umum",
        J.PELAKSANA,
        "pkm_tu",
        "kasubbag_tu",
        "Pengatur Muda Tingkat I (II/b)",
        "19900815",
        "201403",
        1,
        2_500_000,
        rhk=(
            Rhk(
                1,
                "Terlaksananya pengadministrasian surat dan arsip puskesmas",
                (Ind("Jumlah surat dan arsip puskesmas yang diadministrasikan", 480, "Surat"),),
                (
                    ("Mengagendakan surat masuk dan keluar puskesmas", "Surat"),
                    ("Menata arsip kepegawaian puskesmas", "Berkas"),
                ),
            ),
        ),
    ),
    Peg(
        "keuangan_pkm",
        "Eko Budi Santoso, S.E.",
        "Pengelola Keuangan",
        J.PELAKSANA,
        "pkm_tu",
        "kasubbag_tu",
        "Penata Muda (III/a)",
        "19910520",
        "201703",
        1,
        2_900_000,
        rhk=(
            Rhk(
                0,
                "Tersusunnya SPJ kegiatan BOK puskesmas",
                (Ind("Jumlah SPJ kegiatan BOK yang disusun", 120, "SPJ"),),
                (("Menyusun SPJ kegiatan BOK", "SPJ"), ("Mencatat transaksi pada buku kas umum", "Data")),
            ),
        ),
    ),
    # --- Kecamatan Tenggarang (Camat: pimpinan unit kerja mandiri) -------------------------------
    Peg(
        "camat",
        "Slamet Widodo, S.STP., M.Si.",
        "Camat Tenggarang",
        J.ADMINISTRATOR,
        "kec",
        "sekda",
        "Pembina (IV/a)",
        "19820730",
        "200409",
        1,
        6_500_000,
        pukm=True,
        pimpinan=True,
        pk=(
            PK(
                PL,
                f"Meningkatnya kualitas Pelayanan Administrasi Terpadu Kecamatan (PATEN) {BUPATI}",
                (Ind("Indeks Kepuasan Masyarakat terhadap layanan PATEN", 84, "Indeks", KL),),
            ),
            PK(
                PB,
                f"Terlaksananya pembinaan penyelenggaraan pemerintahan desa di Kecamatan Tenggarang {BUPATI}",
                (Ind("Jumlah desa yang menetapkan APBDes tepat waktu", 12, "Desa"),),
            ),
            PK(
                AG,
                f"Terwujudnya pengelolaan anggaran kecamatan yang akuntabel {BUPATI}",
                (Ind("Persentase penyerapan anggaran Kecamatan Tenggarang", 95, "Persen", B),),
            ),
            PK(
                PI,
                f"Meningkatnya akuntabilitas kinerja Kecamatan Tenggarang {BUPATI}",
                (Ind("Nilai Capaian SAKIP Kecamatan Tenggarang", 70, "Nilai", KL),),
            ),
        ),
    ),
    Peg(
        "sekcam",
        "Ainur Rofiq, S.Sos.",
        "Sekretaris Kecamatan",
        J.ADMINISTRATOR,
        "kec_sek",
        "camat",
        "Penata Tingkat I (III/d)",
        "19810419",
        "200603",
        1,
        5_600_000,
        rhk=(
            Rhk(
                2,
                "Terkoordinasinya perencanaan dan pengelolaan keuangan kecamatan",
                (Ind("Jumlah dokumen perencanaan dan laporan keuangan kecamatan yang disusun", 16, "Dokumen"),),
                (
                    ("Mengoordinasikan penyusunan Renja kecamatan", "Dokumen"),
                    ("Memeriksa laporan keuangan bulanan kecamatan", "Dokumen"),
                ),
            ),
            Rhk(
                3,
                "Tersusunnya dokumen akuntabilitas kinerja kecamatan",
                (Ind("Jumlah dokumen SAKIP kecamatan yang disusun", 4, "Dokumen"),),
                (("Menyusun Laporan Kinerja Instansi Pemerintah kecamatan", "Dokumen"),),
            ),
        ),
    ),
    Peg(
        "kasubbag_umum",
        "Yuni Astutik, S.AP.",
        "Kepala Subbagian Umum dan Kepegawaian",
        J.PENGAWAS,
        "kec_umum",
        "sekcam",
        "Penata (III/c)",
        "19850601",
        "201003",
        2,
        4_200_000,
        rhk=(
            Rhk(
                0,
                "Terkelolanya administrasi umum dan kepegawaian kecamatan",
                (Ind("Jumlah dokumen administrasi umum dan kepegawaian yang diproses", 120, "Dokumen"),),
                (
                    ("Memproses usulan cuti dan kenaikan gaji berkala pegawai kecamatan", "Dokumen"),
                    ("Mengendalikan pengelolaan barang milik daerah kecamatan", "Dokumen"),
                ),
            ),
        ),
    ),
    Peg(
        "kasi_pem",
        "Abd. Rahman, S.H.",
        "Kepala Seksi Pemerintahan",
        J.PENGAWAS,
        "kec_pem",
        "camat",
        "Penata Tingkat I (III/d)",
        "19800916",
        "200601",
        1,
        4_500_000,
        rhk=(
            Rhk(
                1,
                "Terlaksananya pembinaan administrasi pemerintahan desa",
                (Ind("Jumlah desa yang dibina administrasi pemerintahannya", 12, "Desa"),),
                (("Membina penyusunan APBDes di desa", "Desa"), ("Mengevaluasi rancangan peraturan desa", "Dokumen")),
            ),
            Rhk(
                0,
                "Terlaksananya pelayanan rekomendasi administrasi kependudukan",
                (Ind("Jumlah rekomendasi administrasi kependudukan yang diterbitkan", 600, "Berkas"),),
                (("Memeriksa berkas permohonan rekomendasi kependudukan", "Berkas"),),
            ),
        ),
    ),
    Peg(
        "kasi_kesos",
        "Sri Rahayu, S.Sos.",
        "Kepala Seksi Kesejahteraan Sosial",
        J.PENGAWAS,
        "kec_kesos",
        "camat",
        "Penata (III/c)",
        "19840227",
        "200912",
        2,
        4_200_000,
        rhk=(
            Rhk(
                1,
                "Terlaksananya verifikasi data penerima bantuan sosial desa",
                (Ind("Jumlah desa yang diverifikasi data penerima bantuan sosialnya", 12, "Desa"),),
                (
                    ("Memverifikasi data penerima bantuan sosial di desa", "Desa"),
                    ("Mengoordinasikan musyawarah desa pemutakhiran DTKS", "Kegiatan"),
                ),
            ),
        ),
    ),
    Peg(
        "bendahara",
        "Suhartono",
        "Bendahara Pengeluaran",
        J.PELAKSANA,
        "kec_sek",
        "sekcam",
        "Pengatur Tingkat I (II/d)",
        "19860107",
        "200912",
        1,
        3_000_000,
        rhk=(
            Rhk(
                0,
                "Tersusunnya laporan pertanggungjawaban bendahara pengeluaran",
                (
                    Ind("Jumlah laporan pertanggungjawaban bendahara yang disusun", 12, "Laporan"),
                    Ind("Jumlah SPJ yang diverifikasi", 240, "SPJ"),
                ),
                (
                    ("Memverifikasi SPJ belanja kecamatan", "SPJ"),
                    ("Menyusun laporan pertanggungjawaban bendahara", "Laporan"),
                ),
            ),
        ),
    ),
    Peg(
        "pengadm_kec",
        "Mahfud",
        "Pengadministrasi Umum",
        J.PELAKSANA,
        "kec_umum",
        "kasubbag_umum",
        "Pengatur Muda Tingkat I (II/b)",
        "19890324",
        "201403",
        1,
        2_500_000,
        rhk=(
            Rhk(
                0,
                "Terlaksananya pengadministrasian surat masuk dan keluar kecamatan",
                (Ind("Jumlah surat masuk dan keluar kecamatan yang diadministrasikan", 720, "Surat"),),
                (
                    ("Mengagendakan surat masuk dan keluar kecamatan", "Surat"),
                    ("Mendistribusikan undangan kepada pemerintah desa", "Surat"),
                ),
            ),
        ),
    ),
    Peg(
        "pengelola_duk",
        "Siti Aisyah",
        "Pengelola Data Kependudukan",
        J.PELAKSANA,
        "kec_pem",
        "kasi_pem",
        "Pengatur (II/c)",
        "19930512",
        "201712",
        2,
        2_600_000,
        rhk=(
            Rhk(
                1,
                "Terlayaninya permohonan administrasi kependudukan di loket PATEN",
                (Ind("Jumlah permohonan administrasi kependudukan yang dilayani", 900, "Berkas"),),
                (
                    ("Melayani permohonan administrasi kependudukan di loket PATEN", "Berkas"),
                    ("Menginput data permohonan pada aplikasi SIAK", "Data"),
                ),
            ),
        ),
    ),
    Peg(
        "pengelola_bansos",
        "Rudi Hartono",
        "Pengelola Bantuan Sosial",
        J.PELAKSANA,
        "kec_kesos",
        "kasi_kesos",
        "Pengatur (II/c)",
        "19940808",
        "201912",
        1,
        2_600_000,
        skp="draft_kosong",
        rhk=(
            Rhk(
                0,
                "Termutakhirkannya data penerima bantuan sosial kecamatan",
                (Ind("Jumlah data penerima bantuan sosial yang dimutakhirkan", 1500, "Data"),),
                (("Memutakhirkan data penerima bantuan sosial", "Data"),),
            ),
        ),
    ),
    Peg(
        "baru_kec",
        "Lailatul Qomariyah, A.Md.",
        "Pengadministrasi Perkantoran",
        J.PELAKSANA,
        "kec_pem",
        "kasi_pem",
        "Pengatur (II/c)",
        "20000617",
        "202501",
        2,
        2_500_000,
        skp="tanpa_periode",
    ),
)


def _nip(seq: int, p: Peg) -> str:
    """Birth date yyyymmdd + TMT yyyymm + sex digit + 3-digit sequence: 18 digits."""
    return f"{p.lahir}{p.tmt}{p.sex}{seq:03d}"


NIP: dict[str, str] = {p.key: _nip(i + 1, p) for i, p in enumerate(PEGAWAI)}
_BY_KEY: dict[str, Peg] = {p.key: p for p in PEGAWAI}


class DemoLogin(NamedTuple):
    peran: str
    nama: str
    nip: str


def _login(peran: str, key: str) -> DemoLogin:
    return DemoLogin(peran, _BY_KEY[key].nama, NIP[key])


#: Accounts shown on the login page; all use :data:`DEMO_PASSWORD`.
DEMO_LOGINS: list[DemoLogin] = [
    _login("Pegawai (Pelaksana)", "pelaksana"),
    _login("Pegawai (Fungsional Perawat)", "perawat"),
    _login("Atasan (Kepala Bidang)", "kabid_mutasi"),
    _login("Pimpinan Unit Kerja Mandiri (Camat)", "camat"),
    _login("JPT (Kepala BKPSDM)", "ka_bkpsdm"),
    _login("Pimpinan (Bupati)", "bupati"),
    _login("Admin BKPSDM", "prakom"),
    _login("Pegawai Baru (belum ada Periode SKP)", "baru_bkpsdm"),
]

KATALOG: tuple[tuple[str, str, int], ...] = (
    ("Mengikuti rapat koordinasi", "Kegiatan", 120),
    ("Menyusun laporan kegiatan", "Laporan", 90),
    ("Menyusun konsep naskah dinas", "Surat", 45),
    ("Mengagendakan surat masuk dan keluar", "Surat", 30),
    ("Memverifikasi berkas usulan", "Berkas", 60),
    ("Menginput data ke aplikasi", "Data", 60),
    ("Melayani konsultasi dan permohonan masyarakat", "Orang", 60),
    ("Menyiapkan bahan paparan pimpinan", "Dokumen", 90),
    ("Melaksanakan monitoring dan evaluasi lapangan", "Kegiatan", 180),
    ("Mengarsipkan dokumen", "Berkas", 45),
    ("Membuat notulen rapat", "Dokumen", 60),
    ("Mengikuti sosialisasi/bimbingan teknis", "Kegiatan", 180),
)

#: Activities of a JPT / pimpinan unit kerja mandiri, by the perspektif of the RHK.
AKTIVITAS_PIMPINAN: dict[Perspektif, tuple[tuple[str, str], ...]] = {
    PL: (
        ("Memimpin rapat evaluasi pelayanan publik", "Kegiatan"),
        ("Meninjau langsung pelayanan kepada masyarakat", "Kegiatan"),
    ),
    PB: (
        ("Memimpin rapat koordinasi pelaksanaan program", "Kegiatan"),
        ("Mendisposisi dan menandatangani naskah dinas", "Dokumen"),
    ),
    AG: (
        ("Memimpin rapat evaluasi realisasi anggaran", "Kegiatan"),
        ("Menelaah laporan realisasi keuangan", "Dokumen"),
    ),
    PI: (
        ("Menelaah dokumen SAKIP dan laporan kinerja", "Dokumen"),
        ("Memberikan pembinaan dan arahan kepada pegawai", "Kegiatan"),
    ),
}

EKSPEKTASI = (
    "Memberikan layanan yang cepat, ramah dan solutif kepada pegawai dan masyarakat",
    "Menyelesaikan pekerjaan dengan cermat, tepat waktu dan dapat dipertanggungjawabkan",
    "Mengikuti minimal satu pelatihan atau bimtek tahun ini dan membagikan hasilnya kepada rekan kerja",
    "Menjaga suasana kerja yang kondusif dan saling membantu antar-rekan",
    "Menjaga kerahasiaan data pribadi pegawai dan dokumen dinas",
    "Cepat menyesuaikan diri dengan perubahan regulasi dan aplikasi",
    "Aktif berkoordinasi lintas bidang dan perangkat daerah untuk menyelesaikan pekerjaan",
)

ALASAN_TOLAK = (
    "Uraian aktivitas terlalu umum, mohon diperjelas output-nya.",
    "Jam aktivitas tidak sesuai dengan daftar hadir.",
    "Aktivitas tidak terkait dengan RHK yang dipilih.",
    "Volume output tidak sesuai dengan bukti dukung.",
)

CATATAN_DIKEMBALIKAN = (
    'Indikator belum berupa kalimat target yang terukur (awali dengan "Jumlah" atau '
    '"Persentase"), dan target bulanan belum diisi. Mohon diperbaiki lalu ajukan kembali.'
)

SUMBER_DATA = (
    "Aplikasi SIMPEG",
    "Buku agenda surat",
    "Laporan bulanan",
    "Register pelayanan",
    "Aplikasi e-Puskesmas",
    "Aplikasi SIAK",
)

#: Share of the 300 effective minutes a pegawai logs per day, cycled over the pegawai.
RAJIN = (1.08, 0.95, 0.62, 1.0, 0.82, 1.15, 0.7, 1.03, 0.9, 0.58, 1.1, 0.88)

HARI_BERKERJA_MENIT = 510  # 07:30 – 16:00
JAM_MASUK = 7 * 60 + 30


@dataclass
class DemoInfo:
    units: int
    pegawai: int
    aktivitas: int
    periode: int = 0
    rhk: int = 0
    hari_libur: int = 0
    realisasi: int = 0
    logins: list[DemoLogin] = field(default_factory=lambda: list(DEMO_LOGINS))


def is_empty(session: Session) -> bool:
    """No pegawai yet: the app may offer (or the CLI run) the demo seed on first start."""
    return session.scalar(select(Pegawai.id).limit(1)) is None


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _dec(value: float | int) -> Decimal:
    return Decimal(str(value))


def _split(target: int, months: int = 12) -> list[int]:
    """Whole units spread evenly over the months; they add up to ``target`` exactly."""
    return [(target * m) // months - (target * (m - 1)) // months for m in range(1, months + 1)]


def _wib(day: date, minutes: int = 9 * 60) -> datetime:
    """A WIB wall-clock moment on ``day``, as UTC (the database stores UTC)."""
    local = datetime.combine(day, time(0, 0), tzinfo=WIB) + timedelta(minutes=minutes)
    return local.astimezone(UTC)


def _month_start(day: date, back: int) -> date:
    index = day.year * 12 + (day.month - 1) - back
    return date(index // 12, index % 12 + 1, 1)


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _depth(key: str) -> int:
    depth, current = 0, _BY_KEY[key].atasan
    while current is not None:
        depth, current = depth + 1, _BY_KEY[current].atasan
    return depth


@dataclass
class _Plan:
    """What one pegawai's SKP of one year holds, for the activities and realisasi."""

    periode_id: int
    skp: SKP
    rhk: list[tuple[RencanaHasilKerja, list[IndikatorKinerja], tuple[tuple[str, str], ...]]]


# ---------------------------------------------------------------------------------------------
# The seed
# ---------------------------------------------------------------------------------------------


def seed_demo(session: Session, today: date | None = None) -> DemoInfo:
    """Build the demo kabupaten into an empty database (in the caller's transaction)."""
    today = today or hari_ini()
    if not is_empty(session):
        raise ValidationError("Basis data sudah berisi pegawai; data demo hanya dapat dibuat pada basis data kosong.")
    rng = random.Random(2026)

    # Calendar: the year, and the previous one when the history reaches back into it.
    history_start = _month_start(today, 3)
    history_end = today - timedelta(days=1)
    years = sorted({history_start.year, today.year})
    hari_libur = sum(kalender.seed_hari_libur(session, y) for y in years)

    # Units.
    units: dict[str, UnitKerja] = {}
    for key, nama, induk in UNITS:
        units[key] = organisasi.create_unit(session, nama, units[induk] if induk else None)

    # Pegawai and accounts (one bcrypt hash for all).
    people: dict[str, Pegawai] = {}
    for p in PEGAWAI:
        people[p.key] = Pegawai(
            nip=NIP[p.key],
            nama=p.nama,
            jabatan=p.jabatan,
            jenis_jabatan=p.jenis,
            pangkat_golongan=p.pangkat,
            email=None,
            unit_kerja=units[p.unit],
            atasan=people[p.atasan] if p.atasan else None,
            pimpinan_unit_kerja_mandiri=p.pukm,
            tpp_pokok=p.tpp,
            is_admin=p.admin,
            is_pimpinan=p.pimpinan,
            aktif=True,
        )
    session.add_all(people.values())
    session.flush()
    shared_hash = auth.hash_password(DEMO_PASSWORD)
    for pegawai in people.values():
        auth.create_account(session, pegawai, password_hash=shared_hash, must_change=False)

    pola = [PolaPenugasan(nama=n, aktif=True) for n in POLA_PENUGASAN]
    katalog = [KatalogAktivitas(nama=n, satuan=s, durasi_menit=d, aktif=True) for n, s, d in KATALOG]
    session.add_all(pola + katalog)
    session.flush()

    # Plans, year by year; atasan before bawahan so every non-JPT RHK has its atasan RHK.
    order = sorted((p for p in PEGAWAI if p.skp != "tanpa_periode"), key=lambda p: _depth(p.key))
    plans: dict[tuple[str, int], _Plan] = {}
    n_periode = n_rhk = 0
    for tahun in years:
        current_year = tahun == today.year
        for p in order:
            plan = _build_plan(session, rng, p, people, tahun, today if current_year else None, pola, plans)
            plans[(p.key, tahun)] = plan
            n_periode += 1
            n_rhk += len(plan.rhk)

    # Aktivitas harian.
    working_days = kalender.hari_kerja(session, history_start, history_end) if history_end >= history_start else []
    close_day = settings.get(session, "hari_tutup_bulan")
    n_aktivitas = _seed_aktivitas(session, rng, people, plans, working_days, katalog, today, close_day)

    # Realisasi for a few pegawai, for the past months of the history.
    n_realisasi = _seed_realisasi(session, rng, people, plans, history_start, today)

    info = DemoInfo(
        units=len(units),
        pegawai=len(people),
        aktivitas=n_aktivitas,
        periode=n_periode,
        rhk=n_rhk,
        hari_libur=hari_libur,
        realisasi=n_realisasi,
    )
    audit.record(
        session,
        None,
        "seed_demo",
        "demo",
        None,
        None,
        {
            "today": today,
            "units": info.units,
            "pegawai": info.pegawai,
            "periode": info.periode,
            "rhk": info.rhk,
            "aktivitas": info.aktivitas,
            "hari_libur": info.hari_libur,
        },
    )
    session.flush()
    return info


def _build_plan(
    session: Session,
    rng: random.Random,
    p: Peg,
    people: dict[str, Pegawai],
    tahun: int,
    today: date | None,
    pola: list[PolaPenugasan],
    plans: dict[tuple[str, int], _Plan],
) -> _Plan:
    """Periode (with snapshot), SKP with 7 perilaku rows, PK / RHK / indikator / target bulanan.

    ``today`` is given for the running year only: its SKP get the varied states; earlier years are
    all ditetapkan."""
    pegawai = people[p.key]
    mulai, akhir = default_range(tahun)
    periode = PeriodeSKP(
        pegawai_id=pegawai.id,
        tahun=tahun,
        tanggal_mulai=mulai,
        tanggal_akhir=akhir,
        jabatan=pegawai.jabatan,
        jenis_jabatan=pegawai.jenis_jabatan,
        pimpinan_unit_kerja_mandiri=pegawai.pimpinan_unit_kerja_mandiri,
        pangkat_golongan=pegawai.pangkat_golongan,
        unit_kerja_id=pegawai.unit_kerja_id,
        unit_kerja_nama=pegawai.unit_kerja.nama,
        penilai_id=pegawai.atasan_id,
    )
    session.add(periode)
    session.flush()

    status = StatusSKP.DITETAPKAN
    if today is not None:
        status = {
            "diajukan": StatusSKP.DIAJUKAN,
            "dikembalikan": StatusSKP.DIKEMBALIKAN,
            "draft": StatusSKP.DRAFT,
            "draft_kosong": StatusSKP.DRAFT,
        }.get(p.skp, StatusSKP.DITETAPKAN)
    latest = today - timedelta(days=1) if today is not None else akhir
    depth = _depth(p.key)
    diajukan_day = max(mulai, min(date(tahun, 1, 5 + 2 * depth), latest))
    ditetapkan_day = max(mulai, min(diajukan_day + timedelta(days=2), latest))
    skp = SKP(periode_id=periode.id, pegawai_id=pegawai.id, status=status)
    skp.perilaku = [PerilakuKerja(nomor=n.nomor) for n in BERAKHLAK]
    if status in (StatusSKP.DIAJUKAN, StatusSKP.DITETAPKAN, StatusSKP.DIKEMBALIKAN):
        skp.diajukan_at = _wib(diajukan_day, 10 * 60 + 15 * depth)
    if status == StatusSKP.DITETAPKAN:
        skp.ditetapkan_at = _wib(ditetapkan_day, 9 * 60 + 30 + 20 * depth)
        skp.ditetapkan_oleh_id = pegawai.atasan_id
    if status == StatusSKP.DIKEMBALIKAN:
        skp.catatan_atasan = CATATAN_DIKEMBALIKAN
    session.add(skp)
    session.flush()

    # Ekspektasi khusus from the atasan for about half of the bawahan.
    if pegawai.atasan_id is not None and rng.random() < 0.55:
        for row in skp.perilaku:
            row.ekspektasi_khusus = EKSPEKTASI[row.nomor - 1]
            row.updated_at = _wib(diajukan_day, 8 * 60)

    rows: list[tuple[RencanaHasilKerja, list[IndikatorKinerja], tuple[tuple[str, str], ...]]] = []
    with_target_bulanan = not (today is not None and p.skp == "draft")
    if p.pk:
        for pk in p.pk:
            perjanjian = PerjanjianKinerja(
                periode_id=periode.id, sasaran_strategis=pk.sasaran, perspektif=pk.perspektif
            )
            perjanjian.indikator = [
                IndikatorPerjanjianKinerja(indikator=i.teks, target=_dec(i.target), satuan=i.satuan)
                for i in pk.indikator
            ]
            session.add(perjanjian)
            rhk = RencanaHasilKerja(
                skp=skp, teks=pk.sasaran, jenis=JenisRHK.UTAMA, perspektif=pk.perspektif, perjanjian=perjanjian
            )
            indikator = [_indikator(rhk, i, pola, with_target_bulanan) for i in pk.indikator]
            session.add(rhk)
            rows.append((rhk, indikator, AKTIVITAS_PIMPINAN[pk.perspektif]))
        session.flush()
        return _Plan(periode.id, skp, rows)

    atasan_plan = plans[(p.atasan, tahun)]
    peran: list[PeranHasil] = []
    for spec in p.rhk:
        rhk_atasan = atasan_plan.rhk[spec.intervensi % len(atasan_plan.rhk)][0]
        cell = PeranHasil(
            rhk_atasan_id=rhk_atasan.id,
            bawahan_id=pegawai.id,
            teks=spec.teks,
            created_at=_wib(max(mulai, diajukan_day - timedelta(days=1)), 14 * 60),
        )
        peran.append(cell)
        if today is not None and p.skp == "draft_kosong":
            continue  # the Matriks Peran Hasil is filled; the pegawai has not taken it yet
        rhk = RencanaHasilKerja(skp=skp, teks=spec.teks, jenis=spec.jenis, rhk_atasan_id=rhk_atasan.id)
        indikator = [_indikator(rhk, i, pola, with_target_bulanan) for i in spec.indikator]
        session.add(rhk)
        rows.append((rhk, indikator, spec.aktivitas))
    session.add_all(peran)
    session.flush()
    for cell, (rhk, _ind, _akt) in zip(peran, rows):
        cell.rhk_bawahan_id = rhk.id
    return _Plan(periode.id, skp, rows)


def _indikator(
    rhk: RencanaHasilKerja, spec: Ind, pola: list[PolaPenugasan], with_target_bulanan: bool
) -> IndikatorKinerja:
    indikator = IndikatorKinerja(
        teks=spec.teks, aspek=spec.aspek, target=_dec(spec.target), satuan=spec.satuan, pola_penugasan=pola[spec.pola]
    )
    if with_target_bulanan:
        if spec.aspek == Aspek.KUANTITAS:
            values = [_dec(v) for v in _split(int(spec.target))]
        else:
            values = [_dec(spec.target)] * 12
        indikator.target_bulanan = [TargetBulanan(bulan=m, target=v) for m, v in enumerate(values, start=1)]
    rhk.indikator.append(indikator)
    return indikator


def _durations(rng: random.Random, total: int, count: int) -> list[int]:
    """``count`` durations, multiples of 15 and at least 30 minutes, adding up to ``total``."""
    units = [2] * count
    for _ in range(total // 15 - 2 * count):
        units[rng.randrange(count)] += 1
    return [u * 15 for u in units]


def _seed_aktivitas(
    session: Session,
    rng: random.Random,
    people: dict[str, Pegawai],
    plans: dict[tuple[str, int], _Plan],
    working_days: list[date],
    katalog: list[KatalogAktivitas],
    today: date,
    close_day: int,
) -> int:
    """3–5 non-overlapping activities per working day between 07:30 and 16:00 for every pegawai with a
    ditetapkan SKP; closed months validated (a few rejected), recent days a mix."""
    rows: list[dict] = []
    for index, p in enumerate(PEGAWAI):
        rajin = RAJIN[index % len(RAJIN)]
        pegawai = people[p.key]
        for day in working_days:
            plan = plans.get((p.key, day.year))
            if plan is None or plan.skp.status != StatusSKP.DITETAPKAN or not plan.rhk:
                continue
            if rng.random() < 0.04:
                continue  # cuti, sakit or dinas luar
            close_year, close_month = _next_month(day.year, day.month)
            closed = today > date(close_year, close_month, close_day)
            age = (today - day).days
            count = rng.randint(3, 5)
            total = int(300 * rajin * rng.uniform(0.85, 1.15)) // 15 * 15
            total = max(count * 30, min(total, 480))
            durations = _durations(rng, total, count)
            slack = HARI_BERKERJA_MENIT - total
            start = JAM_MASUK + min(slack, rng.choice((0, 0, 0, 15, 30)))
            slack -= start - JAM_MASUK
            for minutes in durations:
                end = start + minutes
                rhk, indikator, phrases = rng.choice(plan.rhk)
                katalog_id = None
                if rng.random() < 0.25:
                    item = rng.choice(katalog)
                    text, satuan, katalog_id = item.nama, item.satuan, item.id
                else:
                    text, satuan = rng.choice(phrases)
                volume = 1 if satuan in ("Dokumen", "Laporan", "Kegiatan", "Desa") else rng.randint(2, 12)
                if closed:
                    status = StatusAktivitas.DITOLAK if rng.random() < 0.02 else StatusAktivitas.TERVALIDASI
                elif age <= 3:
                    status = StatusAktivitas.MENUNGGU if rng.random() < 0.9 else StatusAktivitas.TERVALIDASI
                else:
                    r = rng.random()
                    status = (
                        StatusAktivitas.TERVALIDASI
                        if r < 0.6
                        else StatusAktivitas.MENUNGGU
                        if r < 0.9
                        else StatusAktivitas.DITOLAK
                    )
                decided = status != StatusAktivitas.MENUNGGU
                decided_day = min(day + timedelta(days=rng.randint(1, 3)), max(day, today - timedelta(days=1)))
                rows.append(
                    {
                        "pegawai_id": pegawai.id,
                        "periode_id": plan.periode_id,
                        "rhk_id": rhk.id,
                        "indikator_id": rng.choice(indikator).id if indikator else None,
                        "katalog_id": katalog_id,
                        "tanggal": day,
                        "jam_mulai": time(start // 60, start % 60),
                        "jam_selesai": time(end // 60, end % 60),
                        "durasi_menit": minutes,
                        "aktivitas": text,
                        "volume": Decimal(volume),
                        "satuan": satuan,
                        "bukti_link": (
                            f"https://drive.google.com/file/d/demo-{pegawai.nip}-{day:%Y%m%d}-{start}/view"
                            if rng.random() < 0.1
                            else None
                        ),
                        "status": status,
                        "alasan_tolak": rng.choice(ALASAN_TOLAK) if status == StatusAktivitas.DITOLAK else None,
                        "divalidasi_oleh_id": pegawai.atasan_id if decided else None,
                        "divalidasi_at": _wib(decided_day, 14 * 60 + rng.randint(0, 120)) if decided else None,
                        "created_at": _wib(day, end + rng.randint(0, 30)),
                        "updated_at": None,
                        "version_id": 1,
                    }
                )
                gap = min(slack, rng.choice((0, 0, 15, 15, 30)))
                slack -= gap
                start = end + gap
    for chunk in range(0, len(rows), 5000):
        session.execute(insert(AktivitasHarian), rows[chunk : chunk + 5000])
    return len(rows)


#: Pegawai who have filled Umpan Balik Berkelanjutan (realisasi) for past months.
REALISASI_OLEH = ("pelaksana", "perawat", "kabid_mutasi", "bidan", "pengelola_duk", "analis_muda")


def _seed_realisasi(
    session: Session,
    rng: random.Random,
    people: dict[str, Pegawai],
    plans: dict[tuple[str, int], _Plan],
    history_start: date,
    today: date,
) -> int:
    months = []
    year, month = history_start.year, history_start.month
    while (year, month) < (today.year, today.month):
        months.append((year, month))
        year, month = _next_month(year, month)
    rows: list[RealisasiBulanan] = []
    for key in REALISASI_OLEH:
        pegawai = people[key]
        factor = rng.uniform(0.8, 1.15)
        for year, month in months:
            plan = plans.get((key, year))
            if plan is None or plan.skp.status != StatusSKP.DITETAPKAN:
                continue
            for _rhk, indikator, _phrases in plan.rhk:
                for ind in indikator:
                    target = next((t.target for t in ind.target_bulanan if t.bulan == month), ind.target)
                    if ind.aspek == Aspek.KUANTITAS:
                        value = _dec(max(0, round(float(target) * factor * rng.uniform(0.9, 1.1))))
                    else:
                        value = _dec(round(min(float(target) * rng.uniform(0.93, 1.02), 100.0), 2))
                    answered = rng.random() < 0.6
                    realisasi = RealisasiBulanan(
                        indikator_id=ind.id,
                        bulan=month,
                        realisasi=value,
                        sumber_data=rng.choice(SUMBER_DATA),
                        umpan_balik=(
                            (
                                "Realisasi sesuai target bulanan, pertahankan."
                                if value >= target
                                else "Realisasi masih di bawah target; mohon dipercepat bulan depan."
                            )
                            if answered
                            else None
                        ),
                        umpan_balik_oleh_id=pegawai.atasan_id if answered else None,
                        updated_at=_wib(min(date(*_next_month(year, month), 2), today), 7 * 60),
                    )
                    realisasi.bukti_dukung = [
                        BuktiDukung(
                            url=f"https://drive.google.com/drive/folders/demo-{pegawai.nip}-{year}{month:02d}-{ind.id}"
                        )
                    ]
                    rows.append(realisasi)
    session.add_all(rows)
    session.flush()
    return len(rows)


def counts(session: Session) -> dict[str, int]:
    """Row counts of the main demo tables (for the CLI and tests)."""
    return {
        name: session.scalar(select(func.count()).select_from(model))
        for name, model in (
            ("unit_kerja", UnitKerja),
            ("pegawai", Pegawai),
            ("periode_skp", PeriodeSKP),
            ("skp", SKP),
            ("rencana_hasil_kerja", RencanaHasilKerja),
            ("aktivitas_harian", AktivitasHarian),
            ("hari_libur", HariLibur),
        )
    }
