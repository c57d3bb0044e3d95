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

from ..errors import ConfigError, NotFoundError, StoreError
from ..records import Article, ArticleAnalysis, Published, Skip, Story, headline, published_day
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
from .codec import from_dict, to_dict
from .engine import lock, one_line, read_transaction, retry_writes, write_transaction
from .schema import (
    ARTICLES_FTS,
    ARTICLES_TSV,
    PG_SEARCH_CONFIG,
    analyses,
    articles,
    skips,
    stories,
    story_aliases,
    story_articles,
    story_index,
)

P = ParamSpec("P")
R = TypeVar("R")

#: Ids per ``IN (...)`` query (well below SQLite's and PostgreSQL's parameter limits).
CHUNK = 500

_WORDS = re.compile(r"\S+")

#: Matching articles a story search reads (best first) before grouping them by story.
SEARCH_HITS = 500


def fts_match(query: str) -> str | None:
    """``query`` as an FTS5 query matching every word: each whitespace-separated word becomes a
    quoted phrase, so FTS5 syntax (``AND``, ``NEAR``, ``"``, ``*``, parentheses) is read as plain
    words and no query is malformed. ``None`` when it has no words.

    A "word" of punctuation alone (``""``, ``***``, a lone curly quote) is none: both full-text
    indexes read only letters and digits, so its phrase is empty, and a query of such words
    matched nothing ('no article matches', status 4; an empty 200 from the API) where a query
    without words is the user's error (status 1; 400)."""
    words = [word for word in _WORDS.findall(query) if any(ch.isalnum() for ch in word)]
    return " ".join('"' + word.replace('"', '""') + '"' for word in words) if words else None


# --- full-text search: FTS5 on SQLite, tsvector on PostgreSQL ---------------------------------------
# Both take the query as fts_match() quotes it: on PostgreSQL websearch_to_tsquery reads each
# quoted word as a phrase, so "OR", "-" and stray quotes are plain words there too, and it never
# raises a syntax error. Both rank best first by a number where lower is better (bm25; minus
# ts_rank on PostgreSQL), ties by id.

_SQLITE_SEARCH = text(
    f"SELECT id FROM {ARTICLES_FTS} WHERE {ARTICLES_FTS} MATCH :match ORDER BY rank, id LIMIT :limit"
)

_PG_QUERY = f"websearch_to_tsquery('{PG_SEARCH_CONFIG}'::regconfig, :match)"

_PG_SEARCH = text(
    f"SELECT a.id FROM articles a, {_PG_QUERY} AS q "
    f"WHERE a.{ARTICLES_TSV} @@ q ORDER BY ts_rank(a.{ARTICLES_TSV}, q) DESC, a.id LIMIT :limit"
)

#: A hit's text start, enough for the headline of an article stored without a title.
_LEAD_CHARS = 400

_SQLITE_STORY_SEARCH = text(
    f"SELECT a.id, a.title, substr(a.text, 1, {_LEAD_CHARS}) AS lead, sa.story_id, st.title AS story_title, "
    f"snippet({ARTICLES_FTS}, -1, :open, :close, '…', 16) AS snippet, "
    f"bm25({ARTICLES_FTS}) AS rank "
    f"FROM {ARTICLES_FTS} JOIN articles a ON a.id = {ARTICLES_FTS}.id "
    "LEFT JOIN story_articles sa ON sa.article_id = a.id "
    "LEFT JOIN stories st ON st.id = sa.story_id "
    f"WHERE {ARTICLES_FTS} MATCH :match ORDER BY rank, a.id LIMIT :hits"
)

#: ts_headline's options: the snippet markers and about FTS5's 16-token snippet.
_HEADLINE_OPTIONS = (
    f'StartSel="{MARK_OPEN}", StopSel="{MARK_CLOSE}", MaxWords=16, MinWords=8, '
    'MaxFragments=1, FragmentDelimiter="…"'
)

# The best hits first (a CTE, so ts_headline, which re-parses each text, runs on those only), the
# snippet from the text or, when only the title matched, from the title (as FTS5 picks a column).
_PG_STORY_SEARCH = text(
    f"WITH q AS (SELECT {_PG_QUERY} AS query), "
    f"hits AS (SELECT a.id, -ts_rank(a.{ARTICLES_TSV}, q.query) AS rank FROM articles a, q "
    f"WHERE a.{ARTICLES_TSV} @@ q.query ORDER BY rank, a.id LIMIT :hits) "
    f"SELECT a.id, a.title, substr(a.text, 1, {_LEAD_CHARS}) AS lead, sa.story_id, st.title AS story_title, "
    "CASE WHEN strpos(h.body, :open) > 0 THEN h.body "
    f"ELSE ts_headline('{PG_SEARCH_CONFIG}'::regconfig, a.title, q.query, :options) END AS snippet, "
    "hits.rank "
    "FROM hits JOIN articles a ON a.id = hits.id CROSS JOIN q "
    f"CROSS JOIN LATERAL (SELECT ts_headline('{PG_SEARCH_CONFIG}'::regconfig, a.text, q.query, :options) "
    "AS body) h "
    "LEFT JOIN story_articles sa ON sa.article_id = a.id "
    "LEFT JOIN stories st ON st.id = sa.story_id "
    "ORDER BY hits.rank, a.id"
)


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

    ``fts`` says whether the database's full-text index exists (SQLite: the FTS5 table;
    PostgreSQL: the ``tsvector`` column); without it :meth:`search` uses LIKE.
    """

    def __init__(self, engine: Engine, *, fts: bool | None = None) -> None:
        self._engine = engine
        self._postgresql = engine.dialect.name == "postgresql"
        if fts is None:
            inspector = inspect(engine)
            fts = (
                any(c["name"] == ARTICLES_TSV for c in inspector.get_columns(articles.name))
                if self._postgresql
                else inspector.has_table(ARTICLES_FTS)
            )
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
        self,
        batch: Sequence[tuple[Article, ArticleAnalysis | None]],
        model: str | None = None,
        *,
        stories: StoryBatch | None = None,
        cluster: Clusterer | None = None,
    ) -> AddResult:
        self._check_open()
        if stories is not None and cluster is not None:
            raise ValueError("give stories or cluster, not both")
        for article, analysis in batch:
            if analysis is not None and analysis.article != article.id:
                raise ValueError(f"analysis of {analysis.article!r} paired with article {article.id!r}")
        if not batch and stories is None and cluster is None:
            return AddResult()

        def work(conn: Connection) -> AddResult:
            now = datetime.now(UTC)
            if cluster is not None:
                lock(conn, "stories")  # before the state is read: see Store.add
            result = self._add(conn, batch, model, now)
            chosen = stories
            if cluster is not None:
                generation = conn.scalar(select(story_index.c.generation).where(story_index.c.id == 1))
                saved = SavedIndex(generation, lambda: _saved_state(conn))
                chosen = cluster(saved, lambda ids: _known(conn, ids, story_articles.c.article_id))
            if chosen is not None:
                _add_stories(conn, chosen, now)
            return result

        return retry_writes(self._engine, work)

    @staticmethod
    def _add(
        conn: Connection,
        batch: Sequence[tuple[Article, ArticleAnalysis | None]],
        model: str | None,
        now: datetime,
    ) -> AddResult:
        if not batch:
            return AddResult()
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
            {"article_id": aid, **row, "added_at": now} for aid, row in wanted.items() if aid not in stored
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
            return _articles_of(conn.execute(select(articles).order_by(*_ORDER)))

    @_translated("read an article")
    def get(self, article_id: str) -> Article | None:
        self._check_open()
        with read_transaction(self._engine) as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
        return None if row is None else _articles_of([row])[0]

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
                if (match := fts_match(query)) is None:
                    return []
                sql = _PG_SEARCH if self._postgresql else _SQLITE_SEARCH
                params = {"match": match, "limit": limit}
                ids = [aid for (aid,) in conn.execute(sql, params)]
                rows = {row.id: row for row in conn.execute(select(articles).where(articles.c.id.in_(ids)))}
                return _articles_of(rows[aid] for aid in ids if aid in rows)
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
            return _articles_of(conn.execute(query_))

    @_translated("read the story index")
    def story_index_state(self) -> dict[str, Any] | None:
        self._check_open()
        with read_transaction(self._engine) as conn:
            state: dict[str, Any] | None = conn.scalar(
                select(story_index.c.state).where(story_index.c.id == 1)
            )
        return state

    @_translated("read the story index")
    def story_index_generation(self) -> int | None:
        self._check_open()
        with read_transaction(self._engine) as conn:
            generation: int | None = conn.scalar(
                select(story_index.c.generation).where(story_index.c.id == 1)
            )
        return generation

    @_translated("read stories")
    def stale_stories(self) -> list[str]:
        self._check_open()
        query = select(stories.c.id).where(stories.c.analysis_key.is_(None)).order_by(stories.c.id)
        with read_transaction(self._engine) as conn:
            return list(conn.scalars(query))

    @_translated("read a story's articles")
    def story_articles(self, story_id: str) -> list[tuple[Article, ArticleAnalysis, str | None]]:
        self._check_open()
        query = (
            select(articles, analyses.c.model, analyses.c.data.label("analysis_data"))
            .join(story_articles, story_articles.c.article_id == articles.c.id)
            .outerjoin(analyses, analyses.c.article_id == articles.c.id)
            .where(story_articles.c.story_id == story_id)
            .order_by(story_articles.c.position)
        )
        with read_transaction(self._engine) as conn:
            rows = list(conn.execute(query))
        members = []
        for row, (article, analysis) in zip(rows, _paired(rows), strict=True):
            if analysis is None:
                raise StoreError(f"article {article.id!r} of story {story_id} has no stored analysis")
            members.append((article, analysis, row._mapping["model"]))
        return members

    @_translated("read a story's analysis")
    def story_analysis(self, story_id: str) -> tuple[str | None, Story | None]:
        self._check_open()
        query = select(stories.c.analysis_key, stories.c.analysis).where(stories.c.id == story_id)
        with read_transaction(self._engine) as conn:
            row = conn.execute(query).first()
        if row is None or row[0] is None or row[1] is None:
            return None, None
        try:
            return row[0], from_dict(Story, row[1])
        except ValueError as exc:
            raise StoreError(f"stored analysis of story {story_id} cannot be read: {exc}") from None

    @_translated("write a story's analysis")
    def set_story_analysis(self, summary: StorySummary, key: str, analysis: Story) -> bool:
        self._check_open()
        linked = [a.id for a in analysis.articles]
        values = {
            "title": summary.title,
            "articles": summary.articles,
            "outlets": list(summary.outlets),
            "origins": summary.origins,
            "first_published": summary.first_published,
            "last_published": summary.last_published,
            "analysis_key": key,
            "analysis": to_dict(analysis),
            "analyzed_at": datetime.now(UTC),
        }
        with write_transaction(self._engine) as conn:
            lock(conn, "stories")  # no membership change between the check and the write
            members = select(story_articles.c.article_id).where(story_articles.c.story_id == summary.id)
            if list(conn.scalars(members.order_by(story_articles.c.position))) != linked:
                return False
            written = conn.execute(update(stories).where(stories.c.id == summary.id).values(values))
        return written.rowcount > 0  # 0: merged into another story meanwhile

    @_translated("read stories")
    def stories(self, since: str | None = None, limit: int | None = None) -> list[StorySummary]:
        self._check_open()
        # The listing columns only: selecting the table whole read (and decoded) every story's
        # analysis, the largest column by far (seconds for a store of 2,000 articles).
        listed = [c for c in stories.c if c.name not in ("analysis", "analysis_key", "analyzed_at")]
        query = select(*listed).order_by(
            stories.c.last_published.is_(None), stories.c.last_published.desc(), stories.c.id
        )
        if since is not None:
            query = query.where(stories.c.last_published >= since)
        if limit is not None:
            query = query.limit(limit)
        with read_transaction(self._engine) as conn:
            rows = list(conn.execute(query))
            members: dict[str, list[StoryMember]] = {}
            for chunk in _chunks([row.id for row in rows]):
                member_query = (
                    select(story_articles, articles.c.title, articles.c.url, articles.c.source)
                    .add_columns(articles.c.outlet, articles.c.published_value)
                    .join(articles, articles.c.id == story_articles.c.article_id)
                    .where(story_articles.c.story_id.in_(chunk))
                    .order_by(story_articles.c.position)
                )
                for m in conn.execute(member_query):
                    members.setdefault(m.story_id, []).append(_member(m))
        return [_summary(row, tuple(members.get(row.id, ()))) for row in rows]

    @_translated("find a story")
    def find_story(self, ref: str) -> str:
        self._check_open()
        ref = ref.strip()
        if not ref:
            raise NotFoundError("no story id given")
        with read_transaction(self._engine) as conn:
            if conn.scalar(select(stories.c.id).where(stories.c.id == ref)) is not None:
                return ref
            merged = conn.scalar(select(story_aliases.c.merged_into).where(story_aliases.c.story_id == ref))
            if merged is not None:
                return str(merged)
            prefixes = [ref] if ref.startswith("s-") else [ref, "s-" + ref]
            found: list[str] = []
            for prefix in prefixes:
                query = select(stories.c.id).where(stories.c.id.startswith(prefix, autoescape=True))
                found.extend(conn.scalars(query.order_by(stories.c.id).limit(4)))
                if found:
                    break
        if not found:
            raise NotFoundError(f"no story {ref!r} (newsprism stories lists them)")
        if len(found) > 1:
            more = ", …" if len(found) > 3 else ""
            raise ConfigError(
                f"story prefix {ref!r} is ambiguous: {', '.join(found[:3])}{more} (give more characters)"
            )
        return found[0]

    @_translated("search stories")
    def search_stories(self, query: str, limit: int = 20) -> list[StoryHits]:
        self._check_open()
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        if not self._fts:
            raise StoreError(
                f"search needs the articles' {ARTICLES_TSV} column (migration 5), which this database lacks"
                if self._postgresql
                else "search needs SQLite's FTS5 extension, which this SQLite lacks"
            )
        match = fts_match(query)
        if match is None:
            raise ConfigError("the search query has no words")
        sql = _PG_STORY_SEARCH if self._postgresql else _SQLITE_STORY_SEARCH
        params = {
            "open": MARK_OPEN,
            "close": MARK_CLOSE,
            "match": match,
            "hits": SEARCH_HITS,
            "options": _HEADLINE_OPTIONS,
        }
        grouped: dict[str | None, tuple[str | None, list[SearchHit]]] = {}
        with read_transaction(self._engine) as conn:
            for aid, title, lead, sid, story_title, snippet, rank in conn.execute(sql, params):
                if sid not in grouped:
                    if len(grouped) == limit:
                        continue
                    grouped[sid] = (story_title, [])
                # One line per snippet: a snippet spanning a paragraph break would carry it.
                hit = SearchHit(aid, headline(title, lead), " ".join(snippet.split()), float(rank))
                grouped[sid][1].append(hit)
        return [StoryHits(sid, title, tuple(hits)) for sid, (title, hits) in grouped.items()]

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._engine.dispose()


def _articles_of(rows: Iterable[Row[Any]]) -> list[Article]:
    try:
        return [row_article(row) for row in rows]
    except ValueError as exc:
        raise StoreError(f"a stored article cannot be read: {exc}") from None


def _paired(rows: Sequence[Row[Any]]) -> list[tuple[Article, ArticleAnalysis | None]]:
    """Rows of ``articles`` with an ``analysis_data`` column: each article and its analysis."""
    pairs: list[tuple[Article, ArticleAnalysis | None]] = []
    for row, article in zip(rows, _articles_of(rows), strict=True):
        data = row._mapping["analysis_data"]
        try:
            pairs.append((article, from_dict(ArticleAnalysis, data) if data is not None else None))
        except ValueError as exc:
            raise StoreError(f"stored analysis of {article.id!r} cannot be read: {exc}") from None
    return pairs


def _saved_state(conn: Connection) -> SavedState:
    """The saved snapshot and its tail: the articles whose arrival is after the snapshot's
    (``arrivals``, the index's count of added articles, numbered as ``story_articles.arrival``),
    in arrival order. A gap in the tail (an assignment missing) would restore another index
    than the one that ran: refused."""
    state = conn.scalar(select(story_index.c.state).where(story_index.c.id == 1))
    if not isinstance(state, dict) or not isinstance(state.get("arrivals"), int):
        raise StoreError("the saved story index cannot be read: no arrival count")
    query = (
        select(articles, analyses.c.data.label("analysis_data"), story_articles.c.arrival)
        .join(story_articles, story_articles.c.article_id == articles.c.id)
        .outerjoin(analyses, analyses.c.article_id == articles.c.id)
        .where(story_articles.c.arrival > state["arrivals"])
        .order_by(story_articles.c.arrival)
    )
    rows = list(conn.execute(query))
    arrivals = [row._mapping["arrival"] for row in rows]
    if arrivals != list(range(state["arrivals"] + 1, state["arrivals"] + 1 + len(rows))):
        raise StoreError(
            "the saved story index cannot be restored: assignments after its snapshot are missing"
        )
    return SavedState(state, tuple(_paired(rows)))


def _add_stories(conn: Connection, batch: StoryBatch, now: datetime) -> None:
    """Store a batch's story assignments in arrival order, apply its merges, mark the stories
    that changed stale, move the saved state's generation on and save the clusterer's snapshot
    when the batch carries one (all in the caller's transaction)."""
    base_position = conn.scalar(select(func.max(story_articles.c.position))) or 0
    base_arrival = conn.scalar(select(func.max(story_articles.c.arrival))) or 0
    assigned = {a.article_id for a in batch.assignments}
    position = {aid: base_position + i for i, aid in enumerate(batch.input_order, 1) if aid in assigned}
    if len(position) != len(assigned):
        raise ValueError("every assigned article must be in the batch's input order")
    touched: set[str] = set()
    for arrival, a in enumerate(batch.assignments, base_arrival + 1):
        for gone in a.merged:
            conn.execute(
                update(story_articles).where(story_articles.c.story_id == gone).values(story_id=a.story_id)
            )
            conn.execute(
                update(story_aliases)
                .where(story_aliases.c.merged_into == gone)
                .values(merged_into=a.story_id)
            )
            conn.execute(
                insert(story_aliases).values(story_id=gone, merged_into=a.story_id, by_article=a.article_id)
            )
            conn.execute(stories.delete().where(stories.c.id == gone))
            touched.discard(gone)
        if a.new_story:
            conn.execute(insert(stories).values(id=a.story_id, articles=0, outlets=[]))
        row = {
            "article_id": a.article_id,
            "story_id": a.story_id,
            "assigned_to": a.story_id,
            "position": position[a.article_id],
            "arrival": arrival,
            "similarity": a.similarity,
            "new_story": a.new_story,
            "shared_terms": list(a.shared_terms),
            "shared_entities": list(a.shared_entities),
            "merged": list(a.merged),
            "added_at": now,
        }
        conn.execute(insert(story_articles).values(row))
        touched.add(a.story_id)
    count = (
        select(func.count())
        .select_from(story_articles)
        .where(story_articles.c.story_id == stories.c.id)
        .scalar_subquery()
    )
    for chunk in _chunks(sorted(touched)):
        conn.execute(update(stories).where(stories.c.id.in_(chunk)).values(articles=count, analysis_key=None))
    generation = conn.scalar(select(story_index.c.generation).where(story_index.c.id == 1))
    if generation is None:
        if batch.state is None:
            raise ValueError("the first story batch of a store must carry the clusterer's state")
        conn.execute(insert(story_index).values(id=1, state=batch.state, updated_at=now, generation=1))
        return
    saved: dict[str, Any] = {"generation": generation + 1, "updated_at": now}
    if batch.state is not None:  # else the snapshot stays: this batch is part of its tail
        saved["state"] = batch.state
    conn.execute(update(story_index).where(story_index.c.id == 1).values(saved))


def _member(m: Row[Any]) -> StoryMember:
    return StoryMember(
        article_id=m.article_id,
        title=m.title,
        url=m.url,
        source=m.source,
        outlet=m.outlet,
        published=m.published_value,
        similarity=m.similarity,
        new_story=bool(m.new_story),
        shared_terms=tuple(m.shared_terms),
        shared_entities=tuple(m.shared_entities),
        merged=tuple(m.merged),
    )


def _summary(row: Row[Any], members: tuple[StoryMember, ...]) -> StorySummary:
    """The listing of a story row; its dates as days even when a version before days were
    stored wrote the datetime of an article."""
    return StorySummary(
        id=row.id,
        title=row.title,
        articles=row.articles,
        outlets=tuple(row.outlets),
        origins=row.origins,
        first_published=published_day(row.first_published),
        last_published=published_day(row.last_published),
        members=members,
    )


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
