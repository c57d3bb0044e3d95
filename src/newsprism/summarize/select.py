"""Which candidate sentences go into the summary.

Salience counts independent origins, not raw repetition: the story centroid is the sum of one
term-frequency profile per origin (copies of one wire story share an origin and so one profile),
and a sentence's support is the number of *other origins* that state something similar. A
sentence's score blends

* its tf-idf cosine similarity to that centroid (Radev et al.'s centroid idea),
* a position prior (news puts the essentials first),
* its support by other origins,

and sentences are taken greedily by maximal marginal relevance (score minus similarity to what is
already chosen), skipping near-duplicates of chosen sentences and any sentence that no longer fits
the word budget (a greedy budget fill).

Cost: building vectors and the centroid is linear in the sentences; similar pairs are found
through an inverted index of each sentence's few heaviest terms with long posting lists skipped
(so each sentence is compared with a bounded number of others); the greedy fill compares each
remaining sentence only with the sentence chosen last.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .candidates import Candidate
from .text import cosine, idf, norm, tfidf


@dataclass(frozen=True, slots=True)
class Params:
    """The knobs of the selection (defaults tuned on the Multi-News dev gate)."""

    position_weight: float = 0.3
    position_decay: float = 0.5  # prior = 1 / (1 + position) ** decay
    support_weight: float = 0.2
    redundancy_weight: float = 1.0  # MMR lambda: penalty per unit of similarity to the summary
    duplicate: float = 0.5  # cosine at which a sentence repeats one already chosen
    corroborate: float = 0.35  # cosine at which another article's sentence corroborates
    probe_terms: int = 5  # heaviest terms per sentence used to find similar sentences
    max_postings: int = 200  # terms in more sentences than this are not used as probes
    # Nor terms in more articles than this: a story holds a handful of articles (5-8), so only
    # a large corpus meets it, where such a term is as common as a stop word.
    max_articles: int = 16


@dataclass(frozen=True, slots=True)
class Vectors:
    """tf-idf vector and its length for each candidate (same order as the candidates)."""

    vectors: tuple[dict[str, float], ...]
    norms: tuple[float, ...]


def vectorise(cands: Sequence[Candidate]) -> Vectors:
    """tf-idf vectors with idf over the story's distinct sentences, where the same wording in
    several articles of one origin counts once."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    docs: list[tuple[str, ...]] = []
    for c in cands:
        key = (c.origin, c.terms)
        if key not in seen:
            seen.add(key)
            docs.append(c.terms)
    weights = idf(docs)
    vectors = tuple(tfidf(Counter(c.terms), weights) for c in cands)
    return Vectors(vectors, tuple(norm(v) for v in vectors))


def centroid(cands: Sequence[Candidate], vecs: Vectors) -> dict[str, float]:
    """Sum over origins of each origin's mean sentence vector, so every independent origin
    weighs the same however many copies of it the story holds."""
    per_origin: dict[str, dict[str, float]] = defaultdict(dict)
    counts: Counter[str] = Counter()
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for c, v in zip(cands, vecs.vectors, strict=True):
        key = (c.origin, c.terms)
        if key in seen:
            continue
        seen.add(key)
        counts[c.origin] += 1
        acc = per_origin[c.origin]
        for t, w in v.items():
            acc[t] = acc.get(t, 0.0) + w
    out: dict[str, float] = {}
    for origin, acc in per_origin.items():
        for t, w in acc.items():
            out[t] = out.get(t, 0.0) + w / counts[origin]
    return out


def similar(cands: Sequence[Candidate], vecs: Vectors, params: Params) -> list[list[tuple[int, float]]]:
    """For each candidate, the candidates of *other articles* at cosine >= ``params.corroborate``
    (found through the inverted index of heaviest terms; bounded work per sentence)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(vecs.vectors):
        for t in v:
            postings[t].append(i)
    out: list[list[tuple[int, float]]] = [[] for _ in cands]
    spread: dict[str, int] = {}  # distinct articles of each probe term's postings
    for i, v in enumerate(vecs.vectors):
        probes = sorted(v, key=lambda t: (-v[t], t))[: params.probe_terms]
        tried: set[int] = set()
        for t in probes:
            plist = postings[t]
            if len(plist) > params.max_postings:
                continue
            if len(plist) > params.max_articles:
                if t not in spread:
                    spread[t] = len({cands[j].article for j in plist})
                if spread[t] > params.max_articles:
                    continue
            for j in plist:
                if j <= i or j in tried or cands[j].article == cands[i].article:
                    continue
                tried.add(j)
                sim = cosine(v, vecs.vectors[j], vecs.norms[i], vecs.norms[j])
                if sim >= params.corroborate:
                    out[i].append((j, sim))
                    out[j].append((i, sim))
    return out


def scores(
    cands: Sequence[Candidate],
    vecs: Vectors,
    neighbours: Sequence[Sequence[tuple[int, float]]],
    params: Params,
) -> list[float]:
    """Salience of each candidate: centroid similarity + position prior + other-origin support."""
    cvec = centroid(cands, vecs)
    cnorm = norm(cvec)
    origins = {c.origin for c in cands}
    others = max(1, len(origins) - 1)
    out: list[float] = []
    for i, c in enumerate(cands):
        central = cosine(vecs.vectors[i], cvec, vecs.norms[i], cnorm)
        prior = 1.0 / (1.0 + c.position) ** params.position_decay
        support = len({cands[j].origin for j, _ in neighbours[i]} - {c.origin}) / others
        out.append(central + params.position_weight * prior + params.support_weight * support)
    return out


def select(
    cands: Sequence[Candidate],
    vecs: Vectors,
    salience: Sequence[float],
    max_words: int,
    params: Params,
) -> list[int]:
    """Indices of the chosen candidates, in the order chosen (greedy MMR under the budget).

    A sentence that cannot stand alone (:attr:`Candidate.context`) enters the pool only once the
    sentence before it in its article is chosen: in reading order it then follows the sentence
    its pronoun or unnamed speaker points back to. When that sentence is never extracted on its
    own only for its form (:data:`LEADS`: too short, a quotation torn at the split), the two
    enter the pool as one unit, scored by the second and chosen together, both verbatim."""
    units = {i: _unit(cands, i) for i, c in enumerate(cands) if c.eligible}
    pool = [i for i, unit in units.items() if unit and sum(cands[k].words for k in unit) <= max_words]
    redundancy = dict.fromkeys(pool, 0.0)
    chosen: list[int] = []
    left = max_words
    while pool:
        best = max(pool, key=lambda i: (salience[i] - params.redundancy_weight * redundancy[i], -i))
        pool.remove(best)
        chosen.extend(units[best])
        left -= sum(cands[k].words for k in units[best])
        keep: list[int] = []
        for i in pool:
            if sum(cands[k].words for k in units[i]) > left:
                continue
            sim = cosine(vecs.vectors[i], vecs.vectors[best], vecs.norms[i], vecs.norms[best])
            if sim >= params.duplicate:
                continue
            redundancy[i] = max(redundancy[i], sim)
            keep.append(i)
        follower = _follower(cands, best)
        if follower is not None and cands[follower].words <= left and follower not in redundancy:
            sims = [
                cosine(vecs.vectors[follower], vecs.vectors[j], vecs.norms[follower], vecs.norms[j])
                for j in chosen
            ]
            if max(sims) < params.duplicate:
                redundancy[follower] = max(sims)
                units[follower] = (follower,)
                keep.append(follower)
        pool = keep
    return chosen


LEADS: frozenset[str] = frozenset({"too short", "torn quote"})
"""Skip reasons of a sentence that may still lead the sentence after it into the summary."""


def _unit(cands: Sequence[Candidate], i: int) -> tuple[int, ...]:
    """What choosing candidate ``i`` takes: itself when it stands alone; itself after the
    sentence before it when that sentence is kept out only for its form (:data:`LEADS`), stands
    alone itself and starts as a sentence does (not in lower case, the mark of a split inside a
    sentence); nothing yet otherwise (it waits for that sentence, :func:`_follower`)."""
    c = cands[i]
    if c.context is None:
        return (i,)
    if i > 0:
        p = cands[i - 1]
        adjacent = p.article == c.article and p.position == c.position - 1
        if adjacent and p.skip in LEADS and p.context is None and not p.text[:1].islower():
            return (i - 1, i)
    return ()


def _follower(cands: Sequence[Candidate], i: int) -> int | None:
    """The next sentence of candidate ``i``'s article when it may be extracted only after ``i``."""
    j = i + 1
    if j < len(cands):
        c, d = cands[i], cands[j]
        if d.article == c.article and d.position == c.position + 1 and d.eligible and d.context is not None:
            return j
    return None
