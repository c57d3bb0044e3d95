"""Normalising one time expression against an anchor date (no model needed)."""

from __future__ import annotations

from datetime import date

import pytest

from newsprism.extract.timex.normalise import (
    Normalised,
    duration_value,
    normalise,
    parse_number,
    resolve_month_year,
    resolve_weekday,
    year_range,
)

THURSDAY = date(2022, 9, 15)  # a Thursday in ISO week 37
WEDNESDAY = date(2022, 9, 7)  # a Wednesday in ISO week 36


class TestWeekdays:
    def test_past_tense_names_the_same_day_or_the_one_before(self) -> None:
        assert normalise("Thursday", THURSDAY, "past").value == "2022-09-15"
        assert normalise("Monday", THURSDAY, "past").value == "2022-09-12"

    def test_future_tense_looks_ahead(self) -> None:
        assert normalise("Thursday", date(2022, 9, 14), "future").value == "2022-09-15"
        assert normalise("Monday", THURSDAY, "future").value == "2022-09-19"

    def test_present_or_unknown_tense_takes_the_nearest(self) -> None:
        assert normalise("Friday", THURSDAY, "present").value == "2022-09-16"
        assert normalise("Wednesday", THURSDAY, None).value == "2022-09-14"

    def test_last_and_next_override_the_tense(self) -> None:
        assert normalise("last Thursday", THURSDAY, "future").value == "2022-09-08"
        assert normalise("next Thursday", THURSDAY, "past").value == "2022-09-22"

    def test_resolve_weekday_never_leaves_the_week_around_the_anchor(self) -> None:
        for weekday in range(7):
            for tense in ("past", "present", "future", None):
                day = resolve_weekday(weekday, THURSDAY, tense)  # type: ignore[arg-type]
                assert day.weekday() == weekday
                assert abs((day - THURSDAY).days) <= 6


class TestCalendarUnits:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("last week", "2022-W36"),
            ("this week", "2022-W37"),
            ("earlier this week", "2022-W37"),
            ("next week", "2022-W38"),
            ("next month", "2022-10"),
            ("last month", "2022-08"),
            ("this year", "2022"),
            ("earlier this year", "2022"),
            ("today", "2022-09-15"),
            ("yesterday", "2022-09-14"),
        ],
    )
    def test_relative_units(self, text: str, value: str) -> None:
        assert normalise(text, THURSDAY).value == value

    def test_next_week_from_a_wednesday_is_the_following_iso_week(self) -> None:
        assert normalise("next week", WEDNESDAY).value == "2022-W37"

    def test_late_last_month_keeps_the_month_and_marks_the_end(self) -> None:
        assert normalise("late last month", THURSDAY) == Normalised("DATE", "2022-08", "END")

    def test_beginning_of_next_year(self) -> None:
        assert normalise("the beginning of next year", THURSDAY) == Normalised("DATE", "2023", "START")


class TestMonthsAndDays:
    def test_in_february_in_a_past_clause_is_this_years(self) -> None:
        assert normalise("in February", THURSDAY, "past").value == "2022-02"

    def test_a_month_ahead_in_a_future_clause(self) -> None:
        assert normalise("In November", THURSDAY, "future").value == "2022-11"

    def test_a_later_month_in_a_past_clause_is_last_years(self) -> None:
        assert normalise("in December", THURSDAY, "past").value == "2021-12"

    def test_the_month_right_after_the_anchor_stays_in_its_year(self) -> None:
        assert resolve_month_year(10, THURSDAY, "past") == 2022

    def test_month_and_year(self) -> None:
        assert normalise("in June 2020", THURSDAY, "past").value == "2020-06"

    def test_month_and_day_without_a_year(self) -> None:
        assert normalise("March 3", THURSDAY, "past").value == "2022-03-03"

    def test_full_date(self) -> None:
        assert normalise("Nov. 3, 1998", THURSDAY).value == "1998-11-03"

    def test_day_range_is_an_iso_interval(self) -> None:
        assert normalise("Sept. 15-16", WEDNESDAY, "future") == Normalised("DATE", "2022-09-15/2022-09-16")

    def test_early_year_marks_the_start(self) -> None:
        assert normalise("in early 2020", THURSDAY) == Normalised("DATE", "2020", "START")

    def test_last_april_looks_back(self) -> None:
        assert normalise("last April", THURSDAY).value == "2022-04"
        assert normalise("last October", THURSDAY).value == "2021-10"


class TestPeriods:
    def test_first_months_of_a_year_is_an_interval(self) -> None:
        assert normalise("the first eight months of 2021", THURSDAY) == Normalised(
            "DURATION", "2021-01/2021-08"
        )

    def test_first_months_of_the_year_uses_the_anchor_year(self) -> None:
        assert normalise("the first four months of the year", THURSDAY).value == "2022-01/2022-04"

    def test_first_half_of_this_year(self) -> None:
        assert normalise("the first half of this year", THURSDAY) == Normalised("DURATION", "2022-H1")

    def test_named_quarter_and_the_last_completed_quarter(self) -> None:
        assert normalise("the third quarter", date(1989, 10, 26)).value == "1989-Q3"
        assert normalise("fourth-quarter", date(1989, 10, 26), "past").value == "1989-Q4"
        assert normalise("fourth-quarter", date(1989, 8, 1), "past").value == "1988-Q4"
        assert normalise("the quarter", date(1989, 10, 26)).value == "1989-Q3"

    def test_seasons_and_weekends(self) -> None:
        assert normalise("last summer", THURSDAY).value == "2022-SU"
        assert normalise("next winter", THURSDAY).value == "2022-WI"
        assert normalise("this weekend", THURSDAY).value == "2022-W37-WE"

    def test_the_weekend_ahead_unless_told_in_the_past_on_a_weekday(self) -> None:
        assert normalise("the weekend", THURSDAY, "future").value == "2022-W37-WE"
        assert normalise("the weekend", THURSDAY, "present").value == "2022-W37-WE"
        assert normalise("the weekend", THURSDAY, "past").value == "2022-W36-WE"

    def test_weekday_with_a_part_of_day_is_a_time(self) -> None:
        assert normalise("Thursday evening", date(2022, 9, 16), "past") == Normalised("TIME", "2022-09-15TEV")
        assert normalise("Friday morning", THURSDAY, "future") == Normalised("TIME", "2022-09-16TMO")


class TestDurationsAndSets:
    @pytest.mark.parametrize(
        ("text", "value", "mod"),
        [
            ("almost four years", "P4Y", "APPROX"),
            ("more than seven months", "P7M", "MORE_THAN"),
            ("the past three decades", "P30Y", None),
            ("five-day", "P5D", None),
            ("1½ years", "P18M", None),
            ("for decades", "PXDE", None),
            ("weeks", "PXW", None),
            ("in months", "PXM", None),
            ("over the years", "PXY", None),
            ("at least two months", "P2M", "EQUAL_OR_MORE"),
            ("at most three years", "P3Y", "EQUAL_OR_LESS"),
        ],
    )
    def test_durations(self, text: str, value: str, mod: str | None) -> None:
        norm = normalise(text, THURSDAY)
        assert norm.type == "DURATION"
        assert (norm.value, norm.mod) == (value, mod)

    def test_sets(self) -> None:
        assert normalise("daily", THURSDAY) == Normalised("SET", "P1D")
        assert normalise("every week", THURSDAY) == Normalised("SET", "P1W")

    def test_duration_value_moves_fractions_down_a_unit(self) -> None:
        assert duration_value(parse_number("2½"), "year") == "P30M"
        assert duration_value(None, "week") == "PXW"

    def test_parse_number(self) -> None:
        assert parse_number("three") == 3
        assert parse_number("1,000") == 1000
        assert parse_number("many") is None


class TestVagueAndAnaphoric:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("now", "PRESENT_REF"),
            ("So far", "PRESENT_REF"),
            ("recently", "PAST_REF"),
            ("In recent weeks", "PAST_REF"),
            ("in the past", "PAST_REF"),
            ("soon", "FUTURE_REF"),
            ("the near future", "FUTURE_REF"),
            ("going forward", "FUTURE_REF"),
        ],
    )
    def test_references(self, text: str, value: str) -> None:
        assert normalise(text, THURSDAY).value == value

    def test_since_then_runs_from_the_antecedent_to_the_anchor(self) -> None:
        assert normalise("Since then", THURSDAY, previous="2022-03") == Normalised(
            "DURATION", "2022-03/2022-09-15"
        )

    def test_at_the_time_takes_the_antecedent(self) -> None:
        assert normalise("at the time", THURSDAY, previous="2022-03").value == "2022-03"
        assert normalise("at the time", THURSDAY).value is None


class TestWithoutAnchor:
    def test_relative_expressions_stay_unresolved(self) -> None:
        for text in ("Thursday", "last week", "in February", "today", "next month"):
            assert normalise(text, None, "past").value is None

    def test_absolute_ones_still_resolve(self) -> None:
        assert normalise("June 2020", None).value == "2020-06"
        assert normalise("almost three years", None).value == "P3Y"


class TestDurationsAndSetsNotDates:
    """Issue 12: durations and sets were typed DATE with no value."""

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("every weekend", "XXXX-WXX-WE"),
            ("each quarter", "P1Q"),
            ("every two weeks", "P2W"),
            ("every other day", "P2D"),
            ("each Tuesday", "XXXX-WXX-2"),
            ("every December", "XXXX-12"),
            ("every summer", "XXXX-SU"),
            ("quarterly", "P1Q"),
        ],
    )
    def test_every_and_each_make_a_set(self, text: str, value: str) -> None:
        assert normalise(text, THURSDAY, "present") == Normalised("SET", value)

    @pytest.mark.parametrize(
        ("text", "value", "mod"),
        [
            ("a full 48 hours", "PT48H", None),
            ("the coming weeks", "PXW", None),
            ("the next few days", "PXD", None),
            ("the weeks ahead", "PXW", None),
            ("the next couple of years", "P2Y", None),
            ("the past few months", "PXM", None),
            ("some two years later", "P2Y", "APPROX"),
            ("three days later", "P3D", None),
            ("up to 90 days", "P90D", "EQUAL_OR_LESS"),
            ("no more than thirty days", "P30D", "EQUAL_OR_LESS"),
            ("barely a month", "P1M", None),
            ("an additional year", "P1Y", None),
            ("at least 15 more years", "P15Y", "EQUAL_OR_MORE"),
            ("over an hour", "PT1H", "MORE_THAN"),
            ("twenty-four hours", "PT24H", None),
            ("a hundred years", "P100Y", None),
            ("the past two quarters", "P2Q", None),
        ],
    )
    def test_amounts_of_time_are_durations(self, text: str, value: str, mod: str | None) -> None:
        assert normalise(text, THURSDAY, "past") == Normalised("DURATION", value, mod)


class TestCommonExpressionsWithAValue:
    """Issue 12: common expressions that had no value."""

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("last May", "2022-05"),
            ("next May", "2023-05"),
            ("this May", "2022-05"),
            ("last March", "2022-03"),
            ("next March", "2023-03"),
            ("last August", "2022-08"),
            ("next August", "2023-08"),
            ("last Sept.", "2021-09"),
        ],
    )
    def test_month_after_last_next_this(self, text: str, value: str) -> None:
        assert normalise(text, THURSDAY, "past").value == value

    @pytest.mark.parametrize(
        ("text", "value", "mod"),
        [
            ("June last year", "2021-06", None),
            ("in February this year", "2022-02", None),
            ("April next year", "2023-04", None),
            ("in early October this year", "2022-10", "START"),
            ("the end of the decade", "202", "END"),
            ("the end of August", "2022-08", "END"),
            ("this financial year", "2022", None),
            ("the current fiscal year", "2022", None),
            ("the 19th century", "18", None),
            ("the twentieth century", "19", None),
            ("the late 1970s", "197", "END"),
            ("the early '90s", "199", "START"),
            ("the nineties", "199", None),
            ("1998-2001", "1998/2001", None),
            ("2014-15", "2014/2015", None),
            ("between 1994 and 1997", "1994/1997", None),
            ("nineteen ninety-six", "1996", None),
            ("the year two thousand", "2000", None),
            ("January nineteen ninety-seven", "1997-01", None),
            ("from March to May", "2022-03/2022-05", None),
            ("a few years ago", "PAST_REF", None),
            ("several weeks ago", "PAST_REF", None),
            ("the future", "FUTURE_REF", None),
            ("the near term", "FUTURE_REF", None),
        ],
    )
    def test_dates(self, text: str, value: str, mod: str | None) -> None:
        assert normalise(text, THURSDAY, "past") == Normalised("DATE", value, mod)

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("09:30 GMT on Monday", "2022-09-12T09:30"),
            ("10 p.m. Wednesday", "2022-09-14T22:00"),
            ("0600 hours", "2022-09-15T06:00"),
            ("noon", "2022-09-15T12:00"),
            ("midnight Tuesday", "2022-09-13T24:00"),
            ("4 in the morning", "2022-09-15T04:00"),
            ("18:45", "2022-09-15T18:45"),
        ],
    )
    def test_times_of_day(self, text: str, value: str) -> None:
        assert normalise(text, THURSDAY, "past") == Normalised("TIME", value)

    def test_a_four_digit_number_with_hours_is_a_time_not_600_hours(self) -> None:
        assert normalise("1800 hours", THURSDAY, "future").type == "TIME"
        assert normalise("600 hours", THURSDAY, "past") == Normalised("DURATION", "PT600H")


class TestNarrativeAnchoring:
    """HeidelTime's rule: expressions that name their reference ("that day", "the following
    year", "later that month") anchor to the last dated expression, not to the publication."""

    @pytest.mark.parametrize(
        ("text", "previous", "value"),
        [
            ("later that year", "2019-03-04", "2019"),
            ("earlier that day", "2019-03-04", "2019-03-04"),
            ("that same day", "2019-03-04", "2019-03-04"),
            ("the next morning", "2019-03-04", "2019-03-05TMO"),
            ("the following year", "2019-03", "2020"),
            ("the previous month", "2019-03", "2019-02"),
            ("the day before", "2019-03-04", "2019-03-03"),
            ("the following day", "2019-03-04", "2019-03-05"),
            ("that week", "2019-03-04", "2019-W10"),
        ],
    )
    def test_anaphoric_expressions_take_the_previous_date(self, text: str, previous: str, value: str) -> None:
        assert normalise(text, THURSDAY, "past", previous).value == value

    def test_without_an_earlier_date_they_stay_unresolved(self) -> None:
        assert normalise("the following year", THURSDAY, "past", None).value is None
        assert normalise("later that year", THURSDAY, "past", None).value is None

    def test_a_previous_date_too_coarse_for_the_unit_resolves_nothing(self) -> None:
        assert normalise("the next day", THURSDAY, "past", "2019").value is None


class TestSamePeriodAYearBefore:
    @pytest.mark.parametrize("text", ["a year earlier", "the year-ago quarter", "year-earlier", "a year ago"])
    def test_after_a_quarter_it_is_that_quarter_a_year_before(self, text: str) -> None:
        assert normalise(text, THURSDAY, "past", "2022-Q2").value == "2021-Q2"

    def test_without_a_period_before_it_a_year_ago_is_the_year_before_the_anchor(self) -> None:
        assert normalise("a year ago", THURSDAY, "past").value == "2021"

    def test_after_a_month_the_story_mentioned_a_year_ago_counts_back_from_now_and_a_year_earlier_from_it(
        self,
    ) -> None:
        """ "In May, the agency awarded ... The others were picked nearly a year ago": a year before
        the publication. "Ago" is deictic; "earlier" moves with the narrative."""
        assert normalise("nearly a year ago", THURSDAY, "past", "2022-05").value == "2021"
        assert normalise("a year earlier", THURSDAY, "past", "2022-05").value == "2021-05"

    @pytest.mark.parametrize(
        ("text", "value"),
        [("a decade ago", "2012"), ("two decades ago", "2002"), ("more than four decades ago", "1982")],
    )
    def test_decades_ago_are_the_year_that_many_decades_back(self, text: str, value: str) -> None:
        """Like "ten years ago" (TimeBank: "42 years ago" is a year), not the decade "201"."""
        found = normalise(text, THURSDAY, "past")
        assert (found.type, found.value) == ("DATE", value)


class TestQuartersNamedWithTheirYear:
    EARNINGS_DAY = date(2011, 11, 3)  # in the fourth quarter

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("the 2010 second quarter", "2010-Q2"),
            ("this year's third quarter", "2011-Q3"),
            ("last year's fourth quarter", "2010-Q4"),
            ("next year's first quarter", "2012-Q1"),
            ("the year-ago third quarter", "2010-Q3"),
            ("the year-earlier second quarter", "2010-Q2"),
            ("its fourth quarter", "2011-Q4"),
            ("a third-quarter", "2011-Q3"),
            ("fiscal second-quarter", "2011-Q2"),
        ],
    )
    def test_an_ordinal_quarter_takes_the_year_its_words_name(self, text: str, value: str) -> None:
        assert normalise(text, self.EARNINGS_DAY, "past") == Normalised("DATE", value, None)

    def test_a_year_and_a_period_after_a_quarter_are_that_quarter_of_the_year(self) -> None:
        assert normalise("the 2010 quarter", self.EARNINGS_DAY, "past", "2011-Q3").value == "2010-Q3"
        assert normalise("the 2011 period", self.EARNINGS_DAY, "past", "2011-Q3").value == "2011-Q3"

    def test_the_latest_period_after_a_quarter_is_that_quarter(self) -> None:
        assert normalise("the latest period", self.EARNINGS_DAY, "past", "2011-Q3").value == "2011-Q3"
        assert normalise("the period", self.EARNINGS_DAY, "past", "2011-Q2").value == "2011-Q2"

    def test_the_latest_period_after_no_quarter_has_no_value(self) -> None:
        assert normalise("the latest period", self.EARNINGS_DAY, "past", "2011-10").value is None
        assert normalise("the latest period", self.EARNINGS_DAY, "past") == Normalised("DATE", None, None)

    def test_without_a_quarter_before_it_a_year_and_a_quarter_is_not_a_duration(self) -> None:
        assert normalise("the 2010 quarter", self.EARNINGS_DAY, "past") == Normalised("DATE", None, None)


class TestHolidays:
    AFTER_NEW_YEAR = date(2012, 1, 9)

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("Thanksgiving Day", "2011-11-24"),  # the fourth Thursday of November
            ("last Thanksgiving", "2011-11-24"),
            ("Christmas", "2011-12-25"),
            ("Christmas Eve", "2011-12-24"),
            ("New Year's Day", "2012-01-01"),
            ("Election Day", "2011-11-08"),  # the Tuesday after the first Monday in November
            ("Labor Day", "2011-09-05"),
            ("Easter", "2011-04-24"),
            ("Christmas 2009", "2009-12-25"),
            ("Thanksgiving of 2010", "2010-11-25"),
        ],
    )
    def test_a_holiday_in_a_past_clause_is_its_latest_day(self, text: str, value: str) -> None:
        assert normalise(text, self.AFTER_NEW_YEAR, "past") == Normalised("DATE", value, None)

    def test_a_holiday_in_a_future_clause_is_its_next_day(self) -> None:
        assert normalise("Thanksgiving", date(2011, 9, 1), "future").value == "2011-11-24"
        assert normalise("Easter week", date(2012, 3, 1), "future").value == "2012-W14"

    def test_without_an_anchor_or_a_year_it_has_no_value(self) -> None:
        assert normalise("Christmas", None, "past") == Normalised("DATE", None, None)


class TestRates:
    @pytest.mark.parametrize(("text", "value"), [("a year", "P1Y"), ("per day", "P1D"), ("a week", "P1W")])
    def test_a_unit_read_as_a_rate_is_a_set(self, text: str, value: str) -> None:
        assert normalise(text, THURSDAY, "present", rate=True) == Normalised("SET", value, None)

    def test_the_same_words_not_read_as_a_rate_are_an_amount(self) -> None:
        assert normalise("a year", THURSDAY, "past") == Normalised("DURATION", "P1Y", None)


class TestDurationsWrittenOut:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("2 1/2 years", "P30M"),
            ("5 1/2 hours", "PT5H30M"),
            ("a minute and a half", "PT1M30S"),
            ("a two-day", "P2D"),
            ("eight trading days", "P8D"),
            ("as long as a month", "P1M"),
            ("several-year", "PXY"),
        ],
    )
    def test_amounts_with_halves_adjectives_and_hedges(self, text: str, value: str) -> None:
        assert normalise(text, THURSDAY, "past") == Normalised("DURATION", value, None)

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("two to three weeks", "PXW"),
            ("the next 12 to 18 months", "PXM"),
            ("three or four days", "PXD"),
            ("between two and six years", "PXY"),
        ],
    )
    def test_a_range_of_amounts_is_a_duration_of_no_single_number(self, text: str, value: str) -> None:
        """TimeML's "weeks or months" / "the next 12 to 18 months": PX<unit>, neither bound."""
        assert normalise(text, THURSDAY, "future") == Normalised("DURATION", value, None)

    def test_a_range_of_dates_is_still_an_interval(self) -> None:
        assert normalise("between 1994 and 1997", THURSDAY, "past").value == "1994/1997"


class TestRecurringWeekdays:
    @pytest.mark.parametrize(
        ("text", "value"),
        [("Sundays", "XXXX-WXX-7"), ("Tuesday nights", "XXXX-WXX-2TNI"), ("on Fridays", "XXXX-WXX-5")],
    )
    def test_a_weekday_in_the_plural_is_a_set(self, text: str, value: str) -> None:
        assert normalise(text, THURSDAY, "present") == Normalised("SET", value, None)


class TestPeriodsEndedOnADate:
    """ "the year ended March 31": the period is named with the day it ends (``ended``)."""

    def test_a_year_ended_on_december_31_is_that_calendar_year(self) -> None:
        assert normalise("the year", THURSDAY, "past", ended="Dec. 31, 2021") == Normalised("DATE", "2021")

    def test_a_year_ended_on_another_day_is_no_calendar_year_but_how_long(self) -> None:
        assert normalise("the year", THURSDAY, "past", ended="June 30") == Normalised("DURATION", "P1Y")
        assert normalise("the fiscal year", THURSDAY, "past", ended="Jan. 31") == Normalised(
            "DURATION", "P1Y"
        )

    def test_some_months_or_weeks_ended_on_a_day_are_how_long(self) -> None:
        assert normalise("the nine months", THURSDAY, "past", ended="Sept. 30") == Normalised(
            "DURATION", "P9M"
        )
        assert normalise("the 12 weeks", THURSDAY, "past", ended="May 2") == Normalised("DURATION", "P12W")

    def test_without_an_end_the_year_is_the_calendar_year(self) -> None:
        assert normalise("the year", THURSDAY, "past").value == "2022"


class TestYearEnd:
    """ "Year-end" is "the end of the year": the anchor's year, ``mod`` END."""

    @pytest.mark.parametrize(
        "text", ["year-end", "year end", "year's end", "around year-end", "the year-end"]
    )
    def test_the_end_of_the_anchors_year(self, text: str) -> None:
        assert normalise(text, THURSDAY, "future") == Normalised("DATE", "2022", "END")
        assert normalise("by the end of the year", THURSDAY, "future") == Normalised("DATE", "2022", "END")


class TestWeekdayWithItsDate:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("Friday, Sept. 9", "2022-09-09"),
            ("Friday Sept. 9", "2022-09-09"),
            ("Monday, Sept. 19, 2022", "2022-09-19"),
            ("this coming Sunday, September eighteenth", "2022-09-18"),
        ],
    )
    def test_the_date_decides(self, text: str, value: str) -> None:
        # read alone, "Friday" in a future clause would be Sept. 16
        assert normalise(text, THURSDAY, "future") == Normalised("DATE", value)

    def test_the_week_of_a_day_is_its_iso_week(self) -> None:
        assert normalise("the week of Oct. 3", THURSDAY, "future") == Normalised("DATE", "2022-W40")


class TestNarrativeWeekdaysAndParts:
    """A weekday or a part of the day named with its reference ("the previous Friday", "later
    in the day") is read on the day the narrative is on: the last dated day, else the anchor."""

    @pytest.mark.parametrize(
        ("text", "previous", "value"),
        [
            ("the previous Friday", "2022-09-09", "2022-09-02"),  # a Friday: the one before it
            ("the following Monday", "2022-09-09", "2022-09-12"),
            ("the preceding Sunday", "2022-09-06", "2022-09-04"),
            ("the previous Friday", None, "2022-09-09"),  # none: from the anchor
        ],
    )
    def test_weekdays_named_with_their_reference(self, text: str, previous: str | None, value: str) -> None:
        assert normalise(text, THURSDAY, "past", previous) == Normalised("DATE", value)

    def test_later_in_the_day_is_the_narratives_day(self) -> None:
        assert normalise("later in the day", THURSDAY, "past", "2022-09-09").value == "2022-09-09"
        assert normalise("earlier in the day", THURSDAY, "past").value == "2022-09-15"

    @pytest.mark.parametrize(
        ("text", "previous", "value", "mod"),
        [
            ("by mid-afternoon", None, "2022-09-15TAF", "MID"),
            ("in the morning", "2022-09-09", "2022-09-09TMO", None),
            ("later this afternoon", "2022-09-09", "2022-09-15TAF", None),  # "this": the anchor's
            ("late evening", None, "2022-09-15TEV", "END"),
        ],
    )
    def test_parts_of_the_day(self, text: str, previous: str | None, value: str, mod: str | None) -> None:
        assert normalise(text, THURSDAY, "past", previous) == Normalised("TIME", value, mod)


class TestWordsAroundADate:
    @pytest.mark.parametrize(
        ("text", "tense", "value"),
        [
            ("sometime next year", "future", "2023"),
            ("as early as next week", "future", "2022-W38"),
            ("both 2019", "past", "2019"),
            ("an Aug. 10, 2021", "past", "2021-08-10"),
            ("a 20th-century", "present", "19"),
            ("this past summer", "past", "2022-SU"),
            ("this past spring", "past", "2022-SP"),
            ("last Oct. 23", "past", "2021-10-23"),
            ("next Feb. 3", "future", "2023-02-03"),
            ("last Sept. 1", "past", "2022-09-01"),
            ("the winter of 1994", "past", "1994-WI"),
            ("summer 2024", "future", "2024-SU"),
            ("the spring of nineteen ninety", "past", "1990-SP"),
            ("June the twenty-first", "future", "2023-06-21"),
        ],
    )
    def test_dates_with_words_that_say_nothing_of_their_value(
        self, text: str, tense: str, value: str
    ) -> None:
        assert normalise(text, THURSDAY, tense).value == value  # type: ignore[arg-type]

    def test_the_early_hours_of_a_day_are_that_day(self) -> None:
        assert normalise("the early hours of Tuesday", THURSDAY, "past").value == "2022-09-13"


class TestYearRanges:
    @pytest.mark.parametrize(
        ("text", "years"), [("1998-2001", (1998, 2001)), ("2014-15", (2014, 2015)), ("1990/91", (1990, 1991))]
    )
    def test_a_range_of_years_in_one_word(self, text: str, years: tuple[int, int]) -> None:
        assert year_range(text) == years

    @pytest.mark.parametrize("text", ["2283-5474", "1234-1567", "2015-14", "2015-2015"])
    def test_identifiers_and_backward_ranges_are_none(self, text: str) -> None:
        assert year_range(text) is None
        assert normalise(text, THURSDAY, "past").value is None


class TestHolidayWeeks:
    def test_a_holiday_week_under_way_is_this_years(self) -> None:
        # Monday of Holy Week 2025 (Easter on April 20): "as Easter week began" is this week,
        # not last year's, although Easter Sunday itself is still ahead
        assert normalise("Easter week", date(2025, 4, 14), "past").value == "2025-W16"


class TestYearAntecedents:
    """ "That year", "the following year" read against the last dated year (``latest``) when the
    text has moved to one ("The bridge opened in 1998. That year ...")."""

    @pytest.mark.parametrize(
        ("text", "value"),
        [("that year", "1998"), ("the following year", "1999"), ("later that year", "1998")],
    )
    def test_a_year_antecedent_will_do_for_a_year(self, text: str, value: str) -> None:
        assert normalise(text, THURSDAY, "past", None, latest="1998").value == value

    def test_a_finer_antecedent_still_needs_its_own_precision(self) -> None:
        assert normalise("the next day", THURSDAY, "past", None, latest="1998").value is None
