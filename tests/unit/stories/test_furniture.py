"""Furniture: runs of body text seen in earlier bodies are left out, and only their inside."""

from __future__ import annotations

import json

from newsprism.stories.furniture import Furniture

NOTICE = ["archive", "notice", "crawl", "page", "saved", "web", "record", "collection"]


def words(tag: str, n: int) -> list[str]:
    return [f"{tag}{chr(97 + k)}" for k in range(n)]


def test_a_run_seen_in_limit_earlier_bodies_is_furniture_and_its_edges_stay() -> None:
    furniture = Furniture(shingle_words=3, limit=2)
    first, second = NOTICE + words("dam", 6), NOTICE + words("port", 6)
    assert furniture.strip(first) == first
    assert furniture.strip(second) == second  # seen once before: two copies may be one story's
    third = NOTICE + words("cup", 6)
    # the last notice words share a shingle with the article's own words, so they stay
    assert furniture.strip(third) == NOTICE[-2:] + words("cup", 6)


def test_a_common_phrase_costs_at_most_its_middle() -> None:
    """A stem goes only when every shingle covering it recurs: of a recurring run, the words a
    shingle with fresh text also covers stay (a run shorter than two shingles loses nothing)."""
    furniture = Furniture(shingle_words=3, limit=1)
    phrase = ["president", "barack", "obama", "said", "monday", "night"]
    furniture.strip(words("a", 4) + phrase + words("b", 4))
    kept = furniture.strip(words("c", 4) + phrase + words("d", 4))
    assert kept == [*words("c", 4), "president", "barack", "monday", "night", *words("d", 4)]
    short = phrase[:4]
    furniture.strip(words("e", 4) + short + words("f", 4))
    assert furniture.strip(words("g", 4) + short + words("h", 4)) == words("g", 4) + short + words("h", 4)


def test_the_counts_are_bounded_and_survive_json() -> None:
    furniture = Furniture(shingle_words=2, limit=1, memory=4, recurring_memory=3)
    for n in range(10):
        furniture.strip(words(f"x{n}", 4))
        furniture.strip(words(f"x{n}", 4))
    state = furniture.state()
    assert len(state["once"]) <= 4 and len(state["recurring"]) <= 3
    restored = Furniture(shingle_words=2, limit=1, memory=4, recurring_memory=3)
    restored.load(json.loads(json.dumps(state)))
    assert restored.state() == state
    assert restored.strip(words("x9", 4)) == furniture.strip(words("x9", 4)) == []
