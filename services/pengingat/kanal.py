"""The channels outside the app: e-mail over SMTP (smtplib, plain and HTML parts) and the generic webhook (JSON
POST with urllib), their settings (the SMTP password also from ``SIPIJAR_SMTP_PASSWORD``, never from the
repository), and the working-hours rule both respect (docs/domain.md §8.36)."""

from __future__ import annotations

import json
import os
import smtplib
import ssl
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from sqlalchemy.orm import Session

from services.platform import kalender, settings
from services.platform.format import WIB

BATAS_DETIK = 20


@dataclass(frozen=True)
class Konfigurasi:
    smtp_host: str
    smtp_port: int
    smtp_keamanan: str  # none, starttls, ssl
    smtp_user: str
    smtp_password: str
    pengirim_nama: str
    pengirim_alamat: str
    alamat_aplikasi: str
    webhook_url: str
    jam_mulai: int
    jam_selesai: int

    @property
    def email_aktif(self) -> bool:
        return bool(self.smtp_host)


def konfigurasi(session: Session) -> Konfigurasi:
    nilai = settings.all_settings(session)
    return Konfigurasi(
        nilai["smtp_host"],
        nilai["smtp_port"],
        nilai["smtp_keamanan"],
        nilai["smtp_user"],
        os.environ.get("SIPIJAR_SMTP_PASSWORD") or nilai["smtp_password"],
        nilai["pengirim_nama"],
        nilai["pengirim_alamat"],
        nilai["alamat_aplikasi"],
        nilai["webhook_url"],
        nilai["pengingat_jam_mulai"],
        nilai["pengingat_jam_selesai"],
    )


def dalam_jam_kerja(session: Session, cfg: Konfigurasi, sekarang: datetime) -> bool:
    """E-mail and webhook go out only on a hari kerja between the working hours in WIB; the in-app notice does
    not wait."""
    wib = sekarang.astimezone(WIB)
    hari = wib.date()
    return bool(kalender.hari_kerja(session, hari, hari)) and cfg.jam_mulai <= wib.hour < cfg.jam_selesai


def kirim_email(cfg: Konfigurasi, ke: str, nama: str, judul: str, polos: str, html: str) -> None:
    """Send one message; any refusal of the server raises (smtplib.SMTPException or OSError)."""
    msg = EmailMessage()
    msg["From"] = formataddr((cfg.pengirim_nama, cfg.pengirim_alamat))
    msg["To"] = formataddr((nama, ke))
    msg["Subject"] = judul
    msg["Message-ID"] = make_msgid(domain=cfg.pengirim_alamat.rsplit("@", 1)[-1] or None)
    msg.set_content(polos)
    msg.add_alternative(html, subtype="html")
    konteks = ssl.create_default_context()
    if cfg.smtp_keamanan == "ssl":
        server: smtplib.SMTP = smtplib.SMTP_SSL(cfg.smtp_host, cfg.smtp_port, timeout=BATAS_DETIK, context=konteks)
    else:
        server = smtplib.SMTP(cfg.smtp_host, cfg.smtp_port, timeout=BATAS_DETIK)
    with server:
        if cfg.smtp_keamanan == "starttls":
            server.starttls(context=konteks)
        if cfg.smtp_user:
            server.login(cfg.smtp_user, cfg.smtp_password)
        server.send_message(msg)


def kirim_webhook(url: str, muatan: dict) -> None:
    """POST the JSON; anything but a 2xx answer raises."""
    permintaan = urllib.request.Request(  # noqa: S310 - the admin's http/https URL (settings checks the scheme)
        url,
        data=json.dumps(muatan, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "SIPIJAR-pengingat"},
        method="POST",
    )
    with urllib.request.urlopen(permintaan, timeout=BATAS_DETIK) as jawaban:  # noqa: S310
        if not 200 <= jawaban.status < 300:
            raise OSError(f"Webhook menjawab HTTP {jawaban.status}")
