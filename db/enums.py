"""The domain's closed vocabularies, valued with the exact labels the e-book and the regulation use."""

from __future__ import annotations

from enum import Enum


class LabelEnum(str, Enum):
    """A str enum whose value is the Indonesian label shown to users and stored in the database."""

    def __str__(self) -> str:
        return self.value

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]


class JenisJabatan(LabelEnum):
    JPT = "JPT"
    ADMINISTRATOR = "Administrator"
    PENGAWAS = "Pengawas"
    FUNGSIONAL = "Fungsional"
    PELAKSANA = "Pelaksana"


class StatusSKP(LabelEnum):
    DRAFT = "Draft"
    DIAJUKAN = "Diajukan"
    DIKEMBALIKAN = "Dikembalikan"
    DITETAPKAN = "Ditetapkan"


class JenisRHK(LabelEnum):
    UTAMA = "Utama"
    TAMBAHAN = "Tambahan"


class Perspektif(LabelEnum):
    PENERIMA_LAYANAN = "Penerima Layanan"
    PROSES_BISNIS = "Proses Bisnis"
    ANGGARAN = "Anggaran"
    PENGUATAN_INTERNAL = "Penguatan Internal"


class Aspek(LabelEnum):
    KUANTITAS = "Kuantitas"
    KUALITAS = "Kualitas"
    WAKTU = "Waktu"
    BIAYA = "Biaya"


class StatusAktivitas(LabelEnum):
    MENUNGGU = "Menunggu Validasi"
    TERVALIDASI = "Tervalidasi"
    DITOLAK = "Ditolak"


class Rating(LabelEnum):
    DI_ATAS = "Di Atas Ekspektasi"
    SESUAI = "Sesuai Ekspektasi"
    DI_BAWAH = "Di Bawah Ekspektasi"


class PredikatPegawai(LabelEnum):
    SANGAT_BAIK = "Sangat Baik"
    BAIK = "Baik"
    BUTUH_PERBAIKAN = "Butuh Perbaikan"
    KURANG = "Kurang/Misconduct"
    SANGAT_KURANG = "Sangat Kurang"


class PredikatOrganisasi(LabelEnum):
    ISTIMEWA = "Istimewa"
    BAIK = "Baik"
    BUTUH_PERBAIKAN = "Butuh Perbaikan"
    KURANG = "Kurang"
    SANGAT_KURANG = "Sangat Kurang"


class StatusEvaluasi(LabelEnum):
    DRAFT = "Draft"
    FINAL = "Final"


class JenisKetidakhadiran(LabelEnum):
    """The kinds of absence a BKPSDM records (docs/domain.md §7, §8.25); whether each reduces hari kerja is a
    setting (services/platform/settings.py, ``ketidakhadiran_mengurangi``)."""

    CUTI_TAHUNAN = "Cuti Tahunan"
    CUTI_SAKIT = "Cuti Sakit"
    CUTI_BESAR = "Cuti Besar"
    CUTI_MELAHIRKAN = "Cuti Melahirkan"
    DINAS_LUAR = "Dinas Luar"
    TUGAS_BELAJAR = "Tugas Belajar"
    IZIN = "Izin"


class SumberTppPokok(LabelEnum):
    """Where a TPP pokok of ``tpp_pokok_riwayat`` came from (docs/domain.md §8.26)."""

    AWAL = "awal"  # the value before the history existed (migration 0005), or a pegawai's first pokok
    IMPORT = "import"
    ADMIN = "admin"
    MASSAL = "massal"  # the bulk change for a jabatan


class StatusPerubahanPenilai(LabelEnum):
    """A change of penilai (docs/domain.md §8.3): applied at once when the pejabat is in the pegawai's
    chain (``Langsung``), otherwise a request the admin decides."""

    LANGSUNG = "Langsung"
    MENUNGGU = "Menunggu"
    DISETUJUI = "Disetujui"
    DITOLAK = "Ditolak"


class StatusKepegawaian(LabelEnum):
    """PNS, CPNS and the two kinds of PPPK (docs/domain.md §7 Lifecycle, §8.31); PPPK work under a perjanjian
    kerja with an end date."""

    PNS = "PNS"
    CPNS = "CPNS"
    PPPK = "PPPK"
    PPPK_PARUH_WAKTU = "PPPK Paruh Waktu"


class JenisBerhenti(LabelEnum):
    """Why a pegawai is nonaktif from a date (docs/domain.md §7 Lifecycle, §8.31)."""

    PENSIUN = "Pensiun"
    BERHENTI = "Berhenti"
    MENINGGAL = "Meninggal"
    CLTN = "Cuti di Luar Tanggungan Negara"
    DIBERHENTIKAN_SEMENTARA = "Diberhentikan Sementara"


class JenisPenugasan(LabelEnum):
    """A Pelaksana Tugas (a post without a definitive holder) or Pelaksana Harian (a holder briefly absent),
    named by an SK for a date range (docs/domain.md §7 Lifecycle, §8.30)."""

    PLT = "Plt"
    PLH = "Plh"


class KanalPengingat(LabelEnum):
    """Where a reminder goes (docs/domain.md §8.36)."""

    APLIKASI = "Aplikasi"
    EMAIL = "E-mail"
    WEBHOOK = "Webhook"


class StatusPengiriman(LabelEnum):
    PROSES = "Proses"  # claimed by a run, being sent
    TERKIRIM = "Terkirim"
    GAGAL = "Gagal"  # retried with back-off until the attempts run out
