"""Integration: the trained pipeline's parse drives extents, tense and values."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from newsprism.extract.timex import extract_time_expressions, infer_publication_date

pytestmark = pytest.mark.model

TEXT = (
    "Officials said on Monday that the president would travel to Rome on Wednesday. "
    "Exports grew 12 percent in the first six months of 2019, and talks have dragged on for years."
)


def test_values_against_a_tuesday_anchor(nlp: Language) -> None:
    doc = nlp(TEXT)
    found = {e.text: e.value for e in extract_time_expressions(doc, "a1", date(2019, 7, 2))}
    assert found.get("Monday") == "2019-07-01"
    assert found.get("Wednesday") == "2019-07-03"
    assert "2019-01/2019-06" in found.values()
    assert found.get("for years") == "PXY"


def test_inferred_date_sits_between_the_past_and_the_future_weekday(nlp: Language) -> None:
    published = infer_publication_date(nlp(TEXT), "a1")
    assert published.how == "inferred"
    assert published.value is not None
    day = date.fromisoformat(published.value)
    assert day.year == 2019
    assert day.weekday() in (0, 1)  # on or after Monday, before Wednesday
