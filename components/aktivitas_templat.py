"""Templat Mingguan on Aktivitas Harian (docs/domain.md §8.37): the pegawai's rows per weekday, "Terapkan
Templat" over a range of days with its report next to the button, one row added, changed or deleted, and
"Simpan hari ini sebagai templat <hari>" from the day's real entries."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

import streamlit as st

from components.context import PageContext
from components.ui import confirm, esc, handle_errors, jalankan, lipatan, tulis
from db.session import session_scope
from services.aktivitas import harian, templat
from services.aktivitas.templat import HARI, TemplatInput, TemplatRow
from services.platform import format as fmt

KUNCI = "ah_templat"


def templat_mingguan(ctx: PageContext, today: date) -> None:
    """The whole Templat Mingguan expander, built only while open; it stays open while the pegawai works in it."""
    bagian = lipatan("Templat Mingguan", f"{KUNCI}_buka", ":material/event_repeat:")
    if bagian is None:
        return
    with session_scope(ctx.engine, readonly=True) as s:
        rows = templat.daftar(s, ctx.actor)
        periode = harian.periode_pada(s, ctx.actor, today)
        pilihan = harian.pilihan_skp(s, ctx.actor, periode.id) if periode else []
    with bagian:
        st.caption(
            "Aktivitas rutin per hari (Senin–Jumat) yang dapat diterapkan ke beberapa tanggal sekaligus. Hari libur, "
            "cuti, bulan yang sudah ditutup dan jam yang bertumpang tindih dilewati dan dilaporkan."
        )
        _daftar(rows)
        _terapkan(ctx, today, bool(rows))
        _tambah(ctx, pilihan)
        _simpan_hari(ctx, today)
        _ubah(ctx, rows, pilihan)


def _daftar(rows: list[TemplatRow]) -> None:
    if not rows:
        st.info(
            "Templat masih kosong. Tambahkan baris di bawah, atau simpan aktivitas satu hari sebagai templat.",
            icon=":material/event_note:",
        )
        return
    st.dataframe(
        [
            {
                "Hari": r.nama_hari,
                "Jam": r.jam,
                "Aktivitas": r.aktivitas,
                "Output": f"{fmt.target(r.volume)} {r.satuan}",
                "SKP Terkait": r.skp_terkait,  # the longest text last: a narrow screen cuts only it
            }
            for r in rows
        ],
        hide_index=True,
        width="stretch",
    )


def _terapkan(ctx: PageContext, today: date, ada: bool) -> None:
    st.markdown("**Terapkan templat**")
    kiri, tengah, kanan = st.columns([1, 1, 1.2], vertical_alignment="bottom")
    senin = today - timedelta(days=today.weekday())
    mulai = kiri.date_input("Dari tanggal", value=senin, max_value=today, format="DD/MM/YYYY", key=f"{KUNCI}_dari")
    akhir = tengah.date_input("Sampai tanggal", value=today, max_value=today, format="DD/MM/YYYY", key=f"{KUNCI}_ke")
    if kanan.button("Terapkan Templat", icon=":material/playlist_add:", key=f"{KUNCI}_terapkan", disabled=not ada):
        with handle_errors():
            hasil = tulis(ctx.engine, lambda s: templat.terapkan(s, ctx.actor, mulai, akhir))
            st.session_state[f"{KUNCI}_hasil"] = (hasil.ditambahkan, hasil.dilewati, hasil.pesan())
            st.rerun()
    laporan = st.session_state.get(f"{KUNCI}_hasil")
    if laporan:
        ditambahkan, dilewati, pesan = laporan
        tampil = st.warning if dilewati else st.success
        tampil(esc(pesan), icon=":material/playlist_add_check:")


def _form_baris(key: str, pilihan: list[harian.PilihanSKP], awal: TemplatInput, tombol: str) -> TemplatInput | None:
    """Hari, SKP terkait, aktivitas, output and times of one template row; the input when ``tombol`` is pressed."""
    with st.form(key, border=True, enter_to_submit=False):
        hari = st.selectbox(
            "Hari", range(len(HARI)), index=awal.hari or 0, format_func=HARI.__getitem__, key=f"{key}_h"
        )
        # A row kept from an earlier period's SKP is not among today's choices: the pegawai picks again.
        index = next(
            (i for i, p in enumerate(pilihan) if (p.rhk_id, p.indikator_id) == (awal.rhk_id, awal.indikator_id)),
            0 if awal.rhk_id is None and pilihan else None,
        )
        skp = st.selectbox(
            "SKP terkait",
            pilihan,
            index=index,
            format_func=lambda p: p.label,
            key=f"{key}_skp",
            placeholder="Belum ada SKP yang ditetapkan untuk periode hari ini",
        )
        teks = st.text_area("Aktivitas", value=awal.aktivitas, max_chars=2000, height=68, key=f"{key}_teks")
        kiri, tengah, kanan, ujung = st.columns([1, 1.4, 1, 1])
        volume = kiri.number_input(
            "Volume output", min_value=0.0, value=float(awal.volume or 1), step=1.0, format="%g", key=f"{key}_vol"
        )
        satuan = tengah.text_input("Satuan output", value=awal.satuan, max_chars=100, key=f"{key}_satuan")
        mulai = kanan.time_input("Jam Mulai", value=awal.jam_mulai, step=900, key=f"{key}_mulai")
        selesai = ujung.time_input("Jam Selesai", value=awal.jam_selesai, step=900, key=f"{key}_selesai")
        if not st.form_submit_button(tombol, type="primary", icon=":material/save:"):
            return None
    return TemplatInput(
        hari,
        skp.rhk_id if skp else None,
        skp.indikator_id if skp else None,
        teks,
        Decimal(str(volume)),
        satuan,
        mulai,
        selesai,
    )


def _tambah(ctx: PageContext, pilihan: list[harian.PilihanSKP]) -> None:
    st.markdown("**Tambah baris templat**")
    versi = st.session_state.get(f"{KUNCI}_versi", 0)
    awal = TemplatInput(0, None, None, "", 1, "", time(7, 30), time(8, 30))
    data = _form_baris(f"{KUNCI}_tambah_{versi}", pilihan, awal, "Tambah ke Templat")
    if data is not None:
        st.session_state[f"{KUNCI}_versi"] = versi + 1
        jalankan(
            ctx.engine,
            lambda s: templat.tambah_baris(s, ctx.actor, data),
            f"Baris templat {HARI[data.hari or 0]} tersimpan.",
        )


def _simpan_hari(ctx: PageContext, today: date) -> None:
    st.markdown("**Simpan aktivitas satu hari sebagai templat**")
    kiri, kanan = st.columns([1, 2], vertical_alignment="bottom")
    tanggal = kiri.date_input(
        "Aktivitas tanggal", value=today, max_value=today, format="DD/MM/YYYY", key=f"{KUNCI}_sumber"
    )
    hari = templat.nama_hari(tanggal)
    if hari is None:
        kanan.caption("Templat hanya untuk hari Senin sampai Jumat.")
        return

    def _simpan() -> None:
        jalankan(
            ctx.engine,
            lambda s: templat.simpan_hari(s, ctx.actor, tanggal),
            lambda n: f"Templat {hari} kini berisi {n} aktivitas dari {fmt.tanggal(tanggal)}.",
        )

    label = "hari ini" if tanggal == today else fmt.tanggal(tanggal)
    with kanan:
        confirm(
            f"{KUNCI}_simpan_{tanggal}",
            f"Ganti templat {hari} dengan aktivitas {fmt.tanggal(tanggal)}? Baris templat {hari} yang ada diganti.",
            f"Simpan {label} sebagai templat {hari}",
            _simpan,
        )


def _ubah(ctx: PageContext, rows: list[TemplatRow], pilihan: list[harian.PilihanSKP]) -> None:
    if not rows:
        return
    st.markdown("**Ubah atau hapus baris templat**")
    per_id = {r.id: r for r in rows}
    pilih = st.selectbox(
        "Pilih baris",
        list(per_id),
        format_func=lambda i: f"{per_id[i].nama_hari} {per_id[i].jam} · {per_id[i].aktivitas[:60]}",
        key=f"{KUNCI}_pilih",
    )
    r = per_id[pilih]
    awal = TemplatInput(r.hari, r.rhk_id, r.indikator_id, r.aktivitas, r.volume, r.satuan, r.jam_mulai, r.jam_selesai)
    data = _form_baris(f"{KUNCI}_ubah_{r.id}", pilihan, awal, "Simpan Perubahan")
    if data is not None:
        jalankan(
            ctx.engine, lambda s: templat.ubah_baris(s, ctx.actor, r.id, data), "Perubahan baris templat tersimpan."
        )

    def _hapus() -> None:
        jalankan(ctx.engine, lambda s: templat.hapus_baris(s, ctx.actor, r.id), "Baris templat dihapus.")

    confirm(f"{KUNCI}_hapus_{r.id}", f"Hapus baris templat {r.nama_hari} {r.jam}?", "Hapus Baris", _hapus)
