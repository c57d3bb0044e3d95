"""What ``watch`` remembers between polls, in the same database as the articles.

Two tables of their own (``watch_feeds``: each feed's ETag / Last-Modified; ``watch_seen``: every
entry URL already handled), created when first needed with ``CREATE TABLE IF NOT EXISTS`` rather
than by a store migration: the store's migrations number the article schema, and these tables
are the watcher's bookkeeping, which no store query reads. (A store migration could adopt them
later unchanged: the definitions below are their whole schema.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import Column, Connection, DateTime, MetaData, Table, Text, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..store.engine import make_engine, one_line, read_transaction, write_transaction

metadata = MetaData()

watch_feeds = Table(
    "watch_feeds",
    metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("checked_at", DateTime(timezone=True), nullable=False),
)

watch_seen = Table(
    "watch_seen",
    metadata,
    Column("url", Text, primary_key=True),
    Column("feed", Text, nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)

#: URLs per IN (...) query: SQLite's bound-parameter limit is far above it.
CHUNK = 500


class WatchState:
    """The watcher's memory in the database at ``url`` (SQLite or PostgreSQL)."""

    def __init__(self, url: str) -> None:
        self._engine = make_engine(url)
        with self._writing() as conn:
            metadata.create_all(conn, checkfirst=True)

    def close(self) -> None:
        self._engine.dispose()

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        try:
            with write_transaction(self._engine) as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write the watch state: {one_line(exc)}") from None

    def validators(self, feed: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified the feed last answered with (``None`` when never seen)."""
        try:
            with read_transaction(self._engine) as conn:
                row = conn.execute(
                    select(watch_feeds.c.etag, watch_feeds.c.last_modified).where(watch_feeds.c.url == feed)
                ).first()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the watch state: {one_line(exc)}") from None
        return (row.etag, row.last_modified) if row else (None, None)

    def unseen(self, urls: Sequence[str]) -> list[str]:
        """``urls`` not yet handled, in their order, each once."""
        try:
            with read_transaction(self._engine) as conn:
                return self.unseen_in(conn, urls)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the watch state: {one_line(exc)}") from None

    def remember(
        self, feed: str, seen: Iterable[str], validators: tuple[str | None, str | None] | None
    ) -> None:
        """Record ``seen`` entry URLs of ``feed`` and, when given, its new validators, in one
        transaction."""
        now = datetime.now(UTC)
        with self._writing() as conn:
            fresh = self.unseen_in(conn, list(seen))
            if fresh:
                conn.execute(insert(watch_seen), [{"url": u, "feed": feed, "seen_at": now} for u in fresh])
            if validators is not None:
                etag, modified = validators
                values = {"etag": etag, "last_modified": modified, "checked_at": now}
                done = conn.execute(update(watch_feeds).where(watch_feeds.c.url == feed).values(**values))
                if not done.rowcount:
                    conn.execute(insert(watch_feeds).values(url=feed, **values))

    @staticmethod
    def unseen_in(conn: Connection, urls: Sequence[str]) -> list[str]:
        unique = list(dict.fromkeys(urls))
        seen: set[str] = set()
        for start in range(0, len(unique), CHUNK):
            part = unique[start : start + CHUNK]
            seen.update(conn.scalars(select(watch_seen.c.url).where(watch_seen.c.url.in_(part))))
        return [u for u in unique if u not in seen]
