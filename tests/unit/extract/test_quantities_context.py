"""Quantities: what a figure measures, its direction and its period, read from a dependency parse.

The Docs are built by hand (words, heads, labels), so no trained model is needed.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsprism.extract.quantities import extract_quantities
from newsprism.records import Quantity, Span
from tests.docs import from_rows, tight


def parsed(rows: list[tuple[str, int, str, str, str]]) -> Doc:
    """A Doc from (word, head index, dep, pos, lemma) rows."""
    return from_rows(rows, "word head dep pos lemma", spaces=tight([r[0] for r in rows], {".", "%"}))


def by_text(doc: Doc, text: str) -> Quantity:
    found = {q.text: q for q in extract_quantities(doc, "art")}
    assert text in found, list(found)
    return found[text]


# "Russian exports rose 40% in the first half of 2023."
ROSE = [
    ("Russian", 1, "amod", "ADJ", "russian"),
    ("exports", 2, "nsubj", "NOUN", "export"),
    ("rose", 2, "ROOT", "VERB", "rise"),
    ("40", 4, "nummod", "NUM", "40"),
    ("%", 2, "npadvmod", "NOUN", "%"),
    ("in", 2, "prep", "ADP", "in"),
    ("the", 8, "det", "DET", "the"),
    ("first", 8, "amod", "ADJ", "first"),
    ("half", 5, "pobj", "NOUN", "half"),
    ("of", 8, "prep", "ADP", "of"),
    ("2023", 9, "pobj", "NUM", "2023"),
    (".", 2, "punct", "PUNCT", "."),
]


def test_the_subject_of_the_governing_verb_is_what_is_measured() -> None:
    q = by_text(parsed(ROSE), "40%")
    assert q.measure == "Russian exports"
    doc_text = "Russian exports rose 40% in the first half of 2023."
    assert q.measure_span is not None
    assert q.measure_span.text_of(doc_text) == "Russian exports"


def test_the_governing_verb_gives_the_direction() -> None:
    assert by_text(parsed(ROSE), "40%").direction == "rise"


def test_a_time_phrase_on_the_governing_verb_is_the_period() -> None:
    q = by_text(parsed(ROSE), "40%")
    assert q.period == "in the first half of 2023"
    assert q.period_span == Span(q.span.article, 25, 50)


def test_the_first_half_of_a_year_is_itself_a_reference_period() -> None:
    q = by_text(parsed(ROSE), "first half")
    assert (q.value, q.category) == (0.5, "period")
    assert q.period is None  # a period is not its own period


# "Crime fell by 9% last year."
FELL = [
    ("Crime", 1, "nsubj", "NOUN", "crime"),
    ("fell", 1, "ROOT", "VERB", "fall"),
    ("by", 1, "prep", "ADP", "by"),
    ("9", 4, "nummod", "NUM", "9"),
    ("%", 2, "pobj", "NOUN", "%"),
    ("last", 6, "amod", "ADJ", "last"),
    ("year", 1, "npadvmod", "NOUN", "year"),
    (".", 1, "punct", "PUNCT", "."),
]


def test_falling_figures_point_down_and_a_bare_date_phrase_is_a_period() -> None:
    doc = parsed(FELL)
    doc.ents = [doc.char_span(doc[5].idx, doc[6].idx + 4, label="DATE")]  # type: ignore[list-item]
    q = by_text(doc, "9%")
    assert (q.direction, q.measure, q.period) == ("fall", "Crime", "last year")


# "Some 18 percent of the workforce is idle."
SHARE = [
    ("Some", 2, "advmod", "ADV", "some"),
    ("18", 2, "nummod", "NUM", "18"),
    ("percent", 6, "nsubj", "NOUN", "percent"),
    ("of", 2, "prep", "ADP", "of"),
    ("the", 5, "det", "DET", "the"),
    ("workforce", 3, "pobj", "NOUN", "workforce"),
    ("is", 6, "ROOT", "AUX", "be"),
    ("idle", 6, "acomp", "ADJ", "idle"),
    (".", 6, "punct", "PUNCT", "."),
]


def test_an_of_phrase_after_the_figure_is_what_is_measured() -> None:
    q = by_text(parsed(SHARE), "18 percent")
    assert (q.measure, q.modifier, q.direction, q.period) == ("the workforce", "some", None, None)


# "They sent 150 armoured trucks."
TRUCKS = [
    ("They", 1, "nsubj", "PRON", "they"),
    ("sent", 1, "ROOT", "VERB", "send"),
    ("150", 4, "nummod", "NUM", "150"),
    ("armoured", 4, "amod", "ADJ", "armoured"),
    ("trucks", 1, "dobj", "NOUN", "truck"),
    (".", 1, "punct", "PUNCT", "."),
]


def test_a_count_spans_and_measures_its_head_noun() -> None:
    q = by_text(parsed(TRUCKS), "150 armoured trucks")
    assert (q.value, q.unit, q.category, q.measure) == (150, "count", "count", "armoured trucks")


# "One is enough."  /  "one of the reasons"
PRONOUN = [
    ("One", 1, "nsubj", "NUM", "one"),
    ("is", 1, "ROOT", "AUX", "be"),
    ("enough", 1, "acomp", "ADJ", "enough"),
    (".", 1, "punct", "PUNCT", "."),
]


def test_one_used_as_a_pronoun_is_not_a_count() -> None:
    assert extract_quantities(parsed(PRONOUN), "art") == []
