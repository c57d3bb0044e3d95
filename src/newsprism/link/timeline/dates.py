"""Timeline dates: the precision and sort key of a TIMEX3 value, and which values contain others.

Only calendar values are placed on a timeline: days (``2022-09-15``, also with a time of day,
which is cut to the day), ISO weeks (``2022-W37``, weekend ``2022-W37-WE``), months, quarters
(``2022-Q1``), halves (``2022-H1``), years, and intervals of two such values
(``2022-09-15/2022-09-16``). Everything else (``PRESENT_REF``, seasons, decades, durations) has no
place on a calendar line and yields ``None``. Which days a value covers is
:func:`newsprism.extract.timex.values.date_range`'s to say; this module only picks the precisions a
timeline places.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...extract.timex.values import Precision, date_range
from ...records import TimelinePrecision

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "half": 4, "year": 5, "interval": 6}


@dataclass(frozen=True, slots=True)
class CalendarValue:
    """A calendar value: ``value`` as it goes on the timeline, its ``precision``, and the first and
    last day it covers (``first`` is the ISO sort key)."""

    value: str
    precision: TimelinePrecision
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


#: The precisions a timeline places, and what each is called there (a time of day is its day, a
#: weekend its week). Seasons, decades and centuries have no place on a calendar line.
_PLACED: dict[Precision, TimelinePrecision] = {
    "time": "day",
    "day": "day",
    "weekend": "week",
    "week": "week",
    "month": "month",
    "quarter": "quarter",
    "half": "half",
    "year": "year",
}


def _placed(value: str) -> str | None:
    """One value (not an interval) as it goes on the timeline (a time cut to its day), or ``None``
    when the timeline does not place it."""
    span = date_range(value)
    if span is None or span.precision not in _PLACED:
        return None
    return span.first.isoformat() if span.precision == "time" else value


def calendar_value(value: str | None) -> CalendarValue | None:
    """The calendar reading of a TIMEX3 ``value``, or ``None`` when it is not a calendar date."""
    if not value:
        return None
    value = value.strip()
    span = date_range(value)
    parts = value.split("/")
    placed = [p for p in map(_placed, parts) if p]
    if span is None or len(placed) < len(parts):
        return None
    precision: TimelinePrecision = "interval" if span.precision == "interval" else _PLACED[span.precision]
    return CalendarValue("/".join(placed), precision, span.first, span.last)
