"""Parts and wholes are no rival figures: a figure that adds up with others of its sentence to the
other article's, and a figure its own words set apart as one part of several. Each rule has its
counter-example, the same articles without what makes the figure a part, which stays a conflict."""

from __future__ import annotations

from newsprism.link.claims.quantities import part_marked
from newsprism.records import Quantity, Span
from tests.unit.link.test_claims import Doc, counts, run

MONEY = {"unit": "currency:EUR", "category": "money"}


def money(aid: str, text: str, *figures: tuple[str, float]) -> Doc:
    return counts(aid, text, *figures, **MONEY)


def severities(*docs: Doc) -> list[str]:
    return [severity for kind, severity, _ in run(*docs)[1] if kind == "quantity"]


# The fund's rescue of a port operator: a sum told in parts by one article, whole by the other.
PARTS = (
    "The harbour fund agreed on Monday to put €5 billion of new capital into Veltmar Ports and to "
    "pay €2 billion for the stakes of its old owners, the finance ministry said."
)
WHOLE = (
    "The finance ministry said on Monday that the harbour fund had agreed a €7 billion rescue of "
    "Veltmar Ports, buying out its old owners."
)


def test_a_figure_that_adds_up_with_its_sentence_to_the_other_articles_is_no_rival() -> None:
    parts = money("a", PARTS, ("€5 billion", 5e9), ("€2 billion", 2e9))
    assert severities(parts, money("b", WHOLE, ("€7 billion", 7e9))) == []


def test_without_the_second_part_the_two_figures_are_rivals() -> None:
    lone = PARTS.replace("€2 billion", "€1 billion")
    parts = money("a", lone, ("€5 billion", 5e9), ("€1 billion", 1e9))
    assert severities(parts, money("b", WHOLE, ("€7 billion", 7e9))) == ["contradiction"]


def test_a_whole_whose_own_sentence_names_the_other_part_is_no_rival() -> None:
    whole = WHOLE.replace("buying out its old owners", "including €2 billion for its old owners")
    other = (
        "The harbour fund agreed on Monday to put €5 billion of new capital into Veltmar Ports, "
        "the finance ministry said."
    )
    docs = (money("a", other, ("€5 billion", 5e9)),)
    assert severities(*docs, money("b", whole, ("€7 billion", 7e9), ("€2 billion", 2e9))) == []
    assert severities(*docs, money("b", WHOLE, ("€7 billion", 7e9))) == ["contradiction"]


def test_a_whole_of_one_addends_kind_stays_a_rival_of_the_sum() -> None:
    """€5 billion in loans and €2 billion in grants add up to €7 billion, but the other article's
    €7 billion are loans: one sum of loans given twice, not the whole of both."""
    listed = (
        "The harbour fund agreed on Monday to lend €5 billion to Veltmar Ports and to give €2 billion "
        "in grants to its old owners, the finance ministry said."
    )
    loans = (
        "The finance ministry said on Monday that the harbour fund would lend €7 billion to Veltmar Ports."
    )
    parts = money("a", listed, ("€5 billion", 5e9), ("€2 billion", 2e9))
    assert severities(parts, money("b", loans, ("€7 billion", 7e9))) == ["contradiction"]
    rescue = loans.replace("would lend €7 billion to", "agreed a €7 billion rescue of")
    assert severities(parts, money("b", rescue, ("€7 billion", 7e9))) == []


def test_shares_and_counts_are_never_added_up() -> None:
    """45 and 15 percent of one poll make 60, the other article's share of supporters: a poll's
    shares add up to the other's by chance, and 45 percent backing the plan against 60 percent
    supporting it is a disagreement. Nor is a toll of "11 dead and 3 missing" part of "14 dead"."""
    poll = (
        "In the survey, 45 percent backed the plan, 30 percent opposed it and 15 percent were unsure, "
        "the institute said."
    )
    other = "In the survey, 60 percent of those asked supported the plan, the institute said."
    shares = {"unit": "percent", "category": "percent"}
    first = counts("a", poll, ("45 percent", 45), ("30 percent", 30), ("15 percent", 15), **shares)
    assert severities(first, counts("b", other, ("60 percent", 60), **shares)) == ["contradiction"]
    listed = "The mudslide left 11 people dead and 3 missing in the hill village, the regional police said."
    dead = "The mudslide left 14 people dead in the hill village, the regional police said."
    first = counts("a", listed, ("11 people", 11), ("3", 3))
    assert severities(first, counts("b", dead, ("14 people", 14))) == ["contradiction"]


# A levy on two lists of imports: one article names one list, the other all the goods.
ONE_LIST = (
    "The trade office wants the 20% levy lifted from an earlier, €180 billion list of "
    "machinery and textile imports, the minister said on Friday."
)
ALL_GOODS = (
    "The minister said on Friday that the 20% levy on €240 billion worth of machinery and "
    "textile imports would stay."
)


def test_a_figure_named_as_one_part_is_no_rival_of_a_larger_whole() -> None:
    part = money("a", ONE_LIST, ("€180 billion", 1.8e11))
    assert severities(part, money("b", ALL_GOODS, ("€240 billion", 2.4e11))) == []


def test_the_same_figure_without_the_part_words_is_a_rival() -> None:
    plain = ONE_LIST.replace("an earlier, €180 billion list of", "€180 billion worth of")
    part = money("a", plain, ("€180 billion", 1.8e11))
    assert severities(part, money("b", ALL_GOODS, ("€240 billion", 2.4e11))) == ["contradiction"]


def test_a_part_larger_than_the_other_figure_is_still_a_rival() -> None:
    """A part cannot exceed its whole: an earlier list of €300 billion against €240 billion of
    goods in all is a disagreement."""
    big = ONE_LIST.replace("€180 billion", "€300 billion")
    part = money("a", big, ("€300 billion", 3e11))
    assert severities(part, money("b", ALL_GOODS, ("€240 billion", 2.4e11))) == ["contradiction"]


def quantity(text: str, words: str, modifier: str | None = None) -> Quantity:
    start = text.index(words)
    return Quantity(
        id="q", span=Span("a", start, start + len(words)), text=words, value=1.0, unit="count",
        category="count", modifier=modifier,
    )  # fmt: skip


def test_part_words_mark_a_figure_only_at_the_figure() -> None:
    def marked(text: str, words: str, modifier: str | None = None) -> bool:
        return part_marked(text, quantity(text, words, modifier), (0, len(text)))

    assert marked("They paid a first tranche of €2 billion.", "€2 billion")
    assert marked("They sent another 300 troops.", "300 troops")
    assert marked("They sent an additional about 300 troops.", "300 troops", "about")
    assert marked("It covers a €90 billion second list of goods.", "€90 billion")
    assert not marked("It was his first trip abroad in 3 years.", "3 years")
    assert not marked("The latest toll stood at 14 people.", "14 people")
    assert not marked("The list names 300 goods.", "300 goods")
    assert not marked("They paid part of the €2 billion.", "€2 billion")
