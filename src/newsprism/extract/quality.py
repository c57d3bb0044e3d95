"""Source quality: signals of machine-spun or garbled text, with evidence spans.

Each signal is read off the parsed Doc and yields :class:`QualityFlag` evidence:

* ``capitalised_word``: a function word or common verb/noun capitalised mid-sentence
  ("Vladimir Putin And Xi Jinping Announced");
* ``lowercase_name``: a name the article also writes capitalised, here in lower case ("putin");
* ``fragment``: a short sentence with no subject or no verb left dangling after another sentence
  on the same line ("claims that.", "has been affected.");
* ``stray_punctuation``: a "sentence" of punctuation only ("he suggested. .");
* ``unbalanced_quotes``: a paragraph whose closing quotation marks outnumber its opening ones
  (a lost opening mark; a paragraph that opens a quote continued in the next one is normal, and
  so is a quote left open where the text is cut off mid-sentence);
* ``repeated_word``: the same word twice in a row ("the the"; one doubled word recurring is
  one piece of evidence: "Walla Walla", "La La Land" are names);
* ``space_before_punctuation``: "Uzbekistan , kicking".

The score is the weighted evidence per sentence (:data:`WEIGHTS`), scaled to [0, 1]
(:data:`SATURATION` weighted flags per sentence = 1.0); ``spun`` is ``score >= SPUN_THRESHOLD``.
The weights and threshold were calibrated on five seed articles, two machine-paraphrased.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..nlp.text import doc_text
from ..records import Quality, QualityFlag
from ..records import Span as TextSpan

#: Weight of one flag of each kind.
WEIGHTS: dict[str, float] = {
    "capitalised_word": 1.0,
    "lowercase_name": 1.0,
    "fragment": 1.0,
    "stray_punctuation": 1.0,
    "unbalanced_quotes": 0.5,
    "repeated_word": 0.5,
    "space_before_punctuation": 0.25,
}
SATURATION = 0.25
SPUN_THRESHOLD = 0.2
#: Least weighted evidence for ``spun``, whatever the score: in a four-sentence text one lost
#: quotation mark would reach the threshold alone, and one slip is no pattern.
MIN_SPUN_EVIDENCE = 1.5

#: Words that are never capitalised inside an English sentence.
FUNCTION_WORDS: frozenset[str] = frozenset(
    {
        "and", "or", "but", "nor", "the", "a", "an", "of", "in", "on", "at", "to", "for", "with",
        "by", "from", "they", "he", "she", "it", "we", "them", "his", "her", "their", "its",
        "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "that",
        "which", "who", "this", "these", "those", "not", "as", "than", "then", "also",
    }
)  # fmt: skip
_CLAUSE_OPENERS: frozenset[str] = frozenset({":", "“", '"', "‘", "'", "(", "[", "—", "–", "-", "\n"})
_SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_NO_SPACE_BEFORE: frozenset[str] = frozenset({",", ".", ";", ":", "!", "?"})
_OPENING = ("“", "‘")
_CLOSING = ("”", "’")


def _flag(kind: str, doc: Doc, start: int, end: int) -> QualityFlag:
    """Evidence at ``start``-``end`` of ``doc``; its article is the one :func:`assess_quality`
    names (the signals read the Doc only)."""
    return QualityFlag(kind, TextSpan("", start, end), doc_text(doc)[start:end])


_MORE_OPENERS: frozenset[str] = frozenset({"!", "?", "|", "]", "<", ">", ";", "…", "_", "•", "*"})
_ARTICLES: frozenset[str] = frozenset({"the", "a", "an"})
#: Lower-case words that stay lower-case inside a title ("Born to Be Wild", "10 Things in Tech").
_TITLE_GLUE: frozenset[str] = frozenset(
    {"to", "in", "of", "the", "a", "an", "and", "for", "on", "at", "by", "or", "be"}
)


def _starts_clause(token: Token) -> bool:
    """Whether ``token`` may be capitalised: first of its sentence, line, quote, clause, list item
    or table cell, or after a sentence end the parser missed ("Hands! Let me see")."""
    if token.is_sent_start or token.i == 0:
        return True
    prev = token.doc[token.i - 1]
    return (
        prev.is_space
        or prev.text in _CLAUSE_OPENERS
        or prev.text in _MORE_OPENERS
        or "\n" in prev.whitespace_
        or prev.text.endswith(".")
    )


def _title_case_lines(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of lines set in title case (headlines, list items of titles, table rows,
    credits): at least three words (two on a line with no closing full stop) besides :data:`FUNCTION_WORDS`, most of them capitalised.
    Capitals there are the style of the line, not evidence of spinning."""
    ranges: list[tuple[int, int]] = []
    for start, end in _paragraphs(doc):
        line = doc_text(doc)[start:end]
        content = [w for w in line.split() if w[:1].isalpha() and w.lower() not in FUNCTION_WORDS]
        least = 3 if line.rstrip()[-1:] in {".", "!", "?", '"', "”"} else 2  # a heading has no full stop
        if len(content) >= least and sum(w[0].isupper() for w in content) >= 0.6 * len(content):
            ranges.append((start, end))
    return ranges


def _in_ranges(idx: int, ranges: list[tuple[int, int]]) -> bool:
    n = bisect.bisect_right(ranges, (idx, float("inf"))) - 1
    return n >= 0 and ranges[n][0] <= idx < ranges[n][1]


def _titles(doc: Doc) -> set[int]:
    """Indices of tokens in a title-case run inside running text: three or more capitalised words,
    joined only by short lower-case glue ("including Born to Be Wild and The Road to Hell", "In
    God We Trust"). A run where a capitalised function word or verb sits against a person's name
    ("Vladimir Putin And Xi Jinping Announced") is spun text, not a title, and is not excused."""
    found: set[int] = set()
    run: list[Token] = []

    def close() -> None:
        while run and not run[-1].is_title:
            run.pop()
        caps = [t for t in run if t.is_title]
        glued_to_name = any(
            t.is_title
            and (t.lower_ in FUNCTION_WORDS or t.pos_ == "VERB")
            and any(
                0 <= j < len(t.doc) and t.doc[j].ent_type_ == "PERSON" and t.doc[j].ent_iob_ != ""
                for j in (t.i - 1, t.i + 1)
            )
            and t.ent_type_ != "PERSON"
            for t in run
        )
        if len(caps) >= 3 and not glued_to_name:
            found.update(t.i for t in run)
        run.clear()

    for token in doc:
        if (
            token.is_title
            or token.like_num
            or (run and token.lower_ in _TITLE_GLUE and token.is_lower)
            or (run and (token.text in {"’", "'", "-"} or token.text[:1] in {"’", "'"}))
        ):
            run.append(token)
        else:
            close()
    close()
    return found


def capitalised_words(doc: Doc) -> Iterator[QualityFlag]:
    """Function words and verbs capitalised mid-sentence in running text: not at a clause start,
    not in a title-case line or a title inside the text, not a title's or name's leading article
    ("told The Hill"), not inside a name (a given name like "Will" or "May")."""
    lines = _title_case_lines(doc)
    titles = _titles(doc)
    for token in doc:
        if not token.is_title or len(token) < 2 or _starts_clause(token):
            continue
        if not (token.lower_ in FUNCTION_WORDS or token.pos_ in {"VERB", "AUX"}):
            continue
        if token.i in titles or _in_ranges(token.idx, lines):
            continue
        nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if token.lower_ in _ARTICLES and nxt is not None and (nxt.is_title or nxt.like_num or nxt.is_upper):
            continue
        if (
            token.ent_type_
            and token.pos_ != "VERB"
            and not (token.lower_ in FUNCTION_WORDS and token.ent_type_ == "PERSON" and token.pos_ == "CCONJ")
        ):
            continue
        yield _flag("capitalised_word", doc, token.idx, token.idx + len(token))


def lowercase_names(doc: Doc) -> Iterator[QualityFlag]:
    """A person's name word or one-word place name that the article writes capitalised in running
    text, here in lower case ("Xi and putin").

    A word the article itself mostly writes in lower case is an ordinary word that is also a name
    ("moon", "range", "jam", "will"): the model tags "Moon" or "Range" as a name in a headline.
    So a lower-case use counts only when the article writes the word capitalised, mid-sentence
    and outside title-case lines, more often than in lower case, and when the tagger reads this
    lower-case use as a proper noun ("starry night", "watches start" are a noun and a verb there);
    stop words never count."""
    lines = _title_case_lines(doc)
    names = {t.text for e in doc.ents if e.label_ == "PERSON" for t in e if t.is_title}
    names |= {e.text for e in doc.ents if e.label_ == "GPE" and len(e) == 1 and e[0].is_title}
    capital: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for token in doc:
        if token.is_lower:
            lower[token.text] += 1
        elif token.text in names and not _starts_clause(token) and not _in_ranges(token.idx, lines):
            capital[token.lower_] += 1
    for token in doc:
        word = token.text
        if token.is_lower and token.pos_ == "PROPN" and not token.is_stop and capital[word] > lower[word]:
            yield _flag("lowercase_name", doc, token.idx, token.idx + len(token))


def _words(sent: Span) -> list[Token]:
    return [t for t in sent if t.is_alpha]


def _same_line_before(sent: Span) -> bool:
    """Whether text precedes ``sent`` on its line (a heading stands on a line of its own)."""
    doc = sent.doc
    first = next((t.idx for t in sent if not t.is_space), sent.start_char)
    line_start = doc_text(doc).rfind("\n", 0, first) + 1
    return bool(doc_text(doc)[line_start:first].strip())


#: Parts of speech that cannot open an English sentence in lower case: a clause cut off from
#: its subject ("claims that.", "has been affected.", "fighting the battle.").
_HEADLESS_START: frozenset[str] = frozenset({"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PART", "DET", "PRON"})
_CONTINUATION: frozenset[str] = frozenset({",", ";", ":", ")", "]"})


def _headless(sent: Span) -> bool:
    """Whether ``sent`` opens with ``,;:)]`` or with a lower-case verb or function word.

    Edited prose has fragments of its own ("No joke.", "Well, sort of.", "Davis 17 points.",
    list items and credits), but they start like sentences; a sentence that starts in lower case
    with a verb is a clause whose start was lost. A lower-case noun ("sesame oil, 1 tsp.") is
    the parser cutting after an abbreviation, so it does not count."""
    first = next((t for t in sent if not t.is_space), None)
    if first is None:
        return False
    if first.text in _CONTINUATION:
        return True
    return first.is_lower and first.is_alpha and first.pos_ in _HEADLESS_START


def fragments(doc: Doc) -> Iterator[QualityFlag]:
    """Short sentences with no subject or no verb that start headless (:func:`_headless`),
    dangling after another sentence on their line; and "sentences" of punctuation only. Subjects,
    verbs and parts of speech need a parse: without one only the punctuation check runs."""
    parsed = doc.has_annotation("DEP") and doc.has_annotation("POS")
    for sent in doc.sents:
        text = sent.text.strip()
        if not text:
            continue
        words = _words(sent)
        if not words:
            # punctuation only: a list number ("4.") or an abbreviation the parser split off
            # ("U.s.") holds letters or digits and is no stray mark
            stray = any(t.text == "." for t in sent) and not any(ch.isalnum() for ch in text)
            if stray and _same_line_before(sent):
                yield _flag("stray_punctuation", doc, sent.start_char, sent.end_char)
            continue
        if not parsed or len(words) > 5 or not text.endswith(".") or not _same_line_before(sent):
            continue
        if not _headless(sent):
            continue
        has_subject = any(t.dep_ in _SUBJECT_DEPS for t in sent)
        has_verb = any(t.pos_ in {"VERB", "AUX"} for t in sent)
        if not (has_subject and has_verb):
            yield _flag("fragment", doc, sent.start_char, sent.end_char)


def _paragraphs(doc: Doc) -> Iterator[tuple[int, int]]:
    start = 0
    for line in doc_text(doc).split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


def _quote_marks(text: str) -> tuple[int, int, int]:
    """Opening, closing and undecided double quotation marks in ``text``. A straight quote opens
    at the start or after a space or bracket and closes elsewhere, except one with a space on
    both sides (tokenised text: ``her " the first``), which could be either and is undecided; one
    after a digit is an inch mark (16"), one after ``=`` is markup (``type="big"``), and neither
    counts, nor do curly marks in markup."""
    opening = closing = undecided = 0
    for m in re.finditer('["“”]', text):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if (
            before.isdigit()
            or before == "="
            or (m.group() == "”" and text[m.end() : m.end() + 1] in {"]", " "} and before == "/")
        ):
            continue
        if m.group() == '"' and before.isspace() and after.isspace():
            undecided += 1
        elif m.group() == "“" or (m.group() == '"' and (before.isspace() or before in "([{—–-")):
            opening += 1
        else:
            closing += 1
    return opening, closing, undecided


def unbalanced_quotes(doc: Doc) -> Iterator[QualityFlag]:
    """Paragraphs whose closing double quotes outnumber the opening ones (a lost opening mark),
    or that leave a quote open when the next paragraph does not continue it with an opening mark
    (a lost closing mark). Straight and curly marks count together ("On It" may open curly and
    close straight); undecided marks (spaced on both sides) take whichever side balances."""
    paragraphs = [(s, e) for s, e in _paragraphs(doc) if doc_text(doc)[s:e].strip()]
    for n, (start, end) in enumerate(paragraphs):
        text = doc_text(doc)[start:end]
        if "=" in text and ("[" in text or "<" in text):
            continue  # markup left in the text, not prose
        opening, closing, undecided = _quote_marks(text)
        gap = abs(opening - closing)
        if gap <= undecided and (undecided - gap) % 2 == 0:
            continue
        nxt = (
            doc_text(doc)[paragraphs[n + 1][0] : paragraphs[n + 1][1]].lstrip()
            if n + 1 < len(paragraphs)
            else ""
        )
        continued = nxt.startswith(('"', "“"))
        cut = n + 1 == len(paragraphs) and _cut_off(text)
        if closing > opening + undecided or (opening + undecided > closing and not continued and not cut):
            yield _flag("unbalanced_quotes", doc, start, end)


#: How a text that was not cut off ends: a sentence's end, a closing mark or bracket.
_ENDS = frozenset(".!?\"”’')]…:;")


def _cut_off(text: str) -> bool:
    """Whether ``text`` (a last paragraph) stops mid-sentence ("... this was the real, not"): cut
    by a length limit, so a quote it opened closes beyond the cut, not never."""
    tail = text.rstrip()
    return bool(tail) and tail[-1] not in _ENDS


def repeated_words(doc: Doc) -> Iterator[QualityFlag]:
    """The same word twice in a row ("the the"), except deliberate "that that"/"had had"."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if token.is_alpha and token.lower_ == prev.lower_ and token.lower_ not in {"that", "had"}:
            yield _flag("repeated_word", doc, prev.idx, token.idx + len(token))


def spaces_before_punctuation(doc: Doc) -> Iterator[QualityFlag]:
    """A space between a word and the comma or full stop after it ("Uzbekistan , kicking")."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if token.text in _NO_SPACE_BEFORE and prev.whitespace_ == " " and not prev.is_punct:
            yield _flag("space_before_punctuation", doc, prev.idx, token.idx + len(token))


#: Typographic habits: a house style repeats them all through an article ("Yobe North , Ahmad
#: Lawan ,"), so however often one recurs it is one piece of evidence, not one per occurrence.
HABITS: frozenset[str] = frozenset({"space_before_punctuation"})
#: Kinds whose flags of one text (case folded) are one piece of evidence however often it recurs:
#: a doubled word met again and again is a name or a refrain ("Evelyn Evelyn", "La La Land"),
#: not a slip made again and again.
ONCE_PER_TEXT: frozenset[str] = frozenset({"repeated_word"})


def evidence_weight(flags: tuple[QualityFlag, ...]) -> float:
    """The flags' summed :data:`WEIGHTS`, a :data:`HABITS` kind counted once and a
    :data:`ONCE_PER_TEXT` kind once per text."""
    habits = {f.kind for f in flags if f.kind in HABITS}
    recurring = {(f.kind, f.text.lower()) for f in flags if f.kind in ONCE_PER_TEXT}
    weight = sum(WEIGHTS.get(f.kind, 1.0) for f in flags if f.kind not in HABITS | ONCE_PER_TEXT)
    return (
        weight
        + sum(WEIGHTS.get(kind, 1.0) for kind in habits)
        + sum(WEIGHTS.get(kind, 1.0) for kind, _ in recurring)
    )


def score_flags(flags: tuple[QualityFlag, ...], sentences: int) -> float:
    """Weighted flags per sentence (:func:`evidence_weight`), scaled to [0, 1]."""
    return min(1.0, evidence_weight(flags) / max(sentences, 1) / SATURATION)


def assess_quality(doc: Doc, article_id: str) -> Quality:
    """A garbledness score in [0, 1] with the evidence spans behind it.

    ``article_id`` names the article whose clean text the Doc is: every flag's span points there.
    """
    flags = (
        *capitalised_words(doc),
        *lowercase_names(doc),
        *fragments(doc),
        *unbalanced_quotes(doc),
        *repeated_words(doc),
        *spaces_before_punctuation(doc),
    )
    placed = (replace(f, span=replace(f.span, article=article_id)) for f in flags)
    ordered = tuple(sorted(placed, key=lambda f: (f.span.start, f.span.end, f.kind)))
    sentences = sum(1 for s in doc.sents if any(t.is_alpha for t in s)) if len(doc) else 0
    score = round(score_flags(ordered, sentences), 4)
    spun = score >= SPUN_THRESHOLD and evidence_weight(ordered) >= MIN_SPUN_EVIDENCE
    return Quality(score=score, spun=spun, flags=ordered)
