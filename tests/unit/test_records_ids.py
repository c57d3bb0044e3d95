"""Two primitives every listing and export shares: an entity's id across stories
(``records.cross_story_id``) and the day of a publication date (``records.published_day``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsprism.records import cross_story_id, cross_story_key, published_day


def test_an_entity_keeps_its_id_across_case_accents_spacing_and_punctuation() -> None:
    assert cross_story_key("  Mára   QUINT ") == "mara quint"
    assert cross_story_key("Hydrovel, Inc.") == "hydrovel inc"
    assert cross_story_id("Mara Quint") == cross_story_id("MARA  QUINT") == cross_story_id("Mára Quint")
    assert cross_story_id("Mara Quint") != cross_story_id("Tomas Reyne")
    assert len(cross_story_id("Mara Quint")) == 16
    assert set(cross_story_id("Mara Quint")) <= set("0123456789abcdef")


@given(st.text(max_size=40))
def test_the_key_is_idempotent_and_the_id_depends_on_the_key_only(name: str) -> None:
    key = cross_story_key(name)
    assert cross_story_key(key) == key
    assert cross_story_id(key) == cross_story_id(name)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2025-03-13", "2025-03-13"),
        ("2025-03-17T17:30:00+00:00", "2025-03-17"),
        # the day as the outlet wrote it, not moved to UTC (that would be the 16th)
        ("2025-03-17T00:30:00+02:00", "2025-03-17"),
        ("2025-03-17T23:30:00-05:00", "2025-03-17"),
        ("2025-03-17T09:00", "2025-03-17"),
        (None, None),
        ("", None),
        ("undated", None),
        ("2025-02-30", None),
    ],
)
def test_a_publication_date_is_listed_as_its_day(value: str | None, day: str | None) -> None:
    assert published_day(value) == day
