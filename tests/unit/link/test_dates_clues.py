"""Publication-date clues: datelines, weekdays coherent with their own article, and refinement
across a run from stored expressions only (no model, no Docs)."""

from __future__ import annotations

from datetime import date

import pytest

from newsprism.extract.timex.pubdate import ClueSource, clues_from, is_dateline, score_day
from newsprism.link.dates import refine_publication_dates
from newsprism.records import Article, ArticleAnalysis, Published, Span, TimeExpression


def dateline_at(text: str, date_text: str) -> bool:
    start = text.index(date_text)
    return is_dateline(text, start, start + len(date_text))


class TestDateline:
    @pytest.mark.parametrize(
        ("text", "date_text"),
        [
            ("KORVIN, Carvania, June 3 (CPA) – The bridge fell on Tuesday.", "June 3"),
            ("KORVIN, June 3 – The bridge fell on Tuesday.", "June 3"),
            (
                "Bridge falls\n\nPORT ALDER, Sept. 15, 2022 (Wire Service) - Rescuers said ...",
                "Sept. 15, 2022",
            ),
        ],
    )
    def test_a_place_in_capitals_the_date_an_agency_and_a_dash(self, text: str, date_text: str) -> None:
        assert dateline_at(text, date_text)

    @pytest.mark.parametrize(
        ("text", "date_text"),
        [
            ("The bridge fell on June 3 – the day after the storm.", "June 3"),
            ("KORVIN, June 3 officials said the bridge fell.", "June 3"),
            ("Officials in Korvin, June 3 (CPA) – said the bridge fell.", "June 3"),
            ("x" * 700 + "\nKORVIN, June 3 (CPA) – The bridge fell.", "June 3"),
        ],
    )
    def test_anything_else_is_not_a_dateline(self, text: str, date_text: str) -> None:
        assert not dateline_at(text, date_text)

    def test_a_dateline_day_is_the_strongest_clue(self) -> None:
        clues = clues_from(
            [ClueSource("March 13", "past", 0, dateline=True), ClueSource("Friday", "past", 1)]
        )
        assert [c.kind for c in clues] == ["dateline", "weekday"]
        filed, next_day = score_day(date(2025, 3, 13), clues)[0], score_day(date(2025, 3, 14), clues)[0]
        assert filed > next_day > 0  # the next day scores only as a print edition would
        assert score_day(date(2025, 3, 12), clues)[0] == 0
        assert any("dateline" in why for why in score_day(date(2025, 3, 13), clues)[1])


class TestClues:
    def test_a_day_written_with_its_weekday_is_a_day_and_a_weekday(self) -> None:
        # One expression since the weekday and its date are joined; read as the NER's two
        # apart were: the day, and the weekday that names it (coherent with it).
        weekday, day = clues_from([ClueSource("Thursday, March 13", "past", 0)])
        assert (day.kind, day.month, day.day) == ("day", 3, 13)
        assert (weekday.kind, weekday.weekday, weekday.text) == ("weekday", 3, "Thursday")
        together = score_day(date(2025, 3, 13), [weekday, day])
        apart = score_day(
            date(2025, 3, 13),
            clues_from([ClueSource("Thursday", "past", 0), ClueSource("March 13", "past", 0)]),
        )
        assert together[0] == apart[0]

    def test_a_weekday_with_a_part_of_day_is_a_weekday(self) -> None:
        (clue,) = clues_from([ClueSource("Thursday evening", "past", 0)])
        assert (clue.kind, clue.weekday) == ("weekday", 3)

    def test_a_past_weekday_on_an_explicit_day_of_its_article_supports_that_day(self) -> None:
        clues = clues_from([ClueSource("Thursday", "past", 0), ClueSource("March 13", "past", 1)])
        score, why = score_day(date(2025, 3, 13), clues)
        assert "'Thursday' = 'March 13' in the same article" in why
        assert score > score_day(date(2025, 3, 20), clues)[0]

    def test_a_weekday_does_not_cohere_with_a_day_of_the_other_tense(self) -> None:
        # "Officials said Wednesday the ministers will meet on Sept. 15": two days, not one.
        clues = clues_from([ClueSource("Wednesday", "past", 0), ClueSource("Sept. 15", "future", 0)])
        assert not any("same article" in why for why in score_day(date(2021, 9, 15), clues)[1])

    def test_an_untensed_weekday_names_no_day_for_sure(self) -> None:
        clues = clues_from([ClueSource("Thursday", None, 0), ClueSource("March 13", "past", 1)])
        assert not any("same article" in why for why in score_day(date(2025, 3, 13), clues)[1])

    def test_without_a_parse_last_week_does_not_pair_with_a_past_day(self) -> None:
        # "complained last week" and "burst on Thursday, March 13" are different events.
        clues = clues_from([ClueSource("last week", "past", 4), ClueSource("Thursday, March 13", "past", 1)])
        assert [c.rel_week for c in clues if c.kind == "day"] == [None]


# Fiction. "hearing" (dated Monday 2025-03-17) announces a hearing on Thursday March 20-21;
# "wire" (no date) is filed on Thursday March 13 and reports what happened "on Thursday".
WIRE_TEXT = (
    "KORVIN, Carvania, March 13 (CPA) – The old bridge over the Lenta collapsed on Thursday, "
    "officials said.\n\nMore rain is forecast for the weekend."
)
HEARING_TEXT = "The committee will question the operator on March 20-21."


def timex(aid: str, text: str, body: str, tense: str | None, value: str | None = None) -> TimeExpression:
    start = body.index(text)
    anchor = None if value is None else "2025-03-17"
    return TimeExpression(
        f"{aid}-{start}", Span(aid, start, start + len(text)), text, "DATE", value, None, anchor, tense
    )


WIRE = ArticleAnalysis(
    article="wire",
    sentences=((0, 102), (104, len(WIRE_TEXT))),
    time_expressions=(
        timex("wire", "March 13", WIRE_TEXT, "past"),
        timex("wire", "Thursday", WIRE_TEXT, "past"),
        timex("wire", "the weekend", WIRE_TEXT, "future"),
    ),
    published=Published(),
)
HEARING = ArticleAnalysis(
    article="hearing",
    sentences=((0, len(HEARING_TEXT)),),
    time_expressions=(timex("hearing", "March 20-21", HEARING_TEXT, "future", "2025-03-20/2025-03-21"),),
    published=None,
)


def run_articles(wire_text: str) -> list[Article]:
    return [
        Article("wire", "wire.txt", "Bridge falls", wire_text),
        Article(
            "hearing",
            "hearing.txt",
            "Hearing called",
            HEARING_TEXT,
            published=Published("2025-03-17T10:00:00", "metadata"),
        ),
    ]


class TestRefinementWithoutDocs:
    def test_the_dateline_dates_an_article_that_has_no_metadata(self) -> None:
        out = refine_publication_dates(run_articles(WIRE_TEXT), [WIRE, HEARING])
        published = out[0].published
        assert published is not None and published.value == "2025-03-13"
        assert any("dateline 'March 13'" in e for e in published.evidence)

    def test_a_past_weekday_sides_with_its_own_article_not_another_articles_event(self) -> None:
        # Without the dateline (same offsets, place in lower case), "collapsed on Thursday" still
        # means the Thursday of "March 13", not the hearing's Thursday, March 20.
        text = "Korvin" + WIRE_TEXT[len("KORVIN") :]
        out = refine_publication_dates(run_articles(text), [WIRE, HEARING])
        published = out[0].published
        assert published is not None and published.value == "2025-03-13"
        assert not any("March 20-21" in e for e in published.evidence)

    def test_expressions_are_reanchored_with_their_recorded_tense(self) -> None:
        out = refine_publication_dates(run_articles(WIRE_TEXT), [WIRE, HEARING])
        values = [(t.text, t.value) for t in out[0].time_expressions]
        assert values == [
            ("March 13", "2025-03-13"),
            ("Thursday", "2025-03-13"),
            ("the weekend", "2025-W11-WE"),
        ]
