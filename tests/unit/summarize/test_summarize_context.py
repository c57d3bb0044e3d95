"""A summary sentence stands alone: no pronoun or unnamed speaker it cannot resolve."""

from __future__ import annotations

import pytest

from newsprism.records import Article, ArticleAnalysis, Quote, QuoteKind, Span
from newsprism.summarize import summarize
from newsprism.summarize.candidates import candidates
from newsprism.summarize.context import leading_reference, standing


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("He was arrested at the border on Friday night.", "He"),
        ("This is the third such case in the county.", "This"),
        ("Their study tracked more than twenty thousand pregnancies.", "Their"),
        ("That proposal goes to the council next week.", "That"),
        ("This week, the council approved the new budget.", None),
        ("This May, the council voted to close the river road.", None),
        ("He may be twice her age, but the court heard he paid.", "He"),
        ("This week, he resigned from the board of the water company.", "he"),
        ("It is not clear whether the bridge will reopen.", None),
        ("Those who stayed behind were rescued by boat.", None),
        ('"We will rebuild," the mayor said on Tuesday.', None),
        ("The mayor said the bridge would reopen in spring.", None),
    ],
)
def test_leading_reference(text: str, word: str | None) -> None:
    assert leading_reference(text) == word


def quote(
    text: str, at: int, speaker_text: str, speaker_at: int, name: str | None, kind: QuoteKind = "direct"
) -> Quote:
    return Quote(
        id="q",
        span=Span("a", at, at + len(text)),
        text=text,
        kind=kind,
        speaker_text=speaker_text,
        speaker_span=Span("a", speaker_at, speaker_at + len(speaker_text)),
        speaker_name=name,
    )


def test_a_resolved_pronoun_speaker_is_shown_beside_the_sentence() -> None:
    text = '"The levee held," she said.'
    got = standing(text, 0, [quote("The levee held,", 1, "she", 18, "Maria Lopez")])
    assert (got.speaker, got.context) == ("Maria Lopez", None)


def test_an_unresolved_pronoun_speaker_cannot_stand_alone() -> None:
    text = '"The levee held," she said.'
    assert standing(text, 0, [quote("The levee held,", 1, "she", 18, None)]).context == "unnamed speaker"
    assert standing("The levee held, he said.", 0, []).context == "unnamed speaker"


def test_a_speaker_the_sentence_names_needs_nothing_beside_it() -> None:
    text = '"The levee held," Lopez said.'
    got = standing(text, 0, [quote("The levee held,", 1, "Lopez", 18, "Maria Lopez")])
    assert (got.speaker, got.context) == (None, None)
    said_she = "Mayor Maria Lopez says she will not resign."
    assert standing(said_she, 0, []).context is None


def make(sentences: list[str]) -> tuple[Article, ArticleAnalysis]:
    spans, pos = [], 0
    for s in sentences:
        spans.append((pos, pos + len(s)))
        pos += len(s) + 1
    text = " ".join(sentences)
    return Article(id="a", source="a.txt", title="a", text=text), ArticleAnalysis("a", tuple(spans))


def test_a_pronoun_sentence_is_chosen_only_right_after_the_sentence_it_points_back_to() -> None:
    named = "Flood warden Maria Lopez closed the river road before dawn on Sunday."
    pronoun = "She had watched the water rise past the old mill for six hours."
    other = "Schools across the county stayed closed while the water receded slowly."
    article, analysis = make([named, pronoun, other])
    texts = [s.text for s in summarize([article], [analysis], {"a": "a"}, max_words=200)]
    assert texts.index(pronoun) == texts.index(named) + 1
    # with room for one sentence only, the pronoun sentence never leads
    small = summarize([article], [analysis], {"a": "a"}, max_words=len(pronoun.split()))
    assert pronoun not in [s.text for s in small]


def test_a_quotation_whose_speaker_is_known_is_extracted_with_the_speaker_beside_it() -> None:
    named = '"The levee held through the night," flood warden Maria Lopez said on Sunday.'
    more = '"We never doubted it would, but the river came within a foot of the top."'
    article, analysis = make([named, more])
    at = article.text.index(more) + 1
    said = quote(more[1:-1], at, "Maria Lopez", named.index("Maria"), "Maria Lopez")
    resolved = ArticleAnalysis("a", analysis.sentences, quotes=(said,))
    got = candidates([article], [resolved], {"a": "a"})[1]
    assert (got.eligible, got.speaker, got.context) == (True, "Maria Lopez", None)
    # speaker unknown: only right after the sentence before it, which names her
    unknown = candidates([article], [analysis], {"a": "a"})[1]
    assert (unknown.eligible, unknown.context) == (True, "unnamed speaker")


def test_a_pronoun_sentence_after_a_short_sentence_comes_with_it() -> None:
    short = "Meet Maria Lopez."
    pronoun = "She has guarded the river road through every flood for twenty years."
    other = "Schools across the county stayed closed while the water receded slowly."
    article, analysis = make([short, pronoun, other])
    texts = [s.text for s in summarize([article], [analysis], {"a": "a"}, max_words=200)]
    assert f"{short} {pronoun}" in texts  # one summary sentence over both spans
    # the pair does not fit in the pronoun sentence's own length: neither is chosen
    small = summarize([article], [analysis], {"a": "a"}, max_words=len(pronoun.split()))
    assert not {short, pronoun} & {s.text for s in small}


def test_a_short_sentence_that_cannot_stand_alone_leads_nothing() -> None:
    short = "They left early."
    pronoun = "She has guarded the river road through every flood for twenty years."
    article, analysis = make([short, pronoun])
    assert summarize([article], [analysis], {"a": "a"}, max_words=200) == []


def test_a_known_speaker_does_not_make_a_short_quotation_worth_extracting() -> None:
    named = '"The levee held through the night," flood warden Maria Lopez said on Sunday.'
    short = '"Barely."'
    article, analysis = make([named, short])
    at = article.text.index(short) + 1
    said = quote("Barely.", at, "Maria Lopez", named.index("Maria"), "Maria Lopez")
    resolved = ArticleAnalysis("a", analysis.sentences, quotes=(said,))
    assert candidates([article], [resolved], {"a": "a"})[1].skip == "too short"


def test_a_sentence_going_on_with_a_quotation_waits_for_the_sentence_that_opens_it() -> None:
    """Without its opening mark, "We warned them" reads as the narrator's and "It fails" points
    nowhere, though the speaker is named after the closing mark: both come only with the
    sentence before (as one unit when that one is a torn quotation)."""
    opening = '"A dam does not fail in one night.'
    it = 'It fails over years," said hydrologist Lena Fischbach.'
    we = 'We warned them in writing," said hydrologist Lena Fischbach.'
    for second, context in ((it, "unresolved reference"), (we, "unresolved reference")):
        article, analysis = make([opening, second])
        words = article.text[1 : article.text.index('"', 1)]
        said = quote(words, 1, "Lena Fischbach", article.text.index("Lena"), "Lena Fischbach")
        got = candidates([article], [ArticleAnalysis("a", analysis.sentences, quotes=(said,))], {"a": "a"})
        assert got[1].context == context


def test_only_a_direct_quote_runs_over_a_sentence_end() -> None:
    sentences = [
        "A satirical weekly published cartoons of the prophet on its cover on Wednesday.",
        'Last year it published an edition "guest-edited" by the prophet that it called a joke.',
        "Riot police took up positions outside the magazine's offices in Paris.",
    ]
    article, analysis = make(sentences)
    misread = quote(
        article.text[: len(article.text) - 5], 0, "it", article.text.index("it called"), None, "partial"
    )
    got = candidates([article], [ArticleAnalysis("a", analysis.sentences, quotes=(misread,))], {"a": "a"})
    # the sentences after the one it starts in do not hang on its unresolved "it"
    assert [c.context for c in got[1:]] == [None, None]
