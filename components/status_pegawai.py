"""Admin BKPSDM — Status Kepegawaian: PNS, CPNS, PPPK or PPPK Paruh Waktu with a PPPK's masa perjanjian kerja;
mark a pegawai nonaktif from a date (after a confirmation) and record the return or undo it (docs/domain.md §8.31).
Drawn as a tab of Pegawai dan Akun; the rules are services/organisasi/status_pegawai.py's."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from components.context import PageContext
from components.ui import confirm, esc, handle_errors, jalankan
from db.enums import JenisBerhenti, StatusKepegawaian
from db.session import session_scope
from services.organisasi import status_pegawai
from services.platform import format as fmt
from services.platform.kalender import hari_ini


def tampilkan(ctx: PageContext) -> None:
    nip = st.text_input("NIP pegawai", max_chars=18, key="status_nip").strip()
    if len(nip) != 18:
        st.caption("Isi NIP 18 digit untuk melihat dan mengubah status kepegawaian pegawai.")
        return
    today = hari_ini()
    data = None
    with handle_errors(), session_scope(ctx.engine, readonly=True) as s:
        data = status_pegawai.baca(s, ctx.actor, nip, today)
    if data is None:
        return
    st.text(f"{data.nama} — {data.jabatan}, {data.unit_kerja}")
    _kepegawaian(ctx, data)
    st.divider()
    if data.tanggal_berhenti is None:
        _berhentikan(ctx, data, today)
    else:
        _aktifkan_kembali(ctx, data, today)


def _kepegawaian(ctx: PageContext, data: status_pegawai.StatusPegawai) -> None:
    pilihan = list(StatusKepegawaian)
    with st.form("status_kepegawaian", enter_to_submit=False):
        st.markdown("**Status kepegawaian**")
        status = st.selectbox(
            "Status kepegawaian",
            pilihan,
            index=pilihan.index(data.status),
            format_func=lambda s: s.value,
            key="status_kepegawaian_pilih",
        )
        kiri, kanan = st.columns(2)
        mulai = kiri.date_input(
            "Perjanjian kerja mulai (PPPK)", value=data.perjanjian_mulai, format="DD/MM/YYYY", key="pk_mulai"
        )
        akhir = kanan.date_input(
            "Perjanjian kerja berakhir (PPPK)", value=data.perjanjian_akhir, format="DD/MM/YYYY", key="pk_akhir"
        )
        st.caption("Periode SKP pegawai PPPK tidak boleh melewati akhir perjanjian kerja; kosongkan untuk PNS/CPNS.")
        simpan = st.form_submit_button("Simpan Status Kepegawaian", type="primary")
    if simpan:
        jalankan(
            ctx.engine,
            lambda s: status_pegawai.ubah_kepegawaian(s, ctx.actor, data.pegawai_id, status, mulai, akhir),
            f"Status kepegawaian {data.nama}: {status.value}.",
        )


def _berhentikan(ctx: PageContext, data: status_pegawai.StatusPegawai, today: date) -> None:
    st.markdown("**Nonaktifkan pegawai**")
    st.caption(
        "Tanggal berhenti adalah hari pertama tidak bertugas (mis. TMT pensiun). Periode SKP berakhir sehari "
        "sebelumnya; tanggal di masa depan berlaku pada harinya."
    )
    kiri, kanan = st.columns(2)
    jenis = kiri.selectbox("Jenis berhenti", list(JenisBerhenti), format_func=lambda j: j.value, key="berhenti_jenis")
    tanggal = kanan.date_input("Tanggal berhenti", value=today, format="DD/MM/YYYY", key="berhenti_tanggal")
    confirm(
        "berhentikan",
        f"Nonaktifkan {data.nama} ({jenis.value}) mulai {fmt.tanggal(tanggal)}? Periode SKP-nya berakhir "
        f"{fmt.tanggal(tanggal - timedelta(days=1))}.",
        "Nonaktifkan Pegawai",
        lambda: jalankan(
            ctx.engine,
            lambda s: status_pegawai.berhentikan(s, ctx.actor, data.pegawai_id, jenis, tanggal, today),
            f"{data.nama} nonaktif ({jenis.value}) mulai {fmt.tanggal(tanggal)}.",
        ),
    )


def _aktifkan_kembali(ctx: PageContext, data: status_pegawai.StatusPegawai, today: date) -> None:
    sejak, jenis = data.tanggal_berhenti, data.jenis_berhenti
    if sejak is None or jenis is None:  # the caller shows this only for a recorded exit
        return
    keadaan = "sudah" if not data.bertugas else "akan"
    st.warning(
        esc(f"{data.nama} {keadaan} nonaktif ({jenis.value}) mulai {fmt.tanggal(sejak)}."),
        icon=":material/person_off:",
    )
    st.markdown("**Aktifkan kembali**")
    st.caption(
        "Akhir CLTN atau pemberhentian sementara: isi tanggal kembali bertugas; periode SKP baru dibuka mulai "
        "tanggal itu. Isi tanggal berhenti itu sendiri untuk membatalkan pencatatan yang keliru."
    )
    kembali = st.date_input("Tanggal kembali bertugas", value=max(sejak, today), format="DD/MM/YYYY")
    confirm(
        "aktifkan_kembali",
        f"Aktifkan kembali {data.nama} mulai {fmt.tanggal(kembali)}?",
        "Aktifkan Kembali",
        lambda: jalankan(
            ctx.engine,
            lambda s: status_pegawai.aktifkan_kembali(s, ctx.actor, data.pegawai_id, kembali, today),
            f"{data.nama} aktif kembali mulai {fmt.tanggal(kembali)}.",
        ),
    )
