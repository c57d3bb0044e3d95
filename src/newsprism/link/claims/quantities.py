"""Quantities that measure the same thing across articles: one claim each, and their conflicts.

Two quantities of different articles are compared when they have the same unit (``area:sq_km``)
and their sentences share rare content words (an inverted index per unit, so the work grows with
the corpus). They are **the same measure** when their sentences (and measures) overlap enough:
"460 square kilometres of the valley were under water" (the Civil Protection Directorate, on
Thursday evening) and "Floodwater covered some 410 sq km of farmland and villages by Thursday
evening, the Directorate said".

Two quantities can also be one measure by what stands **next to** them: the
:data:`NEAR_WORDS` content words either side of the figure, paraphrase families folded (:func:`.meaning_keys`:
"killing at least 11 people" / "the confirmed death toll stood at 11" / "11 people had been
confirmed dead" all have "death" beside the 11). Generic counted nouns (people, years...) do not
count. An agreeing value of one unit with such a neighbour in common is one measure; a differing
value needs a neighbour in common and shared sentence words too ("his first trip abroad in almost
three years" / "Xi's first foreign trip in 2½ years").

A claim of one measure cites the clause holding each figure (the sentence cut at commas, dashes
and semicolons), not the whole sentence, so two figures of one sentence ("About 4,000 people were
evacuated, and 23 were still missing") are two claims with their own spans.

An **age** ("a 43-year-old patient", "Quill, 43,") belongs to one person: two ages are one
measure only when their clauses name the same canonical person, and an age of an unnamed person
("a 55-year-old patient") is compared with nothing; two stories' patients are two people.

Agreeing values join one claim; different values are a conflict, unless the figure is an update
("the death toll rose to 12 on Sunday": a direction on one side only), the sentences are dated
differently, or the other article also gives the first value in that sentence (two numbers of
one sentence: "11 dead and 23 missing"). Nor are these rival figures:

* **A hedge and a value it holds** (:func:`agrees`): "about 300" and "312", "more than 40
  kilometres" and "48 kilometres", "about 40%" and "39 percent" are one figure, rounded or given
  as a floor. A hedge is read narrowly here ("nearly 27" is 24.3-27, so "nearly 27%" and "31
  percent" still disagree, and "almost three years" and "2½ years" too).
* **Two counts of different things**: both counted nouns named and no word in common ("11
  women" / "14 fighters", "nine companies" / "13 markets"); generic nouns (people, residents)
  count anything.
* **A reference period** ("the first eight months of 2022" / "the first seven months of this
  year"): it says over which time another figure was measured; two reports measuring over
  different windows do not disagree about it. Nor about the figures measured over them
  (:func:`window_of`): "trade grew 31 percent in the first eight months" and "exports rose
  nearly 27% in the first seven months" are two measurements, not rival reports of one.
* **A part and the whole it adds up to** (:func:`_sums_to`): an amount that equals the other
  article's amount plus amounts of its unit stated with either ("$6.5 billion in debt and equity
  and a $3 billion buyout" / "a $9.5 billion lifeline"; "a $9.5 billion lifeline, including a $3
  billion buyout" / "$6.5 billion in new money") is their sum, not a rival. Not when the whole
  names what one addend only is ("€5 billion in loans and €2 billion in grants" / "€7 billion in
  loans": one sum of loans given twice), and not for counts and shares: a tally's or a poll's
  small numbers add up to the other article's by chance ("11 dead and 3 missing" / "14 dead" stays
  a conflict).
* **A part named as a part** (:func:`part_marked`): a figure its own words set apart as one of
  several ("an earlier, $250 billion list", "a first tranche of $2 billion", "an additional 300
  troops") is no rival of a larger figure that no such word marks (tariffs on "$360 billion" of
  goods in all). The words must stand at the figure ("his first trip in 2½ years" marks no part
  of the years), and a marked part larger than the other figure still conflicts: a part cannot
  exceed its whole.
* **Two states months apart** (:func:`_months_apart`): neither sentence dated, the articles
  published more than :data:`UPDATE_DAYS` apart (page metadata): "subsidiaries in 15 countries"
  in March and "in 18 countries" in December are the company before and after it grew.
* **A figure set against another of an article that already gives two different figures of the
  measure**: an article does not contradict itself, so its second figure measures something else
  ("more than 900 students were absent" and "379 of the 1,186 students enrolled" in one article,
  "more than 900 students" in another: the 1,186 is no rival of the 900).

Severity: hedges become intervals ("some 410" ≈ 390-430, "almost three" = 2.4-3, "at least
11" ≥ 11); values whose intervals do not meet are a ``contradiction``, values that could both
hold an ``inconsistent_detail``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from ...records import (
    Article,
    ArticleAnalysis,
    Citation,
    Conflict,
    ConflictValue,
    Quantity,
    Severity,
    paired,
    published_day,
)
from ...words import meaning_keys
from ..conflicts import make_conflict
from ..keys import UnionFind, candidate_pairs

#: Categories never compared (ordinals, "two leaders"-type counts are below MIN_COUNT).
SKIP_CATEGORIES: frozenset[str] = frozenset({"ordinal", "other"})
#: Categories that qualify another figure ("the first eight months of"): they agree or differ,
#: never conflict.
NO_CONFLICT_CATEGORIES: frozenset[str] = frozenset({"period"})
MIN_COUNT = 3.0
#: Least share (Jaccard) of sentence keys, and least shared keys, for one measure.
MIN_JACCARD = 0.2
MIN_SHARED = 3
#: Relative difference still counted as the same value (rounding).
ROUNDING = 0.02
#: Least sentence overlap (Jaccard) for two different values to be one measure in conflict.
MIN_CONFLICT_JACCARD = 0.25
#: Largest ratio between two values reported as rival figures (beyond it: different measures).
MAX_CONFLICT_RATIO = 1.5
MAX_POSTINGS = 100
#: Content words either side of a figure that describe it.
NEAR_WORDS = 5
#: Least sentence keys in common for two differing values matched by a neighbour.
MIN_NEAR_SHARED = 3
#: Counted nouns and time units that say nothing about what is measured.
GENERIC_NEAR: frozenset[str] = frozenset(
    {"people", "person", "resident", "citizen", "year", "month", "week", "day", "hour", "minute",
     "time", "percent", "per", "cent", "number", "total", "figure", "least", "estimat", "some"}
)  # fmt: skip
_AGE = re.compile(r"(?:-|\s)*(?:years?|yrs?)?(?:-|\s)*old\b", re.IGNORECASE)
_OFFSET = re.compile(r"\s*(?:ago|earlier|later|before|after|previously)\b", re.IGNORECASE)
#: "this"/"these" before a noun that is not a time ("this configuration", "these units"): what
#: it points at is defined by its own article, so two articles' figures for it may differ.
#: ("that"/"those" are left out: "said that 23 people", "those killed" are no pointers.)
_DEICTIC = re.compile(
    r"\b(?:this|these)\s+(?!(?:year|month|week|day|morning|afternoon|evening|night|"
    r"season|quarter|time|weekend|spring|summer|autumn|fall|winter|decade|century)s?\b)[a-z]",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]\s|\s[\u2013\u2014]\s?|\s-\s")
#: Words right before a figure that set it apart as one of several ("an earlier, $250 billion
#: list", "an additional $3 billion", "the first 200 doses", "another 300 troops"). "latest" and
#: "new" are left out: "the latest toll of 14" is the whole as it now stands.
_PART_BEFORE = re.compile(
    r"\b(?:first|second|third|earlier|previous|prior|initial|additional|further|another|extra|"
    r"remaining|separate)\b,?\s+$",
    re.IGNORECASE,
)
#: Nouns of one part among several, right after the figure ("$250 billion list", "a $2 billion
#: first tranche") or before it with "of" ("a tranche of $2 billion", "a batch of 300 doses").
_PART_NOUN = r"(?:list|tranche|batch|round|instal{1,2}ment|phase|portion|slice)s?\b"
_PART_AFTER = re.compile(
    r"\s+(?:(?!(?:of|in|on|at|for|per|to|and|or|a|an|the|by|from|with)\b)[\w-]+\s+)?" + _PART_NOUN,
    re.IGNORECASE,
)
_PART_OF = re.compile(
    r"\b(?:tranche|batch|round|instal{1,2}ment)s?\s+(?:worth\s+)?of\s+(?:the\s+|an?\s+)?$", re.IGNORECASE
)
#: Words that join the figures of a list ("11 dead and 3 missing", "$6.5 billion, plus $3 billion").
_CONJUNCTION = re.compile(r"\b(?:and|or|plus|but|while|whereas|including|as well as)\b", re.IGNORECASE)
#: Most figures of a sentence added to one figure to reach another, most figures of a sentence
#: tried (a table run into one sentence adds up to anything), and how near the sum must come (a
#: total is the exact sum of the parts as printed: "$6.5 billion" and "$3 billion" make "$9.5
#: billion") (:func:`_sums_to`).
MAX_ADDENDS = 2
MAX_SUMMED = 4
SUM_ROUNDING = 0.005
#: Categories whose figures are never added up: a count or a share is most often one entry of a
#: tally ("Cruz has 69, Rubio has 41, Kasich has 19 and Carson has seven") or of a poll ("38
#: percent, 33 percent and 10 percent"), whose small whole numbers add up to the other
#: article's figure by chance; a duration is no part of another.
NOT_SUMMED: frozenset[str] = frozenset({"count", "percent", "duration", "period", "fraction"})

_JUST_BELOW = frozenset({"almost", "nearly", "just under", "close to"})
_CEILING = frozenset({"up to", "fewer than", "less than", "under", "at most", "as many as", "as much as"})
_JUST_ABOVE = frozenset({"just over"})
_FLOOR = frozenset({"more than", "over", "at least", "above", "upwards of"})
_AROUND = frozenset({"about", "some", "around", "roughly", "approximately", "an estimated", "nearly about"})
_INF = float("inf")
#: What values a hedged figure ``v`` allows, as (low, high) multiples of ``v``: read broadly, for
#: how badly two figures disagree (:func:`severity`), and narrowly, for whether they are one
#: figure (:func:`agrees`). The first row holding the hedge decides.
HEDGE_BOUNDS: tuple[tuple[frozenset[str], tuple[float, float], tuple[float, float]], ...] = (
    (_JUST_BELOW, (0.8, 1.0), (0.9, 1.0)),
    (_CEILING, (0.8, 1.0), (0.0, 1.0)),
    (_JUST_ABOVE, (1.0, _INF), (1.0, 1.1)),
    (_FLOOR, (1.0, _INF), (1.0, _INF)),
    (_AROUND, (0.95, 1.05), (0.95, 1.05)),
)


@dataclass(frozen=True, slots=True)
class QuantityItem:
    """A quantity with its sentence, the sentence's keys and the sentence's dates."""

    quantity: Quantity
    order: int
    sentence: tuple[int, int]
    keys: frozenset[str]
    dates: frozenset[str]
    near: frozenset[str] = frozenset()
    clause: tuple[int, int] = (0, 0)
    offset: bool = False  # "two years ago": a point in time, not a measured span
    subject: str | None = None  # the person an age belongs to (a canonical entity id)
    local: bool = False  # measures a thing only its own article defines ("this configuration")
    part: bool = False  # its words set it apart as one of several ("an earlier, $250 billion list")
    head: str | None = None  # what it counts, by the word at it ("11 dead" → "death"; :func:`head_key`)
    published: str | None = None  # its article's publication day, from the page's metadata
    window: tuple[str, float] | None = None  # the period it was measured over (:func:`window_of`)


def interval(q: Quantity, narrow: bool = False) -> tuple[float, float]:
    """The values ``q`` allows once its hedge is read (:data:`HEDGE_BOUNDS`): broadly, "some 410"
    → (389.5, 430.5), "almost three" → (2.4, 3); ``narrow``, "nearly 27" → (24.3, 27), "more than
    40" → (40, inf), "up to 8" → (0, 8). A bare figure allows itself."""
    v, mod = q.value, (q.modifier or "").lower()
    for hedges, broad, tight in HEDGE_BOUNDS:
        if mod in hedges:
            lo, hi = tight if narrow else broad
            return (lo * v, hi * v if hi != _INF else _INF)
    return (v, v)


def same_value(a: Quantity, b: Quantity) -> bool:
    """Equal up to rounding."""
    return abs(a.value - b.value) <= ROUNDING * max(abs(a.value), abs(b.value))


def agrees(a: Quantity, b: Quantity) -> bool:
    """Whether two figures can be one, rounded or hedged: equal up to rounding, or their
    narrowly read hedges (:func:`interval`) meet ("about 300" / "312", "more than 40" / "48";
    not "nearly 27" / "31")."""
    if same_value(a, b):
        return True
    (lo1, hi1), (lo2, hi2) = interval(a, narrow=True), interval(b, narrow=True)
    return lo1 <= hi2 and lo2 <= hi1


def severity(values: Sequence[Quantity]) -> Severity:
    """``contradiction`` when two values' hedged intervals do not meet, else
    ``inconsistent_detail``."""
    spans = [interval(q) for q in values]
    for i, (lo1, hi1) in enumerate(spans):
        for lo2, hi2 in spans[i + 1 :]:
            if hi1 < lo2 or hi2 < lo1:
                return "contradiction"
    return "inconsistent_detail"


def quantity_items(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    entity_at: Mapping[tuple[str, int], str] | None = None,
) -> list[QuantityItem]:
    """Comparable quantities with their sentence keys, in article order. An age is kept only
    when its clause names a person (``entity_at``: (article, mention start) -> entity id), whose
    id becomes the item's ``subject``."""
    entity_at = entity_at or {}
    items: list[QuantityItem] = []
    for pair in paired(articles, analyses):
        text, analysis = pair.article.text, pair.analysis
        sentence_keys: dict[tuple[int, int], list[str]] = {}  # several figures share a sentence
        for q in analysis.quantities:
            if q.category in SKIP_CATEGORIES or (q.category == "count" and q.value < MIN_COUNT):
                continue
            start, end = next(
                ((s, e) for s, e in analysis.sentences if s <= q.span.start < e), (q.span.start, q.span.end)
            )
            clause = clause_of(text, q.span.start, q.span.end, (start, end))
            subject = None
            if q.category == "duration" and (age := _AGE.match(text, q.span.end)):
                subject = _owner(text, analysis, q.span.start, age.end(), entity_at)
                if subject is None:
                    continue  # the age of someone unnamed: no other article's figure is theirs
            if (start, end) not in sentence_keys:
                sentence_keys[(start, end)] = meaning_keys(text[start:end])
            keys = {k for k in sentence_keys[(start, end)] if not k[0].isdigit()}
            if q.measure:
                keys.update("m:" + k for k in meaning_keys(q.measure) if not k[0].isdigit())
            dates = sentence_dates(analysis, start, end)
            items.append(
                QuantityItem(
                    q,
                    pair.order,
                    (start, end),
                    frozenset(keys),
                    dates,
                    near_keys(text, q, (start, end)),
                    clause,
                    q.category == "duration" and bool(_OFFSET.match(text, q.span.end)),
                    subject,
                    bool(_DEICTIC.search(text, clause[0], clause[1]) or _DEICTIC.search(q.measure or "")),
                    part_marked(text, q, (start, end)),
                    head_key(text, q, clause, analysis.quantities),
                    published_day(pair.article.published.value),
                    window_of(q, analysis.quantities),
                )
            )
    return items


def window_of(q: Quantity, quantities: Sequence[Quantity]) -> tuple[str, float] | None:
    """The length of the period ``q`` was measured over, as (unit, value): the ``period`` figure
    inside its stated period ("31 percent for the first eight months of 2022" → ("duration:month",
    8)), else None. Read from the figures, not the period's words: "of 2022" and "of this year"
    may be one year, "eight" and "seven" months are never one window."""
    span = q.period_span
    if span is None:
        return None
    for p in quantities:
        if p.category == "period" and p is not q and span.start <= p.span.start and p.span.end <= span.end:
            return (p.unit, p.value)
    return None


def sentence_dates(analysis: ArticleAnalysis, start: int, end: int) -> frozenset[str]:
    """The calendar values of the DATE expressions starting in ``[start, end)`` of an article:
    when a sentence says its figure or its outcome happened."""
    return frozenset(
        t.value
        for t in analysis.time_expressions
        if t.type == "DATE" and t.value and start <= t.span.start < end
    )


def part_marked(text: str, q: Quantity, sentence: tuple[int, int]) -> bool:
    """Whether the words at ``q`` set it apart as one part of several: a part word right before it
    (hedge skipped: "an earlier, $250 billion", "another about 300"), a part noun right after it
    ("$250 billion list", "$2 billion first tranche") or before it with "of" ("a tranche of $2
    billion")."""
    before = text[sentence[0] : q.span.start]
    if q.modifier and before.lower().rstrip().endswith(q.modifier.lower()):
        before = before.rstrip()[: -len(q.modifier)]
    if _PART_BEFORE.search(before) or _PART_OF.search(before):
        return True
    return bool(_PART_AFTER.match(text, q.span.end, sentence[1]))


def head_key(text: str, q: Quantity, clause: tuple[int, int], quantities: Sequence[Quantity]) -> str | None:
    """What ``q`` counts, by the one word that says it: the first key (:func:`.meaning_keys`,
    generic nouns left out) of its measure, else of the words after it up to the next figure of
    its clause and its first conjunction ("11 dead and 3 missing": "death" for the 11, "missing"
    for the 3), else of the words before it back to the figure before and its last conjunction
    ("killing 11 and wounding 3": "death" for the 11, "wound" for the 3). One word, not a window:
    the words about the place or the source ("in the hill village") follow the last figure of a
    list and would tie it to any figure of the other article."""
    lo, hi = clause
    for other in quantities:
        if lo < other.span.end <= q.span.start:
            lo = other.span.end
        elif q.span.end <= other.span.start < hi:
            hi = other.span.start
    after = _CONJUNCTION.split(text[q.span.end : hi], maxsplit=1)[0]
    before = _CONJUNCTION.split(text[lo : q.span.start])[-1]
    hedge = set(meaning_keys(q.modifier or ""))
    for words, last in ((q.measure or "", False), (after, False), (before, True)):
        keys = [
            k for k in meaning_keys(words) if not k[0].isdigit() and k not in GENERIC_NEAR and k not in hedge
        ]
        if keys:
            return keys[-1] if last else keys[0]
    return None


_BEFORE_AGE = re.compile(r"[\s,(]*")  # "Mara Quill, 43," / "Quill (43)"
_AFTER_AGE = re.compile(r"[\w\s-]{0,30}")  # "43-year-old John Smith" / "... old farmer John Smith"


def _owner(
    text: str, analysis: ArticleAnalysis, start: int, end: int, entity_at: Mapping[tuple[str, int], str]
) -> str | None:
    """The canonical person an age at ``start``-``end`` belongs to: a person named right before
    it ("Mara Quill, 43,") or a few words after it ("43-year-old farmer John Smith"), else None."""
    for m in analysis.mentions:
        if m.label != "PERSON" or (m.span.article, m.span.start) not in entity_at:
            continue
        before = m.span.end <= start and _BEFORE_AGE.fullmatch(text, m.span.end, start)
        after = m.span.start >= end and _AFTER_AGE.fullmatch(text, end, m.span.start)
        if before or after:
            return entity_at[(m.span.article, m.span.start)]
    return None


def near_keys(text: str, q: Quantity, sentence: tuple[int, int]) -> frozenset[str]:
    """Folded content keys of the :data:`NEAR_WORDS` words either side of ``q`` in its sentence
    (and of its measure), without numbers and :data:`GENERIC_NEAR` nouns."""
    before = meaning_keys(text[sentence[0] : q.span.start])[-NEAR_WORDS:]
    after = meaning_keys(text[q.span.end : sentence[1]])[:NEAR_WORDS]
    keys = set(before + after)
    if q.measure:
        keys.update(meaning_keys(q.measure))
    return frozenset(k for k in keys if not k[0].isdigit() and k not in GENERIC_NEAR)


def clause_of(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """The clause of the sentence holding ``start``-``end``: cut at a comma, semicolon, colon,
    bracket or dash followed by a space (not "4,000"), trimmed of spaces."""
    s0, s1 = sentence
    lo, hi = s0, s1
    for m in _CLAUSE_BREAK.finditer(text, s0, s1):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return (lo, hi) if hi > lo else (s0, s1)


def same_measure(a: QuantityItem, b: QuantityItem) -> bool:
    """Whether two quantities of different articles measure one thing at one time."""
    qa, qb = a.quantity, b.quantity
    if qa.span.article == qb.span.article or qa.unit != qb.unit or a.subject != b.subject:
        return False
    if (qa.direction is None) != (qb.direction is None):
        return False
    shared = a.keys & b.keys
    if len(shared) >= MIN_SHARED and len(shared) >= MIN_JACCARD * len(a.keys | b.keys):
        return True
    if not a.near & b.near:
        return False
    return same_value(qa, qb) or len(shared) >= MIN_NEAR_SHARED


def _gives_value(
    item: QuantityItem, value: Quantity, items_by_sentence: Mapping[tuple[str, int], list[QuantityItem]]
) -> bool:
    """Whether ``item``'s sentence also holds a quantity equal to ``value``."""
    key = (item.quantity.span.article, item.sentence[0])
    return any(same_value(other.quantity, value) for other in items_by_sentence.get(key, ()))


def _counted(q: Quantity) -> frozenset[str]:
    """The words a count says what it counts by, generic nouns left out ("14 al qaeda fighters"
    → {"al", "qaeda", "fighter"}; "23 people" → {})."""
    if q.category != "count" or not q.measure:
        return frozenset()
    return frozenset(k for k in meaning_keys(q.measure) if not k[0].isdigit() and k not in GENERIC_NEAR)


def _may_conflict(a: QuantityItem, b: QuantityItem) -> bool:
    """Whether two values can be rival reports of one figure: not one figure rounded or hedged
    (:func:`agrees`), not a reference period, same dates (when both sentences are dated), neither
    a time offset ("two years ago") nor a figure of a thing its own article defines ("the price of
    this configuration": two reviews of two configurations), not counts of different things
    ("11 women" / "14 fighters"), not a part named as such against a larger unmarked figure
    (:func:`part_marked`), not two undated figures of articles published months apart
    (:func:`_months_apart`), not measured over periods of different lengths (:func:`window_of`),
    and within a factor of :data:`MAX_CONFLICT_RATIO` of each other."""
    qa, qb = a.quantity, b.quantity
    if agrees(qa, qb) or qa.category in NO_CONFLICT_CATEGORIES or qb.category in NO_CONFLICT_CATEGORIES:
        return False
    if a.dates and b.dates and not a.dates & b.dates:
        return False
    if not a.dates and not b.dates and _months_apart(a.published, b.published):
        return False
    if a.offset or b.offset or a.local or b.local:
        return False
    if a.window is not None and b.window is not None and a.window != b.window:
        return False  # measured over windows of different lengths: two measurements
    counted_a, counted_b = _counted(qa), _counted(qb)
    if counted_a and counted_b and not counted_a & counted_b:
        return False
    if a.part != b.part and (qa.value < qb.value if a.part else qb.value < qa.value):
        return False  # one part named as such, smaller than the figure no part word marks
    lo, hi = sorted((abs(qa.value), abs(qb.value)))
    return lo > 0 and hi / lo <= MAX_CONFLICT_RATIO


UPDATE_DAYS = 30
"""Publication days apart beyond which two undated figures are two states, not two reports."""


def _months_apart(a: str | None, b: str | None) -> bool:
    """Whether two publication days (``YYYY-MM-DD``) lie more than :data:`UPDATE_DAYS` apart.

    A figure its sentence does not date is the state of things when its article was written
    ("subsidiaries in 15 countries", "a staff of 1,200"): a company's own boilerplate ten months
    later says 18, and that is the state it has reached, not a source disagreeing. Within one
    news cycle (days) undated figures are still rival reports of one state. Metadata dates only:
    a date inferred from the text is a guess."""
    if not a or not b:
        return False
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) > UPDATE_DAYS


def _sums_to(
    a: QuantityItem, b: QuantityItem, items_by_sentence: Mapping[tuple[str, int], list[QuantityItem]]
) -> bool:
    """Whether the larger of ``a`` and ``b`` is the smaller plus one to :data:`MAX_ADDENDS`
    figures of its unit stated in one of the two sentences (the smaller's: "$6.5 billion ... and a
    $3 billion buyout" / "$9.5 billion"; or the larger's: "$9.5 billion, including a $3 billion
    buyout" / "$6.5 billion"), to :data:`SUM_ROUNDING`: a part set against the whole it adds up
    to. Amounts only (money, areas, lengths...), not :data:`NOT_SUMMED` categories, and not a
    sentence of more than :data:`MAX_SUMMED` other figures of the unit: a tally adds up to
    anything.

    Not when the whole is what some addends are but not the others (:func:`head_key`: "€7
    billion in loans" against "€5 billion in loans and €2 billion in grants"): the whole is then
    an amount of one addend's kind, and two amounts of one kind differ."""
    part, whole = sorted((a, b), key=lambda it: it.quantity.value)
    target = whole.quantity.value
    if part.quantity.category in NOT_SUMMED or whole.quantity.category in NOT_SUMMED:
        return False
    for item in (part, whole):
        key = (item.quantity.span.article, item.sentence[0])
        pool = [
            o
            for o in items_by_sentence.get(key, ())
            if o is not a
            and o is not b
            and o.quantity.unit == part.quantity.unit
            and 0 < o.quantity.value < target
        ]
        if len(pool) > MAX_SUMMED:
            continue
        for n in range(1, min(MAX_ADDENDS, len(pool)) + 1):
            for addends in combinations(pool, n):
                total = part.quantity.value + math.fsum(o.quantity.value for o in addends)
                if abs(total - target) > SUM_ROUNDING * target:
                    continue
                named = [whole.head is not None and whole.head == o.head for o in (part, *addends)]
                if all(named) or not any(named):
                    return True
    return False


def _overlap(a: QuantityItem, b: QuantityItem) -> float:
    """Sentence overlap (Jaccard of keys), raised to :data:`MIN_CONFLICT_JACCARD` when the two
    figures have a neighbour in common (see :func:`near_keys`)."""
    score = len(a.keys & b.keys) / len(a.keys | b.keys)
    return max(score, MIN_CONFLICT_JACCARD) if a.near & b.near else score


def quantity_clusters(
    items: Sequence[QuantityItem], related: Callable[[str, str], bool] = lambda a, b: True
) -> list[list[QuantityItem]]:
    """Clusters of quantities of one measure, each from two or more articles ``related`` as
    reports of one story (:mod:`.claim_scope`).

    Equal values of one measure join freely; two different values join only when each is the
    other's best match (by sentence overlap) among the other article's quantities of that unit
    and the overlap is strong, so figures of one busy sentence ("11 dead, 23 missing, 4,000
    evacuated") do not chain into one measure."""
    by_sentence: dict[tuple[str, int], list[QuantityItem]] = {}
    for it in items:
        by_sentence.setdefault((it.quantity.span.article, it.sentence[0]), []).append(it)
    sets = UnionFind(range(len(items)))
    best: dict[tuple[int, str], tuple[float, int]] = {}
    keys = [[it.quantity.unit + "|" + k for k in sorted(it.keys | it.near)] for it in items]
    for i, j in candidate_pairs(keys, MAX_POSTINGS, [it.quantity.span.article for it in items]):
        a, b = items[i], items[j]
        if not same_measure(a, b) or not related(a.quantity.span.article, b.quantity.span.article):
            continue
        if same_value(a.quantity, b.quantity):
            sets.union(i, j)
            continue
        if not _may_conflict(a, b) or _sums_to(a, b, by_sentence):
            continue
        score = _overlap(a, b)
        for x, y in ((i, j), (j, i)):
            key = (x, items[y].quantity.span.article)
            if score > best.get(key, (0.0, -1))[0]:
                best[key] = (score, y)
    members: dict[int, list[int]] = {}
    for k in range(len(items)):
        members.setdefault(sets.find(k), []).append(k)
    for (i, _), (score, j) in sorted(best.items()):
        mutual = best.get((j, items[i].quantity.span.article), (0.0, -1))[1] == i
        a, b = items[i], items[j]
        if (
            mutual
            and i < j
            and score >= MIN_CONFLICT_JACCARD
            and not _gives_value(a, b.quantity, by_sentence)
            and not _gives_value(b, a.quantity, by_sentence)
        ):
            ri, rj = sets.find(i), sets.find(j)
            if ri == rj or not _consistent([items[m] for m in members[ri] + members[rj]]):
                continue
            sets.union(i, j)
            members[min(ri, rj)] = members.pop(ri) + members.pop(rj)
    return [
        [items[m] for m in ms]
        for ms in sets.groups()
        if len({items[m].quantity.span.article for m in ms}) > 1
    ]


def _consistent(cluster: Sequence[QuantityItem]) -> bool:
    """Whether every article gives one figure (up to rounding) among ``cluster``'s quantities:
    an article's two different figures measure two things, so no article's rival can be both."""
    first: dict[str, Quantity] = {}
    for it in cluster:
        q = first.setdefault(it.quantity.span.article, it.quantity)
        if not same_value(q, it.quantity):
            return False
    return True


def quantity_conflict(cluster: Sequence[QuantityItem], texts: Mapping[str, str]) -> Conflict | None:
    """The conflict of a cluster with two values that cannot be one figure (:func:`agrees`),
    else None."""
    values = [it.quantity for it in cluster]
    distinct: list[Quantity] = []
    for q in values:
        if not any(same_value(q, d) for d in distinct):
            distinct.append(q)
    if all(agrees(a, b) for k, a in enumerate(distinct) for b in distinct[k + 1 :]):
        return None
    measure = next((q.measure for q in values if q.measure), None)
    first = cluster[0]
    subject = (
        measure or texts.get(first.quantity.span.article, "")[first.sentence[0] : first.sentence[1]].strip()
    )
    cited = tuple(
        ConflictValue(
            value=" ".join(p for p in (q.modifier, q.text) if p),
            citation=Citation(q.span, q.text),
        )
        for q in values
    )
    return make_conflict("quantity", f"{first.quantity.category}: {subject}", severity(distinct), cited)
