"""Dates relative to a named event: one happening placed before the event and during it."""

from __future__ import annotations

import pytest

from newsprism.link.claims.relative import agree, relative_date_conflicts, relative_dates
from newsprism.records import Article, ArticleAnalysis, Mention, Span

Doc = tuple[str, str, str]  # article id, sentence, the EVENT mention in it


def build(*docs: Doc) -> tuple[list[Article], list[ArticleAnalysis]]:
    articles, analyses = [], []
    for aid, text, event in docs:
        start = text.index(event)
        mention = Mention(Span(aid, start, start + len(event)), event, "EVENT")
        articles.append(Article(id=aid, source=aid, title="", text=text))
        analyses.append(ArticleAnalysis(article=aid, sentences=((0, len(text)),), mentions=(mention,)))
    return articles, analyses


def conflicts(*docs: Doc, origin_of: dict[str, str] | None = None) -> list[list[str]]:
    articles, analyses = build(*docs)
    found = relative_date_conflicts(articles, analyses, {}, origin_of or {})
    assert all(c.kind == "date" and c.severity == "inconsistent_detail" for c in found)
    return [[v.value for v in c.values] for c in found]


BEFORE: Doc = ("a", "The two ministers last met ahead of the Harbour Games in Velna.", "the Harbour Games")
DURING: Doc = ("b", "The ministers met at the Harbour Games, officials said.", "the Harbour Games")
OPENING: Doc = ("c", "The ministers met on the opening day of the Harbour Games.", "the Harbour Games")


def test_a_meeting_before_the_games_and_at_the_games_conflict() -> None:
    assert conflicts(BEFORE, DURING) == [
        ["before: ahead of the Harbour Games", "during: at the Harbour Games"]
    ]


def test_every_disagreeing_source_joins_the_first_placement() -> None:
    (values,) = conflicts(BEFORE, DURING, OPENING)
    assert [v.split(":")[0] for v in values] == ["before", "during", "start"]


def test_the_opening_day_is_during_the_games() -> None:
    assert conflicts(DURING, OPENING) == []


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("start", "during", True),
        ("end", "during", True),
        ("before", "during", False),
        ("start", "end", False),
    ],
)
def test_which_relations_can_both_hold(a: str, b: str, ok: bool) -> None:
    assert agree(a, b) is ok


def test_different_happenings_around_one_event_do_not_conflict() -> None:
    tickets: Doc = ("b", "Ticket prices doubled at the Harbour Games.", "the Harbour Games")
    assert conflicts(BEFORE, tickets) == []


def test_copies_of_one_origin_never_conflict() -> None:
    assert conflicts(BEFORE, DURING, origin_of={"b": "a"}) == []


def test_the_happening_is_the_clause_before_the_relation() -> None:
    articles, analyses = build(
        ("a", "Despite the rain, the ministers met during the Harbour Games.", "the Harbour Games")
    )
    (found,) = relative_dates(articles, analyses, {})
    assert found.relation == "during"
    assert found.event == "the Harbour Games"
    assert "meet" in found.happening and "rain" not in found.happening


def test_a_short_and_a_long_name_of_one_event_share_an_anchor() -> None:
    articles, analyses = build(BEFORE, ("b", "The ministers met at the Games, officials said.", "the Games"))
    first, second = relative_dates(articles, analyses, {})
    assert first.anchor == second.anchor
