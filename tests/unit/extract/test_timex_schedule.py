"""Schedules: dates listed one a line are one list, dated forward, one timeline event, no
conflicts between items."""

from __future__ import annotations

import re

from newsprism.extract.timex.schedule import schedule_runs
from newsprism.link.claims.dates import date_conflicts, dated_events
from newsprism.link.timeline import build_timeline
from newsprism.records import Article, ArticleAnalysis, Span, TimeExpression

VENUES = (
    "Seattle, Climate Pledge Arena, with the Velna Quartet",
    "Portland, Moda Center, with the Velna Quartet",
    "Oakland, Oakland Arena, with the Velna Quartet",
    "Denver, Ball Arena, with the Velna Quartet",
)
DAYS = (9, 12, 15, 24)
LIST_A = "The band will play four dates next summer.\nTour dates:\n" + "\n".join(
    f"June {d} – {v}" for d, v in zip(DAYS, VENUES, strict=True)
)
#: The same list printed by another outlet, venue first, one paragraph an item.
LIST_B = "The band will tour next summer. The dates are:\n\n" + "\n\n".join(
    f"{v} (June {d})" for d, v in zip(DAYS, VENUES, strict=True)
)


def _spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"June \d+", text)]


def _article(aid: str, text: str) -> tuple[Article, ArticleAnalysis]:
    timexes = tuple(
        TimeExpression(
            f"{aid}-{s}", Span(aid, s, e), text[s:e], "DATE", f"2025-06-{int(text[s + 5 : e]):02d}"
        )
        for s, e in _spans(text)
    )
    lines = [m.span() for m in re.finditer(r"[^\n]+", text)]
    return Article(aid, aid, aid, text), ArticleAnalysis(
        aid, sentences=tuple(lines), time_expressions=timexes
    )


def test_dates_listed_one_a_line_are_one_schedule_in_either_layout() -> None:
    assert schedule_runs(LIST_A, _spans(LIST_A)) == [range(0, 4)]
    assert schedule_runs(LIST_B, _spans(LIST_B)) == [range(0, 4)]


def test_dates_in_running_prose_are_no_schedule() -> None:
    prose = (
        "The leg opens on June 9 in Seattle.\nIt then moves to Portland, where the band plays on June 12 "
        "and, after a rest day and a long drive down the coast, on June 15.\nThe last show is on June 24."
    )
    assert schedule_runs(prose, _spans(prose)) == []


def test_a_listed_schedule_is_one_timeline_event_from_its_first_to_its_last_date() -> None:
    a, an = _article("a", LIST_A)
    b, bn = _article("b", LIST_B)
    timeline = build_timeline([a, b], [an, bn], {"a": "a", "b": "b"})
    listed = [e for e in timeline if e.date.startswith("2025-06")]
    assert [(e.date, e.precision, len(e.support)) for e in listed] == [
        ("2025-06-09/2025-06-24", "interval", 2)
    ]
    assert listed[0].support[0].text.startswith("June 9 – Seattle") and listed[0].support[0].text.endswith(
        "Velna Quartet"
    )


def test_items_of_two_printings_of_one_schedule_never_conflict() -> None:
    a, an = _article("a", LIST_A)
    b, bn = _article("b", LIST_B.replace("(June 12)", "(June 15)", 1))  # cut differently, or misprinted
    assert date_conflicts(dated_events([a, b], [an, bn], {}), {}) == []
