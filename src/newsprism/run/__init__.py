"""Running the per-article analysis: ``analyze_articles``, in this process or a process pool."""

from .local import analyze_articles

__all__ = ["analyze_articles"]
