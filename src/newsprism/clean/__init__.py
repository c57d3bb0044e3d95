"""Turn a :class:`~newsprism.records.RawDocument` into a clean :class:`~newsprism.records.Article`."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ..nlp.text import paragraph_cut
from ..records import Article, Published, RawDocument, RemovedLine
from .boilerplate import find_boilerplate
from .language import detect_language

__all__ = ["cut_note", "cut_to_length", "nfc", "normalise_lines", "split_lines", "to_article"]

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


def cut_to_length(text: str, max_chars: int) -> str:
    """``text`` cut at the last paragraph boundary (blank line, else line break, else sentence
    end) within ``max_chars`` characters, trailing whitespace removed; ``text`` when it fits.

    One over-long text (a whole book pasted into one JSONL line) would otherwise cost the parser
    memory and time for the run and, past spaCy's limit, end it."""
    return text if len(text) <= max_chars else text[: paragraph_cut(text, max_chars)].rstrip()


def cut_note(original: int, kept: int, max_chars: int) -> str:
    """The one-line note an article cut to ``max_chars`` carries (and the CLI prints)."""
    return f"cut from {original:,} to {kept:,} characters at a paragraph boundary (max_chars {max_chars:,})"


def _normal(value: str) -> str:
    return unicodedata.normalize("NFC", value.replace("\x00", ""))


def nfc(raw: RawDocument) -> RawDocument:
    """``raw`` with its title, outlet and text in Unicode normal form C and without NUL characters
    (itself when they are so). A NUL carries no text, and PostgreSQL cannot store one: a JSON
    ``\\u0000`` in one article failed its whole ingest batch there."""
    fields = {"title": raw.title, "outlet": raw.outlet or "", "text": raw.text}
    if all(unicodedata.is_normalized("NFC", value) and "\x00" not in value for value in fields.values()):
        return raw
    return replace(
        raw,
        title=_normal(raw.title),
        outlet=None if raw.outlet is None else _normal(raw.outlet),
        text=_normal(raw.text),
    )


def to_article(raw: RawDocument, max_chars: int | None = None) -> Article:
    """Clean ``raw`` (boilerplate removal for plain-text bodies, whitespace normalisation), cut it
    to ``max_chars`` when longer, and build the Article with its content-hash id, the removed
    lines and the notes (the reader's and the cut's).

    The body is cut to twice ``max_chars`` before cleaning too, so the cleaner's work is bounded
    by the cap, not by the input (a 5 MB body took minutes), while an article only over the cap
    because of boilerplate is not cut.

    This is the one Unicode normalisation point of every reader (text, HTML, JSONL, WARC, feed):
    title, outlet and body are made NFC here, so "café" typed as "e" + combining accent and as
    one character are the same word for every later step (trafilatura normalises its own output,
    the text and JSON readers pass the bytes' text on as it is)."""
    raw = nfc(raw)
    body = raw.text if max_chars is None else cut_to_length(raw.text, 2 * max_chars)
    lines = split_lines(body)
    language = detect_language(body, raw.language) or "en"  # unknown: analysed as before
    removed: list[RemovedLine] = []
    if raw.needs_cleaning:
        findings = find_boilerplate(lines, raw.title, language, raw.outlet)
        drop = {f.index for f in findings}
        removed = [RemovedLine(lines[f.index].strip(), f.reason, f.index + 1) for f in findings]
        lines = [line for i, line in enumerate(lines) if i not in drop]
    whole = normalise_lines(lines)
    text = whole if max_chars is None else cut_to_length(whole, max_chars)
    cut = len(body) < len(raw.text) or len(text) < len(whole)
    notes = raw.notes + ((cut_note(len(raw.text), len(text), max_chars),) if cut and max_chars else ())
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
        cut_from=len(raw.text) if cut else None,
        notes=notes,
    )
