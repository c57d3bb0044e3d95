"""The store state the web caches are keyed by: read at most once per ``ttl`` seconds (the bound
on how stale an answer may be after another process writes), read again at once after the app's
own write (:meth:`SnapshotCache.clear`)."""

from __future__ import annotations

from typing import Any

from newsprism.web.snapshot import SnapshotCache


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class CountingStore:
    """Just what ``store_key`` reads: the article count and the stale stories."""

    def __init__(self) -> None:
        self.articles = 3
        self.reads = 0

    def count(self) -> int:
        self.reads += 1
        return self.articles

    def stale_stories(self) -> list[str]:
        return []


def test_the_store_key_is_read_at_most_once_per_ttl() -> None:
    clock, store = Clock(), CountingStore()
    cache = SnapshotCache(ttl=1.0, clock=clock)
    first = cache.key(store)  # type: ignore[arg-type]
    store.articles = 4  # another process writes
    clock.now += 0.5
    assert cache.key(store) == first and store.reads == 1  # type: ignore[arg-type]
    assert cache.current_key() == first
    clock.now += 0.6
    assert cache.current_key() is None
    assert cache.key(store) != first and store.reads == 2  # type: ignore[arg-type]


def test_the_apps_own_write_is_seen_at_once() -> None:
    clock, store = Clock(), CountingStore()
    cache = SnapshotCache(ttl=1.0, clock=clock)
    first = cache.key(store)  # type: ignore[arg-type]
    store.articles = 4
    cache.clear()
    assert cache.current_key() is None and cache.key(store) != first  # type: ignore[arg-type]


def test_a_kept_body_is_made_once_per_key_and_found_without_the_store() -> None:
    clock, store = Clock(), CountingStore()
    cache = SnapshotCache(ttl=1.0, clock=clock)
    made: list[str] = []

    def make() -> Any:
        made.append("x")
        return f"body {len(made)}"

    key = cache.key(store)  # type: ignore[arg-type]
    assert cache.kept(key, ("page", "abc"), make) == "body 1"
    assert cache.kept(key, ("page", "abc"), make) == "body 1" and made == ["x"]
    assert cache.find(("page", "abc"), str) == "body 1"
    clock.now += 2  # the key is no longer known to hold: the caller must check the store
    assert cache.find(("page", "abc"), str) is None
