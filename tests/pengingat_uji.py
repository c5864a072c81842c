"""What the reminder tests send to: a real SMTP server (aiosmtpd) and a webhook receiver (http.server), each on a
free loopback port, and the settings that point SIPIJAR at them."""

from __future__ import annotations

import json
import socket
import threading
from datetime import date
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

from db.enums import StatusAktivitas, StatusSKP
from db.models import Setting
from db.session import session_scope
from tests.factories import add_aktivitas, build_skp


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerSmtp:
    """Collects every accepted message; ``tolak`` refuses the next N with ``kode`` (a 4xx or 5xx reply)."""

    def __init__(self) -> None:
        self.pesan: list[EmailMessage] = []
        self.tolak = 0
        self.kode = "451 4.3.0 Server sibuk, coba lagi nanti"
        self.port = port_bebas()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's hook name
        with self._lock:
            if self.tolak:
                self.tolak -= 1
                return self.kode
            self.pesan.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        return "250 OK"

    def __enter__(self) -> ServerSmtp:
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()

    def pengaturan(self) -> dict:
        return {"smtp_host": "127.0.0.1", "smtp_port": self.port, "smtp_keamanan": "none"}

    def kepada(self) -> list[str]:
        return sorted(str(m["To"].addresses[0].addr_spec) for m in self.pesan)


def bagian(pesan: EmailMessage, jenis: str) -> str:
    """The text/plain or text/html part of a message."""
    part = pesan.get_body(preferencelist=(jenis.split("/")[1],))
    assert part is not None and part.get_content_type() == jenis
    return part.get_content().replace("\r\n", "\n")  # SMTP carries CRLF


class PenerimaWebhook:
    """A local JSON receiver; answers ``status`` (200 unless told otherwise)."""

    def __init__(self) -> None:
        self.muatan: list[dict] = []
        self.status = 200
        penerima = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's hook name
                panjang = int(self.headers["Content-Length"])
                penerima.muatan.append(json.loads(self.rfile.read(panjang)))
                self.send_response(penerima.status)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/kirim"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> PenerimaWebhook:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()


def setel(s, **nilai) -> None:
    """Settings written directly (as the admin would on Pengaturan)."""
    for key, value in nilai.items():
        row = s.get(Setting, key)
        if row is None:
            s.add(Setting(key=key, value=json.dumps(value)))
        else:
            row.value = json.dumps(value)


def menunggu_di_juli(engine, org) -> None:
    """Staf (penilai: kasubbid) has two July activities waiting, 90 + 45 minutes, and one validated (29–31 July);
    fungsional's SKP waits for kabid's penetapan."""
    with session_scope(engine) as s:
        staf = build_skp(s, org.staf, 2026)
        add_aktivitas(s, org.staf, staf, date(2026, 7, 30), "08:00", "09:30", StatusAktivitas.MENUNGGU)
        add_aktivitas(s, org.staf, staf, date(2026, 7, 31), "08:00", "08:45", StatusAktivitas.MENUNGGU)
        add_aktivitas(s, org.staf, staf, date(2026, 7, 29), "08:00", "12:00")
        build_skp(s, org.fungsional, 2026, status=StatusSKP.DIAJUKAN)
