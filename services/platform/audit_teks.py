"""The audit trail as an admin reads it: an Indonesian label per action code ("validasi_aktivitas" →
"Validasi aktivitas") and the stored before/after JSON as "kunci: nilai" text, with no "None", braces or
quotes. The codes themselves stay in the database (they are what the filter searches)."""

from __future__ import annotations

import json
from typing import Any

#: Codes whose plain reading is not Indonesian or not clear enough; every other code reads as its words.
LABEL_AKSI = {
    "login": "Log in",
    "logout": "Log out",
    "login_gagal": "Log in gagal",
    "login_ditolak_berhenti": "Log in ditolak (pegawai berhenti)",
    "akun_dikunci": "Akun dikunci (terlalu banyak percobaan)",
    "atur_password": "Atur password oleh operator",
    "seed_demo": "Isi data demo",
    "generate_sintetis": "Buat data sintetis (benchmark)",
    "catat_realisasi_pk": "Catat realisasi Perjanjian Kinerja",
    "tambah_plt": "Tambah Plt/Plh",
    "cabut_plt": "Cabut Plt/Plh",
    "ubah_tpp_pokok": "Ubah TPP pokok",
    "buka_tutup_bulan": "Buka kembali bulan yang ditutup",
    "aktif_kembali_perpanjang_periode": "Aktif kembali: Periode SKP diperpanjang",
    "umpan_balik_perilaku": "Umpan balik perilaku kerja",
    "umpan_balik_realisasi": "Umpan balik realisasi",
}

#: Words written differently from their lower-case code.
_KATA = {"pk": "PK", "tpp": "TPP", "plt": "Plt", "skp": "SKP", "nip": "NIP", "id": "ID", "opd": "OPD"}


def _kata(kode: str) -> str:
    teks = " ".join(_KATA.get(k, k) for k in kode.split("_") if k)
    return teks[:1].upper() + teks[1:]


def label_aksi(kode: str) -> str:
    """The action as a short Indonesian phrase."""
    return LABEL_AKSI.get(kode) or _kata(kode)


def label_data(entitas: str) -> str:
    """The kind of record: "aktivitas_harian" → "Aktivitas harian"."""
    return _kata(entitas)


def _nilai(value: Any) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, dict):
        return "(" + teks_isi(value) + ")"
    if isinstance(value, list):
        return ", ".join(_nilai(v) for v in value) or "-"
    return str(value)


def teks_isi(value: Any) -> str:
    """Stored JSON (text or already parsed) as "kunci: nilai; kunci: nilai"; "-" when there is nothing."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return value or "-"
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {_nilai(v)}" for k, v in value.items()) or "-"
    return _nilai(value)
