"""The text of a Doc, computed once; and cutting a text at paragraph boundaries.

spaCy's ``Doc.text`` joins every token's text on each access (O(length of the document)), so an
extractor reading ``doc.text[a:b]`` in a loop turns linear work quadratic. :func:`doc_text` keeps
the joined text in ``doc.user_data`` so every extractor shares one copy.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

_KEY = "newsprism.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc and cached."""
    text = doc.user_data.get(_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_KEY] = text
    return text


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


def paragraph_cut(text: str, limit: int, start: int = 0) -> int:
    """Where to end a piece of ``text`` that starts at ``start`` and holds at most ``limit``
    characters: after the last blank line in it, else after the last line break, else after the
    last sentence end, else at the limit. The whole rest when it fits."""
    end = start + limit
    if end >= len(text):
        return len(text)
    for sep in ("\n\n", "\n"):
        at = text.rfind(sep, start, end)
        if at > start:
            return at + len(sep)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, end)]
    return ends[-1] if ends and ends[-1] > start else end


def paragraph_pieces(text: str, limit: int) -> list[str]:
    """``text`` cut at paragraph boundaries into pieces of at most ``limit`` characters; joined,
    they are ``text`` again (each piece keeps the line breaks that end it)."""
    pieces: list[str] = []
    start = 0
    while start < len(text) or not pieces:
        end = paragraph_cut(text, limit, start)
        pieces.append(text[start:end])
        start = end
    return pieces
