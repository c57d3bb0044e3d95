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
from functools import cache
from html import escape
from importlib import resources
from itertools import combinations
from typing import Any

from ..extract.timex.values import date_range
from ..records import Citation, Quantity
from .views import StoryView, citation, story_view

JSON = dict[str, Any]

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
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
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

    def __init__(self, key: dict[str, int], outlets: dict[str, str]) -> None:
        self.key = key
        self.outlets = outlets
        self.cites: list[JSON] = []

    def marker(self, cited: Citation | JSON, corroborations: Sequence[JSON] = ()) -> str:
        """A ``<button class="cite">`` naming the source number (and ``+N`` corroborating ones)."""
        at = cited if isinstance(cited, Citation) else citation(cited)
        n = len(self.cites)
        self.cites.append(
            {
                "a": at.span.article,
                "s": at.span.start,
                "e": at.span.end,
                "corr": [{"a": c["article"], "s": c["start"], "e": c["end"]} for c in corroborations],
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


def actor_network(story: JSON, max_nodes: int = MAX_NODES, max_edges: int = MAX_EDGES) -> JSON:
    """The actors as a graph: ``{"nodes": [...], "edges": [...], "hidden": n}``.

    Nodes are the ``max_nodes`` most-mentioned entities (``mentions`` = their mention count). Two
    nodes are linked when they are mentioned in the same sentence; ``weight`` counts those sentences
    and ``articles`` the articles they are in. Only the ``max_edges`` heaviest edges are kept.
    Deterministic: ties break by name and id.
    """
    entities = sorted(story["entities"], key=lambda e: (-len(e["mentions"]), e["name"], e["id"]))
    shown = [e for e in entities if e["mentions"]][:max_nodes]
    ids = {e["id"] for e in shown}
    starts = {a["id"]: _sentence_index(a["text"]) for a in story["articles"]}
    in_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for e in shown:
        for m in e["mentions"]:
            bounds = starts.get(m["article"])
            if bounds is not None:
                in_sentence[(m["article"], bisect.bisect_right(bounds, m["start"]) - 1)].add(e["id"])
    weight: Counter[tuple[str, str]] = Counter()
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (article, _), members in in_sentence.items():
        for pair in combinations(sorted(members & ids), 2):
            weight[pair] += 1
            articles[pair].add(article)
    strongest = sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:max_edges]
    nodes = [
        {
            "id": e["id"],
            "name": e["name"],
            "type": e["type"],
            "mentions": len(e["mentions"]),
            "articles": len({m["article"] for m in e["mentions"]}),
        }
        for e in shown
    ]
    edges = [
        {"source": a, "target": b, "weight": w, "articles": len(articles[(a, b)])} for (a, b), w in strongest
    ]
    return {"nodes": nodes, "edges": edges, "hidden": len(entities) - len(shown)}


def date_label(value: str, precision: str) -> str:
    """A reader's label for a TIMEX3 date: ``15 Sep 2022``, ``Sep 2022``, ``week 36, 2022``, ``Q3 2022``."""
    if "/" in value:
        first, _, last = value.partition("/")
        return f"{date_label(first, 'day')} – {date_label(last, 'day')}"
    span = date_range(value)
    if span is None:
        return value
    d = span.first
    if span.precision in ("day", "time"):
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year:04d}"
    if span.precision == "month":
        return f"{_MONTHS[d.month - 1]} {d.year:04d}"
    if span.precision == "week":
        year, week, _ = d.isocalendar()
        return f"week {week}, {year:04d}"
    if span.precision == "quarter":
        return f"Q{(d.month - 1) // 3 + 1} {d.year:04d}"
    if span.precision == "half":
        return f"H{(d.month - 1) // 6 + 1} {d.year:04d}"
    return value


def timeline_points(story: JSON) -> list[JSON]:
    """Timeline events as chart points: ``{id, start, end, label, text, support, origins}``.

    ``start``/``end`` are ISO days (None when the date cannot be placed on a calendar, e.g.
    ``PAST_REF``); events keep the story's order.
    """
    points = []
    for e in story["timeline"]:
        span = date_range(e["date"]) or date_range(e["sort_key"])
        points.append(
            {
                "id": e["id"],
                "start": span.first.isoformat() if span else None,
                "end": span.last.isoformat() if span else None,
                "label": date_label(e["date"], e["precision"]),
                "text": e["text"],
                "support": len(e["support"]),
                "origins": e["independent_origins"],
            }
        )
    return points


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


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _summary(story: JSON, cites: _Citations) -> str:
    sentences = story["summary"]
    if not sentences:
        return _section(
            "summary", "Summary", "", _empty("No summary: no sentence was supported by the articles.")
        )
    items = "".join(
        f"<li>{_p(s['text'])} {cites.marker(s['citation'], s['corroborations'])}</li>" for s in sentences
    )
    intro = (
        "Each sentence is quoted from one article. Click a number to see the passage in its "
        "source and the other outlets that report it."
    )
    return _section("summary", "Summary", intro, f'<ol class="summary">{items}</ol>')


def _speaker_name(speaker: str | None, name: str | None, names: dict[str, str]) -> str:
    return names.get(speaker or "") or name or "Unattributed"


def _who_said_what(story: JSON, cites: _Citations) -> str:
    names = {e["id"]: e["name"] for e in story["entities"]}
    grouped = {v["quote"] for g in story["quote_groups"] for v in g["variants"]}
    groups: dict[str, list[JSON]] = defaultdict(list)
    quotes: dict[str, list[JSON]] = defaultdict(list)
    roles: dict[str, list[str]] = defaultdict(list)
    for g in story["quote_groups"]:
        groups[_speaker_name(g["speaker"], g["speaker_name"], names)].append(g)
    for q in story["quotes"]:
        who = _speaker_name(q["speaker"], q["speaker_name"], names)
        if q.get("role") and q["role"] not in roles[who]:
            roles[who].append(q["role"])
        if q["id"] not in grouped:
            quotes[who].append(q)
    speakers = set(groups) | set(quotes)
    if not speakers:
        return _section("quotes", "Who said what", "", _empty("No quotes or reported speech were found."))

    def weight(who: str) -> tuple[bool, int, str]:
        count = sum(len(g["variants"]) for g in groups[who]) + len(quotes[who])
        return who == "Unattributed", -count, who

    cards = []
    for who in sorted(speakers, key=weight):
        parts = []
        for g in sorted(groups[who], key=lambda g: (-len(g["variants"]), g["id"])):
            outlets = {v["article"] for v in g["variants"]}
            rows = "".join(
                f'<li class="variant" data-match="{escape(v["match"])}">'
                f'<span class="words">{_p(v["text"])}</span> '
                f'<span class="by">{escape(v["outlet"] or "unknown outlet")}</span>'
                f'<span class="match match-{escape(v["match"])}">{escape(v["match"])}</span> '
                f"{cites.marker(v)}</li>"
                for v in g["variants"]
            )
            parts.append(
                f'<div class="qgroup"><blockquote>{_p(g["variants"][0]["text"])}</blockquote>'
                f'<p class="qmeta">{_plural(len(g["variants"]), "wording")} in '
                f"{_plural(len(outlets), 'article')}, "
                f"{_plural(g['independent_origins'], 'independent origin')}</p>"
                f'<ol class="variants">{rows}</ol></div>'
            )
        for q in quotes[who]:
            direct = q["kind"] == "direct"
            words = f"“{_p(q['text'])}”" if direct else _p(q["text"])
            unresolved = (
                f'<span class="note">speaker unresolved: {_p(q["unresolved"])}</span>'
                if q.get("unresolved")
                else ""
            )
            parts.append(
                f'<p class="quote {"direct" if direct else "indirect"}">'
                f"{'' if direct else '<span class=kind>reported</span> '}{words} "
                f"{cites.marker(q)}{unresolved}</p>"
            )
        role = f'<p class="role">{_p("; ".join(roles[who]))}</p>' if roles[who] else ""
        cards.append(f'<article class="speaker"><h3>{escape(who)}</h3>{role}{"".join(parts)}</article>')
    intro = (
        "Grouped by speaker. Where outlets quote the same words differently, every wording is listed "
        "with the outlet that printed it."
    )
    return _section("quotes", "Who said what", intro, f'<div class="speakers">{"".join(cards)}</div>')


def _format_value(q: Quantity) -> str:
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
        enumerate(view.figures), key=lambda iq: (not iq[1].disputed, iq[1].quantity.measure or "~", iq[0])
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
                f'<td class="num">{escape(_format_value(q.quantity))}</td>'
                f"<td>{_p(q.quantity.measure or '')}</td>"
                f"<td>{_p(q.quantity.direction or '')}</td>"
                f"<td>{_p(q.quantity.period or '')}</td>"
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


def _timeline(story: JSON, cites: _Citations) -> str:
    events = story["timeline"]
    if not events:
        return _section("timeline", "Timeline", "", _empty("No dated events were found."))
    items = "".join(
        f'<li id="event-{escape(e["id"])}"><time datetime="{escape(e["date"])}">'
        f"{escape(date_label(e['date'], e['precision']))}</time>"
        f'<div class="etext">{_p(e["text"])} {cites.marker(e["support"][0], e["support"][1:])}'
        f'<span class="support">{_plural(len(e["support"]), "source")}, '
        f"{_plural(e['independent_origins'], 'independent origin')}</span></div></li>"
        for e in events
    )
    chart = '<figure class="chart" id="timeline-chart" aria-label="Timeline chart"></figure>'
    intro = "Dated events merged across outlets. In the chart, larger dots have more sources; darker ones more than one independent origin."
    return _section("timeline", "Timeline", intro, f'{chart}<ol class="events">{items}</ol>')


def _actors(story: JSON, graph: JSON, cites: _Citations) -> str:
    if not graph["nodes"]:
        return _section("actors", "Actors", "", _empty("No people, organisations or places were found."))
    by_id = {e["id"]: e for e in story["entities"]}
    rows = []
    for node in graph["nodes"]:
        e = by_id[node["id"]]
        aliases = [a for a in e["aliases"] if a != e["name"]]
        roles = sorted({r["text"] for r in e["roles"]})
        sources = " ".join(
            cites.source(a)
            for a in sorted({m["article"] for m in e["mentions"]}, key=lambda a: cites.key.get(a, 0))
        )
        aka = f'<div class="aka">also {_p(", ".join(aliases))}</div>' if aliases else ""
        rows.append(
            f'<tr><td><span class="dot t-{escape(e["type"])}"></span>{escape(e["name"])}{aka}</td>'
            f"<td>{escape(_TYPE_LABELS.get(e['type'], e['type']))}</td>"
            f'<td class="num">{node["mentions"]}</td><td>{_p("; ".join(roles))}</td><td>{sources}</td></tr>'
        )
    hidden = (
        f'<p class="note">{graph["hidden"]} less-mentioned entities are not shown.</p>'
        if graph["hidden"]
        else ""
    )
    chart = '<figure class="chart" id="network-chart" aria-label="Actor network"></figure>'
    table = (
        '<details class="actors-table"><summary>All actors in the network</summary><div class="scroll"><table>'
        '<thead><tr><th>Name</th><th>Type</th><th class="num">Mentions</th><th>Roles</th><th>Sources</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>{hidden}</details>"
    )
    intro = "Who appears with whom: circles grow with mentions; a line joins actors named in the same sentence, thicker when it happens more often. Drag to rearrange."
    return _section("actors", "Actors", intro, chart + table)


def _published(p: JSON) -> str:
    value = escape(p["value"] or "unknown")
    if p["how"] == "inferred":
        conf = f", {p['confidence']:.0%}" if p.get("confidence") is not None else ""
        why = escape("; ".join(p.get("evidence") or []))
        return f'{value} <span class="how" title="{why}">inferred{conf}</span>'
    if p["how"] == "metadata":
        return f'{value} <span class="how">from the page</span>'
    return value


def _sources(story: JSON, cites: _Citations) -> str:
    articles = story["articles"]
    if not articles:
        return _section("sources", "Sources", "", _empty("No articles were analysed."))
    notes = {n["article"]: n for n in story["notes"]}
    copied_by: dict[str, list[JSON]] = defaultdict(list)
    for n in story["notes"]:
        for r in n["copies"]:
            copied_by[r["original"]].append(r)
    rows = []
    for a in articles:
        number = cites.key[a["id"]]
        note = notes.get(a["id"], {"unique": [], "omits": [], "flags": [], "copies": []})
        quality = a["quality"]
        chips = [f'<span class="chip warn">{escape(f)}</span>' for f in note["flags"]]
        if quality["spun"] and not any("spun" in f for f in note["flags"]):
            chips.append('<span class="chip warn">possibly machine-spun</span>')
        kinds = Counter(f["kind"] for f in quality["flags"])
        chips += [f'<span class="chip">{escape(k)} ×{c}</span>' for k, c in sorted(kinds.items())]
        relations = [
            f"{escape(r['kind'])} copy of {cites.source(r['original'])} ({r['similarity']:.0%})"
            for r in note["copies"]
        ]
        relations += [
            f"copied by {cites.source(r['copy'])} ({escape(r['kind'])})" for r in copied_by[a["id"]]
        ]
        unique = " ".join(cites.marker(c) for c in note["unique"][:6])
        if len(note["unique"]) > 6:
            unique += f' <span class="note">+{len(note["unique"]) - 6} more</span>'
        omits = (
            f'<div class="note">omits {_plural(len(note["omits"]), "widely reported claim")}</div>'
            if note["omits"]
            else ""
        )
        title = escape(a["title"] or a["source"])
        if (a["url"] or "").startswith(("http://", "https://")):
            title = f'<a href="{escape(a["url"])}" rel="noreferrer noopener">{title}</a>'
        score = max(0.0, min(1.0, 1 - float(quality["score"])))
        rows.append(
            f'<tr id="source-{number}"><td class="num">{number}</td>'
            f'<td class="outlet">{escape(a["outlet"] or "—")}</td><td class="title">{title}'
            f'<div class="path">{escape(a["source"])}</div></td>'
            f'<td class="when">{_published(a["published"])}</td>'
            f'<td><meter min="0" max="1" value="{score:.2f}" title="text quality {score:.0%}"></meter>'
            f"{''.join(chips)}</td>"
            f"<td>{'<br>'.join(relations) or '<span class=muted>independent</span>'}</td>"
            f"<td>{unique or '<span class=muted>—</span>'}{omits}</td></tr>"
        )
    table = (
        '<div class="scroll"><table class="sources"><thead><tr><th class="num">#</th><th>Outlet</th><th>Title</th>'
        "<th>Published</th><th>Quality</th><th>Copies</th><th>Only here</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    skipped = ""
    if story["skipped"]:
        items = "".join(
            f"<li><code>{escape(s['source'])}</code>: {escape(s['reason'])}</li>" for s in story["skipped"]
        )
        skipped = f'<details class="skipped"><summary>{_plural(len(story["skipped"]), "input")} skipped</summary><ul>{items}</ul></details>'
    origins = len(story["origins"])
    intro = f"{_plural(len(articles), 'article')}"
    if origins:
        intro += f" from {_plural(origins, 'independent origin')}"
    intro += ". “Only here” lists passages no other source has."
    return _section("sources", "Sources", escape(intro), table + skipped)


def _header(story: JSON) -> tuple[str, str]:
    articles = story["articles"]
    title = articles[0]["title"] if articles else "Story brief"
    outlets = {a["outlet"] for a in articles if a["outlet"]}
    days = sorted(p["value"][:10] for a in articles if (p := a["published"])["value"])
    span = ""
    if days:
        first, last = date_label(days[0], "day"), date_label(days[-1], "day")
        span = f" · {first}" if first == last else f" · {first} – {last}"
    facts = (
        f"{_plural(len(articles), 'article')} from {_plural(len(outlets), 'outlet')}{span}"
        f" · {_plural(len(story['quotes']), 'quote')} · {_plural(len(story['conflicts']), 'disagreement')}"
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


def render_html(story: JSON) -> str:
    """The brief as one self-contained HTML document (no external resources)."""
    js, css = load_assets()
    articles = story["articles"]
    key = {a["id"]: i for i, a in enumerate(articles, 1)}
    cites = _Citations(key, {a["id"]: a["outlet"] or a["title"] or a["source"] for a in articles})
    graph = actor_network(story)
    title, header = _header(story)
    sections = [
        _summary(story, cites),
        _who_said_what(story, cites),
        _numbers(story_view(story), cites),
        _timeline(story, cites),
        _actors(story, graph, cites),
        _sources(story, cites),
    ]
    view = {"cites": cites.cites, "network": graph, "timeline": timeline_points(story)}
    generator = story.get("generator") or {}
    footer = (
        f'<footer class="colophon">Generated by newsprism {escape(str(generator.get("newsprism", "")))}'
        f"{' with ' + escape(str(generator['model'])) if generator.get('model') else ''} "
        f"from <code>{escape(str(story.get('schema', '')))}</code>. The story data is embedded in this file "
        "(<code>#np-story</code>).</footer>"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "script-src 'unsafe-inline'; style-src 'unsafe-inline'; font-src data:; img-src data:\">"
        '<meta name="generator" content="newsprism">'
        f"<title>{_p(title)} — newsprism brief</title>"
        f"<style>{_inline(css, 'style')}</style></head>"
        f'<body><div class="page">{header}<main>{"".join(sections)}</main>{footer}</div>'
        f'<script type="application/json" id="np-story">{embed_json(story)}</script>'
        f'<script type="application/json" id="np-view">{embed_json(view)}</script>'
        f"<script>{_inline(js, 'script')}</script></body></html>\n"
    )
