"""Opening a store: URL checks, one-line errors, and versioned, named migrations (those taking
``db_url`` on SQLite and on PostgreSQL)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, inspect, text

from newsprism.errors import StoreError
from newsprism.records import Article, Skip
from newsprism.store import MIGRATIONS, Migration, SqlStore, open_store
from newsprism.store.engine import make_engine, parse_url
from newsprism.store.schema import ARTICLES_TSV, metadata

ARTICLE = Article(id="a1", source="a.txt", title="Title", text="Body")


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` run on the database at ``url``, outside the store."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql))]
    finally:
        engine.dispose()


def recorded(url: str) -> list[tuple[Any, ...]]:
    return query(url, "SELECT version, name FROM schema_migrations ORDER BY version")


def test_a_new_database_is_migrated_to_the_latest_version(db_url: str) -> None:
    open_store(db_url).close()
    assert recorded(db_url) == [(m.version, m.name) for m in MIGRATIONS]


def test_the_migrated_schema_matches_the_tables_the_store_queries(db_url: str) -> None:
    open_store(db_url).close()
    engine = make_engine(db_url)
    inspector = inspect(engine)
    for table in metadata.sorted_tables:
        columns = {c["name"]: c for c in inspector.get_columns(table.name)}
        if engine.dialect.name == "postgresql" and table.name == "articles":
            assert columns.pop(ARTICLES_TSV)["type"].__class__.__name__ == "TSVECTOR"
        assert list(columns) == [c.name for c in table.columns], table.name
        assert {name for name, c in columns.items() if c["nullable"]} == {
            c.name for c in table.columns if c.nullable
        }, table.name
    engine.dispose()


def add_note(conn: Connection) -> None:
    conn.execute(text("ALTER TABLE articles ADD COLUMN note TEXT"))
    conn.execute(text("UPDATE articles SET note = 'migrated'"))


NEXT = Migration(len(MIGRATIONS) + 1, "articles.note", add_note)


def test_a_database_is_upgraded_when_a_new_version_is_added(db_url: str) -> None:
    url = db_url
    with open_store(url) as store:
        store.add([(ARTICLE, None)])
    assert recorded(url) == [(m.version, m.name) for m in MIGRATIONS]

    with open_store(url, migrations=[*MIGRATIONS, NEXT]) as store:
        assert store.articles() == [ARTICLE]  # data kept, and the store reads the upgraded table
    assert recorded(url)[-1] == (NEXT.version, "articles.note")
    assert query(url, "SELECT note FROM articles") == [("migrated",)]


def test_articles_stored_before_version_2_read_back_uncut_and_without_notes(db_url: str) -> None:
    url = db_url
    open_store(url, migrations=MIGRATIONS[:1]).close()  # as an older newsprism left it
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO articles (id, source, title, language, text, published_how, published_evidence,"
            " removed, added_at) VALUES ('a1', 'a.txt', 'Title', 'en', 'Body', 'unknown', '[]', '[]',"
            " '2024-01-01 00:00:00')"
        )
    engine.dispose()
    with open_store(url) as store:
        (article,) = store.articles()
        assert (article.cut_from, article.notes) == (None, ())
        cut = replace(ARTICLE, id="a2", cut_from=2_000_000, notes=("cut from 2,000,000 to 999 characters",))
        store.add([(cut, None)])
        assert cut in store.articles()


def test_applied_migrations_are_not_applied_again(db_url: str) -> None:
    calls: list[int] = []
    counting = Migration(NEXT.version, "count", lambda conn: calls.append(NEXT.version))
    url = db_url
    open_store(url, migrations=[*MIGRATIONS, counting]).close()
    open_store(url, migrations=[*MIGRATIONS, counting]).close()
    assert calls == [NEXT.version]


def test_a_failing_migration_is_rolled_back_and_not_recorded(db_url: str) -> None:
    def half_done(conn: Connection) -> None:
        conn.execute(text("CREATE TABLE half (x INTEGER)"))
        raise RuntimeError("disk on fire")

    url = db_url
    open_store(url, migrations=MIGRATIONS[:1]).close()
    with pytest.raises(StoreError, match=r"migration 2 \(half\) failed: disk on fire"):
        open_store(url, migrations=[*MIGRATIONS[:1], Migration(2, "half", half_done)])
    assert recorded(url) == [(1, MIGRATIONS[0].name)]
    engine = make_engine(url)
    assert not inspect(engine).has_table("half")
    engine.dispose()


def test_a_database_newer_than_the_code_is_refused(db_url: str) -> None:
    url = db_url
    open_store(url, migrations=[*MIGRATIONS, NEXT]).close()
    newer = f"schema version {NEXT.version} is newer than this newsprism knows \\({len(MIGRATIONS)}\\)"
    with pytest.raises(StoreError, match=newer):
        open_store(url, migrations=MIGRATIONS)


@pytest.mark.parametrize("versions", [[2], [1, 3], [2, 1]])
def test_migration_versions_must_be_consecutive_from_1(tmp_path: Path, versions: list[int]) -> None:
    migrations = [Migration(v, f"m{v}", lambda conn: None) for v in versions]
    with pytest.raises(ValueError, match=r"1\.\.n"):
        open_store(f"sqlite:///{tmp_path / 'news.db'}", migrations=migrations)


def test_without_fts5_the_store_still_opens_and_searches(tmp_path: Path) -> None:
    def v1_without_fts(conn: Connection) -> None:
        MIGRATIONS[0].apply(conn)
        conn.execute(text("DROP TABLE articles_fts"))
        for suffix in ("ai", "ad", "au"):
            conn.execute(text(f"DROP TRIGGER articles_fts_{suffix}"))

    with open_store(
        f"sqlite:///{tmp_path / 'news.db'}", migrations=[Migration(1, "v1", v1_without_fts), *MIGRATIONS[1:]]
    ) as store:
        assert isinstance(store, SqlStore)
        store.add([(ARTICLE, None)])
        assert store.search("body") == [ARTICLE]


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg"])
def test_a_postgresql_url_without_a_driver_means_psycopg_3(scheme: str) -> None:
    assert parse_url(f"{scheme}://user@host:5433/news").drivername == "postgresql+psycopg"


def test_a_plain_postgresql_url_opens_the_store(db_url: str) -> None:
    plain = db_url.replace("postgresql+psycopg://", "postgresql://")
    with open_store(plain) as store:
        store.add([(ARTICLE, None)])
        assert store.articles() == [ARTICLE]


# --- errors are one-line StoreErrors ---------------------------------------------------------------


def corrupt(tmp_path: Path) -> str:
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"this is not a database\n" * 200)
    return f"sqlite:///{path}"


def foreign(tmp_path: Path) -> str:
    path = tmp_path / "foreign.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE articles (whatever TEXT)")
    return f"sqlite:///{path}"


@pytest.mark.parametrize(
    ("make_url", "message"),
    [
        (lambda tmp: "not a url", "bad database URL"),
        (lambda tmp: "mysql://user@host/db", "unsupported database 'mysql'"),
        (lambda tmp: f"sqlite:///{tmp / 'missing' / 'dir' / 'news.db'}", "unable to open database file"),
        (corrupt, "file is not a database"),
        (foreign, "already exists"),
        (lambda tmp: "postgresql+psycopg://user:secret@127.0.0.1:1/db", "cannot (use|open) database"),
    ],
    ids=["garbage", "unsupported", "unreachable", "corrupt", "foreign", "postgres-down"],
)
def test_unusable_databases_raise_a_one_line_store_error(
    tmp_path: Path, make_url: object, message: str
) -> None:
    assert callable(make_url)
    with pytest.raises(StoreError, match=message) as caught:
        open_store(make_url(tmp_path))
    assert "\n" not in str(caught.value)
    assert "secret" not in str(caught.value)


def test_a_locked_database_raises_a_store_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsprism.store import engine

    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT", 0.05)
    path = tmp_path / "news.db"
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StoreError, match="locked"):
            open_store(f"sqlite:///{path}")
    finally:
        other.close()


def test_a_failed_first_migration_leaves_a_foreign_database_untouched(tmp_path: Path) -> None:
    url = foreign(tmp_path)
    with pytest.raises(StoreError):
        open_store(url)
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        assert conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall() == [
            ("articles",)
        ]


def test_opening_an_up_to_date_database_does_not_wait_for_a_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsprism.store import engine

    path = tmp_path / "news.db"
    open_store(f"sqlite:///{path}").close()
    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT", 0.05)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with open_store(f"sqlite:///{path}") as store:
            assert store.count() == 0
    finally:
        other.close()


def test_version_2_keeps_one_row_per_repeated_skip(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    url = f"sqlite:///{path}"
    open_store(url, migrations=MIGRATIONS[:1]).close()
    with sqlite3.connect(path) as conn:
        for i in range(3):  # version 1 recorded the skips of every re-ingest again
            conn.executemany(
                "INSERT INTO skips (source, reason, at) VALUES (?, ?, ?)",
                [("empty.txt", "no text", f"2026-01-0{i + 1}"), ("a.bin", "binary", f"2026-01-0{i + 1}")],
            )
    with open_store(url) as store:
        assert [skip for skip, _ in store.skips()] == [Skip("empty.txt", "no text"), Skip("a.bin", "binary")]
        store.add_skips([Skip("a.bin", "binary")])
        assert len(store.skips()) == 2
