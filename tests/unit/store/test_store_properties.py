"""Properties of the store: what goes in comes back equal, and adding twice changes nothing, on
SQLite and on PostgreSQL (one database per test, emptied after each example)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.records import Article, ArticleAnalysis, Published, Quality, RemovedLine
from newsprism.store import SqlStore, Store, open_store
from newsprism.store.schema import metadata

#: No NUL: PostgreSQL stores no U+0000 in text or JSONB (the write fails with a StoreError), and
#: ingest never hands one over (sniff skips inputs with NUL bytes as binary).
texts_alphabet = st.characters(codec="utf-8", exclude_characters="\x00")
texts = st.text(texts_alphabet, max_size=30)
optional_texts = st.none() | texts

published = st.builds(
    Published,
    value=st.none() | st.sampled_from(["2024-05-16", "2024-05-16T09:30:00+03:00", "2023-12-31"]) | texts,
    how=st.sampled_from(["metadata", "inferred", "unknown"]),
    confidence=st.none() | st.floats(min_value=0, max_value=1),
    evidence=st.lists(texts, max_size=3).map(tuple),
)

removed_lines = st.builds(RemovedLine, line=texts, reason=texts, lineno=st.integers(0, 10_000))

article_list = st.lists(
    st.builds(
        Article,
        id=st.text(texts_alphabet, min_size=1, max_size=6),  # short: collisions exercise "already present"
        source=texts,
        title=texts,
        text=texts,
        outlet=optional_texts,
        url=optional_texts,
        language=st.sampled_from(["en", "de", "pt-BR"]),
        published=published,
        removed=st.lists(removed_lines, max_size=2).map(tuple),
    ),
    max_size=8,
)


def first_per_id(articles: list[Article]) -> dict[str, Article]:
    kept: dict[str, Article] = {}
    for article in articles:
        kept.setdefault(article.id, article)
    return kept


def order_key(article: Article) -> tuple[bool, str, str]:
    return (article.published.value is None, article.published.value or "", article.id)


@contextmanager
def emptied(url: str) -> Iterator[Store]:
    """The store at ``url``, every table emptied on exit (one example's rows never meet the next's)."""
    with open_store(url) as store:
        try:
            yield store
        finally:
            assert isinstance(store, SqlStore)
            with store.engine.begin() as conn:
                for table in reversed(metadata.sorted_tables):
                    if table.name != "schema_migrations":
                        conn.execute(table.delete())


SLOW_FIXTURES = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


@settings(max_examples=40, deadline=None, suppress_health_check=SLOW_FIXTURES)
@given(article_list)
def test_stored_articles_come_back_equal_in_order(db_url: str, articles: list[Article]) -> None:
    with emptied(db_url) as store:
        result = store.add([(a, None) for a in articles])
        expected = first_per_id(articles)
        assert (result.added, result.present) == (len(expected), len(articles) - len(expected))
        assert store.articles() == sorted(expected.values(), key=order_key)
        assert all(store.get(article_id) == article for article_id, article in expected.items())


@settings(max_examples=25, deadline=None, suppress_health_check=SLOW_FIXTURES)
@given(article_list, st.floats(0, 1), st.none() | texts)
def test_adding_twice_is_idempotent(
    db_url: str, articles: list[Article], score: float, model: str | None
) -> None:
    batch = [(a, ArticleAnalysis(article=a.id, quality=Quality(score=score))) for a in articles]
    with emptied(db_url) as store:
        store.add(batch, model)
        listed = store.articles()
        stored = {a.id: store.analysis(a.id) for a in listed}
        again = store.add(batch, model)
        assert (again.added, again.present, again.analyses_added, again.analyses_replaced) == (
            0,
            len(batch),
            0,
            0,
        )
        assert store.articles() == listed
        assert {a.id: store.analysis(a.id) for a in listed} == stored
        assert store.count() == len(listed)
