"""The Kepala Daerah's Beranda (docs/domain.md §8.32): no SKP of their own, so instead of "buat Periode SKP" the
Dasbor's summary of the regency for the last finished month and what waits for them — the SKP of the JPT they
rate waiting for penetapan, their bawahan's activities to validate, the evaluations of the period just ending,
and the units whose Predikat Kinerja Organisasi (and so whose kurva) is still to be set."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from db.enums import StatusEvaluasi
from services.evaluasi import ringkasan
from services.evaluasi.periode_evaluasi import kode_untuk_bulan, label_periode
from services.evaluasi.predikat import predikat_organisasi
from services.organisasi.kepala_daerah import adalah_kepala_daerah
from services.pimpinan import dasbor, dasbor_laju
from services.pimpinan.beranda import TugasAtasan, tugas_atasan
from services.pimpinan.dasbor_model import Agregat
from services.platform.access import Actor
from services.platform.errors import AksesDitolak


@dataclass(frozen=True)
class BerandaKepalaDaerah:
    unit_kerja: str  # the top unit: the whole regency
    tahun: int  # the month of the summary: the last finished one, as the Dasbor opens (docs/domain.md §8.40)
    bulan: int
    ringkasan: Agregat  # the Dasbor's total for the month
    menunggu_validasi: int  # activities of the month still Menunggu Validasi, over every penilai
    tugas: TugasAtasan  # SKP diajukan by the JPT they rate; their bawahan's activities to validate
    tahun_evaluasi: int
    periode_evaluasi: str  # label: Triwulan IV, November, …
    evaluasi_belum_final: list[str]  # bawahan whose evaluation of that period is not Final
    tanpa_predikat: list[str]  # units directly below whose Predikat Kinerja Organisasi is not set


def beranda_kepala_daerah(session: Session, actor: Actor, hari_ini: date) -> BerandaKepalaDaerah:
    """For the Kepala Daerah or Wakil only. The evaluation period is the one holding the last day of the previous
    month — the one just closed or closing (in December Triwulan IV, in January the last year's)."""
    if not adalah_kepala_daerah(session, actor.pegawai_id):
        raise AksesDitolak("Ringkasan ini hanya untuk Kepala Daerah dan Wakil Kepala Daerah.")
    unit_id = dasbor.unit_awal(session, actor)
    tahun_bulan = dasbor_laju.bulan_awal(hari_ini)
    d = dasbor.dasbor(session, actor, unit_id, *tahun_bulan, hari_ini)
    akhir_bulan_lalu = hari_ini.replace(day=1) - timedelta(days=1)
    tahun, kode = akhir_bulan_lalu.year, kode_untuk_bulan(session, akhir_bulan_lalu.month)
    evaluasi = ringkasan.daftar_bawahan(session, actor, tahun, kode)
    return BerandaKepalaDaerah(
        d.unit.nama,
        *tahun_bulan,
        d.total,
        sum(p.menunggu for p in d.penilai),
        tugas_atasan(session, actor),
        tahun,
        label_periode(kode),
        [r.nama for r in evaluasi if r.status is not StatusEvaluasi.FINAL],
        [u.nama for u in d.sub_unit if predikat_organisasi(session, u.id, tahun, kode) is None],
    )
