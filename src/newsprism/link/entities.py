"""Canonical entities across all articles of a run (near-linear: blocked by name keys)."""

from __future__ import annotations

from collections.abc import Sequence

from ..records import ArticleAnalysis, Entity


def canonicalise(analyses: Sequence[ArticleAnalysis]) -> list[Entity]:
    """Cluster every mention of every analysis into canonical entities with aliases and roles."""
    raise NotImplementedError  # helper: entities
