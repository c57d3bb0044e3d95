"""Named-entity mentions with character offsets into the clean text."""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc, Span

from ..nlp.text import doc_text
from ..records import Mention
from ..records import Span as TextSpan

#: spaCy labels kept as actors (people, organisations, places, nationalities, events, facilities).
ENTITY_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC"})

_STRIP_START = ("the ", "The ")
_STRIP_END = ("'s", "’s", "'", "’")
_POSSESSIVES: frozenset[str] = frozenset({"'s", "’s"})

#: Head words that make a capitalised phrase an organisation or place rather than a person.
_NON_PERSON_WORDS: frozenset[str] = frozenset(
    {
        "university", "institute", "center", "centre", "group", "party", "council", "ministry",
        "academy", "agency", "bank", "company", "corporation", "endowment", "foundation",
        "times", "post", "news", "office", "committee", "organization", "organisation", "union",
        "association", "school", "college", "army", "navy", "forum", "summit", "house",
    }
)  # fmt: skip


def _trim(ent: Span) -> tuple[int, int]:
    """Character bounds of ``ent`` without a leading article or a possessive ending."""
    start, end = ent.start_char, ent.end_char
    text = ent.text
    for prefix in _STRIP_START:
        if text.startswith(prefix) and ent.label_ not in {"EVENT"}:
            start += len(prefix)
            text = text[len(prefix) :]
            break
    for suffix in _STRIP_END:
        if text.endswith(suffix) and len(text) > len(suffix):
            end -= len(suffix)
            text = text[: -len(suffix)]
            break
    return start, end


def _cut_at_newline(ent: Span) -> Span:
    """``ent`` up to its first line break: a name never runs across lines ("Putin\\nShare")."""
    for token in ent:
        if "\n" in token.text or (token.is_space and token.i > ent.start):
            return ent.doc[ent.start : token.i]
    return ent


def _drop_trailing_verbs(ent: Span) -> Span:
    """``ent`` without trailing verbs the NER swallowed ("Xi Jinping Announced")."""
    end = ent.end
    while end - ent.start > 1 and ent.doc[end - 1].pos_ in {"VERB", "AUX"}:
        end -= 1
    return ent.doc[ent.start : end]


def _looks_like_person(tokens: Span) -> bool:
    """Two or three capitalised words, none an organisation/place head word ("Sergey Radchenko")."""
    words = [t for t in tokens if not t.is_punct]
    if not 2 <= len(words) <= 3:
        return False
    return all(w.text[:1].isupper() and w.lower_ not in _NON_PERSON_WORDS for w in words)


def _split_possessive(ent: Span) -> list[tuple[Span, str]]:
    """Split "Johns Hopkins University’s Sergey Radchenko" into the owner and a person.

    Only a non-person entity with a possessive inside it and a person-looking tail is split; the
    owner keeps the entity's label and the tail becomes PERSON.
    """
    if ent.label_ == "PERSON":
        return [(ent, ent.label_)]
    for token in ent:
        if token.text in _POSSESSIVES and ent.start < token.i < ent.end - 1:
            owner = ent.doc[ent.start : token.i]
            tail = ent.doc[token.i + 1 : ent.end]
            if _looks_like_person(tail):
                return [(owner, ent.label_), (tail, "PERSON")]
    return [(ent, ent.label_)]


def _repair(ent: Span) -> list[tuple[Span, str]]:
    """Spans and labels after the repairs above; empty spans are dropped."""
    span = _drop_trailing_verbs(_cut_at_newline(ent)) if len(ent) else ent
    if not len(span):
        return []
    span = Span(ent.doc, span.start, span.end, label=ent.label_)
    return _split_possessive(span)


def _untagged_names(doc: Doc, mentions: list[Mention], article_id: str) -> list[Mention]:
    """PERSON mentions for proper nouns the NER left untagged that repeat the first or last word
    of a full name tagged PERSON in the same document ("Xi’s travels" after "Xi Jinping")."""
    words: set[str] = set()
    for m in mentions:
        parts = m.text.replace("[", " ").replace("]", " ").split()
        if m.label == "PERSON" and len(parts) > 1:
            words.update(w for w in (parts[0], parts[-1]) if len(w) > 1 and w[:1].isupper())
    found: list[Mention] = []
    for token in doc:
        if token.text in words and token.pos_ == "PROPN" and not token.ent_type_:
            found.append(
                Mention(TextSpan(article_id, token.idx, token.idx + len(token.text)), token.text, "PERSON")
            )
    return found


def _surnames(mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with a one-word place or organisation mention that repeats the surname of a
    person named in full in the same document retagged PERSON ("called on Vukanich" tagged GPE
    after "Radoslav Vukanich"): pronouns and the entity linker then see the person."""
    surnames = {m.text.split()[-1] for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1}
    return [
        dataclasses.replace(m, label="PERSON") if m.label in _RETAGGABLE and m.text in surnames else m
        for m in mentions
    ]


#: Last words of product names the small model tags PERSON ("MacBook Pro", "Switch Lite").
PRODUCT_WORDS: frozenset[str] = frozenset(
    {
        "pro", "max", "ultra", "plus", "mini", "lite", "offer", "edition", "bundle", "keyboard",
        "folio", "watch", "watches", "phone", "tablet", "console", "earphones", "headphones",
        "earbuds", "speaker", "laptop", "hybrid", "smart", "se", "xl", "air", "note",
    }
)  # fmt: skip
#: Words right before a name that make it a place ("in Dolna Mesta", "the town of Dolna Mesta").
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|outside)\s+(?:the\s+(?:capital|town|city|village|region)\s*,?\s*)?"
    r"|\b(?:town|city|village|capital|region|province|county|district|valley|river|residents)\s+of\s+"
    r"|\bthe\s+(?:capital|town|city|village)\s*,\s*)$",
    re.IGNORECASE,
)
#: Words right before a name that make it a person ("Mr Vukanich", "Mayor Jana Drobna").
_PERSON_BEFORE = re.compile(
    r"\b(?:mr|mrs|ms|miss|dr|prof|sir|dame|mayor|president|minister|senator|governor|chairman|"
    r"chairwoman|director|spokesman|spokeswoman|chief|judge|general|coach|captain)\.?\s+$",
    re.IGNORECASE,
)


def _is_product(text: str) -> bool:
    """A name ending in a product word or holding a digit ("MacBook Pro", "iPhone 15")."""
    words = text.split()
    return len(words) > 1 and (words[-1].lower() in PRODUCT_WORDS or any(ch.isdigit() for ch in text))


def _retype_people(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` without PERSON-tagged product names, and with a PERSON-tagged name that its
    document uses as a place ("in Dolna Mesta", "the capital, Veltrava") and never as a person
    (no title or honorific before it, never the subject of a speech verb) retagged GPE in the
    whole document.

    The trap: the small model tags unknown capitalised names PERSON. One place-like use is not
    enough when the same document also treats the name as a person ("told Mr Marek")."""
    from .quotes.speakers import is_cue  # a cycle at import time: quote_speakers reads Mentions

    text = doc_text(doc)
    place: set[str] = set()
    person: set[str] = set()
    for m in mentions:
        if m.label != "PERSON":
            continue
        before = text[max(0, m.span.start - 40) : m.span.start]
        if _PERSON_BEFORE.search(before):
            person.add(m.text)
        span = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
        after = doc[span.end] if span is not None and span.end < len(doc) else None
        # "in Trump's words", "the Obama administration": a modifier, not a place
        modifier = after is not None and (
            after.pos_ in {"NOUN", "PROPN", "PART"} or after.text in _POSSESSIVES
        )
        single_the = len(m.text.split()) == 1 and before.endswith(("the ", "The "))
        if not modifier and (_PLACE_BEFORE.search(before) or single_the):
            place.add(m.text)
        if span is not None and span.root.dep_ == "nsubj" and is_cue(span.root.head):
            person.add(m.text)
    no_name = _no_name_evidence(doc, mentions, person)
    out: list[Mention] = []
    for m in mentions:
        if m.label == "PERSON" and (_is_product(m.text) or m.text in no_name):
            continue  # a product or a common word, not a person: not kept as an entity
        if m.label == "PERSON" and m.text in place and m.text not in person:
            m = dataclasses.replace(m, label="GPE")
        out.append(m)
    return out


def _no_name_evidence(doc: Doc, mentions: list[Mention], person: set[str]) -> set[str]:
    """The PERSON-tagged texts whose spelling gives no sign of a name: written in lower case
    ("the so-called flood levy") with no capitalised spelling elsewhere in the document, or one word capitalised only where it opens a sentence
    ("Floodwater covered ...") that the document never writes mid-sentence, never gives a title
    or a speech verb, and that is no word of a longer person name.

    The trap: a sentence's first word is capitalised whatever it is, so the small model's PERSON
    tag there is the only evidence, and it is often wrong. One pass over the tokens, one over the
    mentions: linear in the document."""
    capitalised = {m.text.casefold() for m in mentions if m.label == "PERSON" and m.text[:1].isupper()}
    evidence = set(person)
    evidence.update(t.text for t in doc if not t.is_sent_start)  # capitalised mid-sentence
    evidence.update(w for m in mentions if m.label == "PERSON" and " " in m.text for w in m.text.split())
    found: set[str] = set()
    for m in mentions:
        if m.label != "PERSON":
            continue
        if not m.text[:1].isupper():
            if m.text.casefold() not in capitalised:  # "putin" after "Putin" is a garbled name
                found.add(m.text)
        elif " " not in m.text and m.text not in evidence:
            found.add(m.text)
    return found


#: Labels the small model gives a surname it does not know ("Vukanich" as GPE).
_RETAGGABLE = frozenset({"GPE", "ORG", "LOC", "FAC"})


def extract_mentions(doc: Doc, article_id: str) -> list[Mention]:
    """Every entity mention of a kept label, trimmed of "the" and possessive endings.

    NER slips are repaired: a mention stops at a line break, trailing verbs are dropped, an
    organisation's possessive followed by a person's name is split into the two, and an untagged
    proper noun repeating a word of a tagged person's full name becomes a PERSON mention, as does a
    one-word place or organisation repeating the surname of a person named in full. Product names
    and places the model tagged PERSON are dropped or retagged (:func:`_retype_people`).
    """
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        for span, label in _repair(ent):
            part = Span(doc, span.start, span.end, label=label)
            start, end = _trim(part)
            raw = doc_text(doc)[start:end]
            # a clause comma the NER swallowed ("Blue Origin," before a list goes on) is no part
            # of the name: kept, it reads as a second spelling of it
            text = raw.strip().rstrip(",;:").rstrip()
            if not text or not any(ch.isalpha() for ch in text):
                continue
            start += len(raw) - len(raw.lstrip())
            mentions.append(Mention(TextSpan(article_id, start, start + len(text)), text, label))
    mentions += _untagged_names(doc, mentions, article_id)
    mentions = _retype_people(doc, _surnames(mentions))
    return sorted(mentions, key=lambda m: (m.span.start, m.span.end))
