"""Normalise the publication dates sources give into ISO-8601 strings."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_YEAR = re.compile(r"\b\d{4}\b")


def iso_date(value: object) -> str | None:
    """``value`` (ISO string, RFC 2822 string, free-form date, or epoch seconds) as ISO-8601.

    A date without a time stays a date (``2022-09-15``); a datetime keeps its time and offset.
    Returns ``None`` when ``value`` is empty or not a date.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value, tz=UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if _DATE_ONLY.fullmatch(text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return _free_form(text)


def _free_form(text: str) -> str | None:
    """Dates such as "15 September 2022" via dateparser (imported lazily: it is slow to load).

    Only English and only with a year: relative phrases ("3 days ago") would be resolved against
    today, and letting dateparser guess among all its languages takes seconds per call.
    """
    if not _YEAR.search(text):
        return None
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    if parsed is None:
        return None
    return str(parsed.isoformat() if _HAS_TIME.search(text) else parsed.date().isoformat())


def struct_time_iso(value: time.struct_time | None) -> str | None:
    """A feedparser ``*_parsed`` value (UTC) as an ISO-8601 datetime."""
    if value is None:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC).isoformat()
    except (TypeError, ValueError):
        return None
