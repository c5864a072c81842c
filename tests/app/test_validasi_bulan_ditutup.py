"""Validasi after a closing day (docs/domain.md §8.39): a bawahan's row left waiting in a closed month is shown last
with its label and no buttons, and Validasi Semua validates the open months' rows instead of refusing them all."""

from __future__ import annotations

from datetime import UTC, date, datetime

import time_machine
from sqlalchemy import select

from db.enums import StatusAktivitas
from db.models import AktivitasHarian
from db.session import session_scope
from tests.app.conftest import button, login, polos
from tests.factories import add_aktivitas, build_skp

M, T = StatusAktivitas.MENUNGGU, StatusAktivitas.TERVALIDASI
#: 2 April 2026, 10:00 WIB: March is open until 5 April, February closed on 5 March.
KAMIS = datetime(2026, 4, 2, 3, 0, tzinfo=UTC)


def test_a_closed_month_row_neither_blocks_validasi_semua_nor_offers_buttons(app_env):
    org = app_env.org
    with session_scope(app_env.engine()) as s:
        skp = build_skp(s, org.staf, 2026)
        build_skp(s, org.kasubbid, 2026)
        februari = add_aktivitas(s, org.staf, skp, date(2026, 2, 26), "08:00", "09:00", M, aktivitas="Rapat Feb").id
        for d in (30, 31):
            add_aktivitas(s, org.staf, skp, date(2026, 3, d), "08:00", "09:00", M, aktivitas=f"Rapat {d} Maret")
    with time_machine.travel(KAMIS, tick=False):
        at = login(org.kasubbid.nip)
        at.switch_page("pages/validasi.py").run()
        assert not at.exception
        assert any("Bulan Sudah Ditutup ditampilkan di akhir" in polos(c.value) for c in at.caption)
        assert not [b for b in at.button if b.key and b.key.endswith(f"_{februari}")]  # no Validasi, no Tolak
        button(at, "Validasi Semua").click().run()
        assert not at.exception and not at.error
        assert any("2 aktivitas" in polos(m.value) and "tervalidasi" in m.value for m in at.success)
    with session_scope(app_env.engine(), readonly=True) as s:
        status = dict(s.execute(select(AktivitasHarian.tanggal, AktivitasHarian.status)).all())
    assert status == {date(2026, 2, 26): M, date(2026, 3, 30): T, date(2026, 3, 31): T}
