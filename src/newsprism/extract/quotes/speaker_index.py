"""Per-article indexes behind speaker resolution, so resolving one speaker costs O(log n).

Resolving a speaker used to scan every person mention ("the fullest form of this name"), every
mention ("which entity is this token"), every antecedent ("the latest person before here") and
every quoted stretch ("is this token quoted"). Each scan is linear in the article, and it runs once
per quote, cue or token, so one long article (a 1 MB text has thousands of quotes and tens of
thousands of mentions) took hours. The indexes here are built once per article and answer the same
questions with the same results (ties broken as the scans broke them) by dictionary look-up and
bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import overload

from ...records import Mention

#: Titles dropped from a name before its forms are compared ("Mr. Putin" is "Putin").
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "prof", "prof."})
_FAR = 10**9  # the distance of a form with no mention before the place asked about
JOINT = re.compile(r"\s(?:and|&)\s")
"""What joins two people in one speaker name (a group that speaks together)."""


@lru_cache(maxsize=4096)
def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a name without possessive endings and honorifics."""
    return tuple(t for t in name.replace("’s", "").replace("'s", "").split() if t.lower() not in HONORIFICS)


@dataclass(slots=True)
class _Form:
    """One written form of a person's name and where the article mentions it."""

    name: str
    size: int
    first: int  # index of its first mention among the person mentions
    at: list[tuple[int, int]] = field(default_factory=list)  # (start, mention index), sorted


class PersonNames:
    """An article's person mentions indexed by the leading and trailing words of their names.

    :meth:`fullest` finds the longer forms of a name among the forms that start or end with its
    words (a dictionary look-up), not among all mentions; the nearest earlier mention of a form is
    found by bisection.
    """

    def __init__(self, persons: Sequence[Mention]) -> None:
        self.persons = tuple(persons)
        self._forms: list[_Form] = []
        self._by_words: dict[tuple[str, ...], list[int]] = {}
        by_name: dict[str, int] = {}
        for index, mention in enumerate(self.persons):
            words = name_tokens(mention.text)
            if not words:
                continue
            name = " ".join(words)
            fid = by_name.get(name)
            if fid is None:
                fid = by_name[name] = len(self._forms)
                self._forms.append(_Form(name, len(words), index))
                low = tuple(w.lower() for w in words)
                keys = {low[:k] for k in range(1, len(low) + 1)} | {low[-k:] for k in range(1, len(low) + 1)}
                for key in keys:
                    self._by_words.setdefault(key, []).append(fid)
            insort(self._forms[fid].at, (mention.span.start, index))
        self._own: list[str] | None = None
        self._named: dict[str, list[Mention]] | None = None

    def fullest(self, written: str, prefer: Iterable[str] = (), before: int | None = None) -> str:
        """The fullest form of the name ``written`` among the person mentions ("Putin" ->
        "Vladimir Putin"); ties go to names in ``prefer`` (earlier speakers), then to the nearest
        mention before ``before``, then to the first mentioned. Without a longer form, ``written``
        itself (without honorifics)."""
        words = name_tokens(written)
        if not words:
            return written
        low = tuple(w.lower() for w in words)
        preferred = dict.fromkeys(prefer)
        best: tuple[tuple[int, int, int], int, str] | None = None
        for fid in self._by_words.get(low, ()):
            form = self._forms[fid]
            distance, order = _FAR, form.first
            if before is not None:
                i = bisect_right(form.at, (before, len(self.persons))) - 1
                if i >= 0 and form.at[i][0] >= 0:
                    start = form.at[i][0]
                    distance, order = before - start, form.at[bisect_left(form.at, (start, -1))][1]
            key = (form.size, 1 if form.name in preferred else 0, -distance)
            if best is None or key > best[0] or (key == best[0] and order < best[1]):
                best = (key, order, form.name)
        for order, name in enumerate(preferred, start=len(self.persons)):
            if JOINT.search(name):
                continue  # two people ("Xi Jinping and Trump") are no fuller form of either's name
            cand = name_tokens(name)
            cand_low = [w.lower() for w in cand]
            n = len(low)
            if len(cand_low) < n or not (tuple(cand_low[:n]) == low or tuple(cand_low[-n:]) == low):
                continue
            key = (len(cand_low), 1 if " ".join(cand) in preferred else 0, -_FAR)
            if best is None or key > best[0]:
                best = (key, order, " ".join(cand))
        return best[2] if best else " ".join(words)

    def own_names(self) -> list[str]:
        """Each person mention's fullest name as of that mention (computed once)."""
        if self._own is None:
            self._own = [self.fullest(m.text, before=m.span.start) for m in self.persons]
        return self._own

    def mentions_named(self, name: str) -> list[Mention]:
        """The person mentions whose fullest name (as of the mention) is ``name``, in order."""
        if self._named is None:
            self._named = {}
            for mention, own in zip(self.persons, self.own_names(), strict=True):
                self._named.setdefault(own, []).append(mention)
        return self._named.get(name, [])


class MentionIndex:
    """An article's mentions (sorted by start) with the first one overlapping a range by bisection."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: (m.span.start, m.span.end))
        self._starts = [m.span.start for m in self.mentions]
        self._reach = list(accumulate((m.span.end for m in self.mentions), max))  # running max of ends
        self.persons = PersonNames([m for m in self.mentions if m.label == "PERSON"])

    def at(self, start: int, end: int) -> Mention | None:
        """The first mention overlapping ``[start, end)``."""
        i = bisect_right(self._reach, start)  # the first mention ending after ``start``
        if i < bisect_left(self._starts, end):
            return self.mentions[i]
        return None


@dataclass(frozen=True, slots=True)
class Antecedent:
    """An earlier speaker or subject a pronoun or description may refer to."""

    pos: int
    name: str
    kind: str  # person, person-weak, org, place (a country or city put forward as a subject), group,
    # document-person / document-org (a statement put forward, named by its author), document


class AntecedentPool:
    """Earlier speakers and subjects by kind, each kind sorted by position, for "the latest
    antecedent of this kind before here" by bisection."""

    def __init__(self, antecedents: Iterable[Antecedent] = ()) -> None:
        self._all: list[Antecedent] = []
        self._by_kind: dict[str, list[tuple[int, int]]] = {}
        for a in antecedents:
            self.append(a)

    def append(self, a: Antecedent) -> None:
        insort(self._by_kind.setdefault(a.kind, []), (a.pos, -len(self._all)))
        self._all.append(a)

    def __iter__(self) -> Iterator[Antecedent]:
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)

    def last(self, pos: int, kind: str) -> Antecedent | None:
        """The latest antecedent of ``kind`` before ``pos`` (the first added among equals)."""
        entries = self._by_kind.get(kind, [])
        i = bisect_left(entries, (pos, -len(self._all) - 1)) - 1
        return self._all[-entries[i][1]] if i >= 0 else None


class SpanSet(Sequence[tuple[int, int]]):
    """Character spans (overlapping or not) with "is this position inside one" by bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]], skip: tuple[int, int] | None = None) -> None:
        self.spans = sorted(spans)
        self._starts = [s for s, _ in self.spans]
        self._reach = list(accumulate((e for _, e in self.spans), max))  # running max of ends
        self._skip = skip

    def covers(self, pos: int) -> bool:
        """Whether some span has ``start <= pos < end``."""
        if self._skip is not None and self._skip[0] <= pos < self._skip[1]:
            return False
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._reach[i]

    def containing(self, start: int, end: int) -> tuple[int, int] | None:
        """The span holding ``[start, end)``, for spans that do not overlap one another."""
        i = bisect_right(self._starts, start) - 1
        return self.spans[i] if i >= 0 and end <= self.spans[i][1] else None

    def without(self, span: tuple[int, int] | None) -> SpanSet:
        """These spans less ``span`` (a member), for spans that do not overlap one another."""
        other = SpanSet((), span)
        other.spans, other._starts, other._reach = self.spans, self._starts, self._reach
        return other

    def overlap(self, start: int, end: int) -> int:
        """The characters of ``[start, end)`` inside the spans, counted once per span."""
        first = bisect_right(self._reach, start)  # spans before this one end before ``start``
        last = bisect_left(self._starts, end)
        return sum(max(0, min(end, e) - max(start, s)) for s, e in self.spans[first:last])

    def __len__(self) -> int:
        return len(self.spans)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[int, int]]: ...
    def __getitem__(self, index: int | slice) -> tuple[int, int] | Sequence[tuple[int, int]]:
        return self.spans[index]
