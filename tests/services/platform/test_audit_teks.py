"""The Audit Log as an admin reads it (issue #16): Indonesian action labels, details as "kunci: nilai"."""

from __future__ import annotations

import json

from services.platform import audit_teks


def test_action_codes_read_as_indonesian_phrases():
    assert audit_teks.label_aksi("login") == "Log in"
    assert audit_teks.label_aksi("login_gagal") == "Log in gagal"
    assert audit_teks.label_aksi("validasi_aktivitas") == "Validasi aktivitas"
    assert audit_teks.label_aksi("ubah_tpp_pokok") == "Ubah TPP pokok"
    assert audit_teks.label_aksi("catat_realisasi_pk") == "Catat realisasi Perjanjian Kinerja"
    assert audit_teks.label_data("aktivitas_harian") == "Aktivitas harian"
    assert audit_teks.label_data("periode_skp") == "Periode SKP"


def test_details_are_key_value_text_without_json_or_none():
    stored = json.dumps(
        {"status": "Tervalidasi", "alasan_tolak": None, "durasi_menit": 90, "aktif": True, "hari": ["Senin", "Selasa"]}
    )
    assert audit_teks.teks_isi(stored) == (
        "status: Tervalidasi; alasan tolak: -; durasi menit: 90; aktif: ya; hari: Senin, Selasa"
    )
    assert audit_teks.teks_isi(None) == "-"
    assert audit_teks.teks_isi(json.dumps({"penilai": {"nama": "Kabid Uji", "nip": None}})) == (
        "penilai: (nama: Kabid Uji; nip: -)"
    )
    assert audit_teks.teks_isi(json.dumps("2026-11-30")) == "2026-11-30"
    assert audit_teks.teks_isi("bukan json") == "bukan json"
