"""Claims and conflicts: figures of one measure, titles of one person, spellings of one name."""

from __future__ import annotations

from newsprism.link.claims import build_claims
from newsprism.link.conflicts import compatible, role_conflicts, spelling_conflicts, titles
from newsprism.records import Article, ArticleAnalysis, Entity, Mention, Quantity, Role, Span
from tests.story_actors import story_actors


def article(aid: str, text: str) -> Article:
    return Article(id=aid, source=aid, title="", text=text)


def area(aid: str, text: str, number: str, value: float, modifier: str | None = None, **kw: str) -> Quantity:
    start = text.index(number)
    return Quantity(
        id=f"q-{aid}-{start}", span=Span(aid, start, start + len(number)), text=number, value=value,
        unit=kw.get("unit", "area:sq_km"), category=kw.get("category", "area"), modifier=modifier,
        direction=kw.get("direction"),
    )  # fmt: skip


def run(*docs: tuple[str, str, tuple[Quantity, ...]]) -> tuple[list[str], list[tuple[str, str, list[str]]]]:
    articles = [article(aid, text) for aid, text, _ in docs]
    analyses = [
        ArticleAnalysis(article=aid, sentences=((0, len(text)),), quantities=qs) for aid, text, qs in docs
    ]
    actors = story_actors(a.id for a in articles)  # one story: conflicts may pair them
    claims, conflicts = build_claims(articles, analyses, actors, [], {a.id: a.id for a in articles})
    return [c.kind for c in claims], [(c.kind, c.severity, [v.value for v in c.values]) for c in conflicts]


A = "Floodwater covered some 410 sq km of farmland and villages by Thursday evening, the Civil Protection Directorate said."
B = "The Civil Protection Directorate said on Thursday evening that 460 square kilometres of the valley were flooded."


def test_different_figures_for_one_measure_are_a_contradiction() -> None:
    kinds, conflicts = run(
        ("a", A, (area("a", A, "410 sq km", 410, "some"),)),
        ("b", B, (area("b", B, "460 square kilometres", 460),)),
    )
    assert "quantity" in kinds
    assert conflicts == [("quantity", "contradiction", ["some 410 sq km", "460 square kilometres"])]


def test_a_hedge_that_covers_the_other_value_is_an_inconsistent_detail() -> None:
    c = "It was his first trip abroad in almost three years, the ministry said on Monday."
    d = "It was his first trip abroad in 2.5 years, the ministry said on Monday."
    _, conflicts = run(
        ("c", c, (area("c", c, "three years", 3, "almost", unit="duration:year", category="duration"),)),
        ("d", d, (area("d", d, "2.5 years", 2.5, unit="duration:year", category="duration"),)),
    )
    assert [(k, s) for k, s, _ in conflicts] == [("quantity", "inconsistent_detail")]


def test_an_updated_toll_is_not_a_conflict() -> None:
    e = "The death toll in the valley stood at 11 people, officials in the valley said."
    f = "The death toll in the valley rose to 12 people, officials in the valley said."
    _, conflicts = run(
        ("e", e, (area("e", e, "11 people", 11, unit="count", category="count"),)),
        ("f", f, (area("f", f, "12 people", 12, unit="count", category="count", direction="rise"),)),
    )
    assert conflicts == []


def test_a_figure_of_a_thing_only_its_article_defines_is_never_in_conflict() -> None:
    g = "The new laptop starts at $2,400, and the 16-inch model ships with a larger battery."
    h = "The retail price of this configuration of the new 16-inch laptop is $3,299 with the battery."
    _, conflicts = run(
        ("g", g, (area("g", g, "$2,400", 2400, unit="money:USD", category="money"),)),
        ("h", h, (area("h", h, "$3,299", 3299, unit="money:USD", category="money"),)),
    )
    assert conflicts == []
    assert run(
        ("g", g, (area("g", g, "$2,400", 2400, unit="money:USD", category="money"),)),
        ("h", h.replace("this", "the"), (area("h", h, "$3,299", 3299, unit="money:USD", category="money"),)),
    )[1], "without the demonstrative the two figures are rivals: the test above tests the rule"


def test_same_figure_in_two_articles_is_one_claim_without_conflict() -> None:
    kinds, conflicts = run(
        ("a", A, (area("a", A, "410 sq km", 410, "some"),)),
        ("b", B.replace("460", "410"), (area("b", B.replace("460", "410"), "410 square", 410),)),
    )
    assert kinds.count("quantity") == 1
    assert conflicts == []


def person(name: str, *roles: tuple[str, str], mentions: tuple[tuple[str, str], ...] = ()) -> Entity:
    return Entity(
        id=name, name=name, type="person",
        roles=tuple(Role(text, Span(aid, 0, len(text))) for aid, text in roles),
        mentions=tuple(Mention(Span(aid, 0, len(text)), text, "PERSON") for aid, text in mentions),
    )  # fmt: skip


def test_two_specific_titles_of_one_person_are_a_role_conflict() -> None:
    vuk = person("Vukanic", ("a", "chief executive of Hydrovel"), ("b", "Hydrovel chairman"))
    sun = person("Sun", ("a", "director of the China program"), ("b", "senior fellow at the Stimson Center"))
    assert [c.subject for c in role_conflicts([vuk, sun])] == ["Vukanic's title", "Sun's title"]


def test_compatible_titles_are_no_role_conflict() -> None:
    putin = person("Putin", ("a", "Russian President"), ("b", "Russian leader"))
    lavrov = person("Lavrov", ("a", "Foreign Minister"), ("b", "Russian Foreign Minister"))
    assert role_conflicts([putin, lavrov]) == []
    assert compatible(titles("professor of politics"), titles("associate professor"))
    assert not compatible(titles("chief executive"), titles("chairman"))


def test_a_person_only_described_in_other_words_is_a_wording_only_role_conflict() -> None:
    li = person("Li", ("a", "China's third-most-senior leader"), ("b", "top Chinese legislator"))
    aide = person("Aide", ("a", "senior official"), ("b", "official"))
    conflicts = role_conflicts([li, aide])
    assert [(c.subject, c.severity) for c in conflicts] == [("Li's description", "wording_only")]


def test_a_name_spelled_two_ways_is_a_spelling_conflict_but_titles_and_case_are_not() -> None:
    lavrov = person("Sergei Lavrov", mentions=(("a", "Sergei Lavrov"), ("b", "Sergey Lavrov")))
    xi = person(
        "Xi Jinping", mentions=(("a", "Xi Jinping"), ("b", "President Xi Jinping's"), ("c", "XI JINPING"))
    )
    conflicts = spelling_conflicts([lavrov, xi])
    assert [(c.subject, [v.value for v in c.values]) for c in conflicts] == [
        ("spelling of Sergei Lavrov", ["Sergei Lavrov", "Sergey Lavrov"])
    ]
