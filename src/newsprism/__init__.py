"""newsprism: many outlets' coverage of one event turned into one structured, verifiable story.

>>> import newsprism
>>> story = newsprism.analyze("articles/")          # doctest: +SKIP
>>> newsprism.story_to_dict(story)["entities"][0]   # doctest: +SKIP
>>> stories = newsprism.analyze_stories("feed/")    # doctest: +SKIP (mixed inputs: one per story)
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

from .config import Settings, load_settings
from .errors import NewsprismError
from .records import (
    Article,
    ArticleAnalysis,
    Entity,
    Mention,
    Published,
    Quality,
    QualityFlag,
    Quantity,
    Quote,
    RawDocument,
    RemovedLine,
    Role,
    Skip,
    Span,
    Story,
    TimeExpression,
)

if TYPE_CHECKING:  # imported lazily below: `import newsprism` stays light (no spaCy load)
    from .pipeline import analyze, analyze_stories
    from .report.story_json import story_to_dict, story_to_json

_LAZY = {
    "analyze": "newsprism.pipeline",
    "analyze_stories": "newsprism.pipeline",
    "story_to_dict": "newsprism.report.story_json",
    "story_to_json": "newsprism.report.story_json",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsprism' has no attribute {name!r}")


__all__ = [
    "Article",
    "ArticleAnalysis",
    "Entity",
    "Mention",
    "NewsprismError",
    "Published",
    "Quality",
    "QualityFlag",
    "Quantity",
    "Quote",
    "RawDocument",
    "RemovedLine",
    "Role",
    "Settings",
    "Skip",
    "Span",
    "Story",
    "TimeExpression",
    "__version__",
    "analyze",
    "analyze_stories",
    "load_settings",
    "story_to_dict",
    "story_to_json",
]
