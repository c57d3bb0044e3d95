"""JSON Lines (one article a line) and JSON files (one article object or a list of them).

Each article is an object with ``title``, ``text`` or ``html``, and optionally ``url``,
``outlet``, ``published`` and ``language``. A bad line is skipped with ``path:LINE`` as source;
the other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from ..records import RawDocument, Skip
from .dates import iso_date
from .html import extract_html


def read_jsonl(source: str, content: str) -> Iterator[RawDocument | Skip]:
    """Every article of a JSON Lines text, or a Skip for each unusable line."""
    yield from read_jsonl_lines(source, enumerate(content.split("\n"), start=1))


def read_jsonl_lines(source: str, lines: Iterable[tuple[int, str | Skip]]) -> Iterator[RawDocument | Skip]:
    """Every article of numbered JSON Lines (a line the reader could not use comes as its Skip)."""
    for lineno, line in lines:
        if isinstance(line, Skip):
            yield line
            continue
        line = line.strip()
        if not line:
            continue
        where = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield Skip(where, f"malformed JSON: {msg}")
            continue
        yield article_from_object(where, obj)


def read_json(source: str, content: str) -> Iterator[RawDocument | Skip]:
    """A JSON file holding one article object or a list of them; falls back to JSON Lines."""
    try:
        data = json.loads(content)
    except (json.JSONDecodeError, RecursionError):
        yield from read_jsonl(source, content)
        return
    if isinstance(data, list):
        if not data:
            yield Skip(source, "JSON list is empty")
        for index, obj in enumerate(data):
            yield article_from_object(f"{source}[{index}]", obj)
    else:
        yield article_from_object(source, data)


def article_from_object(source: str, obj: Any) -> RawDocument | Skip:
    """One article from a decoded JSON value (a Skip unless it is an object with text or html)."""
    if not isinstance(obj, dict):
        return Skip(source, f"expected a JSON object, got {type(obj).__name__}")
    published = iso_date(obj.get("published"))
    notes = _date_notes(obj.get("published"), published)
    known = RawDocument(
        source=source,
        text="",
        fmt="jsonl",
        title=_string(obj.get("title")) or "",
        outlet=_string(obj.get("outlet")),
        url=_string(obj.get("url")),
        published=published,
        language=_string(obj.get("language")),
        notes=notes,
    )
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        return replace(known, text=text.replace("\r\n", "\n"))
    if isinstance(html, str) and html.strip():
        page = extract_html(html)
        if page is None:
            return Skip(source, "no main text found in the 'html' field")
        # the note about the object's unreadable date is moot once the page supplies one
        kept = notes if published is None and page.published is None else ()
        return page.document(source, "jsonl", known=known, notes=kept)
    return Skip(source, "no non-empty 'text' or 'html' field")


def _date_notes(given: Any, published: str | None) -> tuple[str, ...]:
    """A note when the object gives a ``published`` value that is not a date: the date is then
    inferred from the text, and the user must know that their date was not used."""
    if published is not None or given is None or (isinstance(given, str) and not given.strip()):
        return ()
    shown = json.dumps(given, ensure_ascii=False)
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return (f"'published' value {shown} is not a date; the date is inferred from the text",)


def _string(value: Any) -> str | None:
    """A scalar JSON value as a stripped string (``None`` for empty, null, lists and objects)."""
    if isinstance(value, bool) or value is None or isinstance(value, list | dict):
        return None
    text = str(value).strip()
    return text or None
