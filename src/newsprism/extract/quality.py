"""Source quality: signals of machine-spun or garbled text, with evidence spans.

Each signal is read off the parsed Doc and yields :class:`QualityFlag` evidence:

* ``capitalised_word``: a function word or common verb/noun capitalised mid-sentence
  ("Vladimir Putin And Xi Jinping Announced");
* ``lowercase_name``: a name the article also writes capitalised, here in lower case ("putin");
* ``fragment``: a short sentence with no subject or no verb left dangling after another sentence
  on the same line ("claims that.", "has been affected.");
* ``stray_punctuation``: a "sentence" of punctuation only ("he suggested. .");
* ``unbalanced_quotes``: a paragraph whose closing quotation marks outnumber its opening ones
  (a lost opening mark; a paragraph that opens a quote continued in the next one is normal);
* ``repeated_word``: the same word twice in a row ("the the");
* ``space_before_punctuation``: "Uzbekistan , kicking".

The score is the weighted evidence per sentence (:data:`WEIGHTS`), scaled to [0, 1]
(:data:`SATURATION` weighted flags per sentence = 1.0); ``spun`` is ``score >= SPUN_THRESHOLD``.
The weights and threshold were calibrated on five seed articles, two machine-paraphrased.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from ..nlp.text import doc_text
from ..records import Quality, QualityFlag

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
    return QualityFlag(kind, start, end, doc_text(doc)[start:end])


def _starts_clause(token: Token) -> bool:
    """Whether ``token`` may be capitalised: first of its sentence, line, quote or clause."""
    if token.is_sent_start or token.i == 0:
        return True
    prev = token.doc[token.i - 1]
    return prev.is_space or prev.text in _CLAUSE_OPENERS or "\n" in prev.whitespace_ or prev.text == "."


def capitalised_words(doc: Doc) -> Iterator[QualityFlag]:
    """Function words and verbs capitalised mid-sentence, outside names."""
    for token in doc:
        if not token.is_title or len(token) < 2 or _starts_clause(token):
            continue
        if token.ent_type_ and token.lower_ not in FUNCTION_WORDS and token.pos_ not in {"VERB", "AUX"}:
            continue
        if token.lower_ in FUNCTION_WORDS or token.pos_ in {"VERB", "AUX"}:
            yield _flag("capitalised_word", doc, token.idx, token.idx + len(token))


def lowercase_names(doc: Doc) -> Iterator[QualityFlag]:
    """Lower-case tokens that the article elsewhere writes capitalised as a person's name word or
    a one-word place name (multi-word names hold ordinary words: "United States")."""
    names = {t.text for e in doc.ents if e.label_ == "PERSON" for t in e if t.is_title}
    names |= {e.text for e in doc.ents if e.label_ == "GPE" and len(e) == 1 and e[0].is_title}
    lowered = {n.lower() for n in names}
    for token in doc:
        if token.is_lower and token.text in lowered and token.text.title() in names:
            yield _flag("lowercase_name", doc, token.idx, token.idx + len(token))


def _words(sent: Span) -> list[Token]:
    return [t for t in sent if t.is_alpha]


def _same_line_before(sent: Span) -> bool:
    """Whether text precedes ``sent`` on its line (a heading stands on a line of its own)."""
    doc = sent.doc
    first = next((t.idx for t in sent if not t.is_space), sent.start_char)
    line_start = doc_text(doc).rfind("\n", 0, first) + 1
    return bool(doc_text(doc)[line_start:first].strip())


def fragments(doc: Doc) -> Iterator[QualityFlag]:
    """Short sentences with no subject or no verb, dangling after another sentence on their line;
    and "sentences" of punctuation only. Subjects and verbs need a parse: without one only the
    punctuation check runs."""
    parsed = doc.has_annotation("DEP") and doc.has_annotation("POS")
    for sent in doc.sents:
        text = sent.text.strip()
        if not text:
            continue
        words = _words(sent)
        if not words:
            if any(t.text == "." for t in sent) and _same_line_before(sent):
                yield _flag("stray_punctuation", doc, sent.start_char, sent.end_char)
            continue
        if not parsed or len(words) > 5 or not text.endswith(".") or not _same_line_before(sent):
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


def unbalanced_quotes(doc: Doc) -> Iterator[QualityFlag]:
    """Paragraphs where closing double quotes outnumber opening ones, or with an odd number of
    straight double quotes that does not open a quote continued in the next paragraph."""
    paragraphs = [(s, e) for s, e in _paragraphs(doc) if doc_text(doc)[s:e].strip()]
    for n, (start, end) in enumerate(paragraphs):
        text = doc_text(doc)[start:end]
        curly_open, curly_close = text.count("“"), text.count("”")
        straight = text.count('"')
        bad = curly_close > curly_open
        if straight % 2 == 1:
            nxt = (
                doc_text(doc)[paragraphs[n + 1][0] : paragraphs[n + 1][1]] if n + 1 < len(paragraphs) else ""
            )
            opens_continued = text.rstrip().rfind('"') < text.rstrip().rfind(
                " "
            ) or not text.rstrip().endswith('"')
            continued = nxt.lstrip().startswith('"') and opens_continued
            bad = bad or not continued
        if bad:
            yield _flag("unbalanced_quotes", doc, start, end)


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


def score_flags(flags: tuple[QualityFlag, ...], sentences: int) -> float:
    """Weighted flags per sentence, scaled to [0, 1]."""
    weight = sum(WEIGHTS.get(f.kind, 1.0) for f in flags)
    return min(1.0, weight / max(sentences, 1) / SATURATION)


def assess_quality(doc: Doc, article_id: str) -> Quality:
    """A garbledness score in [0, 1] with the evidence spans behind it.

    ``article_id`` names the article the flags' offsets refer to (the flags carry offsets only).
    """
    del article_id  # offsets are into this doc's text, which is the article's clean text
    flags = (
        *capitalised_words(doc),
        *lowercase_names(doc),
        *fragments(doc),
        *unbalanced_quotes(doc),
        *repeated_words(doc),
        *spaces_before_punctuation(doc),
    )
    ordered = tuple(sorted(flags, key=lambda f: (f.start, f.end, f.kind)))
    sentences = sum(1 for s in doc.sents if any(t.is_alpha for t in s)) if len(doc) else 0
    score = round(score_flags(ordered, sentences), 4)
    return Quality(score=score, spun=score >= SPUN_THRESHOLD, flags=ordered)
