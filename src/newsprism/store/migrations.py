"""Versioned, named schema migrations.

A migration is ``(version, name, apply)``; ``apply(conn)`` runs inside its own transaction and is
recorded in ``schema_migrations`` in that same transaction, so a migration is either fully applied
and recorded or not at all. Opening a store applies every pending migration in version order.

Migrations are frozen history: never edit one that has shipped. Migration 1 therefore declares
its own copy of the version-1 tables rather than using :mod:`.schema`; later changes go in new
migrations (and in :mod:`.schema`, which must always describe the result of all of them).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError, OperationalError

from ..errors import StoreError
from .engine import lock, one_line, read_transaction, write_transaction
from .schema import ARTICLES_FTS, ARTICLES_TSV, PG_SEARCH_CONFIG, SKIPS_UNIQUE, schema_migrations

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema change: ``apply`` gets a connection inside the migration's transaction."""

    version: int
    name: str
    apply: Callable[[Connection], None]


def _v1_initial(conn: Connection) -> None:
    """articles, analyses, skips; on SQLite also an FTS5 index on title + text (when available)."""
    md = MetaData()
    json = JSON().with_variant(postgresql.JSONB(), "postgresql")
    Table(
        "articles",
        md,
        Column("id", Text, primary_key=True),
        Column("source", Text, nullable=False),
        Column("title", Text, nullable=False),
        Column("outlet", Text),
        Column("url", Text),
        Column("language", Text, nullable=False),
        Column("text", Text, nullable=False),
        Column("published_value", Text),
        Column("published_how", String(16), nullable=False),
        Column("published_confidence", Float),
        Column("published_evidence", json, nullable=False),
        Column("removed", json, nullable=False),
        Column("added_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "analyses",
        md,
        Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        Column("model", Text),
        Column("data", json, nullable=False),
        Column("added_at", DateTime(timezone=True), nullable=False),
    )
    Table(
        "skips",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("source", Text, nullable=False),
        Column("reason", Text, nullable=False),
        Column("at", DateTime(timezone=True), nullable=False),
    )
    md.create_all(conn, checkfirst=False)
    if conn.dialect.name == "sqlite":
        _sqlite_fts(conn)


def _sqlite_fts(conn: Connection) -> None:
    """An FTS5 table mirroring articles' title and text, kept in sync by triggers."""
    try:
        with conn.begin_nested():
            conn.exec_driver_sql(
                f"CREATE VIRTUAL TABLE {ARTICLES_FTS} USING fts5("
                "id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2')"
            )
    except OperationalError as exc:  # e.g. "no such module: fts5"
        log.warning("full-text search unavailable, search() falls back to LIKE: %s", exc.orig)
        return
    conn.exec_driver_sql(
        f"CREATE TRIGGER {ARTICLES_FTS}_ai AFTER INSERT ON articles BEGIN "
        f"INSERT INTO {ARTICLES_FTS}(id, title, text) VALUES (new.id, new.title, new.text); END"
    )
    conn.exec_driver_sql(
        f"CREATE TRIGGER {ARTICLES_FTS}_ad AFTER DELETE ON articles BEGIN "
        f"DELETE FROM {ARTICLES_FTS} WHERE id = old.id; END"
    )
    conn.exec_driver_sql(
        f"CREATE TRIGGER {ARTICLES_FTS}_au AFTER UPDATE OF id, title, text ON articles BEGIN "
        f"UPDATE {ARTICLES_FTS} SET id = new.id, title = new.title, text = new.text WHERE id = old.id; END"
    )


def _v2_unique_skips(conn: Connection) -> None:
    """skips: one row per (source, reason), the first recorded. Version 1 recorded the skips of
    every re-ingest of the same inputs again; the unique index lets the store ignore repeats."""
    conn.exec_driver_sql(
        "DELETE FROM skips WHERE id NOT IN (SELECT MIN(id) FROM skips GROUP BY source, reason)"
    )
    conn.exec_driver_sql(f"CREATE UNIQUE INDEX {SKIPS_UNIQUE} ON skips (source, reason)")


def _v3_article_notes(conn: Connection) -> None:
    """articles.cut_from (the text's length before a max_chars cut) and articles.notes (one line
    each on how the article was read); existing rows were never cut and have no notes."""
    json = "JSONB" if conn.dialect.name == "postgresql" else "JSON"
    conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN cut_from INTEGER")
    conn.exec_driver_sql(f"ALTER TABLE articles ADD COLUMN notes {json} NOT NULL DEFAULT '[]'")


def _v4_stories(conn: Connection) -> None:
    """story_articles (each clustered article's story and the assignment's explanation),
    stories (the linked analysis of each, under a key), story_aliases (merges) and story_index
    (the clusterer's saved state). Existing articles are clustered by the next ingest (it finds
    no saved state), so nothing here depends on the clusterer."""
    md = MetaData()
    json = JSON().with_variant(postgresql.JSONB(), "postgresql")
    stamp = DateTime(timezone=True)
    articles = Table("articles", md, Column("id", Text, primary_key=True))  # exists: referenced only
    story_articles = Table(
        "story_articles",
        md,
        Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        Column("story_id", Text, nullable=False),
        Column("assigned_to", Text, nullable=False),
        Column("position", Integer, nullable=False),
        Column("arrival", Integer, nullable=False),
        Column("similarity", Float, nullable=False),
        Column("new_story", Boolean, nullable=False),
        Column("shared_terms", json, nullable=False),
        Column("shared_entities", json, nullable=False),
        Column("merged", json, nullable=False),
        Column("added_at", stamp, nullable=False),
    )
    Index("ix_story_articles_story", story_articles.c.story_id, story_articles.c.position)
    stories = Table(
        "stories",
        md,
        Column("id", Text, primary_key=True),
        Column("title", Text),
        Column("articles", Integer, nullable=False),
        Column("outlets", json, nullable=False),
        Column("origins", Integer),
        Column("first_published", Text),
        Column("last_published", Text),
        Column("analysis_key", Text),
        Column("analysis", json),
        Column("analyzed_at", stamp),
    )
    Index("ix_stories_analysis_key", stories.c.analysis_key)
    Index("ix_stories_last_published", stories.c.last_published)
    Table(
        "story_aliases",
        md,
        Column("story_id", Text, primary_key=True),
        Column("merged_into", Text, nullable=False),
        Column("by_article", Text, nullable=False),
    )
    Table(
        "story_index",
        md,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("state", json, nullable=False),
        Column("updated_at", stamp, nullable=False),
    )
    md.create_all(conn, tables=[t for t in md.sorted_tables if t is not articles], checkfirst=False)


def _v5_postgresql(conn: Connection) -> None:
    """PostgreSQL: full-text search with its own machinery (SQLite has had FTS5 since version 1),
    and ``story_index.state`` as ``json``, which keeps the saved text (JSONB sorts object keys).

    A text search configuration (:data:`PG_SEARCH_CONFIG`: ``simple`` with accents folded by
    ``unaccent``), a generated, stored ``tsvector`` column (:data:`ARTICLES_TSV`; PostgreSQL
    keeps it current on every insert and update, no trigger) and a GIN index on it. The
    ``unaccent`` extension is created when missing; a role that may not create it (or a server
    without it) gets search without accent folding, with a warning, as SQLite without FTS5 gets
    LIKE. The trap: a generated column needs an immutable expression, and ``unaccent()`` is
    not; used as a dictionary inside the configuration, the fold happens within ``to_tsvector``,
    which is."""
    if conn.dialect.name != "postgresql":
        return
    dictionary = _pg_unaccent(conn)
    conn.exec_driver_sql(f"CREATE TEXT SEARCH CONFIGURATION {PG_SEARCH_CONFIG} (COPY = pg_catalog.simple)")
    if dictionary is not None:
        conn.exec_driver_sql(
            f"ALTER TEXT SEARCH CONFIGURATION {PG_SEARCH_CONFIG} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH {dictionary}, pg_catalog.simple"
        )
    config = f"'{PG_SEARCH_CONFIG}'::regconfig"
    conn.exec_driver_sql(
        f"ALTER TABLE articles ADD COLUMN {ARTICLES_TSV} tsvector GENERATED ALWAYS AS ("
        f"setweight(to_tsvector({config}, title), 'A') || setweight(to_tsvector({config}, text), 'B')"
        ") STORED"
    )
    conn.exec_driver_sql(f"CREATE INDEX ix_articles_{ARTICLES_TSV} ON articles USING GIN ({ARTICLES_TSV})")
    # JSONB reorders object keys; the clusterer's state must come back in the order it was saved
    # (a restored index assigns exactly as the one that kept running only then): plain json.
    conn.exec_driver_sql("ALTER TABLE story_index ALTER COLUMN state TYPE json USING state::json")


def _v6_story_generation(conn: Connection) -> None:
    """``story_index.generation``: an integer every stored batch moves on, so a writer learns
    whether another one clustered since its last batch by comparing it, not the multi-MB state.
    An existing state starts at 0 with an empty tail (it was saved with every batch)."""
    conn.exec_driver_sql("ALTER TABLE story_index ADD COLUMN generation INTEGER NOT NULL DEFAULT 0")


def _pg_unaccent(conn: Connection) -> str | None:
    """The schema-qualified ``unaccent`` dictionary, the extension created when missing; ``None``
    (and a warning) when it cannot be had."""
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    except DBAPIError as exc:
        log.warning("PostgreSQL search folds no accents: cannot create extension unaccent: %s", one_line(exc))
        return None
    schema = conn.scalar(
        text(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'unaccent'"
        )
    )
    return f'"{schema}".unaccent'


#: Every migration, in version order. Append only.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial: articles, analyses, skips, fts", _v1_initial),
    Migration(2, "skips: unique (source, reason)", _v2_unique_skips),
    Migration(3, "articles: cut_from and notes", _v3_article_notes),
    Migration(4, "stories: assignments, analyses, aliases, clusterer state", _v4_stories),
    Migration(5, "postgresql: full-text search (tsvector, GIN), story state as json", _v5_postgresql),
    Migration(6, "story_index: generation (the clusterer's change check)", _v6_story_generation),
)


def check_migrations(migrations: Sequence[Migration]) -> None:
    """Versions must be 1, 2, 3, ... in order (a gap or a reorder is a programming error)."""
    versions = [m.version for m in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise ValueError(f"migration versions must be 1..n in order, got {versions}")


def applied_versions(conn: Connection) -> dict[int, str]:
    """Version -> name of every migration recorded in the database (empty before bootstrap)."""
    if not inspect(conn).has_table(schema_migrations.name):
        return {}
    rows = conn.execute(select(schema_migrations.c.version, schema_migrations.c.name))
    return {version: name for version, name in rows}


def migrate(engine: Engine, migrations: Sequence[Migration] = MIGRATIONS) -> list[Migration]:
    """Apply the pending ``migrations``, each in its own transaction; return those applied.

    Raises :class:`StoreError` when the database records a version newer than ``migrations``
    knows (it was written by a newer newsprism), or when a migration fails.
    """
    check_migrations(migrations)
    known = len(migrations)
    with read_transaction(engine) as conn:
        current = max(applied_versions(conn), default=0)
    if current > known:
        raise StoreError(
            f"database schema version {current} is newer than this newsprism knows ({known}); "
            "upgrade newsprism"
        )
    applied: list[Migration] = []
    for migration in migrations[current:]:
        with write_transaction(engine) as conn:
            lock(conn, "migrations")  # two processes opening a new database: one migrates
            schema_migrations.create(conn, checkfirst=True)
            if migration.version in applied_versions(conn):
                continue  # another process applied it meanwhile
            try:
                migration.apply(conn)
            except Exception as exc:
                raise StoreError(
                    f"migration {migration.version} ({migration.name}) failed: {one_line(exc)}"
                ) from exc
            conn.execute(
                insert(schema_migrations).values(
                    version=migration.version, name=migration.name, applied_at=datetime.now(UTC)
                )
            )
        log.info("applied migration %d: %s", migration.version, migration.name)
        applied.append(migration)
    return applied
