"""The bundled example corpus end to end, checked against examples/expected.json.

The corpus is fiction written for newsprism (see examples/README.md); expected.json records what a
careful reader finds in it. Items inside a JSONL or feed file are keyed by ``(file, item)``.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsprism.config import Settings
from newsprism.pipeline import analyze
from newsprism.report.story_json import story_to_dict, validate_story

pytestmark = pytest.mark.model

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXPECTED: dict[str, Any] = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
JSON = dict[str, Any]


def _key(item: JSON) -> tuple[str, int]:
    return item["file"], int(item.get("item", 1))


@pytest.fixture(scope="module")
def story() -> JSON:
    data = story_to_dict(analyze(EXAMPLES / "corpus", Settings(quiet=True)))  # one Path is one input
    validate_story(data)
    return data


@pytest.fixture(scope="module")
def by_key(story: JSON) -> dict[tuple[str, int], JSON]:
    """Expected (file, item) -> the story's article, matched by title."""
    titles = {a["title"]: a for a in story["articles"]}
    return {_key(e): titles[e["title"]] for e in EXPECTED["articles"] if e["title"] in titles}


def test_every_article_is_read_with_its_metadata(story: JSON, by_key: dict[tuple[str, int], JSON]) -> None:
    assert not story["skipped"]
    assert len(story["articles"]) == len(EXPECTED["articles"])
    for expected in EXPECTED["articles"]:
        article = by_key.get(_key(expected))
        assert article is not None, f"missing article {expected['title']!r}"
        assert article["outlet"] == expected["outlet"]
        if "url" in expected:
            assert article["url"] == expected["url"]
        if expected["published_how"] == "metadata":
            assert article["published"]["how"] == "metadata"
            assert article["published"]["value"][:10] == expected["published"]


def test_missing_dates_are_inferred_within_a_day(by_key: dict[tuple[str, int], JSON]) -> None:
    for expected in EXPECTED["articles"]:
        if expected["published_how"] != "inferred":
            continue
        published = by_key[_key(expected)]["published"]
        assert published["how"] == "inferred", expected["title"]
        assert published["evidence"] and 0 < published["confidence"] <= 1
        got = date.fromisoformat(published["value"][:10])
        assert abs((got - date.fromisoformat(expected["published"])).days) <= 1, expected["title"]


def test_boilerplate_goes_and_subheadings_stay(by_key: dict[tuple[str, int], JSON]) -> None:
    for item in EXPECTED["boilerplate_removed"]:
        article = by_key[_key(item)]
        assert item["line"] not in article["text"].splitlines(), item
        assert item["line"] in [r["line"] for r in article["removed"]], item
    for item in EXPECTED["subheadings_kept"]:
        assert item["line"] in by_key[_key(item)]["text"].splitlines(), item


def _person_of(story: JSON) -> dict[tuple[str, int, int], str]:
    """(article id, start, end) of every person mention -> entity name."""
    return {
        (m["article"], m["start"], m["end"]): e["name"]
        for e in story["entities"]
        if e["type"] == "person"
        for m in e["mentions"]
    }


def test_people_are_canonicalised_across_spellings(story: JSON) -> None:
    """Every written variant of a person (titles, misspellings, transliterations, surname only)
    is covered, wherever it occurs, by a mention of that one person entity."""
    people = {e["name"]: e for e in story["entities"] if e["type"] == "person"}
    for person in EXPECTED["people"]:
        entity = people.get(person["canonical"])
        assert entity is not None, f"no person entity named {person['canonical']!r}"
        spans = [(m["article"], m["start"], m["end"]) for m in entity["mentions"]]
        for variant in person["variants"]:
            covered = any(
                _overlap((start, start + len(variant)), (s, e)) >= min(len(variant), e - s)
                for article in story["articles"]
                for start in _occurrences(article["text"], variant)
                for (aid, s, e) in spans
                if aid == article["id"]
            )
            assert covered, f"{person['canonical']}: variant {variant!r} not merged"


def _occurrences(text: str, needle: str) -> list[int]:
    return [m.start() for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text)]


def test_people_sharing_a_surname_stay_apart(story: JSON) -> None:
    people = {e["name"] for e in story["entities"] if e["type"] == "person"}
    for pair in EXPECTED["distinct_people_sharing_surname"]:
        assert set(pair) <= people


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _find(article: JSON, text: str) -> tuple[int, int]:
    start = article["text"].find(text)
    assert start >= 0, f"expected text {text!r} not in article {article['title']!r}"
    return start, start + len(text)


def test_quotes_are_found_with_their_speakers(story: JSON, by_key: dict[tuple[str, int], JSON]) -> None:
    names = {e["id"]: e["name"] for e in story["entities"]}
    found = right = 0
    misses: list[str] = []
    for item in EXPECTED["quotes"]:
        article = by_key[_key(item)]
        gold = _find(article, item["text"])
        match = next(
            (
                q
                for q in story["quotes"]
                if q["article"] == article["id"]
                and _overlap(gold, (q["start"], q["end"])) >= 0.8 * (gold[1] - gold[0])
            ),
            None,
        )
        if match is None:
            misses.append(item["text"][:50])
            continue
        found += 1
        speaker = names.get(match["speaker"] or "", match["speaker_name"])
        right += speaker == item["speaker"]
    recall = found / len(EXPECTED["quotes"])
    assert recall >= 0.9, f"quote recall {recall:.2f}; missed {misses}"
    assert right / max(found, 1) >= 0.9, f"speaker accuracy {right / max(found, 1):.2f}"


def test_numbers_are_read_with_value_and_unit(story: JSON, by_key: dict[tuple[str, int], JSON]) -> None:
    hits = 0
    for item in EXPECTED["quantities"]:
        article = by_key[_key(item)]
        gold = _find(article, item["text"])
        hits += any(
            q["article"] == article["id"]
            and _overlap(gold, (q["start"], q["end"])) > 0
            and abs(q["value"] - item["value"]) <= 1e-6 * max(1.0, abs(item["value"]))
            and q["category"] == item["unit_category"]
            for q in story["quantities"]
        )
    assert hits / len(EXPECTED["quantities"]) >= 0.85


def test_dated_references_are_normalised(story: JSON, by_key: dict[tuple[str, int], JSON]) -> None:
    hits = 0
    wrong: list[str] = []
    for item in EXPECTED["time_expressions"]:
        article = by_key[_key(item)]
        gold = _find(article, item["text"])
        ok = any(
            t["article"] == article["id"]
            and _overlap(gold, (t["start"], t["end"])) > 0
            and t["value"] == item["value"]
            for t in story["time_expressions"]
        )
        hits += ok
        if not ok:
            wrong.append(f"{item['text']}={item['value']}")
    assert hits / len(EXPECTED["time_expressions"]) >= 0.85, wrong


def test_scare_quotes_are_not_speech(story: JSON, by_key: dict[tuple[str, int], JSON]) -> None:
    for item in EXPECTED["not_quotes"]:
        article = by_key[_key(item)]
        said = [q for q in story["quotes"] if q["article"] == article["id"] and q["text"] == item["text"]]
        assert not said, f"{item['text']!r} is {item['reason']}"
