"""The cross-article stage as one call, and the timings it reports for ``make bench``."""

from __future__ import annotations

from newsprism.link import link_story
from newsprism.link.timing import step_timer, timed
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

    with step_timer(lambda name, seconds: seen.append((name, seconds))):
        timed_story = link_story(articles, analyses)

    assert [name for name, _ in seen] == STEPS
    assert all(seconds >= 0 for _, seconds in seen)
    assert timed_story == link_story(articles, analyses)
    assert [s.text for s in timed_story.summary]  # the steps' outputs reach the story


def double(x: int) -> int:
    return 2 * x


def test_a_timed_step_reports_under_its_own_name_only_while_a_timer_listens() -> None:
    seen: list[str] = []
    step = timed(double)

    assert step(2) == 4  # no timer: nothing reported, nothing fails
    with step_timer(lambda name, _: seen.append(name)):
        assert step(3) == 6
        with step_timer(lambda name, _: seen.append("inner " + name)):
            step(1)
        step(4)
    step(5)

    assert seen == ["double", "inner double", "double"]
    assert step.__name__ == "double"
