"""A cheap, model-free language guess from stopword hits, using jusText's stoplists.

jusText (a trafilatura dependency, so already installed) ships frequent-word lists for about a
hundred languages; counting how many of a text's words fall in each list is enough to tell a
French teaser from an English article, without downloading any model. Languages written in a script
of their own (Japanese, Korean, Chinese, Greek, Arabic...) have no usable stoplist there and are
told by their script instead (:func:`detect_language`).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import cache

from ..words import LANGUAGES, letter_words, stop_words

MIN_WORDS = 4
MIN_SCORE = 0.2  # stopword share below which a text is not judged
MARGIN = 1.5  # the best language must score this many times the runner-up


def language_scores(text: str) -> dict[str, float]:
    """Per language, the share of ``text``'s words in its stoplist.

    jusText's lists were counted on Wikipedia, where English words leak into every language's
    list ("the", "of", "and" are "German" and "Polish" stopwords there); so every list but the
    English one is used without the English words, which are evidence only for English.
    """
    return _scores(letter_words(text))


@cache
def _languages_by_word() -> dict[str, tuple[str, ...]]:
    """Each stopword and the languages whose list (English words removed from the others) holds
    it. One look-up per word of a text instead of a pass per language: scoring every article
    and every tail line of it took 14 set differences and 14 passes each."""
    english = stop_words("en")
    languages: dict[str, list[str]] = {}
    for code in LANGUAGES:
        for word in english if code == "en" else stop_words(code) - english:
            languages.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in languages.items()}


def _scores(tokens: list[str]) -> dict[str, float]:
    """:func:`language_scores` of a text's :func:`letter_words`."""
    hits = dict.fromkeys(LANGUAGES, 0)
    if not tokens:
        return dict.fromkeys(LANGUAGES, 0.0)
    by_word = _languages_by_word()
    for token in tokens:
        for code in by_word.get(token, ()):
            hits[code] += 1
    return {code: hits[code] / len(tokens) for code in LANGUAGES}


def guess_language(text: str) -> str | None:
    """The ISO 639-1 code with the best :func:`language_scores`, or ``None`` when the text is too
    short to tell or the best language is not clearly ahead of the runner-up."""
    tokens = _prose_words(text)
    if len(tokens) < MIN_WORDS:
        return None
    ranked = sorted(_scores(tokens).items(), key=lambda item: (-item[1], item[0]))
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < MIN_SCORE or top < MARGIN * second:
        return None
    return best


def _prose_words(text: str) -> list[str]:
    """The :func:`~newsprism.words.letter_words` of ``text`` without its table rows ("| 1 | Kyle
    Busch | 5040 |"), when it has prose besides.

    A table holds names and figures, which are no language's stopwords: a Portuguese standings
    page (six lines of Portuguese, forty rows of drivers) scored 0.17 Portuguese over its whole
    text, under :data:`MIN_SCORE`, and was analysed as the English its template declared."""
    if "|" in text:
        kept = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("|"))
        words = letter_words(kept)
        if len(words) >= MIN_WORDS:
            return words
    return letter_words(text)


def is_foreign(text: str, language: str) -> bool:
    """``True`` when ``text`` is clearly not in ``language``: another language's stopwords cover
    a good share of it and clearly more than ``language``'s own. Unlike :func:`guess_language`
    this does not need to tell close relatives (French, Spanish) apart."""
    tokens = letter_words(text)
    if len(tokens) < MIN_WORDS:
        return False
    scores = _scores(tokens)
    best = max(scores, key=lambda code: (scores[code], code == language))
    return (
        best != language and scores[best] >= MIN_SCORE and scores[best] >= MARGIN * scores.get(language, 0.0)
    )


#: Unicode script (first word of a letter's character name) -> the language it tells, for scripts
#: that jusText's stoplists cannot read. Kana decide Japanese before the Han characters it shares
#: with Chinese (:func:`script_language`).
SCRIPTS: dict[str, str] = {
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "CJK": "zh",
    "GREEK": "el",
    "ARABIC": "ar",
    "HEBREW": "he",
    "THAI": "th",
    "DEVANAGARI": "hi",
    "BENGALI": "bn",
    "TAMIL": "ta",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
}
#: Least share of a text's letters in one such script for the script to decide its language.
SCRIPT_SHARE = 0.3


def script_language(text: str) -> str | None:
    """The language told by the script of a good share of ``text``'s letters, if any.

    One pass over the characters (Latin and Cyrillic letters are counted but tell nothing: the
    stoplists tell those languages apart). Any kana make a CJK text Japanese, since Japanese
    mixes kana with the Han characters Chinese is written in."""
    scripts: Counter[str] = Counter()
    letters = 0
    for ch in text:
        if not ch.isalpha():
            continue
        letters += 1
        if ch.isascii():
            continue
        script = unicodedata.name(ch, "").split(" ", 1)[0]
        if script in SCRIPTS:
            scripts[script] += 1
    if not scripts:
        return None
    if scripts["HIRAGANA"] + scripts["KATAKANA"] and (
        scripts["HIRAGANA"] + scripts["KATAKANA"] + scripts["CJK"] >= SCRIPT_SHARE * letters
    ):
        return "ja"
    script, count = scripts.most_common(1)[0]
    return SCRIPTS[script] if count >= SCRIPT_SHARE * letters else None


def detect_language(text: str, declared: str | None = None) -> str | None:
    """The language ``text`` is written in: its script, else its stopwords
    (:func:`guess_language`), else what the page ``declared`` (``<html lang>``, a feed's language).

    The text outweighs the declaration: on the extraction benchmark, pages declare ``en`` over
    German and Portuguese text and ``de`` over English text (a site's template, not the article).
    ``None`` when neither the text nor a declaration tells."""
    return script_language(text) or guess_language(text) or declared


#: English names of the languages :func:`detect_language` can tell, for messages.
NAMES: dict[str, str] = {
    **LANGUAGES,
    "ja": "Japanese", "ko": "Korean", "zh": "Chinese", "el": "Greek", "ar": "Arabic", "he": "Hebrew",
    "th": "Thai", "hi": "Hindi", "bn": "Bengali", "ta": "Tamil", "ka": "Georgian", "hy": "Armenian",
}  # fmt: skip


def language_name(code: str) -> str:
    """``"French"`` for ``"fr"``; the code itself for a language without a known name."""
    return NAMES.get(code, code)
