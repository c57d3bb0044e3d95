"""Facts aligned across articles (sentence and quantity level), corroboration and conflicts.

* **Sentence claims** (:mod:`.claim_sentences`): sentences of two or more articles stating one
  fact (rare shared words and entities, idf-weighted), one claim per cluster.
* **Quantity claims** (:mod:`.claim_quantities`): figures of one measure across articles; when
  their values differ, a ``quantity`` conflict linked from the claim.
* **Quoted words** (:func:`quote_support`): the sentences reporting one utterance (a quote
  group) support one claim: the sentence claim already holding two or more of them, else a
  claim of their own.
* **Date conflicts** (:mod:`.claim_dates`): one event given incompatible dates by articles of
  different origins, linked from the claim whose support holds both sentences.
* **Dates relative to a named event** (:mod:`.claim_relative`): one happening placed before an
  event in one article and during it in another ("ahead of the Winter Olympics" / "at the
  Olympics").
* **Outcome conflicts** (:mod:`.claim_outcomes`): one actor given opposite outcomes (a victory
  in one article, losses in another).
* **Role, spelling, speaker and wording conflicts** (:mod:`.claim_conflicts`) from the entities and the
  quote groups.

Claims are ordered by independent origins (most first), then first appearance; conflicts by kind
(quantity, date, outcome, role, speaker, spelling, wording), then first appearance. Ids are content hashes of members.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from ...records import (
    Article,
    ArticleAnalysis,
    Citation,
    Claim,
    ClaimKind,
    Conflict,
    Entity,
    QuoteGroup,
    Span,
    content_id,
)
from ..conflicts import role_conflicts, speaker_conflicts, spelling_conflicts, wording_conflicts
from ..scope import story_scope, within_story
from ..sentences import align_sentences, sentence_units
from .dates import attach, date_conflicts, dated_events
from .outcomes import outcome_conflicts
from .quantities import quantity_clusters, quantity_conflict, quantity_items
from .relative import relative_date_conflicts


def _claim(
    kind: ClaimKind,
    support: Sequence[Citation],
    origin_of: Mapping[str, str],
    conflicts: tuple[str, ...] = (),
    spun: frozenset[str] = frozenset(),
) -> Claim:
    """The claim of ``support``, worded as its first citation from an article not judged
    machine-spun (``spun``: article ids): a garbled copy is evidence, never the wording shown."""
    support = sorted(support, key=lambda c: c.span.article in spun)
    articles = tuple(dict.fromkeys(c.span.article for c in support))
    return Claim(
        id=content_id(
            "claim", kind, *sorted(f"{c.span.article}:{c.span.start}:{c.span.end}" for c in support)
        ),
        kind=kind,
        text=support[0].text,
        support=tuple(support),
        articles=articles,
        independent_origins=len({origin_of.get(a, a) for a in articles}),
        conflicts=conflicts,
    )


def quote_support(
    clusters: Sequence[Sequence[Citation]],
    groups: Sequence[QuoteGroup],
    analyses: Sequence[ArticleAnalysis],
    texts: Mapping[str, str],
) -> list[list[Citation]]:
    """``clusters`` (sentence supports) with the sentences of each quote group spanning two or
    more articles added: to the cluster holding two or more of them (the most), else as a new
    support list. Sentences keep text order within an article; nothing is cited twice."""
    out = [list(c) for c in clusters]
    sentences = {an.article: an.sentences for an in analyses}
    # The clusters citing each span (one entry per citation), kept up to date as spans are
    # added, so a group looks only at the clusters holding its sentences.
    citing: dict[tuple[str, int, int], list[int]] = {}
    for k, cluster in enumerate(out):
        for c in cluster:
            citing.setdefault((c.span.article, c.span.start, c.span.end), []).append(k)
    for group in groups:
        if len({v.span.article for v in group.variants}) < 2:
            continue
        spans: dict[tuple[str, int, int], None] = {}
        for v in group.variants:
            hit = next(((s, e) for s, e in sentences.get(v.span.article, ()) if s <= v.span.start < e), None)
            if hit is not None:
                spans[(v.span.article, *hit)] = None
        held: dict[int, int] = {}
        for span in spans:
            for k in citing.get(span, ()):
                held[k] = held.get(k, 0) + 1
        # The cluster holding the most of them, the first one on a tie.
        best = min(held, key=lambda k: (-held[k], k), default=-1)
        if best >= 0 and held[best] >= 2:
            target, index = out[best], best
        elif len({a for a, _, _ in spans}) >= 2:
            target, index = [], len(out)
            out.append(target)
        else:
            continue
        have = {(c.span.article, c.span.start, c.span.end) for c in target}
        for article, start, end in spans:
            if (article, start, end) not in have:
                target.append(Citation.of(article, texts.get(article, ""), start, end))
                citing.setdefault((article, start, end), []).append(index)
    return out


def build_claims(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    entities: Sequence[Entity],
    quote_groups: Sequence[QuoteGroup],
    origin_of: Mapping[str, str],
) -> tuple[list[Claim], list[Conflict]]:
    """Claims with supporting spans and independent-origin counts, and the conflicts between
    sources (numbers, roles/titles, quote speakers, name spellings)."""
    order = {a.id: i for i, a in enumerate(articles)}
    texts = {a.id: a.text for a in articles}
    spun = frozenset(an.article for an in analyses if an.quality.spun)
    claims: list[tuple[tuple[int, int, int], Claim]] = []
    scope = story_scope(entities, origin_of)
    units = sentence_units(articles, analyses, entities)
    clusters = [
        [Citation(Span(u.article, u.start, u.end), u.text) for u in cluster]
        for cluster in align_sentences(units, origin_of, scope.related)
    ]
    for support in quote_support(clusters, quote_groups, analyses, texts):
        claim = _claim("sentence", support, origin_of, spun=spun)
        first = min((order.get(c.span.article, len(order)), c.span.start) for c in support)
        claims.append(((-claim.independent_origins, *first), claim))
    entity_at = {(m.span.article, m.span.start): e.id for e in entities for m in e.mentions}
    quantity_conflicts: list[Conflict] = []
    for qcluster in quantity_clusters(quantity_items(articles, analyses, entity_at), scope.related):
        conflict = quantity_conflict(qcluster, texts)
        if conflict is not None:
            quantity_conflicts.append(conflict)
        support = [
            Citation.at(Span(it.quantity.span.article, *it.clause), texts[it.quantity.span.article])
            for it in qcluster
        ]
        claim = _claim("quantity", support, origin_of, (conflict.id,) if conflict else (), spun)
        claims.append(((-claim.independent_origins, qcluster[0].order, qcluster[0].sentence[0]), claim))
    quotes = {q.id: q for an in analyses for q in an.quotes}
    names = {e.id: e.name for e in entities}

    def first_seen(c: Conflict) -> tuple[int, int]:
        return min((order.get(v.citation.span.article, len(order)), v.citation.span.start) for v in c.values)

    dates = date_conflicts(dated_events(articles, analyses, entity_at), origin_of, scope.related)
    dates += relative_date_conflicts(articles, analyses, entity_at, origin_of)
    outcomes = outcome_conflicts(articles, analyses, entity_at, origin_of, names)
    conflicts = within_story(
        sorted(quantity_conflicts, key=first_seen)
        + sorted(dates, key=first_seen)
        + sorted(outcomes, key=first_seen)
        + sorted(role_conflicts(entities), key=first_seen)
        + sorted(speaker_conflicts(quote_groups, quotes, names, entities, texts), key=first_seen)
        + sorted(spelling_conflicts(entities), key=first_seen)
        + sorted(wording_conflicts(quote_groups, quotes), key=first_seen),
        scope,
    )
    kept = {c.id for c in conflicts}
    ordered = attach(
        [c for _, c in sorted(claims, key=lambda kc: kc[0])],
        [c for c in conflicts if c.kind in ("date", "outcome")],
    )
    ordered = [
        replace(c, conflicts=tuple(k for k in c.conflicts if k in kept)) if set(c.conflicts) - kept else c
        for c in ordered
    ]
    return ordered, [c for c in conflicts if c.values]
