"""Entities that make one-sentence test articles reports of one story.

A conflict only pairs articles that name the same actors (``newsprism.link.scope``).
Tests about *what* conflicts pass these, so their articles are one story: two actors mentioned
in every article. The mentions are empty and not in the analyses, so they change no sentence's
keys, only the scope.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsprism.records import Entity, Mention, Span


def story_actors(articles: Iterable[str]) -> list[Entity]:
    """Two actor entities (an organisation and an event) mentioned in each of ``articles``."""
    ids = list(articles)
    return [
        Entity(id=name, name=name, type=etype, mentions=tuple(Mention(Span(a, 0, 0), "", label) for a in ids))
        for name, etype, label in (
            ("story-organisation", "organization", "ORG"),
            ("story-event", "event", "EVENT"),
        )
    ]
