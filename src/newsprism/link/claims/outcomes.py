"""Opposite outcomes for one actor: "Russian forces have suffered stunning losses" in one
article, "Russian troops registered their biggest victory in months" in another.

A sentence states an **outcome** when it holds a word of one of two opposite families
(:data:`GAIN_WORDS`: victory, triumph; :data:`LOSS_WORDS`: loss, defeat, setback, rout) and
none of the other. Its **actor** is what the clause before that word names: the canonical
entities mentioned there and its content keys (the clause runs from the last comma, semicolon,
colon, dash or bracket, or the sentence start, to the outcome word). Two sentences of different
origins with opposite outcomes are a conflict when their actors share an entity *and* another
key ("Russian forces" / "Russian troops": the entity Russia and ``force``), so "Russia's
setbacks" and "Ukraine's victory" are no conflict, nor "his army suffered losses" (no entity)
against "Russian troops ... victory".

Two outcomes **at different times or places** are two events, not rival reports of one: both
sentences dated (calendar DATE expressions) and no date of one compatible with a date of the other
("in March" / "on 14 May"; :func:`.dates.compatible`: "2022-09" holds "2022-09-12"), or both
naming places (GPE, LOC and FAC entities outside the actor) and none in common (a defeat "at
Ardel" and a victory "near Brisk"). A sentence without a date or a place says nothing against the
other's: "Russian forces have suffered stunning losses on the battlefield in Ukraine" and "Russian
troops registered their biggest victory in months" stay a conflict (one war, the same days: the
second is a paraphrase that gave Kyiv's victory to the other side). A place is compared by its
entity, not inside a map: "in Ukraine" and "in Kharkiv" are two places here, so an outcome of a
region and one of a country named by both counts as two events.

The check is lexical: it cannot tell two battles apart when neither sentence dates or places
them, so a conflict is a prompt to read both passages, reported as a ``contradiction`` (both
cannot describe one event). Candidate pairs come
from an inverted index of actor keys (:func:`.candidate_pairs`), so the work grows with the
number of outcome sentences, not with its square.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ...records import Article, ArticleAnalysis, Citation, Conflict, ConflictValue, Mention, Span, paired
from ...words import fold
from ..conflicts import make_conflict
from ..keys import candidate_pairs
from ..sentences import clause_keys, named_mentions
from .dates import compatible
from .quantities import sentence_dates

GAIN_WORDS: frozenset[str] = frozenset({"victory", "victories", "triumph", "triumphs"})
LOSS_WORDS: frozenset[str] = frozenset(
    {"loss", "losses", "defeat", "defeats", "setback", "setbacks", "rout", "routs"}
)
_OUTCOME = re.compile(r"\b(" + "|".join(sorted(GAIN_WORDS | LOSS_WORDS)) + r")\b", re.IGNORECASE)
#: Actor posting lists longer than this block nothing (an entity named in most sentences).
MAX_POSTINGS = 200
#: Words after which an outcome word is not an outcome ("loss of life" is a death toll).
_NOT_OUTCOME_AFTER = re.compile(r"\s+of\s+(life|lives|jobs?|power|income|revenue|face)\b", re.IGNORECASE)
#: Mention labels of a place an outcome happens at.
PLACE_LABELS: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class Outcome:
    """One sentence stating a gain or a loss, with the keys of the actor before it."""

    article: str
    start: int
    end: int
    text: str
    gain: bool
    word: str
    actor: frozenset[str]  # entity keys ("@<id>") and content keys of the clause before the word
    actor_text: str
    dates: frozenset[str] = frozenset()  # calendar values of the sentence's DATE expressions
    places: frozenset[str] = frozenset()  # entity ids of the places it names, the actor's left out


def outcomes(
    articles: Sequence[Article], analyses: Sequence[ArticleAnalysis], entity_at: Mapping[tuple[str, int], str]
) -> list[Outcome]:
    """Every sentence with words of one outcome family only, in article and text order."""
    out: list[Outcome] = []
    for pair in paired(articles, analyses):
        article, analysis = pair.article, pair.analysis
        named: list[Mention] | None = None
        for start, end in analysis.sentences:
            text = article.text[start:end]
            hits = [m for m in _OUTCOME.finditer(text) if not _NOT_OUTCOME_AFTER.match(text, m.end())]
            kinds = {fold(m.group(1)) in GAIN_WORDS for m in hits}
            if len(kinds) != 1:
                continue
            if named is None:
                named = named_mentions(analysis, entity_at)
            word = hits[0]
            clause, actor = clause_keys(article.text, start, start + word.start(), named, entity_at)
            if not any(k.startswith("@") for k in actor):
                continue
            cite = Citation.of(article.id, article.text, start, end)
            places = {
                entity_at[(m.span.article, m.span.start)]
                for m in named
                if m.label in PLACE_LABELS and start <= m.span.start < end
            } - {k[1:] for k in actor if k.startswith("@")}
            out.append(
                Outcome(
                    article=article.id,
                    start=cite.span.start,
                    end=cite.span.end,
                    text=cite.text,
                    gain=kinds.pop(),
                    word=word.group(1).lower(),
                    actor=frozenset(actor),
                    actor_text=clause,
                    dates=sentence_dates(analysis, start, end),
                    places=frozenset(places),
                )
            )
    return out


def apart(a: Outcome, b: Outcome) -> bool:
    """Whether two outcomes are set at different times or places: both dated and no date of one
    compatible with a date of the other, or both placed and no place in common."""
    if a.dates and b.dates and not any(compatible(x, y) for x in a.dates for y in b.dates):
        return True
    return bool(a.places and b.places and not a.places & b.places)


def opposed(a: Outcome, b: Outcome) -> bool:
    """Opposite outcomes for one actor at one time and place: an entity and another key in
    common, and not :func:`apart`."""
    if a.gain == b.gain or apart(a, b):
        return False
    common = a.actor & b.actor
    return any(k.startswith("@") for k in common) and any(not k.startswith("@") for k in common)


def outcome_conflicts(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    entity_at: Mapping[tuple[str, int], str],
    origin_of: Mapping[str, str],
    names: Mapping[str, str],
) -> list[Conflict]:
    """One ``outcome`` conflict per pair of opposed sentences of different origins (a sentence
    takes part in at most one, with its first opposed partner in input order)."""
    items = outcomes(articles, analyses, entity_at)
    used: set[int] = set()
    conflicts: list[Conflict] = []
    keys = [sorted(o.actor) for o in items]
    groups = [o.article for o in items]
    for i, j in candidate_pairs(keys, MAX_POSTINGS, groups, min_shared=2):
        a, b = items[i], items[j]
        if (
            i in used
            or j in used
            or origin_of.get(a.article, a.article) == origin_of.get(b.article, b.article)
        ):
            continue
        if not opposed(a, b):
            continue
        used.update((i, j))
        values = tuple(
            ConflictValue(
                value=f"{'gain' if o.gain else 'loss'}: {o.word}",
                citation=Citation(Span(o.article, o.start, o.start + len(o.text)), o.text),
            )
            for o in (a, b)
        )
        conflicts.append(
            make_conflict(
                "outcome",
                "outcome for "
                + " / ".join(names.get(k[1:], k[1:]) for k in sorted(a.actor & b.actor) if k.startswith("@"))
                + f" ({a.actor_text} / {b.actor_text})",
                "contradiction",
                values,
            )
        )
    return conflicts
