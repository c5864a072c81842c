"""The cookie key is never a default in code: environment first, then the secrets file, else a random
key written once into the (git-ignored) secrets file. And the README's demo logins are the real ones."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from components.config import KUNCI_CONTOH, KunciCookieLemah, cookie_key
from services.contoh.demo import DEMO_LOGINS

ROOT = Path(__file__).resolve().parents[2]


def test_environment_key_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SIPIJAR_COOKIE_KEY", "dari-lingkungan-" + "a" * 30)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('cookie_key = "dari-berkas"\n')
    assert cookie_key(secrets) == "dari-lingkungan-" + "a" * 30


def test_secrets_file_key_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv("SIPIJAR_COOKIE_KEY", raising=False)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('cookie_key = "dari-berkas-rahasia-yang-cukup-panjang-2026"\n')
    assert cookie_key(secrets) == "dari-berkas-rahasia-yang-cukup-panjang-2026"


def test_missing_key_is_generated_once_private_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SIPIJAR_COOKIE_KEY", raising=False)
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    first = cookie_key(secrets)
    assert len(first) >= 48
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    assert cookie_key(secrets) == first  # a restart keeps the key, so cookies stay valid
    other = tmp_path / "other" / "secrets.toml"
    assert cookie_key(other) != first  # random, not a constant


def test_secrets_file_is_git_ignored():
    assert ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text().splitlines()


def test_readme_demo_logins_are_real_accounts():
    readme = (ROOT / "README.md").read_text()
    rows = re.findall(r"^\| (.+?) \| (.+?) \| (\d{18}) \|$", readme, flags=re.M)
    assert rows, "README lists demo logins"
    real = {(peran, nama, nip) for peran, nama, nip in DEMO_LOGINS}
    for row in rows:
        assert row in real, row


@pytest.mark.parametrize(
    "key,pesan",
    [
        (KUNCI_CONTOH, "masih kunci contoh dari secrets.toml.example"),
        ("  " + KUNCI_CONTOH + " ", "masih kunci contoh"),
        ("a" * 31, "terlalu pendek (31 byte); minimal 32 byte acak"),
        ("rahasia", "terlalu pendek (7 byte)"),
    ],
)
def test_a_weak_key_is_refused_from_the_environment_and_from_the_file(tmp_path, monkeypatch, key, pesan):
    """Issue #17: the example file's placeholder was accepted as a real key."""
    monkeypatch.setenv("SIPIJAR_COOKIE_KEY", key)
    with pytest.raises(KunciCookieLemah, match=re.escape(pesan)):
        cookie_key(tmp_path / "secrets.toml")
    monkeypatch.delenv("SIPIJAR_COOKIE_KEY")
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'cookie_key = "{key}"\n')
    with pytest.raises(KunciCookieLemah, match=re.escape(pesan)):
        cookie_key(secrets)


def test_the_example_secrets_file_holds_the_refused_placeholder():
    """If someone copies the example as it is, the app refuses to start instead of signing with it."""
    assert f'cookie_key = "{KUNCI_CONTOH}"' in (ROOT / ".streamlit" / "secrets.toml.example").read_text()


def test_the_app_refuses_to_start_with_the_example_key(app_env, monkeypatch):
    from tests.app.conftest import new_app, polos

    monkeypatch.setenv("SIPIJAR_COOKIE_KEY", KUNCI_CONTOH)
    at = new_app().run()
    assert not at.exception
    assert "kunci contoh" in polos(at.error[0].value)
    assert not at.text_input  # no login form
