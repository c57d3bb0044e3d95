"""Source quality: signals of machine-spun or garbled text, with evidence spans."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Quality


def assess_quality(doc: Doc, article_id: str) -> Quality:
    """A garbledness score in [0, 1] with the evidence spans behind it."""
    raise NotImplementedError  # helper: entities
