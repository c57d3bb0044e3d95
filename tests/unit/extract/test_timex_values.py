"""One TIMEX3 value -> the first and last day it covers, and how precise it is."""

from __future__ import annotations

from datetime import date

import pytest

from newsprism.extract.timex.normalise import normalise
from newsprism.extract.timex.values import DateRange, Precision, date_range


@pytest.mark.parametrize(
    ("value", "first", "last", "precision"),
    [
        # days, and times of day (the day they fall on)
        ("2025-03-13", date(2025, 3, 13), date(2025, 3, 13), "day"),
        ("2024-02-29", date(2024, 2, 29), date(2024, 2, 29), "day"),
        ("2025-03-13T04:40", date(2025, 3, 13), date(2025, 3, 13), "time"),
        ("2025-03-13TNI", date(2025, 3, 13), date(2025, 3, 13), "time"),
        # ISO weeks (Monday to Sunday, across a year end; week 53) and their weekends
        ("2025-W11", date(2025, 3, 10), date(2025, 3, 16), "week"),
        ("2025-W01", date(2024, 12, 30), date(2025, 1, 5), "week"),
        ("2020-W53", date(2020, 12, 28), date(2021, 1, 3), "week"),
        ("2025-W11-WE", date(2025, 3, 15), date(2025, 3, 16), "weekend"),
        ("2020-W53-WE", date(2021, 1, 2), date(2021, 1, 3), "weekend"),
        # months, in leap and common years
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
        ("2023-02", date(2023, 2, 1), date(2023, 2, 28), "month"),
        ("1900-02", date(1900, 2, 1), date(1900, 2, 28), "month"),
        ("2000-02", date(2000, 2, 1), date(2000, 2, 29), "month"),
        ("2025-12", date(2025, 12, 1), date(2025, 12, 31), "month"),
        # quarters and halves
        ("2022-Q1", date(2022, 1, 1), date(2022, 3, 31), "quarter"),
        ("2022-Q3", date(2022, 7, 1), date(2022, 9, 30), "quarter"),
        ("2022-Q4", date(2022, 10, 1), date(2022, 12, 31), "quarter"),
        ("2022-H1", date(2022, 1, 1), date(2022, 6, 30), "half"),
        ("2022-H2", date(2022, 7, 1), date(2022, 12, 31), "half"),
        # seasons (meteorological: winter runs from December into the next year's February)
        ("1998-SP", date(1998, 3, 1), date(1998, 5, 31), "season"),
        ("1998-SU", date(1998, 6, 1), date(1998, 8, 31), "season"),
        ("1998-FA", date(1998, 9, 1), date(1998, 11, 30), "season"),
        ("2023-WI", date(2023, 12, 1), date(2024, 2, 29), "season"),
        ("2024-WI", date(2024, 12, 1), date(2025, 2, 28), "season"),
        # years, decades, centuries
        ("2025", date(2025, 1, 1), date(2025, 12, 31), "year"),
        ("202", date(2020, 1, 1), date(2029, 12, 31), "decade"),
        ("199", date(1990, 1, 1), date(1999, 12, 31), "decade"),
        ("19", date(1900, 1, 1), date(1999, 12, 31), "century"),
        # intervals: from the first day of the first to the last day of the second
        ("2024-09-15/2024-09-16", date(2024, 9, 15), date(2024, 9, 16), "interval"),
        ("2022-01/2022-08", date(2022, 1, 1), date(2022, 8, 31), "interval"),
        ("2022-Q3/2025-03-13", date(2022, 7, 1), date(2025, 3, 13), "interval"),
        ("2025-03-13/2025-03-13", date(2025, 3, 13), date(2025, 3, 13), "interval"),
    ],
)
def test_a_calendar_value_covers_its_first_to_its_last_day(
    value: str, first: date, last: date, precision: Precision
) -> None:
    assert date_range(value) == DateRange(first, last, precision)


@pytest.mark.parametrize(
    "value",
    [
        # references, durations, sets and empty values name no calendar days
        "PRESENT_REF",
        "PAST_REF",
        "FUTURE_REF",
        "P3Y",
        "PXY",
        "PT1H",
        "P1D",
        "",
        # impossible dates
        "2023-02-29",
        "2022-13",
        "2022-00",
        "2021-W53",
        "2022-W00",
        "2022-Q5",
        "2022-Q0",
        "2022-H3",
        "2022-XX",
        "0000",
        # intervals that end before they start, are open, or have three ends
        "2022-09-16/2022-09-15",
        "2022-09-15/",
        "/2022-09-15",
        "2022/2023/2024",
        "2022-09-15/PRESENT_REF",
        # near misses
        "22-09-15",
        "2022-9-15",
        "2022-W7",
        "20221",
        " 2022",
    ],
)
def test_anything_else_covers_no_days(value: str) -> None:
    assert date_range(value) is None


def test_a_range_covers_another_inside_it_including_itself() -> None:
    quarter, august, may = date_range("2022-Q3"), date_range("2022-08"), date_range("2022-05")
    assert quarter and august and may
    assert quarter.covers(august) and quarter.covers(quarter)
    assert not august.covers(quarter)
    assert not quarter.covers(may)


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("Thursday", "day"),
        ("last week", "week"),
        ("the weekend", "weekend"),
        ("in February", "month"),
        ("the third quarter", "quarter"),
        ("the first half of this year", "half"),
        ("this summer", "season"),
        ("last winter", "season"),
        ("2021", "year"),
        ("the 1990s", "decade"),
        ("last decade", "decade"),
        ("last century", "century"),
        ("Sept. 15-16", "interval"),
        ("the first eight months of 2022", "interval"),
        ("yesterday evening", "time"),
    ],
)
def test_every_calendar_shape_normalise_writes_is_read_back(text: str, precision: Precision) -> None:
    value = normalise(text, date(2022, 9, 15), "past").value
    assert value is not None
    span = date_range(value)
    assert span is not None and span.precision == precision
