"""Claims and conflicts: figures of one measure, titles of one person, spellings of one name."""

from __future__ import annotations

import re
from dataclasses import replace

from newsprism.link.claims import build_claims
from newsprism.link.conflicts import compatible, role_conflicts, spelling_conflicts, titles
from newsprism.records import Article, ArticleAnalysis, Entity, Mention, Published, Quantity, Role, Span
from tests.story_actors import story_actors


def article(aid: str, text: str) -> Article:
    return Article(id=aid, source=aid, title="", text=text)


def area(aid: str, text: str, number: str, value: float, modifier: str | None = None, **kw: str) -> Quantity:
    start = text.index(number)
    return Quantity(
        id=f"q-{aid}-{start}", span=Span(aid, start, start + len(number)), text=number, value=value,
        unit=kw.get("unit", "area:sq_km"), category=kw.get("category", "area"), modifier=modifier,
        direction=kw.get("direction"), measure=kw.get("measure"),
    )  # fmt: skip


def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Each full-stop sentence of ``text``."""
    return tuple((m.start(), m.end()) for m in re.finditer(r"\S[^.]*\.", text))


def run(*docs: tuple[str, str, tuple[Quantity, ...]]) -> tuple[list[str], list[tuple[str, str, list[str]]]]:
    articles = [article(aid, text) for aid, text, _ in docs]
    analyses = [
        ArticleAnalysis(article=aid, sentences=sentences(text), quantities=qs) for aid, text, qs in docs
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


def test_two_names_of_one_post_are_one_title() -> None:
    ceo = person(
        "Brandt", ("a", "CEO and founder of Harrow Freight"), ("b", "chief executive of Harrow Freight")
    )
    chair = person("Okafor", ("a", "executive chair of the board"), ("b", "Harrow Freight chairman"))
    voice = person("Lind", ("a", "a city spokeswoman"), ("b", "spokesperson for the city"))
    assert role_conflicts([ceo, chair, voice]) == []
    assert titles("the company's CEO") == titles("its chief executive officer") == {"chief executive"}
    rival = person("Brandt", ("a", "CEO of Harrow Freight"), ("b", "Harrow Freight chairman"))
    assert [c.severity for c in role_conflicts([rival])] == ["inconsistent_detail"]


def organisation(name: str, *mentions: tuple[str, str]) -> Entity:
    return Entity(
        id=name, name=name, type="organization",
        mentions=tuple(Mention(Span(aid, 0, len(text)), text, "ORG") for aid, text in mentions),
    )  # fmt: skip


def test_punctuation_in_a_name_is_house_style_not_spelling() -> None:
    dotted = organisation("Harrow Mills Corp.", ("a", "Harrow Mills Corp."), ("b", "Harrow Mills Corp"))
    apostrophe = organisation("Carden’s Bay Trust", ("a", "Carden’s Bay Trust"), ("b", "Cardens Bay Trust"))
    straight = organisation("Founder's Circle", ("a", "Founder’s Circle"), ("b", "\"Founder's Circle"))
    comma = organisation("Nelson, B.C. Council", ("a", "Nelson, B.C. Council"), ("b", "Nelson B.C. Council"))
    assert spelling_conflicts([dotted, apostrophe, straight, comma]) == []
    misspelt = organisation("Harrow Mills Corp.", ("a", "Harrow Mills Corp."), ("b", "Harow Mills Corp"))
    assert [c.subject for c in spelling_conflicts([misspelt])] == ["spelling of Harrow Mills Corp."]


Doc = tuple[str, str, tuple[Quantity, ...]]


def counts(aid: str, text: str, *figures: tuple[str, float], **kw: str) -> Doc:
    """An article holding ``figures`` ``(words, value)``, counts unless ``kw`` says otherwise."""
    kw = {"unit": "count", "category": "count", **kw}
    modifier = kw.pop("modifier", None)
    return (aid, text, tuple(area(aid, text, words, value, modifier, **kw) for words, value in figures))


P = "The county council said on Friday that {n} homes in the lower valley had lost power after the storm."
Q = "After the storm, {n} homes in the lower valley had lost power, the county council said on Friday."


def test_a_hedged_figure_that_holds_the_other_is_one_figure() -> None:
    def homes(aid: str, template: str, number: str, value: float, modifier: str = "") -> Doc:
        return counts(
            aid, template.format(n=number), (number, value), **({"modifier": modifier} if modifier else {})
        )

    assert run(homes("a", P, "300", 300, "about"), homes("b", Q, "312", 312))[1] == []
    assert run(homes("a", P, "400", 400, "more than"), homes("b", Q, "480", 480))[1] == []
    _, rivals = run(homes("a", P, "270", 270, "nearly"), homes("b", Q, "310", 310))
    assert [(k, s) for k, s, _ in rivals] == [("quantity", "contradiction")]


def test_counts_of_different_things_are_no_rival_figures() -> None:
    c = "The raid on the compound killed 11 guards, the regional governor said on Sunday."
    d = "The raid on the compound killed 14 villagers, the regional governor said on Sunday."
    guards = counts("c", c, ("11 guards", 11), measure="guards")
    assert run(guards, counts("d", d, ("14 villagers", 14), measure="villagers"))[1] == []
    same = d.replace("villagers", "guards")
    assert [k for k, _, _ in run(guards, counts("d", same, ("14 guards", 14), measure="guards"))[1]] == [
        "quantity"
    ]


def test_reference_periods_of_two_reports_never_conflict() -> None:
    e = "Exports to the region grew in the first {n} months of the year, the trade office said."
    period = {"unit": "duration:month", "category": "period"}
    eight, seven = e.format(n="eight"), e.format(n="seven")
    assert (
        run(
            counts("e", eight, ("eight months", 8), **period),
            counts("f", seven, ("seven months", 7), **period),
        )[1]
        == []
    )


def test_figures_measured_over_windows_of_different_lengths_are_no_rivals() -> None:
    """One article has the port's traffic up 31 percent over the first eight months, the other
    up 27 percent over the first seven: two measurements of two windows. Over one window the two
    figures disagree."""
    shares = {"unit": "percent", "category": "percent"}
    template = "Traffic through the river port grew {p} over the first {n} months of the year, the port said."

    def report(aid: str, share: str, value: float, months: str, length: float) -> Doc:
        text = template.format(p=share, n=months)
        share_q = area(aid, text, share, value, **shares)
        window = f"over the first {months} months of the year"
        at = text.index(window)
        share_q = replace(share_q, period=window, period_span=Span(aid, at, at + len(window)))
        period = area(aid, text, f"{months} months", length, unit="duration:month", category="period")
        return (aid, text, (share_q, period))

    eight = report("a", "31 percent", 31, "eight", 8)
    assert run(eight, report("b", "27 percent", 27, "seven", 7))[1] == []
    assert [k for k, _, _ in run(eight, report("b", "27 percent", 27, "eight", 8))[1]] == ["quantity"]


def test_a_figure_is_no_rival_of_an_article_that_gives_two_different_figures_of_it() -> None:
    """The first article counts three closed schools and four threatened ones; the second the
    three closed ones: its three agrees with the first article's three, and the four is another
    count of the first article, not a rival of the second's three."""
    g = (
        "Three schools in the district closed on Thursday after threats against the schools. "
        "Four schools in the district received threats on Wednesday, and three of them closed."
    )
    h = "Three schools in the district closed on Thursday after online threats against the schools."
    kinds, conflicts = run(
        counts("g", g, ("Three schools", 3), ("Four schools", 4)), counts("h", h, ("Three schools", 3))
    )
    assert conflicts == []
    assert "quantity" in kinds  # the three closed schools: one claim of both articles


def _dated(day: str, aid: str, text: str, number: str, value: float) -> tuple[Article, ArticleAnalysis]:
    q = area(aid, text, number, value, unit="count", category="count", measure="countries")
    published = Published(value=day, how="metadata")
    art = Article(id=aid, source=aid, title="", text=text, published=published)
    return art, ArticleAnalysis(article=aid, sentences=sentences(text), quantities=(q,))


def test_undated_figures_of_articles_published_months_apart_are_two_states_not_a_conflict() -> None:
    """A company's boilerplate says 15 countries in March and 18 in December: it grew."""
    a = "The Harbour Group has subsidiaries in 15 countries and sells to hospitals worldwide."
    b = "The Harbour Group has operating businesses in 18 countries and sells to hospitals worldwide."

    def conflicts(day_a: str, day_b: str) -> list[str]:
        pairs = [_dated(day_a, "a", a, "15 countries", 15), _dated(day_b, "b", b, "18 countries", 18)]
        articles, analyses = [p[0] for p in pairs], [p[1] for p in pairs]
        _, found = build_claims(articles, analyses, story_actors(["a", "b"]), [], {"a": "a", "b": "b"})
        return [c.severity for c in found]

    assert conflicts("2025-03-02", "2025-12-10") == []
    # within one news cycle the same undated figures are rival reports of one state
    assert conflicts("2025-03-02", "2025-03-05") == ["contradiction"]
