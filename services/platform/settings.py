"""Admin-editable settings with their defaults (docs/domain.md §4). Stored as JSON in the ``setting`` table."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import JenisKetidakhadiran
from db.models import Setting
from db.models.base import utcnow
from services.platform import audit
from services.platform.access import Actor, require_admin
from services.platform.errors import ValidationError
from services.platform.masukan import periksa_karakter, tampak_kosong
from services.platform.tautan import periksa_tautan

#: key → (default, label shown to the admin, validator returning an error message or None)
DEFAULTS: dict[str, tuple[Any, str]] = {
    "menit_per_hari": (300, "Menit efektif per hari kerja"),
    "bobot_produktivitas_persen": (60, "Bobot produktivitas dalam TPP (%)"),
    "hari_tutup_bulan": (5, "Tanggal penutupan entri bulan sebelumnya"),
    "periode_evaluasi": ("triwulan", "Periode evaluasi kinerja (triwulan atau bulanan)"),
    "batas_gagal_login": (5, "Batas salah password sebelum akun dikunci"),
    "lama_kunci_menit": (15, "Lama akun terkunci (menit)"),
    "lama_sesi_jam": (12, "Lama sesi login (jam)"),
    # docs/domain.md §8.31: a pensiunan may still read and print their documents for this many days.
    "akses_baca_pensiun_hari": (90, "Lama akses baca bagi pegawai pensiun (hari)"),
    "nama_instansi": ("Pemerintah Kabupaten Bondowoso", "Nama instansi pada kop dokumen"),
    "tempat_dokumen": ("Bondowoso", "Tempat penandatanganan dokumen"),
    # docs/domain.md §7: every cuti, sakit, tugas belajar and dinas luar day reduces hari kerja; izin does not.
    "ketidakhadiran_mengurangi": (
        [j.value for j in JenisKetidakhadiran if j is not JenisKetidakhadiran.IZIN],
        "Jenis ketidakhadiran yang mengurangi hari kerja",
    ),
    # docs/domain.md §8.36: reminders and digests (sipijar kirim-pengingat).
    "pengingat_hari_sebelum_tutup": (3, "Pengingat atasan: mulai berapa hari kerja sebelum tanggal penutupan"),
    "pengingat_hari_tanpa_aktivitas": (3, "Pengingat pegawai: setelah berapa hari kerja tanpa aktivitas"),
    "pengingat_hari_ringkasan": (1, "Ringkasan mingguan pimpinan dan admin: hari (1 = Senin … 5 = Jumat)"),
    "pengingat_jam_mulai": (7, "Jam kerja pengiriman e-mail dan webhook: mulai (jam WIB)"),
    "pengingat_jam_selesai": (16, "Jam kerja pengiriman e-mail dan webhook: selesai (jam WIB)"),
    "alamat_aplikasi": ("http://localhost:8501", "Alamat SIPIJAR untuk tautan dalam pengingat"),
    "smtp_host": ("", "Server SMTP (kosong: e-mail tidak dikirim)"),
    "smtp_port": (587, "Port SMTP"),
    "smtp_keamanan": ("starttls", "Keamanan SMTP"),
    "smtp_user": ("", "Pengguna SMTP"),
    "smtp_password": ("", "Password SMTP (atau variabel lingkungan SIPIJAR_SMTP_PASSWORD)"),
    "pengirim_nama": ("SIPIJAR", "Nama pengirim e-mail"),
    "pengirim_alamat": ("sipijar@localhost", "Alamat pengirim e-mail"),
    "webhook_url": ("", "Webhook pengingat, JSON POST (kosong: tidak dipakai)"),
}

#: Settings chosen from a list, and settings never shown back to the browser.
PILIHAN = {"periode_evaluasi": ("triwulan", "bulanan"), "smtp_keamanan": ("none", "starttls", "ssl")}
RAHASIA = frozenset({"smtp_password"})

#: Free-text settings: non-empty, at most this many characters; the optional ones may be empty.
_TEXT_LIMITS = {"nama_instansi": 200, "tempat_dokumen": 100, "pengirim_nama": 100, "pengirim_alamat": 200}
_OPTIONAL_TEXT = {"smtp_host": 200, "smtp_user": 200, "smtp_password": 200}
_LINKS = {"alamat_aplikasi": True, "webhook_url": False}  # key → required

#: Sane bounds: the capaian divides by menit_per_hari × hari kerja, so 1 minute would make any activity
#: 100 %, and a working day is not longer than 12 hours (the e-book's default is 300).
_RANGES = {
    "menit_per_hari": (60, 720),
    "bobot_produktivitas_persen": (0, 100),
    "hari_tutup_bulan": (1, 28),
    "batas_gagal_login": (1, 100),
    "lama_kunci_menit": (1, 24 * 60),
    "lama_sesi_jam": (1, 24 * 30),
    "akses_baca_pensiun_hari": (0, 3660),
    "pengingat_hari_sebelum_tutup": (0, 20),
    "pengingat_hari_tanpa_aktivitas": (1, 23),
    "pengingat_hari_ringkasan": (1, 5),
    "pengingat_jam_mulai": (0, 23),
    "pengingat_jam_selesai": (1, 24),
    "smtp_port": (1, 65535),
}


#: Where a Session keeps the settings it read (``Session.info``): one query per transaction, not one per
#: ``ambil`` (a Simpan asked for the same settings up to 16 times, issue #20); :func:`setel` updates it.
_CACHE = "sipijar_settings"


def ambil(session: Session, key: str) -> Any:
    if key not in DEFAULTS:
        raise KeyError(key)  # a programming error, not a user's
    raw = _tersimpan(session).get(key)
    return DEFAULTS[key][0] if raw is None else json.loads(raw)


def all_settings(session: Session) -> dict[str, Any]:
    return {key: ambil(session, key) for key in DEFAULTS}


def _tersimpan(session: Session) -> dict[str, str]:
    """The stored settings (JSON text) as this Session first read them; decoded per call, so a caller may change
    a list it got."""
    cached = session.info.get(_CACHE)
    if cached is None:
        cached = {row.key: row.value for row in session.scalars(select(Setting))}
        session.info[_CACHE] = cached
    return cached


def _as_int(value: Any) -> int | None:
    """An int, a whole float (5.0) or a string of digits ("5"); not 5.5, True or "lima".

    ``int()`` alone would silently turn 5.9 into 5 and True into 1.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("+-").isdigit() and text.isascii():
            return int(text)
    return None


def _validate(key: str, value: Any) -> Any:
    if key not in DEFAULTS:
        raise ValidationError(f"Pengaturan '{key}' tidak dikenal.")
    if key in PILIHAN:
        if value not in PILIHAN[key]:
            nama = "Periode evaluasi" if key == "periode_evaluasi" else DEFAULTS[key][1]
            *awal, akhir = (f"'{p}'" for p in PILIHAN[key])
            raise ValidationError(f"{nama} harus {', '.join(awal)} atau {akhir}.")
        return value
    if key in _OPTIONAL_TEXT or key in _LINKS:
        return _validate_optional(key, value)
    if key == "ketidakhadiran_mengurangi":
        if not isinstance(value, list | tuple) or any(v not in JenisKetidakhadiran.values() for v in value):
            raise ValidationError(f"{DEFAULTS[key][1]}: pilih dari {', '.join(JenisKetidakhadiran.values())}.")
        return [j for j in JenisKetidakhadiran.values() if j in value]
    if key in _TEXT_LIMITS:
        text = periksa_karakter(value.strip(), DEFAULTS[key][1]) if isinstance(value, str) else ""
        if tampak_kosong(text) or len(text) > _TEXT_LIMITS[key]:
            raise ValidationError(f"{DEFAULTS[key][1]} wajib diisi, paling banyak {_TEXT_LIMITS[key]} karakter.")
        if key == "pengirim_alamat" and "@" not in text:
            raise ValidationError(f"{DEFAULTS[key][1]} harus berupa alamat e-mail.")
        return text
    low, high = _RANGES[key]
    number = _as_int(value)
    if number is None:
        raise ValidationError(f"{DEFAULTS[key][1]} harus berupa bilangan bulat.")
    if not low <= number <= high:
        raise ValidationError(f"{DEFAULTS[key][1]} harus antara {low} dan {high}.")
    return number


def _validate_optional(key: str, value: Any) -> str:
    """Text that may be empty (SMTP off, no webhook) or a link (http/https, normalised)."""
    text = periksa_karakter(value.strip(), DEFAULTS[key][1]) if isinstance(value, str) else None
    if text is None:
        raise ValidationError(f"{DEFAULTS[key][1]} harus berupa teks.")
    if key in _LINKS:
        if not text and not _LINKS[key]:
            return ""
        return periksa_tautan(text).rstrip("/")
    if len(text) > _OPTIONAL_TEXT[key]:
        raise ValidationError(f"{DEFAULTS[key][1]} paling banyak {_OPTIONAL_TEXT[key]} karakter.")
    return text


def setel(session: Session, actor: Actor, key: str, value: Any) -> None:
    """Change one setting (admin only, audited)."""
    require_admin(actor)
    value = _validate(key, value)
    before = ambil(session, key)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=json.dumps(value), updated_by_id=actor.pegawai_id))
    else:
        row.value = json.dumps(value)
        row.updated_by_id = actor.pegawai_id
        row.updated_at = utcnow()  # the column default only fills it on insert
    session.info.pop(_CACHE, None)  # the next read sees the new value
    if key in RAHASIA:  # the audit trail names the change, never the secret
        before, value = ("(tersimpan)" if before else ""), "(diubah)"
    audit.record(session, actor, "ubah_pengaturan", "setting", key, {"nilai": before}, {"nilai": value})
