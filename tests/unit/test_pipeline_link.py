"""The cross-article stage as one call, and the timings it reports for ``make bench``."""

from __future__ import annotations

from newsprism.pipeline import link_story
from newsprism.records import Article, ArticleAnalysis

STEPS = [
    "refine_publication_dates",
    "canonicalise",
    "link_quotes",
    "find_origins",
    "group_quotes",
    "group_speakers",
    "build_claims",
    "build_timeline",
    "summarize",
    "source_notes",
]
TEXTS = {
    "a": "The Teresk Dam on the Velna River failed before dawn on Thursday morning.",
    "b": "Engineers said the Teresk Dam on the Velna River failed before dawn on Thursday.",
}


def test_every_step_reports_its_time_once_in_order_and_the_story_is_the_same() -> None:
    articles = [Article(id=k, source=k, title="", text=t) for k, t in TEXTS.items()]
    analyses = [ArticleAnalysis(article=k, sentences=((0, len(t)),)) for k, t in TEXTS.items()]
    seen: list[tuple[str, float]] = []

    timed = link_story(articles, analyses, on_step=lambda name, seconds: seen.append((name, seconds)))

    assert [name for name, _ in seen] == STEPS
    assert all(seconds >= 0 for _, seconds in seen)
    assert timed == link_story(articles, analyses)
    assert [s.text for s in timed.summary]  # the steps' outputs reach the story
