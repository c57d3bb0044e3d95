"""The store state the web caches are keyed by: read at most once per ``ttl`` seconds (the bound
on how stale an answer may be after another process writes), read again at once after the app's
own write (:meth:`SnapshotCache.clear`)."""

from __future__ import annotations

from newsprism.web.etag import Body
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
    made: list[Body] = []

    def make() -> Body:
        made.append(Body.of(f"body {len(made) + 1}".encode(), "text/plain"))
        return made[-1]

    key = cache.key(store)  # type: ignore[arg-type]
    assert cache.kept(key, ("page", "abc"), make).content == b"body 1"
    assert cache.kept(key, ("page", "abc"), make).content == b"body 1" and len(made) == 1
    assert cache.find(("page", "abc")) == made[0]
    clock.now += 2  # the key is no longer known to hold: the caller must check the store
    assert cache.find(("page", "abc")) is None


def test_the_least_recently_used_bodies_go_once_the_kept_bytes_pass_the_bound() -> None:
    cache = SnapshotCache(ttl=60, clock=Clock(), kept_bytes=10)
    key = cache.key(CountingStore())  # type: ignore[arg-type]
    for name in ("a", "b", "c"):
        cache.kept(key, name, lambda: Body.of(b"4444", "text/plain"))
    assert cache.find("a") is None and cache.find("b") is not None and cache.find("c") is not None
    cache.find("b")  # now the most recently used
    cache.kept(key, "d", lambda: Body.of(b"4444", "text/plain"))
    assert cache.find("c") is None and cache.find("b") is not None and cache.find("d") is not None
