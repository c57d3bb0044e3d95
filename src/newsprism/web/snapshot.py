"""The listings the API pages through and the bodies the app keeps, read once per store state.

Listing every story with its members (or every article) is a full read of the store, far too slow
to repeat for each page a client asks for; the app keeps the last listing and reads again only
when :func:`store_key` changes: the number of stored articles and the stories awaiting analysis.
An ingest (the app's own POST or another process) adds articles, then analyses the stories it
changed, and each step changes the key. Rendered stories and story pages are kept per key too
(:meth:`SnapshotCache.kept`), so a repeated read is a dictionary lookup.

Reading the key is itself two queries, which showed under load when every request paid them; the
key is read at most once per :data:`KEY_TTL` seconds, so a write by another process (``newsprism
ingest``, another worker of ``newsprism serve``) shows within that bound. The app's own writes
drop everything at once (:meth:`SnapshotCache.clear`), so a client sees its own POST at once.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ..store import Store, StorySummary
from .access import store_of
from .etag import Body

#: Bytes of answers the app keeps (the most recently asked for): stories, story pages, searches,
#: pages of the story list. A bound in bytes, not in answers: a story page runs from a few to
#: hundreds of kilobytes.
KEPT_BYTES = 64_000_000
#: Seconds the store key is trusted without reading it again: how stale an answer may be after
#: another process writes to the store.
KEY_TTL = 1.0


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article as listed (no text: a listing of a large store must stay small in memory)."""

    id: str
    title: str
    outlet: str | None
    url: str | None
    language: str
    published: str | None


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Stories newest first, articles newest first (undated last), and each article's story."""

    key: str
    stories: tuple[StorySummary, ...]
    articles: tuple[ArticleRow, ...]
    story_of: dict[str, str]


def store_key(store: Store) -> str:
    """What changes whenever the listings do: article count and the stories awaiting analysis."""
    return f"{store.count()}:{','.join(store.stale_stories())}"


def take(store: Store, key: str) -> Snapshot:
    listed = tuple(store.stories())
    rows = [
        ArticleRow(a.id, a.title, a.outlet, a.url, a.language, a.published.value) for a in store.articles()
    ]
    rows.sort(key=lambda r: r.id)
    rows.sort(key=lambda r: r.published or "", reverse=True)
    rows.sort(key=lambda r: r.published is None)
    story_of = {m.article_id: s.id for s in listed for m in s.members}
    return Snapshot(key, listed, tuple(rows), story_of)


class SnapshotCache:
    """The app's last snapshot, taken again (once, under a lock) when :func:`store_key` moved;
    the key read at most once per ``ttl`` seconds of ``clock``."""

    def __init__(
        self, ttl: float = KEY_TTL, clock: Callable[[], float] = time.monotonic, kept_bytes: int = KEPT_BYTES
    ) -> None:
        self._ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._last: Snapshot | None = None
        self._key: tuple[str, float] | None = None  # the key and when it was read
        self._kept: OrderedDict[tuple[str, Hashable], Body] = OrderedDict()
        self._kept_bytes = kept_bytes
        self._size = 0

    def current_key(self) -> str | None:
        """The store key when it was read less than ``ttl`` seconds ago, else ``None``."""
        known = self._key
        if known is None or self._clock() - known[1] >= self._ttl:
            return None
        return known[0]

    def key(self, store: Store) -> str:
        """The store key, read from ``store`` when :meth:`current_key` no longer holds."""
        known = self.current_key()
        if known is not None:
            return known
        read = self._clock()
        key = store_key(store)
        self._key = (key, read)
        return key

    def get(self, store: Store) -> Snapshot:
        key = self.key(store)
        last = self._last
        if last is not None and last.key == key:
            return last
        with self._lock:
            if self._last is None or self._last.key != key:
                self._last = take(store, key)
            return self._last

    def clear(self) -> None:
        with self._lock:
            self._last = None
            self._key = None
            self._kept.clear()
            self._size = 0

    def find(self, name: Hashable) -> Body | None:
        """What :meth:`kept` holds for ``name`` under the current key, without touching the
        store: ``None`` when it is not kept or the key must be read again."""
        key = self.current_key()
        if key is None:
            return None
        with self._lock:
            found = self._kept.get((key, name))
            if found is not None:
                self._kept.move_to_end((key, name))
            return found

    def kept(self, key: str, name: Hashable, make: Callable[[], Body]) -> Body:
        """``make()`` as made under store key ``key``: made once per key (the most recently
        used kept, up to ``kept_bytes``), so a repeated read is a lookup, not a decode of its
        articles' analyses, a render and a hash."""
        with self._lock:
            found = self._kept.get((key, name))
            if found is not None:
                self._kept.move_to_end((key, name))
                return found
        made = make()
        with self._lock:
            if (key, name) not in self._kept:
                self._kept[(key, name)] = made
                self._size += len(made.content)
            while self._size > self._kept_bytes and self._kept:
                _, gone = self._kept.popitem(last=False)
                self._size -= len(gone.content)
        return made


async def kept_answer(request: Request, name: Hashable, make: Callable[[Store], Body]) -> Response:
    """The answer ``name`` as :meth:`SnapshotCache.kept` holds it for the current store state:
    while the store key holds, a lookup on the event loop (no thread, no query, no encoding, no
    hash); else ``make(store)`` in the thread pool, once per store state."""
    cache: SnapshotCache = request.app.state.snapshots
    body = cache.find(name)
    if body is None:

        def build() -> Body:
            store = store_of(request)
            return cache.kept(cache.key(store), name, lambda: make(store))

        body = await run_in_threadpool(build)
    return body.response()
