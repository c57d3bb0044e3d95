"""Where an article's narrative has moved to, threaded through its time expressions in order.

Two things follow the narrative:

* the antecedents of anaphora (``previous``/``latest``: "then", "that day", "the following
  year"), read by :mod:`.normalise`'s narrative rules;
* the **narrative time** (``time``): the period an explicit date in another year than the
  publication's moved the story to ("visited his doctor in November 2016"). A month (or a
  season: "by the spring") named without a year in the stretch of narrative that follows ("But
  by December, it worsened") takes its year from there (:func:`.normalise.narrative_year`), not
  from the publication date: read against the publication date (2019-11-18) that December was
  2019-12, and a second report of the same events saying "in December 2016" looked like a date
  conflict.

The trap is the other way round too: news moves back to the present all the time, and a month
read against an old narrative time is then as wrong. So the narrative time holds only

* over a short stretch: the rest of its paragraph and the next one (:data:`REACH_PARAGRAPHS`),
  never more than :data:`REACH_SENTENCES` sentences on (a month that keeps the narrative
  renews it: "In January ... then in March" walks on);
* while nothing brings the story back: any date read against the publication date ("on
  Monday", "last year", "two weeks ago", or a month outside the stretch) ends it; an explicit
  date in the publication's own year replaces it, and a narrative time in that year is left
  to the anchor (:meth:`Narrative.reading`);
* in the voice that set it: a quotation speaks from when it was said, not from the narrated
  time, so a date inside one is read against the anchor, and a narrative time set inside a
  quotation holds only inside that quotation;
* for clauses that tell of that time: a narrative before the publication takes a clause in
  the past (or without a tense: a list, a timeline), or a "would" future-in-the-past; a
  present clause or a future from now ("will", "is due to") speaks of the present's months.

The direction comes from the wording (:func:`_points_back`): a past perfect, "earlier",
"previously", "since" look back from the narrative time; "by December", "then in March", "In
January" go on from it. Everything here reads the text and the sentence spans only (no parse),
so that re-anchoring after the publication date is refined (:mod:`newsprism.link.dates`) reads
each expression as extraction did.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

from ..quotes.marks import find_quoted
from .normalise import NarrativeTime, Tense, names_a_year_before
from .values import date_range

__all__ = [
    "ANTECEDENT_SIZES",
    "REACH_PARAGRAPHS",
    "REACH_SENTENCES",
    "Narrative",
    "Place",
    "is_antecedent",
    "narrate",
    "places",
]

#: The sizes of dated period the text may move to ("then", "that day", "the 1988 quarter").
ANTECEDENT_SIZES = ("day", "month", "quarter", "half", "season")
#: Paragraphs after the one holding the narrative time that it still reaches.
REACH_PARAGRAPHS = 1
#: Sentences after the one holding the narrative time that it still reaches, at most.
REACH_SENTENCES = 3
#: Precisions of an explicit date that move the narrative time: a point the story went to. A
#: bare year ("founded in 1998") is background more often than a time the story is told from.
_NARRATIVE_SIZES = ("day", "time", "month", "season", "interval")


def is_antecedent(value: str | None, anchor: date | None, text: str = "", *, years: bool = False) -> bool:
    """Whether ``value`` (of the expression ``text``) can be the antecedent of "then"/"at the
    time", "that day", "a year earlier" (a dated day, month or quarter, half or season: a period
    the text moved to; not a comparison with the year before, :func:`names_a_year_before`).
    With ``years``, a dated year too (the antecedent of "that year")."""
    if names_a_year_before(text):
        return False
    span = date_range(value) if value else None
    sizes = (*ANTECEDENT_SIZES, "year") if years else ANTECEDENT_SIZES
    if span is None or span.precision not in sizes:
        return False
    return anchor is None or value != anchor.isoformat()


@dataclass(frozen=True, slots=True)
class Place:
    """Where one expression sits and what the words around it say (:func:`places`):
    ``paragraph`` and ``sentence`` indexes, ``quote`` the index of the quotation holding it
    (``None`` in the narration), ``back`` whether the wording points back from the narrative
    time, ``now`` whether its clause speaks from the present ("will", "is due to"),
    ``passing`` whether the date is only named in passing (:func:`_in_passing`: it does not
    move the narrative), ``attributive`` whether it names an event before a noun ("the
    late-November trip": a definite event the story already knows, which neither takes nor
    moves the narrative)."""

    paragraph: int
    sentence: int
    quote: int | None = None
    back: bool = False
    now: bool = False
    passing: bool = False
    attributive: bool = False


_PARAGRAPH_BREAK = re.compile(r"\n+")
#: A past participle after "had" (a past perfect, "had felt"), not a noun ("had surgery").
_PARTICIPLE = (
    r"been|\w+(?:ed|en|wn|ne)|begun|made|felt|left|lost|met|sent|spent|put|said|paid|told|won|got|"
    r"had|heard|held|kept|led|brought|bought|built|caught|fought|taught|thought|found|become|"
    r"come|run|struck|stood|sold|set|hit|cut|let|quit|fled|fed|read|sung|drunk|slept|sat|shot"
)
_BACK = re.compile(
    r"\b(?:(?:had|'d)(?:\s+(?:not|never|already|just|first|long|previously|recently|also|only|since))*"
    rf"\s+(?:{_PARTICIPLE})|earlier|previously|prior|before|since|follow(?:ed|s|ing)(?!\s+(?:by|suit)\b))\b",
    re.I,
)
_ON = re.compile(r"\b(?:by|until|till|through|then|later|afterwards?)\s*$", re.I)
_ON_LEAD = re.compile(r"(?:by|until|till|through)\b", re.I)
_NOW = re.compile(
    r"\b(?:will|'ll|shall|won't|(?:is|are|am)\s+(?:now\s+)?(?:going|due|set|scheduled|expected|planned|slated)\s+to)\b",
    re.I,
)
#: A fronted phrase ("In January,", "But by December,") is too short to be its own clause:
#: the clause it heads follows it. Words at most.
_FRONTED_WORDS = 4
_BOUNDARY = re.compile(r",(?!\d)|[;:()—–]|\s-\s")  # not the comma of "$34,410"
_DETERMINER = re.compile(r"(?:\b(?:the|a|an|this|that|its|his|her|their|our|whose)|'s|’s)\s+$", re.I)
_NOUN_AFTER = re.compile(r",?\s*([a-z][a-z-]+)\b")
#: Words after a date that are no noun it could modify.
_NOT_NOUNS_TEXT = (
    "he she they it we i you and or but nor so when while as if then to of in on at for with by "
    "from that which who whom whose was is were are be been had has have will would could should "
    "may might can did does do after before until since than said says"
)
_NOT_NOUNS = frozenset(_NOT_NOUNS_TEXT.split())
_CALENDAR_LEAD = re.compile(
    r"(?:(?:the|a|an)\s+)?(?:(?:early|mid|late)[- ]?)?(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)",
    re.I,
)
_COMPARED = re.compile(
    r"\b(?:from|than|versus|vs\.?|against|compared\s+(?:with|to))\s+[$€£¥]?\d[\d.,]*\s*"
    r"(?:%|[a-z]+\s*)?(?:in|on|at|during|for)?\s*$",
    re.I,
)
_SINCE = re.compile(r"\bsince\s*$", re.I)


def _clause(sentence: str, start: int, end: int) -> tuple[str, str]:
    """The words of the clause around ``sentence[start:end]``, before and after the expression:
    from the last clause boundary before it to the first after it; a fronted phrase ("But by
    December,") takes the clause after it too, and one fronted before it ("Earlier, in June,")
    counts with it."""
    cuts = [m.end() for m in _BOUNDARY.finditer(sentence, 0, start)]
    first = cuts[-1] if cuts else 0
    if len(cuts) >= 2 and len(sentence[cuts[-2] : first].split()) <= _FRONTED_WORDS:
        first = cuts[-2]
    elif len(cuts) == 1 and len(sentence[:first].split()) <= _FRONTED_WORDS:
        first = 0
    after = _BOUNDARY.search(sentence, end)
    last = after.start() if after else len(sentence)
    if after is not None and len(sentence[first:last].split()) <= _FRONTED_WORDS:
        following = _BOUNDARY.search(sentence, after.end())
        last = following.start() if following else len(sentence)
    return sentence[first:start], sentence[end:last]


def _points_back(before: str, expr: str, after: str) -> bool:
    """Whether the clause tells of a time before the narrative's: a past perfect ("had first felt
    ill in September"), "earlier", "previously", "since", "followed" ("the test followed a
    launch in February": the launch came first; not "followed by"). "By December, he had lost
    weight" goes on: what is done by a later month."""
    if _ON.search(before) or _ON_LEAD.match(expr):
        return False
    return _BACK.search(f"{before} {expr} {after}") is not None


def _in_passing(before: str, expr: str) -> bool:
    """Whether a date is named in passing rather than moved to: a figure it is compared with
    ("up from $34,410 in October 2015"), the start of a state that lasts to the present
    ("duties in force since July 2013")."""
    if re.match(r"since\b", expr, re.I):
        return True
    return _COMPARED.search(before) is not None or _SINCE.search(before) is not None


def _attributive(before: str, expr: str, rest: str) -> bool:
    """Whether a date names an event before its noun: "the Dec. 21, 1988, bombing", "the
    late-November trip", "Monday's vote" stays a date of its own (no noun after)."""
    led = _DETERMINER.search(before) is not None or re.match(r"(?:the|a|an)\s", expr, re.I) is not None
    if not led or _CALENDAR_LEAD.match(expr) is None:
        return False
    noun = _NOUN_AFTER.match(rest)
    return noun is not None and noun.group(1).lower() not in _NOT_NOUNS


def places(text: str, spans: Sequence[tuple[int, int]], sentences: Sequence[tuple[int, int]]) -> list[Place]:
    """The :class:`Place` of each span (character offsets into ``text``), given the sentence
    spans of ``text`` (in order; a span outside every sentence counts with the one before)."""
    breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
    starts = [s for s, _ in sentences]
    quotes = [(q.start, q.end) for q in find_quoted(text) if q.depth == 0]
    quote_starts = [s for s, _ in quotes]
    out: list[Place] = []
    for start, end in spans:
        k = bisect_right(starts, start) - 1
        sent_start, sent_end = sentences[k] if k >= 0 else (0, len(text))
        q = bisect_right(quote_starts, start) - 1
        quote = q if q >= 0 and start >= quotes[q][0] and end <= quotes[q][1] else None
        sentence = text[sent_start:sent_end]
        before, after = _clause(sentence, start - sent_start, end - sent_start)
        expr = text[start:end]
        out.append(
            Place(
                paragraph=bisect_right(breaks, start),
                sentence=k,
                quote=quote,
                back=_points_back(before, expr, after),
                now=_NOW.search(f"{before} {after}") is not None,
                passing=_in_passing(before, expr),
                attributive=_attributive(text[sent_start:start], expr, text[end:sent_end]),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class Narrative:
    """Where the text has moved to, threaded through an article's expressions in order:
    ``previous``, the last dated day, month, quarter, half or season (the antecedent of "then",
    "that day", "the 1988 quarter"), and ``latest``, the last dated period of those sizes or a
    year (the antecedent of "that year", "the following year": "He moved to Paris in 1998.
    That year ..."). Years are kept apart: a bare year would otherwise take the place of the
    quarter a report keeps comparing. ``time`` and ``at``: the narrative time and the
    :class:`Place` of the expression that set it (see the module docstring)."""

    previous: str | None = None
    latest: str | None = None
    time: str | None = None
    at: Place | None = None

    def after(
        self,
        expr_type: str,
        value: str | None,
        anchor: date | None,
        text: str,
        place: Place | None = None,
        *,
        moved: bool = False,
        tense: Tense | None = None,
    ) -> Narrative:
        """The narrative once an expression (``expr_type``, ``value``, ``text``) is read at
        ``place`` in a clause of ``tense``; ``moved``: its value does not depend on the anchor
        (an explicit date, an anaphor, a month read in the narrative)."""
        if expr_type != "DATE":
            return self
        time, at = self._time_after(value, anchor, place, moved, tense)
        if is_antecedent(value, anchor, text):
            return Narrative(value, value, time, at)
        if is_antecedent(value, anchor, text, years=True):
            return Narrative(self.previous, value, time, at)
        return Narrative(self.previous, self.latest, time, at)

    def _time_after(
        self, value: str | None, anchor: date | None, place: Place | None, moved: bool, tense: Tense | None
    ) -> tuple[str | None, Place | None]:
        """The narrative time and its place once a dated expression is read (see :meth:`after`):

        * read against the publication date ("last week", "on Monday"): the story is back in
          the present, no narrative time;
        * an explicit date of a day, month or season the story is told from: the new one. Not
          a date named in passing (a comparison, "since"), nor a look back from the narrative
          time ("followed a test in January and a launch in February": both before it, the
          second not before the first), nor one of a past time in a present or future clause
          ("is suffering since ..."), which speaks of the present;
        * a year or longer in another year ("the following year", "in 1998"): the story moved
          on without a month to follow, no narrative time;
        * an attributive date, or one without a calendar value: no change.
        """
        kept = self.time, self.at
        span = date_range(value) if value else None
        if place is None or place.attributive or span is None:
            return kept
        if not moved:
            return None, None
        if span.precision not in _NARRATIVE_SIZES:
            current = date_range(self.time) if self.time else None
            within = (
                current is not None
                and current.first.year <= span.first.year <= span.last.year <= current.last.year
            )
            return kept if within else (None, None)
        if place.passing or (place.back and self.time is not None):
            return kept
        if anchor is not None and span.last < anchor and tense not in ("past", None):
            return None, None
        return value, place

    def reading(self, place: Place | None, tense: Tense | None, anchor: date | None) -> NarrativeTime | None:
        """The narrative time an expression at ``place`` in a clause of ``tense`` may read a
        month without a year against, or ``None`` (read it against the anchor)."""
        if self.time is None or self.at is None or place is None or anchor is None or place.attributive:
            return None
        span = date_range(self.time)
        if span is None or span.first.year <= anchor.year <= span.last.year:
            return None  # the publication's own year: the anchor and the tense say more
        at = self.at
        if place.quote != at.quote:
            return None
        if (
            place.paragraph - at.paragraph > REACH_PARAGRAPHS
            or place.sentence - at.sentence > REACH_SENTENCES
        ):
            return None
        if span.last < anchor:
            if tense == "present" or place.now:
                return None
        elif tense == "past":
            return None
        return NarrativeTime(self.time, back=place.back)


class Reading(Protocol):
    """What a reading of an expression gives: a TIMEX3 type and value."""

    @property
    def type(self) -> str: ...

    @property
    def value(self) -> str | None: ...


R = TypeVar("R", bound=Reading)


def narrate(
    narrative: Narrative,
    place: Place | None,
    text: str,
    anchor: date | None,
    tense: Tense | None,
    read: Callable[[date | None, NarrativeTime | None], R],
) -> tuple[R, Narrative]:
    """Read one expression (``read(anchor, narrative_time)``) in the narrative and the narrative
    after it. Whether its value depends on the anchor is asked by reading it once more without
    one: an explicit date or a month read in the narrative keeps its value, "last week" or a
    month read against the publication date loses it."""
    time = narrative.reading(place, tense, anchor)
    found = read(anchor, time)
    value = found.value
    moved = False
    if found.type == "DATE" and value and value[0].isdigit() and place is not None:
        moved = read(None, time).value == value
    return found, narrative.after(found.type, value, anchor, text, place, moved=moved, tense=tense)
