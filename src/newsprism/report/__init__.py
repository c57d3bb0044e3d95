"""Rendering a story: ``render(story, fmt)``, the one entry for every output format.

``json`` is the story.json contract (:mod:`.story_json`); ``markdown`` and ``html`` are the two
briefs, both rendered from the story.json dict through the typed views of :mod:`.views`.
"""

from __future__ import annotations

from typing import Literal

from ..records import Story

Format = Literal["json", "markdown", "html"]

#: Output format for each file extension the CLI accepts.
FORMATS: dict[str, Format] = {
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


def render(story: Story, fmt: Format) -> str:
    """``story`` as story.json, brief.md or brief.html text."""
    from .story_json import story_to_dict, story_to_json

    if fmt == "json":
        return story_to_json(story)
    data = story_to_dict(story)
    if fmt == "html":
        from .html import render_html

        return render_html(data)
    from .markdown import render_markdown

    return render_markdown(data)
