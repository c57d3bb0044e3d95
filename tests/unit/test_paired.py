"""The one join of articles with their analyses (``records.paired``) and the one rule for the
date an article reports (``records.effective_published``)."""

from __future__ import annotations

import dataclasses

import pytest

from newsprism.records import Article, ArticleAnalysis, Paired, Published, effective_published, paired

METADATA = Published("2024-03-01", "metadata")
INFERRED = Published("2024-02-28", "inferred", 0.8, ("Wednesday",))


def article(aid: str, published: Published | None = None) -> Article:
    return Article(aid, f"{aid}.txt", aid.upper(), f"Text of {aid}.", published=published or Published())


def analysis(aid: str, published: Published | None = None) -> ArticleAnalysis:
    return ArticleAnalysis(aid, sentences=((0, 5),), published=published)


def test_each_article_is_paired_with_its_analysis_by_id_in_article_order() -> None:
    articles = [article("b"), article("a"), article("c")]
    pairs = paired(articles, [analysis("c"), analysis("a"), analysis("b")])
    assert [(p.order, p.article.id, p.analysis.article) for p in pairs] == [
        (0, "b", "b"),
        (1, "a", "a"),
        (2, "c", "c"),
    ]


def test_an_article_without_an_analysis_is_left_out_but_keeps_the_others_positions() -> None:
    pairs = paired([article("a"), article("b"), article("c")], [analysis("a"), analysis("c")])
    assert [(p.order, p.article.id) for p in pairs] == [(0, "a"), (2, "c")]


def test_unanalysed_pairs_an_article_without_an_analysis_with_an_empty_one() -> None:
    pairs = paired([article("a"), article("b")], [analysis("a")], unanalysed=True)
    assert [p.analysis for p in pairs] == [analysis("a"), ArticleAnalysis("b")]


def test_an_analysis_of_no_listed_article_is_never_paired() -> None:
    assert [p.article.id for p in paired([article("a")], [analysis("a"), analysis("stray")])] == ["a"]


def test_a_pair_is_a_frozen_record() -> None:
    pair = paired([article("a")], [analysis("a")])[0]
    assert isinstance(pair, Paired)
    with pytest.raises(dataclasses.FrozenInstanceError):
        pair.order = 3  # type: ignore[misc]


def test_the_metadata_date_wins_over_the_inferred_one() -> None:
    assert effective_published(article("a", METADATA), analysis("a", INFERRED)) == METADATA


def test_without_a_metadata_date_the_inferred_one_is_reported() -> None:
    assert effective_published(article("a"), analysis("a", INFERRED)) == INFERRED


def test_without_either_date_the_article_is_undated() -> None:
    assert effective_published(article("a"), None).value is None
    assert effective_published(article("a"), analysis("a")).value is None


def test_a_pair_reports_the_effective_date() -> None:
    dated, undated = paired(
        [article("a", METADATA), article("b")], [analysis("a", INFERRED), analysis("b", INFERRED)]
    )
    assert (dated.published, undated.published) == (METADATA, INFERRED)
