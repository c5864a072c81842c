"""The atasan's validation panel ("Pilih Bawahan" → "Pilih Pegawai" → "Validasi" / "Validasi Semua" /
"Tolak"), shown on the Validasi screen and in the Aktivitas Harian screen's "Pilih Bawahan" tab.

The panel is a fragment and its buttons act in callbacks: a Validasi or a Tolak reruns the panel only, so
the atasan stays on the chosen bawahan (and on the tab around it) and the message shows above the list.
A callback holds the versions of the rows as the run that drew its button showed them: the versions the
atasan actually SAW are sent with the action, so a row the pegawai changed in between is refused
(services.aktivitas.validasi) instead of validated unseen."""

from __future__ import annotations

import zlib
from collections.abc import Callable

import streamlit as st
from sqlalchemy.orm import Session

from components.aktivitas_daftar import isi_kartu
from components.context import PageContext
from components.ui import esc, handle_errors, lakukan, show_flash
from db.session import session_scope
from services.aktivitas import validasi
from services.aktivitas.harian import AktivitasRow
from services.aktivitas.tertahan import BULAN_DITUTUP
from services.platform import format as fmt

#: Rows shown (and validated by "Validasi Semua") at once: what an atasan reads before clicking it.
BATAS_TAMPIL = 50
#: The card: what was done (one text, every figure labelled, as on the pegawai's own list) beside its buttons;
#: one element for the text keeps a 30-row list light to send.
_LEBAR = [6.1, 1.2]


def panel_validasi(ctx: PageContext, key: str, nip: str | None = None) -> None:
    """The panel; ``nip`` (the ``?nip=`` of a link in a reminder e-mail) opens it on that bawahan, once."""
    if nip is not None:
        _buka_tautan(ctx, key, nip)
    _panel(ctx, key)


def _buka_tautan(ctx: PageContext, key: str, nip: str) -> None:
    """Choose the linked bawahan, then forget the link (a later choice of the atasan must stay)."""
    st.query_params.pop("nip", None)
    with session_scope(ctx.engine, readonly=True) as s:
        bawahan = validasi.bawahan_list(s, ctx.actor)
    pegawai_id = next((b.pegawai_id for b in bawahan if b.nip == nip.strip()), None)
    if pegawai_id is None:
        st.info(
            "Pegawai pada tautan bukan bawahan yang aktivitasnya Anda validasi; pilih pegawai dari daftar.",
            icon=":material/info:",
        )
    else:
        st.session_state[f"{key}_pegawai"] = pegawai_id


def _label(b: validasi.Bawahan) -> str:
    """The option of Pilih Pegawai: who, how much waits and how long the month stays open for it (before the NIP,
    which a phone's narrow list cuts off first)."""
    teks = f"{b.nama} · "
    if not b.menunggu:
        teks += "tidak ada yang menunggu"
    elif b.sisa_hari is None:
        teks += f"{b.menunggu} menunggu · bulan {fmt.bulan_tahun(b.terlama.year, b.terlama.month)} ditutup"
    else:
        sisa = "ditutup hari ini" if b.sisa_hari == 0 else f"{b.sisa_hari} hari lagi sebelum bulan ditutup"
        teks += f"{b.menunggu} menunggu · {sisa}"
    return teks + (" · Mantan bawahan (mutasi)" if b.mantan else "") + f" — NIP {b.nip}"


@st.fragment
def _panel(ctx: PageContext, key: str) -> None:
    with session_scope(ctx.engine, readonly=True) as s:
        bawahan = validasi.bawahan_list(s, ctx.actor)
    # The sidebar's "Menunggu tindakan" is drawn by a whole run; a fragment's rerun leaves it as it was. Once
    # nothing waits any more, one whole run brings it up to date.
    total, sebelumnya = sum(b.menunggu for b in bawahan), st.session_state.get(f"{key}_total")
    st.session_state[f"{key}_total"] = total
    if total == 0 and sebelumnya:
        st.rerun()
    if not bawahan:  # e.g. a mantan bawahan's last row was just validated: say so first
        show_flash(key)
        st.info("Belum ada bawahan yang aktivitasnya Anda validasi.", icon=":material/group:")
        return
    # The list comes ordered most waiting first (then the oldest waiting): the panel opens on that bawahan.
    # The choice is the panel's own state: a browser sends a selectbox's choice as its label, and the labels
    # change with the counts, so the selectbox is a new one (its key names the labels and the choice) whenever
    # they change or "Berikutnya" or a link chooses, opened on the bawahan chosen.
    by_id = {b.pegawai_id: b for b in bawahan}
    label = {i: _label(b) for i, b in by_id.items()}
    pilih_key = f"{key}_pegawai"
    if st.session_state.get(pilih_key) not in by_id:
        st.session_state[pilih_key] = bawahan[0].pegawai_id
    ids = list(by_id)
    dipilih = st.selectbox(
        "Pilih Pegawai",
        ids,
        index=ids.index(st.session_state[pilih_key]),
        format_func=label.get,
        key=f"{key}_pilih_{zlib.crc32(repr((label, st.session_state[pilih_key])).encode())}",
    )
    st.session_state[pilih_key] = dipilih
    pilih = by_id[dipilih]
    menunggu = [f"{b.nama} ({b.menunggu})" for b in bawahan if b.menunggu and not b.mantan]
    if menunggu:
        st.caption("Menunggu validasi: " + esc(", ".join(menunggu)))
    mantan = [f"{b.nama} ({b.menunggu})" for b in bawahan if b.mantan]
    if mantan:
        st.caption(
            "Mantan bawahan (mutasi) — aktivitas periode lama yang masih menunggu validasi Anda sampai bulannya "
            "ditutup: " + esc(", ".join(mantan))
        )
    show_flash(key)
    rows = None
    with handle_errors():
        with session_scope(ctx.engine, readonly=True) as s:
            rows = validasi.daftar_menunggu(s, ctx.actor, pilih.pegawai_id)
    if rows is None:
        return
    if not rows:
        st.success(esc(f"Tidak ada aktivitas {pilih.nama} yang menunggu validasi."), icon=":material/task_alt:")
        _berikutnya(bawahan, pilih_key, pilih.pegawai_id)
        return
    _daftar(ctx, key, pilih, rows)


def _berikutnya(bawahan: list[validasi.Bawahan], pilih_key: str, sekarang: int) -> None:
    """One click on to the bawahan who waits most now (the list's order), instead of opening Pilih Pegawai."""
    lain = next((b for b in bawahan if b.menunggu and b.pegawai_id != sekarang), None)
    if lain is not None:
        st.button(
            esc(f"Berikutnya: {lain.nama} ({lain.menunggu} menunggu)"),
            icon=":material/arrow_forward:",
            key=f"{pilih_key}_berikutnya",
            on_click=lambda: st.session_state.__setitem__(pilih_key, lain.pegawai_id),
        )


def _daftar(ctx: PageContext, key: str, pilih: validasi.Bawahan, rows: list[AktivitasRow]) -> None:
    tampil = rows[:BATAS_TAMPIL]
    # Rows held by a mutasi (services.aktivitas.tertahan) are shown with their label, never validated.
    versi = {r.id: r.version for r in tampil if r.tertahan is None}

    def _aksi(action: Callable[[Session], object], pesan, tempat: str = key) -> Callable[[], bool]:
        return lambda: lakukan(ctx.engine, action, pesan, tempat)

    total = sum(r.durasi_menit for r in tampil)
    info, aksi = st.columns([3, 1], vertical_alignment="center")
    info.text(
        f"{len(rows)} aktivitas menunggu validasi"
        + (f"; {len(tampil)} pertama ditampilkan" if len(rows) > len(tampil) else "")
        + f" — {fmt.angka(total)} menit."
    )
    if any(r.tertahan not in (None, BULAN_DITUTUP) for r in tampil):
        st.caption(
            "Aktivitas berlabel Menunggu Penetapan SKP atau Pilih Ulang SKP Terkait belum dapat divalidasi dan "
            "tidak ikut Validasi Semua."
        )
    if any(r.tertahan == BULAN_DITUTUP for r in rows):
        st.caption(
            "Aktivitas berlabel Bulan Sudah Ditutup ditampilkan di akhir dan tidak dapat divalidasi atau ditolak lagi, "
            "kecuali Admin BKPSDM membuka kembali bulan tersebut (Buka Bulan)."
        )
    if versi:
        aksi.button(
            "Validasi Semua",
            type="primary",
            icon=":material/done_all:",
            key=f"{key}_semua",
            width="stretch",
            on_click=_aksi(
                lambda s: validasi.validasi_semua(s, ctx.actor, list(versi), versi=versi),
                lambda jumlah: f"{jumlah} aktivitas {pilih.nama} tervalidasi.",
            ),
        )
    for r in tampil:
        with st.container(border=True, key=f"{key}_baris_{r.id}"):
            _baris(ctx, key, r, _aksi)


def _baris(ctx: PageContext, key: str, r: AktivitasRow, _aksi) -> None:
    """One row as a card: every figure carries its label, so it reads the same when a phone stacks the
    buttons under the text. Tolak opens the alasan field under the row; a refusal is shown at the field,
    which stays open."""
    c = st.columns(_LEBAR, vertical_alignment="center")
    c[0].markdown("  \n".join([f"**{esc(fmt.tanggal_pendek(r.tanggal))} · {esc(r.jam)}**", *isi_kartu(r)]))
    menolak = f"{key}_menolak"
    if r.tertahan:
        c[1].caption(esc(r.tertahan))
    else:
        c[1].button(
            "Validasi",
            key=f"{key}_v_{r.id}",
            icon=":material/check:",
            width="stretch",
            on_click=_aksi(
                lambda s: validasi.validasi(s, ctx.actor, r.id, version=r.version),
                f"Aktivitas {fmt.tanggal_pendek(r.tanggal)} {r.jam} tervalidasi.",
            ),
        )
    if r.tertahan == BULAN_DITUTUP:  # neither Validasi nor Tolak until the month is opened again
        return
    buka = st.session_state.get(menolak) == r.id
    c[1].button(
        "Batal Tolak" if buka else "Tolak",
        key=f"{key}_t_{r.id}",
        icon=":material/close:",
        width="stretch",
        on_click=lambda: st.session_state.__setitem__(menolak, None if buka else r.id),
    )
    if not buka:
        return
    alasan_key, tempat = f"{key}_alasan_{r.id}", f"{key}_tolak_{r.id}"

    def _tolak() -> None:
        if not _aksi(
            lambda s: validasi.tolak(s, ctx.actor, r.id, st.session_state.get(alasan_key, ""), version=r.version),
            f"Aktivitas {fmt.tanggal_pendek(r.tanggal)} {r.jam} ditolak.",
            tempat,
        )():
            return
        st.session_state[menolak] = None
        st.session_state.pop(alasan_key, None)
        st.session_state[f"_flash{key}"] = st.session_state.pop(f"_flash{tempat}")  # shown above the list

    with st.form(f"{key}_tolak_{r.id}", border=False, enter_to_submit=False):
        st.text_area("Alasan penolakan", key=alasan_key, max_chars=1000, placeholder="Apa yang harus diperbaiki")
        show_flash(tempat)
        st.form_submit_button("Tolak", type="primary", icon=":material/close:", on_click=_tolak)
