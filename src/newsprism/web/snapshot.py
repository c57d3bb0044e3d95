"""The listings the API pages through, read once per change of the store.

Listing every story with its members (or every article) is a full read of the store, far too slow
to repeat for each page a client asks for; the app keeps the last listing and reads again only
when :func:`store_key` changes: the number of stored articles and the stories awaiting analysis,
two cheap queries. An ingest (the app's own POST or another process) adds articles, then
analyses the stories it changed, and each step changes the key. The app's own writes also drop
the snapshot outright (:meth:`SnapshotCache.clear`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..store import Store, StorySummary

#: Rendered stories the app keeps (the most recently asked for).
STORIES_KEPT = 256


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
    """The app's last snapshot, taken again (once, under a lock) when :func:`store_key` moved."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: Snapshot | None = None
        self._stories: OrderedDict[tuple[str, str], dict[str, Any]] = OrderedDict()

    def get(self, store: Store) -> Snapshot:
        key = store_key(store)
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
            self._stories.clear()

    def story(self, key: str, story_id: str, render: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """Story ``story_id`` as rendered under store key ``key``: rendered once per key (the
        last :data:`STORIES_KEPT` kept), so a story page is a lookup, not a decode of its
        articles' analyses."""
        with self._lock:
            found = self._stories.get((key, story_id))
            if found is not None:
                self._stories.move_to_end((key, story_id))
                return found
        rendered = render()
        with self._lock:
            self._stories[(key, story_id)] = rendered
            while len(self._stories) > STORIES_KEPT:
                self._stories.popitem(last=False)
        return rendered
