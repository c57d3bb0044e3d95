"""Quantities: value, unit, scale, measure, direction and period: pure functions over a Doc."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Quantity


def extract_quantities(doc: Doc, article_id: str) -> list[Quantity]:
    """Every quantity in ``doc`` with what it measures."""
    raise NotImplementedError  # helper: quantities
