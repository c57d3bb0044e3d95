"""Plain-text articles: the first non-empty line is the headline, the rest is the body as received.

A first line too long to be a headline is the body's first paragraph: the file has no headline.
"""

from __future__ import annotations

import re

from ..records import RawDocument, Skip

# " – Times of India", " | World Report", " - Reuters": a separator with whitespace on both sides.
_SEPARATOR = re.compile(r"\s+[–—|-]\s+")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")
# Lowercase words allowed inside an outlet name ("Times of India", "Voice of the People").
_CONNECTORS = frozenset(
    {"of", "the", "and", "&", "for", "on", "in", "at", "de", "la", "le", "du", "des", "el"}
)
# Title-cased suffixes that are parts of a headline, not outlets.
_NOT_OUTLETS = frozenset(
    {"live", "live updates", "update", "updates", "opinion", "analysis", "video", "photos", "explained"}
)
MAX_OUTLET_WORDS = 5
#: A first line longer than this is a paragraph, not a headline. Headlines run to about 20 words
#: (a headline with a deck rarely passes 35); a file saved as one paragraph per line (a corpus
#: dump, a pasted body) starts with a paragraph, which would otherwise become the title and, when
#: it is the only line, leave the article "only a headline" and skipped.
MAX_HEADLINE_WORDS = 40


def split_outlet(headline: str) -> tuple[str, str | None]:
    """``(title, outlet)``: the outlet named in the headline's suffix, removed from the title.

    Only a short (at most five words), capitalised suffix after a spaced separator, following a
    longer part, counts as an outlet; otherwise the headline is returned whole with ``None``.
    """
    matches = list(_SEPARATOR.finditer(headline))
    if not matches:
        return headline, None
    last = matches[-1]
    head = headline[: last.start()].strip()
    suffix = headline[last.end() :].strip()
    if _looks_like_outlet(suffix, head):
        return head, suffix
    return headline, None


def _looks_like_outlet(suffix: str, head: str) -> bool:
    words = suffix.split()
    if not words or len(words) > MAX_OUTLET_WORDS or len(head.split()) <= len(words):
        return False
    if _DOMAIN.fullmatch(suffix):
        return True
    if suffix.lower() in _NOT_OUTLETS or not suffix[0].isupper() or suffix[-1] in "?!:;,\"'”’":
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _CONNECTORS for w in words)


def read_text(source: str, content: str, fmt: str = "text") -> RawDocument | Skip:
    """One article from plain text (already decoded): headline line, then the body."""
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    if not content.strip():
        return Skip(source, "file contains only whitespace")
    offset = 0
    while True:
        end = content.find("\n", offset)
        line = content[offset:] if end < 0 else content[offset:end]
        if line.strip():
            break
        offset = end + 1
    if len(line.split()) > MAX_HEADLINE_WORDS:
        return RawDocument(source=source, text=content[offset:], fmt=fmt, title="", needs_cleaning=True)
    body = "" if end < 0 else content[end + 1 :]
    if not body.strip():
        return Skip(source, "only a headline, no body text")
    title, outlet = split_outlet(line.strip())
    return RawDocument(source=source, text=body, fmt=fmt, title=title, outlet=outlet, needs_cleaning=True)
