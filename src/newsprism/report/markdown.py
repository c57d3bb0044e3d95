"""``brief.md``: the story file condensed for a reader.

It renders the ``story.json`` dict (not the records), so the brief shows exactly what the
machine-readable file says. Every item names the article it came from by a short source key
([1], [2], ...) listed in the sources table.

A brief is for reading, so it is short whatever the size of the story: the cited summary first,
then the most corroborated facts, where the sources disagree, the corroborated figures, the most
quoted speakers, the dates several origins report, the copies and the sources. Every list is
capped (with "and N more in story.json"); the full lists live in ``story.json`` and in the HTML
report. Nothing the brief calls verbatim is ever cut: a long quote is passed over for a shorter
one rather than clipped.

Every value that comes from an article (titles, outlets, quotes, sentences, names, figures...)
goes through :func:`md_text`, so a page's ``<script>`` or ``](javascript:...)`` shows as text
in any Markdown renderer instead of becoming markup.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from urllib.parse import quote as url_quote

from ..records import QUOTED_KINDS, Citation, Claim, ConflictValue, published_day
from .views import (
    JSON,
    FigureView,
    QuoteView,
    StoryView,
    articles_from_outlets,
    inferred_label,
    last_of_speaker,
    leaves_open,
    plural,
    story_view,
)

# How many items each section shows; the rest are counted and left to story.json.
TOP_FACTS = 8
TOP_CONFLICTS = 10
TOP_FIGURES = 10
TOP_SPEAKERS = 8
TOP_DATES = 8
TOP_COPIES = 10
TOP_SKIPPED = 10
TOP_VALUES = 4  # distinct values shown per disagreement
SUBJECT_MAX_WORDS = 15
# A speaker's example quote is the shortest of theirs; none is shown when even that one is longer.
EXAMPLE_MAX_WORDS = 40

# Characters that start Markdown inline syntax (emphasis, code, links, tables, strikethrough,
# headings, escapes). `!` only matters before `[`, which is escaped anyway.
_INLINE = re.compile(r"([\\`*_\[\]()#|~])")
# What turns the start of a line into a block (list item, ordered list, quote, heading): the value
# may follow "- " in a list item, where "1. x" or "- x" would open a nested list.
_BLOCK_START = re.compile(r"^(\d{1,9}(?=\.)|)([-+=.])")
_URL_SAFE = ":/?#[]@!$&'*+,;=%~-._"


def md_text(value: object) -> str:
    """``value`` (text from an article) as Markdown that renders to exactly that text.

    HTML's ``& < >`` become entities, so no tag (``<script>``, ``<img onerror>``) survives in any
    renderer, even one that passes raw HTML through; Markdown's active characters are
    backslash-escaped, so ``*``, ``_``, backticks, ``|`` and ``[..](..)`` show literally; line
    breaks become spaces (a value never opens a new block). Escaping adds characters but never
    removes one, so a verbatim quote stays verbatim once rendered.
    """
    text = " ".join(str(value if value is not None else "").split())
    text = _INLINE.sub(r"\\\1", html.escape(text, quote=False))
    return _BLOCK_START.sub(r"\1\\\2", text)


def _link(label: str, url: str | None) -> str:
    """``label`` (already Markdown) linking to ``url`` (an http(s) URL, :attr:`.views.SourceView.link`)."""
    if url is None:
        return label
    return f"[{label}]({url_quote(url, safe=_URL_SAFE)})"


def _more(shown: int, total: int, what: str) -> list[str]:
    """The blank line that ends a section, after "and N more" when the section was capped."""
    return ["", f"_and {total - shown} more {what} in story.json_", ""] if total > shown else [""]


def render_markdown(story: JSON) -> str:
    """The brief as Markdown text, from a ``story.json`` dict (read once, by :func:`.views.story_view`)."""
    view = story_view(story)
    key = {s.id: f"[{s.number}]" for s in view.sources}
    title = md_text(view.title) if view.title else "Story"
    out = [f"# Story brief: {title}", "", _overview(view), ""]
    out += _summary(view, key)
    out += _facts(view, key)
    out += _conflicts(view, key)
    out += _figures(view, key)
    out += _speakers(view, key)
    out += _dates(view, key)
    out += _copies(view, key)
    out += _sources(view)
    out += _skipped(view)
    out += [
        "Every quote, entity, figure, dated reference and per-source note is listed in story.json "
        "and in the HTML report."
    ]
    return "\n".join(out).rstrip() + "\n"


def _overview(view: StoryView) -> str:
    origins = view.origins or len(view.sources)
    line = f"{articles_from_outlets(view)} and {plural(origins, 'independent origin')}"
    if view.skipped:
        line += f"; {plural(len(view.skipped), 'input')} skipped"
    return line + "."


def _cites(citations: Iterable[Citation], key: dict[str, str]) -> str:
    articles = {c.span.article for c in citations}
    return "".join(sorted({key.get(a, "") for a in articles}, key=lambda k: (len(k), k)))


def _summary(view: StoryView, key: dict[str, str]) -> list[str]:
    if not view.summary:
        return []
    out = ["## Summary", ""]
    shown = any(s.speaker for s in view.summary)
    any_open = any(leaves_open(p, len(p) - 1) for p in view.paragraphs)
    for p in view.paragraphs:
        parts = []
        for k, s in enumerate(p):
            also = _cites(s.corroborations, key)
            cite = key.get(s.citation.span.article, "")
            said = f" — {md_text(s.speaker)}" if s.speaker and last_of_speaker(p, k) else ""
            mark = " […]" if leaves_open(p, k) else ""
            parts.append(f"{md_text(s.text)}{mark}{said} {cite}{f' (also {also})' if also else ''}")
        out.append("- " + " ".join(parts))
    out += [
        "",
        "Each sentence is quoted verbatim from the first source cited; the others state the same."
        + (" A name after a dash is the speaker the sentence does not name itself." if shown else "")
        + (" […] marks a quotation that goes on in its source." if any_open else ""),
        "",
    ]
    return out


def _facts(view: StoryView, key: dict[str, str]) -> list[str]:
    """The sentence claims reported by the most independent origins (:attr:`.views.StoryView.corroborated`)."""
    claims = view.corroborated
    if not claims:
        return []
    out = ["## Most corroborated", ""]
    for c in claims[:TOP_FACTS]:
        flag = " (disputed)" if c.conflicts else ""
        out.append(
            f"- {md_text(c.text)} — {c.independent_origins} independent origins {_cites(c.support, key)}{flag}"
        )
    return out + _more(TOP_FACTS, len(claims), "corroborated facts")


def _conflicts(view: StoryView, key: dict[str, str]) -> list[str]:
    """The disagreements, contradictions first (the brief's order, capped; the HTML report lists
    every one, figures first)."""
    conflicts = view.conflicts
    if not conflicts:
        return []
    # ``number`` is the report order (figures first, then contradictions): it breaks ties.
    ranked = sorted(
        conflicts,
        key=lambda v: (v.conflict.severity != "contradiction", v.conflict.kind != "quantity", v.number),
    )
    out = ["## Where sources disagree", ""]
    amounts = _amounts(view.figures)
    for c in (v.conflict for v in ranked[:TOP_CONFLICTS]):
        severity = c.severity.replace("_", " ")
        values = _values(c.values, key, amounts)
        out.append(f"- **{md_text(_subject(c.subject, c.kind))}** ({c.kind}, {severity}): {values}")
    return out + _more(TOP_CONFLICTS, len(conflicts), "disagreements")


def _subject(subject: str, kind: str) -> str:
    """The conflict's subject, or for a long one (a whole sentence stands in when no measure was
    found) its leading label ("money", "wording of a quote") or kind: never a cut sentence."""
    if len(subject.split()) <= SUBJECT_MAX_WORDS:
        return subject
    label, colon, _ = subject.partition(":")
    return label if colon and len(label.split()) <= 4 else kind


def _values(values: Sequence[ConflictValue], key: dict[str, str], amounts: dict[tuple[str, int], str]) -> str:
    """Each distinct value once with every source giving it, the first few of them.

    Figures group by amount, not wording: "23 people", "23" and "Twenty-three" are one value
    with three sources, shown in its first wording."""
    sources: dict[str, tuple[str, list[Citation]]] = {}
    for v in values:
        cite = v.citation
        group = amounts.get((cite.span.article, cite.span.start)) or " ".join(v.value.casefold().split())
        sources.setdefault(group, (v.value, []))[1].append(cite)
    shown = [f"{md_text(value)} {_cites(cites, key)}" for value, cites in list(sources.values())[:TOP_VALUES]]
    more = len(sources) - TOP_VALUES
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


def _amounts(figures: Iterable[FigureView]) -> dict[tuple[str, int], str]:
    """Each figure's (article, start) mapped to its amount and unit, the key that groups equal
    figures written differently."""
    return {(f.citation.span.article, f.citation.span.start): f"{f.value:g} {f.unit}" for f in figures}


def _figures(view: StoryView, key: dict[str, str]) -> list[str]:
    """Figures with a measure that several independent origins report, as the articles write them.

    One row per quantity claim with two or more independent origins: its most common wording
    and measure among the figures inside its support. A headline count ("7 strange signs") or a
    figure only one origin gives is not a row; disputed values are in "Where sources disagree".
    A row is disputed when a figure in it is (the one rule of :func:`.views.story_view`, which
    the HTML report follows too), not only when its own claim carries a conflict.
    """
    by_article: dict[str, list[FigureView]] = defaultdict(list)
    for q in view.figures:
        if q.measure:
            by_article[q.citation.span.article].append(q)
    for figures in by_article.values():
        figures.sort(key=lambda q: (q.citation.span.start, q.citation.span.end))
    rows: list[tuple[Claim, str, str, bool]] = []
    for claim in view.claims:
        if claim.kind != "quantity" or claim.independent_origins < 2:
            continue
        inside = [q for cite in claim.support for q in _within(by_article.get(cite.span.article, []), cite)]
        if inside:
            wordings = Counter(q.wording for q in inside)
            measures = Counter(str(q.measure) for q in inside)
            disputed = any(q.disputed for q in inside)
            rows.append((claim, wordings.most_common(1)[0][0], measures.most_common(1)[0][0], disputed))
    if not rows:
        return []
    ranked = sorted(enumerate(rows), key=lambda ir: (-ir[1][0].independent_origins, ir[0]))
    out = [
        "## Figures several sources report",
        "",
        "| Figure | Measures | Independent origins | Sources |",
        "|---|---|---|---|",
    ]
    for _, (claim, figure, measure, disputed) in ranked[:TOP_FIGURES]:
        note = " (disputed)" if disputed else ""
        out.append(
            f"| {md_text(figure)}{note} | {md_text(measure)} | {claim.independent_origins} "
            f"| {_cites(claim.support, key)} |"
        )
    return out + _more(TOP_FIGURES, len(rows), "figures")


def _within(figures: list[FigureView], cite: Citation) -> list[FigureView]:
    """The ``figures`` (sorted by start) that lie inside the citation's span."""
    found = []
    for q in figures[bisect_left(figures, cite.span.start, key=lambda q: q.citation.span.start) :]:
        if q.citation.span.start >= cite.span.end:
            break
        if q.citation.span.end <= cite.span.end:
            found.append(q)
    return found


def _example(quotes: Sequence[QuoteView], key: dict[str, str]) -> str:
    """The speaker's shortest direct quote (else reported speech), whole, or "" when all are long."""
    ranked = sorted(quotes, key=lambda q: (q.kind not in QUOTED_KINDS, len(q.text.split()), q.text))
    for q in ranked:
        words = len(q.text.split())
        if 3 <= words <= EXAMPLE_MAX_WORDS:
            text = md_text(q.text)
            shown = f"“{text}”" if q.kind in QUOTED_KINDS else f"({md_text(q.label)}) {text}"
            return f": {shown} {key.get(q.citation.span.article, '')}"
    return ""


def _speakers(view: StoryView, key: dict[str, str]) -> list[str]:
    """The most quoted named speakers (:attr:`.views.StoryView.speakers`, which brief.html ranks
    by too), each with one role (the first in alphabetical order) and a short example quote."""
    speakers = [s for s in view.speakers if s.name and s.quotes]
    if not speakers:
        return []
    out = ["## Most quoted", ""]
    for speaker in speakers[:TOP_SPEAKERS]:
        quotes = speaker.quotes
        role = f" ({md_text(min(speaker.roles))})" if speaker.roles else ""
        sources = _cites((q.citation for q in quotes), key)
        count = f"{len(quotes)} quote{'s' if len(quotes) > 1 else ''} in {sources}"
        out.append(f"- **{md_text(speaker.name)}**{role}, {count}{_example(quotes, key)}")
    return out + _more(TOP_SPEAKERS, len(speakers), "speakers")


def _dates(view: StoryView, key: dict[str, str]) -> list[str]:
    """Dated events, those with the most independent origins, shown in date order, each under its
    reader's label (:func:`.views.date_label`, as in brief.html: "week 10, 2025", not "2025-W10")."""
    events = view.timeline
    if not events:
        return []
    best = sorted(enumerate(events), key=lambda ie: (-ie[1].event.independent_origins, ie[0]))[:TOP_DATES]
    out = ["## Key dates", ""]
    for _, e in sorted(best, key=lambda ie: (ie[1].event.sort_key, ie[0])):
        out.append(f"- {md_text(e.label)}: {md_text(e.event.text)} {_cites(e.event.support, key)}")
    return out + _more(TOP_DATES, len(events), "dated events")


def _copy_kind(kind: str) -> str:
    """ "a verbatim copy", "an edited copy", "a paraphrase copy"."""
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind} copy"


def _copies(view: StoryView, key: dict[str, str]) -> list[str]:
    copies = view.copies
    if not copies:
        return []
    out = ["## Copies", ""]
    for r in copies[:TOP_COPIES]:
        out.append(
            f"- {key.get(r.copy, '?')} is {_copy_kind(r.kind)} of {key.get(r.original, '?')} "
            f"({r.similarity:.0%} of its sentences aligned)"
        )
    return out + _more(TOP_COPIES, len(copies), "copies")


def _sources(view: StoryView) -> list[str]:
    out = ["## Sources", "", "| # | Outlet | Title | Published |", "|---|---|---|---|"]
    for s in view.sources:
        when = md_text(published_day(s.published.value) or "unknown")
        inferred = inferred_label(s.published)
        if inferred:
            when += f" ({inferred})"
        spun = " ⚠ possibly machine-spun" if s.spun else ""
        title = _link(md_text(s.title) or "untitled", s.link)
        out.append(f"| [{s.number}] | {md_text(s.outlet or '-')} | {title}{spun} | {when} |")
    out.append("")
    return out


def _skipped(view: StoryView) -> list[str]:
    skipped = view.skipped
    if not skipped:
        return []
    out = ["## Skipped inputs", ""]
    out += [f"- {md_text(s.source)}: {md_text(s.reason)}" for s in skipped[:TOP_SKIPPED]]
    return out + _more(TOP_SKIPPED, len(skipped), "skipped inputs")
