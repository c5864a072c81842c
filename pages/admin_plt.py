"""Admin BKPSDM — Plt dan Plh (docs/domain.md §8.30): the assignments (in force and ahead, or ended and revoked),
a new one (the Plt/Plh by NIP or name, the post by its definitive pejabat or by unit, the dates, the SK), and
Cabut after a confirmation. Every rule and refusal is the service's (services/organisasi/plt.py)."""

import streamlit as st

from components.context import current, require_admin_page
from components.ui import confirm, jalankan, show_flash
from db.enums import JenisPenugasan
from db.session import session_scope
from services.organisasi import plt, struktur
from services.organisasi.plt import PenugasanInput

ctx = current()
require_admin_page(ctx)  # the menu hides this page; a non-admin who gets here sees a refusal
st.title("Plt dan Plh")
show_flash()
st.caption(
    "Selama rentang SK, Plt/Plh memegang hak pejabat penilai atas bawahan jabatan yang diwakili (validasi "
    "aktivitas, penetapan SKP, umpan balik, evaluasi); pejabat definitif tetap memegang haknya. Plt/Plh tidak "
    "pernah menilai SKP atau aktivitasnya sendiri."
)

FILTER = {plt.BERJALAN: "Berlaku dan akan datang", plt.SELESAI: "Selesai dan dicabut", "semua": "Semua"}
pilih = st.radio("Tampilkan", list(FILTER), format_func=FILTER.get, horizontal=True, key="plt_filter")
with session_scope(ctx.engine, readonly=True) as s:
    rows = plt.daftar(s, ctx.actor, pilih)
if rows:
    st.dataframe(
        [
            {
                "Jenis": r.jenis,
                "NIP": r.nip,
                "Nama": r.nama,
                "Jabatan yang Diwakili": r.jabatan_diwakili,
                "Pejabat / Unit": r.mewakili,
                "Tanggal": r.rentang,
                "Nomor SK": r.nomor_sk,
                "Status": r.status,
            }
            for r in rows
        ],
        hide_index=True,
        width="stretch",
    )
else:
    st.info("Tidak ada penugasan Plt/Plh pada daftar ini.", icon=":material/badge:")


def _cari(label: str, key: str, aktif_saja: bool) -> int | None:
    """A search box and the pegawai it finds; the id chosen, or None."""
    teks = st.text_input(f"{label} — cari nama atau NIP (minimal 3 karakter)", key=f"{key}_cari")
    with session_scope(ctx.engine, readonly=True) as s:
        hasil = {
            p.id: f"{p.nama} — {p.jabatan} ({p.nip})" + ("" if p.aktif else " · nonaktif")
            for p in plt.cari_pegawai(s, ctx.actor, teks, aktif_saja)
        }
    if teks and not hasil:
        st.caption("Tidak ada pegawai yang cocok.")
    return st.selectbox(label, list(hasil), format_func=hasil.get, key=key) if hasil else None


with st.expander("Tambah Plt/Plh", icon=":material/add:"):
    pegawai_id = _cari("Pegawai Plt/Plh", "plt_pegawai", aktif_saja=True)
    jenis = st.selectbox("Jenis", list(JenisPenugasan), format_func=lambda j: j.value, key="plt_jenis")
    per_unit = st.radio(
        "Jabatan yang diwakili",
        [False, True],
        format_func=lambda u: "Kepala sebuah unit kerja" if u else "Jabatan seorang pejabat definitif",
        horizontal=True,
        key="plt_per_unit",
    )
    pejabat_id = unit_id = None
    if per_unit:
        with session_scope(ctx.engine, readonly=True) as s:
            units = {u.id: u.nama for u in struktur.unit_terlihat(s, ctx.actor)}
        unit_id = st.selectbox("Unit kerja", list(units), format_func=units.get, index=None, key="plt_unit")
    else:
        pejabat_id = _cari("Pejabat definitif", "plt_pejabat", aktif_saja=False)
    kiri, kanan = st.columns(2)
    mulai = kiri.date_input("Tanggal mulai", value=None, format="DD/MM/YYYY", key="plt_mulai")
    akhir = kanan.date_input("Tanggal akhir", value=None, format="DD/MM/YYYY", key="plt_akhir")
    nomor_sk = st.text_input("Nomor SK", max_chars=plt.NOMOR_SK_MAX, key="plt_sk")
    if st.button("Simpan Penugasan", type="primary", icon=":material/save:", key="plt_simpan"):
        data = PenugasanInput(pegawai_id, jenis, pejabat_id, unit_id, mulai, akhir, nomor_sk)
        jalankan(
            ctx.engine,
            lambda s: plt.tambah(s, ctx.actor, data),
            lambda baru: f"{baru.jenis.value} tercatat dengan SK {baru.nomor_sk}.",
        )

aktif = {r.id: r for r in rows if r.status != "Dicabut"}
if aktif:
    with st.expander("Cabut Penugasan", icon=":material/block:"):
        pid = st.selectbox(
            "Penugasan",
            list(aktif),
            format_func=lambda i: aktif[i].label,
            key="plt_cabut_id",
        )
        r = aktif[pid]
        confirm(
            f"cabut_plt_{r.id}",
            f"Cabut {r.jenis} {r.nama} ({r.jabatan_diwakili}, {r.rentang}, SK {r.nomor_sk})? Haknya berakhir "
            "seketika; tindakan yang sudah dilakukan tetap tercatat.",
            "Cabut Penugasan",
            lambda: jalankan(
                ctx.engine, lambda s: plt.cabut(s, ctx.actor, r.id), f"Penugasan {r.jenis} {r.nama} dicabut."
            ),
        )
