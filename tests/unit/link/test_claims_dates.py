"""Date conflicts: one event, incompatible dates, different origins."""

from __future__ import annotations

from newsprism.link.claims import build_claims
from newsprism.link.claims.dates import DatedEvent, compatible, date_conflicts, telling_date
from newsprism.link.sentences import SentenceUnit
from newsprism.records import Article, ArticleAnalysis, Span, TimeExpression
from newsprism.words import meaning_keys
from tests.story_actors import story_actors


def _event(article: str, order: int, text: str, date_words: str, value: str) -> DatedEvent:
    keys = frozenset(meaning_keys(text.replace(date_words, " ")))
    return DatedEvent(SentenceUnit(article, order, 0, len(text), text, keys), value, date_words)


def test_a_month_holds_its_days_and_a_week_its_days() -> None:
    assert compatible("2025-05", "2025-05-06")
    assert compatible("2025-W19", "2025-05-06")
    assert compatible("2025-05-05/2025-05-09", "2025-05-08")


def test_different_days_or_a_day_outside_the_month_are_incompatible() -> None:
    assert not compatible("2025-05-06", "2025-05-08")
    assert not compatible("2025-04", "2025-05-06")


def test_references_and_durations_never_disagree() -> None:
    assert compatible("PAST_REF", "2025-05-06")
    assert compatible("P3D", "2025-05-06")


def _meeting(day_words: str, value: str, article: str, order: int) -> DatedEvent:
    text = f"The river council of Marlow met the fishing cooperative {day_words} to settle the quota dispute."
    return _event(article, order, text, day_words, value)


def test_one_meeting_on_two_different_days_is_a_contradiction() -> None:
    events = [_meeting("on Tuesday", "2025-05-06", "a", 0), _meeting("on May 8", "2025-05-08", "b", 1)]
    (conflict,) = date_conflicts(events, {})
    assert conflict.kind == "date"
    assert conflict.severity == "contradiction"
    assert [v.value for v in conflict.values] == ["2025-05-06", "2025-05-08"]


def test_in_may_and_on_may_6_do_not_conflict() -> None:
    events = [_meeting("in May", "2025-05", "a", 0), _meeting("on May 6", "2025-05-06", "b", 1)]
    assert date_conflicts(events, {}) == []


def test_a_month_outside_the_day_is_an_inconsistent_detail() -> None:
    events = [_meeting("in April", "2025-04", "a", 0), _meeting("on May 6", "2025-05-06", "b", 1)]
    (conflict,) = date_conflicts(events, {})
    assert conflict.severity == "inconsistent_detail"


def test_articles_of_one_origin_never_conflict() -> None:
    events = [_meeting("on Tuesday", "2025-05-06", "a", 0), _meeting("on May 8", "2025-05-08", "b", 1)]
    assert date_conflicts(events, {"b": "a"}) == []


def test_different_events_with_different_dates_do_not_conflict() -> None:
    events = [
        _meeting("on Tuesday", "2025-05-06", "a", 0),
        _event(
            "b", 1, "Heavy rain flooded the harbour road near Tilbury on May 8.", "on May 8", "2025-05-08"
        ),
    ]
    assert date_conflicts(events, {}) == []


def _bridge_story(first: tuple[str, str], second: tuple[str, str]) -> list[tuple[str, str, list[str]]]:
    """Two articles of one story, each dating the closing of one bridge with ``(words, value)``:
    the date conflicts found between them, as ``(kind, severity, values)``."""
    articles, analyses = [], []
    for aid, (words, value) in zip("ab", (first, second), strict=True):
        text = f"The river council of Marlow closed the old harbour bridge {words} for urgent repairs."
        start = text.index(words)
        timex = TimeExpression(
            id=f"t-{aid}", span=Span(aid, start, start + len(words)), text=words, type="DATE", value=value
        )
        articles.append(Article(id=aid, source=aid, title="", text=text))
        analyses.append(ArticleAnalysis(article=aid, sentences=((0, len(text)),), time_expressions=(timex,)))
    _, conflicts = build_claims(articles, analyses, story_actors("ab"), [], {"a": "a", "b": "b"})
    return [(c.kind, c.severity, [v.value for v in c.values]) for c in conflicts if c.kind == "date"]


def test_a_quarter_and_a_month_outside_it_are_a_date_conflict() -> None:
    found = _bridge_story(("in the third quarter of 2022", "2022-Q3"), ("in May 2022", "2022-05"))
    assert found == [("date", "inconsistent_detail", ["2022-Q3", "2022-05"])]


def test_a_quarter_and_a_month_inside_it_are_compatible() -> None:
    assert _bridge_story(("in the third quarter of 2022", "2022-Q3"), ("in August 2022", "2022-08")) == []


def test_a_half_year_and_a_day_outside_it_are_a_date_conflict() -> None:
    found = _bridge_story(("in the first half of 2022", "2022-H1"), ("on August 3, 2022", "2022-08-03"))
    assert found == [("date", "inconsistent_detail", ["2022-H1", "2022-08-03"])]


def _dated(aid: str, text: str, dates: list[tuple[str, str]]) -> tuple[Article, ArticleAnalysis]:
    """One article of one sentence with ``dates`` ``(words, value)`` as DATE expressions."""
    timexes = tuple(
        TimeExpression(
            id=f"t-{aid}-{text.index(words)}",
            span=Span(aid, text.index(words), text.index(words) + len(words)),
            text=words,
            type="DATE",
            value=value,
        )
        for words, value in dates
    )
    return (
        Article(id=aid, source=aid, title="", text=text),
        ArticleAnalysis(article=aid, sentences=((0, len(text)),), time_expressions=timexes),
    )


def _date_conflicts(*docs: tuple[Article, ArticleAnalysis]) -> list[list[str]]:
    articles, analyses = [d[0] for d in docs], [d[1] for d in docs]
    ids = [a.id for a in articles]
    _, conflicts = build_claims(articles, analyses, story_actors(ids), [], {i: i for i in ids})
    return [[v.value for v in c.values] for c in conflicts if c.kind == "date"]


def test_dates_listed_in_one_sentence_are_no_rival_dates() -> None:
    """A tour's dates run into one sentence in both articles: no item is a rival of another's."""
    listing = [("June 9", "2026-06-09"), ("June 14", "2026-06-14"), ("June 17", "2026-06-17")]
    a = "The Harrow Quartet tour dates: June 9 -- Tampa Arena, June 14 -- Atlanta Hall, June 17 -- Nashville Dome."
    b = "The Harrow Quartet tour dates: June 9 – Tampa Arena; June 14 – Atlanta Hall; June 17 – Nashville Dome."
    assert _date_conflicts(_dated("a", a, listing), _dated("b", b, listing)) == []
    moved = [("June 9", "2026-06-09"), ("June 15", "2026-06-15"), ("June 17", "2026-06-17")]
    c = b.replace("June 14", "June 15")
    assert _date_conflicts(_dated("a", a, listing), _dated("c", c, moved)) == [["2026-06-14", "2026-06-15"]]


def test_the_date_of_another_event_told_in_the_sentence_is_no_rival_date() -> None:
    """Both sentences name the heirs and their complaint, but the first dates the painter's flight,
    the second the filing of the complaint."""
    a = (
        "According to the complaint the heirs of the painter Ada Brenner filed against the city "
        "museum, the painter fled the capital in May 1933."
    )
    b = "The heirs of the painter Ada Brenner filed their complaint against the city museum on Monday."
    found = _date_conflicts(
        _dated("a", a, [("in May 1933", "1933-05")]), _dated("b", b, [("on Monday", "2026-03-02")])
    )
    assert found == []
    c = "The heirs of the painter Ada Brenner filed their complaint against the city museum in May."
    d = "On Monday, the heirs of the painter Ada Brenner filed their complaint against the city museum."
    found = _date_conflicts(
        _dated("c", c, [("in May", "2026-05")]), _dated("d", d, [("On Monday", "2026-03-02")])
    )
    assert found == [["2026-05", "2026-03-02"]]


def test_a_date_after_a_verb_of_telling_dates_the_telling_and_keeps_what_was_told() -> None:
    text = "The harbour board announced on Friday that the ferry would resume sailing in June."
    start = text.index("on Friday")
    assert telling_date(text, start, start + len("on Friday")) == "the ferry would resume sailing in June."
    sailing = text.index("in June")
    assert telling_date(text, sailing, sailing + len("in June")) is None
    said = "The mayor said last week the bridge will reopen."
    assert telling_date(said, said.index("last week"), said.index(" the bridge")) == "the bridge will reopen."


def test_two_announcements_of_different_things_are_no_rival_dates() -> None:
    """Both sentences tell of the rowing club and its summer regatta, but one outlet dates the
    announcement that the regatta will be held, the other the announcement that the captain
    leaves after it."""
    a = "The Marlow rowing club and the Henley rowing club announced last week that the summer regatta would be held."
    b = "The Marlow rowing club announced on Monday that its captain would leave after the summer regatta."
    found = _date_conflicts(
        _dated("a", a, [("last week", "2026-W10")]), _dated("b", b, [("on Monday", "2026-03-09")])
    )
    assert found == []


def test_one_announcement_dated_on_two_days_is_still_a_conflict() -> None:
    told = "that the regatta on the river at Marlow would be cancelled because of the flooding."
    found = _date_conflicts(
        _dated("a", f"The rowing association announced on Monday {told}", [("on Monday", "2026-03-09")]),
        _dated("b", f"The rowing association announced on Tuesday {told}", [("on Tuesday", "2026-03-10")]),
    )
    assert found == [["2026-03-09", "2026-03-10"]]


def test_the_date_of_an_announcement_is_no_rival_of_the_date_of_the_event_announced() -> None:
    found = _date_conflicts(
        _dated(
            "a",
            "The rowing association announced on Monday that the Marlow regatta on the river was cancelled.",
            [("on Monday", "2026-03-09")],
        ),
        _dated(
            "b",
            "The Marlow regatta on the river of the rowing association was cancelled on Tuesday.",
            [("on Tuesday", "2026-03-10")],
        ),
    )
    assert found == []
