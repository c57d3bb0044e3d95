"""Which articles a conflict may set against each other: two reports of one story.

A conflict says that two sources disagree about one thing. Two articles that share nothing but
the shape of the compared sentence ("A 43-year-old patient was treated at ... on Monday" in two
unrelated hospital stories; "70 percent of Americans" in an opinion piece and in a banking
feature) are two stories, and their figures, dates, quotes and names never conflict, however
alike the sentences read.

Two articles are **about one story** when they are of one origin (copies of one report), or
when both name at least :data:`MIN_SHARED_ACTORS` of the same canonical people, organisations or
named events, or one such actor and :data:`MIN_SHARED_PLACES` of the same places. Places alone
do not count, nor does one place beside one actor: they are settings that unrelated stories share
("Reuters" in "New York"). Nationalities never count. A report from another angle names the
story's company and its places, not its other actors (an insurer's losses after a dam failure:
the dam's operator, the dam, the valley, the country). Clustering a mixed feed into stories is a stage
of its own; this is the floor every conflict meets within one run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..records import Conflict, Entity

#: Least canonical actors two articles both name to be reports of one story.
MIN_SHARED_ACTORS = 2
#: Least places two articles both name, beside one shared actor, to be reports of one story.
MIN_SHARED_PLACES = 2
#: Entity types that identify a story (who acted, what happened), unlike its setting.
ACTOR_TYPES = frozenset({"person", "organization", "event"})


@dataclass(frozen=True, slots=True)
class StoryScope:
    """The actors each article names and each article's origin: enough to tell whether two
    articles report one story (:meth:`related`)."""

    actors: Mapping[str, frozenset[str]]
    origin_of: Mapping[str, str]
    places: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def related(self, a: str, b: str) -> bool:
        """Whether articles ``a`` and ``b`` report one story (see the module docstring)."""
        if a == b or self.origin_of.get(a, a) == self.origin_of.get(b, b):
            return True
        shared = len(self.actors.get(a, frozenset()) & self.actors.get(b, frozenset()))
        if shared >= MIN_SHARED_ACTORS:
            return True
        places = self.places.get(a, frozenset()) & self.places.get(b, frozenset())
        return shared == 1 and len(places) >= MIN_SHARED_PLACES


def story_scope(entities: Sequence[Entity], origin_of: Mapping[str, str]) -> StoryScope:
    """The :class:`StoryScope` of one run: the actor and place entities each article mentions."""
    actors: dict[str, set[str]] = {}
    places: dict[str, set[str]] = {}
    for entity in entities:
        kept = actors if entity.type in ACTOR_TYPES else places if entity.type == "place" else None
        if kept is not None:
            for m in entity.mentions:
                kept.setdefault(m.article, set()).add(entity.id)
    return StoryScope(
        {a: frozenset(ids) for a, ids in actors.items()},
        origin_of,
        {a: frozenset(ids) for a, ids in places.items()},
    )


def within_story(conflicts: Sequence[Conflict], scope: StoryScope) -> list[Conflict]:
    """``conflicts`` with every value dropped whose article reports no story in common with
    another value's article; a conflict left with values from fewer than two articles is
    dropped. Work per conflict is quadratic in its (few) distinct articles only."""
    out: list[Conflict] = []
    for conflict in conflicts:
        articles = list(dict.fromkeys(v.citation.article for v in conflict.values))
        kept = {a for a in articles if any(scope.related(a, b) for b in articles if b != a)}
        if len(kept) < 2:
            continue
        if len(kept) < len(articles):
            conflict = replace(
                conflict, values=tuple(v for v in conflict.values if v.citation.article in kept)
            )
        out.append(conflict)
    return out
