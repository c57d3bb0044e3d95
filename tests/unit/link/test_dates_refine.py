"""Refining inferred publication dates across the articles of one run (no model, no Docs)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from newsprism.extract.timex.pubdate import ClueSource, choose_day, clues_from, day_scores, score_day
from newsprism.link.dates import refine_publication_dates
from newsprism.records import Article, ArticleAnalysis, Published, Span, TimeExpression


def timex(article: str, text: str, start: int, value: str | None, anchor: str | None) -> TimeExpression:
    return TimeExpression(
        f"{article}-{start}", Span(article, start, start + len(text)), text, "DATE", value, None, anchor
    )


def article(aid: str, published: Published | None = None) -> Article:
    return Article(aid, f"{aid}.txt", aid, "text", published=published or Published())


# Article "pre" previews a meeting: "Officials said Wednesday ... will meet next week on Sept. 15, 2021."
PRE = ArticleAnalysis(
    article="pre",
    sentences=((0, 100),),
    time_expressions=(
        timex("pre", "Wednesday", 15, "2021-09-08", "2021-09-08"),
        timex("pre", "next week", 50, "2021-W37", "2021-09-08"),
        timex("pre", "Sept. 15, 2021", 63, "2021-09-15", "2021-09-08"),
    ),
    published=Published("2021-09-08", "inferred", 0.6, ("year 2021",)),
)
# Article "post" reports the meeting "on Wednesday" and a visit "last week", with no year at all:
# per article it has no date, so its expressions are unresolved.
POST = ArticleAnalysis(
    article="post",
    sentences=((0, 80), (80, 160)),
    time_expressions=(
        timex("post", "Wednesday", 20, None, None),
        timex("post", "last week", 100, None, None),
    ),
    published=Published(),
)


def test_an_undated_article_takes_the_day_another_article_gives_its_event() -> None:
    out = refine_publication_dates([article("pre"), article("post")], [PRE, POST])
    post = out[1].published
    assert post is not None
    assert post.value == "2021-09-15"
    assert post.how == "inferred"
    assert post.confidence is not None and 0 < post.confidence <= 1
    assert any("Sept. 15, 2021" in e for e in post.evidence)
    assert "refined across the run" in post.evidence


def test_expressions_are_reanchored_without_reparsing() -> None:
    out = refine_publication_dates([article("pre"), article("post")], [PRE, POST])
    values = [(t.text, t.value, t.anchor) for t in out[1].time_expressions]
    assert values == [("Wednesday", "2021-09-15", "2021-09-15"), ("last week", "2021-W36", "2021-09-15")]
    assert [t.id for t in out[1].time_expressions] == [t.id for t in POST.time_expressions]


def test_an_article_already_right_keeps_its_date() -> None:
    out = refine_publication_dates([article("pre"), article("post")], [PRE, POST])
    assert out[0].published is not None and out[0].published.value == "2021-09-08"
    assert out[0].time_expressions == PRE.time_expressions


def test_metadata_dates_are_left_alone_and_fix_the_year() -> None:
    meta = Published("2021-09-16T10:00:00", "metadata")
    dated = ArticleAnalysis(article="meta", time_expressions=(), published=None)
    out = refine_publication_dates([article("meta", meta), article("post")], [dated, POST])
    assert out[0] == dated
    post = out[1].published
    assert post is not None and post.value == "2021-09-15"  # the Wednesday nearest the dated article
    assert any("metadata" in e for e in post.evidence)


def test_nothing_to_go_on_changes_nothing() -> None:
    bare = ArticleAnalysis(article="x", published=Published())
    assert refine_publication_dates([article("x")], [bare]) == [bare]


def test_mismatched_inputs_are_rejected() -> None:
    with pytest.raises(ValueError):
        refine_publication_dates([article("x")], [])


class TestScoring:
    def test_past_weekday_prefers_that_day(self) -> None:
        clues = clues_from([ClueSource("Tuesday", "past", 0)])
        assert score_day(date(2022, 9, 13), clues)[0] > score_day(date(2022, 9, 14), clues)[0] > 0
        assert score_day(date(2022, 9, 12), clues)[0] == 0

    def test_future_weekday_prefers_the_day_before(self) -> None:
        clues = clues_from([ClueSource("Thursday", "future", 0)])
        assert score_day(date(2022, 9, 14), clues)[0] > score_day(date(2022, 9, 13), clues)[0] > 0
        assert score_day(date(2022, 9, 16), clues)[0] == 0

    def test_next_week_pairs_with_a_day_through_the_shared_verb(self) -> None:
        clues = clues_from(
            [
                ClueSource("next week", "future", 0, "meet"),
                ClueSource("Sept. 15", "future", 3, "meet"),
            ]
        )
        (day,) = [c for c in clues if c.kind == "day"]
        assert day.rel_week == 1

    def test_without_a_parse_next_week_pairs_with_the_one_day_of_the_same_tense(self) -> None:
        clues = clues_from([ClueSource("next week", "future", 0), ClueSource("Sept. 15", "future", 3)])
        assert [c.rel_week for c in clues if c.kind == "day"] == [1]

    def test_without_a_parse_two_candidate_days_are_not_paired(self) -> None:
        clues = clues_from(
            [
                ClueSource("next week", "future", 0),
                ClueSource("Sept. 15", "future", 3),
                ClueSource("Oct. 2", "future", 4),
            ]
        )
        assert [c.rel_week for c in clues if c.kind == "day"] == [None, None]

    def test_ties_lower_the_confidence_and_say_so(self) -> None:
        clues = clues_from([ClueSource("Friday", "past", 0), ClueSource("2020", "past", 1)])
        choice = choose_day(clues, 2020, "year 2020")
        assert choice is not None
        assert choice.day.weekday() == 4
        assert choice.confidence < 0.1
        assert any("equally likely" in e for e in choice.evidence)

    def test_no_clue_no_choice(self) -> None:
        assert choose_day([], 2020, "year 2020") is None

    def test_day_scores_are_the_days_score_day_supports(self) -> None:
        clues = clues_from(
            [
                ClueSource("Friday", "past", 0),
                ClueSource("Sept. 15", "future", 1),
                ClueSource("May", "past", 2),
            ]
        )
        year = [date(2020, 1, 1) + timedelta(days=k) for k in range(366)]
        expected = {d: score_day(d, clues) for d in year if score_day(d, clues)[0] > 0}
        assert day_scores(clues, 2020) == expected
        assert choose_day(clues, 2020, "y", scores=expected) == choose_day(clues, 2020, "y")

    def test_only_the_days_the_run_term_may_score_need_trying(self) -> None:
        clues = clues_from([ClueSource("Friday", "past", 0)])
        centre = date(2020, 6, 10)

        def near(day: date) -> tuple[float, list[str]]:
            gap = abs((day - centre).days)
            return (1.0 - gap / 3, ["near"]) if gap < 3 else (0.0, [])

        window = [centre + timedelta(days=k) for k in range(-2, 3)]
        chosen = choose_day(clues, 2020, "y", near, extra_days=window)
        assert chosen == choose_day(clues, 2020, "y", near)
        assert chosen is not None and chosen.day == date(2020, 6, 12)  # the Friday nearest the centre

    def test_years_alone_support_no_day(self) -> None:
        clues = clues_from([ClueSource("2019", "past", 0), ClueSource("in 2020", "past", 1)])
        assert clues and day_scores(clues, 2020) == {}
        assert choose_day(clues, 2020, "year 2020") is None


def test_a_stored_expression_is_placed_in_its_sentence_or_none() -> None:
    from newsprism.link.dates import _sources_without_doc

    analysis = ArticleAnalysis(
        article="s",
        sentences=((0, 10), (12, 20), (20, 30)),
        time_expressions=(
            timex("s", "May", 0, None, None),
            timex("s", "x", 10, None, None),  # between sentences
            timex("s", "June", 20, None, None),
            timex("s", "July", 29, None, None),
        ),
    )
    assert [s.sentence for s in _sources_without_doc(analysis, "-" * 30)] == [0, -1, 2, 2]


def test_reanchoring_keeps_the_narrative_time_of_a_month_without_a_year() -> None:
    # "The climber set out in November 2017. / But by December, the camp was snowed in.
    # Rescuers said on Wednesday ...": re-read against the refined date, December stays in the
    # narrative's year (read against the anchor alone it would be the December before it)
    text = (
        "The climber set out in November 2017.\n"
        "But by December, the camp was snowed in. Rescuers said on Wednesday the search was over."
    )
    spans = [("in November 2017", "2017-11"), ("December", None), ("Wednesday", None)]
    exprs = tuple(
        replace(timex("late", words, text.index(words), value, None), tense="past") for words, value in spans
    )
    late = ArticleAnalysis(
        article="late",
        sentences=((0, 37), (38, 78), (79, len(text))),
        time_expressions=exprs,
        published=Published(),
    )
    source = Article("late", "late.txt", "late", text, published=Published())
    out = refine_publication_dates([article("pre"), source], [PRE, late])
    assert out[1].published is not None and out[1].published.value == "2021-09-15"
    values = [(t.text, t.value) for t in out[1].time_expressions]
    assert values == [("in November 2017", "2017-11"), ("December", "2017-12"), ("Wednesday", "2021-09-15")]
