"""Issue #8 (2): bad input, everywhere. Property-based (Hypothesis) over the form services and the
pegawai import: every call either succeeds with valid data or raises a SipijarError with a non-empty
(Indonesian) message — never another exception — and a refusal leaves the row counts unchanged.

SQLite only (one database per test function; the examples of one test share it, so the checks compare
counts before and after each example instead of expecting an empty database)."""

from __future__ import annotations

import csv
import io
import itertools
import shutil
from datetime import date

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import func, select

from db.engine import make_engine
from db.models import (
    AktivitasHarian,
    Akun,
    AuditLog,
    BuktiDukung,
    IndikatorKinerja,
    Pegawai,
    PeriodeSKP,
    RealisasiBulanan,
    TargetBulanan,
    UnitKerja,
)
from db.session import session_scope
from services.aktivitas import harian as aktivitas
from services.aktivitas.entri import parse_volume
from services.evaluasi import umpan_balik
from services.organisasi import import_pegawai, periode
from services.perencanaan import rencana_skp, target_bulanan
from services.platform.errors import SipijarError, ValidationError
from tests.factories import build_draft, build_org, build_skp

TODAY = date(2026, 3, 31)
CEPAT = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HOSTILE = [
    "<script>alert(1)</script>",
    "![x](https://evil.example/x.png)",
    "[klik](javascript:alert(1))",
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2",
    "@SUM(A1)",
    "\x00",
    "\u202e",
    "'; DROP TABLE pegawai; --",
    "Ｓｔａｆｆ",
    "a" * 5000,
    " ",
    "",
    "\t\r\n",
    "😀" * 10,
]
teks = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300))
MODELS = (
    AktivitasHarian,
    AuditLog,
    PeriodeSKP,
    RealisasiBulanan,
    BuktiDukung,
    IndikatorKinerja,
    TargetBulanan,
    Pegawai,
    UnitKerja,
    Akun,
)


@pytest.fixture
def sqlite_engine(tmp_path, sqlite_template):
    path = tmp_path / "hostile.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture
def org(sqlite_engine):
    with session_scope(sqlite_engine) as s:
        return build_org(s)


def counts(engine) -> dict:
    with session_scope(engine, readonly=True) as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m)) for m in MODELS}


def attempt(engine, call) -> bool:
    """Run ``call(session)`` in its own transaction: True when it succeeded; a refusal must be a
    SipijarError with a message, and change no row count."""
    before = counts(engine)
    try:
        with session_scope(engine) as s:
            call(s)
    except SipijarError as exc:
        assert str(exc).strip() and exc.message.strip()
        assert counts(engine) == before
        return False
    return True


# --- Tambah Aktivitas -------------------------------------------------------------------------------


@pytest.fixture
def skp_staf(sqlite_engine, org):
    with session_scope(sqlite_engine) as s:
        return build_skp(s, org.staf, 2026)


volume = st.one_of(
    st.sampled_from(["1", "0", "-1", "1e400", "NaN", "inf", "1,5", "abc", "", None, "9" * 40]),
    st.integers(-10, 10**15),
    st.floats(allow_nan=True, allow_infinity=True),
)
jam = st.one_of(st.none(), st.times())
tanggal = st.one_of(st.none(), st.dates(date(2025, 12, 1), date(2026, 5, 1)))
tautan = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "ftp://x.go.id/a",
            "https://drive.google.com/x",
            "http://",
            "//evil.example/x",
            'https://evil.example/"><script>',
            "file:///etc/passwd",
        ]
    ),
    teks,
)


@CEPAT
@given(uraian=teks, satuan=teks, vol=volume, mulai=jam, selesai=jam, tgl=tanggal, link=tautan, rhk_salah=st.booleans())
def test_tambah_aktivitas_hostile(
    sqlite_engine, org, skp_staf, uraian, satuan, vol, mulai, selesai, tgl, link, rhk_salah
):
    data = aktivitas.AktivitasInput(
        tgl, 999_999 if rhk_salah else skp_staf.rhk_ids[0], uraian, vol, satuan, mulai, selesai, bukti_link=link
    )
    if attempt(sqlite_engine, lambda s: aktivitas.tambah(s, org.staf, data, TODAY)):
        with session_scope(sqlite_engine, readonly=True) as s:
            row = s.scalars(select(AktivitasHarian).order_by(AktivitasHarian.id.desc())).first()
            assert row.aktivitas.strip() and row.satuan.strip() and row.volume > 0
            assert row.jam_selesai > row.jam_mulai and row.tanggal <= TODAY
            assert row.bukti_link is None or row.bukti_link.startswith(("http://", "https://"))


# --- Umpan Balik: realisasi, sumber data, bukti links --------------------------------------------

realisasi = st.one_of(
    st.sampled_from(["1", "0", "-3", "1e999", "NaN", "2,5", "", None, "=1+1", "Infinity"]),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.integers(-5, 10**20),
    teks,
)
bukti = st.one_of(tautan, st.lists(tautan.filter(lambda x: x is not None), max_size=4))


@CEPAT
@given(nilai=realisasi, sumber=teks, links=bukti, bulan=st.sampled_from([0, 1, 3, 4, 13, -1]))
def test_isi_realisasi_hostile(sqlite_engine, org, skp_staf, nilai, sumber, links, bulan):
    ind = skp_staf.indikator_ids[0]
    with session_scope(sqlite_engine, readonly=True) as s:
        versi = s.scalar(
            select(RealisasiBulanan.version_id).where(
                RealisasiBulanan.indikator_id == ind, RealisasiBulanan.bulan == bulan
            )
        )
    if attempt(
        sqlite_engine,
        lambda s: umpan_balik.simpan_realisasi(s, org.staf, ind, bulan, nilai, sumber, links, versi, today=TODAY),
    ):
        with session_scope(sqlite_engine, readonly=True) as s:
            row = s.scalar(
                select(RealisasiBulanan).where(RealisasiBulanan.indikator_id == ind, RealisasiBulanan.bulan == bulan)
            )
            assert row.realisasi >= 0 and row.sumber_data.strip()
            assert all(b.url.startswith(("http://", "https://")) for b in row.bukti_dukung)


# --- Periode SKP dates ----------------------------------------------------------------------------


@CEPAT
@given(
    tahun=st.one_of(st.integers(-5, 10_000), st.sampled_from([2026, 2025, "2026", None, True, 2026.5])),
    mulai=st.one_of(st.none(), st.dates()),
    akhir=st.one_of(st.none(), st.dates()),
)
def test_periode_dates_hostile(sqlite_engine, org, tahun, mulai, akhir):
    if attempt(sqlite_engine, lambda s: periode.tambah(s, org.fungsional, tahun, mulai, akhir)):
        with session_scope(sqlite_engine, readonly=True) as s:
            rows = s.scalars(select(PeriodeSKP).where(PeriodeSKP.pegawai_id == org.fungsional.pegawai_id)).all()
            for p in rows:
                assert p.tanggal_mulai <= p.tanggal_akhir and p.tanggal_mulai.year == p.tanggal_akhir.year
            spans = sorted((p.tanggal_mulai, p.tanggal_akhir) for p in rows)
            assert all(a[1] < b[0] for a, b in itertools.pairwise(spans)), "overlapping periods"


# --- target values -------------------------------------------------------------------------------


@pytest.fixture
def draft_staf(sqlite_engine, org):
    with session_scope(sqlite_engine) as s:
        atasan = build_skp(s, org.kasubbid, 2026)
        skp = build_draft(s, org.staf, 2026, atasan.rhk_ids[0])
        return skp, rencana_skp.daftar_pola(s)[0].id


angka = st.one_of(
    st.sampled_from(
        [
            "12",
            "0",
            "-1",
            "1e309",
            "NaN",
            "1,5",
            "",
            None,
            "=A1",
            "12 Dokumen",
            "999999999999999999999",
            "1e30",
            "12345678901234567890123456",
        ]
    ),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.integers(-10, 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    teks,
)


@CEPAT
@given(
    target=angka,
    aspek=st.sampled_from(["Kuantitas", "Kualitas", "Waktu", "Biaya", "", "kuantitas", None, "X"]),
    uraian=teks,
    satuan=teks,
)
def test_tambah_indikator_target_hostile(sqlite_engine, org, draft_staf, target, aspek, uraian, satuan):
    skp, pola = draft_staf
    attempt(
        sqlite_engine,
        lambda s: rencana_skp.tambah_indikator(s, org.staf, skp.rhk_ids[0], uraian, aspek, target, satuan, pola),
    )


#: Month keys: the form sends ints 1–12; anything else (text, floats, None, True) must be a clear refusal.
bulan_kunci = st.one_of(
    st.integers(-2, 14),
    st.sampled_from(["1", "Januari", "", None, True, 1.0, 2.5, "=1+1"]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=5),
)


@CEPAT
@given(
    nilai=st.one_of(
        st.dictionaries(st.integers(-2, 14), angka, max_size=14), st.dictionaries(bulan_kunci, angka, max_size=14)
    )
)
def test_target_bulanan_hostile(sqlite_engine, org, draft_staf, nilai):
    skp, _ = draft_staf
    if attempt(sqlite_engine, lambda s: target_bulanan.simpan(s, org.staf, skp.indikator_ids[0], nilai)):
        with session_scope(sqlite_engine, readonly=True) as s:
            rows = s.scalars(select(TargetBulanan).where(TargetBulanan.indikator_id == skp.indikator_ids[0])).all()
            assert sorted(r.bulan for r in rows) == list(range(1, 13))
            assert sum(r.target for r in rows) == 12


def test_target_bulanan_month_keys_that_are_not_month_numbers(sqlite_engine, org, draft_staf):
    """Found by the property above: a text or float month key used to raise TypeError (sorting mixed
    keys); it is now the same kind of message as every other bad input, and nothing is saved."""
    skp, _ = draft_staf
    semua = {b: 1 for b in range(1, 13)}
    for kunci in ("Januari", 1.5, None, "3"):
        nilai = {**semua, kunci: 1, 13: 1}
        before = counts(sqlite_engine)
        with pytest.raises(ValidationError) as info, session_scope(sqlite_engine) as s:
            target_bulanan.simpan(s, org.staf, skp.indikator_ids[0], nilai)
        assert info.value.message.startswith("Bulan target bulanan harus berupa nomor bulan 1–12;")
        assert f'"{kunci}" bukan nomor bulan' in info.value.message
        assert counts(sqlite_engine) == before
    with session_scope(sqlite_engine) as s:  # the form's own ints still save
        target_bulanan.simpan(s, org.staf, skp.indikator_ids[0], semua)


@pytest.mark.parametrize(
    "nilai",
    ["1e24", 10**24, "9" * 40, 10**5000, "1e999999999"],
    ids=["1e24", "int_10^24", "40_digits", "int_10^5000", "1e999999999"],
)
def test_huge_targets_are_too_large_not_a_crash(sqlite_engine, org, draft_staf, nilai):
    """Huge but finite targets (once decimal.InvalidOperation from quantize; an int of more than 4300
    digits once ValueError from str()) are refused with a message."""
    skp, pola = draft_staf
    before = counts(sqlite_engine)
    with pytest.raises(ValidationError, match="terlalu besar|harus berupa angka"), session_scope(sqlite_engine) as s:
        rencana_skp.tambah_indikator(s, org.staf, skp.rhk_ids[0], "Jumlah dokumen", "Kuantitas", nilai, "Dokumen", pola)
    with pytest.raises(ValidationError, match="Volume output"), session_scope(sqlite_engine) as s:
        parse_volume(nilai)
    with pytest.raises(ValidationError, match="Realisasi terlalu besar|Realisasi harus berupa angka"):
        umpan_balik.baca_realisasi(nilai)
    assert counts(sqlite_engine) == before


# --- import pegawai ------------------------------------------------------------------------------

KOLOM = ["nip", "nama", "jabatan", "jenis_jabatan", "unit_kerja", "nip_atasan", "tpp_pokok", "peran"]


def _nip(i: int) -> str:
    return f"19900101{2010 + i:04d}02{i:04d}"


def _baris(n: int) -> list[dict]:
    rows = [
        dict(
            nip=_nip(0),
            nama="Kepala Impor",
            jabatan="Kepala Dinas",
            jenis_jabatan="JPT",
            unit_kerja="Dinas Impor",
            nip_atasan="",
            tpp_pokok="8000000",
            peran="pimpinan",
        )
    ]
    rows += [
        dict(
            nip=_nip(i),
            nama=f"Staf Impor {i}",
            jabatan="Analis",
            jenis_jabatan="Pelaksana",
            unit_kerja="Dinas Impor",
            nip_atasan=_nip(0),
            tpp_pokok="3100000",
            peran="",
        )
        for i in range(1, n)
    ]
    return rows


def _csv(rows, kolom=KOLOM, encoding="utf-8") -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=kolom, extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode(encoding)


def _xlsx(rows, kolom=KOLOM) -> bytes:
    """An XLSX of the rows. The control characters an XLSX cannot hold (openpyxl refuses them) are left out:
    no spreadsheet program could have written them, and the CSV variants carry them to the import instead."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(kolom)
    for r in rows:
        ws.append(
            [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in (r.get(k, "") for k in kolom)]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _impor(engine, org, data: bytes, nama: str) -> bool:
    return attempt(engine, lambda s: import_pegawai.import_file(s, org.admin, data, nama, efektif=TODAY))


@CEPAT
@given(data=st.binary(max_size=2000), nama=st.sampled_from(["p.csv", "p.xlsx", "p.txt", "p", "p.CSV"]))
def test_import_random_bytes(sqlite_engine, org, data, nama):
    _impor(sqlite_engine, org, data, nama)


@st.composite
def berkas_hostile(draw):
    rows = _baris(draw(st.integers(1, 5)))
    kolom = list(KOLOM)
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["cell", "drop", "dup", "cycle", "self", "nip"]))
        r = draw(st.integers(0, len(rows) - 1))
        if kind == "cell":
            rows[r][draw(st.sampled_from(KOLOM))] = draw(teks)
        elif kind == "drop" and len(kolom) > 1:
            kolom.remove(draw(st.sampled_from(kolom)))
        elif kind == "dup":
            rows.append(dict(rows[r], nama="Duplikat"))
        elif kind == "cycle":
            rows[0]["nip_atasan"] = rows[-1]["nip"]
        elif kind == "self":
            rows[r]["nip_atasan"] = rows[r]["nip"]
        else:
            rows[r]["nip"] = draw(st.sampled_from(["1990", "1.99001012010E+17", "x" * 18, "=1+1", ""]))
    fmt = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252", "xlsx"]))
    if fmt == "xlsx":
        return _xlsx(rows, kolom), "pegawai.xlsx"
    return "\n".join(_csv(rows, kolom).decode().splitlines()).encode(fmt, errors="replace"), "pegawai.csv"


@CEPAT
@given(berkas=berkas_hostile())
def test_import_hostile_files(sqlite_engine, org, berkas):
    _impor(sqlite_engine, org, *berkas)


# Deterministic hostile files: each must be refused with a message and leave the database unchanged.
def _ditolak(engine, org, data, nama="pegawai.csv") -> str:
    before = counts(engine)
    with pytest.raises(SipijarError) as info, session_scope(engine) as s:
        import_pegawai.import_file(s, org.admin, data, nama, efektif=TODAY)
    assert counts(engine) == before
    assert str(info.value).strip()
    return str(info.value)


def test_import_refuses_utf16_and_latin1(sqlite_engine, org):
    rows = _baris(3)
    rows[1]["nama"] = "Bénédicte Ñuñez"
    assert "UTF-8" in _ditolak(sqlite_engine, org, _csv(rows, encoding="utf-16"))
    assert "UTF-8" in _ditolak(sqlite_engine, org, _csv(rows, encoding="latin-1"))


def test_import_refuses_missing_columns(sqlite_engine, org):
    kolom = [k for k in KOLOM if k != "jenis_jabatan"]
    assert "jenis_jabatan" in _ditolak(sqlite_engine, org, _csv(_baris(3), kolom))


def test_import_refuses_duplicate_nip(sqlite_engine, org):
    rows = _baris(3)
    rows.append(dict(rows[1], nama="Kembar"))
    _ditolak(sqlite_engine, org, _csv(rows))
    _ditolak(sqlite_engine, org, _xlsx(rows), "pegawai.xlsx")


def test_import_refuses_a_cycle(sqlite_engine, org):
    rows = _baris(3)
    rows[0]["nip_atasan"] = rows[2]["nip"]
    rows[2]["nip_atasan"] = rows[1]["nip"]
    _ditolak(sqlite_engine, org, _csv(rows))


def test_import_refuses_a_10_mb_cell(sqlite_engine, org):
    rows = _baris(2)
    rows[1]["nama"] = "A" * (10 * 1024 * 1024)
    _ditolak(sqlite_engine, org, _csv(rows))


def test_import_keeps_formula_text_inert(sqlite_engine, org):
    """A formula in a cell is data: accepted as text or refused, never an error of another kind; and the
    credentials export of the import neutralises it."""
    rows = _baris(2)
    rows[1]["nama"] = "=cmd|' /C calc'!A0"
    before = counts(sqlite_engine)
    try:
        with session_scope(sqlite_engine) as s:
            hasil = import_pegawai.import_file(s, org.admin, _csv(rows), "pegawai.csv", efektif=TODAY)
    except SipijarError as exc:
        assert str(exc).strip() and counts(sqlite_engine) == before
        return
    text = import_pegawai.kredensial_csv(hasil.kredensial)
    assert "\n=cmd" not in text and ",=cmd" not in text
