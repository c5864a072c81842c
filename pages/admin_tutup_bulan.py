"""Admin BKPSDM — Tutup Bulan: after the closing day, freeze a month's capaian and TPP for every pegawai; reopen
it with a reason; compare versions (selisih per pegawai); download the bendahara's Daftar TPP per OPD.

The Daftar of a closed version never changes, so it is cached per version: a download click does not read the
snapshot of a regency again."""

import streamlit as st

from components.capaian import pilih_bulan
from components.context import current, require_admin_page
from components.ui import confirm, flash, handle_errors, jalankan, show_flash, tugas
from db.session import session_scope
from services.aktivitas import daftar_tpp, tutup_bulan
from services.platform import format as fmt
from services.platform.access import Actor


@st.cache_resource(max_entries=8, ttl=3600, show_spinner=False)
def _daftar(_engine, url: str, actor: Actor, tahun: int, bulan: int, tutup_id: int) -> daftar_tpp.DaftarTpp:
    with session_scope(_engine, readonly=True) as s:
        return daftar_tpp.daftar(s, actor, tahun, bulan)


def _selisih(nilai: int) -> str:
    return f"+{fmt.rupiah(nilai)}" if nilai > 0 else fmt.rupiah(nilai)


ctx = current()
require_admin_page(ctx)  # the menu hides this page; a non-admin who gets here sees a refusal
st.title("Tutup Bulan")
st.caption(
    "Tutup Bulan membekukan capaian aktivitas dan TPP produktivitas seluruh pegawai untuk satu bulan. Rekap TPP, "
    "Cetak, Dasbor dan Daftar TPP bulan itu selalu menampilkan angka yang dibekukan, apa pun perubahan sesudahnya."
)
show_flash()
tahun, bulan = pilih_bulan("tutup_bulan_bulan")
nama_bulan = fmt.bulan_tahun(tahun, bulan)

status = None
with handle_errors(), session_scope(ctx.engine, readonly=True) as s:
    status = tutup_bulan.status(s, ctx.actor, tahun, bulan)
if status is None:
    st.stop()

if status.peringatan_kalender:
    st.warning(
        f"{status.peringatan_kalender}: hari libur dan cuti bersama yang menentukan hari kerja belum diperiksa "
        "Admin BKPSDM (Data Referensi).",
        icon=":material/event_busy:",
    )
if status.penutupan is not None:
    st.success(f"{status.penutupan.keterangan} (versi {status.penutupan.versi}).", icon=":material/lock:")
else:
    st.info(f"Bulan {nama_bulan} belum ditutup.", icon=":material/lock_open:")
    if status.alasan_tidak_boleh:
        st.caption(status.alasan_tidak_boleh)


def _tutup() -> None:
    with handle_errors():
        hasil = tugas(lambda: tutup_bulan.tutup(ctx.engine, ctx.actor, tahun, bulan))
        flash(f"Bulan {nama_bulan} ditutup (versi {hasil.versi}); Daftar TPP per OPD siap diunduh.")
        st.rerun()


if status.boleh_tutup:
    confirm(
        "tutup_bulan",
        f"Tutup bulan {nama_bulan}? Capaian dan TPP seluruh pegawai dibekukan; entri dan validasi aktivitas bulan "
        "ini tidak dapat diubah (juga melalui Buka Bulan) sampai Tutup Bulan dibuka kembali.",
        "Tutup Bulan",
        _tutup,
    )

if status.penutupan is not None:
    st.subheader("Daftar TPP per OPD")
    data = None
    with handle_errors():
        data = _daftar(ctx.engine, str(ctx.engine.url), ctx.actor, tahun, bulan, status.penutupan.id)
    if data is not None:
        st.caption(
            f"{len(data.opd)} OPD, jumlah TPP produktivitas {fmt.rupiah(data.total_tpp_produktivitas)} "
            "(sama dengan Rekap TPP bulan ini)."
        )
        pilih, unduh_pdf, unduh_xlsx = st.columns([2, 1, 1], vertical_alignment="bottom")
        nama_opd = [o.unit_induk for o in data.opd]
        indeks = pilih.selectbox(
            "Unit induk/OPD", range(len(nama_opd)), format_func=lambda i: nama_opd[i], key="tutup_bulan_opd"
        )
        if indeks is not None:
            opd = data.opd[indeks]
            unduh_pdf.download_button(
                "Unduh PDF OPD",
                data=lambda: daftar_tpp.pdf_bytes(data, opd),
                on_click="ignore",
                icon=":material/download:",
                file_name=daftar_tpp.nama_berkas_pdf(data, opd),
                mime="application/pdf",
                key="tutup_bulan_pdf",
            )
        unduh_xlsx.download_button(
            "Unduh XLSX semua OPD",
            data=lambda: daftar_tpp.xlsx_bytes(data),
            on_click="ignore",
            icon=":material/download:",
            file_name=daftar_tpp.nama_berkas_xlsx(data),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="tutup_bulan_xlsx",
        )

    st.subheader("Buka Tutup Bulan")
    with st.form("buka_tutup_bulan", enter_to_submit=False):
        alasan = st.text_area(
            "Alasan membuka",
            max_chars=1000,
            key="tutup_bulan_alasan",
            placeholder="Koreksi validasi aktivitas yang terlambat",
        )
        st.caption(
            "Angka versi ini tetap tersimpan untuk perbandingan. Setelah dibuka, entri aktivitas mengikuti batas "
            "entri dan Buka Bulan seperti biasa; tutup kembali untuk membuat versi berikutnya."
        )
        if st.form_submit_button("Buka Tutup Bulan", icon=":material/lock_open:"):
            jalankan(
                ctx.engine,
                lambda s: tutup_bulan.buka(s, ctx.actor, tahun, bulan, alasan),
                f"Tutup Bulan {nama_bulan} dibuka kembali.",
            )

if status.versi:
    st.subheader("Versi")
    st.dataframe(
        [
            {
                "Versi": v.versi,
                "Ditutup pada": f"{fmt.waktu(v.ditutup_pada)} WIB",
                "Ditutup oleh": v.ditutup_oleh,
                "Dibuka pada": f"{fmt.waktu(v.dibuka_pada)} WIB" if v.dibuka_pada else "-",
                "Dibuka oleh": v.dibuka_oleh or "-",
                "Alasan dibuka": v.alasan_buka or "-",
            }
            for v in status.versi
        ],
        hide_index=True,
        width="stretch",
    )
if len(status.versi) > 1:
    baru, lama = status.versi[0].versi, status.versi[1].versi
    st.subheader(f"Selisih versi {baru} terhadap versi {lama}")
    if status.selisih:
        st.caption(f"{len(status.selisih)} pegawai dengan TPP produktivitas berbeda.")
        st.dataframe(
            [
                {
                    "NIP": x.nip,
                    "Nama": x.nama,
                    "Unit Induk/OPD": x.unit_induk,
                    f"TPP Versi {lama}": fmt.rupiah(x.tpp_sebelumnya),
                    f"TPP Versi {baru}": fmt.rupiah(x.tpp_sekarang),
                    "Selisih": _selisih(x.selisih),
                }
                for x in status.selisih
            ],
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption("Tidak ada selisih TPP produktivitas antara kedua versi.")
