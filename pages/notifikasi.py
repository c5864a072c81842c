"""Notifikasi: the reminders and digests SIPIJAR sent the pegawai (docs/domain.md §8.36), newest first, each with
the link into the right screen; marking them read; and which channels the pegawai still receives."""

import streamlit as st

from components.context import current
from components.ui import esc, jalankan, show_flash
from db.enums import KanalPengingat
from db.session import session_scope
from services.pengingat import notifikasi
from services.platform import format as fmt

#: A notice's link (a path of the app) → the page it opens.
HALAMAN = {
    "/validasi": "pages/validasi.py",
    "/aktivitas-harian": "pages/aktivitas_harian.py",
    "/rencana-skp": "pages/rencana_skp.py",
    "/dasbor-capaian": "pages/dasbor_capaian.py",
}
LABEL_KANAL = {
    KanalPengingat.APLIKASI: "Notifikasi di aplikasi (halaman ini)",
    KanalPengingat.EMAIL: "E-mail",
    KanalPengingat.WEBHOOK: "Pesan melalui gateway instansi (WhatsApp/Telegram)",
}

ctx = current()
st.title("Notifikasi")
st.caption(
    "Pengingat batas penutupan bulan, aktivitas yang dikembalikan, capaian bulanan dan ringkasan untuk Anda. "
    "Pengingat dikirim otomatis setiap hari kerja."
)
show_flash()

with session_scope(ctx.engine, readonly=True) as s:
    rows = notifikasi.daftar(s, ctx.actor)
    kanal = notifikasi.kanal_aktif(s, ctx.actor)

belum = [r.id for r in rows if not r.dibaca]
if belum and st.button("Tandai semua sudah dibaca", icon=":material/done_all:", key="notif_semua"):
    jalankan(
        ctx.engine, lambda s: notifikasi.tandai_dibaca(s, ctx.actor), lambda n: f"{n} notifikasi ditandai sudah dibaca."
    )
dibaca = None
if not rows:
    st.info("Belum ada notifikasi untuk Anda.", icon=":material/notifications_none:")
for r in rows:
    with st.container(border=True):
        st.markdown(("**Baru** · " if not r.dibaca else "") + f"**{esc(r.judul)}**")
        st.caption(f"{fmt.waktu(r.dibuat)} WIB")
        st.text(r.teks)
        path, _, query = r.tautan.partition("?")
        kiri, kanan = st.columns([3, 1], vertical_alignment="center")
        if path in HALAMAN:
            params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
            kiri.page_link(HALAMAN[path], label="Buka", icon=":material/open_in_new:", query_params=params)
        if not r.dibaca and kanan.button("Tandai dibaca", key=f"notif_baca_{r.id}", width="stretch"):
            dibaca = r.id
if dibaca is not None:
    jalankan(ctx.engine, lambda s: notifikasi.tandai_dibaca(s, ctx.actor, [dibaca]), "Ditandai sudah dibaca.")

st.subheader("Terima pengingat melalui")
with st.form("notif_kanal", enter_to_submit=False):
    pilihan = {k: st.checkbox(LABEL_KANAL[k], value=kanal[k], key=f"notif_kanal_{k.name}") for k in KanalPengingat}
    st.caption("E-mail dikirim ke alamat pada data kepegawaian Anda; tanpa alamat e-mail hanya notifikasi di aplikasi.")
    simpan = st.form_submit_button("Simpan", type="primary", icon=":material/save:")
if simpan:
    jalankan(
        ctx.engine,
        lambda s: notifikasi.setel_kanal(s, ctx.actor, pilihan),
        lambda berubah: "Pilihan pengingat tersimpan." if berubah else "Tidak ada pilihan yang berubah.",
    )
