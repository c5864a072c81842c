"""Matriks Peran Hasil (e-book: SKP JPT steps 15–16): once the atasan's own SKP is ditetapkan, their RHK
across the top and their bawahan down the side; "Tambah" a Rencana Hasil Kerja Baru per cell, which
appears in that bawahan's Rencana SKP."""

import streamlit as st

from components.context import current, tolak_kepala_daerah_page
from components.skp_periode import pilih_periode
from components.ui import confirm, esc, handle_errors, jalankan, kunci_form, show_flash
from db.session import session_scope
from services.perencanaan import matriks as matriks_service

ctx = current()
st.title("Matriks Peran Hasil")
tolak_kepala_daerah_page(ctx)
st.caption(
    "Turunkan setiap Rencana Hasil Kerja Anda kepada bawahan. Rencana Hasil Kerja Baru yang Anda tambahkan "
    "muncul di Rencana SKP bawahan dan siap digunakan."
)
show_flash()


def _sel(cells) -> str:
    """One cell of the matrix. st.table renders Markdown, so the user's text is escaped; a cell with several
    entries shows one per line, and an empty cell says so instead of showing nothing."""
    if not cells:
        return ":gray[belum ada]"
    return "  \n".join(esc(c.teks) + (" :gray[(dipakai)]" if c.dipakai else "") for c in cells)


with session_scope(ctx.engine, readonly=True) as s:
    periode_id = pilih_periode(s, ctx.actor, "mph_periode")
if periode_id is None:
    st.info("Buat Periode SKP terlebih dahulu di menu Periode SKP.", icon=":material/calendar_month:")
    st.stop()

m = None
with handle_errors():
    with session_scope(ctx.engine, readonly=True) as s:
        m = matriks_service.matriks(s, ctx.actor, periode_id)
if m is None:
    st.stop()
if not m.rhk or not m.bawahan:
    st.info(
        "SKP Anda belum memiliki RHK." if not m.rhk else "Anda tidak memiliki bawahan pada periode ini.",
        icon=":material/info:",
    )
    st.stop()

rhk = dict(m.rhk)
nomor = {rid: f"RHK {n}" for n, (rid, _) in enumerate(m.rhk, start=1)}
st.markdown("**Rencana Hasil Kerja Anda**")
st.dataframe([{"No": nomor[rid], "Rencana Hasil Kerja": teks} for rid, teks in m.rhk], hide_index=True, width="stretch")
st.markdown("**Matriks**")
st.caption("Baris: bawahan. Kolom: RHK Anda yang diintervensi. Sel: Rencana Hasil Kerja Baru bawahan itu.")
st.table(
    [
        {"Bawahan": esc(f"{b.nama} — {b.jabatan}"), **{nomor[rid]: _sel(m.sel.get((b.id, rid), [])) for rid in rhk}}
        for b in m.bawahan
    ]
)
if m.tanpa_peran:
    st.warning(
        "Belum ada Rencana Hasil Kerja Baru untuk: " + "; ".join(esc(b.nama) for b in m.tanpa_peran),
        icon=":material/person_alert:",
    )

bawahan = {b.id: f"{b.nama} — {b.jabatan}" for b in m.bawahan}
with st.expander("Tambah", icon=":material/add:", expanded=bool(m.tanpa_peran)):
    with st.form(kunci_form("mph_tambah"), enter_to_submit=False):
        rid = st.selectbox(
            "Rencana Hasil Kerja Anda (yang diintervensi)", list(rhk), format_func=lambda r: f"{nomor[r]}: {rhk[r]}"
        )
        bid = st.selectbox("Bawahan", list(bawahan), format_func=bawahan.get)
        teks = st.text_area(
            "Rencana Hasil Kerja Baru",
            placeholder="Contoh: Tersusunnya dokumen perencanaan, penganggaran dan evaluasi bidang",
        )
        simpan = st.form_submit_button("Simpan", type="primary")
    if simpan:
        jalankan(
            ctx.engine,
            lambda s: matriks_service.tambah(s, ctx.actor, rid, bid, teks),
            "Rencana Hasil Kerja Baru tersimpan dan muncul di Rencana SKP bawahan.",
            form="mph_tambah",
        )

bebas = m.sel_bebas
if bebas:
    with st.expander("Ubah atau Hapus", icon=":material/edit:"):
        st.caption("Hanya Rencana Hasil Kerja Baru yang belum digunakan bawahan yang dapat diubah atau dihapus.")
        cid = st.selectbox(
            "Rencana Hasil Kerja Baru",
            list(bebas),
            key="mph_pilih",
            format_func=lambda c: f"{bebas[c][0].nama} · {nomor[bebas[c][1]]}: {bebas[c][2].teks}",
        )
        with st.form(f"mph_ubah_{cid}", enter_to_submit=False):
            teks_baru = st.text_area("Rencana Hasil Kerja Baru", value=bebas[cid][2].teks)
            ubah = st.form_submit_button("Simpan Perubahan")
        if ubah:
            jalankan(
                ctx.engine,
                lambda s: matriks_service.ubah(s, ctx.actor, cid, teks_baru),
                "Rencana Hasil Kerja Baru diubah.",
            )
        confirm(
            f"mph_hapus_{cid}",
            "Hapus Rencana Hasil Kerja Baru ini?",
            "Hapus",
            lambda: jalankan(
                ctx.engine, lambda s: matriks_service.hapus(s, ctx.actor, cid), "Rencana Hasil Kerja Baru dihapus."
            ),
        )
