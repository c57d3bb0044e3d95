"""Where the time expressions are in a Doc, and the tense of the clause each one sits in.

Candidates are spaCy's DATE/TIME entities plus a small :class:`~spacy.matcher.Matcher` for vague
references the statistical NER misses ("now", "so far", "in the past", "since then"). Extents
follow the gold conventions: weekday names without "on"; month expressions and "in recent days"
with their "in"; vague durations with "for"/"over" ("for years", "over the months").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .normalise import (
    HOLIDAYS,
    MONTHS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    WEEKDAYS,
    Tense,
    is_clock_time,
    year_range,
)

_VAGUE: tuple[tuple[str, ...], ...] = (
    ("now",),
    ("currently",),
    ("current",),  # before a noun only (:func:`_vague_ok`)
    ("recent",),
    ("recently",),
    ("soon",),
    ("someday",),
    ("lately",),
    ("nowadays",),
    ("so", "far"),
    ("going", "forward"),
    ("the", "near", "future"),
    ("in", "the", "future"),
    ("in", "the", "past"),
    ("the", "future"),
    ("the", "near", "term"),
    ("the", "short", "term"),
    ("previously",),
    ("since", "then"),
    ("at", "the", "time"),
    ("later", "in", "the", "day"),
    ("earlier", "in", "the", "day"),
    ("daily",),
    ("weekly",),
    ("monthly",),
    ("annually",),
    ("yearly",),
    ("quarterly",),
    ("today",),
    ("yesterday",),
    ("tomorrow",),
    ("tonight",),
)
_PLURAL_UNITS = {"days", "weeks", "months", "years", "decades"}
_FUTURE_VERBS = {
    "expect",
    "set",
    "schedule",
    "plan",
    "due",
    "hope",
    "intend",
    "aim",
    "go",
    "prepare",
    "slate",
}
# Passives in the present that announce what is to come: "rain is forecast for the weekend".
_SCHEDULED = _FUTURE_VERBS | {"forecast", "predict", "timetable", "calendar"}
_MODALS = {"may", "might", "could", "can", "should", "must"}
_DAY_WORDS = set(WEEKDAYS) | {"today", "yesterday", "tomorrow"}
_PARTS = set(PARTS_OF_DAY) - {"tonight"}
_RELATIVE = ["last", "next", "this", "past", "coming"]
#: Words that place a period after or before the one the text moved to ("the following spring").
_SEQUENCE = ["following", "next", "subsequent", "previous", "preceding", "prior"]
#: A part of a period named before it in the possessive ("this year's third quarter").
_PARTS_OF_PERIOD = frozenset({"quarter", "half", "period", "months", "weeks"})
_TIME_LABELS = {"DATE", "TIME"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One time-expression span (token offsets) and the tense of its clause."""

    start: int  # token index
    end: int  # token index (exclusive)
    tense: Tense | None
    rate: bool = False  # "a year" of "10,000 copies a year": how often, not how long
    ended: str | None = None  # "March 31" of "the year ended March 31": the day the period ends


@lru_cache(maxsize=8)
def _matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    for words in _VAGUE:
        matcher.add("TIMEX_VAGUE", [[{"LOWER": w} for w in words]])
    # "last autumn", "next spring": the NER often misses relative seasons. "fall" only after
    # last/next ("this fall in prices" is a noun).
    seasons = sorted(set(SEASONS) - {"fall"})
    matcher.add(
        "TIMEX_SEASON",
        [
            [{"LOWER": {"IN": _RELATIVE}}, {"LOWER": {"IN": seasons}}],
            [{"LOWER": {"IN": ["last", "next"]}}, {"LOWER": "fall"}],
            # "that summer", "the following spring": a season of the year the text moved to
            # (the NER often tags neither); "that fall" stays out ("that fall in prices").
            [{"LOWER": "that"}, {"LOWER": {"IN": ["same", "very"]}, "OP": "?"}, {"LOWER": {"IN": seasons}}],
            [{"LOWER": "the"}, {"LOWER": {"IN": _SEQUENCE}}, {"LOWER": {"IN": seasons}}],
        ],
    )
    # "every day", "each Thursday", "every other week", "every two months": the NER tags the
    # weekday alone or nothing.
    every = sorted({*UNITS, *(u + "s" for u in UNITS), "centuries", *WEEKDAYS, *MONTHS, *SEASONS, "weekend"})
    matcher.add(
        "TIMEX_EVERY",
        [
            [
                {"LOWER": {"IN": ["every", "each"]}},
                {"LOWER": "other", "OP": "?"},
                {"LIKE_NUM": True, "OP": "?"},
                {"LOWER": {"IN": every}},
            ]
        ],
    )
    # "Thanksgiving Day", "Election Day", "last Christmas": the NER often calls a holiday an event.
    matcher.add(
        "TIMEX_HOLIDAY",
        [
            [
                {"LOWER": {"IN": ["last", "next"]}, "OP": "?"},
                *({"LOWER": w} for w in name.replace("'s", " 's").split()),
            ]
            for name in HOLIDAYS
            if not name.startswith("the ")
        ],
    )
    # "a year" / "per day" after an amount: a rate (:func:`_is_rate` decides).
    matcher.add("TIMEX_RATE", [[{"LOWER": {"IN": ["a", "an", "per"]}}, {"LOWER": {"IN": sorted(UNITS)}}]])
    return matcher


#: Words after "a year" that make it an amount or a date, not a rate ("a year ago", "a year
#: and a half", "a year-long").
_NOT_RATE_AFTER = frozenset({"ago", "earlier", "later", "before", "after", "old", "-", "long", "on"})


def _is_rate(span: Span) -> bool:
    """Whether ``span`` ("a year", "per day") follows an amount it is the rate of ("10,000 copies
    a year", "$1 billion a year", "twice a week"), not a verb or preposition ("waited a year",
    "for a year")."""
    words = [t.lower_ for t in span]
    if len(words) != 2 or words[0] not in {"a", "an", "per"} or words[1] not in UNITS:
        return False
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in _NOT_RATE_AFTER:
        return False
    after = doc[span.end + 1] if span.end + 1 < len(doc) else None
    # "a year and a half", "a day or two"
    if (
        nxt is not None
        and nxt.lower_ in {"and", "or"}
        and after is not None
        and (after.lower_ in {"a", "an", "half"} or after.like_num)
    ):
        return False
    if prev is None:
        return False
    return prev.lower_ in {"once", "twice", "thrice"} or prev.pos_ in {"NOUN", "PROPN", "NUM"}


#: Nouns that "current" names a kind of, not a time: "the current account", "current assets".
_CURRENT_KINDS = frozenset(
    {
        "account",
        "accounts",
        "affairs",
        "asset",
        "assets",
        "liability",
        "liabilities",
        "ratio",
        "flow",
        "flows",
    }
)


def _vague_ok(span: Span) -> bool:
    """Drop the matcher's false friends: "so far as/from/away"; "current" and "recent" not
    qualifying a noun ("the current", "recent" of a comparison) or naming a kind of thing ("the
    current account deficit"). "Now that ..." keeps its "now": at present (TimeML's reading)."""
    text = span.text.lower()
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if text == "so far" and nxt is not None and nxt.lower_ in {"as", "from", "away", "behind", "ahead"}:
        return False
    if text in {"current", "recent"}:
        head = span[0].head
        return span[0].dep_ == "amod" and head.pos_ in {"NOUN", "PROPN"} and head.lower_ not in _CURRENT_KINDS
    if span[0].lower_ in {"a", "an", "per"}:
        return _is_rate(span)
    return True


def _adjust(span: Span) -> Span:
    """Apply the extent conventions to one span."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end - 1 and doc[start].lower_ in {"just", "only", "on"}:
        start += 1
    first = doc[start].lower_.rstrip(".")
    words = [t.lower_ for t in doc[start:end]]
    prev = doc[start - 1] if start > 0 else None
    if prev is not None:
        takes_in = (
            first in MONTHS
            or (
                first in {"recent", "early", "late", "mid", "the"}
                and (first != "the" or words[:2] == ["the", "past"])
            )
            or (len(words) == 1 and words[0] in _PLURAL_UNITS)
        )
        bare_units = (len(words) == 1 and words[0] in _PLURAL_UNITS) or (
            len(words) == 2 and words[0] == "the" and words[1] in _PLURAL_UNITS
        )
        if (prev.lower_ == "in" and takes_in) or (prev.lower_ in {"for", "over"} and bare_units):
            start -= 1
    # "last week's Teresk Dam failure": the expression ends before the possessive; "this
    # year's third quarter" is one expression, a part of the period named before it.
    for k in range(start + 1, end):
        if doc[k].tag_ == "POS" or doc[k].lower_ in {"'s", "’s"}:
            if not any(t.lower_ in _PARTS_OF_PERIOD for t in doc[k + 1 : end]):
                end = k
            break
    # "Thursday evening": the NER tags the weekday and the part of day apart.
    # "Tuesday nights": every Tuesday night (a set).
    if end < len(doc) and doc[end - 1].lower_ in _DAY_WORDS and doc[end].lower_.removesuffix("s") in _PARTS:
        end += 1
    # "Thursday, April 6:\n\n": no trailing punctuation or line breaks
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text != "½":
        end -= 1
    return doc[start:end]


#: Words joining a period and the date that ends it, which the NER tags as one ("the quarter
#: ended Sept. 30", "the year ending June 30"): two times (TimeML marks two TIMEX3s), and read
#: as one the whole has no value. A range ("between 1994 and 1997") stays one expression, an
#: interval (:mod:`.normalise`): split, one sentence would be two timeline events, at its ends.
_JOINERS = frozenset({"ended", "ending"})
_UNIT_WORDS = frozenset({"year", "month", "week", "day", "quarter", "half", "decade", "century", "period"})


def _datelike(token: Token) -> bool:
    """Whether ``token`` can start a time expression of its own (a number, a month or weekday,
    today/yesterday/tomorrow)."""
    word = token.lower_.rstrip(".")
    return token.like_num or word in MONTHS or word in _DAY_WORDS


def _names_a_time(token: Token) -> bool:
    """Whether ``token`` alone names a time: digits, a month or weekday, a calendar unit (not a
    number word: "two" of "two to three weeks" is half an amount)."""
    word = token.lower_.rstrip(".")
    unit = word.removesuffix("s")  # "the six months ended Oct. 1"
    return word in MONTHS or word in _DAY_WORDS or unit in _UNIT_WORDS or any(ch.isdigit() for ch in word)


def _split_range(span: Span) -> list[Span]:
    """``span`` cut at a joiner (:data:`_JOINERS`) whose right side starts with a date of its
    own and whose left side holds one too (a number, a month or weekday, a calendar unit):
    "two to three weeks" (one amount) and "Sept. 27, 1989" (one date) stay whole."""
    doc = span.doc
    for k in range(span.start + 1, span.end - 1):
        if doc[k].lower_ not in _JOINERS or not _datelike(doc[k + 1]):
            continue
        left = doc[span.start : k]
        if not any(_names_a_time(t) for t in left):
            continue
        return [left, *_split_range(doc[k + 1 : span.end])]
    return [span]


_AGE = re.compile(r"\b(?:years?|months?)[- ]old\b", re.I)
_NOT_TIMEX = {"annual", "night", "morning", "evening", "afternoon", "the night of", "year"}


def _keep(span: Span) -> bool:
    text = span.text.strip()
    if len(span) == 1 and text.lower() in SEASONS and span[0].dep_ == "compound":
        return False  # "winter wheat", "summer camp": a kind of thing, not a time
    if re.fullmatch(r"\d{1,3}", text):  # ages and bare counts tagged DATE
        return False
    if _AGE.search(text) or text.lower() in _NOT_TIMEX:  # ages are not time expressions
        return False
    # digits alone are no time unless a year or a range of years ("1998-2001", "2014-15")
    return (
        not re.fullmatch(r"[\W\d]*", text)
        or bool(re.fullmatch(r"\d{4}", text))
        or year_range(text) is not None
    )


def clause_tense(token: Token) -> Tense | None:
    """The tense of the clause governing ``token``: walk up to the first verb and read its
    tag and auxiliaries (will/would/modals, have + participle, to-infinitives of intent).

    What a reader takes from the words around a date besides the verb's tag:

    * an adjective that dates what is still to come ("payable Dec. 7", "effective Feb. 1",
      "due Tuesday") is future, whatever the clause ("directors authorized a split, payable
      Dec. 7": the payment is ahead); under a past copula ("was due Tuesday") it tells nothing;
    * a to-infinitive under a word of intent, agreement or arrangement ("agreed to acquire the
      bank in January", "a program to pay down the loan by February", "is to resume trading
      Tuesday") names an event still to come when it is reported: had it happened, the report
      would say "acquired". A past perfect ("had been due to expire Friday") says the plan
      changed, so it tells nothing;
    * a scheduling verb in the past with the date after it ("planned a rally on Saturday",
      "has scheduled a news conference Thursday") says when the plan was made, not when the
      planned thing happens: no tense, so the nearest such day is meant. A date before it ("On
      Friday, the government planned ...") is the day of the planning;
    * "could" is the past of "can" as often as a conditional ("could not be located
      Wednesday"): no tense.
    """
    node, child = token, token
    for _ in range(10):
        if node is not token and node.pos_ == "ADJ" and node.lower_ in _AHEAD and child.lower_ != "to":
            return _ahead_tense(node)  # not "due to the storm on Friday"
        if node.pos_ in {"VERB", "AUX"} and node.dep_ not in {"aux", "auxpass"}:
            auxes = {c.lower_ for c in node.children if c.dep_ in {"aux", "auxpass"}}
            if node.tag_ == "VB" and "to" in auxes and not auxes & {"have", "'ve"}:
                head = node.head
                if head is node:
                    return None
                if _intends(head, node):
                    return None if _past_perfect(head) else "future"
                node, child = head, node
                continue
            tense = _verb_tense(node)
            if tense == "past" and child.i > node.i and _schedules(node, child):
                return None  # not "On Friday, the government planned ...": the day of planning
            if tense != _WALK_ON:
                return tense
        if node.head is node:
            return None
        node, child = node.head, node
    return None


#: Adjectives that date what is still to come ("payable Dec. 7", "effective Feb. 1").
_AHEAD = frozenset({"payable", "effective", "due"})
#: Words whose to-infinitive names an event agreed or arranged: still to come. Not "decided
#: to", "sought to", "voted to": what was decided is often done ("decided to weigh in on Monday").
_INTENT = _FUTURE_VERBS | {
    "about",
    "agree",
    "agreement",
    "bid",
    "deal",
    "offer",
    "pact",
    "program",
    "programme",
    "propose",
    "proposal",
}
#: Verbs of scheduling: their tense dates the plan, not what is planned.
_SCHEDULING = frozenset({"plan", "schedule", "reschedule", "slate"})
#: :func:`_verb_tense` could not tell from this verb: read the one it hangs on.
WalkOn = Literal["walk on"]
_WALK_ON: WalkOn = "walk on"


def _ahead_tense(adjective: Token) -> Tense | None:
    """Future for "payable Dec. 7" / "is payable Jan. 2"; nothing under a past copula ("was
    due Tuesday", "had become effective Oct. 1")."""
    if adjective.dep_ in {"acomp", "attr"} and _verb_tense(adjective.head) == "past":
        return None
    return "future"


def _intends(head: Token, infinitive: Token) -> bool:
    """Whether ``head`` makes its to-``infinitive`` an event still to come: a word of intent
    (:data:`_INTENT`) or "be" ("is to resume trading Tuesday")."""
    lemma = head.lemma_.lower()
    if lemma in _FUTURE_VERBS:
        return True
    if infinitive.dep_ not in {"xcomp", "acl", "ccomp"}:
        return False  # a purpose ("voted for a force to protect the border"): done, or not
    return lemma in _INTENT or (lemma == "be" and infinitive.dep_ == "xcomp")


def _past_perfect(head: Token) -> bool:
    """Whether ``head`` (a verb, or an adjective under its copula) is in a past perfect: "had
    been due", "had been scheduled"."""
    verb = head if head.pos_ in {"VERB", "AUX"} or head.head is head else head.head
    return any(c.dep_ == "aux" and c.lower_ in {"had", "'d"} and c.tag_ == "VBD" for c in verb.children)


def _verb_tense(node: Token) -> Tense | WalkOn | None:
    """The tense one verb's tag and auxiliaries show, or :data:`_WALK_ON`."""
    auxes = [c for c in node.children if c.dep_ in {"aux", "auxpass"}]
    aux_words = {a.lower_ for a in auxes}
    if aux_words & {"will", "'ll", "shall", "wo"}:
        return "future"
    if aux_words & {"have", "has", "had", "'ve", "'d"} or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if "would" in aux_words:
        return "future"
    if aux_words & _MODALS:
        return None if aux_words & _MODALS == {"could"} else "future"
    if node.tag_ == "VBN" and any(a.dep_ == "auxpass" and a.tag_ in {"VBZ", "VBP"} for a in auxes):
        return "future" if node.lemma_.lower() in _SCHEDULED else "present"
    if node.tag_ == "VBD":
        return "past"
    if node.tag_ in {"VBZ", "VBP"}:
        return "present"
    if node.tag_ == "VBG" and any(a.tag_ in {"VBZ", "VBP"} for a in auxes):
        return "present"
    if node.tag_ == "VBN" and not auxes and node.dep_ in {"acl", "relcl", "advcl"}:
        # "the ruling, announced Wednesday": a bare participle dates its own event, done
        # before the clause it hangs on ("they will appeal"); "scheduled" looks ahead, and
        # "set" does only for a date ("set for Tuesday", not "the record set on Aug. 6")
        return "future" if _scheduled_participle(node) else "past"
    if node.head is node:
        return "present" if node.tag_ in {"VBZ", "VBP", "VBG"} else None
    return _WALK_ON


def _scheduled_participle(node: Token) -> bool:
    """Whether a bare participle schedules ("a vote scheduled Tuesday", "a rally set for
    Friday"): "set" only with "for", else it is "established" ("its record high set on Aug. 6")."""
    if node.lemma_.lower() == "set":
        return _sets_a_date(node)
    return node.lemma_.lower() in _SCHEDULED


def _schedules(verb: Token, child: Token) -> bool:
    """Whether ``verb`` schedules what ``child`` (the way up from the date) dates: "planned a
    rally on Saturday", "has scheduled a news conference Thursday", "set Friday as the
    deadline"; "set" only for a date ("set for", or the date as its object)."""
    if verb.lemma_.lower() == "set":
        return _sets_a_date(verb) or child.dep_ == "dobj"
    return verb.lemma_.lower() in _SCHEDULING


def _sets_a_date(verb: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children)


def governing_verb(token: Token) -> Token | None:
    """The first verb at or above ``token`` in the dependency tree (the event it dates)."""
    node = token
    for _ in range(10):
        if node.pos_ == "VERB":
            return node
        if node.head is node:
            return None
        node = node.head
    return None


_CANDIDATES_KEY = "newsprism.timex_candidates"


def find_candidates(doc: Doc) -> list[Candidate]:
    """Time-expression spans in ``doc`` (document order) with the tense of their clause.

    Computed once per Doc (publication-date inference and extraction both need them)."""
    cached = doc.user_data.get(_CANDIDATES_KEY)
    if cached is None:
        cached = doc.user_data[_CANDIDATES_KEY] = tuple(_find_candidates(doc))
    return list(cached)


def _find_candidates(doc: Doc) -> list[Candidate]:
    spans: list[Span] = [e for e in doc.ents if e.label_ in _TIME_LABELS]
    for _, s, e in _matcher(doc.vocab)(doc):
        span = doc[s:e]
        if _vague_ok(span):
            spans.append(span)
    # A span dropped whole stays dropped: "ISSN 2283-5474" is no range of two years.
    adjusted = [part for s in map(_adjust, spans) if _keep(s) for part in _split_range(s)]
    spans = _with_their_days(sorted(filter_spans([s for s in adjusted if _keep(s)]), key=lambda s: s.start))
    starts = {s.start: s for s in spans}
    out = []
    for span in spans:
        # "the year ended March 31": the period and the day it ends on, joined by ended/ending.
        end = starts.get(span.end + 1) if span.end < len(doc) and doc[span.end].lower_ in _JOINERS else None
        tense = None if _is_deadline_day(span) else _possessive_day_tense(span, clause_tense(span.root))
        out.append(
            Candidate(span.start, span.end, tense, _is_rate(span), end.text if end is not None else None)
        )
    return out


#: Words before a day that make it a deadline ("until Tuesday", "until 9 a.m. Tuesday"). Not
#: "by": "water covered the fields by Thursday evening" is done by then, a past Thursday.
_DEADLINE = frozenset({"until", "till"})


def _is_deadline_day(span: Span) -> bool:
    """Whether ``span`` names a weekday as a deadline ("postponed until Tuesday"): the clause's
    tense says when the postponing happened, not which Tuesday, so the nearest one is meant (a
    past tense would look six days back for a deadline set on Monday for the next day)."""
    prev = span.doc[span.start - 1] if span.start > 0 else None
    return prev is not None and prev.lower_ in _DEADLINE and any(t.lower_ in WEEKDAYS for t in span)


def _possessive_day_tense(span: Span, tense: Tense | None) -> Tense | None:
    """A weekday in the possessive ("Wednesday's ruling", "Thursday's closing price") names an
    event the reader is taken to know: one that has happened (or happens today), whatever the
    verb of the clause ("they will look for ways around Wednesday's ruling"). A preview's
    "Sunday's election" is the exception this gives up: on TimeBank/AQUAINT all 20 such
    weekdays are the anchor's day or before it."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ not in {"'s", "’s"}:
        return tense
    return "past" if any(t.lower_ in WEEKDAYS for t in span) else tense


def _with_their_days(spans: list[Span]) -> list[Span]:
    """``spans`` (in order) with a clock time and the day right after it joined: "9 a.m.
    Tuesday", "noon Thursday", "5 p.m. EST, Nov. 9". The NER tags them apart (TIME, DATE), and
    apart the time falls on the publication day and the day has no time: one TIMEX3 in TimeML.
    A weekday and the date right after it are one day too ("Friday Oct. 13", "Thursday, April
    6"): apart, the weekday is resolved on its own and may name another week."""
    out: list[Span] = []
    for span in spans:
        last = out[-1] if out else None
        if last is not None and (
            (is_clock_time(last.text) and _day_follows(last, span)) or _date_follows_weekday(last, span)
        ):
            out[-1] = span.doc[last.start : span.end]
            continue
        out.append(span)
    return out


def _date_follows_weekday(weekday: Span, date: Span) -> bool:
    """Whether ``weekday`` ends on a weekday name and ``date`` (a month and day) comes right
    after it, or after a comma."""
    doc = weekday.doc
    gap = [t.lower_ for t in doc[weekday.end : date.start]]
    return (
        gap in ([], [","])
        and doc[weekday.end - 1].lower_ in WEEKDAYS
        and date[0].lower_.rstrip(".") in MONTHS
        and any(t.like_num for t in date)
    )


def _day_follows(time: Span, day: Span) -> bool:
    """Whether ``day`` names a day and starts right after ``time`` (or after a comma or "on")."""
    doc = time.doc
    gap = [t.lower_ for t in doc[time.end : day.start]]
    if gap not in ([], [","], ["on"], [",", "on"]):
        return False
    first = day[0].lower_.rstrip(".")
    return first in _DAY_WORDS or first in MONTHS
