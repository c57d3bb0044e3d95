"""Concurrent writers on one store, on SQLite and on PostgreSQL: the clusterer's state is read
under the store's story lock, so two writers never overwrite each other's assignments, and a
batch that meets another writer's rows is retried, never duplicated."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from newsprism.records import Article
from newsprism.store import Clusterer, SavedIndex, SqlStore, StoryBatch, open_store
from newsprism.store.engine import _set_wal
from newsprism.stories import Assignment, story_id_of
from tests.unit.store.test_store import make_analysis, make_article

ARTICLES = [make_article(f"Article {i}", f"Text number {i}.") for i in range(6)]


def state_counting(state: dict[str, Any] | None, pairs: Sequence[Article]) -> dict[str, Any]:
    """A stand-in clusterer state: every article id it has seen, in order, and their count."""
    seen = [*(state or {}).get("seen", []), *(a.id for a in pairs)]
    return {"seen": seen, "arrivals": len(seen)}


def one_story_each(articles: Sequence[Article]) -> Clusterer:
    def cluster(saved: SavedIndex, clustered: Callable[[Sequence[str]], set[str]]) -> StoryBatch:
        state = saved.load().state if saved.generation is not None else None
        done = clustered([a.id for a in articles])
        todo = [a for a in articles if a.id not in done]
        assignments = tuple(Assignment(a.id, story_id_of(a.id), 0.0, True) for a in todo)
        return StoryBatch(assignments, tuple(a.id for a in todo), state_counting(state, todo))

    return cluster


def test_a_clustered_batch_sees_the_state_another_writer_saved_after_it_opened(db_url: str) -> None:
    with open_store(db_url) as first, open_store(db_url) as second:
        batch_a, batch_b = ARTICLES[:3], ARTICLES[2:]  # overlapping: article 2 in both
        first.add([(a, make_analysis(a)) for a in batch_a], "m", cluster=one_story_each(batch_a))
        second.add([(a, make_analysis(a)) for a in batch_b], "m", cluster=one_story_each(batch_b))
        state = second.story_index_state()
        assert state is not None
        assert state["seen"] == [a.id for a in ARTICLES]  # the first writer's work is kept
        assert {m.article_id for s in second.stories() for m in s.members} == {a.id for a in ARTICLES}


def test_two_writers_at_once_store_every_article_and_assignment_once(db_url: str) -> None:
    """Threads, each with its own store (connections): both add overlapping batches at once."""
    errors: list[BaseException] = []
    start = threading.Barrier(2, timeout=60)

    def write(articles: Sequence[Article]) -> None:
        try:
            start.wait()  # both open the new database at once: one migrates it
            with open_store(db_url) as store:
                for i in range(0, len(articles), 2):
                    chunk = articles[i : i + 2]
                    store.add([(a, make_analysis(a)) for a in chunk], "m", cluster=one_story_each(chunk))
        except BaseException as exc:  # reported below
            errors.append(exc)

    many = [make_article(f"Story {i}", f"Body {i}.") for i in range(40)]
    writers = [
        threading.Thread(target=write, args=(many[:30],)),
        threading.Thread(target=write, args=(many[10:],)),
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert errors == []
    with open_store(db_url) as store:
        assert isinstance(store, SqlStore)
        assert store.count() == len(many)
        assert store.analyzed([a.id for a in many]) == {a.id for a in many}
        members = [m.article_id for s in store.stories() for m in s.members]
        assert sorted(members) == sorted(a.id for a in many)  # each article in exactly one story
        state = store.story_index_state()
        assert state is not None and sorted(state["seen"]) == sorted(a.id for a in many)


class _LockedCursor:
    """A cursor whose journal-mode switch finds the database locked ``locked`` times first."""

    def __init__(self, locked: int) -> None:
        self.locked = locked
        self.calls = 0

    def execute(self, sql: str) -> None:
        self.calls += 1
        if self.calls <= self.locked:
            raise sqlite3.OperationalError("database is locked")


def test_switching_a_new_database_to_wal_waits_while_another_opener_holds_the_lock() -> None:
    """SQLite answers "locked" at once here, busy timeout or not: two processes opening a new
    database together failed one time in a dozen (the race the test above hit)."""
    cursor = _LockedCursor(locked=3)
    _set_wal(cursor)
    assert cursor.calls == 4


def test_another_error_while_switching_to_wal_is_not_retried() -> None:
    class Broken(_LockedCursor):
        def execute(self, sql: str) -> None:
            self.calls += 1
            raise sqlite3.OperationalError("disk I/O error")

    cursor = Broken(locked=0)
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        _set_wal(cursor)
    assert cursor.calls == 1
