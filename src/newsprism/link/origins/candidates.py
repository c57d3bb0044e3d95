"""Which pairs of articles are worth aligning: near-linear candidate generation for copy detection.

Two blocking keys, both bounded so the number of pairs grows with the corpus, not its square:

* **Documents** (verbatim and lightly edited copies): datasketch ``MinHash`` (seeded) over word
  4-shingles, indexed in a ``MinHashLSH``; each article keeps its :data:`MAX_PARTNERS` most
  similar partners by estimated Jaccard.
* **Sentences** (machine-paraphrased copies, whose word shingles barely overlap): each
  substantive sentence is keyed by every pair of its :data:`RARE_PER_SENTENCE` rarest content
  stems (document frequency over the run; stems of one article only are skipped, they cannot
  collide). Spinners swap common words for synonyms but keep
  names, numbers and rare nouns, so a spun sentence still shares a pair of rare stems with its
  source. Keys held by more than :data:`MAX_POSTINGS` articles are boilerplate or widely quoted
  and block nothing. An article pair needs :data:`MIN_SHARED_SENTENCES` colliding sentences on
  each side, and :data:`MIN_SHARED_SHARE` of the shorter article's (a copy must align half).

The inverted index is written here rather than with ``MinHashLSH`` over sentence sketches
because it must see bucket sizes (to drop common keys) and count distinct colliding sentences
per pair; ``MinHashLSH.query`` only returns the union of buckets, and a sketch per sentence cost
several times more than the whole index on the 8k-article benchmark.
"""

from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import combinations

from datasketch import MinHash, MinHashLSH

from .text import ReuseText

SEED = 1  # MinHash permutation seed: fixed, so candidate pairs are the same on every run
NUM_PERM = 64
SHINGLE = 4  # words per document shingle
DOC_THRESHOLD = 0.3  # MinHashLSH Jaccard threshold over document shingles
MAX_PARTNERS = 8  # candidates kept per article and per blocking key
RARE_PER_SENTENCE = 4
MAX_POSTINGS = 50
MIN_SHARED_SENTENCES = 2
MIN_SHARED_SHARE = 0.2  # ... and this share of the shorter article's substantive sentences

Pair = tuple[int, int]


def _identity(value: int) -> int:
    """MinHash hash function for inputs that are already 32-bit hashes."""
    return value


def _shingles(words: Sequence[str]) -> set[int]:
    """CRC-32 of every run of :data:`SHINGLE` words (the whole text when shorter)."""
    size = min(SHINGLE, len(words))
    runs = zip(*(words[k:] for k in range(size)), strict=False)
    return {zlib.crc32(" ".join(run).encode()) for run in runs}


def _keep_best(scores: dict[Pair, float], n: int) -> set[Pair]:
    """Pairs among each article's :data:`MAX_PARTNERS` best-scoring (ties: lower index)."""
    by_article: list[list[tuple[float, int, Pair]]] = [[] for _ in range(n)]
    for pair, score in scores.items():
        i, j = pair
        by_article[i].append((-score, j, pair))
        by_article[j].append((-score, i, pair))
    kept: set[Pair] = set()
    for options in by_article:
        options.sort()
        kept.update(pair for _, _, pair in options[:MAX_PARTNERS])
    return kept


@cache
def lsh_params() -> tuple[int, int]:
    """The LSH bands and rows for :data:`DOC_THRESHOLD`, worked out once. The trap: datasketch
    integrates the false positive and negative rates for every ``MinHashLSH(threshold=...)``
    (about 20 ms), and a store relinks hundreds of small stories per ingest run: it was most of
    the time spent on one-article stories."""
    lsh = MinHashLSH(threshold=DOC_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def document_pairs(texts: Sequence[ReuseText]) -> set[Pair]:
    """Pairs whose word-shingle sets are similar (MinHashLSH, then estimated Jaccard)."""
    if sum(1 for text in texts if text.words) < 2:
        return set()  # nothing to pair
    lsh = MinHashLSH(num_perm=NUM_PERM, params=lsh_params())
    base = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity)
    sketches: dict[int, MinHash] = {}
    with lsh.insertion_session() as session:
        for i, text in enumerate(texts):
            if not text.words:
                continue
            sketch = base.copy()
            sketch.update_batch(sorted(_shingles(text.words)))
            sketches[i] = sketch
            session.insert(i, sketch)
    scores: dict[Pair, float] = {}
    for i, sketch in sketches.items():
        for j in lsh.query(sketch):
            if j > i:
                scores[(i, j)] = float(sketch.jaccard(sketches[j]))
    return _keep_best(scores, len(texts))


def _rare_keys(texts: Sequence[ReuseText]) -> Iterable[tuple[int, int, int]]:
    """``(key, article, sentence)`` for every pair of rare stems of every substantive sentence."""
    df: Counter[str] = Counter()
    for text in texts:
        df.update({stem for sentence in text.sentences for stem in sentence.stems})
    ids = {stem: n for n, stem in enumerate(sorted(df))}
    width = len(ids) + 1
    for a, text in enumerate(texts):
        for s, sentence in enumerate(text.sentences):
            if not sentence.substantive:
                continue
            shared = [stem for stem in sentence.stems if df[stem] > 1]  # a stem no other article has
            rare = sorted(shared, key=lambda stem: (df[stem], stem))[:RARE_PER_SENTENCE]  # cannot collide
            for x, y in combinations(sorted(ids[stem] for stem in rare), 2):
                yield x * width + y, a, s


def sentence_pairs(texts: Sequence[ReuseText]) -> set[Pair]:
    """Pairs with enough sentences on each side sharing a pair of rare stems (an inverted index
    of rare keys, common keys dropped)."""
    postings: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for key, a, s in _rare_keys(texts):
        postings[key].append((a, s))
    hits: dict[Pair, tuple[set[int], set[int]]] = {}
    for members in postings.values():
        articles = {a for a, _ in members}
        if len(articles) < 2 or len(articles) > MAX_POSTINGS:
            continue
        for (a, s), (b, t) in combinations(sorted(set(members)), 2):
            if a != b:
                left, right = hits.setdefault((a, b), (set(), set()))
                left.add(s)
                right.add(t)
    sizes = [text.substantive for text in texts]
    scores: dict[Pair, float] = {}
    for (a, b), (left, right) in hits.items():
        shared = min(len(left), len(right))
        if shared >= max(MIN_SHARED_SENTENCES, MIN_SHARED_SHARE * min(sizes[a], sizes[b])):
            scores[(a, b)] = float(shared)
    return _keep_best(scores, len(texts))


def candidate_pairs(texts: Sequence[ReuseText]) -> list[Pair]:
    """Index pairs ``(i, j)``, ``i < j``, worth aligning, sorted."""
    return sorted(document_pairs(texts) | sentence_pairs(texts))
