"""Everything read off one parsed article: ``analyze_doc`` (in :mod:`.document`).

Exported lazily: the value primitives of :mod:`.timex.values` are imported by the renderers and
the linker, which must not pay for loading the extractors (and spaCy) to read a date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .document import analyze_doc


def __getattr__(name: str) -> Any:
    if name == "analyze_doc":
        from .document import analyze_doc

        return analyze_doc
    raise AttributeError(f"module 'newsprism.extract' has no attribute {name!r}")


__all__ = ["analyze_doc"]
