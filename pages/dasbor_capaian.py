"""Pimpinan — Dasbor Capaian: capaian aktivitas of the units under the pimpinan (admin: all) for a
month: per sub-unit with drill-down, the trend of the year, the sebaran, who is under the threshold,
who still has to validate, and the predikat of Final evaluations; exportable as XLSX, each chart as PNG.

The figures come from services.pimpinan.dasbor (which reads the per-month summary the database keeps, not the
millions of activity rows), cached per user, unit, month and data version (the newest audit row: any
change of data makes a new key), so a rerun that changes nothing runs no SQL but a few tiny lookups."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import pandas as pd
import streamlit as st

from components import grafik
from components.capaian import pilih_bulan
from components.context import current
from components.ui import esc, handle_errors
from db.enums import StatusKepegawaian
from db.session import session_scope
from services.aktivitas import arsip_bulan
from services.pimpinan import dasbor, dasbor_laju
from services.platform import audit
from services.platform import format as fmt
from services.platform.access import Actor
from services.platform.kalender import hari_ini

T = TypeVar("T")
UNIT, SUB, BULAN = "dasbor_unit", "dasbor_sub", "dasbor_bulan"
MAKS_BARIS = 500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# st.cache_resource, not st.cache_data: the result is frozen dataclasses and tuples that nobody changes,
# and for a whole regency (10,000 pegawai) unpickling a copy on every rerun would cost more than the
# warm run may take.
@st.cache_resource(max_entries=128, ttl=3600, show_spinner=False)
def _dasbor(
    _engine,
    url: str,
    actor: Actor,
    unit_id: int,
    tahun: int,
    bulan: int,
    hari_ini: date,
    status: StatusKepegawaian | None,
    versi: int,
) -> dasbor.Dasbor:
    with session_scope(_engine, readonly=True) as s:
        return dasbor.dasbor(s, actor, unit_id, tahun, bulan, hari_ini, status)


@st.cache_resource(max_entries=512, ttl=3600, show_spinner=False)
def _sekali(nama: str, asal: tuple, _buat: Callable[[], T]) -> T:
    """A chart or a table built once per dasbor (``asal``: what ``_dasbor`` was called with, and what else shapes
    it: the batas, a predikat period): plotly checks every property it is given, 10–30 ms a chart, so reruns
    that redraw the same figures reuse them. Streamlit reads them and never changes them."""
    return _buat()


def _ke_bulan_berjalan() -> None:
    hari = st.session_state.get("dasbor_hari_ini")
    if hari is not None:
        st.session_state[BULAN] = (hari.year, hari.month)


def _pindah(unit_id: int) -> None:
    st.session_state[UNIT] = unit_id


def _turun() -> None:
    if st.session_state.get(SUB) is not None:
        st.session_state[UNIT] = st.session_state[SUB]
        st.session_state[SUB] = None


def _klik(key: str) -> None:
    """A click on a sub-unit's bar opens that sub-unit."""
    points = st.session_state[key].selection.points if key in st.session_state else []
    if points and points[0].get("customdata") is not None:
        st.session_state[UNIT] = int(points[0]["customdata"])


def _tabel_pegawai(rows, judul: str, asal: tuple) -> None:
    """At most MAKS_BARIS rows (in the order given: the lowest capaian first under the threshold); the
    XLSX holds them all. A regency has thousands of pegawai: a longer table is not read, only waited for."""
    if len(rows) > MAKS_BARIS:
        st.caption(
            f"Menampilkan {fmt.angka(MAKS_BARIS)} dari {fmt.angka(len(rows))} {judul}. Daftar lengkap ada "
            "di berkas XLSX (tombol Unduh di bawah), atau pilih sub-unit untuk mempersempit."
        )
    st.dataframe(
        _sekali("tabel pegawai", asal, lambda: pd.DataFrame(_baris_pegawai(rows[:MAKS_BARIS]))),
        hide_index=True,
        width="stretch",
        column_config={
            "Nama": st.column_config.TextColumn(width="medium"),
            "Unit Kerja": st.column_config.TextColumn(width="medium"),
        },
    )


def _baris_pegawai(rows) -> list[dict]:
    return [
        {
            "NIP": r.nip,
            "Nama": r.nama,
            "Unit Kerja": r.unit_kerja,
            "Hari Kerja": r.hari_kerja,
            "Menit Efektif": fmt.angka(r.menit_efektif),
            "Menit Tervalidasi": fmt.angka(r.menit_tervalidasi),
            "Menit Menunggu": fmt.angka(r.menit_menunggu),
            "Capaian": fmt.persen(r.capaian_persen),
        }
        for r in rows
    ]


def _baris_penilai(rows) -> list[dict]:
    return [
        {
            "Pejabat Penilai": p.nama,
            "Unit Kerja": p.unit_kerja,
            "Bawahan": p.bawahan,
            "Aktivitas": fmt.angka(p.aktivitas),
            "Menunggu Validasi": fmt.angka(p.menunggu),
            "Menit Menunggu": fmt.angka(p.menit_menunggu),
            "Menunggu": fmt.persen(p.persen_menunggu),
        }
        for p in rows
    ]


ctx = current()
st.title("Dasbor Capaian")
if not ctx.actor.boleh_lihat_dasbor:
    st.error("Dasbor Capaian hanya untuk pimpinan unit kerja dan Admin BKPSDM.", icon=":material/block:")
    st.stop()

hari_ini = hari_ini()
st.session_state["dasbor_hari_ini"] = hari_ini
with session_scope(ctx.engine, readonly=True) as session:
    versi = audit.versi_data(session)
    units = {u.id: u for u in dasbor.unit_pilihan(session, ctx.actor)}
    awal = dasbor.unit_awal(session, ctx.actor)
if st.session_state.get(UNIT) not in units:
    st.session_state[UNIT] = awal

kol_bulan, kol_unit, kol_status, kol_batas = st.columns([1.4, 3, 1, 1])
with kol_bulan:
    tahun, bulan = pilih_bulan(
        BULAN, today=hari_ini, awal=dasbor_laju.bulan_awal(hari_ini), berjalan="bulan berjalan, s.d. hari ini"
    )
    if (tahun, bulan) != (hari_ini.year, hari_ini.month):
        st.button(
            "Lihat bulan berjalan",
            on_click=_ke_bulan_berjalan,
            icon=":material/today:",
            key="dasbor_ke_berjalan",
            help="Capaian bulan ini sampai hari ini, dibandingkan dengan hari kerja yang sudah berlalu.",
        )
with kol_unit:
    teratas = min(u.level for u in units.values())  # once, not once an option: 364 units in a regency
    unit_id = st.selectbox(
        "Unit Kerja",
        list(units),
        key=UNIT,
        format_func=lambda i: "\u2002" * 2 * (units[i].level - teratas) + units[i].nama,
    )
status = kol_status.selectbox(
    "Status kepegawaian",
    list(StatusKepegawaian),
    index=None,
    placeholder="Semua status",
    format_func=lambda s: s.value,
    key="dasbor_status",
)
with kol_batas:
    batas = st.slider(
        "Batas capaian (%)",
        0,
        100,
        dasbor.BATAS_DEFAULT,
        step=5,
        key="dasbor_batas",
        help="Pegawai dengan capaian di bawah batas ini didaftar di bawah.",
    )

d = None
with handle_errors(), st.spinner("Menghitung capaian…"):
    d = _dasbor(ctx.engine, str(ctx.engine.url), ctx.actor, unit_id, tahun, bulan, hari_ini, status, versi)
# The same key by the actor's NIP: Streamlit hashes the whole Actor (the Sekda's: every unit of the regency)
# on each call, 1 ms a call; a change of someone's rights is an audited change, hence a new ``versi``.
asal = (str(ctx.engine.url), ctx.actor.nip, unit_id, tahun, bulan, hari_ini, status, versi)
if d is None:
    st.stop()

periode = fmt.bulan_tahun(tahun, bulan)
st.caption(" › ".join(esc(u.nama) for u in d.jalur) + f" · {periode}")
with session_scope(ctx.engine, readonly=True) as s:
    tutup = arsip_bulan.penutupan(s, tahun, bulan)
    laju = dasbor_laju.laju(s, tahun, bulan, hari_ini, d.total.capaian_persen)
if laju is not None:
    pesan = (
        f"Bulan berjalan, s.d. hari ini: {laju.hari_kerja_berlalu} dari {laju.hari_kerja_bulan} hari kerja "
        f"({fmt.persen(laju.persen_waktu)}) telah berlalu, capaian unit {fmt.persen(laju.capaian_persen)} — "
        + ("sesuai laju." if laju.sesuai_laju else "di bawah laju hari kerja.")
        + " Menit efektif dihitung untuk seluruh bulan, jadi capaian masih akan bertambah."
    )
    (st.success if laju.sesuai_laju else st.warning)(pesan, icon=":material/speed:")
if tutup is not None:
    st.info(f"{tutup.keterangan}; angka per pegawai bulan ini dibekukan.", icon=":material/lock:")
bawah = dasbor.di_bawah_batas(d.pegawai, batas)
t = d.total
kolom = st.columns(5)
kolom[0].metric(
    "Capaian Unit",
    fmt.persen(t.capaian_persen),
    help="Σ menit tervalidasi (paling banyak menit efektif tiap pegawai) ÷ Σ menit efektif seluruh "
    "pegawai unit. Pegawai dengan hari kerja lebih banyak berbobot lebih besar.",
)
kolom[1].metric(
    "Rata-rata Pegawai",
    fmt.persen(t.rata_rata_persen),
    help="Rata-rata biasa dari capaian (%) tiap pegawai yang memiliki hari kerja bulan ini.",
)
kolom[2].metric(
    "Pegawai Dihitung",
    fmt.angka(t.pegawai),
    help=f"{fmt.angka(t.tanpa_hari_kerja)} pegawai tanpa hari kerja bulan ini (tanpa Periode SKP) tidak dihitung.",
)
kolom[3].metric(f"Di Bawah {batas} %", fmt.angka(len(bawah)))
kolom[4].metric(
    "Menunggu Validasi",
    fmt.angka(d.menunggu),
    help=f"Aktivitas yang menunggu validasi, dari {fmt.angka(d.aktivitas)} aktivitas bulan ini; belum "
    "dihitung dalam capaian.",
)

berkas = dasbor.nama_berkas(d)
st.subheader("Capaian per Sub-unit" if d.sub_unit else "Capaian per Pegawai")
turun, naik = st.columns([3, 2], vertical_alignment="bottom")
if len(d.jalur) > 1:
    induk = d.jalur[-2]
    naik.button(
        f"Naik ke {esc(induk.nama)}",
        on_click=_pindah,
        args=(induk.id,),
        icon=":material/arrow_upward:",
        key="dasbor_naik",
    )
if d.sub_unit:
    turun.selectbox(
        "Lihat sub-unit",
        [u.id for u in d.sub_unit],
        index=None,
        key=SUB,
        on_change=_turun,
        format_func=lambda i: next(u.nama for u in d.sub_unit if u.id == i),
        placeholder="Pilih sub-unit untuk melihat lebih rinci…",
    )
    kunci = f"dasbor_grafik_unit_{d.unit.id}"
    st.plotly_chart(
        _sekali(
            "per unit",
            (asal, batas),
            lambda: grafik.per_unit(d.per_unit, f"Capaian unit per sub-unit — {periode}", batas),
        ),
        config=grafik.config(f"{berkas}-per-unit"),
        key=kunci,
        on_select=lambda: _klik(kunci),
        selection_mode="points",
    )
    st.caption(
        "Klik batang sebuah sub-unit atau pilih di atas untuk melihat rinciannya. Batang abu-abu: "
        "belum ada pegawai dengan hari kerja."
    )
elif d.dihitung:
    st.plotly_chart(
        _sekali(
            "per pegawai", (asal, batas), lambda: grafik.per_pegawai(d.pegawai, f"Capaian pegawai — {periode}", batas)
        ),
        config=grafik.config(f"{berkas}-per-pegawai"),
    )
if not d.sub_unit:
    _tabel_pegawai(d.pegawai, "pegawai", asal)

st.subheader(f"Tren {tahun}")
if d.tren:
    st.plotly_chart(
        _sekali("tren", (asal, batas), lambda: grafik.tren(d.tren, tahun, batas)),
        config=grafik.config(f"{berkas}-tren"),
    )
else:
    st.info("Belum ada bulan berjalan pada tahun ini.", icon=":material/info:")

kiri, kanan = st.columns(2) if d.predikat else (st.container(), None)
with kiri:
    st.subheader("Sebaran Capaian Pegawai")
    st.plotly_chart(
        _sekali("sebaran", asal, lambda: grafik.sebaran(d.sebaran)), config=grafik.config(f"{berkas}-sebaran")
    )
if kanan is not None:
    with kanan:
        st.subheader("Sebaran Predikat Kinerja")
        pilihan = {s.kode: s for s in d.predikat}
        kode = st.selectbox(
            "Periode evaluasi",
            list(pilihan),
            index=len(pilihan) - 1,
            key="dasbor_predikat",
            format_func=lambda k: pilihan[k].label,
        )
        st.plotly_chart(
            _sekali(f"predikat {kode}", asal, lambda: grafik.predikat(pilihan[kode], tahun)),
            config=grafik.config(f"{berkas}-predikat-{kode.lower()}"),
        )

st.subheader(f"Pegawai dengan Capaian di Bawah {batas} %")
if bawah:
    _tabel_pegawai(bawah, f"pegawai di bawah {batas} %, yang terendah lebih dulu", (asal, batas))
else:
    st.success(f"Tidak ada pegawai dengan capaian di bawah {batas} % pada {periode}.", icon=":material/task_alt:")

st.subheader("Aktivitas Belum Divalidasi per Pejabat Penilai")
st.caption(
    "Aktivitas yang belum divalidasi tidak dihitung dalam capaian dan TPP bawahan. Persentase: aktivitas "
    "bawahan yang masih Menunggu Validasi dibanding seluruh aktivitas bawahan bulan ini."
)
if d.penilai:
    judul = f"Aktivitas menunggu validasi — {periode}" + (" (15 persentase tertinggi)" if len(d.penilai) > 15 else "")
    st.plotly_chart(
        _sekali("penilai", asal, lambda: grafik.penilai(d.penilai, judul)), config=grafik.config(f"{berkas}-validasi")
    )
    st.dataframe(
        _sekali("tabel penilai", asal, lambda: pd.DataFrame(_baris_penilai(d.penilai))),
        hide_index=True,
        width="stretch",
    )
else:
    st.info("Belum ada aktivitas pada bulan ini.", icon=":material/info:")

st.download_button(
    "Unduh (XLSX)",
    lambda: dasbor.ekspor_xlsx(d, batas),
    file_name=f"{berkas}.xlsx",
    mime=XLSX,
    icon=":material/download:",
    on_click="ignore",
)
st.caption("Setiap grafik dapat diunduh sebagai PNG melalui ikon kamera di pojok kanan atas grafik.")
