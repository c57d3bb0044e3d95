"""Quotation-mark pairing over plain text: pure string functions, no parsing.

Pairs curly (“ ” ‘ ’ « » „) and straight (" ') marks paragraph by paragraph. A mark left open at the
end of a paragraph closes there (the newspaper convention for a quote running over several
paragraphs, and the repair for a lost closing mark); a closing mark with no opening one opens at
the paragraph start (a lost opening mark). Single quotes count only where they cannot be an
apostrophe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = frozenset("“„«")
DOUBLE_CLOSE = frozenset("”»")
SINGLE_OPEN = frozenset("‘‹")
SINGLE_CLOSE = frozenset("’›")
ALL_MARKS = frozenset('"“”„«»‘’‹›')

_PARAGRAPH = re.compile(r"[^\n]+")
_TRAILING_CUE = re.compile(
    r",\s+(?:according\s+to\s+[^,.;\"“”]{1,60}"
    r"|(?:he|she|they|it|[A-Z][\w.\-’']*(?:\s+[A-Z][\w.\-’']*){0,3})\s+"
    r"(?:said|says|added|adds|noted|notes|explained|stated|continued|wrote|told\s+\w+))\.?\s*$"
)


@dataclass(frozen=True, slots=True)
class Marked:
    """Text between a pair of quotation marks (``start``/``end`` exclude the marks).

    ``open_lost``: no opening mark (the quote starts at the paragraph start); ``close_lost``: no
    closing mark (the quote ends at the paragraph end, or before a trailing attribution);
    ``continued``: the paragraph opens with a mark while the previous paragraph ended inside an
    unclosed quote (a quote running over paragraphs). ``depth`` is 0 for outer quotes, 1 for a quote
    nested inside another.
    """

    start: int
    end: int
    depth: int = 0
    open_lost: bool = False
    close_lost: bool = False
    continued: bool = False


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _straight_double_opens(text: str, i: int) -> bool:
    """A straight double quote at ``i`` opens when preceded by a space, bracket or line start."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-/":
        return not after.isspace()
    return False


def _single_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in '([{—–-/"“') and _is_word(after)


def _single_closes(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if _is_word(before) and _is_word(after):
        return False  # an apostrophe inside a word: don't, Xi's
    return not before.isspace() and not _is_word(after)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def trailing_cue(content: str) -> int | None:
    """Offset in ``content`` where a trailing attribution (", she added.") starts, if any."""
    m = _TRAILING_CUE.search(content)
    return m.start() if m else None


def _singles(text: str, start: int, end: int) -> list[Marked]:
    """Single-quoted stretches inside ``text[start:end]`` (nested quotes)."""
    found: list[Marked] = []
    opened: int | None = None
    for i in range(start, end):
        ch = text[i]
        if opened is None and (ch in SINGLE_OPEN or ch == "'") and _single_opens(text, i):
            opened = i
        elif opened is not None and (ch in SINGLE_CLOSE or ch == "'") and _single_closes(text, i):
            s, e = _trim(text, opened + 1, i)
            if e > s:
                found.append(Marked(s, e, depth=1))
            opened = None
    return found


def _paragraph_quotes(text: str, p_start: int, p_end: int, carried: bool) -> tuple[list[Marked], bool]:
    """Quotes of one paragraph, and whether the paragraph ends inside an open quote."""
    found: list[Marked] = []
    opened: int | None = None
    first_mark = True
    for i in range(p_start, p_end):
        ch = text[i]
        if ch in DOUBLE_OPEN:
            is_open = True
        elif ch in DOUBLE_CLOSE:
            is_open = False
        elif ch == '"':
            is_open = opened is None and _straight_double_opens(text, i)
            if opened is None and not is_open and not text[p_start:i].strip():
                is_open = True
        else:
            continue
        if is_open and opened is None:
            opened = i
            continued = carried and first_mark and not text[p_start:i].strip()
            first_mark = False
            found.append(Marked(i + 1, -1, continued=continued))
        elif is_open:
            # a second opening mark while open: the previous quote lost its closing mark
            prev = found.pop()
            s, e = _trim(text, prev.start, i)
            found.append(Marked(s, e, close_lost=True, continued=prev.continued))
            opened = i
            found.append(Marked(i + 1, -1))
        elif opened is not None:
            prev = found.pop()
            s, e = _trim(text, prev.start, i)
            found.append(Marked(s, e, continued=prev.continued))
            opened = None
            first_mark = False
        else:
            # a closing mark with nothing open: the opening mark was lost at the paragraph start
            s, e = _trim(text, p_start, i)
            if e > s and not found:
                found.append(Marked(s, e, open_lost=True))
            first_mark = False
    open_at_end = opened is not None
    if open_at_end:
        prev = found.pop()
        s, e = _trim(text, prev.start, p_end)
        cut = trailing_cue(text[s:e])
        if cut is not None and cut > 0:
            s, e = _trim(text, s, s + cut)
        found.append(Marked(s, e, close_lost=True, continued=prev.continued))
    return [m for m in found if m.end > m.start], open_at_end


def find_quoted(text: str) -> list[Marked]:
    """Every quoted stretch of ``text`` (outer double-quoted ones, then single quotes nested in them
    or standing alone), in text order."""
    result: list[Marked] = []
    carried = False
    for para in _PARAGRAPH.finditer(text):
        if not para.group().strip():
            continue
        quotes, carried = _paragraph_quotes(text, para.start(), para.end(), carried)
        covered: list[tuple[int, int]] = []
        for q in quotes:
            result.append(q)
            covered.append((q.start, q.end))
            result.extend(_singles(text, q.start, q.end))
        # stand-alone single-quoted stretches outside double quotes (titles, some house styles)
        pos = para.start()
        for s, e in [*covered, (para.end(), para.end())]:
            for single in _singles(text, pos, s):
                result.append(Marked(single.start, single.end, depth=0))
            pos = e
    result.sort(key=lambda m: (m.start, m.depth))
    return result
