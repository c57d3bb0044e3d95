"""Rendering a story: ``render(story, fmt)``, the one entry for every output format.

``json`` is the story.json contract (:mod:`.story_json`); ``markdown`` and ``html`` are the two
briefs, both rendered from the story.json dict through the typed views of :mod:`.views`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from ..records import Story
from ..stories.grouping import Grouping

Format = Literal["json", "markdown", "html"]

#: Output format for each file extension the CLI accepts.
FORMATS: dict[str, Format] = {
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


def render(story: Story, fmt: Format, grouping: Grouping | None = None) -> str:
    """``story`` as story.json, brief.md or brief.html text."""
    return render_all(story, (fmt,), grouping)[fmt]


def render_all(
    story: Story, formats: Iterable[Format], grouping: Grouping | None = None
) -> dict[Format, str]:
    """``story`` in each of ``formats``; the story.json dict both briefs read is built once.
    ``grouping`` (a story of a mixed run) adds story.json's ``clustering``; the briefs do not
    show it (the run's index page does), so a story's briefs read alike in either run."""
    from .html import render_html
    from .markdown import render_markdown
    from .story_json import story_to_dict, story_to_json

    wanted = list(dict.fromkeys(formats))
    out: dict[Format, str] = {}
    if "json" in wanted:
        out["json"] = story_to_json(story, grouping)
    briefs = [fmt for fmt in wanted if fmt != "json"]
    if briefs:
        data = story_to_dict(story, grouping)
        for fmt in briefs:
            out[fmt] = render_html(data) if fmt == "html" else render_markdown(data)
    return out
