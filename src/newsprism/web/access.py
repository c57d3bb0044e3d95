"""The app's one store and the lock its writes take.

FastAPI runs plain ``def`` endpoints in a thread pool, and a SQLite connection must not be used by
two threads at once. The store is opened once per app (lazily, on the first request, so
``create_app`` opens nothing) and shared: every store method checks a connection out of the
SQLAlchemy engine's pool for the length of one transaction and returns it, so two requests never
hold the same connection at the same time. ``sqlite://`` (in memory) is refused: each pooled
connection would see its own empty database.

Writes (``POST /api/v1/articles``) take :attr:`StoreHolder.write_lock`: ingest restores the
clusterer's state, adds to it and saves it, so two concurrent ingests would each save a state
without the other's articles.
"""

from __future__ import annotations

import threading

from fastapi import Request

from ..errors import ConfigError
from ..store import Store, open_store
from ..store.engine import parse_url, sqlite_file


class StoreHolder:
    """Opens the store at ``db`` once, on first use; :meth:`close` at shutdown."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.write_lock = threading.Lock()
        self._open_lock = threading.Lock()
        self._store: Store | None = None

    def get(self) -> Store:
        """The store (opened now when this is the first use; never created)."""
        store = self._store
        if store is not None:
            return store
        with self._open_lock:
            if self._store is None:
                check_served_url(self.db)
                self._store = open_store(self.db, create=False)
            return self._store

    def close(self) -> None:
        with self._open_lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def check_served_url(db: str) -> None:
    """A database the app can serve: an in-memory SQLite database cannot be (one per connection)."""
    url = parse_url(db)
    if url.get_backend_name() == "sqlite" and sqlite_file(url) is None:
        raise ConfigError(f"cannot serve an in-memory database ({db}): give sqlite:///PATH")


def holder_of(request: Request) -> StoreHolder:
    holder: StoreHolder = request.app.state.store
    return holder


def store_of(request: Request) -> Store:
    """The app's store, for a request (a FastAPI dependency)."""
    return holder_of(request).get()
