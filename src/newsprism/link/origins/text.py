"""What copy detection needs to know about one article: its sentences, compared three ways.

Each sentence of an :class:`~newsprism.records.ArticleAnalysis` (a ``(start, end)`` span into
``Article.text``) becomes a :class:`ReuseSentence` holding

* ``norm``: the text case-folded with whitespace collapsed (verbatim copies match exactly);
* ``stems``: its content-word stems (as :func:`newsprism.words.content_stems`), the key
  for paraphrase alignment, where a spinner swaps words but keeps names, numbers and most nouns;
* ``quoted``: whether it is mostly quotation, because two outlets quoting the same words is not
  copying.

A sentence is *substantive* when it has at least :data:`MIN_STEMS` content stems; only those
count when shares of aligned sentences are computed ("It was not." proves nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...records import QUOTED_KINDS, Article, ArticleAnalysis, trim_span
from ...words import fold, folded_content_stems, folded_words

#: Fewest content stems for a sentence to count in alignment shares.
MIN_STEMS = 3
#: Share of a sentence's characters inside quotation marks above which it is "mostly quotation".
QUOTED_SHARE = 0.5

_WS = re.compile(r"\s+")
# Fallback sentences when an analysis has none: runs up to a full stop, or a line.
_FALLBACK_SENTENCE = re.compile(r"[^\n.!?]+(?:[.!?]+[\"”’]?|$)", re.MULTILINE)
# Paired quotation marks on one line: curly or straight double quotes.
_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")


@dataclass(frozen=True, slots=True)
class ReuseSentence:
    """One sentence of an article as copy detection compares it."""

    start: int
    end: int
    norm: str
    stems: frozenset[str]
    quoted: bool

    @property
    def substantive(self) -> bool:
        """Whether the sentence has enough content words to count as evidence."""
        return len(self.stems) >= MIN_STEMS


@dataclass(frozen=True, slots=True)
class ReuseText:
    """One article prepared for copy detection."""

    article: str
    sentences: tuple[ReuseSentence, ...]
    words: tuple[str, ...]  # folded word tokens of the whole text, for document shingles

    @property
    def substantive(self) -> int:
        """How many sentences count in alignment shares."""
        return sum(1 for s in self.sentences if s.substantive)


def normalise(text: str) -> str:
    """``text`` case-folded, accents folded and whitespace collapsed."""
    return _WS.sub(" ", fold(text)).strip()


def stems_of(folded: str) -> frozenset[str]:
    """Content-word stems of already folded text (:func:`newsprism.words.content_stems`, as a set)."""
    return frozenset(folded_content_stems(folded))


def _quote_mask(text: str, analysis: ArticleAnalysis) -> bytearray:
    """1 for every character of ``text`` inside a direct quote (extracted or paired marks)."""
    mask = bytearray(len(text))
    for quote in analysis.quotes:
        if quote.kind in QUOTED_KINDS:
            lo, hi = max(0, quote.span.start), min(len(text), quote.span.end)
            mask[lo:hi] = b"\x01" * max(0, hi - lo)
    for match in _QUOTED.finditer(text):
        mask[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    return mask


def prepare(article: Article, analysis: ArticleAnalysis) -> ReuseText:
    """The sentences of ``article`` compared three ways (see the module docstring); when the
    analysis has no sentences, the text is cut at full stops and line ends."""
    text = article.text
    spans = analysis.sentences or tuple((m.start(), m.end()) for m in _FALLBACK_SENTENCE.finditer(text))
    mask = _quote_mask(text, analysis)
    sentences: list[ReuseSentence] = []
    for raw_start, raw_end in spans:
        start, end = trim_span(text, raw_start, raw_end)
        if start >= end:
            continue
        folded = fold(text[start:end])
        quoted = sum(mask[start:end]) > QUOTED_SHARE * (end - start)
        sentences.append(ReuseSentence(start, end, _WS.sub(" ", folded).strip(), stems_of(folded), quoted))
    return ReuseText(article.id, tuple(sentences), tuple(folded_words(fold(text))))
