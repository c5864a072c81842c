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


def backup_bertahap(engine: Engine, tujuan: Path, batas: float) -> bool:
    """The backup before issue #17 (sqlite3's online backup, 1024 pages a step): True when it finished
    within ``batas`` seconds. Another connection's write makes it start over."""
    import sqlite3

    mulai = time.perf_counter()
    sumber, target = sqlite3.connect(engine.url.database, timeout=30), sqlite3.connect(tujuan)

    def kemajuan(_status, _sisa, _total) -> None:
        if time.perf_counter() - mulai > batas:
            raise TimeoutError

    try:
        sumber.backup(target, pages=1024, progress=kemajuan)
        return True
    except TimeoutError:
        return False
    finally:
        target.close()
        sumber.close()


def _ukur_transaksi_tulis(modul) -> list[float]:
    """Times each write transaction ``modul`` opens (the import's second check and writes; Tutup Bulan's store)."""
    lama: list[float] = []
    asli = modul.session_scope

    def dicatat(engine, readonly=False):
        from contextlib import contextmanager

        @contextmanager
        def scope():
            mulai = time.perf_counter()
            with asli(engine, readonly) as s:
                yield s
            if not readonly:
                lama.append(time.perf_counter() - mulai)

        return scope()

    modul.session_scope = dicatat
    return lama


def tutup_bulan_lalu(engine: Engine, admin: Actor) -> None:
    """Tutup Bulan of the last month before today's, as on a day after its closing day; the write transactions'
    lengths and the saves beside it are printed."""
    from datetime import timedelta

    from services.aktivitas import tutup_bulan
    from services.platform.kalender import hari_ini

    akhir_lalu = hari_ini().replace(day=1) - timedelta(days=1)
    tulis = _ukur_transaksi_tulis(tutup_bulan)
    hari = hari_ini().replace(day=28)  # after any closing day (hari_tutup_bulan is at most 28)
    detik, hasil = ukur(
        engine, admin, lambda: tutup_bulan.tutup(engine, admin, akhir_lalu.year, akhir_lalu.month, today=hari)
    )
    print(_laporan(f"Tutup Bulan {akhir_lalu:%m/%Y}", detik, hasil))
    print(f"write transaction(s): {', '.join(f'{t:.2f} s' for t in tulis)}")


def main(url: str, jumlah: int = 1000, awal_nip: int = 199901012025011000, lama: bool = False) -> None:
    from db.engine import make_engine
    from services.organisasi import import_pegawai
    from services.platform import backup
    from services.platform.access import Operator
    from services.platform.masa_dinas import load_actor

    engine = make_engine(url)
    with session_scope(engine, readonly=True) as s:
        admin_id = s.scalar(select(Pegawai.id).where(Pegawai.is_admin).order_by(Pegawai.id))
        admin = load_actor(s, admin_id)
        pegawai = s.scalar(select(Pegawai.id).order_by(Pegawai.id.desc()))
    print(f"database {url}: {os.path.getsize(engine.url.database) / 1e6:.0f} MB, last pegawai id {pegawai}")
    tujuan = Path(engine.url.database).with_suffix(".backup.db")
    tujuan.unlink(missing_ok=True)
    if lama:
        selesai: list[bool] = []
        detik, hasil = ukur(engine, admin, lambda: selesai.append(backup_bertahap(engine, tujuan, 300)))
        print(_laporan(f"Old stepped backup, finished: {selesai[0]}", detik, hasil))
        tujuan.unlink(missing_ok=True)
        return
    if "--tutup" in sys.argv:
        tutup_bulan_lalu(engine, admin)
        print("load average:", " / ".join(f"{x:.2f}" for x in os.getloadavg()))
        return
    data = csv_pegawai_baru(engine, jumlah, awal_nip)
    tulis = _ukur_transaksi_tulis(import_pegawai)
    detik, hasil = ukur(engine, admin, lambda: import_pegawai.impor(engine, Operator("bench"), data, "baru.csv"))
    rounds = os.environ.get("SIPIJAR_BCRYPT_ROUNDS", "12")
    print(_laporan(f"Import of {jumlah} new pegawai (bcrypt cost {rounds})", detik, hasil))
    print(f"write transaction(s): {', '.join(f'{t:.2f} s' for t in tulis)}")
    detik, hasil = ukur(engine, admin, lambda: backup.backup(engine, Operator("bench"), tujuan))
    print(_laporan(f"Backup (VACUUM INTO, {tujuan.stat().st_size / 1e6:.0f} MB)", detik, hasil))
    for hal in hasil.galat[:5]:
        print("error:", hal)
    tujuan.unlink(missing_ok=True)
    print("load average:", " / ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    # python -m tests.bench.kunci URL [JUMLAH [AWAL_NIP]] | URL --lama | URL --tutup
    if "--lama" in sys.argv:
        main(sys.argv[1], lama=True)
    else:
        args = [int(a) for a in sys.argv[2:4] if not a.startswith("--")]
        main(sys.argv[1], *args)
