"""Whether a sentence can stand alone in a summary, and who speaks in it.

A summary sentence is read without the sentences that stood before it in its article, so two
kinds of sentence that read well in place mislead out of it:

* one that **starts with a pronoun or a demonstrative** ("He was arrested on Friday.", "This is
  the third such case.", "Their study tracked 21,000 pregnancies."): the reader cannot tell whom or
  what it is about. A pronoun at the start of a quotation ("``"We will rebuild," the mayor
  said``") is the speaker's own and is judged by the speaker instead. A sentence that goes on
  with a quotation begun in the sentence before lacks its opening mark, so out of place its "I"
  reads as the narrator's and its "it" points nowhere ("It fails over years." after "A dam does
  not fail in one night."): it waits for that sentence (taken whole, the quotation reads
  right), even when it names the speaker after the closing mark. A demonstrative that
  opens a time phrase ("This week, ...", not "He may ...") and the expletive "it" ("It is not
  clear whether ...") point nowhere and pass, though a pronoun right after the time phrase
  still counts ("This week, he resigned.").
* one that **relies on a speaker it does not name** (``"...," he said``, ``She told reporters
  ...``, a quote whose attribution stood in an earlier sentence).

Both pass when the analysis resolved the speaker: the name is then shown beside the sentence
(:attr:`~newsprism.records.SummarySentence.speaker`), while the sentence stays verbatim so its
citation is still the exact span. A speaker the sentence itself names ("the mayor said", "Kerry
told") needs nothing beside it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..records import Quote

Context = Literal["unresolved reference", "unnamed speaker"]

_PRONOUNS = "he|she|they|it|him|her|his|hers|them|their|theirs|its|i|me|my|we|us|our|ours|you|your"
_DEMONSTRATIVES = "this|that|these|those|such"
_TIME_NOUNS = (
    "week|weekend|month|year|morning|afternoon|evening|night|season|summer|spring|fall|autumn|"
    "winter|time|decade|century|quarter|term|monday|tuesday|wednesday|thursday|friday|saturday|"
    "sunday|january|february|march|april|may|june|july|august|september|october|november|december"
)
#: A sentence that opens with one of these marks opens with a quotation.
OPEN_QUOTES = "\"'“‘«"
_LEADING = re.compile(
    rf"(?P<word>{_PRONOUNS}|{_DEMONSTRATIVES})(?=\W|$)(?!['’]s\s+(?:{_TIME_NOUNS}))", re.IGNORECASE
)
_TIME_PHRASE = re.compile(
    rf"(?:{_DEMONSTRATIVES})\s+(?:past\s+|coming\s+|same\s+)?(?:{_TIME_NOUNS})s?\b(?!['’])[\s,]*",
    re.IGNORECASE,
)
"""A demonstrative opening a time phrase ("This week, ...", "That morning"): it points at a time,
not back at a sentence. Only a demonstrative: "He may ..." is no month."""
_EXPLETIVE = re.compile(
    r"it(?:['’]s|\s+is|\s+was|\s+remains|\s+remained|\s+seems|\s+seemed|\s+appears|\s+appeared)"
    r"(?:\s+(?:not|still|also|now|yet|immediately|far|too|less|more))*\s+"
    r"(?:un)?(?:clear|known|likely|possible|impossible|expected|believed|thought|estimated|"
    r"understood|reported|hoped|feared|early|unknown|uncertain)\b",
    re.IGNORECASE,
)
_THOSE_WHO = re.compile(r"those\s+(?:who|whose|with|in|on|at|from)\b", re.IGNORECASE)
_PRONOUN_CUE = re.compile(
    r"\b(?:he|she|they|i|we)\s+(?:also\s+)?(?:said|says|told|tells|added|adds|explained|wrote|writes|"
    r"stated|noted|insisted|argued|claimed|recalled|continued)\b|"
    r"\b(?:said|says|added|adds|explained|wrote|noted|insisted|argued|continued)\s+(?:he|she|they)"
    r"(?=\s*(?:[.,;:!?\"”]|$))",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True, slots=True)
class Standing:
    """How a sentence stands alone: the speaker to show beside it (``None``: nobody to show) and
    why it cannot stand alone (``None``: it can)."""

    speaker: str | None = None
    context: Context | None = None


def leading_reference(text: str) -> str | None:
    """The pronoun or demonstrative that opens ``text`` outside a quotation, pointing back to
    something earlier (``None`` when the sentence opens otherwise)."""
    if not text or text[0] in OPEN_QUOTES:
        return None
    time = _TIME_PHRASE.match(text)
    if time:  # the words after it open the clause: "This week, he resigned."
        text = text[time.end() :]
    if _EXPLETIVE.match(text) or _THOSE_WHO.match(text):
        return None
    m = _LEADING.match(text)
    return m.group("word") if m else None


def _names(speaker_name: str, written: str) -> bool:
    """Whether ``written`` (a speaker as the sentence gives it) contains the speaker's surname."""
    words = _WORD.findall(speaker_name)
    return bool(words) and words[-1].lower() in (w.lower() for w in _WORD.findall(written))


class QuoteIndex:
    """The quotes of one article, found by sentence span (sorted once; each look-up is a
    binary search plus the quotes inside the span)."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        self._quotes = sorted(quotes, key=lambda q: (q.span.start, q.span.end, q.id))
        self._starts = [q.span.start for q in self._quotes]

    def within(self, start: int, end: int) -> list[Quote]:
        """Quotes whose content starts inside ``[start, end)``, after the direct quote that
        started before it and runs into it (a quotation of several sentences), if any. Only a
        direct quotation runs over a sentence end: a partial quote or a reported clause whose
        span does is misread (one read as the whole article made every sentence of it hang on
        its "it")."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        before = [q for q in self._quotes[max(0, lo - 2) : lo] if q.span.end > start and q.kind == "direct"]
        return before[-1:] + self._quotes[lo:hi]


def standing(text: str, start: int, quotes: Sequence[Quote]) -> Standing:
    """How the sentence ``text`` (at ``start`` in its article) stands alone, given the quotes
    whose content starts inside it."""
    speaker: str | None = None
    unnamed = False
    lead = leading_reference(text)
    lead_is_speaker = False
    continued = False
    for q in quotes:
        written = q.speaker_text or ""
        if q.span.start < start:  # the sentence continues a quotation whose opening mark it lacks
            continued = True
        in_sentence = q.speaker_span is not None and start <= q.speaker_span.start < start + len(text)
        if q.speaker_name and in_sentence and _names(q.speaker_name, written):
            continue  # the sentence names its speaker
        if q.speaker_name:
            speaker = speaker or q.speaker_name
            if in_sentence and q.speaker_span is not None and q.speaker_span.start - start <= 1:
                lead_is_speaker = True
        elif written and leading_reference(written):
            unnamed = True  # "he said", the speaker unresolved
    if speaker is None and (unnamed or _PRONOUN_CUE.search(text)):
        return Standing(context="unnamed speaker")
    if lead and (continued or not lead_is_speaker):
        return Standing(speaker=speaker, context="unresolved reference")
    return Standing(speaker=speaker)
