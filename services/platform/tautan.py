"""Links typed by users (bukti dukung of a realisasi or of an aktivitas): only absolute http/https
addresses are kept, so that a link shown with ``st.link_button`` or a LinkColumn can never run script
(``javascript:``), carry a document inline (``data:``), open a local file (``file:``) or point relative
to the app.

Decisions:
- the scheme must be ``http`` or ``https`` (any case; stored lower case) and a host is required;
- no user name or password in the address (``https://user:pw@host``: a classic disguise);
- no spaces or control characters anywhere (a link is copied from the browser's address bar, which
  encodes them);
- an internationalised host name (``https://dinkes.bondowoso.ü.id``) is ACCEPTED and stored in its
  ASCII (punycode) form, ``xn--…``, which is what browsers resolve; a host that cannot be encoded is
  refused with a message;
- other non-ASCII characters (in the path or query) are percent-encoded as UTF-8;
- at most :data:`PANJANG_MAKS` (2000) characters, after that normalisation (the column's size).
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit, urlunsplit

from services.platform.errors import ValidationError

PANJANG_MAKS = 2000
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_BAD_CHARS = re.compile(r"[\s\x00-\x1f\x7f]")


def _percent_encode_non_ascii(text: str) -> str:
    return "".join(c if c.isascii() else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in text)


def _ascii_host(host: str, shown: str) -> str:
    host = host.rstrip(".").lower()
    if not host:
        raise ValidationError(f"Tautan tidak memiliki nama host: {shown}")
    if host.startswith("[") or ":" in host:
        try:
            ipaddress.IPv6Address(host.strip("[]"))
        except ValueError:
            raise ValidationError(f"Alamat host tautan tidak valid: {shown}") from None
        return f"[{host.strip('[]')}]"
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise ValidationError(
                f"Nama host tautan tidak dapat dikenali (huruf non-Latin tidak valid): {shown}"
            ) from None
    labels = host.split(".")
    if not all(_LABEL.match(label) for label in labels):
        raise ValidationError(f"Nama host tautan tidak valid: {shown}")
    return host


def periksa_tautan(text: str) -> str:
    """The link, checked and normalised (see the module docstring); ValidationError otherwise."""
    raw = (text or "").strip() if isinstance(text, str) else ""
    if not raw:
        raise ValidationError("Tautan wajib diisi.")
    shown = raw if len(raw) <= 80 else raw[:77] + "…"
    if len(raw) > PANJANG_MAKS:
        raise ValidationError(f"Tautan terlalu panjang ({len(raw)} karakter; paling banyak {PANJANG_MAKS}).")
    if _BAD_CHARS.search(raw):
        raise ValidationError(f"Tautan tidak boleh mengandung spasi atau karakter kontrol: {shown}")
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        raise ValidationError(f"Tautan tidak valid: {shown}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValidationError(
            f"Tautan harus diawali http:// atau https:// (contoh: https://drive.google.com/…): {shown}"
        )
    if not parts.netloc:
        raise ValidationError(f"Tautan tidak memiliki nama host: {shown}")
    if "@" in parts.netloc:
        raise ValidationError(f"Tautan tidak boleh memuat nama pengguna atau kata sandi: {shown}")
    host = _ascii_host(parts.hostname or "", shown)
    netloc = host if port is None else f"{host}:{port}"
    url = urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            _percent_encode_non_ascii(parts.path),
            _percent_encode_non_ascii(parts.query),
            _percent_encode_non_ascii(parts.fragment),
        )
    )
    if len(url) > PANJANG_MAKS:
        raise ValidationError(f"Tautan terlalu panjang ({len(url)} karakter; paling banyak {PANJANG_MAKS}).")
    return url


def periksa_tautan_semua(lines: str | list[str], maks: int = 10) -> list[str]:
    """Several links, one per line (blank lines ignored, duplicates dropped), each validated."""
    items = lines.splitlines() if isinstance(lines, str) else list(lines or [])
    result: list[str] = []
    for item in items:
        if isinstance(item, str) and item.strip():
            url = periksa_tautan(item)
            if url not in result:
                result.append(url)
    if len(result) > maks:
        raise ValidationError(f"Paling banyak {maks} tautan bukti dukung.")
    return result
