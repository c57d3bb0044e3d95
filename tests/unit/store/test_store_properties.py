"""Properties of the store: what goes in comes back equal, and adding twice changes nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.records import Article, ArticleAnalysis, Published, Quality, RemovedLine
from newsprism.store import open_store

texts = st.text(max_size=30)
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
        id=st.text(min_size=1, max_size=6),  # short: collisions exercise "already present"
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


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_list)
def test_stored_articles_come_back_equal_in_order(articles: list[Article]) -> None:
    with open_store("sqlite://") as store:
        result = store.add([(a, None) for a in articles])
        expected = first_per_id(articles)
        assert (result.added, result.present) == (len(expected), len(articles) - len(expected))
        assert store.articles() == sorted(expected.values(), key=order_key)
        assert all(store.get(article_id) == article for article_id, article in expected.items())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_list, st.floats(0, 1), st.none() | texts)
def test_adding_twice_is_idempotent(articles: list[Article], score: float, model: str | None) -> None:
    batch = [(a, ArticleAnalysis(article=a.id, quality=Quality(score=score))) for a in articles]
    with open_store("sqlite://") as store:
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
