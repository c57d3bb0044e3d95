"""spaCy pipeline loading by a configurable name."""

from .pipeline import DEFAULT_MODELS, load_pipeline

__all__ = ["DEFAULT_MODELS", "load_pipeline"]
