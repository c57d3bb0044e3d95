"""Plain text: headline line, outlet suffix, body kept as received."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.ingest.text import read_text, split_outlet
from newsprism.records import RawDocument, Skip

DATA = Path(__file__).resolve().parents[2] / "data" / "ingest"


@pytest.mark.parametrize(
    ("headline", "title", "outlet"),
    [
        (
            "Ferry strike ends after two days of talks – Coastal Herald",
            "Ferry strike ends after two days of talks",
            "Coastal Herald",
        ),
        (
            "Ferry strike ends after two days of talks — Times of the Valley",
            "Ferry strike ends after two days of talks",
            "Times of the Valley",
        ),
        (
            "Council backs ‘car-free Sundays’ in the old town | Metro Report",
            "Council backs ‘car-free Sundays’ in the old town",
            "Metro Report",
        ),
        ("Mayor resigns - Newswire", "Mayor resigns", "Newswire"),
        (
            "Mayor resigns over budget row - valley-gazette.example",
            "Mayor resigns over budget row",
            "valley-gazette.example",
        ),
        (
            "Harbour - bridge - reopens on Monday | Coastal Herald",
            "Harbour - bridge - reopens on Monday",
            "Coastal Herald",
        ),
    ],
)
def test_an_outlet_in_the_headline_suffix_is_split_off(headline: str, title: str, outlet: str) -> None:
    assert split_outlet(headline) == (title, outlet)


@pytest.mark.parametrize(
    "headline",
    [
        "Markets rally early - and then slump by the close",  # lowercase continuation
        "Xi and Putin meet in Samarkand – Live Updates",  # a headline part, not an outlet
        "Explained | Why the new tram fares are going up again this summer",  # suffix longer than head
        "Ferry crisis deepens as the talks collapse again - What Happens Next For Workers Now",  # 6 words
        "Russia-Ukraine talks stall as winter nears",  # hyphen without spaces
        "Who pays for the bridge repair – Taxpayers?",  # a question, not an outlet
        "No separator at all in this headline",
    ],
)
def test_real_titles_are_not_split(headline: str) -> None:
    assert split_outlet(headline) == (headline, None)


def test_the_first_nonempty_line_is_the_headline_and_the_rest_is_the_body() -> None:
    doc = read_text("mem", "\n  \nRiver levels fall - Newswire\n\nLine one.\nShare this article\n")
    assert isinstance(doc, RawDocument)
    assert (doc.title, doc.outlet) == ("River levels fall", "Newswire")
    assert doc.text == "\nLine one.\nShare this article\n"  # boilerplate kept for the cleaner
    assert doc.needs_cleaning and doc.fmt == "text"


def test_newlines_are_normalised_and_nbsps_kept() -> None:
    raw = (DATA / "cycle_lanes_nbsp.txt").read_bytes().decode("utf-8")
    doc = read_text("f", raw)
    assert isinstance(doc, RawDocument)
    assert "\r" not in doc.text and "\u00a0" in doc.text and "\u00a0" in doc.title
    assert doc.text.splitlines()[1:] == [line.rstrip("\r") for line in raw.split("\n")[2:-1]]


def test_a_headline_without_body_is_skipped() -> None:
    result = read_text("f", "Only a headline here\n\n   \n")
    assert isinstance(result, Skip) and "headline" in result.reason


PARAGRAPH = (
    "The harbour board voted on Tuesday to extend the ferry service to the northern islands for "
    "another five years, after months of talks with the operator over fares, crew numbers and the "
    "age of the two boats that run the route in winter."
)


def test_a_file_of_one_paragraph_is_a_body_without_a_headline() -> None:
    doc = read_text("f", PARAGRAPH + "\n")
    assert isinstance(doc, RawDocument) and doc.title == "" and doc.text == PARAGRAPH + "\n"


def test_a_first_line_too_long_for_a_headline_stays_in_the_body() -> None:
    doc = read_text("f", f"\n{PARAGRAPH}\n\nThe operator welcomed the vote.\n")
    assert isinstance(doc, RawDocument) and doc.title == ""
    assert doc.text.startswith(PARAGRAPH) and doc.text.endswith("The operator welcomed the vote.\n")


def test_the_fixture_headline_outlet_is_found() -> None:
    doc = read_text("f", (DATA / "harbour_bridge.txt").read_text(encoding="utf-8"))
    assert isinstance(doc, RawDocument) and doc.outlet == "Coastal Herald"
    assert doc.title == "Harbour bridge reopens to traffic after three-week repair"
    assert doc.text.startswith("\nSubscribe to our newsletter\n")
