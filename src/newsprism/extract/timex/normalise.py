"""Normalise the text of one time expression TIMEX3-style against an anchor date.

Pure functions over strings: no spaCy here. :func:`normalise` reads an expression ("Thursday",
"last week", "in February", "Sept. 15-16", "early 2020", "almost three years", "daily") and
returns its TIMEX3 ``type``, ``value`` and ``mod``, resolved against ``anchor`` (the article's
publication date) and the grammatical ``tense`` of the clause it sits in.

Conventions (documented choices):

* Weekdays: past tense → the latest such day on or before the anchor; future tense → the first on
  or after it; present/unknown → the nearest one (ties go forward).
* Month names without a year: the anchor's year, moved back a year when the clause is past tense
  and the month lies more than one month after the anchor's (and forward for future tense,
  symmetrically); "last April" / "next March" always look back / ahead. After an explicit date
  in another year, the narrative's year instead (``narrative``: :mod:`.narrative` decides when).
* Quarters: "the third quarter" → ``1989-Q3`` (the latest such quarter); "the quarter" / "the
  latest quarter" → the last completed one. Seasons ``1998-SU``, without a year dated as their
  first month is (the narrative's year too); "that summer", "the following spring" from the last
  dated year or finer (``latest``). Weekends ``1990-W32-WE``.
* Day ranges ("Sept. 15-16") are ISO intervals ``2022-09-15/2022-09-16`` typed DATE.
* Anchored periods ("the first eight months of 2022") are ISO intervals ``2022-01/2022-08``
  typed DURATION; half years and quarters use ``2022-H1`` / ``2022-Q3``.
* Vague durations ("for years", "weeks") get ``PXY``/``PXW``; vague references PAST_REF,
  PRESENT_REF, FUTURE_REF; "early/late/mid" become ``mod`` START/END/MID.
* Without an anchor, anything relative gets ``value=None`` (absolute dates still resolve when
  they carry a year).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction
from functools import lru_cache
from typing import Literal

from dateparser.date import DateDataParser
from dateutil.easter import easter

from ...records import TimexType
from .values import SEASON_START, date_range, iso_week

Tense = Literal["past", "present", "future"]

WEEKDAYS: dict[str, int] = {
    d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
}
MONTHS: dict[str, int] = {}
_MONTH_NAMES = "january february march april may june july august september october november december"
for _i, _name in enumerate(_MONTH_NAMES.split(), start=1):
    MONTHS[_name] = _i
    MONTHS[_name[:3]] = _i
MONTHS["sept"] = 9

_SMALL_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
)
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_SMALL_NUMBERS.split())}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
NUMBER_WORDS.update(_TENS)
for _tens, _t in _TENS.items():  # "twenty-four", "twenty four"
    for _unit_word, _u in list(NUMBER_WORDS.items())[1:10]:
        NUMBER_WORDS[f"{_tens}-{_unit_word}"] = NUMBER_WORDS[f"{_tens} {_unit_word}"] = _t + _u
for _big, _b in {"hundred": 100, "thousand": 1000}.items():  # "a hundred", "two thousand"
    for _unit_word, _u in list(NUMBER_WORDS.items())[1:10]:
        NUMBER_WORDS[f"{_unit_word} {_big}"] = _u * _b
    NUMBER_WORDS[f"a {_big}"] = _b
NUMBER_WORDS.update({"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "a pair of": 2})
ORDINALS: dict[str, int] = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}

# unit word -> (TIMEX3 letter, multiplier, is_time_unit)
UNITS: dict[str, tuple[str, int]] = {
    "year": ("Y", 1),
    "month": ("M", 1),
    "week": ("W", 1),
    "day": ("D", 1),
    "decade": ("Y", 10),
    "century": ("Y", 100),
    "hour": ("H", 1),
    "minute": ("M", 1),
    "quarter": ("Q", 1),
}
_TIME_UNITS = {"hour", "minute"}

MODS: tuple[tuple[str, str], ...] = (
    ("more than", "MORE_THAN"),
    ("no more than", "EQUAL_OR_LESS"),
    ("up to", "EQUAL_OR_LESS"),
    ("no less than", "EQUAL_OR_MORE"),
    ("over", "MORE_THAN"),
    ("at least", "EQUAL_OR_MORE"),
    ("at most", "EQUAL_OR_LESS"),
    ("less than", "LESS_THAN"),
    ("under", "LESS_THAN"),
    ("almost", "APPROX"),
    ("nearly", "APPROX"),
    ("about", "APPROX"),
    ("around", "APPROX"),
    ("roughly", "APPROX"),
    ("approximately", "APPROX"),
    ("some", "APPROX"),
    ("early", "START"),
    ("the beginning of", "START"),
    ("the start of", "START"),
    ("the end of", "END"),
    ("late", "END"),
    ("mid", "MID"),
    ("the middle of", "MID"),
)

PAST_REF = {
    "recent",  # "a recent sale": before a noun only (see spans)
    "recently",
    "the past",
    "lately",
    "previously",
    "formerly",
    "once",
}
PRESENT_REF = {
    "now",
    "current",
    "currently",
    "so far",
    "at present",
    "present",
    "nowadays",
    "these days",
    "today's",
}
FUTURE_REF = {
    "soon",
    "someday",
    "the near future",
    "the future",
    "going forward",
    "later",
    "shortly",
    "the near term",
    "the short term",
    "the long term",
}
SETS: dict[str, str] = {
    "daily": "P1D",
    "every day": "P1D",
    "each day": "P1D",
    "weekly": "P1W",
    "every week": "P1W",
    "each week": "P1W",
    "monthly": "P1M",
    "every month": "P1M",
    "each month": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "every year": "P1Y",
    "each year": "P1Y",
    "hourly": "PT1H",
    "quarterly": "P1Q",
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}

# "at" leads "at noon" but belongs to the modifiers "at least" / "at most".
_LEAD = re.compile(
    r"^(?:in|on|at(?!\s+(?:least|most)\b)|during|by|until|till|from|of|just|only|as (?:early|soon|late) as)\s+",
    re.I,
)
_NUM = (
    r"(?:\d+(?:[.,]\d+)?(?:\s?[½¼¾])?|[½¼¾]|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
)
_UNIT = r"(years?|months?|weeks?|days?|decades?|centur(?:y|ies)|hours?|minutes?|quarters?)"
_FRACTIONS = {"½": Fraction(1, 2), "¼": Fraction(1, 4), "¾": Fraction(3, 4)}


@dataclass(frozen=True, slots=True)
class Normalised:
    """The TIMEX3 reading of one expression."""

    type: TimexType
    value: str | None
    mod: str | None = None


def _unit(word: str) -> str:
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    return w[:-1] if w.endswith("s") else w


def parse_number(text: str) -> Fraction | None:
    """``"three"`` → 3, ``"2½"`` → 5/2, ``"1,000"`` → 1000; ``None`` when not a number."""
    t = text.strip().lower()
    if t in NUMBER_WORDS:
        return Fraction(NUMBER_WORDS[t])
    frac = Fraction(0)
    if t and t[-1] in _FRACTIONS:
        frac = _FRACTIONS[t[-1]]
        t = t[:-1].strip()
        if not t:
            return frac
    try:
        return Fraction(t.replace(",", "")) + frac
    except (ValueError, ZeroDivisionError):
        return None


def duration_value(amount: Fraction | None, unit: str) -> str:
    """ISO-8601 duration for ``amount`` ``unit`` (``None`` amount → ``X``); fractions go down a unit."""
    letter, mult = UNITS[unit]
    prefix = "PT" if unit in _TIME_UNITS else "P"
    if amount is None:
        return {"decade": "PXDE", "century": "PXCE"}.get(unit, f"{prefix}X{letter}")
    amount = amount * mult
    if amount.denominator != 1 and prefix == "PT" and (amount * 60).denominator == 1:
        # "5½ hours" PT5H30M, "a minute and a half" PT1M30S: whole units and the rest in the
        # next smaller one ("2½ years" stays P30M, as the seed gold writes it).
        whole, rest = divmod(amount, 1)
        smaller, per = ("M", 60) if letter == "H" else ("S", 60)
        if (rest * per).denominator == 1:
            head = f"{whole}{letter}" if whole else ""
            return f"{prefix}{head}{rest * per}{smaller}"
    if amount.denominator != 1:
        if letter == "Y":
            amount, letter = amount * 12, "M"
        elif letter == "W":
            amount, letter = amount * 7, "D"
        elif letter == "D":
            amount, letter, prefix = amount * 24, "H", "PT"
    if amount.denominator != 1:
        return f"{prefix}{float(amount):g}{letter}"
    return f"{prefix}{amount.numerator}{letter}"


def resolve_weekday(weekday: int, anchor: date, tense: Tense | None) -> date:
    """The date of ``weekday`` (0 = Monday) relative to ``anchor`` given the clause's tense."""
    back = (anchor.weekday() - weekday) % 7
    fwd = (weekday - anchor.weekday()) % 7
    if tense == "past":
        return anchor - timedelta(days=back)
    if tense == "future":
        return anchor + timedelta(days=fwd)
    return anchor - timedelta(days=back) if back <= fwd else anchor + timedelta(days=fwd)


def resolve_month_year(month: int, anchor: date, tense: Tense | None) -> int:
    """The year of a month named without one: past tense looks back, future tense looks ahead.

    The month right after (before) the anchor's stays in the anchor's year even in a past
    (future) clause: reports often name a date just ahead in past tense ("said the vote was set
    for March 12"). Measured on TimeBank/AQUAINT: better than shifting at any distance.
    """
    if tense == "past" and month > anchor.month + 1:
        return anchor.year - 1
    if tense == "future" and month < anchor.month - 1:
        return anchor.year + 1
    return anchor.year


@dataclass(frozen=True, slots=True)
class NarrativeTime:
    """The time a narrative has moved to, for a month named without a year: ``value`` a dated
    period (``2016-11``, ``2016-11-03``, ``2016-SU``, ``2016``), ``back`` whether the wording
    points back from it ("had first felt ill in September", "earlier, in June") rather than on
    ("But by December", "then in March"). Chosen by :mod:`.narrative`; see :func:`narrative_year`."""

    value: str
    back: bool = False


def narrative_year(month: int, narrative: NarrativeTime) -> int | None:
    """The year of ``month`` told within ``narrative``: going on, the first such month from the
    narrative's first month (December after November 2016 is 2016-12, January 2017-01); going
    back, the last such month up to its last month (September before November 2016 is 2016-09,
    December 2015-12). A year without months (``2016``) holds every month. ``None`` for a value
    that names no period."""
    span = date_range(narrative.value)
    if span is None:
        return None
    if span.precision == "year":
        return span.first.year
    if narrative.back:
        return span.last.year if month <= span.last.month else span.last.year - 1
    return span.first.year if month >= span.first.month else span.first.year + 1


def add_months(d: date, months: int) -> date:
    """``d`` moved by ``months`` calendar months (day clipped to 28: only the month matters here)."""
    index = d.year * 12 + d.month - 1 + months
    return date(index // 12, index % 12 + 1, min(d.day, 28))


def _shift(anchor: date, unit: str, n: int) -> str | None:
    """The value of the ``unit`` containing ``anchor`` moved ``n`` units (last/this/next)."""
    if unit == "day":
        return (anchor + timedelta(days=n)).isoformat()
    if unit == "week":
        return iso_week(anchor + timedelta(weeks=n))
    if unit == "month":
        d = add_months(anchor, n)
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "year":
        return f"{anchor.year + n:04d}"
    if unit == "quarter":
        d = add_months(anchor, 3 * n)
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "decade":
        return f"{(anchor.year + 10 * n) // 10:03d}"
    if unit == "century":
        return f"{(anchor.year + 100 * n) // 100:02d}"
    return None


def _strip_mod(text: str) -> tuple[str, str | None]:
    low = text
    for phrase, mod in MODS:
        if low.startswith((phrase + " ", phrase + "-")):
            rest = low[len(phrase) :].lstrip(" -")
            if phrase == "over" and not re.match(_NUM, rest):
                continue
            return rest, mod
    return low, None


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})


def _explicit(text: str, c: _Ctx) -> Normalised | None:
    """Absolute calendar dates ("Oct. 23", "June 2020", "Nov. 3, 1998") via dateparser."""
    if not re.search(r"\d", text) or (not re.search(r"[a-z]", text) and not re.search(r"[/-]", text)):
        return None
    if re.search(r"\b(?:ago|later|earlier|before|after|last|next|this|past)\b", text):
        return None
    if not re.search(r"\b(?:" + "|".join(MONTHS) + r")\b|\d{1,2}/\d{1,2}", text):
        return None
    data = _parser().get_date_data(text.replace("Sept.", "Sep.").replace("sept.", "sep."))
    if data.date_obj is None:
        return None
    parts = set(data.parts or ())
    d = data.date_obj.date()
    if "year" not in parts:
        year = c.month_year(d.month)
        if year is None:
            return Normalised("DATE", None)
        try:
            d = d.replace(year=year)
        except ValueError:  # Feb. 29 in a year without one
            return Normalised("DATE", None)
    if parts >= {"month", "day"}:
        return Normalised("DATE", d.isoformat())
    if "month" in parts:
        return Normalised("DATE", f"{d.year:04d}-{d.month:02d}")
    if "year" in parts:
        return Normalised("DATE", f"{d.year:04d}")
    return None


@dataclass(frozen=True, slots=True)
class _Ctx:
    """What every rule may use besides the expression text."""

    anchor: date | None
    tense: Tense | None
    previous: str | None
    mod: str | None
    latest: str | None = None  # the last dated period, years too (the antecedent of "that year")
    narrative: NarrativeTime | None = None  # where the story has moved to (:mod:`.narrative`)

    def out(self, dtype: TimexType, value: str | None, mod: str | None = None) -> Normalised:
        return Normalised(dtype, value, mod or self.mod)

    def month_year(self, month: int) -> int | None:
        """The year of ``month`` named without one: the narrative's (:func:`narrative_year`)
        unless that puts a past clause after the anchor; else from the anchor and the tense
        (:func:`resolve_month_year`); ``None`` with neither. (A future clause may land before
        the anchor: "said in May 2016 the mill would reopen in August" is August 2016.)"""
        if self.narrative is not None:
            year = narrative_year(month, self.narrative)
            late = self.anchor is not None and (year, month) > (self.anchor.year, self.anchor.month)
            if year is not None and not (self.tense == "past" and late):
                return year
        return resolve_month_year(month, self.anchor, self.tense) if self.anchor else None


Rule = Callable[[str, _Ctx], Normalised | None]
_SIMPLE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def _rule_set_or_vague(t: str, c: _Ctx) -> Normalised | None:
    """Sets ("daily", "every two weeks", "each Tuesday") and vague references ("now",
    "recently", "soon", "a few years ago")."""
    if t in SETS:
        return c.out("SET", SETS[t])
    every = _every(t)
    if every is not None:
        return c.out("SET", every)
    m = re.fullmatch(r"(\w+day)(?:s|( morning| afternoon| evening| night)s)", t)
    if m and m.group(1) in WEEKDAYS:  # "on Sundays", "Tuesday nights": every such day (night)
        part = f"T{PARTS_OF_DAY[m.group(2).strip()]}" if m.group(2) else ""
        return c.out("SET", f"XXXX-WXX-{WEEKDAYS[m.group(1)] + 1}{part}")
    if t in PRESENT_REF:
        return c.out("DATE", "PRESENT_REF")
    if t in PAST_REF:
        return c.out("DATE", "PAST_REF")
    if re.fullmatch(rf"recent {_UNIT}", t):  # "in recent days": HeidelTime's PAST_REF, as our gold
        return c.out("DATE", "PAST_REF")
    if re.fullmatch(rf"(?:a few|several|some|many) {_UNIT} ago", t):
        return c.out("DATE", "PAST_REF")  # HeidelTime's reading: no amount, no date
    if t in FUTURE_REF:
        return c.out("DATE", "FUTURE_REF")
    return None


def _every(t: str) -> str | None:
    """The SET value of "every/each [other] [N] unit | weekday | weekend | month | season"."""
    m = re.fullmatch(rf"(?:every|each) (other )?(?:({_NUM}) )?([a-z]+)", t)
    if m is None:
        return None
    word = m.group(3)
    if m.group(1) is None and m.group(2) is None:
        if word in WEEKDAYS:
            return f"XXXX-WXX-{WEEKDAYS[word] + 1}"
        if word == "weekend":
            return "XXXX-WXX-WE"
        if word in MONTHS:
            return f"XXXX-{MONTHS[word]:02d}"
        if word in SEASONS:
            return f"XXXX-{SEASONS[word]}"
    if not re.fullmatch(_UNIT, word):
        return None
    amount = parse_number(m.group(2)) if m.group(2) else Fraction(2 if m.group(1) else 1)
    return duration_value(amount, _unit(word))


def _rule_anaphora(t: str, c: _Ctx) -> Normalised | None:
    """ "then"/"at the time" (the antecedent), "since then" (antecedent → anchor interval)."""
    dated = c.previous if c.previous and c.previous[0].isdigit() else None
    if t in {"then", "at the time", "the time", "that time"}:
        return c.out("DATE", dated)
    if t == "since then":
        return c.out("DURATION", f"{dated}/{c.anchor.isoformat()}" if dated and c.anchor else None)
    if re.fullmatch(rf"(?:a few|several|{_NUM}) (?:days?|weeks?) (?:later|afterwards?)", t):
        month_ok = dated is not None and (span := date_range(dated)) is not None and span.precision == "month"
        if month_ok:
            return c.out("DATE", dated)
        return None  # an amount of time after something: a duration (:func:`_rule_duration`)
    span = date_range(dated) if dated and _YEAR_BEFORE.fullmatch(t) else None
    # "Ago" counts back from now: only a report's period (a quarter, half or season: "profit
    # rose in the third quarter from a year ago") makes it the same period a year before. After
    # a month the story merely mentioned ("In May, NASA awarded ... selected nearly a year ago")
    # it is a year before the publication, not before May.
    periods = ("quarter", "half", "season") if "ago" in t else ("quarter", "half", "month", "season")
    if dated and span is not None and span.precision in periods:
        return c.out("DATE", f"{span.first.year - 1:04d}{dated[4:]}")
    return _narrative(t, c, dated)


#: "A year earlier", "the year-ago quarter", "the same period last year": in a report about a
#: quarter (or month, half, season) the same period one year before it, not the year before the
#: publication ("net rose to $5m in the third quarter from $4m a year earlier").
def names_a_year_before(text: str) -> bool:
    """Whether ``text`` is a comparison with the same period a year before ("a year earlier",
    "the year-ago quarter"): it dates a comparison, the narrative does not move to it, so it is
    nobody's antecedent (else "a year earlier" twice in a report gives two years back)."""
    t = re.sub(r"\s+", " ", text.strip()).lower().removesuffix("'s").strip(" ,.")
    return _YEAR_BEFORE.fullmatch(t) is not None


_YEAR_BEFORE = re.compile(
    r"(?:(?:a|one) year (?:earlier|ago|before)|(?:the )?(?:year-earlier|year-ago|year earlier|year ago)"
    r"(?: (?:quarter|period|month|half|season))?|the (?:same|corresponding|comparable) "
    r"(?:quarter|period|month) (?:of |in )?(?:last year|a year (?:earlier|ago)))"
)


#: Which precisions of an antecedent can anchor each unit ("the next day" needs a day).
_REF_PRECISION: dict[str, frozenset[str]] = {
    "day": frozenset({"day", "time"}),
    "week": frozenset({"day", "time", "week", "weekend"}),
    "month": frozenset({"day", "time", "week", "weekend", "month"}),
    "year": frozenset({"day", "time", "week", "weekend", "month", "quarter", "half", "season", "year"}),
}
_NARRATIVE_UNIT = r"(day|week|month|year|morning|afternoon|evening|night)"
_NARRATIVE = (
    (re.compile(rf"(?:(?:later|earlier) (?:in |on )?)?that (?:same |very )?{_NARRATIVE_UNIT}"), 0),
    (re.compile(rf"(?:(?:later|earlier) (?:in |on )?)?the (?:same|very) {_NARRATIVE_UNIT}"), 0),
    (re.compile(rf"the (?:following|subsequent) {_NARRATIVE_UNIT}"), 1),
    (re.compile(r"the next (day|morning|afternoon|evening|night)"), 1),
    (re.compile(rf"the {_NARRATIVE_UNIT} (?:after|afterwards?|later)"), 1),
    (re.compile(rf"the (?:previous|preceding|prior) {_NARRATIVE_UNIT}"), -1),
    (re.compile(rf"the {_NARRATIVE_UNIT} (?:before|earlier)"), -1),
)


def _narrative(t: str, c: _Ctx, dated: str | None) -> Normalised | None:
    """Expressions that name their own reference ("that day", "the following year", "later that
    month", "the day before") anchor to the last dated expression before them (``previous``),
    not to the publication date: HeidelTime's ``UNDEF-REF`` reading, which TempEval-3 follows.
    Without an antecedent fine enough for the unit (a year cannot anchor "the next day") the
    value stays unresolved rather than guessed from the publication date."""
    season = _narrative_season(t, c)
    if season is not None:
        return season
    for pattern, shift in _NARRATIVE:
        m = pattern.fullmatch(t)
        if m is None:
            continue
        word = m.group(1)
        part = PARTS_OF_DAY.get(word)
        unit = "day" if part else word
        if unit == "year" and c.latest and c.latest[0].isdigit():
            dated = c.latest  # "that year" after "in 1998": a year antecedent will do
        span = date_range(dated) if dated else None
        if span is None or span.precision not in _REF_PRECISION[unit]:
            return c.out("TIME" if part else "DATE", None)
        value = _shift(span.first, unit, shift)
        return c.out("TIME", f"{value}T{part}") if part else c.out("DATE", value)
    return None


_SEASON_WORDS = "spring|summer|fall|autumn|winter"
_NARRATIVE_SEASON = (
    (re.compile(rf"(?:(?:later|earlier) (?:in |on )?)?that (?:same |very )?({_SEASON_WORDS})"), 0),
    (re.compile(rf"the (?:following|next|subsequent) ({_SEASON_WORDS})"), 1),
    (re.compile(rf"the (?:previous|preceding|prior) ({_SEASON_WORDS})"), -1),
)


def _narrative_season(t: str, c: _Ctx) -> Normalised | None:
    """ "That summer", "later that spring", "the following winter": a season of the year the
    text moved to (``latest``, a dated year or anything finer: "In 2014 the firm moved. That
    summer ..." is 2014-SU), not of the publication's; "that summer" of one that holds it (the
    winter holding January 2015 is 2014-WI, the one starting in December), "the following"
    ("previous") the first (last) one that starts after (ends before) it. Without an antecedent
    no value: "that" points back, and a season of the publication's year is a guess."""
    for pattern, shift in _NARRATIVE_SEASON:
        m = pattern.fullmatch(t)
        if m is None:
            continue
        code = SEASONS[m.group(1)]
        dated = c.latest if c.latest and c.latest[0].isdigit() else None
        span = date_range(dated) if dated else None
        if span is None or span.precision in ("decade", "century", "interval"):
            return c.out("DATE", None)
        start = SEASON_START[code]
        if shift == 0:
            held = code == "WI" and span.precision != "year" and span.first.month < SEASON_START["SP"]
            year = span.first.year - 1 if held else span.first.year
        elif shift > 0:
            year = span.last.year if date(span.last.year, start, 1) > span.last else span.last.year + 1
        else:
            ends = add_months(date(span.first.year, start, 1), 3)  # the month after its last
            year = span.first.year if ends <= span.first else span.first.year - 1
        return c.out("DATE", f"{year:04d}-{code}")
    return None


def _rule_days_and_times(t: str, c: _Ctx) -> Normalised | None:
    """today/yesterday/tomorrow/tonight, "Friday night", "10:35 a.m."."""
    a = c.anchor
    if t in _SIMPLE_DAYS:
        return c.out("DATE", (a + timedelta(days=_SIMPLE_DAYS[t])).isoformat() if a else None)
    if t == "tonight":
        return c.out("TIME", f"{a.isoformat()}TNI" if a else None)
    m = re.fullmatch(r"(this|yesterday|tomorrow|last|(?:\w+day)) (morning|afternoon|evening|night)", t)
    if m:
        shift = {"this": 0, "yesterday": -1, "tomorrow": 1, "last": -1}
        if m.group(1) in WEEKDAYS and a:
            day: date | None = resolve_weekday(WEEKDAYS[m.group(1)], a, c.tense)
        else:
            day = a + timedelta(days=shift.get(m.group(1), 0)) if a else None
        return c.out("TIME", f"{day.isoformat()}T{PARTS_OF_DAY[m.group(2)]}" if day else None)
    return _time_of_day(t, c)


_ZONE = r"(?:gmt|utc|bst|cet|cest|[ecmp][sd]?t|local time)"
_CLOCK = re.compile(
    r"(?:(?P<h12>\d{1,2})(?::(?P<m12>\d{2}))? ?(?P<ap>[ap])\.?m\.?"  # 10 p.m., 9:30am
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)"  # 18:45, 09:30
    r"|(?P<hmil>[01]\d|2[0-3])(?P<mmil>[0-5]\d) hours"  # 0600 hours (a time, not 600 hours)
    r"|(?P<noon>noon|midday|midnight)"
    r"|(?P<hpart>\d{1,2}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
    r" (?:o'clock )?in the (?P<part>morning|afternoon|evening|night))"
    rf"(?: {_ZONE})?(?:,? (?:on |at )?(?P<day>.+))?"
)


def is_clock_time(text: str) -> bool:
    """Whether ``text`` is a clock time with no day ("9 a.m.", "noon", "5 p.m. EST")."""
    m = _CLOCK.fullmatch(re.sub(r"\s+", " ", text.strip()).lower().strip(" ,"))
    return m is not None and m["day"] is None


def _time_of_day(t: str, c: _Ctx) -> Normalised | None:
    """A clock time, optionally with a zone and the day it falls on: "10:35 a.m.", "09:30 GMT on
    Monday", "0600 hours", "noon Thursday", "4 in the morning". The day ("Monday", "yesterday",
    "Nov. 9") is read by the other rules; without one the time falls on the anchor day."""
    m = _CLOCK.fullmatch(t)
    if m is None:
        return None
    if m["noon"]:
        hour, minute = (24 if m["noon"] == "midnight" else 12), 0
    elif m["ap"]:
        hour, minute = int(m["h12"]) % 12 + (12 if m["ap"] == "p" else 0), int(m["m12"] or 0)
    elif m["h24"]:
        hour, minute = int(m["h24"]), int(m["m24"])
    elif m["hmil"]:
        hour, minute = int(m["hmil"]), int(m["mmil"])
    else:
        number = parse_number(m["hpart"])
        if number is None or not 1 <= number <= 12:
            return None
        hour, minute = int(number) % 12 + (12 if m["part"] in ("afternoon", "evening", "night") else 0), 0
    if hour > 24 or minute > 59:
        return None
    day: str | None = c.anchor.isoformat() if c.anchor else None
    if m["day"]:
        found = _first_reading(m["day"], c)
        day = found.value if found is not None else None
        if day is None or (span := date_range(day)) is None or span.precision != "day":
            return c.out("TIME", None)
    return c.out("TIME", f"{day}T{hour:02d}:{minute:02d}" if day else None)


def _rule_season_of_year(t: str, c: _Ctx) -> Normalised | None:
    """ "The winter of 1994", "summer 2019", "the spring of nineteen ninety"."""
    m = re.fullmatch(r"(?:the )?(spring|summer|fall|autumn|winter),? (?:of )?(\d{4}|[a-z -]+)", t)
    if m is None:
        return None
    year = int(m.group(2)) if m.group(2).isdigit() else spoken_year(m.group(2))
    return c.out("DATE", f"{year:04d}-{SEASONS[m.group(1)]}") if year is not None else None


def _rule_named_month_or_season(t: str, c: _Ctx) -> Normalised | None:
    """ "last April", "next March", "this summer", "last fall", "the weekend"."""
    a = c.anchor
    m = re.fullmatch(r"(last|next|this|past|coming) ([a-z]+)\.?", t)
    if m and m.group(2) in MONTHS:  # "may" too: after last/next/this it is no modal
        if a is None:
            return c.out("DATE", None)
        month, rel = MONTHS[m.group(2)], m.group(1)
        if rel in ("last", "past"):
            year = a.year if month < a.month else a.year - 1
        elif rel in ("next", "coming"):
            year = a.year if month > a.month else a.year + 1
        else:
            year = a.year
        return c.out("DATE", f"{year:04d}-{month:02d}")
    m = re.fullmatch(r"(last|next|this|past|coming) ([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?", t)
    if m and m.group(2) in MONTHS:  # "last Oct. 23": the latest Oct. 23 before the anchor
        return c.out("DATE", _month_day_from(MONTHS[m.group(2)], int(m.group(3)), m.group(1), a))
    m = re.fullmatch(r"([a-z]+)\.?,? (?:of )?(this|last|next) year", t)
    if m and m.group(1) in MONTHS:  # "June last year", "February this year"
        if a is None:
            return c.out("DATE", None)
        year = a.year + {"this": 0, "last": -1, "next": 1}[m.group(2)]
        return c.out("DATE", f"{year:04d}-{MONTHS[m.group(1)]:02d}")
    m = re.fullmatch(r"(?:(last|next|this|past|coming|the) )?(spring|summer|fall|autumn|winter)", t)
    if m:
        code = SEASONS[m.group(2)]
        start, rel = SEASON_START[code], m.group(1)
        if rel in (None, "the"):  # "by the spring", "in summer": a month's year (narrative too)
            season_year = c.month_year(start)
            return c.out("DATE", f"{season_year:04d}-{code}" if season_year is not None else None)
        if a is None:
            return c.out("DATE", None)
        if rel in ("last", "past"):
            year = a.year if start + 2 < a.month else a.year - 1
        elif rel in ("next", "coming"):
            year = a.year if start > a.month else a.year + 1
        else:
            year = a.year
        return c.out("DATE", f"{year:04d}-{code}")
    m = re.fullmatch(r"(?:(last|next|this|the|a) )?weekend", t)
    if m:
        if a is None:
            return c.out("DATE", None)
        rel = m.group(1)
        weeks = -1 if rel == "last" or (rel == "the" and c.tense == "past" and a.weekday() < 5) else 0
        weeks = 1 if rel == "next" else weeks
        return c.out("DATE", f"{iso_week(a + timedelta(weeks=weeks))}-WE")
    return None


def _month_day_from(month: int, day: int, rel: str, anchor: date | None) -> str | None:
    """The ISO day of ``month`` ``day`` after last/next/this: the latest one before the anchor,
    the first after it, or the one in the anchor's year; ``None`` for no such day."""
    if anchor is None:
        return None
    year = anchor.year
    if rel in ("last", "past") and (month, day) >= (anchor.month, anchor.day):
        year -= 1
    elif rel in ("next", "coming") and (month, day) <= (anchor.month, anchor.day):
        year += 1
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_QUARTER = re.compile(
    r"(?:(?:the|its|their|a|an) )?(?:(?P<year>\d{4}|this year's|last year's|next year's|year-ago|year-earlier"
    r"|latest|last|most recent|current|year's) )?(?:fiscal[ -])?(?:(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th) )?"
    r"(?:fiscal )?(?P<unit>quarter|period)"
)


def _rule_quarter(t: str, c: _Ctx) -> Normalised | None:
    """ "the third quarter" (the latest such), "the quarter"/"the latest quarter" (last completed);
    the year named beside it: "the 1988 second quarter", "this year's third quarter", "the
    year-ago third quarter"; "the 1988 quarter" / "the 1989 period" after a quarter: that quarter
    of the year named (a report comparing one quarter across years)."""
    m = _QUARTER.fullmatch(t.replace("-quarter", " quarter"))
    if not m or not (m["year"] or m["ordinal"] or t.startswith(("the ", "its ", "their "))):
        return None
    a = c.anchor
    year_word = m["year"] or ""
    if m["unit"] == "period" and m["ordinal"] is None and year_word in ("", "latest", "last", "most recent"):
        # "the latest period" of a quarterly report: the quarter it reports, named before it
        before = date_range(c.previous) if c.previous else None
        quarter = before is not None and before.precision == "quarter"
        return c.out("DATE", c.previous if quarter else None)
    if m["unit"] == "period" and not (year_word[:1].isdigit() and m["ordinal"] is None):
        return None  # "the current period", "the second period": no quarter named
    if a is None:
        return c.out("DATE", None)
    current_q = (a.month - 1) // 3 + 1
    shift = {"last year's": -1, "next year's": 1, "year-ago": -1, "year-earlier": -1}.get(year_word, 0)
    if year_word[:1].isdigit() and m["ordinal"] is None:
        before = date_range(c.previous) if c.previous else None
        if before is None or before.precision != "quarter" or c.previous is None:
            return c.out("DATE", None)
        return c.out("DATE", f"{year_word}{c.previous[4:]}")
    if m["ordinal"]:
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(m["ordinal"]) or int(m["ordinal"][0])
        if year_word[:1].isdigit():
            year = int(year_word)
        elif shift or year_word == "this year's":
            year = a.year + shift
        else:
            year = a.year if q <= current_q or c.tense == "future" else a.year - 1
    elif year_word == "current":
        q, year = current_q, a.year
    else:
        q, year = (current_q - 1, a.year) if current_q > 1 else (4, a.year - 1)
        year += shift
    return c.out("DATE", f"{year:04d}-Q{q}")


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (0 = Monday) of ``month`` (``n`` = -1: the last one)."""
    if n < 0:
        last = add_months(date(year, month, 1), 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


#: Holidays by name -> the day they fall on in a given year (the US ones as US news dates them).
HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas": lambda y: date(y, 12, 25),
    "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24),
    "boxing day": lambda y: date(y, 12, 26),
    "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "valentine's day": lambda y: date(y, 2, 14),
    "halloween": lambda y: date(y, 10, 31),
    "independence day": lambda y: date(y, 7, 4),
    "the fourth of july": lambda y: date(y, 7, 4),
    "veterans day": lambda y: date(y, 11, 11),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "easter": easter,
    "easter sunday": easter,
    "good friday": lambda y: easter(y) - timedelta(days=2),
    "easter week": easter,
}
_HOLIDAY = re.compile(
    r"(?:(last|next|this|this coming|this past) )?("
    + "|".join(sorted(map(re.escape, HOLIDAYS), key=len, reverse=True))
    + r")(?:,? (?:of )?(\d{4}))?"
)


def _rule_holiday(t: str, c: _Ctx) -> Normalised | None:
    """ "Thanksgiving Day", "last Christmas", "Easter 2009", "Election Day": the holiday's day in
    the year named, else the one the tense points to (past: the latest on or before the anchor,
    future: the first on or after it, otherwise the nearest). "Easter week" is the ISO week."""
    m = _HOLIDAY.fullmatch(t)
    if m is None:
        return None
    day_of = HOLIDAYS[m.group(2)]
    if m.group(3):
        day = day_of(int(m.group(3)))
    elif c.anchor is None:
        return c.out("DATE", None)
    else:
        a, rel = c.anchor, m.group(1) or ""
        tense = (
            "past"
            if rel in ("last", "this past")
            else "future"
            if "next" in rel or "coming" in rel
            else c.tense
        )
        days = [day_of(y) for y in (a.year - 1, a.year, a.year + 1)]
        # a week-long holiday has begun once its week has ("as Easter week began")
        begun = timedelta(days=6 if m.group(2).endswith("week") else 0)
        past = [d for d in days if d - begun <= a]
        ahead = [d for d in days if d >= a]
        if tense == "past":
            day = past[-1]
        elif tense == "future":
            day = ahead[0]
        else:
            day = min(days, key=lambda d: abs((d - a).days))
    return c.out("DATE", iso_week(day) if m.group(2).endswith("week") else day.isoformat())


def _rule_weekday_with_date(t: str, c: _Ctx) -> Normalised | None:
    """A weekday and its date ("Friday Oct. 13", "this coming Sunday, March eighth"): the
    date decides. "The week of March 6": the ISO week holding that day."""
    m = re.fullmatch(r"(?:(?:this|next|last|coming|this coming|this past) )?(\w+day),? (.+)", t)
    if m and m.group(1) in WEEKDAYS:
        found = _first_reading(m.group(2), c)
        if c.narrative is not None and not _falls_on(found, WEEKDAYS[m.group(1)]):
            # the weekday tells the year: "tickets go on sale Friday, Dec. 6" after a tour
            # dated next year is this year's Dec. 6 when that one is the Friday
            own = _first_reading(m.group(2), replace(c, narrative=None))
            found = own if _falls_on(own, WEEKDAYS[m.group(1)]) else found
        return found if found is not None and _is_day(found.value) else None
    m = re.fullmatch(r"(?:the )?week of (.+)", t)
    if m:
        found = _first_reading(m.group(1), c)
        if found is not None and found.value and _is_day(found.value):
            return c.out("DATE", iso_week(date.fromisoformat(found.value)))
    return None


def _falls_on(found: Normalised | None, weekday: int) -> bool:
    """Whether ``found`` is a day that falls on ``weekday`` (0 = Monday)."""
    if found is None or found.value is None or not _is_day(found.value):
        return False
    return date.fromisoformat(found.value[:10]).weekday() == weekday


def _is_day(value: str | None) -> bool:
    span = date_range(value) if value else None
    return span is not None and span.precision == "day"


_NARRATIVE_WEEKDAY = re.compile(r"the (previous|preceding|prior|following|next) (\w+day)")


def _rule_narrative_weekday(t: str, c: _Ctx) -> Normalised | None:
    """ "The previous Friday", "the following Monday": the weekday before (after) the day the
    narrative is on (the last dated day before it), else before (after) the anchor."""
    m = _NARRATIVE_WEEKDAY.fullmatch(t)
    if m is None or m.group(2) not in WEEKDAYS:
        return None
    base = _narrative_day(c)
    if base is None:
        return c.out("DATE", None)
    weekday = WEEKDAYS[m.group(2)]
    if m.group(1) in ("following", "next"):
        return c.out("DATE", (base + timedelta(days=(weekday - base.weekday() - 1) % 7 + 1)).isoformat())
    return c.out("DATE", (base - timedelta(days=(base.weekday() - weekday - 1) % 7 + 1)).isoformat())


def _narrative_day(c: _Ctx) -> date | None:
    """The day the narrative is on: the last dated day before (``previous``), else the anchor."""
    span = date_range(c.previous) if c.previous and c.previous[0].isdigit() else None
    if span is not None and span.precision in ("day", "time"):
        return span.first
    return c.anchor


def _rule_part_of_narrative_day(t: str, c: _Ctx) -> Normalised | None:
    """ "Later in the day", "earlier in the morning", "in the afternoon", "by mid-afternoon":
    that day, or that part of it, on the day the narrative is on (:func:`_narrative_day`);
    "later this afternoon": on the anchor's day."""
    m = re.fullmatch(
        r"(?:(?:later|earlier) (?:in )?the (day|morning|afternoon|evening|night)"
        r"|(?:later |earlier )?this (morning|afternoon|evening)"
        r"|the (morning|afternoon|evening)|mid[ -](morning|afternoon|evening))",
        t,
    )
    if m is None and c.mod is not None:  # "mid afternoon", "late evening" (the modifier read)
        m = re.fullmatch(r"(morning|afternoon|evening)", t)
    if m is None:
        return None
    word = next(w for w in m.groups() if w)
    day = c.anchor if re.match(r"(?:(?:later|earlier) )?this ", t) else _narrative_day(c)
    if word == "day":
        return c.out("DATE", day.isoformat() if day else None)
    mod = "MID" if t.startswith("mid") else None
    return c.out("TIME", f"{day.isoformat()}T{PARTS_OF_DAY[word]}" if day else None, mod)


def _rule_year_end(t: str, c: _Ctx) -> Normalised | None:
    """ "Year-end", "year's end": the end of the year, read as "the end of the year" is (the
    anchor's year, ``mod`` END). Not moved back a year in a past clause: the tense there is
    often another event's ("reduced inventories, within reach of its goal by year-end")."""
    if not re.fullmatch(r"(?:the )?year(?:-| |'s )end", t):
        return None
    return c.out("DATE", f"{c.anchor.year:04d}" if c.anchor else None, "END")


def _rule_weekday(t: str, c: _Ctx) -> Normalised | None:
    """ "Thursday" (by tense), "last Thursday", "next Thursday"."""
    m = re.fullmatch(r"(?:(last|next|this|past|coming) )?(\w+day)", t)
    if not m or m.group(2) not in WEEKDAYS:
        return None
    if c.anchor is None:
        return c.out("DATE", None)
    rel = m.group(1)
    tense: Tense | None = c.tense
    if rel in ("last", "past"):
        tense = "past"
    elif rel in ("next", "coming"):
        tense = "future"
    day = resolve_weekday(WEEKDAYS[m.group(2)], c.anchor, tense)
    if rel in ("last", "past") and day == c.anchor:
        day -= timedelta(days=7)
    if rel == "next" and day == c.anchor:
        day += timedelta(days=7)
    return c.out("DATE", day.isoformat())


def _rule_relative_unit(t: str, c: _Ctx) -> Normalised | None:
    """ "last week", "next month", "earlier this year", "the past year" (a duration)."""
    m = re.fullmatch(
        r"(?:(earlier|later) )?(?:the )?(this|last|next|coming|past|previous|current|following) "
        r"(week|month|year|quarter|decade|century)(?: (?:or so|alone))?",
        t,
    )
    if m:
        rel, unit = m.group(2), m.group(3)
        if rel == "past" and m.group(1) is None and unit != "week":
            return c.out("DURATION", duration_value(Fraction(1), unit))
        n = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1}.get(rel, 1)
        return c.out("DATE", _shift(c.anchor, unit, n) if c.anchor else None)
    m = re.fullmatch(r"(earlier|later) (?:in )?(?:the|this) (week|month|year)", t)
    if m:
        return c.out("DATE", _shift(c.anchor, m.group(2), 0) if c.anchor else None)
    m = re.fullmatch(
        r"(?:the )?(beginning|start|end|middle) of (?:the )?(this|last|next) (week|month|year)", t
    )
    if m:
        mod = {"beginning": "START", "start": "START", "end": "END", "middle": "MID"}[m.group(1)]
        n = {"this": 0, "last": -1, "next": 1}[m.group(2)]
        return c.out("DATE", _shift(c.anchor, m.group(3), n) if c.anchor else None, mod)
    return None


def _rule_period(t: str, c: _Ctx) -> Normalised | None:
    """ "the first half of this year" (2022-H1), "the first eight months of 2022" (an interval)."""
    m = re.fullmatch(
        r"(?:the )?(first|second|third|fourth|last) (half|quarter) of (?:the |this |last |next )?(year|\d{4})",
        t,
    )
    if m:
        ref_year = _year_ref(m.group(0), m.group(3), c.anchor)
        if ref_year is None:
            return c.out("DURATION", None)
        n = ORDINALS[m.group(1)]
        if m.group(2) == "half":
            return c.out("DURATION", f"{ref_year:04d}-H{2 if n < 0 else n}")
        return c.out("DURATION", f"{ref_year:04d}-Q{4 if n < 0 else n}")
    m = re.fullmatch(
        rf"(?:the )?(first|last) ({_NUM}) (months|weeks) of (?:the |this |last |next )?(year|\d{{4}})", t
    )
    if m:
        ref_year = _year_ref(m.group(0), m.group(4), c.anchor)
        count = parse_number(m.group(2))
        if ref_year is None or count is None or m.group(3) != "months" or m.group(1) != "first":
            return c.out("DURATION", None)
        return c.out("DURATION", f"{ref_year:04d}-01/{ref_year:04d}-{int(count):02d}")
    return None


def _rule_ago(t: str, c: _Ctx) -> Normalised | None:
    """ "three years ago", "a month earlier": the anchor moved back, at the unit's granularity."""
    m = re.fullmatch(rf"(?:a few|several|{_NUM}) {_UNIT} (?:ago|earlier)", t)
    if not m:
        return None
    num = re.match(_NUM, t)
    amount = parse_number(num.group(0)) if num and not t.startswith(("a few", "several")) else None
    unit = _unit(m.group(1))
    if unit == "decade" and amount is not None:  # "a decade ago": the year ten years back
        unit, amount = "year", amount * 10
    if c.anchor is None or amount is None or amount.denominator != 1 or unit not in _AGO_UNITS:
        return c.out("DATE", None)
    return c.out("DATE", _shift(c.anchor, unit, -int(amount)))


def _rule_duration(t: str, c: _Ctx) -> Normalised | None:
    """ "three years", "the past two decades", "six-month", "2½ years"; vague "years", "a few weeks"."""
    t2 = re.sub(r"^(?:for|over|since|within|after|in|each of) ", "", t)
    t2 = re.sub(r"^(?:the )?(?:past|last|next|previous|coming|first|latest) ", "", t2)
    t2 = t2.removeprefix("the ")
    # "a full 48 hours", "barely a month", "an additional year", "two more weeks", "the weeks
    # ahead", "three days later" (an amount of time after something: how long, not when).
    t2 = re.sub(r"^(?:a full|full|barely|just|only|an additional|another|a further|further) ", "", t2)
    t2 = re.sub(r"[ -](?:more|additional|further)(?= )", "", t2)
    if t2 != t.removeprefix("the ") and t2 in UNITS:  # "an additional year": one year
        t2 = "1 " + t2
    t2 = re.sub(r" (?:ahead|later|afterwards?|or so|straight|running|in a row)$", "", t2)
    t2 = re.sub(r"(\d) 1/2\b", r"\1½", t2)  # "2 1/2 years"
    # "two to three weeks", "the next 12 to 18 months": an amount given as a range has no one
    # number; TimeML writes PX<unit> (as for "weeks or months"), not either bound.
    m = re.fullmatch(rf"(?:between )?{_NUM} (?:to|or|and|-|–) {_NUM}[ -]{_UNIT}", t2)
    if m:
        return c.out("DURATION", duration_value(None, _unit(m.group(1))))
    m = re.fullmatch(rf"({_NUM}) {_UNIT} and a half", t2)
    if m and (amount := parse_number(m.group(1))) is not None:
        return c.out("DURATION", duration_value(amount + Fraction(1, 2), _unit(m.group(2))))
    t2 = t2.removeprefix("as long as ")  # "as long as a month"
    t2 = re.sub(r"^an? (?=(?:\d|two|three|four|five|six|seven|eight|nine|ten)\b)", "", t2)  # "a two-day"
    t2 = re.sub(r" (?:trading|business|working|school) (?=days?$)", " ", t2)  # "eight trading days"
    if t2 != t.removeprefix("the ") and t2 in UNITS:  # "as long as a month"
        t2 = "1 " + t2
    m = re.fullmatch(rf"({_NUM})[ -]{_UNIT}(?:[ -](?:long|old))?", t2)
    if m:
        return c.out("DURATION", duration_value(parse_number(m.group(1)), _unit(m.group(2))))
    m = re.fullmatch(rf"(?:a few|few|several|many|some)?[ -]?{_UNIT}", t2)
    if m and (m.group(1).endswith("s") or t2 != m.group(1)):
        return c.out("DURATION", duration_value(None, _unit(m.group(1))))
    return None


def spoken_year(text: str) -> int | None:
    """A year said in words, as transcripts write it: "nineteen ninety-six" (1996), "twenty
    twenty-two", "two thousand" / "two thousand and eight"; ``None`` otherwise."""
    m = re.fullmatch(r"(nineteen|eighteen|twenty) ([a-z]+(?:[- ][a-z]+)?)", text)
    if m:
        rest = NUMBER_WORDS.get(m.group(2))
        if rest is not None and 10 <= rest <= 99:
            return NUMBER_WORDS[m.group(1)] * 100 + rest
        return None
    m = re.fullmatch(r"two thousand(?: (?:and )?([a-z]+(?:[- ][a-z]+)?))?", text)
    if m:
        rest = NUMBER_WORDS.get(m.group(1) or "zero")
        return 2000 + rest if rest is not None and rest < 100 else None
    return None


def _rule_calendar(t: str, c: _Ctx) -> Normalised | None:
    """Decades, years (in words too), month names, day ranges ("Sept. 15-16", "April 24 and 25":
    not April 24, 2025) and explicit dates."""
    a = c.anchor
    words = t.removeprefix("the ").removeprefix("year ")
    head, _, tail = words.partition(" ")
    month = MONTHS.get(head.rstrip("."))
    year = spoken_year(tail.removeprefix("of ")) if month else spoken_year(words)
    if year is not None:
        return c.out("DATE", f"{year:04d}-{month:02d}" if month else f"{year:04d}")
    m = re.fullmatch(r"(?:the )?(\d{3})0s", t)
    if m:
        return c.out("DATE", m.group(1))
    m = re.fullmatch(r"(?:fiscal |fy ?)?(\d{4})", t)
    if m and 1000 <= int(m.group(1)) <= 2999:
        return c.out("DATE", m.group(1))
    m = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:\s?[-–]\s?| and | to | through )(\d{1,2})(?:,? (\d{4}))?", t)
    if m and m.group(1) in MONTHS:
        month = MONTHS[m.group(1)]
        year = int(m.group(4)) if m.group(4) else c.month_year(month)
        if year is None:
            return c.out("DATE", None)
        try:
            first, last = date(year, month, int(m.group(2))), date(year, month, int(m.group(3)))
        except ValueError:
            return c.out("DATE", None)
        return c.out("DATE", f"{first.isoformat()}/{last.isoformat()}")
    if t.rstrip(".") in MONTHS:
        month = MONTHS[t.rstrip(".")]
        year = c.month_year(month)
        return c.out("DATE", f"{year:04d}-{month:02d}" if year is not None else None)
    explicit = _explicit(t, c)
    if explicit is not None:
        return c.out(explicit.type, explicit.value)
    m = re.fullmatch(r"(?:this|the) (week|month|year|day|decade|century)", t)
    if m:
        return c.out("DATE", _shift(a, m.group(1), 0) if a else None)
    return _rule_decade_or_century(t, c)


_ORDINAL_WORDS = tuple(
    [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ]
)
_DECADE_WORDS = {
    word: k + 2
    for k, word in enumerate(
        ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")
    )
}


#: Days of the month said as ordinals, as transcripts write them ("March eighth").
DAY_ORDINALS: dict[str, int] = {
    **{w: k for k, w in enumerate(_ORDINAL_WORDS, start=1)},
    **{f"twenty-{w}": 20 + k for k, w in enumerate(_ORDINAL_WORDS[:9], start=1)},
    "thirtieth": 30,
    "thirty-first": 31,
}
_SPOKEN_DAY = re.compile(
    r"\b("
    + "|".join(MONTHS)
    + r")(\.?) (?:the )?("
    + "|".join(sorted(DAY_ORDINALS, key=len, reverse=True))
    + r")\b"
)


def _spoken_days(t: str) -> str:
    """ "march eighth" → "march 8", "june the twenty-first" → "june 21"."""
    return _SPOKEN_DAY.sub(lambda m: f"{m.group(1)}{m.group(2)} {DAY_ORDINALS[m.group(3)]}", t)


def _rule_decade_or_century(t: str, c: _Ctx) -> Normalised | None:
    """ "the 19th century" (``18``), "the twenty-first century", "the '90s" / "the nineties"
    (the latest such decade not after the anchor's: ``199``), and year ranges written as one
    word, "1998-2001" / "2014-15" (an interval of years)."""
    m = re.fullmatch(
        r"(?:the )?(?:(\d{1,2})(?:st|nd|rd|th)|(twenty-first|" + "|".join(_ORDINAL_WORDS) + r"))[ -]century",
        t,
    )
    if m:
        n = (
            int(m.group(1))
            if m.group(1)
            else 21
            if m.group(2) == "twenty-first"
            else _ORDINAL_WORDS.index(m.group(2)) + 1
        )
        return c.out("DATE", f"{n - 1:02d}") if n >= 1 else None
    m = re.fullmatch(r"(?:the )?(?:'(\d)0s|(" + "|".join(_DECADE_WORDS) + r"))", t)
    if m:
        digit = int(m.group(1)) if m.group(1) else _DECADE_WORDS[m.group(2)]
        if c.anchor is None:
            return c.out("DATE", None)
        century = c.anchor.year // 100 - (1 if digit > c.anchor.year // 10 % 10 else 0)
        return c.out("DATE", f"{century:02d}{digit}")
    years = year_range(t)
    if years is not None:
        return c.out("DATE", f"{years[0]:04d}/{years[1]:04d}")
    return None


#: The longest span of years a range written as one word is taken for ("1998-2001", not an
#: identifier such as "ISSN 2283-5474" or "1234-1567").
MAX_YEAR_RANGE = 100


def year_range(text: str) -> tuple[int, int] | None:
    """The first and last year of a range written as one word: "1998-2001", "2014-15",
    "1990/91"; ``None`` for anything else (the last year must come after the first, within
    :data:`MAX_YEAR_RANGE` years)."""
    m = re.fullmatch(r"(\d{4})\s?[-–/]\s?(\d{2}|\d{4})", text.strip())
    if m is None:
        return None
    first = int(m.group(1))
    last = int(m.group(2)) if len(m.group(2)) == 4 else first // 100 * 100 + int(m.group(2))
    return (first, last) if 1000 <= first < last <= min(2999, first + MAX_YEAR_RANGE) else None


_AGO_UNITS = ("day", "week", "month", "year")
_RANGE = re.compile(r"(?:between |from )?(.+?) (?:and|to|through|thru|until|till|-|–) (.+)")


def _rule_range(t: str, c: _Ctx) -> Normalised | None:
    """ "between 1994 and 1997", "from March to May", "1998 - 2001": the interval from the first
    date to the second when each side is a calendar date of its own and the second does not end
    before the first starts ("two to three weeks" is an amount, not a range of dates)."""
    m = _RANGE.fullmatch(t)
    if m is None:
        return None
    first, last = _first_reading(m.group(1), c), _first_reading(m.group(2), c)
    if first is None or last is None or first.type != "DATE" or last.type != "DATE":
        return None
    value = f"{first.value}/{last.value}"
    return c.out("DATE", value) if first.value and last.value and date_range(value) else None


RULES: tuple[Rule, ...] = (
    _rule_set_or_vague,
    _rule_range,
    _rule_anaphora,
    _rule_days_and_times,
    _rule_season_of_year,
    _rule_named_month_or_season,
    _rule_quarter,
    _rule_holiday,
    _rule_year_end,
    _rule_weekday_with_date,
    _rule_narrative_weekday,
    _rule_part_of_narrative_day,
    _rule_weekday,
    _rule_relative_unit,
    _rule_period,
    _rule_ago,
    _rule_duration,
    _rule_calendar,
)


_MONTH_WORDS = "|".join(MONTHS)
#: Words before a date that say nothing of its value: "sometime next year", "both 1990 and
#: 1991", "an Aug. 10 meeting", "a 20th-century writer", "the early hours of Thursday".
_PREFIXES = re.compile(
    r"^(?:some ?time (?=(?:this|next|last|later|early|late|in)\b)|both |either "
    rf"|an? (?=(?:{_MONTH_WORDS})\b|\d+(?:st|nd|rd|th)[ -]century)"
    r"|(?:the )?(?:early|small|wee) hours of )"
)


def normalise(
    text: str,
    anchor: date | None,
    tense: Tense | None = None,
    previous: str | None = None,
    *,
    rate: bool = False,
    ended: str | None = None,
    latest: str | None = None,
    narrative: NarrativeTime | None = None,
) -> Normalised:
    """TIMEX3 type/value/mod of ``text`` resolved against ``anchor``.

    ``previous`` is the value of the last dated expression before this one in the article, used
    for anaphora ("since then", "at the time"); ``latest`` the last dated period, years too (for
    "that year", "the following year"); ``narrative`` the time the story has moved to, which
    dates a month named without a year ("But by December" after "in November 2016": see
    :mod:`.narrative`, which decides when it applies). ``ended`` is the text of the date the period
    ends on when the text names one right after it ("the year" of "the year ended March 31":
    :func:`_ended_period`). The first of :data:`RULES` that recognises the text decides;
    unrecognised text is a DATE with no value.
    """
    t = _spoken_days(re.sub(r"\s+", " ", text.strip()).lower().replace("’", "'"))
    t = t.removesuffix("'s").strip(" ,.")
    t = _LEAD.sub("", t)
    t = re.sub(r"^(?:the )+(?=(?:the |early|late|mid)\b)", "", t)  # "the late 1970s", "the the end of"
    t = _PREFIXES.sub("", t)
    t = re.sub(r"^this past (?=\w)", "last ", re.sub(r"^this coming (?=\w)", "next ", t))
    t, mod = _strip_mod(t)
    t = _LEAD.sub("", t)
    # A fiscal or financial year or quarter is dated like a calendar one (TimeML's convention).
    t = re.sub(r"\b(?:fiscal|financial|full|calendar)[ -](?=(?:year|quarter)\b)", "", t)
    t = re.sub(r"^(?:earlier|later) (?=\w+day\b|today|tonight)", "", t)
    m = re.fullmatch(rf"(?:a|an|per|one) {_UNIT}", t) if rate else None
    if m:
        return Normalised("SET", duration_value(Fraction(1), _unit(m.group(1))), mod)
    found = _ended_period(t, ended, mod) if ended is not None else None
    if found is None:
        found = _first_reading(t, _Ctx(anchor, tense, previous, mod, latest, narrative))
    return found if found is not None else Normalised("DATE", None, mod)


_YEAR_END = re.compile(r"\bdec(?:ember|\.)? ?31\b(?:,? (\d{4}))?", re.I)


def _ended_period(t: str, ended: str, mod: str | None) -> Normalised | None:
    """A period named with the day it ends ("the year ended March 31", "the six months ended Oct.
    1"): the trap is reading "the year" as the calendar year. A year that ends on a day other than
    Dec. 31 (a fiscal year) is no calendar year, so it says how long (``P1Y``); "the year ended
    Dec. 31, 2021" is 2021. An amount of months or weeks is how long; a bare quarter or half is
    left to the other rules (it is a calendar quarter)."""
    m = re.fullmatch(rf"(?:the )?(?:({_NUM}) )?{_UNIT}", t)
    if m is None:
        return None
    unit = _unit(m.group(2))
    if m.group(1) is None:
        if unit != "year":
            return None
        end = _YEAR_END.search(ended)
        if end is None:
            return Normalised("DURATION", duration_value(Fraction(1), unit), mod)
        return Normalised("DATE", end.group(1), mod) if end.group(1) else None
    amount = parse_number(m.group(1))
    return Normalised("DURATION", duration_value(amount, unit), mod) if amount is not None else None


def _first_reading(t: str, c: _Ctx) -> Normalised | None:
    """The reading of the first of :data:`RULES` that recognises ``t`` (prepared text)."""
    for rule in RULES:
        found = rule(t, c)
        if found is not None:
            return found
    return None


def _year_ref(phrase: str, ref: str, anchor: date | None) -> int | None:
    if ref.isdigit():
        return int(ref)
    if anchor is None:
        return None
    if " last year" in phrase:
        return anchor.year - 1
    if " next year" in phrase:
        return anchor.year + 1
    return anchor.year
