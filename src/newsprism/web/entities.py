"""People and organisations across stories, read from the stored story analyses.

An entity's id is :func:`~newsprism.records.content_id` of its type and canonical name, so the
same person linked in two stories has the same id in both: the index groups the stories'
canonical entities (``Story.entities``) by id and never links anything again. A story whose
stored analysis is stale (articles added since) is taken as ``show`` takes it
(:func:`~newsprism.pipeline.stored_story`). Each quote whose linked speaker is the entity is
kept with the role the article states for it.

Building the index reads every story's analysis, so the app keeps the last one and builds again
only when the store changed (the key of :mod:`.snapshot`).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..pipeline import stored_story
from ..records import Story
from ..store import Store, StorySummary
from .snapshot import Snapshot

#: The entity types the index keeps (places and nationalities are not actors).
ACTOR_TYPES = ("person", "organization")


@dataclass(frozen=True, slots=True)
class EntityQuote:
    """One quote attributed to an entity, where it stands and the role stated with it."""

    story: str
    article: str
    outlet: str | None
    quote: str
    text: str
    kind: str
    role: str | None
    speaker_text: str | None
    cue: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EntityStory:
    """One story an entity appears in: its title, the entity's mentions and stated roles there."""

    story: str
    title: str | None
    last_published: str | None
    mentions: int
    roles: tuple[str, ...]


@dataclass(slots=True)
class EntityEntry:
    """An entity across stories (built by :func:`build_index`)."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    stories: list[EntityStory] = field(default_factory=list)
    quotes: list[EntityQuote] = field(default_factory=list)

    @property
    def mentions(self) -> int:
        return sum(s.mentions for s in self.stories)


@dataclass(frozen=True, slots=True)
class EntityIndex:
    """Entities by id, and their order in listings: most stories, then most mentions, then name."""

    key: str
    by_id: dict[str, EntityEntry]
    order: tuple[str, ...]


def build_index(store: Store, key: str, listing: Sequence[StorySummary], summary_words: int) -> EntityIndex:
    """The entity index over the stories of ``listing`` (one analysis read per story)."""
    by_id: dict[str, EntityEntry] = {}
    for summary in listing:
        _, story = store.story_analysis(summary.id)
        if story is None:  # stale: as show would report it
            story = stored_story(store, summary.id, summary_words)
        _add_story(by_id, summary, story)
    order = sorted(by_id.values(), key=lambda e: (-len(e.stories), -e.mentions, e.name.lower(), e.id))
    return EntityIndex(key, by_id, tuple(e.id for e in order))


def _add_story(by_id: dict[str, EntityEntry], summary: StorySummary, story: Story) -> None:
    outlets = {a.id: a.outlet for a in story.articles}
    for entity in story.entities:
        if entity.type not in ACTOR_TYPES:
            continue
        entry = by_id.setdefault(entity.id, EntityEntry(entity.id, entity.name, entity.type))
        entry.aliases.extend(a for a in entity.aliases if a not in entry.aliases and a != entry.name)
        roles = tuple(dict.fromkeys(r.text for r in entity.roles))
        entry.stories.append(
            EntityStory(summary.id, summary.title, summary.last_published, len(entity.mentions), roles)
        )
    for analysis in story.analyses:
        for q in analysis.quotes:
            if q.speaker is None or q.speaker not in by_id:
                continue
            by_id[q.speaker].quotes.append(
                EntityQuote(
                    story=summary.id,
                    article=q.span.article,
                    outlet=outlets.get(q.span.article),
                    quote=q.id,
                    text=q.text,
                    kind=q.kind,
                    role=q.role,
                    speaker_text=q.speaker_text,
                    cue=q.cue,
                    start=q.span.start,
                    end=q.span.end,
                )
            )


class EntityCache:
    """The app's last index, rebuilt (once, under a lock) when the store's stories changed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: EntityIndex | None = None

    def get(self, store: Store, snapshot: Snapshot, summary_words: int) -> EntityIndex:
        key = snapshot.key
        index = self._index
        if index is not None and index.key == key:
            return index
        with self._lock:
            if self._index is None or self._index.key != key:
                self._index = build_index(store, key, snapshot.stories, summary_words)
            return self._index
