"""Candidate sentences for the summary: verbatim spans of the articles, with the reasons a
sentence is not worth extracting (too short, a question, a cut-off fragment, site boilerplate, a
quote torn from its attribution).

Each :class:`Candidate` keeps its exact span so a summary sentence can always cite it:
``article.text[start:end] == text``. Spans are trimmed of surrounding whitespace and of a dangling
quotation mark that the sentence splitter left on the wrong side of a boundary.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from ..records import Article, ArticleAnalysis, Paired, paired
from ..words import light_stem
from .context import Context, QuoteIndex, Standing, standing
from .furniture import AD_LABEL, caption, labelled, machinery, news_start, site_address
from .text import CUE, terms, word_count

MIN_WORDS = 6
MAX_WORDS = 80
MAX_CANDIDATES = 3000  # per story; beyond it only each article's leading sentences are kept

_QUOTES = '"“”'
_END = ".!\"'”’)"
_BOILERPLATE = re.compile(
    r"(?:subscrib(?:e|ing)\b|sign up|newsletter sign|click here|all rights reserved|copyright\s*(?:©|\(c\)|\d{4})|©|"
    rf"follow us|^{AD_LABEL}|read more|related:|&#\d+;|\bphoto:|\bimage:|\bvideo:|getty images|"
    r"(?:use of|uses|enable|accept|allow) cookies|terms of (?:use|service)|privacy policy|share this|"
    r"comments? (?:are|have been)|this (?:article|story) (?:was|has been) (?:updated|corrected)|"
    r"support our journalism|enable javascript|javascript (?:is|must be)|your browser|log ?in\b|email us)",
    re.IGNORECASE,
)
_SITE_WORDS = re.compile(
    r"\b(?:copyright|cookies?|javascript|newsletters?|advertisements?|subscribers?|login)\b", re.IGNORECASE
)
"""Words of a site's own machinery that are also what a story may be about (a copyright ruling, an
advertisement that offends, a candidate's old newsletters, a streamer's subscribers): boilerplate
in a story only while no other sentence of it uses them (:func:`_news_words`). The notice forms
("Copyright 2019", "enable cookies") are :data:`_BOILERPLATE` whatever the story."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One sentence of one article, as a possible summary sentence."""

    article: str  # Article.id
    order: int  # the article's index in the input
    origin: str  # independent-origin id
    start: int
    end: int
    text: str
    position: int  # 0-based sentence index within the article
    sentences: int  # number of sentences in the article
    words: int
    terms: tuple[str, ...]
    skip: str | None = None  # why the sentence is never extracted (None: eligible)
    speaker: str | None = None  # the resolved speaker to show beside it (:mod:`.context`)
    context: Context | None = None  # why it cannot stand alone: only after its previous sentence
    cut: int = 0  # furniture characters cut from its start (:func:`~.furniture.news_start`)

    @property
    def eligible(self) -> bool:
        """Whether the sentence may be extracted into the summary (one that cannot stand alone
        only right after its article's previous sentence, :attr:`context`)."""
        return self.skip is None


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed past surrounding whitespace and past an unbalanced quotation
    mark standing alone at either edge (one the splitter cut from the neighbouring sentence)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    inner = text[start:end]
    if sum(inner.count(q) for q in _QUOTES) % 2 == 1:
        if end - start >= 2 and text[end - 1] in _QUOTES and text[end - 2].isspace():
            end -= 1
        elif end - start >= 2 and text[start] in _QUOTES and text[start + 1].isspace():
            start += 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def skip_reason(text: str, speaker_known: bool = False, news_words: Collection[str] = ()) -> str | None:
    """Why ``text`` should not be extracted, or ``None`` when it is a fair summary sentence.
    ``speaker_known``: the analysis resolved who speaks in a quotation the sentence does not
    attribute itself, so the quotation rules do not apply (the speaker is shown beside it).
    ``news_words``: the :data:`_SITE_WORDS` (stemmed) the story talks about (:func:`_news_words`)."""
    if text.rstrip(_END).endswith("?") or text.endswith("?"):
        return "question"
    if text[-1] not in _END:
        return "fragment"
    if _BOILERPLATE.search(text) or any(w not in news_words for w in site_words(text)):
        return "boilerplate"
    if caption(text) or site_address(text):
        return "furniture"
    if not speaker_known and sum(text.count(q) for q in _QUOTES) % 2 == 1 and not CUE.search(text):
        return "torn quote"
    if not speaker_known and text[0] in _QUOTES and text[-1] in _QUOTES and not CUE.search(text):
        return "unattributed quote"
    n = word_count(text)
    if n < MIN_WORDS:
        return "too short"  # last: a short sentence is otherwise whole (it may lead the next one)
    if n > MAX_WORDS:
        return "too long"
    return None


def site_words(text: str) -> set[str]:
    """The :data:`_SITE_WORDS` of ``text``, stemmed."""
    return {light_stem(m.group(0).lower()) for m in _SITE_WORDS.finditer(text)}


def placed(text: str, stands: Standing, news_words: Collection[str] = ()) -> tuple[str | None, Standing]:
    """The skip reason and standing of a sentence once its quotation is placed: a quotation that
    does not name its speaker ("``"We never doubted it."``" after "..., Lopez said.") is a fair
    summary sentence when the analysis resolved who speaks (shown beside it); a whole-sentence
    quotation whose speaker is unknown may still follow the sentence before it, where the
    attribution usually stands. A torn quotation with no known speaker stays out: its speaker
    may be named after it, not before."""
    skip = skip_reason(text, stands.speaker is not None, news_words)
    if skip != "unattributed quote":
        return skip, stands
    rest = skip_reason(text, True, news_words)
    return rest, (Standing(context="unnamed speaker") if rest is None else stands)


def candidates(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    origin_of: Mapping[str, str],
    cap: int = MAX_CANDIDATES,
) -> list[Candidate]:
    """Every sentence of every article, in input order, each marked eligible or not.

    When the story has more than ``cap`` sentences, each article keeps only its first
    ``cap // len(articles)`` sentences (at least 3), so the later stages stay bounded."""
    pairs = paired(articles, analyses)
    # Machine-spun text is never the summary's wording while a clean article is there to quote
    # (it still corroborates: a spun copy states what its source said, garbled).
    clean = any(not p.analysis.quality.spun for p in pairs)
    total = sum(len(p.analysis.sentences) for p in pairs)
    per_article = max(3, cap // max(1, len(articles))) if total > cap else None
    news_words = _news_words(pairs, per_article)
    out: list[Candidate] = []
    for pair in pairs:
        order, article, analysis = pair.order, pair.article, pair.analysis
        spans = analysis.sentences if per_article is None else analysis.sentences[:per_article]
        origin = origin_of.get(article.id, article.id)
        quotes = QuoteIndex(analysis.quotes)
        for position, (raw_start, raw_end) in enumerate(spans):
            start, end = trim_span(article.text, raw_start, raw_end)
            if start >= end:
                continue
            text = article.text[start:end]
            skip, stands = placed(text, standing(text, start, quotes.within(start, end)), news_words)
            cut = 0
            if skip in ("boilerplate", "furniture") or (skip is None and labelled(text)):
                news = _news_after_furniture(article.text, start, end, quotes, news_words)
                if news is not None:
                    cut = news[0] - start
                    start, (skip, stands) = news
                    text = article.text[start:end]
            if skip is None and clean and analysis.quality.spun:
                skip = "spun"
            out.append(
                Candidate(
                    article=article.id,
                    order=order,
                    origin=origin,
                    start=start,
                    end=end,
                    text=text,
                    position=position,
                    sentences=len(analysis.sentences),
                    words=word_count(text),
                    terms=tuple(terms(text)),
                    skip=skip,
                    context=stands.context,
                    speaker=stands.speaker,
                    cut=cut,
                )
            )
    return _without_machinery(out)


MIN_NEWS_WORDS = 8
"""Words the news after a furniture prefix needs (fewer is a caption's tail, not a lede)."""


def _news_after_furniture(
    text: str, start: int, end: int, quotes: QuoteIndex, news_words: Collection[str]
) -> tuple[int, tuple[str | None, Standing]] | None:
    """Where the news starts in the sentence ``text[start:end]`` that opens with page furniture
    (:func:`~.furniture.news_start`), with its skip reason and standing read from there; ``None``
    when no such prefix ends cleanly or what follows it is no fair summary sentence either."""
    cut = news_start(text[start:end])
    if cut == 0:
        return None
    at = start + cut
    rest = text[at:end]
    placed_rest = placed(rest, standing(rest, at, quotes.within(at, end)), news_words)
    if placed_rest[0] is not None or word_count(rest) < MIN_NEWS_WORDS:
        return None
    return at, placed_rest


def _news_words(pairs: Sequence[Paired], per_article: int | None) -> frozenset[str]:
    """The :data:`_SITE_WORDS` the story talks about: used in at least two of its distinct
    sentences (a site's notice is a one-off on its page; a story about copyright, or about a
    streamer's subscribers, comes back to the word, in one article or across several)."""
    sentences: dict[str, set[str]] = defaultdict(set)
    for pair in pairs:
        spans = pair.analysis.sentences if per_article is None else pair.analysis.sentences[:per_article]
        for start, end in spans:
            text = pair.article.text[start:end].strip()
            for word in site_words(text):
                sentences[word].add(text)
    return frozenset(w for w, texts in sentences.items() if len(texts) > 1)


def _without_machinery(cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with each sentence about web machinery no other origin of the story mentions
    marked furniture (:func:`~.furniture.machinery`; a story of one origin has no others to ask)."""
    origins_of: dict[str, set[str]] = {}
    for c in cands:
        for t in c.terms:
            origins_of.setdefault(t, set()).add(c.origin)
    if len({c.origin for c in cands}) < 2:
        return cands
    return [
        replace(c, skip="furniture") if c.skip is None and machinery(c.terms, c.origin, origins_of) else c
        for c in cands
    ]
