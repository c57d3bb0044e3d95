"""Quantities: value, unit, scale, measure, direction and period: pure functions over a Doc.

Reading a figure is token-level and works on any tokenised Doc (a blank pipeline too): a numeral
("5,000", "40.8", "2½", "three"), a currency symbol before it, scale words after it ("billion"),
then a unit ("%", "square kilometers", "sq mi", "years", "-day"); fractions ("a fifth",
"two-thirds"), ordinals ("third term"), adverbial and indefinite counts ("once", "millions of").
What a figure is *about* comes from the dependency parse when the Doc has one: the measured noun
phrase, the governing verb's direction ("rose", "fell") and the reference period ("in the first
five months of the year"). Numbers inside names, dates and fixed terms are left out, using the
ner's entities when present and simple token context otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...records import Quantity, Span, content_id
from .lexicon import (
    ADVERB_COUNTS,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    FRACTION_WORDS,
    HEDGES,
    INDEFINITE_PLURALS,
    MONTHS,
    NUMBER_WORDS,
    PERCENT_WORDS,
    PERIOD_PREPS,
    SCALES,
    SQUARE_WORDS,
    TIME_UNITS,
    TIME_WORDS,
    UNIT_WORDS,
    direction_lemma,
    parse_numeral,
    parse_ordinal,
)

#: Entity labels whose numbers belong to a name, not to a measurement.
NAME_LABELS: frozenset[str] = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "EVENT", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "NORP", "LANGUAGE"}
)
#: Words after a number that make it a clock time.
_CLOCK = frozenset({"am", "pm", "a.m.", "p.m.", "gmt", "utc", "o'clock", "hrs"})
_HYPHENS = frozenset({"-", "–", "‐"})
#: Dependency labels followed upwards from a figure to the word that governs it.
_CLIMB = frozenset(
    {
        "nummod",
        "quantmod",
        "compound",
        "pobj",
        "prep",
        "npadvmod",
        "dobj",
        "attr",
        "appos",
        "nmod",
        "amod",
        "advmod",
        "oprd",
        "acomp",
        "dative",
        "agent",
    }
)


@dataclass(frozen=True, slots=True)
class Reading:
    """A figure read from tokens ``start``..``end`` (exclusive), before analysis of its context.

    ``core_end`` ends the number with its scale and unit; the span may run on to a head noun.
    """

    start: int
    end: int
    core_end: int
    value: float
    unit: str
    category: str
    modifier: str | None = None


# --------------------------------------------------------------------------- reading numbers


def _low(doc: Doc, i: int) -> str:
    """Lower-cased text of token ``i``, or ``""`` outside the Doc."""
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _has_parse(doc: Doc) -> bool:
    return doc.has_annotation("DEP")


def read_number(doc: Doc, i: int) -> tuple[float, int] | None:
    """The number starting at token ``i`` with its scale words ("40.8 billion", "twenty-five"):
    ``(value, end)``, or ``None`` when token ``i`` is not a numeral."""
    parsed = parse_numeral(doc[i].text)
    if parsed is None:
        return None
    value, j = parsed.value, i + 1
    # "twenty-five", "twenty five"
    if not parsed.digits and value >= 20 and value % 10 == 0:
        k = j + 1 if _low(doc, j) in _HYPHENS else j
        unit = NUMBER_WORDS.get(_low(doc, k))
        if unit is not None and 0 < unit < 10:
            value, j = value + unit, k + 1
    while _low(doc, j) in SCALES:
        value *= SCALES[_low(doc, j)]
        j += 1
    return value, j


def read_unit(doc: Doc, j: int) -> tuple[str, str, int] | None:
    """The unit starting at token ``j`` (after a number): ``(category, unit, end)`` or ``None``."""
    w = _low(doc, j)
    if w in PERCENT_WORDS:
        return "percent", "percent", j + 1
    if w == "per" and _low(doc, j + 1) == "cent":
        return "percent", "percent", j + 2
    if w in ("us", "u.s.") and _low(doc, j + 1) in CURRENCY_WORDS:
        return "money", "currency:" + CURRENCY_WORDS[_low(doc, j + 1)], j + 2
    if w in CURRENCY_WORDS:
        return "money", "currency:" + CURRENCY_WORDS[w], j + 1
    if w in SQUARE_WORDS:
        nxt = UNIT_WORDS.get(_low(doc, j + 1))
        if nxt is not None and nxt[0] == "length":
            return "area", "area:sq_" + nxt[1].split(":", 1)[1], j + 2
    if w in UNIT_WORDS:
        category, unit = UNIT_WORDS[w]
        return category, unit, j + 1
    if w in TIME_UNITS:
        return "duration", "duration:" + TIME_UNITS[w], j + 1
    if w in _HYPHENS and _low(doc, j + 1) in TIME_UNITS:  # "three-day visit"
        return "duration", "duration:" + TIME_UNITS[_low(doc, j + 1)], j + 2
    if w in _HYPHENS and _low(doc, j + 1) in UNIT_WORDS:  # "a 10-km road"
        category, unit = UNIT_WORDS[_low(doc, j + 1)]
        return category, unit, j + 2
    return None


def read_hedge(doc: Doc, start: int) -> str | None:
    """The hedge just before token ``start`` ("more than", "nearly"), or ``None``."""
    for hedge in HEDGES:
        n = len(hedge)
        if start - n >= 0 and tuple(t.lower_ for t in doc[start - n : start]) == hedge:
            return " ".join(hedge)
    return None


def _count_head(doc: Doc, i: int, end: int) -> int:
    """End (exclusive) of a count's span: through the head noun the number counts, if any."""
    tok = doc[i]
    if _has_parse(doc):
        if tok.dep_ == "nummod" and tok.head.i >= end and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head.i + 1 if tok.head.i - i <= 6 else end
        return end
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and nxt.is_alpha and not nxt.is_stop and nxt.lower_ not in MONTHS:
        return end + 1
    return end


def _modified_noun(doc: Doc, unit: int, end: int) -> int:
    """End of a hyphenated duration's span: through the noun it qualifies ("six-month war")."""
    if _has_parse(doc):
        head = doc[unit].head
        if head.i >= end and head.i - unit <= 4 and head.pos_ in ("NOUN", "PROPN"):
            return head.i + 1
        return end
    nxt = doc[end] if end < len(doc) else None
    return end + 1 if nxt is not None and nxt.is_alpha and not nxt.is_stop else end


def _ordinal_end(doc: Doc, i: int) -> int:
    """End of an ordinal's span: through the noun it ranks ("first face-to-face meeting")."""
    tok = doc[i]
    if _has_parse(doc):
        head = tok.head
        while head.dep_ in ("amod", "compound") and head.head.i > head.i and head.head.i - i <= 8:
            head = head.head
        if head.i > i and head.i - i <= 8 and head.pos_ in ("NOUN", "PROPN", "ADJ"):
            return head.i + 1
    j = i + 1
    while _low(doc, j) in _HYPHENS and j + 1 < len(doc):  # "third-most-senior"
        j += 2
    return j + 1 if j < len(doc) and doc[j].is_alpha else j


def _near_month(doc: Doc, i: int, end: int) -> bool:
    """A month name right before or after the number: a date ("Sept. 15-16", "June 2020")."""
    around = [_low(doc, k) for k in (i - 1, i - 2, end, end + 1)]
    return around[0] in MONTHS or (around[1] in MONTHS and around[0] in _HYPHENS) or around[2] in MONTHS


def _in_name(tok: Token) -> bool:
    """The token sits inside a named entity (an event, an organisation, a product ...)."""
    return tok.ent_type_ in NAME_LABELS


def _read_at(doc: Doc, i: int) -> Reading | None:
    """The figure that starts at token ``i``, or ``None``."""
    tok, w = doc[i], doc[i].lower_

    # "$40.8 billion", "US$ 3 million"
    if w in CURRENCY_SYMBOLS or (w in ("us", "u.s.") and _low(doc, i + 1) == "$"):
        k = i + 2 if w in ("us", "u.s.") else i + 1
        num = read_number(doc, k) if k < len(doc) else None
        if num is None:
            return None
        value, end = num
        currency = CURRENCY_SYMBOLS["$" if w in ("us", "u.s.") else w]
        return Reading(i, end, end, value, "currency:" + currency, "money")

    # "a fifth of", "one third of", "half of", "two-thirds"
    if w in ("a", "an", "one") and _low(doc, i + 1) in FRACTION_WORDS and _low(doc, i + 2) == "of":
        return Reading(i, i + 2, i + 2, 1 / FRACTION_WORDS[_low(doc, i + 1)], "fraction", "fraction")
    if w == "half" and _low(doc, i + 1) == "of" and parse_ordinal(_low(doc, i - 1)) is None:
        return Reading(i, i + 1, i + 1, 0.5, "fraction", "fraction")
    numerator = parse_numeral(tok.text)
    if numerator is not None and not numerator.digits and 1 <= numerator.value < 10:
        k = i + 2 if _low(doc, i + 1) in _HYPHENS else i + 1
        den = _low(doc, k)
        if den in FRACTION_WORDS and (den.endswith("s") or numerator.value == 1):
            return Reading(i, k + 1, k + 1, numerator.value / FRACTION_WORDS[den], "fraction", "fraction")

    # ordinals: "third term", "the first eight months of" (a reference period), "first half of"
    rank = parse_ordinal(tok.text)
    if rank is not None:
        num = read_number(doc, i + 1) if i + 1 < len(doc) else None
        if num is not None and _low(doc, num[1]) in TIME_UNITS and _low(doc, num[1]) != _low(doc, num[1] - 1):
            unit_word = _low(doc, num[1])
            if unit_word.endswith("s") or num[0] == 1:
                return Reading(
                    i + 1, num[1] + 1, num[1] + 1, num[0], "duration:" + TIME_UNITS[unit_word], "period"
                )
        if _low(doc, i + 1) in ("half", "quarter") and _low(doc, i + 2) == "of":
            share = 0.5 if _low(doc, i + 1) == "half" else 0.25
            return Reading(i, i + 2, i + 2, share, "duration:year", "period")
        if _is_name_ordinal(doc, i) or _low(doc, i - 1) == "at" or not _low(doc, i + 1)[:1].isalnum():
            return None
        end = _ordinal_end(doc, i)
        return Reading(i, end, i + 1, rank, "ordinal", "ordinal")

    # "number three official", "No. 2"
    ranked = parse_numeral(tok.text) if _low(doc, i - 1) in ("number", "no.") else None
    if ranked is not None:
        return Reading(i - 1, _ordinal_end(doc, i), i + 1, ranked.value, "ordinal", "ordinal")

    if w in ADVERB_COUNTS:
        if _low(doc, i - 1) == "at" or _low(doc, i + 1) in ("again", "more") or tok.dep_ == "mark":
            return None
        if not _has_parse(doc) and doc[i + 1 : i + 2].text.lower() in (
            "the",
            "a",
            "he",
            "she",
            "they",
            "it",
            "we",
        ):
            return None
        return Reading(i, i + 1, i + 1, ADVERB_COUNTS[w], "count", "count")

    if w in INDEFINITE_PLURALS and _low(doc, i + 1) == "of":
        end = i + 3 if i + 2 < len(doc) and doc[i + 2].is_alpha else i + 2
        return Reading(i, end, i + 1, INDEFINITE_PLURALS[w], "count", "count", "at least")

    num = read_number(doc, i)
    if num is None:
        return None
    value, j = num
    unit = read_unit(doc, j)
    if unit is not None:
        category, unit_name, end = unit
        span_end = end
        if category == "duration" and _low(doc, j) in _HYPHENS:
            span_end = _modified_noun(doc, end - 1, end)
        return Reading(i, span_end, end, value, unit_name, category)
    return _read_count(doc, i, j, value)


def _is_name_ordinal(doc: Doc, i: int) -> bool:
    """An ordinal inside a name ("Fourth Taiwan Strait Crisis", "the Third Reich")."""
    tok = doc[i]
    if _in_name(tok):
        return True
    at_start = tok.is_sent_start if doc.has_annotation("SENT_START") else i == 0
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return bool(tok.text[:1].isupper() and not at_start and nxt is not None and nxt.text[:1].isupper())


def _read_count(doc: Doc, i: int, j: int, value: float) -> Reading | None:
    """A bare number ``doc[i:j]`` without a unit: a count of its head noun, unless it is a year,
    part of a date, time or name, or the pronoun "one"."""
    tok, text = doc[i], doc[i:j].text
    if j == i + 1 and text.isdigit() and len(text) == 4 and 1000 <= value <= 2100:
        return None  # a year
    if _near_month(doc, i, j) or _low(doc, j) in _CLOCK or _in_name(tok):
        return None
    if tok.ent_type_ in ("DATE", "TIME"):
        return None
    if _low(doc, i - 1) in _HYPHENS or _low(doc, j) in _HYPHENS:
        return None  # "one-China", "COVID-19", ranges and compounds
    if value == 0:
        return None  # "zero-Covid", "zero tolerance": a fixed term, not a count
    if tok.lower_ == "one":
        if _low(doc, j) == "of":
            return Reading(i, j, j, 1, "count", "count")
        if _has_parse(doc) and not (tok.dep_ == "nummod" and tok.head.i > i):
            return None  # pronoun: "one is unavoidable"
        if not _has_parse(doc):
            return None
        if _low(doc, i - 1) in ("no", "any", "every", "each", "some"):
            return None
    end = _count_head(doc, i, j)
    if end < len(doc) and doc[end].is_quote and any(t.is_quote for t in doc[j:end]):
        end += 1  # close a quoted head noun: two proxy "republics"
    return Reading(i, end, j, value, "count", "count")


# --------------------------------------------------------------------------- context


def _governors(root: Token) -> list[Token]:
    """The chain of heads from ``root`` up to (and including) its governing verb."""
    chain: list[Token] = []
    tok = root
    for _ in range(8):
        if tok.dep_ not in _CLIMB or tok.head.i == tok.i:
            break
        tok = tok.head
        chain.append(tok)
        if tok.pos_ in ("VERB", "AUX"):
            break
    return chain


def _span_text(doc: Doc, start: int, end: int) -> tuple[str, int, int]:
    """Text and character offsets of tokens ``start``..``end`` (exclusive)."""
    span = doc[start:end]
    return span.text, span.start_char, span.end_char


def _phrase(tok: Token) -> tuple[int, int]:
    """Token range of ``tok``'s subtree, trimmed of edge punctuation."""
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    doc = tok.doc
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return start, end


def find_measure(doc: Doc, reading: Reading) -> tuple[int, int] | None:
    """Token range of what the figure measures, from the parse: "of the population" after the
    figure, the noun a count counts, or the subject of the governing verb."""
    if not _has_parse(doc):
        return None
    span = doc[reading.start : reading.end]
    root = span.root
    candidates = [root] + ([root.head] if root.dep_ == "appos" else [])
    for tok in candidates:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i >= reading.core_end:
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return _phrase(objs[0])
    if reading.end > reading.core_end:  # the noun a count, rank or "-day" duration qualifies
        return reading.core_end, reading.end
    if reading.category in ("count", "ordinal", "duration", "period"):
        return None  # the verb's subject is not what a bare count or duration measures
    noun = _qualified_noun(root, reading)
    if noun is not None:
        return noun
    for gov in _governors(root):
        if gov.pos_ in ("VERB", "AUX"):
            subjects = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects and subjects[0].pos_ != "PRON":
                return _phrase(subjects[0])
            return None
    return None


def _qualified_noun(root: Token, reading: Reading) -> tuple[int, int] | None:
    """Token range of the noun a figure qualifies from in front ("the 15% tariffs", "a 3% pay
    rise", "its 40 percent stake"): the figure measures that noun, not the subject of the verb
    that governs it ("Beijing wants Trump to eliminate the 15% tariffs" measures no Trump).
    "Worth" and a bare noun of change ("a 5% rise in prices", "$9 billion worth of goods") are
    not what is measured: their "in"/"of" object is, when it names no time; a bare noun of change
    with nothing else falls back on the governing verb ("Prices saw a 5% rise")."""
    head = root.head
    if root.dep_ not in ("amod", "compound", "nummod", "nmod") or head.i < reading.end:
        return None
    if head.pos_ not in ("NOUN", "PROPN") or head.i - reading.end > 3:
        return None
    if head.lower_ == "worth" or direction_lemma(head.text, head.lemma_) is not None:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "of") and not _names_time(child):
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return _phrase(objs[0])
        if head.lower_ == "worth" or head.i == reading.end:
            return None
    return reading.end, head.i + 1


def find_direction(doc: Doc, reading: Reading) -> str | None:
    """The direction lemma ("rise", "fall", "recapture") of the verb or noun governing the figure."""
    if not _has_parse(doc):
        return None
    for gov in _governors(doc[reading.start : reading.end].root):
        lemma = direction_lemma(gov.text, gov.lemma_)
        if lemma is not None:
            return lemma
    return None


def _is_time_word(tok: Token) -> bool:
    """A time word ("months", "year", "August"), a year number, or a token of a DATE entity."""
    if tok.lower_ in TIME_WORDS or tok.ent_type_ == "DATE":
        return True
    return tok.text.isdigit() and len(tok.text) == 4 and 1900 <= int(tok.text) <= 2100


def _names_time(prep: Token) -> bool:
    """The preposition's object is a time ("in 2021", "for the first eight months of 2022")."""
    return any(c.dep_ == "pobj" and _is_time_word(c) for c in prep.children)


def find_period(doc: Doc, reading: Reading) -> tuple[int, int] | None:
    """Token range of the reference period attached to the figure or its governing verb
    ("in the first five months of the year", "for the first eight months of 2022", "last year")."""
    if not _has_parse(doc):
        return None
    root = doc[reading.start : reading.end].root
    chain = _governors(root)
    for node in [*reversed(chain), root]:
        for child in node.children:
            start, end = _phrase(child)
            if start < reading.end and end > reading.start:
                continue  # the figure's own phrase
            if child.dep_ == "prep" and child.lower_ in PERIOD_PREPS and _names_time(child):
                return start, end
            if child.dep_ in ("npadvmod", "tmod") and child.ent_type_ == "DATE":
                return start, end
    return None


# --------------------------------------------------------------------------- records


def read_figures(doc: Doc) -> list[Reading]:
    """Every figure in ``doc`` as a :class:`Reading`, in text order."""
    readings: list[Reading] = []
    i = 0
    while i < len(doc):
        reading = _read_at(doc, i)
        if reading is None:
            i += 1
            continue
        hedge = read_hedge(doc, reading.start)
        if hedge is not None and reading.modifier is None:
            reading = Reading(
                reading.start,
                reading.end,
                reading.core_end,
                reading.value,
                reading.unit,
                reading.category,
                hedge,
            )
        readings.append(reading)
        i = max(i + 1, reading.core_end)
    return readings


def to_quantity(doc: Doc, reading: Reading, article_id: str) -> Quantity:
    """The :class:`Quantity` record for one reading, with measure, direction and period."""
    text, start, end = _span_text(doc, reading.start, reading.end)
    measure = find_measure(doc, reading)
    period = find_period(doc, reading)
    m_text, m_start, m_end = _span_text(doc, *measure) if measure else (None, None, None)
    p_text, p_start, p_end = _span_text(doc, *period) if period else (None, None, None)
    return Quantity(
        id=content_id(article_id, str(start), str(end)),
        span=Span(article_id, start, end),
        text=text,
        value=reading.value,
        unit=reading.unit,
        category=reading.category,
        modifier=reading.modifier,
        measure=m_text,
        measure_span=None if m_start is None or m_end is None else Span(article_id, m_start, m_end),
        direction=find_direction(doc, reading),
        period=p_text,
        period_span=None if p_start is None or p_end is None else Span(article_id, p_start, p_end),
    )


def extract_quantities(doc: Doc, article_id: str) -> list[Quantity]:
    """Every quantity in ``doc`` with what it measures."""
    return [to_quantity(doc, reading, article_id) for reading in read_figures(doc)]


__all__ = [
    "Reading",
    "extract_quantities",
    "find_direction",
    "find_measure",
    "find_period",
    "read_figures",
    "read_hedge",
    "read_number",
    "read_unit",
]
