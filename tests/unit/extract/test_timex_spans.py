"""Extents and clause tense of time expressions, and the tense each one keeps for re-anchoring.

Docs are built by hand (words, tags, heads, entities) on a blank English vocabulary: no model.
"""

from __future__ import annotations

from datetime import date

from newsprism.extract.timex import extract_time_expressions, reanchor, stored_tense
from newsprism.extract.timex.spans import clause_tense
from newsprism.records import Span, TimeExpression
from tests.docs import Row, make_doc

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
