"""Issue #17 (2): does a long job lock a saver out of SQLite? A writer thread saves every ~100 ms (a real
service call: ``settings.setel`` with its audit row, one short write transaction) while the job runs; the
figures are the job's duration and the saves' latencies and errors.

Used by tests/services/organisasi/test_import_kunci.py at a small size and, at full size, by
``python -m tests.bench.kunci sqlite:////path/to/10k.db`` (a database made by ``sipijar generate``), whose
output goes into docs/benchmark.md."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select

from db.models import Pegawai, UnitKerja
from db.session import session_scope
from services.platform import settings
from services.platform.access import Actor


@dataclass
class Simpan:
    """What the saving thread saw: (start, seconds) of each save that committed, and the errors."""

    latensi: list[tuple[float, float]] = field(default_factory=list)
    galat: list[str] = field(default_factory=list)

    @property
    def maks(self) -> float:
        return max((d for _t, d in self.latensi), default=0.0)

    def selesai_antara(self, mulai: float, akhir: float) -> int:
        """Saves that started and committed inside [mulai, akhir]."""
        return sum(1 for t, d in self.latensi if t >= mulai and t + d <= akhir)


class Penyimpan(threading.Thread):
    """Saves every ``jeda`` seconds until stopped."""

    def __init__(self, engine: Engine, admin: Actor, jeda: float = 0.1):
        super().__init__(daemon=True)
        self.engine, self.admin, self.jeda = engine, admin, jeda
        self.hasil = Simpan()
        self.berhenti = threading.Event()

    def run(self) -> None:
        i = 0
        while not self.berhenti.is_set():
            i += 1
            mulai = time.perf_counter()
            try:
                with session_scope(self.engine) as s:
                    settings.setel(s, self.admin, "tempat_dokumen", f"Bondowoso {i}")
                self.hasil.latensi.append((mulai, time.perf_counter() - mulai))
            except Exception as exc:  # noqa: BLE001 - every failure is a finding
                self.hasil.galat.append(f"{type(exc).__name__}: {exc}")
            self.berhenti.wait(self.jeda)

    def __enter__(self) -> Penyimpan:
        self.start()
        time.sleep(3 * self.jeda)
        return self

    def __exit__(self, *_exc) -> None:
        self.berhenti.set()
        self.join()


def csv_pegawai_baru(engine: Engine, jumlah: int, awal_nip: int = 199901012025011000) -> bytes:
    """``jumlah`` new pegawai under an existing unit and atasan, without passwords (SIPIJAR generates
    and hashes one per account, as for a real first import)."""
    with session_scope(engine, readonly=True) as s:
        unit = s.scalars(select(UnitKerja).order_by(UnitKerja.id)).first()
        atasan = s.scalars(select(Pegawai).where(Pegawai.unit_kerja_id == unit.id).order_by(Pegawai.id)).first()
    baris = ["nip,nama,jabatan,jenis_jabatan,unit_kerja,nip_atasan"]
    baris += [
        f"{awal_nip + i},Pegawai Baru {i},Pengadministrasi Umum,Pelaksana,{unit.nama},{atasan.nip if atasan else ''}"
        for i in range(jumlah)
    ]
    return ("\n".join(baris) + "\n").encode()


def ukur(engine: Engine, admin: Actor, kerja: Callable[[], object]) -> tuple[float, Simpan]:
    """``kerja()``'s duration while a saver runs beside it."""
    with Penyimpan(engine, admin) as penyimpan:
        mulai = time.perf_counter()
        kerja()
        lama = time.perf_counter() - mulai
    return lama, penyimpan.hasil


def _laporan(nama: str, lama: float, hasil: Simpan) -> str:
    lat = sorted(d for _t, d in hasil.latensi)
    p95 = lat[int(0.95 * (len(lat) - 1))] if lat else 0.0
    return (
        f"| {nama} | {lama:.1f} s | {len(hasil.latensi)} | {len(hasil.galat)} | "
        f"{1000 * p95:.0f} ms | {1000 * hasil.maks:.0f} ms |"
    )


def main(url: str, jumlah: int = 1000) -> None:
    from db.engine import make_engine
    from services.organisasi import import_pegawai
    from services.platform import backup
    from services.platform.access import Operator, load_actor

    engine = make_engine(url)
    with session_scope(engine, readonly=True) as s:
        admin_id = s.scalar(select(Pegawai.id).where(Pegawai.is_admin).order_by(Pegawai.id))
        admin = load_actor(s, admin_id)
        pegawai = s.scalar(select(Pegawai.id).order_by(Pegawai.id.desc()))
    print(f"database {url}: {os.path.getsize(engine.url.database) / 1e6:.0f} MB, last pegawai id {pegawai}")
    data = csv_pegawai_baru(engine, jumlah)
    lama, hasil = ukur(engine, admin, lambda: import_pegawai.impor(engine, Operator("bench"), data, "baru.csv"))
    print(_laporan(f"Import of {jumlah} new pegawai (bcrypt cost 12)", lama, hasil))
    tujuan = Path(engine.url.database).with_suffix(".backup.db")
    tujuan.unlink(missing_ok=True)
    lama, hasil = ukur(engine, admin, lambda: backup.backup(engine, Operator("bench"), tujuan))
    print(_laporan(f"Backup (VACUUM INTO, {tujuan.stat().st_size / 1e6:.0f} MB)", lama, hasil))
    for hal in hasil.galat[:5]:
        print("error:", hal)
    tujuan.unlink(missing_ok=True)
    print("load average:", " / ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
