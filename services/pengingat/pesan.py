"""One reminder as plain data and its three renderings: the e-mail's plain-text and HTML parts (every user text
escaped in HTML) and the webhook's JSON. Links are stored as paths (``/validasi?nip=…``) and made absolute with
the ``alamat_aplikasi`` setting only when sent."""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Baris:
    """One line of a message, with its own link (e.g. one bawahan in the atasan's digest)."""

    teks: str
    tautan: str | None = None


@dataclass(frozen=True)
class Pesan:
    """A message to one pegawai. ``jenis`` and ``kunci`` (the day, the ISO week, the month or a digest of the
    items) are its idempotency key with the channel."""

    pegawai_id: int
    jenis: str
    kunci: str
    judul: str
    ringkas: str
    tautan: str
    baris: tuple[Baris, ...] = field(default_factory=tuple)

    def ke_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def dari_json(cls, teks: str) -> Pesan:
        data = json.loads(teks)
        return cls(**{**data, "baris": tuple(Baris(**b) for b in data["baris"])})


#: The kinds of message, in the order a preview lists them, with the label the admin sees.
JENIS = {
    "digest_atasan": "Digest atasan: validasi dan SKP menunggu",
    "tanpa_aktivitas": "Hari kerja tanpa aktivitas",
    "dikembalikan": "SKP dikembalikan / aktivitas ditolak",
    "capaian_bulan": "Capaian bulan yang ditutup",
    "ringkasan_mingguan": "Ringkasan mingguan pimpinan dan admin",
    "uji": "Kirim uji",
}

PENUTUP = "Pesan ini dikirim otomatis oleh SIPIJAR. Pengingat dapat dihentikan pada halaman Notifikasi."


def mutlak(alamat_aplikasi: str, tautan: str) -> str:
    return alamat_aplikasi.rstrip("/") + tautan


def teks_polos(pesan: Pesan, nama: str, alamat_aplikasi: str) -> str:
    """The plain-text part."""
    lines = [f"Yth. {nama},", "", pesan.ringkas, ""]
    for b in pesan.baris:
        lines.append(f"- {b.teks}" + (f"\n  {mutlak(alamat_aplikasi, b.tautan)}" if b.tautan else ""))
    lines += ["", f"Buka SIPIJAR: {mutlak(alamat_aplikasi, pesan.tautan)}", "", "--", PENUTUP]
    return "\n".join(lines)


def teks_html(pesan: Pesan, nama: str, alamat_aplikasi: str) -> str:
    """The HTML part: every text escaped (names, reasons and notes are typed by users)."""
    e = html.escape

    def tautan(t: str, label: str) -> str:
        return f'<a href="{e(mutlak(alamat_aplikasi, t))}">{e(label)}</a>'

    items = "".join(
        f"<li>{e(b.teks)}" + (f" — {tautan(b.tautan, 'buka')}" if b.tautan else "") + "</li>" for b in pesan.baris
    )
    return (
        f"<html><body><p>Yth. {e(nama)},</p><p>{e(pesan.ringkas)}</p>"
        + (f"<ul>{items}</ul>" if items else "")
        + f"<p>{tautan(pesan.tautan, 'Buka SIPIJAR')}</p><hr><p><small>{e(PENUTUP)}</small></p></body></html>"
    )


def muatan_webhook(pesan: Pesan, nip: str, nama: str, alamat_aplikasi: str) -> dict:
    """The webhook's JSON body, for a regency's WhatsApp or Telegram gateway."""
    return {
        "jenis": pesan.jenis,
        "kunci": pesan.kunci,
        "penerima": {"nip": nip, "nama": nama},
        "judul": pesan.judul,
        "teks": pesan.ringkas,
        "baris": [
            {"teks": b.teks, "tautan": mutlak(alamat_aplikasi, b.tautan) if b.tautan else None} for b in pesan.baris
        ],
        "tautan": mutlak(alamat_aplikasi, pesan.tautan),
    }
