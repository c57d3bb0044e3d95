"""Timeline text: the sentence that dates an event, its concise description and its content words.

No model: sentences come from the analysis, words from :mod:`newsprism.words` (linking's stop
words and calendar words left out, linking's crude stem), so the same input always gives the
same words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ...records import Citation, Mention
from ...words import CALENDAR_WORDS, stem
from ...words import STOP as STOP_WORDS

MAX_DESCRIPTION = 220  # longer sentences are cut to the clause that holds the date
MIN_CLAUSE_WORDS = 5

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_CLAUSE_BREAK = re.compile(r"\s*(?:;|\s[—–]\s|\s-\s|:\s)\s*")
_POSSESSIVE = re.compile(r"['’]s$")

#: Stop words of the timeline: linking's, and calendar words (the date is compared on its own).
STOP = STOP_WORDS | CALENDAR_WORDS


def _stem(word: str) -> str:
    """The linking stem (:func:`newsprism.words.stem`) of a word as written: lower case, "'s" dropped."""
    return stem(_POSSESSIVE.sub("", word.lower()))


def content_words(text: str) -> frozenset[str]:
    """Stems of the words of ``text`` that carry content (no stop words, dates or short words)."""
    out = set()
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if len(word) < 3 or word in STOP:
            continue
        stemmed = _stem(word)
        if stemmed not in STOP:
            out.add(stemmed)
    return frozenset(out)


def sentence_around(
    sentences: Sequence[tuple[int, int]], start: int, end: int, length: int
) -> tuple[int, int]:
    """The sentence span holding ``start``, or a 200-character window when no sentence does."""
    starts = [s for s, _ in sentences]
    index = bisect.bisect_right(starts, start) - 1
    if index >= 0 and sentences[index][0] <= start < sentences[index][1]:
        return sentences[index]
    return max(0, start - 100), min(length, end + 100)


def within_paragraph(text: str, span: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """``span`` cut to the paragraph (blank-line separated) that holds ``start:end``."""
    first, last = span
    before = text.rfind("\n\n", first, start)
    after = text.find("\n\n", end, last)
    return (first if before < 0 else before + 2), (last if after < 0 else after)


def citation(article: str, text: str, span: tuple[int, int]) -> Citation:
    """A citation of ``text[span]`` with surrounding whitespace trimmed from the span."""
    return Citation.of(article, text, *span)


def describe(sentence: Citation, start: int, end: int) -> str:
    """A concise description: the sentence, or for a long one the clause holding ``start:end``.

    Clauses are cut at semicolons, dashes and colons; a clause shorter than five words is not a
    description, so the whole sentence is kept then."""
    text = " ".join(sentence.text.split())
    if len(sentence.text) <= MAX_DESCRIPTION:
        return text
    offset = 0
    local_start, local_end = start - sentence.span.start, end - sentence.span.start
    for piece in _CLAUSE_BREAK.split(sentence.text):
        where = sentence.text.find(piece, offset)
        if where <= local_start and local_end <= where + len(piece):
            clause = " ".join(piece.split()).rstrip(",")
            return clause if len(clause.split()) >= MIN_CLAUSE_WORDS else text
        offset = where + len(piece)
    return text


def names_in(mentions: Sequence[Mention], span: tuple[int, int]) -> frozenset[str]:
    """The last word (lower case) of every named mention inside ``span``: "Xi", "Putin", "Moscow"."""
    names = set()
    for m in mentions:
        if span[0] <= m.span.start and m.span.end <= span[1]:
            words = _WORD.findall(m.text)
            if words:
                names.add(_stem(words[-1]))
    return frozenset(names)


def words_outside(sentence: Citation, start: int, end: int) -> frozenset[str]:
    """Content words of the sentence with the time expression ``start:end`` itself left out."""
    local_start, local_end = max(0, start - sentence.span.start), max(0, end - sentence.span.start)
    return content_words(sentence.text[:local_start] + " " + sentence.text[local_end:])
