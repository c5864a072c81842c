"""A closed month never changes (docs/domain.md §8.27, issue #13 point 6): after Tutup Bulan of March 2026, any
sequence of later changes — the calendar, a pegawai's pokok, activities added and validated through the services
where the month allows, a mutasi, a setting (menit per hari, bobot, the closing day), a Buka Bulan — leaves the
snapshot rows, the Rekap TPP (CSV bytes), the Cetak's figures and the Dasbor's rows of March byte-identical.
On each database backend."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from db.models import ArsipBulan, Pegawai
from db.session import session_scope
from services.aktivitas import capaian, dokumen_capaian, harian, rekap_tpp, tutup_bulan, validasi
from services.aktivitas.harian import AktivitasInput
from services.organisasi import periode, referensi, tpp_pokok
from services.pimpinan import dasbor
from services.platform import settings as pengaturan
from services.platform.errors import SipijarError, ValidationError
from tests.factories import build_dasbor_2026
from tests.services.aktivitas.test_dokumen_capaian import pdf_text

MARET = (2026, 3)
#: Working days of July 2026 up to the suite's today (15 July): the open month activities go to.
JULI = [date(2026, 7, d) for d in (1, 2, 3, 6, 7, 8, 9, 10, 13, 14, 15)]


def _nilai_cetak(pdf: bytes) -> str:
    """The Cetak's figures: the "Nilai Capaian" table (identity blocks may follow a later mutasi)."""
    text = pdf_text(pdf)
    return text[text.index("Nilai Capaian") : text.index("Bondowoso,")]


def _semua(engine, org) -> dict:
    """Everything a reader of March shows."""
    with session_scope(engine, readonly=True) as s:
        arsip = [
            tuple(getattr(r, c.name) for c in ArsipBulan.__table__.columns)
            for r in s.scalars(select(ArsipBulan).order_by(ArsipBulan.tutup_bulan_id, ArsipBulan.pegawai_id))
        ]
        return {
            "arsip": arsip,
            "rekap": rekap_tpp.csv_bytes(rekap_tpp.rekap(s, org.admin, *MARET)),
            "capaian": capaian.capaian_bulanan(s, org.admin, *MARET),
            "cetak": _nilai_cetak(dokumen_capaian.cetak(s, org.admin, org.staf.pegawai_id, *MARET)),
            "dasbor": dasbor.dasbor(s, org.admin, org.kabupaten, *MARET, date(2026, 7, 15)).pegawai,
        }


@pytest.fixture
def ditutup(engine, org):
    with session_scope(engine) as s:
        skp = build_dasbor_2026(s, org).skp
    tutup_bulan.tutup(engine, org.admin, *MARET)
    return skp, _semua(engine, org)


def _ubah(engine, org, skp, op: str, k: int) -> None:
    """One later change, through the services where there is one."""
    with session_scope(engine) as s:
        if op == "libur":
            referensi.tambah_hari_libur(s, org.admin, date(2026, 3, 2 + k % 27), "Libur daerah")
        elif op == "hapus_libur":
            referensi.hapus_hari_libur(s, org.admin, date(2026, 3, 18 + k % 7))
        elif op == "pokok":  # dated inside the closed month (and before it), through "Ubah TPP Pokok"
            mulai = date(2026, 2 + k % 3, 1 + k % 27)
            tpp_pokok.ubah(s, org.admin, org.staf.pegawai_id, 1_000_000 + 250_000 * k, mulai)
        elif op == "aktivitas":
            mulai = time(7 + k % 9, 0)
            data = AktivitasInput(
                JULI[k % len(JULI)], skp["staf"].rhk_ids[0], "Rapat", 1, "Kegiatan", mulai, time(mulai.hour + 1, 0)
            )
            row = harian.tambah(s, org.staf, data)
            validasi.validasi(s, org.kasubbid, row.id)
        elif op == "aktivitas_maret":  # the closed month refuses, whatever else happened
            data = AktivitasInput(
                date(2026, 3, 2 + k % 27), skp["staf"].rhk_ids[0], "Rapat", 1, "Kegiatan", time(20, 0), time(21, 0)
            )
            with pytest.raises(ValidationError, match="Tutup Bulan"):
                harian.tambah(s, org.staf, data)
        elif op == "mutasi":
            pegawai = s.get_one(Pegawai, org.fungsional.pegawai_id)
            pegawai.unit_kerja_id = org.dinkes if pegawai.unit_kerja_id != org.dinkes else org.bidang
            pegawai.jabatan = f"Jabatan baru {k}"
            s.flush()
            periode.apply_mutasi(s, org.admin, pegawai, date(2026, 1 + k % 12, 1 + k % 28))
        elif op == "setelan":
            key, value = [
                ("menit_per_hari", 240 + 10 * k),
                ("bobot_produktivitas_persen", 40 + k),
                ("hari_tutup_bulan", 1 + k % 28),
            ][k % 3]
            pengaturan.setel(s, org.admin, key, value)
        elif op == "buka_bulan":
            referensi.buka_bulan(s, org.admin, *MARET, date(2026, 7, 31), "Koreksi data")


_ops = st.lists(
    st.tuples(
        st.sampled_from(
            ["libur", "hapus_libur", "pokok", "aktivitas", "aktivitas_maret", "mutasi", "setelan", "buka_bulan"]
        ),
        st.integers(0, 40),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_ops)
def test_a_closed_month_is_byte_identical_after_any_later_change(engine, org, ditutup, ops):
    skp, sebelum = ditutup
    for op, k in ops:
        try:
            _ubah(engine, org, skp, op, k)
        except SipijarError:
            pass  # a change the rules refuse (an overlapping activity, a date already a hari libur, …)
    assert _semua(engine, org) == sebelum
