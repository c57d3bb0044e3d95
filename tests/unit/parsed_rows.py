"""Hand-built parsed Docs for unit tests: no trained model, every annotation spelled out."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

VOCAB = spacy.blank("en").vocab

# (word, tag, pos, head index, dep, entity IOB)
Row = tuple[str, str, str, int, str, str]


def make_doc(rows: list[Row]) -> Doc:
    """A parsed Doc; no space before punctuation or a possessive ending."""
    tight = {".", ",", "POS"}
    spaces = [i + 1 < len(rows) and rows[i + 1][1] not in tight for i in range(len(rows))]
    return Doc(
        VOCAB,
        words=[r[0] for r in rows],
        spaces=spaces,
        tags=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        heads=[r[3] for r in rows],
        deps=[r[4] for r in rows],
        lemmas=[r[0].lower() for r in rows],
        ents=[r[5] for r in rows],
    )
