"""The audit trail: append-only in the database itself, searchable by the admin only."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import DBAPIError

from db.models import AuditLog
from db.session import session_scope
from services.platform import audit, auth, settings
from services.platform.access import Operator
from services.platform.errors import AksesDitolak
from services.platform.kalender import hari_ini
from tests.factories import PASSWORD


def test_a_change_is_recorded_with_actor_and_before_after(engine, org):
    with session_scope(engine) as s:
        settings.setel(s, org.admin, "menit_per_hari", 420)
    with session_scope(engine) as s:
        row = s.scalar(select(AuditLog).where(AuditLog.aksi == "ubah_pengaturan"))
        assert (row.actor_nip, row.entitas, row.entitas_id) == (org.admin.nip, "setting", "menit_per_hari")
        assert (row.sebelum, row.sesudah) == ('{"nilai": 300}', '{"nilai": 420}')


def test_the_log_shows_a_pegawai_by_nip_the_operator_by_name_and_otherwise_sistem(engine, org):
    with session_scope(engine) as s:
        audit.record(s, org.kabid, "uji_pegawai", "uji")
        audit.record(s, Operator("budi"), "uji_operator", "uji")
        audit.record(s, None, "uji_sistem", "uji")
    with session_scope(engine) as s:
        rows = {r.aksi: r for r in audit.cari(s, org.admin, entitas="uji")}
        assert (rows["uji_operator"].operator, rows["uji_operator"].actor_nip) == ("budi", None)
        assert {aksi: r.pelaku for aksi, r in rows.items()} == {
            "uji_pegawai": org.kabid.nip,
            "uji_operator": "operator budi",
            "uji_sistem": "sistem",
        }


@pytest.mark.parametrize(
    "statement",
    [
        lambda: update(AuditLog).values(aksi="dipalsukan"),
        lambda: delete(AuditLog),
    ],
)
def test_audit_rows_cannot_be_changed_or_deleted_even_with_sql(engine, org, statement):
    with session_scope(engine) as s:
        auth.login(s, org.staf.nip, PASSWORD)
    with pytest.raises(DBAPIError, match="append-only"):
        with session_scope(engine) as s:
            s.execute(statement())
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.aksi == "login")) == 1


def test_search_filters_by_action_actor_and_date(engine, org):
    with session_scope(engine) as s:
        auth.login(s, org.staf.nip, PASSWORD)
        auth.login(s, org.kabid.nip, PASSWORD)
        settings.setel(s, org.admin, "menit_per_hari", 420)
    with session_scope(engine) as s:
        semua = audit.cari(s, org.admin)
        assert [r.aksi for r in semua] == ["ubah_pengaturan", "login", "login"]  # newest first
        assert [r.actor_nip for r in audit.cari(s, org.admin, aksi="login", nip=org.kabid.nip)] == [org.kabid.nip]
        today = hari_ini()  # the screen's days are WIB days
        assert len(audit.cari(s, org.admin, dari=today, sampai=today)) == 3
        assert audit.cari(s, org.admin, dari=today + timedelta(days=1)) == []
        assert audit.daftar_aksi(s, org.admin) == ["login", "ubah_pengaturan"]


def test_the_date_filter_takes_wib_days(engine, org):
    """The screen shows WIB times; 06.30 WIB on 2 March is 23.30 UTC on 1 March and belongs to 2 March."""
    waktu_utc = {
        "23.59 WIB 1 Maret": datetime(2026, 3, 1, 16, 59, 59, tzinfo=UTC),
        "00.00 WIB 2 Maret": datetime(2026, 3, 1, 17, 0, tzinfo=UTC),
        "06.30 WIB 2 Maret": datetime(2026, 3, 1, 23, 30, tzinfo=UTC),
        "07.00 WIB 2 Maret": datetime(2026, 3, 2, 0, 0, tzinfo=UTC),
        "23.59 WIB 2 Maret": datetime(2026, 3, 2, 16, 59, 59, tzinfo=UTC),
        "00.00 WIB 3 Maret": datetime(2026, 3, 2, 17, 0, tzinfo=UTC),
    }
    with session_scope(engine) as s:
        s.add_all(AuditLog(waktu=waktu, aksi=label, entitas="uji") for label, waktu in waktu_utc.items())
    with session_scope(engine, readonly=True) as s:

        def aksi(dari, sampai):
            return sorted(r.aksi for r in audit.cari(s, org.admin, entitas="uji", dari=dari, sampai=sampai))

        assert aksi(date(2026, 3, 2), date(2026, 3, 2)) == [
            "00.00 WIB 2 Maret",
            "06.30 WIB 2 Maret",
            "07.00 WIB 2 Maret",
            "23.59 WIB 2 Maret",
        ]
        assert aksi(date(2026, 3, 1), date(2026, 3, 1)) == ["23.59 WIB 1 Maret"]
        assert aksi(date(2026, 3, 3), None) == ["00.00 WIB 3 Maret"]
        assert aksi(None, date(2026, 3, 1)) == ["23.59 WIB 1 Maret"]


@pytest.mark.parametrize("who", ["staf", "kepala", "bupati"])
def test_only_admin_reads_the_trail(engine, org, who):
    with pytest.raises(AksesDitolak):
        with session_scope(engine) as s:
            audit.cari(s, getattr(org, who))


def test_versi_data_grows_with_every_audited_change(engine, org):
    """The cache key of the dashboards: any audited change (here a setting) moves it, a read does not."""
    with session_scope(engine, readonly=True) as s:
        before = audit.versi_data(s)
        assert audit.versi_data(s) == before
    with session_scope(engine) as s:
        settings.setel(s, org.admin, "menit_per_hari", 240)
    with session_scope(engine, readonly=True) as s:
        assert audit.versi_data(s) > before
