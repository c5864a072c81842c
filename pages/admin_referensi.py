"""Admin BKPSDM — Data Referensi: hari libur (from the holidays package, cuti bersama added by the admin,
dates removed), katalog aktivitas, pola penugasan, and "Buka Bulan" (reopen a closed month)."""

from datetime import timedelta

import streamlit as st

from components.capaian import pilih_bulan
from components.context import current, require_admin_page
from components.ui import confirm, esc, jalankan, show_flash
from db.session import session_scope
from services.organisasi import referensi
from services.platform import format as fmt
from services.platform import kalender
from services.platform.kalender import hari_ini

ctx = current()
require_admin_page(ctx)  # the menu hides this page; a non-admin who gets here sees a refusal
st.title("Data Referensi")
show_flash()
today = hari_ini()
tab_libur, tab_katalog, tab_pola, tab_buka = st.tabs(
    ["Hari Libur", "Katalog Aktivitas", "Pola Penugasan", "Buka Bulan"], key="ref_tab", on_change="rerun"
)

if tab_libur.open:
    with tab_libur:
        tahun = int(
            st.number_input("Tahun", min_value=2000, max_value=2100, value=today.year, step=1, key="libur_tahun")
        )
        with session_scope(ctx.engine, readonly=True) as s:
            libur = [
                (h.tanggal, h.keterangan, h.sumber, h.aktif) for h in referensi.hari_libur_tahun(s, ctx.actor, tahun)
            ]
            status = kalender.status_tahun(s, tahun)
        aktif = [h for h in libur if h[3]]
        if status.dikonfirmasi:
            st.success(
                f"Kalender {tahun} dikonfirmasi pada {fmt.waktu(status.dikonfirmasi_pada)} oleh "
                f"{esc(status.dikonfirmasi_oleh or '-')}. Mengubah hari libur tahun ini meminta konfirmasi ulang.",
                icon=":material/verified:",
            )
        else:
            st.warning(
                f"Kalender {tahun} belum dikonfirmasi. Periksa daftar hari libur dan cuti bersama di bawah terhadap "
                "SKB 3 Menteri dan keputusan daerah, ubah bila perlu, lalu konfirmasi.",
                icon=":material/event_busy:",
            )
            if st.button(
                f"Konfirmasi Kalender {tahun}", type="primary", icon=":material/verified:", key="libur_konfirmasi"
            ):
                jalankan(
                    ctx.engine,
                    lambda s: kalender.konfirmasi(s, ctx.actor, tahun),
                    f"Kalender {tahun} dikonfirmasi.",
                )
        st.caption(
            f"{len(aktif)} hari libur aktif pada {tahun}. Tanggal yang dihapus tetap tercatat (tidak aktif) "
            "agar tidak muncul kembali saat daftar tahun diisi ulang."
        )
        if libur:
            st.dataframe(
                [
                    {
                        "Tanggal": fmt.tanggal(t),
                        "Keterangan": k,
                        "Sumber": "Paket holidays" if src == "holidays" else "Admin",
                        "Status": "Aktif" if a else "Dihapus",
                    }
                    for t, k, src, a in libur
                ],
                hide_index=True,
                width="stretch",
            )
        if st.button(f"Isi Hari Libur {tahun}", icon=":material/event_available:", key="libur_isi"):
            jalankan(
                ctx.engine,
                lambda s: referensi.isi_hari_libur_tahun(s, ctx.actor, tahun),
                lambda jumlah: f"{jumlah} hari libur dan cuti bersama {tahun} ditambahkan dari kalender nasional.",
            )
        kiri, kanan = st.columns(2)
        with kiri, st.form("libur_tambah", enter_to_submit=False):
            st.markdown("**Tambah hari libur / cuti bersama**")
            tanggal = st.date_input("Tanggal", value=None, format="DD/MM/YYYY", key="libur_tanggal")
            keterangan = st.text_input(
                "Keterangan", max_chars=300, key="libur_keterangan", placeholder="Cuti bersama Hari Jadi Bondowoso"
            )
            tambah = st.form_submit_button("Tambah Hari Libur", icon=":material/add:")
        if tambah:
            jalankan(
                ctx.engine,
                lambda s: referensi.tambah_hari_libur(s, ctx.actor, tanggal, keterangan),
                lambda _: f"{fmt.tanggal(tanggal)} ditambahkan sebagai hari libur.",
            )
        with kanan:
            st.markdown("**Hapus hari libur** (menjadi hari kerja)")
            if aktif:
                hapus = st.selectbox(
                    "Hari libur", aktif, key="libur_hapus", format_func=lambda h: f"{fmt.tanggal(h[0])} — {h[1]}"
                )
                confirm(
                    "hapus_libur",
                    f"Jadikan {fmt.tanggal(hapus[0])} hari kerja? Capaian semua pegawai bulan itu ikut berubah"
                    + (f", dan kalender {tahun} perlu dikonfirmasi ulang." if status.dikonfirmasi else "."),
                    "Hapus Hari Libur",
                    lambda: jalankan(
                        ctx.engine,
                        lambda s: referensi.hapus_hari_libur(s, ctx.actor, hapus[0]),
                        f"{fmt.tanggal(hapus[0])} kini dihitung sebagai hari kerja.",
                    ),
                )
            else:
                st.caption("Belum ada hari libur aktif pada tahun ini.")

if tab_katalog.open:
    with tab_katalog:
        with session_scope(ctx.engine, readonly=True) as s:
            katalog = [
                (k.id, k.nama, k.satuan or "", k.durasi_menit, k.aktif) for k in referensi.katalog_list(s, ctx.actor)
            ]
        if katalog:
            st.dataframe(
                [
                    {"Aktivitas": n, "Satuan": sat, "Durasi (menit)": d, "Status": "Aktif" if a else "Nonaktif"}
                    for _i, n, sat, d, a in katalog
                ],
                hide_index=True,
                width="stretch",
            )
        pilihan = [None] + katalog
        item = st.selectbox(
            "Katalog",
            pilihan,
            key="katalog_pilih",
            format_func=lambda k: "Tambah aktivitas baru" if k is None else k[1],
        )
        with st.form(f"katalog_form_{item[0] if item else 'baru'}", enter_to_submit=False):
            nama = st.text_input("Nama aktivitas", value=item[1] if item else "", max_chars=300)
            kiri, kanan = st.columns(2)
            satuan = kiri.text_input("Satuan", value=item[2] if item else "", max_chars=100)
            durasi = kanan.number_input(
                "Durasi umum (menit)", min_value=1, max_value=1440, value=item[3] if item else 60, step=15
            )
            aktif_kat = st.checkbox("Aktif", value=item[4] if item else True, disabled=item is None)
            simpan = st.form_submit_button("Simpan Katalog", type="primary", icon=":material/save:")
        if simpan:

            def _simpan_katalog(s) -> None:
                if item is None:
                    referensi.tambah_katalog(s, ctx.actor, nama, satuan, int(durasi))
                else:
                    referensi.ubah_katalog(s, ctx.actor, item[0], nama, satuan, int(durasi), aktif_kat)

            jalankan(ctx.engine, _simpan_katalog, "Katalog aktivitas tersimpan.")

if tab_pola.open:
    with tab_pola:
        with session_scope(ctx.engine, readonly=True) as s:
            pola = [(p.id, p.nama, p.aktif) for p in referensi.pola_list(s, ctx.actor)]
        if pola:
            st.dataframe(
                [{"Pola Penugasan": n, "Status": "Aktif" if a else "Nonaktif"} for _i, n, a in pola],
                hide_index=True,
                width="stretch",
            )
        with st.form("pola_tambah", enter_to_submit=False):
            nama_pola = st.text_input(
                "Pola penugasan baru", max_chars=200, placeholder="Direktif Pejabat Penilai (Mandiri)"
            )
            tambah_pola = st.form_submit_button("Tambah Pola", icon=":material/add:")
        if tambah_pola:
            jalankan(
                ctx.engine, lambda s: referensi.tambah_pola(s, ctx.actor, nama_pola), "Pola penugasan ditambahkan."
            )
        if pola:
            ubah = st.selectbox(
                "Ubah status",
                pola,
                key="pola_pilih",
                format_func=lambda p: f"{p[1]} ({'Aktif' if p[2] else 'Nonaktif'})",
            )
            label = "Nonaktifkan" if ubah[2] else "Aktifkan"
            if st.button(label, key="pola_status"):
                jalankan(
                    ctx.engine,
                    lambda s: referensi.atur_pola_aktif(s, ctx.actor, ubah[0], not ubah[2]),
                    f"Pola penugasan {'dinonaktifkan' if ubah[2] else 'diaktifkan'}.",
                )

if tab_buka.open:
    with tab_buka:
        st.caption(
            "Entri dan validasi aktivitas bulan M ditutup setelah tanggal penutupan pada bulan M+1. Admin dapat "
            "membukanya kembali untuk satu pegawai atau semua pegawai sampai tanggal tertentu."
        )
        with st.form("buka_bulan", enter_to_submit=False):
            kiri, kanan = st.columns(2)
            with kiri:
                bt = pilih_bulan("buka_bulan_bulan", jumlah=24)
            sampai = kanan.date_input(
                "Dibuka sampai", value=today + timedelta(days=3), min_value=today, format="DD/MM/YYYY"
            )
            nip = st.text_input("NIP pegawai (kosongkan untuk semua pegawai)", max_chars=18)
            alasan = st.text_area("Alasan", max_chars=1000)
            buka = st.form_submit_button("Buka Bulan", type="primary", icon=":material/lock_open:")
        if buka:
            jalankan(
                ctx.engine,
                lambda s: referensi.buka_bulan(s, ctx.actor, bt[0], bt[1], sampai, alasan, nip),
                lambda _: f"Bulan {fmt.bulan_tahun(*bt)} dibuka sampai {fmt.tanggal(sampai)}.",
            )
        with session_scope(ctx.engine, readonly=True) as s:
            riwayat = referensi.pembukaan_list(s, ctx.actor)
        if riwayat:
            st.dataframe(
                [
                    {
                        "Bulan": r.bulan,
                        "Pegawai": r.pegawai,
                        "Dibuka Sampai": fmt.tanggal(r.dibuka_sampai),
                        "Alasan": r.alasan,
                        "Oleh": r.dibuka_oleh,
                    }
                    for r in riwayat
                ],
                hide_index=True,
                width="stretch",
            )
