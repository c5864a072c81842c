"""Periode SKP (e-book step 5): the pegawai's periods, a new one (default 1 January – 31 December),
deleting an unused one after confirmation."""

from datetime import date

import streamlit as st

from components.context import current, tolak_kepala_daerah_page
from components.ui import confirm, jalankan, show_flash
from db.session import session_scope
from services.organisasi import periode as periode_service
from services.platform import format as fmt
from services.platform.kalender import hari_ini

ctx = current()
st.title("Periode SKP")
tolak_kepala_daerah_page(ctx)
st.caption(
    "Isikan tahun, periode mulai dan periode akhir: 1 Januari hingga 31 Desember tahun berjalan. "
    "Jika terjadi mutasi, periode lama ditutup dan periode baru dibuka otomatis."
)
show_flash()

with session_scope(ctx.engine, readonly=True) as session:
    rows = [
        {
            "id": p.id,
            "Tahun": p.tahun,
            "Periode Mulai": fmt.tanggal(p.tanggal_mulai),
            "Periode Akhir": fmt.tanggal(p.tanggal_akhir),
            "Status SKP": periode_service.skp_of(session, p.id).status.value,
            "Penilai": p.penilai.nama if p.penilai else "-",
            "Jabatan": p.jabatan,
            "Unit Kerja": p.unit_kerja_nama,
        }
        for p in periode_service.daftar(session, ctx.actor, ctx.actor.pegawai_id)
    ]

if rows:
    st.dataframe([{k: v for k, v in r.items() if k != "id"} for r in rows], hide_index=True, width="stretch")
else:
    st.info(
        "Anda belum memiliki Periode SKP. Buat periode tahun berjalan di bawah ini.", icon=":material/calendar_month:"
    )

with st.expander("Tambah Periode SKP", expanded=not rows):
    tahun_ini = hari_ini().year
    with st.form("tambah_periode", enter_to_submit=False):
        tahun = st.number_input("Tahun", min_value=2000, max_value=2100, value=tahun_ini, step=1)
        kiri, kanan = st.columns(2)
        mulai = kiri.date_input("Periode Mulai", value=date(tahun_ini, 1, 1), format="DD/MM/YYYY")
        akhir = kanan.date_input("Periode Akhir", value=date(tahun_ini, 12, 31), format="DD/MM/YYYY")
        simpan = st.form_submit_button("Simpan", type="primary")
    if simpan:
        jalankan(
            ctx.engine,
            lambda s: periode_service.tambah(s, ctx.actor, int(tahun), mulai, akhir),
            lambda baru: (
                f"Periode SKP {fmt.tanggal(baru.tanggal_mulai)} – {fmt.tanggal(baru.tanggal_akhir)} tersimpan."
            ),
        )

if rows:
    with st.expander("Hapus Periode SKP"):
        st.caption(
            "Hanya periode yang belum dipakai (SKP masih Draft tanpa rencana, tanpa aktivitas) yang dapat dihapus."
        )
        labels = {r["id"]: f"{r['Periode Mulai']} – {r['Periode Akhir']}" for r in rows}
        pilihan = st.selectbox("Periode", options=list(labels), format_func=labels.get, key="hapus_periode_id")
        confirm(
            "hapus_periode",
            f"Hapus periode {labels[pilihan]}? Tindakan ini tidak dapat dibatalkan.",
            "Hapus Periode",
            lambda: jalankan(
                ctx.engine,
                lambda s: periode_service.hapus(s, ctx.actor, pilihan),
                f"Periode {labels[pilihan]} dihapus.",
            ),
        )
