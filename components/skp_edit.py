"""The pegawai's editing widgets on their own Rencana SKP (Draft or Dikembalikan): "Tambah" (JPT: from a
Perjanjian Kinerja; others: naming the atasan RHK, or "Gunakan" on a Matriks Peran Hasil cell),
"Tambah Indikator" → "Tambahkan", change/delete, the target bulanan form ("Belum Dibuat" →
"Simpan Target Bulanan") and "Ajukan Draft". Every action calls one service."""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from components.context import PageContext
from components.ui import confirm, esc, jalankan, kunci_form
from db.enums import Aspek, JenisRHK
from db.session import session_scope
from services.perencanaan import penetapan, perjanjian_kinerja, rencana_skp
from services.perencanaan import target_bulanan as target_bulanan_service
from services.perencanaan.perjanjian_kinerja import IndikatorPK
from services.perencanaan.skp_detail import IndikatorView, RhkView, SkpDetail
from services.perencanaan.skp_saya import Pilihan
from services.platform import format as fmt

TB_KEY = "rs_target_bulanan_terbuka"
JENIS = [j.value for j in JenisRHK]
ASPEK = [a.value for a in Aspek]


def _pendek(teks: str, n: int = 90) -> str:
    return teks if len(teks) <= n else teks[: n - 1] + "…"


def tambah_rhk(ctx: PageContext, d: SkpDetail, p: Pilihan) -> None:
    if d.plans_like_jpt:
        if d.perspektif_kurang:
            st.warning(
                "Perspektif yang belum memiliki RHK: "
                + ", ".join(x.value for x in d.perspektif_kurang)
                + ". SKP JPT harus memuat keempat perspektif.",
                icon=":material/warning:",
            )
        with st.expander("Tambah", icon=":material/add:", expanded=not d.rhk):
            if not p.perjanjian:
                st.info(
                    "Semua Sasaran Strategis sudah ditambahkan, atau Perjanjian Kinerja belum diisi. Isi di menu "
                    "Data Master → Perjanjian Kinerja.",
                    icon=":material/info:",
                )
                return
            with st.form(kunci_form("rs_tambah_jpt"), enter_to_submit=False):
                pk = st.selectbox(
                    "Perjanjian Kinerja / Rencana Hasil Kerja", list(p.perjanjian), format_func=p.perjanjian.get
                )
                jenis = st.radio("Jenis RHK", JENIS, horizontal=True)
                kirim = st.form_submit_button("Tambahkan", type="primary")
            if kirim:
                jalankan(
                    ctx.engine,
                    lambda s: rencana_skp.tambah_rhk_jpt(s, ctx.actor, d.skp_id, pk, jenis),
                    "Rencana Hasil Kerja ditambahkan. Lanjutkan dengan Tambah Indikator.",
                    form="rs_tambah_jpt",
                )
        return
    if not p.rhk_atasan:
        st.info(
            f"Atasan Anda ({p.nama_penilai or 'pejabat penilai'}) belum mengisi Rencana Hasil Kerja untuk "
            "periode ini. Pengisian Rencana SKP Anda harus menunggu atasan mengisi rincian rencana kinerjanya "
            "terlebih dahulu.",
            icon=":material/hourglass_top:",
        )
        return
    if p.peran:
        st.markdown("**Rencana Hasil Kerja dari Matriks Peran Hasil atasan** — siap digunakan")
        for peran_id, teks, atasan in p.peran:
            with st.container(border=True):
                kiri, kanan = st.columns([5, 1], vertical_alignment="center")
                kiri.text(teks)
                kiri.caption(f"Mengintervensi RHK atasan: {esc(_pendek(atasan))}")
                if kanan.button("Gunakan", key=f"rs_gunakan_{peran_id}", icon=":material/download:"):
                    jalankan(
                        ctx.engine,
                        lambda s, i=peran_id: rencana_skp.gunakan_peran(s, ctx.actor, d.skp_id, i),
                        "Rencana Hasil Kerja dari atasan digunakan. Lanjutkan dengan Tambah Indikator.",
                    )
    with st.expander("Tambah", icon=":material/add:", expanded=not d.rhk and not p.peran):
        with st.form(kunci_form("rs_tambah"), enter_to_submit=False):
            atasan = st.selectbox(
                "RHK atasan yang diintervensi", list(p.rhk_atasan), format_func=lambda i: _pendek(p.rhk_atasan[i], 140)
            )
            teks = st.text_area(
                "Rencana Hasil Kerja",
                placeholder="Contoh: Tersusunnya dokumen perencanaan, penganggaran dan evaluasi bidang",
                height=68,
            )
            jenis = st.radio("Jenis RHK", JENIS, horizontal=True)
            kirim = st.form_submit_button("Tambahkan", type="primary")
        if kirim:
            jalankan(
                ctx.engine,
                lambda s: rencana_skp.tambah_rhk(s, ctx.actor, d.skp_id, teks, atasan, jenis),
                "Rencana Hasil Kerja ditambahkan. Lanjutkan dengan Tambah Indikator.",
                form="rs_tambah",
            )


def _indikator_form(key: str, p: Pilihan, i: IndikatorView | None, tombol: str, usulan: IndikatorPK | None = None):
    """``usulan``: a JPT's Perjanjian Kinerja indikator the empty form starts from."""
    # Compact (two rows of fields), so the button stays on screen with the fields when the expander opens. A new
    # indikator's form keeps what was typed when refused (kunci_form), and empties after it was added.
    with st.form(kunci_form(key) if i is None else key, enter_to_submit=False):
        if usulan is not None:
            st.caption("Diisi dari indikator Perjanjian Kinerja; ubah bila perlu, lalu Tambahkan.")
        awal = i or usulan
        teks = st.text_area(
            "Indikator Kinerja Individu",
            value=(i.teks if i else usulan.indikator if usulan else ""),
            height=68,
            placeholder="Contoh: Jumlah dokumen perencanaan, penganggaran dan evaluasi yang disusun tepat waktu",
        )
        a, b, c, d = st.columns([1, 1, 1, 2])
        target = a.number_input(
            "Target", min_value=0.0, step=1.0, format="%g", value=float(awal.target) if awal else None, placeholder="13"
        )
        satuan = b.text_input("Satuan", value=awal.satuan if awal else "", placeholder="Dokumen")
        aspek = c.selectbox("Aspek", ASPEK, index=ASPEK.index(i.aspek.value) if i else 0)
        ids = list(p.pola)
        pola = d.selectbox(
            "Pola Penugasan",
            ids,
            format_func=p.pola.get,
            index=ids.index(i.pola_penugasan_id) if i and i.pola_penugasan_id in ids else 0,
        )
        kirim = st.form_submit_button(tombol, type="primary")
    return kirim, (teks, aspek, None if target is None else Decimal(str(target)), satuan, pola)


def _target_bulanan_form(ctx: PageContext, d: SkpDetail, i: IndikatorView) -> None:
    with st.container(border=True):
        st.markdown(f"**Target Bulanan — Indikator {i.nomor}**")
        aturan = (
            f"Jumlah semua bulan harus {fmt.target(i.target)} {esc(i.satuan)} (aspek Kuantitas)."
            if i.aspek == Aspek.KUANTITAS
            else f"Target {fmt.target(i.target)} {esc(i.satuan)} per bulan (aspek {i.aspek.value})."
        )
        st.caption(f"Target tahunan: {fmt.target(i.target)} {esc(i.satuan)}. {aturan}")
        awal = i.target_bulanan or target_bulanan_service.usulan(i.target, i.aspek, d.bulan)
        with st.form(f"rs_tb_form_{i.id}", enter_to_submit=False):
            nilai = {}
            for start in range(0, len(d.bulan), 6):
                cols = st.columns(6)
                for col, b in zip(cols, d.bulan[start : start + 6]):
                    nilai[b] = col.number_input(
                        fmt.nama_bulan(b),
                        min_value=0.0,
                        step=1.0,
                        format="%g",
                        value=float(awal.get(b, 0)),
                        key=f"rs_tb_{i.id}_{b}",
                    )
            simpan = st.form_submit_button("Simpan Target Bulanan", type="primary")
        if simpan:
            values = {b: Decimal(str(v)) for b, v in nilai.items()}
            st.session_state.pop(TB_KEY, None)
            jalankan(
                ctx.engine,
                lambda s: target_bulanan_service.simpan(s, ctx.actor, i.id, values),
                f"Target bulanan indikator {i.nomor} tersimpan.",
            )
            st.session_state[TB_KEY] = i.id  # still open when the service refused
        if st.button("Tutup", key=f"rs_tb_tutup_{i.id}"):
            st.session_state.pop(TB_KEY, None)
            st.rerun()


def aksi_rhk(ctx: PageContext, d: SkpDetail, p: Pilihan):
    """The widgets drawn inside each RHK box of an editable SKP."""

    def draw(r: RhkView) -> None:
        for i in r.indikator:
            kiri, kanan = st.columns([5, 1], vertical_alignment="center")
            kiri.caption(f"Target bulanan indikator {i.nomor}")
            label = target_bulanan_service.ringkasan(i.status_target_bulanan)
            if kanan.button(
                label,
                key=f"rs_tb_buka_{i.id}",
                width="stretch",
                type="primary" if label != target_bulanan_service.SUDAH_DIBUAT else "secondary",
            ):
                st.session_state[TB_KEY] = i.id
                st.rerun()
            if st.session_state.get(TB_KEY) == i.id:
                _target_bulanan_form(ctx, d, i)
        usulan = None
        if r.perjanjian_id is not None:  # a JPT's RHK: start from its Perjanjian Kinerja's indikator
            with session_scope(ctx.engine, readonly=True) as s:
                usulan = perjanjian_kinerja.usulan_indikator(s, ctx.actor, r.id)
        with st.expander("Tambah Indikator", icon=":material/add:", expanded=not r.indikator):
            kirim, (teks, aspek, target, satuan, pola) = _indikator_form(f"rs_iki_{r.id}", p, None, "Tambahkan", usulan)
            if kirim:
                jalankan(
                    ctx.engine,
                    lambda s: rencana_skp.tambah_indikator(s, ctx.actor, r.id, teks, aspek, target, satuan, pola),
                    'Indikator ditambahkan. Isi target bulanannya (klik "Belum Dibuat").',
                    form=f"rs_iki_{r.id}",
                )
        with st.expander("Ubah atau Hapus", icon=":material/edit:"):
            _ubah_rhk(ctx, d, p, r)

    return draw


def _ubah_rhk(ctx: PageContext, d: SkpDetail, p: Pilihan, r: RhkView) -> None:
    with st.form(f"rs_ubah_rhk_{r.id}", enter_to_submit=False):
        teks, atasan = None, None
        if r.perjanjian_id is None:
            ids = list(p.rhk_atasan)
            atasan = st.selectbox(
                "RHK atasan yang diintervensi",
                ids,
                format_func=lambda i: _pendek(p.rhk_atasan[i], 140),
                index=ids.index(r.rhk_atasan_id) if r.rhk_atasan_id in ids else 0,
            )
            teks = st.text_area("Rencana Hasil Kerja", value=r.teks)
        jenis = st.radio("Jenis RHK", JENIS, index=JENIS.index(r.jenis.value), horizontal=True)
        simpan = st.form_submit_button("Simpan Perubahan RHK")
    if simpan:
        jalankan(
            ctx.engine,
            lambda s: rencana_skp.ubah_rhk(s, ctx.actor, r.id, teks, jenis, atasan),
            f"RHK {r.nomor} diubah.",
        )
    confirm(
        f"rs_hapus_rhk_{r.id}",
        f"Hapus RHK {r.nomor} beserta indikator dan target bulanannya?",
        "Hapus RHK",
        lambda: jalankan(ctx.engine, lambda s: rencana_skp.hapus_rhk(s, ctx.actor, r.id), f"RHK {r.nomor} dihapus."),
    )
    if not r.indikator:
        return
    st.divider()
    pilih = {i.id: i for i in r.indikator}
    iid = st.selectbox(
        "Indikator",
        list(pilih),
        format_func=lambda x: f"{pilih[x].nomor} {_pendek(pilih[x].teks, 80)}",
        key=f"rs_pilih_iki_{r.id}",
    )
    i = pilih[iid]
    kirim, (teks_i, aspek, target, satuan, pola) = _indikator_form(
        f"rs_ubah_iki_{i.id}", p, i, "Simpan Perubahan Indikator"
    )
    if kirim:
        jalankan(
            ctx.engine,
            lambda s: rencana_skp.ubah_indikator(s, ctx.actor, i.id, teks_i, aspek, target, satuan, pola),
            f"Indikator {i.nomor} diubah.",
        )
    confirm(
        f"rs_hapus_iki_{i.id}",
        f"Hapus indikator {i.nomor}?",
        "Hapus Indikator",
        lambda: jalankan(
            ctx.engine, lambda s: rencana_skp.hapus_indikator(s, ctx.actor, i.id), f"Indikator {i.nomor} dihapus."
        ),
    )


def ajukan(ctx: PageContext, d: SkpDetail) -> None:
    st.divider()
    if d.kekurangan:
        st.info(
            "Sebelum Ajukan Draft, lengkapi:\n\n" + "\n".join(f"- {esc(k)}" for k in d.kekurangan),
            icon=":material/checklist:",
        )
    if st.button("Ajukan Draft", type="primary", icon=":material/send:", key="rs_ajukan"):
        jalankan(
            ctx.engine,
            lambda s: penetapan.ajukan_draft(s, ctx.actor, d.skp_id),
            "Draft Rencana SKP diajukan. Menunggu validasi atasan (Proses Penetapan).",
        )


def tarik(ctx: PageContext, d: SkpDetail) -> None:
    """ "Tarik Draft" on a submitted plan, before the atasan decides (asks first)."""
    confirm(
        "rs_tarik",
        "Tarik kembali draft yang sudah diajukan? SKP kembali berstatus Draft dan hilang dari daftar tunggu atasan "
        "sampai Anda mengajukannya lagi.",
        "Tarik Draft",
        lambda: jalankan(
            ctx.engine,
            lambda s: penetapan.tarik_draft(s, ctx.actor, d.skp_id),
            "Draft Rencana SKP ditarik kembali dan dapat diubah. Ajukan lagi setelah selesai.",
        ),
    )
