"""Finding time expressions in a parsed Doc, their extents, tense and re-anchoring.

Docs are built by hand (words, tags, heads, entities) on a blank English vocabulary: no model.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from newsprism.extract.timex import (
    Narrative,
    anchor_date_of,
    extract_time_expressions,
    infer_publication_date,
    is_antecedent,
    reanchor,
    tense_from_value,
)
from newsprism.extract.timex.spans import clause_tense
from newsprism.records import Published, Span, TimeExpression, content_id
from tests.docs import Row, make_doc

MET_ON_THURSDAY: list[Row] = [
    ("Officials", "NNS", "NOUN", 1, "nsubj", "O"),
    ("met", "VBD", "VERB", 1, "ROOT", "O"),
    ("on", "IN", "ADP", 1, "prep", "O"),
    ("Thursday", "NNP", "PROPN", 2, "pobj", "B-DATE"),
    ("in", "IN", "ADP", 1, "prep", "O"),
    ("Tashkent", "NNP", "PROPN", 4, "pobj", "B-GPE"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]
WILL_MEET_THURSDAY: list[Row] = [
    ("They", "PRP", "PRON", 2, "nsubj", "O"),
    ("will", "MD", "AUX", 2, "aux", "O"),
    ("meet", "VB", "VERB", 2, "ROOT", "O"),
    ("Thursday", "NNP", "PROPN", 2, "npadvmod", "B-DATE"),
    (".", ".", "PUNCT", 2, "punct", "O"),
]
ENDED_IN_FEBRUARY_FOR_YEARS: list[Row] = [
    ("Talks", "NNS", "NOUN", 1, "nsubj", "O"),
    ("ended", "VBD", "VERB", 1, "ROOT", "O"),
    ("in", "IN", "ADP", 1, "prep", "O"),
    ("February", "NNP", "PROPN", 2, "pobj", "B-DATE"),
    ("after", "IN", "ADP", 1, "prep", "O"),
    ("dragging", "VBG", "VERB", 4, "pcomp", "O"),
    ("on", "RP", "ADP", 5, "prt", "O"),
    ("for", "IN", "ADP", 5, "prep", "O"),
    ("years", "NNS", "NOUN", 7, "pobj", "B-DATE"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]
PRICES_NOW_AGE: list[Row] = [
    ("A", "DT", "DET", 2, "det", "O"),
    ("6-year-old", "JJ", "ADJ", 2, "amod", "B-DATE"),
    ("girl", "NN", "NOUN", 3, "nsubj", "O"),
    ("pays", "VBZ", "VERB", 3, "ROOT", "O"),
    ("more", "JJR", "ADJ", 3, "dobj", "O"),
    ("now", "RB", "ADV", 3, "advmod", "O"),
    (".", ".", "PUNCT", 3, "punct", "O"),
]
# "Officials said Wednesday the ministers will meet next week on Sept. 15, 2021."
PREVIEW: list[Row] = [
    ("Officials", "NNS", "NOUN", 1, "nsubj", "O"),
    ("said", "VBD", "VERB", 1, "ROOT", "O"),
    ("Wednesday", "NNP", "PROPN", 1, "npadvmod", "B-DATE"),
    ("the", "DT", "DET", 4, "det", "O"),
    ("ministers", "NNS", "NOUN", 6, "nsubj", "O"),
    ("will", "MD", "AUX", 6, "aux", "O"),
    ("meet", "VB", "VERB", 1, "ccomp", "O"),
    ("next", "JJ", "ADJ", 8, "amod", "B-DATE"),
    ("week", "NN", "NOUN", 6, "npadvmod", "I-DATE"),
    ("on", "IN", "ADP", 6, "prep", "O"),
    ("Sept.", "NNP", "PROPN", 9, "pobj", "B-DATE"),
    ("15", "CD", "NUM", 10, "nummod", "I-DATE"),
    (",", ",", "PUNCT", 10, "punct", "I-DATE"),
    ("2021", "CD", "NUM", 10, "nummod", "I-DATE"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]


@pytest.mark.parametrize(
    ("rows", "index", "tense"),
    [(MET_ON_THURSDAY, 3, "past"), (WILL_MEET_THURSDAY, 3, "future"), (PRICES_NOW_AGE, 5, "present")],
    ids=["simple past", "will is future", "present"],
)
def test_the_tense_of_the_clause_holding_a_token(rows: list[Row], index: int, tense: str) -> None:
    assert clause_tense(make_doc(rows)[index]) == tense


class TestExtraction:
    def test_weekday_in_a_past_clause_resolves_backwards(self) -> None:
        doc = make_doc(MET_ON_THURSDAY)
        (expr,) = extract_time_expressions(doc, "a1", date(2022, 9, 17))
        assert (expr.text, expr.type, expr.value, expr.anchor) == (
            "Thursday",
            "DATE",
            "2022-09-15",
            "2022-09-17",
        )

    def test_weekday_in_a_future_clause_resolves_forwards(self) -> None:
        doc = make_doc(WILL_MEET_THURSDAY)
        (expr,) = extract_time_expressions(doc, "a1", date(2022, 9, 13))
        assert expr.value == "2022-09-15"

    def test_extent_excludes_on_and_keeps_in_and_for(self) -> None:
        doc = make_doc(ENDED_IN_FEBRUARY_FOR_YEARS)
        texts = [e.text for e in extract_time_expressions(doc, "a1", date(2022, 9, 15))]
        assert texts == ["in February", "for years"]
        assert [e.text for e in extract_time_expressions(make_doc(MET_ON_THURSDAY), "a1", None)] == [
            "Thursday"
        ]

    def test_offsets_and_ids(self) -> None:
        doc = make_doc(ENDED_IN_FEBRUARY_FOR_YEARS)
        first = extract_time_expressions(doc, "a1", date(2022, 9, 15))[0]
        assert first.span.text_of(doc.text) == "in February"
        assert first.id == content_id("a1", str(first.span.start), str(first.span.end))
        assert first.span.article == "a1"

    def test_vague_words_found_without_an_entity_and_ages_dropped(self) -> None:
        doc = make_doc(PRICES_NOW_AGE)
        exprs = extract_time_expressions(doc, "a1", date(2022, 9, 15))
        assert [(e.text, e.value) for e in exprs] == [("now", "PRESENT_REF")]

    def test_no_anchor_leaves_relative_values_empty(self) -> None:
        doc = make_doc(ENDED_IN_FEBRUARY_FOR_YEARS)
        exprs = extract_time_expressions(doc, "a1", None)
        assert [(e.value, e.anchor) for e in exprs] == [(None, None), ("PXY", None)]

    def test_deterministic(self) -> None:
        doc = make_doc(PREVIEW)
        assert extract_time_expressions(doc, "a", date(2021, 9, 8)) == extract_time_expressions(
            doc, "a", date(2021, 9, 8)
        )


class TestReanchor:
    def _expr(self, text: str, value: str | None, anchor: str | None) -> TimeExpression:
        return TimeExpression("id", Span("a1", 0, len(text)), text, "DATE", value, None, anchor)

    def test_past_reading_survives_a_new_anchor(self) -> None:
        expr = self._expr("Monday", "2022-09-12", "2022-09-15")
        assert tense_from_value(expr) == "past"
        assert reanchor(expr, date(2022, 9, 21)).value == "2022-09-19"

    @pytest.mark.parametrize(
        ("value", "tense"),
        [
            ("2022-08", "past"),
            ("2022-09", None),  # the anchor's own month: months are compared, not first days
            ("2022-10", "future"),
            ("2022-W36", "past"),
            ("2022-09-16/2022-09-20", "future"),  # an interval: its start
            ("2022", None),  # the anchor's year, quarter or half tells nothing
            ("2022-Q3", None),
            ("PRESENT_REF", None),
        ],
    )
    def test_a_value_before_or_after_its_anchor_was_read_past_or_future(
        self, value: str, tense: str | None
    ) -> None:
        assert tense_from_value(self._expr("then", value, "2022-09-15")) == tense

    def test_future_reading_survives_a_new_anchor(self) -> None:
        expr = self._expr("Monday", "2022-09-19", "2022-09-15")
        moved = reanchor(expr, date(2022, 9, 20))
        assert (moved.value, moved.anchor) == ("2022-09-26", "2022-09-20")

    def test_explicit_tense_wins(self) -> None:
        expr = self._expr("Monday", None, None)
        assert reanchor(expr, date(2022, 9, 15), "future").value == "2022-09-19"

    def test_how_long_keeps_its_reading_under_a_new_anchor(self) -> None:
        """ "the year" of "the year ended March 31" was read with the day after it (P1Y); its
        text alone would say the calendar year."""
        expr = replace(self._expr("the year", "P1Y", "2022-09-15"), type="DURATION")
        moved = reanchor(expr, date(2022, 9, 7))
        assert (moved.type, moved.value, moved.anchor) == ("DURATION", "P1Y", "2022-09-07")

    def test_ids_and_offsets_do_not_change(self) -> None:
        expr = self._expr("last week", "2022-W36", "2022-09-15")
        moved = reanchor(expr, date(2022, 9, 7))
        assert (moved.id, moved.span.start, moved.span.end, moved.value) == ("id", 0, 9, "2022-W35")


class TestPublicationDate:
    def test_explicit_day_next_week_and_a_past_weekday(self) -> None:
        published = infer_publication_date(make_doc(PREVIEW), "a1")
        assert published.value == "2021-09-08"
        assert published.how == "inferred"
        assert published.confidence is not None and 0.0 < published.confidence <= 1.0
        assert any("Wednesday" in e for e in published.evidence)
        assert any("2021" in e for e in published.evidence)

    def test_nothing_to_go_on_gives_unknown(self) -> None:
        assert infer_publication_date(make_doc(MET_ON_THURSDAY), "a1") == Published()

    @pytest.mark.parametrize(
        ("published", "anchor"),
        [
            (Published("2022-09-15"), date(2022, 9, 15)),
            (Published("2022-09-15T08:30:00+00:00", "metadata"), date(2022, 9, 15)),
            (Published(), None),
            (Published("not a date"), None),
        ],
    )
    def test_anchor_date_of(self, published: Published, anchor: date | None) -> None:
        assert anchor_date_of(published) == anchor


def test_a_clock_time_before_a_time_zone_is_no_year_for_the_publication_date() -> None:
    from newsprism.extract.timex.pubdate import ClueSource, clues_from, estimate_year

    sources = [
        ClueSource("Saturday (2031 GMT", "past", 0),
        ClueSource("0600 hours", None, 1),
        ClueSource("in 2014", "past", 2),
    ]
    assert estimate_year(clues_from(sources)) == 2014


def test_a_year_the_text_looks_ahead_to_is_no_evidence_of_when_it_was_written() -> None:
    from newsprism.extract.timex.pubdate import ClueSource, clues_from, estimate_year

    sources = [ClueSource("in 2014", "past", 0), ClueSource("by 2030", "future", 1)]
    assert estimate_year(clues_from([ClueSource("on Sept. 15, 2021", "future", 0)])) == 2021
    assert estimate_year(clues_from(sources)) == 2014


class TestAntecedents:
    def test_a_dated_period_becomes_the_antecedent(self) -> None:
        assert is_antecedent("2011-Q3", date(2011, 11, 3), "the third quarter")

    @pytest.mark.parametrize("text", ["a year earlier", "the year-ago quarter", "year-earlier", "a year ago"])
    def test_the_same_period_a_year_before_does_not_move_the_narrative(self, text: str) -> None:
        # "profit rose in the third quarter from a year earlier; sales were flat from a year
        # earlier": each comparison is with the quarter reported, not with the one before it.
        assert not is_antecedent("2010-Q3", date(2011, 11, 3), text)

    def test_a_year_is_an_antecedent_for_years_only(self) -> None:
        # "The bridge opened in 1998 ... in the third quarter ... that year": the quarter stays
        # the antecedent of "the 1988 quarter", the year becomes that of "that year"
        anchor = date(2011, 11, 3)
        narrative = Narrative().after("DATE", "2010-Q3", anchor, "the third quarter")
        narrative = narrative.after("DATE", "1998", anchor, "1998")
        assert (narrative.previous, narrative.latest) == ("2010-Q3", "1998")
        assert narrative.after("DURATION", "P3Y", anchor, "three years") == narrative
        assert narrative.after("DATE", "2010", anchor, "a year earlier") == narrative

    def test_that_year_reads_the_year_the_text_moved_to(self) -> None:
        rows: list[Row] = [
            ("It", "PRP", "PRON", 1, "nsubj", "O"),
            ("opened", "VBD", "VERB", 1, "ROOT", "O"),
            ("in", "IN", "ADP", 1, "prep", "O"),
            ("1998", "CD", "NUM", 2, "pobj", "B-DATE"),
            ("and", "CC", "CCONJ", 1, "cc", "O"),
            ("closed", "VBD", "VERB", 1, "conj", "O"),
            ("that", "DT", "DET", 7, "det", "B-DATE"),
            ("year", "NN", "NOUN", 5, "npadvmod", "I-DATE"),
            (".", ".", "PUNCT", 1, "punct", "O"),
        ]
        values = [
            (e.text, e.value) for e in extract_time_expressions(make_doc(rows), "a1", date(2011, 11, 3))
        ]
        assert values == [("1998", "1998"), ("that year", "1998")]
