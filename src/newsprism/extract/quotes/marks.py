"""Quotation-mark pairing over plain text: pure string functions, no parsing.

Pairs curly (“ ” ‘ ’ « » „) and straight (" ') marks paragraph by paragraph. A mark left open at the
end of a paragraph closes there (the newspaper convention for a quote running over several
paragraphs, and the repair for a lost closing mark); a closing mark with no opening one opens at
the paragraph start (a lost opening mark). Single quotes count only where they cannot be an
apostrophe.

Titles of songs, films, books and shows are quoted too ("the single “Blinding Lights”", "hits
including “Black Water,” “China Grove” and others"): :func:`titles` finds them, so that they are
not taken for speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...records import trim_span

DOUBLE_OPEN = frozenset("“„«")
DOUBLE_CLOSE = frozenset("”»")
SINGLE_OPEN = frozenset("‘‹")
SINGLE_CLOSE = frozenset("’›")
ALL_MARKS = frozenset('"“”„«»‘’‹›')
_SEPARATOR_MARKS = frozenset("»›")

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


def _straight_double_opens(text: str, i: int, width: int = 1) -> bool:
    """A straight double quote at ``i`` (``width`` 2 for two apostrophes) opens when preceded by a
    space, bracket or line start."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if before.isspace() or before in "([{—–-/":
        return not after.isspace()
    return False


_INCH = re.compile(r"\d(?:'\d+(?:\.\d+)?)?$")


def _double_apostrophe(text: str, i: int) -> bool:
    """Whether ``i`` starts two apostrophes used as a double quotation mark (''We will,'' she
    said): the wire and newspaper-archive convention. Not three or more in a row."""
    return (
        text.startswith("''", i)
        and (i == 0 or text[i - 1] != "'")
        and (i + 2 >= len(text) or text[i + 2] != "'")
    )


def _not_a_mark(text: str, i: int) -> bool:
    """A straight double quote that quotes nothing: an inch mark right after a number (6'4", a 12"
    record), or the value quotes of markup that survived extraction (<tweet tweet-id="...">, where
    the lone mark after "=" once made the paragraph's start a quote with a lost opening mark)."""
    if (i > 0 and text[i - 1] == "=") or text[i + 1 : i + 2] == ">":
        return True
    return _INCH.search(text, max(0, i - 12), i) is not None


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
        if ch == "'" and (text[i - 1 : i] == "'" or text[i + 1 : i + 2] == "'"):
            continue  # one of two apostrophes: a double quotation mark
        if opened is None and (ch in SINGLE_OPEN or ch == "'") and _single_opens(text, i):
            opened = i
        elif opened is not None and (ch in SINGLE_CLOSE or ch == "'") and _single_closes(text, i):
            s, e = trim_span(text, opened + 1, i)
            if e > s:
                found.append(Marked(s, e, depth=1))
            opened = None
    return found


def _paragraph_quotes(text: str, p_start: int, p_end: int, carried: bool) -> tuple[list[Marked], bool]:
    """Quotes of one paragraph, and whether the paragraph ends inside an open quote."""
    found: list[Marked] = []
    opened: int | None = None
    first_mark = True
    i = p_start - 1
    while i + 1 < p_end:
        i += 1
        ch = text[i]
        width = 1
        if ch in DOUBLE_OPEN:
            is_open = True
        elif ch in DOUBLE_CLOSE:
            is_open = False
        elif ch == '"' or (ch == "'" and _double_apostrophe(text, i)):
            width = 2 if ch == "'" else 1
            if ch == '"' and _not_a_mark(text, i):
                continue
            is_open = opened is None and _straight_double_opens(text, i, width)
            if opened is None and not is_open and (i == p_start or text[i - 1].isspace()):
                # Nothing open and a space before it: an opening mark spaced off its words
                # (' " guest-edited " ', as tokenised archives print them), never a closing mark
                # whose opening one was lost: that reading made the whole paragraph before it a
                # quote. A lost opening mark is recovered only from a mark that ends a word.
                is_open = True
        else:
            continue
        if is_open and opened is None:
            opened = i
            continued = carried and first_mark and not text[p_start:i].strip()
            first_mark = False
            found.append(Marked(i + width, -1, continued=continued))
        elif is_open:
            # a second opening mark while open: the previous quote lost its closing mark
            prev = found.pop()
            s, e = trim_span(text, prev.start, i)
            found.append(Marked(s, e, close_lost=True, continued=prev.continued))
            opened = i
            found.append(Marked(i + width, -1))
        elif opened is not None:
            prev = found.pop()
            s, e = trim_span(text, prev.start, i)
            found.append(Marked(s, e, continued=prev.continued))
            opened = None
            first_mark = False
        elif ch in _SEPARATOR_MARKS:
            # A guillemet with nothing open is a separator, not a quote's end: breadcrumbs
            # ("News » World"), "read more »" links, a headline run into the text ("…, police
            # confirm » Commissioner X said"). Recovering a lost opening mark here made the whole
            # paragraph before it a quote.
            first_mark = False
        else:
            # a closing mark with nothing open: the opening mark was lost at the paragraph start
            s, e = trim_span(text, p_start, i)
            if e > s and not found:
                found.append(Marked(s, e, open_lost=True))
            first_mark = False
        i += width - 1
    open_at_end = opened is not None
    if open_at_end:
        prev = found.pop()
        s, e = trim_span(text, prev.start, p_end)
        cut = trailing_cue(text[s:e])
        if cut is not None and cut > 0:
            s, e = trim_span(text, s, s + cut)
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


#: Longest quoted title (in words); a longer quoted stretch is taken for speech.
MAX_TITLE_WORDS = 8
#: A word naming a work, or a verb naming one, right before a quoted title.
_TITLE_CUE = re.compile(
    r"\b(?:songs?|singles?|album|EP|LP|tracks?|hits?|anthem|ballad|film|movie|documentary|series|"
    r"sitcom|show|programme|program|episode|book|novel|memoir|play|musical|opera|poem|podcast|"
    r"video|titled|entitled|called|dubbed|named|starring\s+in|starred\s+in|stars\s+in)"
    r"\s*[,:]?\s*$",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"^(?:[\s,;\"“”„«»‘’‹›']|\b(?:and|or)\b)*$")
_SMALL_WORDS = 3  # words this short may stay lower-case in a title ("Takin’ It to the Streets")


def _title_cased(content: str) -> bool:
    """Whether ``content`` reads as a title: a few words, the first and every long one capitalised."""
    ws = content.strip(" ,.;:!?").split()
    if not ws or len(ws) > MAX_TITLE_WORDS or not (ws[0][0].isupper() or ws[0][0].isdigit()):
        return False
    return all(w[0].isupper() or w[0].isdigit() or len(w) <= _SMALL_WORDS for w in ws if w[0].isalpha())


def titles(text: str, marked: list[Marked]) -> set[tuple[int, int]]:
    """The quoted stretches of ``marked`` (in text order) that are titles, not speech: short and
    title-cased, and either right after a word naming a work ("the single", "starring in",
    "titled") or one of a list of such quoted stretches separated only by commas and "and".

    A capitalised short quote alone ("“Unacceptable,” he said") is speech: the title needs the
    naming word or the list, and a list needs every neighbour title-cased too."""
    cased = [_title_cased(text[m.start : m.end]) for m in marked]
    found: set[tuple[int, int]] = set()
    for i, m in enumerate(marked):
        if not cased[i]:
            continue
        before = text[max(0, m.start - 40) : m.start].rstrip("\"“„«‘‹' ")
        listed = any(
            0 <= j < len(marked)
            and cased[j]
            and marked[j].depth == m.depth
            and _LIST_GAP.match(gap) is not None
            for j, gap in (
                (i - 1, text[marked[i - 1].end : m.start] if i > 0 else "x"),
                (i + 1, text[m.end : marked[i + 1].start] if i + 1 < len(marked) else "x"),
            )
        )
        if listed or _TITLE_CUE.search(before):
            found.add((m.start, m.end))
    return found
