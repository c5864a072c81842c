"""Issue #18's Done-when: on the demo on its closing day, one ``sipijar kirim-pengingat`` run delivers to the test
SMTP server exactly the digests a hand-built list expects, a second run sends nothing, and the atasan's link
opens Validasi on the right bawahan."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

import cli
from db.engine import make_engine
from db.enums import StatusAktivitas
from db.models import AktivitasHarian
from db.session import session_scope
from services.contoh import demo
from services.contoh.demo_data import NIP
from services.platform.format import WIB
from tests.app.conftest import APP, pilih_pegawai
from tests.pengingat_uji import ServerSmtp, bagian, setel

HARI_TUTUP = datetime(2026, 8, 5, 9, 0, tzinfo=WIB)  # Wednesday 5 August 2026: July closes today

#: Worked out from the demo's waiting work on 5 August 2026 (services/contoh/demo_kabupaten.toml, seed 2026): each
#: atasan with something to validate, what the digest says, and the bawahan its first link opens (the one with
#: the most activities waiting).
DIGEST = [
    ("bupati", "1 bawahan, 30 aktivitas, 0 SKP menunggu", "sekda"),
    ("camat", "3 bawahan, 95 aktivitas, 0 SKP menunggu", "kasi_kesos"),
    ("ka_bkpsdm", "2 bawahan, 61 aktivitas, 0 SKP menunggu", "kabid_mutasi"),
    ("kabid_mutasi", "5 bawahan, 130 aktivitas, 1 SKP menunggu", "analis_muda"),
    ("kabid_ppik", "2 bawahan, 56 aktivitas, 0 SKP menunggu", "pengelola_sik"),
    ("kabid_yankes", "3 bawahan, 95 aktivitas, 0 SKP menunggu", "admkes_muda"),
    ("kadinkes", "2 bawahan, 70 aktivitas, 0 SKP menunggu", "kapus"),
    ("kapus", "7 bawahan, 236 aktivitas, 0 SKP menunggu", "bidan2"),
    ("kasi_pem", "1 bawahan, 34 aktivitas, 0 SKP menunggu", "pengelola_duk"),
    ("kasubbag_tu", "2 bawahan, 42 aktivitas, 0 SKP menunggu", "keuangan_pkm"),
    ("kasubbag_umum", "1 bawahan, 33 aktivitas, 0 SKP menunggu", "pengadm_kec"),
    ("sekcam", "2 bawahan, 64 aktivitas, 0 SKP menunggu", "bendahara"),
    ("sekda", "3 bawahan, 106 aktivitas, 0 SKP menunggu", "camat"),
]
ALAMAT = "https://sipijar.bondowosokab.example"


def _alamat(key: str) -> str:
    return f"{NIP[key]}@demo.sipijar.example"


def test_the_closing_day_of_the_demo(db_url, monkeypatch, capsys, time_machine):
    time_machine.move_to(HARI_TUTUP)
    monkeypatch.setenv("SIPIJAR_DATABASE_URL", db_url)
    monkeypatch.setenv("SIPIJAR_COOKIE_KEY", "kunci-uji-" + "x" * 40)
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        demo.isi_demo(s)
    with ServerSmtp() as smtp:
        with session_scope(engine) as s:
            setel(s, alamat_aplikasi=ALAMAT, **smtp.pengaturan())
            menunggu = s.scalar(
                select(func.count())
                .select_from(AktivitasHarian)
                .where(AktivitasHarian.status == StatusAktivitas.MENUNGGU)
            )

        assert cli.main(["kirim-pengingat"]) == 0
        ringkasan = capsys.readouterr().out
        digest = {m["To"].addresses[0].addr_spec: m for m in smtp.pesan if "menunggu Anda" in m["Subject"]}
        assert sorted(digest) == sorted(_alamat(atasan) for atasan, _r, _b in DIGEST)
        for atasan, ringkas, bawahan in DIGEST:
            polos = bagian(digest[_alamat(atasan)], "text/plain")
            assert f"\n{ringkas}; ditutup hari ini, 5 Agustus 2026 (bulan Juli 2026).\n" in polos, atasan
            assert f"Buka SIPIJAR: {ALAMAT}/validasi?nip={NIP[bawahan]}\n" in polos, atasan
        # Every activity waiting in the demo is in exactly one digest.
        assert sum(int(r.split(", ")[1].split()[0]) for _a, r, _b in DIGEST) == menunggu == 1052
        # Besides the digests: the pegawai told of their rejected July activities and of their empty July days.
        assert Counter(str(m["Subject"]) for m in smtp.pesan if m not in digest.values()) == {
            "SIPIJAR: ada yang dikembalikan untuk Anda perbaiki": 34,
            "SIPIJAR: 3 hari kerja belum ada aktivitas harian": 2,
        }
        assert "49 pesan untuk 35 pegawai — terkirim: aplikasi 49, e-mail 49, webhook 0; gagal 0;" in ringkasan

        assert cli.main(["kirim-pengingat"]) == 0
        assert "terkirim: aplikasi 0, e-mail 0, webhook 0; gagal 0; sudah terkirim sebelumnya 98;" in (
            capsys.readouterr().out
        )
        assert len(smtp.pesan) == 49
    engine.dispose()

    # The Kepala Puskesmas follows the e-mail's link while logged out: after the login, Validasi opens on the
    # bidan with the most activities waiting.
    kapus = bagian(digest[_alamat("kapus")], "text/plain")
    tautan = kapus.split(f"{ALAMAT}/validasi?nip=")[1].split("\n")[0]
    jumlah = kapus.split(f"(NIP {NIP['bidan2']}): ")[1].split(" aktivitas")[0]
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["nip"] = tautan
    at.run()
    at.text_input(key="login_nip").input(NIP["kapus"])
    at.text_input(key="login_password").input(demo.DEMO_PASSWORD)
    at.button[0].click().run()
    assert not at.exception and [t.value for t in at.title] == ["Validasi"]
    pilihan = pilih_pegawai(at)
    assert pilihan.format_func(pilihan.value).endswith(f"NIP {NIP['bidan2']}")
    assert any(t.value.startswith(f"{jumlah} aktivitas menunggu validasi") for t in at.text), jumlah
