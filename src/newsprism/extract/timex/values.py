"""One TIMEX3 value -> the days it covers: :func:`date_range`, the one reader of value shapes.

Every consumer of a time expression's value (extraction's tense read-back, date conflicts, the
timeline, the HTML chart and labels, the story gate) asks this module which days a value covers,
and each then decides which precisions it uses. Before, five copies parsed values with different
coverage, so a ``2022-Q3`` event was on the timeline but could never take part in a date conflict.

Shapes (those :mod:`.normalise` emits): a day ``2025-03-13`` (``time`` with a time of day,
``2025-03-13T04:40`` or ``2025-03-13TNI``: the day it falls on), an ISO week ``2025-W11`` (Monday to
Sunday; week 1 may start in December, week 53 end in January), its weekend ``2025-W11-WE``
(Saturday and Sunday), a month ``2025-03``, a quarter ``2025-Q3``, a half ``2025-H1``, a season
``2025-SU`` (meteorological: spring March-May, summer June-August, fall September-November,
winter December to the next year's February, the convention :mod:`.normalise` resolves with), a
year ``2025``, a decade ``202`` (2020-2029), a century ``19`` (1900-1999), and an interval ``a/b`` of
any two of those that does not end before it starts. Everything else -- references
(``PRESENT_REF``), durations and sets (``P3Y``, ``P1D``), impossible dates (``2023-02-29``,
``2021-W53``) -- covers no calendar days: ``None``, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Precision = Literal[
    "time",
    "day",
    "weekend",
    "week",
    "month",
    "quarter",
    "half",
    "season",
    "year",
    "decade",
    "century",
    "interval",
]

#: The first month of each TIMEX3 season; each lasts three months (winter runs into the next year).
SEASON_START: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

_VALUE = re.compile(
    r"(?P<year>\d{4})(?:"
    r"-(?P<month>\d{2})(?:-(?P<day>\d{2})(?P<time>T.*)?)?"
    r"|-W(?P<week>\d{2})(?P<weekend>-WE)?"
    r"|-Q(?P<quarter>[1-4])"
    r"|-H(?P<half>[12])"
    r"|-(?P<season>SP|SU|FA|WI)"
    r")?"
    r"|(?P<decade>\d{3})|(?P<century>\d{2})"
)


@dataclass(frozen=True, slots=True)
class DateRange:
    """The days a TIMEX3 value covers, ``first`` to ``last`` inclusive, and its ``precision``."""

    first: date
    last: date
    precision: Precision

    def covers(self, other: DateRange) -> bool:
        """Whether every day of ``other`` lies inside this range (a range covers itself)."""
        return self.first <= other.first and other.last <= self.last


def _months(year: int, month: int, count: int, precision: Precision) -> DateRange:
    """``count`` calendar months from ``month`` of ``year`` (may run into the next year)."""
    end = year * 12 + month - 1 + count  # the month after the last, counted from year 0
    return DateRange(date(year, month, 1), date(end // 12, end % 12 + 1, 1) - timedelta(days=1), precision)


def _years(first_year: int, count: int, precision: Precision) -> DateRange:
    return DateRange(date(first_year, 1, 1), date(first_year + count - 1, 12, 31), precision)


def _single(value: str) -> DateRange | None:
    m = _VALUE.fullmatch(value)
    if m is None:
        return None
    if m["decade"]:
        return _years(int(m["decade"]) * 10, 10, "decade")
    if m["century"]:
        return _years(int(m["century"]) * 100, 100, "century")
    year = int(m["year"])
    if m["day"]:
        day = date(year, int(m["month"]), int(m["day"]))
        return DateRange(day, day, "time" if m["time"] else "day")
    if m["month"]:
        return _months(year, int(m["month"]), 1, "month")
    if m["week"]:
        monday = date.fromisocalendar(year, int(m["week"]), 1)
        if m["weekend"]:
            return DateRange(monday + timedelta(days=5), monday + timedelta(days=6), "weekend")
        return DateRange(monday, monday + timedelta(days=6), "week")
    if m["quarter"]:
        return _months(year, 3 * int(m["quarter"]) - 2, 3, "quarter")
    if m["half"]:
        return _months(year, 6 * int(m["half"]) - 5, 6, "half")
    if m["season"]:
        return _months(year, SEASON_START[m["season"]], 3, "season")
    return _years(year, 1, "year")


def date_range(value: str) -> DateRange | None:
    """The first and last day a TIMEX3 ``value`` covers and its precision, or ``None`` when it
    names no calendar days (see the module docstring for the shapes)."""
    try:
        if "/" not in value:
            return _single(value)
        start, _, end = value.partition("/")
        a, b = _single(start), _single(end)
    except ValueError:  # month 13, February 30, week 54, year 0 ...
        return None
    if a is None or b is None or b.last < a.first:
        return None
    return DateRange(a.first, b.last, "interval")


def iso_week(d: date) -> str:
    """The TIMEX value of the ISO week holding ``d``: ``2022-W37`` for any day of that week."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"
