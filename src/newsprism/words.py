"""Word-level text keys shared by the cross-article steps: tokens, crude stems, content words.

Everything here is a pure function of a string, so quote grouping, claim alignment and source
notes compare texts the same way: case and curly quotes folded, possessives dropped, a crude
suffix-stripping stem ("understands"/"understood" → "understand" is not attempted; only regular
inflections: "-s", "-es", "-ies", "-ed", "-ing") and spaCy's English stop words removed.

:func:`meaning_keys` goes one step further for fact alignment: a few irregular forms and
paraphrase families common in news prose fold to one key (:data:`SYNONYMS`), so "his first trip
abroad" and "his first foreign visit" share "trip" and "abroad". The list is small and general on
purpose; copy detection keeps the plain :func:`content_stems`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from math import log

from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?(?:[.,][0-9]+)*", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
#: Words that carry no content in news text beyond spaCy's stop list.
EXTRA_STOP_WORDS: frozenset[str] = frozenset(
    {"said", "says", "say", "told", "tell", "according", "also", "would", "could", "will", "one", "two"}
)
STOP: frozenset[str] = frozenset(STOP_WORDS) | EXTRA_STOP_WORDS


def fold(text: str) -> str:
    """Lower-case, accent-free form of ``text`` with curly apostrophes made straight."""
    if text.isascii():  # fast path: nothing to decompose, no curly apostrophes
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return decomposed.translate(_NOT_COMBINING).lower()


class _NotCombining(dict[int, int | None]):
    """``str.translate`` table dropping combining characters, filled in as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_NOT_COMBINING = _NotCombining()


def words(text: str) -> list[str]:
    """Folded word tokens of ``text`` (punctuation dropped, numbers kept as written)."""
    return [(_POSSESSIVE.sub("", w) or w) if "'" in w or "’" in w else w for w in _WORD.findall(fold(text))]


@lru_cache(maxsize=500_000)  # a pure function of the word; bounded so memory stays flat
def stem(word: str) -> str:
    """A crude stem: regular English inflections stripped ("concerns" → "concern")."""
    if word.isdigit() or len(word) <= 3:
        return word
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            return word[: len(word) - len(suffix)] + repl
    return word


def content_stems(text: str) -> list[str]:
    """Stems of the content words of ``text``, in order (stop words and 1-letter words dropped)."""
    return [stem(w) for w in words(text) if w not in STOP and len(w) > 1]


#: Paraphrase families (crude stems, see :func:`stem`) folded to one key: irregular forms of one
#: verb, and near-synonyms that news reports use interchangeably for one fact.
SYNONYMS: Mapping[str, str] = {
    # travel: "trip" / "visit" / "travels" / "journey"
    "visit": "trip", "travel": "trip", "travell": "trip", "journey": "trip", "tour": "trip",
    "abroad": "abroad", "foreign": "abroad", "oversea": "abroad", "overseas": "abroad",
    # meetings: "met" / "meeting" / "talks"
    "met": "meet", "meeting": "meet", "summit": "summit",
    # losses on a battlefield or in a market
    "loss": "setback", "setback": "setback", "defeat": "setback", "reverse": "setback",
    # deaths
    "kill": "death", "dead": "death", "death": "death", "die": "death", "died": "death", "fatality": "death",
    "fatalitie": "death",
    # growth and decline
    "grew": "grow", "grown": "grow", "growth": "grow", "fell": "fall", "fallen": "fall", "slowdown": "slow",
    # economy
    "economy": "economic", "economie": "economic",
    # armed forces
    "troop": "force", "forc": "force", "army": "force", "soldier": "force",
    # evacuations
    "evacuat": "evacuate", "evacuate": "evacuate", "evacuation": "evacuate", "evacuee": "evacuate",
    # armed conflict: "since the invasion" / "since the war began" / "Moscow's attack on Ukraine"
    "invasion": "war", "invad": "war", "invade": "war", "conflict": "war", "battlefield": "war",
    "battle": "war", "attack": "war", "offensive": "war", "fighting": "war", "fight": "war",
    # losses and retreats
    "retreat": "setback", "lost": "setback", "lose": "setback",
    # more growth and decline: "trade grew" / "trade boomed" / "trade rose"
    "boom": "grow", "surg": "grow", "surge": "grow", "soar": "grow", "jump": "grow", "increas": "grow",
    "increase": "grow", "rise": "grow", "ris": "grow", "rose": "grow", "risen": "grow",
    "declin": "fall", "decline": "fall", "drop": "fall", "plung": "fall", "plunge": "fall", "slump": "fall",
    "decreas": "fall", "decrease": "fall",
    # help given: "military aid" / "military assistance" / "military support"
    "aid": "support", "assistance": "support", "help": "support", "helpful": "support",
    # making ties closer
    "bolster": "strengthen", "boost": "strengthen", "deepen": "strengthen", "reinforc": "strengthen",
    "reinforce": "strengthen", "enhanc": "strengthen", "enhance": "strengthen",
    "relation": "tie", "relationship": "tie",
    "bid": "effort", "attempt": "effort",
    "neighbor": "neighbour", "neighbouring": "neighbour",
    "pledg": "pledge", "vow": "pledge", "promis": "pledge", "promise": "pledge",
    "embargo": "sanction",
}  # fmt: skip


#: Ordinal words (stop words, so dropped from the stems) that make a strong key with their noun.
ORDINALS: frozenset[str] = frozenset(
    {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last"}
)
#: Content words after an ordinal paired with it ("first foreign trip": first+abroad, first+trip).
ORDINAL_REACH = 2


def meaning_keys(text: str) -> list[str]:
    """:func:`content_stems` with paraphrase families folded (:data:`SYNONYMS`): "visited" and
    "trip" both give "trip", "killing" and "dead" both "death". An ordinal adds a key with each
    of the next :data:`ORDINAL_REACH` content words ("third term" → "third+term"), as "third" alone
    is a stop word but "a third term" is a strong sign of one fact."""
    keys: list[str] = []
    pending: list[tuple[str, int]] = []
    for w in words(text):
        if w in ORDINALS:
            pending.append((w, ORDINAL_REACH))
            continue
        key = _key(w)
        if key is None:
            continue
        keys.append(key)
        if pending:
            keys.extend(f"{o}+{key}" for o, _ in pending)
            pending = [(o, n - 1) for o, n in pending if n > 1]
    return keys


@lru_cache(maxsize=500_000)  # a pure function of the word; bounded so memory stays flat
def _key(word: str) -> str | None:
    """The meaning key of one non-ordinal word, None for a stop word or a single letter."""
    if word in STOP or len(word) <= 1:
        return None
    stemmed = stem(word)
    return SYNONYMS.get(stemmed, stemmed)


def idf_table(documents: Iterable[Iterable[str]]) -> dict[str, float]:
    """Inverse document frequency of every key: ``log((n + 1) / (df + 0.5))``."""
    df: dict[str, int] = {}
    n = 0
    for doc in documents:
        n += 1
        for key in set(doc):
            df[key] = df.get(key, 0) + 1
    return {key: log((n + 1) / (count + 0.5)) for key, count in df.items()}


def weight(keys: Iterable[str], idf: Mapping[str, float]) -> float:
    """Sum of the idf weights of ``keys`` (unknown keys weigh 0)."""
    return sum(idf.get(k, 0.0) for k in keys)
