"""Timeline merging: which dated sentences of different articles tell of the same event.

Two dated sentences are one event when their dates agree and their descriptions match (shared
content words, shared names). Candidate pairs are found near-linearly: sentences are bucketed by
date value, a small bucket is compared pair by pair, and a large one is blocked by its rare
shared words (each sentence is compared only with recent sentences sharing one of its rarest
words), so the work grows with the number of sentences, not its square.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from ...records import Citation
from ..keys import UnionFind
from .dates import CalendarValue

ALL_PAIRS = 64  # buckets up to this size are compared pair by pair
BLOCK_WORDS = 6  # rarest shared words a sentence is blocked by
WINDOW = 48  # within one block, a sentence is compared with this many earlier ones


@dataclass(frozen=True, slots=True)
class DatedSentence:
    """One article's sentence that mentions a calendar date: a timeline event as one source has it."""

    article: str
    order: int  # position of the article in the input (for stable output)
    when: CalendarValue
    citation: Citation
    description: str
    words: frozenset[str]
    names: frozenset[str]


@dataclass(frozen=True, slots=True)
class Match:
    """How much two descriptions share: content words, names, and the rarity-weighted share of
    the smaller description's words they have in common (a word every sentence has weighs little)."""

    shared: int
    names: int
    ratio: float

    @staticmethod
    def of(a: DatedSentence, b: DatedSentence, weight: Mapping[str, float] | None = None) -> Match:
        """The overlap of the descriptions of ``a`` and ``b`` (``weight``: word -> weight, default 1)."""
        w = weight or {}
        common = a.words & b.words
        if len(common) < 2:  # below every threshold: skip the weighing
            return Match(len(common), len(a.names & b.names), 0.0)
        total = min(sum(w.get(x, 1.0) for x in a.words), sum(w.get(x, 1.0) for x in b.words))
        ratio = sum(w.get(x, 1.0) for x in common) / total if total > 0 else 0.0
        return Match(len(common), len(a.names & b.names), ratio)

    def same_date(self) -> bool:
        """Enough for one event when both sentences give the same date value: two shared words
        making a fifth of the smaller description, or three making a seventh."""
        return (self.shared >= 2 and self.ratio >= 0.2) or (self.shared >= 3 and self.ratio >= 0.14)

    def compatible_date(self) -> bool:
        """Enough for one event when one date (a day) lies inside the other (a week or month)."""
        return self.shared >= 3 and self.names >= 1 and self.ratio >= 0.3


def rarity(sentences: Sequence[DatedSentence]) -> dict[str, float]:
    """Inverse document frequency of every word over ``sentences``: ``log((n + 1) / df)``."""
    df = Counter(w for s in sentences for w in s.words)
    n = len(sentences)
    return {w: math.log((n + 1) / c) for w, c in df.items()}


def candidate_pairs(words: Sequence[frozenset[str]]) -> Iterator[tuple[int, int]]:
    """Index pairs worth comparing: all pairs of a small list, else pairs sharing a rare word."""
    n = len(words)
    if n <= ALL_PAIRS:
        for i in range(n):
            for j in range(i + 1, n):
                yield i, j
        return
    df = Counter(w for ws in words for w in ws)
    blocks: dict[str, list[int]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    for i, ws in enumerate(words):
        rare = sorted((w for w in ws if df[w] >= 2), key=lambda w: (df[w], w))[:BLOCK_WORDS]
        for w in rare:
            block = blocks[w]
            for j in block[-WINDOW:]:
                if (j, i) not in seen:
                    seen.add((j, i))
                    yield j, i
            block.append(i)


def cluster(sentences: Sequence[DatedSentence]) -> list[list[DatedSentence]]:
    """Group sentences into events: same date value and matching descriptions, then a day joined
    to a week, month or interval holding it when the descriptions match closely. A coarse group
    joins at most one day (its best match), so one "in February" cannot chain two February days."""
    by_value: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        by_value[s.when.value].append(i)
    uf = UnionFind(range(len(sentences)))
    weight = rarity(sentences)
    for members in by_value.values():
        for a, b in candidate_pairs([sentences[i].words for i in members]):
            i, j = members[a], members[b]
            if Match.of(sentences[i], sentences[j], weight).same_date():
                uf.union(i, j)
    _join_compatible(sentences, uf, weight)
    return [[sentences[i] for i in group] for group in uf.groups()]


def _join_compatible(
    sentences: Sequence[DatedSentence], uf: UnionFind[int], weight: Mapping[str, float]
) -> None:
    """Join each coarse group (week, month, interval) to the day group it matches best, looking
    only among days of the same month that share one of the coarse sentence's words."""
    days_by_month: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    coarse: list[int] = []
    for i, s in enumerate(sentences):
        if s.when.precision == "day":
            for w in s.words:
                days_by_month[s.when.month][w].append(i)
        elif s.when.precision in ("week", "month", "interval"):
            coarse.append(i)
    best: dict[int, tuple[float, int, int]] = {}  # coarse root -> (ratio, shared, -day root)
    for i in coarse:
        index = days_by_month.get(sentences[i].when.month)
        if not index:
            continue
        seen: set[int] = set()
        for w in sorted(sentences[i].words, key=lambda w: (len(index.get(w, ())), w))[:BLOCK_WORDS]:
            for j in index.get(w, [])[:WINDOW]:
                if j in seen or not sentences[i].when.contains(sentences[j].when):
                    continue
                seen.add(j)
                match = Match.of(sentences[i], sentences[j], weight)
                if match.compatible_date():
                    key = (match.ratio, match.shared, -uf.find(j))
                    root = uf.find(i)
                    best[root] = max(best.get(root, key), key)
    for root, (_, _, day_root) in sorted(best.items()):
        uf.union(root, -day_root)
