"""Named-entity mentions with character offsets into the clean text."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..records import Mention

#: spaCy labels kept as actors (people, organisations, places, nationalities, events, facilities).
ENTITY_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC"})

_STRIP_START = ("the ", "The ")
_STRIP_END = ("'s", "’s", "'", "’")


def _trim(ent: Span) -> tuple[int, int]:
    """Character bounds of ``ent`` without a leading article or a possessive ending."""
    start, end = ent.start_char, ent.end_char
    text = ent.text
    for prefix in _STRIP_START:
        if text.startswith(prefix) and ent.label_ not in {"EVENT"}:
            start += len(prefix)
            text = text[len(prefix):]
            break
    for suffix in _STRIP_END:
        if text.endswith(suffix) and len(text) > len(suffix):
            end -= len(suffix)
            text = text[: -len(suffix)]
            break
    return start, end


def extract_mentions(doc: Doc, article_id: str) -> list[Mention]:
    """Every entity mention of a kept label, trimmed of "the" and possessive endings."""
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        start, end = _trim(ent)
        text = doc.text[start:end].strip()
        if not text or not any(ch.isalpha() for ch in text):
            continue
        mentions.append(Mention(article_id, start, start + len(text), text, ent.label_))
    return mentions
