"""Admin BKPSDM — Pegawai dan Akun: import pegawai (CSV/XLSX, all-or-nothing), a pegawai's TPP pokok history
and "Ubah TPP Pokok" (one pegawai, or every pegawai of a jabatan after a preview), unlock an account, set a
temporary password, mark a Kepala Daerah or Wakil, set the status kepegawaian and mark a pegawai nonaktif (or
back), decide the requests for a penilai outside the rule."""

import streamlit as st

from components import kepala_daerah_admin, permintaan_penilai, status_pegawai
from components.context import current, require_admin_page
from components.ui import confirm, esc, handle_errors, impor_ditolak, jalankan, show_flash, tugas, tulis
from components.unggah import pilih_berkas
from db.session import session_scope
from services.organisasi import import_pegawai, struktur, tpp_pokok
from services.platform import auth
from services.platform import format as fmt
from services.platform.kalender import hari_ini

ctx = current()
require_admin_page(ctx)
st.title("Pegawai dan Akun")
show_flash()
tab_impor, tab_tpp, tab_akun, tab_status, tab_penilai = st.tabs(
    ["Impor Pegawai", "TPP Pokok", "Akun Pegawai", "Status Kepegawaian", "Permintaan Penilai"],
    key="peg_tab",
    on_change="rerun",
)

if tab_impor.open:
    with tab_impor:
        st.caption(
            "Kolom wajib: nip, nama, jabatan, jenis_jabatan, unit_kerja. Opsional: nip_atasan, unit_induk, "
            "pangkat_golongan, email, pimpinan_unit_kerja_mandiri, tpp_pokok, tpp_pokok_berlaku_mulai, peran, "
            "password, kepala_daerah (ya/tidak). Satu baris salah membatalkan seluruh impor. Impor ulang "
            "memperbarui data menurut NIP; "
            "perubahan jabatan, unit atau atasan dicatat sebagai mutasi. TPP pokok yang berubah berlaku mulai "
            "tanggal di kolom tpp_pokok_berlaku_mulai (2026-07-01 atau 01-07-2026), atau tanggal efektif mutasi "
            "bila kosong; pegawai baru: sejak awal."
        )
        st.caption(
            "Status (opsional): status (aktif, pensiun, berhenti, meninggal, cltn, diberhentikan sementara) dengan "
            "tanggal_berhenti = hari pertama tidak bertugas; status_kepegawaian (PNS, CPNS, PPPK, PPPK Paruh Waktu) "
            "dengan perjanjian_mulai dan perjanjian_akhir untuk PPPK."
        )
        berkas = pilih_berkas("Berkas pegawai (CSV atau XLSX)", ["csv", "xlsx"], key="berkas_impor")
        efektif = st.date_input("Tanggal efektif mutasi", value=hari_ini(), format="DD/MM/YYYY")
        if st.button("Impor", type="primary", disabled=berkas is None):
            with handle_errors():  # an unreadable file, a bomb or a busy database: a message, not the error page
                try:
                    hasil = tugas(
                        lambda: import_pegawai.impor(ctx.engine, ctx.actor, berkas.getvalue(), berkas.name, efektif)
                    )
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
                            lambda: import_pegawai.kredensial_csv(hasil.kredensial).encode("utf-8-sig"),
                            on_click="ignore",  # a rerun would drop the import's result and this button
                            file_name=f"password-awal-{hari_ini():%Y%m%d}.csv",
                            mime="text/csv",
                        )

if tab_tpp.open:
    with tab_tpp:
        st.caption(
            "TPP pokok berlaku mulai tanggal tertentu. Bulan sebelum tanggal itu tidak berubah; bulan yang "
            "terbelah dihitung prorata menurut hari kerja tiap bagian. Bulan yang sudah ditutup tidak berubah."
        )
        nip_tpp = st.text_input("NIP pegawai", max_chars=18, key="tpp_nip").strip()
        data = None
        if len(nip_tpp) == 18:
            with handle_errors(), session_scope(ctx.engine, readonly=True) as s:
                data = tpp_pokok.riwayat(s, ctx.actor, nip_tpp, hari_ini())
        if data is not None:
            st.text(f"{data.nama} — {data.jabatan}, {data.unit_kerja}")
            st.metric("TPP pokok hari ini", fmt.rupiah(data.tpp_pokok_hari_ini))
            st.dataframe(
                [
                    {
                        "Berlaku Mulai": fmt.tanggal(r.berlaku_mulai),
                        "TPP Pokok": fmt.rupiah(r.jumlah),
                        "Sumber": r.sumber,
                        "Keterangan": r.keterangan or "",
                    }
                    for r in data.riwayat
                ],
                hide_index=True,
                width="stretch",
            )
            with st.form("tpp_ubah", enter_to_submit=False):
                st.markdown("**Ubah TPP Pokok**")
                jumlah = st.number_input(
                    "TPP pokok baru (Rp)", min_value=0, max_value=tpp_pokok.MAKS_JUMLAH, step=50_000, key="tpp_jumlah"
                )
                mulai = st.date_input("Berlaku mulai", value=hari_ini(), format="DD/MM/YYYY", key="tpp_mulai")
                keterangan = st.text_input("Keterangan", max_chars=300, key="tpp_keterangan")
                ubah = st.form_submit_button("Ubah TPP Pokok", type="primary")
            if ubah:
                pegawai_id, nama = data.pegawai_id, data.nama
                jalankan(
                    ctx.engine,
                    lambda s: tpp_pokok.ubah(s, ctx.actor, pegawai_id, int(jumlah), mulai, keterangan),
                    f"TPP pokok {nama} menjadi {fmt.rupiah(int(jumlah))} mulai {fmt.tanggal(mulai)}.",
                )

        st.divider()
        st.markdown("**Ubah TPP Pokok per Jabatan**")
        with session_scope(ctx.engine, readonly=True) as s:
            units = [(u.id, u.nama) for u in struktur.unit_terlihat(s, ctx.actor)]
        jabatan = st.text_input("Nama jabatan (persis)", max_chars=300, key="massal_jabatan")
        unit = st.selectbox(
            "Di unit kerja (beserta unit di bawahnya)",
            [None, *units],
            key="massal_unit",
            format_func=lambda u: "Semua unit kerja" if u is None else u[1],
        )
        jumlah_massal = st.number_input(
            "TPP pokok baru (Rp)", min_value=0, max_value=tpp_pokok.MAKS_JUMLAH, step=50_000, key="massal_jumlah"
        )
        mulai_massal = st.date_input("Berlaku mulai", value=hari_ini(), format="DD/MM/YYYY", key="massal_mulai")
        keterangan_massal = st.text_input("Keterangan", max_chars=300, key="massal_keterangan")
        unit_id = unit[0] if unit else None
        if st.button("Pratinjau", key="massal_pratinjau", disabled=not jabatan.strip()):
            with handle_errors(), session_scope(ctx.engine, readonly=True) as s:
                st.session_state["massal_pratinjau_hasil"] = tpp_pokok.pratinjau_massal(s, ctx.actor, jabatan, unit_id)
        pratinjau = st.session_state.get("massal_pratinjau_hasil")
        if pratinjau is not None and (pratinjau.jabatan, pratinjau.unit) == (
            " ".join(jabatan.split()),
            unit[1] if unit else None,
        ):
            contoh = ", ".join(pratinjau.contoh) + (", …" if pratinjau.jumlah_pegawai > len(pratinjau.contoh) else "")
            st.text(f"{pratinjau.jumlah_pegawai} pegawai aktif dengan jabatan ini: {contoh}")
            if pratinjau.jumlah_pegawai:

                def _ubah_massal() -> None:
                    st.session_state.pop("massal_pratinjau_hasil", None)  # a new preview before the next change
                    jalankan(
                        ctx.engine,
                        lambda s: tpp_pokok.ubah_massal(
                            s,
                            ctx.actor,
                            pratinjau.jabatan,
                            unit_id,
                            int(jumlah_massal),
                            mulai_massal,
                            pratinjau.jumlah_pegawai,
                            keterangan_massal,
                        ),
                        lambda h: f"TPP pokok {h.diubah} pegawai diubah; {h.tidak_berubah} sudah bernilai sama.",
                    )

                confirm(
                    "tpp_massal",
                    f"Ubah TPP pokok {pratinjau.jumlah_pegawai} pegawai dengan jabatan {pratinjau.jabatan} menjadi "
                    f"{fmt.rupiah(int(jumlah_massal))} mulai {fmt.tanggal(mulai_massal)}?",
                    "Ubah TPP Pokok Semua",
                    _ubah_massal,
                )

if tab_akun.open:
    with tab_akun:
        nip = st.text_input("NIP pegawai", max_chars=18, key="akun_nip").strip()
        kiri, kanan = st.columns(2)
        with kiri:
            if st.button("Buka Kunci Akun", disabled=len(nip) != 18):
                with handle_errors():
                    tulis(ctx.engine, lambda session: auth.buka_kunci(session, ctx.actor, nip))
                    st.success(esc(f"Akun {nip} dapat login kembali."), icon=":material/task_alt:")
        with kanan:

            def _atur_password() -> None:
                with handle_errors():
                    sementara = auth.buat_password()
                    tulis(
                        ctx.engine,
                        lambda session: auth.setel_password(session, ctx.actor, nip, sementara, must_change=True),
                    )
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

        st.divider()
        kepala_daerah_admin.tampilkan(ctx, nip)

if tab_status.open:
    with tab_status:
        status_pegawai.tampilkan(ctx)

if tab_penilai.open:
    with tab_penilai:
        permintaan_penilai.tampilkan(ctx)
