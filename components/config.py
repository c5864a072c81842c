"""Runtime configuration for the app: the database engine and the cookie key.

The cookie key comes from ``SIPIJAR_COOKIE_KEY`` or ``.streamlit/secrets.toml``; when neither has
one, a random key is written into the (git-ignored) secrets file on first start. There is no default
key in code. Replicas behind one proxy must share the key (same env or same secrets file).
"""

from __future__ import annotations

import os
import secrets
import tomllib
from pathlib import Path

import streamlit as st
from sqlalchemy import Engine

from db.engine import PROJECT_ROOT, database_url, make_engine
from db.migrate import upgrade
from db.session import session_scope
from services.platform import kalender

SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"


def demo_mode() -> bool:
    """Demo mode (``SIPIJAR_DEMO=1``, set by ``make run``): seed an empty database, show demo logins."""
    return os.environ.get("SIPIJAR_DEMO", "0") == "1"


#: The placeholder of .streamlit/secrets.toml.example: anyone can read it, so it signs nothing.
KUNCI_CONTOH = "ganti-dengan-kunci-acak-panjang"
PANJANG_KUNCI_MIN = 32  # bytes: HS256 signs with the key, so it must be at least as long as the hash


class KunciCookieLemah(RuntimeError):
    """The configured cookie key cannot be trusted; the app refuses to start with it."""


def periksa_kunci(key: str, sumber: str) -> str:
    """The key, or :class:`KunciCookieLemah` with what to do (for the operator, at start)."""
    if key.strip() == KUNCI_CONTOH:
        raise KunciCookieLemah(
            f"Kunci cookie dari {sumber} masih kunci contoh dari secrets.toml.example. Ganti dengan kunci acak "
            'sendiri (misalnya: python -c "import secrets; print(secrets.token_urlsafe(48))"), atau hapus '
            "baris cookie_key agar SIPIJAR membuatnya."
        )
    if len(key.encode()) < PANJANG_KUNCI_MIN:
        raise KunciCookieLemah(
            f"Kunci cookie dari {sumber} terlalu pendek ({len(key.encode())} byte); minimal "
            f"{PANJANG_KUNCI_MIN} byte acak."
        )
    return key


def cookie_key(secrets_file: Path = SECRETS_FILE) -> str:
    """The key signing the login cookie; a weak one (the example, under 32 bytes) is refused."""
    key = os.environ.get("SIPIJAR_COOKIE_KEY")
    if key:
        return periksa_kunci(key, "SIPIJAR_COOKIE_KEY")
    if secrets_file.exists():
        with secrets_file.open("rb") as fh:
            key = tomllib.load(fh).get("cookie_key")
        if key:
            return periksa_kunci(str(key), str(secrets_file))
    key = secrets.token_urlsafe(48)
    secrets_file.parent.mkdir(parents=True, exist_ok=True)
    with secrets_file.open("a", encoding="utf-8") as fh:
        fh.write(f'\n# Dibuat otomatis saat pertama kali dijalankan; jangan dibagikan.\ncookie_key = "{key}"\n')
    secrets_file.chmod(0o600)
    return key


def cookie_aman() -> bool:
    """``SIPIJAR_COOKIE_SECURE=1`` behind HTTPS: the browser sends the login cookie over HTTPS only."""
    return os.environ.get("SIPIJAR_COOKIE_SECURE", "0") == "1"


def proxy_tepercaya() -> bool:
    """``SIPIJAR_PROXY_TEPERCAYA=1`` when the app is reachable only through our reverse proxy, which appends
    the client's address to X-Forwarded-For; otherwise that header is the client's to forge and is ignored."""
    return os.environ.get("SIPIJAR_PROXY_TEPERCAYA", "0") == "1"


@st.cache_resource(show_spinner="Menyiapkan basis data…")
def _engine_for(url: str) -> Engine:
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        # docs/domain.md §8.24: the years in use have their hari libur from the first start, no admin action.
        kalender.pastikan_tahun_terpakai(session)
    if demo_mode():
        from services.contoh import demo

        with session_scope(engine) as session:
            if demo.kosong(session):
                demo.isi_demo(session)
    return engine


def get_engine() -> Engine:
    """The one Engine per database URL (the Engine is shared; Sessions never are)."""
    return _engine_for(database_url())
