"""Penilai Pegawai (e-book step 6): check the atasan of the period, correct it within the rule or ask the
admin (docs/domain.md §8.3), and tab Bawahan with the changes that concern the actor as penilai."""

import streamlit as st

from components.context import current, tolak_kepala_daerah_page
from components.ui import jalankan, show_flash
from db.session import session_scope
from services.organisasi import penilai as penilai_service
from services.organisasi import periode as periode_service
from services.organisasi import permintaan_penilai
from services.platform import format as fmt
from services.platform.kalender import hari_ini

ctx = current()
st.title("Penilai Pegawai")
tolak_kepala_daerah_page(ctx)
show_flash()

tab_penilai, tab_bawahan = st.tabs(["Penilai Pegawai", "Bawahan"], key="penilai_tab", on_change="rerun")

if tab_penilai.open:
    with tab_penilai:
        with session_scope(ctx.engine, readonly=True) as session:
            periods = periode_service.daftar(session, ctx.actor, ctx.actor.pegawai_id)
            options = {
                p.id: f"{p.tahun}: {fmt.tanggal(p.tanggal_mulai)} – {fmt.tanggal(p.tanggal_akhir)}" for p in periods
            }
            running = periode_service.periode_on(session, ctx.actor.pegawai_id, hari_ini())
        if not options:
            st.info("Buat Periode SKP terlebih dahulu di menu Periode SKP.", icon=":material/calendar_month:")
        else:
            ids = list(options)
            periode_id = st.selectbox(
                "Periode SKP",
                ids,
                format_func=options.get,
                index=ids.index(running.id) if running and running.id in ids else 0,
            )
            with session_scope(ctx.engine, readonly=True) as session:
                p = periode_service.ambil_sendiri(session, ctx.actor, periode_id)
                penilai = p.penilai
                st.subheader("Pejabat Penilai Kinerja")
                if penilai is None:
                    st.warning(
                        "Periode ini belum memiliki penilai. Pilih atasan langsung Anda di bawah.",
                        icon=":material/warning:",
                    )
                else:
                    st.dataframe(
                        [
                            {
                                "Nama": penilai.nama,
                                "NIP": penilai.nip,
                                "Jabatan": penilai.jabatan,
                                "Unit Kerja": penilai.unit_kerja.nama,
                            }
                        ],
                        hide_index=True,
                        width="stretch",
                    )
            st.caption(
                "Pastikan atasan pegawai Anda telah sesuai. Jika belum sesuai, silakan langsung diganti dengan "
                "pejabat di atas Anda dalam unit kerja Anda."
            )
            with st.expander("Ganti Penilai", expanded=penilai is None):
                with session_scope(ctx.engine, readonly=True) as session:
                    calon = {
                        c.id: f"{c.nama} — {c.jabatan}, {c.unit_kerja.nama} ({c.nip})"
                        for c in penilai_service.calon_penilai(session, ctx.actor, periode_id)
                    }
                if not calon:
                    st.caption("Tidak ada pejabat di atas Anda dalam unit kerja Anda.")
                else:
                    baru = st.selectbox("Pilih Penilai", list(calon), format_func=calon.get, key="pilih_penilai")
                    if st.button("Simpan Penilai", type="primary"):
                        jalankan(
                            ctx.engine,
                            lambda s: penilai_service.ganti_penilai(s, ctx.actor, periode_id, baru),
                            "Penilai berhasil diperbarui.",
                        )
            with st.expander("Ajukan Penilai Lain ke Admin BKPSDM"):
                st.caption(
                    "Penilai di luar daftar di atas (misalnya penugasan lintas unit) berlaku setelah disetujui "
                    "Admin BKPSDM. Plt/Plh yang ditetapkan Admin BKPSDM sudah ada di daftar di atas selama SK-nya."
                )
                cari = st.text_input("Cari pegawai (nama atau NIP, minimal 3 karakter)", key="cari_penilai")
                with session_scope(ctx.engine, readonly=True) as session:
                    hasil = {
                        c.id: f"{c.nama} — {c.jabatan} ({c.nip})"
                        for c in penilai_service.cari_pegawai(session, ctx.actor, cari)
                    }
                if cari and not hasil:
                    st.caption("Tidak ada pegawai yang cocok.")
                if hasil:
                    diminta = st.selectbox(
                        "Penilai yang diminta", list(hasil), format_func=hasil.get, key="minta_penilai"
                    )
                    alasan = st.text_area("Alasan", max_chars=500, key="alasan_penilai")
                    if st.button("Ajukan Permintaan"):
                        jalankan(
                            ctx.engine,
                            lambda s: permintaan_penilai.ajukan(s, ctx.actor, periode_id, diminta, alasan),
                            "Permintaan perubahan penilai dikirim ke Admin BKPSDM.",
                        )
            with session_scope(ctx.engine, readonly=True) as session:
                milik = permintaan_penilai.daftar_milik(session, ctx.actor)
            if milik:
                st.subheader("Permintaan Perubahan Penilai")
                st.dataframe(
                    [
                        {
                            "Periode": r.periode,
                            "Penilai Diminta": r.penilai_baru,
                            "Alasan": r.alasan,
                            "Status": r.status,
                            "Catatan Admin": r.catatan_admin,
                        }
                        for r in milik
                    ],
                    hide_index=True,
                    width="stretch",
                )

if tab_bawahan.open:
    with tab_bawahan:
        with session_scope(ctx.engine, readonly=True) as session:
            bawahan = [
                {
                    "NIP": b.nip,
                    "Nama": b.nama,
                    "Jabatan": b.jabatan,
                    "Jenis Jabatan": b.jenis_jabatan.value,
                    "Unit Kerja": b.unit_kerja.nama,
                }
                for b in penilai_service.bawahan(session, ctx.actor)
            ]
        if bawahan:
            st.caption(f"{len(bawahan)} bawahan langsung.")
            st.dataframe(bawahan, hide_index=True, width="stretch")
        else:
            st.info("Anda tidak memiliki bawahan langsung.")
        with session_scope(ctx.engine, readonly=True) as session:
            perubahan = [
                {
                    "Tanggal": fmt.tanggal(r.diputuskan_pada or r.diajukan_pada),
                    "Pegawai": f"{r.pegawai.nama} ({r.pegawai.nip})",
                    "Penilai Sebelumnya": "-" if r.penilai_lama is None else r.penilai_lama.nama,
                    "Penilai Baru": r.penilai_baru.nama,
                    "Keterangan": "Diganti pegawai" if r.alasan is None else "Disetujui Admin BKPSDM",
                }
                for r in penilai_service.perubahan_terkait(session, ctx.actor)
            ]
        if perubahan:
            st.subheader("Perubahan Penilai")
            st.caption("Perubahan penilai yang menjadikan Anda penilai seorang pegawai, atau yang menggantikan Anda.")
            st.dataframe(perubahan, hide_index=True, width="stretch")
