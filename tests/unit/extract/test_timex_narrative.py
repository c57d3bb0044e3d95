"""The narrative time: a month without a year after an explicit date in another year.

Sentences are our own. The pure parts (places, the narrative state, the year a month takes) are
tested on strings; :class:`TestThroughTheParse` runs whole texts through the trained pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from spacy.language import Language

from newsprism.extract.timex import extract_time_expressions
from newsprism.extract.timex.narrative import Narrative, Place, narrate, places
from newsprism.extract.timex.normalise import NarrativeTime, Normalised, Tense, narrative_year, normalise

#: The publication date of the invented reports below.
PUBLISHED = date(2021, 10, 6)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Naive sentence spans (enough for the invented texts here): split after . ! ? and newlines."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]?", text)]


def place_of(text: str, words: str, nth: int = 0) -> Place:
    """The :class:`Place` of the ``nth`` occurrence of ``words`` in ``text``."""
    starts = [m.start() for m in re.finditer(re.escape(words), text)]
    start = starts[nth]
    return places(text, [(start, start + len(words))], sentence_spans(text))[0]


class TestNarrativeYear:
    @pytest.mark.parametrize(
        ("month", "narrative", "year"),
        [
            (12, NarrativeTime("2017-11"), 2017),  # going on: the next December
            (11, NarrativeTime("2017-11"), 2017),  # the same month stays in its year
            (1, NarrativeTime("2017-11"), 2018),  # going on past the new year
            (3, NarrativeTime("2017-11-20"), 2018),
            (9, NarrativeTime("2017-11", back=True), 2017),  # looking back: the last September
            (12, NarrativeTime("2017-11", back=True), 2016),
            (7, NarrativeTime("2017-SU"), 2017),  # a month inside a season
            (4, NarrativeTime("2017"), 2017),  # a year holds every month
        ],
    )
    def test_the_month_after_or_before_the_narrative_time(
        self, month: int, narrative: NarrativeTime, year: int
    ) -> None:
        assert narrative_year(month, narrative) == year

    def test_a_value_naming_no_period_gives_no_year(self) -> None:
        assert narrative_year(5, NarrativeTime("PRESENT_REF")) is None


class TestNormaliseWithANarrativeTime:
    def test_a_bare_month_and_a_day_of_a_month_take_the_narrative_year(self) -> None:
        story = NarrativeTime("2017-11")
        assert normalise("December", PUBLISHED, "past", narrative=story).value == "2017-12"
        assert normalise("by December", PUBLISHED, "past", narrative=story).value == "2017-12"
        assert normalise("Jan. 9", PUBLISHED, "past", narrative=story).value == "2018-01-09"
        assert normalise("March 3-4", PUBLISHED, "past", narrative=story).value == "2018-03-03/2018-03-04"

    def test_without_a_narrative_time_the_anchor_decides(self) -> None:
        assert normalise("December", PUBLISHED, "past").value == "2020-12"

    def test_a_month_with_its_year_or_after_last_next_ignores_the_narrative(self) -> None:
        story = NarrativeTime("2017-11")
        assert normalise("December 2019", PUBLISHED, "past", narrative=story).value == "2019-12"
        assert normalise("last December", PUBLISHED, "past", narrative=story).value == "2020-12"

    def test_a_past_clause_cannot_land_after_the_anchor(self) -> None:
        # the narrative time is a year before the anchor: "in December" of a past clause going
        # on from there would be after the publication, so the anchor decides
        story = NarrativeTime("2020-11")
        assert normalise("in December", date(2021, 2, 1), "past", narrative=story).value == "2020-12"
        assert normalise("in April", date(2021, 2, 1), "past", narrative=story).value == "2020-04"

    def test_the_weekday_beside_a_date_tells_its_year(self) -> None:
        # Oct. 8, 2021 is a Friday; Oct. 8, 2022 a Saturday
        story = NarrativeTime("2022-06")
        assert normalise("Friday, Oct. 8", PUBLISHED, "future", narrative=story).value == "2021-10-08"
        assert normalise("Saturday, Oct. 8", PUBLISHED, "future", narrative=story).value == "2022-10-08"

    def test_a_season_without_a_year_takes_the_narrative_year(self) -> None:
        story = NarrativeTime("2017-11")
        assert normalise("by the spring", PUBLISHED, "past", narrative=story).value == "2018-SP"
        assert normalise("the winter", PUBLISHED, "past", narrative=story).value == "2017-WI"
        assert normalise(
            "summer", PUBLISHED, "past", narrative=NarrativeTime("2017-11", back=True)
        ).value == ("2017-SU")
        assert normalise("by the spring", PUBLISHED, "past").value == "2021-SP"  # no narrative: the anchor

    def test_counter_example_a_season_after_this_last_next_ignores_the_narrative(self) -> None:
        story = NarrativeTime("2017-11")
        assert normalise("this summer", PUBLISHED, "past", narrative=story).value == "2021-SU"
        assert normalise("next spring", PUBLISHED, "future", narrative=story).value == "2022-SP"

    def test_a_day_range_written_with_and(self) -> None:
        assert normalise("May 12 and 13", PUBLISHED, "future").value == "2022-05-12/2022-05-13"


class TestSeasonsOfTheYearTheTextMovedTo:
    @pytest.mark.parametrize(
        ("words", "latest", "value"),
        [
            ("that summer", "2014", "2014-SU"),  # "In 2014 the depot moved. That summer ..."
            ("later that summer", "2014-03-02", "2014-SU"),
            ("that same spring", "2014-05", "2014-SP"),
            ("that winter", "2014-11", "2014-WI"),
            ("that winter", "2015-01", "2014-WI"),  # the winter holding January starts in December
            ("the following spring", "2014", "2015-SP"),
            ("the following spring", "2014-03", "2015-SP"),  # the first one starting after March
            ("the following winter", "2014-03", "2014-WI"),
            ("the previous summer", "2014-03", "2013-SU"),
            ("the preceding winter", "2014-03", "2013-WI"),  # Dec. 2013 to Feb. 2014: before March
        ],
    )
    def test_an_anaphoric_season_reads_its_antecedent(self, words: str, latest: str, value: str) -> None:
        assert normalise(words, PUBLISHED, "past", latest, latest=latest).value == value

    def test_counter_example_without_a_dated_antecedent_no_value(self) -> None:
        # "that" points back: a season of the publication's year would be a guess
        assert normalise("that summer", PUBLISHED, "past").value is None
        assert normalise("that summer", PUBLISHED, "past", "PRESENT_REF", latest="PRESENT_REF").value is None
        assert normalise("the following spring", PUBLISHED, "past", "201", latest="201").value is None


class TestPlaces:
    def test_paragraphs_sentences_and_quotes(self) -> None:
        text = 'The ferry sank in March 2015.\nRescuers came. "We saw it in May," one said.'
        ferry, said = place_of(text, "in March 2015"), place_of(text, "in May")
        assert (ferry.paragraph, ferry.sentence, ferry.quote) == (0, 0, None)
        assert (said.paragraph, said.sentence) == (1, 2)
        assert said.quote is not None

    @pytest.mark.parametrize(
        ("text", "words", "back"),
        [
            ("He had first felt unwell in September.", "September", True),
            ("In September, he had been off work for weeks.", "September", True),
            ("Earlier, in June, the firm was sold.", "June", True),
            ("The plant has been shut since June.", "June", True),
            ("But by December, his cough had worsened.", "December", False),
            ("In January, the council voted again.", "January", False),
            ("He had surgery in January.", "January", False),  # "had" a noun: no past perfect
            ("The strike followed a walkout in February.", "February", True),
            ("A walkout, followed by a strike in February.", "February", False),
        ],
    )
    def test_the_wording_says_which_way(self, text: str, words: str, back: bool) -> None:
        assert place_of(text, words).back is back

    @pytest.mark.parametrize(
        ("text", "words", "now"),
        [
            ("The bridge will reopen in March.", "March", True),
            ("The vote is due to take place in March.", "March", True),
            ("She said the bridge would reopen in March.", "March", False),
            ("The bridge reopened in March.", "March", False),
        ],
    )
    def test_a_clause_speaking_from_the_present(self, text: str, words: str, now: bool) -> None:
        assert place_of(text, words).now is now

    @pytest.mark.parametrize(
        ("text", "words", "passing"),
        [
            ("Rents rose to $1,480, up from $1,210 in April 2016.", "in April 2016", True),
            ("Tariffs have applied since July 2014.", "since July 2014", True),
            ("Tariffs have applied since July 2014.", "July 2014", True),
            ("The mill closed in April 2016.", "in April 2016", False),
        ],
    )
    def test_a_date_named_in_passing(self, text: str, words: str, passing: bool) -> None:
        assert place_of(text, words).passing is passing

    @pytest.mark.parametrize(
        ("text", "words", "attributive"),
        [
            ("Two men were held after the March 3, 2009, raid on the port.", "March 3, 2009", True),
            ("Police recalled the mid-August flood.", "mid-August", True),
            ("The mill closed in the spring and in August it was sold.", "August", False),
            ("The following year he moved to Leeds.", "The following year", False),
            ("Talks broke down on the Monday he arrived.", "Monday", False),
        ],
    )
    def test_a_date_before_the_noun_it_dates(self, text: str, words: str, attributive: bool) -> None:
        assert place_of(text, words).attributive is attributive


def read_all(text: str, spans: list[tuple[str, Tense | None]], anchor: date = PUBLISHED) -> list[str | None]:
    """Values of the expressions ``spans`` (their words, and the tense of their clause) read in
    order through :func:`narrate`, with a normaliser that takes no parse."""
    offsets: list[tuple[int, int]] = []
    pos = 0
    for words, _ in spans:
        start = text.index(words, pos)
        offsets.append((start, start + len(words)))
        pos = start + len(words)
    where = places(text, offsets, sentence_spans(text))
    narrative = Narrative()
    values: list[str | None] = []
    for (words, tense), place in zip(spans, where, strict=True):
        found, narrative = narrate(narrative, place, words, anchor, tense, reader(words, tense, narrative))
        values.append(found.value)
    return values


def reader(
    words: str, tense: Tense | None, narrative: Narrative
) -> Callable[[date | None, NarrativeTime | None], Normalised]:
    """How :func:`read_all` reads ``words``: against an anchor and a narrative time."""

    def read(at: date | None, time: NarrativeTime | None) -> Normalised:
        return normalise(words, at, tense, narrative.previous, latest=narrative.latest, narrative=time)

    return read


class TestTheNarrativeInATextWithoutAParse:
    def test_the_narrative_goes_on_across_a_paragraph_break(self) -> None:
        text = (
            "The climber set out in November 2017 with two guides.\n"
            "At first the weather held. But by December, the camp was snowed in. "
            "In January, the team turned back."
        )
        values = read_all(text, [("in November 2017", "past"), ("December", "past"), ("In January", "past")])
        assert values == ["2017-11", "2017-12", "2018-01"]

    def test_a_past_perfect_looks_back_from_the_narrative_time(self) -> None:
        text = "The museum reopened in November 2017. Thieves had taken the clock in September."
        assert read_all(text, [("in November 2017", "past"), ("in September", "past")]) == [
            "2017-11",
            "2017-09",
        ]

    def test_a_look_back_does_not_move_the_narrative_time(self) -> None:
        text = "The ferry sank on April 9, 2014. The sinking followed a refit in January and a sale in March."
        values = read_all(text, [("April 9, 2014", "past"), ("in January", "past"), ("in March", "past")])
        assert values == ["2014-04-09", "2014-01", "2014-03"]

    def test_counter_example_a_date_read_from_the_present_brings_the_story_back(self) -> None:
        text = "The mill closed in May 2016. On Monday, its owners said work would resume in March."
        values = read_all(text, [("in May 2016", "past"), ("On Monday", "past"), ("in March", "future")])
        assert values == ["2016-05", "2021-10-04", "2022-03"]

    def test_counter_example_an_explicit_date_of_the_publication_year(self) -> None:
        text = "The mill closed in May 2016. It was sold on Feb. 2, 2021. In August, it reopened."
        values = read_all(text, [("in May 2016", "past"), ("Feb. 2, 2021", "past"), ("In August", "past")])
        assert values == ["2016-05", "2021-02-02", "2021-08"]

    def test_counter_example_the_narrative_does_not_reach_far(self) -> None:
        text = (
            "The mill closed in May 2016.\nIt had stood for a century.\nLocals miss it.\n"
            "Many moved away.\nIn August, the council approved flats on the site."
        )
        assert read_all(text, [("in May 2016", "past"), ("In August", "past")]) == ["2016-05", "2021-08"]

    def test_counter_example_a_quotation_speaks_from_when_it_was_said(self) -> None:
        text = 'The mill closed in May 2016. "We hope to hire again in August," the owner said.'
        assert read_all(text, [("in May 2016", "past"), ("in August", None)]) == ["2016-05", "2021-08"]

    def test_a_quotation_keeps_its_own_narrative(self) -> None:
        text = '"We met in June 2009 and by August we were engaged," she said. In August, the couple sued.'
        values = read_all(text, [("in June 2009", "past"), ("by August", "past"), ("In August", "past")])
        assert values == ["2009-06", "2009-08", "2021-08"]

    def test_counter_example_a_clause_about_the_future_from_now(self) -> None:
        text = "The mill closed in May 2016. Its new owners will reopen it in August."
        assert read_all(text, [("in May 2016", "past"), ("in August", "future")]) == ["2016-05", "2022-08"]

    def test_reported_speech_in_the_past_keeps_the_narrative(self) -> None:
        text = "In May 2016, the owners said the mill would reopen in August."
        assert read_all(text, [("In May 2016", "past"), ("in August", "future")]) == ["2016-05", "2016-08"]

    def test_counter_example_a_comparison_does_not_move_the_narrative(self) -> None:
        text = "Rents rose to $1,480 in September, up from $1,210 in April 2016. In August, they fell."
        values = read_all(text, [("in September", "past"), ("in April 2016", "past"), ("In August", "past")])
        assert values == ["2021-09", "2016-04", "2021-08"]

    def test_counter_example_since_names_the_start_of_the_present_state(self) -> None:
        text = "Tariffs have applied since July 2014. Figures released in August show a drop."
        assert read_all(text, [("July 2014", "past"), ("in August", "past")]) == ["2014-07", "2021-08"]

    def test_counter_example_a_year_without_a_month_ends_the_narrative_time(self) -> None:
        text = "She joined the navy on May 4, 2001, and the following year she went to sea. In March, she retired."
        values = read_all(
            text, [("May 4, 2001", "past"), ("the following year", "past"), ("In March", "past")]
        )
        assert values == ["2001-05-04", "2002", "2021-03"]

    def test_a_timeline_list_walks_on(self) -> None:
        text = "Oct. 30, 2018: the plan is filed.\nDec. 4: the council approves it.\nFeb. 11: work starts."
        values = read_all(text, [("Oct. 30, 2018", None), ("Dec. 4", None), ("Feb. 11", None)])
        assert values == ["2018-10-30", "2018-12-04", "2019-02-11"]

    def test_counter_example_an_attributive_date_names_an_event_in_passing(self) -> None:
        text = "Two men held over the March 3, 2009, raid were freed. Police had arrested them in April."
        values = read_all(text, [("March 3, 2009", "past"), ("in April", "past")])
        assert values == ["2009-03-03", "2021-04"]

    def test_a_narrative_after_the_publication_takes_future_clauses(self) -> None:
        text = "The tour opens on June 2, 2023 in Leeds and will close in Glasgow on Sept. 9."
        assert read_all(text, [("June 2, 2023", "future"), ("Sept. 9", "future")]) == [
            "2023-06-02",
            "2023-09-09",
        ]

    def test_a_season_goes_on_from_the_narrative_time(self) -> None:
        text = "The depot was sold in November 2013. By the spring, the buyer had cut the staff by half."
        assert read_all(text, [("in November 2013", "past"), ("By the spring", "past")]) == [
            "2013-11",
            "2014-SP",
        ]

    def test_counter_example_a_season_after_the_story_returns_to_the_present(self) -> None:
        text = "The depot was sold in November 2013. On Monday, the buyer said it had grown in the spring."
        values = read_all(text, [("in November 2013", "past"), ("On Monday", "past"), ("the spring", "past")])
        assert values == ["2013-11", "2021-10-04", "2021-SP"]

    def test_an_anaphoric_season_then_a_month_in_it(self) -> None:
        text = "The depot moved in 2014. That summer, it hired twenty drivers. By August, it ran out of vans."
        values = read_all(text, [("in 2014", "past"), ("That summer", "past"), ("By August", "past")])
        assert values == ["2014", "2014-SU", "2014-08"]

    def test_the_narrative_state(self) -> None:
        here = Place(paragraph=0, sentence=0)
        moved = Narrative().after("DATE", "2016-05", PUBLISHED, "in May 2016", here, moved=True, tense="past")
        assert (moved.time, moved.at) == ("2016-05", here)
        assert moved.reading(Place(0, 1), "past", PUBLISHED) == NarrativeTime("2016-05")
        assert moved.reading(Place(0, 1), "present", PUBLISHED) is None
        assert moved.reading(Place(2, 2), "past", PUBLISHED) is None  # two paragraphs on
        assert moved.reading(Place(0, 5), "past", PUBLISHED) is None  # five sentences on
        back = moved.after("DATE", "2021-10-04", PUBLISHED, "on Monday", Place(0, 1), moved=False)
        assert back.time is None
        present = Narrative().after(
            "DATE", "2016-05", PUBLISHED, "in May 2016", here, moved=True, tense="present"
        )
        assert present.time is None


@pytest.mark.model
class TestThroughTheParse:
    """Whole texts through the trained pipeline: the clause tenses come from the parse."""

    def value(self, nlp: Language, text: str, words: str) -> str | None:
        """The value of the expression of ``text`` holding ``words``."""
        found = [e for e in extract_time_expressions(nlp(text), "a1", PUBLISHED) if words in e.text]
        assert found, f"no expression holds {words!r}"
        return found[0].value

    def test_a_case_report_moves_to_its_own_year(self, nlp: Language) -> None:
        text = (
            "The hiker, 51, first saw a nurse in October 2017 after weeks of headaches.\n"
            "The nurse suspected a migraine. But by November, the pain had spread to his neck."
        )
        assert self.value(nlp, text, "November") == "2017-11"

    def test_counter_example_the_story_returns_to_the_present(self, nlp: Language) -> None:
        text = (
            "The hiker first saw a nurse in October 2017. "
            "On Tuesday, a court awarded him damages, and the clinic said it would appeal in November."
        )
        assert self.value(nlp, text, "November") == "2021-11"

    def test_a_season_of_the_year_the_text_moved_to(self, nlp: Language) -> None:
        text = "In 2014 the bakery moved to a larger unit. That summer, it took on six apprentices."
        assert self.value(nlp, text, "summer") == "2014-SU"

    def test_the_following_season(self, nlp: Language) -> None:
        text = "The orchard was sold in November 2013. The following spring, the new owner planted vines."
        assert self.value(nlp, text, "spring") == "2014-SP"

    def test_a_season_going_on_from_the_narrative_time(self, nlp: Language) -> None:
        text = "The orchard was sold in March 2013. By the spring, the new owner had felled half the trees."
        assert self.value(nlp, text, "spring") == "2013-SP"
