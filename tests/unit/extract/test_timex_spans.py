"""Extents and clause tense of time expressions, and the tense each one keeps for re-anchoring.

Docs are built by hand (words, tags, heads, entities) on a blank English vocabulary: no model.
"""

from __future__ import annotations

from datetime import date

from newsprism.extract.timex import extract_time_expressions, reanchor, stored_tense
from newsprism.extract.timex.spans import clause_tense
from newsprism.records import Span, TimeExpression
from tests.docs import Row, from_rows, lowered, make_doc

# The NER tags the weekday (DATE) and the part of day (TIME) as two entities.
BY_THURSDAY_EVENING: list[Row] = [
    ("Water", "NN", "NOUN", 1, "nsubj", "O"),
    ("covered", "VBD", "VERB", 1, "ROOT", "O"),
    ("farmland", "NN", "NOUN", 1, "dobj", "O"),
    ("by", "IN", "ADP", 1, "prep", "O"),
    ("Thursday", "NNP", "PROPN", 5, "compound", "B-DATE"),
    ("evening", "NN", "NOUN", 3, "pobj", "B-TIME"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]
# The NER runs the date on into the noun it qualifies.
AFTER_LAST_WEEKS_STORM: list[Row] = [
    ("They", "PRP", "PRON", 1, "nsubj", "O"),
    ("met", "VBD", "VERB", 1, "ROOT", "O"),
    ("after", "IN", "ADP", 1, "prep", "O"),
    ("last", "JJ", "ADJ", 4, "amod", "B-DATE"),
    ("week", "NN", "NOUN", 6, "poss", "I-DATE"),
    ("’s", "POS", "PART", 4, "case", "I-DATE"),
    ("storm", "NN", "NOUN", 2, "pobj", "I-DATE"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]
# No entity at all on "last autumn"; "winter" of "winter wheat" tagged DATE.
WINTER_WHEAT_LAST_AUTUMN: list[Row] = [
    ("Winter", "NN", "NOUN", 1, "compound", "B-DATE"),
    ("wheat", "NN", "NOUN", 3, "nsubjpass", "O"),
    ("was", "VBD", "AUX", 3, "auxpass", "O"),
    ("sown", "VBN", "VERB", 3, "ROOT", "O"),
    ("only", "RB", "ADV", 6, "advmod", "O"),
    ("last", "JJ", "ADJ", 6, "amod", "O"),
    ("autumn", "NN", "NOUN", 3, "npadvmod", "O"),
    (".", ".", "PUNCT", 3, "punct", "O"),
]
RAIN_IS_FORECAST_FOR_THE_WEEKEND: list[Row] = [
    ("Rain", "NN", "NOUN", 2, "nsubjpass", "O"),
    ("is", "VBZ", "AUX", 2, "auxpass", "O"),
    ("forecast", "VBN", "VERB", 2, "ROOT", "O"),
    ("for", "IN", "ADP", 2, "prep", "O"),
    ("the", "DT", "DET", 5, "det", "B-DATE"),
    ("weekend", "NN", "NOUN", 3, "pobj", "I-DATE"),
    (".", ".", "PUNCT", 2, "punct", "O"),
]
SHOPS_ARE_SHUT_ON_SUNDAYS: list[Row] = [
    ("Shops", "NNS", "NOUN", 2, "nsubjpass", "O"),
    ("are", "VBP", "AUX", 2, "auxpass", "O"),
    ("shut", "VBN", "VERB", 2, "ROOT", "O"),
    ("on", "IN", "ADP", 2, "prep", "O"),
    ("Sundays", "NNPS", "PROPN", 3, "pobj", "B-DATE"),
    (".", ".", "PUNCT", 2, "punct", "O"),
]
# The NER tags the clock time (TIME) and the day it falls on (DATE) as two entities.
GIVEN_UNTIL_NINE_TUESDAY: list[Row] = [
    ("They", "PRP", "PRON", 1, "nsubj", "O"),
    ("have", "VBP", "VERB", 1, "ROOT", "O"),
    ("until", "IN", "ADP", 1, "prep", "O"),
    ("9", "CD", "NUM", 4, "nummod", "B-TIME"),
    ("a.m.", "NN", "NOUN", 2, "pobj", "I-TIME"),
    ("Tuesday", "NNP", "PROPN", 4, "npadvmod", "B-DATE"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]
# No entity on the rate "a year", nor on "each Thursday" (the NER tags the weekday alone).
SELLS_TEN_THOUSAND_A_YEAR_EACH_THURSDAY: list[Row] = [
    ("It", "PRP", "PRON", 1, "nsubj", "O"),
    ("sells", "VBZ", "VERB", 1, "ROOT", "O"),
    ("10,000", "CD", "NUM", 3, "nummod", "B-CARDINAL"),
    ("copies", "NNS", "NOUN", 1, "dobj", "O"),
    ("a", "DT", "DET", 5, "det", "O"),
    ("year", "NN", "NOUN", 1, "npadvmod", "O"),
    ("and", "CC", "CCONJ", 1, "cc", "O"),
    ("ships", "VBZ", "VERB", 1, "conj", "O"),
    ("them", "PRP", "PRON", 7, "dobj", "O"),
    ("each", "DT", "DET", 10, "det", "O"),
    ("Thursday", "NNP", "PROPN", 7, "npadvmod", "B-DATE"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]
# "a year" after a verb is how long, not how often.
WAITED_A_YEAR: list[Row] = [
    ("She", "PRP", "PRON", 1, "nsubj", "O"),
    ("waited", "VBD", "VERB", 1, "ROOT", "O"),
    ("a", "DT", "DET", 3, "det", "O"),
    ("year", "NN", "NOUN", 1, "npadvmod", "O"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]
# "They will appeal the ruling, announced Wednesday": the participle dates its own (past) event.
WILL_APPEAL_THE_RULING_ANNOUNCED_WEDNESDAY: list[Row] = [
    ("They", "PRP", "PRON", 2, "nsubj", "O"),
    ("will", "MD", "AUX", 2, "aux", "O"),
    ("appeal", "VB", "VERB", 2, "ROOT", "O"),
    ("the", "DT", "DET", 4, "det", "O"),
    ("ruling", "NN", "NOUN", 2, "dobj", "O"),
    (",", ",", "PUNCT", 2, "punct", "O"),
    ("announced", "VBN", "VERB", 2, "advcl", "O"),
    ("Wednesday", "NNP", "PROPN", 6, "npadvmod", "B-DATE"),
    (".", ".", "PUNCT", 2, "punct", "O"),
]
# "The vote, scheduled Wednesday, ...": a participle of scheduling still looks ahead.
THE_VOTE_SCHEDULED_WEDNESDAY: list[Row] = [
    ("The", "DT", "DET", 1, "det", "O"),
    ("vote", "NN", "NOUN", 5, "nsubj", "O"),
    (",", ",", "PUNCT", 1, "punct", "O"),
    ("scheduled", "VBN", "VERB", 5, "advcl", "O"),
    ("Wednesday", "NNP", "PROPN", 3, "npadvmod", "B-DATE"),
    ("matters", "VBZ", "VERB", 5, "ROOT", "O"),
    (".", ".", "PUNCT", 5, "punct", "O"),
]
# "The agency had postponed action until Tuesday": a deadline, not when the clause happened.
POSTPONED_UNTIL_TUESDAY: list[Row] = [
    ("The", "DT", "DET", 1, "det", "O"),
    ("agency", "NN", "NOUN", 3, "nsubj", "O"),
    ("had", "VBD", "AUX", 3, "aux", "O"),
    ("postponed", "VBN", "VERB", 3, "ROOT", "O"),
    ("action", "NN", "NOUN", 3, "dobj", "O"),
    ("until", "IN", "ADP", 3, "prep", "O"),
    ("Tuesday", "NNP", "PROPN", 5, "pobj", "B-DATE"),
    (".", ".", "PUNCT", 3, "punct", "O"),
]
# "Current" and "recent" before a noun say when: now, lately ("current market conditions").
BLAMED_CURRENT_CONDITIONS_AND_A_RECENT_SALE: list[Row] = [
    ("It", "PRP", "PRON", 1, "nsubj", "O"),
    ("blamed", "VBD", "VERB", 1, "ROOT", "O"),
    ("current", "JJ", "ADJ", 4, "amod", "O"),
    ("market", "NN", "NOUN", 4, "compound", "O"),
    ("conditions", "NNS", "NOUN", 1, "dobj", "O"),
    ("and", "CC", "CCONJ", 4, "cc", "O"),
    ("a", "DT", "DET", 8, "det", "O"),
    ("recent", "JJ", "ADJ", 8, "amod", "O"),
    ("sale", "NN", "NOUN", 4, "conj", "O"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]
# ... but a current account is a kind of account, and an electric current no time at all.
CURRENT_ACCOUNT_DEFICIT: list[Row] = [
    ("The", "DT", "DET", 3, "det", "O"),
    ("current", "JJ", "ADJ", 2, "amod", "O"),
    ("account", "NN", "NOUN", 3, "compound", "O"),
    ("deficit", "NN", "NOUN", 4, "nsubj", "O"),
    ("grew", "VBD", "VERB", 4, "ROOT", "O"),
    (".", ".", "PUNCT", 4, "punct", "O"),
]
# "now that": the now is the present.
NOW_THAT_TALKS_ENDED: list[Row] = [
    ("Now", "RB", "ADV", 3, "advmod", "O"),
    ("that", "IN", "SCONJ", 3, "mark", "O"),
    ("talks", "NNS", "NOUN", 3, "nsubj", "O"),
    ("ended", "VBD", "VERB", 5, "advcl", "O"),
    (",", ",", "PUNCT", 5, "punct", "O"),
    ("prices", "NNS", "NOUN", 5, "nsubj", "O"),
    ("fell", "VBD", "VERB", 5, "ROOT", "O"),
    (".", ".", "PUNCT", 6, "punct", "O"),
]
THURSDAY_2025 = date(2025, 3, 13)
FRIDAY_2025 = date(2025, 3, 14)


def found(rows: list[Row], anchor: date) -> list[tuple[str, str, str | None]]:
    return [(e.text, e.type, e.value) for e in extract_time_expressions(make_doc(rows), "a1", anchor)]


class TestExtents:
    def test_a_weekday_takes_the_part_of_day_after_it(self) -> None:
        assert found(BY_THURSDAY_EVENING, FRIDAY_2025) == [("Thursday evening", "TIME", "2025-03-13TEV")]

    def test_an_expression_ends_before_a_possessive(self) -> None:
        assert found(AFTER_LAST_WEEKS_STORM, FRIDAY_2025) == [("last week", "DATE", "2025-W10")]

    def test_relative_seasons_are_found_without_an_entity(self) -> None:
        assert found(WINTER_WHEAT_LAST_AUTUMN, FRIDAY_2025) == [("last autumn", "DATE", "2024-FA")]

    def test_a_season_naming_a_kind_of_thing_is_not_a_time(self) -> None:
        texts = [t for t, _, _ in found(WINTER_WHEAT_LAST_AUTUMN, FRIDAY_2025)]
        assert "Winter" not in texts

    def test_a_clock_time_takes_the_day_after_it(self) -> None:
        assert found(GIVEN_UNTIL_NINE_TUESDAY, date(2025, 3, 10)) == [
            ("9 a.m. Tuesday", "TIME", "2025-03-11T09:00")
        ]

    def test_a_unit_after_an_amount_is_a_rate_and_each_weekday_a_set(self) -> None:
        assert found(SELLS_TEN_THOUSAND_A_YEAR_EACH_THURSDAY, FRIDAY_2025) == [
            ("a year", "SET", "P1Y"),
            ("each Thursday", "SET", "XXXX-WXX-4"),
        ]

    def test_a_unit_after_a_verb_is_no_rate(self) -> None:
        assert found(WAITED_A_YEAR, FRIDAY_2025) == []


class TestPassiveTense:
    def test_a_present_passive_of_forecasting_looks_ahead(self) -> None:
        doc = make_doc(RAIN_IS_FORECAST_FOR_THE_WEEKEND)
        assert clause_tense(doc[5]) == "future"
        # Published on a Thursday: the coming weekend, not the one before.
        assert found(RAIN_IS_FORECAST_FOR_THE_WEEKEND, THURSDAY_2025) == [
            ("the weekend", "DATE", "2025-W11-WE")
        ]

    def test_any_other_present_passive_is_present(self) -> None:
        doc = make_doc(SHOPS_ARE_SHUT_ON_SUNDAYS)
        assert clause_tense(doc[4]) == "present"


class TestRecordedTense:
    def test_every_expression_keeps_the_tense_of_its_clause(self) -> None:
        (expr,) = extract_time_expressions(make_doc(BY_THURSDAY_EVENING), "a1", None)
        assert expr.tense == "past"
        assert expr.value is None  # no anchor yet: the tense is all that says "past"

    def test_reanchoring_uses_the_recorded_tense(self) -> None:
        # Resolved against its own day, the value alone says nothing about the tense.
        expr = TimeExpression(
            "id", Span("a1", 0, 8), "Thursday", "DATE", "2025-03-13", None, "2025-03-13", "past"
        )
        moved = reanchor(expr, date(2025, 3, 18))  # a Tuesday: the nearest Thursday is ahead
        assert (moved.value, moved.tense) == ("2025-03-13", "past")

    def test_records_without_a_tense_fall_back_to_the_value(self) -> None:
        before = TimeExpression("id", Span("a1", 0, 6), "Monday", "DATE", "2022-09-12", None, "2022-09-15")
        assert stored_tense(before) == "past"
        unknown = TimeExpression("id", Span("a1", 0, 6), "Monday", "DATE", None, None, None, "sometime")
        assert stored_tense(unknown) is None


# The NER tags a period and the date that ends it as one entity.
LOSS_IN_THE_QUARTER_ENDED_SEPT_30: list[Row] = [
    ("It", "PRP", "PRON", 1, "nsubj", "O"),
    ("lost", "VBD", "VERB", 1, "ROOT", "O"),
    ("money", "NN", "NOUN", 1, "dobj", "O"),
    ("in", "IN", "ADP", 1, "prep", "O"),
    ("the", "DT", "DET", 5, "det", "B-DATE"),
    ("quarter", "NN", "NOUN", 3, "pobj", "I-DATE"),
    ("ended", "VBN", "VERB", 5, "acl", "I-DATE"),
    ("Sept.", "NNP", "PROPN", 6, "npadvmod", "I-DATE"),
    ("30", "CD", "NUM", 7, "nummod", "I-DATE"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]
# ... and both ends of a range.
BETWEEN_2014_AND_2019: list[Row] = [
    ("Sales", "NNS", "NOUN", 1, "nsubj", "O"),
    ("doubled", "VBD", "VERB", 1, "ROOT", "O"),
    ("between", "IN", "ADP", 1, "prep", "B-DATE"),
    ("2014", "CD", "NUM", 2, "pobj", "I-DATE"),
    ("and", "CC", "CCONJ", 3, "cc", "I-DATE"),
    ("2019", "CD", "NUM", 3, "conj", "I-DATE"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]
# "two to three weeks" is one amount, not two expressions.
TWO_TO_THREE_WEEKS: list[Row] = [
    ("It", "PRP", "PRON", 1, "nsubj", "O"),
    ("lasts", "VBZ", "VERB", 1, "ROOT", "O"),
    ("two", "CD", "NUM", 5, "quantmod", "B-DATE"),
    ("to", "TO", "PART", 4, "quantmod", "I-DATE"),
    ("three", "CD", "NUM", 5, "nummod", "I-DATE"),
    ("weeks", "NNS", "NOUN", 1, "npadvmod", "I-DATE"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]


# A year that ends in March is no calendar year: how long, not which year.
PROFIT_FOR_THE_YEAR_ENDED_MARCH_31: list[Row] = [
    ("It", "PRP", "PRON", 1, "nsubj", "O"),
    ("earned", "VBD", "VERB", 1, "ROOT", "O"),
    ("$5", "$", "SYM", 1, "dobj", "O"),
    ("for", "IN", "ADP", 1, "prep", "O"),
    ("the", "DT", "DET", 6, "det", "B-DATE"),
    ("fiscal", "JJ", "ADJ", 6, "amod", "I-DATE"),
    ("year", "NN", "NOUN", 3, "pobj", "I-DATE"),
    ("ended", "VBN", "VERB", 6, "acl", "I-DATE"),
    ("March", "NNP", "PROPN", 7, "npadvmod", "I-DATE"),
    ("31", "CD", "NUM", 8, "nummod", "I-DATE"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]
SALES_IN_THE_SIX_MONTHS_ENDED_OCT_1: list[Row] = [
    ("Sales", "NNS", "NOUN", 1, "nsubj", "O"),
    ("fell", "VBD", "VERB", 1, "ROOT", "O"),
    ("in", "IN", "ADP", 1, "prep", "O"),
    ("the", "DT", "DET", 5, "det", "B-DATE"),
    ("six", "CD", "NUM", 5, "nummod", "I-DATE"),
    ("months", "NNS", "NOUN", 2, "pobj", "I-DATE"),
    ("ended", "VBN", "VERB", 5, "acl", "I-DATE"),
    ("Oct.", "NNP", "PROPN", 6, "npadvmod", "I-DATE"),
    ("1", "CD", "NUM", 7, "nummod", "I-DATE"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]


class TestRanges:
    def test_a_period_and_the_date_it_ended_are_two_expressions(self) -> None:
        assert found(LOSS_IN_THE_QUARTER_ENDED_SEPT_30, FRIDAY_2025) == [
            ("the quarter", "DATE", "2024-Q4"),
            ("Sept. 30", "DATE", "2024-09-30"),
        ]

    def test_a_year_ended_on_a_day_other_than_december_31_is_a_duration(self) -> None:
        assert found(PROFIT_FOR_THE_YEAR_ENDED_MARCH_31, FRIDAY_2025) == [
            ("the fiscal year", "DURATION", "P1Y"),
            ("March 31", "DATE", "2025-03-31"),
        ]

    def test_some_months_ended_on_a_date_are_a_duration_and_a_date(self) -> None:
        assert found(SALES_IN_THE_SIX_MONTHS_ENDED_OCT_1, FRIDAY_2025) == [
            ("the six months", "DURATION", "P6M"),
            ("Oct. 1", "DATE", "2024-10-01"),
        ]

    def test_a_range_is_one_expression_valued_as_an_interval(self) -> None:
        assert found(BETWEEN_2014_AND_2019, FRIDAY_2025) == [("between 2014 and 2019", "DATE", "2014/2019")]

    def test_a_range_of_amounts_stays_one(self) -> None:
        assert [t for t, _, _ in found(TWO_TO_THREE_WEEKS, FRIDAY_2025)] == ["two to three weeks"]

    def test_a_range_of_days_in_one_month_stays_one(self) -> None:
        rows: list[Row] = [
            ("Talks", "NNS", "NOUN", 1, "nsubj", "O"),
            ("run", "VBP", "VERB", 1, "ROOT", "O"),
            ("March", "NNP", "PROPN", 1, "npadvmod", "B-DATE"),
            ("20", "CD", "NUM", 2, "nummod", "I-DATE"),
            ("-", "SYM", "PUNCT", 5, "punct", "I-DATE"),
            ("21", "CD", "NUM", 2, "prep", "I-DATE"),
            (".", ".", "PUNCT", 1, "punct", "O"),
        ]
        assert found(rows, FRIDAY_2025) == [("March 20 - 21", "DATE", "2025-03-20/2025-03-21")]

    def test_a_number_pair_the_ner_took_for_a_date_is_not_split_into_years(self) -> None:
        rows: list[Row] = [
            ("ISSN", "NNP", "PROPN", 0, "ROOT", "O"),
            ("2283", "CD", "NUM", 0, "appos", "B-DATE"),
            ("-", "SYM", "PUNCT", 1, "punct", "I-DATE"),
            ("5474", "CD", "NUM", 1, "appos", "I-DATE"),
        ]
        assert found(rows, FRIDAY_2025) == []


class TestParticiplesAndDeadlines:
    def test_a_bare_participle_dates_its_own_past_event_under_a_future_clause(self) -> None:
        doc = make_doc(WILL_APPEAL_THE_RULING_ANNOUNCED_WEDNESDAY)
        assert clause_tense(doc[7]) == "past"
        assert found(WILL_APPEAL_THE_RULING_ANNOUNCED_WEDNESDAY, FRIDAY_2025) == [
            ("Wednesday", "DATE", "2025-03-12")
        ]

    def test_a_participle_of_scheduling_looks_ahead(self) -> None:
        doc = make_doc(THE_VOTE_SCHEDULED_WEDNESDAY)
        doc[3].lemma_ = "schedule"
        assert clause_tense(doc[4]) == "future"

    def test_a_weekday_after_until_is_the_nearest_whatever_the_tense(self) -> None:
        # Published on a Monday: "until Tuesday" is the next day, not six days back.
        monday = date(2025, 3, 10)
        assert found(POSTPONED_UNTIL_TUESDAY, monday) == [("Tuesday", "DATE", "2025-03-11")]
        assert found(GIVEN_UNTIL_NINE_TUESDAY, monday) == [("9 a.m. Tuesday", "TIME", "2025-03-11T09:00")]


class TestPresentAndPastReferences:
    def test_current_and_recent_before_a_noun_are_the_present_and_the_past(self) -> None:
        assert found(BLAMED_CURRENT_CONDITIONS_AND_A_RECENT_SALE, FRIDAY_2025) == [
            ("current", "DATE", "PRESENT_REF"),
            ("recent", "DATE", "PAST_REF"),
        ]

    def test_a_current_account_is_no_time(self) -> None:
        assert found(CURRENT_ACCOUNT_DEFICIT, FRIDAY_2025) == []

    def test_the_now_of_now_that_is_the_present(self) -> None:
        assert found(NOW_THAT_TALKS_ENDED, FRIDAY_2025) == [("Now", "DATE", "PRESENT_REF")]


WEDNESDAY_2024 = date(2024, 10, 30)
MONDAY_2024 = date(2024, 10, 28)
FRIDAY_2024 = date(2024, 11, 1)


def tense_and_values(
    rows: list[Row], anchor: date, lemmas: dict[int, str]
) -> list[tuple[str, str | None, str | None]]:
    """(text, tense, value) of each expression in ``rows``, with the lemmas a parse would give
    (``make_doc`` lowercases each word)."""
    doc = make_doc(rows)
    for k, lemma in lemmas.items():
        doc[k].lemma_ = lemma
    return [(e.text, e.tense, e.value) for e in extract_time_expressions(doc, "a1", anchor)]


AGREED_TO_BUY_THE_CHAIN_IN_MARCH: list[Row] = [
    ("The", "DT", "DET", 1, "det", "O"),
    ("retailer", "NN", "NOUN", 2, "nsubj", "O"),
    ("agreed", "VBD", "VERB", 2, "ROOT", "O"),
    ("to", "TO", "PART", 4, "aux", "O"),
    ("buy", "VB", "VERB", 2, "xcomp", "O"),
    ("the", "DT", "DET", 6, "det", "O"),
    ("chain", "NN", "NOUN", 4, "dobj", "O"),
    ("in", "IN", "ADP", 4, "prep", "O"),
    ("March", "NNP", "PROPN", 7, "pobj", "B-DATE"),
    (".", ".", "PUNCT", 2, "punct", "O"),
]
DECLARED_A_DIVIDEND_PAYABLE_DEC_4: list[Row] = [
    ("Directors", "NNS", "NOUN", 1, "nsubj", "O"),
    ("declared", "VBD", "VERB", 1, "ROOT", "O"),
    ("a", "DT", "DET", 3, "det", "O"),
    ("dividend", "NN", "NOUN", 1, "dobj", "O"),
    (",", ",", "PUNCT", 3, "punct", "O"),
    ("payable", "JJ", "ADJ", 3, "amod", "O"),
    ("Dec.", "NNP", "PROPN", 5, "npadvmod", "B-DATE"),
    ("4", "CD", "NUM", 6, "nummod", "I-DATE"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]
THE_EXCHANGE_IS_TO_REOPEN_FRIDAY: list[Row] = [
    ("The", "DT", "DET", 1, "det", "O"),
    ("exchange", "NN", "NOUN", 2, "nsubj", "O"),
    ("is", "VBZ", "AUX", 2, "ROOT", "O"),
    ("to", "TO", "PART", 4, "aux", "O"),
    ("reopen", "VB", "VERB", 2, "xcomp", "O"),
    ("Friday", "NNP", "PROPN", 4, "npadvmod", "B-DATE"),
    (".", ".", "PUNCT", 2, "punct", "O"),
]
HAD_BEEN_DUE_TO_EXPIRE_FRIDAY: list[Row] = [
    ("The", "DT", "DET", 1, "det", "O"),
    ("offer", "NN", "NOUN", 3, "nsubj", "O"),
    ("had", "VBD", "AUX", 3, "aux", "O"),
    ("been", "VBN", "AUX", 3, "ROOT", "O"),
    ("due", "JJ", "ADJ", 3, "acomp", "O"),
    ("to", "TO", "PART", 6, "aux", "O"),
    ("expire", "VB", "VERB", 4, "xcomp", "O"),
    ("Friday", "NNP", "PROPN", 6, "npadvmod", "B-DATE"),
    (".", ".", "PUNCT", 3, "punct", "O"),
]
PLANNED_A_RALLY_ON_SATURDAY: list[Row] = [
    ("Farmers", "NNS", "NOUN", 1, "nsubj", "O"),
    ("planned", "VBD", "VERB", 1, "ROOT", "O"),
    ("a", "DT", "DET", 3, "det", "O"),
    ("rally", "NN", "NOUN", 1, "dobj", "O"),
    ("on", "IN", "ADP", 1, "prep", "O"),
    ("Saturday", "NNP", "PROPN", 4, "pobj", "B-DATE"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]
ON_SATURDAY_FARMERS_PLANNED_A_RALLY: list[Row] = [
    ("On", "IN", "ADP", 3, "prep", "O"),
    ("Saturday", "NNP", "PROPN", 0, "pobj", "B-DATE"),
    (",", ",", "PUNCT", 3, "punct", "O"),
    ("farmers", "NNS", "NOUN", 4, "nsubj", "O"),
    ("planned", "VBD", "VERB", 4, "ROOT", "O"),
    ("a", "DT", "DET", 6, "det", "O"),
    ("rally", "NN", "NOUN", 4, "dobj", "O"),
    (".", ".", "PUNCT", 4, "punct", "O"),
]
COULD_NOT_SAIL_TUESDAY: list[Row] = [
    ("The", "DT", "DET", 1, "det", "O"),
    ("ferry", "NN", "NOUN", 4, "nsubj", "O"),
    ("could", "MD", "AUX", 4, "aux", "O"),
    ("not", "RB", "PART", 4, "neg", "O"),
    ("sail", "VB", "VERB", 4, "ROOT", "O"),
    ("Tuesday", "NNP", "PROPN", 4, "npadvmod", "B-DATE"),
    (".", ".", "PUNCT", 4, "punct", "O"),
]
WILL_APPEAL_MONDAYS_VERDICT: list[Row] = [
    ("Lawyers", "NNS", "NOUN", 2, "nsubj", "O"),
    ("will", "MD", "AUX", 2, "aux", "O"),
    ("appeal", "VB", "VERB", 2, "ROOT", "O"),
    ("Monday", "NNP", "PROPN", 5, "poss", "B-DATE"),
    ("'s", "POS", "PART", 3, "case", "O"),
    ("verdict", "NN", "NOUN", 2, "dobj", "O"),
    (".", ".", "PUNCT", 2, "punct", "O"),
]
ITS_RECORD_SET_ON_AUG_2: list[Row] = [
    ("Its", "PRP$", "PRON", 1, "poss", "O"),
    ("record", "NN", "NOUN", 7, "nsubj", "O"),
    (",", ",", "PUNCT", 1, "punct", "O"),
    ("set", "VBN", "VERB", 1, "acl", "O"),
    ("on", "IN", "ADP", 3, "prep", "O"),
    ("Aug.", "NNP", "PROPN", 4, "pobj", "B-DATE"),
    ("2", "CD", "NUM", 5, "nummod", "I-DATE"),
    ("stands", "VBZ", "VERB", 7, "ROOT", "O"),
    (".", ".", "PUNCT", 7, "punct", "O"),
]
CANCELLED_DUE_TO_THE_STORM_ON_FRIDAY: list[Row] = [
    ("Flights", "NNS", "NOUN", 2, "nsubjpass", "O"),
    ("were", "VBD", "AUX", 2, "auxpass", "O"),
    ("cancelled", "VBN", "VERB", 2, "ROOT", "O"),
    ("due", "JJ", "ADJ", 2, "prep", "O"),
    ("to", "IN", "ADP", 3, "pcomp", "O"),
    ("the", "DT", "DET", 6, "det", "O"),
    ("storm", "NN", "NOUN", 4, "pobj", "O"),
    ("on", "IN", "ADP", 6, "prep", "O"),
    ("Friday", "NNP", "PROPN", 7, "pobj", "B-DATE"),
    (".", ".", "PUNCT", 2, "punct", "O"),
]


class TestWhatTheWordsAroundADateSayOfItsTense:
    """Issue 12, dates whose direction the verb's tag alone gets wrong."""

    def test_an_agreed_event_named_by_an_infinitive_is_still_to_come(self) -> None:
        # Without it the past "agreed" put March seven months back (2024-03).
        found = tense_and_values(AGREED_TO_BUY_THE_CHAIN_IN_MARCH, WEDNESDAY_2024, {2: "agree"})
        assert found == [("in March", "future", "2025-03")]

    def test_a_payable_date_is_ahead_whatever_the_clause(self) -> None:
        found = tense_and_values(DECLARED_A_DIVIDEND_PAYABLE_DEC_4, WEDNESDAY_2024, {})
        assert found == [("Dec. 4", "future", "2024-12-04")]

    def test_is_to_reopen_is_the_future(self) -> None:
        found = tense_and_values(THE_EXCHANGE_IS_TO_REOPEN_FRIDAY, MONDAY_2024, {2: "be"})
        assert found == [("Friday", "future", "2024-11-01")]

    def test_a_past_perfect_plan_says_nothing_of_its_day(self) -> None:
        # "had been due to expire Friday", read on a Monday: the Friday just gone
        found = tense_and_values(HAD_BEEN_DUE_TO_EXPIRE_FRIDAY, MONDAY_2024, {3: "be"})
        assert found == [("Friday", None, "2024-10-25")]

    def test_a_plan_made_in_the_past_names_the_nearest_day(self) -> None:
        # published on a Friday: the rally is tomorrow, not six days ago
        found = tense_and_values(PLANNED_A_RALLY_ON_SATURDAY, FRIDAY_2024, {1: "plan"})
        assert found == [("Saturday", None, "2024-11-02")]

    def test_a_day_before_the_planning_verb_is_the_day_of_the_planning(self) -> None:
        found = tense_and_values(ON_SATURDAY_FARMERS_PLANNED_A_RALLY, FRIDAY_2024, {4: "plan"})
        assert found == [("Saturday", "past", "2024-10-26")]

    def test_could_is_a_past_as_often_as_a_conditional(self) -> None:
        found = tense_and_values(COULD_NOT_SAIL_TUESDAY, WEDNESDAY_2024, {})
        assert found == [("Tuesday", None, "2024-10-29")]

    def test_a_weekday_in_the_possessive_has_happened(self) -> None:
        found = tense_and_values(WILL_APPEAL_MONDAYS_VERDICT, WEDNESDAY_2024, {})
        assert found == [("Monday", "past", "2024-10-28")]

    def test_a_record_set_on_a_day_was_set_then(self) -> None:
        # "set" schedules only "for" a date; this one is done (a future reading: Aug. 2025)
        found = tense_and_values(ITS_RECORD_SET_ON_AUG_2, date(2025, 2, 5), {3: "set"})
        assert found == [("Aug. 2", "past", "2024-08-02")]

    def test_due_to_is_no_deadline(self) -> None:
        found = tense_and_values(CANCELLED_DUE_TO_THE_STORM_ON_FRIDAY, WEDNESDAY_2024, {})
        assert found == [("Friday", "past", "2024-10-25")]


class TestExtentsOfDatesWithTheirWords:
    def test_a_range_of_years_in_one_word_is_kept(self) -> None:
        rows: list[Row] = [
            ("She", "PRP", "PRON", 1, "nsubj", "O"),
            ("served", "VBD", "VERB", 1, "ROOT", "O"),
            ("in", "IN", "ADP", 1, "prep", "O"),
            ("1998", "CD", "NUM", 2, "pobj", "B-DATE"),
            ("-", "SYM", "PUNCT", 5, "punct", "I-DATE"),
            ("2001", "CD", "NUM", 3, "prep", "I-DATE"),
            (".", ".", "PUNCT", 1, "punct", "O"),
        ]
        doc = from_rows(
            rows,
            "word tag pos head dep ent",
            spaces=[True, True, True, False, False, False, False],
            lemmas=lowered([r[0] for r in rows]),
        )
        (expr,) = extract_time_expressions(doc, "a1", FRIDAY_2025)
        assert (expr.text, expr.type, expr.value) == ("1998-2001", "DATE", "1998/2001")

    def test_a_weekday_and_its_date_are_one_day(self) -> None:
        rows: list[Row] = [
            ("Shares", "NNS", "NOUN", 1, "nsubj", "O"),
            ("fell", "VBD", "VERB", 1, "ROOT", "O"),
            ("on", "IN", "ADP", 1, "prep", "O"),
            ("Friday", "NNP", "PROPN", 2, "pobj", "B-DATE"),
            (",", ",", "PUNCT", 3, "punct", "O"),
            ("Oct.", "NNP", "PROPN", 3, "appos", "B-DATE"),
            ("18", "CD", "NUM", 5, "nummod", "I-DATE"),
            (".", ".", "PUNCT", 1, "punct", "O"),
        ]
        # apart, the past "Friday" read on Wednesday Oct. 30 was Oct. 25
        assert found(rows, WEDNESDAY_2024) == [("Friday, Oct. 18", "DATE", "2024-10-18")]

    def test_a_part_of_the_period_named_in_the_possessive_stays_in_it(self) -> None:
        rows: list[Row] = [
            ("Sales", "NNS", "NOUN", 7, "nsubj", "O"),
            ("in", "IN", "ADP", 0, "prep", "O"),
            ("this", "DT", "DET", 3, "det", "B-DATE"),
            ("year", "NN", "NOUN", 5, "poss", "I-DATE"),
            ("'s", "POS", "PART", 3, "case", "I-DATE"),
            ("second", "JJ", "ADJ", 6, "amod", "I-DATE"),
            ("quarter", "NN", "NOUN", 1, "pobj", "I-DATE"),
            ("fell", "VBD", "VERB", 7, "ROOT", "O"),
            (".", ".", "PUNCT", 7, "punct", "O"),
        ]
        assert found(rows, WEDNESDAY_2024) == [("this year's second quarter", "DATE", "2024-Q2")]

    def test_an_expression_ends_before_the_line_break_the_ner_took_in(self) -> None:
        rows: list[Row] = [
            ("It", "PRP", "PRON", 1, "nsubj", "O"),
            ("wrote", "VBD", "VERB", 1, "ROOT", "O"),
            ("on", "IN", "ADP", 1, "prep", "O"),
            ("Thursday", "NNP", "PROPN", 2, "pobj", "B-DATE"),
            (",", ",", "PUNCT", 3, "punct", "I-DATE"),
            ("Oct.", "NNP", "PROPN", 3, "appos", "I-DATE"),
            ("24", "CD", "NUM", 5, "nummod", "I-DATE"),
            (":", ":", "PUNCT", 1, "punct", "I-DATE"),
            ("\n\n", "_SP", "SPACE", 7, "dep", "I-DATE"),
            ("Rain", "NN", "NOUN", 10, "nsubj", "O"),
            ("fell", "VBD", "VERB", 10, "ROOT", "O"),
            (".", ".", "PUNCT", 10, "punct", "O"),
        ]
        assert found(rows, WEDNESDAY_2024) == [("Thursday, Oct. 24", "DATE", "2024-10-24")]
