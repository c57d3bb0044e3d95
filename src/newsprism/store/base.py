"""The narrow interface every store implements, and what :meth:`Store.add` reports."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Any, Self

from ..records import Article, ArticleAnalysis, Published, Skip, Story
from ..stories import Assignment


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one :meth:`Store.add` call changed.

    ``added`` articles were new, ``present`` were already stored (or repeated within the batch)
    and left unchanged. ``analyses_added`` analyses were stored for articles that had none;
    ``analyses_replaced`` replaced a stored analysis that differed (in data or model).
    """

    added: int = 0
    present: int = 0
    analyses_added: int = 0
    analyses_replaced: int = 0

    @property
    def total(self) -> int:
        """Articles in the batch."""
        return self.added + self.present


@dataclass(frozen=True, slots=True)
class StoryBatch:
    """The clusterer's work on one batch, stored in the batch's transaction: the ``assignments``
    in the order they were made, the article ids in input (ingest) order (the order a story's
    analysis reads them in), and the clusterer's state after them
    (:meth:`~newsprism.stories.StoryIndex.snapshot`), or ``None`` to keep the saved snapshot:
    the assignments stored since it (its tail, :attr:`SavedState.tail`) bring it up to date.

    Every stored batch moves the saved state's :attr:`SavedIndex.generation` on by one, with or
    without a snapshot: a writer whose last batch left generation ``g`` and finds ``g`` under the
    lock knows no other writer clustered in between, without reading the state."""

    assignments: tuple[Assignment, ...]
    input_order: tuple[str, ...]
    state: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class SavedState:
    """The clusterer's saved snapshot and its tail: the articles assigned after it (each with
    its stored analysis, ``None`` when it has none), in arrival order. Re-adding the tail to the
    restored snapshot gives the index as it was after the last stored batch."""

    state: dict[str, Any]
    tail: tuple[tuple[Article, ArticleAnalysis | None], ...]


@dataclass(frozen=True, slots=True)
class SavedIndex:
    """What a :data:`Clusterer` finds under the story lock: the saved state's ``generation``
    (``None``: no state saved yet), an integer the clusterer compares with the one its last
    batch left, and ``load``, which reads and decodes the snapshot and its tail only when
    called (when another writer moved the generation, or on a run's first batch).

    The trap this avoids: comparing the saved state itself (a deep compare of a multi-MB dict)
    and rewriting it whole on every batch made each batch cost the whole open window."""

    generation: int | None
    load: Callable[[], SavedState]


#: How :meth:`Store.add` lets the caller cluster a batch under the store's story lock: called inside
#: the batch's write transaction, once no other writer can change the stories, with the
#: clusterer's saved state (:class:`SavedIndex`) and a function telling which of some article ids
#: are already in a story (clustered by another writer); returns what to store, or ``None``.
#: It may be called again when the transaction is retried, so it must start from its arguments.
Clusterer = Callable[[SavedIndex, Callable[[Sequence[str]], set[str]]], StoryBatch | None]


@dataclass(frozen=True, slots=True)
class StoryMember:
    """One article of a story as listed: where it came from and why it joined (its assignment)."""

    article_id: str
    title: str
    url: str | None
    source: str
    outlet: str | None
    published: str | None
    similarity: float
    new_story: bool
    shared_terms: tuple[str, ...]
    shared_entities: tuple[str, ...]
    merged: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A story as ``newsprism stories`` lists it. ``origins`` (independent origins) is known once
    the story is analysed; ``first_published``/``last_published`` are the days (``YYYY-MM-DD``,
    :func:`~newsprism.records.published_day`) of its earliest and latest dated article, never a
    datetime (each member's ``published`` keeps its article's own value); ``members`` in input
    order."""

    id: str
    title: str | None
    articles: int
    outlets: tuple[str, ...]
    origins: int | None
    first_published: str | None
    last_published: str | None
    members: tuple[StoryMember, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching article: its title, a snippet with the matched words between
    :data:`MARK_OPEN` and :data:`MARK_CLOSE`, and its rank, lower is better: bm25 on SQLite,
    minus ``ts_rank`` on PostgreSQL (the figures of the two are not comparable)."""

    article_id: str
    title: str
    snippet: str
    rank: float


@dataclass(frozen=True, slots=True)
class StoryHits:
    """The hits of one story (``story_id`` ``None``: articles in no story, e.g. unanalysed)."""

    story_id: str | None
    title: str | None
    hits: tuple[SearchHit, ...]


#: How a search snippet marks the matched words.
MARK_OPEN, MARK_CLOSE = "**", "**"


class Store(ABC):
    """Where ingested articles, their analyses and skipped inputs are kept.

    Open one with :func:`newsprism.store.open_store`; use it as a context manager (or call
    :meth:`close`). Every method raises :class:`newsprism.errors.StoreError` when the database
    cannot be read or written.
    """

    @abstractmethod
    def add(
        self,
        batch: Sequence[tuple[Article, ArticleAnalysis | None]],
        model: str | None = None,
        *,
        stories: StoryBatch | None = None,
        cluster: Clusterer | None = None,
    ) -> AddResult:
        """Store a batch of articles, each with its analysis or ``None``, in one transaction.

        With ``stories``, the batch's story assignments (merges applied: the merged story's
        articles move to the one kept, an alias records it) and the clusterer's state are
        stored in the same transaction, and every story that gained articles is marked stale
        (:meth:`stale_stories`). ``batch`` may then be empty (articles stored earlier).

        With ``cluster`` instead (what concurrent writers need), the stories are locked for the
        transaction and ``cluster`` (a :data:`Clusterer`) computes the assignments from the
        state as stored *now*: two writers that each restored the same state and saved their
        own would lose one another's assignments. The lock: SQLite's write lock (every write
        transaction begins IMMEDIATE); on PostgreSQL a transaction-level advisory lock.

        Concurrent writers lose and duplicate nothing: on PostgreSQL a batch that meets another
        writer's rows (a unique violation, a serialization failure or a deadlock) is retried
        from the start, up to a few times; on SQLite writers queue for the write lock.

        Idempotent: an article whose id is already stored is left as it is. An analysis is
        stored when given and none is stored for its article yet, and replaces a stored one
        only when it differs (in data or ``model``, the pipeline that produced it); ``None``
        never removes one. Either the whole batch is stored or, on any error, none of it.
        Raises ``ValueError`` when an analysis names another article than the one it is paired
        with.
        """

    @abstractmethod
    def set_published(self, dates: Sequence[tuple[str, Published]]) -> int:
        """Set the publication date of stored articles, in one transaction; return how many
        changed. Ids that are not stored are ignored. For dates refined across an ingest run."""

    @abstractmethod
    def add_skips(self, skips: Sequence[Skip]) -> None:
        """Record inputs that could not be used, with the current time, in one transaction.

        Idempotent: a skip already recorded (same source and reason) keeps its row and time, so
        re-ingesting the same inputs records nothing again.
        """

    @abstractmethod
    def skips(self) -> list[tuple[Skip, datetime]]:
        """Every recorded skip with when it was recorded (UTC), oldest first."""

    @abstractmethod
    def articles(self) -> list[Article]:
        """Every stored article, ordered by published value (unknown last), then id."""

    @abstractmethod
    def get(self, article_id: str) -> Article | None:
        """The article with id ``article_id``, or ``None``."""

    @abstractmethod
    def known(self, article_ids: Iterable[str]) -> set[str]:
        """Those of ``article_ids`` that are stored (one query per few hundred ids)."""

    @abstractmethod
    def analyzed(self, article_ids: Iterable[str]) -> set[str]:
        """Those of ``article_ids`` stored with an analysis: an article stored without one (in
        another language than the run's) is analysed by a later ingest that covers it."""

    @abstractmethod
    def analysis(self, article_id: str) -> ArticleAnalysis | None:
        """The stored analysis of article ``article_id``, or ``None``."""

    @abstractmethod
    def count(self) -> int:
        """How many articles are stored."""

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[Article]:
        """Up to ``limit`` articles whose title or text contain every word of ``query``.

        Words are matched as whole (case- and accent-insensitive) tokens and ranked by
        relevance where the database has full-text search (SQLite FTS5, PostgreSQL ``tsvector``);
        elsewhere they are case-insensitive substrings, ordered like :meth:`articles`. An empty
        query finds nothing.
        """

    @abstractmethod
    def story_index_state(self) -> dict[str, Any] | None:
        """The clusterer's last saved snapshot, or ``None``. Batches stored since it without one
        (``StoryBatch.state`` ``None``) are its tail: see :class:`SavedState`."""

    @abstractmethod
    def story_index_generation(self) -> int | None:
        """The saved state's generation (:class:`SavedIndex`), ``None`` when none is saved: tells
        whether a state exists without reading it."""

    @abstractmethod
    def stale_stories(self) -> list[str]:
        """Ids of the stories whose articles changed since their analysis was stored."""

    @abstractmethod
    def story_articles(self, story_id: str) -> list[tuple[Article, ArticleAnalysis, str | None]]:
        """The articles of story ``story_id`` in input order, each with its analysis and the
        model that made it. Raises :class:`StoreError` when one has no readable analysis."""

    @abstractmethod
    def story_analysis(self, story_id: str) -> tuple[str | None, Story | None]:
        """The stored analysis of ``story_id`` and its key (``None, None`` when stale or unknown)."""

    @abstractmethod
    def set_story_analysis(self, summary: StorySummary, key: str, analysis: Story) -> bool:
        """Store a story's analysis under ``key`` with its listing fields, in one transaction,
        if the story still has exactly the articles ``analysis`` links (in order); return
        whether it was stored (not when it was merged into another story meanwhile).

        The trap: the analysis is linked outside any transaction (seconds for a large story),
        and another writer may add an article to the story meanwhile, marking it stale. Writing
        unconditionally would store the older analysis over that mark (and its article count
        over the new one), so the story would read as fresh while describing fewer articles.
        Refused, the story stays stale and the writer that changed it analyses it again."""

    @abstractmethod
    def stories(self, since: str | None = None, limit: int | None = None) -> list[StorySummary]:
        """Stories newest first (by last publication date; undated last, then by id), with their
        members; ``since``: only those with an article published on or after that ISO date."""

    @abstractmethod
    def find_story(self, ref: str) -> str:
        """The current id of the story ``ref`` names: its id, a unique prefix of it, or the id of
        a story merged into it. Raises :class:`~newsprism.errors.NotFoundError` when none matches
        and :class:`~newsprism.errors.ConfigError` when the prefix is ambiguous."""

    @abstractmethod
    def search_stories(self, query: str, limit: int = 20) -> list[StoryHits]:
        """Articles whose title or text hold every word of ``query`` (each word quoted: FTS5
        operators and stray quotes are plain words), grouped by story, best rank first; up to
        ``limit`` stories. Needs full-text search (SQLite's FTS5; on PostgreSQL the ``tsvector``
        column of migration 5, searched with ``websearch_to_tsquery`` and ``ts_headline``):
        without it a :class:`StoreError` says so."""

    @abstractmethod
    def close(self) -> None:
        """Release the database connections. Idempotent; the store cannot be used afterwards."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
