"""Turn a :class:`~newsprism.records.RawDocument` into a clean :class:`~newsprism.records.Article`."""

from __future__ import annotations

from ..records import Article, RawDocument


def to_article(raw: RawDocument) -> Article:
    """Clean ``raw`` (boilerplate removal for plain-text bodies, whitespace normalisation) and
    build the Article with its content-hash id and the removed lines."""
    raise NotImplementedError  # helper: cleaning
