"""Sentences of different articles that state one fact, aligned and clustered.

Each sentence becomes a set of keys: crude content stems of its words outside entity mentions,
plus the canonical entities mentioned in it (``@<entity id>``, so "Mr. Xi" and "Xi Jinping"
agree, and "Li Zhanshu" is one key, not three). Two sentences of different
articles align when the idf-weighted share of their keys in common (relative to the smaller
sentence and to both) passes a threshold; candidate pairs come from an inverted index of rare
keys, so the work grows with the corpus. Aligned sentences are clustered greedily, best pair
first, with at most one sentence per article in a cluster (see :func:`align_sentences`).
Keys are :func:`.meaning_keys` (word families folded, ordinal + noun pairs such as "third+term").
A strongly aligned pair whose sentences end in two different clusters is kept as a claim of its
own (a long sentence states several facts; see :func:`_leftover_pairs`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..records import Article, ArticleAnalysis, Entity, Mention, paired
from ..words import idf_table, meaning_keys, weight
from .keys import candidate_pairs

#: Least idf-weighted share of the smaller sentence's keys, and of both sentences' keys. (A name
#: counts once, as its entity key, so a shared name no longer lifts the share three times over.)
MIN_CONTAINED = 0.18
MIN_DICE = 0.12
#: Least number of keys in common.
MIN_SHARED_KEYS = 3
#: Sentences with fewer keys are trivial (datelines, bylines, "Read more").
MIN_KEYS = 4
#: Least alignment score of a pair kept as its own claim when its sentences sit in two clusters.
MIN_PAIR_SCORE = 0.15
#: Most such extra pair claims per sentence.
MAX_EXTRA_CLAIMS = 1
#: Members of each cluster compared when deciding whether two clusters merge.
LINK_SAMPLE = 8
#: Posting lists longer than this are not used to block.
MAX_POSTINGS = 200


@dataclass(frozen=True, slots=True)
class SentenceUnit:
    """One sentence of one article with its comparison keys."""

    article: str
    order: int  # position of the article in the input
    start: int
    end: int
    text: str
    keys: frozenset[str]


def sentence_units(
    articles: Sequence[Article], analyses: Sequence[ArticleAnalysis], entities: Sequence[Entity]
) -> list[SentenceUnit]:
    """Every non-trivial sentence of every article, in article and text order."""
    entity_at = {(m.span.article, m.span.start): e.id for e in entities for m in e.mentions}
    units: list[SentenceUnit] = []
    for pair in paired(articles, analyses):
        order, article, analysis = pair.order, pair.article, pair.analysis
        mentions = named_mentions(analysis, entity_at)
        for start, end in analysis.sentences:
            text = article.text[start:end]
            keys = span_keys(text, start, [m for m in mentions if start <= m.span.start < end], entity_at)
            if len(keys) >= MIN_KEYS:
                units.append(SentenceUnit(article.id, order, start, end, text, frozenset(keys)))
    return units


def named_mentions(analysis: ArticleAnalysis, entity_of: Mapping[tuple[str, int], str]) -> list[Mention]:
    """The article's mentions of canonical entities (those ``entity_of`` knows), by position."""
    return sorted(
        (m for m in analysis.mentions if (m.span.article, m.span.start) in entity_of),
        key=lambda m: m.span.start,
    )


def span_keys(
    text: str, offset: int, mentions: Sequence[Mention], entity_of: Mapping[tuple[str, int], str]
) -> set[str]:
    """Keys of ``text`` (starting at ``offset`` in its article): meaning keys of its words outside
    ``mentions`` (the entity mentions inside it, by position), plus ``@<entity id>`` of each: a
    mentioned entity counts once, not again as each word of its name."""
    keys = set(meaning_keys(_masked(text, offset, mentions)))
    keys.update("@" + entity_of[(m.span.article, m.span.start)] for m in mentions)
    return keys


_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")


def clause_keys(
    text: str,
    sentence_start: int,
    upto: int,
    named: Sequence[Mention],
    entity_of: Mapping[tuple[str, int], str],
) -> tuple[str, set[str]]:
    """The clause of ``text`` ending at ``upto`` (from the last comma, semicolon, colon, dash or
    bracket after ``sentence_start``, else from it) and its keys: content keys of its words
    outside ``named`` mentions, plus the ``@<entity id>`` of each mention inside it (``named``
    are mentions of one article; ``entity_of`` maps (article, start) to entity ids)."""
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(text, sentence_start, upto)]
    lo = breaks[-1] if breaks else sentence_start
    inside = [m for m in named if lo <= m.span.start and m.span.end <= upto]
    clause = text[lo:upto]
    return clause.strip(), span_keys(clause, lo, inside, entity_of)


def _masked(text: str, offset: int, mentions: Sequence[Mention]) -> str:
    """``text`` (starting at ``offset`` in its article) with the words of ``mentions`` blanked."""
    if not mentions:
        return text
    parts: list[str] = []
    at = 0
    for m in mentions:
        lo, hi = max(at, m.span.start - offset), min(len(text), m.span.end - offset)
        if lo >= hi:
            continue
        parts.append(text[at:lo])
        parts.append(" " * (hi - lo))
        at = hi
    parts.append(text[at:])
    return "".join(parts)


def similarity(a: SentenceUnit, b: SentenceUnit, idf: Mapping[str, float]) -> tuple[float, float]:
    """(idf-weighted share of the smaller sentence's keys in common, weighted Dice)."""
    shared = weight(a.keys & b.keys, idf)
    wa, wb = weight(a.keys, idf), weight(b.keys, idf)
    if not wa or not wb:
        return 0.0, 0.0
    return shared / min(wa, wb), 2 * shared / (wa + wb)


def aligned(a: SentenceUnit, b: SentenceUnit, idf: Mapping[str, float]) -> float:
    """Alignment score of two sentences of different articles (0 when they do not align)."""
    if a.article == b.article or len(a.keys & b.keys) < MIN_SHARED_KEYS:
        return 0.0
    contained, dice = similarity(a, b, idf)
    return dice if contained >= MIN_CONTAINED and dice >= MIN_DICE else 0.0


def align_sentences(
    units: Sequence[SentenceUnit],
    origin_of: Mapping[str, str],
    related: Callable[[str, str], bool] = lambda a, b: True,
) -> list[list[SentenceUnit]]:
    """Clusters of sentences stating one fact, each with sentences from two or more articles,
    ordered by independent origins (most first), then first appearance.

    Only sentences of ``related`` articles (reports of one story, :mod:`.claim_scope`) align: in
    a run mixing stories, a few words two unrelated sentences share ("big", "like", "music" in an
    actress's quote and a singer's label dispute) would otherwise count as corroboration.

    Aligned pairs are merged greedily, best first (average-linkage style): two clusters join
    when they share no article and at least half of the (sampled) pairs across them align, so a
    chain of loosely related sentences does not snowball into one topic cluster."""
    idf = idf_table(u.keys for u in units)
    weights = [weight(u.keys, idf) for u in units]

    def score(i: int, j: int) -> float:
        """:func:`aligned` of units ``i`` and ``j``, their own weights computed once."""
        a, b = units[i], units[j]
        if a.article == b.article or not related(a.article, b.article):
            return 0.0
        common = a.keys & b.keys
        if len(common) < MIN_SHARED_KEYS:
            return 0.0
        wa, wb = weights[i], weights[j]
        if not wa or not wb:
            return 0.0
        shared = weight(common, idf)
        contained, dice = shared / min(wa, wb), 2 * shared / (wa + wb)
        return dice if contained >= MIN_CONTAINED and dice >= MIN_DICE else 0.0

    edges: list[tuple[float, int, int]] = []
    keys = [sorted(u.keys) for u in units]
    groups = [u.article for u in units]
    for i, j in candidate_pairs(keys, MAX_POSTINGS, groups, min_shared=MIN_SHARED_KEYS):
        s = score(i, j)
        if s > 0:
            edges.append((-s, i, j))
    edges.sort()
    cluster_of = list(range(len(units)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    articles: dict[int, set[str]] = {i: {u.article} for i, u in enumerate(units)}
    for _, i, j in edges:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj or not articles[ci].isdisjoint(articles[cj]):
            continue
        if not _joinable(members[ci], members[cj], score):
            continue
        keep, gone = min(ci, cj), max(ci, cj)
        for m in members[gone]:
            cluster_of[m] = keep
        members[keep] = sorted(members[keep] + members.pop(gone))
        articles[keep] |= articles.pop(gone)
    clusters = [[units[m] for m in ms] for ms in members.values() if len(ms) > 1]
    clusters.extend(_leftover_pairs(edges, cluster_of, units))

    def rank(cluster: list[SentenceUnit]) -> tuple[int, int, int]:
        origins = len({origin_of.get(u.article, u.article) for u in cluster})
        return (-origins, cluster[0].order, cluster[0].start)

    return sorted(clusters, key=rank)


def _leftover_pairs(
    edges: Sequence[tuple[float, int, int]], cluster_of: Sequence[int], units: Sequence[SentenceUnit]
) -> list[list[SentenceUnit]]:
    """Strongly aligned pairs (score >= :data:`MIN_PAIR_SCORE`) that ended in two different
    clusters, each as a claim of its own: a long sentence often states several facts, and the
    one-sentence-per-article rule keeps it in only one cluster. Each sentence lends itself to at
    most :data:`MAX_EXTRA_CLAIMS` such pairs, best first."""
    used: dict[int, int] = {}
    out: list[list[SentenceUnit]] = []
    for neg, i, j in edges:
        if -neg < MIN_PAIR_SCORE:
            break
        if cluster_of[i] == cluster_of[j] or used.get(i, 0) >= MAX_EXTRA_CLAIMS:
            continue
        if used.get(j, 0) >= MAX_EXTRA_CLAIMS:
            continue
        used[i] = used.get(i, 0) + 1
        used[j] = used.get(j, 0) + 1
        out.append(
            [units[i], units[j]]
            if (units[i].order, units[i].start) <= (units[j].order, units[j].start)
            else [units[j], units[i]]
        )
    return out


def _joinable(a: Sequence[int], b: Sequence[int], score: Callable[[int, int], float]) -> bool:
    """Whether two clusters with no article in common may merge: at least half of the pairs
    across them (at most :data:`LINK_SAMPLE` members of each side) align (``score`` > 0)."""
    sa, sb = a[:LINK_SAMPLE], b[:LINK_SAMPLE]
    linked = sum(1 for i in sa for j in sb if score(i, j) > 0)
    return 2 * linked >= len(sa) * len(sb)
