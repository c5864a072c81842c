"""Perjanjian Kinerja (e-book: SKP JPT steps 7–11; menu Data Master, JPT and pimpinan unit kerja mandiri):
"Tambah Perjanjian Kinerja" (Sasaran Strategis + perspektif) and "Tambah Indikator" (indikator, target,
satuan); change or delete while no RHK uses it. Wording hints are shown, never enforced."""

import streamlit as st

from components.context import current, tolak_kepala_daerah_page
from components.skp_periode import pilih_periode
from components.ui import confirm, jalankan, kunci_form, show_flash
from db.enums import Perspektif
from db.session import session_scope
from services.perencanaan import perjanjian_kinerja as pk_service
from services.platform import format as fmt

PERSPEKTIF = [p.value for p in Perspektif]
CONTOH = "Contoh: Meningkatnya Profesionalitas Pegawai (Penugasan dari Pj. Bupati Bondowoso)"

ctx = current()
st.title("Perjanjian Kinerja")
tolak_kepala_daerah_page(ctx)
st.caption(
    "Sasaran Strategis berupa kalimat capaian (Meningkatnya…, Terlaksananya…) yang diakhiri "
    '"(Penugasan dari …)", sesuai Perjanjian Kinerja yang telah ditandatangani bersama atasan.'
)
show_flash()

with session_scope(ctx.engine, readonly=True) as s:
    periode_id = pilih_periode(s, ctx.actor, "pk_periode", hanya_jpt=True)
if periode_id is None:
    st.info(
        "Perjanjian Kinerja diisi oleh JPT dan pimpinan unit kerja mandiri pada Periode SKP-nya. Buat Periode "
        "SKP terlebih dahulu, atau isi rencana kinerja Anda di Perencanaan Kinerja → Rencana SKP.",
        icon=":material/info:",
    )
    st.stop()

with session_scope(ctx.engine, readonly=True) as s:
    pk = pk_service.perjanjian_periode(s, ctx.actor, periode_id)
rows = pk.sasaran

terkunci = pk.terkunci
if terkunci:
    st.info(f"SKP periode ini berstatus {pk.status.value}; Perjanjian Kinerja terkunci.", icon=":material/lock:")
kurang = [p.value for p in pk.perspektif_tanpa_sasaran]
if kurang:
    st.warning(
        "Perspektif yang belum memiliki Sasaran Strategis: " + ", ".join(kurang) + ". SKP JPT harus memuat "
        "keempat perspektif (kecuali Staf Ahli).",
        icon=":material/warning:",
    )

if not terkunci:
    with st.expander("Tambah Perjanjian Kinerja", icon=":material/add:", expanded=not rows):
        with st.form(kunci_form("pk_tambah"), enter_to_submit=False):
            sasaran = st.text_area("Sasaran Strategis", placeholder=CONTOH, height=68)
            # The four choices side by side: one click, none hidden in a list (the first still missing is chosen).
            perspektif = st.radio(
                "Perspektif", PERSPEKTIF, horizontal=True, index=PERSPEKTIF.index(kurang[0]) if kurang else 0
            )
            simpan = st.form_submit_button("Simpan", type="primary")
        if simpan:
            jalankan(
                ctx.engine,
                lambda s: pk_service.tambah(s, ctx.actor, periode_id, sasaran, perspektif),
                "Perjanjian Kinerja tersimpan. Lanjutkan dengan Tambah Indikator.",
                form="pk_tambah",
            )

if not rows:
    st.info("Belum ada Perjanjian Kinerja pada periode ini.", icon=":material/contract:")

for nomor, row in enumerate(rows, start=1):
    with st.container(border=True):
        st.markdown(
            f"**Sasaran Strategis {nomor}** · Perspektif {row.perspektif.value}"
            + (" · dipakai pada Rencana SKP" if row.dipakai else "")
        )
        st.text(row.sasaran_strategis)
        for hint in row.petunjuk:
            st.warning(hint, icon=":material/lightbulb:")
        if row.indikator:
            st.dataframe(
                [{"Indikator": i.indikator, "Target": fmt.target(i.target), "Satuan": i.satuan} for i in row.indikator],
                hide_index=True,
                width="stretch",
            )
        else:
            st.caption("Belum ada indikator.")
        if terkunci:
            continue
        with st.expander("Tambah Indikator", icon=":material/add:", expanded=not row.indikator):
            with st.form(kunci_form(f"pk_ind_{row.id}"), enter_to_submit=False):
                # One row, so "Simpan Indikator" is on screen with the fields it saves.
                kolom_indikator, kolom_target, kolom_satuan = st.columns([3, 1, 1])
                indikator = kolom_indikator.text_input("Indikator", placeholder="Contoh: Indeks Profesionalitas ASN")
                target = kolom_target.number_input("Target", min_value=0.0, step=1.0, format="%g", value=None)
                satuan = kolom_satuan.text_input("Satuan", placeholder="Indeks")
                tambah = st.form_submit_button("Simpan Indikator", type="primary")
            if tambah:
                jalankan(
                    ctx.engine,
                    lambda s, r=row, i=indikator, t=target, sat=satuan: pk_service.tambah_indikator(
                        s, ctx.actor, r.id, i, t, sat
                    ),
                    "Indikator tersimpan.",
                    form=f"pk_ind_{row.id}",
                )
        with st.expander("Ubah atau Hapus", icon=":material/edit:"):
            if row.dipakai:
                st.caption(
                    "Sasaran Strategis ini sudah dipakai pada Rencana SKP; kalimat dan perspektifnya tidak "
                    "dapat diubah atau dihapus."
                )
            else:
                with st.form(f"pk_ubah_{row.id}", enter_to_submit=False):
                    sasaran_baru = st.text_area("Sasaran Strategis", value=row.sasaran_strategis, height=68)
                    perspektif_baru = st.radio(
                        "Perspektif", PERSPEKTIF, horizontal=True, index=PERSPEKTIF.index(row.perspektif.value)
                    )
                    ubah = st.form_submit_button("Simpan Perubahan")
                if ubah:
                    jalankan(
                        ctx.engine,
                        lambda s, r=row, k=sasaran_baru, ps=perspektif_baru: pk_service.ubah(s, ctx.actor, r.id, k, ps),
                        "Perjanjian Kinerja diubah.",
                    )
                confirm(
                    f"pk_hapus_{row.id}",
                    "Hapus Sasaran Strategis ini beserta indikatornya?",
                    "Hapus Perjanjian Kinerja",
                    lambda r=row: jalankan(
                        ctx.engine, lambda s: pk_service.hapus(s, ctx.actor, r.id), "Perjanjian Kinerja dihapus."
                    ),
                )
            for i in row.indikator:
                confirm(
                    f"pk_hapus_ind_{i.id}",
                    f'Hapus indikator "{i.indikator}"?',
                    f"Hapus indikator: {i.indikator[:60]}",
                    lambda i=i: jalankan(
                        ctx.engine, lambda s: pk_service.hapus_indikator(s, ctx.actor, i.id), "Indikator dihapus."
                    ),
                )
