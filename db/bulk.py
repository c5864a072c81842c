"""Bulk loading: many rows into one table fast, on SQLite and PostgreSQL.

The only dialect-specific loading code of the project lives here:

* :func:`bulk_load` — one connection and one transaction tuned for a load. SQLite: rollback journal
  instead of WAL (pages appended to an empty file need no journal), ``synchronous=OFF``, a large page
  cache, and the row-by-row foreign-key and CHECK enforcement off; all restored afterwards.
  PostgreSQL: ``synchronous_commit`` off and, when the role may, the row-level foreign-key triggers
  off (``session_replication_role = replica``; CHECKs stay on). What the database did not check row
  by row, :func:`violations` checks set-wise before the commit (one scan per table); any violation
  rolls the whole load back.
* :func:`bulk_insert` — rows (tuples in the order of ``columns``, values of the columns' Python
  types) into a table: an INSERT of exactly those columns through the driver's ``executemany`` on SQLite,
  ``COPY … FROM STDIN (FORMAT BINARY)`` (psycopg 3) on PostgreSQL — with ``FREEZE`` into an empty
  table no foreign key points at (truncated first in the same transaction). Rows are streamed; give
  a generator.
* :func:`tabel` — the Core :class:`~sqlalchemy.Table` of an ORM model, typed as one (a declarative model's
  ``__table__`` is only typed as a ``FromClause``), for these loaders and set-wise ``insert``/``update``.
* :func:`reset_sequences` — after loading rows with ids chosen by the caller, move PostgreSQL's
  sequences past them so the next ORM insert gets a fresh id (SQLite needs nothing).

Indexes stay in place (the migrations own them); the rows should come roughly in index order
(e.g. by owner, then by date) so that index pages are appended to rather than split at random.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, ColumnElement, Connection, Engine, Table, TextClause, func, select, text

log = logging.getLogger(__name__)

#: SQLite page cache during a load, in KiB (negative = KiB in the pragma).
SQLITE_LOAD_CACHE_KIB = 2_000_000


class _Memo(dict):
    """value → converted value, computed once per distinct value (dates, enums, booleans repeat)."""

    __slots__ = ("fn",)

    def __init__(self, fn: Callable[[Any], Any]):
        super().__init__()
        self.fn = fn

    def __missing__(self, value):
        converted = self.fn(value)
        self[value] = converted
        return converted


def _row_converter(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    extra: Mapping[int, Callable[[Any], Any]] | None = None,
) -> Callable | None:
    """A function turning a row of Python values into driver values with the columns' bind processors
    (and ``extra`` converters by position), memoised per distinct value; None when nothing to do."""
    dialect = connection.dialect
    memos: dict[str, Callable[[Any], Any]] = {}
    parts = []
    for index, name in enumerate(columns):
        processor: Callable[[Any], Any] | None = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        more = (extra or {}).get(index)
        if processor is not None and more is not None:
            processor = (lambda first, second: lambda value: second(first(value)))(processor, more)
        processor = processor or more
        if processor is None:
            parts.append(f"r[{index}]")
            continue
        memo = _Memo(processor)
        memo[None] = None
        memos[f"c{index}"] = memo.__getitem__
        parts.append(f"c{index}(r[{index}])")
    if not memos:
        return None
    return eval(f"lambda r: ({', '.join(parts)},)", memos)  # noqa: S307 - code built from indexes only


def _driver_connection(connection: Connection) -> Any:
    """The driver's own connection (sqlite3 or psycopg) behind a checked-out SQLAlchemy connection."""
    driver = connection.connection.driver_connection
    if driver is None:  # only an invalidated pool entry has none
        raise RuntimeError("the connection has no open driver connection")
    return driver


def tabel(model: Any) -> Table:
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table


def bulk_insert(connection: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert ``rows`` (tuples ordered like ``columns``) into ``table``; returns the row count."""
    counter = _Counter(rows)
    if connection.dialect.name == "postgresql":
        _copy_binary(connection, table, columns, counter)
    else:
        convert = _row_converter(connection, table, columns)
        # Only the given columns, like COPY: a compiled insert() would add every column with a Python-side
        # default, and its bind count would no longer match the rows (the database's defaults fill the rest).
        preparer = connection.dialect.identifier_preparer
        names = ", ".join(preparer.quote(c) for c in columns)
        sql = f"INSERT INTO {preparer.format_table(table)} ({names}) VALUES ({', '.join('?' for _ in columns)})"
        cursor = _driver_connection(connection).cursor()
        cursor.executemany(sql, counter if convert is None else map(convert, counter))
        cursor.close()
    return counter.count


def _copy_binary(connection: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """``COPY … FROM STDIN (FORMAT BINARY)``: psycopg packs the values in C and the server parses no
    text (both cost about a third of the text format's CPU). Column types come from the catalog."""
    cursor = _driver_connection(connection).cursor()
    cursor.execute(
        "SELECT attname, atttypid, format_type(atttypid, NULL) FROM pg_attribute "
        "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
        (table.name,),
    )
    catalog = {name: (oid, type_name) for name, oid, type_name in cursor.fetchall()}
    # Binary numeric wants a Decimal; accept ints and floats too.
    numeric = {i: _to_decimal for i, c in enumerate(columns) if catalog[c][1] == "numeric"}
    convert = _row_converter(connection, table, columns, numeric)
    preparer = connection.dialect.identifier_preparer
    names = ", ".join(preparer.quote(c) for c in columns)
    options = "FORMAT BINARY, FREEZE" if _truncate_if_empty(connection, table) else "FORMAT BINARY"
    with cursor.copy(f"COPY {preparer.format_table(table)} ({names}) FROM STDIN ({options})") as copy:
        copy.set_types([catalog[c][0] for c in columns])
        write = copy.write_row
        for row in rows if convert is None else map(convert, rows):
            write(row)
    cursor.close()


def _truncate_if_empty(connection: Connection, table: Table) -> bool:
    """PostgreSQL: an empty table that no foreign key points at is truncated in this transaction, so
    that COPY may FREEZE: rows land frozen and all-visible (no hint-bit rewrite of every page on first
    read, no anti-wraparound vacuum later, index-only scans at once)."""
    referenced = any(
        fk.column.table is table
        for other in table.metadata.tables.values()
        for fk in other.foreign_keys
        if other is not table
    )
    if referenced or connection.scalar(select(1).select_from(table).limit(1)) is not None:
        return False
    connection.execute(text(f"TRUNCATE {connection.dialect.identifier_preparer.format_table(table)}"))
    return True


def _to_decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


class _Counter:
    """Iterates ``rows`` and counts them (executemany and COPY do not say how many they took)."""

    __slots__ = ("rows", "count")

    def __init__(self, rows: Iterable[Sequence]):
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def reset_sequences(connection: Connection, tables: Iterable[Table]) -> None:
    """PostgreSQL: set each table's id sequence to max(id), so later inserts get fresh ids."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        if "id" not in table.c or not table.c.id.autoincrement:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:t, 'id'), "
                f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
            ),
            {"t": table.name},
        )


def violations(
    connection: Connection, tables: Iterable[Table], foreign_keys: bool = True, checks: bool = False
) -> list[str]:
    """What the rows of ``tables`` break, checked set-wise: foreign keys naming a missing row
    ('tabel.kolom → tabel (n baris)') and, with ``checks``, CHECK constraints ('tabel: ck_… (n baris)').

    Cheap: one scan per table computes the min and max of its foreign-key columns and the number of
    rows failing a CHECK. When a parent's primary keys are gap-free (count = max − min + 1) and cover
    the child's range, every reference is present; only otherwise does an anti-join count the
    dangling rows. A CHECK fails only when its expression is false (NULL passes), as in the database.
    """
    dialect = connection.dialect
    parents: dict[str, tuple] = {}
    problems = []
    for table in tables:
        keys = [(fk.parent, fk.column) for fk in table.foreign_keys] if foreign_keys else []
        rules = [c for c in table.constraints if isinstance(c, CheckConstraint)] if checks else []
        if not keys and not rules:
            continue
        failing = [str(rule.sqltext.compile(dialect=dialect, compile_kwargs={"literal_binds": True})) for rule in rules]
        columns: list[ColumnElement[Any] | TextClause] = [
            agg(child) for child, _parent in keys for agg in (func.min, func.max)
        ]
        if failing:
            columns.append(text("sum(CASE WHEN " + " OR ".join(f"NOT ({f})" for f in failing) + " THEN 1 ELSE 0 END)"))
        row = connection.execute(select(*columns).select_from(table)).one()
        for index, (child, parent) in enumerate(keys):
            low, high = row[2 * index], row[2 * index + 1]
            if low is None:
                continue  # all NULL
            if _covered(connection, parents, parent, low, high):
                continue
            dangling = connection.scalar(
                text(
                    f"SELECT count(*) FROM {table.name} c WHERE c.{child.name} IS NOT NULL AND NOT EXISTS "
                    f"(SELECT 1 FROM {parent.table.name} p WHERE p.{parent.name} = c.{child.name})"
                )
            )
            if dangling:
                problems.append(f"{table.name}.{child.name} → {parent.table.name} ({dangling} baris)")
        if failing and row[-1]:
            for rule, expression in zip(rules, failing):
                count = connection.scalar(select(func.count()).select_from(table).where(text(f"NOT ({expression})")))
                if count:
                    problems.append(f"{table.name}: {rule.name} ({count} baris)")
    return problems


def _covered(connection: Connection, parents: dict[str, tuple], parent, low, high) -> bool:
    """True when ``parent`` is its table's integer primary key, gap-free, and spans low..high."""
    table = parent.table
    if list(table.primary_key.columns) != [parent] or not isinstance(low, int):
        return False
    if table.name not in parents:
        parents[table.name] = tuple(
            connection.execute(select(func.count(), func.min(parent), func.max(parent)).select_from(table)).one()
        )
    count, first, last = parents[table.name]
    return bool(count) and last - first + 1 == count and first <= low and high <= last


def _sqlite_pragma(dbapi_connection, pragma: str):
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA {pragma}")
        row = cursor.fetchone()
        return row[0] if row else None
    finally:
        cursor.close()


@contextmanager
def bulk_load(engine: Engine, tables: Sequence[Table] = ()) -> Iterator[Connection]:
    """One connection in one transaction, set up for loading; commits on success.

    ``tables`` are the tables the caller loads: their foreign keys are checked set-wise before the
    commit (the row-by-row checks are off during the load) and, on PostgreSQL, their sequences reset.
    """
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            yield from _sqlite_load(connection, tables)
        else:
            yield from _postgresql_load(connection, tables)


def _finish(connection: Connection, tables: Sequence[Table], foreign_keys_off: bool, checks_off: bool) -> None:
    if foreign_keys_off or checks_off:
        started = time.perf_counter()
        problems = violations(connection, tables, foreign_keys=foreign_keys_off, checks=checks_off)
        log.info("loaded rows verified set-wise in %.1f s", time.perf_counter() - started)
        if problems:
            raise RuntimeError("Data tidak valid setelah pemuatan massal: " + "; ".join(problems))
    reset_sequences(connection, tables)


def _sqlite_load(connection: Connection, tables: Sequence[Table]):
    raw = _driver_connection(connection)
    saved = {
        name: _sqlite_pragma(raw, name)
        for name in (
            "journal_mode",
            "synchronous",
            "cache_size",
            "foreign_keys",
            "temp_store",
            "ignore_check_constraints",
        )
    }
    # Outside any transaction: these pragmas are ignored inside one.
    _sqlite_pragma(raw, "foreign_keys=OFF")
    _sqlite_pragma(raw, "ignore_check_constraints=ON")
    journal = _sqlite_pragma(raw, "journal_mode=TRUNCATE")
    if str(journal).lower() != "truncate":  # another connection holds the file open: stay in WAL
        log.info("SQLite journal_mode stays %s during the bulk load", journal)
    _sqlite_pragma(raw, "synchronous=OFF")
    _sqlite_pragma(raw, f"cache_size=-{SQLITE_LOAD_CACHE_KIB}")
    _sqlite_pragma(raw, "temp_store=MEMORY")
    try:
        with connection.begin():
            yield connection
            _finish(connection, tables, foreign_keys_off=True, checks_off=True)
        # Small sampled statistics so the planner knows the new table sizes.
        _sqlite_pragma(raw, "analysis_limit=1000")
        raw.execute("ANALYZE")
    finally:
        if connection.in_transaction():
            connection.rollback()
        _sqlite_pragma(raw, f"journal_mode={saved['journal_mode']}")
        _sqlite_pragma(raw, f"synchronous={saved['synchronous']}")
        _sqlite_pragma(raw, f"cache_size={saved['cache_size']}")
        _sqlite_pragma(raw, f"temp_store={saved['temp_store']}")
        _sqlite_pragma(raw, f"foreign_keys={saved['foreign_keys']}")
        _sqlite_pragma(raw, f"ignore_check_constraints={saved['ignore_check_constraints']}")
        # The connection goes back to the pool; drop it so the next user starts from the engine's
        # own connect-time pragmas rather than whatever we restored by hand.
        connection.invalidate()


def _postgresql_load(connection: Connection, tables: Sequence[Table]):
    with connection.begin():
        connection.execute(text("SET LOCAL synchronous_commit = off"))
        foreign_keys_off = True
        try:
            with connection.begin_nested():
                connection.execute(text("SET LOCAL session_replication_role = replica"))
        except Exception:  # not a superuser: keep the foreign-key triggers, slower but correct
            foreign_keys_off = False
            log.info("session_replication_role not permitted; foreign keys checked row by row")
        yield connection
        _finish(connection, tables, foreign_keys_off=foreign_keys_off, checks_off=False)
    with connection.begin():
        for table in tables:
            connection.execute(text(f"ANALYZE {table.name}"))
