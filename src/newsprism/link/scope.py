"""Which articles a claim or conflict may set side by side: reports of one story.

A conflict says that two sources disagree about one thing, a claim that they agree. Two articles
that share nothing but the shape of the compared sentence ("A 43-year-old patient was treated at
... on Monday" in two unrelated hospital stories; "70 percent of Americans" in an opinion piece
and in a banking feature; "big", "like", "music" in an actress's quote and a singer's label
dispute) are two stories: their figures, dates, quotes and names never conflict, and their
sentences never corroborate each other, however alike they read.

Two articles are **directly linked** when they are of one origin (copies of one report), or
when both name at least :data:`MIN_SHARED_ACTORS` of the same canonical people, organisations or
named events, or one such actor and :data:`MIN_SHARED_PLACES` of the same places. Places alone
do not count, nor does one place beside one actor: they are settings that unrelated stories share
("Reuters" in "New York"). Nationalities never count. A report from another angle names the
story's company and its places, not its other actors (an insurer's losses after a dam failure:
the dam's operator, the dam, the valley, the country).

Two articles are **about one story** when a chain of direct links joins them: the local paper's
piece on the flood and the insurer piece share only the operator and the dam, but each is linked
to the wire report. Candidate links come from an inverted index over actors; an actor named by
more than :data:`MAX_ACTOR_ARTICLES` articles links none of them (a hub: an agency, a platform),
so the work grows with the corpus, not its square. Clustering a mixed feed into stories is a
stage of its own; this is the floor every claim and conflict meets within one run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..records import Conflict, Entity
from .keys import UnionFind, candidate_pairs

#: Least canonical actors two articles both name to be reports of one story.
MIN_SHARED_ACTORS = 2
#: Least places two articles both name, beside one shared actor, to be reports of one story.
MIN_SHARED_PLACES = 2
#: Articles naming one actor beyond which the actor links none of them (a hub, not a story).
MAX_ACTOR_ARTICLES = 200
#: Entity types that identify a story (who acted, what happened), unlike its setting.
ACTOR_TYPES = frozenset({"person", "organization", "event"})


@dataclass(frozen=True, slots=True)
class StoryScope:
    """The actors each article names and each article's origin: enough to tell whether two
    articles report one story (:meth:`related`)."""

    actors: Mapping[str, frozenset[str]]
    origin_of: Mapping[str, str]
    places: Mapping[str, frozenset[str]] = field(default_factory=dict)
    story_of: Mapping[str, str] = field(default_factory=dict)

    def related(self, a: str, b: str) -> bool:
        """Whether articles ``a`` and ``b`` report one story: directly linked, or joined by a
        chain of direct links (see the module docstring)."""
        if self.linked(a, b):
            return True
        story = self.story_of.get(a)
        return story is not None and story == self.story_of.get(b)

    def linked(self, a: str, b: str) -> bool:
        """Whether articles ``a`` and ``b`` are directly linked (see the module docstring)."""
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
                kept.setdefault(m.span.article, set()).add(entity.id)
    scope = StoryScope(
        {a: frozenset(ids) for a, ids in actors.items()},
        origin_of,
        {a: frozenset(ids) for a, ids in places.items()},
    )
    return replace(scope, story_of=_stories(scope))


def _stories(scope: StoryScope) -> dict[str, str]:
    """Each article's story: the first article (in id order) of its chain of direct links."""
    ids = sorted(set(scope.actors) | set(scope.origin_of))
    union = UnionFind(range(len(ids)))
    keys = [[*sorted(scope.actors.get(a, ())), f"origin:{scope.origin_of.get(a, a)}"] for a in ids]
    for i, j in candidate_pairs(keys, MAX_ACTOR_ARTICLES):
        if scope.linked(ids[i], ids[j]):
            union.union(i, j)
    return {a: ids[union.find(i)] for i, a in enumerate(ids)}


def within_story(conflicts: Sequence[Conflict], scope: StoryScope) -> list[Conflict]:
    """``conflicts`` with every value dropped whose article reports no story in common with
    another value's article; a conflict left with values from fewer than two articles is
    dropped. Work per conflict is quadratic in its (few) distinct articles only."""
    out: list[Conflict] = []
    for conflict in conflicts:
        articles = list(dict.fromkeys(v.citation.span.article for v in conflict.values))
        kept = {a for a in articles if any(scope.related(a, b) for b in articles if b != a)}
        if len(kept) < 2:
            continue
        if len(kept) < len(articles):
            conflict = replace(
                conflict, values=tuple(v for v in conflict.values if v.citation.span.article in kept)
            )
        out.append(conflict)
    return out
