"""Sentence alignment between two articles and what kind of copy, if any, it shows.

Alignment is one-to-one and greedy: every pair of substantive sentences sharing a content stem
is scored by the Jaccard similarity of their stem sets (found through an inverted index, so
unrelated sentences are never compared), and pairs at or above :data:`MIN_JACCARD` are taken
best first. Then order is used: a sentence left unaligned between two aligned neighbours is
aligned to a free sentence between their partners when they share at least
:data:`GAP_JACCARD` (a heavily spun sentence keeps its place in the text, if few of its words).
An aligned pair is

* ``identical`` when the texts match after case and whitespace folding,
* ``near`` when rapidfuzz's ``fuzz.ratio`` is at least :data:`NEAR_RATIO` (a word or two changed),
* ``loose`` otherwise (shared content words: the trace of a synonym-swapping spinner).

:func:`classify` then reads the alignment (see its docstring for the rules).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from rapidfuzz import fuzz

from ...records import CopyKind
from .text import ReuseText

MIN_JACCARD = 0.3  # least stem-set Jaccard for two sentences to align anywhere
GAP_JACCARD = 0.2  # ... and between two aligned neighbours, in reading order
NEAR_RATIO = 90.0  # rapidfuzz ratio from which a changed sentence counts as lightly edited
MIN_SHARE = 0.5  # aligned share of the shorter article's substantive sentences
NARRATIVE_SHARE = 0.3  # ... of which at least this share must not be quotations
VERBATIM_SHARE = 0.9  # identical share of the longer article for a verbatim copy
EDITED_SHARE = 0.5  # identical or near share of the shorter article for an edited copy
UNTOUCHED_SHARE = 0.4  # ... and identical share: an editor leaves most sentences as they were
IN_ORDER_SHARE = 0.7  # aligned pairs in reading order, for a paraphrase
PARAPHRASE_MIN = 3  # aligned narrative sentences a paraphrase needs at least

PairKind = Literal["identical", "near", "loose"]


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """Sentence ``left`` of the first article aligned to sentence ``right`` of the second."""

    left: int
    right: int
    jaccard: float
    kind: PairKind
    quoted: bool  # either side is mostly quotation


@dataclass(frozen=True, slots=True)
class Alignment:
    """The aligned pairs (in the first article's order) and how many follow reading order."""

    pairs: tuple[AlignedPair, ...]
    in_order: int

    @property
    def narrative(self) -> tuple[AlignedPair, ...]:
        """Aligned pairs that are not just quotation."""
        return tuple(p for p in self.pairs if not p.quoted)


def _scored_pairs(a: ReuseText, b: ReuseText) -> list[tuple[float, int, int]]:
    """``(-jaccard, i, j)`` for substantive sentence pairs at or above :data:`MIN_JACCARD`."""
    postings: dict[str, list[int]] = defaultdict(list)
    for j, sentence in enumerate(b.sentences):
        if sentence.substantive:
            for stem in sentence.stems:
                postings[stem].append(j)
    scored: list[tuple[float, int, int]] = []
    for i, sentence in enumerate(a.sentences):
        if not sentence.substantive:
            continue
        overlap: Counter[int] = Counter()
        for stem in sentence.stems:
            overlap.update(postings.get(stem, ()))
        for j, shared in overlap.items():
            jaccard = shared / (len(sentence.stems) + len(b.sentences[j].stems) - shared)
            if jaccard >= MIN_JACCARD:
                scored.append((-jaccard, i, j))
    scored.sort()
    return scored


def _longest_increasing(values: list[int]) -> int:
    """Length of the longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    for value in values:
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
        else:
            tails[k] = value
    return len(tails)


def _pair(a: ReuseText, b: ReuseText, i: int, j: int, jaccard: float) -> AlignedPair:
    left, right = a.sentences[i], b.sentences[j]
    kind: PairKind
    if left.norm == right.norm:
        kind = "identical"
    elif fuzz.ratio(left.norm, right.norm) >= NEAR_RATIO:
        kind = "near"
    else:
        kind = "loose"
    return AlignedPair(i, j, jaccard, kind, left.quoted or right.quoted)


def _jaccard(x: frozenset[str], y: frozenset[str]) -> float:
    union = len(x | y)
    return len(x & y) / union if union else 0.0


def _fill_gaps(a: ReuseText, b: ReuseText, anchors: list[AlignedPair]) -> list[AlignedPair]:
    """Pairs for unaligned sentences lying between two in-order anchors (see module docs)."""
    used_b = {p.right for p in anchors}
    found: list[AlignedPair] = []
    for before, after in pairwise(anchors):
        if not before.right < after.right:
            continue
        lo = before.right + 1
        for i in range(before.left + 1, after.left):
            if not a.sentences[i].substantive:
                continue
            options = [
                (_jaccard(a.sentences[i].stems, b.sentences[j].stems), -j)
                for j in range(lo, after.right)
                if j not in used_b and b.sentences[j].substantive
            ]
            if options:
                jaccard, neg_j = max(options)
                if jaccard >= GAP_JACCARD:
                    found.append(_pair(a, b, i, -neg_j, jaccard))
                    used_b.add(-neg_j)
                    lo = -neg_j + 1
    return found


def align(a: ReuseText, b: ReuseText) -> Alignment:
    """One-to-one alignment of the substantive sentences of ``a`` and ``b``: best pairs first,
    then gaps between in-order neighbours."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[AlignedPair] = []
    for neg_jaccard, i, j in _scored_pairs(a, b):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append(_pair(a, b, i, j, -neg_jaccard))
    pairs.sort(key=lambda p: p.left)
    pairs = sorted(pairs + _fill_gaps(a, b, pairs), key=lambda p: p.left)
    return Alignment(tuple(pairs), _longest_increasing([p.right for p in pairs]))


def classify(a: ReuseText, b: ReuseText, alignment: Alignment) -> CopyKind | None:
    """The kind of copy the alignment shows, or ``None`` for independent articles.

    With ``short``/``long`` the substantive sentence counts of the shorter/longer article:

    * any copy needs at least :data:`MIN_SHARE` of ``short`` aligned, and at least
      :data:`NARRATIVE_SHARE` of ``short`` aligned outside quotations (two outlets quoting the
      same speech are not copying);
    * ``verbatim``: at least :data:`VERBATIM_SHARE` of ``long`` identical;
    * ``edited``: at least :data:`EDITED_SHARE` of ``short`` identical or near-identical and
      :data:`UNTOUCHED_SHARE` identical (a spinner touches nearly every sentence);
    * ``paraphrase``: at least :data:`IN_ORDER_SHARE` of the aligned pairs in reading order and
      at least :data:`PARAPHRASE_MIN` narrative pairs (a spinner rewrites words, not structure).
    """
    short = min(a.substantive, b.substantive)
    long = max(a.substantive, b.substantive)
    pairs = alignment.pairs
    if short < 2 or len(pairs) < max(2, math.ceil(MIN_SHARE * short)):
        return None
    if len(alignment.narrative) < max(2, math.ceil(NARRATIVE_SHARE * short)):
        return None
    identical = sum(1 for p in pairs if p.kind == "identical")
    near = sum(1 for p in pairs if p.kind == "near")
    if identical >= VERBATIM_SHARE * long:
        return "verbatim"
    if identical + near >= EDITED_SHARE * short and identical >= UNTOUCHED_SHARE * short:
        return "edited"
    if alignment.in_order >= IN_ORDER_SHARE * len(pairs) and len(alignment.narrative) >= PARAPHRASE_MIN:
        return "paraphrase"
    return None
