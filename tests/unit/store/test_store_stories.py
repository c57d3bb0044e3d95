"""The store keeps stories: assignments with their explanation, merges, stale marks, the
clusterer's state, listing, lookup by id or prefix, and full-text search grouped by story, on
SQLite and on PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text

from newsprism.errors import ConfigError, NotFoundError, StoreError
from newsprism.pipeline import refresh_stories, story_key
from newsprism.records import Article, Published
from newsprism.store import (
    MARK_CLOSE,
    MARK_OPEN,
    MIGRATIONS,
    SavedIndex,
    SavedState,
    SqlStore,
    Store,
    StoryBatch,
    open_store,
)
from newsprism.stories import Assignment, story_id_of
from tests.unit.store.test_store import make_analysis, make_article

A = make_article("Dam bursts in the valley", "The Teresk dam burst on Thursday.", "2025-03-13")
B = make_article("Dam toll rises", "Rescuers found more victims of the dam burst.", "2025-03-14")
C = make_article("Port strike halts Alvena", "Dockworkers walked out over pay.", "2025-03-15")
S_A, S_C = story_id_of(A.id), story_id_of(C.id)
STATE = {"version": 1, "note": "opaque to the store"}


def opened(a: Article) -> Assignment:
    return Assignment(a.id, story_id_of(a.id), 0.0, True)


def joined(a: Article, story: str, merged: tuple[str, ...] = ()) -> Assignment:
    return Assignment(a.id, story, 0.42, False, ("dam", "burst"), ("teresk",), merged)


def put(
    store: Store, pairs: list[Article], *assignments: Assignment, state: dict[str, object] = STATE
) -> None:
    batch = StoryBatch(assignments, tuple(a.id for a in pairs), dict(state))
    store.add([(a, make_analysis(a)) for a in pairs], "model-x", stories=batch)


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as opened:
        yield opened


def test_assignments_are_stored_with_their_explanation_and_the_clusterer_state(store: Store) -> None:
    put(store, [A, B, C], opened(A), joined(B, S_A), opened(C))
    listed = {s.id: s for s in store.stories()}
    assert set(listed) == {S_A, S_C}
    assert listed[S_A].articles == 2
    members = listed[S_A].members
    assert [m.article_id for m in members] == [A.id, B.id]  # input order
    assert (members[1].similarity, members[1].shared_terms, members[1].shared_entities) == (
        0.42,
        ("dam", "burst"),
        ("teresk",),
    )
    assert members[0].new_story and members[0].url == A.url and members[0].source == A.source
    assert store.story_index_state() == STATE
    assert sorted(store.stale_stories()) == sorted([S_A, S_C])


def test_a_merge_moves_the_merged_storys_articles_and_its_id_still_finds_the_story(store: Store) -> None:
    put(store, [A, C], opened(A), opened(C))
    put(store, [B], joined(B, S_A, merged=(S_C,)))
    assert [s.id for s in store.stories()] == [S_A]
    assert [m.article_id for m in store.stories()[0].members] == [A.id, C.id, B.id]
    assert store.find_story(S_C) == S_A  # the alias


def test_only_the_stories_that_gained_articles_become_stale(store: Store) -> None:
    put(store, [A, C], opened(A), opened(C))
    assert refresh_stories(store, 50) == 2
    assert store.stale_stories() == []
    put(store, [B], joined(B, S_A))
    assert store.stale_stories() == [S_A]
    assert refresh_stories(store, 50) == 1


def test_an_analysis_linked_before_another_writer_changed_the_story_is_refused(store: Store) -> None:
    """What a second ingest does while the first links the story: B joins it; the analysis of
    A alone must not be stored over the stale mark, nor its count of 1 over the listing's 2."""
    put(store, [A], opened(A))
    refresh_stories(store, 50)
    key, linked_alone = store.story_analysis(S_A)
    assert key is not None and linked_alone is not None
    (listed_alone,) = store.stories()
    put(store, [B], joined(B, S_A))
    assert not store.set_story_analysis(listed_alone, key, linked_alone)
    assert store.stale_stories() == [S_A]
    assert store.story_analysis(S_A) == (None, None)
    assert store.stories()[0].articles == 2
    assert refresh_stories(store, 50) == 1 and store.stale_stories() == []


def test_a_refreshed_story_is_stored_under_the_key_of_its_articles_and_settings(store: Store) -> None:
    put(store, [A, B], opened(A), joined(B, S_A))
    refresh_stories(store, 50)
    key, story = store.story_analysis(S_A)
    assert key == story_key([A.id, B.id], "model-x", 50)
    assert story is not None and [a.id for a in story.articles] == [A.id, B.id]
    (listed,) = store.stories()
    assert (listed.title, listed.first_published, listed.last_published) == (
        A.title,
        "2025-03-13",
        "2025-03-14",
    )
    assert listed.outlets == ("Wire",) and listed.origins is not None


def test_a_failed_batch_stores_neither_its_articles_nor_its_assignments_nor_the_state(store: Store) -> None:
    put(store, [A], opened(A))
    bad = StoryBatch((opened(C),), (), {"version": 1, "later": True})  # C missing from input order
    with pytest.raises(ValueError, match="input order"):
        store.add([(C, make_analysis(C))], "model-x", stories=bad)
    assert store.count() == 1 and store.story_index_state() == STATE
    assert [s.id for s in store.stories()] == [S_A]


def test_stories_are_listed_newest_first_and_since_a_date(store: Store) -> None:
    put(store, [A, C], opened(A), opened(C))
    refresh_stories(store, 50)
    assert [s.id for s in store.stories()] == [S_C, S_A]
    assert [s.id for s in store.stories(since="2025-03-14")] == [S_C]
    assert [s.id for s in store.stories(limit=1)] == [S_C]


def test_a_story_is_found_by_id_or_unique_prefix_and_bad_references_fail_in_one_line(store: Store) -> None:
    put(store, [A, C], opened(A), opened(C))
    assert store.find_story(S_A) == S_A
    assert store.find_story(S_A[:8]) == S_A
    assert store.find_story(S_A[2:9]) == S_A  # without the "s-"
    with pytest.raises(ConfigError, match="ambiguous"):
        store.find_story("s-")
    with pytest.raises(NotFoundError, match="no story 'nope'"):
        store.find_story("nope")
    with pytest.raises(NotFoundError):
        store.find_story("s-%")  # a LIKE wildcard is a character, not a pattern


def test_search_groups_hits_by_story_best_first_with_marked_snippets(store: Store) -> None:
    put(store, [A, B, C], opened(A), joined(B, S_A), opened(C))
    found = store.search_stories("dam burst")
    assert [g.story_id for g in found] == [S_A]
    assert {h.article_id for h in found[0].hits} == {A.id, B.id}
    assert all(f"{MARK_OPEN}dam{MARK_CLOSE}" in h.snippet.lower() for h in found[0].hits)
    assert [g.story_id for g in store.search_stories("dockworkers")] == [S_C]


def test_a_hit_without_a_title_is_named_by_its_first_words_and_its_snippet_is_one_line(store: Store) -> None:
    untitled = make_article(
        "", "Ferry crews walked out at dawn.\n\nThe ferry strike closed the harbour for a day."
    )
    put(store, [untitled], opened(untitled))
    [group] = store.search_stories("ferry strike")
    [hit] = group.hits
    assert hit.title.startswith("Ferry crews walked out at dawn.")
    assert "\n" not in hit.snippet and f"{MARK_OPEN}strike{MARK_CLOSE}" in hit.snippet


@pytest.mark.parametrize("query", ['"unbalanced', "AND", "dam OR", "NEAR(", "dam*", "(dam", "a:b"])
def test_fts_syntax_in_a_query_is_read_as_plain_words_never_an_error(store: Store, query: str) -> None:
    put(store, [A], opened(A))
    store.search_stories(query)  # no exception: each word is a quoted phrase


@pytest.mark.parametrize("query", ["   ", '""', "*** ?", "\u201c \u2014"])
def test_a_query_without_words_is_a_one_line_error(store: Store, query: str) -> None:
    """Punctuation alone is no word: the index holds only letters and digits."""
    put(store, [A], opened(A))
    with pytest.raises(ConfigError, match="no words"):
        store.search_stories(query)


def test_search_without_full_text_search_says_what_it_needs(store: Store) -> None:
    assert isinstance(store, SqlStore)
    with pytest.raises(StoreError, match=r"FTS5|search_vector column"):
        SqlStore(store.engine, fts=False).search_stories("dam")


def test_a_version_3_database_keeps_every_row_when_it_gains_stories(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    with open_store(f"sqlite:///{path}", migrations=MIGRATIONS[:3]) as old:
        old.add([(A, make_analysis(A)), (C, None)], "model-x")
        old.add_skips([])
    with sqlite3.connect(path) as conn:
        before = {t: list(conn.execute(f"SELECT * FROM {t} ORDER BY 1")) for t in ("articles", "analyses")}
    with open_store(f"sqlite:///{path}") as store:
        assert store.articles() == sorted([A, C], key=lambda a: a.published.value or "")
        assert store.analysis(A.id) == make_analysis(A)
        assert store.stories() == [] and store.story_index_state() is None
        assert isinstance(store, SqlStore)
        with store.engine.connect() as conn:
            version = conn.scalar(text("SELECT max(version) FROM schema_migrations"))
    assert version == len(MIGRATIONS) == 6
    with sqlite3.connect(path) as conn:
        after = {t: list(conn.execute(f"SELECT * FROM {t} ORDER BY 1")) for t in ("articles", "analyses")}
    assert after == before


def test_the_published_date_a_story_lists_is_the_one_stored(store: Store) -> None:
    undated = make_article("Undated dam piece", "More on the dam.")
    assert undated.published == Published()
    put(store, [undated], opened(undated))
    refresh_stories(store, 50)
    (listed,) = store.stories()
    assert listed.first_published is None and listed.title == undated.title


def test_a_story_dated_by_a_day_and_a_datetime_lists_both_as_days(store: Store) -> None:
    """One form in the listing: the days of its first and last article, whatever each gave."""
    day = make_article("Dam bursts in the valley", "The Teresk dam burst on Thursday.", "2025-03-13")
    timed = make_article("Dam toll rises", "More victims.", "2025-03-17T23:30:00-05:00")
    put(store, [day, timed], opened(day), joined(timed, story_id_of(day.id)))
    refresh_stories(store, 50)
    (listed,) = store.stories()
    assert (listed.first_published, listed.last_published) == ("2025-03-13", "2025-03-17")
    assert [m.published for m in listed.members] == ["2025-03-13", "2025-03-17T23:30:00-05:00"]
    assert [s.id for s in store.stories(since="2025-03-17")] == [listed.id]


def test_a_story_listed_with_a_datetime_by_an_older_version_is_read_as_days(store: Store) -> None:
    put(store, [A, B], opened(A), joined(B, S_A))
    refresh_stories(store, 50)
    _, story = store.story_analysis(S_A)
    assert story is not None
    (listed,) = store.stories()
    old = replace(listed, first_published="2025-03-13", last_published="2025-03-14T17:30:00+00:00")
    store.set_story_analysis(old, "old-key", story)
    (again,) = store.stories()
    assert (again.first_published, again.last_published) == ("2025-03-13", "2025-03-14")


def saved_index(store: Store) -> tuple[int | None, SavedState | None]:
    """What a clusterer finds under the story lock: the generation and the loaded state."""
    found: list[tuple[int | None, SavedState | None]] = []

    def cluster(saved: SavedIndex, clustered: Callable[[Sequence[str]], set[str]]) -> None:
        found.append((saved.generation, saved.load() if saved.generation is not None else None))

    store.add([], cluster=cluster)
    return found[0]


def test_a_batch_without_a_snapshot_moves_the_generation_and_joins_the_tail(store: Store) -> None:
    snapshot = {"version": 2, "arrivals": 1}
    put(store, [A], opened(A), state=snapshot)
    assert store.story_index_generation() == 1
    store.add(
        [(B, make_analysis(B)), (C, make_analysis(C))],
        "model-x",
        stories=StoryBatch((joined(B, S_A), opened(C)), (B.id, C.id), None),
    )
    assert store.story_index_generation() == 2
    assert store.story_index_state() == snapshot  # kept: B and C are its tail
    assert saved_index(store) == (2, SavedState(snapshot, ((B, make_analysis(B)), (C, make_analysis(C)))))


def test_the_first_story_batch_must_carry_a_snapshot(store: Store) -> None:
    with pytest.raises(ValueError, match="must carry"):
        store.add([(A, make_analysis(A))], "model-x", stories=StoryBatch((opened(A),), (A.id,), None))
    assert store.count() == 0 and store.story_index_generation() is None
