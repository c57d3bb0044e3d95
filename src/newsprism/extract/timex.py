"""Time expressions normalised TIMEX3-style, and publication-date inference."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from ..records import Published, TimeExpression


def extract_time_expressions(doc: Doc, article_id: str, anchor: date | None) -> list[TimeExpression]:
    """Every time expression in ``doc``, normalised against ``anchor`` (the publication date)."""
    raise NotImplementedError  # helper: timex


def infer_publication_date(doc: Doc, article_id: str) -> Published:
    """A publication date inferred from the text alone (``how="inferred"``), or unknown."""
    raise NotImplementedError  # helper: timex
