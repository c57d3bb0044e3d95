"""Engines by URL: validation, SQLite pragmas, write transactions, and one-line errors."""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from ..errors import StoreError

#: Dialects the store is written and tested for.
SUPPORTED_BACKENDS = ("sqlite", "postgresql")

#: Seconds a SQLite connection waits for another writer before giving up ("database is locked").
SQLITE_BUSY_TIMEOUT = 5.0

_WRITE = "newsprism_write"

T = TypeVar("T")

#: URL schemes that mean PostgreSQL through psycopg 3 (the driver the ``postgres`` extra installs):
#: SQLAlchemy reads a bare ``postgresql://`` as psycopg2, which newsprism does not install, and no
#: longer knows the ``postgres://`` that many hosting services hand out.
_PSYCOPG_ALIASES = frozenset({"postgresql", "postgres"})


def parse_url(url: str) -> URL:
    """``url`` parsed and checked against :data:`SUPPORTED_BACKENDS`, or :class:`StoreError`."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise StoreError(f"bad database URL {url!r}: {one_line(exc)}") from None
    if parsed.drivername in _PSYCOPG_ALIASES:
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise StoreError(
            f"unsupported database {backend!r} in {safe_url(parsed)}; use sqlite:///PATH or postgresql+psycopg://..."
        )
    return parsed


def sqlite_file(url: URL) -> Path | None:
    """The file a ``sqlite:///PATH`` URL names; ``None`` for other databases and in-memory ones."""
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):  # sqlite:///file:PATH?mode=...&uri=true
        return (
            Path(database.removeprefix("file:").partition("?")[0]) if url.query.get("uri") else Path(database)
        )
    return Path(database)


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (``postgresql://`` and ``postgres://`` use psycopg 3); for SQLite with
    WAL, foreign keys, a busy timeout and real BEGINs."""
    parsed = parse_url(url)
    try:
        engine = create_engine(parsed)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        hint = " (pip install 'newsprism[postgres]')" if isinstance(exc, ImportError) else ""
        raise StoreError(f"cannot use database {safe_url(parsed)}: {one_line(exc)}{hint}") from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see _sqlite_on_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        _set_wal(cursor)
    finally:
        cursor.close()


def _set_wal(cursor: Any) -> None:
    """``PRAGMA journal_mode = WAL`` (in-memory databases stay "memory"), retried while the
    database is locked. The trap: switching a new database to WAL needs an exclusive lock and
    SQLite answers "database is locked" at once, without waiting out the busy timeout, so two
    processes opening a new database together failed one time in a dozen. Waiting here (up to
    the busy timeout) is what the busy handler would have done."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT
    pause = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.1)


def _sqlite_on_begin(connection: Connection) -> None:
    # Writers take the write lock up front, so two writers queue (busy_timeout) instead of
    # deadlocking when both try to upgrade a read lock; readers never block under WAL.
    immediate = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that may write: committed on success, rolled back on error.

    On SQLite it starts with ``BEGIN IMMEDIATE``, so there is one writer at a time.
    """
    with engine.connect() as conn:
        conn = conn.execution_options(**{_WRITE: True})
        with conn.begin():
            yield conn


#: PostgreSQL errors after which a write transaction is retried from the start: another writer
#: stored the same row first (unique_violation), or the server rolled this one back to let
#: another through (serialization_failure, deadlock_detected).
RETRY_SQLSTATES = frozenset({"23505", "40001", "40P01"})

#: Attempts of one write transaction on PostgreSQL before its error is reported.
WRITE_ATTEMPTS = 5


def retry_writes(engine: Engine, work: Callable[[Connection], T]) -> T:
    """``work(conn)`` in a :func:`write_transaction`, retried (with a short, growing pause) when
    PostgreSQL reports a conflict with a concurrent writer (:data:`RETRY_SQLSTATES`). The retry
    sees the other writer's committed rows, so it stores only what is still missing. SQLite
    writers never conflict (one at a time), so there the first error is final."""
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with write_transaction(engine) as conn:
                return work(conn)
        except DBAPIError as exc:
            sqlstate = getattr(exc.orig, "sqlstate", None)
            if sqlstate not in RETRY_SQLSTATES or attempt == WRITE_ATTEMPTS:
                raise
            time.sleep(0.05 * attempt * (1 + random.random()))
    raise AssertionError("unreachable")  # pragma: no cover


#: Keys of the advisory locks PostgreSQL writers take (any constants; "news" and "migr" in ASCII).
LockName = Literal["stories", "migrations"]
_LOCKS: dict[LockName, int] = {"stories": 0x6E657773, "migrations": 0x6D696772}


def lock(conn: Connection, name: LockName) -> None:
    """Make ``conn``'s transaction the only one doing ``name`` (changing stories, migrating)
    until it ends. SQLite: the write lock it already holds (BEGIN IMMEDIATE). PostgreSQL:
    ``pg_advisory_xact_lock``, not ``SELECT ... FOR UPDATE`` on a row, which may not exist yet
    (the clusterer's state before its first save, schema_migrations before the first run)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCKS[name]})")


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in a read transaction (a consistent snapshot for multi-query reads)."""
    with engine.connect() as conn, conn.begin():
        yield conn


def safe_url(url: URL) -> str:
    """``url`` for messages, with any password hidden."""
    return url.render_as_string(hide_password=True)


def one_line(exc: BaseException) -> str:
    """The first line of the driver's message behind ``exc`` (no SQL, no background link)."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        exc = exc.orig
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
