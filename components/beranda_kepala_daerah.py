"""The Beranda of a Kepala Daerah or Wakil (docs/domain.md §8.32): the Dasbor's summary of the regency and what
waits for them, never a step of an SKP of their own. Cached per user, day and data version (the newest audit
row), like the Dasbor page: its figures cover the whole regency."""

from __future__ import annotations

from datetime import date

import streamlit as st

from components.context import PageContext
from components.ui import esc
from db.session import session_scope
from services.pimpinan.beranda_kepala_daerah import BerandaKepalaDaerah, beranda_kepala_daerah
from services.platform import audit
from services.platform import format as fmt
from services.platform.access import Actor


@st.cache_resource(max_entries=16, ttl=3600, show_spinner=False)
def _data(_engine, url: str, actor: Actor, hari_ini: date, versi: int) -> BerandaKepalaDaerah:
    with session_scope(_engine, readonly=True) as s:
        return beranda_kepala_daerah(s, actor, hari_ini)


def tampilkan(ctx: PageContext, hari_ini: date) -> None:
    with session_scope(ctx.engine, readonly=True) as s:
        versi = audit.versi_data(s)
    b = _data(ctx.engine, str(ctx.engine.url), ctx.actor, hari_ini, versi)
    st.title(f"Selamat datang, {esc(ctx.actor.nama)}")
    st.text(f"Kepala Daerah — {b.unit_kerja}")

    st.subheader(f"Capaian aktivitas {fmt.bulan_tahun(b.tahun, b.bulan)}")
    kolom = st.columns(4)
    kolom[0].metric("Pegawai dihitung", fmt.angka(b.ringkasan.pegawai))
    kolom[1].metric("Capaian unit", fmt.persen(b.ringkasan.capaian_persen))
    kolom[2].metric("Rata-rata capaian pegawai", fmt.persen(b.ringkasan.rata_rata_persen))
    kolom[3].metric("Aktivitas menunggu validasi", fmt.angka(b.menunggu_validasi))
    st.page_link("pages/dasbor_capaian.py", label="Buka Dasbor Capaian", icon=":material/monitoring:")

    st.subheader("Menunggu tindakan Anda")
    tugas = b.tugas
    if tugas.skp_diajukan:
        st.text(f"{len(tugas.skp_diajukan)} SKP menunggu penetapan: " + ", ".join(n for _, n in tugas.skp_diajukan))
        st.page_link("pages/rencana_skp.py", label="Proses Penetapan SKP", icon=":material/arrow_forward:")
    if tugas.aktivitas_menunggu:
        jumlah = sum(m.jumlah for m in tugas.aktivitas_menunggu)
        nama = ", ".join(m.nama for m in tugas.aktivitas_menunggu)
        st.text(f"{jumlah} aktivitas bawahan menunggu validasi: {nama}")
        st.page_link("pages/validasi.py", label="Validasi aktivitas bawahan", icon=":material/arrow_forward:")
    periode = f"{b.periode_evaluasi} {b.tahun_evaluasi}"
    if b.evaluasi_belum_final:
        st.text(f"Evaluasi Kinerja {periode} belum final: " + ", ".join(b.evaluasi_belum_final))
    if b.tanpa_predikat:
        st.text(f"Predikat Kinerja Organisasi {periode} belum ditetapkan: " + ", ".join(b.tanpa_predikat))
    if b.evaluasi_belum_final or b.tanpa_predikat:
        st.page_link(
            "pages/evaluasi_kinerja.py", label="Evaluasi Kinerja dan Kurva Distribusi", icon=":material/arrow_forward:"
        )
    if not (tugas.total or b.evaluasi_belum_final or b.tanpa_predikat):
        st.success(
            "Tidak ada SKP, aktivitas, evaluasi atau predikat organisasi yang menunggu.", icon=":material/task_alt:"
        )
