"""Admin BKPSDM — Audit Log: search who changed what, when, before → after. Read-only by design."""

import streamlit as st

from components.context import current, require_admin_page
from db.session import session_scope
from services.platform import audit, audit_teks
from services.platform import format as fmt

ctx = current()
require_admin_page(ctx)
st.title("Audit Log")
st.caption("Setiap perubahan data tercatat di sini dan tidak dapat diubah atau dihapus melalui aplikasi.")

with session_scope(ctx.engine, readonly=True) as session:
    pilihan_aksi = audit.daftar_aksi(session, ctx.actor)
with st.form("filter_audit", enter_to_submit=False):
    kiri, tengah, kanan = st.columns(3)
    aksi = kiri.selectbox("Aksi", pilihan_aksi, index=None, placeholder="Semua aksi", format_func=audit_teks.label_aksi)
    nip = tengah.text_input("NIP pelaku", max_chars=18)
    rentang = kanan.date_input("Rentang tanggal", value=(), format="DD/MM/YYYY")
    st.form_submit_button("Cari", type="primary")

dari, sampai = (rentang + (None, None))[:2] if isinstance(rentang, tuple) else (rentang, rentang)
with session_scope(ctx.engine, readonly=True) as session:
    rows = audit.cari(session, ctx.actor, aksi=aksi, nip=nip or None, dari=dari, sampai=sampai or dari)
st.caption(f"{len(rows)} catatan terbaru (paling banyak 200).")
st.dataframe(
    [
        {
            "Waktu": fmt.waktu(r.waktu),
            "NIP Pelaku": r.pelaku or "-",
            "Aksi": audit_teks.label_aksi(r.aksi),
            "Data": audit_teks.label_data(r.entitas),
            "ID": r.entitas_id or "-",
            "Sebelum": audit_teks.teks_isi(r.sebelum),
            "Sesudah": audit_teks.teks_isi(r.sesudah),
        }
        for r in rows
    ],
    hide_index=True,
    width="stretch",
)
