"""Hand-built spaCy Docs for unit tests: no trained model, so each test spells out the parse it
relies on (words, spaces, tags, POS, heads, dependency labels, lemmas, entity IOB tags, sentence
starts), and nothing else.

One builder for every test: :func:`build` takes whole columns; :func:`from_rows` takes a table
of one row per token whose columns a test names once (``"word head dep pos lemma"``), the shape
most parse tables read best in. A blank pipeline's Doc has no lemmas, tags or sentence starts
unless given; heads are indices into the Doc (a token's own index for a root).

Import as ``from tests.docs import ...`` (the repository root is on pytest's path), so a test
module can live in any folder under ``tests/``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import spacy
from spacy.tokens import Doc

#: The blank English pipeline: its tokenizer only (for Docs from plain text) and its vocab.
BLANK = spacy.blank("en")

#: A row column's name -> the :class:`~spacy.tokens.Doc` keyword taking that column.
COLUMNS = {
    "word": "words",
    "space": "spaces",
    "tag": "tags",
    "pos": "pos",
    "head": "heads",
    "dep": "deps",
    "lemma": "lemmas",
    "ent": "ents",
    "sent_start": "sent_starts",
}


def build(
    words: Sequence[str],
    *,
    spaces: Sequence[bool] | None = None,
    tags: Sequence[str] | None = None,
    pos: Sequence[str] | None = None,
    heads: Sequence[int] | None = None,
    deps: Sequence[str] | None = None,
    lemmas: Sequence[str] | None = None,
    ents: Sequence[str] | None = None,
    sent_starts: Sequence[bool] | None = None,
) -> Doc:
    """A Doc of ``words`` with the given annotations (a space after every word unless
    ``spaces`` says otherwise)."""

    def listed(column: Sequence[Any] | None) -> list[Any] | None:
        return None if column is None else list(column)

    return Doc(
        BLANK.vocab,
        words=list(words),
        spaces=listed(spaces),
        tags=listed(tags),
        pos=listed(pos),
        heads=listed(heads),
        deps=listed(deps),
        lemmas=listed(lemmas),
        ents=listed(ents),
        sent_starts=listed(sent_starts),
    )


def from_rows(rows: Sequence[Sequence[Any]], fields: str, **columns: Any) -> Doc:
    """A Doc from one row per token, its columns named in order by ``fields`` (names of
    :data:`COLUMNS`, ``_`` for a column to ignore); ``columns`` adds or overrides whole columns
    by their :func:`build` keyword (``spaces=``, ``ents=``)."""
    names = fields.split()
    unknown = set(names) - set(COLUMNS) - {"_"}
    assert not unknown, f"unknown row columns: {sorted(unknown)}"
    table = {COLUMNS[n]: [row[i] for row in rows] for i, n in enumerate(names) if n != "_"}
    words = table.pop("words")
    return build(words, **{**table, **columns})


def tight(keys: Sequence[str], before: Collection[str]) -> list[bool]:
    """Spaces for a Doc: one after every token but the last, and none before a token whose key
    (its word or its tag) is in ``before`` (``"."``, ``","``, ``"%"``, a possessive's ``POS``)."""
    return [i + 1 < len(keys) and keys[i + 1] not in before for i in range(len(keys))]


def lowered(words: Sequence[str]) -> list[str]:
    """Lemmas for a blank pipeline, which has no lemmatizer: each word in lower case."""
    return [w.lower() for w in words]


#: (word, tag, pos, head index, dep, entity IOB): a full parse, one row per token.
Row = tuple[str, str, str, int, str, str]


def make_doc(rows: Sequence[Row]) -> Doc:
    """A fully parsed Doc from :data:`Row` rows: no space before punctuation or a possessive
    ending, lemmas in lower case."""
    return from_rows(
        rows,
        "word tag pos head dep ent",
        spaces=tight([r[1] for r in rows], {".", ",", "POS"}),
        lemmas=lowered([r[0] for r in rows]),
    )
