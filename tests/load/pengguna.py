"""A virtual user's afternoon: Beranda, Aktivitas Harian and "Tambah Aktivitas" → Simpan; an atasan also
Validasi, one row's "Validasi" and "Validasi Semua"; think time between actions. Every answer is checked
to be the expected page for this person (the page's title and the sidebar's name and NIP); exceptions,
error alerts, unexpected pages and disconnects are counted, never hidden."""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from tests.load.data import Pengguna
from tests.load.protokol import Halaman, Klien, Putus, isi, tekan
from tests.load.server import JUDUL_KOSONG

PENANDA = "Beban uji"
BERHASIL_SIMPAN = "tersimpan dan menunggu validasi atasan"
#: The refusal of a rule, not a fault: the generated regency leaves rows of a closed month waiting, and the
#: panel offers them ("Validasi aktivitas bulan … sudah ditutup").
ATURAN = "sudah ditutup"


@dataclass
class Hasil:
    """Everything the users of one load level saw."""

    waktu: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    exceptions: Counter[str] = field(default_factory=Counter)
    galat: Counter[str] = field(default_factory=Counter)  # error alerts, by action
    ditolak: Counter[str] = field(default_factory=Counter)  # a rule's refusal the user is told (not a fault)
    salah_halaman: Counter[str] = field(default_factory=Counter)
    putus: int = 0
    simpan: int = 0  # saves confirmed on screen
    validasi: int = 0
    contoh_masalah: list[str] = field(default_factory=list)

    @property
    def aksi(self) -> int:
        return sum(len(v) for v in self.waktu.values())

    @property
    def masalah(self) -> int:
        return sum(self.exceptions.values()) + sum(self.galat.values()) + sum(self.salah_halaman.values()) + self.putus

    def catat(self, nama: str, detik: float, halaman: Halaman, harapan: list[str]) -> bool:
        """Record one action's time and what was wrong with its page; True when the page is as expected."""
        self.waktu[nama].append(detik)
        baik = True
        if halaman.exceptions:
            self.exceptions[nama] += len(halaman.exceptions)
            self._contoh(f"{nama}: {halaman.exceptions[0][:200]}")
            baik = False
        if any(ATURAN in e for e in halaman.alert.get("error", [])):
            self.ditolak[nama] += 1
            return False
        if halaman.alert.get("error"):
            self.galat[nama] += 1
            self._contoh(f"{nama}: st.error {halaman.alert['error'][0][:200]}")
            baik = False
        kurang = [h for h in harapan if not halaman.berisi(h)]
        if kurang:
            self.salah_halaman[nama] += 1
            self._contoh(f"{nama}: tidak tampil {kurang[0]!r}")
            baik = False
        return baik

    def _contoh(self, teks: str) -> None:
        if len(self.contoh_masalah) < 8:
            self.contoh_masalah.append(teks)


@dataclass
class Skenario:
    berpikir: tuple[float, float] = (5.0, 15.0)
    batas_waktu: float = 120.0
    jeda: float = 0.5  # one user alone: between screens


async def pengguna_app(url: str, p: Pengguna, akhir: float, sk: Skenario, hasil: Hasil, rng: random.Random) -> None:
    """One logged-in user until ``akhir`` (monotonic)."""
    klien = Klien(url, p.cookie, sk.batas_waktu)
    identitas = f"NIP {p.nip}"
    try:
        await asyncio.sleep(rng.uniform(0, sk.berpikir[1]))  # users arrive spread out, not at one instant
        await klien.buka()
        halaman, detik = await klien.rerun()
        hasil.catat("Beranda", detik, halaman, ["Selamat datang", identitas])
        langkah = ["Beranda", "Aktivitas Harian", "Tambah Aktivitas"]
        if p.atasan:
            langkah += ["Validasi", "Validasi satu baris", "Aktivitas Harian", "Tambah Aktivitas", "Validasi Semua"]
        i = rng.randrange(len(langkah))
        while time.monotonic() < akhir:
            await asyncio.sleep(rng.uniform(*sk.berpikir))
            if time.monotonic() >= akhir:
                break
            aksi = langkah[i % len(langkah)]
            i += 1
            if aksi in ("Beranda", "Aktivitas Harian", "Validasi"):
                await _buka(klien, aksi, identitas, hasil)
            elif aksi == "Tambah Aktivitas":
                await _simpan(klien, identitas, hasil, rng)
            else:
                await _validasi(klien, identitas, hasil, aksi == "Validasi Semua")
    except Putus as e:
        hasil.putus += 1
        hasil._contoh(f"putus: {e}")
    finally:
        await klien.tutup()


async def _buka(klien: Klien, judul: str, identitas: str, hasil: Hasil) -> Halaman | None:
    halaman, detik = await klien.halaman(judul)
    harapan = "Selamat datang" if judul == "Beranda" else judul
    return halaman if hasil.catat(judul, detik, halaman, [harapan, identitas]) else None


async def _simpan(klien: Klien, identitas: str, hasil: Hasil, rng: random.Random) -> None:
    """Tambah Aktivitas: the form's Aktivitas, Satuan output and a quarter-hour after the proposed Jam Mulai,
    then Simpan; the success message confirms the save."""
    halaman = await _buka(klien, "Aktivitas Harian", identitas, hasil)
    if halaman is None:
        return
    teks = halaman.widget("text_area", "Aktivitas", "ah_tambah")
    satuan = halaman.widget("text_input", "Satuan output", "ah_tambah")
    mulai = halaman.widget("time_input", "Jam Mulai", "ah_tambah")
    selesai = halaman.widget("time_input", "Jam Selesai", "ah_tambah")
    simpan = next((w for w in halaman.widgets if w.jenis == "button" and w.form_id.startswith("ah_tambah")), None)
    if not (teks and satuan and mulai and selesai and simpan):
        hasil.salah_halaman["Tambah Aktivitas"] += 1
        hasil._contoh("Tambah Aktivitas: formulir tidak lengkap")
        return
    jam, menit = (int(x) for x in str(mulai.default).split(":"))
    akhir = min(jam * 60 + menit + 15, 23 * 60 + 59)
    states = [
        isi(teks, f"{PENANDA}: menyusun laporan kegiatan nomor {rng.randrange(10**6)}"),
        isi(satuan, "Dokumen"),
        isi(selesai, f"{akhir // 60:02d}:{akhir % 60:02d}"),
        tekan(simpan),
    ]
    halaman, detik = await klien.rerun(states=states, fragment_id=simpan.fragment_id)
    if hasil.catat("Tambah Aktivitas", detik, halaman, [BERHASIL_SIMPAN, identitas]):
        hasil.simpan += 1


async def _validasi(klien: Klien, identitas: str, hasil: Hasil, semua: bool) -> None:
    """On Validasi: the last (newest) waiting row's "Validasi", or "Validasi Semua"; nothing waiting is no
    action."""
    halaman = await _buka(klien, "Validasi", identitas, hasil)
    if halaman is None:
        return
    label = "Validasi Semua" if semua else "Validasi"
    tombol = next((w for w in reversed(halaman.widgets) if w.jenis == "button" and w.label == label), None)
    if tombol is None:
        return
    halaman, detik = await klien.rerun(states=[tekan(tombol)], fragment_id=tombol.fragment_id)
    nama = "Validasi Semua" if semua else "Validasi satu baris"
    # The panel is a fragment: its rerun answers with the panel only, not the sidebar's NIP (the same session).
    harapan = ["tervalidasi"] if tombol.fragment_id else ["tervalidasi", identitas]
    if hasil.catat(nama, detik, halaman, harapan):
        hasil.validasi += 1


async def pengguna_kosong(url: str, akhir: float, sk: Skenario, hasil: Hasil, rng: random.Random) -> None:
    """The floor: the same client and think time on an empty Streamlit page."""
    klien = Klien(url, None, sk.batas_waktu)
    try:
        await asyncio.sleep(rng.uniform(0, sk.berpikir[1]))
        await klien.buka()
        while time.monotonic() < akhir:
            halaman, detik = await klien.rerun()
            hasil.catat("Halaman kosong", detik, halaman, [JUDUL_KOSONG])
            await asyncio.sleep(rng.uniform(*sk.berpikir))
    except Putus as e:
        hasil.putus += 1
        hasil._contoh(f"putus: {e}")
    finally:
        await klien.tutup()


async def menu_sendiri(url: str, p: Pengguna | None, ulang: int, hasil: Hasil, jeda: float) -> None:
    """One user alone: every screen of the user's menu (or the empty page) ``ulang`` times, ``jeda`` seconds after
    the last screen was drawn — a person reads before the next click, and Streamlit answers a rerun that arrives
    within about 0.1 s of the previous run's end some 40 ms late (the empty page: 44 ms back to back, 4 ms after a
    0.1 s pause), which would be timed as the screen's."""
    klien = Klien(url, p.cookie if p else None)
    try:
        await klien.buka()
        halaman, detik = await klien.rerun()
        if p is None:
            # Four times as often: under Streamlit's defaults the empty page's answer waits for the post-run
            # collection in some runs and not in others, so its median needs more than a few samples.
            for _ in range(4 * ulang):
                await asyncio.sleep(jeda)
                halaman, detik = await klien.rerun()
                hasil.catat("Halaman kosong", detik, halaman, [JUDUL_KOSONG])
            return
        for judul in sorted(klien.halaman_hash):
            for _ in range(ulang):
                await asyncio.sleep(jeda)
                halaman, detik = await klien.halaman(judul)
                # Panduan has no sidebar: here only exceptions and error alerts are checked
                hasil.catat(f"menu ({p.peran}): {judul}", detik, halaman, [])
    except Putus as e:
        hasil.putus += 1
        hasil._contoh(f"putus: {e}")
    finally:
        await klien.tutup()
