"""Summary: verbatim, cited, budgeted, redundancy-free, origin-aware and ordered for reading."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsprism.records import Article, ArticleAnalysis, Published, Quality, Quote, Span, SummarySentence
from newsprism.summarize import summarize

FLOOD = "Flooding closed the main highway into the valley for three days, officials reported."
BRIDGE = "The mayor announced that a new bridge over the river would open next spring."


def make(name: str, sentences: Sequence[str], date: str | None = None) -> tuple[Article, ArticleAnalysis]:
    """An article whose text is ``sentences`` joined by spaces, with their spans as analysis."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for s in sentences:
        spans.append((pos, pos + len(s)))
        pos += len(s) + 1
    text = " ".join(sentences)
    published = Published(value=date, how="metadata") if date else Published()
    article = Article(id=name, source=f"{name}.txt", title=name, text=text, outlet=name, published=published)
    return article, ArticleAnalysis(article=name, sentences=tuple(spans))


def run(
    pairs: Sequence[tuple[Article, ArticleAnalysis]],
    origin_of: dict[str, str] | None = None,
    max_words: int = 200,
) -> list[SummarySentence]:
    articles = [a for a, _ in pairs]
    return summarize(
        articles, [an for _, an in pairs], origin_of or {a.id: a.id for a in articles}, max_words
    )


STORY = [
    make(
        "a",
        [
            FLOOD,
            "Rescue crews evacuated two hundred residents from low-lying homes near the river.",
            "The storm dropped more rain in one night than the region usually sees in a month.",
        ],
    ),
    make(
        "b",
        [
            "Flooding shut the main highway into the valley for three days, officials said.",
            "Schools across the county stayed closed while the water receded.",
            "Insurers expect claims to run into the tens of millions of dollars.",
        ],
    ),
    make(
        "c",
        [
            "Officials reported that flooding closed the valley's main highway for three days.",
            "Volunteers filled sandbags outside the town hall through the night.",
        ],
    ),
]


def by_id(pairs: Sequence[tuple[Article, ArticleAnalysis]]) -> dict[str, Article]:
    return {a.id: a for a, _ in pairs}


def test_every_sentence_is_the_exact_text_of_its_cited_span() -> None:
    texts = by_id(STORY)
    summary = run(STORY)
    assert summary
    for s in summary:
        cite = s.citation
        assert s.text == cite.text == cite.span.text_of(texts[cite.span.article].text)
        for c in s.corroborations:
            assert c.text == c.span.text_of(texts[c.span.article].text)
            assert c.span.article != cite.span.article


def test_the_word_budget_is_never_exceeded_and_zero_gives_nothing() -> None:
    for budget in (15, 30, 60):
        summary = run(STORY, max_words=budget)
        assert sum(len(s.text.split()) for s in summary) <= budget
    assert run(STORY, max_words=0) == []
    assert run([]) == []


def test_a_fact_three_sources_state_appears_once_and_cites_the_others() -> None:
    summary = run(STORY, max_words=200)
    flood = [s for s in summary if "highway" in s.text]
    assert len(flood) == 1
    cited = {c.span.article for c in flood[0].corroborations} | {flood[0].citation.span.article}
    assert cited == {"a", "b", "c"}


def test_salience_counts_independent_origins_not_copies() -> None:
    wire = [BRIDGE, "Council members debated the cost of the project for an hour."]
    pairs = [
        make("w1", wire),
        make("w2", wire),
        make("w3", wire),
        make("x", [FLOOD, "Farmers said the harvest was lost."]),
        make(
            "y",
            [
                "Flooding closed the main highway into the valley for three days, police reported.",
                "A bakery handed out free bread.",
            ],
        ),
    ]
    origins = {"w1": "w", "w2": "w", "w3": "w", "x": "x", "y": "y"}
    summary = run(pairs, origins, max_words=16)
    assert [s.text for s in summary] == [FLOOD]
    # without origins the three copies look like three sources and the wire sentence wins
    naive = run(pairs, None, max_words=16)
    assert [s.text for s in naive] == [BRIDGE]


def test_corroborations_prefer_other_origins_over_copies() -> None:
    pairs = [
        make("orig", [FLOOD, "Rescue crews evacuated two hundred residents overnight."]),
        make("copy", [FLOOD, "Rescue crews evacuated two hundred residents overnight."]),
        make(
            "other", ["Officials reported flooding closed the main highway into the valley for three days."]
        ),
    ]
    summary = run(pairs, {"orig": "o", "copy": "o", "other": "other"})
    flood = next(s for s in summary if "highway" in s.text)
    assert flood.corroborations[0].span.article != "copy" or flood.citation.span.article == "other"
    assert "other" in {c.span.article for c in flood.corroborations} | {flood.citation.span.article}


def test_questions_short_lines_boilerplate_and_fragments_are_not_extracted() -> None:
    junk = [
        "Will the flooding on the main highway into the valley ever end for residents?",
        "Floods again.",
        "Subscribe to our newsletter for flooding updates on the main highway into the valley.",
        "Flooding closed the main highway into the valley and officials reported that the",
    ]
    pairs = [
        make("a", [*junk, FLOOD]),
        make("b", ["Rescue crews evacuated two hundred residents from their homes."]),
    ]
    texts = {s.text for s in run(pairs, max_words=200)}
    assert not texts & set(junk)
    assert FLOOD in texts


def test_sentences_are_ordered_by_publication_date_then_position() -> None:
    pairs = [
        make("late", ["Crews began repairing the damaged highway on Thursday morning."], "2024-05-09"),
        make(
            "early",
            [
                "Heavy rain began falling over the valley late on Sunday evening.",
                "By Monday the river had burst its banks in several places.",
            ],
            "2024-05-06",
        ),
    ]
    summary = run(pairs, max_words=200)
    assert [s.citation.span.article for s in summary] == ["early", "early", "late"]
    assert summary[0].citation.span.start < summary[1].citation.span.start


def test_spans_are_trimmed_of_whitespace_and_a_dangling_quote() -> None:
    text = '  The governor declared a state of emergency across the valley on Monday. " Officials said more rain was due.'
    first_end = text.index('"') + 1
    article = Article(id="q", source="q.txt", title="q", text=text)
    analysis = ArticleAnalysis(article="q", sentences=((0, first_end), (first_end, len(text))))
    summary = summarize([article], [analysis], {"q": "q"}, 200)
    first = summary[0]
    assert first.text == "The governor declared a state of emergency across the valley on Monday."
    assert first.citation.span.text_of(text) == first.text


def _spun(pair: tuple[Article, ArticleAnalysis]) -> tuple[Article, ArticleAnalysis]:
    article, analysis = pair
    return article, replace(analysis, quality=Quality(score=0.7, spun=True))


def test_machine_spun_text_is_never_the_wording_while_a_clean_article_says_it() -> None:
    clean = make("clean", [FLOOD, "Schools across the county stayed closed while the water receded."])
    spun = _spun(
        make(
            "spun",
            [
                "Inundation shut the principle roadway into the vale for three days, authorities detailed.",
                "Farmers said the harvest of the whole valley was lost to the water.",
            ],
        )
    )
    summary = run([clean, spun])
    assert summary and all(s.citation.span.article == "clean" for s in summary)
    # a story told only by spun articles still gets its summary
    assert run([spun])


def test_the_speaker_beside_a_sentence_is_the_storys_name_for_that_person() -> None:
    text = "The levee will hold through the weekend."
    article = Article(id="a", source="a.txt", title="", text=text)
    quote = Quote(
        id="q",
        span=Span("a", 0, len(text) - 1),
        text=text[:-1],
        kind="direct",
        speaker_name="Jana Drobnna",
        speaker="e1",
    )
    analysis = ArticleAnalysis("a", ((0, len(text)),), quotes=(quote,))
    (only,) = summarize([article], [analysis], {"a": "a"}, 50, {"e1": "Jana Drobna"})
    assert only.speaker == "Jana Drobna"


def test_a_torn_quotation_taken_whole_is_one_summary_sentence_over_both_spans() -> None:
    """The splitter cut the quotation after "town."; its opening is never extracted alone, so
    the two come in together and read as one sentence with one exact citation, not as a
    summary sentence ``"We have lost the lower town.`` followed by the rest of the quotation."""
    opening = '"We have lost the lower town.'
    closing = 'The bridge, the school and the clinic are all under water," Mayor Jana Drobna said.'
    pair = make("a", [opening, closing, BRIDGE])
    got = run([pair])
    whole = f"{opening} {closing}"
    assert whole in [s.text for s in got]
    joined = next(s for s in got if s.text == whole)
    span = joined.citation.span
    assert pair[0].text[span.start : span.end] == whole == joined.citation.text
    assert all(s.text not in (opening, closing) for s in got)


def test_a_bare_quotation_mark_split_off_is_no_summary_sentence_of_its_own() -> None:
    mark = '"'
    rest = 'The pumps at the north station failed twice before midnight," the engineer told the council.'
    pair = make("a", [FLOOD, mark, rest])
    got = run([pair])
    assert mark not in [s.text for s in got]
    assert f"{mark} {rest}" in [s.text for s in got]
