"""Issue #16 (8): no screen shows "None", "nan" or one of Streamlit's English defaults. Every page of every
role's menu is opened with AppTest over data that leaves fields empty (an activity without bukti, a realisasi
without bukti dukung, audit rows without a "before"), and every text the user can read is searched: markdown,
captions, alerts, labels, help, options, metric values, table and dataframe cells. Widgets whose English
default text lives in the browser are checked by their settings: a selectbox with nothing chosen needs a
placeholder, a multiselect always, a date_input the DD/MM/YYYY format, a file_uploader the Indonesian
picker (components.unggah). The browser stories check the rendered page text for the same strings."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from components.unggah import GAYA_UNGGAH
from db.models import SKP, IndikatorKinerja, Pegawai, RealisasiBulanan, RencanaHasilKerja
from db.session import session_scope
from services.platform.kalender import hari_ini
from tests.app.conftest import login, menu
from tests.app.test_formulir_hostile import _data
from tests.app.test_no_html_injection import _markdown_bodies

#: What must never reach a reader: Python's and pandas' empty values.
KOSONG = re.compile(r"\b(None|nan|NaN|NaT)\b")
#: Streamlit's English defaults (server- or browser-side) as they would read on a page.
INGGRIS = (
    "Choose an option",
    "Choose options",
    "Select...",
    "No options to select",
    "No results",
    "Drag and drop",
    "Browse files",
    "per file",
    "Upload",
    "Help for",
    "day/month/year",
    "Press Enter",
    "Running...",
)
HALAMAN = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "pages").glob("*.py"))
PERAN = ("staf", "fungsional", "kasubbid", "kabid", "kepala", "admin", "bupati")


def _kepala_daerah_dan_isian_kosong(app_env) -> None:
    """The Bupati as Kepala Daerah (docs/domain.md §8.32): their own menu and home; and the staf's realisasi
    of this month without sumber data, bukti dukung or umpan balik (the empty cells that read "None")."""
    with session_scope(app_env.engine()) as s:
        bupati = s.scalar(select(Pegawai).where(Pegawai.nip == app_env.org.bupati.nip))
        bupati.is_kepala_daerah = True
        indikator = s.scalar(
            select(IndikatorKinerja.id)
            .join(RencanaHasilKerja, IndikatorKinerja.rhk_id == RencanaHasilKerja.id)
            .join(SKP, RencanaHasilKerja.skp_id == SKP.id)
            .where(SKP.pegawai_id == app_env.org.staf.pegawai_id)
            .limit(1)
        )
        s.add(RealisasiBulanan(indikator_id=indikator, bulan=hari_ini().month, realisasi=Decimal(38)))


def _teks(at) -> list[tuple[str, str]]:
    """Every text a reader sees, with where it came from."""
    out = list(_markdown_bodies(at))
    for kind in ("text", "code"):
        out.extend((kind, str(el.value)) for el in getattr(at, kind, []))
    out.extend(("metric.value", str(m.value)) for m in at.metric)
    for kind in ("selectbox", "multiselect", "radio"):
        for el in getattr(at, kind):
            out.extend((f"{kind}.option", str(o)) for o in el.options)
            out.append((f"{kind}.placeholder", str(getattr(el.proto, "placeholder", ""))))
    for el in at.dataframe:
        tabel = el.value
        out.extend(("dataframe.header", str(c)) for c in tabel.columns)
        out.extend(("dataframe.cell", str(c)) for c in tabel.to_numpy().ravel().tolist())
    return out


def _kosong(selectbox) -> bool:
    """Nothing chosen (the browser shows the placeholder, or Streamlit's English one); an option None is a
    choice with its own label."""
    if not selectbox.options:
        return True
    if selectbox.value is not None:
        return False
    try:
        return str(selectbox.format_func(None)) not in selectbox.options
    except Exception:  # a format_func made for real options only  # noqa: BLE001
        return True


def _setelan_inggris(at) -> list[str]:
    """Widgets that would show an English default in the browser."""
    salah = [f"selectbox {s.label!r} without placeholder" for s in at.selectbox if _kosong(s) and not s.placeholder]
    salah += [f"radio {r.label!r} without options" for r in at.radio if not r.options]
    salah += [f"multiselect {m.label!r} without placeholder" for m in at.multiselect if not m.placeholder]
    salah += [
        f"date_input {d.label!r} format {d.proto.format}" for d in at.date_input if d.proto.format != "DD/MM/YYYY"
    ]
    unggah = at.get("file_uploader")
    if unggah and not any(GAYA_UNGGAH in h.proto.body for h in at.get("html")):
        salah.append("file_uploader without components.unggah")
    return salah


def periksa(at, halaman: str) -> list[str]:
    """What the page shows that it must not, as "page: where: text" lines."""
    assert not at.exception, (halaman, [e.value for e in at.exception][:1])
    teks = _teks(at)
    salah = [f"{kind}: {body[:120]}" for kind, body in teks if KOSONG.search(body)]
    salah += [f"{kind}: {body[:120]}" for kind, body in teks for e in INGGRIS if e in body]
    return [f"{halaman}: {s}" for s in salah + _setelan_inggris(at)]


@pytest.mark.parametrize("peran", PERAN)
def test_no_page_of_any_role_shows_none_nan_or_english_defaults(app_env, peran):
    _data(app_env)
    _kepala_daerah_dan_isian_kosong(app_env)
    nip = getattr(app_env.org, peran).nip
    at = login(nip)
    salah = periksa(at, f"{peran}: Beranda")
    dibuka = 1
    for halaman in HALAMAN:
        try:
            at.switch_page(f"pages/{halaman}")
        except ValueError:  # not in this role's menu
            continue
        salah += periksa(at.run(), f"{peran}: {halaman}")
        dibuka += 1
    assert dibuka >= sum(len(v) for v in menu(at).values())  # at least every page of the menu
    assert not salah, "\n".join(salah)


def test_the_check_catches_none_and_english():
    """The detector itself."""
    assert KOSONG.search("Bukti: None") and KOSONG.search("nan") and not KOSONG.search("Nanang, Kenanga")
    assert any(e in "Drag and drop file here · Limit 20MB per file" for e in INGGRIS)


def test_no_screen_uses_the_removed_use_container_width():
    """Streamlit answers ``use_container_width`` with an English deprecation warning (its removal date has
    passed): every page and component sizes its elements with ``width=`` instead. A screen whose table is empty
    in the data above (the Pengingat runs) would hide it from the check of the rendered text."""
    akar = Path(__file__).resolve().parents[2]
    berkas = [*akar.glob("pages/*.py"), *akar.glob("components/*.py"), akar / "app.py"]
    assert [p.name for p in berkas if "use_container_width" in p.read_text(encoding="utf-8")] == []
