"""The per-article analysis: one pure function over an already parsed Doc.

The same function runs in-process, in a local process pool (:mod:`newsprism.run.local`) or on a
cluster; nothing in it parses text again, so its cost over the bare spaCy pass stays small
(``make bench`` measures the ratio).
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from ..nlp.text import doc_text
from ..records import Article, ArticleAnalysis, trim_span
from .mentions import extract_mentions
from .quality import assess_quality
from .quantities import extract_quantities
from .quotes import extract_quotes
from .roles import extract_roles
from .timex import anchor_date_of, extract_time_expressions, infer_publication_date

# A "sentence" starting with one of these (or a lower-case word) continues the one before it.
_CONTINUATION = frozenset(",;:)]}")
#: Least share of sentences starting upper-case for a lower-case start to mean a split-off piece.
_CASED_SHARE = 0.8
_PERIOD_NAME = re.compile(r"\b([A-Z]{1,4}\.)[ \t]+([A-Z]{2,})\b")
_ENDS_ABBREVIATION = re.compile(r"\b[A-Z]{1,4}\.$")
_CAPS_WORD = re.compile(r"[A-Z]{2,}\b")
MIN_NAME_REPEATS = 3
"""Times an article writes one capitalised abbreviation, its period and one all-caps word
together ("the ID. SPACE VIZZION", a model name) for the pair to be a name, not a boundary."""


def analyze_doc(doc: Doc, article: Article) -> ArticleAnalysis:
    """Everything newsprism extracts from one article, given its parsed clean text."""
    if doc.text != article.text:  # offsets must point into Article.text
        raise ValueError(f"doc text differs from article {article.id}'s text")
    aid = article.id
    mentions = extract_mentions(doc, aid)
    published = article.published if article.published.value else infer_publication_date(doc, aid)
    sentences = sentence_spans(doc)
    return ArticleAnalysis(
        article=aid,
        sentences=sentences,
        mentions=tuple(mentions),
        roles=tuple(extract_roles(doc, mentions)),
        quotes=tuple(extract_quotes(doc, aid, mentions)),
        quantities=tuple(extract_quantities(doc, aid)),
        time_expressions=tuple(extract_time_expressions(doc, aid, anchor_date_of(published), sentences)),
        quality=assess_quality(doc, aid),
        published=None if article.published.value else published,
    )


def sentence_spans(doc: Doc) -> tuple[tuple[int, int], ...]:
    """The parser's sentences, with pieces it split off mid-sentence joined back.

    Spun and garbled text ("... (1,060 mi). shares a boundary. ), is his first stop.") makes the
    parser cut one sentence into fragments that start with a lower-case word or with ``,;:)``.
    A piece like that, on the same line as the sentence before it, is joined to that sentence, so
    sentence alignment sees the whole statement. A lower-case start only counts in a text whose
    sentences mostly start upper-case (a lower-cased corpus, like Multi-News, has no such clue),
    and words that start lower-case but are names ("iPhone", "eBay") keep their sentence. A name
    written with a period that the article repeats ("the ID. SPACE VIZZION") is not cut either
    (:func:`_repeated_name`). The
    quality flags still read the parser's own cuts. Spans are trimmed of the whitespace the
    parser keeps at a sentence's edges (a paragraph break is a token of the sentence before it),
    so a sentence cited anywhere downstream is its words only.
    """
    text = doc_text(doc)
    sents = [(s.start_char, s.end_char, text[s.start_char : s.end_char].lstrip()) for s in doc.sents]
    letters = [head[0] for _, _, head in sents if head[:1].isalpha()]
    cased = sum(ch.isupper() for ch in letters) >= _CASED_SHARE * len(letters)
    names = Counter(m.groups() for m in _PERIOD_NAME.finditer(text))
    spans: list[tuple[int, int]] = []
    for start, end, head in sents:
        first = head[:1]
        before = text[spans[-1][0] : end - len(head)] if spans else ""
        # after "?" or "!" a lower-case word is usually a new sentence of informal text
        lower = cased and first.islower() and not head[1:2].isupper() and before.rstrip()[-1:] == "."
        same_line = before.strip() != "" and "\n" not in before[len(before.rstrip()) :]
        named = _repeated_name(before, head, names)
        if (first in _CONTINUATION or lower or named) and same_line:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    if cased:
        spans = [part for start, end in spans for part in _label_lines(text, start, end)]
    trimmed = (trim_span(text, start, end) for start, end in spans)
    return tuple((start, end) for start, end in trimmed if end > start)


def _repeated_name(before: str, head: str, names: Counter[tuple[str, ...]]) -> bool:
    """Whether the parser cut inside a name written with a period: ``before`` ends with a
    capitalised abbreviation and ``head`` opens with an all-caps word, a pair the article writes
    at least :data:`MIN_NAME_REPEATS` times ("... to give the ID." / "SPACE VIZZION a near-50:50
    weight distribution."). Not the pair's form alone: an acronym ending a sentence before one
    opening the next is ordinary news ("... to join the TPP. CREDO Action also bought ads", "the
    US. PTI"); a sentence boundary does not come back with the same words on both sides."""
    end = _ENDS_ABBREVIATION.search(before.rstrip())
    word = _CAPS_WORD.match(head)
    return end is not None and word is not None and names[(end.group(0), word.group(0))] >= MIN_NAME_REPEATS


_LABEL_WORDS = 8
"""A line of at most this many words, with no end punctuation, may be a label (see below)."""
_LABEL_END = re.compile(r"[.!?,;:\"'”’)\]…-]\s*$")
_NEXT_CHAR = re.compile(r"\s*(\S)")
_WRAPPED = re.compile(
    r"\b(?:a|an|the|of|to|in|on|at|for|and|or|but|with|by|from|as|that|his|her|their|its)\s*$", re.I
)


def _label_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut after each leading line that is a label, not the start of the
    sentence: a byline, a dateline, a heading ("Staff Reports" / "Police arrested six people
    Monday ..."). The parser runs a line without end punctuation into the next one; in a cased
    text, a short line (:data:`_LABEL_WORDS`) with no end punctuation, not ending on a word that
    leaves a sentence open ("the", "of": a hard-wrapped line), followed by a line that starts as a
    sentence does (a capital, a digit, a quotation mark), is its own span."""
    parts: list[tuple[int, int]] = []
    at = start
    while (nl := text.find("\n", at, end)) != -1:
        line = text[at:nl].strip()
        if not line:
            at = nl + 1
            continue
        following = _NEXT_CHAR.match(text, nl, end)  # the next line's first character, unsliced
        first = following.group(1) if following else ""
        label = (
            len(line.split()) <= _LABEL_WORDS
            and not _LABEL_END.search(line)
            and not _WRAPPED.search(line)
            and (first.isupper() or first.isdigit() or first in "\"“‘'")
        )
        if not label:
            break
        parts.append((at, nl))
        at = nl + 1
    parts.append((at, end))
    return parts
