"""What a single line looks like: sentence or title, fragment, content words.

These are the cheap, model-free signals the boilerplate rules combine. The word lists here are
closed grammatical classes of English (pronouns, auxiliaries, conjunctions), not a stoplist,
so they are spelled out rather than taken from a frequency list.
"""

from __future__ import annotations

import re

from ..words import letter_words, prefix_stem, stop_words

MAX_TITLE_WORDS = 20
MAX_TITLE_CHARS = 160

_CLOSERS = "\"'”’»)]} \t\u00a0"
_TERMINAL = ".!?…:;,。！？"


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BULLET = re.compile(r"^\s*([•·▪◦*–—-]|\d{1,2}[.)])\s")
_DATELINE_END = re.compile(r"[-–—]\s*$")

# Words that open a clause continuing earlier text: a line starting with one is part of the body
# (a truncated or split sentence), never the headline of another article.
_CONTINUATION_STARTS = _wordset(
    "it he she they we i you his her its their this these those there but and or so because "
    "although though however which who whom whose whereas meanwhile"
)
# Function words a headline does not end on; a line ending on one was cut mid-sentence.
_DANGLING_ENDS = _wordset(
    "the a an of to and or but with for in on at by from that which as is are was were be "
    "his her their its our your my than"
)
# Finite auxiliaries, complementisers and pronouns: headlines drop them, sentences are full of them.
_SENTENCE_WORDS = _wordset(
    "is are was were will would has have had been be being could should might must shall "
    "that it he she they we i"
)
SENTENCE_WORDS_IN_FRAGMENT = 3


def ends_sentence(line: str) -> bool:
    """``True`` when ``line`` ends on sentence punctuation (closing quotes and brackets aside)."""
    core = line.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _TERMINAL


def word_count(line: str) -> int:
    """Whitespace-separated tokens of ``line`` that contain a letter or digit."""
    return sum(1 for token in line.split() if any(ch.isalnum() for ch in token))


def is_title_like(line: str) -> bool:
    """A short line without final punctuation: a headline, a sub-heading or a widget label.

    Bullet items and datelines ("BEIJING, Sept. 14 -") are not title-like: they belong to the body.
    """
    text = line.strip()
    if not text or ends_sentence(text) or len(text) > MAX_TITLE_CHARS:
        return False
    if _BULLET.match(text) or _DATELINE_END.search(text):
        return False
    return 1 <= word_count(text) <= MAX_TITLE_WORDS


def is_fragment(line: str) -> bool:
    """A title-shaped line that is really part of a sentence (English rules).

    It opens with a pronoun or conjunction that needs earlier text, ends on a function word, or
    carries the auxiliaries and pronouns headlines leave out ("It is anticipated that Xi will").
    """
    tokens = letter_words(line)
    if not tokens:
        return False
    if tokens[0] in _CONTINUATION_STARTS or tokens[-1] in _DANGLING_ENDS:
        return True
    return sum(token in _SENTENCE_WORDS for token in tokens) >= SENTENCE_WORDS_IN_FRAGMENT


def content_stems(text: str, language: str = "en") -> frozenset[str]:
    """The content words of ``text`` as :func:`newsprism.words.prefix_stem` stems (any language)."""
    stop = stop_words(language)
    return frozenset(
        prefix_stem(word)
        for word in letter_words(text)
        if len(word) > 2 and word not in stop and word not in _SENTENCE_WORDS
    )
