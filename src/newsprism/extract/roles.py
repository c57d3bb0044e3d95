"""Roles and affiliations of people as an article states them ("Russian President Vladimir Putin")."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Mention, Role


def extract_roles(doc: Doc, mentions: list[Mention]) -> list[tuple[int, Role]]:
    """``(index into mentions, role)`` for every role stated next to a mention."""
    raise NotImplementedError  # helper: entities
