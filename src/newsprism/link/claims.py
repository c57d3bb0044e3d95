"""Facts aligned across articles (sentence and quantity level), corroboration and conflicts.

* **Sentence claims** (:mod:`.claim_sentences`): sentences of two or more articles stating one
  fact (rare shared words and entities, idf-weighted), one claim per cluster.
* **Quantity claims** (:mod:`.claim_quantities`): figures of one measure across articles; when
  their values differ, a ``quantity`` conflict linked from the claim.
* **Role, spelling, speaker and wording conflicts** (:mod:`.claim_conflicts`) from the entities and the
  quote groups.

Claims are ordered by independent origins (most first), then first appearance; conflicts by kind
(quantity, role, speaker, spelling, wording), then first appearance. Ids are content hashes of members.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..records import Article, ArticleAnalysis, Citation, Claim, Conflict, Entity, QuoteGroup, content_id
from .claim_conflicts import role_conflicts, speaker_conflicts, spelling_conflicts, wording_conflicts
from .claim_quantities import quantity_clusters, quantity_conflict, quantity_items
from .claim_sentences import align_sentences, sentence_units


def _claim(
    kind: str, support: Sequence[Citation], origin_of: Mapping[str, str], conflicts: tuple[str, ...] = ()
) -> Claim:
    articles = tuple(dict.fromkeys(c.article for c in support))
    return Claim(
        id=content_id("claim", kind, *sorted(f"{c.article}:{c.start}:{c.end}" for c in support)),
        kind=kind,
        text=support[0].text,
        support=tuple(support),
        articles=articles,
        independent_origins=len({origin_of.get(a, a) for a in articles}),
        conflicts=conflicts,
    )


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
    claims: list[tuple[tuple[int, int, int], Claim]] = []
    for cluster in align_sentences(sentence_units(articles, analyses, entities), origin_of):
        support = [Citation(u.article, u.start, u.end, u.text) for u in cluster]
        claim = _claim("sentence", support, origin_of)
        claims.append(((-claim.independent_origins, cluster[0].order, cluster[0].start), claim))
    quantity_conflicts: list[Conflict] = []
    for qcluster in quantity_clusters(quantity_items(articles, analyses)):
        conflict = quantity_conflict(qcluster, texts)
        if conflict is not None:
            quantity_conflicts.append(conflict)
        support = [
            Citation(
                it.quantity.article,
                it.clause[0],
                it.clause[1],
                texts[it.quantity.article][it.clause[0] : it.clause[1]],
            )
            for it in qcluster
        ]
        claim = _claim("quantity", support, origin_of, (conflict.id,) if conflict else ())
        claims.append(((-claim.independent_origins, qcluster[0].order, qcluster[0].sentence[0]), claim))
    quotes = {q.id: q for an in analyses for q in an.quotes}
    names = {e.id: e.name for e in entities}

    def first_seen(c: Conflict) -> tuple[int, int]:
        return min((order.get(v.citation.article, len(order)), v.citation.start) for v in c.values)

    conflicts = (
        sorted(quantity_conflicts, key=first_seen)
        + sorted(role_conflicts(entities), key=first_seen)
        + sorted(speaker_conflicts(quote_groups, quotes, names), key=first_seen)
        + sorted(spelling_conflicts(entities), key=first_seen)
        + sorted(wording_conflicts(quote_groups), key=first_seen)
    )
    return [c for _, c in sorted(claims, key=lambda kc: kc[0])], [c for c in conflicts if c.values]
