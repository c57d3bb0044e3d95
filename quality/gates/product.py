"""The product run the gates score: ``newsprism.pipeline.analyze`` on a folder, once per process.

Gates that score what ``newsprism analyze`` reports go through here rather than calling internal
steps with arguments of their own: a gate that feeds a step inputs the product never gives it
(the parses to ``refine_publication_dates``, a body read by hand) measures a path nobody runs.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from newsprism.config import Settings
from newsprism.pipeline import analyze
from newsprism.records import Story


@cache
def story_of(folder: Path) -> Story:
    """The story ``newsprism analyze FOLDER`` builds (default settings, quiet); cached, so the
    gates scoring one corpus share one run."""
    return analyze([str(folder)], Settings(quiet=True))
