"""The SQLAlchemy Core store: SQLite by default, PostgreSQL with the same code."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    Row,
    and_,
    bindparam,
    func,
    insert,
    inspect,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..records import Article, ArticleAnalysis, Published, Skip
from .base import AddResult, Store
from .codec import from_dict, to_dict
from .engine import one_line, read_transaction, write_transaction
from .schema import ARTICLES_FTS, analyses, articles, skips

P = ParamSpec("P")
R = TypeVar("R")

#: Ids per ``IN (...)`` query (well below SQLite's and PostgreSQL's parameter limits).
CHUNK = 500

_WORDS = re.compile(r"\S+")


def _translated(action: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Turn database errors raised by a store method into a one-line :class:`StoreError`."""

    def decorate(method: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(method)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return method(*args, **kwargs)
            except SQLAlchemyError as exc:
                raise StoreError(f"cannot {action}: {one_line(exc)}") from exc

        return wrapper

    return decorate


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


_PUBLISHED_COLUMNS = ("published_value", "published_how", "published_confidence", "published_evidence")


def published_row(published: Published) -> dict[str, Any]:
    """The ``articles`` columns that hold ``published``."""
    data = to_dict(published)
    return dict(
        zip(_PUBLISHED_COLUMNS, (data[k] for k in ("value", "how", "confidence", "evidence")), strict=True)
    )


def article_row(article: Article, now: datetime) -> dict[str, Any]:
    """The ``articles`` row for ``article``."""
    data = to_dict(article)
    del data["published"]
    return data | published_row(article.published) | {"added_at": now}


def row_article(row: Row[Any]) -> Article:
    """The :class:`Article` stored in an ``articles`` row (validated by the codec)."""
    m = row._mapping
    return from_dict(
        Article,
        {
            "id": m["id"],
            "source": m["source"],
            "title": m["title"],
            "text": m["text"],
            "outlet": m["outlet"],
            "url": m["url"],
            "language": m["language"],
            "published": {
                "value": m["published_value"],
                "how": m["published_how"],
                "confidence": m["published_confidence"],
                "evidence": m["published_evidence"],
            },
            "removed": m["removed"],
            "cut_from": m["cut_from"],
            "notes": m["notes"],
        },
    )


class SqlStore(Store):
    """A :class:`Store` on any SQLAlchemy engine whose schema :func:`.migrate` has brought up to date.

    ``fts`` says whether the SQLite FTS5 table exists (else :meth:`search` uses LIKE).
    """

    def __init__(self, engine: Engine, *, fts: bool | None = None) -> None:
        self._engine = engine
        if fts is None:
            fts = engine.dialect.name == "sqlite" and inspect(engine).has_table(ARTICLES_FTS)
        self._fts = fts
        self._closed = False

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for tests and future queries)."""
        self._check_open()
        return self._engine

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("the store is closed")

    @_translated("write articles to the database")
    def add(
        self, batch: Sequence[tuple[Article, ArticleAnalysis | None]], model: str | None = None
    ) -> AddResult:
        self._check_open()
        for article, analysis in batch:
            if analysis is not None and analysis.article != article.id:
                raise ValueError(f"analysis of {analysis.article!r} paired with article {article.id!r}")
        if not batch:
            return AddResult()
        now = datetime.now(UTC)
        with write_transaction(self._engine) as conn:
            ids = list(dict.fromkeys(article.id for article, _ in batch))
            seen = _known(conn, ids)
            new_rows: list[dict[str, Any]] = []
            wanted: dict[str, dict[str, Any]] = {}  # article id -> analysis row, last one wins
            for article, analysis in batch:
                if article.id not in seen:
                    seen.add(article.id)
                    new_rows.append(article_row(article, now))
                if analysis is not None:
                    wanted[article.id] = {"model": model, "data": to_dict(analysis)}
            if new_rows:
                conn.execute(insert(articles), new_rows)

            stored: dict[str, tuple[str | None, Any]] = {}
            wanted_ids = list(wanted)
            for chunk in _chunks(wanted_ids):
                query = select(analyses.c.article_id, analyses.c.model, analyses.c.data).where(
                    analyses.c.article_id.in_(chunk)
                )
                stored.update((aid, (m, d)) for aid, m, d in conn.execute(query))
            inserts = [
                {"article_id": aid, **row, "added_at": now}
                for aid, row in wanted.items()
                if aid not in stored
            ]
            replaces = [
                {"aid": aid, **row, "added_at": now}
                for aid, row in wanted.items()
                if aid in stored and stored[aid] != (row["model"], row["data"])
            ]
            if inserts:
                conn.execute(insert(analyses), inserts)
            if replaces:
                statement = (
                    update(analyses)
                    .where(analyses.c.article_id == bindparam("aid"))
                    .values(model=bindparam("model"), data=bindparam("data"), added_at=bindparam("added_at"))
                )
                conn.execute(statement, replaces)
        return AddResult(
            added=len(new_rows),
            present=len(batch) - len(new_rows),
            analyses_added=len(inserts),
            analyses_replaced=len(replaces),
        )

    @_translated("write publication dates to the database")
    def set_published(self, dates: Sequence[tuple[str, Published]]) -> int:
        self._check_open()
        wanted = {aid: published_row(published) for aid, published in dates}
        if not wanted:
            return 0
        with write_transaction(self._engine) as conn:
            stored: dict[str, dict[str, Any]] = {}
            for chunk in _chunks(list(wanted)):
                query = select(articles).where(articles.c.id.in_(chunk))
                stored.update(
                    (row.id, published_row(row_article(row).published)) for row in conn.execute(query)
                )
            changes = [
                {"aid": aid, **row} for aid, row in wanted.items() if aid in stored and stored[aid] != row
            ]
            if changes:
                statement = (
                    update(articles)
                    .where(articles.c.id == bindparam("aid"))
                    .values({key: bindparam(key) for key in _PUBLISHED_COLUMNS})
                )
                conn.execute(statement, changes)
        return len(changes)

    @_translated("record skipped inputs")
    def add_skips(self, skips_: Sequence[Skip]) -> None:
        self._check_open()
        if not skips_:
            return
        now = datetime.now(UTC)
        rows = [{"source": s.source, "reason": s.reason, "at": now} for s in skips_]
        with write_transaction(self._engine) as conn:
            dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
            statement = dialect_insert(skips).on_conflict_do_nothing(index_elements=["source", "reason"])
            conn.execute(statement, rows)

    @_translated("read skipped inputs")
    def skips(self) -> list[tuple[Skip, datetime]]:
        self._check_open()
        query = select(skips.c.source, skips.c.reason, skips.c.at).order_by(skips.c.at, skips.c.id)
        with read_transaction(self._engine) as conn:
            return [(Skip(source=src, reason=reason), _utc(at)) for src, reason, at in conn.execute(query)]

    @_translated("read articles")
    def articles(self) -> list[Article]:
        self._check_open()
        with read_transaction(self._engine) as conn:
            return self._fetch(conn.execute(select(articles).order_by(*_ORDER)))

    @_translated("read an article")
    def get(self, article_id: str) -> Article | None:
        self._check_open()
        with read_transaction(self._engine) as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
        return None if row is None else self._fetch([row])[0]

    @_translated("read article ids")
    def known(self, article_ids: Iterable[str]) -> set[str]:
        self._check_open()
        ids = list(dict.fromkeys(article_ids))
        with read_transaction(self._engine) as conn:
            return _known(conn, ids)

    def analyzed(self, article_ids: Iterable[str]) -> set[str]:
        self._check_open()
        ids = list(dict.fromkeys(article_ids))
        with read_transaction(self._engine) as conn:
            return _known(conn, ids, analyses.c.article_id)

    @_translated("read an analysis")
    def analysis(self, article_id: str) -> ArticleAnalysis | None:
        self._check_open()
        with read_transaction(self._engine) as conn:
            data = conn.scalar(select(analyses.c.data).where(analyses.c.article_id == article_id))
        if data is None:
            return None
        try:
            return from_dict(ArticleAnalysis, data)
        except ValueError as exc:
            raise StoreError(f"stored analysis of {article_id!r} cannot be read: {exc}") from None

    @_translated("count articles")
    def count(self) -> int:
        self._check_open()
        with read_transaction(self._engine) as conn:
            return int(conn.scalar(select(func.count()).select_from(articles)) or 0)

    @_translated("search articles")
    def search(self, query: str, limit: int = 20) -> list[Article]:
        self._check_open()
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        words = _WORDS.findall(query)
        if not words:
            return []
        with read_transaction(self._engine) as conn:
            if self._fts:
                match = " ".join('"' + word.replace('"', '""') + '"' for word in words)
                ids = [
                    aid
                    for (aid,) in conn.execute(
                        text(
                            f"SELECT id FROM {ARTICLES_FTS} WHERE {ARTICLES_FTS} MATCH :match ORDER BY rank, id LIMIT :limit"
                        ),
                        {"match": match, "limit": limit},
                    )
                ]
                rows = {row.id: row for row in conn.execute(select(articles).where(articles.c.id.in_(ids)))}
                return self._fetch(rows[aid] for aid in ids if aid in rows)
            condition = and_(
                *(
                    or_(
                        articles.c.title.icontains(word, autoescape=True),
                        articles.c.text.icontains(word, autoescape=True),
                    )
                    for word in words
                )
            )
            query_ = select(articles).where(condition).order_by(*_ORDER).limit(limit)
            return self._fetch(conn.execute(query_))

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._engine.dispose()

    @staticmethod
    def _fetch(rows: Iterable[Row[Any]]) -> list[Article]:
        try:
            return [row_article(row) for row in rows]
        except ValueError as exc:
            raise StoreError(f"a stored article cannot be read: {exc}") from None


def _known(conn: Connection, ids: Sequence[str], column: Any = articles.c.id) -> set[str]:
    """Those of ``ids`` found in ``column`` (article ids by default), a chunk of ids a query."""
    found: set[str] = set()
    for chunk in _chunks(ids):
        found.update(conn.scalars(select(column).where(column.in_(chunk))))
    return found


#: Deterministic article order: published value (unknown last), then id.
_ORDER = (articles.c.published_value.is_(None), articles.c.published_value, articles.c.id)


def _utc(value: datetime) -> datetime:
    """SQLite returns naive datetimes; they were stored as UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
