"""Persistent storage of articles, analyses and skipped inputs, chosen by database URL.

    with open_store("sqlite:///news.db") as store:
        result = store.add([(article, analysis), ...], model="en_core_web_sm")
        store.add_skips(skipped)
        for article in store.articles():
            ...

SQLite (``sqlite:///PATH``, ``sqlite://`` in memory) works out of the box; PostgreSQL
(``postgresql+psycopg://user:pass@host/db``) uses the same code once ``psycopg`` is installed
(``pip install newsprism[postgres]``). See :class:`Store` for the methods.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from .base import (
    MARK_CLOSE,
    MARK_OPEN,
    AddResult,
    Clusterer,
    SavedIndex,
    SavedState,
    SearchHit,
    Store,
    StoryBatch,
    StoryHits,
    StoryMember,
    StorySummary,
)
from .engine import make_engine, one_line, parse_url, safe_url, sqlite_file
from .migrations import MIGRATIONS, Migration, migrate
from .sql import SqlStore

__all__ = [
    "MARK_CLOSE",
    "MARK_OPEN",
    "MIGRATIONS",
    "AddResult",
    "Clusterer",
    "Migration",
    "SavedIndex",
    "SavedState",
    "SearchHit",
    "SqlStore",
    "Store",
    "StoryBatch",
    "StoryHits",
    "StoryMember",
    "StorySummary",
    "open_store",
]


def open_store(url: str, *, create: bool = True, migrations: Sequence[Migration] = MIGRATIONS) -> Store:
    """Open the store at database ``url`` and apply pending migrations.

    A SQLite file that does not exist is created when ``create`` (for writers such as ingest);
    otherwise that is a :class:`StoreError` and no file is made (a reader given a mistyped path
    must not list an empty database it just created).

    Raises :class:`StoreError` with a one-line message when the URL is malformed or names an
    unsupported database or a missing driver, when the database cannot be reached, is locked,
    corrupt or not a newsprism database, or when its schema version is newer than this code
    knows. ``migrations`` is for tests; it defaults to :data:`MIGRATIONS`.
    """
    if not create:
        _check_exists(sqlite_file(parse_url(url)))
    engine = make_engine(url)
    try:
        migrate(engine, migrations)
        return SqlStore(engine)
    except StoreError:
        engine.dispose()
        raise
    except (SQLAlchemyError, engine.dialect.loaded_dbapi.Error) as exc:
        engine.dispose()
        raise StoreError(f"cannot open database {safe_url(parse_url(url))}: {one_line(exc)}") from None


def _check_exists(path: Path | None) -> None:
    """The SQLite file ``path`` exists (``None``: not a SQLite file, nothing to check).

    ``os.stat``, not ``Path.exists``: on Python 3.11 that raises ``PermissionError`` for a file
    in a folder the user may not enter, and ``stories --db sqlite:////root/news.db`` ended as an
    internal error (status 70) instead of saying why (status 1)."""
    if path is None:
        return
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise StoreError(f"no database at {path} (newsprism ingest creates one)") from None
    except OSError as exc:
        raise StoreError(f"cannot open database {path}: {exc.strerror or exc}") from None
