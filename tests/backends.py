"""The databases the store tests run on: SQLite always, PostgreSQL when ``NEWSPRISM_TEST_PG``
names a server (``.ci/run`` starts a throw-away one and sets it).

Every PostgreSQL test gets a database of its own, created from ``template0`` under a unique name
and dropped afterwards (``WITH (FORCE)``: a store a test left open must not keep it alive), so
tests never see each other's rows, extensions or text search configurations.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

Backend = Literal["sqlite", "postgresql"]
BACKENDS: tuple[Backend, ...] = ("sqlite", "postgresql")

#: The variable naming the PostgreSQL server (any database on it; tests create their own).
PG_ENV = "NEWSPRISM_TEST_PG"


def pg_server() -> str:
    """The server URL from :data:`PG_ENV`; skips the calling test with a reason when unset."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL server for the PostgreSQL store tests")
    return url


@contextmanager
def fresh_database(backend: Backend, folder: Path) -> Iterator[str]:
    """The URL of a new, empty database on ``backend`` (a file in ``folder`` for SQLite), dropped
    on exit."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'news-{uuid.uuid4().hex[:8]}.db'}"
        return
    server = make_url(pg_server()).set(drivername="postgresql+psycopg")
    name = f"newsprism_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        try:
            yield server.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Backend:
    """Each backend in turn (``postgresql`` skipped with a reason when no server is configured)."""
    chosen: Backend = request.param
    if chosen == "postgresql":
        pg_server()
    return chosen


@pytest.fixture
def db_url(backend: Backend, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database on each backend in turn."""
    with fresh_database(backend, tmp_path) as url:
        yield url
