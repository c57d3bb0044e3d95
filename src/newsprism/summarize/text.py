"""Word-level text features for the summariser: terms, tf-idf vectors and cosine similarity.

Terms are lower-cased word tokens with the summariser's stop words removed and its light stem
(:func:`newsprism.words.light_stem`) applied, so
"protests", "protested" and "protesting" count as one term. Vectors are sparse ``dict`` maps from
term to weight; every operation here is linear in the size of its inputs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping

from ..words import SUMMARY_STOP_WORDS, light_stem

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
CUE = re.compile(
    r"\b(?:said|says|say|told|tells|according to|wrote|writes|added|adds|asked|explained|stated)\b", re.I
)
"""An attribution cue: a sentence carrying one reports what someone said."""


def word_count(text: str) -> int:
    """Whitespace-separated words, the unit of every length budget."""
    return len(text.split())


def terms(text: str) -> list[str]:
    """Content terms of ``text``: lower-cased words (a contraction cut at its apostrophe), the
    summary stop words removed, light-stemmed (:mod:`newsprism.words` says why these)."""
    return [t for t, stop in _read(text) if not stop]


def tokens(text: str) -> list[tuple[str, bool]]:
    """Every word of ``text`` in order as :func:`terms` reads it, the stop words kept (as they
    are: a stop word is never stemmed), each with whether it is one."""
    return list(_read(text))


def _read(text: str) -> Iterator[tuple[str, bool]]:
    for token in _WORD.findall(text.lower()):
        token = token.replace("’", "'").split("'", 1)[0]
        if token:
            stop = token in SUMMARY_STOP_WORDS
            yield (token if stop else light_stem(token)), stop


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
