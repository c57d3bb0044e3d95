"""The current database schema as SQLAlchemy Core tables, used by the store's queries.

The tables are *created* by the migrations in :mod:`newsprism.store.migrations`, never from this
module; a unit test checks that a freshly migrated database has exactly these tables and columns.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
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

#: PostgreSQL only (migration 5): the generated ``tsvector`` column of ``articles`` (title weighted
#: A, text B) with a GIN index, made with the text search configuration :data:`PG_SEARCH_CONFIG`.
#: Not a column of :data:`articles` below: SQLite has no such column, and no query selects it.
ARTICLES_TSV = "search_vector"

#: PostgreSQL only: the text search configuration of :data:`ARTICLES_TSV` and of search queries:
#: ``simple`` (every word a lexeme, no stemming, no stop words: the FTS5 ``unicode61`` tokenizer's
#: behaviour) with accents folded by the ``unaccent`` dictionary when that extension can be had.
PG_SEARCH_CONFIG = "newsprism_search"

# --- stories (migration 4) -----------------------------------------------------------------------

story_articles = Table(
    "story_articles",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", Text, nullable=False),
    Column("assigned_to", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("arrival", Integer, nullable=False),
    Column("similarity", Float, nullable=False),
    Column("new_story", Boolean, nullable=False),
    Column("shared_terms", Json, nullable=False),
    Column("shared_entities", Json, nullable=False),
    Column("merged", Json, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)
"""Each clustered article's story: ``story_id`` now (after merges), ``assigned_to`` when it
arrived, with the assignment's explanation; ``position`` is the ingest (input) order, the order
a story's analysis reads its articles in; ``arrival`` the order the clusterer saw them in."""
Index("ix_story_articles_story", story_articles.c.story_id, story_articles.c.position)

stories = Table(
    "stories",
    metadata,
    Column("id", Text, primary_key=True),
    Column("title", Text),
    Column("articles", Integer, nullable=False),
    Column("outlets", Json, nullable=False),
    Column("origins", Integer),
    Column("first_published", Text),
    Column("last_published", Text),
    Column("analysis_key", Text),
    Column("analysis", Json),
    Column("analyzed_at", DateTime(timezone=True)),
)
"""One row per current story. ``analysis`` is its linked analysis (the Story record) under
``analysis_key`` (a hash of its articles in order and the analysis settings); a story whose
membership changed has ``analysis_key`` NULL until it is analysed again."""
Index("ix_stories_analysis_key", stories.c.analysis_key)
Index("ix_stories_last_published", stories.c.last_published)

story_aliases = Table(
    "story_aliases",
    metadata,
    Column("story_id", Text, primary_key=True),
    Column("merged_into", Text, nullable=False),
    Column("by_article", Text, nullable=False),
)
"""A story merged into another (``merged_into`` is always a current story), and the article
that bridged them."""

story_index = Table(
    "story_index",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("state", JSON, nullable=False),  # json on PostgreSQL too: keys keep their order
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("generation", Integer, nullable=False, server_default="0"),
)
"""One row (id 1): the clusterer's last saved snapshot (:meth:`newsprism.stories.StoryIndex.snapshot`,
written every few batches) and ``generation``, moved on by every stored batch: a writer compares
it with the one it left instead of comparing the state (:class:`newsprism.store.SavedIndex`)."""
