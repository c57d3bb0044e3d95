"""Which candidate sentences go into the summary.

A summary is as good as the share of what the story's editors would keep that it says, so the
selection weighs the story's *concepts* (each word and each pair of adjacent words of its
sentences) by how likely a summary of the story is to use them, and fills the word budget
greedily with the sentence that adds the most concept weight not yet covered, per word: concept
coverage (Gillick & Favre 2009) with concept weights estimated from the input alone (Hong &
Nenkova 2014). A concept the summary already covers adds nothing again, so a second wording of a
chosen fact scores only for what it adds, and redundancy needs no separate penalty.

* **Concept weight** (:data:`CONCEPT_WEIGHTS`, a logistic function): how often the story's
  distinct sentences use the concept (log), whether more than one independent origin uses it
  (and, for a word pair, the share of the story's other origins that do: phrases the sources
  share are the story's own), whether it is made of function words only, whether a quotation
  holds it (editors quote, verbatim). Copies of one wire story are one origin and count once.
* **Sentence bonus** (:data:`SENTENCE_WEIGHTS`, added to the per-word gain): the share of the
  sentence's content terms that another independent origin also uses (the story's common core,
  not one outlet's colour); support, the share of the other origins stating something similar;
  a quotation opening the sentence and a speaker the analysis resolved (the story's own words,
  attributed).
* **Lead prior** (``lead`` times :func:`lead_prior`, added to the bonus): flat over an article's
  first paragraph, then falling, since news writing puts the event first and background,
  reaction and detail after it.

Three rules keep it a summary a reader can use: sentences that repeat a chosen one (tf-idf cosine
>= ``duplicate``) are skipped, quotation sentences (:func:`quotation`) take at most
``quotation_share`` of the budget (the story told, with some of its voices, not a collage of
quotes), and a quotation torn at a sentence split is taken whole or not at all (:func:`_unit`).

The two tables were fitted on the even-``idx`` half of Multi-News dev by ``python -m
quality.fit_summary`` (concept weights by logistic regression on whether the reference summary
uses the concept; the sentence bonus by least squares on the share of its words and word pairs
the reference uses, each cluster's mean removed) and hold on the odd half, which they did not
see: fitted on either half, they score the other within 0.0005 ROUGE of these (docs/quality.md
gives the figures). The rest is set, not fitted, and each was checked on both halves: the lead
prior (Multi-News keeps only the first few hundred words of each source, which cannot show what
a prior over whole articles is worth; there it moves ROUGE by less than 0.0005 either way on
either half) and the quotation share (it costs 0.0003 there, though Multi-News's own editors
put only about a fifth of their words inside quotation marks). Two features that fitted well
were left out on purpose: a penalty on the density of content terms (ROUGE counts function
words, so it bought 0.001; it pushed out the information-dense lede of every article) and a
sentence's position inside the first few hundred words (negative on Multi-News, an artefact of
its cut sources).

Cost: concepts, their weights and the sentence features are linear in the candidates; similar
pairs (support, and the corroborations :mod:`newsprism.summarize` cites) are found through an
inverted index of each sentence's few heaviest terms with long posting lists skipped (so each
sentence is compared with a bounded number of others); the greedy fill is lazy (a sentence's gain
only falls as the summary grows, so a stale gain is an upper bound: only the sentence on top is
recomputed, Minoux's accelerated greedy), and a popped sentence is checked against the chosen
ones only.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..words import SUMMARY_STOP_WORDS
from .candidates import Candidate
from .context import OPEN_QUOTES
from .text import cosine, idf, norm, tfidf, tokens

Concept = tuple[str, ...]
"""A word (one stemmed token) or a pair of adjacent words."""

CONCEPT_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("bias", -3.02),
    ("log(1 + the story's distinct sentences using it)", 2.19),
    ("more than one independent origin uses it", 0.28),
    ("function words only", 0.68),
    ("a sentence with a quotation mark uses it", 0.40),
    ("a pair of words", -0.77),
    ("a pair: share of the other origins using it", 0.39),
    ("a pair of function words", -0.34),
)
"""Logistic coefficients of a concept's weight, one per :func:`concept_features` column."""

SENTENCE_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("share of its content terms another origin uses", 0.52),
    ("share of the other origins with a similar sentence", 0.064),
    ("opens with a quotation mark", 0.13),
    ("the analysis resolved its speaker (shown beside it)", 0.12),
)
"""Coefficients of a sentence's bonus, one per :func:`sentence_features` column."""

_QUOTE_MARKS = '"“”'


@dataclass(frozen=True, slots=True)
class Params:
    """The knobs of the selection."""

    duplicate: float = 0.5  # cosine at which a sentence repeats one already chosen
    corroborate: float = 0.35  # cosine at which another article's sentence corroborates
    probe_terms: int = 5  # heaviest terms per sentence used to find similar sentences
    max_postings: int = 200  # terms in more sentences than this are not used as probes
    # Nor terms in more articles than this: a story holds a handful of articles (5-8), so only
    # a large corpus meets it, where such a term is as common as a stop word.
    max_articles: int = 16
    concept_weights: tuple[float, ...] = tuple(w for _, w in CONCEPT_WEIGHTS)
    sentence_weights: tuple[float, ...] = tuple(w for _, w in SENTENCE_WEIGHTS)
    lead: float = 0.2  # weight of the lead prior (see the module doc)
    lead_sentences: int = 5  # the prior is flat over this many sentences, then falls
    quotation_share: float = 1 / 3  # at most this share of the budget goes to quotation sentences


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


def concepts(text: str) -> frozenset[Concept]:
    """The words and pairs of adjacent words of ``text`` (stemmed as :func:`~.text.tokens`)."""
    words = [t for t, _ in tokens(text)]
    return frozenset([(w,) for w in words] + list(pairwise(words)))


def concept_features(
    cands: Sequence[Candidate], held: Sequence[frozenset[Concept]]
) -> dict[Concept, tuple[float, ...]]:
    """Each concept's :data:`CONCEPT_WEIGHTS` columns, counted over the story's distinct
    sentences that are not page furniture (one origin's repeated wording counts once)."""
    uses: Counter[Concept] = Counter()
    origins: dict[Concept, set[str]] = defaultdict(set)
    quoted: set[Concept] = set()
    seen: set[tuple[str, str]] = set()
    for c, held_here in zip(cands, held, strict=True):
        if c.skip == "furniture" or (c.origin, c.text) in seen:
            continue
        seen.add((c.origin, c.text))
        has_quote = any(q in c.text for q in _QUOTE_MARKS)
        for concept in held_here:
            uses[concept] += 1
            origins[concept].add(c.origin)
            if has_quote:
                quoted.add(concept)
    others = max(1, len({c.origin for c in cands if c.skip != "furniture"}) - 1)
    out: dict[Concept, tuple[float, ...]] = {}
    for concept, n in uses.items():
        spread = len(origins[concept])
        function = float(all(w in SUMMARY_STOP_WORDS for w in concept))
        pair = float(len(concept) == 2)
        out[concept] = (
            1.0,
            math.log1p(n),
            float(spread > 1),
            function,
            float(concept in quoted),
            pair,
            pair * (spread - 1) / others,
            pair * function,
        )
    return out


def concept_weights(
    features: Mapping[Concept, Sequence[float]], coefficients: Sequence[float]
) -> dict[Concept, float]:
    """Each concept's weight: the logistic function of its features."""
    return {
        concept: 1.0 / (1.0 + math.exp(-sum(f * w for f, w in zip(row, coefficients, strict=True))))
        for concept, row in features.items()
    }


def sentence_features(
    cands: Sequence[Candidate], neighbours: Sequence[Sequence[tuple[int, float]]]
) -> list[tuple[float, ...]]:
    """Each candidate's :data:`SENTENCE_WEIGHTS` columns."""
    term_origins: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        if c.skip != "furniture":
            for t in c.terms:
                term_origins[t].add(c.origin)
    others = max(1, len({c.origin for c in cands}) - 1)
    out: list[tuple[float, ...]] = []
    for i, c in enumerate(cands):
        shared = sum(bool(term_origins[t] - {c.origin}) for t in c.terms) / len(c.terms) if c.terms else 0.0
        support = len({cands[j].origin for j, _ in neighbours[i]} - {c.origin}) / others
        out.append(
            (
                shared,
                support,
                float(c.text[:1] in OPEN_QUOTES),
                float(c.speaker is not None),
            )
        )
    return out


def bonuses(
    cands: Sequence[Candidate], neighbours: Sequence[Sequence[tuple[int, float]]], params: Params
) -> list[float]:
    """Each candidate's sentence bonus: :data:`SENTENCE_WEIGHTS` and the lead prior."""
    return [
        params.lead * lead_prior(c.position, params.lead_sentences)
        + sum(f * w for f, w in zip(row, params.sentence_weights, strict=True))
        for c, row in zip(cands, sentence_features(cands, neighbours), strict=True)
    ]


def lead_prior(position: int, lead_sentences: int) -> float:
    """1 over an article's first ``lead_sentences`` sentences, then falling as 1/sqrt(position)."""
    return min(1.0, math.sqrt(lead_sentences / (1 + position)))


def select(
    cands: Sequence[Candidate],
    vecs: Vectors,
    neighbours: Sequence[Sequence[tuple[int, float]]],
    max_words: int,
    params: Params,
) -> list[int]:
    """Indices of the chosen candidates, in the order chosen (lazy greedy under the budget).

    A sentence that cannot stand alone (:attr:`Candidate.context`) enters the pool only once the
    sentence before it in its article is chosen: in reading order it then follows the sentence
    its pronoun or unnamed speaker points back to. When that sentence is never extracted on its
    own only for its form (:data:`LEADS`: too short, a quotation torn at the split), the two
    enter the pool as one unit, scored by the second and chosen together, both verbatim."""
    held = [concepts(c.text) for c in cands]
    weight = concept_weights(concept_features(cands, held), params.concept_weights)
    bonus = bonuses(cands, neighbours, params)
    units = {i: _unit(cands, i) for i, c in enumerate(cands) if c.eligible}
    covered: set[Concept] = set()

    def words(i: int) -> int:
        return sum(cands[k].words for k in units[i])

    def gain(i: int) -> float:
        new = set().union(*(held[k] for k in units[i])) - covered
        return math.fsum(weight.get(x, 0.0) for x in new) / max(1, words(i)) + bonus[i]

    heap = [(-gain(i), i) for i, unit in units.items() if unit and words(i) <= max_words]
    heapq.heapify(heap)
    chosen: list[int] = []
    left = max_words
    quoting = params.quotation_share * max_words  # words left for quotation sentences

    def quoted(i: int) -> int:
        return sum(cands[k].words for k in units[i] if quotation(cands[k]))

    while heap:
        _, best = heapq.heappop(heap)
        if words(best) > left or quoted(best) > quoting or _repeats(vecs, best, chosen, params.duplicate):
            continue
        fresh = (-gain(best), best)
        if heap and fresh > heap[0]:  # its gain was stale: another may now gain more
            heapq.heappush(heap, fresh)
            continue
        chosen.extend(units[best])
        left -= words(best)
        quoting -= quoted(best)
        for k in units[best]:
            covered.update(held[k])
        follower = _follower(cands, best)
        if follower is not None and not units.get(follower):
            units[follower] = (follower,)
            heapq.heappush(heap, (-gain(follower), follower))
    return chosen


def quotation(c: Candidate) -> bool:
    """Whether the sentence is a quotation: it opens with a quotation mark, or its speaker is
    shown beside it (a quotation whose attribution stands elsewhere)."""
    return c.text[:1] in OPEN_QUOTES or c.speaker is not None


def _repeats(vecs: Vectors, i: int, chosen: Collection[int], duplicate: float) -> bool:
    """Whether candidate ``i`` repeats a chosen one (tf-idf cosine >= ``duplicate``)."""
    v, n = vecs.vectors[i], vecs.norms[i]
    return any(cosine(v, vecs.vectors[j], n, vecs.norms[j]) >= duplicate for j in chosen)


LEADS: frozenset[str] = frozenset({"too short", "torn quote"})
"""Skip reasons of a sentence that may still lead the sentence after it into the summary."""


def _unit(cands: Sequence[Candidate], i: int) -> tuple[int, ...]:
    """What choosing candidate ``i`` takes: itself when it stands alone; itself after the
    sentence before it when that sentence is kept out only for its form (:data:`LEADS`), stands
    alone itself and starts as a sentence does (not in lower case, the mark of a split inside a
    sentence), and ``i`` either cannot stand alone or closes the quotation that sentence opened
    (a quotation torn at the split is taken whole: ``"We lost the town. The bridge is gone,"
    she said.``); nothing yet otherwise (it waits for that sentence, :func:`_follower`)."""
    c = cands[i]
    if i > 0:
        p = cands[i - 1]
        adjacent = p.article == c.article and p.position == c.position - 1
        leads = adjacent and p.skip in LEADS and p.context is None and not p.text[:1].islower()
        if leads and (c.context is not None or (p.skip == "torn quote" and _closes_quotation(c.text))):
            return (i - 1, i)
    return (i,) if c.context is None else ()


def _closes_quotation(text: str) -> bool:
    """Whether ``text`` closes a quotation opened before it (an odd number of quotation marks)."""
    return sum(text.count(q) for q in _QUOTE_MARKS) % 2 == 1


def _follower(cands: Sequence[Candidate], i: int) -> int | None:
    """The next sentence of candidate ``i``'s article when it may be extracted only after ``i``."""
    j = i + 1
    if j < len(cands):
        c, d = cands[i], cands[j]
        if d.article == c.article and d.position == c.position + 1 and d.eligible and d.context is not None:
            return j
    return None
