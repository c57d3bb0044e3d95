"""Stories from a stream: :func:`cluster` groups articles into stories in arrival order.

:class:`StoryIndex` is the incremental form (a store keeps one current as articles arrive);
:func:`cluster` runs one over a whole input and returns every assignment and the final stories
(after merges). See :mod:`.index` for the features and why the cost per article stays flat.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .index import Assignment, ClusterConfig, StoryIndex, StoryItem, days_of, fallback_entities, story_id_of

__all__ = [
    "Assignment",
    "ClusterConfig",
    "Clustering",
    "StoryIndex",
    "StoryItem",
    "cluster",
    "fallback_entities",
    "story_id_of",
]


@dataclass(frozen=True, slots=True)
class Clustering:
    """Every article's assignment (arrival order) and the final stories: ``(story id, article
    ids in arrival order)``, in order of each story's first article."""

    assignments: tuple[Assignment, ...]
    stories: tuple[tuple[str, tuple[str, ...]], ...]

    def story_of(self) -> dict[str, str]:
        """Article id -> final story id."""
        return {article: sid for sid, articles in self.stories for article in articles}


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
    if ordered and all(item.published is not None for item in ordered):
        ordered.sort(key=lambda item: days_of(item.published) or 0.0)
    index = StoryIndex(config)
    assignments = tuple(index.add(item) for item in ordered)
    grouped: dict[str, list[str]] = {}
    for assignment in assignments:
        grouped.setdefault(index.resolve(assignment.story_id), []).append(assignment.article_id)
    return Clustering(assignments, tuple((sid, tuple(articles)) for sid, articles in grouped.items()))
