"""``brief.html``: the story as one self-contained web page that works offline.

Like :mod:`newsprism.report.markdown` it renders the ``story.json`` dict, so the page shows exactly
what the machine-readable file says. The page is useful without JavaScript: every section (summary,
who said what, numbers, timeline, actors, sources) is plain HTML rendered here. The inlined script
(built from ``report-ui/`` into ``assets/report.js`` and committed, so nobody needs npm) adds what
HTML alone cannot: citation pop-overs showing the cited passage in its article, the timeline chart,
the actor network and word-level differences between quote wordings.

The story itself travels inside the page as ``<script type="application/json" id="np-story">``,
next to ``id="np-view"`` with what the script draws (citations, timeline points, the actor graph).
Nothing is fetched when the page is opened: no external scripts, styles, fonts or images.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources
from itertools import combinations

from ..records import QUOTED_KINDS, Citation, Published, published_day
from .views import (
    JSON,
    ActorView,
    EventView,
    FigureView,
    QuoteGroupView,
    QuoteView,
    SourceView,
    StoryView,
    articles_from_outlets,
    date_label,
    inferred_label,
    last_of_speaker,
    leaves_open,
    plural,
    published_text,
    story_view,
)

MAX_NODES = 60
"""The actor network shows at most this many entities (those mentioned most)."""
MAX_EDGES = 150
"""... and at most this many co-occurrence edges (the strongest)."""

_TYPE_LABELS = {
    "person": "Person",
    "organization": "Organisation",
    "place": "Place",
    "nationality": "Group",
    "event": "Event",
    "other": "Other",
}
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n+")


# --- embedding -------------------------------------------------------------------------------------


def embed_json(data: object) -> str:
    """``data`` as JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc., so no ``</script>`` or ``<!--`` in article text
    can end the element early; U+2028/U+2029 are escaped too. ``JSON.parse`` reads it back unchanged.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for raw, safe in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, safe)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _inline(code: str, tag: str) -> str:
    """Script or style text that cannot close its element (``</script`` → ``<\\/script``)."""
    return re.sub(rf"</(?={tag})", r"<\\/", code, flags=re.IGNORECASE)


@cache
def load_assets() -> tuple[str, str]:
    """The prebuilt ``(javascript, css)`` bundle shipped in ``newsprism/report/assets``."""
    root = resources.files("newsprism.report").joinpath("assets")
    js = root.joinpath("report.js").read_text(encoding="utf-8")
    css = root.joinpath("report.css").read_text(encoding="utf-8")
    return js, css


# --- citations -------------------------------------------------------------------------------------


class _Citations:
    """Numbered citation markers; the script shows ``cites[n]`` when marker ``n`` is clicked."""

    def __init__(self, sources: Sequence[SourceView]) -> None:
        self.key = {s.id: s.number for s in sources}
        self.outlets = {s.id: s.outlet or s.title or s.source for s in sources}
        self.cites: list[dict[str, object]] = []

    def marker(self, at: Citation, corroborations: Sequence[Citation] = ()) -> str:
        """A ``<button class="cite">`` naming the source number (and ``+N`` corroborating ones)."""
        n = len(self.cites)
        self.cites.append(
            {
                "a": at.span.article,
                "s": at.span.start,
                "e": at.span.end,
                "corr": [{"a": c.span.article, "s": c.span.start, "e": c.span.end} for c in corroborations],
            }
        )
        number = self.key.get(at.span.article, 0)
        outlet = self.outlets.get(at.span.article, "unknown outlet")
        label = f"Source {number}: {outlet}"
        more = ""
        if corroborations:
            label += f", corroborated by {len(corroborations)} more"
            more = f'<span class="more">+{len(corroborations)}</span>'
        return (
            f'<button type="button" class="cite" data-cite="{n}" aria-label="{escape(label)}">'
            f"{number}{more}</button>"
        )

    def source(self, article: str) -> str:
        """A plain source-number chip for an article (no passage)."""
        number = self.key.get(article, 0)
        return f'<a class="src" href="#source-{number}" title="{escape(self.outlets.get(article, ""))}">{number}</a>'


# --- derived views ---------------------------------------------------------------------------------


def _sentence_index(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (a light splitter: good enough for co-occurrence)."""
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text))]


@dataclass(frozen=True, slots=True)
class Node:
    """An actor of the network: ``mentions`` counts its mentions, ``articles`` the articles."""

    actor: ActorView
    mentions: int
    articles: int


@dataclass(frozen=True, slots=True)
class Edge:
    """Two actors (ids) named in the same sentence ``weight`` times, in ``articles`` articles."""

    source: str
    target: str
    weight: int
    articles: int


@dataclass(frozen=True, slots=True)
class Network:
    """The actors the network shows, its strongest edges, and how many actors it leaves out."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    hidden: int

    def to_json(self) -> dict[str, object]:
        """``{"nodes": [...], "edges": [...], "hidden": n}``, what the page's script draws."""
        nodes = [
            {"id": n.actor.id, "name": n.actor.name, "type": n.actor.type, "mentions": n.mentions,
             "articles": n.articles}
            for n in self.nodes
        ]  # fmt: skip
        edges = [
            {"source": e.source, "target": e.target, "weight": e.weight, "articles": e.articles}
            for e in self.edges
        ]
        return {"nodes": nodes, "edges": edges, "hidden": self.hidden}


def actor_network(view: StoryView, max_nodes: int = MAX_NODES, max_edges: int = MAX_EDGES) -> Network:
    """The actors as a graph.

    Nodes are the ``max_nodes`` most-mentioned entities. Two nodes are linked when they are
    mentioned in the same sentence; ``weight`` counts those sentences and ``articles`` the articles
    they are in. Only the ``max_edges`` heaviest edges are kept. Deterministic: ties break by name
    and id.
    """
    actors = sorted(view.actors, key=lambda e: (-len(e.mentions), e.name, e.id))
    shown = [e for e in actors if e.mentions][:max_nodes]
    ids = {e.id for e in shown}
    starts = {s.id: _sentence_index(s.text) for s in view.sources}
    in_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for e in shown:
        for m in e.mentions:
            bounds = starts.get(m.span.article)
            if bounds is not None:
                in_sentence[(m.span.article, bisect.bisect_right(bounds, m.span.start) - 1)].add(e.id)
    weight: Counter[tuple[str, str]] = Counter()
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (article, _), members in in_sentence.items():
        for pair in combinations(sorted(members & ids), 2):
            weight[pair] += 1
            articles[pair].add(article)
    strongest = sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:max_edges]
    nodes = tuple(Node(e, len(e.mentions), len({m.span.article for m in e.mentions})) for e in shown)
    edges = tuple(Edge(a, b, w, len(articles[(a, b)])) for (a, b), w in strongest)
    return Network(nodes, edges, len(actors) - len(shown))


def timeline_points(events: Sequence[EventView]) -> list[dict[str, object]]:
    """Timeline events as chart points: ``{id, start, end, label, text, support, origins}``.

    ``start``/``end`` are ISO days (None when the date cannot be placed on a calendar, e.g.
    ``PAST_REF``); events keep the story's order.
    """
    return [
        {
            "id": e.event.id,
            "start": e.days.first.isoformat() if e.days else None,
            "end": e.days.last.isoformat() if e.days else None,
            "label": e.label,
            "text": e.event.text,
            "support": len(e.event.support),
            "origins": e.event.independent_origins,
        }
        for e in events
    ]


# --- rendering -------------------------------------------------------------------------------------


def _p(text: str) -> str:
    return escape(" ".join(text.split()))


def _empty(message: str) -> str:
    return f'<p class="empty">{escape(message)}</p>'


def _section(anchor: str, title: str, intro: str, body: str) -> str:
    lede = f'<p class="lede">{intro}</p>' if intro else ""
    return (
        f'<section id="{anchor}" class="section" aria-labelledby="{anchor}-h">'
        f'<h2 id="{anchor}-h">{escape(title)}</h2>{lede}{body}</section>'
    )


_ELIDED = ' <span class="muted" title="the quotation goes on in the source">[…]</span>'
"""After a summary sentence that leaves its quotation open (:func:`~.views.leaves_open`)."""


def _speaker(name: str | None) -> str:
    """The speaker shown beside a summary sentence that does not name them (the sentence itself
    stays the verbatim cited span)."""
    return f' <span class="by">— {escape(name)}</span>' if name else ""


def _summary(view: StoryView, cites: _Citations) -> str:
    if not view.summary:
        return _section(
            "summary", "Summary", "", _empty("No summary: no sentence was supported by the articles.")
        )
    items = "".join(
        "<li>"
        + " ".join(
            f"{_p(s.text)}{_ELIDED if leaves_open(p, k) else ''}"
            f"{_speaker(s.speaker if last_of_speaker(p, k) else None)} "
            f"{cites.marker(s.citation, s.corroborations)}"
            for k, s in enumerate(p)
        )
        + "</li>"
        for p in view.paragraphs
    )
    intro = (
        "Each sentence is quoted from one article. Click a number to see the passage in its "
        "source and the other outlets that report it."
    )
    return _section("summary", "Summary", intro, f'<ol class="summary">{items}</ol>')


def _quote_group(g: QuoteGroupView, cites: _Citations) -> str:
    outlets = {v.citation.span.article for v in g.variants}
    rows = "".join(
        f'<li class="variant" data-match="{escape(v.match)}">'
        f'<span class="words">{_p(v.citation.text)}</span> '
        f'<span class="by">{escape(v.outlet or "unknown outlet")}</span>'
        f'<span class="match match-{escape(v.match)}">{escape(v.match)}</span> '
        f"{cites.marker(v.citation)}</li>"
        for v in g.variants
    )
    return (
        f'<div class="qgroup"><blockquote>{_p(g.wording.citation.text)}</blockquote>'
        f'<p class="qmeta">{plural(len(g.variants), "wording")} in '
        f"{plural(len(outlets), 'article')}, "
        f"{plural(g.independent_origins, 'independent origin')}</p>"
        f'<ol class="variants">{rows}</ol></div>'
    )


def _quote(q: QuoteView, cites: _Citations) -> str:
    direct = q.kind in QUOTED_KINDS
    words = f"“{_p(q.text)}”" if direct else _p(q.text)
    unresolved = f'<span class="note">speaker unresolved: {_p(q.unresolved)}</span>' if q.unresolved else ""
    return (
        f'<p class="quote {"direct" if direct else "indirect"}">'
        f"{'' if direct else f'<span class=kind>{_p(q.label)}</span> '}{words} "
        f"{cites.marker(q.citation)}{unresolved}</p>"
    )


def _who_said_what(view: StoryView, cites: _Citations) -> str:
    """A card per speaker, most quoted first (:attr:`.views.StoryView.speakers`, which brief.md
    ranks by too), the unattributed last: their quote groups, then their quotes in no group."""
    speakers = [s for s in view.speakers if s.groups or s.ungrouped]
    if not speakers:
        return _section("quotes", "Who said what", "", _empty("No quotes or reported speech were found."))
    cards = []
    for speaker in speakers:
        parts = [_quote_group(g, cites) for g in speaker.groups]
        parts += [_quote(q, cites) for q in speaker.ungrouped]
        role = f'<p class="role">{_p("; ".join(speaker.roles))}</p>' if speaker.roles else ""
        who = speaker.name or "Unattributed"
        cards.append(f'<article class="speaker"><h3>{escape(who)}</h3>{role}{"".join(parts)}</article>')
    intro = (
        "Grouped by speaker. Where outlets quote the same words differently, every wording is listed "
        "with the outlet that printed it."
    )
    return _section("quotes", "Who said what", intro, f'<div class="speakers">{"".join(cards)}</div>')


def _format_value(q: FigureView) -> str:
    value, unit = q.value, q.unit
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"
    if unit == "percent":
        return f"{number}%"
    if unit.startswith("currency:"):
        return f"{number} {unit.split(':', 1)[1]}"
    if unit == "count":
        return number
    return f"{number} {unit.split(':')[-1].replace('_', ' ')}"


def _numbers(view: StoryView, cites: _Citations) -> str:
    """The disagreements, numbered, then every figure; a disputed figure (the one rule of
    :func:`.views.story_view`, which brief.md follows too) links to the conflicts disputing it."""
    conflicts = view.conflicts
    parts = []
    if conflicts:
        items = []
        for number, c in ((v.number, v.conflict) for v in conflicts):
            values = "".join(
                f'<li><span class="value">{_p(v.value)}</span> {cites.marker(v.citation)}</li>'
                for v in c.values
            )
            severity = "contradiction" if c.severity == "contradiction" else "inconsistent detail"
            items.append(
                f'<li class="conflict {escape(c.severity)}" id="conflict-{number}">'
                f'<p class="ctitle"><span class="badge">{escape(severity)}</span> '
                f'<strong>{_p(c.subject)}</strong> <span class="ckind">{escape(c.kind)}</span></p>'
                f'<ul class="cvalues">{values}</ul></li>'
            )
        parts.append(
            f'<div class="disagree"><h3>Where the sources disagree</h3><ol class="conflicts">{"".join(items)}</ol></div>'
        )
    figures = sorted(
        enumerate(view.figures), key=lambda iq: (not iq[1].disputed, iq[1].measure or "~", iq[0])
    )
    if figures:
        rows = []
        for _, q in figures:
            flag = ""
            if q.disputed:
                links = ", ".join(f'<a href="#conflict-{n}">#{n}</a>' for n in q.disputed_by)
                flag = f'<span class="flag">disputed {links}</span>'
            rows.append(
                f'<tr class="{"disputed" if q.disputed else ""}">'
                f'<td class="fig">{_p(q.wording)}{flag}</td>'
                f'<td class="num">{escape(_format_value(q))}</td>'
                f"<td>{_p(q.measure or '')}</td>"
                f"<td>{_p(q.direction or '')}</td>"
                f"<td>{_p(q.period or '')}</td>"
                f'<td class="num">{q.origins or ""}</td>'
                f"<td>{cites.marker(q.citation)}</td></tr>"
            )
        parts.append(
            '<div class="scroll"><table class="numbers"><thead><tr><th>Figure</th><th class="num">Value</th>'
            "<th>Measures</th><th>Change</th><th>Period</th>"
            '<th class="num" title="independent origins reporting it">Origins</th><th>Source</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )
    if not parts:
        return _section("numbers", "Numbers", "", _empty("No figures were found in the articles."))
    intro = "Figures as the articles state them. Rows in red are disputed: another source gives a different value."
    disputed = any(q.disputed for q in view.figures)
    return _section(
        "numbers", "Numbers", intro if disputed else "Figures as the articles state them.", "".join(parts)
    )


def _timeline(view: StoryView, cites: _Citations) -> str:
    if not view.timeline:
        return _section("timeline", "Timeline", "", _empty("No dated events were found."))
    items = "".join(
        f'<li id="event-{escape(v.event.id)}"><time datetime="{escape(v.event.date)}">{escape(v.label)}</time>'
        f'<div class="etext">{_p(v.event.text)} {cites.marker(v.event.support[0], v.event.support[1:])}'
        f'<span class="support">{plural(len(v.event.support), "source")}, '
        f"{plural(v.event.independent_origins, 'independent origin')}</span></div></li>"
        for v in view.timeline
    )
    chart = '<figure class="chart" id="timeline-chart" aria-label="Timeline chart"></figure>'
    intro = "Dated events merged across outlets. In the chart, larger dots have more sources; darker ones more than one independent origin."
    return _section("timeline", "Timeline", intro, f'{chart}<ol class="events">{items}</ol>')


def _actors(graph: Network, cites: _Citations) -> str:
    if not graph.nodes:
        return _section("actors", "Actors", "", _empty("No people, organisations or places were found."))
    rows = []
    for node in graph.nodes:
        e = node.actor
        aliases = [a for a in e.aliases if a != e.name]
        roles = sorted(set(e.roles))
        sources = " ".join(
            cites.source(a)
            for a in sorted({m.span.article for m in e.mentions}, key=lambda a: cites.key.get(a, 0))
        )
        aka = f'<div class="aka">also {_p(", ".join(aliases))}</div>' if aliases else ""
        rows.append(
            f'<tr><td><span class="dot t-{escape(e.type)}"></span>{escape(e.name)}{aka}</td>'
            f"<td>{escape(_TYPE_LABELS.get(e.type, e.type))}</td>"
            f'<td class="num">{node.mentions}</td><td>{_p("; ".join(roles))}</td><td>{sources}</td></tr>'
        )
    hidden = (
        f'<p class="note">{graph.hidden} less-mentioned entities are not shown.</p>' if graph.hidden else ""
    )
    chart = '<figure class="chart" id="network-chart" aria-label="Actor network"></figure>'
    table = (
        '<details class="actors-table"><summary>All actors in the network</summary><div class="scroll"><table>'
        '<thead><tr><th>Name</th><th>Type</th><th class="num">Mentions</th><th>Roles</th><th>Sources</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>{hidden}</details>"
    )
    intro = "Who appears with whom: circles grow with mentions; a line joins actors named in the same sentence, thicker when it happens more often. Drag to rearrange."
    return _section("actors", "Actors", intro, chart + table)


def _published(p: Published) -> str:
    """The day an article was published (as every listing shows it; a time with it in the
    tooltip), and how newsprism knows it. Not a ``<time>``: those are the timeline's."""
    day = published_day(p.value) or "unknown"
    value = f'<span title="{escape(p.value)}">{day}</span>' if p.value and p.value != day else day
    inferred = inferred_label(p)
    if inferred:
        why = escape("; ".join(p.evidence))
        return f'{value} <span class="how" title="{why}">{inferred}</span>'
    if p.how == "metadata":
        return f'{value} <span class="how">from the page</span>'
    return value


def _chips(s: SourceView) -> str:
    """The source's quality flags: its note's, machine-spun (unless a note flag says so), and the
    text-quality evidence by kind."""
    chips = [f'<span class="chip warn">{escape(f)}</span>' for f in s.note.flags]
    if s.spun and not any("spun" in f for f in s.note.flags):
        chips.append('<span class="chip warn">possibly machine-spun</span>')
    chips += [f'<span class="chip">{escape(k)} ×{c}</span>' for k, c in sorted(Counter(s.flag_kinds).items())]
    return "".join(chips)


def _relations(s: SourceView, cites: _Citations) -> str:
    """What the source copies and who copies it (:attr:`.views.StoryView.copies`, as brief.md)."""
    relations = [
        f"{escape(r.kind)} copy of {cites.source(r.original)} ({r.similarity:.0%})" for r in s.copy_of
    ]
    relations += [f"copied by {cites.source(r.copy)} ({escape(r.kind)})" for r in s.copied_by]
    return "<br>".join(relations) or "<span class=muted>independent</span>"


def _source_row(s: SourceView, cites: _Citations) -> str:
    note = s.note
    unique = " ".join(cites.marker(c) for c in note.unique[:6])
    if len(note.unique) > 6:
        unique += f' <span class="note">+{len(note.unique) - 6} more</span>'
    omits = (
        f'<div class="note">omits {plural(len(note.omits), "widely reported claim")}</div>'
        if note.omits
        else ""
    )
    title = escape(s.title or s.source)
    if s.link:
        title = f'<a href="{escape(s.link)}" rel="noreferrer noopener">{title}</a>'
    score = max(0.0, min(1.0, 1 - s.quality_score))
    return (
        f'<tr id="source-{s.number}"><td class="num">{s.number}</td>'
        f'<td class="outlet">{escape(s.outlet or "—")}</td><td class="title">{title}'
        f'<div class="path">{escape(s.source)}</div></td>'
        f'<td class="when">{_published(s.published)}</td>'
        f'<td><meter min="0" max="1" value="{score:.2f}" title="text quality {score:.0%}"></meter>'
        f"{_chips(s)}</td>"
        f"<td>{_relations(s, cites)}</td>"
        f"<td>{unique or '<span class=muted>—</span>'}{omits}</td></tr>"
    )


def _sources(view: StoryView, cites: _Citations) -> str:
    if not view.sources:
        return _section("sources", "Sources", "", _empty("No articles were analysed."))
    rows = "".join(_source_row(s, cites) for s in view.sources)
    table = (
        '<div class="scroll"><table class="sources"><thead><tr><th class="num">#</th><th>Outlet</th><th>Title</th>'
        "<th>Published</th><th>Quality</th><th>Copies</th><th>Only here</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )
    skipped = ""
    if view.skipped:
        items = "".join(f"<li><code>{escape(s.source)}</code>: {escape(s.reason)}</li>" for s in view.skipped)
        skipped = f'<details class="skipped"><summary>{plural(len(view.skipped), "input")} skipped</summary><ul>{items}</ul></details>'
    intro = f"{plural(len(view.sources), 'article')}"
    if view.origins:
        intro += f" from {plural(view.origins, 'independent origin')}"
    intro += ". “Only here” lists passages no other source has."
    return _section("sources", "Sources", escape(intro), table + skipped)


def date_span(sources: Sequence[SourceView]) -> str:
    """The first and last publication day of ``sources`` (``13 Mar 2025 – 15 Mar 2025``, one
    label when they are the same day), or an empty string when none is dated."""
    days = sorted(day for s in sources if (day := published_day(s.published.value)))
    if not days:
        return ""
    first, last = date_label(days[0]), date_label(days[-1])
    return first if first == last else f"{first} – {last}"


def _header(view: StoryView) -> tuple[str, str]:
    sources = view.sources
    title = view.title or "Story brief"
    span = date_span(sources)
    span = f" · {span}" if span else ""
    facts = (
        f"{articles_from_outlets(view)}{span}"
        f" · {plural(view.quotes, 'quote')} · {plural(len(view.conflicts), 'disagreement')}"
    )
    nav = "".join(
        f'<a href="#{anchor}">{label}</a>'
        for anchor, label in (
            ("summary", "Summary"),
            ("quotes", "Who said what"),
            ("numbers", "Numbers"),
            ("timeline", "Timeline"),
            ("actors", "Actors"),
            ("sources", "Sources"),
        )
    )
    header = (
        f'<header class="masthead"><p class="kicker">newsprism brief</p><h1>{_p(title)}</h1>'
        f'<p class="facts">{escape(facts)}</p></header><nav class="toc" aria-label="Sections">{nav}</nav>'
    )
    return title, header


@dataclass(frozen=True, slots=True)
class Brief:
    """The brief of a story, before it becomes a document: its ``title`` (HTML, escaped), its
    ``body`` (masthead, sections, colophon) and ``data``, the two JSON blocks the script reads
    (``#np-story``, ``#np-view``). :func:`render_html` inlines the script and styles around them
    for a self-contained file; the web app (:mod:`newsprism.web.pages`) links the same bundle as
    files instead, since its Content-Security-Policy forbids inline scripts and styles."""

    title: str
    body: str
    data: str


def render_brief(story: JSON) -> Brief:
    """The brief of a ``story.json`` dict (read once, by :func:`.views.story_view`, and embedded
    as it is), for :func:`render_html` and the web app's story page alike."""
    view = story_view(story)
    cites = _Citations(view.sources)
    graph = actor_network(view)
    title, header = _header(view)
    sections = [
        _summary(view, cites),
        _who_said_what(view, cites),
        _numbers(view, cites),
        _timeline(view, cites),
        _actors(graph, cites),
        _sources(view, cites),
    ]
    script_view = {
        "cites": cites.cites,
        "published": {s.id: published_text(s.published) for s in view.sources},
        "network": graph.to_json(),
        "timeline": timeline_points(view.timeline),
    }
    footer = (
        f'<footer class="colophon">Generated by newsprism {escape(view.version)}'
        f"{' with ' + escape(str(view.model)) if view.model else ''} "
        f"from <code>{escape(view.schema)}</code>. The story data is embedded in this file "
        "(<code>#np-story</code>).</footer>"
    )
    data = (
        f'<script type="application/json" id="np-story">{embed_json(story)}</script>'
        f'<script type="application/json" id="np-view">{embed_json(script_view)}</script>'
    )
    return Brief(f"{_p(title)} — newsprism brief", f"{header}<main>{''.join(sections)}</main>{footer}", data)


def render_html(story: JSON) -> str:
    """The brief as one self-contained HTML document (no external resources), from a
    ``story.json`` dict."""
    js, _ = load_assets()
    brief = render_brief(story)
    return page(brief.title, brief.body, f"{brief.data}<script>{_inline(js, 'script')}</script>")


def page(title: str, body: str, scripts: str = "") -> str:
    """One self-contained HTML document: the bundled CSS inlined, a Content-Security-Policy that
    lets nothing be fetched. ``title`` and ``body`` are HTML already escaped by the caller."""
    _, css = load_assets()
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "script-src 'unsafe-inline'; style-src 'unsafe-inline'; font-src data:; img-src data:\">"
        '<meta name="generator" content="newsprism">'
        f"<title>{title}</title>"
        f"<style>{_inline(css, 'style')}</style></head>"
        f'<body><div class="page">{body}</div>{scripts}</body></html>\n'
    )
