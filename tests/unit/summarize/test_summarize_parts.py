"""Summary internals: candidate filters and span trimming, the size guard, terms and similarity."""

from __future__ import annotations

import pytest

from newsprism.records import Article, ArticleAnalysis
from newsprism.summarize.candidates import candidates, skip_reason, trim_span
from newsprism.summarize.text import cosine, terms
from newsprism.words import light_stem as stem


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Flooding closed the main highway for three days.", None),
        ('"We will rebuild," the mayor said on Tuesday.', None),
        ("Why did the river rise so fast this year?", "question"),
        ("It rained.", "too short"),
        ("Click here to subscribe to our daily newsletter today.", "boilerplate"),
        ("The council voted to approve the plan and then the", "fragment"),
        ('This is what we have been waiting for all year. "', "torn quote"),
        ('"The water came up to our knees in ten minutes."', "unattributed quote"),
        ('"The levee held," Lopez said. "We never doubted it would."', None),
    ],
)
def test_skip_reasons(text: str, reason: str | None) -> None:
    assert skip_reason(text) == reason


def test_trim_span_drops_whitespace_and_a_quote_left_from_the_next_sentence() -> None:
    text = '  Crews worked through the night. " More rain'
    start, end = trim_span(text, 0, text.index('"') + 1)
    assert text[start:end] == "Crews worked through the night."
    balanced = 'He said "no."'
    assert trim_span(balanced, 0, len(balanced)) == (0, len(balanced))


def test_large_stories_keep_only_each_articles_leading_sentences() -> None:
    sentences = [f"Sentence number {k} of the long report describes the flood." for k in range(50)]
    text = " ".join(sentences)
    spans: list[tuple[int, int]] = []
    pos = 0
    for s in sentences:
        spans.append((pos, pos + len(s)))
        pos += len(s) + 1
    articles = [Article(id=f"a{k}", source="x", title="", text=text, outlet=f"o{k}") for k in range(4)]
    analyses = [ArticleAnalysis(article=a.id, sentences=tuple(spans)) for a in articles]
    got = candidates(articles, analyses, {}, cap=40)
    assert len(got) == 40
    assert {c.position for c in got} == set(range(10))
    assert len(candidates(articles, analyses, {}, cap=1000)) == 200


def test_terms_are_stemmed_content_words() -> None:
    assert terms("The protesters were protesting the cities' protests") == [
        "protester",
        "protest",
        "city",
        "protest",
    ]
    assert stem("bus") == "bus"
    assert stem("spring") == "spring"
    assert stem("protested") == stem("protests") == "protest"


def test_cosine() -> None:
    assert cosine({"a": 1.0}, {"a": 2.0}) == pytest.approx(1.0)
    assert cosine({"a": 1.0}, {"b": 1.0}) == 0.0
    assert cosine({}, {"a": 1.0}) == 0.0


def two_origin_story(first: str, second: str) -> list[str | None]:
    """Skip reasons of ``first`` and ``second``, each the only sentence of its own origin."""
    articles = [Article(id=k, source=k, title="", text=t) for k, t in (("a", first), ("b", second))]
    analyses = [ArticleAnalysis(a.id, ((0, len(a.text)),)) for a in articles]
    return [c.skip for c in candidates(articles, analyses, {"a": "a", "b": "b"})]


def test_a_site_word_is_news_when_another_sentence_of_the_story_uses_it_too() -> None:
    ruling = "The judge ruled that the copyright covered only the piano arrangement of the song."
    other = "Warner had collected royalties for decades under a copyright filed in 1935."
    assert two_origin_story(ruling, other) == [None, None]
    # alone in its story, the word is the site's own
    unrelated = "Schools across the county stayed closed while the water receded."
    assert two_origin_story(ruling, unrelated) == ["boilerplate", None]
    # the notice forms are boilerplate whatever the story
    notice = "Copyright 2016 Nexstar Broadcasting, Inc. All rights reserved."
    assert two_origin_story(notice, other) == ["boilerplate", None]
    # one article that comes back to the word talks about it
    text = (
        "The streaming service lost 200,000 subscribers in the quarter, the company said. "
        "Analysts had expected it to add subscribers after the price cut in March."
    )
    article = Article(id="s", source="s", title="", text=text)
    cut = text.index("Analysts")
    analysis = ArticleAnalysis("s", ((0, cut - 1), (cut, len(text))))
    assert [c.skip for c in candidates([article], [analysis], {"s": "s"})] == [None, None]
