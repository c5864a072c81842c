"""The login cookie (issue #17): a token signed with our key but malformed is a logged-out browser, not a
crash; the cookie is Secure behind HTTPS (a setting) and SameSite=Strict; the client address for the login
limit comes from X-Forwarded-For only behind our own proxy."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

import jwt
import pytest

import components.auth as gate

KEY = "kunci-uji-" + "x" * 40


@pytest.fixture(autouse=True)
def _key(monkeypatch):
    monkeypatch.setenv("SIPIJAR_COOKIE_KEY", KEY)


def _token(payload: dict, key: str = KEY) -> str:
    return jwt.encode(payload, key, algorithm="HS256")


BESOK = (datetime.now() + timedelta(days=1)).timestamp()


@pytest.mark.parametrize(
    "payload",
    [
        {"sid": "abc", "exp_date": "besok"},  # the break of issue #17: a text exp_date crashed the page
        {"sid": "abc", "exp_date": None},
        {"sid": "abc", "exp_date": True},
        {"sid": "abc", "exp_date": [BESOK]},
        {"sid": "abc"},
        {"sid": 12, "exp_date": BESOK},
        {"sid": None, "exp_date": BESOK},
        {"exp_date": BESOK},
        {"sid": "abc", "exp_date": BESOK - 3 * 86400},  # expired
    ],
)
def test_a_malformed_or_expired_token_is_logged_out(payload):
    assert gate._sid(_token(payload)) is None


@pytest.mark.parametrize("token", [None, 12, "", "bukan.jwt", _token({"sid": "abc", "exp_date": BESOK}, "k" * 40)])
def test_a_token_that_is_not_ours_is_logged_out(token):
    assert gate._sid(token) is None


def test_a_good_token_names_its_session():
    assert gate._sid(_token({"sid": "abc", "exp_date": BESOK, "username": "x"})) == "abc"


class _Pengelola:
    def __init__(self):
        self.calls: list[dict] = []

    def set(self, name, value, **kw):
        self.calls.append({"name": name, "value": value, **kw})


def _cookie_uji() -> gate.SesiCookie:
    cookie = gate.SesiCookie.__new__(gate.SesiCookie)  # no browser component outside a running page
    cookie.cookie_name, cookie.cookie_key, cookie.cookie_expiry_days = gate.COOKIE_NAME, KEY, 30
    cookie.cookie_manager = _Pengelola()
    return cookie


@pytest.mark.parametrize("env,secure", [(None, False), ("0", False), ("1", True)])
def test_the_cookie_is_secure_behind_https_and_strict(monkeypatch, env, secure):
    if env is None:
        monkeypatch.delenv("SIPIJAR_COOKIE_SECURE", raising=False)
    else:
        monkeypatch.setenv("SIPIJAR_COOKIE_SECURE", env)
    monkeypatch.setattr(gate.st, "session_state", {"username": "198001012000017710", "sesi_id": "sesi-1"})
    cookie = _cookie_uji()
    cookie.set_cookie()
    [call] = cookie.cookie_manager.calls
    assert (call["name"], call["secure"], call["same_site"]) == (gate.COOKIE_NAME, secure, "strict")
    assert gate._sid(call["value"]) == "sesi-1"  # and it is a token the gate reads back


@pytest.mark.parametrize(
    "tepercaya,headers,ip,alamat",
    [
        ("1", {"X-Forwarded-For": "6.6.6.6, 203.0.113.5"}, "10.0.0.2", "203.0.113.5"),  # the proxy's own entry
        ("1", {"X-Forwarded-For": "203.0.113.5"}, "10.0.0.2", "203.0.113.5"),
        ("1", {}, "10.0.0.2", "10.0.0.2"),
        ("0", {"X-Forwarded-For": "6.6.6.6"}, "10.0.0.2", "10.0.0.2"),  # no proxy: the header is forged
        ("0", {}, None, None),
    ],
)
def test_the_client_address(monkeypatch, tepercaya, headers, ip, alamat):
    monkeypatch.setenv("SIPIJAR_PROXY_TEPERCAYA", tepercaya)
    monkeypatch.setattr(gate, "st", SimpleNamespace(context=SimpleNamespace(headers=headers, ip_address=ip)))
    assert gate.alamat_klien() == alamat
