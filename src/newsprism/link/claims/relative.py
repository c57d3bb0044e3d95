"""Dates given relative to a named event, and sources that place one happening differently.

"Beijing's meeting ahead of the Winter Olympics" / "Putin and Xi last met at the Olympics" /
"a statement issued on the first day of the Winter Olympics": no calendar date, yet the sources
disagree on when the meeting was. Each EVENT mention (spaCy's NER label: the Olympics, a
summit, an election) preceded by a **relation** (:data:`RELATIONS`: before, at the start of,
during, at the end of, after) gives a relative date; the **happening** it dates is the clause
before the relation (from the last comma, semicolon, colon, dash or bracket, or the sentence
start): its content keys and entities.

Two relative dates of different origins conflict (``date``, ``inconsistent_detail``) when they
name one anchor (the event name's head word, "Olympics"), their relations cannot both hold
(before vs during, after vs at the start of; "at the start of" and "during" agree), and their
happenings share a key ("meeting" / "met": ``meet``), so two different happenings placed around
one event are no conflict. Candidate pairs come from an inverted index of (anchor, happening
key) keys, so the work grows with the number of relative dates, not with its square.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ...records import Article, ArticleAnalysis, Citation, Conflict, ConflictValue, Mention, Span, paired
from ...words import content_stems
from ..conflicts import make_conflict
from ..keys import candidate_pairs
from ..sentences import clause_keys, named_mentions

#: Relation phrases right before an event name, longest first, and where they place a happening.
RELATIONS: tuple[tuple[str, str], ...] = (
    ("in the run-up to", "before"), ("on the eve of", "before"), ("in the days before", "before"),
    ("weeks before", "before"), ("days before", "before"), ("ahead of", "before"), ("before", "before"),
    ("on the first day of", "start"), ("on the opening day of", "start"), ("at the opening of", "start"),
    ("at the start of", "start"), ("at the opening ceremony of", "start"),
    ("on the sidelines of", "during"), ("in the middle of", "during"), ("during", "during"),
    ("at", "during"),
    ("on the last day of", "end"), ("on the final day of", "end"), ("at the close of", "end"),
    ("at the end of", "end"), ("at the closing ceremony of", "end"),
    ("in the wake of", "after"), ("following", "after"), ("after", "after"),
)  # fmt: skip
#: Relations that can both hold for one happening ("start" and "end" are moments "during").
_AGREE: frozenset[frozenset[str]] = frozenset({frozenset({"start", "during"}), frozenset({"end", "during"})})
_RELATION = re.compile(
    r"\b(" + "|".join(re.escape(p) for p, _ in RELATIONS) + r")\s+(?:the\s+)?$", re.IGNORECASE
)
_PLACE = dict(RELATIONS)
#: Posting lists longer than this block nothing.
MAX_POSTINGS = 200


@dataclass(frozen=True, slots=True)
class RelativeDate:
    """A happening placed relative to a named event in one sentence."""

    article: str
    start: int  # the sentence
    end: int
    text: str
    relation: str  # "before", "start", "during", "end", "after"
    phrase: str  # the relation and the event as written ("ahead of the Winter Olympics")
    anchor: str  # the event's head word, folded ("olympic")
    event: str  # the event name as written
    happening: frozenset[str]  # keys of the clause before the relation


def agree(a: str, b: str) -> bool:
    """Whether two relations can both hold for one happening."""
    return a == b or frozenset({a, b}) in _AGREE


def relative_dates(
    articles: Sequence[Article], analyses: Sequence[ArticleAnalysis], entity_at: Mapping[tuple[str, int], str]
) -> list[RelativeDate]:
    """Every EVENT mention preceded by a relation, in article and text order."""
    out: list[RelativeDate] = []
    for pair in paired(articles, analyses):
        article, analysis = pair.article, pair.analysis
        events = [m for m in analysis.mentions if m.label == "EVENT"]
        if not events:
            continue
        named = named_mentions(analysis, entity_at)
        for start, end in analysis.sentences:
            for ev in (m for m in events if start <= m.span.start < end):
                found = _relative(article, start, end, ev, named, entity_at)
                if found is not None:
                    out.append(found)
    return out


def _relative(
    article: Article,
    start: int,
    end: int,
    event: Mention,
    named: Sequence[Mention],
    entity_at: Mapping[tuple[str, int], str],
) -> RelativeDate | None:
    text = article.text
    rel = _RELATION.search(text, start, event.span.start)
    head = content_stems(event.text)
    if rel is None or not head:
        return None
    _, happening = clause_keys(text, start, rel.start(), named, entity_at)
    if not happening:
        return None
    cite = Citation.of(article.id, text, start, end)
    return RelativeDate(
        article=article.id,
        start=cite.span.start,
        end=cite.span.end,
        text=cite.text,
        relation=_PLACE[rel.group(1).lower()],
        phrase=text[rel.start() : event.span.end],
        anchor=head[-1],
        event=event.text,
        happening=frozenset(happening),
    )


def relative_date_conflicts(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    entity_at: Mapping[tuple[str, int], str],
    origin_of: Mapping[str, str],
) -> list[Conflict]:
    """One conflict per anchor and happening: the relative dates of different origins that do
    not agree with the first one (in input order) placing that happening."""
    items = relative_dates(articles, analyses, entity_at)
    keys = [sorted(f"{r.anchor}|{k}" for k in r.happening) for r in items]
    groups = [r.article for r in items]
    partners: dict[int, list[int]] = {}
    for i, j in candidate_pairs(keys, MAX_POSTINGS, groups):
        a, b = items[i], items[j]
        if a.anchor != b.anchor or agree(a.relation, b.relation):
            continue
        if origin_of.get(a.article, a.article) == origin_of.get(b.article, b.article):
            continue
        partners.setdefault(i, []).append(j)
    conflicts: list[Conflict] = []
    taken: set[int] = set()
    for i in sorted(partners):
        if i in taken:
            continue
        members = [i] + [j for j in partners[i] if j not in taken]
        taken.update(members)
        values = tuple(
            ConflictValue(
                value=f"{items[k].relation}: {items[k].phrase}",
                citation=Citation(Span(items[k].article, items[k].start, items[k].end), items[k].text),
            )
            for k in members
        )
        conflicts.append(
            make_conflict("date", f"when, relative to {items[i].event}", "inconsistent_detail", values)
        )
    return conflicts
