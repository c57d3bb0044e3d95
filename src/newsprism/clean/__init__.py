"""Turn a :class:`~newsprism.records.RawDocument` into a clean :class:`~newsprism.records.Article`."""

from __future__ import annotations

import re

from ..records import Article, Published, RawDocument, RemovedLine
from .boilerplate import find_boilerplate
from .language import detect_language

__all__ = ["normalise_lines", "split_lines", "to_article"]

_NEWLINES = re.compile(r"\r\n?")


def split_lines(text: str) -> list[str]:
    """``text`` split into lines, with ``\\r\\n`` and lone ``\\r`` read as newlines."""
    return _NEWLINES.sub("\n", text).split("\n")


def normalise_lines(lines: list[str]) -> str:
    """Join ``lines``: trailing whitespace stripped, runs of blank lines collapsed to one, no
    leading or trailing blank lines. Characters inside lines (curly quotes, NBSPs) are kept as
    they are, so spans found later are substrings of the original lines."""
    out: list[str] = []
    for line in lines:
        stripped = line.rstrip()
        if not stripped and (not out or not out[-1]):
            continue
        out.append(stripped)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def to_article(raw: RawDocument) -> Article:
    """Clean ``raw`` (boilerplate removal for plain-text bodies, whitespace normalisation) and
    build the Article with its content-hash id and the removed lines."""
    lines = split_lines(raw.text)
    language = detect_language(raw.text, raw.language) or "en"  # unknown: analysed as before
    removed: list[RemovedLine] = []
    if raw.needs_cleaning:
        findings = find_boilerplate(lines, raw.title, language, raw.outlet)
        drop = {f.index for f in findings}
        removed = [RemovedLine(lines[f.index].strip(), f.reason, f.index + 1) for f in findings]
        lines = [line for i, line in enumerate(lines) if i not in drop]
    text = normalise_lines(lines)
    published = Published(raw.published, "metadata") if raw.published else Published()
    return Article(
        id=Article.make_id(raw.title, text, raw.outlet),
        source=raw.source,
        title=raw.title,
        text=text,
        outlet=raw.outlet,
        url=raw.url,
        language=language,
        published=published,
        removed=tuple(removed),
    )
