"""The one text-words module: fold, words, stems and stop words for every step that compares text.

Everything here is a pure function of a string. Which variant is for what, and why there is more
than one (each was measured: swapping one for another changes the outputs):

* :func:`fold` (case, accents, curly quotes and dashes folded) and :func:`words` (folded tokens,
  possessives dropped) are the one way to cut text into words for cross-article comparison:
  quote grouping, claim alignment, copy detection, conflicts, entity name keys, timeline.
  :func:`fold_line` is the line-level form the boilerplate phrase rules match (punctuation
  becomes spaces, accents kept: the rules are written with them).
* :func:`stem` is the crude stem of linking ("understands"/"understood" → "understand" is not
  attempted; only regular inflections: "-s", "-es", "-ies", "-ed", "-ing"), with :data:`STOP`
  (spaCy's English stop words and news filler) the stop words of linking. The timeline adds
  :data:`CALENDAR_WORDS` (a month or weekday name says nothing about which event a sentence
  dates).
* :func:`light_stem` and :data:`SUMMARY_STOP_WORDS` are the summariser's terms: a longer suffix
  list ("-ment", "-ly", "-ational") and a shorter stop list ("new", "may", "mr" are stop words;
  "first", "last" are not). The summary's concept weights were fitted with them: :func:`stem`
  and :data:`STOP` in their place change which sentences the summary picks.
* :func:`stop_words` gives jusText's frequent-word list of any of :data:`LANGUAGES`, and
  :func:`letter_words` the alphabetic, case-folded words (elisions split) to count against it:
  cleaning works on text in any language, so it tells languages apart and finds content words
  with these, and stems by :func:`prefix_stem` (the first five letters), which needs no
  language.

:func:`meaning_keys` goes one step further for fact alignment: a few irregular forms and
paraphrase families common in news prose fold to one key (:data:`SYNONYMS`), so "his first trip
abroad" and "his first foreign visit" share "trip" and "abroad". The list is small and general on
purpose; copy detection keeps the plain :func:`content_stems`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from math import log

import justext
from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?(?:[.,][0-9]+)*", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_TYPOGRAPHIC = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("\u00a0", " "))
#: Words that carry no content in news text beyond spaCy's stop list.
EXTRA_STOP_WORDS: frozenset[str] = frozenset(
    {"said", "says", "say", "told", "tell", "according", "also", "would", "could", "will", "one", "two"}
)
STOP: frozenset[str] = frozenset(STOP_WORDS) | EXTRA_STOP_WORDS


def fold(text: str) -> str:
    """Lower-case, accent-free form of ``text`` with typographic quotes, dashes and no-break
    spaces made ASCII. Idempotent. Text that is ASCII once the typography is folded takes a fast
    path (decomposing walks every character in Python, which dominated copy detection on the
    8k-article benchmark)."""
    if text.isascii():
        return text.lower()
    for typographic, plain in _TYPOGRAPHIC:
        text = text.replace(typographic, plain)
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).translate(_NOT_COMBINING).lower()


class _NotCombining(dict[int, int | None]):
    """``str.translate`` table dropping combining characters, filled in as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_NOT_COMBINING = _NotCombining()


def words(text: str) -> list[str]:
    """Folded word tokens of ``text`` (punctuation dropped, numbers kept as written)."""
    return folded_words(fold(text))


def folded_words(folded: str) -> list[str]:
    """:func:`words` of text already :func:`fold`-ed (saves folding a text twice)."""
    return [(_POSSESSIVE.sub("", w) or w) if "'" in w else w for w in _WORD.findall(folded)]


_LINE_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_LINE_NON_WORD = re.compile(r"[^\w\s$%]+")
_SPACES = re.compile(r"\s+")


def fold_line(line: str) -> str:
    """Lower-case ``line``, turn punctuation into spaces and collapse whitespace, so that
    "Share this article:" and "SHARE THIS ARTICLE" compare equal (accents are kept)."""
    text = unicodedata.normalize("NFKC", line).translate(_LINE_APOSTROPHES).casefold()
    text = _LINE_NON_WORD.sub(" ", text.replace("@", " "))
    return _SPACES.sub(" ", text).strip()


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
    return folded_content_stems(fold(text))


def folded_content_stems(folded: str) -> list[str]:
    """:func:`content_stems` of text already :func:`fold`-ed."""
    return [stem(w) for w in folded_words(folded) if w not in STOP and len(w) > 1]


#: Month and weekday names and other calendar words: stop words of the timeline, where the date
#: is compared on its own and only the rest of a sentence tells two events apart.
CALENDAR_WORDS: frozenset[str] = frozenset(
    """january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday
    sunday mon tue tues wed thu thur thurs fri sat sun year years week weeks month months day days
    today yesterday tomorrow ago early earlier late later time times recent recently""".split()  # noqa: SIM905 (a word list reads as text)
)

#: The summariser's stop words (see the module docstring for why they are not :data:`STOP`).
SUMMARY_STOP_WORDS: frozenset[str] = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves said says say one two new also
    would could may might must shall us s t re ve ll d m mr mrs ms""".split()  # noqa: SIM905 (a word list reads as text)
)

_VOWEL = re.compile(r"[aeiouy]")
_LIGHT_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ational", "ate"), ("ization", "ize"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"),
    ("ements", ""), ("ement", ""), ("ments", ""), ("ment", ""), ("ingly", ""), ("edly", ""),
    ("ings", ""), ("ing", ""), ("ies", "y"), ("ied", "y"), ("ed", ""), ("es", ""), ("ly", ""), ("s", ""),
)  # fmt: skip


@lru_cache(maxsize=500_000)  # a pure function of the word; bounded so memory stays flat
def light_stem(word: str) -> str:
    """The summariser's suffix-stripping stem: the first listed suffix is removed when at least
    three letters with a vowel remain ("protesting" → "protest", "cities" → "city"; "bus" and
    "spring" stay as they are)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement in _LIGHT_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if (suffix == "s" and word.endswith(("ss", "us", "is"))) or not _VOWEL.search(base):
                return word
            return base + replacement
    return word


#: ISO 639-1 code -> jusText stoplist name, for the languages news sites commonly mix in.
LANGUAGES: dict[str, str] = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish",
    "tr": "Turkish", "id": "Indonesian", "sv": "Swedish", "ro": "Romanian",
}  # fmt: skip


@cache
def stop_words(language: str) -> frozenset[str]:
    """jusText's stoplist of ``language`` (an ISO 639-1 code from :data:`LANGUAGES`), lower-case;
    empty for another language."""
    name = LANGUAGES.get(language)
    if name is None:
        return frozenset()
    return frozenset(w.casefold() for w in justext.get_stoplist(name))


_LETTER_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ELISION = re.compile(r"['’]")


def letter_words(text: str) -> list[str]:
    """The alphabetic words of ``text`` in any language, case-folded (elisions like
    "l’actualité" split), as cleaning counts them against :func:`stop_words`."""
    out: list[str] = []
    for word in _LETTER_WORD.findall(text.casefold()):
        out.extend(part for part in _ELISION.split(word) if part)
    return out


#: Letters :func:`prefix_stem` keeps.
PREFIX_STEM_LENGTH = 5


def prefix_stem(word: str) -> str:
    """The first five letters of ``word``: a deliberately simple stem that maps
    "sanction"/"sanctions" and "meeting"/"meets" together in any language, which is all
    cleaning's lexical-overlap signals need."""
    return word[:PREFIX_STEM_LENGTH]


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
