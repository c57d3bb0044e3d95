"""Why a story's articles are together: a :class:`Grouping` per story, for reports.

:class:`~newsprism.stories.Clustering` lists stories in *arrival* order (publication time) and
each story's articles in arrival order; a report of one run lists them in *input* order, as
``analyze`` always has (a story's articles, sources and citations are numbered in input order, so
one story keeps the bytes of the run that treated all its inputs as one story).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import Assignment, Clustering


@dataclass(frozen=True, slots=True)
class Grouping:
    """One story of a clustering: its final id (after merges) and each of its articles'
    assignment (similarity, shared terms and entities, merges), in input order."""

    story_id: str
    assignments: tuple[Assignment, ...]

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(a.article_id for a in self.assignments)


def groupings(clustering: Clustering, input_order: Sequence[str]) -> tuple[Grouping, ...]:
    """The stories of ``clustering`` in the input order of their first article, each story's
    assignments in input order. ``input_order`` holds every clustered article id once."""
    story_of = clustering.story_of()
    assignment_of = {a.article_id: a for a in clustering.assignments}
    members: dict[str, list[Assignment]] = {}
    for article_id in input_order:
        members.setdefault(story_of[article_id], []).append(assignment_of[article_id])
    return tuple(Grouping(sid, tuple(assignments)) for sid, assignments in members.items())
