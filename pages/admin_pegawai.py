"""Admin BKPSDM — Pegawai dan Akun: import pegawai (CSV/XLSX, all-or-nothing), unlock an account,
set a temporary password."""

import streamlit as st

from components.context import current, require_admin_page
from components.ui import confirm, handle_errors, impor_ditolak
from db.session import session_scope
from services.organisasi import import_pegawai
from services.platform import auth
from services.platform.kalender import hari_ini

ctx = current()
require_admin_page(ctx)
st.title("Pegawai dan Akun")
tab_impor, tab_akun = st.tabs(["Impor Pegawai", "Akun Pegawai"])

with tab_impor:
    st.caption(
        "Kolom wajib: nip, nama, jabatan, jenis_jabatan, unit_kerja. Opsional: nip_atasan, unit_induk, "
        "pangkat_golongan, email, pimpinan_unit_kerja_mandiri, tpp_pokok, peran, password. "
        "Satu baris salah membatalkan seluruh impor. Impor ulang memperbarui data menurut NIP; "
        "perubahan jabatan, unit atau atasan dicatat sebagai mutasi."
    )
    berkas = st.file_uploader("Berkas pegawai (CSV atau XLSX)", type=["csv", "xlsx"], key="berkas_impor")
    efektif = st.date_input("Tanggal efektif mutasi", value=hari_ini(), format="DD/MM/YYYY")
    if st.button("Impor", type="primary", disabled=berkas is None):
        try:
            with session_scope(ctx.engine) as session:
                hasil = import_pegawai.import_file(session, ctx.actor, berkas.getvalue(), berkas.name, efektif)
        except import_pegawai.ImportDitolak as ditolak:
            impor_ditolak(ditolak.kesalahan)
        else:
            st.success(
                f"Impor selesai: {hasil.dibuat} pegawai baru, {hasil.diperbarui} diperbarui "
                f"({hasil.mutasi} mutasi), {hasil.tidak_berubah} tidak berubah.",
                icon=":material/task_alt:",
            )
            if hasil.kredensial:
                st.warning(
                    "Password awal hanya ditampilkan sekali. Unduh sekarang dan serahkan kepada "
                    "masing-masing pegawai; mereka wajib menggantinya saat login pertama.",
                    icon=":material/key:",
                )
                st.download_button(
                    "Unduh Password Awal (CSV)",
                    import_pegawai.kredensial_csv(hasil.kredensial).encode("utf-8-sig"),
                    file_name=f"password-awal-{hari_ini():%Y%m%d}.csv",
                    mime="text/csv",
                )

with tab_akun:
    nip = st.text_input("NIP pegawai", max_chars=18, key="akun_nip").strip()
    kiri, kanan = st.columns(2)
    with kiri:
        if st.button("Buka Kunci Akun", disabled=len(nip) != 18):
            with handle_errors():
                with session_scope(ctx.engine) as session:
                    auth.buka_kunci(session, ctx.actor, nip)
                st.success(f"Akun {nip} dapat login kembali.", icon=":material/task_alt:")
    with kanan:

        def _atur_password() -> None:
            with handle_errors():
                sementara = auth.buat_password()
                with session_scope(ctx.engine) as session:
                    auth.setel_password(session, ctx.actor, nip, sementara, must_change=True)
                st.success(
                    "Password sementara dibuat. Sampaikan kepada pegawai; ia wajib menggantinya saat login.",
                    icon=":material/task_alt:",
                )
                st.code(sementara, language=None)

        if len(nip) == 18:
            confirm(
                "atur_password",
                f"Atur password sementara untuk NIP {nip}? Semua sesi login pegawai ini akan berakhir.",
                "Atur Password Sementara",
                _atur_password,
            )
