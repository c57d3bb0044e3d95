"""A conflict sets two reports of one story against each other, about one measure of one thing.

Two unrelated stories printed side by side ("a 43-year-old patient" in Leeds, "a 55-year-old
patient" in Bristol) never conflict; an age belongs to one named person.
"""

from __future__ import annotations

from newsprism.link.claims import build_claims
from newsprism.link.scope import story_scope, within_story
from newsprism.records import (
    Article,
    ArticleAnalysis,
    Citation,
    Conflict,
    ConflictValue,
    Entity,
    Mention,
    Quantity,
    Span,
)

LEEDS = (
    "A 43-year-old patient was treated at St Anne's Hospital in Leeds on Monday after a fall, "
    "a spokesman for the Leeds Trust said."
)
BRISTOL = (
    "A 55-year-old patient was treated at Riverside Hospital in Bristol on Monday after a crash, "
    "a spokesman for the Avon Trust said."
)


def _age(aid: str, text: str, number: str, value: float) -> Quantity:
    start = text.index(number)
    return Quantity(
        id=f"q-{aid}-{start}", span=Span(aid, start, start + len(number)), text=number, value=value,
        unit="duration:year", category="duration",
    )  # fmt: skip


def _entity(name: str, etype: str, label: str, texts: dict[str, str]) -> Entity:
    mentions = tuple(
        Mention(Span(aid, t.index(name), t.index(name) + len(name)), name, label) for aid, t in texts.items()
    )
    return Entity(id=name, name=name, type=etype, mentions=mentions)


def _run(
    texts: dict[str, str], quantities: dict[str, tuple[Quantity, ...]], entities: list[Entity]
) -> list[Conflict]:
    articles = [Article(id=aid, source=aid, title="", text=text) for aid, text in texts.items()]
    analyses = [
        ArticleAnalysis(
            article=aid,
            sentences=((0, len(text)),),
            quantities=quantities.get(aid, ()),
            mentions=tuple(m for e in entities for m in e.mentions if m.span.article == aid),
        )
        for aid, text in texts.items()
    ]
    _, conflicts = build_claims(articles, analyses, entities, [], {a.id: a.id for a in articles})
    return conflicts


def test_two_patients_of_two_unrelated_stories_are_no_contradiction() -> None:
    texts = {"leeds": LEEDS, "bristol": BRISTOL}
    ages = {
        "leeds": (_age("leeds", LEEDS, "43-year", 43),),
        "bristol": (_age("bristol", BRISTOL, "55-year", 55),),
    }
    assert _run(texts, ages, []) == []


def _band_and_singer(texts: dict[str, str]) -> list[Entity]:
    """The two actors that make articles one story about a band (``texts`` name both)."""
    return [
        _entity("Harbour Lights", "organization", "ORG", texts),
        _entity("Mara Quill", "person", "PERSON", texts),
    ]


def test_ages_of_unnamed_people_are_not_compared_even_within_one_story() -> None:
    a = "A 43-year-old patient was hurt when the Harbour Lights stage collapsed, Mara Quill said."
    b = "A 45-year-old patient was hurt when the Harbour Lights stage collapsed, Mara Quill said."
    texts = {"a": a, "b": b}
    entities = _band_and_singer(texts)
    ages = {"a": (_age("a", a, "43-year", 43),), "b": (_age("b", b, "45-year", 45),)}
    assert _run(texts, ages, entities) == []


def test_two_ages_of_one_named_person_in_one_story_conflict_with_both_spans() -> None:
    a = "Singer Mara Quill, 43 years old, said the Harbour Lights would tour again next summer."
    b = "Singer Mara Quill, 45 years old, said the Harbour Lights would tour again next summer."
    texts = {"a": a, "b": b}
    entities = _band_and_singer(texts)
    ages = {"a": (_age("a", a, "43", 43),), "b": (_age("b", b, "45", 45),)}
    (conflict,) = _run(texts, ages, entities)
    assert conflict.kind == "quantity"
    assert [(v.value, v.citation.text) for v in conflict.values] == [("43", "43"), ("45", "45")]


def _flooded_areas(texts: dict[str, str]) -> dict[str, tuple[Quantity, ...]]:
    """Article "a" gives some 410 sq km flooded, "b" 460 square kilometres."""
    a, b = texts["a"], texts["b"]
    return {
        "a": (Quantity("qa", Span("a", a.index("410"), a.index("410") + 9), "410 sq km", 410, "area:sq_km", "area"),),
        "b": (Quantity("qb", Span("b", b.index("460"), b.index("460") + 21), "460 square kilometres", 460, "area:sq_km", "area"),),
    }  # fmt: skip


def test_a_figure_conflict_needs_the_articles_to_share_the_story_actors() -> None:
    a = "Floodwater covered some 410 sq km of farmland by Thursday evening, the Directorate said."
    b = "The Directorate said on Thursday evening that 460 square kilometres of farmland were flooded."
    texts = {"a": a, "b": b}
    area = _flooded_areas(texts)
    assert _run(texts, area, []) == []
    story = [
        _entity("Directorate", "organization", "ORG", texts),
        _entity("Thursday evening", "event", "EVENT", texts),
    ]
    assert [c.kind for c in _run(texts, area, story)] == ["quantity"]


def test_one_shared_actor_counts_with_two_shared_places_not_with_one() -> None:
    a = "Floodwater covered some 410 sq km of farmland in the Velna Valley below the Teresk Dam, Hydrovel said."
    b = "Hydrovel said 460 square kilometres of farmland in the Velna Valley below the Teresk Dam were flooded."
    texts = {"a": a, "b": b}
    area = _flooded_areas(texts)
    company = _entity("Hydrovel", "organization", "ORG", texts)
    valley = _entity("Velna Valley", "place", "LOC", texts)
    assert _run(texts, area, [company, valley]) == []
    dam = _entity("Teresk Dam", "place", "LOC", texts)
    assert [c.kind for c in _run(texts, area, [company, valley, dam])] == ["quantity"]
    assert _run(texts, area, [valley, dam]) == []


def test_within_story_drops_the_values_of_an_article_from_another_story() -> None:
    texts = {
        "a": "Mara Quill of the Harbour Lights.",
        "b": "Mara Quill of the Harbour Lights.",
        "c": "Other.",
    }
    entities = [
        _entity("Harbour Lights", "organization", "ORG", {k: v for k, v in texts.items() if k != "c"}),
        _entity("Mara Quill", "person", "PERSON", {k: v for k, v in texts.items() if k != "c"}),
    ]
    values = tuple(ConflictValue(aid, Citation(Span(aid, 0, 5), texts[aid][:5])) for aid in "abc")
    conflict = Conflict("x", "wording", "a quote", "wording_only", values)
    (kept,) = within_story([conflict], story_scope(entities, {}))
    assert [v.value for v in kept.values] == ["a", "b"]
    assert (
        within_story([Conflict("y", "wording", "q", "wording_only", values[1:])], story_scope(entities, {}))
        == []
    )


def test_a_chain_of_direct_links_makes_one_story_and_nothing_joins_an_unlinked_article() -> None:
    texts = {
        "wire": "Hydrovel and the Directorate and Ilona Marek.",
        "local": "Hydrovel and the Directorate.",
        "insurer": "Hydrovel and Ilona Marek.",
        "music": "Hydrovel.",
    }

    def named(name: str, *aids: str) -> Entity:
        return _entity(name, "organization", "ORG", {a: texts[a] for a in aids})

    scope = story_scope(
        [
            named("Hydrovel", "wire", "local", "insurer", "music"),
            named("Directorate", "wire", "local"),
            named("Ilona Marek", "wire", "insurer"),
        ],
        {a: a for a in texts},
    )
    assert scope.linked("wire", "local") and scope.linked("wire", "insurer")
    assert not scope.linked("local", "insurer") and scope.related("local", "insurer")
    assert not scope.related("music", "wire") and not scope.related("music", "local")


def test_sentences_of_two_unrelated_stories_never_corroborate_each_other() -> None:
    a = "I had been somebody who really liked music and big films, the actress Mara Quill said."
    b = "The label said it had really liked music and big films, the singer Tia Rowe said."
    tail = " Harbour Lights sued Big Machine."

    def claims(texts: dict[str, str], entities: list[Entity]) -> list[str]:
        articles = [Article(id=aid, source=aid, title="", text=t) for aid, t in texts.items()]
        analyses = [
            ArticleAnalysis(
                article=aid,
                sentences=((0, len(t.split(tail)[0])),),
                mentions=tuple(m for e in entities for m in e.mentions if m.span.article == aid),
            )
            for aid, t in texts.items()
        ]
        found, _ = build_claims(articles, analyses, entities, [], {x: x for x in texts})
        return [c.text for c in found if len(c.articles) > 1]

    apart = {"a": a, "b": b}
    people = [
        _entity("Mara Quill", "person", "PERSON", {"a": a}),
        _entity("Tia Rowe", "person", "PERSON", {"b": b}),
    ]
    assert claims(apart, people) == []
    together = {"a": a + tail, "b": b + tail}
    shared = [
        _entity("Harbour Lights", "organization", "ORG", together),
        _entity("Big Machine", "organization", "ORG", together),
    ]
    assert claims(together, people + shared) == [a], "the same sentences do align within one story"
