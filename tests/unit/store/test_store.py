"""The store: idempotent ingest, one transaction per batch, ordered reads, skips and search.

Tests taking ``db_url`` or ``store`` run on SQLite and on PostgreSQL (tests/backends.py); the
others test SQLite's own settings."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, event, select, text
from sqlalchemy.exc import IntegrityError

from newsprism.errors import StoreError
from newsprism.records import Article, ArticleAnalysis, Mention, Published, RemovedLine, Skip, Span
from newsprism.store import SqlStore, Store, open_store
from newsprism.store import engine as store_engine
from newsprism.store.schema import analyses, articles, skips


def make_article(
    title: str, body: str = "Body text.", published: str | None = None, outlet: str = "Wire"
) -> Article:
    return Article(
        id=Article.make_id(title, body, outlet),
        source=f"{title}.txt",
        title=title,
        text=body,
        outlet=outlet,
        url=f"https://example.org/{title.replace(' ', '-')}",
        published=Published(value=published, how="metadata") if published else Published(),
        removed=(RemovedLine(line="Share this", reason="boilerplate", lineno=2),),
    )


def make_analysis(article: Article, score: float = 0.0) -> ArticleAnalysis:
    mention = Mention(span=Span(article.id, 0, 5), text=article.title[:5], label="PERSON")
    return ArticleAnalysis(article=article.id, sentences=((0, len(article.text)),), mentions=(mention,))


A = make_article("Putin visits China", "Trade between Russia and China rose.", "2024-05-16")
B = make_article("Summit ends", "The café closed early.", "2024-05-17")
C = make_article("Undated report", "No date here.")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as opened:
        yield opened


def sql_store(store: Store) -> SqlStore:
    assert isinstance(store, SqlStore)
    return store


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every data table, for "nothing changed" checks."""
    with sql_store(store).engine.connect() as conn:
        return {
            table.name: [tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key))]
            for table in (articles, analyses, skips)
        }


# --- add: counts and idempotence ---------------------------------------------------------------


def test_add_counts_new_and_already_present_articles(store: Store) -> None:
    first = store.add([(A, make_analysis(A)), (B, None)], model="m1")
    assert (first.added, first.present, first.analyses_added) == (2, 0, 1)
    second = store.add([(A, None), (C, None)], model="m1")
    assert (second.added, second.present, second.total) == (1, 1, 2)
    assert store.count() == 3


def test_re_ingesting_the_same_batch_adds_and_changes_nothing(store: Store) -> None:
    batch = [(A, make_analysis(A)), (B, None)]
    store.add(batch, model="m1")
    before = dump(store)
    result = store.add(batch, model="m1")
    assert (result.added, result.present, result.analyses_added, result.analyses_replaced) == (0, 2, 0, 0)
    assert dump(store) == before


def test_a_repeated_article_within_one_batch_is_stored_once(store: Store) -> None:
    result = store.add([(A, None), (A, None)])
    assert (result.added, result.present) == (1, 1)
    assert store.count() == 1


def test_an_article_already_stored_keeps_its_first_version(store: Store) -> None:
    store.add([(A, None)])
    store.add(
        [(Article(id=A.id, source="elsewhere.html", title=A.title, text=A.text, outlet=A.outlet), None)]
    )
    assert store.get(A.id) == A


def test_an_analysis_is_stored_when_given_for_an_article_that_had_none(store: Store) -> None:
    store.add([(A, None)])
    result = store.add([(A, make_analysis(A))], model="m1")
    assert (result.added, result.present, result.analyses_added) == (0, 1, 1)
    assert store.analysis(A.id) == make_analysis(A)


def test_no_analysis_never_removes_a_stored_one(store: Store) -> None:
    store.add([(A, make_analysis(A))], model="m1")
    store.add([(A, None)], model=None)
    assert store.analysis(A.id) == make_analysis(A)


def test_a_different_analysis_replaces_the_stored_one(store: Store) -> None:
    store.add([(A, make_analysis(A))], model="m1")
    newer = ArticleAnalysis(article=A.id, sentences=((0, 5), (6, 10)))
    result = store.add([(A, newer)], model="m2")
    assert (result.analyses_added, result.analyses_replaced) == (0, 1)
    assert store.analysis(A.id) == newer


def test_an_analysis_of_another_article_is_refused_before_anything_is_stored(store: Store) -> None:
    with pytest.raises(ValueError, match="paired with"):
        store.add([(B, None), (A, make_analysis(B))])
    assert store.count() == 0


def test_an_empty_batch_is_a_no_op(store: Store) -> None:
    assert store.add([]).total == 0
    assert store.count() == 0


# --- reads ---------------------------------------------------------------------------------------


def test_articles_are_ordered_by_published_then_id_with_unknown_dates_last(store: Store) -> None:
    same_day = [make_article(f"Same day {i}", published="2024-05-16") for i in range(4)]
    store.add([(C, None), (B, None), *((a, None) for a in same_day), (A, None)])
    listed = store.articles()
    expected = [*sorted([A, *same_day], key=lambda a: a.id), B, C]
    assert listed == expected


def test_stored_articles_come_back_equal(store: Store) -> None:
    store.add([(A, None), (B, None), (C, None)])
    assert store.get(A.id) == A
    assert set(store.articles()) == {A, B, C}


def test_unknown_ids_read_as_none(store: Store) -> None:
    store.add([(A, None)])
    assert store.get("nope") is None
    assert store.analysis("nope") is None
    assert store.analysis(A.id) is None


def test_known_returns_the_stored_subset_of_ids(store: Store) -> None:
    store.add([(A, None), (B, None)])
    assert store.known([A.id, C.id, B.id, A.id]) == {A.id, B.id}
    assert store.known([]) == set()


def test_analyzed_returns_the_subset_stored_with_an_analysis(store: Store) -> None:
    store.add([(A, make_analysis(A)), (B, None)], model="m1")
    assert store.analyzed([A.id, B.id, C.id]) == {A.id}


def test_data_persists_across_reopening(db_url: str) -> None:
    with open_store(db_url) as first:
        first.add([(A, make_analysis(A))], model="m1")
    with open_store(db_url) as again:
        assert again.articles() == [A]
        assert again.analysis(A.id) == make_analysis(A)


# --- skips ---------------------------------------------------------------------------------------


def test_skips_are_recorded_with_their_time(store: Store) -> None:
    before = datetime.now(UTC)
    store.add_skips([Skip("empty.txt", "no text"), Skip("huge.html", "larger than max_bytes")])
    store.add_skips([])
    recorded = store.skips()
    assert [skip for skip, _ in recorded] == [
        Skip("empty.txt", "no text"),
        Skip("huge.html", "larger than max_bytes"),
    ]
    assert all(before <= at <= datetime.now(UTC) for _, at in recorded)


def test_a_skip_already_recorded_is_not_recorded_again(store: Store) -> None:
    empty, huge = Skip("empty.txt", "no text"), Skip("huge.html", "larger than max_bytes")
    store.add_skips([empty, huge])
    first = store.skips()
    store.add_skips([huge, empty, empty])
    assert store.skips() == first  # same skips, first recorded time kept
    store.add_skips([Skip("empty.txt", "not UTF-8")])  # same input, another reason: a new skip
    assert [skip for skip, _ in store.skips()] == [empty, huge, Skip("empty.txt", "not UTF-8")]


# --- one transaction per batch -------------------------------------------------------------------


def fail_on_poison(conn: Connection) -> None:
    """A trigger that makes inserting an article titled "poison" fail, as a full disk would."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "CREATE TRIGGER fail BEFORE INSERT ON articles WHEN NEW.title = 'poison' "
            "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
        )
        return
    conn.exec_driver_sql(
        "CREATE FUNCTION fail_on_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF NEW.title = 'poison' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$"
    )
    conn.exec_driver_sql(
        "CREATE TRIGGER fail BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION fail_on_poison()"
    )


def test_a_database_error_mid_batch_leaves_the_previous_batch_and_nothing_of_this_one(db_url: str) -> None:
    poison = make_article("poison")
    with open_store(db_url) as store:
        store.add([(A, make_analysis(A)), (B, None)], model="m1")
        with sql_store(store).engine.begin() as conn:
            fail_on_poison(conn)
        second = [
            (C, make_analysis(C)),
            (make_article("fine"), None),
            (poison, None),
            (make_article("late"), None),
        ]
        with pytest.raises(StoreError, match="injected failure"):
            store.add(second, model="m1")
    with open_store(db_url) as reopened:
        assert set(reopened.articles()) == {A, B}
        assert reopened.analysis(A.id) == make_analysis(A)
        assert reopened.analysis(C.id) is None
        assert reopened.search("fine") == []


def test_a_crash_after_rows_were_inserted_rolls_the_whole_batch_back(db_url: str) -> None:
    with open_store(db_url) as store:
        store.add([(A, None)])
        engine = sql_store(store).engine

        def crash_after_article_insert(conn: Connection, cursor: Any, statement: str, *args: Any) -> None:
            if statement.startswith("INSERT INTO articles"):
                assert conn.execute(text("SELECT count(*) FROM articles")).scalar() == 3  # rows are in
                raise RuntimeError("process killed")

        event.listen(engine, "after_cursor_execute", crash_after_article_insert)
        with pytest.raises(RuntimeError, match="process killed"):
            store.add([(B, make_analysis(B)), (C, None)], model="m1")
        event.remove(engine, "after_cursor_execute", crash_after_article_insert)
        assert store.articles() == [A]
        assert store.analysis(B.id) is None
        assert store.add([(B, None)]).added == 1  # and the store is still usable


# --- search --------------------------------------------------------------------------------------


def test_search_uses_fts5_when_sqlite_has_it(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'news.db'}") as store, sql_store(store).engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM sqlite_master WHERE name = 'articles_fts'")).scalar()


@pytest.mark.parametrize("fts", [True, False], ids=["fts5", "like"])
def test_search_finds_articles_containing_every_word(store: Store, fts: bool) -> None:
    searchable = SqlStore(sql_store(store).engine, fts=fts)
    searchable.add([(A, None), (B, None), (C, None)])
    assert searchable.search("china") == [A]
    assert searchable.search("CHINA trade") == [A]
    assert searchable.search("china café") == []
    assert set(searchable.search("here")) == {C}
    assert searchable.search("   ") == []
    assert len(searchable.search("the", limit=1)) == 1


@pytest.mark.parametrize(
    "query", ['"', "a AND", "NEAR(", "%", "_", "*", "china-russia", "'; DROP TABLE articles"]
)
def test_search_treats_query_syntax_as_plain_text(store: Store, query: str) -> None:
    store.add([(A, None)])
    assert store.search(query) == []
    assert store.count() == 1


def test_search_ignores_accents_with_full_text_search(store: Store) -> None:
    store.add([(B, None)])
    assert store.search("cafe") == [B]


def test_search_rejects_a_non_positive_limit(store: Store) -> None:
    with pytest.raises(ValueError):
        store.search("x", limit=0)


# --- lifecycle and SQLite settings ---------------------------------------------------------------


def test_a_closed_store_refuses_to_work(db_url: str) -> None:
    store = open_store(db_url)
    with store:
        pass
    store.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        store.count()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'news.db'}") as store, sql_store(store).engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_an_analysis_without_its_article_is_refused_by_the_foreign_key(store: Store) -> None:
    with pytest.raises(IntegrityError, match=r"(?i)foreign key"), sql_store(store).engine.begin() as conn:
        conn.execute(
            analyses.insert().values(article_id="ghost", model=None, data={}, added_at=datetime.now(UTC))
        )


def test_a_write_while_another_writer_holds_the_lock_fails_with_a_store_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_engine, "SQLITE_BUSY_TIMEOUT", 0.05)
    path = tmp_path / "news.db"
    with open_store(f"sqlite:///{path}") as store:
        other = sqlite3.connect(path, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(StoreError, match="locked"):
                store.add([(A, None)])
            assert store.count() == 0  # readers are not blocked (WAL)
        finally:
            other.close()
        assert store.add([(A, None)]).added == 1


def test_in_memory_sqlite_works(tmp_path: Path) -> None:
    with open_store("sqlite://") as store:
        store.add([(A, None)])
        assert store.articles() == [A]


def test_set_published_changes_only_stored_articles_whose_date_differs(store: Store) -> None:
    store.add([(A, None), (C, None)])
    inferred = Published(value="2024-05-15", how="inferred", confidence=0.7, evidence=("dateline",))
    assert store.set_published([(C.id, inferred), (A.id, A.published), ("not-stored", inferred)]) == 1
    assert store.get(C.id) == replace(C, published=inferred)
    assert store.get(A.id) == A
    assert store.set_published([(C.id, inferred)]) == 0
