"""The servers under load: ``streamlit run`` processes (the app, or the empty floor page) on free ports, and
nginx in front of replicas as the README's deployment puts it (sticky sessions, WebSocket upgrade, long
read timeouts); their memory and CPU read from /proc."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KOSONG = Path(__file__).with_name("kosong.py")
JUDUL_KOSONG = "Halaman kosong"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
TICK = os.sysconf("SC_CLK_TCK")


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tunggu_sehat(url: str, proses: subprocess.Popen, log: Path | str, batas: float = 120) -> None:
    """Until ``url``'s ``/_stcore/health`` answers 200 (the check a proxy makes too)."""
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        if proses.poll() is not None:
            raise RuntimeError(f"{proses.args[0]} exited early; see {log}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} not healthy after {batas} s; see {log}")


def hentikan(proses: subprocess.Popen, batas: float = 15) -> None:
    """SIGTERM, then SIGKILL if the process is still there after ``batas`` seconds."""
    proses.terminate()
    try:
        proses.wait(timeout=batas)
    except subprocess.TimeoutExpired:
        proses.kill()
        proses.wait()


@dataclass
class Streamlit:
    """One ``streamlit run``: the app (``db_url`` set) or the empty page; ``setelan_app`` runs it from the
    repository (its .streamlit/config.toml) rather than from an empty directory (Streamlit's defaults)."""

    db_url: str | None
    setelan_app: bool = True
    flags: tuple[str, ...] = ()
    env: dict[str, str] | None = None
    log_dir: Path = Path(tempfile.gettempdir())

    def __post_init__(self) -> None:
        self.port = port_bebas()
        self.url = f"http://127.0.0.1:{self.port}"
        self._kosong_dir = None if self.setelan_app else tempfile.mkdtemp(prefix="b-beban-bawaan-")
        cwd = ROOT if self.setelan_app else Path(self._kosong_dir or ".")
        script = ROOT / "app.py" if self.db_url else KOSONG
        env = {**os.environ, **(self.env or {})}
        if self.db_url:
            env["SIPIJAR_DATABASE_URL"] = self.db_url
        self.log = self.log_dir / f"b-beban-streamlit-{self.port}.log"
        cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(self.port)]
        cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
        cmd += ["--server.fileWatcherType", "none", *self.flags]
        with open(self.log, "w") as log:
            self.proses = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        tunggu_sehat(self.url, self.proses, self.log)

    @property
    def pids(self) -> list[int]:
        return [self.proses.pid]

    def stop(self) -> None:
        hentikan(self.proses)
        if self._kosong_dir:
            shutil.rmtree(self._kosong_dir, ignore_errors=True)


NGINX_CONF = """
worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    upstream sipijar {{
        # Sticky: a Streamlit session lives in one process; the login cookie (or, before login, the
        # client address) picks the replica.
        hash $cookie_sipijar_sesi$remote_addr consistent;
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 25m;
        location / {{
            proxy_pass http://sipijar;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
        location /_stcore/stream {{
            proxy_pass http://sipijar;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 86400s;
            proxy_send_timeout 86400s;
            proxy_buffering off;
        }}
        location = /_stcore/health {{
            proxy_pass http://sipijar;
            proxy_connect_timeout 2s;
            proxy_read_timeout 5s;
        }}
    }}
}}
"""


class Nginx:
    """Debian's nginx as a foreground child on a free port, proxying to ``upstream`` (host:port)."""

    def __init__(self, upstream: list[str]):
        self.dir = tempfile.mkdtemp(prefix="b-beban-nginx-")
        self.port = port_bebas()
        self.url = f"http://127.0.0.1:{self.port}"
        servers = "\n".join(f"        server {u} max_fails=3 fail_timeout=10s;" for u in upstream)
        conf = Path(self.dir) / "nginx.conf"
        conf.write_text(NGINX_CONF.format(dir=self.dir, port=self.port, servers=servers))
        self.log = Path(self.dir) / "error.log"
        self.proses = subprocess.Popen(
            [NGINX, "-c", str(conf), "-p", self.dir, "-e", str(self.log)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        tunggu_sehat(self.url, self.proses, self.log, batas=30)

    def stop(self) -> None:
        hentikan(self.proses)
        shutil.rmtree(self.dir, ignore_errors=True)


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` in MB (VmRSS)."""
    for baris in Path(f"/proc/{pid}/status").read_text().splitlines():
        if baris.startswith("VmRSS:"):
            return int(baris.split()[1]) / 1024
    return 0.0


def cpu_detik(pid: int) -> float:
    """User + system CPU seconds ``pid`` has used."""
    bagian = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(bagian[11]) + int(bagian[12])) / TICK


def cpu_mesin() -> float:
    """Busy CPU seconds of the whole machine, all cores (``/proc/stat``: everything but idle and iowait)."""
    kolom = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(kolom[:8]) - kolom[3] - kolom[4]) / TICK


def cpu_klien() -> float:
    """CPU seconds this harness process (the virtual users' client) has used."""
    t = os.times()
    return t.user + t.system


def beban_mesin() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())
