"""An analysed article as the clusterer sees it: its date, title, text and entity keys."""

from __future__ import annotations

from datetime import date, datetime

from newsprism.records import Article, ArticleAnalysis, Mention, Published, Span
from newsprism.stories import item_of


def article(text: str, published: str | None = None, title: str = "Dam bursts") -> Article:
    return Article(
        "a1", "a.txt", title, text, published=Published(published, "metadata" if published else "unknown")
    )


def mention(text: str, label: str) -> Mention:
    return Mention(Span("a1", 0, len(text)), text, label)


def test_a_person_is_keyed_by_surname_so_a_later_bare_surname_meets_the_full_name() -> None:
    analysis = ArticleAnalysis(
        "a1", mentions=(mention("Rachel Reeves", "PERSON"), mention("Ms Reeves", "PERSON"))
    )
    (key,) = item_of(article("text"), analysis).entities  # one key for both mentions
    assert key.startswith("p:re") and "rachel" not in key


def test_places_and_organisations_are_folded_and_dates_and_figures_are_not_entities() -> None:
    analysis = ArticleAnalysis(
        "a1",
        mentions=(
            mention("the Interior Ministry", "ORG"),
            mention("Velna", "GPE"),
            mention("Friday", "DATE"),
            mention("11", "CARDINAL"),
        ),
    )
    assert item_of(article("text"), analysis).entities == ("interior ministry", "velna")


def test_the_publication_time_is_the_metadata_date_only() -> None:
    """An inferred date is a guess from the years and weekdays the text mentions (real articles
    read years off: a follow-up dated 2020 beside its story's 2022); as an arrival time it would
    close the story on it, so the clusterer takes the article as undated instead."""
    assert item_of(article("t", "2025-03-14"), ArticleAnalysis("a1")).published == date(2025, 3, 14)
    dated = item_of(article("t", "2025-03-14T07:30:00+01:00"), None).published
    assert isinstance(dated, datetime) and dated.hour == 7
    inferred = ArticleAnalysis("a1", published=Published("2025-03-15", "inferred", 0.8))
    assert item_of(article("t"), inferred).published is None
    assert item_of(article("t", "not a date"), None).published is None


def test_an_unanalysed_article_falls_back_on_capitalised_runs() -> None:
    item = item_of(article("The Velna Valley flooded after the Teresk Dam burst."), None)
    assert any("velna" in e for e in item.entities) and any("teresk" in e for e in item.entities)
    assert item.title == "Dam bursts" and item.article_id == "a1"
