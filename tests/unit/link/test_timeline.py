"""The timeline: dated sentences of all articles, merged across sources, ordered by date."""

from __future__ import annotations

import pytest

from newsprism.link.timeline import build_timeline
from newsprism.link.timeline.dates import calendar_value
from newsprism.records import Article, ArticleAnalysis, Mention, Span, TimeExpression, TimelineEvent

DAM_BURST = "The Teresk dam burst on Thursday, flooding the Velna valley."
ON_THURSDAY = [("Thursday", "2025-03-13", "DATE")]
REPORTED = "On Thursday the Teresk dam burst and the Velna valley flooded."  # the same event, reworded


def make(
    aid: str, sentences: list[str], dates: list[tuple[str, str | None, str]], names: tuple[str, ...] = ()
) -> tuple[Article, ArticleAnalysis]:
    """An article of ``sentences`` (one per line), its time expressions ``(text, value, type)`` and
    named mentions, each located at its first occurrence."""
    text = "\n".join(sentences)
    spans, at = [], 0
    for s in sentences:
        spans.append((at, at + len(s)))
        at += len(s) + 1
    timexes = []
    for i, (phrase, value, kind) in enumerate(dates):
        start = text.index(phrase)
        timexes.append(
            TimeExpression(f"{aid}-{i}", Span(aid, start, start + len(phrase)), phrase, kind, value)
        )
    mentions = tuple(
        Mention(Span(aid, text.index(n), text.index(n) + len(n)), n, "PERSON") for n in names if n in text
    )
    return Article(aid, f"{aid}.txt", aid, text), ArticleAnalysis(
        aid, sentences=tuple(spans), mentions=mentions, time_expressions=tuple(timexes)
    )


def on_thursday(aid: str, sentence: str = DAM_BURST) -> tuple[Article, ArticleAnalysis]:
    """An article of one ``sentence`` dated by its "Thursday" (13 March 2025)."""
    return make(aid, [sentence], ON_THURSDAY)


def timeline(
    *made: tuple[Article, ArticleAnalysis], origins: dict[str, str] | None = None
) -> list[TimelineEvent]:
    """The timeline of articles built by :func:`make`; each is its own origin unless ``origins`` says."""
    return build_timeline([m[0] for m in made], [m[1] for m in made], origins or {})


def timeline_of(sentences: list[str], dates: list[tuple[str, str | None, str]]) -> list[TimelineEvent]:
    """The timeline of one article of ``sentences`` with time expressions ``dates``."""
    return timeline(make("a", sentences, dates))


@pytest.mark.parametrize(
    ("value", "precision", "sort_key"),
    [
        ("2022-09-15", "day", "2022-09-15"),
        ("2025-03-13TEV", "day", "2025-03-13"),
        ("2022-W37", "week", "2022-09-12"),
        ("2022-09", "month", "2022-09-01"),
        ("2022-Q2", "quarter", "2022-04-01"),
        ("2022-H2", "half", "2022-07-01"),
        ("2022", "year", "2022-01-01"),
        ("2022-09-15/2022-09-16", "interval", "2022-09-15"),
    ],
)
def test_calendar_values_carry_precision_and_the_iso_start_as_sort_key(
    value: str, precision: str, sort_key: str
) -> None:
    cv = calendar_value(value)
    assert cv is not None
    assert (cv.precision, cv.sort_key) == (precision, sort_key)


@pytest.mark.parametrize(
    "value", [None, "PRESENT_REF", "PAST_REF", "P3Y", "2025-WI", "2022-13", "2022-02-30"]
)
def test_references_durations_seasons_and_impossible_dates_are_not_calendar_values(value: str | None) -> None:
    assert calendar_value(value) is None


def test_a_day_cut_from_a_datetime_is_the_day_itself() -> None:
    cv = calendar_value("2025-03-13T04:40")
    assert cv is not None and cv.value == "2025-03-13"


def test_the_same_event_on_the_same_date_is_merged_across_sources_with_its_origins() -> None:
    a = on_thursday("a")
    b = on_thursday("b", REPORTED)
    c = on_thursday("c")
    events = timeline(a, b, c, origins={"a": "a", "b": "b", "c": "a"})
    assert len(events) == 1
    event = events[0]
    assert (event.date, event.precision, event.sort_key) == ("2025-03-13", "day", "2025-03-13")
    assert [s.span.article for s in event.support] == ["a", "b", "c"]
    assert event.support[1].text == REPORTED
    assert event.independent_origins == 2  # c copies a
    assert event.text == DAM_BURST


def test_different_events_on_the_same_date_stay_apart() -> None:
    a = on_thursday("a")
    b = on_thursday("b", "Hydrovel bonds slumped on Thursday as investors sold stock.")
    assert len(timeline(a, b)) == 2


def test_the_same_description_on_different_dates_is_two_events() -> None:
    a = on_thursday("a")
    b = make(
        "b",
        ["The Teresk dam burst on Friday, flooding the Velna valley."],
        [("Friday", "2025-03-14", "DATE")],
    )
    assert [e.date for e in timeline(a, b)] == ["2025-03-13", "2025-03-14"]


def test_a_day_joins_the_month_holding_it_only_when_the_descriptions_match() -> None:
    a = make(
        "a",
        ["Putin and Xi declared a no limits partnership in Beijing in February."],
        [("in February", "2022-02", "DATE")],
        ("Putin", "Xi"),
    )
    b = make(
        "b",
        ["On February 4 Putin and Xi declared a no limits partnership in Beijing."],
        [("February 4", "2022-02-04", "DATE")],
        ("Putin", "Xi"),
    )
    c = make(
        "c",
        ["Wheat prices rose sharply on February 9 across Europe."],
        [("February 9", "2022-02-09", "DATE")],
    )
    events = timeline(a, b, c)
    assert [(e.date, e.precision, len(e.support)) for e in events] == [
        ("2022-02-04", "day", 2),
        ("2022-02-09", "day", 1),
    ]


def test_relative_references_durations_and_sets_are_not_events() -> None:
    events = timeline_of(
        [
            "Officials now say the Velna reservoir is safe again.",
            "Engineers inspected the spillway for six months without result.",
            "Crews patrol the eastern wall of the dam daily since March.",
        ],
        [("now", "PRESENT_REF", "DATE"), ("six months", "P6M", "DURATION"), ("daily", "P1D", "SET")],
    )
    assert events == []


def test_a_dated_line_that_describes_nothing_is_left_out() -> None:
    events = timeline_of(
        ["Thursday, March 13, 2025", "The Teresk dam burst on March 13, flooding the Velna valley."],
        [("Thursday, March 13, 2025", "2025-03-13", "DATE"), ("on March 13", "2025-03-13", "DATE")],
    )
    assert [e.support[0].text for e in events] == [
        "The Teresk dam burst on March 13, flooding the Velna valley."
    ]


def test_the_finest_date_of_a_sentence_dates_it() -> None:
    events = timeline_of(
        ["An inspection on Sept. 15-16 last year found cracks in the eastern wall."],
        [("Sept. 15-16", "2024-09-15/2024-09-16", "DATE"), ("last year", "2024", "DATE")],
    )
    assert [(e.date, e.precision) for e in events] == [("2024-09-15/2024-09-16", "interval")]


def test_events_are_ordered_by_start_date_then_by_support() -> None:
    a = make(
        "a",
        [
            "Parliament will question Hydrovel bosses in April about the dam.",
            "Hydrovel shelved a spillway repair in 2023, citing a lack of funds.",
            "Voters elected a new mayor of Dolna Mesta in 2023 after a long campaign.",
        ],
        [("in April", "2025-04", "DATE"), ("in 2023", "2023", "DATE"), ("in 2023 after", "2023", "DATE")],
    )
    b = make(
        "b", ["The mayor of Dolna Mesta was elected in 2023 after a campaign."], [("in 2023", "2023", "DATE")]
    )
    events = timeline(a, b)
    assert [(e.sort_key, len(e.support)) for e in events] == [
        ("2023-01-01", 2),
        ("2023-01-01", 1),
        ("2025-04-01", 1),
    ]
    assert "mayor" in events[0].text


def test_ids_are_content_hashes_stable_across_runs() -> None:
    first = timeline(on_thursday("a"))
    again = timeline(on_thursday("a"))
    assert first == again and len(first[0].id) == 16
