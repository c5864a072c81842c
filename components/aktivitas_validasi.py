"""The atasan's validation panel ("Pilih Bawahan" → "Pilih Pegawai" → "Validasi" / "Validasi Semua" /
"Tolak"), shown on the Validasi screen and in the Aktivitas Harian screen's "Pilih Bawahan" tab.

A click is handled in the rerun it causes, which reads the list again: the versions the atasan actually
SAW are those of the previous run, kept in the session state and sent with the action, so a row the
pegawai changed in between is refused (services.aktivitas.validasi) instead of validated unseen."""

from __future__ import annotations

import streamlit as st

from components.context import PageContext
from components.ui import esc, handle_errors, jalankan
from db.session import session_scope
from services.aktivitas import validasi
from services.platform import format as fmt

#: Rows shown (and validated by "Validasi Semua") at once: what an atasan reads before clicking it.
BATAS_TAMPIL = 50
_LEBAR = [0.9, 1.1, 3.6, 1.1, 0.5, 1.2]


def panel_validasi(ctx: PageContext, key: str) -> None:
    with session_scope(ctx.engine, readonly=True) as s:
        bawahan = validasi.bawahan_list(s, ctx.actor)
    if not bawahan:
        st.info("Belum ada bawahan yang aktivitasnya Anda validasi.", icon=":material/group:")
        return
    # Options and their labels stay the same across validations (a changed label would reset the choice);
    # the waiting count is shown beside the list instead.
    by_id = {b.pegawai_id: b for b in bawahan}
    pilih = by_id[
        st.selectbox(
            "Pilih Pegawai",
            list(by_id),
            format_func=lambda i: (
                f"{by_id[i].nama} — NIP {by_id[i].nip}" + (" · Mantan bawahan (mutasi)" if by_id[i].mantan else "")
            ),
            key=f"{key}_pegawai",
        )
    ]
    menunggu = [f"{b.nama} ({b.menunggu})" for b in bawahan if b.menunggu and not b.mantan]
    if menunggu:
        st.caption("Menunggu validasi: " + esc(", ".join(menunggu)))
    mantan = [f"{b.nama} ({b.menunggu})" for b in bawahan if b.mantan]
    if mantan:
        st.caption(
            "Mantan bawahan (mutasi) — aktivitas periode lama yang masih menunggu validasi Anda sampai bulannya "
            "ditutup: " + esc(", ".join(mantan))
        )
    rows = None
    with handle_errors():
        with session_scope(ctx.engine, readonly=True) as s:
            rows = validasi.daftar_menunggu(s, ctx.actor, pilih.pegawai_id)
    if rows is None:
        return
    if not rows:
        st.success(esc(f"Tidak ada aktivitas {pilih.nama} yang menunggu validasi."), icon=":material/task_alt:")
        return
    tampil = rows[:BATAS_TAMPIL]
    dilihat: dict[int, int] = st.session_state.get(f"{key}_dilihat", {})  # id → version shown last run
    # Rows held by a mutasi (services.aktivitas.tertahan) are shown with their label, never validated.
    st.session_state[f"{key}_dilihat"] = {r.id: r.version for r in tampil if r.tertahan is None}
    total = sum(r.durasi_menit for r in tampil)
    info, aksi = st.columns([3, 1], vertical_alignment="center")
    info.text(
        f"{len(rows)} aktivitas menunggu validasi"
        + (f"; {len(tampil)} pertama ditampilkan" if len(rows) > len(tampil) else "")
        + f" — {fmt.angka(total)} menit."
    )
    if any(r.tertahan for r in tampil):
        st.caption(
            "Aktivitas berlabel Menunggu Penetapan SKP atau Pilih Ulang SKP Terkait belum dapat divalidasi dan "
            "tidak ikut Validasi Semua."
        )
    if any(r.tertahan is None for r in tampil) and aksi.button(
        "Validasi Semua", type="primary", icon=":material/done_all:", key=f"{key}_semua", width="stretch"
    ):
        jalankan(
            ctx.engine,
            lambda s: validasi.validasi_semua(s, ctx.actor, list(dilihat), versi=dilihat),
            lambda jumlah: f"{jumlah} aktivitas {pilih.nama} tervalidasi.",
        )

    kepala = st.columns(_LEBAR)
    for col, judul in zip(kepala, ("Tanggal", "Jam", "Aktivitas / SKP terkait", "Output", "Menit", "")):
        col.caption(judul)
    for r in tampil:
        with st.container(border=True):
            c = st.columns(_LEBAR, vertical_alignment="center")
            c[0].text(fmt.tanggal_pendek(r.tanggal))
            c[1].text(r.jam)
            c[2].text(r.aktivitas)
            c[2].caption(f"SKP terkait: {esc(r.skp_terkait)}")
            c[3].text(r.output)
            c[4].text(str(r.durasi_menit))
            if r.tertahan:
                c[5].caption(esc(r.tertahan))
            elif c[5].button("Validasi", key=f"{key}_v_{r.id}", icon=":material/check:", width="stretch"):
                jalankan(
                    ctx.engine,
                    lambda s, r=r: validasi.validasi(s, ctx.actor, r.id, version=dilihat.get(r.id, r.version)),
                    f"Aktivitas {fmt.tanggal_pendek(r.tanggal)} {r.jam} tervalidasi.",
                )
            with c[5].popover("Tolak", icon=":material/close:", width="stretch"):
                with st.form(f"{key}_tolak_{r.id}", border=False, enter_to_submit=False):
                    alasan = st.text_area("Alasan penolakan", key=f"{key}_alasan_{r.id}", max_chars=1000)
                    tolak = st.form_submit_button("Tolak", type="primary")
                if tolak:
                    jalankan(
                        ctx.engine,
                        lambda s, r=r, alasan=alasan: validasi.tolak(
                            s, ctx.actor, r.id, alasan, version=dilihat.get(r.id, r.version)
                        ),
                        f"Aktivitas {fmt.tanggal_pendek(r.tanggal)} {r.jam} ditolak.",
                    )
