"""Schedules: a run of dates listed line by line is one list, not one event per line.

A tour, a fixture list or a programme prints its dates as items ("June 9 – Seattle, Climate
Pledge Arena" / "June 12 – Portland, Moda Center" ...). Read item by item, each bare "June 9"
has no verb to take a tense from, so it would be anchored to the publication year (in a November
article, a June that has passed), every item would become a timeline event of its own, and two
outlets that cut the list into sentences differently would pair neighbouring items as rival
dates of one event. A schedule is therefore recognised once, here, from the text alone, so that
extraction (tense) and linking (timeline, date conflicts) agree on it:

* a **schedule** is a run of at least :data:`MIN_ITEMS` time expressions, consecutive in the
  text, one item a line (a short line that is no sentence): between two of them a line break, with at most :data:`MAX_ITEM`
  characters (the rest of one item: its venue) before it and after it, and in between at most
  :data:`MAX_SKIPPED` lines, each no longer than an item (items whose date the recogniser
  missed). Dates in running prose, a sentence or more apart, never form a run.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Least dates in a schedule (two dates in one line are a range or a pair, not a list).
MIN_ITEMS = 3
#: Most characters of one item's line besides its date (a venue, a description).
MAX_ITEM = 60
#: Most lines between two listed dates (items whose date was not recognised).
MAX_SKIPPED = 3


def schedule_runs(text: str, spans: Sequence[tuple[int, int]]) -> list[range]:
    """The schedules among ``spans`` (character spans of time expressions in ``text``, in text
    order) as ranges of their indices. One pass over the spans."""
    runs: list[range] = []
    first = 0
    item = [_short_line(text, s, e) for s, e in spans]
    for k in range(1, len(spans) + 1):
        if k < len(spans) and item[k - 1] and item[k] and _next_line(text[spans[k - 1][1] : spans[k][0]]):
            continue
        if k - first >= MIN_ITEMS:
            runs.append(range(first, k))
        first = k
    return runs


def _short_line(text: str, start: int, end: int) -> bool:
    """Whether the line holding ``start``-``end`` is an item: the date and at most
    :data:`MAX_ITEM` other characters (searched within that reach only), not a sentence (an
    item does not end in ".", "!" or "?": "Hydrovel shelved a repair in 2023." is prose)."""
    lo = max(0, start - MAX_ITEM - 1)
    found = text.rfind("\n", lo, start)
    if found < 0 and lo > 0:
        return False
    hi = end + MAX_ITEM + 1
    line_end = text.find("\n", end, hi)
    if line_end < 0:
        if len(text) > hi:
            return False
        line_end = len(text)
    if text[found + 1 : line_end].rstrip()[-1:] in {".", "!", "?"}:
        return False
    return (start - found - 1) + (line_end - end) <= MAX_ITEM


def _next_line(gap: str) -> bool:
    """Whether ``gap`` (the text between two dates) ends one item's line and starts the next's."""
    if len(gap) > (MAX_SKIPPED + 2) * (MAX_ITEM + 4) or "\n" not in gap:
        return False
    rest, *between, lead = gap.split("\n")
    lines = [line for line in between if line.strip()]
    return (
        len(rest) <= MAX_ITEM
        and len(lead) <= MAX_ITEM
        and len(lines) <= MAX_SKIPPED
        and all(len(line) <= MAX_ITEM + 20 for line in lines)
    )


def schedule_members(text: str, spans: Sequence[tuple[int, int]]) -> dict[int, range]:
    """Index of each span in a schedule -> its schedule (:func:`schedule_runs`)."""
    return {k: run for run in schedule_runs(text, spans) for k in run}
