"""Publication dates are normalised to ISO-8601."""

from __future__ import annotations

import time

import pytest

from newsprism.ingest.dates import iso_date, struct_time_iso


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2022-09-15", "2022-09-15"),
        ("2022-09-15T10:30:00Z", "2022-09-15T10:30:00+00:00"),
        ("2022-09-15 10:30", "2022-09-15T10:30:00"),
        ("Thu, 15 Sep 2022 10:30:00 +0300", "2022-09-15T10:30:00+03:00"),
        ("15 September 2022", "2022-09-15"),
        (1663237800, "2022-09-15T10:30:00+00:00"),
    ],
)
def test_dates_in_common_shapes_become_iso(raw: object, iso: str) -> None:
    assert iso_date(raw) == iso


@pytest.mark.parametrize("raw", [None, "", "   ", "not a date at all", "2022-13-45", True, ["2022-09-15"]])
def test_non_dates_give_none(raw: object) -> None:
    assert iso_date(raw) is None


def test_feedparser_struct_times_are_utc_datetimes() -> None:
    assert (
        struct_time_iso(time.strptime("2021-06-12 09:30:00", "%Y-%m-%d %H:%M:%S"))
        == "2021-06-12T09:30:00+00:00"
    )
    assert struct_time_iso(None) is None
