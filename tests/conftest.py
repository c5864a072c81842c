"""Shared fixtures: one fresh, migrated database per test, on SQLite always and on PostgreSQL when
SIPIJAR_TEST_DATABASE_URL is set (CI sets it and requires it); and a pinned clock.

The clock: the whole run travels (time-machine, ticking) to one fixed instant, :data:`TEST_NOW`, before any
test module is imported, so module-level "this year" constants see it too and the suite passes on any
date. ``SIPIJAR_TEST_NOW`` (an ISO datetime; without an offset it is WIB) moves it, to prove the suite on
awkward days (New Year's Eve, the closing day of the year); a test that needs another instant still asks
the ``time_machine`` fixture for it."""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import datetime

os.environ.setdefault("SIPIJAR_BCRYPT_ROUNDS", "4")  # tests only: cheap hashes, same code path

import pytest
import time_machine
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from db.engine import make_engine
from db.migrate import upgrade
from db.models import Base
from db.session import session_scope
from services.platform.format import WIB

#: A Wednesday in July, 10.00 WIB: an ordinary working day in the middle of a month and of a year; the run's
#: clock unless SIPIJAR_TEST_NOW says otherwise, and the day of a test that needs an ordinary one whatever it says.
ORDINARY_DAY = datetime(2026, 7, 15, 10, 0, tzinfo=WIB)


def _test_now() -> datetime:
    setting = os.environ.get("SIPIJAR_TEST_NOW")
    if not setting:
        return ORDINARY_DAY
    now = datetime.fromisoformat(setting)
    return now if now.tzinfo is not None else now.replace(tzinfo=WIB)


TEST_NOW = _test_now()


def pytest_configure(config) -> None:
    """Travel before collection: test modules read "today" at import time."""
    traveller = time_machine.travel(TEST_NOW, tick=True)
    traveller.start()
    config.add_cleanup(traveller.stop)


def pytest_report_header(config) -> str:
    return f"clock pinned to {TEST_NOW.isoformat()} (SIPIJAR_TEST_NOW)"


PG_URL = os.environ.get("SIPIJAR_TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()  # closing the last connection checkpoints the WAL into the file
    return str(path)


@pytest.fixture(scope="session")
def pg_database():
    """A migrated PostgreSQL database of this test process's own (xdist worker and pid in the name, so
    concurrent runs on one server never truncate each other's data); dropped at the end."""
    admin_url = make_url(PG_URL)
    name = f"sipijar_test_{_worker()}_{os.getpid()}"
    admin = create_engine(admin_url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # CI requires PostgreSQL: fail loudly, never skip
        admin.dispose()
        pytest.fail(f"PostgreSQL at {admin_url.render_as_string()} is not usable: {exc}")
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate_all(engine) -> None:
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """URL of an empty, migrated database for this test."""
    if request.param == "sqlite":
        path = tmp_path / f"sipijar-{uuid.uuid4().hex[:8]}.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_database")
    engine = make_engine(url)
    _truncate_all(engine)
    engine.dispose()
    return url


@pytest.fixture
def engine(db_url):
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def org(engine):
    """The small hand-built organisation of tests/factories.py."""
    from tests.factories import build_org

    with session_scope(engine) as s:
        return build_org(s)
