"""The ``story.json`` output contract (``schema/story.schema.json``, ``docs/story-format.md``).

Written explicitly, field by field, rather than dumped from the records: this is a public format,
so a change to a record must not change it by accident. Offsets are character offsets into
``articles[].text``. Output is deterministic: same inputs, same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..records import (
    Article,
    ArticleAnalysis,
    Citation,
    Claim,
    Conflict,
    CopyRelation,
    Entity,
    Mention,
    Origin,
    Published,
    Quality,
    Quantity,
    Quote,
    QuoteGroup,
    Role,
    SourceNote,
    Span,
    Story,
    SummarySentence,
    TimeExpression,
    TimelineEvent,
    effective_published,
    paired,
)
from ..stories.grouping import Grouping

SCHEMA_ID = "newsprism.story/4"

JSON = dict[str, Any]


def _published(p: Published) -> JSON:
    return {"value": p.value, "how": p.how, "confidence": p.confidence, "evidence": list(p.evidence)}


def _quality(q: Quality) -> JSON:
    return {
        "score": round(q.score, 4),
        "spun": q.spun,
        "flags": [
            {"kind": f.kind, "start": f.span.start, "end": f.span.end, "text": f.text} for f in q.flags
        ],
    }


def _article(a: Article, analysis: ArticleAnalysis | None) -> JSON:
    published = effective_published(a, analysis)
    return {
        "id": a.id,
        "source": a.source,
        "title": a.title,
        "outlet": a.outlet,
        "url": a.url,
        "language": a.language,
        "text": a.text,
        "published": _published(published),
        "removed": [{"line": r.line, "reason": r.reason, "lineno": r.lineno} for r in a.removed],
        "cut_from": a.cut_from,
        "notes": list(a.notes),
        "quality": _quality(analysis.quality if analysis else Quality()),
    }


def _at(span: Span) -> JSON:
    """Where a record stands, flat as story.json writes every span: ``article, start, end``."""
    return {"article": span.article, "start": span.start, "end": span.end}


def _role(r: Role) -> JSON:
    return {"text": r.text, **_at(r.span)}


def _entity(e: Entity) -> JSON:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": list(e.aliases),
        "roles": [_role(r) for r in e.roles],
        "mentions": [_cite(m) for m in e.mentions],
    }


def _part(span: Span | None) -> JSON | None:
    """A part of a record's span (a quote's speaker, a figure's period): ``{start, end}`` or null,
    its article being the record's."""
    return None if span is None else {"start": span.start, "end": span.end}


def _quote(q: Quote) -> JSON:
    return {
        "id": q.id,
        **_at(q.span),
        "text": q.text,
        "kind": q.kind,
        "speaker": q.speaker,
        "speaker_name": q.speaker_name,
        "speaker_text": q.speaker_text,
        "speaker_span": _part(q.speaker_span),
        "role": q.role,
        "cue": q.cue,
        "cue_span": _part(q.cue_span),
        "unresolved": q.unresolved,
        "continues": q.continues,
    }


def _quantity(q: Quantity) -> JSON:
    return {
        "id": q.id,
        **_at(q.span),
        "text": q.text,
        "value": q.value,
        "unit": q.unit,
        "category": q.category,
        "modifier": q.modifier,
        "measure": q.measure,
        "measure_span": _part(q.measure_span),
        "direction": q.direction,
        "period": q.period,
        "period_span": _part(q.period_span),
    }


def _timex(t: TimeExpression) -> JSON:
    return {
        "id": t.id,
        **_at(t.span),
        "text": t.text,
        "type": t.type,
        "value": t.value,
        "mod": t.mod,
        "anchor": t.anchor,
    }


def _cite(c: Citation | Mention) -> JSON:
    """A stretch of one article's text: a citation, or an entity mention."""
    return {**_at(c.span), "text": c.text}


def _relation(r: CopyRelation) -> JSON:
    return {
        "copy": r.copy,
        "original": r.original,
        "kind": r.kind,
        "similarity": round(r.similarity, 4),
        "evidence": [{"copy": _cite(c), "original": _cite(o)} for c, o in r.evidence],
    }


def _origin(o: Origin) -> JSON:
    return {
        "id": o.id,
        "original": o.original,
        "articles": list(o.articles),
        "relations": [_relation(r) for r in o.relations],
    }


def _quote_group(g: QuoteGroup) -> JSON:
    return {
        "id": g.id,
        "speaker": g.speaker,
        "speaker_name": g.speaker_name,
        "independent_origins": g.independent_origins,
        "variants": [
            {
                "quote": v.quote,
                **_at(v.span),
                "text": v.text,
                "outlet": v.outlet,
                "speaker": v.speaker,
                "speaker_name": v.speaker_name,
                "match": v.match,
            }
            for v in g.variants
        ],
    }


def _claim(c: Claim) -> JSON:
    return {
        "id": c.id,
        "kind": c.kind,
        "text": c.text,
        "independent_origins": c.independent_origins,
        "articles": list(c.articles),
        "support": [_cite(s) for s in c.support],
        "conflicts": list(c.conflicts),
    }


def _conflict(c: Conflict) -> JSON:
    return {
        "id": c.id,
        "kind": c.kind,
        "subject": c.subject,
        "severity": c.severity,
        "values": [{"value": v.value, "citation": _cite(v.citation)} for v in c.values],
    }


def _event(e: TimelineEvent) -> JSON:
    return {
        "id": e.id,
        "date": e.date,
        "precision": e.precision,
        "sort_key": e.sort_key,
        "text": e.text,
        "independent_origins": e.independent_origins,
        "support": [_cite(s) for s in e.support],
    }


def _summary(s: SummarySentence) -> JSON:
    return {
        "text": s.text,
        "citation": _cite(s.citation),
        "corroborations": [_cite(c) for c in s.corroborations],
        "speaker": s.speaker,
    }


def _note(n: SourceNote) -> JSON:
    return {
        "article": n.article,
        "unique": [_cite(c) for c in n.unique],
        "omits": list(n.omits),
        "flags": list(n.flags),
        "copies": [_relation(r) for r in n.copies],
    }


def story_to_dict(story: Story, grouping: Grouping | None = None) -> JSON:
    """The story as the JSON-ready dict of the ``newsprism.story/4`` format; with ``grouping``
    (a story of a mixed run) also ``clustering``: the story id and why each article joined it.
    Without one the dict has no ``clustering`` key, so one story keeps its bytes."""
    pairs = paired(story.articles, story.analyses, unanalysed=True)  # unanalysed: nothing extracted
    analyses = [p.analysis for p in pairs]
    head: JSON = {"schema": SCHEMA_ID, "generator": {"newsprism": __version__, "model": story.model}}
    if grouping is not None:
        head["clustering"] = _clustering(grouping)
    return head | {
        "articles": [_article(p.article, p.analysis) for p in pairs],
        "skipped": [{"source": s.source, "reason": s.reason} for s in story.skipped],
        "entities": [_entity(e) for e in story.entities],
        "quotes": [_quote(q) for an in analyses for q in an.quotes],
        "quantities": [_quantity(q) for an in analyses for q in an.quantities],
        "time_expressions": [_timex(t) for an in analyses for t in an.time_expressions],
        "origins": [_origin(o) for o in story.origins],
        "quote_groups": [_quote_group(g) for g in story.quote_groups],
        "claims": [_claim(c) for c in story.claims],
        "conflicts": [_conflict(c) for c in story.conflicts],
        "timeline": [_event(e) for e in story.timeline],
        "summary": [_summary(s) for s in story.summary],
        "notes": [_note(n) for n in story.notes],
    }


def article_to_dict(article: Article, analysis: ArticleAnalysis | None) -> JSON:
    """One article as story.json writes it, with its own records (quotes, quantities, time
    expressions) and its entity mentions, in story.json's shapes: what the web API answers for
    an article. The records are the analysis given (a story's analysis carries linked speakers)."""
    records = analysis or ArticleAnalysis(article=article.id)
    return {
        "article": _article(article, analysis),
        "quotes": [_quote(q) for q in records.quotes],
        "quantities": [_quantity(q) for q in records.quantities],
        "time_expressions": [_timex(t) for t in records.time_expressions],
        "mentions": [_cite(m) | {"label": m.label} for m in records.mentions],
    }


def story_to_json(story: Story, grouping: Grouping | None = None) -> str:
    """``story.json`` text: UTF-8, indented, keys in contract order, newline-terminated."""
    return json.dumps(story_to_dict(story, grouping), ensure_ascii=False, indent=2) + "\n"


def _clustering(grouping: Grouping) -> JSON:
    return {
        "story": grouping.story_id,
        "assignments": [
            {
                "article": a.article_id,
                "new_story": a.new_story,
                "joined": a.story_id,
                "similarity": a.similarity,
                "shared_terms": list(a.shared_terms),
                "shared_entities": list(a.shared_entities),
                "merged": list(a.merged),
            }
            for a in grouping.assignments
        ],
    }


def story_schema() -> JSON:
    """The JSON Schema of the story format (``newsprism/schema/story.schema.json``)."""
    from importlib.resources import files

    text = files("newsprism").joinpath("schema/story.schema.json").read_text(encoding="utf-8")
    schema: JSON = json.loads(text)
    return schema


def validate_story(data: JSON) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``data`` follows the story schema, and
    ``ValueError`` naming the first few spans whose text is not the article text they point at
    (:func:`span_errors`)."""
    import jsonschema

    jsonschema.validate(data, story_schema())
    errors = span_errors(data)
    if errors:
        raise ValueError(f"{len(errors)} inexact span(s): " + "; ".join(errors[:5]))


_SPAN_KEYS = frozenset({"article", "start", "end", "text"})


def span_errors(data: JSON) -> list[str]:
    """Every span of ``data`` whose ``text`` is not ``articles[article].text[start:end]``.

    A span is any object, anywhere in the dict, with ``article``, ``start``, ``end`` and
    ``text`` keys naming an article of the story: walking the whole dict (not a list of known
    fields) keeps a span kind added later under the contract. Each error reads
    ``<path>: <text> != <article text> at start:end``."""
    texts = {a["id"]: a["text"] for a in data.get("articles", ())}
    errors: list[str] = []
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            if node.keys() >= _SPAN_KEYS and node["article"] in texts:
                start, end = node["start"], node["end"]
                found = texts[node["article"]][start:end]
                if found != node["text"]:
                    errors.append(f"{path}: {node['text']!r} != {found!r} at {start}:{end}")
            stack.extend((f"{path}.{k}", v) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((f"{path}[{i}]", v) for i, v in reversed(list(enumerate(node))))
    return errors
