"""Claims across paraphrases: folded word families, figures named by their neighbours, clause
citations, pairs left over by clustering, quoted words, and loosely quoted wordings."""

from __future__ import annotations

from newsprism.link.claims import build_claims, quote_support
from newsprism.link.conflicts import wording_conflicts
from newsprism.records import (
    Article,
    ArticleAnalysis,
    Citation,
    Quality,
    Quantity,
    Quote,
    QuoteGroup,
    QuoteKind,
    QuoteVariant,
    Span,
)
from newsprism.words import meaning_keys
from tests.story_actors import story_actors


def count(aid: str, text: str, number: str, value: float, **kw: str) -> Quantity:
    start = text.index(number)
    return Quantity(
        id=f"q-{aid}-{start}", span=Span(aid, start, start + len(number)), text=number, value=value,
        unit=kw.get("unit", "count"), category=kw.get("category", "count"), modifier=kw.get("modifier"),
    )  # fmt: skip


def run(*docs: tuple[str, str, tuple[Quantity, ...]]) -> tuple[list[list[str]], list[tuple[str, str]]]:
    """Quantity claims (their cited texts) and conflicts (kind, severity) of one-sentence articles."""
    articles = [Article(id=aid, source=aid, title="", text=text) for aid, text, _ in docs]
    analyses = [
        ArticleAnalysis(article=aid, sentences=((0, len(text)),), quantities=qs) for aid, text, qs in docs
    ]
    actors = story_actors(a.id for a in articles)  # one story: conflicts may pair them
    claims, conflicts = build_claims(articles, analyses, actors, [], {a.id: a.id for a in articles})
    quantity = [[c.text for c in claim.support] for claim in claims if claim.kind == "quantity"]
    return quantity, [(c.kind, c.severity) for c in conflicts]


def test_word_families_and_ordinals_fold_to_shared_keys() -> None:
    assert "trip" in meaning_keys("She visited Oslo") and "trip" in meaning_keys("her trip to Oslo")
    assert "death" in meaning_keys("killing nine") and "death" in meaning_keys("nine were dead")
    assert "setback" in meaning_keys("heavy losses") and "setback" in meaning_keys("a painful setback")
    assert "first+abroad" in meaning_keys("his first foreign tour") and "first+trip" in meaning_keys(
        "his first tour"
    )
    assert "first" not in meaning_keys("his first tour")


def test_one_figure_beside_paraphrased_words_is_one_claim_citing_clauses() -> None:
    a = "The bridge collapsed on Monday, killing at least 9 people, the police said."
    b = "By Tuesday the confirmed death toll stood at 9, and rescuers had left the river."
    quantity, conflicts = run(
        ("a", a, (count("a", a, "9 people", 9, modifier="at least"),)),
        ("b", b, (count("b", b, "9", 9),)),
    )
    assert quantity == [["killing at least 9 people", "By Tuesday the confirmed death toll stood at 9"]]
    assert conflicts == []


def test_the_same_number_of_unrelated_things_stays_apart() -> None:
    a = "The storm flattened 40 houses along the coast road near the harbour."
    b = "The choir sang for 40 people in the cathedral on Sunday evening."
    quantity, _ = run(
        ("a", a, (count("a", a, "40 houses", 40),)), ("b", b, (count("b", b, "40 people", 40),))
    )
    assert quantity == []


def test_durations_of_one_trip_worded_differently_are_an_inconsistent_detail() -> None:
    a = "For the king, his first trip abroad in almost four years marks a return to diplomacy."
    b = "The stop in Lisbon would be part of the king's first foreign visit in 3½ years."
    _, conflicts = run(
        (
            "a",
            a,
            (count("a", a, "four years", 4, unit="duration:year", category="duration", modifier="almost"),),
        ),
        ("b", b, (count("b", b, "3½ years", 3.5, unit="duration:year", category="duration"),)),
    )
    assert conflicts == [("quantity", "inconsistent_detail")]


def test_a_time_offset_is_no_rival_duration() -> None:
    a = "The mill owners shelved a planned repair of the old mill two years ago, filings show."
    b = "Engineers warned the mill owners for at least three years that the old mill needed repair."
    _, conflicts = run(
        ("a", a, (count("a", a, "two years", 2, unit="duration:year", category="duration"),)),
        (
            "b",
            b,
            (
                count(
                    "b", b, "three years", 3, unit="duration:year", category="duration", modifier="at least"
                ),
            ),
        ),
    )
    assert conflicts == []


def variant(article: str, start: int, text: str, match: str) -> QuoteVariant:
    return QuoteVariant(
        quote=f"{article}-{start}", span=Span(article, start, start + len(text)), text=text,
        outlet=None, speaker="mayor", speaker_name="Mayor", match=match,
    )  # fmt: skip


def group(*variants: QuoteVariant) -> QuoteGroup:
    return QuoteGroup(id="g", speaker="mayor", speaker_name="Mayor", variants=variants, independent_origins=2)


def quotes_of(*groups: QuoteGroup, kind: QuoteKind = "direct") -> dict[str, Quote]:
    """The quote record behind every variant, all of ``kind``."""
    return {
        v.quote: Quote(id=v.quote, span=v.span, text=v.text, kind=kind, speaker=v.speaker)
        for g in groups
        for v in g.variants
    }


def test_a_loosely_quoted_wording_in_another_article_is_an_inconsistent_detail() -> None:
    loose = group(
        variant("a", 0, "fully understands the need for all measures taken by the council", "exact"),
        variant("b", 0, "understands and fully supports", "fragment"),
    )
    literal = group(
        variant("a", 0, "we understand your questions and concerns on this matter", "exact"),
        variant("b", 0, "questions and concerns", "fragment"),
    )
    assert [(c.kind, c.severity) for c in wording_conflicts([loose, literal], quotes_of(loose, literal))] == [
        ("wording", "inconsistent_detail")
    ]


def test_sentences_reporting_one_quote_support_one_claim() -> None:
    texts = {
        "a": "She spoke first. “We will rebuild the bridge,” she said.",
        "b": "Rebuild, she said: “the bridge.”",
    }
    analyses = [
        ArticleAnalysis(article="a", sentences=((0, 16), (17, len(texts["a"])))),
        ArticleAnalysis(article="b", sentences=((0, len(texts["b"])),)),
    ]
    g = group(
        variant("a", 18, "We will rebuild the bridge", "exact"), variant("b", 21, "the bridge", "fragment")
    )
    out = quote_support([[Citation(Span("a", 0, 16), "She spoke first.")]], [g], analyses, texts)
    assert [[(c.span.article, c.span.start) for c in support] for support in out] == [
        [("a", 0)],
        [("a", 17), ("b", 0)],
    ]


def test_a_named_entity_is_one_key_not_one_per_word_of_its_name() -> None:
    from newsprism.link.sentences import sentence_units
    from newsprism.records import Entity, Mention

    text = "Deputy mayor Ilona Marek opened the new flood barrier at Dolna Mesta on Friday."
    start = text.index("Ilona Marek")
    mention = Mention(Span("a", start, start + len("Ilona Marek")), "Ilona Marek", "PERSON")
    entity = Entity(id="e1", name="Ilona Marek", type="person", mentions=(mention,))
    (unit,) = sentence_units(
        [Article(id="a", source="a", title="", text=text)],
        [ArticleAnalysis(article="a", sentences=((0, len(text)),), mentions=(mention,))],
        [entity],
    )
    assert "@e1" in unit.keys
    assert not {"ilona", "marek"} & unit.keys
    assert {"barrier", "flood", "dolna"} <= unit.keys


def test_reported_speech_worded_differently_is_no_wording_conflict() -> None:
    """Without quotation marks the words are each outlet's: only quoted words have a wording."""
    told = group(
        variant("a", 0, "the stolen bicycles were later returned to their owners", "exact"),
        variant("b", 0, "the stolen bikes were returned to the owners", "variant"),
    )
    assert wording_conflicts([told], quotes_of(told, kind="indirect")) == []
    assert [c.kind for c in wording_conflicts([told], quotes_of(told))] == ["wording"]


def test_a_quote_shortened_or_cut_at_another_place_is_the_same_wording() -> None:
    """The second article cuts the mayor's words at other places than the first, which quotes
    them in two parts around its attribution; an editorial bracket is the outlet's own word."""
    cut = group(
        variant("a", 0, "We are proud of the crews.", "exact"),
        variant("a", 60, "They worked through the night to save the old harbour wall.", "variant"),
        variant("b", 0, "proud of the crews. They worked through the night", "variant"),
        variant("b", 80, "to save the old harbour wall", "fragment"),
    )
    bracket = group(
        variant("a", 0, "The walk to the ferry took us a 40 min[ute] climb in the dark", "exact"),
        variant("b", 0, "The walk to the ferry took us a 40 min climb in the dark", "variant"),
    )
    assert wording_conflicts([cut, bracket], quotes_of(cut, bracket)) == []
    reworded = group(*cut.variants[:2], variant("b", 0, "We are so proud of all our crews.", "variant"))
    assert [c.kind for c in wording_conflicts([reworded], quotes_of(reworded))] == ["wording"]


def test_quotes_that_match_only_through_a_third_are_no_wordings_of_each_other() -> None:
    titles = group(
        variant("a", 0, "Salt on the Rails,", "fragment"),
        variant("b", 0, "Nine Lanterns.", "fragment"),
    )
    assert wording_conflicts([titles], quotes_of(titles)) == []


def test_a_claim_is_worded_as_a_clean_article_words_it_not_as_a_spun_copy() -> None:
    spun = "The bridge fallen on Monday, murdering no under 9 individuals, the police told."
    clean = "The bridge collapsed on Monday, killing at least 9 people, the police said."
    docs = [("a", spun, 9.0, "no under"), ("b", clean, 9.0, "at least")]
    articles = [Article(id=aid, source=aid, title="", text=text) for aid, text, _, _ in docs]
    analyses = [
        ArticleAnalysis(
            article=aid,
            sentences=((0, len(text)),),
            quantities=(count(aid, text, "9", value, modifier=mod),),
            quality=Quality(score=0.8, spun=aid == "a"),
        )
        for aid, text, value, mod in docs
    ]
    claims, _ = build_claims(articles, analyses, story_actors(["a", "b"]), [], {"a": "a", "b": "b"})
    quantity = [c for c in claims if c.kind == "quantity"]
    assert quantity and all(c.support[0].span.article == "b" for c in quantity)
