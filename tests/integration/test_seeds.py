"""The five seed articles (../shared/seeds) end to end: headlines, clean text, the main actors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.pipeline import analyze
from newsprism.report.story_json import story_to_dict, validate_story

pytestmark = [pytest.mark.model, pytest.mark.shared]


@pytest.fixture(scope="module")
def story(shared: Path) -> dict:  # type: ignore[type-arg]
    data = story_to_dict(analyze([str(shared / "seeds")], Settings(quiet=True)))
    validate_story(data)
    return data


def _gold(shared: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(p.read_text()) for p in sorted((shared / "gold").glob("0*.gold.json"))]


def test_five_articles_with_their_headlines(story: dict, shared: Path) -> None:  # type: ignore[type-arg]
    assert len(story["articles"]) == 5
    titles = {a["title"] for a in story["articles"]}
    for gold in _gold(shared):
        # the gold title may carry the outlet suffix that newsprism moves to `outlet`
        assert any(gold["title"].startswith(t) for t in titles), gold["title"]


def test_no_gold_boilerplate_line_is_left(story: dict, shared: Path) -> None:  # type: ignore[type-arg]
    by_source = {Path(a["source"]).name: a for a in story["articles"]}
    for gold in _gold(shared):
        lines = {line.strip() for line in by_source[gold["file"]]["text"].splitlines()}
        left = [b for b in gold["boilerplate_lines"] if b.strip() in lines]
        assert not left, f"{gold['file']}: {left}"


def test_people_include_putin_and_xi(story: dict) -> None:  # type: ignore[type-arg]
    people = {e["name"] for e in story["entities"] if e["type"] == "person"}
    assert {"Vladimir Putin", "Xi Jinping"} <= people


def test_offsets_point_into_the_text(story: dict) -> None:  # type: ignore[type-arg]
    texts = {a["id"]: a["text"] for a in story["articles"]}
    items = story["quotes"] + story["quantities"] + story["time_expressions"]
    items += [m for e in story["entities"] for m in e["mentions"]]
    for item in items:
        assert texts[item["article"]][item["start"] : item["end"]] == item["text"]
