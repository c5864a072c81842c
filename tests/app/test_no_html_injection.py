"""Issue #8 (2): user text is never rendered as markdown or HTML that runs. Hostile text is written
straight into the database (a pegawai's name, an aktivitas, a realisasi's sumber data and umpan balik);
every screen that shows it is opened with AppTest, and no markdown-rendered element (markdown, captions,
titles, alerts, the labels of widgets, expanders, tabs and metrics, and — since Streamlit 1.67 — every
cell of an st.table, which Streamlit renders as markdown too) may carry the raw sequences. In st.text /
st.dataframe / st.code the text is inert and may appear as it is."""

from __future__ import annotations

import re
from datetime import time
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from db.enums import JenisKetidakhadiran, StatusAktivitas
from db.models import AktivitasHarian, Ketidakhadiran, Pegawai, RealisasiBulanan, RencanaHasilKerja, UnitKerja
from db.session import session_scope
from services.platform.kalender import hari_ini
from tests.app.conftest import keadaan_tab, login, pilih_pegawai, polos
from tests.factories import build_skp

SCRIPT, GAMBAR, TAUTAN = "<script>alert(1)</script>", "![x](https://evil.example/x.png)", "[klik](javascript:alert(1))"
PAYLOAD = f"{SCRIPT} {GAMBAR} {TAUTAN}"
BERBAHAYA = ("<script>", "](javascript:", "![")
TODAY = hari_ini()


def _aktivitas_menunggu(org, skp, teks: str) -> AktivitasHarian:
    """One hour of staf's today, waiting for the atasan, with ``teks`` as the activity."""
    return AktivitasHarian(
        pegawai_id=org.staf.pegawai_id,
        periode_id=skp.periode_id,
        rhk_id=skp.rhk_ids[0],
        tanggal=TODAY,
        jam_mulai=time(8),
        jam_selesai=time(9),
        durasi_menit=60,
        aktivitas=teks,
        volume=Decimal(1),
        satuan="Dokumen",
        status=StatusAktivitas.MENUNGGU,
    )


@pytest.fixture
def env(app_env):
    engine = app_env.engine()
    org = app_env.org
    with session_scope(engine) as s:
        build_skp(s, org.kasubbid, TODAY.year)
        skp = build_skp(s, org.staf, TODAY.year)
        s.get(Pegawai, org.staf.pegawai_id).nama = f"Staf {PAYLOAD}"
        s.add(_aktivitas_menunggu(org, skp, f"Aktivitas {PAYLOAD}"))
        s.add(
            RealisasiBulanan(
                indikator_id=skp.indikator_ids[0],
                bulan=TODAY.month,
                realisasi=Decimal(1),
                sumber_data=f"Sumber {PAYLOAD}",
                umpan_balik=f"Umpan balik {PAYLOAD}",
            )
        )
        hari = TODAY.replace(day=1 if TODAY.day > 1 else 2)  # not the day of the activity above
        s.add(
            Ketidakhadiran(
                pegawai_id=org.staf.pegawai_id,
                jenis=JenisKetidakhadiran.IZIN,
                tanggal_mulai=hari,
                tanggal_akhir=hari,
                keterangan=f"Izin {PAYLOAD}"[:300],
            )
        )
    engine.dispose()
    return app_env


def _markdown_bodies(at) -> list[tuple[str, str]]:
    """Every text of the page that Streamlit renders as markdown, with where it came from."""
    out: list[tuple[str, str]] = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success", "toast"):
        for el in getattr(at, kind, []):
            out.append((kind, str(getattr(el, "value", "") or "")))
            assert not getattr(el.proto, "allow_html", False) or not any(b in str(el.value) for b in BERBAHAYA), kind
    for el in getattr(at, "table", []):
        out.extend(("table", str(cell)) for cell in el.value.to_numpy().ravel().tolist() + list(el.value.columns))
    for kind in (
        "button",
        "checkbox",
        "selectbox",
        "multiselect",
        "radio",
        "text_input",
        "text_area",
        "number_input",
        "date_input",
        "time_input",
        "toggle",
        "slider",
        "select_slider",
        "expander",
        "tabs",
        "metric",
        "download_button",
    ):
        try:
            items = getattr(at, kind)
        except (AttributeError, KeyError):
            continue
        for el in items:
            label = getattr(el, "label", None)
            if label:
                out.append((f"{kind}.label", str(label)))
            hlp = getattr(el, "help", None)
            if hlp:
                out.append((f"{kind}.help", str(hlp)))
    return out


def _periksa(at, halaman: str, harus_tampil: str | None = None) -> str:
    """Fails on user text rendered as markdown; returns what the page shows (to find ``harus_tampil`` in)."""
    if at is None:  # the role does not have this page (page-level access is tested elsewhere)
        return ""
    assert not at.exception, [e.value for e in at.exception]
    bocor = [(kind, body) for kind, body in _markdown_bodies(at) if any(b in body for b in BERBAHAYA)]
    assert not bocor, f"{halaman}: user text rendered as markdown: {bocor}"
    semua = " ".join(polos(body) for _, body in _markdown_bodies(at))  # what a user reads of escaped text
    for kind in ("text", "code", "json"):
        semua += " ".join(str(getattr(el, "value", "")) for el in getattr(at, kind, []))
    for el in getattr(at, "dataframe", []):
        semua += " " + el.value.to_string()
    if harus_tampil:
        # the text is still there for the user, somewhere inert or escaped
        assert harus_tampil in semua, f"{halaman}: {harus_tampil!r} not shown at all"
    return semua


def _buka(nip: str, halaman: str, tab: dict[str, str] | None = None):
    at = login(nip)
    for kunci, label in (tab or {}).items():
        at.session_state[kunci] = label
    try:
        at.switch_page(halaman)
    except ValueError:  # not in this role's navigation
        return None
    return at.run()


def _periksa_semua_tab(nip: str, halaman: str, harus_tampil: str | None = None) -> None:
    """:func:`_periksa` on every tab of the page (only the open one is drawn); ``harus_tampil`` on one of them."""
    semua = " ".join(_periksa(at, f"{halaman} {tab}") for tab, at in keadaan_tab(lambda tab: _buka(nip, halaman, tab)))
    if harus_tampil:
        assert harus_tampil in semua, f"{halaman}: {harus_tampil!r} not shown on any tab"


def test_pegawai_screens_show_hostile_text_inert(env):
    nip = env.org.staf.nip
    at = login(nip)
    _periksa(at, "beranda")
    for halaman, tampil in (
        ("pages/aktivitas_harian.py", "Aktivitas <script>"),
        ("pages/umpan_balik.py", "Sumber <script>"),
        ("pages/periode_skp.py", None),
        ("pages/rencana_skp.py", None),
        ("pages/penilai_pegawai.py", None),
        ("pages/evaluasi_kinerja.py", None),
    ):
        _periksa_semua_tab(nip, halaman, tampil)


def test_atasan_screens_show_hostile_text_inert(env):
    nip = env.org.kasubbid.nip
    for halaman in (
        "pages/validasi.py",
        "pages/umpan_balik.py",
        "pages/evaluasi_kinerja.py",
        "pages/matriks_peran_hasil.py",
        "pages/rencana_skp.py",
        "pages/beranda.py",
    ):
        _periksa_semua_tab(nip, halaman)


def test_validasi_screen_shows_the_bawahan_and_the_aktivitas_inert(env):
    at = _buka(env.org.kasubbid.nip, "pages/validasi.py")
    assert at is not None
    assert pilih_pegawai(at).label == "Pilih Pegawai"  # staf is the one preselected
    _periksa(at, "validasi", harus_tampil="Aktivitas <script>")
    assert any("Staf" in c.value for c in at.caption)  # the name, escaped
    next(b for b in at.button if b.label == "Tolak").click().run()  # opens the alasan field
    next(b for b in at.button if b.label == "Tolak").click().run()  # its Tolak: an error rerun shows it again
    assert "Alasan penolakan wajib diisi" in polos(at.error[0].value)
    _periksa(at, "validasi (tolak tanpa alasan)", harus_tampil="Aktivitas <script>")


def test_pimpinan_and_admin_screens_show_hostile_text_inert(env):
    for nip, halaman in (
        (env.org.kepala.nip, "pages/dasbor_capaian.py"),
        (env.org.admin.nip, "pages/dasbor_capaian.py"),
        (env.org.admin.nip, "pages/admin_monitoring.py"),
        (env.org.admin.nip, "pages/admin_audit.py"),
        (env.org.admin.nip, "pages/admin_pegawai.py"),
        (env.org.admin.nip, "pages/admin_rekap_tpp.py"),
        (env.org.admin.nip, "pages/admin_ketidakhadiran.py"),
    ):
        _periksa_semua_tab(nip, halaman)


def test_the_check_catches_raw_markdown():
    """The detector itself: an unescaped payload in a markdown body is caught, an escaped one is not."""
    from components.ui import esc

    assert any(b in PAYLOAD for b in BERBAHAYA)
    assert not any(b in esc(PAYLOAD) for b in BERBAHAYA)


def _konfirmasi_berbahaya():
    import streamlit as st

    from components.ui import confirm
    from tests.app.test_no_html_injection import PAYLOAD

    confirm("uji", f'Hapus indikator "{PAYLOAD}"?', f"Hapus indikator: {PAYLOAD}", lambda: st.write("dihapus"))


def test_a_confirmation_quoting_user_text_shows_it_inert():
    """components.ui.confirm quotes user text (an indikator on Perjanjian Kinerja, a pegawai's name on
    Evaluasi Kinerja) in its button and its question: neither runs it as markdown."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_konfirmasi_berbahaya).run()
    _periksa(at, "konfirmasi")
    at.button(key="ask_uji").click().run()
    assert at.warning, "the question is asked"
    _periksa(at, "konfirmasi (pertanyaan)")
    assert "Hapus indikator" in polos(at.warning[0].value)


# --- issue #17 (6): every page, every role, hostile names of everyone, units, RHK and activity texts --------

MD_GAMBAR_TAUTAN = "Budi ![x](http://127.0.0.1:9/px.png) [klik](https://example.invalid) <b>x</b>"
# A live link or image in rendered markdown: an unescaped "](" or "![", an HTML tag, or a bare address
# (GFM autolinks "https://…" and "www.…"). The cookie component's own static <style> is not user text.
LINK_ATAU_GAMBAR = re.compile(r"(?<!\\)\]\(|(?<!\\)!\[|(?<!\\)<(?!/?style>)[a-zA-Z/]|https?://|www\.")
HALAMAN = sorted(f"pages/{p.name}" for p in (Path(__file__).resolve().parents[2] / "pages").glob("*.py"))
PERAN = ("staf", "fungsional", "kasubbid", "kabid", "kepala", "bupati", "admin")


@pytest.fixture
def env_semua(app_env):
    """Every pegawai's name, every unit's name, the RHK and the activities carry the payload."""
    engine = app_env.engine()
    org = app_env.org
    with session_scope(engine) as s:
        build_skp(s, org.kasubbid, TODAY.year)
        skp = build_skp(s, org.staf, TODAY.year)
        for p in s.scalars(select(Pegawai)):
            p.nama = f"{p.nama} {MD_GAMBAR_TAUTAN}"
        for u in s.scalars(select(UnitKerja)):
            u.nama = f"{u.nama} {MD_GAMBAR_TAUTAN}"
        for r in s.scalars(select(RencanaHasilKerja)):
            r.teks = f"{r.teks} {MD_GAMBAR_TAUTAN}"
        s.add(_aktivitas_menunggu(org, skp, f"Aktivitas {MD_GAMBAR_TAUTAN}"))
    engine.dispose()
    return app_env


def _tanpa_tautan(at, halaman: str) -> None:
    if at is None:
        return
    assert not at.exception, [e.value for e in at.exception]
    bocor = [(kind, body) for kind, body in _markdown_bodies(at) if LINK_ATAU_GAMBAR.search(body)]
    assert not bocor, f"{halaman}: a link or an image in rendered markdown: {bocor}"


@pytest.mark.parametrize("peran", PERAN)
def test_every_page_of_every_role_renders_no_link_or_image(env_semua, peran):
    nip = getattr(env_semua.org, peran).nip
    for halaman in HALAMAN:
        for tab, at in keadaan_tab(lambda tab, halaman=halaman: _buka(nip, halaman, tab)):
            _tanpa_tautan(at, f"{halaman} {tab} ({peran})")


def test_the_validasi_success_message_quotes_the_name_inert(env_semua):
    """The break of issue #17: Validasi Semua's success message quoted the bawahan's name as markdown."""
    at = _buka(env_semua.org.kasubbid.nip, "pages/validasi.py")
    next(b for b in at.button if b.label == "Validasi Semua").click().run()
    assert "1 aktivitas Staf Uji Budi" in polos(at.success[0].value)
    _tanpa_tautan(at, "validasi (sesudah Validasi Semua)")


def test_the_link_detector_sees_raw_markdown_and_not_escaped_text():
    from components.ui import esc

    assert LINK_ATAU_GAMBAR.search(MD_GAMBAR_TAUTAN)
    assert not LINK_ATAU_GAMBAR.search(esc(MD_GAMBAR_TAUTAN))
