"""``brief.md``: the story file rendered for a reader.

It renders the ``story.json`` dict (not the records), so the brief shows exactly what the
machine-readable file says. Every item names the article it came from by a short source key
([1], [2], ...) listed in the sources table.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

JSON = dict[str, Any]

_TYPE_TITLES = (
    ("person", "People"),
    ("organization", "Organisations"),
    ("place", "Places"),
    ("nationality", "Nationalities and groups"),
    ("event", "Events"),
)


def _cell(text: object) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _clip(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render_markdown(story: JSON) -> str:
    """The brief as Markdown text."""
    articles = story["articles"]
    key = {a["id"]: f"[{i}]" for i, a in enumerate(articles, 1)}
    out: list[str] = []
    title = articles[0]["title"] if articles else "Story"
    out += [f"# Story brief: {title}", ""]
    out += [f"{len(articles)} articles analysed, {len(story['skipped'])} inputs skipped.", ""]

    out += ["## Sources", "", "| # | Outlet | Title | Published | Quality |", "|---|---|---|---|---|"]
    for a in articles:
        pub = a["published"]
        when = pub["value"] or "unknown"
        if pub["how"] == "inferred":
            conf = pub.get("confidence")
            when += f" (inferred{f', {conf:.0%}' if conf is not None else ''})"
        quality = a.get("quality") or {}
        q = "possibly machine-spun" if quality.get("spun") else f"ok ({quality.get('score', 0):.2f})"
        out.append(f"| {key[a['id']]} | {_cell(a['outlet'] or '-')} | {_cell(a['title'])} | {when} | {q} |")
    out.append("")

    if story["skipped"]:
        out += ["## Skipped inputs", ""]
        out += [f"- `{s['source']}`: {s['reason']}" for s in story["skipped"]]
        out.append("")

    out += _summary(story, key)
    out += _origins(story, key)
    out += _who_said_what(story, key)
    out += _quote_groups(story, key)
    out += _claims(story, key)
    out += _conflicts(story, key)
    out += _timeline(story, key)
    out += _actors(story, key)
    out += _numbers(story, key)
    out += _dates(story, key)
    out += _notes(story, key)
    return "\n".join(out).rstrip() + "\n"


def _copy_kind(kind: str) -> str:
    """ "a verbatim copy", "an edited copy", "a paraphrase copy"."""
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind} copy"


def _cites(citations: list[JSON], key: dict[str, str]) -> str:
    return "".join(sorted({key.get(c["article"], "") for c in citations}))


def _summary(story: JSON, key: dict[str, str]) -> list[str]:
    if not story["summary"]:
        return []
    out = ["## Summary", ""]
    for s in story["summary"]:
        also = _cites(s["corroborations"], key)
        out.append(
            f"- {_clip(s['text'], 400)} {key.get(s['citation']['article'], '')}{f' (also {also})' if also else ''}"
        )
    out += [
        "",
        "Each sentence is quoted verbatim from the first source cited; the others state the same.",
        "",
    ]
    return out


def _origins(story: JSON, key: dict[str, str]) -> list[str]:
    origins = story["origins"]
    if not origins:
        return []
    copies = [r for o in origins for r in o["relations"]]
    out = [
        "## Independent origins",
        "",
        f"{len(story['articles'])} articles come from {len(origins)} independent origins.",
        "",
    ]
    for r in copies:
        out.append(
            f"- {key.get(r['copy'], '?')} is {_copy_kind(r['kind'])} of {key.get(r['original'], '?')} "
            f"({r['similarity']:.0%} of its sentences aligned)"
        )
    out.append("")
    return out


def _quote_groups(story: JSON, key: dict[str, str]) -> list[str]:
    groups = story["quote_groups"]
    if not groups:
        return []
    out = ["## The same words across outlets", ""]
    for g in groups:
        speaker = g["speaker_name"] or "Unattributed"
        out.append(f"- **{speaker}**, {g['independent_origins']} independent origin(s):")
        for v in g["variants"]:
            out.append(
                f"  - {v['match']}: “{_clip(v['text'])}” {key.get(v['article'], '')} {v['outlet'] or ''}".rstrip()
            )
    out.append("")
    return out


def _claims(story: JSON, key: dict[str, str]) -> list[str]:
    claims = [c for c in story["claims"] if len(c["articles"]) > 1]
    if not claims:
        return []
    out = ["## Corroboration", "", "| Claim | Independent origins | Sources |", "|---|---|---|"]
    for c in claims:
        flag = " ⚠ conflict" if c["conflicts"] else ""
        out.append(
            f"| {_cell(_clip(c['text'], 160))}{flag} | {c['independent_origins']} | {_cites(c['support'], key)} |"
        )
    out.append("")
    return out


def _conflicts(story: JSON, key: dict[str, str]) -> list[str]:
    conflicts = story["conflicts"]
    if not conflicts:
        return []
    out = ["## Where sources disagree", ""]
    for c in conflicts:
        values = "; ".join(f"{v['value']} {key.get(v['citation']['article'], '')}" for v in c["values"])
        out.append(f"- **{c['subject']}** ({c['kind']}, {c['severity'].replace('_', ' ')}): {values}")
    out.append("")
    return out


def _timeline(story: JSON, key: dict[str, str]) -> list[str]:
    events = story["timeline"]
    if not events:
        return []
    out = ["## Timeline", "", "| Date | Event | Sources |", "|---|---|---|"]
    for e in events:
        out.append(f"| {e['date']} | {_cell(_clip(e['text'], 180))} | {_cites(e['support'], key)} |")
    out.append("")
    return out


def _notes(story: JSON, key: dict[str, str]) -> list[str]:
    notes = story["notes"]
    if not notes:
        return []
    claims = {c["id"]: c["text"] for c in story["claims"]}
    out = ["## Per-source notes", ""]
    for n in notes:
        out.append(f"### {key.get(n['article'], '?')}")
        out.append("")
        if n["flags"]:
            out.append(f"- Quality flags: {', '.join(n['flags'])}")
        for r in n["copies"]:
            out.append(
                f"- {key.get(r['copy'], '?')} is {_copy_kind(r['kind'])} of {key.get(r['original'], '?')}"
            )
        for c in n["unique"][:5]:
            out.append(f"- Only here: “{_clip(c['text'], 200)}”")
        for cid in n["omits"][:5]:
            out.append(f"- Omits what most others report: {_clip(claims.get(cid, cid), 160)}")
        out.append("")
    return out


def _who_said_what(story: JSON, key: dict[str, str]) -> list[str]:
    quotes = story["quotes"]
    if not quotes:
        return []
    names = {e["id"]: e["name"] for e in story["entities"]}
    by_speaker: dict[str, list[JSON]] = defaultdict(list)
    for q in quotes:
        speaker = names.get(q["speaker"] or "") or q["speaker_name"] or "Unattributed"
        by_speaker[speaker].append(q)
    out = ["## Who said what", ""]
    order = sorted(by_speaker, key=lambda s: (s == "Unattributed", -len(by_speaker[s]), s))
    for speaker in order:
        out += [f"### {speaker}", ""]
        for q in by_speaker[speaker]:
            mark = (
                "“{}”".format(_clip(q["text"])) if q["kind"] == "direct" else f"(reported) {_clip(q['text'])}"
            )
            role = f" — as {q['role']}" if q.get("role") else ""
            why = f" — unresolved: {q['unresolved']}" if q.get("unresolved") else ""
            out.append(f"- {mark} {key.get(q['article'], '')}{role}{why}")
        out.append("")
    return out


def _actors(story: JSON, key: dict[str, str]) -> list[str]:
    entities = story["entities"]
    if not entities:
        return []
    out = ["## Actors", ""]
    for etype, heading in _TYPE_TITLES:
        group = [e for e in entities if e["type"] == etype]
        if not group:
            continue
        out += [f"### {heading}", ""]
        for e in group:
            sources = sorted({key.get(m["article"], "") for m in e["mentions"]})
            aliases = [a for a in e["aliases"] if a != e["name"]]
            line = f"- **{e['name']}** ({len(e['mentions'])} mentions in {' '.join(sources)})"
            if aliases:
                line += f"; also written {', '.join(aliases)}"
            roles = sorted({r["text"] for r in e["roles"]})
            if roles:
                line += f"; roles: {'; '.join(roles)}"
            out.append(line)
        out.append("")
    return out


def _numbers(story: JSON, key: dict[str, str]) -> list[str]:
    quantities = story["quantities"]
    if not quantities:
        return []
    out = [
        "## Numbers",
        "",
        "| Figure | Value | Measures | Change | Period | Source |",
        "|---|---|---|---|---|---|",
    ]
    for q in quantities:
        figure = f"{q['modifier']} {q['text']}" if q.get("modifier") else q["text"]
        out.append(
            f"| {_cell(figure)} | {q['value']:g} {_cell(q['unit'])} | {_cell(q.get('measure') or '')} "
            f"| {_cell(q.get('direction') or '')} | {_cell(q.get('period') or '')} | {key.get(q['article'], '')} |"
        )
    out.append("")
    return out


def _dates(story: JSON, key: dict[str, str]) -> list[str]:
    timexes = story["time_expressions"]
    if not timexes:
        return []
    out = ["## Dated references", "", "| Expression | Normalised | Type | Source |", "|---|---|---|---|"]
    ordered = sorted(timexes, key=lambda t: (t["value"] is None, t["value"] or "", t["article"], t["start"]))
    for t in ordered:
        value = t["value"] or "(unresolved)"
        out.append(f"| {_cell(t['text'])} | {value} | {t['type']} | {key.get(t['article'], '')} |")
    out.append("")
    return out
