"""Admin BKPSDM — Permintaan Penilai: the requests for a penilai outside the rule (docs/domain.md §8.3),
approved or refused with a note. Drawn as a tab of Pegawai dan Akun."""

from __future__ import annotations

import streamlit as st

from components.context import PageContext
from components.ui import jalankan
from db.session import session_scope
from services.organisasi import permintaan_penilai


def tampilkan(ctx: PageContext) -> None:
    with session_scope(ctx.engine, readonly=True) as session:
        rows = permintaan_penilai.daftar(session, ctx.actor)
    if not rows:
        st.info("Tidak ada permintaan perubahan penilai yang menunggu keputusan.")
        return
    st.caption(
        f"{len(rows)} permintaan menunggu. Penilai yang diminta berada di luar pejabat di atas pegawai dalam "
        "unit kerjanya; periksa alasannya sebelum menyetujui."
    )
    st.dataframe(
        [
            {
                "No": r.id,
                "Pegawai": f"{r.pegawai} ({r.pegawai_nip})",
                "Unit Kerja": r.unit_kerja,
                "Periode": r.periode,
                "Penilai Sekarang": r.penilai_lama,
                "Penilai Diminta": r.penilai_baru,
                "Jabatan Penilai Diminta": r.penilai_baru_jabatan,
                "Alasan": r.alasan,
            }
            for r in rows
        ],
        hide_index=True,
        width="stretch",
    )
    label = {r.id: f"{r.id}: {r.pegawai} → {r.penilai_baru}" for r in rows}
    pilih = st.selectbox("Permintaan", list(label), format_func=label.get, key="permintaan_penilai")
    catatan = st.text_input("Catatan Admin (wajib bila ditolak)", max_chars=500, key="catatan_permintaan_penilai")
    setuju, tolak = st.columns(2)
    if setuju.button("Setujui", type="primary", key="setujui_permintaan_penilai"):
        jalankan(
            ctx.engine,
            lambda s: permintaan_penilai.setujui(s, ctx.actor, pilih, catatan),
            "Permintaan disetujui; penilai periode tersebut telah diganti.",
        )
    if tolak.button("Tolak", key="tolak_permintaan_penilai"):
        jalankan(
            ctx.engine,
            lambda s: permintaan_penilai.tolak(s, ctx.actor, pilih, catatan),
            "Permintaan ditolak.",
        )
