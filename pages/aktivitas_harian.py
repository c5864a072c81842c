"""Aktivitas Harian (e-book "Pengisian Kinerja/Aktivitas Harian" and "Pengecekan Nilai Capaian"): the
month's capaian and "Cetak", "Tambah Aktivitas", "Salin dari hari sebelumnya", the month's list with
edit / delete / correct-and-resubmit; for an atasan also "Pilih Bawahan" (the validation panel)."""

import streamlit as st

from components.aktivitas_daftar import daftar_bulan, gaya, ringkasan
from components.aktivitas_form import form_aktivitas
from components.aktivitas_templat import templat_mingguan
from components.aktivitas_validasi import panel_validasi
from components.capaian import metrik, pilih_bulan
from components.context import current, tolak_kepala_daerah_page
from components.ekspor_ekinerja import ekspor_bulan
from components.ui import confirm, esc, flash, handle_errors, jalankan, lipatan, show_flash, tulis
from db.session import session_scope
from services.aktivitas import capaian, dokumen_capaian, salin, tengah_malam, tertahan
from services.aktivitas import harian as aktivitas_service
from services.aktivitas.bulan import status_bulan as status_bulan_aktivitas
from services.aktivitas.entri import AktivitasInput
from services.platform import format as fmt
from services.platform import settings
from services.platform.kalender import hari_ini

ctx = current()
st.title("Aktivitas Harian")
tolak_kepala_daerah_page(ctx)
show_flash()
today = hari_ini()


def _cetak(tahun: int, bulan: int) -> bytes:
    with session_scope(ctx.engine, readonly=True) as s:
        return dokumen_capaian.cetak(s, ctx.actor, ctx.actor.pegawai_id, tahun, bulan)


def _bump() -> None:
    """New keys for the Tambah form, so its defaults (next free slot, katalog) apply again."""
    st.session_state["ah_versi"] = st.session_state.get("ah_versi", 0) + 1


def _pilih_katalog() -> None:
    item = st.session_state.get("ah_katalog")
    st.session_state["ah_prefill"] = (
        {"id": item[0], "teks": item[1], "satuan": item[2], "menit": item[3]} if item else {}
    )
    _bump()


def _aktivitas_saya() -> None:
    atas_kiri, atas_kanan = st.columns([3, 1], vertical_alignment="bottom")
    with atas_kiri:
        tahun, bulan = pilih_bulan("ah_bulan", today=today)
    with session_scope(ctx.engine, readonly=True) as s:
        hasil = capaian.capaian_pegawai(s, ctx.actor, ctx.actor.pegawai_id, tahun, bulan)
        menit_per_hari = settings.ambil(s, "menit_per_hari")
        status_bulan = status_bulan_aktivitas(s, ctx.actor.pegawai_id, tahun, bulan, today)
        rows = aktivitas_service.daftar_bulan(s, ctx.actor, ctx.actor.pegawai_id, tahun, bulan)
        tidak_hadir = aktivitas_service.ketidakhadiran_bulan(s, ctx.actor, ctx.actor.pegawai_id, tahun, bulan)
        periode = [(p.id, p.tanggal_mulai, p.tanggal_akhir) for p in aktivitas_service.periode_list(s, ctx.actor)]
        katalog = [(k.id, k.nama, k.satuan or "", k.durasi_menit) for k in aktivitas_service.katalog_pilihan(s)]
    with atas_kanan:
        st.download_button(
            "Cetak",
            data=lambda: _cetak(tahun, bulan),
            on_click="ignore",
            icon=":material/print:",
            file_name=dokumen_capaian.nama_berkas(ctx.actor.nip, tahun, bulan),
            mime="application/pdf",
            width="stretch",
            key="ah_cetak",
        )
    # A phone's first screen: the capaian in one line, then the form; a laptop shows the six metrics.
    gaya()
    ringkasan(hasil)
    with st.container(key="ah_metrik"):
        metrik(hasil, menit_per_hari)
    if tidak_hadir:
        # Plain text (st.text / caption of service strings): no markdown is built from the records.
        with st.container(border=True):
            st.caption("Ketidakhadiran tercatat bulan ini")
            for catatan in tidak_hadir:
                st.text(catatan.keterangan())
            if any(c.mengurangi for c in tidak_hadir):
                st.caption("Aktivitas tidak dapat diisi pada hari yang tidak dihitung sebagai hari kerja.")
    if status_bulan.terbuka:
        st.caption(
            f"Entri dan validasi bulan {fmt.bulan_tahun(tahun, bulan)} terbuka sampai "
            f"{fmt.tanggal(status_bulan.terbuka_sampai)}."
        )
    elif status_bulan.ditutup:  # Tutup Bulan: the figures above are the month's frozen snapshot
        st.caption(f"{status_bulan.ditutup}.")
    else:
        st.caption(f"Bulan {fmt.bulan_tahun(tahun, bulan)} sudah ditutup pada {fmt.tanggal(status_bulan.batas)}.")

    _tambah(periode, katalog)
    _salin()
    templat_mingguan(ctx, today)  # Templat Mingguan (components/aktivitas_templat.py)
    ekspor_bulan(ctx, tahun, bulan, today)

    st.subheader(f"Daftar Aktivitas {fmt.bulan_tahun(tahun, bulan)}")
    if not rows:
        show_flash("ah_ubah")  # the last row was just deleted
        st.info("Belum ada aktivitas pada bulan ini.", icon=":material/event_note:")
        return
    pilih_ulang = sum(r.tertahan == tertahan.PILIH_ULANG for r in rows)
    if pilih_ulang:
        st.warning(
            f"{pilih_ulang} aktivitas dipindahkan ke periode SKP baru karena mutasi dan belum terhubung dengan SKP "
            "terkait. Pilih kembali SKP terkait pada SKP periode baru (Ubah, Hapus atau Perbaiki Aktivitas) agar "
            "dapat divalidasi atasan.",
            icon=":material/link_off:",
        )
    st.caption("Terbaru di atas.")
    daftar_bulan(rows, tidak_hadir)
    _ubah(rows)


@st.fragment
def _tambah(periode: list, katalog: list) -> None:
    """A fragment: a change of Tanggal or katalog, and Simpan's own run, redraw the form only; a save then
    reruns the whole page (st.rerun), so the capaian and the month's list show the new row."""
    versi = st.session_state.get("ah_versi", 0)
    prefill = st.session_state.get("ah_prefill", {})
    # Open, not in an expander: the form is what the pegawai comes for, first on a phone's screen.
    st.subheader("Tambah Aktivitas", anchor=False)
    with st.container():
        if not periode:
            st.info(
                "Anda belum memiliki Periode SKP. Buat Periode SKP dan tetapkan SKP terlebih dahulu.",
                icon=":material/calendar_month:",
            )
            return
        kiri, tengah, kanan = st.columns([1, 1.4, 2])
        tanggal = kiri.date_input("Tanggal", value=today, max_value=today, format="DD/MM/YYYY", key="ah_tanggal")
        with session_scope(ctx.engine, readonly=True) as s:
            berjalan = aktivitas_service.periode_pada(s, ctx.actor, tanggal)
            tidak_hadir = aktivitas_service.ketidakhadiran_bulan(
                s, ctx.actor, ctx.actor.pegawai_id, tanggal.year, tanggal.month
            )
        for catatan in tidak_hadir:
            if catatan.mengurangi and catatan.tanggal_mulai <= tanggal <= catatan.tanggal_akhir:
                st.warning(
                    f"Tanggal {fmt.tanggal(tanggal)} tercatat {catatan.jenis.value}; hari itu tidak dihitung sebagai "
                    "hari kerja, jadi aktivitas tidak dapat diisi.",
                    icon=":material/event_busy:",
                )
        default = next((i for i, p in enumerate(periode) if berjalan is not None and p[0] == berjalan.id), 0)
        pilih_periode = tengah.selectbox(
            "Periode",
            periode,
            index=default,
            key=f"ah_periode_{tanggal}",
            format_func=lambda p: f"{fmt.tanggal(p[1])} – {fmt.tanggal(p[2])}",
        )
        kanan.selectbox(
            "Katalog aktivitas (opsional)",
            katalog,
            index=None,
            key="ah_katalog",
            on_change=_pilih_katalog,
            format_func=lambda k: f"{k[1]} ({k[3]} menit)",
            placeholder="Pilih untuk mengisi otomatis",
        )
        with session_scope(ctx.engine, readonly=True) as s:
            pilihan = aktivitas_service.pilihan_skp(s, ctx.actor, pilih_periode[0])
            mulai, selesai = aktivitas_service.slot_berikutnya(s, ctx.actor, tanggal, prefill.get("menit", 60))
            menunggu_penetapan = tertahan.skp_menunggu_penetapan(s, ctx.actor, pilih_periode[0])
        if menunggu_penetapan:
            st.info(
                "Periode ini dibuka karena mutasi dan SKP-nya belum ditetapkan atasan baru. Aktivitas tetap dapat "
                "diisi dengan SKP terkait dari rancangan SKP periode ini; statusnya Menunggu Penetapan SKP dan "
                "dapat divalidasi setelah SKP ditetapkan.",
                icon=":material/hourglass_top:",
            )
        if not pilihan:
            st.warning(
                "SKP periode ini belum ditetapkan atasan; aktivitas harian dapat diisi setelah SKP "
                "Ditetapkan Sebagai SKP.",
                icon=":material/lock:",
            )
        awal = AktivitasInput(
            tanggal,
            None,
            prefill.get("teks", ""),
            1,
            prefill.get("satuan", ""),
            mulai,
            selesai,
            periode_id=pilih_periode[0],
            katalog_id=prefill.get("id"),
        )
        data = form_aktivitas(f"ah_tambah_{versi}", pilihan, awal, "Simpan")
        show_flash("ah_tambah")  # under Simpan, where the pegawai looks
        if data is not None:
            with handle_errors():
                tulis(ctx.engine, lambda s: tengah_malam.tambah(s, ctx.actor, data))  # 22.00–02.00: two (§8.38)
                flash(tengah_malam.pesan_tersimpan(data), "ah_tambah")
                st.session_state.pop("ah_prefill", None)
                st.session_state.pop("ah_katalog", None)
                _bump()
                st.rerun()


def _salin() -> None:
    bagian = lipatan("Salin dari hari sebelumnya", "ah_salin_buka", ":material/content_copy:")
    if bagian is None:
        return
    with bagian:
        st.caption(
            "Menyalin aktivitas tanggal sumber (bawaan: hari kerja sebelumnya; kecuali yang ditolak) ke tanggal "
            "yang dipilih, dengan jam dan SKP terkait yang sama, berstatus Menunggu Validasi. Aktivitas yang "
            "jamnya bertumpang tindih dilewati."
        )
        kiri, tengah, kanan = st.columns([1, 1, 2], vertical_alignment="bottom")
        ke = kiri.date_input("Salin ke tanggal", value=today, max_value=today, format="DD/MM/YYYY", key="ah_salin_ke")
        with session_scope(ctx.engine, readonly=True) as s:
            sebelumnya = salin.hari_kerja_sebelumnya(s, ke) or ke
        dari = tengah.date_input(  # keyed by the target: its default follows the target date
            "Salin dari tanggal", value=sebelumnya, max_value=today, format="DD/MM/YYYY", key=f"ah_salin_dari_{ke}"
        )
        show_flash("ah_salin")
        if kanan.button("Salin dari hari sebelumnya", icon=":material/content_copy:", key="ah_salin"):
            with handle_errors():
                hasil = tulis(ctx.engine, lambda s: salin.salin_hari(s, ctx.actor, dari, ke))
                if hasil.dari is None or hasil.disalin + hasil.dilewati == 0:
                    st.info(f"Tidak ada aktivitas pada {fmt.tanggal(dari)} untuk disalin.", icon=":material/info:")
                else:
                    flash(
                        f"{hasil.disalin} aktivitas {fmt.tanggal(hasil.dari)} disalin ke {fmt.tanggal(ke)}"
                        + (f"; {hasil.dilewati} dilewati karena tumpang tindih." if hasil.dilewati else "."),
                        "ah_salin",
                    )
                    _bump()
                    st.rerun()


def _lupakan_versi() -> None:
    """Another row was picked: its form starts from the version the screen shows now."""
    for key in [k for k in st.session_state if str(k).startswith("ah_dilihat_")]:
        del st.session_state[key]


def _ubah(rows: list) -> None:
    """Edit, delete, or correct and resubmit one row, with optimistic locking: the form keeps the version
    (and status) the row had when the form was first shown, and Simpan / Hapus send that version. If the
    atasan validated or rejected the row, or another tab changed it, meanwhile, the service refuses with
    KonflikData and nothing is overwritten. A row validated meanwhile stays selectable while its form is
    open, so pressing its button shows that message instead of losing the click."""
    show_flash("ah_ubah")  # after the list, where the pegawai was
    bisa = [r for r in rows if aktivitas_service.bisa_diubah(r.status) or f"ah_dilihat_{r.id}" in st.session_state]
    if not bisa:
        return
    bagian = lipatan("Ubah, Hapus atau Perbaiki Aktivitas", "ah_ubah_buka", ":material/edit:")
    if bagian is None:
        return
    with bagian:
        st.caption(
            "Aktivitas Menunggu Validasi dapat diubah atau dihapus; aktivitas Ditolak dapat diperbaiki lalu "
            "dikirim ulang. Aktivitas Tervalidasi terkunci."
        )
        per_id = {r.id: r for r in bisa}
        label = {
            r.id: f"{fmt.tanggal_pendek(r.tanggal)} {r.jam} · {r.aktivitas[:60]} · {r.status_tampil}" for r in bisa
        }
        if "ah_ubah_id" not in st.session_state:
            # The picker was not on screen in the previous run (another page, or no row to change): this is a
            # fresh look at the rows, so versions remembered from an earlier visit no longer apply.
            _lupakan_versi()
        # Options are ids: the label of a row changed elsewhere no longer matches, and Streamlit then falls
        # back to ``index``, which is the row picked last, not the first one.
        terakhir = st.session_state.get("ah_ubah_terakhir")
        pilih = st.selectbox(
            "Pilih aktivitas",
            list(per_id),
            key="ah_ubah_id",
            on_change=_lupakan_versi,
            index=list(per_id).index(terakhir) if terakhir in per_id else 0,
            format_func=label.get,
        )
        st.session_state["ah_ubah_terakhir"] = pilih
        r = per_id[pilih]
        versi_key = f"ah_dilihat_{r.id}"
        dilihat, status_dilihat = st.session_state.setdefault(versi_key, (r.version, r.status))
        if not aktivitas_service.bisa_diubah(r.status):
            st.info(
                "Aktivitas ini sudah divalidasi atasan sejak Anda membukanya dan tidak dapat diubah lagi.",
                icon=":material/lock:",
            )
        if r.alasan_tolak:
            st.warning(f"Ditolak atasan: {esc(r.alasan_tolak)}", icon=":material/report:")
        with session_scope(ctx.engine, readonly=True) as s:
            pilihan = aktivitas_service.pilihan_skp(s, ctx.actor, r.periode_id)
        tombol = "Kirim Ulang" if aktivitas_service.dikirim_ulang(status_dilihat) else "Simpan Perubahan"
        data = form_aktivitas(
            f"ah_ubah_{r.id}_v{dilihat}", pilihan, r.as_input(), tombol, max_tanggal=today, dengan_tanggal=True
        )
        if data is not None:
            jalankan(
                ctx.engine,
                lambda s: aktivitas_service.ubah(s, ctx.actor, r.id, data, version=dilihat),
                "Perbaikan aktivitas dikirim ulang untuk divalidasi."
                if tombol == "Kirim Ulang"
                else "Perubahan aktivitas tersimpan.",
                versi_key,
                tempat="ah_ubah",
            )
        if aktivitas_service.bisa_dihapus(status_dilihat):

            def _hapus() -> None:
                jalankan(
                    ctx.engine,
                    lambda s: aktivitas_service.hapus(s, ctx.actor, r.id, version=dilihat),
                    "Aktivitas dihapus.",
                    versi_key,
                    tempat="ah_ubah",
                )

            confirm(
                f"hapus_aktivitas_{r.id}",
                f"Hapus aktivitas {fmt.tanggal(r.tanggal)} {r.jam}? Tindakan ini tidak dapat dibatalkan.",
                "Hapus Aktivitas",
                _hapus,
            )


#: The atasan's view ("Aktivitas Saya" or "Pilih Bawahan"), kept across reruns: a Validasi, a Tolak or a
#: Simpan leaves the atasan where they were, and only the open tab is drawn.
TAMPILAN = "ah_tampilan"

if ctx.is_atasan:
    tab_saya, tab_bawahan = st.tabs(["Aktivitas Saya", "Pilih Bawahan"], key=TAMPILAN, on_change="rerun")
    if tab_saya.open:
        with tab_saya:
            _aktivitas_saya()
    if tab_bawahan.open:
        with tab_bawahan:
            panel_validasi(ctx, "ah_bawahan")
else:
    _aktivitas_saya()
