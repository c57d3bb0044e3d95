"""Quantities: how figures are read from text (token level; no trained model needed)."""

from __future__ import annotations

import math

import pytest
from spacy.language import Language

from newsprism.extract.quantities import extract_quantities
from newsprism.records import Quantity, content_id
from tests.docs import BLANK


@pytest.fixture(scope="module")
def blank() -> Language:
    return BLANK


def figures(nlp: Language, text: str) -> list[Quantity]:
    return extract_quantities(nlp(text), "art")


def only(nlp: Language, text: str) -> Quantity:
    found = figures(nlp, text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "value", "unit", "category"),
    [
        ("Sales reached $12.5 billion last spring.", "$12.5 billion", 12.5e9, "currency:USD", "money"),
        ("The fund lost €300 million.", "€300 million", 300e6, "currency:EUR", "money"),
        ("Wages rose 7 percent.", "7 percent", 7.0, "percent", "percent"),
        ("Turnout was 64.2% overall.", "64.2%", 64.2, "percent", "percent"),
        ("The fire burned 1,250 square kilometers.", "1,250 square kilometers", 1250.0, "area:sq_km", "area"),
        ("A park of 40 sq mi opened.", "40 sq mi", 40.0, "area:sq_mi", "area"),
        ("The pipeline runs 2,100 kilometers.", "2,100 kilometers", 2100.0, "length:km", "length"),
        ("The wall is 12 miles long.", "12 miles", 12.0, "length:mi", "length"),
        ("The strike lasted four weeks.", "four weeks", 4.0, "duration:week", "duration"),
        ("He waited 3½ years.", "3½ years", 3.5, "duration:year", "duration"),
        ("It is a ten-day festival.", "ten-day festival", 10.0, "duration:day", "duration"),
        ("Exporters shipped twenty-five tankers.", "twenty-five tankers", 25.0, "count", "count"),
        ("They own 4,000 trucks.", "4,000 trucks", 4000.0, "count", "count"),
    ],
)
def test_a_number_is_read_with_its_scale_and_unit(
    blank: Language, text: str, span: str, value: float, unit: str, category: str
) -> None:
    q = only(blank, text)
    assert (q.text, q.unit, q.category) == (span, unit, category)
    assert math.isclose(q.value, value, rel_tol=1e-9)


def test_span_offsets_point_into_the_text_and_ids_are_content_hashes(blank: Language) -> None:
    text = "Costs fell to $2 million."
    q = only(blank, text)
    assert q.span.text_of(text) == q.text == "$2 million"
    assert q.id == content_id("art", str(q.span.start), str(q.span.end))
    assert q.span.article == "art"


@pytest.mark.parametrize(
    ("text", "span", "modifier"),
    [
        ("Prices rose nearly 40% this year.", "40%", "nearly"),
        ("They took more than 900 square kilometers.", "900 square kilometers", "more than"),
        ("It holds about a third of the stock.", "a third", "about"),
        ("Some 12 percent voted.", "12 percent", "some"),
        ("She left almost two years ago.", "two years", "almost"),
    ],
)
def test_the_hedge_is_kept_apart_from_the_figure(
    blank: Language, text: str, span: str, modifier: str
) -> None:
    q = only(blank, text)
    assert (q.text, q.modifier) == (span, modifier)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The rebels hold a quarter of the region.", "a quarter", 0.25),
        ("Two-thirds of voters agreed.", "Two-thirds", 2 / 3),
        ("Half of the crop was lost.", "Half", 0.5),
    ],
)
def test_fractions_are_values_between_zero_and_one(
    blank: Language, text: str, span: str, value: float
) -> None:
    q = only(blank, text)
    assert (q.text, q.category, q.unit) == (span, "fraction", "fraction")
    assert math.isclose(q.value, value)


def test_a_fraction_word_without_of_is_an_ordinal_not_a_fraction(blank: Language) -> None:
    q = only(blank, "She won a fifth title.")
    assert (q.category, q.value) == ("ordinal", 5)


def test_ordinals_carry_their_rank(blank: Language) -> None:
    q = only(blank, "He began his second term.")
    assert (q.text, q.value, q.category) == ("second term", 2, "ordinal")


def test_the_first_months_of_a_year_are_a_reference_period(blank: Language) -> None:
    q = only(blank, "Output grew in the first nine months of 2023.")
    assert (q.text, q.value, q.unit, q.category) == ("nine months", 9, "duration:month", "period")


def test_adverbial_and_indefinite_counts(blank: Language) -> None:
    once = only(blank, "The envoy has visited only once since then.")
    assert (once.text, once.value, once.category) == ("once", 1, "count")
    many = only(blank, "They fired thousands of shells.")
    assert (many.value, many.category, many.modifier) == (1000, "count", "at least")


@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed in 1997.",
        "They meet on Oct. 3-4 in Geneva.",
        "The deal was struck on March 12.",
        "Both sides backed the one-China policy.",
        "The COVID-19 outbreak spread.",
        "Leaders of the G20 met.",
        "It was the worst event since the Second Punic War.",
        "No one else came, and one is enough.",
        "The talks begin at 10 am.",
        "Officials pursue a zero-Covid strategy.",
        "At first, nobody noticed.",
    ],
)
def test_numbers_inside_dates_names_and_fixed_terms_are_not_quantities(blank: Language, text: str) -> None:
    assert figures(blank, text) == []


def test_several_figures_in_one_sentence_keep_text_order(blank: Language) -> None:
    found = figures(blank, "Imports jumped 12% to $7 billion over three months.")
    assert [q.text for q in found] == ["12%", "$7 billion", "three months"]


def test_without_a_parse_there_is_no_measure_direction_or_period(blank: Language) -> None:
    q = only(blank, "Imports jumped 12%.")
    assert (q.measure, q.direction, q.period) == (None, None, None)
