"""Admin BKPSDM — Ketidakhadiran: cuti, sakit, dinas luar, tugas belajar and izin per pegawai and date range
(docs/domain.md §8.25): the list by month, unit kerja and pegawai; add, change and delete (after a
confirmation); and the import from CSV/XLSX, all or nothing."""

import streamlit as st

from components.cari_pegawai import cari_pegawai
from components.context import current, require_admin_page
from components.ui import confirm, handle_errors, impor_ditolak, jalankan, lipatan, show_flash, tulis
from components.unggah import pilih_berkas
from db.enums import JenisKetidakhadiran
from db.session import session_scope
from services.organisasi import ketidakhadiran, ketidakhadiran_daftar, ketidakhadiran_impor, struktur
from services.organisasi.import_berkas import ImportDitolak
from services.organisasi.ketidakhadiran import KetidakhadiranInput
from services.platform import format as fmt
from services.platform.kalender import hari_ini

ctx = current()
require_admin_page(ctx)  # the menu hides this page; a non-admin who gets here sees a refusal
st.title("Ketidakhadiran")
show_flash()
today = hari_ini()

with session_scope(ctx.engine, readonly=True) as s:
    units = [(u.id, u.nama) for u in struktur.unit_terlihat(s, ctx.actor)]
    mengurangi = sorted(j.value for j in ketidakhadiran.jenis_mengurangi(s))
st.caption(
    "Hari ketidakhadiran berjenis "
    + (", ".join(mengurangi) if mengurangi else "(tidak ada)")
    + " tidak dihitung sebagai hari kerja pegawai, sehingga menit efektifnya berkurang; jenis lain hanya "
    "ditandai. Pengaturan jenisnya ada di halaman Pengaturan."
)
tab_daftar, tab_impor = st.tabs(["Daftar Ketidakhadiran", "Impor Berkas"], key="kh_tab", on_change="rerun")


def _bulan_pilihan() -> list[tuple[int, int]]:
    """Two months ahead (a planned cuti) down to a year back, newest first."""
    tahun, bulan = (today.year, today.month + 2) if today.month <= 10 else (today.year + 1, today.month - 10)
    pilihan = []
    for _ in range(15):
        pilihan.append((tahun, bulan))
        tahun, bulan = (tahun - 1, 12) if bulan == 1 else (tahun, bulan - 1)
    return pilihan


def _pilih_pegawai(tempat, pegawai: list, key: str, placeholder: str) -> int | None:
    """A pegawai picker (name and NIP); the id picked, or None."""
    pilih = tempat.selectbox(
        "Pegawai", pegawai, index=None, placeholder=placeholder, format_func=lambda p: f"{p[2]} ({p[1]})", key=key
    )
    return pilih[0] if pilih else None


def _pegawai(unit: tuple[int, str] | None) -> list[tuple[int, str, str]]:
    """The active pegawai of ``unit`` (all when None) for the Tambah form's picker."""
    with session_scope(ctx.engine, readonly=True) as s:
        return ketidakhadiran_daftar.pegawai_pilihan(s, ctx.actor, unit[0] if unit else None)


def _cari(unit: tuple[int, str] | None, teks: str) -> list[tuple[int, str]]:
    """The list filter's search: matching pegawai of ``unit`` (all when None), 20 at most."""
    with session_scope(ctx.engine, readonly=True) as s:
        rows = ketidakhadiran_daftar.pegawai_pilihan(s, ctx.actor, unit[0] if unit else None, cari=teks, batas=20)
    return [(pid, f"{nama} ({nip})") for pid, nip, nama in rows]


def _form(
    key: str, pegawai: list, awal: ketidakhadiran_daftar.BarisKetidakhadiran | None
) -> KetidakhadiranInput | None:
    """The fields of one record; the input once submitted. An existing record keeps its pegawai."""
    with st.form(key, enter_to_submit=False):
        if awal is None:
            pegawai_id = _pilih_pegawai(st, pegawai, f"{key}_pegawai", "Pilih pegawai")
        else:
            st.text(f"Pegawai: {awal.nama} ({awal.nip})")
            pegawai_id = awal.pegawai_id
        jenis_semua = list(JenisKetidakhadiran)
        jenis = st.selectbox(
            "Jenis",
            jenis_semua,
            index=jenis_semua.index(awal.jenis) if awal else 0,
            format_func=lambda j: j.value,
            key=f"{key}_jenis",
        )
        kiri, kanan = st.columns(2)
        mulai = kiri.date_input(
            "Tanggal mulai", value=awal.tanggal_mulai if awal else None, format="DD/MM/YYYY", key=f"{key}_mulai"
        )
        akhir = kanan.date_input(
            "Tanggal akhir", value=awal.tanggal_akhir if awal else None, format="DD/MM/YYYY", key=f"{key}_akhir"
        )
        keterangan = st.text_input(
            "Keterangan (opsional)", value=(awal.keterangan or "") if awal else "", max_chars=300, key=f"{key}_ket"
        )
        kirim = st.form_submit_button("Simpan Perubahan" if awal else "Simpan", type="primary", icon=":material/save:")
    return KetidakhadiranInput(pegawai_id, jenis, mulai, akhir, keterangan) if kirim else None


if tab_daftar.open:
    with tab_daftar:
        kiri, tengah, kanan = st.columns(3)
        pilihan_bulan = _bulan_pilihan()
        tahun, bulan = kiri.selectbox(
            "Bulan",
            pilihan_bulan,
            index=pilihan_bulan.index((today.year, today.month)),
            format_func=lambda tb: fmt.bulan_tahun(*tb),
            key="kh_bulan",
        )
        unit = tengah.selectbox(
            "Unit kerja", units, index=None, placeholder="Semua unit kerja", format_func=lambda u: u[1], key="kh_unit"
        )
        orang = cari_pegawai("Pegawai (kosongkan: semua)", "kh_pegawai", lambda teks: _cari(unit, teks), kanan)
        with session_scope(ctx.engine, readonly=True) as s:
            rows = ketidakhadiran_daftar.daftar(
                s,
                ctx.actor,
                tahun=tahun,
                bulan=bulan,
                unit_id=unit[0] if unit else None,
                pegawai_id=orang,
            )
        if rows:
            st.dataframe(
                [
                    {
                        "NIP": r.nip,
                        "Nama": r.nama,
                        "Unit Kerja": r.unit_kerja,
                        "Jenis": r.jenis.value,
                        "Tanggal": r.rentang,
                        "Hari Kerja": "Dikurangi" if r.mengurangi else "Tetap",
                        "Keterangan": r.keterangan or "",
                    }
                    for r in rows
                ],
                hide_index=True,
                width="stretch",
            )
        else:
            st.info(
                f"Belum ada ketidakhadiran tercatat pada {fmt.bulan_tahun(tahun, bulan)}.", icon=":material/event_note:"
            )

        # Built only while open: for an admin the pegawai picker holds the whole regency (10,000 names).
        tambah = lipatan("Tambah Ketidakhadiran", "kh_tambah_buka", ":material/add:")
        if tambah is not None:
            with tambah:
                data = _form("kh_tambah", _pegawai(unit), None)
                if data is not None:
                    jalankan(
                        ctx.engine,
                        lambda s: ketidakhadiran.tambah(s, ctx.actor, data),
                        lambda baru: (
                            f"{baru.jenis.value} {fmt.rentang(baru.tanggal_mulai, baru.tanggal_akhir)} tercatat."
                        ),
                    )

        ubah = lipatan("Ubah atau Hapus Ketidakhadiran", "kh_ubah_buka", ":material/edit:") if rows else None
        if ubah is not None:
            with ubah:
                per_id = {r.id: r for r in rows}
                pilih = st.selectbox(
                    "Catatan",
                    list(per_id),
                    format_func=lambda i: f"{per_id[i].nama} · {per_id[i].jenis.value} · {per_id[i].rentang}",
                    key="kh_ubah_id",
                )
                r = per_id[pilih]
                versi_key = f"kh_dilihat_{r.id}"
                dilihat = st.session_state.setdefault(versi_key, r.version)
                data = _form(f"kh_ubah_{r.id}_v{dilihat}", [], r)  # the record keeps its pegawai
                if data is not None:
                    jalankan(
                        ctx.engine,
                        lambda s: ketidakhadiran.ubah(s, ctx.actor, r.id, data, version=dilihat),
                        "Perubahan ketidakhadiran tersimpan.",
                        versi_key,
                    )
                confirm(
                    f"hapus_kh_{r.id}",
                    f"Hapus {r.jenis.value} {r.nama} {r.rentang}? Hari-hari itu kembali dihitung sebagai hari kerja.",
                    "Hapus Ketidakhadiran",
                    lambda: jalankan(
                        ctx.engine,
                        lambda s: ketidakhadiran.hapus(s, ctx.actor, r.id, version=dilihat),
                        "Catatan ketidakhadiran dihapus.",
                        versi_key,
                    ),
                )

if tab_impor.open:
    with tab_impor:
        st.caption(
            "Kolom wajib: nip, jenis, tanggal_mulai, tanggal_akhir; opsional: keterangan. Jenis: "
            + ", ".join(JenisKetidakhadiran.values())
            + ". Tanggal seperti 2026-03-10 atau 10/03/2026. Satu baris salah membatalkan seluruh impor; baris yang "
            "sama persis dengan catatan yang ada dilewati."
        )
        berkas = pilih_berkas(
            "Berkas ketidakhadiran (CSV atau XLSX)",
            ["csv", "xlsx"],
            key="kh_berkas",
            batas=ketidakhadiran_impor.BATAS_BYTES,
        )
        if st.button("Impor Ketidakhadiran", type="primary", disabled=berkas is None, key="kh_impor"):
            with handle_errors():
                try:
                    hasil = tulis(
                        ctx.engine,
                        lambda session: ketidakhadiran_impor.impor_berkas(
                            session, ctx.actor, berkas.getvalue(), berkas.name
                        ),
                    )
                except ImportDitolak as ditolak:
                    impor_ditolak(ditolak.kesalahan)
                else:
                    st.success(
                        f"Impor selesai: {hasil.dibuat} catatan baru, {hasil.sudah_ada} sudah ada.",
                        icon=":material/task_alt:",
                    )
