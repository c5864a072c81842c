"""The words and the fixed shape of the synthetic kabupaten (:mod:`services.contoh.sintetis`): OPD,
bidang and personal names, jabatan, pangkat, TPP and birth years by jenis jabatan, the Perjanjian
Kinerja of a JPT and the RHK templates of everyone else, and how many RHK and indikator a plan has.
"""

from __future__ import annotations

from db.enums import JenisJabatan, Perspektif

J = JenisJabatan
KABUPATEN = "Pemerintah Kabupaten Bondowoso"
PENUGASAN_BUPATI = "(Penugasan dari Bupati Bondowoso)"
RHK_PER_SKP = 4
INDIKATOR_PER_RHK = 2
TARGET_TAHUNAN = 12

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
