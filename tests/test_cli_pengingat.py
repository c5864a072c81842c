"""``sipijar kirim-pengingat [--dry-run]``: a summary line, exit 0, 2 when a delivery failed; a second run the
same day sends nothing."""

from __future__ import annotations

from datetime import datetime

import cli
from db.engine import make_engine
from db.models import Pegawai
from db.session import session_scope
from services.platform.format import WIB
from tests.pengingat_uji import ServerSmtp, menunggu_di_juli, setel


def test_kirim_pengingat(db_url, org, monkeypatch, capsys, time_machine):
    monkeypatch.setenv("SIPIJAR_DATABASE_URL", db_url)
    time_machine.move_to(datetime(2026, 8, 5, 10, tzinfo=WIB))
    engine = make_engine(db_url)
    menunggu_di_juli(engine, org)
    with ServerSmtp() as smtp:
        with session_scope(engine) as s:
            setel(s, **smtp.pengaturan())
            s.get_one(Pegawai, org.kasubbid.pegawai_id).email = "kasubbid@uji.example"
        assert cli.main(["kirim-pengingat", "--dry-run"]) == 0
        out = capsys.readouterr().out
        assert f"E-mail → Kasubbid Uji (NIP {org.kasubbid.nip}): SIPIJAR: 2 aktivitas dan 0 SKP menunggu Anda" in out
        assert out.splitlines()[-1].startswith("Pengingat 5 Agustus 2026: 3 pesan untuk 3 pegawai — akan dikirim")
        assert smtp.pesan == []

        smtp.tolak = 1
        assert cli.main(["kirim-pengingat"]) == 2
        assert "gagal 1;" in capsys.readouterr().out
        time_machine.move_to(datetime(2026, 8, 5, 10, 10, tzinfo=WIB))
        assert cli.main(["kirim-pengingat"]) == 0
        assert capsys.readouterr().out == (
            "Pengingat 5 Agustus 2026: 3 pesan untuk 3 pegawai — terkirim: aplikasi 0, e-mail 1, webhook 0; gagal 0; "
            "sudah terkirim sebelumnya 4; dihentikan penerima 0; ditunda di luar jam kerja 0.\n"
        )
    assert smtp.kepada() == ["kasubbid@uji.example"]
    engine.dispose()
