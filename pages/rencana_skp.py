"""Rencana SKP (e-book: SKP JPT steps 12–14, SKP administrator/fungsional/pelaksana steps 7–11, Validasi
SKP oleh Atasan, Ekspektasi Pimpinan): the pegawai's own plan, and for an atasan "Pilih Bawahan" with
"Proses Penetapan" and the Perilaku Kerja tab."""

import streamlit as st

from components import skp_edit, skp_view
from components.context import current
from components.skp_periode import pilih_periode
from components.ui import confirm, esc, jalankan, show_flash
from db.enums import StatusSKP
from db.session import session_scope
from services.perencanaan import dokumen_skp, ekspektasi, penetapan
from services.perencanaan import skp_saya as skp_saya_service
from services.perencanaan.skp_detail import detail

ctx = current()
st.title("Proses Penetapan" if ctx.kepala_daerah else "Rencana SKP")
show_flash()


def skp_saya() -> None:
    with session_scope(ctx.engine, readonly=True) as s:
        periode_id = pilih_periode(s, ctx.actor, "rs_periode")
    if periode_id is None:
        st.info("Buat Periode SKP terlebih dahulu di menu Periode SKP.", icon=":material/calendar_month:")
        st.page_link("pages/periode_skp.py", label="Buka Periode SKP", icon=":material/arrow_forward:")
        return
    with session_scope(ctx.engine, readonly=True) as s:
        saya = skp_saya_service.baca(s, ctx.actor, periode_id)
    d, pilihan, cetak = saya.detail, saya.pilihan, saya.cetak
    skp_view.status(d)
    tab_hasil, tab_perilaku = _tabs_isi("rs_isi_saya")
    if tab_hasil.open:
        with tab_hasil:
            _hasil_kerja_saya(d, pilihan, cetak)
    if tab_perilaku.open:
        with tab_perilaku:
            st.caption("Ekspektasi khusus pimpinan diisi oleh atasan langsung Anda.")
            skp_view.perilaku_kerja(d)


def _tabs_isi(key: str):
    """Tabs "Hasil Kerja" / "Perilaku Kerja" that keep the chosen one across reruns (a save, a choice)."""
    return st.tabs(["Hasil Kerja", "Perilaku Kerja"], key=key, on_change="rerun")


def _hasil_kerja_saya(d, pilihan, cetak) -> None:
    if d.dapat_diubah:
        skp_edit.tambah_rhk(ctx, d, pilihan)
        skp_view.hasil_kerja(d, skp_edit.aksi_rhk(ctx, d, pilihan), petunjuk=True)
        skp_edit.ajukan(ctx, d)
        return
    if d.status == StatusSKP.DIAJUKAN:
        st.info("Draft Rencana SKP sudah diajukan dan menunggu validasi atasan.", icon=":material/hourglass_top:")
        skp_edit.tarik(ctx, d)
    if cetak:  # at the top: the SKP and its monthly targets are long
        skp_view.tombol_cetak(ctx, d.skp_id, cetak, key="rs_cetak_saya")
    skp_view.hasil_kerja(d)
    skp_view.target_bulanan(d)


def pilih_bawahan() -> None:
    with session_scope(ctx.engine, readonly=True) as s:
        rows = penetapan.daftar_bawahan(s, ctx.actor)
    if not rows:
        st.info("Belum ada bawahan yang menjadikan Anda pejabat penilai pada Periode SKP-nya.", icon=":material/group:")
        return
    labels = {
        r.skp_id: f"{r.nama} — {r.status.value} ({skp_view.periode_label(r.tanggal_mulai, r.tanggal_akhir)})"
        for r in rows
    }
    # The browser keeps the chosen label ("… — Diajukan") after a penetapan; handing the choice back makes it
    # take the label of the new status.
    if st.session_state.get("rs_bawahan") in labels:
        st.session_state["rs_bawahan"] = st.session_state["rs_bawahan"]
    # Remembered while the atasan looks at "SKP Saya" (only the open tab is drawn).
    skp_id = st.selectbox("Pilih Bawahan", list(labels), format_func=labels.get, key="rs_bawahan", persist_state="page")
    with session_scope(ctx.engine, readonly=True) as s:
        d = detail(s, ctx.actor, skp_id)
        cetak = dokumen_skp.berkas_cetak(d)
    st.text(f"{d.pegawai.nama} — NIP {d.pegawai.nip}\n{d.pegawai.jabatan}, {d.pegawai.unit_kerja}")
    skp_view.status(d)
    tab_hasil, tab_perilaku = _tabs_isi("rs_isi_bawahan")
    if tab_hasil.open:
        with tab_hasil:
            if cetak:
                skp_view.tombol_cetak(ctx, d.skp_id, cetak, key="rs_cetak_bawahan")
            skp_view.hasil_kerja(d)
            skp_view.target_bulanan(d)
            aksi = penetapan.aksi_tersedia(d.status, penetapan.Peran.PENILAI)
            if penetapan.Aksi.TETAPKAN in aksi:
                _proses_penetapan(d)
            elif penetapan.Aksi.BUKA_KEMBALI in aksi:
                _buka_kembali(d)
            else:
                st.info(
                    f"SKP berstatus {d.status.value}: menunggu pegawai melengkapi dan mengajukan draft.",
                    icon=":material/hourglass_top:",
                )
    if tab_perilaku.open:
        with tab_perilaku:
            _ekspektasi(d)


def _proses_penetapan(d) -> None:
    with st.expander(f"Proses Penetapan — SKP {esc(d.pegawai.nama)}", icon=":material/gavel:", expanded=True):
        with st.form(f"rs_penetapan_{d.skp_id}", enter_to_submit=False):
            keputusan = st.radio("Status Penetapan", penetapan.KEPUTUSAN, horizontal=True)
            catatan = st.text_area("Catatan untuk pegawai", help="Wajib diisi bila SKP dikembalikan.")
            kirim = st.form_submit_button("Simpan Penetapan", type="primary")
        if kirim:
            jalankan(
                ctx.engine,
                lambda s: penetapan.proses_penetapan(s, ctx.actor, d.skp_id, keputusan, catatan),
                f"SKP {d.pegawai.nama}: {keputusan}.",
            )


def _buka_kembali(d) -> None:
    with st.expander("Buka Kembali", icon=":material/lock_open:"):
        st.caption("SKP yang sudah ditetapkan terkunci. Buka kembali agar pegawai dapat mengubahnya (tercatat).")
        alasan = st.text_area("Alasan membuka kembali", key=f"rs_alasan_buka_{d.skp_id}")
        confirm(
            f"rs_buka_{d.skp_id}",
            "Buka kembali SKP ini? Statusnya menjadi Draft dan harus diajukan serta ditetapkan ulang.",
            "Buka Kembali",
            lambda: jalankan(
                ctx.engine,
                lambda s: penetapan.buka_kembali(s, ctx.actor, d.skp_id, alasan),
                f"SKP {d.pegawai.nama} dibuka kembali (Draft).",
            ),
        )


def _ekspektasi(d) -> None:
    st.caption("Tuliskan ekspektasi khusus Anda untuk setiap nilai BerAKHLAK bawahan ini, lalu klik Simpan.")
    with st.form(f"rs_ekspektasi_{d.skp_id}", enter_to_submit=False):
        nilai = {}
        # One row per value (its panduan beside the field): the seven rows and "Simpan" stay close together.
        for p in d.perilaku:
            kiri, kanan = st.columns([2, 3])
            kiri.markdown(f"**{p.nomor}. {p.nama}**")
            kiri.caption("; ".join(p.panduan))
            nilai[p.nomor] = kanan.text_area(
                f"Ekspektasi Khusus Pimpinan — {p.nama}",
                value=p.ekspektasi or "",
                key=f"rs_eks_{d.skp_id}_{p.nomor}",
                height=68,
                label_visibility="collapsed",
                placeholder=f"Ekspektasi khusus Anda untuk nilai {p.nama}",
            )
        simpan = st.form_submit_button("Simpan", type="primary")
    if simpan:
        jalankan(
            ctx.engine,
            lambda s: ekspektasi.simpan(s, ctx.actor, d.skp_id, nilai),
            f"Ekspektasi pimpinan untuk {d.pegawai.nama} tersimpan.",
        )


#: The atasan's view ("SKP Saya" or "Pilih Bawahan"), kept across reruns: choosing a bawahan or saving a
#: Proses Penetapan leaves the atasan where they were (only the open tab is drawn).
TAMPILAN = "rs_tampilan"

if ctx.kepala_daerah:  # no SKP of their own, only the JPT they rate (docs/domain.md §8.32)
    pilih_bawahan()
elif ctx.is_atasan:
    if st.query_params.get("tampilan") == "bawahan":  # Beranda's "Proses Penetapan SKP" opens Pilih Bawahan
        st.session_state[TAMPILAN] = "Pilih Bawahan"
        del st.query_params["tampilan"]
    tab_saya, tab_bawahan = st.tabs(["SKP Saya", "Pilih Bawahan"], key=TAMPILAN, on_change="rerun")
    if tab_saya.open:
        with tab_saya:
            skp_saya()
    if tab_bawahan.open:
        with tab_bawahan:
            pilih_bawahan()
else:
    skp_saya()
