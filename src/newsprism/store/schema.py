"""The current database schema as SQLAlchemy Core tables, used by the store's queries.

The tables are *created* by the migrations in :mod:`newsprism.store.migrations`, never from this
module; a unit test checks that a freshly migrated database has exactly these tables and columns.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects import postgresql

metadata = MetaData()

#: JSON on every dialect, JSONB (indexable, compact) on PostgreSQL.
Json = JSON().with_variant(postgresql.JSONB(), "postgresql")

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles",
    metadata,
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
    Column("published_evidence", Json, nullable=False),
    Column("removed", Json, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("cut_from", Integer),
    Column("notes", Json, nullable=False, server_default="[]"),
)

analyses = Table(
    "analyses",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("model", Text),
    Column("data", Json, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

skips = Table(
    "skips",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

#: One row per skipped input and reason (migration 2): re-ingesting records nothing again.
SKIPS_UNIQUE = "uq_skips_source_reason"
Index(SKIPS_UNIQUE, skips.c.source, skips.c.reason, unique=True)

#: SQLite only: the FTS5 index over articles' title and text (absent when FTS5 is unavailable).
ARTICLES_FTS = "articles_fts"
