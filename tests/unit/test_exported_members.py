"""The public API is explicit: names in __all__ exist and are pinned here."""

from __future__ import annotations

import newsprism

EXPECTED = {
    "Article", "ArticleAnalysis", "Entity", "Mention", "NewsprismError", "Published", "Quality",
    "QualityFlag", "Quantity", "Quote", "RawDocument", "RemovedLine", "Role", "Settings", "Skip",
    "Span", "Story", "TimeExpression", "__version__", "analyze", "analyze_stories", "load_settings", "story_to_dict",
    "story_to_json",
}  # fmt: skip


def test_all_is_pinned() -> None:
    assert set(newsprism.__all__) == EXPECTED


def test_every_exported_name_resolves() -> None:
    for name in newsprism.__all__:
        assert getattr(newsprism, name) is not None, name
