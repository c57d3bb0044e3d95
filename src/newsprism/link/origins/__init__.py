"""Copies among the articles and their independent origins (MinHash LSH + sentence alignment).

1. Every article is prepared for comparison (:mod:`.reuse_text`): sentences folded, stemmed and
   marked when they are mostly quotation.
2. Candidate pairs come from two bounded blocking keys (:mod:`.reuse_candidates`): MinHashLSH over
   document word shingles and an inverted index of rare stem pairs per sentence; all pairs are
   never compared.
3. Each candidate pair is aligned sentence by sentence and classified verbatim, edited or
   paraphrase, or left alone (:mod:`.reuse_align`).
4. The likely original of a pair ranks first by :func:`original_rank`: earlier publication day,
   a metadata date before an inferred one before none, an earlier time that day, a cleaner text
   (lower quality score), a longer text, then the article id.
5. Each copy keeps one relation, to the partner it shares most with (ties: the better-ranked),
   which always ranks before it; origins are the trees this forest makes, rooted at their
   original. Two copies of one wire story are therefore one origin; an article that copies two
   unrelated articles joins only one of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from ...records import (
    Article,
    ArticleAnalysis,
    Citation,
    CopyRelation,
    Origin,
    Span,
    content_id,
    effective_published,
    paired,
)
from .align import Alignment, align, classify
from .candidates import candidate_pairs
from .text import ReuseText, prepare

MAX_EVIDENCE = 3
_CERTAINTY = {"metadata": 0, "inferred": 1}
_NO_DAY = "9999-99-99"
_NO_TIME = "99:99:99"

Rank = tuple[str, int, str, float, int, str]


@dataclass(frozen=True, slots=True)
class _Match:
    """An accepted copy relation between two article indices."""

    copy: int
    original: int
    relation: CopyRelation


def original_rank(article: Article, analysis: ArticleAnalysis) -> Rank:
    """Sort key: the smaller of two related articles is the likely original."""
    published = effective_published(article, analysis)
    day, time = _NO_DAY, _NO_TIME
    if published.value:
        day = published.value[:10]
        try:
            moment = datetime.fromisoformat(published.value)
        except ValueError:
            moment = None
        if moment is not None and "T" in published.value:
            if moment.tzinfo is not None:
                moment = moment.astimezone(UTC)
            time = moment.strftime("%H:%M:%S")
    certainty = _CERTAINTY.get(published.how, 2) if published.value else 2
    return (day, certainty, time, analysis.quality.score, -len(article.text.split()), article.id)


def _citation(article: Article, start: int, end: int) -> Citation:
    return Citation.at(Span(article.id, start, end), article.text)


def _evidence(
    copy: Article, copy_text: ReuseText, original: Article, original_text: ReuseText, alignment: Alignment
) -> tuple[tuple[Citation, Citation], ...]:
    """Up to :data:`MAX_EVIDENCE` aligned pairs in the copy's order, narrative ones first."""
    chosen = [p for p in alignment.pairs if not p.quoted] + [p for p in alignment.pairs if p.quoted]
    out: list[tuple[Citation, Citation]] = []
    for p in sorted(chosen[:MAX_EVIDENCE], key=lambda p: p.left):
        cs, os_ = copy_text.sentences[p.left], original_text.sentences[p.right]
        out.append((_citation(copy, cs.start, cs.end), _citation(original, os_.start, os_.end)))
    return tuple(out)


def _matches(articles: Sequence[Article], texts: Sequence[ReuseText], ranks: Sequence[Rank]) -> list[_Match]:
    """Every candidate pair that aligns as a copy, oriented copy -> original."""
    found: list[_Match] = []
    for i, j in candidate_pairs(texts):
        copy, original = (j, i) if ranks[i] < ranks[j] else (i, j)
        alignment = align(texts[copy], texts[original])  # copy on the left: same result in any input order
        kind = classify(texts[copy], texts[original], alignment)
        if kind is None:
            continue
        similarity = min(1.0, len(alignment.pairs) / max(1, texts[copy].substantive))
        evidence = _evidence(articles[copy], texts[copy], articles[original], texts[original], alignment)
        relation = CopyRelation(
            articles[copy].id, articles[original].id, kind, round(similarity, 4), evidence
        )
        found.append(_Match(copy, original, relation))
    return found


def find_origins(articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]) -> list[Origin]:
    """Group articles into independent origins: each original with its verbatim, edited and
    machine-paraphrased copies. Every article belongs to exactly one origin.

    ``analyses`` are matched to articles by id (an article without one is compared by its text
    alone). Origins come in the input order of their original; inside an origin the original
    is first and the copies follow in rank order."""
    unique = list({a.id: a for a in reversed(articles)}.values())[::-1]
    pairs = paired(unique, analyses, unanalysed=True)
    texts = [prepare(p.article, p.analysis) for p in pairs]
    ranks = [original_rank(p.article, p.analysis) for p in pairs]

    best: dict[int, _Match] = {}
    for match in _matches(unique, texts, ranks):
        current = best.get(match.copy)
        key = (-match.relation.similarity, ranks[match.original])
        if current is None or key < (-current.relation.similarity, ranks[current.original]):
            best[match.copy] = match

    def root(i: int) -> int:
        while i in best:  # parents rank strictly before their copies: no cycles
            i = best[i].original
        return i

    members: dict[int, list[int]] = {}
    for i in range(len(unique)):
        members.setdefault(root(i), []).append(i)
    origins: list[Origin] = []
    for top in sorted(members):
        group = sorted(members[top], key=lambda i: ranks[i])
        ids = tuple(unique[i].id for i in group)
        relations = tuple(best[i].relation for i in group if i in best)
        origins.append(Origin(content_id(*sorted(ids)), unique[top].id, ids, relations))
    return origins


def origin_index(origins: Sequence[Origin]) -> dict[str, str]:
    """Article id -> id of the origin it belongs to."""
    return {article: origin.id for origin in origins for article in origin.articles}
