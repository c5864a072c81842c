"""Streamlit's own websocket protocol, as the browser speaks it, without a browser.

A rerun is one ``BackMsg.rerun_script`` (query string, page, the widget states that changed, a fragment id
for a fragment's button); its answer is every ``ForwardMsg`` up to the ``script_finished`` that ends the run
(a run that ends early for ``st.rerun`` is followed by the next one). From the deltas the client keeps
what a user would read (texts, alerts, exceptions) and the widgets it may use (by type and label), which
is enough to check that the page is the right one for the right person and to fill a form."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

#: Widget element types the scenarios use, with the field of ``WidgetState`` that carries their value.
WIDGETS = {
    "button": "trigger_value",
    "text_input": "string_value",
    "text_area": "string_value",
    "number_input": "double_value",
    "time_input": "string_value",
    "date_input": "string_array_value",
    "selectbox": "string_value",
}
#: Element types whose text a user reads (the page title, the sidebar's name and NIP, captions, alerts).
TEKS = {"heading": "body", "markdown": "body", "text": "body", "alert": "body", "exception": "message"}
SELESAI = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


@dataclass
class Widget:
    jenis: str
    id: str
    label: str
    form_id: str
    fragment_id: str
    default: object = None


@dataclass
class Halaman:
    """What one rerun drew: texts, alerts (``error``/``warning``/``success``/``info``), exceptions, widgets."""

    teks: list[str] = field(default_factory=list)
    alert: dict[str, list[str]] = field(default_factory=dict)
    exceptions: list[str] = field(default_factory=list)
    widgets: list[Widget] = field(default_factory=list)
    pesan: int = 0
    status: int | None = None

    def berisi(self, potongan: str) -> bool:
        return any(potongan in t for t in self.teks)

    def widget(self, jenis: str, label: str, form_awalan: str = "") -> Widget | None:
        return next(
            (w for w in self.widgets if w.jenis == jenis and w.label == label and w.form_id.startswith(form_awalan)),
            None,
        )


class Putus(Exception):
    """The server closed the connection or stopped answering."""


ALERT = {1: "error", 2: "warning", 3: "info", 4: "success"}


def _baca_elemen(halaman: Halaman, element, fragment_id: str) -> None:
    jenis = element.WhichOneof("type")
    if jenis in TEKS:
        isi = getattr(getattr(element, jenis), TEKS[jenis])
        halaman.teks.append(isi)
        if jenis == "alert":
            halaman.alert.setdefault(ALERT.get(element.alert.format, "lain"), []).append(isi)
        elif jenis == "exception":
            halaman.exceptions.append(f"{element.exception.type}: {isi}")
    elif jenis in WIDGETS:
        proto = getattr(element, jenis)
        default = getattr(proto, "default", None)
        halaman.widgets.append(
            Widget(jenis, proto.id, proto.label, getattr(proto, "form_id", ""), fragment_id, default)
        )


class Klien:
    """One browser tab: a websocket to ``url`` carrying ``cookie`` (as the browser's handshake does)."""

    def __init__(self, url: str, cookie: str | None, timeout: float = 120.0):
        self.url = url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.cookie = cookie
        self.timeout = timeout
        self.ws: websockets.ClientConnection | None = None
        self.halaman_hash: dict[str, str] = {}  # page title → page_script_hash, from the navigation message
        self.page_hash = ""
        self.query = ""

    async def buka(self) -> None:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        try:
            self.ws = await websockets.connect(
                self.url,
                additional_headers=headers,
                subprotocols=[websockets.Subprotocol("streamlit")],
                max_size=None,
                open_timeout=self.timeout,
                ping_interval=None,  # Streamlit's client does not ping; the server pings it
            )
        except (OSError, TimeoutError, websockets.InvalidHandshake) as e:  # refused, or the proxy's 502
            raise Putus(f"connect: {e}") from e

    async def tutup(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def rerun(
        self, page_name: str = "", states: list[WidgetState] | None = None, fragment_id: str = ""
    ) -> tuple[Halaman, float]:
        """One rerun as the browser sends it; returns the page it drew and the seconds until its end."""
        assert self.ws is not None
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_script_hash = "" if page_name else self.page_hash
        cs.page_name = page_name
        if fragment_id:
            cs.fragment_id = fragment_id
        cs.widget_states.widgets.extend(states or [])
        cs.context_info.timezone = "Asia/Jakarta"
        cs.context_info.locale = "id-ID"
        mulai = time.perf_counter()
        try:
            await self.ws.send(msg.SerializeToString())
            halaman = await asyncio.wait_for(self._sampai_selesai(), self.timeout)
        except (websockets.ConnectionClosed, OSError, TimeoutError) as e:
            raise Putus(str(e) or type(e).__name__) from e
        return halaman, time.perf_counter() - mulai

    async def halaman(self, judul: str, states: list[WidgetState] | None = None) -> tuple[Halaman, float]:
        """A click on the menu item ``judul`` (its page_script_hash, as the browser's sidebar link sends)."""
        if judul not in self.halaman_hash:
            return Halaman(teks=[f"(tidak ada menu {judul!r}: {sorted(self.halaman_hash)})"]), 0.0
        self.page_hash = self.halaman_hash[judul]
        return await self.rerun(states=states)

    async def _sampai_selesai(self) -> Halaman:
        assert self.ws is not None
        halaman = Halaman()
        while True:
            data = await self.ws.recv()
            fm = ForwardMsg()
            fm.ParseFromString(data)  # type: ignore[arg-type]
            halaman.pesan += 1
            jenis = fm.WhichOneof("type")
            if jenis == "delta" and fm.delta.WhichOneof("type") == "new_element":
                _baca_elemen(halaman, fm.delta.new_element, fm.delta.fragment_id)
            elif jenis == "navigation":
                self.halaman_hash = {p.page_name: p.page_script_hash for p in fm.navigation.app_pages}
                self.page_hash = fm.navigation.page_script_hash or self.page_hash
            elif jenis == "page_info_changed":
                self.query = fm.page_info_changed.query_string
            elif jenis == "new_session":
                self.page_hash = fm.new_session.page_script_hash or self.page_hash
            elif jenis == "script_finished":
                halaman.status = fm.script_finished
                if fm.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return halaman
                halaman = Halaman(pesan=halaman.pesan)  # the run that follows replaces the page


def tekan(widget: Widget) -> WidgetState:
    return WidgetState(id=widget.id, trigger_value=True)


def isi(widget: Widget, nilai: object) -> WidgetState:
    state = WidgetState(id=widget.id)
    kolom = WIDGETS[widget.jenis]
    if kolom == "string_array_value":
        state.string_array_value.data.extend(nilai if isinstance(nilai, list) else [nilai])  # type: ignore[arg-type]
    else:
        setattr(state, kolom, nilai)
    return state
