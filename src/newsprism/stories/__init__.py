"""Stories from a stream: :func:`cluster` groups articles into stories in arrival order.

:class:`StoryIndex` is the incremental form (a store keeps one current as articles arrive);
:func:`cluster` runs one over a whole input and returns every assignment and the final stories
(after merges). See :mod:`.index` for the features and why the cost per article stays flat.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from ..records import Article, ArticleAnalysis
from .index import Assignment, ClusterConfig, StoryIndex, StoryItem, days_of, fallback_entities, story_id_of

__all__ = [
    "Assignment",
    "ClusterConfig",
    "Clustering",
    "StoryIndex",
    "StoryItem",
    "arrival_order",
    "cluster",
    "fallback_entities",
    "item_of",
    "story_id_of",
]


#: Mention labels that name an actor, place or event a story is about (not dates, money, ...).
STORY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT", "WORK_OF_ART", "LAW"}
)


def entity_keys(analysis: ArticleAnalysis) -> tuple[str, ...]:
    """One article's entity keys for clustering, in first-mention order. A person is keyed by
    the last word of the cleaned name (the surname, which later mentions use alone: "Ms Reeves"
    and "Rachel Reeves" must meet), anything else by its folded name. Per article, so an
    arriving article needs no cross-article canonicalisation (that runs per story, later)."""
    from ..link.entities import clean_name, name_keys, org_key

    keys: list[str] = []
    for mention in analysis.mentions:
        if mention.label not in STORY_LABELS:
            continue
        if mention.label == "PERSON":
            words = name_keys(clean_name(mention.text))
            key = f"p:{words[-1]}" if words else ""
        else:
            key = org_key(mention.text)
        if key and key != "p:":
            keys.append(key)
    return tuple(dict.fromkeys(keys))


def item_of(article: Article, analysis: ArticleAnalysis | None) -> StoryItem:
    """The clusterer's view of an analysed article: its id, publication time, title, clean text
    and entity keys. Without an analysis (an article in another language, stored unanalysed) the
    capitalised-run fallback stands in.

    The time is the page's metadata date only. A date the analysis inferred is a guess from the
    years and weekdays the text mentions, and on real articles it reads years off (two seed
    articles on one September 2022 meeting came out 2020 and 2021): as an arrival time it would
    close the story before its follow-up arrives. Such an article is clustered as undated."""
    published = _moment(article.published.value) if article.published.how == "metadata" else None
    entities = fallback_entities(article.title, article.text) if analysis is None else entity_keys(analysis)
    return StoryItem(article.id, published, article.title, article.text, entities)


def _moment(value: str | None) -> datetime | date | None:
    """An ISO ``Published.value`` as a datetime (when it has a time) or a date; None if unreadable."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Clustering:
    """Every article's assignment (arrival order) and the final stories: ``(story id, article
    ids in arrival order)``, in order of each story's first article."""

    assignments: tuple[Assignment, ...]
    stories: tuple[tuple[str, tuple[str, ...]], ...]

    def story_of(self) -> dict[str, str]:
        """Article id -> final story id."""
        return {article: sid for sid, articles in self.stories for article in articles}


def arrival_order(items: Iterable[StoryItem]) -> list[StoryItem]:
    """``items`` in the order they are clustered: by publication time when every item has one
    (stable, so ties keep input order), else in input order (an undated stream's order is its
    arrival order). The one rule :func:`cluster` and the store's ingest both follow."""
    ordered = list(items)
    if ordered and all(item.published is not None for item in ordered):
        ordered.sort(key=lambda item: days_of(item.published) or 0.0)
    return ordered


def cluster(items: Iterable[StoryItem], config: ClusterConfig | None = None) -> Clustering:
    """Cluster ``items`` into stories in arrival order: by publication time when every item has
    one (stable, so ties keep input order), else in input order (an undated stream's order is its
    arrival order). Deterministic for the same input. Raises ``ValueError`` for an article id
    given twice (a story id is the hash of its first article's id)."""
    ordered = list(items)
    seen: set[str] = set()
    for item in ordered:
        if item.article_id in seen:
            raise ValueError(f"article id {item.article_id!r} given twice: each article is clustered once")
        seen.add(item.article_id)
    index = StoryIndex(config)
    assignments = tuple(index.add(item) for item in arrival_order(ordered))
    grouped: dict[str, list[str]] = {}
    for assignment in assignments:
        grouped.setdefault(index.resolve(assignment.story_id), []).append(assignment.article_id)
    return Clustering(assignments, tuple((sid, tuple(articles)) for sid, articles in grouped.items()))
