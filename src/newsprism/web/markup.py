"""HTML built from untrusted article text: highlighted spans and search snippets.

Every piece of article text is escaped here, once, before any tag is added around it; nothing
from an article becomes markup. Spans are exact character offsets into the text (the stored
analysis's), so the text is cut at those offsets, never searched for the span's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from typing import Literal

Kind = Literal["quote", "speaker", "entity", "figure", "time"]


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the text to highlight as ``kind``, with a tooltip and an optional link (a path
    of this app, never a URL from the article)."""

    start: int
    end: int
    kind: Kind
    title: str = ""
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Highlighted:
    """The text as HTML, and how many marks were left out because their offsets do not fit it."""

    html: str
    out_of_range: int


def highlight(text: str, marks: Sequence[Mark]) -> Highlighted:
    """``text`` escaped, each stretch covered by marks wrapped in ``<span class="hl k-KIND">``
    (one class per kind covering it; marks overlap and cross freely, e.g. an entity inside a
    quote), linked to the innermost covering mark's ``href``.

    The text is cut at every mark boundary and each piece rendered once, with the marks active
    there: a sweep over the sorted boundaries, so the work grows with the text and the marks, not
    their product (only the few marks covering one piece are looked at for it).
    """
    kept = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, m in enumerate(kept):
        starts.setdefault(m.start, []).append(i)
        ends.setdefault(m.end, []).append(i)
    bounds = sorted({0, len(text), *starts, *ends})
    active: dict[int, Mark] = {}
    parts: list[str] = []
    for left, right in pairwise(bounds):
        for i in ends.get(left, ()):
            active.pop(i, None)
        for i in starts.get(left, ()):
            active[i] = kept[i]
        piece = escape(text[left:right])
        if not active:
            parts.append(piece)
            continue
        covering = sorted(active.values(), key=lambda m: (m.end - m.start, m.kind))
        kinds = " ".join(f"k-{k}" for k in sorted({m.kind for m in covering}))
        title = "; ".join(dict.fromkeys(m.title for m in covering if m.title))
        span = f'<span class="hl {kinds}" title="{escape(title)}">{piece}</span>'
        href = next((m.href for m in covering if m.href), None)
        parts.append(f'<a href="{escape(href)}">{span}</a>' if href else span)
    return Highlighted("".join(parts), len(marks) - len(kept))


def snippet_html(snippet: str, open_mark: str, close_mark: str) -> str:
    """A search snippet with the matched words between ``open_mark`` and ``close_mark`` as HTML:
    the snippet escaped first, then each marked stretch wrapped in ``<mark>`` (so markup in the
    article shows as text, and a marker can never open a tag). An unpaired marker stays as text."""
    escaped = escape(snippet)
    pattern = f"{re.escape(escape(open_mark))}(.+?){re.escape(escape(close_mark))}"
    return re.sub(pattern, r"<mark>\1</mark>", escaped, flags=re.DOTALL)
