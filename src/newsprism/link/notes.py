"""Per-source notes: what each article alone reports, what it omits, its flags and copies.

* **unique**: the article's non-trivial sentences (see
  :data:`~newsprism.link.sentences.MIN_KEYS`) that no claim aligns with a sentence of
  another origin (a sentence shared only with its own copies is still unique to its origin).
* **omits**: ids of claims carried by a majority (more than half) of the other origins, when
  there are at least two other origins, that this article does not support.
* **flags**: "possibly machine-spun" when the quality check says so, then the distinct quality
  flag kinds, sorted.
* **copies**: the copy relations in which the article is the copy or the original.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import (
    Article,
    ArticleAnalysis,
    Citation,
    Claim,
    CopyRelation,
    Origin,
    SourceNote,
    Span,
    paired,
)
from .origins import origin_index
from .sentences import sentence_units

SPUN_FLAG = "possibly machine-spun"
#: Fewest other origins for "omits" to mean anything.
MIN_OTHER_ORIGINS = 2


def _shared_spans(claims: Sequence[Claim], origin_of: dict[str, str]) -> set[tuple[str, int, int]]:
    """Sentence spans aligned with a sentence of another origin."""
    shared: set[tuple[str, int, int]] = set()
    for claim in claims:
        origins = {origin_of.get(a, a) for a in claim.articles}
        if len(origins) < 2:
            continue
        shared.update((c.span.article, c.span.start, c.span.end) for c in claim.support)
    return shared


def source_notes(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    origins: Sequence[Origin],
    claims: Sequence[Claim],
) -> list[SourceNote]:
    """One note per article, in article order."""
    origin_of = origin_index(origins)
    all_origins = {origin_of.get(a.id, a.id) for a in articles}
    shared = _shared_spans(claims, origin_of)
    units_of: dict[str, list[Citation]] = {}
    for u in sentence_units(articles, analyses, ()):
        if (u.article, u.start, u.end) not in shared:
            units_of.setdefault(u.article, []).append(Citation(Span(u.article, u.start, u.end), u.text))
    others = len(all_origins) - 1  # every article's own origin is one of all_origins
    # Only a claim carried by more than half of the other origins (its own origin aside) can be
    # omitted by an article: the rest are left out once, not tested per article.
    majority = [
        (c, origins_c)
        for c in claims
        if 2 * len(origins_c := {origin_of.get(a, a) for a in c.articles}) > others
    ]
    copies_of: dict[str, list[CopyRelation]] = {}
    for o in origins:
        for r in o.relations:
            for a in dict.fromkeys((r.copy, r.original)):
                copies_of.setdefault(a, []).append(r)
    notes: list[SourceNote] = []
    for pair in paired(articles, analyses, unanalysed=True):  # an unanalysed article has no flags
        article, analysis = pair.article, pair.analysis
        own = origin_of.get(article.id, article.id)
        unique = tuple(units_of.get(article.id, ()))
        omits = tuple(
            c.id
            for c, origins_c in majority
            if others >= MIN_OTHER_ORIGINS
            and article.id not in c.articles
            and 2 * len(origins_c - {own}) > others
        )
        flags = [SPUN_FLAG] if analysis.quality.spun else []
        flags.extend(sorted({f.kind for f in analysis.quality.flags}))
        copies = tuple(copies_of.get(article.id, ()))
        notes.append(SourceNote(article.id, unique, omits, tuple(flags), copies))
    return notes
