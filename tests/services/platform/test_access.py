"""The relation checks of services.platform.access: a record fetched for its owner (milik_sendiri)."""

from __future__ import annotations

import pytest

from db.models import PeriodeSKP
from db.session import session_scope
from services.organisasi import periode
from services.platform.access import milik_sendiri
from services.platform.errors import AksesDitolak, TidakDitemukan


def test_milik_sendiri_gives_the_owner_their_record_and_refuses_others(engine, org):
    with session_scope(engine) as s:
        pid = periode.tambah(s, org.staf, 2026).id
    with session_scope(engine) as s:
        assert milik_sendiri(s, org.staf, PeriodeSKP, pid, "Tidak ada.").id == pid
        for other in (org.kabid, org.admin):
            with pytest.raises(AksesDitolak, match="^Anda hanya dapat mengubah data Anda sendiri.$"):
                milik_sendiri(s, other, PeriodeSKP, pid, "Tidak ada.")


def test_milik_sendiri_lets_an_admin_in_only_when_asked(engine, org):
    with session_scope(engine) as s:
        pid = periode.tambah(s, org.staf, 2026).id
    with session_scope(engine) as s:
        assert milik_sendiri(s, org.admin, PeriodeSKP, pid, "Tidak ada.", admin_boleh=True).id == pid
        with pytest.raises(AksesDitolak, match="^Anda hanya dapat melihat atau mengubah data Anda sendiri.$"):
            milik_sendiri(s, org.kabid, PeriodeSKP, pid, "Tidak ada.", admin_boleh=True)


def test_milik_sendiri_names_a_missing_record_with_the_callers_message(engine, org):
    with session_scope(engine) as s:
        with pytest.raises(TidakDitemukan, match="^Periode SKP tidak ditemukan.$"):
            milik_sendiri(s, org.staf, PeriodeSKP, 999_999, "Periode SKP tidak ditemukan.")
