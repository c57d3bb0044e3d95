"""Quote groups: one utterance across articles, with every wording, and no look-alikes merged."""

from __future__ import annotations

from newsprism.link.quotes import explicit, group_quotes, group_speakers
from newsprism.records import Article, ArticleAnalysis, Entity, Mention, Quote, QuoteGroup, QuoteVariant, Span


def quote(
    article: str,
    text: str,
    speaker: str | None,
    start: int = 0,
    kind: str = "direct",
    written: str | None = None,
    written_at: int | None = None,
) -> Quote:
    """A quote whose speaker phrase is ``written`` (by default the speaker's name itself), at
    ``written_at`` when given."""
    phrase = written or speaker
    return Quote(
        id=f"{article}-{start}", span=Span(article, start, start + len(text)), text=text,
        kind=kind, speaker=speaker, speaker_name=speaker, speaker_text=phrase,  # type: ignore[arg-type]
        speaker_span=(
            Span(article, written_at, written_at + len(phrase or "")) if written_at is not None else None
        ),
    )  # fmt: skip


def run(*quotes: Quote, text: str = "x" * 2000) -> list[list[tuple[str, str]]]:
    ids = sorted({q.span.article for q in quotes})
    articles = [Article(id=i, source=i, title="", text=text, outlet=f"outlet {i}") for i in ids]
    analyses = [
        ArticleAnalysis(article=i, quotes=tuple(q for q in quotes if q.span.article == i)) for i in ids
    ]
    groups = group_quotes(articles, analyses, [], {i: i for i in ids})
    return [[(v.quote, v.match) for v in g.variants] for g in groups]


def test_translations_of_one_remark_are_variants_of_one_group() -> None:
    groups = run(
        quote("a", "We highly value the balanced position of our Chinese friends regarding the Ukrainian "
              "crisis, we understand your questions and concerns on this matter,", "putin"),
        quote("b", "We highly appreciate the balanced position of our Chinese friends in connection with "
              "the Ukrainian crisis. We understand your questions and concerns in this regard,", "putin"),
        quote("b", "questions and concerns", "putin", start=500),
    )  # fmt: skip
    # the longest wording is the reference ("exact"); the other translation is a variant
    assert groups == [[("a-0", "variant"), ("b-0", "exact"), ("b-500", "fragment")]]


def test_exact_short_quote_groups_even_without_known_speakers() -> None:
    assert run(quote("a", "no limits", None), quote("b", "no limits.", None)) == [
        [("a-0", "exact"), ("b-0", "exact")]
    ]


def test_same_speaker_same_idea_different_utterance_is_not_merged() -> None:
    groups = run(
        quote("a", "Military support and assistance are not in the cards. China doesn't need to support "
              "Russia in the war; it only does not oppose it.", "sun"),
        quote("b", "Military assistance may not be in the cards, but China will continue to finance and "
              "invest in Russia as it has done since the war began.", "sun"),
    )  # fmt: skip
    assert groups == []


def test_similar_words_from_different_speakers_are_not_merged() -> None:
    groups = run(
        quote("a", "We deeply regret the damage and the loss of life caused by this tragedy, and we will "
              "answer every question put to us,", "ceo"),
        quote("b", "We will ask every question that the families are asking,", "mp"),
    )  # fmt: skip
    assert groups == []


def test_a_quote_cut_by_its_attribution_stays_one_utterance() -> None:
    first = "We understand your questions and concerns in this regard,"
    second = "During today's meeting we will explain our position in detail."
    other = "we understand your questions and concerns in this regard, and during the meeting we will clarify"
    groups = run(
        quote("a", first, "putin"),
        quote("a", second, "putin", start=len(first) + 30),
        quote("b", other, "putin"),
    )
    assert [q for q, _ in groups[0]] == ["a-0", f"a-{len(first) + 30}", "b-0"]


def test_groups_are_ordered_by_independent_origins() -> None:
    groups = run(
        quote("a", "the dam will hold", None),
        quote("b", "the dam will hold", None),
        quote("a", "nobody answered our letters", None, start=100),
        quote("b", "nobody answered our letters", None, start=100),
        quote("c", "nobody answered our letters", None, start=100),
    )
    assert [len(g) for g in groups] == [3, 2]


def test_quotes_only_separated_by_commas_are_a_list_not_one_utterance_cut_in_two() -> None:
    # “Listen To The Music,” “Black Water,” “China Grove” and others: a list of song titles
    text = "hits including “Listen To The Music,” “Black Water,” “China Grove” and others"
    titles = ["Listen To The Music,", "Black Water,", "China Grove"]
    quotes = [quote("a", t, "label", start=text.index(t)) for t in titles]
    elsewhere = quote("b", "Black Water,", "label", start=text.index("Black Water"))
    black_water = f"a-{text.index('Black Water')}"
    assert run(*quotes, elsewhere, text=text) == [[(black_water, "exact"), ("b-" + black_water[2:], "exact")]]


def test_a_speaker_named_in_one_article_beats_a_pronoun_resolved_in_another() -> None:
    text = "in the best shape of its history"
    named = quote("a", text, "vukanich", written="Hydrovel chairman Radoslav Vukanich")
    by_pronoun = quote("b", text, "fischbach", written="he")
    assert explicit(named) and not explicit(by_pronoun)
    analyses = [
        ArticleAnalysis(article="a", quotes=(named,)),
        ArticleAnalysis(article="b", quotes=(by_pronoun,)),
    ]
    articles = [Article(id=i, source=i, title="", text="x" * 100) for i in "ab"]
    (group,) = group_quotes(articles, analyses, [], {"a": "a", "b": "b"})
    assert group.speaker == "vukanich"
    assert [v.speaker for v in group.variants] == ["vukanich", "vukanich"]
    relinked = group_speakers(analyses, [group])
    assert relinked[1].quotes[0].speaker == "vukanich"
    assert relinked[1].quotes[0].speaker_text == "he"  # the phrase as written stays


def test_two_articles_naming_different_speakers_of_one_quote_are_a_speaker_conflict() -> None:
    from newsprism.link.conflicts import speaker_conflicts

    text = "We will answer every question put to us about the dam and its repairs,"
    quotes = [
        quote("a", text, "vukanich", written="Radoslav Vukanich"),
        quote("b", text, "sokol", written="Andrej Sokol"),
        quote("c", text, "halas", written="he"),  # a pronoun of ours: no side in the conflict
    ]
    analyses = [ArticleAnalysis(article=q.span.article, quotes=(q,)) for q in quotes]
    articles = [Article(id=i, source=i, title="", text="x" * 100) for i in "abc"]
    groups = group_quotes(articles, analyses, [], {i: i for i in "abc"})
    (conflict,) = speaker_conflicts(groups, {q.id: q for q in quotes}, {}, [], {})
    assert conflict.kind == "speaker" and conflict.severity == "contradiction"
    assert [v.value for v in conflict.values] == ["vukanich", "sokol"]


def _named(article: str, text: str, speaker: str, written: str, at: int = 0) -> Quote:
    return quote(article, text, speaker, start=at, written=written)


def _speaker_conflicts(*quotes: Quote, texts: dict[str, str], entities: list[Entity]) -> list[list[str]]:
    from newsprism.link.conflicts import speaker_conflicts

    ids = sorted({q.span.article for q in quotes})
    analyses = [
        ArticleAnalysis(article=i, quotes=tuple(q for q in quotes if q.span.article == i)) for i in ids
    ]
    articles = [Article(id=i, source=i, title="", text=texts[i]) for i in ids]
    groups = group_quotes(articles, analyses, entities, {i: i for i in ids})
    names = {e.id: e.name for e in entities}
    return [
        [v.value for v in c.values]
        for c in speaker_conflicts(groups, {q.id: q for q in quotes}, names, entities, texts)
    ]


def _org(eid: str, *at: tuple[str, int, int]) -> Entity:
    return Entity(
        id=eid, name=eid.title(), type="organization",
        mentions=tuple(Mention(Span(a, s, e), eid, "ORG") for a, s, e in at),
    )  # fmt: skip


def test_speakers_named_together_in_one_attribution_are_no_rival_speakers() -> None:
    said = "they had closed the channel to all shipping until the wreck was cleared"
    a = f"The coast guard, the harbour police and the port authority said {said}."
    b = f"The coast guard said {said}."
    police = a.index("harbour police")
    quotes = (
        quote("a", said, "police", a.index(said), "indirect", a[police : a.index(" said")], police),
        quote("b", said, "guard", b.index(said), "indirect", "The coast guard", 0),
    )
    entities = [
        _org("guard", ("a", 4, 15), ("b", 4, 15)),
        _org("police", ("a", police, police + len("harbour police"))),
        _org("port", ("a", a.index("port"), a.index("port") + len("port authority"))),
    ]
    assert _speaker_conflicts(*quotes, texts={"a": a, "b": b}, entities=entities) == []
    alone = f"The harbour police said {said}."
    apart = (quote("a", said, "police", alone.index(said), "indirect", "The harbour police", 0), quotes[1])
    police_only = [_org("guard", ("b", 4, 15)), _org("police", ("a", 4, 18))]
    assert _speaker_conflicts(*apart, texts={"a": alone, "b": b}, entities=police_only) == [
        ["Police", "Guard"]
    ]


def test_a_surname_and_the_full_name_are_one_speaker() -> None:
    said = "Threats against officials are not protected speech in this state or any other"
    people = [
        Entity(id="kennedy", name="Kennedy", type="person"),
        Entity(id="mara-kennedy", name="Mara Kennedy Jr.", type="person"),
    ]
    quotes = (
        _named("a", said, "mara-kennedy", "prosecutor Mara Kennedy Jr."),
        _named("b", said, "kennedy", "Kennedy"),
    )
    assert _speaker_conflicts(*quotes, texts={"a": "x" * 200, "b": "x" * 200}, entities=people) == []


def test_a_short_title_both_articles_quote_is_no_utterance_to_dispute() -> None:
    """A group chained through a quoted list holds one song's title from each of two articles,
    each near a different named speaker: the title is no utterance either could have said."""
    from newsprism.link.conflicts import speaker_conflicts

    def grouped(text_a: str, text_b: str) -> list[list[str]]:
        quotes = (
            _named("a", text_a, "promoter", "the promoter"),
            _named("b", text_b, "singer", "the singer"),
        )
        variants = tuple(
            QuoteVariant(q.id, q.span, q.text, None, q.speaker, q.speaker_name, "variant") for q in quotes
        )
        group = QuoteGroup("g", "promoter", "promoter", variants, 2)
        found = speaker_conflicts([group], {q.id: q for q in quotes}, {}, [], {"a": "", "b": ""})
        return [[v.value for v in c.values] for c in found]

    assert grouped("Copper Moon", "Copper Moon") == []
    said = "We will play every song of the first record on every night of the tour"
    assert grouped(said, said) == [["promoter", "singer"]]


def test_a_few_quoted_words_do_not_name_the_speaker_of_a_longer_quote_holding_them() -> None:
    """One article says the ferry operator barred the skipper for "reckless conduct", quoting the
    two words near the skipper's name; another quotes the operator's unnamed statement, which
    holds those words. The statement is not the skipper's."""
    statement = "We barred him after reviewing the logs, which showed reckless conduct on the crossing,"
    term = quote("a", "reckless conduct", "skipper", written="the skipper")
    said = quote("b", statement, None, written="the company")
    analyses = [ArticleAnalysis(article="a", quotes=(term,)), ArticleAnalysis(article="b", quotes=(said,))]
    articles = [Article(id=i, source=i, title="", text="x" * 200) for i in "ab"]
    (group,) = group_quotes(articles, analyses, [], {"a": "a", "b": "b"})
    assert group.speaker is None
    relinked = group_speakers(analyses, [group])
    assert relinked[1].quotes[0].speaker is None
    assert relinked[0].quotes[0].speaker == "skipper"  # the few words keep their own speaker
