"""SIPIJAR entry point: page config, the login gate, and the pages each role may open."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from components import auth as login_gate
from components.config import KunciCookieLemah, cookie_key, get_engine
from components.context import PageContext, set_context, tersimpan
from db.models import Pegawai
from db.session import session_scope
from services.organisasi.wewenang import label_penugasan, punya_bawahan
from services.pengingat.notifikasi import belum_dibaca
from services.pimpinan import beranda
from services.platform.access import Actor
from services.platform.masa_dinas import load_actor

SEMBUNYIKAN_PETUNJUK = "[data-testid='InputInstructions'] { display: none; }"

st.set_page_config(page_title="SIPIJAR", page_icon=":material/assignment:", layout="wide", initial_sidebar_state="auto")
# Streamlit's keyboard hints under inputs ("Press Enter to submit form") are English and cannot be
# translated: hidden on every page (Enter still works). Static CSS, no user text.
st.html(f"<style>{SEMBUNYIKAN_PETUNJUK}</style>")


def page(path: str, title: str, icon: str, **kw) -> st.Page:
    return st.Page(path, title=title, icon=icon, **kw)


def pages_for(context: PageContext, must_change_password: bool) -> dict[str, list[st.Page]]:
    """The menu, with the e-book's titles. The menu only hides; services still refuse."""
    ganti_password = page(
        "pages/ganti_password.py",
        "Ganti Password",
        ":material/key:",
        url_path="ganti-password",
        default=must_change_password,
    )
    if context.actor.hanya_baca:  # before the password change: a read-only account may change nothing
        return _menu_hanya_baca()
    if must_change_password:
        return {"Akun": [ganti_password]}
    actor = context.actor
    menu: dict[str, list[st.Page]] = {
        "": [
            page("pages/beranda.py", "Beranda", ":material/home:", url_path="beranda", default=True),
            page("pages/periode_skp.py", "Periode SKP", ":material/calendar_month:", url_path="periode-skp"),
            page(
                "pages/penilai_pegawai.py",
                "Penilai Pegawai",
                ":material/supervisor_account:",
                url_path="penilai-pegawai",
            ),
        ],
    }
    if context.plans_like_jpt:
        menu["Data Master"] = [
            page(
                "pages/perjanjian_kinerja.py",
                "Perjanjian Kinerja",
                ":material/contract:",
                url_path="perjanjian-kinerja",
            )
        ]
    perencanaan = [page("pages/rencana_skp.py", "Rencana SKP", ":material/flag:", url_path="rencana-skp")]
    if context.is_atasan:
        perencanaan.append(
            page(
                "pages/matriks_peran_hasil.py",
                "Matriks Peran Hasil",
                ":material/grid_view:",
                url_path="matriks-peran-hasil",
            )
        )
    menu["Perencanaan Kinerja"] = perencanaan
    menu["Kinerja Harian"] = [
        page("pages/aktivitas_harian.py", "Aktivitas Harian", ":material/schedule:", url_path="aktivitas-harian"),
        page("pages/umpan_balik.py", "Umpan Balik Berkelanjutan", ":material/forum:", url_path="umpan-balik"),
    ]
    evaluasi = page("pages/evaluasi_kinerja.py", "Evaluasi Kinerja", ":material/star:", url_path="evaluasi-kinerja")
    if context.is_atasan:
        menu["Atasan"] = [page("pages/validasi.py", "Validasi", ":material/task_alt:", url_path="validasi"), evaluasi]
    if actor.boleh_lihat_dasbor:
        # Kurva Distribusi lives on the Evaluasi Kinerja page; a pimpinan or admin without bawahan reaches it here.
        menu["Pimpinan"] = [
            page("pages/dasbor_capaian.py", "Dasbor Capaian", ":material/monitoring:", url_path="dasbor-capaian"),
            page(
                "pages/penetapan_predikat.py",
                "Penetapan Predikat Organisasi",
                ":material/gavel:",
                url_path="penetapan-predikat",
            ),
        ] + ([] if context.is_atasan else [evaluasi])
    if actor.is_admin:
        menu["Admin"] = [
            page("pages/admin_pegawai.py", "Pegawai dan Akun", ":material/manage_accounts:", url_path="admin-pegawai"),
            page("pages/admin_rekap_tpp.py", "Rekap TPP", ":material/payments:", url_path="rekap-tpp"),
            page(
                "pages/admin_ketidakhadiran.py",
                "Ketidakhadiran",
                ":material/event_busy:",
                url_path="ketidakhadiran",
            ),
            page("pages/admin_plt.py", "Plt dan Plh", ":material/badge:", url_path="plt-plh"),
            page("pages/admin_tutup_bulan.py", "Tutup Bulan", ":material/lock_clock:", url_path="tutup-bulan"),
            page("pages/admin_referensi.py", "Data Referensi", ":material/list_alt:", url_path="data-referensi"),
            page("pages/admin_pengaturan.py", "Pengaturan", ":material/settings:", url_path="pengaturan"),
            page("pages/admin_monitoring.py", "Monitoring", ":material/fact_check:", url_path="monitoring"),
            page("pages/admin_audit.py", "Audit Log", ":material/history:", url_path="audit-log"),
            page("pages/admin_pengingat.py", "Pengingat", ":material/campaign:", url_path="pengingat"),
        ]
    notifikasi = page("pages/notifikasi.py", "Notifikasi", ":material/notifications:", url_path="notifikasi")
    menu["Akun"] = [
        notifikasi,
        ganti_password,
        page("pages/panduan.py", "Panduan", ":material/menu_book:", url_path="panduan"),
    ]
    return menu_kepala_daerah(context, menu) if context.kepala_daerah else menu


#: The employee items a Kepala Daerah or Wakil does not get: they have no SKP (docs/domain.md §8.32).
BUKAN_KEPALA_DAERAH = {
    "periode-skp",
    "penilai-pegawai",
    "perjanjian-kinerja",
    "rencana-skp",
    "matriks-peran-hasil",
    "aktivitas-harian",
    "umpan-balik",
}


def menu_kepala_daerah(context: PageContext, menu: dict[str, list[st.Page]]) -> dict[str, list[st.Page]]:
    """The menu without the employee items; as penilai of the JPT they keep the atasan's work on their SKP:
    the Rencana SKP page as "Proses Penetapan" and the Umpan Balik of their bawahan."""
    tanpa = {bagian: [p for p in items if p.url_path not in BUKAN_KEPALA_DAERAH] for bagian, items in menu.items()}
    if context.is_atasan:
        tanpa["Atasan"] = [
            page("pages/rencana_skp.py", "Proses Penetapan", ":material/gavel:", url_path="proses-penetapan"),
            page("pages/umpan_balik.py", "Umpan Balik Berkelanjutan", ":material/forum:", url_path="umpan-balik"),
            *tanpa["Atasan"],
        ]
    return {bagian: items for bagian, items in tanpa.items() if items}


def _menu_hanya_baca() -> dict[str, list[st.Page]]:
    """A pensiunan in the read window (docs/domain.md §8.31): the pages that show and print their own SKP,
    Cetak capaian and evaluations (no Beranda: its to-dos are for pegawai in service); every write is refused by
    the services anyway."""
    return {
        "Dokumen (akses baca pensiun)": [
            page(
                "pages/aktivitas_harian.py",
                "Aktivitas Harian",
                ":material/schedule:",
                url_path="aktivitas-harian",
                default=True,
            ),
            page("pages/periode_skp.py", "Periode SKP", ":material/calendar_month:", url_path="periode-skp"),
            page("pages/rencana_skp.py", "Rencana SKP", ":material/flag:", url_path="rencana-skp"),
            page("pages/evaluasi_kinerja.py", "Evaluasi Kinerja", ":material/star:", url_path="evaluasi-kinerja"),
        ],
        "Akun": [page("pages/panduan.py", "Panduan", ":material/menu_book:", url_path="panduan")],
    }


#: Every address of the menu (a test holds it to pages_for). Logged out, each shows the login form, which keeps the
#: link's query for after the login (a reminder's /validasi?nip=…), instead of Streamlit's English "Page not found".
ALAMAT_MENU = (
    "beranda periode-skp penilai-pegawai perjanjian-kinerja rencana-skp matriks-peran-hasil aktivitas-harian "
    "umpan-balik notifikasi evaluasi-kinerja validasi proses-penetapan dasbor-capaian penetapan-predikat "
    "admin-pegawai rekap-tpp ketidakhadiran plt-plh tutup-bulan data-referensi pengaturan monitoring pengingat "
    "audit-log ganti-password panduan"
).split()


def halaman_login() -> list[st.Page]:
    """The logged-out menu: the login form at /login and at every menu address."""
    return [st.Page(login_gate.login_page, title="Log in", icon=":material/login:", url_path="login")] + [
        st.Page(login_gate.login_page, title="Log in", url_path=alamat) for alamat in ALAMAT_MENU
    ]


def main() -> None:
    try:
        cookie_key()
    except KunciCookieLemah as lemah:  # refused at start: a guessable key would let anyone forge a login
        st.error(str(lemah), icon=":material/key_off:")
        st.stop()
    memori.buang_widget_lama()
    engine = get_engine()
    # One read-only transaction per run (issue #20): the login resumed, the actor loaded fresh (its pegawai row is
    # already in this session), the menu inputs and the sidebar count only when this session's copy is stale.
    with session_scope(engine, readonly=True) as session:
        login = login_gate.current_login(session)
        if login is not None:
            actor = load_actor(session, login.pegawai_id)
            cached = tersimpan(actor)
            context = cached or _konteks(session, engine, actor)
    if login is None:
        st.navigation(halaman_login(), position="hidden").run()
        return
    set_context(context, dihitung=cached is None)
    login_gate.set_cookie_if_pending()
    menu = pages_for(context, login.must_change_password)
    st.session_state["_sipijar_menu"] = {section: [p.title for p in items] for section, items in menu.items()}
    navigasi = st.navigation(menu, expanded=True)
    tujuan = login_gate.ambil_tujuan()
    validasi = [p for items in menu.values() for p in items if p.url_path == "validasi"]
    if "nip" in tujuan and validasi:  # a reminder's link followed before the login (docs/domain.md §8.36)
        st.switch_page(validasi[0], query_params=tujuan)
    navigasi.run()


def _konteks(session: Session, engine: Engine, actor: Actor) -> PageContext:
    """What the menu and the sidebar need beyond the actor: whether the Atasan menu shows, the Plt/Plh lines and
    the work waiting for an atasan."""
    pegawai = session.get_one(Pegawai, actor.pegawai_id)
    is_atasan = punya_bawahan(session, actor)
    return PageContext(
        engine,
        actor,
        is_atasan,
        pegawai.plans_like_jpt,
        beranda.tugas_atasan(session, actor, dengan_bawahan_baru=False).total if is_atasan else 0,
        kepala_daerah=pegawai.is_kepala_daerah,
        penugasan=tuple(label_penugasan(session, actor)) if is_atasan else (),  # a Plt/Plh is an atasan
        notifikasi=0 if actor.hanya_baca else belum_dibaca(session, actor.pegawai_id),
    )


from components import memori  # noqa: E402, F401  (gc.freeze of all imported above, once per process)
from components.giliran import giliran  # noqa: E402

with giliran():  # a few runs at a time per process (components/giliran.py)
    main()
