"""The narrow interface every store implements, and what :meth:`Store.add` reports."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Self

from ..records import Article, ArticleAnalysis, Published, Skip


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


class Store(ABC):
    """Where ingested articles, their analyses and skipped inputs are kept.

    Open one with :func:`newsprism.store.open_store`; use it as a context manager (or call
    :meth:`close`). Every method raises :class:`newsprism.errors.StoreError` when the database
    cannot be read or written.
    """

    @abstractmethod
    def add(
        self, batch: Sequence[tuple[Article, ArticleAnalysis | None]], model: str | None = None
    ) -> AddResult:
        """Store a batch of articles, each with its analysis or ``None``, in one transaction.

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
        relevance where the database has full-text search (SQLite FTS5); elsewhere they are
        case-insensitive substrings, ordered like :meth:`articles`. An empty query finds nothing.
        """

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
