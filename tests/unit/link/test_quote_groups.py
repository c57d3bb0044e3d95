"""Quote groups: one utterance across articles, with every wording, and no look-alikes merged."""

from __future__ import annotations

from newsprism.link.quotes import explicit, group_quotes, group_speakers
from newsprism.records import Article, ArticleAnalysis, Quote, Span


def quote(
    article: str,
    text: str,
    speaker: str | None,
    start: int = 0,
    kind: str = "direct",
    written: str | None = None,
) -> Quote:
    """A quote whose speaker phrase is ``written`` (by default the speaker's name itself)."""
    return Quote(
        id=f"{article}-{start}", span=Span(article, start, start + len(text)), text=text,
        kind=kind, speaker=speaker, speaker_name=speaker, speaker_text=written or speaker,  # type: ignore[arg-type]
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
    (conflict,) = speaker_conflicts(groups, {q.id: q for q in quotes}, {})
    assert conflict.kind == "speaker" and conflict.severity == "contradiction"
    assert [v.value for v in conflict.values] == ["vukanich", "sokol"]
