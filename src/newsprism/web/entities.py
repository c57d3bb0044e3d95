"""The id of a person or organisation across stories, shared by the pages and the JSON API.

A story's entity ids (``Entity.id``) are made per story by the linker, so the same person has a
different id in every story. Across stories an entity is known by its canonical name: the id is
the first 16 hex digits of the SHA-256 of :func:`entity_key`, the name NFKC-normalised,
case-folded, with its accents and punctuation dropped and its whitespace collapsed ("Mara
Quint", "MARA  QUINT" and "Mára Quint" are one entity). The type is left out on purpose: the
linker types a name differently in different stories (a company named after its founder), and
an id that moved with the type would split one name's quotes over two pages.
"""

from __future__ import annotations

import hashlib
import unicodedata


def entity_key(name: str) -> str:
    """``name`` as the key that identifies it across stories (see the module docstring)."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name).casefold())
    kept = (
        c if unicodedata.category(c)[0] in "LN" else " " for c in decomposed if not unicodedata.combining(c)
    )
    return " ".join("".join(kept).split())


def entity_id(name: str) -> str:
    """The id of the entity called ``name`` in any story (16 hex digits)."""
    return hashlib.sha256(entity_key(name).encode("utf-8")).hexdigest()[:16]
