"""Direct quotes and reported speech with their speakers: pure functions over a Doc."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Mention, Quote


def extract_quotes(doc: Doc, article_id: str, mentions: list[Mention]) -> list[Quote]:
    """Every direct quote and reported-speech attribution in ``doc`` with its speaker resolved
    within the article (``speaker_name``) or left unresolved with a reason."""
    raise NotImplementedError  # helper: quotes
