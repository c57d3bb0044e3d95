"""Quantities with the trained pipeline: the parse supplies measure, direction and period."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsprism.extract.quantities import extract_quantities
from newsprism.records import Quantity

pytestmark = pytest.mark.model


def figures(nlp: Language, text: str) -> dict[str, Quantity]:
    return {q.text: q for q in extract_quantities(nlp(text), "art")}


def test_trade_figures_get_measure_direction_and_period(nlp: Language) -> None:
    found = figures(
        nlp,
        "Brazil's soybean exports to Japan rose nearly 30% to $12.4 billion in the first six months of the year.",
    )
    pct, money, months = found["30%"], found["$12.4 billion"], found["six months"]
    assert (pct.value, pct.unit, pct.modifier, pct.direction) == (30, "percent", "nearly", "rise")
    assert pct.measure == "Brazil's soybean exports to Japan"
    assert pct.period == "in the first six months of the year"
    assert (money.value, money.unit, money.direction) == (12.4e9, "currency:USD", "rise")
    assert months.category == "period"


def test_an_area_with_its_conversion_and_what_was_taken(nlp: Language) -> None:
    found = figures(
        nlp, "The army said it retook more than 3,000 square kilometers (1,160 sq mi) of farmland."
    )
    km, mi = found["3,000 square kilometers"], found["1,160 sq mi"]
    assert (km.value, km.unit, km.modifier, km.direction, km.measure) == (
        3000,
        "area:sq_km",
        "more than",
        "retake",
        "farmland",
    )
    assert (mi.value, mi.unit) == (1160, "area:sq_mi")


def test_years_dates_and_names_are_left_out(nlp: Language) -> None:
    found = figures(nlp, "In 2019 the Third Balkan Summit met on May 4, after the SARS-2 scare.")
    assert found == {}


@pytest.mark.parametrize(
    ("text", "figure", "measure"),
    [
        ("The ministry wants the council to scrap the 12% levies on imported grain.", "12%", "levies"),
        ("Dockworkers were offered a 3% pay rise by the port authority.", "3%", "pay rise"),
        ("The port authority bought a 40 percent stake in the ferry line.", "40 percent", "stake"),
        ("Analysts reported a 5% rise in rents.", "5%", "rents"),
        ("Rents saw a 5% rise in the first quarter.", "5%", "Rents"),
        ("Customs seized $9 million worth of counterfeit watches.", "$9 million", "counterfeit watches"),
    ],
)
def test_a_figure_in_front_of_a_noun_measures_that_noun(
    nlp: Language, text: str, figure: str, measure: str
) -> None:
    """Not the subject of the verb that governs it: "the council" scraps levies, it is not 12%.
    A noun of change measures its "in" object; with only a time there, the verb's subject."""
    assert figures(nlp, text)[figure].measure == measure
