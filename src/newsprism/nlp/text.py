"""The text of a Doc, computed once.

spaCy's ``Doc.text`` joins every token's text on each access (O(length of the document)), so an
extractor reading ``doc.text[a:b]`` in a loop turns linear work quadratic. :func:`doc_text` keeps
the joined text in ``doc.user_data`` so every extractor shares one copy.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "newsprism.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc and cached."""
    text = doc.user_data.get(_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_KEY] = text
    return text
