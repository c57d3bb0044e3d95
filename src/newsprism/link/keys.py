"""Comparing two short texts word by word: containment, aligned overlap, a small union-find.

Used by quote grouping (is this the same utterance?) and claim alignment (do these sentences
state one fact?). Alignment is rapidfuzz's LCS over word sequences, so word order counts and a
shared idea in different words does not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

from rapidfuzz.distance import LCSseq

#: What a :class:`UnionFind` holds: item indices or string keys (ordered, for the representative).
K = TypeVar("K", int, str)


def contains(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    """Whether ``shorter`` occurs as a contiguous run of ``longer`` (both non-empty)."""
    n = len(shorter)
    if not n or n > len(longer):
        return False
    first = shorter[0]
    return any(
        longer[i] == first and list(longer[i : i + n]) == list(shorter) for i in range(len(longer) - n + 1)
    )


def aligned_share(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of the shorter sequence's words found, in order, in the other (LCS / shorter)."""
    shorter = min(len(a), len(b))
    if not shorter:
        return 0.0
    return LCSseq.similarity(list(a), list(b)) / shorter


def shared_share(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of the smaller word set present in the other set."""
    sa, sb = set(a), set(b)
    smaller = min(len(sa), len(sb))
    return len(sa & sb) / smaller if smaller else 0.0


class UnionFind(Generic[K]):
    """Disjoint sets; a set's representative is its smallest member.

    The one union-find of the project: quote groups, quantity clusters, story scope and timeline
    events use it over item indices (``UnionFind(range(n))``), entity clustering over name keys.
    The smallest member as representative makes every result independent of the order the
    unions came in, so ids derived from a representative are deterministic."""

    def __init__(self, members: Iterable[K] = ()) -> None:
        self.parent: dict[K, K] = {m: m for m in members}

    def find(self, x: K) -> K:
        """The representative of ``x``'s set (a new member is a set of its own; paths halved)."""
        parent = self.parent
        if x not in parent:
            parent[x] = x
            return x
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: K, b: K) -> None:
        """Join the sets of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo

    def groups(self) -> list[list[K]]:
        """Every set, members in the order they were added, sets ordered by their first member
        (for ``UnionFind(range(n))``: members ascending, sets by their smallest member)."""
        out: dict[K, list[K]] = {}
        for x in list(self.parent):
            out.setdefault(self.find(x), []).append(x)
        return list(out.values())


#: Keys found in more articles than this are not used to block (see :func:`candidate_pairs`).
MAX_KEY_ARTICLES = 16


def candidate_pairs(
    keys: Sequence[Sequence[str]],
    max_postings: int = 50,
    groups: Sequence[str] | None = None,
    max_groups: int = MAX_KEY_ARTICLES,
    min_shared: int = 1,
) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, that share at least one key whose posting list is at
    most ``max_postings`` long (an inverted index of rare keys: common keys block nothing, so
    the number of pairs grows with the corpus, not with its square).

    With ``groups`` (the article of each item), a key found in more than ``max_groups``
    articles blocks nothing either, whatever its posting length: like a stop word, it says
    nothing about which of many articles share a fact. One story holds a handful of articles
    (5-8), far fewer than :data:`MAX_KEY_ARTICLES`, so there the bound never applies; it keeps
    the posting lists of a large corpus from filling up to ``max_postings`` with pairs.

    With ``min_shared`` > 1, only pairs sharing at least that many blocking keys are returned
    (for a comparison that needs that many keys in common anyway). Pairs come sorted."""
    postings: dict[str, list[int]] = {}
    for i, item_keys in enumerate(keys):
        for key in dict.fromkeys(item_keys):
            postings.setdefault(key, []).append(i)
    # Each item's place in the posting lists that block: its partners are the items after it.
    places: list[list[tuple[list[int], int]]] = [[] for _ in keys]
    for members in postings.values():
        if len(members) < 2 or len(members) > max_postings:
            continue
        if (
            groups is not None
            and len(members) > max_groups
            and len({groups[i] for i in members}) > max_groups
        ):
            continue
        for x, i in enumerate(members):
            places[i].append((members, x + 1))
    pairs: list[tuple[int, int]] = []
    for i, item_places in enumerate(places):
        if not item_places:
            continue
        if min_shared <= 1:
            partners: set[int] = set()
            for members, after in item_places:
                partners.update(members[after:])
            pairs.extend((i, j) for j in sorted(partners))
        else:
            shared: Counter[int] = Counter()
            for members, after in item_places:
                shared.update(members[after:])
            pairs.extend((i, j) for j in sorted(j for j, n in shared.items() if n >= min_shared))
    return pairs
