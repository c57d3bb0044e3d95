"""Things describe themselves, and these tests prove the docs say what the code does."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from newsprism.cli import app
from newsprism.config import SETTINGS
from newsprism.report.story_json import story_schema

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_command_is_documented() -> None:
    cli_doc = (DOCS / "cli.md").read_text()
    group = typer.main.get_command(app)
    for name in group.commands:  # type: ignore[attr-defined]
        assert f"## `newsprism {name}" in cli_doc, f"docs/cli.md lacks a section for {name}"


def test_every_setting_is_documented() -> None:
    doc = (DOCS / "configuration.md").read_text()
    for setting in SETTINGS:
        assert f"| `{setting.name}` |" in doc, f"docs/configuration.md lacks {setting.name}"


def test_every_top_level_story_key_is_documented() -> None:
    doc = (DOCS / "story-format.md").read_text()
    documented = set(re.findall(r"`([a-z_]+)`", doc))
    for key in story_schema()["required"]:
        assert key in documented, f"docs/story-format.md lacks {key}"


def test_every_article_key_is_documented() -> None:
    doc = (DOCS / "story-format.md").read_text()
    article = story_schema()["properties"]["articles"]["items"]
    for key in article["required"]:
        assert f"`{key}`" in doc, f"docs/story-format.md lacks articles[].{key}"
