"""The activity form shared by "Tambah Aktivitas" and the edit / correct-and-resubmit of a row."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import streamlit as st

from services.aktivitas.entri import AktivitasInput
from services.aktivitas.harian import PilihanSKP


def form_aktivitas(
    key: str,
    pilihan: list[PilihanSKP],
    awal: AktivitasInput,
    tombol: str,
    max_tanggal: date | None = None,
    dengan_tanggal: bool = False,
) -> AktivitasInput | None:
    """SKP terkait (RHK — indikator, as a list of choices), aktivitas, output (volume + satuan), Jam Mulai,
    Jam Selesai, bukti link; returns the input when ``tombol`` is pressed. Keyboard-friendly: one st.form,
    Enter moves on, Ctrl+Enter saves."""
    with st.form(key, border=True, enter_to_submit=False):
        tanggal = awal.tanggal
        if dengan_tanggal:
            tanggal = st.date_input(
                "Tanggal", value=awal.tanggal, max_value=max_tanggal, format="DD/MM/YYYY", key=f"{key}_tanggal"
            )
        index = next(
            (i for i, p in enumerate(pilihan) if (p.rhk_id, p.indikator_id) == (awal.rhk_id, awal.indikator_id)), 0
        )
        # A radio, not a selectbox: each RHK — indikator wraps and reads whole, also at a phone's 390 px, where
        # a selectbox cuts the indikator off.
        skp = None
        if pilihan:
            skp = st.radio("SKP terkait", pilihan, index=index, format_func=lambda p: p.label, key=f"{key}_skp")
        else:  # an empty radio would show a label with nothing to choose
            st.caption("SKP terkait: belum ada SKP yang ditetapkan untuk periode ini.")
        teks = st.text_area(
            "Aktivitas",
            value=awal.aktivitas,
            max_chars=2000,
            height=80,
            key=f"{key}_teks",
            placeholder="Uraian kegiatan yang dikerjakan",
        )
        kiri, tengah, kanan, ujung = st.columns([1, 1.4, 1, 1])
        volume = kiri.number_input(
            "Volume output", min_value=0.0, value=float(awal.volume or 1), step=1.0, format="%g", key=f"{key}_volume"
        )
        satuan = tengah.text_input(
            "Satuan output",
            value=awal.satuan,
            max_chars=100,
            key=f"{key}_satuan",
            placeholder="Dokumen, Surat, Kegiatan …",
        )
        mulai = kanan.time_input("Jam Mulai", value=awal.jam_mulai or time(7, 30), step=900, key=f"{key}_mulai")
        selesai = ujung.time_input(
            "Jam Selesai",
            value=awal.jam_selesai or time(8, 30),
            step=900,
            key=f"{key}_selesai",
            help="Jam Selesai sebelum Jam Mulai (misalnya 22.00–02.00): aktivitas melewati tengah malam dan disimpan "
            "sebagai dua, sampai 24.00 dan dari 00.00 hari berikutnya. Jam Selesai 00.00 berarti 24.00.",
        )
        bukti = st.text_input(
            "Link bukti (opsional)",
            value=awal.bukti_link or "",
            max_chars=2000,
            key=f"{key}_bukti",
            placeholder="https://…",
        )
        kirim = st.form_submit_button(tombol, type="primary", icon=":material/save:")
    if not kirim:
        return None
    return AktivitasInput(
        tanggal=tanggal,
        rhk_id=skp.rhk_id if skp else None,
        aktivitas=teks,
        volume=Decimal(str(volume)),
        satuan=satuan,
        jam_mulai=mulai,
        jam_selesai=selesai,
        indikator_id=skp.indikator_id if skp else None,
        periode_id=awal.periode_id,
        katalog_id=awal.katalog_id,
        bukti_link=bukti,
    )
