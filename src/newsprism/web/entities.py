"""People and organisations across stories, read from the stored story analyses.

A story's entity ids (``Entity.id``) are made per story by the linker. Across stories an entity
is known by :func:`~newsprism.records.cross_story_id`, a hash of its name's key (the type left
out: see there): the one id the pages, the JSON API and the exports share. The index groups the
stories' canonical people and organisations (``Story.entities``) by that id and never links
anything again; two entities of one story with the same id (one name typed twice) count as one
appearance there. A story whose stored analysis is stale (articles added since) is taken as
``show`` takes it (:func:`~newsprism.pipeline.stored_story`). Each quote whose linked speaker is
the entity is kept with the role the article states for it. An entry's name and type are those
of the first story that names it, in the listing's order (newest first), as the exported actor
network's nodes take them.

Building the index reads every story's analysis, so the app keeps the last one and builds again
only when the store changed (the key of :mod:`.snapshot`).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..pipeline import stored_story
from ..records import ACTOR_TYPES, Story, cross_story_id
from ..store import Store, StorySummary
from .snapshot import Snapshot


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
    across: dict[str, str] = {}  # the story's entity id -> the id across stories
    for entity in story.entities:
        if entity.type not in ACTOR_TYPES:
            continue
        eid = across[entity.id] = cross_story_id(entity.name)
        entry = by_id.setdefault(eid, EntityEntry(eid, entity.name, entity.type))
        names = (entity.name, *entity.aliases)
        entry.aliases.extend(dict.fromkeys(a for a in names if a not in entry.aliases and a != entry.name))
        mentions, roles = len(entity.mentions), tuple(dict.fromkeys(r.text for r in entity.roles))
        if entry.stories and entry.stories[-1].story == summary.id:  # one name typed twice here
            here = entry.stories.pop()
            mentions, roles = here.mentions + mentions, tuple(dict.fromkeys((*here.roles, *roles)))
        entry.stories.append(EntityStory(summary.id, summary.title, summary.last_published, mentions, roles))
    for analysis in story.analyses:
        for q in analysis.quotes:
            if q.speaker is None or q.speaker not in across:
                continue
            by_id[across[q.speaker]].quotes.append(
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
