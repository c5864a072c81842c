"""The admin's switch for a Kepala Daerah or Wakil (docs/domain.md §8.32), under "Akun Pegawai": who holds the
flag now, and marking or unmarking the pegawai of the NIP entered there (confirmed first)."""

from __future__ import annotations

import streamlit as st

from components.context import PageContext
from components.ui import confirm, handle_errors, jalankan
from db.session import session_scope
from services.organisasi import kepala_daerah


def tampilkan(ctx: PageContext, nip: str) -> None:
    st.markdown("**Kepala Daerah dan Wakil Kepala Daerah**")
    st.caption(
        "Tanpa Periode SKP, SKP, Aktivitas Harian dan TPP; selalu berperan pimpinan dan melihat seluruh daerah. "
        "Ditempatkan di unit kerja tertinggi."
    )
    with session_scope(ctx.engine, readonly=True) as s:
        sekarang = kepala_daerah.daftar(s, ctx.actor)
    st.text(
        "Saat ini: " + "; ".join(f"{p.nama} — {p.jabatan} ({p.nip})" for p in sekarang)
        if sekarang
        else "Saat ini: belum ada pegawai yang ditandai."
    )
    if len(nip) != 18:
        return
    data = None
    with handle_errors(), session_scope(ctx.engine, readonly=True) as s:
        data = kepala_daerah.cari(s, ctx.actor, nip)
    if data is None:
        return
    st.text(f"{data.nama} — {data.jabatan}, {data.unit_kerja}")
    baru = not data.kepala_daerah
    if baru:
        pertanyaan = f"Tandai {data.nama} sebagai Kepala Daerah / Wakil? Ia tidak lagi dapat membuat Periode SKP."
        label, pesan = "Tandai Kepala Daerah", f"{data.nama} ditandai sebagai Kepala Daerah / Wakil."
    else:
        pertanyaan = f"Cabut tanda Kepala Daerah / Wakil dari {data.nama}?"
        label, pesan = "Cabut Tanda Kepala Daerah", f"Tanda Kepala Daerah / Wakil {data.nama} dicabut."
    pegawai_id = data.pegawai_id
    confirm(
        f"kepala_daerah_{pegawai_id}",
        pertanyaan,
        label,
        lambda: jalankan(ctx.engine, lambda s: kepala_daerah.setel(s, ctx.actor, pegawai_id, baru), pesan),
    )
