"""RSS and Atom feeds via feedparser: every entry is one article."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import feedparser

from ..records import RawDocument, Skip
from .dates import struct_time_iso
from .html import fragment_text

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def read_feed(source: str, data: bytes) -> Iterator[RawDocument | Skip]:
    """Each entry's full content (else its summary), title, link, date; the feed title as outlet."""
    # A stream, never a string: feedparser fetches strings that look like URLs.
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    error = _parse_error(parsed)
    if not parsed.get("version") and not entries:
        yield Skip(source, f"not a well-formed RSS or Atom feed{': ' + error if error else ''}")
        return
    if not entries:
        yield Skip(source, f"malformed feed: {error}" if error else "feed has no entries")
        return
    if error and not any(_entry_text(entry).strip() for entry in entries):
        yield Skip(source, f"malformed feed: {error}")
        return
    channel = parsed.get("feed") or {}
    outlet = (channel.get("title") or "").strip() or None
    language = _language(channel.get("language"))
    for number, entry in enumerate(entries, start=1):
        where = f"{source}#entry-{number}"
        text = _entry_text(entry)
        if not text.strip():
            yield Skip(where, "feed entry has no content or summary")
            continue
        yield RawDocument(
            source=where,
            text=text,
            fmt="feed",
            title=(entry.get("title") or "").strip(),
            outlet=outlet,
            url=(entry.get("link") or "").strip() or None,
            published=struct_time_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            language=language,
            needs_cleaning=True,  # feed bodies may carry "The post ... appeared first on ..." lines
        )


def _parse_error(parsed: Any) -> str | None:
    """The XML error feedparser recovered from, if any (a declared-charset mismatch is no error)."""
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if exc is None or isinstance(exc, feedparser.CharacterEncodingOverride):
        return None
    return str(exc) or type(exc).__name__


def _entry_text(entry: Any) -> str:
    """The longest full content of an entry, else its summary, as text."""
    contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c.get("value") or ""))
        return _as_text(best.get("value") or "", best.get("type") or "")
    summary = entry.get("summary") or ""
    detail = entry.get("summary_detail") or {}
    return _as_text(summary, detail.get("type") or "text/html")


def _as_text(value: str, mime: str) -> str:
    if mime.lower() in _HTML_TYPES:
        return fragment_text(value)
    return value.strip()


def _language(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().split("-")[0].split("_")[0].lower() or None
