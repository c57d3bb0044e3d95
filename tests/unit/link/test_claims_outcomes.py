"""Outcome conflicts: one actor given a victory in one article and losses in another."""

from __future__ import annotations

from newsprism.link.claims.outcomes import outcome_conflicts, outcomes
from newsprism.records import Article, ArticleAnalysis, Mention, Span, TimeExpression

# Articles of one sentence each, with the entity mentions (text, entity id) we tag in them.
Doc = tuple[str, str, tuple[tuple[str, str], ...]]


def build(*docs: Doc) -> tuple[list[Article], list[ArticleAnalysis], dict[tuple[str, int], str]]:
    articles, analyses, entity_at = [], [], {}
    for aid, text, named in docs:
        mentions = []
        for name, entity in named:
            start = text.index(name)
            mentions.append(Mention(Span(aid, start, start + len(name)), name, "NORP"))
            entity_at[(aid, start)] = entity
        articles.append(Article(id=aid, source=aid, title="", text=text))
        analyses.append(ArticleAnalysis(article=aid, sentences=((0, len(text)),), mentions=tuple(mentions)))
    return articles, analyses, entity_at


def conflicts(*docs: Doc, origin_of: dict[str, str] | None = None) -> list[list[str]]:
    articles, analyses, entity_at = build(*docs)
    found = outcome_conflicts(articles, analyses, entity_at, origin_of or {}, {"kor": "Korvanian"})
    assert all(c.kind == "outcome" and c.severity == "contradiction" for c in found)
    return [[v.value for v in c.values] for c in found]


LOSSES: Doc = (
    "a",
    "Korvanian troops have suffered heavy losses near the river crossing.",
    (("Korvanian", "kor"),),
)
VICTORY: Doc = ("b", "Korvanian forces registered their biggest victory in months.", (("Korvanian", "kor"),))


def test_losses_and_a_victory_for_one_actor_are_a_contradiction() -> None:
    assert conflicts(LOSSES, VICTORY) == [["loss: losses", "gain: victory"]]


def test_the_conflict_cites_both_sentences_and_names_the_actor() -> None:
    articles, analyses, entity_at = build(LOSSES, VICTORY)
    (conflict,) = outcome_conflicts(articles, analyses, entity_at, {}, {"kor": "Korvanian"})
    assert conflict.subject.startswith("outcome for Korvanian")
    assert [v.citation.text for v in conflict.values] == [LOSSES[1], VICTORY[1]]


def test_a_victory_for_another_actor_is_no_conflict() -> None:
    other: Doc = ("b", "Selvan forces registered their biggest victory in months.", (("Selvan", "sel"),))
    assert conflicts(LOSSES, other) == []


def test_an_actor_without_a_named_entity_is_not_compared() -> None:
    unnamed: Doc = ("b", "The troops registered their biggest victory in months.", ())
    assert conflicts(LOSSES, unnamed) == []


def test_one_entity_but_different_actors_is_no_conflict() -> None:
    # "Korvanian voters" and "Korvanian troops": the entity alone is not the actor.
    voters: Doc = ("b", "Korvanian voters handed the party a victory.", (("Korvanian", "kor"),))
    assert conflicts(LOSSES, voters) == []


def test_copies_of_one_origin_never_conflict() -> None:
    assert conflicts(LOSSES, VICTORY, origin_of={"b": "a"}) == []


def test_loss_of_life_is_not_an_outcome() -> None:
    articles, analyses, entity_at = build(
        ("a", "Korvanian troops reported no loss of life near the river crossing.", (("Korvanian", "kor"),))
    )
    assert outcomes(articles, analyses, entity_at) == []


def test_a_sentence_with_both_a_victory_and_losses_states_no_single_outcome() -> None:
    articles, analyses, entity_at = build(
        ("a", "Korvanian troops won a costly victory despite heavy losses.", (("Korvanian", "kor"),))
    )
    assert outcomes(articles, analyses, entity_at) == []


# Outcomes with their dates and places: (text, actor name, places, dates as (words, value)).
Placed = tuple[str, str, tuple[str, ...], tuple[tuple[str, str], ...]]


def placed_conflicts(*docs: Placed) -> list[list[str]]:
    articles, analyses, entity_at = [], [], {}
    for k, (text, actor, places, dates) in enumerate(docs):
        aid = f"d{k}"
        mentions = []
        for name, label in ((actor, "NORP"), *((p, "GPE") for p in places)):
            start = text.index(name)
            mentions.append(Mention(Span(aid, start, start + len(name)), name, label))
            entity_at[(aid, start)] = name.lower()
        timexes = tuple(
            TimeExpression(f"t{k}{j}", Span(aid, text.index(w), text.index(w) + len(w)), w, "DATE", value)
            for j, (w, value) in enumerate(dates)
        )
        articles.append(Article(id=aid, source=aid, title="", text=text))
        analyses.append(
            ArticleAnalysis(
                article=aid, sentences=((0, len(text)),), mentions=tuple(mentions), time_expressions=timexes
            )
        )
    found = outcome_conflicts(articles, analyses, entity_at, {}, {})
    return [[v.value for v in c.values] for c in found]


DEFEAT = "Korvanian troops suffered a defeat at Ardel in March."
WIN = "Korvanian forces won a victory at Ardel in March."


def test_outcomes_at_one_place_and_time_are_a_contradiction() -> None:
    march = (("in March", "2031-03"),)
    assert placed_conflicts(
        (DEFEAT, "Korvanian", ("Ardel",), march), (WIN, "Korvanian", ("Ardel",), march)
    ) == [["loss: defeat", "gain: victory"]]


def test_outcomes_at_different_places_are_two_events() -> None:
    elsewhere = WIN.replace("Ardel", "Brisk")
    assert (
        placed_conflicts((DEFEAT, "Korvanian", ("Ardel",), ()), (elsewhere, "Korvanian", ("Brisk",), ()))
        == []
    )


def test_outcomes_at_different_times_are_two_events() -> None:
    may = WIN.replace("in March", "on 14 May")
    assert (
        placed_conflicts(
            (DEFEAT, "Korvanian", ("Ardel",), (("in March", "2031-03"),)),
            (may, "Korvanian", ("Ardel",), (("on 14 May", "2031-05-14"),)),
        )
        == []
    )
    # A day of the month the other names is the same time.
    day = WIN.replace("in March", "on 14 March")
    assert placed_conflicts(
        (DEFEAT, "Korvanian", ("Ardel",), (("in March", "2031-03"),)),
        (day, "Korvanian", ("Ardel",), (("on 14 March", "2031-03-14"),)),
    ) == [["loss: defeat", "gain: victory"]]


def test_a_sentence_without_a_place_says_nothing_against_the_others() -> None:
    """Losses "near Ardel" and a victory placed nowhere may be one war's same days: still a
    conflict to read."""
    bare = "Korvanian forces registered their biggest victory in months."
    assert placed_conflicts((DEFEAT, "Korvanian", ("Ardel",), ()), (bare, "Korvanian", (), ())) == [
        ["loss: defeat", "gain: victory"]
    ]
