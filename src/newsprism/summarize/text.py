"""Word-level text features for the summariser: terms, tf-idf vectors and cosine similarity.

Terms are lower-cased word tokens with stop words removed and a light suffix stemmer applied, so
"protests", "protested" and "protesting" count as one term. Vectors are sparse ``dict`` maps from
term to weight; every operation here is linear in the size of its inputs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

_VOWEL = re.compile(r"[aeiouy]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

_STOP_TEXT = """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves said says say one two new also
    would could may might must shall us s t re ve ll d m mr mrs ms
    """
STOP_WORDS: frozenset[str] = frozenset(_STOP_TEXT.split())

_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ational", "ate"),
    ("ization", "ize"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("ements", ""),
    ("ement", ""),
    ("ments", ""),
    ("ment", ""),
    ("ingly", ""),
    ("edly", ""),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ed", ""),
    ("es", ""),
    ("ly", ""),
    ("s", ""),
)


@lru_cache(maxsize=500_000)  # a pure function of the word; bounded so memory stays flat
def stem(word: str) -> str:
    """A light suffix-stripping stem: the longest listed suffix is removed when at least three
    letters with a vowel remain ("protesting" → "protest", "cities" → "city"; "bus" and "spring"
    stay as they are)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if (suffix == "s" and word.endswith(("ss", "us", "is"))) or not _VOWEL.search(base):
                return word
            return base + replacement
    return word


def words(text: str) -> list[str]:
    """The word tokens of ``text`` as written (punctuation dropped; contractions kept whole)."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    """Whitespace-separated words, the unit of every length budget."""
    return len(text.split())


def terms(text: str) -> list[str]:
    """Content terms of ``text``: lower-cased, stop words removed, stemmed."""
    out: list[str] = []
    for token in _WORD.findall(text.lower()):
        token = token.replace("’", "'").split("'", 1)[0]
        if token and token not in STOP_WORDS:
            out.append(stem(token))
    return out


def idf(documents: Iterable[Iterable[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency ``log((1 + N) / (1 + df)) + 1`` over ``documents``
    (each an iterable of terms; repeats inside one document count once)."""
    df: Counter[str] = Counter()
    n = 0
    for doc in documents:
        n += 1
        df.update(set(doc))
    return {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}


def tfidf(counts: Mapping[str, float], weights: Mapping[str, float]) -> dict[str, float]:
    """``counts`` times ``weights`` term by term (terms without a weight get weight 1)."""
    return {t: c * weights.get(t, 1.0) for t, c in counts.items()}


def norm(vector: Mapping[str, float]) -> float:
    """Euclidean length of ``vector``."""
    return math.sqrt(sum(v * v for v in vector.values()))


def cosine(
    a: Mapping[str, float], b: Mapping[str, float], na: float | None = None, nb: float | None = None
) -> float:
    """Cosine similarity of two sparse vectors (0 when either is empty); pass precomputed
    lengths as ``na``/``nb`` to save work in loops."""
    if len(a) > len(b):
        a, b, na, nb = b, a, nb, na
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    if dot == 0.0:
        return 0.0
    na = norm(a) if na is None else na
    nb = norm(b) if nb is None else nb
    return dot / (na * nb) if na and nb else 0.0
