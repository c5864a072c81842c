"""Bukti dukung links: only absolute http/https addresses, normalised; everything else refused."""

from __future__ import annotations

import pytest

from services.platform.errors import ValidationError
from services.platform.tautan import PANJANG_MAKS, periksa_tautan, periksa_tautan_semua


@pytest.mark.parametrize(
    "text, expected",
    [
        ("https://drive.google.com/drive/folders/abc", "https://drive.google.com/drive/folders/abc"),
        ("  http://sipijar.bondowosokab.go.id/bukti?id=3#hal-2 ", "http://sipijar.bondowosokab.go.id/bukti?id=3#hal-2"),
        ("HTTPS://Drive.Google.COM/x", "https://drive.google.com/x"),
        ("https://10.0.0.5:8443/laporan.pdf", "https://10.0.0.5:8443/laporan.pdf"),
        ("https://[2001:db8::1]/a", "https://[2001:db8::1]/a"),
        # An internationalised host is kept in its punycode form, which browsers resolve.
        ("https://bücher.example/katalog", "https://xn--bcher-kva.example/katalog"),
        # Non-ASCII in the path is percent-encoded as UTF-8.
        ("https://contoh.go.id/laporan-ü.pdf", "https://contoh.go.id/laporan-%C3%BC.pdf"),
    ],
)
def test_accepted_links_are_normalised(text, expected):
    assert periksa_tautan(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("javascript:alert(1)", "http:// atau https://"),
        ("JaVaScRiPt:alert(document.cookie)", "http:// atau https://"),
        ("data:text/html;base64,PHNjcmlwdD4=", "http:// atau https://"),
        ("file:///etc/passwd", "http:// atau https://"),
        ("ftp://contoh.go.id/a", "http:// atau https://"),
        ("/bukti/laporan.pdf", "http:// atau https://"),
        ("drive.google.com/abc", "http:// atau https://"),
        ("//evil.example/x", "http:// atau https://"),
        ("https://", "nama host"),
        ("https:///pathonly", "nama host"),
        ("https://user:pw@contoh.go.id/", "nama pengguna"),
        ("https://contoh .go.id/", "spasi"),
        ("https://contoh.go.id/a b", "spasi"),
        ("https://contoh.go.id/\x00", "karakter kontrol"),
        ("https://contoh.go.id:99999/", "tidak valid"),
        ("https://-contoh.go.id/", "Nama host tautan tidak valid"),
        ("https://contoh_go.id/", "Nama host tautan tidak valid"),
        ("", "wajib diisi"),
    ],
)
def test_refused_links_name_the_problem(text, message):
    with pytest.raises(ValidationError) as error:
        periksa_tautan(text)
    assert message in error.value.message


def test_too_long_is_refused_at_the_limit():
    base = "https://contoh.go.id/"
    assert periksa_tautan(base + "a" * (PANJANG_MAKS - len(base))) == base + "a" * (PANJANG_MAKS - len(base))
    with pytest.raises(ValidationError, match="terlalu panjang"):
        periksa_tautan(base + "a" * (PANJANG_MAKS - len(base) + 1))


def test_non_ascii_that_grows_past_the_limit_after_encoding_is_refused():
    base = "https://contoh.go.id/"
    with pytest.raises(ValidationError, match="terlalu panjang"):
        periksa_tautan(base + "ü" * (PANJANG_MAKS - len(base)))


def test_a_host_that_cannot_be_encoded_is_refused_with_a_message():
    with pytest.raises(ValidationError, match="tidak dapat dikenali"):
        periksa_tautan("https://" + "ü" * 70 + ".id/")


def test_several_links_one_per_line():
    text = "https://a.go.id/1\n\n  https://a.go.id/1  \nhttps://b.go.id/2\n"
    assert periksa_tautan_semua(text) == ["https://a.go.id/1", "https://b.go.id/2"]
    with pytest.raises(ValidationError, match="http:// atau https://"):
        periksa_tautan_semua("https://a.go.id/1\njavascript:alert(1)")
    with pytest.raises(ValidationError, match="Paling banyak 10"):
        periksa_tautan_semua([f"https://a.go.id/{i}" for i in range(11)])
