"""Typed views of the ``story.json`` dict that both briefs render from.

Both briefs render ``story.json`` (not the records), so a reader sees what the file says. What
both show and must judge alike is decided here, once: the conflicts and their numbers, the claims,
and each figure with whether it is *disputed* and by which conflicts. The trap this closes: the
HTML report decided which figures were disputed while the Markdown brief read only a claim's own
conflict list, so a figure a conflict names was red in brief.html and plain in brief.md.

**The disputed-figure rule** (:func:`story_view`): a figure is disputed when a ``quantity``
conflict (another source gives a different value) cites it. Not when it merely shares a sentence
with a disputed figure or sits in a sentence a date, role or wording conflict cites: the HTML
report's old rule (any conflict citation overlapping the figure, or the support of any claim with
a conflict) flagged "11 people confirmed dead" beside a disputed count of the missing, and "number
three official" for a role conflict. Conflicts are numbered in report order: figures first,
contradictions first.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..records import Citation, Claim, Conflict, ConflictValue, Quantity, Span

JSON = dict[str, Any]


def citation(data: Mapping[str, Any]) -> Citation:
    """The citation record of a story.json citation (or any dict with article, start, end)."""
    return Citation(Span(data["article"], data["start"], data["end"]), data.get("text") or "")


@dataclass(frozen=True, slots=True)
class ConflictView:
    """A disagreement with its ``number`` (1-based) in report order."""

    number: int
    conflict: Conflict


@dataclass(frozen=True, slots=True)
class FigureView:
    """A number as one article states it, with the judgements both briefs show.

    ``disputed_by`` holds the numbers of the conflicts that dispute it (ascending); ``origins``
    is the most independent origins of a claim whose support holds it (0 when none does)."""

    quantity: Quantity
    disputed_by: tuple[int, ...]
    origins: int

    @property
    def disputed(self) -> bool:
        return bool(self.disputed_by)

    @property
    def wording(self) -> str:
        """The figure as written, with its modifier ("about 40 homes")."""
        return " ".join(p for p in (self.quantity.modifier, self.quantity.text) if p)

    @property
    def citation(self) -> Citation:
        q = self.quantity
        return Citation(q.span, q.text)


@dataclass(frozen=True, slots=True)
class StoryView:
    """What both briefs render from the story's disagreements, claims and figures."""

    conflicts: tuple[ConflictView, ...]
    claims: tuple[Claim, ...]
    figures: tuple[FigureView, ...]


def _conflicts(data: Iterable[JSON]) -> tuple[ConflictView, ...]:
    ranked = sorted(data, key=lambda c: (c["kind"] != "quantity", c["severity"] != "contradiction"))
    return tuple(
        ConflictView(
            n,
            Conflict(
                id=c["id"],
                kind=c["kind"],
                subject=c["subject"],
                severity=c["severity"],
                values=tuple(ConflictValue(v["value"], citation(v["citation"])) for v in c["values"]),
            ),
        )
        for n, c in enumerate(ranked, 1)
    )


def _claim(c: JSON) -> Claim:
    return Claim(
        id=c["id"],
        kind=c["kind"],
        text=c["text"],
        support=tuple(citation(s) for s in c["support"]),
        articles=tuple(c.get("articles", ())),
        independent_origins=c["independent_origins"],
        conflicts=tuple(c["conflicts"]),
    )


def _quantity(q: JSON) -> Quantity:
    """The record of a story.json figure (whose spans are ``{start, end}`` or null)."""
    article = q["article"]

    def part(span: JSON | None) -> Span | None:
        return Span(article, span["start"], span["end"]) if span else None

    return Quantity(
        id=q["id"],
        span=Span(article, q["start"], q["end"]),
        text=q["text"],
        value=float(q["value"]),
        unit=q["unit"],
        category=q["category"],
        modifier=q.get("modifier"),
        measure=q.get("measure"),
        measure_span=part(q.get("measure_span")),
        direction=q.get("direction"),
        period=q.get("period"),
        period_span=part(q.get("period_span")),
    )


class _Overlapping:
    """The figures of each article overlapping a span, found by bisection on their starts (a
    figure is short, so only figures starting within ``longest`` before the span can reach it):
    linear in the figures found, not in all figures times all citations."""

    def __init__(self, quantities: Iterable[tuple[int, JSON]]) -> None:
        by_article: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        self.longest = 0
        for i, q in quantities:
            by_article[q["article"]].append((q["start"], q["end"], i))
            self.longest = max(self.longest, q["end"] - q["start"])
        self.by_article = {a: sorted(spans) for a, spans in by_article.items()}

    def __call__(self, span: Citation) -> list[int]:
        spans = self.by_article.get(span.span.article, [])
        found = []
        for start, end, i in spans[bisect_left(spans, (span.span.start - self.longest, -1, -1)) :]:
            if start >= span.span.end:
                break
            if end > span.span.start:
                found.append(i)
        return found


def story_view(story: JSON) -> StoryView:
    """The typed view of a ``story.json`` dict, with the one disputed-figure rule (module doc)."""
    conflicts = _conflicts(story["conflicts"])
    claims = tuple(_claim(c) for c in story["claims"])
    quantities: list[JSON] = story["quantities"]
    overlapping = _Overlapping(enumerate(quantities))
    disputed_by: dict[int, set[int]] = defaultdict(set)
    for c in conflicts:
        if c.conflict.kind == "quantity":
            for v in c.conflict.values:
                for i in overlapping(v.citation):
                    disputed_by[i].add(c.number)
    origins: dict[int, int] = {}
    for claim in claims:
        for s in claim.support:
            for i in overlapping(s):
                origins[i] = max(origins.get(i, 0), claim.independent_origins)
    figures = tuple(
        FigureView(_quantity(q), tuple(sorted(disputed_by.get(i, ()))), origins.get(i, 0))
        for i, q in enumerate(quantities)
    )
    return StoryView(conflicts, claims, figures)
