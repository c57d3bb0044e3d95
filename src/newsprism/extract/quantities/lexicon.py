"""Word lists and number parsing for :mod:`newsprism.extract.quantities`.

Everything here is data or a small pure function over strings: number words, scale words, units,
hedges, direction verbs and time words. The deciding logic lives in ``quantities.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Cardinal number words (units and tens; "hundred"/"thousand"/... are scales).
NUMBER_WORDS: dict[str, float] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}

#: Multipliers that follow a number ("$40.8 billion").
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}

#: Indefinite plural counts: "millions of rockets" (value is a lower bound).
INDEFINITE_PLURALS: dict[str, float] = {
    "dozens": 12,
    "scores": 20,
    "hundreds": 1e2,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
}

#: Adverbial counts.
ADVERB_COUNTS: dict[str, float] = {"once": 1, "twice": 2, "thrice": 3}

ORDINAL_WORDS: dict[str, float] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twentieth": 20,
    "hundredth": 100,
}

#: Denominators of fractions ("a fifth", "two-thirds").
FRACTION_WORDS: dict[str, float] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}

VULGAR_FRACTIONS: dict[str, float] = {
    "½": 0.5,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 0.25,
    "¾": 0.75,
    "⅕": 0.2,
    "⅛": 0.125,
}

CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "CNY",
    "₽": "RUB",
    "₹": "INR",
}

CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "rupee": "INR",
    "rupees": "INR",
    "yen": "JPY",
}

PERCENT_WORDS: frozenset[str] = frozenset({"%", "percent", "pct"})

#: Unit words -> (category, unit) for one-token units.
UNIT_WORDS: dict[str, tuple[str, str]] = {
    "km": ("length", "length:km"),
    "kilometer": ("length", "length:km"),
    "kilometers": ("length", "length:km"),
    "kilometre": ("length", "length:km"),
    "kilometres": ("length", "length:km"),
    "mi": ("length", "length:mi"),
    "mile": ("length", "length:mi"),
    "miles": ("length", "length:mi"),
    "meter": ("length", "length:m"),
    "meters": ("length", "length:m"),
    "metre": ("length", "length:m"),
    "metres": ("length", "length:m"),
    "feet": ("length", "length:ft"),
    "foot": ("length", "length:ft"),
    "km2": ("area", "area:sq_km"),
    "km²": ("area", "area:sq_km"),
    "hectare": ("area", "area:ha"),
    "hectares": ("area", "area:ha"),
    "acre": ("area", "area:acre"),
    "acres": ("area", "area:acre"),
    "ton": ("other", "mass:t"),
    "tons": ("other", "mass:t"),
    "tonne": ("other", "mass:t"),
    "tonnes": ("other", "mass:t"),
    "kg": ("other", "mass:kg"),
    "kilograms": ("other", "mass:kg"),
    "barrels": ("other", "volume:barrel"),
    "barrel": ("other", "volume:barrel"),
}

#: "square" + length unit -> area unit.
SQUARE_WORDS: frozenset[str] = frozenset({"square", "sq", "sq."})

#: Time units for durations ("three years", "six-month war").
TIME_UNITS: dict[str, str] = {
    "second": "second",
    "seconds": "second",
    "minute": "minute",
    "minutes": "minute",
    "hour": "hour",
    "hours": "hour",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "decade": "decade",
    "decades": "decade",
    "century": "century",
    "centuries": "century",
}

#: Hedges before a number, longest first ("more than" before "more").
HEDGES: tuple[tuple[str, ...], ...] = (
    ("more", "than"),
    ("less", "than"),
    ("fewer", "than"),
    ("at", "least"),
    ("at", "most"),
    ("up", "to"),
    ("just", "over"),
    ("just", "under"),
    ("as", "many", "as"),
    ("as", "much", "as"),
    ("nearly",),
    ("almost",),
    ("about",),
    ("around",),
    ("some",),
    ("roughly",),
    ("approximately",),
    ("about",),
    ("over",),
    ("under",),
    ("close", "to"),
    ("upwards", "of"),
)

#: Governing verbs / head nouns that give a figure its direction.
DIRECTION_LEMMAS: frozenset[str] = frozenset(
    {
        "rise",
        "fall",
        "grow",
        "increase",
        "decrease",
        "drop",
        "decline",
        "jump",
        "surge",
        "soar",
        "climb",
        "plunge",
        "plummet",
        "slump",
        "shrink",
        "boom",
        "double",
        "triple",
        "halve",
        "recapture",
        "regain",
        "gain",
        "lose",
        "cut",
        "reduce",
        "expand",
        "contract",
        "slide",
        "dip",
        "tumble",
        "rebound",
        "retake",
        "growth",
    }
)

MONTHS: frozenset[str] = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "jan.",
        "feb",
        "feb.",
        "mar",
        "mar.",
        "apr",
        "apr.",
        "jun",
        "jun.",
        "jul",
        "jul.",
        "aug",
        "aug.",
        "sep",
        "sep.",
        "sept",
        "sept.",
        "oct",
        "oct.",
        "nov",
        "nov.",
        "dec",
        "dec.",
    }
)

#: Words that make a phrase a time reference ("in the first five months of the year").
TIME_WORDS: frozenset[str] = frozenset(
    set(TIME_UNITS)
    | {"quarter", "half", "today", "yesterday", "period", "spring", "summer", "autumn", "fall", "winter"}
    | {m for m in MONTHS if "." not in m}
)

#: Prepositions that introduce a reference period.
PERIOD_PREPS: frozenset[str] = frozenset({"in", "for", "during", "over", "since", "between", "through"})

_NUMERIC = re.compile(r"^(?P<int>\d{1,3}(?:,\d{3})+|\d+)?(?P<dec>\.\d+)?(?P<frac>[½⅓⅔¼¾⅕⅛])?$")
_NUMERIC_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number read from one token: its value and whether it was written in digits."""

    value: float
    digits: bool
    comma: bool = False


def parse_numeral(text: str) -> ParsedNumber | None:
    """``"5,000"`` -> 5000, ``"40.8"`` -> 40.8, ``"2½"`` -> 2.5, ``"three"`` -> 3; else ``None``."""
    low = text.lower()
    if low in NUMBER_WORDS:
        return ParsedNumber(NUMBER_WORDS[low], digits=False)
    m = _NUMERIC.match(text)
    if not m or not (m.group("int") or m.group("frac")):
        return None
    value = float((m.group("int") or "0").replace(",", "") + (m.group("dec") or ""))
    if m.group("frac"):
        value += VULGAR_FRACTIONS[m.group("frac")]
    return ParsedNumber(value, digits=True, comma="," in (m.group("int") or ""))


def parse_ordinal(text: str) -> float | None:
    """``"third"`` -> 3, ``"21st"`` -> 21; else ``None``."""
    low = text.lower()
    if low in ORDINAL_WORDS:
        return ORDINAL_WORDS[low]
    m = _NUMERIC_ORDINAL.match(low)
    return float(m.group(1)) if m else None


_IRREGULAR_FORMS: dict[str, str] = {
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "grew": "grow",
    "grown": "grow",
    "shrank": "shrink",
    "shrunk": "shrink",
    "lost": "lose",
    "slid": "slide",
    "retook": "retake",
    "retaken": "retake",
    "cutting": "cut",
}


def direction_lemma(word: str, lemma: str = "") -> str | None:
    """The direction lemma of ``word`` ("rose" -> "rise", "recaptured" -> "recapture"), else ``None``.

    Uses the tagger's ``lemma`` when there is one, else undoes regular inflection, so it works on
    blank pipelines too.
    """
    for cand in (lemma.lower(), word.lower()):
        if cand in DIRECTION_LEMMAS:
            return cand
        if cand in _IRREGULAR_FORMS:
            return _IRREGULAR_FORMS[cand]
    low = word.lower()
    for suffix, repl in (
        ("ied", "y"),
        ("ed", "e"),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("ing", "e"),
        ("ing", ""),
    ):
        if low.endswith(suffix) and low[: -len(suffix)] + repl in DIRECTION_LEMMAS:
            return low[: -len(suffix)] + repl
    if low.endswith("ped") and low[:-3] in DIRECTION_LEMMAS:  # dropped, slipped
        return low[:-3]
    if len(low) > 4 and low.endswith("ed") and low[-3] == low[-4] and low[:-3] in DIRECTION_LEMMAS:
        return low[:-3]
    return None
