"""Timeline dates: the precision and sort key of a TIMEX3 value, and which values contain others.

Only calendar values are placed on a timeline: days (``2022-09-15``, also with a time of day,
which is cut to the day), ISO weeks (``2022-W37``, weekend ``2022-W37-WE``), months, quarters
(``2022-Q1``), halves (``2022-H1``), years, and intervals of two such values
(``2022-09-15/2022-09-16``). Everything else (``PRESENT_REF``, seasons, decades, durations) has no
place on a calendar line and yields ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ...records import Precision

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "half": 4, "year": 5, "interval": 6}


@dataclass(frozen=True, slots=True)
class CalendarValue:
    """A calendar value: ``value`` as it goes on the timeline, its ``precision``, and the first and
    last day it covers (``first`` is the ISO sort key)."""

    value: str
    precision: Precision
    first: date
    last: date

    @property
    def sort_key(self) -> str:
        """The ISO date of the start, used for ordering."""
        return self.first.isoformat()

    @property
    def month(self) -> str:
        """``YYYY-MM`` of the start: the bucket in which compatible values are looked up."""
        return self.first.isoformat()[:7]

    def contains(self, other: CalendarValue) -> bool:
        """Whether every day of ``other`` lies inside this value (and this one is coarser)."""
        return (
            self.value != other.value
            and self.first <= other.first
            and other.last <= self.last
            and (self.last - self.first) > (other.last - other.first)
        )


def _day(match: re.Match[str]) -> CalendarValue | None:
    day = date(int(match[1]), int(match[2]), int(match[3]))
    return CalendarValue(day.isoformat(), "day", day, day)


def _week(match: re.Match[str]) -> CalendarValue | None:
    monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
    if match[3]:
        return CalendarValue(match[0], "week", monday + timedelta(days=5), monday + timedelta(days=6))
    return CalendarValue(match[0], "week", monday, monday + timedelta(days=6))


def _span(value: str, precision: Precision, year: int, month: int, months: int) -> CalendarValue:
    first = date(year, month, 1)
    end_month = month + months
    after = date(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
    return CalendarValue(value, precision, first, after - timedelta(days=1))


def _single(value: str) -> CalendarValue | None:
    try:
        if m := _DAY.match(value):
            return _day(m)
        if m := _WEEK.match(value):
            return _week(m)
        if m := _MONTH.match(value):
            return _span(value, "month", int(m[1]), int(m[2]), 1)
        if m := _QUARTER.match(value):
            return _span(value, "quarter", int(m[1]), 3 * int(m[2]) - 2, 3)
        if m := _HALF.match(value):
            return _span(value, "half", int(m[1]), 6 * int(m[2]) - 5, 6)
        if m := _YEAR.match(value):
            return _span(value, "year", int(m[1]), 1, 12)
    except ValueError:  # month 13, week 54, February 30 ...
        return None
    return None


def calendar_value(value: str | None) -> CalendarValue | None:
    """The calendar reading of a TIMEX3 ``value``, or ``None`` when it is not a calendar date."""
    if not value:
        return None
    value = value.strip()
    if "/" in value:
        left, _, right = value.partition("/")
        start, end = _single(left), _single(right)
        if start is None or end is None or end.last < start.first:
            return None
        return CalendarValue(f"{start.value}/{end.value}", "interval", start.first, end.last)
    return _single(value)
