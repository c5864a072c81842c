"""All tables of SIPIJAR, one module per area; import from here."""

from db.models.aktivitas import (
    AktivitasHarian,
    HariLibur,
    KatalogAktivitas,
    PembukaanBulan,
    RingkasanAktivitas,
    TemplatAktivitas,
)
from db.models.base import Base
from db.models.evaluasi import (
    BuktiDukung,
    EvaluasiKinerja,
    PredikatKinerjaOrganisasi,
    RealisasiBulanan,
    RealisasiPerjanjianKinerja,
    UmpanBalikPerilaku,
)
from db.models.kalender import KalenderTahun, Ketidakhadiran
from db.models.organisasi import Akun, Pegawai, SesiLogin, UnitKerja
from db.models.pengingat import BerhentiPengingat, Notifikasi, PengirimanPengingat, RunPengingat
from db.models.penilai import PenugasanPlt, PerubahanPenilai
from db.models.perencanaan import (
    SKP,
    IndikatorKinerja,
    IndikatorPerjanjianKinerja,
    PeranHasil,
    PerilakuKerja,
    PeriodeSKP,
    PerjanjianKinerja,
    PolaPenugasan,
    RencanaHasilKerja,
    TargetBulanan,
)
from db.models.sistem import AuditLog, Setting
from db.models.tpp import TppPokokRiwayat
from db.models.tutup_bulan import ArsipBulan, TutupBulan

__all__ = [
    "AktivitasHarian",
    "Akun",
    "ArsipBulan",
    "AuditLog",
    "BerhentiPengingat",
    "Base",
    "BuktiDukung",
    "EvaluasiKinerja",
    "HariLibur",
    "IndikatorKinerja",
    "IndikatorPerjanjianKinerja",
    "KalenderTahun",
    "KatalogAktivitas",
    "Ketidakhadiran",
    "Notifikasi",
    "Pegawai",
    "PembukaanBulan",
    "PengirimanPengingat",
    "PenugasanPlt",
    "PeranHasil",
    "PerilakuKerja",
    "PeriodeSKP",
    "PerjanjianKinerja",
    "PerubahanPenilai",
    "PolaPenugasan",
    "PredikatKinerjaOrganisasi",
    "RealisasiBulanan",
    "RealisasiPerjanjianKinerja",
    "RencanaHasilKerja",
    "RingkasanAktivitas",
    "RunPengingat",
    "SKP",
    "SesiLogin",
    "Setting",
    "TargetBulanan",
    "TemplatAktivitas",
    "TppPokokRiwayat",
    "TutupBulan",
    "UmpanBalikPerilaku",
    "UnitKerja",
]
