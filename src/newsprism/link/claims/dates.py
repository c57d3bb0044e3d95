"""Date conflicts: articles of different origins giving incompatible dates for one event.

Every DATE time expression with a calendar value (:func:`~newsprism.extract.timex.values.date_range`:
a day, week, month, quarter, half, season, year ... or an interval; not ``PAST_REF``/``PRESENT_REF``/
``FUTURE_REF``, not a duration) is attached to its sentence; the *event* is that sentence's meaning keys and
entities (a name counts once, as its entity) with the words of its date expressions left out,
so two reports of one meeting align whatever date they give it. Events are aligned as sentence claims are
(:func:`..sentences.aligned`, candidate pairs from an inverted index of rare keys). The
items of a schedule (dates listed one a line: :mod:`newsprism.extract.timex.schedule`) are one
list, not events of their own: they are never set against each other or another list's items. Two
aligned events of different origins conflict when their dates are incompatible: not equal and
neither containing the other (``2022-02`` contains ``2022-02-04``, a week its days, an interval
its days, ``2022-Q3`` its months: ``2022-Q3`` and ``2022-05`` conflict, ``2022-Q3`` and ``2022-08``
do not), unless either sentence also gives the other's date: a sentence of several dates is a
list ("June 9 -- Tampa, June 14 -- Atlanta, June 17 -- Nashville", a tour's dates run into one
line), and its items are not rival dates of each other or of another outlet's printing of the
list. And a sentence often tells of several events, each with its own date ("the heirs filed a
complaint on Monday, saying the collector fled Berlin in May 1933"): the clause that holds a date
(:func:`.quantities.clause_of`; the sentence when that clause is little more than the date, as
a fronted "On Monday,") must share :data:`MIN_CLAUSE_SHARED` keys with the other sentence, so a
flight in 1933 is not set against a complaint filed on Monday because both sentences name the
heirs. Both day-precise -> ``contradiction``, else ``inconsistent_detail``.

A date right after a verb of telling ("Beijing announced on Monday that Xi would leave ...",
"the ministry said last week that ...") dates the telling, not the event told, and a story is
told many times: each party announces, confirms, repeats, on its own day. Set against the
sentence's other words, two such dates looked like rival dates of one event whenever the two
tellings shared their subject (a summit): the date of one announcement (where the summit would
be) against the date of another (when the leader would leave for it). So a date of telling
(:func:`telling_date`) is only set against another date of telling, and only when what was told
(the words after the date, a leading "that" aside) aligns as one event's sentences do; never
against a date of the event itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from ...extract.quotes.speakers import SPEECH_VERBS
from ...extract.timex.schedule import schedule_members
from ...extract.timex.values import date_range
from ...records import (
    Article,
    ArticleAnalysis,
    Citation,
    Claim,
    Conflict,
    ConflictValue,
    Severity,
    Span,
    paired,
)
from ...words import fold, idf_table, words
from ..conflicts import make_conflict
from ..keys import candidate_pairs
from ..sentences import MIN_SHARED_KEYS, SentenceUnit, aligned, named_mentions, span_keys
from .quantities import clause_of

#: Least meaning keys of an event (the sentence without its dates).
MIN_EVENT_KEYS = 4
#: Least alignment score of two events (stricter than sentence claims: a sentence often holds
#: several events, and a date conflict is a strong statement).
MIN_EVENT_SCORE = 0.35
#: Posting lists longer than this are not used to block.
MAX_POSTINGS = 200
#: Least keys of the clause holding a date for it to stand for the date's event (else the
#: sentence does: "On Monday," is a clause of the date alone).
MIN_CLAUSE_KEYS = 2
#: Least keys the clause holding each date shares with the other sentence of a date conflict.
MIN_CLAUSE_SHARED = 2


#: Speech verbs that also name acts other than telling ("talks continued on Monday", "the vote
#: was called last week"): a date after them is the act's own.
_NOT_TELLING = frozenset(
    {"continue", "call", "post", "signal", "express", "reference", "quote", "term", "talk"}
)
_IRREGULAR = {"say": ("said",), "tell": ("told",), "write": ("wrote",), "speak": ("spoke",)}


def _inflections(lemma: str) -> set[str]:
    """The present and past forms of a verb of telling as they appear before a date."""
    past = lemma + "d" if lemma.endswith("e") else lemma[:-1] + "ied" if lemma.endswith("y") else lemma + "ed"
    third = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x")) else lemma + "s"
    doubled = (
        {lemma + lemma[-1] + "ed"}
        if lemma[-1] in "tpgl" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou"
        else set()
    )
    return {lemma, past, third, *doubled, *_IRREGULAR.get(lemma, ())}


#: Forms of the verbs of telling (the speech verbs, and "reveal"/"disclose").
TELLING_FORMS: frozenset[str] = frozenset(
    form for lemma in (SPEECH_VERBS | {"reveal", "disclose"}) - _NOT_TELLING for form in _inflections(lemma)
)
#: Words between a verb of telling and its date ("announced on Monday", "said earlier this week").
_BEFORE_DATE = frozenset({"on", "in", "at", "earlier", "late", "early"})


def telling_date(text: str, start: int, end: int) -> str | None:
    """What was told, when the date at ``start``-``end`` of ``text`` (which ends at the
    sentence's end) dates a telling: the words after the date, a leading "that" left out; None
    when the word before the date (past "on", "in", "earlier" ...) is no verb of telling."""
    before = [w for w in words(text[max(0, start - 60) : start]) if w not in _BEFORE_DATE][-1:]
    if not before or fold(before[0]) not in TELLING_FORMS:
        return None
    told = text[end:].lstrip(" ,")
    return told[5:] if told[:5].lower() == "that " else told


def compatible(a: str, b: str) -> bool:
    """Whether two calendar values can name the same date: equal, or one contains the other.
    Values without a calendar range are never said to disagree."""
    if a == b:
        return True
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return True
    return ra.covers(rb) or rb.covers(ra)


def _day_precise(value: str) -> bool:
    span = date_range(value)
    return span is not None and span.precision in ("day", "time")


@dataclass(frozen=True, slots=True)
class DatedEvent:
    """A sentence with one calendar date: the event (keys without the date words) and the date."""

    unit: SentenceUnit
    value: str
    text: str  # the time expression as written
    clause: frozenset[str] = frozenset()  # keys of the clause holding the date; empty: the sentence's
    told: frozenset[str] | None = None  # a date of telling: the keys of what was told (telling_date)

    def event_keys(self) -> frozenset[str]:
        """Keys of the clause holding the date, or of the sentence when none are set."""
        return self.clause or self.unit.keys


def dated_events(
    articles: Sequence[Article], analyses: Sequence[ArticleAnalysis], entity_at: Mapping[tuple[str, int], str]
) -> list[DatedEvent]:
    """One :class:`DatedEvent` per calendar DATE expression, in article and text order."""
    out: list[DatedEvent] = []
    for pair in paired(articles, analyses):
        order, article, analysis = pair.order, pair.article, pair.analysis
        named = named_mentions(analysis, entity_at)
        timexes = sorted(analysis.time_expressions, key=lambda t: (t.span.start, t.span.end))
        listed = schedule_members(article.text, [(t.span.start, t.span.end) for t in timexes])
        scheduled = {timexes[k].id for k in listed}
        for start, end in analysis.sentences:
            inside = [t for t in analysis.time_expressions if start <= t.span.start < end]
            dates = [
                t
                for t in inside
                if t.type == "DATE" and t.value and date_range(t.value) and t.id not in scheduled
            ]
            if not dates:
                continue
            text = article.text[start:end]
            for t in sorted(inside, key=lambda t: t.span.start, reverse=True):
                a, b = t.span.start - start, min(t.span.end, end) - start
                text = text[:a] + " " * (b - a) + text[b:]
            keys = span_keys(text, start, [m for m in named if start <= m.span.start < end], entity_at)
            if len(keys) < MIN_EVENT_KEYS:
                continue
            unit = SentenceUnit(article.id, order, start, end, article.text[start:end], frozenset(keys))
            for t in dates:
                lo, hi = clause_of(article.text, t.span.start, t.span.end, (start, end))
                inner = [m for m in named if lo <= m.span.start < hi]
                clause = span_keys(text[lo - start : hi - start], lo, inner, entity_at)
                clause_keys = frozenset(clause) if len(clause) >= MIN_CLAUSE_KEYS else unit.keys
                told = telling_date(text, t.span.start - start, min(t.span.end, end) - start)
                told_keys = None
                if told is not None:
                    lo = start + len(text) - len(told)
                    inner = [m for m in named if lo <= m.span.start < end]
                    told_keys = frozenset(span_keys(told, lo, inner, entity_at))
                out.append(DatedEvent(unit, str(t.value), t.text, clause_keys, told_keys))
    return out


def date_conflicts(
    events: Sequence[DatedEvent],
    origin_of: Mapping[str, str],
    related: Callable[[str, str], bool] = lambda a, b: True,
) -> list[Conflict]:
    """Conflicts between aligned events of different origins with incompatible dates, best
    aligned first; each date expression is in at most one conflict. Only articles ``related``
    reports of one story (:mod:`.claim_scope`) are compared, and no pair where either sentence
    also gives the other's date (a list of dates)."""
    idf = idf_table(e.unit.keys for e in events)
    given: dict[tuple[str, int], list[str]] = {}  # the dates of each sentence
    for e in events:
        given.setdefault((e.unit.article, e.unit.start), []).append(e.value)

    def gives(event: DatedEvent, value: str) -> bool:
        return any(compatible(v, value) for v in given[(event.unit.article, event.unit.start)])

    found: list[tuple[float, int, int]] = []
    keys = [sorted(e.unit.keys) for e in events]
    groups = [e.unit.article for e in events]
    for i, j in candidate_pairs(keys, MAX_POSTINGS, groups, min_shared=MIN_SHARED_KEYS):
        a, b = events[i], events[j]
        if origin_of.get(a.unit.article, a.unit.article) == origin_of.get(b.unit.article, b.unit.article):
            continue
        if compatible(a.value, b.value) or not related(a.unit.article, b.unit.article):
            continue
        if gives(a, b.value) or gives(b, a.value):
            continue
        if min(len(a.event_keys() & b.unit.keys), len(b.event_keys() & a.unit.keys)) < MIN_CLAUSE_SHARED:
            continue
        if not _one_telling(a, b, idf):
            continue
        score = aligned(a.unit, b.unit, idf)
        if score >= MIN_EVENT_SCORE:
            found.append((-score, i, j))
    found.sort()
    used: set[int] = set()
    out: list[Conflict] = []
    for _, i, j in found:
        if i in used or j in used:
            continue
        used.update((i, j))
        pair = sorted((events[i], events[j]), key=lambda e: (e.unit.order, e.unit.start))
        values = tuple(
            ConflictValue(e.value, Citation(Span(e.unit.article, e.unit.start, e.unit.end), e.unit.text))
            for e in pair
        )
        severity: Severity = (
            "contradiction" if all(_day_precise(e.value) for e in pair) else "inconsistent_detail"
        )
        out.append(make_conflict("date", f"date of: {pair[0].unit.text[:80]}", severity, values))
    return out


def _one_telling(a: DatedEvent, b: DatedEvent, idf: Mapping[str, float]) -> bool:
    """Whether two dates can date one thing: both dates of events, or both of tellings of what
    aligns as one event (see the module docstring)."""
    if a.told is None or b.told is None:
        return a.told is None and b.told is None
    told_a, told_b = (replace(e.unit, keys=e.told or frozenset()) for e in (a, b))
    return aligned(told_a, told_b, idf) >= MIN_EVENT_SCORE


def attach(claims: Sequence[Claim], conflicts: Sequence[Conflict]) -> list[Claim]:
    """``claims`` with the id of every date conflict whose cited sentences all overlap the
    claim's support added to the claim's ``conflicts``."""
    # A conflict can only hold for a claim supported in the article of its first value.
    by_article: dict[str, list[int]] = {}
    everywhere: list[int] = []
    for k, c in enumerate(conflicts):
        if c.values:
            by_article.setdefault(c.values[0].citation.span.article, []).append(k)
        else:
            everywhere.append(k)
    out: list[Claim] = []
    for claim in claims:
        near = sorted(
            {k for s in claim.support for k in by_article.get(s.span.article, ())}.union(everywhere)
        )
        extra = tuple(
            conflicts[k].id
            for k in near
            if all(
                any(
                    s.span.article == v.citation.span.article
                    and max(s.span.start, v.citation.span.start) < min(s.span.end, v.citation.span.end)
                    for s in claim.support
                )
                for v in conflicts[k].values
            )
        )
        out.append(replace(claim, conflicts=claim.conflicts + extra) if extra else claim)
    return out
