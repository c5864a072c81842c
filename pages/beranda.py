"""Beranda: who you are, your running period and its SKP status, what waits for you, and where to go
next."""

import streamlit as st

from components import beranda_kepala_daerah
from components.context import current
from components.ui import esc
from db.session import session_scope
from services.pimpinan import beranda
from services.pimpinan.beranda import Langkah
from services.platform import format as fmt
from services.platform.access import ambil_pegawai
from services.platform.kalender import hari_ini

ctx = current()
hari_ini = hari_ini()
if ctx.kepala_daerah:  # no SKP of their own: a summary and what waits instead (docs/domain.md §8.32)
    beranda_kepala_daerah.tampilkan(ctx, hari_ini)
    st.stop()
with session_scope(ctx.engine, readonly=True) as session:
    pegawai = ambil_pegawai(session, ctx.actor.pegawai_id)
    jabatan, unit = pegawai.jabatan, pegawai.unit_kerja.nama
    milik = beranda.skp_saya(session, ctx.actor, hari_ini)
    tugas = beranda.tugas_atasan(session, ctx.actor, hari_ini) if ctx.is_atasan else None
    tutup = beranda.penutupan_berikutnya(session, hari_ini)
    saya = beranda.bulan_saya(session, ctx.actor, hari_ini) if milik.periode else None
    kalender_belum = beranda.kalender_belum_dikonfirmasi(session, ctx.actor, hari_ini)
running = milik.periode

st.title(f"Selamat datang, {esc(ctx.actor.nama)}")
st.text(f"{jabatan} — {unit}")
kiri, kanan = st.columns([2, 1])
with kiri.container(border=True):
    st.caption("Periode SKP berjalan")
    st.subheader(
        f"{fmt.tanggal(running.tanggal_mulai)} – {fmt.tanggal(running.tanggal_akhir)}" if running else "Belum ada"
    )
with kanan.container(border=True):
    st.caption("Status SKP")
    st.subheader(milik.status.value if milik.status else "-")

if milik.langkah is Langkah.BUAT_PERIODE:
    st.warning(
        "Anda belum memiliki Periode SKP untuk hari ini. Langkah pertama: buat Periode SKP.",
        icon=":material/calendar_month:",
    )
    st.page_link("pages/periode_skp.py", label="Buka Periode SKP", icon=":material/arrow_forward:")
elif milik.langkah is Langkah.PERBAIKI_SKP:
    st.warning(
        "SKP Anda dikembalikan oleh atasan. Perbaiki sesuai catatan lalu ajukan kembali.", icon=":material/undo:"
    )
    if milik.catatan_atasan:
        st.text(f"Catatan atasan: {milik.catatan_atasan}")
    st.page_link("pages/rencana_skp.py", label="Buka Rencana SKP", icon=":material/arrow_forward:")
elif milik.langkah is Langkah.ISI_AKTIVITAS:
    st.page_link("pages/aktivitas_harian.py", label="Isi Aktivitas Harian hari ini", icon=":material/arrow_forward:")
else:
    st.page_link("pages/rencana_skp.py", label="Lanjutkan Rencana SKP", icon=":material/arrow_forward:")
if milik.isi_sebelum_penetapan:
    st.info(
        "Periode ini dibuka karena mutasi: aktivitas harian sudah dapat diisi dengan SKP terkait dari rancangan SKP "
        "Anda, dan menunggu penetapan SKP oleh atasan baru sebelum divalidasi.",
        icon=":material/hourglass_top:",
    )
    st.page_link("pages/aktivitas_harian.py", label="Isi Aktivitas Harian", icon=":material/arrow_forward:")

if saya is not None:
    st.subheader(f"Aktivitas {fmt.bulan_tahun(hari_ini.year, hari_ini.month)}")
    kolom = st.columns(4)
    kolom[0].metric("Capaian", fmt.persen(saya.capaian.capaian_persen))
    kolom[1].metric(
        "Menit tervalidasi", f"{fmt.angka(saya.capaian.menit_tervalidasi)} / {fmt.angka(saya.capaian.menit_efektif)}"
    )
    kolom[2].metric(
        "Menit menuju 100 %",
        fmt.angka(saya.menit_kurang),
        help="Menit efektif bulan ini yang belum tertutup aktivitas tervalidasi.",
    )
    kolom[3].metric("Menunggu validasi", f"{fmt.angka(saya.capaian.menit_menunggu)} menit")
    if saya.ditolak:
        st.warning(
            f"{saya.ditolak} aktivitas Anda ditolak atasan bulan ini. Perbaiki lalu kirim kembali.",
            icon=":material/undo:",
        )
        st.page_link(
            "pages/aktivitas_harian.py", label="Perbaiki aktivitas yang ditolak", icon=":material/arrow_forward:"
        )

st.caption(
    f"Entri dan validasi aktivitas {fmt.bulan_tahun(tutup.bulan.year, tutup.bulan.month)} ditutup "
    f"{fmt.tanggal(tutup.tanggal_tutup)} ({tutup.sisa_hari} hari lagi)."
)

if tugas is not None:
    st.subheader("Menunggu tindakan Anda")
    if tugas.total == 0 and not tugas.bawahan_baru:
        st.success("Tidak ada SKP atau aktivitas bawahan yang menunggu.", icon=":material/task_alt:")
    if tugas.bawahan_baru:
        st.warning(
            "Bawahan baru menunggu penetapan SKP: "
            + "; ".join(f"{b.nama} (sejak {fmt.tanggal(b.mulai)}, {b.hari} hari)" for b in tugas.bawahan_baru)
            + ". Aktivitas mereka menunggu sampai SKP periode barunya ditetapkan.",
            icon=":material/person_add:",
        )
    if tugas.skp_diajukan:
        st.text(f"{len(tugas.skp_diajukan)} SKP bawahan diajukan: " + ", ".join(n for _, n in tugas.skp_diajukan))
    if tugas.skp_diajukan or tugas.bawahan_baru:
        st.page_link(
            "pages/rencana_skp.py",
            label="Proses Penetapan SKP",
            icon=":material/arrow_forward:",
            query_params={"tampilan": "bawahan"},
        )
    for mantan, judul in ((False, None), (True, "Mantan bawahan (mutasi)")):
        daftar = [m for m in tugas.aktivitas_menunggu if m.mantan is mantan]
        if not daftar:
            continue
        if judul:
            st.caption(f"{judul}: aktivitas periode lama yang masih menunggu validasi Anda sampai bulannya ditutup")
        # Plain lines, not st.dataframe: the grid's script is the heaviest download of a first visit, and
        # it made an atasan's login wait about a second longer than a pegawai's (docs/benchmark-first-paint.md).
        st.text(
            "\n".join(f"{m.nama}: {m.jumlah} aktivitas menunggu validasi ({fmt.angka(m.menit)} menit)" for m in daftar)
        )
    if tugas.aktivitas_menunggu:
        st.page_link("pages/validasi.py", label="Validasi aktivitas bawahan", icon=":material/arrow_forward:")

if ctx.actor.boleh_lihat_dasbor:
    st.subheader("Pimpinan")
    st.page_link("pages/dasbor_capaian.py", label="Lihat Dasbor Capaian unit Anda", icon=":material/monitoring:")
if ctx.actor.is_admin:
    st.subheader("Admin BKPSDM")
    for tahun in kalender_belum:
        st.warning(
            f"Kalender {tahun} belum dikonfirmasi: hari libur dan cuti bersama diisi otomatis dari kalender "
            "nasional dan belum diperiksa admin, padahal hari kerja, capaian dan TPP dihitung darinya.",
            icon=":material/event_busy:",
        )
    if kalender_belum:
        st.page_link("pages/admin_referensi.py", label="Periksa dan konfirmasi kalender", icon=":material/verified:")
    st.caption(
        "Pantau pegawai yang belum membuat Periode SKP, belum ditetapkan SKP-nya, atau belum mengisi "
        "aktivitas bulan ini; lalu rekap TPP setelah bulan ditutup."
    )
    st.page_link("pages/admin_monitoring.py", label="Buka Monitoring", icon=":material/fact_check:")
    st.page_link("pages/admin_rekap_tpp.py", label="Buka Rekap TPP", icon=":material/payments:")
