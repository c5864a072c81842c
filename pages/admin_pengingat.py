"""Admin BKPSDM — Pengingat (docs/domain.md §8.36): what a chosen pegawai would receive today, the last runs of
``sipijar kirim-pengingat`` with their counts, the failed deliveries, and a test e-mail to the admin's own address.
The SMTP, link and schedule settings live on Pengaturan."""

import streamlit as st

from components.cari_pegawai import cari_pegawai
from components.context import current, require_admin_page
from components.ui import esc, jalankan, show_flash
from db.session import session_scope
from services.pengingat import admin, kanal
from services.pengingat.pesan import JENIS
from services.platform import format as fmt
from services.platform.kalender import hari_ini

ctx = current()
require_admin_page(ctx)
st.title("Pengingat")
st.caption(
    "Pengingat dan digest dikirim oleh perintah `sipijar kirim-pengingat` yang dijalankan terjadwal (systemd timer "
    "atau cron, lihat README). Server SMTP, alamat tautan, jam kerja dan webhook diatur pada halaman Pengaturan."
)
show_flash()

with session_scope(ctx.engine, readonly=True) as s:
    cfg = kanal.konfigurasi(s)
    gagal = admin.gagal(s, ctx.actor)

smtp = f"{cfg.smtp_host}:{cfg.smtp_port} ({cfg.smtp_keamanan})" if cfg.email_aktif else "belum diatur"
st.text(  # settings typed by the admin: shown inert
    f"Server SMTP: {smtp}\nPengirim: {cfg.pengirim_nama} ({cfg.pengirim_alamat})\n"
    f"Alamat tautan: {cfg.alamat_aplikasi}\n"
    f"Webhook: {'diatur' if cfg.webhook_url else 'tidak dipakai'}\n"
    f"Jam kerja pengiriman: {cfg.jam_mulai:02d}.00–{cfg.jam_selesai:02d}.00 WIB pada hari kerja"
)
if st.button("Kirim uji ke e-mail saya", icon=":material/send:", key="pengingat_uji"):
    jalankan(ctx.engine, lambda s: admin.kirim_uji(s, ctx.actor), lambda alamat: f"E-mail uji terkirim ke {alamat}.")


def _cari_penerima(teks: str) -> list[tuple[int, str]]:
    with session_scope(ctx.engine, readonly=True) as s:
        return admin.pilihan_penerima(s, ctx.actor, hari_ini(), teks)


tab_pratinjau, tab_run, tab_gagal = st.tabs(
    ["Pratinjau", "Run terakhir", f"Pengiriman gagal ({len(gagal)})"], key="pengingat_tab", on_change="rerun"
)
if tab_pratinjau.open:
    with tab_pratinjau:
        pegawai_id = cari_pegawai("Penerima", "pengingat_penerima", _cari_penerima)
        tanggal = st.date_input("Tanggal", value=hari_ini(), format="DD/MM/YYYY", key="pengingat_tanggal")
        with session_scope(ctx.engine, readonly=True) as s:
            pratinjau = admin.pratinjau(s, ctx.actor, pegawai_id, tanggal) if pegawai_id else []
        if pegawai_id is None:
            st.info(
                "Cari penerima dengan NIP atau namanya untuk melihat pengingat yang akan ia terima.",
                icon=":material/search:",
            )
        elif not pratinjau:
            st.info("Tidak ada pengingat untuk pegawai ini pada tanggal tersebut.", icon=":material/notifications_off:")
        for p in pratinjau:
            with st.container(border=True):
                st.markdown(f"**{esc(p.pesan.judul)}** · {esc(JENIS[p.pesan.jenis])}")
                st.text(p.polos)
if tab_run.open:
    with tab_run:
        with session_scope(ctx.engine, readonly=True) as s:
            runs = admin.run_terakhir(s, ctx.actor)
        if not runs:
            st.info("Belum ada run pengingat.", icon=":material/history:")
        else:
            st.dataframe(
                [
                    {
                        "Mulai": fmt.waktu(r.mulai),
                        "Selesai": fmt.waktu(r.selesai) if r.selesai else "belum selesai",
                        "Uji coba": "ya" if r.dry_run else "",
                        "Terkirim": r.terkirim,
                        "Gagal": r.gagal,
                        "Dilewati": r.dilewati,
                        "Oleh": r.oleh,
                    }
                    for r in runs
                ],
                hide_index=True,
                width="stretch",
            )
if tab_gagal.open:
    with tab_gagal:
        if not gagal:
            st.success("Tidak ada pengiriman yang gagal.", icon=":material/task_alt:")
        else:
            st.dataframe(
                [
                    {
                        "Penerima": f"{g.nama} — NIP {g.nip}",
                        "Kanal": g.kanal,
                        "Judul": g.judul,
                        "Percobaan": g.percobaan,
                        "Coba lagi": fmt.waktu(g.coba_lagi) if g.coba_lagi else "dihentikan",
                        "Galat": g.galat,
                    }
                    for g in gagal
                ],
                hide_index=True,
                width="stretch",
            )
